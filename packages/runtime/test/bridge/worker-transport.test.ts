/**
 * The Web Worker transport, run under Node: the page side (`createWorkerTransport`) talks to the
 * same worker loop in a worker_threads worker. Batches, scripts, idle tracking, synchronous calls
 * over the SharedArrayBuffer channel, the watchdog and dispose are the browser's code paths too.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostToLogic, LogicToHost, ReplyMessage } from '../../src/contract/protocol.ts';
import { createWorkerTransport, type WorkerTransport } from '../../src/bridge/transports/worker.ts';
import { getBaseLibrarySource } from '../../src/sandbox/baselib-source.ts';
import { appBundle } from '../logic/support/fake-host.ts';
import { LOGIC_WORKER, nodeWorker } from './support/node-worker.ts';


let wasm: WebAssembly.Module;
let baseLibrary: string;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  wasm = await WebAssembly.compile(await readFile(require.resolve('@jitl/quickjs-ng-wasmfile-release-sync/wasm')));
  baseLibrary = await getBaseLibrarySource();
});

const init: HostToLogic = {
  t: 'init',
  protocol: 1,
  apis: [
    { name: 'getStorageSync', kind: 'sync', params: ['key'] },
    { name: 'showToast', kind: 'async', params: ['content'] },
  ],
  sdkVersion: '2.9.0',
  env: {},
  eagerModules: true,
};
const launch: HostToLogic[] = [
  { t: 'appLaunch', options: { path: 'pages/index/index', query: {}, scene: 1000 } },
  { t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} },
  { t: 'stack', ids: [1] },
  { t: 'pageShow', id: 1 },
];

describe('createWorkerTransport (worker_threads)', () => {
  let transport: WorkerTransport | undefined;
  afterEach(async () => {
    await transport?.dispose();
    transport = undefined;
  });

  it('runs the base library and the app in the worker: batches in order, idle after the work', async () => {
    transport = await createWorkerTransport({ createWorker: () => nodeWorker(), wasm, baseLibrary });
    const batches: LogicToHost[][] = [];
    transport.onMessage((batch) => batches.push(batch));
    transport.loadScript('logic.js', appBundle({ 'pages/index/index': `Page({ data: { n: 1 }, onShow() { console.log('shown', this.data.n) }, plus() { this.setData({ n: this.data.n + 1 }) } })` }));
    transport.post([init]);
    transport.post(launch);
    await transport.idle();
    const flat = batches.flat();
    expect(flat[0]).toEqual({ t: 'ready', protocol: 1 });
    expect(flat).toContainEqual({ t: 'log', level: 'log', args: ['shown', 1] });
    expect(flat).toContainEqual({ t: 'patch', id: 1, seq: 1, ops: [['set', [], { n: 1 }]], ack: false });

    batches.length = 0;
    transport.post([{ t: 'event', id: 1, handler: 'plus', event: { type: 'tap', timeStamp: 0, target: { tagName: 'view', dataset: {} }, currentTarget: { tagName: 'view', dataset: {} } } }]);
    await transport.idle();
    expect(batches.flat()).toEqual([{ t: 'patch', id: 1, seq: 2, ops: [['set', ['n'], 2]], ack: false }]);
    expect(transport.memoryBytes()).toBeGreaterThan(0);
  });

  it('answers synchronous calls through the shared channel, large results included', async () => {
    transport = await createWorkerTransport({ createWorker: () => nodeWorker(), wasm, baseLibrary });
    expect(transport.syncCalls).toBe(true);
    const big = 'x'.repeat(200_000);
    transport.onSyncInvoke((msg): ReplyMessage => {
      const key = (msg.args as { key: string }).key;
      if (key === 'boom') throw new Error('backend exploded');
      return { t: 'reply', cb: msg.cb, ok: true, result: { data: key === 'big' ? big : `value of ${key}` } };
    });
    const logs: unknown[][] = [];
    transport.onMessage((batch) => {
      for (const m of batch) if (m.t === 'log') logs.push(m.args);
    });
    transport.loadScript(
      'logic.js',
      appBundle({
        'pages/index/index': `Page({ onLoad() {
          console.log(my.getStorageSync({ key: 'a' }).data);
          console.log(my.getStorageSync({ key: 'big' }).data.length);
          try { my.getStorageSync({ key: 'boom' }) } catch (e) { console.log('failed', e.error, e.message) }
        } })`,
      }),
    );
    transport.post([init]);
    transport.post(launch);
    await transport.idle();
    expect(logs.slice(2)).toEqual([['value of a'], [200_000], ['failed', 3, 'getStorageSync: backend exploded']]);
  });

  it('terminates a worker that stops answering and reports it; dispose is final', async () => {
    transport = await createWorkerTransport({ createWorker: () => nodeWorker(LOGIC_WORKER, { hang: true }), wasm, baseLibrary, unresponsiveMs: 300 });
    const errors: LogicToHost[] = [];
    transport.onMessage((batch) => errors.push(...batch.filter((m) => m.t === 'error')));
    transport.post([init]);
    await transport.idle();
    expect(transport.terminated).toBe(true);
    expect(errors).toEqual([{ t: 'error', kind: 'terminated', message: expect.stringMatching(/stopped responding/) }]);
    transport.post([init]);
    await transport.idle();
  });

  it('rejects when the worker cannot start (a broken base library)', async () => {
    await expect(createWorkerTransport({ createWorker: () => nodeWorker(), wasm, baseLibrary: 'this is not javascript(' })).rejects.toThrow(
      /could not start.*base library/,
    );
  });
});
