/**
 * Unhandled rejections of the app's own promises (`Promise.reject(e)`, `new Promise((_, r) => r(e))`,
 * a throwing `.then` callback) for App.onUnhandledRejection. QuickJS gives the host no rejection
 * tracker, so the global `Promise` the app sees is a subclass whose rejections are noted, and whose
 * `then` — which `catch`, `finally`, `await` and `Promise.all` all go through — marks a promise as
 * handled. Rejections still unhandled once the task's promise jobs have drained are reported.
 * Limits: promises made by `async` functions are the engine's own and are not seen here (the
 * framework watches those it gets back from lifecycles and handlers).
 */
import { reportRejection } from './errors.ts';
import { SafeMap, SafeWeakSet, append, apply } from './intrinsics.ts';

const NativePromise = Promise;
const nativeThen = NativePromise.prototype.then;
const isNativeInstance = Function.prototype[Symbol.hasInstance];
const resolvedPromise = NativePromise.resolve();

/** Rejected promises nobody has handled yet, with their reasons. */
const rejected = new SafeMap<object, unknown>();
const handled = new SafeWeakSet<object>();
/** A no-op job queued after the latest rejection: until it runs, jobs that may handle it are pending. */
let sentinelPending = false;

function note(promise: object, reason: unknown): void {
  if (handled.has(promise)) return;
  rejected.set(promise, reason);
  if (!sentinelPending) {
    sentinelPending = true;
    // Also guarantees the host drains jobs (and flushes afterwards) for this task.
    apply(nativeThen, resolvedPromise, [() => {
      sentinelPending = false;
    }]);
  }
}

function isThenable(value: unknown): value is { then: Function } {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

export class TrackedPromise<T> extends NativePromise<T> {
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `asyncFn() instanceof Promise` stays true for the engine's own promises.
    return apply(isNativeInstance, NativePromise, [value]);
  }

  constructor(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void) {
    if (typeof executor !== 'function') {
      super(executor);
      return;
    }
    let self: TrackedPromise<T> | undefined;
    let settled = false;
    let early: { reason: unknown } | undefined;
    super((resolve, reject) => {
      const trackedResolve = (value: T | PromiseLike<T>): void => {
        if (settled) return;
        settled = true;
        if (isThenable(value) && apply(isNativeInstance, NativePromise, [value])) {
          // Adopting a promise that rejects rejects this one too, outside our reject function.
          apply(nativeThen, value, [undefined, (reason: unknown) => {
            if (self) note(self, reason);
          }]);
        }
        resolve(value);
      };
      const trackedReject = (reason?: unknown): void => {
        if (settled) return;
        settled = true;
        if (self) note(self, reason);
        else early = { reason };
        reject(reason);
      };
      try {
        executor(trackedResolve, trackedReject);
      } catch (err) {
        trackedReject(err);
      }
    });
    self = this;
    if (early) note(this, early.reason);
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    handled.add(this);
    rejected.delete(this);
    return apply(nativeThen, this, [onFulfilled, onRejected]);
  }
}

/** Reports rejections still unhandled; waits while promise jobs that could handle them are pending. */
export function reportTrackedRejections(): void {
  if (sentinelPending || rejected.size === 0) return;
  const list: [object, unknown][] = [];
  rejected.forEach((reason, promise) => append(list, [promise, reason]));
  rejected.clear();
  for (let i = 0; i < list.length; i++) if (!handled.has(list[i][0])) reportRejection(list[i][1], list[i][0]);
}
