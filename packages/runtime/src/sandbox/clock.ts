/**
 * Time as the logic layer sees it. Guest timers (`setTimeout`/`setInterval`) and the guest's
 * `Date.now()`/`new Date()` are driven by the host through a Clock, so tests and `mpk run --wait`
 * can run a mini-program on virtual time (`ManualClock`) while real hosts use `realClock`.
 */
import { hostClearTimeout, hostDateNow, hostSetTimeout } from './host-globals.ts';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's own timers and wall clock. */
export const realClock: Clock = {
  now: () => hostDateNow(),
  setTimeout: (fn, ms) => hostSetTimeout(fn, ms),
  clearTimeout: (handle) => hostClearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface ManualTimer {
  id: number;
  due: number;
  fn: () => void;
}

/**
 * Virtual time: nothing fires until `advance(ms)` moves the clock. Due timers fire in order of
 * due time (then creation order), each with `now()` set to its due time. Timers sit in a binary
 * heap (an app may keep a thousand intervals alive: each firing must not scan them all).
 */
export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, ManualTimer>();
  /** Min-heap by (due, id); entries of cleared timers are skipped when they surface. */
  private readonly heap: ManualTimer[] = [];

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
    this.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle !== 'number' || !this.timers.delete(handle)) return;
    // Cleared timers leave their heap entries behind: rebuild once they outnumber the live ones.
    if (this.heap.length > 64 + 2 * this.timers.size) {
      this.heap.length = 0;
      for (const timer of this.timers.values()) this.push(timer);
    }
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock.advance: expected a duration >= 0, got ${ms}`);
    const end = this.time + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > end) break;
      this.pop();
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
    const heap = this.heap;
    while (heap.length > 0 && this.timers.get(heap[0]!.id) !== heap[0]) this.pop();
    return heap[0];
  }

  private static before(a: ManualTimer, b: ManualTimer): boolean {
    return a.due < b.due || (a.due === b.due && a.id < b.id);
  }

  private push(timer: ManualTimer): void {
    const heap = this.heap;
    let i = heap.push(timer) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!ManualClock.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && ManualClock.before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && ManualClock.before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}
