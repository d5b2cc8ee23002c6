/**
 * The unit the container pool keeps: a QuickJS sandbox booted ahead (`prepareQuickJsSandbox`),
 * attached once to a fresh protocol loop, never twice; and the pool freeing every sandbox it did
 * not hand out, checked with the debug build's leak detection. Whole containers from a pool are
 * tested in test/security/pool-isolation.test.ts and test/limits/pool-limits.test.ts.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { TestQuickJSWASMModule, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import ngDebugSync from '@jitl/quickjs-ng-wasmfile-debug-sync';
import { describe, expect, it } from 'vitest';
import { prepareQuickJsSandbox } from '../../src/bridge/transports/quickjs.ts';
import { createContainerPool } from '../../src/container/pool.ts';
import { PROTOCOL_VERSION, type LogicToHost } from '../../src/contract/protocol.ts';
import { ManualClock } from '../../src/sandbox/clock.ts';
import { variantOf, type QuickJsEngineSource } from '../../src/sandbox/wasm.ts';

const require = createRequire(import.meta.url);
const debugSource: QuickJsEngineSource = {
  variant: variantOf(ngDebugSync),
  loadWasm: () => readFile(require.resolve('@jitl/quickjs-ng-wasmfile-debug-sync/wasm')),
};
// The sanitizer build needs far more memory than the release build.
const DEBUG_LIMITS = { heapBytes: 1024 * 1024 * 1024, taskMs: 10_000 };

describe('a sandbox booted ahead', () => {
  it('answers the handshake once attached, on the clock it is attached with, and is attached only once', async () => {
    const sandbox = await prepareQuickJsSandbox({ limits: { taskMs: 500 } });
    expect(sandbox.limits.taskMs).toBe(500);
    const clock = new ManualClock(1_700_000_000_000);
    const transport = sandbox.attach(clock);
    const received: LogicToHost[] = [];
    transport.onMessage((batch) => received.push(...batch));
    transport.post([{ t: 'init', protocol: PROTOCOL_VERSION, apis: [], sdkVersion: '2.9.0', env: {}, eagerModules: true }]);
    // The guest's clock is the one given at attach time (virtual time here), not the one at boot.
    transport.loadScript('probe.js', "console.log('now', Date.now(), 'perf', performance.now() < 1000)");
    await transport.idle();
    expect(received).toContainEqual({ t: 'ready', protocol: PROTOCOL_VERSION });
    expect(received).toContainEqual(expect.objectContaining({ t: 'log', args: ['now', 1_700_000_000_000, 'perf', true] }));
    expect(() => sandbox.attach(clock)).toThrow('mpk: this sandbox was already attached; a sandbox serves one app only');
    transport.dispose();
  });

  it('leaves no QuickJS object or allocation behind when disposed unattached, or attached and used', async () => {
    const modules: TestQuickJSWASMModule[] = [];
    const instrument = (module: QuickJSWASMModule) => {
      const test = new TestQuickJSWASMModule(module);
      modules.push(test);
      return test;
    };
    const unused = await prepareQuickJsSandbox({ engine: debugSource, limits: DEBUG_LIMITS, instrument });
    unused.dispose();
    const used = await prepareQuickJsSandbox({ engine: debugSource, limits: DEBUG_LIMITS, instrument });
    const transport = used.attach(new ManualClock());
    transport.post([{ t: 'init', protocol: PROTOCOL_VERSION, apis: [], sdkVersion: '2.9.0', env: {}, eagerModules: true }]);
    await transport.idle();
    transport.dispose();
    expect(modules).toHaveLength(2);
    for (const module of modules) module.assertNoMemoryAllocated();
  }, 60_000);
});

describe('pool.dispose()', () => {
  it('frees every ready sandbox (debug build: nothing left allocated) and stops refilling', async () => {
    const modules: TestQuickJSWASMModule[] = [];
    const pool = createContainerPool({
      size: 2,
      engine: debugSource,
      limits: DEBUG_LIMITS,
      instrument: (module) => {
        const test = new TestQuickJSWASMModule(module);
        modules.push(test);
        return test;
      },
    });
    await pool.ready();
    expect(pool.stats()).toMatchObject({ size: 2, ready: 2, warming: 0 });
    pool.dispose();
    expect(pool.stats()).toMatchObject({ ready: 0, warming: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(modules).toHaveLength(2);
    for (const module of modules) module.assertNoMemoryAllocated();
  }, 60_000);
});
