/**
 * The guest's view of the host: the three native functions (captured here at install time and
 * never exposed to mini-program code) and the outbox of logic→host messages, flushed as one
 * JSON batch per entry.
 */
import type { GuestNatives } from '../contract/guest-abi.ts';
import type { LogicToHost } from '../contract/protocol.ts';
import { append, encodeJson, joinList, parse, stringify } from './intrinsics.ts';

// Captured before any mini-program code runs (intrinsics.ts), so an app that replaces JSON or
// Array.prototype.join cannot change what crosses the bridge.
export { parse, stringify };

let natives: GuestNatives | undefined;

export function bindNatives(n: GuestNatives): void {
  natives = n;
}

const outbox: string[] = [];
/** Log messages are capped per flush so a logging loop cannot flood the host. */
const MAX_LOGS_PER_FLUSH = 1000;
let logsThisFlush = 0;
let droppedLogs = 0;

export function post(msg: LogicToHost): void {
  if (msg.t === 'log') {
    if (logsThisFlush >= MAX_LOGS_PER_FLUSH) {
      droppedLogs++;
      return;
    }
    logsThisFlush++;
  }
  append(outbox, encodeJson(msg));
}

/** A message already serialised (patches are assembled from pre-serialised parts). */
export function postJson(json: string): void {
  append(outbox, json);
}

export function sendOutbox(): void {
  if (droppedLogs > 0) {
    append(outbox, encodeJson({ t: 'log', level: 'warn', args: [`${droppedLogs} console messages were dropped (more than ${MAX_LOGS_PER_FLUSH} in one task)`] }));
    droppedLogs = 0;
  }
  logsThisFlush = 0;
  if (outbox.length === 0) return;
  const json = '[' + joinList(outbox, ',') + ']';
  outbox.length = 0;
  natives!.send(json);
}

export function invokeSyncRaw(json: string): string {
  return natives!.invokeSync(json);
}

export function hostTimer(id: number, ms: number): number {
  return natives!.timer(id, ms);
}

export function hostNow(): number {
  return natives!.timer(0, -1);
}
