/**
 * The seam between the host-agnostic protocol loop (`LogicHost`) and a JavaScript engine that
 * runs the base library and the app's bundles (QuickJS in WebAssembly, or node:vm for the
 * baseline). An engine only knows how to evaluate scripts, call the guest dispatcher, drain
 * promise jobs and classify failures; everything protocol-related lives in the loop and in the
 * base library.
 */

/** First argument of the guest dispatcher. Shared with the base library (plain constants). */
export const EntryOp = {
  /** Second argument: a JSON array of host→logic messages. */
  Batch: 0,
  /** Second argument: a timer id that fell due. */
  Timer: 1,
  /** Flush pending patches and messages (after promise jobs ran or a script was evaluated). */
  Flush: 2,
} as const;
export type EntryOp = (typeof EntryOp)[keyof typeof EntryOp];

/**
 * The three host functions the guest gets (captured by the base library, never reachable by
 * mini-program code). Strings in, strings out: no host object ever crosses.
 */
export interface GuestNatives {
  /** A batch of logic→host messages, as a JSON array string. */
  send(json: string): void;
  /** A synchronous JSAPI call: an `invoke` message as JSON in, a `reply` message as JSON out. */
  invokeSync(json: string): string;
  /** Arms (`ms >= 0`) or clears (`ms < 0`) host timer `id`; returns the clock's `now()` (id 0 only reads it). */
  timer(id: number, ms: number): number;
}

export type FailureKind =
  /** The CPU deadline passed (interrupt). */
  | 'timeout'
  /** The heap limit was hit. */
  | 'oom'
  /** An ordinary exception escaped (a script that does not evaluate, a base library bug). */
  | 'error'
  /** Too many nested host→guest entries. */
  | 'refused'
  /** The engine itself broke (WASM abort, host stack overflow): the sandbox cannot continue. */
  | 'fatal';

export type EntryOutcome = { ok: true } | { ok: false; failure: FailureKind; message: string; stack?: string };

export const OK: EntryOutcome = Object.freeze({ ok: true });

export interface GuestEngine {
  /** Evaluates a plain script (a logic bundle). */
  evalScript(filename: string, source: string): EntryOutcome;
  /** Calls the guest dispatcher. */
  call(op: EntryOp, arg: string | number): EntryOutcome;
  /** Drains pending promise jobs within one task deadline; `jobs` is how many ran. */
  runJobs(): EntryOutcome & { jobs: number };
  hasPendingJobs(): boolean;
  dispose(): void;
}
