/**
 * What a manager or context API the host does not support returns (`my.getFileSystemManager()`,
 * `my.createInnerAudioContext()`, `my.createMapContext(id)`…, declared with `unsupported` and
 * `object` in `init`): an object of the documented shape that does nothing, so code that creates
 * one at load time keeps running, and asks `my.canIUse` (false) to know. `onX`/`offX` accept
 * listeners that are never called; `…Sync` methods throw the not-supported error; every other method
 * calls the `fail` and `complete` callbacks it was given with that error (on a promise job) and
 * returns the object (the chainable builders: `createAnimation().opacity(0).step()`,
 * `createIntersectionObserver().relativeToViewport()`). Animation's `export()` returns an empty list.
 */
import { guard } from './errors.ts';
import { isObject } from './state.ts';
import { exec, later, sliceString } from './intrinsics.ts';

const EVENT_METHOD = /^(on|off)[A-Z]/;



function notSupported(type: string, method: string, factory: string) {
  return { error: 1, errorMessage: `${type}.${method}: not supported on this host (my.${factory} is not available; canIUse is false)` };
}

export function inertObject(factory: string, type: string, methods: readonly string[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < methods.length; i++) {
    const method = methods[i];
    if (typeof method !== 'string' || method === '__proto__' || method === 'constructor' || method === 'then') continue;
    if (exec(EVENT_METHOD, method) !== null) {
      object[method] = () => undefined;
    } else if (method.length > 4 && sliceString(method, method.length - 4) === 'Sync') {
      object[method] = () => {
        const error = notSupported(type, method, factory);
        const err = new Error(error.errorMessage) as Error & Record<string, unknown>;
        err.error = error.error;
        err.errorMessage = error.errorMessage;
        throw err;
      };
    } else if (method === 'export') {
      object[method] = () => [];
    } else {
      object[method] = (options?: unknown) => {
        if (isObject(options)) {
          const { fail, complete } = options as { fail?: unknown; complete?: unknown };
          if (typeof fail === 'function' || typeof complete === 'function') {
            const error = notSupported(type, method, factory);
            later(() => {
              if (typeof fail === 'function') guard(fail, undefined, [error]);
              if (typeof complete === 'function') guard(complete, undefined, [error]);
            });
          }
        }
        return object;
      };
    }
  }
  return object;
}
