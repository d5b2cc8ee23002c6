/**
 * Evaluates the view code the runtime emitted for a view form (form/load.ts) and returns its
 * `ViewModule`. Only ever called with code mpk wrote: packages carry a view form (data), never
 * code, and this module is not exported to hosts.
 *
 * The emitter guarantees that render code and SJS only read the render scope (abi.ts, "Safety
 * contract"). As defence in depth the body runs in strict mode with every host global it has no
 * business with shadowed by an `undefined` binding, so a slip in emitted code finds nothing.
 */
import { VIEW_ABI_VERSION, VIEW_REGISTRAR_PARAM, type ViewModule } from '../contract/view-abi.ts';
import { resolveViewLimits, type ViewLimits } from './form/limits.ts';
import { VIEW_REGEX_ENGINE } from './form/regex.ts';
import { describeViewError } from './error-stack.ts';

/** Host globals view code must never reach; each becomes an `undefined` parameter. */
export const SHADOWED_GLOBALS: readonly string[] = [
  'globalThis', 'global', 'window', 'self', 'top', 'parent', 'frames', 'opener', 'document', 'navigator',
  'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB', 'caches', 'cookieStore',
  'process', 'require', 'module', 'exports', '__dirname', '__filename', 'Buffer', 'Deno', 'Bun',
  'Function', 'eval', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'Request', 'Response',
  'Worker', 'SharedWorker', 'importScripts', 'postMessage', 'BroadcastChannel', 'MessageChannel',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate',
  'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback', 'alert', 'confirm', 'prompt',
  'open', 'close', 'WebAssembly', 'performance', 'crypto', 'my', 'wx', 'App', 'Page', 'Component',
  'getApp', 'getCurrentPages',
];

export class ViewModuleError extends Error {
  override name = 'ViewModuleError';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function validate(candidate: unknown): ViewModule {
  if (typeof candidate !== 'object' || candidate === null) {
    throw new ViewModuleError(`view code: define() expects a module object, got ${describe(candidate)}`);
  }
  const module = candidate as Partial<ViewModule>;
  if (module.abi !== VIEW_ABI_VERSION) {
    throw new ViewModuleError(
      `view.js: unsupported view ABI ${describe(module.abi)} (this runtime supports abi ${VIEW_ABI_VERSION}); rebuild the package`,
    );
  }
  const templates = module.templates;
  if (typeof templates !== 'object' || templates === null || Array.isArray(templates)) {
    throw new ViewModuleError('view code: module.templates must be an object of render functions');
  }
  for (const id of Object.keys(templates)) {
    if (typeof templates[id] !== 'function') {
      throw new ViewModuleError(`view code: template "${id}" is ${describe(templates[id])}, not a render function`);
    }
  }
  return { abi: VIEW_ABI_VERSION, templates: { ...templates } };
}

export interface ViewRegistrarOptions {
  /** Where SJS `console.log(...)` goes; default the host's console. */
  log?(...args: unknown[]): void;
  /** The budget of each render (form/prelude.ts, `ViewLimits`); defaults for what is not given. */
  limits?: Partial<ViewLimits>;
  /** The host's JS heap in use (bytes), for the render budget's memory check; default `process.memoryUsage()` where there is one. */
  heapUsed?: () => number;
}

/** The host's heap in use, where the host can tell (Node; Chromium's `performance.memory`). */
function defaultHeapProbe(): (() => number) | undefined {
  const proc = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number } } }).process;
  if (proc && typeof proc.memoryUsage === 'function') {
    const memoryUsage = proc.memoryUsage.bind(proc);
    return () => memoryUsage().heapUsed;
  }
  const perf = (globalThis as { performance?: { memory?: { usedJSHeapSize?: number } } }).performance;
  if (perf && perf.memory && typeof perf.memory.usedJSHeapSize === 'number') return () => perf.memory!.usedJSHeapSize!;
  return undefined;
}
const HEAP_PROBE = defaultHeapProbe();

/**
 * Evaluates emitted view code and returns the module it defined. Throws `ViewModuleError` for a
 * syntax error, an exception while evaluating, a wrong ABI, a missing or repeated `define` call.
 */
export function evaluateViewSource(source: string, options: ViewRegistrarOptions = {}): ViewModule {
  if (typeof source !== 'string') throw new ViewModuleError('view code: source must be a string');
  const params = [VIEW_REGISTRAR_PARAM, ...SHADOWED_GLOBALS];
  const strictParams = params.filter((name) => name !== 'eval');
  // Parse the body on its own first: it proves the source is one complete strict function body,
  // so wrapping it below cannot be escaped by unbalanced braces.
  try {
    new Function(...strictParams, `"use strict";\n${source}\n`);
  } catch (error) {
    throw new ViewModuleError(`view code: syntax error: ${(error as Error).message}`);
  }
  // A strict function cannot name a parameter `eval`, so an outer sloppy function binds it and the
  // strict body (called with `this` undefined) sees that binding.
  const factory = new Function(
    ...params,
    `return (function () {"use strict";\n${source}\n}).call(undefined);`,
  ) as (...args: unknown[]) => unknown;

  let defined: ViewModule | undefined;
  let calls = 0;
  let open = true;
  const heapUsed = options.heapUsed ?? HEAP_PROBE;
  const registrar = Object.freeze({
    ...(options.log ? { log: options.log } : {}),
    limits: Object.freeze(resolveViewLimits(options.limits)),
    regex: VIEW_REGEX_ENGINE,
    describeError: (error: unknown) => describeViewError(error),
    ...(heapUsed ? { heapUsed } : {}),
    define(candidate: unknown): void {
      if (!open) throw new ViewModuleError('view code: define() called after the module finished loading');
      calls++;
      if (calls > 1) throw new ViewModuleError('view code: define() called more than once');
      defined = validate(candidate);
    },
  });
  try {
    factory(registrar);
  } catch (error) {
    if (error instanceof ViewModuleError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ViewModuleError(`view code: threw while loading: ${message}`);
  } finally {
    open = false;
  }
  if (!defined) throw new ViewModuleError('view code: the module never called __mpkView.define()');
  return defined;
}
