/**
 * The guest's view of the host: the three native functions (captured here at install time and
 * never exposed to mini-program code) and the outbox of logic→host messages, flushed as one
 * JSON batch per entry.
 */
import type { GuestNatives } from '../engine.ts';
import type { LogicToHost } from '../../bridge/protocol.ts';

// Captured before any mini-program code runs, so a page that replaces JSON cannot break the bridge.
export const stringify = JSON.stringify;
export const parse = JSON.parse;

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
  outbox.push(stringify(msg));
}

/** A message already serialised (patches are assembled from pre-serialised parts). */
export function postJson(json: string): void {
  outbox.push(json);
}

export function sendOutbox(): void {
  if (droppedLogs > 0) {
    outbox.push(stringify({ t: 'log', level: 'warn', args: [`${droppedLogs} console messages were dropped (more than ${MAX_LOGS_PER_FLUSH} in one task)`] }));
    droppedLogs = 0;
  }
  logsThisFlush = 0;
  if (outbox.length === 0) return;
  const json = '[' + outbox.join(',') + ']';
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
