/**
 * Devtools' Console input (`devEvaluate`): the developer's expression runs in the logic layer's global
 * scope, inside the sandbox and under its limits (a `while (true) {}` is stopped at the task's
 * deadline like any handler). App code has no dynamic code (lockdown.ts refuses `eval`); the engine's
 * own `eval` is kept here, before lockdown replaces it, and only this devtools message reaches it.
 */
import type { DevEvaluateMessage } from '../contract/protocol.ts';
import { isFatal, isThenable } from './errors.ts';
import { post } from './host.ts';
import { describeError, renderForLog } from './inspect.ts';
import { thenOf, toStr } from './intrinsics.ts';

let indirectEval: ((code: string) => unknown) | undefined;
const settled = Promise.resolve();

/** Called by lockdown with the engine's `eval` before it is refused to app code. */
export function keepEval(fn: unknown): void {
  if (typeof fn === 'function') indirectEval = fn as (code: string) => unknown;
}

function answer(req: number, value: unknown): void {
  post({ t: 'devResult', req, status: 'ok', value: renderForLog(value), type: value === null ? 'null' : typeof value });
}

function fail(req: number, error: unknown): void {
  const { message, stack } = describeError(error);
  post({ t: 'devResult', req, status: 'error', message, ...(stack !== undefined ? { stack } : {}) });
}

export function devEvaluate(msg: DevEvaluateMessage): void {
  const req = msg.req;
  if (typeof req !== 'number') return;
  let value: unknown;
  try {
    if (!indirectEval) throw new EvalError('this engine evaluates no code from strings');
    // An indirect call: global scope, sloppy mode, the completion value of statements (as a console).
    value = indirectEval(toStr(msg.expression));
  } catch (error) {
    // The deadline and heap exhaustion unwind to the host, which reports them (and the host's call ends).
    if (isFatal(error)) throw error;
    fail(req, error);
    return;
  }
  if (!isThenable(value)) {
    answer(req, value);
    return;
  }
  // A promise: its settled value follows (the sync part is done: a later deadline is not this expression's).
  post({ t: 'devResult', req, status: 'pending' });
  thenOf(
    thenOf(settled, () => value),
    (result) => answer(req, result),
    (error) => fail(req, error),
  );
}
