/**
 * The seam between the host-agnostic protocol loop (`LogicHost`) and a JavaScript engine that
 * runs the base library and the app's bundles (QuickJS in WebAssembly, or node:vm for the
 * baseline). An engine only knows how to evaluate scripts, call the guest dispatcher, drain
 * promise jobs and classify failures; everything protocol-related lives in the loop and in the
 * base library.
 */

import { EntryOp } from '../contract/guest-abi.ts';

export { EntryOp, type GuestNatives } from '../contract/guest-abi.ts';

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
  /**
   * Engines whose promise jobs run on the host's own microtask queue, after the entry returned (a
   * plain worker realm in debug mode): the engine says `true` when an entry may have left jobs and
   * `false` once they ran; the loop then flushes what they produced, and is not idle in between.
   */
  onJobs?(listener: (pending: boolean) => void): void;
  dispose(): void;
}
