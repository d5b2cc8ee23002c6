/**
 * Everything mini-program code runs goes through `guard`: exceptions reach `App.onError`, the
 * `my.onError` listeners and the host (`error` message with the bundle stack); rejected promises
 * returned by lifecycles and handlers reach `App.onUnhandledRejection`. Errors thrown by those
 * handlers themselves go to the host only, so a broken `onError` cannot loop.
 */
import { post } from './host.ts';
import { describeError } from './inspect.ts';
import { apply, exec, toStr } from './intrinsics.ts';

const FATAL_MESSAGE = /out of memory|interrupted/;
import { appEvents, isObject, state } from './state.ts';

export interface ErrorSource {
  /** Instance whose callback threw. */
  id?: number;
  /** Component `onError` hooks (mixins first) and the instance they run on. */
  onError?: Function[];
  self?: unknown;
  /** The component instance whose code threw (not for pages and the app): `my.onComponentError` hears it. */
  component?: unknown;
  /** The lifecycle or method that threw, for `my.onComponentError(error, method, component)`. */
  method?: string;
}

/**
 * Interrupts and out-of-memory must unwind to the host, which aborts the task. QuickJS may
 * throw `null` when it cannot even allocate the error object.
 */
export function isFatal(err: unknown): boolean {
  if (err === null) return true;
  try {
    return isObject(err) && err.name === 'InternalError' && exec(FATAL_MESSAGE, toStr(err.message)) !== null;
  } catch {
    return false;
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

let handlingError = false;
let handlingRejection = false;

/** Called at every entry: an interrupt inside an error listener must not leave these set. */
export function resetTransientErrorState(): void {
  handlingError = false;
  handlingRejection = false;
}

export function reportError(err: unknown, src?: ErrorSource): void {
  if (isFatal(err)) throw err;
  const { message, stack } = describeError(err);
  post({ t: 'error', kind: 'uncaught', message, stack, id: src?.id });
  if (handlingError) return;
  handlingError = true;
  try {
    const hooks = src?.onError;
    if (hooks) for (let i = 0; i < hooks.length; i++) callReporting(hooks[i], src.self, [err]);
    notifyErrorListeners(message, stack);
    // The docs: an error in a custom component's code reaches my.onError and also my.onComponentError.
    if (src?.component !== undefined) {
      const listeners = appEvents.get('componentError');
      for (let i = 0; i < listeners.length; i++) callReporting(listeners[i], undefined, [err, src.method ?? '', src.component]);
    }
  } finally {
    handlingError = false;
  }
}

/** `App.onError(message, stack)` and `my.onError` listeners; also used for host-detected failures. */
export function notifyErrorListeners(message: string, stack: string | undefined): void {
  const app = state.app;
  if (app && typeof app.onError === 'function') callReporting(app.onError, app, [message, stack]);
  const listeners = appEvents.get('error');
  for (let i = 0; i < listeners.length; i++) callReporting(listeners[i], undefined, [message, stack]);
}

export function reportRejection(reason: unknown, promise: unknown, src?: ErrorSource): void {
  const { message, stack } = describeError(reason);
  post({ t: 'error', kind: 'unhandledRejection', message, stack, id: src?.id });
  if (handlingRejection) return;
  handlingRejection = true;
  try {
    const app = state.app;
    const event = { reason, promise };
    if (app && typeof app.onUnhandledRejection === 'function') callReporting(app.onUnhandledRejection, app, [event]);
    const listeners = appEvents.get('unhandledRejection');
    for (let i = 0; i < listeners.length; i++) callReporting(listeners[i], undefined, [event]);
  } finally {
    handlingRejection = false;
  }
}

/** Calls an error/rejection listener; what it throws is reported to the host only. */
function callReporting(fn: Function, self: unknown, args: unknown[]): void {
  try {
    const result = apply(fn, self, args);
    if (isThenable(result)) watch(result, undefined);
  } catch (err) {
    if (isFatal(err)) throw err;
    const { message, stack } = describeError(err);
    post({ t: 'error', kind: 'uncaught', message, stack });
  }
}

/** Runs mini-program code: never throws (except fatal errors), reports what goes wrong. */
export function guard(fn: Function, self: unknown, args: readonly unknown[], src?: ErrorSource): unknown {
  try {
    const result = apply(fn, self, args);
    if (isThenable(result)) watch(result, src);
    return result;
  } catch (err) {
    reportError(err, src);
    return undefined;
  }
}

/** A promise handed back to the framework: nobody else will handle its rejection. */
function watch(promise: PromiseLike<unknown>, src: ErrorSource | undefined): void {
  try {
    promise.then(undefined, (reason) => reportRejection(reason, promise, src));
  } catch (err) {
    reportError(err, src);
  }
}
