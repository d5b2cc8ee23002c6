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
import { QuickJsEngine } from '../../sandbox/quickjs-engine.ts';
import { defaultEngineSource, type QuickJsEngineSource } from '../../sandbox/wasm.ts';

export interface QuickJsTransportOptions {
  limits?: Partial<SandboxLimits>;
  clock?: Clock;
  /** The QuickJS variant and where its `.wasm` comes from (default: quickjs-ng release, from node_modules). */
  engine?: QuickJsEngineSource;
  /** The base library script (default: `getBaseLibrarySource()`). */
  baseLibrary?: string;
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
  const limits = resolveLimits(options.limits);
  const host = new LogicHost({ limits, clock: options.clock ?? realClock });
  const engine = await QuickJsEngine.create({
    source: options.engine ?? defaultEngineSource,
    limits,
    natives: host.natives,
    baseLibrary: options.baseLibrary ?? (await getBaseLibrarySource()),
    instrument: options.instrument,
  });
  host.attach(engine);
  // What the guest sends is checked at the boundary before anyone sees it.
  return guardTransport(transportOf(host, { memoryBytes: () => engine.memoryBytes() }));
}
