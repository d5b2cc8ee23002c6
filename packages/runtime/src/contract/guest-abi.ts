/**
 * The guest ABI: what the host and the base library inside the sandbox agree on below the message
 * protocol — the dispatcher's entry ops and the three natives the guest is given. Plain constants
 * and types, so the base library bundles it without pulling in any host code.
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
