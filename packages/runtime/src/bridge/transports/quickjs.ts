/**
 * The product transport: the logic layer in a QuickJS WebAssembly sandbox in this process.
 *
 * ```ts
 * const transport = await createQuickJsTransport({ limits: { taskMs: 500 } });
 * transport.onMessage((batch) => console.log(batch));
 * transport.loadScript('logic.js', source);
 * transport.post([{ t: 'init', protocol: 1, apis: [], sdkVersion: '2.9.0', env: {}, eagerModules: true }]);
 * await transport.idle();
 * ```
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { LogicTransport } from '../../contract/protocol.ts';
import { getBaseLibrarySource } from '../../sandbox/baselib-source.ts';
import { realClock, type Clock } from '../../sandbox/clock.ts';
import { resolveLimits, type SandboxLimits } from '../../sandbox/limits.ts';
import { LogicHost, transportOf } from '../../sandbox/logic-host.ts';
import { guardTransport } from '../boundary.ts';
import { QuickJsEngine, type BootMode } from '../../sandbox/quickjs-engine.ts';
import { defaultEngineSource, type QuickJsEngineSource } from '../../sandbox/wasm.ts';

export interface QuickJsTransportOptions {
  limits?: Partial<SandboxLimits>;
  clock?: Clock;
  /** The QuickJS variant and where its `.wasm` comes from (default: quickjs-ng release, from node_modules). */
  engine?: QuickJsEngineSource;
  /** The base library script (default: `getBaseLibrarySource()`). */
  baseLibrary?: string;
  /**
   * How the sandbox starts: `snapshot` (default) copies the memory of a sandbox booted once per
   * process; `source` evaluates the base library in a fresh engine (≈10× slower; for comparison).
   */
  boot?: BootMode;
  /** Test hook: wrap the WASM module (leak checks with `TestQuickJSWASMModule`). */
  instrument?(module: QuickJSWASMModule): Pick<QuickJSWASMModule, 'newContext'>;
}

export interface QuickJsTransport extends LogicTransport {
  /** Current size of the sandbox's WebAssembly memory in bytes (it never shrinks). */
  memoryBytes(): number;
  /** True once the sandbox gave up on the app (it sent `{ t:'error', kind:'terminated' }`). */
  readonly terminated: boolean;
}

export async function createQuickJsTransport(options: QuickJsTransportOptions = {}): Promise<QuickJsTransport> {
  return (await prepareQuickJsSandbox(options)).attach(options.clock ?? realClock);
}

/**
 * A logic sandbox booted ahead of its app (the container pool's unit): the QuickJS module, runtime
 * and context exist, the limits are applied and the base library is evaluated (≈95 % of a boot).
 * `attach(clock)` makes a fresh `LogicHost` (fair time, timers and failure count start then),
 * runs the base library's `install()` with its host functions (≈0.5 ms: lockdown, the guest's clock
 * origin, the dispatcher) and returns the transport. A prepared sandbox is attached once, to one
 * app, and never handed to another.
 */
export interface PreparedQuickJsSandbox {
  readonly limits: SandboxLimits;
  attach(clock: Clock): QuickJsTransport;
  /** Frees a sandbox that was never attached (an attached one is freed by its transport). */
  dispose(): void;
}

export async function prepareQuickJsSandbox(options: Omit<QuickJsTransportOptions, 'clock'> = {}): Promise<PreparedQuickJsSandbox> {
  const limits = resolveLimits(options.limits);
  const engine = await QuickJsEngine.create({
    source: options.engine ?? defaultEngineSource,
    limits,
    baseLibrary: options.baseLibrary ?? (await getBaseLibrarySource()),
    boot: options.boot,
    instrument: options.instrument,
  });
  let state: 'ready' | 'attached' | 'disposed' = 'ready';
  return {
    limits,
    attach(clock) {
      if (state !== 'ready') throw new Error(`mpk: this sandbox was already ${state}; a sandbox serves one app only`);
      state = 'attached';
      const logic = new LogicHost({ limits, clock });
      try {
        engine.install(logic.natives);
      } catch (error) {
        engine.dispose();
        throw error;
      }
      logic.attach(engine);
      // What the guest sends is checked at the boundary before anyone sees it.
      return guardTransport(transportOf(logic, { memoryBytes: () => engine.memoryBytes() }));
    },
    dispose() {
      if (state !== 'ready') return;
      state = 'disposed';
      engine.dispose();
    },
  };
}
