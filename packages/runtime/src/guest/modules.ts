/**
 * The LOGIC ABI (contract/package-format.ts): bundles call `__mpkLogic.define({ id: factory })`; a factory
 * runs once, with its id as the current module so `Page()`/`Component()` know their file.
 *
 * A factory that throws (a library probing for a global object at its top level, a missing
 * module) breaks only what needs that module, as per-module loading does on the platform: the
 * failure is kept, and reported — to App.onError, my.onError and the host, with the stack of the
 * original error — when a page or component that needs the module is created (`moduleFailed`),
 * attributed to that instance. Modules run eagerly at launch therefore fail silently until then,
 * so opening a page that does not import the broken module reports nothing.
 */
import { isFatal, reportError, type ErrorSource } from './errors.ts';
import { isObject, state } from './state.ts';
import { SafeMap, SafeSet, append, apply, keysOf } from './intrinsics.ts';

const factories = new SafeMap<string, Function>();
const ran = new SafeSet<string>();
/** Module id → what its factory threw, and whether that has been reported yet. */
const failures = new SafeMap<string, { error: unknown; reported: boolean }>();
let current: string | undefined;

export function currentModule(): string | undefined {
  return current;
}

/** Called at every entry: a factory stopped by an interrupt must not stay "current". */
export function resetCurrentModule(): void {
  current = undefined;
}

export function defineModules(map: unknown): void {
  if (!isObject(map)) throw new TypeError('__mpkLogic.define(modules): expected an object of module id → factory');
  const ids: string[] = [];
  const keys = keysOf(map);
  for (let i = 0; i < keys.length; i++) {
    const id = keys[i];
    if (typeof map[id] !== 'function') {
      reportError(new TypeError(`__mpkLogic.define: module "${id}" is not a function`));
      continue;
    }
    factories.set(id, map[id]);
    append(ids, id);
  }
  // Bundles loaded after launch (subpackages) run at once in eager mode, like the rest did at launch.
  if (state.launched && state.eager) for (let i = 0; i < ids.length; i++) runModule(ids[i]);
}

/**
 * Runs a module's factory once; false when no bundle defined it. What the factory throws is kept
 * for `moduleFailed` (an interrupt or heap exhaustion still unwinds to the host).
 */
export function runModule(id: string): boolean {
  if (ran.has(id)) return true;
  const factory = factories.get(id);
  if (!factory) return false;
  ran.add(id);
  const previous = current;
  current = id;
  try {
    apply(factory, undefined, []);
  } catch (error) {
    if (isFatal(error)) throw error;
    failures.set(id, { error, reported: false });
  } finally {
    current = previous;
  }
  return true;
}

export function runAllModules(): void {
  const ids: string[] = [];
  factories.forEach((_factory, id) => append(ids, id));
  for (let i = 0; i < ids.length; i++) runModule(ids[i]);
}

/**
 * Whether module `id`'s factory threw. The first time an instance that needs it asks, the error
 * is reported, attributed to `src`.
 */
export function moduleFailed(id: string, src?: ErrorSource): boolean {
  const failure = failures.get(id);
  if (!failure) return false;
  if (!failure.reported) {
    failure.reported = true;
    reportError(failure.error, src);
  }
  return true;
}
