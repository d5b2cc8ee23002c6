import { afterEach, describe, expect, it } from 'vitest';
import type { HostToLogic, LogicToHost } from '../../src/contract/protocol.ts';
import { createQuickJsTransport, createVmTransport } from '../../src/bridge/transports/index.ts';
import { ManualClock } from '../../src/sandbox/clock.ts';
import { appBundle, ENGINES, FakeHost } from '../logic/support/fake-host.ts';

const init: HostToLogic = { t: 'init', protocol: 1, apis: [{ name: 'getStorageSync', kind: 'sync' }], sdkVersion: '2.9.0', env: {}, eagerModules: true };
const tap = (handler: string): HostToLogic => ({ t: 'event', id: 1, handler, event: { type: 'tap' } as never });
const make = (engine: string) => (engine === 'vm' ? createVmTransport : createQuickJsTransport);

describe.each(ENGINES)('transport protocol (%s)', (engine) => {
  let host: FakeHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  it('never re-enters the guest inside post(); delivers one batch per entry, in order', async () => {
    const transport = await make(engine)({});
    try {
      const batches: LogicToHost[][] = [];
      transport.onMessage((batch) => batches.push(batch));
      transport.loadScript('logic.js', appBundle({ 'pages/index/index': `Page({ data: { v: 1 }, onShow() { console.log('shown') } })` }, 'App({})'));
      transport.post([init]);
      transport.post([{ t: 'appLaunch', options: { path: 'pages/index/index', query: {}, scene: 1 } }, { t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, { t: 'pageShow', id: 1 }]);
      expect(batches).toEqual([]);
      await transport.idle();
      expect(batches).toEqual([
        [{ t: 'ready', protocol: 1 }],
        [
          { t: 'log', level: 'log', args: ['shown'] },
          { t: 'patch', id: 1, seq: 1, ops: [['set', [], { v: 1 }]], ack: false },
        ],
      ]);
    } finally {
      await transport.dispose();
    }
  });

  it('answers the handshake and reports a protocol mismatch; ignores unknown and malformed messages', async () => {
    host = await FakeHost.create({ engine });
    await host.send({ ...init, protocol: 2 as 1 });
    await host.send({ t: 'fromTheFuture' } as never, null as never, { nope: 1 } as never, { t: 'pageShow', id: 404 });
    expect(host.messages[0]).toMatchObject({ t: 'error', message: expect.stringMatching(/protocol 1.*protocol 2/) });
    expect(host.messages[1]).toEqual({ t: 'ready', protocol: 1 });
    expect(host.messages).toHaveLength(2);
  });

  it('runs guest timers on the host Clock: nothing fires until advance(); Date follows the clock', async () => {
    const clock = new ManualClock(1_000_000);
    host = await FakeHost.start(
      appBundle({
        'pages/index/index': `Page({
          go() {
            console.log('start ' + Date.now() + ' ' + new Date().getTime());
            setTimeout((x) => console.log('timeout ' + x + ' at ' + Date.now()), 100, 'arg');
            this.iv = setInterval(() => { console.log('tick ' + Date.now()); if (++this.n === 3) clearInterval(this.iv) }, 30);
            this.n = 0;
            const t = setTimeout(() => console.log('cleared timer fired!'), 50);
            clearTimeout(t);
          },
        });`,
      }, 'App({})'),
      { engine, clock },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, tap('go'));
    expect(host.trail()).toEqual(['start 1000000 1000000']);
    for (let i = 0; i < 5; i++) {
      clock.advance(30);
      await host.settle();
    }
    expect(host.trail()).toEqual(['start 1000000 1000000', 'tick 1000030', 'tick 1000060', 'tick 1000090', 'timeout arg at 1000120']);
    expect(clock.pending()).toBe(0);
  });

  it('with a ManualClock, idle() does not wait for a 0 ms timer; advance(0) fires it', async () => {
    const clock = new ManualClock();
    host = await FakeHost.start(appBundle({ 'pages/index/index': `Page({ go() { setTimeout(() => console.log('zero'), 0) } })` }, 'App({})'), { engine, clock });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, tap('go'));
    expect(host.trail()).toEqual([]);
    expect(clock.nextDue()).toBe(0);
    clock.advance(0);
    await host.settle();
    expect(host.trail()).toEqual(['zero']);
  });

  it('idle() waits for due timers but not for future ones', async () => {
    host = await FakeHost.start(appBundle({ 'pages/index/index': `Page({ go() { setTimeout(() => console.log('soon'), 0); setTimeout(() => console.log('much later'), 60000) } })` }, 'App({})'), { engine });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, tap('go'));
    expect(host.trail()).toEqual(['soon']);
  });

  it('answers sync invokes through onSyncInvoke; without a handler the API throws error 1', async () => {
    const transport = await make(engine)({});
    try {
      const logs: unknown[] = [];
      transport.onMessage((batch) => batch.forEach((m) => m.t === 'log' && logs.push(m.args[0])));
      transport.loadScript('logic.js', appBundle({}, `App({ onLaunch() {
        try { console.log('value ' + my.getStorageSync({ key: 'a' })) } catch (e) { console.log('error ' + e.error + ' ' + e.message) }
      } })`));
      transport.post([init, { t: 'appLaunch', options: { path: '', query: {}, scene: 1 } }]);
      await transport.idle();
      expect(logs).toEqual([expect.stringMatching(/^error 1 getStorageSync: synchronous APIs are not available/)]);
    } finally {
      await transport.dispose();
    }
    const second = await make(engine)({});
    try {
      const logs: unknown[] = [];
      second.onMessage((batch) => batch.forEach((m) => m.t === 'log' && logs.push(m.args[0])));
      second.onSyncInvoke((msg) => {
        if ((msg.args as { key: string }).key === 'throw') throw new Error('host bug');
        return { t: 'reply', cb: msg.cb, ok: true, result: 'v:' + (msg.args as { key: string }).key };
      });
      second.loadScript('logic.js', appBundle({}, `App({ onLaunch() {
        console.log(my.getStorageSync({ key: 'a' }));
        try { my.getStorageSync({ key: 'throw' }) } catch (e) { console.log('error ' + e.error + ' ' + e.message) }
      } })`));
      second.post([init, { t: 'appLaunch', options: { path: '', query: {}, scene: 1 } }]);
      await second.idle();
      expect(logs).toEqual(['v:a', 'error 3 getStorageSync: host bug']);
    } finally {
      await second.dispose();
    }
  });

  it('after dispose(): posts are dropped, idle() resolves, host timers are cleared', async () => {
    const clock = new ManualClock();
    host = await FakeHost.start(appBundle({ 'pages/index/index': `Page({ go() { setInterval(() => console.log('tick'), 10) } })` }, 'App({})'), { engine, clock });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, tap('go'));
    expect(clock.pending()).toBe(1);
    await host.dispose();
    expect(clock.pending()).toBe(0);
    const count = host.messages.length;
    host.transport.post([tap('go')]);
    host.transport.loadScript('x.js', 'console.log(1)');
    await host.transport.idle();
    clock.advance(100);
    expect(host.messages.length).toBe(count);
    host = undefined;
  });

  it('a task that throws in the host receiver does not stop later tasks', async () => {
    const transport = await make(engine)({});
    const seen: string[] = [];
    const failures: unknown[] = [];
    const onError = (err: unknown) => failures.push(err);
    process.on('uncaughtException', onError);
    try {
      let first = true;
      transport.onMessage((batch) => {
        seen.push(...batch.map((m) => m.t));
        if (first) {
          first = false;
          throw new Error('receiver bug');
        }
      });
      transport.post([init]);
      transport.post([init]);
      await transport.idle();
      await new Promise((r) => setTimeout(r, 0));
      expect(seen).toEqual(['ready', 'ready']);
      expect(failures).toEqual([expect.objectContaining({ message: 'receiver bug' })]);
    } finally {
      process.off('uncaughtException', onError);
      await transport.dispose();
    }
  });
});

describe('createQuickJsTransport', () => {
  it('reports the sandbox memory and rejects bad limits clearly', async () => {
    const transport = await createQuickJsTransport({ limits: { heapBytes: 32 * 1024 * 1024 } });
    try {
      expect(transport.memoryBytes()).toBe(16 * 1024 * 1024);
      expect(transport.terminated).toBe(false);
    } finally {
      await transport.dispose();
    }
    await expect(createQuickJsTransport({ limits: { taskMs: 0 } })).rejects.toThrow(/taskMs/);
  });
});
