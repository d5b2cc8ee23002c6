/**
 * The host side of the logic layer, independent of the engine and of where it runs: a queue of
 * tasks (batches, scripts, timers, job drains) processed on a microtask, one entry into the guest
 * per task, the guest's output delivered after each task, host timers on a Clock, synchronous
 * invokes, and the failure policy (timeouts and heap exhaustion are reported, repeated failures
 * terminate the sandbox). A Web Worker transport runs this same loop inside the worker.
 */
import type { HostToLogic, InvokeMessage, LogicToHost, LogicTransport, ReplyMessage } from '../contract/protocol.ts';
import { ManualClock, type Clock } from './clock.ts';
import { EntryOp, type EntryOutcome, type GuestEngine, type GuestNatives } from './engine.ts';
import type { SandboxLimits } from './limits.ts';
import { CpuBudget, monotonicNow } from './fair-time.ts';
import { DEFAULT_BOUNDARY_LIMITS } from '../bridge/validate.ts';
import { HostPromise, hostClearTimeout, hostQueueMicrotask, hostSetImmediate, hostSetTimeout } from './host-globals.ts';

type Task =
  | { kind: 'batch'; json: string; guestError?: boolean }
  | { kind: 'script'; filename: string; source: string }
  | { kind: 'timer'; id: number }
  | { kind: 'jobs' }
  /** After a failed task: let the guest finish the rest of an interrupted batch. */
  | { kind: 'resume' };

interface HostTimer {
  handle: unknown;
  due: number;
  /** HTML's timer nesting level: 1 for a timer set outside timer callbacks, one more per nesting. */
  level: number;
  /** It fell due and its task waits in the queue (it still counts as a live timer). */
  queued: boolean;
}

/**
 * Longest stretch of back-to-back work before yielding to the host's event loop: tasks of one pump,
 * and pumps chained through microtasks (a reply answered in a microtask, posted, answered again…).
 */
const SLICE_MS = 50;
/** Timer clamping as in HTML (timer initialisation steps): nested deeper than 5, at least 4 ms. */
const TIMER_NESTING_CLAMP = 5;
const TIMER_MIN_NESTED_MS = 4;
/**
 * An app has settled when the host's event loop turns while it has nothing to do: no task queued,
 * no promise job, no timer due within a frame (real clock). Throttled windows count toward
 * termination only between two settles: a host driving an app hard (a test suite opening page after
 * page) lets it settle between its steps; an app that keeps itself busy never does.
 */
const SETTLE_MS = 16;

/** Counts runs of work without a turn of the host's event loop, across every LogicHost of the process. */
let chains = 0;
/** When the last pump of any LogicHost of the process ended (monotonic ms). */
let lastPumpEnd = -Infinity;

/** Runs `fn` on a later turn of the host's event loop (after the current task and its microtasks). */
const setImmediateOf = hostSetImmediate;
const macrotask: (fn: () => void) => void = setImmediateOf ? (fn) => void setImmediateOf(fn) : (fn) => void hostSetTimeout(fn, 0);

export interface LogicHostOptions {
  limits: SandboxLimits;
  clock: Clock;
}

export class LogicHost implements LogicTransport {
  private engine: GuestEngine | undefined;
  private readonly queue: Task[] = [];
  private scheduled = false;
  private running = false;
  private closed = false;
  private failures = 0;
  private receiver: ((batch: LogicToHost[]) => void) | undefined;
  private syncHandler: ((msg: InvokeMessage) => ReplyMessage) | undefined;
  private output: LogicToHost[] = [];
  private readonly timers = new Map<number, HostTimer>();
  private idleWaiters: (() => void)[] = [];
  private readonly limits: SandboxLimits;
  private readonly clock: Clock;
  /** Fair time: the app's share of the host's real time (sandbox/fair-time.ts). */
  private readonly budget: CpuBudget;
  /** The host's timer waking a throttled app. */
  private wake: ReturnType<typeof setTimeout> | undefined;
  /** When the current run of work without a turn of the host's event loop began. */
  private chainStart: number | undefined;
  private chain = 0;
  /** The chain in which this host's last pump ended, and when. */
  private endedIn = -1;
  private endedAt = 0;
  /** Nesting level of the timer whose task is running (0 outside timer tasks). */
  private timerLevel = 0;
  /** A check whether the app settled is waiting for the next turn of the host's event loop. */
  private settleCheck = false;
  /** Promise jobs of an engine that runs them after its entries (`GuestEngine.onJobs`) are still to run. */
  private asyncJobs = false;
  /** Set once the sandbox gave up on the app (`kind: 'terminated'` was sent). */
  terminated = false;

