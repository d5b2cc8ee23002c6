/**
 * Fair time: a mini-program's share of the host's real time is bounded, not only each task.
 *
 * A token bucket in milliseconds of wall time. The app earns `cpuMs` of credit per `cpuWindowMs`
 * of real time, up to `cpuBurstMs` (it starts full, so a heavy launch or a burst of taps runs at
 * once). Every task is charged the real time it took — inside the sandbox and while the host
 * handled what it produced — whether it succeeded or was stopped at its deadline. When the credit
 * is gone the app waits (its batches, timers and promise jobs queue up) until the credit is
 * positive again; the host's event loop runs meanwhile. An app that had to wait in
 * `maxThrottledWindows` consecutive windows without settling in between (the host's event loop
 * turned while it had nothing to do: `settled()`) wants more than its share for good: the host
 * terminates it (`exhausted()`). The debt is capped at `cpuBurstMs`: one huge task (a page whose
 * first render takes the host seconds) makes the app wait at most `cpuBurstMs / share`, never long
 * enough on its own to be terminated.
 *
 * Credit is earned as time passes on the host's real clock or on the app's own clock, whichever
 * moved more: on a real clock both agree; with virtual time (`ManualClock`: tests, `mpk run --wait`)
 * a harness that advances time by an hour lets an app's hourly timer run, while an app that keeps
 * the host busy without time moving is still held to its share of real time.
 */
import type { SandboxLimits } from './limits.ts';
import { hostDateNow, hostPerformanceNow } from './host-globals.ts';

export type FairTimeLimits = Pick<SandboxLimits, 'cpuMs' | 'cpuWindowMs' | 'cpuBurstMs' | 'maxThrottledWindows'>;

/** A monotonic clock in ms (performance.now where there is one). */
export const monotonicNow: () => number = hostPerformanceNow ?? hostDateNow;

export class CpuBudget {
  private credit: number;
  /** Time already turned into credit: the most either clock moved since the start. */
  private granted = 0;
  private readonly originVirtual: number;
  private readonly origin: number;
  private readonly rate: number;
  /** First and last window index of the current run of windows in which the app had to wait. */
  private streakFirst = -2;
  private streakLast = -2;
  /** Charged time per window, for the last few windows (index → ms). */
  private readonly used = new Map<number, number>();
  /** Total time charged and total time spent waiting, for reports. */
  chargedMs = 0;
  waitedMs = 0;
  readonly enabled: boolean;

  constructor(
    private readonly limits: FairTimeLimits,
    /** The app's own clock (virtual time earns credit too). */
    private readonly virtualNow: () => number = () => 0,
    private readonly now: () => number = monotonicNow,
  ) {
    this.enabled = limits.cpuMs < limits.cpuWindowMs;
    this.rate = limits.cpuMs / limits.cpuWindowMs;
    this.origin = now();
    this.originVirtual = virtualNow();
    this.credit = Math.max(limits.cpuBurstMs, limits.cpuMs);
  }

  /** Charges `ms` of the host's real time to the app. */
  charge(ms: number): void {
    if (!(ms > 0)) return;
    this.chargedMs += ms;
    if (!this.enabled) return;
    this.refill();
    this.credit = Math.max(this.credit - ms, -Math.max(this.limits.cpuBurstMs, this.limits.cpuMs));
    const index = this.windowOf(this.now());
    this.used.set(index, (this.used.get(index) ?? 0) + ms);
    const keep = this.limits.maxThrottledWindows + 1;
    for (const key of this.used.keys()) if (key < index - keep) this.used.delete(key);
  }

  /**
   * How long the app must wait before its next task may run (0: now). Called only when the app
   * has work waiting, so a positive answer means the app wants more than its share right now.
   */
  delay(): number {
    if (!this.enabled) return 0;
    this.refill();
    if (this.credit > 0) return 0;
    const wait = Math.ceil(-this.credit / this.rate) + 1;
    const now = this.now();
    this.waitedMs += wait;
    this.markThrottled(this.windowOf(now), this.windowOf(now + wait));
    return wait;
  }

  /** The app had nothing to do when the host's event loop turned: its run of throttled windows ends. */
  settled(): void {
    this.streakFirst = this.streakLast = -2;
  }

  /** True once the app has waited for credit in `maxThrottledWindows` consecutive windows (up to now) without settling. */
  exhausted(): boolean {
    if (!this.enabled || this.streakFirst < 0) return false;
    const current = this.windowOf(this.now());
    if (this.streakLast < current - 1) return false;
    return Math.min(this.streakLast, current) - this.streakFirst + 1 >= this.limits.maxThrottledWindows;
  }

  /** What the app used recently, for the termination message. */
  describe(): string {
    const { cpuMs, cpuWindowMs, maxThrottledWindows } = this.limits;
    const current = this.windowOf(this.now());
    let used = 0;
    for (const [index, ms] of this.used) if (index > current - maxThrottledWindows - 1) used += ms;
    const span = (maxThrottledWindows + 1) * cpuWindowMs;
    return (
      `it wanted more than its CPU budget of ${cpuMs} ms per ${cpuWindowMs} ms for ${maxThrottledWindows} windows in a row ` +
      `(${Math.round(used)} ms of the host's time in the last ${span} ms)`
    );
  }

  private refill(): void {
    // max(real, virtual) since the start, not per call: a coarse clock (Date.now's whole
    // milliseconds) next to a fine one would otherwise earn twice.
    const virtual = this.virtualNow() - this.originVirtual;
    const passed = Math.max(this.now() - this.origin, Number.isFinite(virtual) ? virtual : 0);
    const earned = Math.max(0, passed - this.granted) * this.rate;
    this.granted = Math.max(this.granted, passed);
    this.credit = Math.min(this.credit + earned, Math.max(this.limits.cpuBurstMs, this.limits.cpuMs));
  }

  private windowOf(time: number): number {
    return Math.floor((time - this.origin) / this.limits.cpuWindowMs);
  }

  private markThrottled(first: number, last: number): void {
    if (first <= this.streakLast + 1 && this.streakFirst >= 0) {
      this.streakLast = Math.max(this.streakLast, last);
    } else {
      this.streakFirst = first;
      this.streakLast = last;
    }
  }
}
