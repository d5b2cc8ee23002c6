import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { TestQuickJSWASMModule, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import ngDebugSync from '@jitl/quickjs-ng-wasmfile-debug-sync';
import { describe, expect, it } from 'vitest';
import type { HostToLogic } from '../../src/contract/protocol.ts';
import { ManualClock } from '../../src/sandbox/clock.ts';
import { EntryOp, type EntryOutcome } from '../../src/sandbox/engine.ts';
import { getBaseLibrarySource } from '../../src/sandbox/baselib-source.ts';
import { resolveLimits } from '../../src/sandbox/limits.ts';
import { QuickJsEngine } from '../../src/sandbox/quickjs-engine.ts';
import { variantOf, type QuickJsEngineSource } from '../../src/sandbox/wasm.ts';
import { appBundle, ENGINES, FakeHost } from './support/fake-host.ts';

const tap = (handler: string): HostToLogic => ({ t: 'event', id: 1, handler, event: { type: 'tap' } as never });

const PROBE = `Page({
  probe() {
    const attempts = {
      process: () => typeof process,
      require: () => typeof require,
      module: () => typeof module,
      globalProcess: () => typeof globalThis.process,
      window: () => typeof window,
      fetch: () => typeof fetch,
      evalCall: () => eval('1 + 1'),
      indirectEval: () => (0, globalThis.eval)('1 + 1'),
      newFunction: () => new Function('return 1')(),
      functionWithArgs: () => Function('a', 'return this')(),
      globalLookup: () => Function('return this')() === globalThis && new Function(' return this; ')() === globalThis,
      functionCtor: () => (function () {}).constructor('return 1')(),
      asyncCtor: () => Object.getPrototypeOf(async function () {}).constructor('return 1'),
      generatorCtor: () => Object.getPrototypeOf(function* () {}).constructor('yield 1'),
      stringTimer: () => setTimeout('console.log(1)', 0),
      reflectFunction: () => Reflect.construct(Function, ['return 1'])(),
      hostFromNatives: () => Object.getOwnPropertyNames(globalThis).filter((k) => /native|send|invoke|dispatch|mpkEntry|mpkIO/i.test(k)).join(','),
    };
    const out = {};
    for (const [name, fn] of Object.entries(attempts)) {
      try { out[name] = 'ok:' + String(fn()) } catch (e) { out[name] = 'threw:' + e.name }
    }
    console.log(JSON.stringify(out));
  },
});`;

describe.each(ENGINES)('the guest cannot reach the host (%s)', (engine) => {
  it('has no process/require/host globals and no dynamic code', async () => {
    const host = await FakeHost.start(appBundle({ 'pages/index/index': PROBE }, 'App({})'), { engine });
    try {
      await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, tap('probe'));
      const result = JSON.parse(host.trail()[0] as string);
      expect(result).toEqual({
        process: 'ok:undefined',
        require: 'ok:undefined',
        module: 'ok:undefined',
        globalProcess: 'ok:undefined',
        window: 'ok:undefined',
        fetch: 'ok:undefined',
        evalCall: 'threw:EvalError',
        indirectEval: 'threw:EvalError',
        newFunction: 'threw:EvalError',
        functionWithArgs: 'threw:EvalError',
        // lodash's and regenerator-runtime's way to the global object (antd-mini's Table imports lodash.get): no code is compiled.
        globalLookup: 'ok:true',
        functionCtor: 'threw:EvalError',
        asyncCtor: 'threw:EvalError',
        generatorCtor: 'threw:EvalError',
        stringTimer: 'threw:TypeError',
        reflectFunction: 'threw:EvalError',
        hostFromNatives: 'ok:',
      });
    } finally {
      await host.dispose();
    }
  });
});