  /** The host functions the engine installs into the guest. */
  readonly natives: GuestNatives;

  constructor(options: LogicHostOptions) {
    this.limits = options.limits;
    this.clock = options.clock;
    this.budget = new CpuBudget(options.limits, () => options.clock.now());
    this.natives = {
      send: (json) => this.receiveFromGuest(json),
      invokeSync: (json) => this.answerSync(json),
      timer: (id, ms) => this.setTimer(id, ms),
    };
  }

  attach(engine: GuestEngine): void {
    this.engine = engine;
    engine.onJobs?.((pending) => {
      this.asyncJobs = pending;
      // Their output goes out with a flush of its own (the 'jobs' task drains nothing more here).
      if (!pending && !this.queue.some((t) => t.kind === 'jobs')) this.enqueue({ kind: 'jobs' });
    });
  }

  // ---------------------------------------------------------------- LogicTransport

  post(batch: HostToLogic[]): void {
    if (this.closed || !Array.isArray(batch) || batch.length === 0) return;
    this.enqueue({ kind: 'batch', json: JSON.stringify(batch) });
  }

  onMessage(handler: (batch: LogicToHost[]) => void): void {
    this.receiver = handler;
  }

  loadScript(filename: string, source: string): void {
    if (this.closed) return;
    this.enqueue({ kind: 'script', filename: String(filename), source: String(source) });
  }

  onSyncInvoke(handler: (msg: InvokeMessage) => ReplyMessage): void {
    this.syncHandler = handler;
  }

  idle(): Promise<void> {
    if (this.isIdle()) return HostPromise.resolve();
    return new HostPromise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    if (this.closed) return;
    this.shutdown();
  }

  // ---------------------------------------------------------------- queue

