/**
 * Debug mode's worker (`sandbox/worker-debug-entry.ts`, `PlainEngine`), run under Node: the app in
 * the worker's own realm, no QuickJS. The base library replaces the realm's timers, `Date.now` and
 * `queueMicrotask` for the app, and the loop must keep working on the originals; promise jobs run
 * natively after each entry, and what they produce still goes out (and idle waits for it); bundles
 * are named by the URL the page gives (`scriptUrl`), which stacks then carry.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { HostToLogic, LogicToHost, ReplyMessage } from '../../src/contract/protocol.ts';
import { createWorkerTransport, type WorkerTransport } from '../../src/bridge/transports/worker.ts';
import { getBaseLibrarySource } from '../../src/sandbox/baselib-source.ts';
import { appBundle } from '../logic/support/fake-host.ts';
import { DEBUG_WORKER, nodeWorker } from './support/node-worker.ts';


let baseLibrary: string;
let transport: WorkerTransport | undefined;
beforeAll(async () => {
  baseLibrary = await getBaseLibrarySource();
});
afterEach(async () => {
  await transport?.dispose();
  transport = undefined;
});

const init: HostToLogic = {
  t: 'init',
  protocol: 1,
  apis: [
    { name: 'getStorage', kind: 'async', params: ['key'] },
    { name: 'getStorageSync', kind: 'sync', params: ['key'] },
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
const tap = (handler: string): HostToLogic => ({
  t: 'event',
  id: 1,
  handler,
  event: { type: 'tap', timeStamp: 0, target: { tagName: 'view', dataset: {} }, currentTarget: { tagName: 'view', dataset: {} } },
});

it('runs the app with promise jobs, timers, the clock and sync calls; stacks name the served URL', async () => {
  transport = await createWorkerTransport({
    createWorker: () => nodeWorker(DEBUG_WORKER),
    wasm: new Uint8Array(0),
    baseLibrary,
    scriptUrl: (filename) => `http://127.0.0.1:8800/b/3/${filename}`,
    unresponsiveMs: Number.POSITIVE_INFINITY,
  });
  const out: LogicToHost[] = [];
  transport.onMessage((batch) => out.push(...batch));
  transport.onSyncInvoke((msg): ReplyMessage => ({ t: 'reply', cb: msg.cb, ok: true, result: { data: `sync ${(msg.args as { key: string }).key}` } }));
  transport.loadScript(
    'logic.js',
    appBundle({
      'pages/index/index': `Page({
        data: { n: 0 },
        onLoad() { console.log(typeof Date.now(), my.getStorageSync({ key: 'a' }).data) },
        async chain() { await null; await Promise.resolve(); this.setData({ n: 1 }) },
        later() { setTimeout(() => this.setData({ n: 2 }), 20) },
        boom() { throw new Error('from the handler') },
      })`,
    }),
  );
  transport.post([init]);
  transport.post(launch);
  await transport.idle();
  expect(out).toContainEqual({ t: 'log', level: 'log', args: ['number', 'sync a'] });

  out.length = 0;
  transport.post([tap('chain')]);
  await transport.idle();
  // Set after two awaits, i.e. in promise jobs after the entry: flushed, and idle waited for it.
  expect(out).toContainEqual(expect.objectContaining({ t: 'patch', id: 1, ops: [['set', ['n'], 1]] }));

  out.length = 0;
  transport.post([tap('later')]);
  await transport.idle();
  await new Promise((resolve) => setTimeout(resolve, 60));
  await transport.idle();
  expect(out).toContainEqual(expect.objectContaining({ t: 'patch', id: 1, ops: [['set', ['n'], 2]] }));

  out.length = 0;
  transport.post([tap('boom')]);
  await transport.idle();
  const error = out.find((m) => m.t === 'error') as Extract<LogicToHost, { t: 'error' }>;
  expect(error.message).toContain('from the handler');
  expect(error.stack).toContain('http://127.0.0.1:8800/b/3/logic.js:');
  expect(transport.memoryBytes()).toBe(0);
});
