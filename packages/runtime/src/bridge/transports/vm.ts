/**
 * The benchmark baseline transport: the same base library and protocol in a `node:vm` context.
 * It is NOT a security boundary (see `sandbox/vm-engine.ts`): use it to measure, not to isolate.
 */
import type { LogicTransport } from '../../contract/protocol.ts';
import { getBaseLibrarySource } from '../../sandbox/baselib-source.ts';
import { realClock, type Clock } from '../../sandbox/clock.ts';
import { resolveLimits, type SandboxLimits } from '../../sandbox/limits.ts';
import { LogicHost, transportOf } from '../../sandbox/logic-host.ts';
import { guardTransport } from '../boundary.ts';
import { VmEngine } from '../../sandbox/vm-engine.ts';

export interface VmTransportOptions {
  /** Only `taskMs`, `maxTimers` and `maxConsecutiveFailures` apply (vm has no heap or stack cap). */
  limits?: Partial<SandboxLimits>;
  clock?: Clock;
  baseLibrary?: string;
  /**
   * Stop tasks at `limits.taskMs` (default true). vm's timeout costs a watchdog per call (≈65 µs);
   * benchmarks that only measure the engine may turn it off — then nothing bounds a runaway task.
   */
  enforceDeadline?: boolean;
}

export interface VmTransport extends LogicTransport {
  readonly terminated: boolean;
}

export async function createVmTransport(options: VmTransportOptions = {}): Promise<VmTransport> {
  const limits = resolveLimits(options.limits);
  const host = new LogicHost({ limits, clock: options.clock ?? realClock });
  const engine = VmEngine.create({
    limits,
    natives: host.natives,
    baseLibrary: options.baseLibrary ?? (await getBaseLibrarySource()),
    enforceDeadline: options.enforceDeadline,
  });
  host.attach(engine);
  return guardTransport(transportOf(host, {}));
}