  private enqueue(task: Task, first = false): void {
    if (first) this.queue.unshift(task);
    else this.queue.push(task);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.closed) return;
    this.chargeHostWork();
    this.scheduled = true;
    // Work chained through microtasks never lets the host's event loop turn: past a slice, go on
    // from a macrotask instead.
    if (this.chainStart !== undefined && monotonicNow() - this.chainStart > SLICE_MS) this.later(0);
    else hostQueueMicrotask(() => this.pump());
  }

  /** Pumps again after `ms` of real time (the host's own timer: fair time is real time). */
  private later(ms: number): void {
    this.wake = hostSetTimeout(() => {
      this.wake = undefined;
      this.chainStart = undefined;
      this.pump();
    }, ms);
  }

  private pump(): void {
    this.scheduled = false;
    if (this.closed || this.running) return;
    this.running = true;
    const started = monotonicNow();
    if (this.chainStart === undefined) {
      this.chainStart = started;
      this.chain = ++chains;
      macrotask(() => {
        this.chainStart = undefined;
      });
    }
    try {
      while (this.queue.length > 0 && !this.closed) {
        const wait = this.budget.delay();
        if (this.budget.exhausted()) {
          this.terminate(`terminated for using more than its share of the host's time: ${this.budget.describe()}`);
          break;
        }
        if (wait > 0) {
          // Out of credit: the app waits, the host's event loop runs.
          this.scheduled = true;
          this.later(wait);
          return;
        }
        const now = monotonicNow();
        if (now - started > SLICE_MS || now - this.chainStart! > SLICE_MS) {
          // Let the host breathe (I/O, rendering) between long runs of tasks.
          this.scheduled = true;
          this.later(0);
          return;
        }
        this.runTask(this.queue.shift()!);
        // Every task is charged what it took of the host's time, stopped at its deadline or not.
        this.budget.charge(monotonicNow() - now);
      }
    } finally {
      this.running = false;
      this.endedIn = this.chainStart === undefined ? -1 : this.chain;
      this.endedAt = lastPumpEnd = monotonicNow();
    }
    if (!this.settleCheck && !this.closed && this.queue.length === 0) {
      this.settleCheck = true;
      macrotask(() => {
        this.settleCheck = false;
        if (this.isSettled()) this.budget.settled();
      });
    }
    this.settleIdle();
  }

  private isSettled(): boolean {
    if (this.closed || this.queue.length > 0 || this.running || this.scheduled || this.asyncJobs) return false;
    if (this.engine?.hasPendingJobs()) return false;
    // Virtual timers fire only when the harness moves time: they are not the app keeping itself busy.
    if (this.clock instanceof ManualClock) return true;
    const soon = this.clock.now() + SETTLE_MS;
    for (const timer of this.timers.values()) if (timer.queued || timer.due <= soon) return false;
    return true;
  }

  /**
   * What the host did between this app's last pump and new work for it, without a turn of its
   * event loop in between (routing a redirectTo, answering a JSAPI call in microtasks), was done
   * for this app: it is charged too (from the end of the last pump of any app, so another app's
   * tasks in the same stretch are not).
   */
  private chargeHostWork(): void {
    if (this.chainStart === undefined || this.endedIn !== this.chain) return;
    this.endedIn = -1;
    this.budget.charge(monotonicNow() - Math.max(this.endedAt, lastPumpEnd));
  }

  private isIdle(): boolean {
    if (this.closed) return true;
    if (this.queue.length > 0 || this.running || this.scheduled || this.asyncJobs) return false;
    if (this.engine?.hasPendingJobs()) return false;
    // A ManualClock fires nothing until its owner advances it: waiting for its due timers would hang.
    if (this.clock instanceof ManualClock) return true;
    const now = this.clock.now();
    for (const timer of this.timers.values()) if (timer.due <= now) return false;
    return true;
  }

  private settleIdle(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // ---------------------------------------------------------------- tasks

  private runTask(task: Task): void {
    const engine = this.engine;
    if (!engine) return;
    if (task.kind === 'timer') {
      const timer = this.timers.get(task.id);
      // Cleared (or re-armed) after it fell due: nothing to run.
      if (!timer?.queued) return;
      this.timers.delete(task.id);
      this.timerLevel = timer.level;
    }
    try {
      this.runEntry(task, engine);
    } finally {
      this.timerLevel = 0;
    }
  }

  private runEntry(task: Task, engine: GuestEngine): void {
    this.output = [];
    let outcome: EntryOutcome;
    switch (task.kind) {
      case 'batch':
        outcome = engine.call(EntryOp.Batch, task.json);
        break;
      case 'timer':
        outcome = engine.call(EntryOp.Timer, task.id);
        break;
      case 'script':
        outcome = engine.evalScript(task.filename, task.source);
        // Defining modules after launch may run them (and setData): flush what they produced.
        if (outcome.ok || outcome.failure === 'error') {
          const flushed = engine.call(EntryOp.Flush, '');
          if (!flushed.ok && outcome.ok) outcome = flushed;
        }
        break;
      case 'resume':
        outcome = engine.call(EntryOp.Flush, '');
        break;
      case 'jobs':
        outcome = { ok: true };
        break;
    }
    if (outcome.ok || outcome.failure === 'error') {
      const drained = engine.runJobs();
      if (drained.ok && drained.jobs > 0) {
        const flushed = engine.call(EntryOp.Flush, '');
        if (!flushed.ok) outcome = flushed;
      } else if (!drained.ok) outcome = drained;
    }
    this.deliver(this.output);
    this.output = [];
    this.handleOutcome(task, outcome);
    // Jobs left behind (a drain that timed out) run as their own task: it fails again and again
    // until the failure limit terminates the sandbox, so an endless chain cannot hang `idle()`.
    if (!this.closed && engine.hasPendingJobs() && !this.queue.some((t) => t.kind === 'jobs')) {
      this.enqueue({ kind: 'jobs' });
    }
  }

  private handleOutcome(task: Task, outcome: EntryOutcome): void {
    if (outcome.ok) {
      // Telling App.onError about a failure is not a sign of health: only the app's own work resets the count.
      if (!(task.kind === 'batch' && task.guestError) && task.kind !== 'resume') this.failures = 0;
      return;
    }
    const { failure, stack } = outcome;
    switch (failure) {
      case 'timeout':
      case 'oom': {
        const message =
          failure === 'timeout'
            ? `The mini-program's logic ran longer than ${this.limits.taskMs} ms and was stopped (${outcome.message})`
            : `The mini-program's logic ran out of memory (heap limit ${Math.round(this.limits.heapBytes / 1048576)} MiB) and the task was stopped (${outcome.message})`;
        this.deliver([{ t: 'error', kind: failure, message, stack }]);
        this.failures++;
        if (this.failures >= this.limits.maxConsecutiveFailures) {
          this.terminate(`terminated after ${this.failures} consecutive failed tasks (last: ${failure})`);
          return;
        }
        // App.onError and my.onError hear about it too, unless it was that notification that failed;
        // either way the next entry lets the guest go on with the rest of an interrupted batch.
        if (!(task.kind === 'batch' && task.guestError)) {
          this.enqueue({ kind: 'batch', json: JSON.stringify([{ t: 'guestError', message, stack }]), guestError: true }, true);
        } else {
          this.enqueue({ kind: 'resume' }, true);
        }
        return;
      }
      case 'fatal':
        this.terminate(`the logic sandbox failed and was shut down: ${outcome.message}`);
        return;
      case 'refused':
      case 'error':
        this.deliver([
          { t: 'error', kind: 'uncaught', message: task.kind === 'script' ? `${task.filename}: ${outcome.message}` : outcome.message, stack },
        ]);
        return;
    }
  }

  private deliver(batch: LogicToHost[]): void {
    if (batch.length === 0 || !this.receiver) return;
    try {
      this.receiver(batch);
    } catch (err) {
      // A host handler bug must not break the loop; surface it asynchronously.
      hostQueueMicrotask(() => {
        throw err;
      });
    }
  }

  private terminate(reason: string): void {
    if (this.closed) return;
    this.terminated = true;
    this.deliver([{ t: 'error', kind: 'terminated', message: reason }]);
    this.shutdown();
  }

  private shutdown(): void {
    this.closed = true;
    this.queue.length = 0;
    if (this.wake !== undefined) hostClearTimeout(this.wake);
    this.wake = undefined;
    for (const timer of this.timers.values()) if (!timer.queued) this.clock.clearTimeout(timer.handle);
    this.timers.clear();
    const engine = this.engine;
    this.engine = undefined;
    try {
      engine?.dispose();
    } catch {
      // Engines treat their own dispose as fallible; nothing more to do here.
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // ---------------------------------------------------------------- natives

  private receiveFromGuest(json: string): void {
    if (typeof json !== 'string') throw new TypeError('send(json): expected a string');
    // The transport's boundary check (bridge/boundary.ts) judges every entry; what is too long to
    // parse, or not a JSON array at all, is reported to it as a protocol error.
    if (json.length > DEFAULT_BOUNDARY_LIMITS.maxBatchBytes) {
      this.output.push(protocolError(`a batch of ${json.length} characters, more than ${DEFAULT_BOUNDARY_LIMITS.maxBatchBytes}`));
      return;
    }
    let batch: unknown;
    try {
      batch = JSON.parse(json);
    } catch {
      this.output.push(protocolError('a batch that is not JSON'));
      return;
    }
    if (!Array.isArray(batch)) {
      this.output.push(protocolError('a batch that is not an array of messages'));
      return;
    }
    for (let i = 0; i < batch.length; i++) this.output.push(batch[i] as LogicToHost);
  }

  private answerSync(json: string): string {
    if (typeof json !== 'string') throw new TypeError('invokeSync(json): expected a string');
    let msg: InvokeMessage;
    try {
      msg = JSON.parse(json) as InvokeMessage;
    } catch {
      return JSON.stringify(fail(0, 2, 'malformed invoke'));
    }
    const cb = typeof msg?.cb === 'number' ? msg.cb : 0;
    let reply: ReplyMessage;
    if (!this.syncHandler) reply = fail(cb, 1, `${String(msg?.api)}: synchronous APIs are not available in this host`);
    else {
      try {
        reply = this.syncHandler(msg);
      } catch (err) {
        reply = fail(cb, 3, `${String(msg?.api)}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    try {
      return JSON.stringify(reply);
    } catch (err) {
      return JSON.stringify(fail(cb, 3, `${String(msg?.api)}: the host's result is not JSON-serialisable`));
    }
  }

  private setTimer(id: number, ms: number): number {
    if (typeof id !== 'number' || typeof ms !== 'number') throw new TypeError('timer(id, ms): expected numbers');
    const now = this.clock.now();
    if (id <= 0 || this.closed) return now;
    const existing = this.timers.get(id);
    if (existing) {
      if (!existing.queued) this.clock.clearTimeout(existing.handle);
      this.timers.delete(id);
    }
    if (ms < 0) return now;
    // Live timers include those that fell due and wait for their turn (a throttled app's).
    if (this.timers.size >= this.limits.maxTimers) {
      throw new RangeError(`too many timers: at most ${this.limits.maxTimers} may be pending at once`);
    }
    let delay = Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 2 ** 31 - 1) : 0;
    // HTML: a timer set by a timer callback nested more than 5 deep (a setTimeout(fn, 0) chain, an
    // interval's repetitions) waits at least 4 ms, so virtual time moves and real time is shared.
    const nesting = this.timerLevel;
    if (nesting > TIMER_NESTING_CLAMP && delay < TIMER_MIN_NESTED_MS) delay = TIMER_MIN_NESTED_MS;
    const timer: HostTimer = { handle: undefined, due: now + delay, level: nesting + 1, queued: false };
    timer.handle = this.clock.setTimeout(() => {
      if (this.timers.get(id) !== timer || this.closed) return;
      timer.queued = true;
      this.enqueue({ kind: 'timer', id });
    }, delay);
    this.timers.set(id, timer);
    return now;
  }
}

function protocolError(what: string): LogicToHost {
  return { t: 'error', kind: 'protocol', message: what };
}

function fail(cb: number, error: number, errorMessage: string): ReplyMessage {
  return { t: 'reply', cb, ok: false, error: { error, errorMessage } };
}

/**
 * The LogicTransport face of a host running in this process (what the QuickJS and vm transports
 * return): the protocol calls, `terminated`, and whatever the engine adds (`extra`).
 */
export function transportOf<E extends object>(host: LogicHost, extra: E): LogicTransport & { readonly terminated: boolean } & E {
  const face: LogicTransport & { readonly terminated: boolean } = {
    post: (batch) => host.post(batch),
    onMessage: (handler) => host.onMessage(handler),
    loadScript: (filename, source) => host.loadScript(filename, source),
    onSyncInvoke: (handler) => host.onSyncInvoke(handler),
    idle: () => host.idle(),
    dispose: () => host.dispose(),
    get terminated() {
      return host.terminated;
    },
  };
  return Object.assign(face, extra);
}
