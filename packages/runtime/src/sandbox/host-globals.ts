/**
 * The host's own timers and clocks, captured when the runtime loads. In debug mode (a plain Web
 * Worker, `sandbox/plain-engine.ts`) the app and its base library share the worker's realm with the
 * protocol loop, and the base library replaces these globals for the app (`setTimeout` on host
 * timers, `Date.now` on the host clock, `queueMicrotask` reporting to App.onError): the loop must
 * keep using the originals. Calling them unbound is how the platform functions are meant to be called.
 */
const scope = globalThis as typeof globalThis & { setImmediate?: (fn: () => void) => unknown };

export const hostSetTimeout: (fn: () => void, ms?: number) => ReturnType<typeof setTimeout> = scope.setTimeout;
export const hostClearTimeout: (handle: ReturnType<typeof setTimeout> | undefined) => void = scope.clearTimeout;
export const hostQueueMicrotask: (fn: () => void) => void = scope.queueMicrotask;
export const hostSetImmediate: ((fn: () => void) => unknown) | undefined = typeof scope.setImmediate === 'function' ? scope.setImmediate : undefined;
export const hostDateNow: () => number = Date.now;
export const HostPromise: PromiseConstructor = Promise;
const performance = scope.performance;
export const hostPerformanceNow: (() => number) | undefined = typeof performance?.now === 'function' ? () => performance.now() : undefined;
