/**
 * The LOGIC ABI (package/format.ts): bundles call `__mpkLogic.define({ id: factory })`; a factory
 * runs once, with its id as the current module so `Page()`/`Component()` know their file.
 */
import { guard, reportError } from './errors.ts';
import { isObject, state } from './state.ts';

const factories = new Map<string, Function>();
const ran = new Set<string>();
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
  for (const id of Object.keys(map)) {
    if (typeof map[id] !== 'function') {
      reportError(new TypeError(`__mpkLogic.define: module "${id}" is not a function`));
      continue;
    }
    factories.set(id, map[id]);
    ids.push(id);
  }
  // Bundles loaded after launch (subpackages) run at once in eager mode, like the rest did at launch.
  if (state.launched && state.eager) for (const id of ids) runModule(id);
}

/** Runs a module's factory once; false when no bundle defined it. */
export function runModule(id: string): boolean {
  if (ran.has(id)) return true;
  const factory = factories.get(id);
  if (!factory) return false;
  ran.add(id);
  const previous = current;
  current = id;
  try {
    guard(factory, undefined, []);
  } finally {
    current = previous;
  }
  return true;
}

export function runAllModules(): void {
  for (const id of [...factories.keys()]) runModule(id);
}
