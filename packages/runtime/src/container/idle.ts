/**
 * Waiting for idle, with a budget. An app can keep itself busy for ever without doing anything
 * wrong on a device (a `didUpdate` that measures with a selector query and sets data from the
 * answer, a timer that re-arms itself at once), where frames pace it; a headless run has no
 * frames, so `waitForIdle()` gives up after a number of batches or an amount of real time and says
 * what kept the app busy: the traffic that crossed the bridge while it waited, most frequent first.
 */
import type { HostToLogic, LogicToHost } from '../contract/protocol.ts';

export interface IdleBudget {
  /** Batches crossing the bridge (either way) while waiting, before giving up (default 10 000). */
  batches: number;
  /** Real time before giving up, in milliseconds (default 10 000). */
  ms: number;
}

export const DEFAULT_IDLE_BUDGET: Readonly<IdleBudget> = Object.freeze({ batches: 10_000, ms: 10_000 });

export function resolveIdleBudget(budget: Partial<IdleBudget> = {}): IdleBudget {
  const out = { ...DEFAULT_IDLE_BUDGET };
  for (const key of ['batches', 'ms'] as const) {
    const value = budget[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0)) throw new RangeError(`idle.${key} must be a positive number, got ${String(value)}`);
    out[key] = value;
  }
  return out;
}

export interface BusyActivity {
  /** What crossed, e.g. `patch components/measure/measure#4`, `invoke selectorQuery`, `rendered pages/index/index#1`. */
  what: string;
  count: number;
}

/** The container did not become idle within its budget. */
export class IdleTimeoutError extends Error {
  override name = 'IdleTimeoutError';
  constructor(
    message: string,
    /** The bridge traffic during the wait, most frequent first. */
    readonly busy: readonly BusyActivity[],
  ) {
    super(message);
  }
}

/**
 * One wait in progress: counts what crosses the bridge and runs out when the budget does
 * (`exhausted` resolves with the reason). The count is checked as batches arrive, because a busy
 * app's ping-pong never lets the logic layer look idle in between.
 */
export class IdleWatch {
  private readonly counts = new Map<string, number>();
  private batches = 0;
  private readonly started = Date.now();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private finish!: (reason: string) => void;
  /** Resolves with a reason ("within 300 ms") once the budget is spent; never rejects. */
  readonly exhausted: Promise<string>;

  constructor(
    private readonly budget: IdleBudget,
    private readonly nameOf: (id: number) => string,
  ) {
    this.exhausted = new Promise((resolve) => (this.finish = resolve));
    this.timer = setTimeout(() => this.finish(`within ${budget.ms} ms (${this.batches} batches)`), budget.ms);
  }

  record(messages: readonly (HostToLogic | LogicToHost)[]): void {
    const elapsed = Date.now() - this.started;
    if (++this.batches === this.budget.batches) this.finish(`within ${this.budget.batches} batches (${elapsed} ms)`);
    // A ping-pong on promise jobs can starve the timer: real time is checked here too.
    else if (elapsed >= this.budget.ms) this.finish(`within ${this.budget.ms} ms (${this.batches} batches)`);
    for (const msg of messages) {
      const key = this.describe(msg);
      if (key) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  top(limit = 6): BusyActivity[] {
    return [...this.counts.entries()]
      .map(([what, count]) => ({ what, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
  }

  private describe(msg: HostToLogic | LogicToHost): string | undefined {
    const m = msg as { t: string; id?: unknown; api?: unknown; handler?: unknown; name?: unknown };
    const instance = typeof m.id === 'number' ? ` ${this.nameOf(m.id)}` : '';
    switch (m.t) {
      case 'invoke':
        return `invoke ${String(m.api)}`;
      case 'reply':
      case 'log':
      case 'ready':
      case 'init':
        return m.t;
      case 'event':
        return `event ${String(m.handler)}${instance}`;
      case 'hostEvent':
        return `hostEvent ${String(m.name)}`;
      default:
        return `${m.t}${instance}`;
    }
  }
}

/** The message of an IdleTimeoutError. */
export function busyMessage(reason: string, busy: readonly BusyActivity[], pending: readonly string[]): string {
  const traffic = busy.length > 0 ? ` Traffic while waiting: ${busy.map((b) => `${b.what} ×${b.count}`).join(', ')}.` : '';
  const waiting = pending.length > 0 ? ` Still waiting for: ${pending.join(', ')}.` : '';
  return (
    `the mini-program did not become idle ${reason}.${traffic}${waiting} ` +
    'An app that keeps itself busy (didUpdate → selectorQuery → setData, a timer re-arming itself at once) never settles without frames to pace it; ' +
    'raise the budget with the `idle` option ({ batches, ms }) if it is only slow.'
  );
}
