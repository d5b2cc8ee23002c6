/**
 * Sandboxes booted from the process's WebAssembly memory snapshot (the default QuickJS boot path):
 * they start from one evaluation of the base library, yet share nothing — globals, module state,
 * `Math.random`, data, memory growth, failures and termination stay each sandbox's own — and they
 * dispose cleanly (no QuickJS object of the donor is left referenced in the copy).
 */
import { describe, expect, it } from 'vitest';
import type { HostToLogic } from '../../src/contract/protocol.ts';
import { EntryOp, type GuestNatives } from '../../src/sandbox/engine.ts';
import { resolveLimits } from '../../src/sandbox/limits.ts';
import { QuickJsEngine, type BootMode } from '../../src/sandbox/quickjs-engine.ts';
import { restore } from '../../src/sandbox/snapshot.ts';
import { defaultEngineSource, instantiate } from '../../src/sandbox/wasm.ts';
import { appBundle, FakeHost } from './support/fake-host.ts';

/**
 * A base library of our own: it notes when it was evaluated and keeps module state; its
 * dispatcher reports what the sandbox holds and marks the global object with its argument.
 */
const PROBE_LIBRARY = `(function () {
  const evaluatedAt = Date.now();
  let calls = 0;
  return function install(natives) {
    return function dispatch(op, arg) {
      calls++;
      natives.send(JSON.stringify({ evaluatedAt, calls, mark: globalThis.mark, random: [Math.random(), Math.random()] }));
      globalThis.mark = arg;
    };
  };
})()`;

interface Report {
  evaluatedAt: number;
  calls: number;
  mark?: string;
  random: number[];
}

async function probe(boot?: BootMode) {
  const sent: Report[] = [];
  const natives: GuestNatives = { send: (json) => void sent.push(JSON.parse(json) as Report), invokeSync: () => '{}', timer: () => 0 };
  const engine = await QuickJsEngine.create({ source: defaultEngineSource, limits: resolveLimits(), natives, baseLibrary: PROBE_LIBRARY, boot });
  const call = (arg: string) => {
    expect(engine.call(EntryOp.Batch, arg)).toEqual({ ok: true });
    return sent[sent.length - 1]!;
  };
  return { engine, call };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('QuickJS sandboxes from one memory snapshot', () => {
  it('start from one evaluation of the base library (the default), unlike sandboxes booted from source', async () => {
    const a = await probe();
    await pause(20);
    const b = await probe('snapshot');
    const c = await probe('source');
    await pause(20);
    const d = await probe('source');
    try {
      expect(a.call('a').evaluatedAt).toBe(b.call('b').evaluatedAt);
      expect(c.call('c').evaluatedAt).toBeLessThan(d.call('d').evaluatedAt);
    } finally {
      for (const s of [a, b, c, d]) s.engine.dispose();
    }
  });

  it('share no globals, module state or random sequence', async () => {
    const a = await probe();
    const b = await probe();
    try {
      const first = a.call('from A');
      expect(first).toMatchObject({ calls: 1 });
      expect(first.mark).toBeUndefined();
      expect(a.call('again')).toMatchObject({ calls: 2, mark: 'from A' });
      const inB = b.call('from B');
      expect(inB).toMatchObject({ calls: 1 });
      expect(inB.mark).toBeUndefined();
      expect(a.call('x')).toMatchObject({ calls: 3, mark: 'again' });
      expect(b.call('y')).toMatchObject({ calls: 2, mark: 'from B' });
      // Math.random's state is the donor's copy until it is reseeded per sandbox: the first values differ.
      expect(first.random).not.toEqual(inB.random);
      expect(new Set([...first.random, ...inB.random]).size).toBe(4);
    } finally {
      a.engine.dispose();
      b.engine.dispose();
    }
  });

  it('dispose cleanly: the copy holds no object the wrappers do not own', async () => {
    const image = await QuickJsEngine.snapshotOf(defaultEngineSource, PROBE_LIBRARY);
    for (let i = 0; i < 2; i++) {
      const memory = new WebAssembly.Memory({ initial: image.pages, maximum: image.pages * 2 });
      const { ctx, installer } = restore(await instantiate(defaultEngineSource, memory, true), memory, image);
      const natives = ctx.newObject();
      const send = ctx.newFunction('send', () => undefined);
      ctx.setProp(natives, 'send', send);
      const dispatcher = ctx.unwrapResult(ctx.callFunction(installer, ctx.undefined, natives));
      ctx.unwrapResult(ctx.callFunction(dispatcher, ctx.undefined, ctx.undefined, ctx.undefined)).dispose();
      for (const handle of [send, natives, dispatcher, installer]) handle.dispose();
      // QuickJS aborts (RuntimeError: Aborted(Assertion failed: list_empty(&rt->gc_obj_list))) when objects are left.
      expect(() => ctx.dispose()).not.toThrow();
      expect(ctx.alive).toBe(false);
    }
  });
});

const tap = (handler: string): HostToLogic => ({ t: 'event', id: 1, handler, event: { type: 'tap' } as never });

describe('apps in sandboxes from one snapshot', () => {
  const PAGE = `Page({
    data: { who: '' },
    set() { globalThis.shared = 'A'; Array.prototype.polluted = true; this.setData({ who: 'A' }); console.log('random ' + Math.random()) },
    read() { this.setData({ who: 'B' }); console.log('shared=' + typeof globalThis.shared + ' polluted=' + typeof [].polluted + ' random ' + Math.random()) },
    bomb() { const keep = []; while (true) keep.push({ i: keep.length, s: 'x'.repeat(64) }) },
    ok() { console.log('still running') },
  });`;
  const APP = `App({ onError() {} })`;

  it('keep their data apart, and one running out of memory or being terminated leaves the other running', async () => {
    const limits = { taskMs: 5000, heapBytes: 32 * 1024 * 1024, maxConsecutiveFailures: 2 };
    const a = await FakeHost.start(appBundle({ 'pages/index/index': PAGE }, APP), { limits });
    const b = await FakeHost.start(appBundle({ 'pages/index/index': PAGE }, APP), { limits });
    try {
      for (const h of [a, b]) await h.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
      await a.send(tap('set'));
      await b.send(tap('read'));
      expect(a.data.get(1)).toEqual({ who: 'A' });
      expect(b.data.get(1)).toEqual({ who: 'B' });
      const [randomA] = a.trail() as string[];
      const [readB] = b.trail() as string[];
      expect(readB).toMatch(/^shared=undefined polluted=undefined random /);
      expect(readB!.split('random ')[1]).not.toBe(randomA!.split('random ')[1]);

      const memoryB = b.transport.memoryBytes!();
      await a.send(tap('bomb'));
      expect(a.errors('oom').length).toBe(1);
      expect(b.transport.memoryBytes!()).toBe(memoryB);
      await b.send(tap('ok'));
      expect(b.trail()).toContain('still running');

      await a.send(tap('bomb'));
      expect(a.errors('terminated')).toHaveLength(1);
      expect(a.transport.terminated).toBe(true);
      expect(b.transport.terminated).toBe(false);
      await b.send(tap('ok'));
      expect((b.trail() as string[]).filter((line) => line === 'still running')).toHaveLength(2);
      expect(b.errors()).toEqual([]);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });
});
