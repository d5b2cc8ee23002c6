/**
 * Time as the logic layer sees it. Guest timers (`setTimeout`/`setInterval`) and the guest's
 * `Date.now()`/`new Date()` are driven by the host through a Clock, so tests and `mpk run --wait`
 * can run a mini-program on virtual time (`ManualClock`) while real hosts use `realClock`.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's own timers and wall clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface ManualTimer {
  id: number;
  due: number;
  fn: () => void;
}

/**
 * Virtual time: nothing fires until `advance(ms)` moves the clock. Due timers fire in order of
 * due time (then creation order), each with `now()` set to its due time.
 */
export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, ManualTimer>();

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: ManualTimer = { id: this.nextId++, due: this.time + delay, fn };
    this.timers.set(timer.id, timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock.advance: expected a duration >= 0, got ${ms}`);
    const end = this.time + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > end) break;
      this.timers.delete(next.id);
      this.time = Math.max(this.time, next.due);
      next.fn();
    }
    this.time = end;
  }

  /** Number of timers waiting to fire. */
  pending(): number {
    return this.timers.size;
  }

  /** Due time of the next timer, if any (useful to step from timer to timer). */
  nextDue(): number | undefined {
    return this.earliest()?.due;
  }

  private earliest(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers.values()) {
      if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    }
    return best;
  }
}
