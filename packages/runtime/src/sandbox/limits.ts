/** Resource limits of one logic sandbox. */
export interface SandboxLimits {
  /** Heap budget: the maximum size of the sandbox's WebAssembly memory (QuickJS). Minimum 16 MiB. */
  heapBytes: number;
  /** QuickJS stack limit, set before every entry into the VM. */
  stackBytes: number;
  /** CPU deadline of one task (a host→guest batch, a timer callback, a promise-job drain). */
  taskMs: number;
  /** Promise jobs run per `executePendingJobs` call while draining (the loop is bounded by `taskMs`). */
  jobBudget: number;
  /** Live guest timers allowed at once; `setTimeout` beyond it throws a RangeError in the guest. */
  maxTimers: number;
  /** Consecutive failed tasks (timeout / out of memory) after which the sandbox is terminated. */
  maxConsecutiveFailures: number;
  /**
   * Fair time: the host's real time the app may use, `cpuMs` per `cpuWindowMs` of wall time (every
   * task counts: batches, timers, job drains, lifecycles, and the host handling what they produced).
   * An app out of credit waits; `cpuMs >= cpuWindowMs` turns the share off. See `sandbox/fair-time.ts`.
   */
  cpuMs: number;
  cpuWindowMs: number;
  /** Credit an app starts with and may save up while quiet (a heavy launch, a burst of taps). */
  cpuBurstMs: number;
  /** Consecutive windows in which the app had to wait for credit before it is terminated. */
  maxThrottledWindows: number;
}

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  heapBytes: 64 * 1024 * 1024,
  stackBytes: 256 * 1024,
  taskMs: 1000,
  jobBudget: 64,
  maxTimers: 1000,
  maxConsecutiveFailures: 3,
  cpuMs: 500,
  cpuWindowMs: 1000,
  cpuBurstMs: 1000,
  maxThrottledWindows: 5,
});

/** Fills in defaults and rejects nonsense values with a clear error. */
export function resolveLimits(limits: Partial<SandboxLimits> = {}): SandboxLimits {
  const out: SandboxLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(limits) as [keyof SandboxLimits, unknown][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_LIMITS)) throw new TypeError(`Unknown sandbox limit "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`Sandbox limit "${key}" must be a positive number, got ${String(value)}`);
    }
    out[key] = Math.floor(value);
  }
  if (out.cpuMs > out.cpuWindowMs) {
    throw new RangeError(`Sandbox limit "cpuMs" (${out.cpuMs}) cannot exceed "cpuWindowMs" (${out.cpuWindowMs}): it is a share of the window`);
  }
  return out;
}
