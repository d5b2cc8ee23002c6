/**
 * Debug mode's engine: the base library and the app's bundles evaluated in the realm this runs in
 * (a dedicated Web Worker, `sandbox/worker-debug-entry.ts`), with no sandbox at all — so Chromium's
 * DevTools can pause on `debugger` and breakpoints, profile, and show the author's original files:
 * every bundle is evaluated with a `//# sourceURL` (the URL the page gives it), against which
 * DevTools resolves the bundle's own `//# sourceMappingURL`.
 *
 * NOT a security boundary, and no limits apply: no CPU deadline (a paused breakpoint is not a
 * runaway task), no heap cap, and the app sees the worker's globals (`self`, `fetch`,
 * `importScripts`). Only for the developer's own project, in `mpk dev --debug`.
 *
 * Promise jobs are the realm's own: they run on the microtask queue after an entry returns. The
 * engine tells the loop (`onJobs`) and, once they ran (the next macrotask), the loop flushes what they produced.
 */
import type { EntryOp, EntryOutcome, GuestEngine, GuestNatives } from './engine.ts';
import { EntryOp as Op, OK } from './engine.ts';
import { hostSetTimeout } from './host-globals.ts';

type Dispatcher = (op: number, arg: string | number) => void;

/** Indirect eval: global scope, the script's completion value. Captured before the base library refuses `eval` to the app. */
const globalEval: (code: string) => unknown = globalThis.eval;

export class PlainEngine implements GuestEngine {
  private dispatcher: Dispatcher | undefined;
  private jobsListener: ((pending: boolean) => void) | undefined;
  private jobsPending = false;

  private constructor() {}

  static create(options: { natives: GuestNatives; baseLibrary: string }): PlainEngine {
    const engine = new PlainEngine();
    let install: unknown;
    const outcome = engine.run(() => {
      install = globalEval(`${options.baseLibrary}\n//# sourceURL=mpk-baselib.js`);
    });
    if (!outcome.ok || typeof install !== 'function') {
      throw new Error(`mpk: the base library failed to start in the debug worker: ${outcome.ok ? 'no installer' : outcome.message}`);
    }
    const dispatcher = (install as (natives: GuestNatives) => unknown)(options.natives);
    if (typeof dispatcher !== 'function') throw new Error('mpk: the base library returned no dispatcher');
    engine.dispatcher = dispatcher as Dispatcher;
    return engine;
  }

  evalScript(filename: string, source: string): EntryOutcome {
    return this.entered(() => {
      globalEval(`${source}\n//# sourceURL=${filename.replace(/\s/g, '%20')}`);
    });
  }

  call(op: EntryOp, arg: string | number): EntryOutcome {
    const dispatcher = this.dispatcher;
    if (!dispatcher) return { ok: false, failure: 'fatal', message: 'the debug engine is disposed' };
    // A flush produces no new work of the app's: only other entries can leave promise jobs behind.
    return op === Op.Flush ? this.run(() => dispatcher(op, arg)) : this.entered(() => dispatcher(op, arg));
  }

  /** Jobs run on their own after the entry; the loop flushes after every entry all the same (cheap). */
  runJobs(): EntryOutcome & { jobs: number } {
    return { ok: true, jobs: 1 };
  }

  hasPendingJobs(): boolean {
    return false;
  }

  onJobs(listener: (pending: boolean) => void): void {
    this.jobsListener = listener;
  }

  dispose(): void {
    this.dispatcher = undefined;
    this.jobsListener = undefined;
  }

  /** An entry of the app's: its promise jobs run once it returned, and have all run by the next macrotask. */
  private entered(body: () => void): EntryOutcome {
    const outcome = this.run(body);
    if (!this.jobsPending && this.jobsListener) {
      this.jobsPending = true;
      this.jobsListener(true);
      hostSetTimeout(() => {
        this.jobsPending = false;
        this.jobsListener?.(false);
      }, 0);
    }
    return outcome;
  }

  private run(body: () => void): EntryOutcome {
    try {
      body();
      return OK;
    } catch (err) {
      const e = err as { name?: unknown; message?: unknown; stack?: unknown } | null;
      const name = e && typeof e.name === 'string' ? e.name : 'Error';
      const message = e && typeof e.message === 'string' ? `${name}: ${e.message}` : `${String(err)} was thrown`;
      return { ok: false, failure: 'error', message, stack: e && typeof e.stack === 'string' ? e.stack : undefined };
    }
  }
}