describe('two QuickJS sandboxes are isolated', () => {
  it('share no globals, timers or memory', async () => {
    const clockA = new ManualClock(1000);
    const clockB = new ManualClock(5000);
    const page = `Page({
      set() { globalThis.shared = 'from A'; Array.prototype.polluted = true; setTimeout(() => console.log('timer fired ' + Date.now()), 100) },
      read() { console.log('shared=' + typeof globalThis.shared + ' polluted=' + typeof [].polluted + ' now=' + Date.now()) },
      grow() { globalThis.keep = []; for (let i = 0; i < 40; i++) globalThis.keep.push('z'.repeat(1 << 20) + i) },
    });`;
    const a = await FakeHost.start(appBundle({ 'pages/index/index': page }, 'App({})'), { clock: clockA });
    const b = await FakeHost.start(appBundle({ 'pages/index/index': page }, 'App({})'), { clock: clockB });
    try {
      for (const h of [a, b]) await h.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
      await a.send(tap('set'));
      await b.send(tap('read'));
      clockB.advance(1000);
      await b.settle();
      expect(b.trail()).toEqual(['shared=undefined polluted=undefined now=5000']);
      clockA.advance(100);
      await a.settle();
      expect(a.trail()).toEqual(['timer fired 1100']);
      const before = b.transport.memoryBytes!();
      await a.send(tap('grow'));
      expect(a.transport.memoryBytes!()).toBeGreaterThan(40 * 1024 * 1024);
      expect(b.transport.memoryBytes!()).toBe(before);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });
});

const require = createRequire(import.meta.url);
const debugSource: QuickJsEngineSource = {
  variant: variantOf(ngDebugSync),
  loadWasm: () => readFile(require.resolve('@jitl/quickjs-ng-wasmfile-debug-sync/wasm')),
};

describe('handles are disposed (debug build with leak checks)', () => {
  it('a full scenario leaves no QuickJS object or allocation behind', async () => {
    let testModule: TestQuickJSWASMModule | undefined;
    const host = await FakeHost.start(
      appBundle({
        'pages/index/index': `Page({
          data: { list: [1, 2, 3] },
          onLoad() { this.timer = setInterval(() => this.setData({ tick: Date.now() }), 10); setTimeout(() => {}, 100000) },
          go() {
            this.$spliceData({ list: [0, 1] }, () => {});
            my.getStorage({ key: 'k' }).then(() => console.log('got'));
            my.showToast({ content: 'pending forever' });
            Promise.reject(new Error('unhandled on purpose'));
            return Promise.reject(new Error('returned rejection'));
          },
          boom() { throw new Error('x') },
        });`,
        'components/c/c': `Component({ data: { a: 1 }, didUpdate() {}, methods: { up() { this.setData({ a: 2 }) } } });`,
      }, 'App({ onError() {} })'),
      {
        transport: {
          engine: debugSource,
          instrument: (module: QuickJSWASMModule) => (testModule = new TestQuickJSWASMModule(module)),
        },
        answer: (msg) => (msg.api === 'showToast' ? undefined : { ok: true, result: {} }),
        // The sanitizer build needs far more memory than the release build.
        limits: { heapBytes: 1024 * 1024 * 1024, taskMs: 10_000 },
      },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, { t: 'pageShow', id: 1 });
    await host.send({ t: 'compCreate', id: 2, is: 'components/c/c', page: 1, owner: 1, props: { p: 1 } }, { t: 'compMount', id: 2 });
    await host.send(tap('go'), tap('boom'), { t: 'event', id: 2, handler: 'up', event: { type: 'tap' } as never });
    await new Promise((r) => setTimeout(r, 30));
    await host.settle();
    expect(host.trail()).toContain('got');
    expect(testModule).toBeDefined();
    await host.dispose();
    testModule!.assertNoMemoryAllocated();
  });
});

describe('QuickJsEngine', () => {
  it('refuses host→guest re-entrancy beyond 32 levels and stays usable', async () => {
    const outcomes: EntryOutcome[] = [];
    let engine: QuickJsEngine | undefined;
    let depth = 0;
    const send = () => {};
    const invokeSync = () => {
      depth++;
      // A host that calls back into the guest from a sync invoke (which the transports never do).
      outcomes.push(engine!.call(EntryOp.Batch, JSON.stringify([{ t: 'event', id: 1, handler: 'again', event: {} }])));
      return JSON.stringify({ t: 'reply', cb: 0, ok: true, result: {} });
    };
    engine = await QuickJsEngine.create({
      source: (await import('../../src/sandbox/wasm.ts')).defaultEngineSource,
      limits: resolveLimits({ taskMs: 5000 }),
      natives: { send, invokeSync, timer: () => 0 },
      baseLibrary: await getBaseLibrarySource(),
    });
    try {
      const init = [{ t: 'init', protocol: 1, apis: [{ name: 'getStorageSync', kind: 'sync' }], sdkVersion: '1', env: {}, eagerModules: true }];
      expect(engine.call(EntryOp.Batch, JSON.stringify(init))).toEqual({ ok: true });
      expect(engine.evalScript('logic.js', appBundle({ 'pages/index/index': `Page({ again() { my.getStorageSync({ key: 'k' }) } });` }, 'App({})')).ok).toBe(true);
      const launch = [{ t: 'appLaunch', options: { path: '', query: {}, scene: 1 } }, { t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }];
      expect(engine.call(EntryOp.Batch, JSON.stringify(launch))).toEqual({ ok: true });
      const first = engine.call(EntryOp.Batch, JSON.stringify([{ t: 'event', id: 1, handler: 'again', event: {} }]));
      expect(first.ok).toBe(true);
      expect(depth).toBe(32);
      expect(outcomes.filter((o) => !o.ok)).toEqual([expect.objectContaining({ failure: 'refused' })]);
      expect(engine.call(EntryOp.Flush, '')).toEqual({ ok: true });
    } finally {
      engine.dispose();
    }
  });
});
