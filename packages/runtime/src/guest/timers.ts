/** setTimeout / setInterval on host timers (ids only cross the bridge; callbacks stay here). */
import { guard } from './errors.ts';
import { hostTimer } from './host.ts';

interface Timer {
  fn: Function;
  args: unknown[];
  /** Interval period; undefined for a one-shot timer. */
  every: number | undefined;
}

const timers = new Map<number, Timer>();
let nextId = 0;
const MAX_DELAY = 2 ** 31 - 1;

function delayOf(ms: unknown): number {
  const n = Number(ms);
  return n > 0 ? Math.min(n, MAX_DELAY) : 0;
}

function start(fn: unknown, ms: unknown, args: unknown[], repeat: boolean, api: string): number {
  if (typeof fn !== 'function') {
    throw new TypeError(`${api}: the callback must be a function (running code from a string is not supported)`);
  }
  const id = ++nextId;
  const delay = delayOf(ms);
  hostTimer(id, delay);
  timers.set(id, { fn, args, every: repeat ? delay : undefined });
  return id;
}

function stop(id: unknown): void {
  const key = Number(id);
  if (timers.delete(key)) hostTimer(key, -1);
}

export function fireTimer(id: number): void {
  const timer = timers.get(id);
  if (!timer) return;
  if (timer.every === undefined) timers.delete(id);
  else hostTimer(id, timer.every);
  guard(timer.fn, undefined, timer.args);
}

export const timerGlobals = {
  setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => start(fn, ms, args, false, 'setTimeout'),
  setInterval: (fn: unknown, ms?: unknown, ...args: unknown[]) => start(fn, ms, args, true, 'setInterval'),
  clearTimeout: stop,
  clearInterval: stop,
};
