/**
 * The `my` object, built from the host's ApiDescriptor list: async APIs (callbacks + Promise),
 * sync APIs (return or throw), event APIs (`my.onX`/`my.offX`), task APIs (the returned
 * Promise also carries the task's methods and `onX`/`offX`), `my.call`, `my.on`/`my.off`,
 * `my.canIUse`. Argument validation is the host's job; this only shapes the calls.
 */
import type { ApiDescriptor, ApiError, HostEventMessage, InitMessage, ReplyMessage, TaskEventMessage } from '../../bridge/protocol.ts';
import { guard, reportRejection } from './errors.ts';
import { invokeSyncRaw, parse, postJson, stringify } from './host.ts';
import { Listeners } from './listeners.ts';
import { deepClone } from './path.ts';
import { createSelectorQuery } from './selector-query.ts';
import { createCanvasContext } from './canvas.ts';
import { arrayBufferToBase64, base64ToArrayBuffer } from './base64.ts';
import { inertObject } from './inert.ts';
import { appEvents, hostEvents, isObject, state } from './state.ts';
import { pageNotFound } from './app.ts';
import { navigateTo } from './event-channel.ts';

/** A promise that knows whether anyone asked for its outcome (then/catch/finally/await). */
class ApiPromise<T> extends Promise<T> {
  static override get [Symbol.species]() {
    return Promise;
  }
  observed = false;
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

const ignore = () => {};
/** Captured while the base library loads, before mini-program code can replace `Promise`. */
const settled = Promise.resolve();
const silence = (promise: Promise<unknown>) => Promise.prototype.then.call(promise, undefined, ignore);

interface Pending {
  api: string;
  success?: Function;
  fail?: Function;
  complete?: Function;
  /** `my.call(name, opts, cb)`: one callback for either outcome. */
  callback?: Function;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
  promise: ApiPromise<unknown>;
  /** A success/fail/complete/callback was given: a rejection is not "unhandled". */
  handled: boolean;
  /** Base-library bookkeeping that must see the outcome before the app's callbacks (navigateTo's EventChannel). */
  settle?: (ok: boolean, result: unknown) => void;
}

const pending = new Map<number, Pending>();
const unobserved: { promise: ApiPromise<unknown>; reason: unknown }[] = [];
/** Task id → its event listeners. */
const tasks = new Map<number, Listeners>();
let nextCb = 0;
let myObject: Record<string, unknown> | undefined;

function fn(value: unknown): Function | undefined {
  return typeof value === 'function' ? value : undefined;
}

function argsOf(options: unknown): unknown {
  if (!isObject(options) || Array.isArray(options)) return options === undefined ? {} : options;
  const args: Record<string, unknown> = {};
  for (const key of Object.keys(options)) if (key !== 'success' && key !== 'fail' && key !== 'complete') args[key] = options[key];
  return args;
}

function asApiError(value: unknown, api: string): ApiError {
  if (isObject(value) && typeof value.error === 'number') {
    return { ...value, error: value.error, errorMessage: typeof value.errorMessage === 'string' ? value.errorMessage : '' };
  }
  return { error: 3, errorMessage: `${api}: malformed error reply` };
}

function invokeAsync(
  api: string,
  options: unknown,
  task?: number,
  callback?: Function,
  settle?: Pending['settle'],
): { cb: number; promise: ApiPromise<unknown> } {
  const cb = ++nextCb;
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new ApiPromise<unknown>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const o = isObject(options) ? options : {};
  const entry: Pending = {
    api, resolve, reject, promise, callback, settle,
    success: fn(o.success), fail: fn(o.fail), complete: fn(o.complete),
    handled: false,
  };
  // Any callback means the callback style: a failure with only `success` given calls nothing, as on the platform.
  entry.handled = !!(entry.success || entry.fail || entry.complete || callback);
  pending.set(cb, entry);
  const message: Record<string, unknown> = { t: 'invoke', cb, api, args: argsOf(options) };
  if (task !== undefined) message.task = task;
  let json: string;
  try {
    json = stringify(message);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    Promise.resolve().then(() => onReply({ t: 'reply', cb, ok: false, error: { error: 2, errorMessage: `${api}: arguments are not JSON-serialisable (${reason})` } }));
    return { cb, promise };
  }
  postJson(json);
  return { cb, promise };
}

export function onReply(msg: ReplyMessage): void {
  const entry = pending.get(msg.cb);
  if (!entry) return;
  pending.delete(msg.cb);
  if (entry.settle) guard(entry.settle, undefined, [msg.ok === true, msg.ok ? msg.result : msg.error]);
  if (msg.ok) {
    const result = msg.result;
    if (entry.success) guard(entry.success, undefined, [result]);
    if (entry.complete) guard(entry.complete, undefined, [result]);
    if (entry.callback) guard(entry.callback, undefined, [result]);
    entry.resolve(result);
  } else {
    const error = asApiError(msg.error, entry.api);
    if (entry.fail) guard(entry.fail, undefined, [error]);
    if (entry.complete) guard(entry.complete, undefined, [error]);
    if (entry.callback) guard(entry.callback, undefined, [error]);
    if (!entry.handled) unobserved.push({ promise: entry.promise, reason: error });
    silence(entry.promise);
    entry.reject(error);
  }
}

/** After a task: API rejections nobody listened for (no fail callback, no then/catch/await). */
export function reportUnobservedRejections(): void {
  if (unobserved.length === 0) return;
  const list = unobserved.splice(0, unobserved.length);
  for (const { promise, reason } of list) if (!promise.observed) reportRejection(reason, promise);
}

function syncError(error: ApiError): Error {
  const err = new Error(error.errorMessage || `error ${error.error}`) as Error & Record<string, unknown>;
  for (const key of Object.keys(error)) err[key] = error[key];
  return err;
}

function invokeSync(api: string, args: unknown): unknown {
  let json: string;
  try {
    json = stringify({ t: 'invoke', cb: ++nextCb, api, args: args === undefined ? {} : args, sync: true });
  } catch (err) {
    throw syncError({ error: 2, errorMessage: `${api}: arguments are not JSON-serialisable (${err instanceof Error ? err.message : String(err)})` });
  }
  const reply = parse(invokeSyncRaw(json)) as ReplyMessage;
  if (isObject(reply) && reply.ok === true) return reply.result;
  throw syncError(asApiError(isObject(reply) ? (reply as { error?: unknown }).error : undefined, api));
}

/** Task event names arrive as `message`, `Message` or `onMessage`; all mean the same. */
function eventKey(name: string): string {
  const bare = /^on[A-Z]/.test(name) ? name.slice(2) : name;
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

function capital(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function makeTaskApi(api: string, task: NonNullable<ApiDescriptor['task']>) {
  return (options?: unknown) => {
    const { cb, promise } = invokeAsync(api, options);
    const target = promise as unknown as Record<string, unknown>;
    for (const method of task.methods) {
      target[method] = (args?: unknown) => invokeAsync(method, args, cb).promise;
    }
    for (const event of task.events) {
      const key = eventKey(event);
      target['on' + capital(key)] = (listener: unknown) => {
        let listeners = tasks.get(cb);
        if (!listeners) tasks.set(cb, (listeners = new Listeners()));
        listeners.add(key, listener);
      };
      target['off' + capital(key)] = (listener?: unknown) => {
        const listeners = tasks.get(cb);
        if (!listeners) return;
        listeners.remove(key, listener);
        if (listeners.size() === 0) tasks.delete(cb);
      };
    }
    return promise;
  };
}

export function onTaskEvent(msg: TaskEventMessage): void {
  const listeners = tasks.get(msg.task);
  if (!listeners) return;
  for (const listener of listeners.get(eventKey(String(msg.event)))) guard(listener, undefined, msg.data === undefined ? [] : [msg.data]);
}

export function onHostEvent(msg: HostEventMessage): void {
  const name = String(msg.name);
  if (name === 'PageNotFound') pageNotFound(msg.data);
  for (const listener of hostEvents.get(name)) guard(listener, undefined, msg.data === undefined ? [] : [msg.data]);
}

/** App-level events the base library feeds itself, available whatever the host declares. */
const APP_EVENTS: Record<string, string> = {
  Error: 'error',
  UnhandledRejection: 'unhandledRejection',
  AppShow: 'appShow',
  AppHide: 'appHide',
  PageNotFound: 'pageNotFound',
};

/** Framework features answered by `my.canIUse` (docs: page.*, component2, mixin…). */
const FEATURES = new Set([
  'component2', 'mixin', 'page.mixins',
  'page.setData.callback', 'page.$spliceData', 'page.$batchedUpdates', 'page.events', 'page.route',
  'page.router', 'page.createSelectorQuery', 'page.onShareAppMessage',
  'page.events.onBack', 'page.events.onKeyboardHeight', 'page.events.onOptionMenuClick',
  'page.events.onPullDownRefresh', 'page.events.onTitleClick', 'page.events.onTabItemTap',
  'page.events.beforeTabItemTap', 'page.events.onResize', 'page.events.onSelectedTabItemTap',
  'component.onInit', 'component.deriveDataFromProps', 'component.ref', 'component.hasMixin',
  'component.selectOwnerComponent', 'component.router', 'component.rootEvents', 'component.createSelectorQuery',
  // The component model (docs: 自定义组件): what the base library implements, checked with these names.
  'component.observers', 'component.lifetimes', 'component.relations', 'component.externalClasses',
  'component.$selectComponent', 'component.$selectAllComponents', 'component.selectComposedParentComponent',
  'component.getRelationNodes', 'component.setUpdatePerformanceListener', 'component.virtualHost',
  'page.observers', 'page.$selectComponent', 'page.$selectAllComponents', 'page.getOpenerEventChannel',
  'page.onShareAppMessage.async', 'page.setUpdatePerformanceListener',
]);

function builtinNames(): Set<string> {
  const names = new Set([
    'canIUse', 'call', 'on', 'off', 'SDKVersion', 'env', 'createSelectorQuery', 'getLaunchOptionsSync', 'getEnterOptionsSync', 'nextTick',
    'arrayBufferToBase64', 'base64ToArrayBuffer', 'cloud.createCloudContext',
  ]);
  for (const event of Object.keys(APP_EVENTS)) {
    names.add('on' + event);
    names.add('off' + event);
  }
  return names;
}

/** Whether `my` has a function or value at the dotted `path` (`cloud.createCloudContext`). */
function onMy(path: string): boolean {
  let target: unknown = myObject;
  for (const part of path.split('.')) {
    if (!isObject(target) || !(part in target)) return false;
    target = target[part];
  }
  return true;
}

export function canIUse(schema: unknown): boolean {
  if (typeof schema !== 'string' || schema === '') return false;
  const name = schema.replace(/^my\./, '');
  if (FEATURES.has(name)) return true;
  const parts = name.split('.');
  const builtins = builtinNames();
  // The API is the longest leading part that names one (`ap.openURL.object.url`).
  for (let i = parts.length; i >= 1; i--) {
    const api = parts.slice(0, i).join('.');
    const descriptor = state.apis.get(api);
    if (!descriptor && !(builtins.has(api) && onMy(api))) continue;
    // Documented but not provided by this host, or bridge plumbing: not usable.
    if (descriptor?.unsupported || descriptor?.internal) return false;
    const rest = parts.slice(i);
    if (rest.length === 0) return true;
    const kind = rest[0];
    if (kind === 'object') {
      if (rest.length === 1) return true;
      // `param` or `param.option` (docs: `${API}.object.${param}.${option}`).
      return !!descriptor?.params?.includes(rest.slice(1).join('.'));
    }
    // return / callback fields are not described by the host: the API exists, so assume yes.
    return kind === 'return' || kind === 'callback';
  }
  const head = parts[0];
  const attrs = state.components[head];
  // `attribute` or `attribute.option` (docs: `${component}.${attribute}.${option}`).
  if (attrs) return parts.length === 1 || attrs.includes(parts.slice(1).join('.'));
  return false;
}

/** Calls an API by name through `my` (so hosts' overrides apply), or as a plain async invoke. */
export function callApi(api: string, options: unknown): unknown {
  const target = myObject?.[api];
  if (typeof target === 'function') return target(options);
  return invokeAsync(api, options).promise;
}

export function createMy(): Record<string, unknown> {
  const my: Record<string, unknown> = {
    SDKVersion: '',
    env: {},
    canIUse,
    // Inert (mpk draws no <canvas>; canIUse is false): a host API of the same name replaces it.
    createCanvasContext,
    arrayBufferToBase64,
    base64ToArrayBuffer,
    call(api: unknown, options?: unknown, callback?: unknown) {
      if (typeof api !== 'string' || api === '') throw new TypeError('my.call(name, options?, callback?): name must be a non-empty string');
      if (typeof options === 'function') {
        callback = options;
        options = undefined;
      }
      return invokeAsync(api, options, undefined, fn(callback)).promise;
    },
    on(name: unknown, listener: unknown) {
      const key = String(name);
      hostEvents.add(key, listener);
      return { remove: () => hostEvents.remove(key, listener) };
    },
    off(name: unknown, listener?: unknown) {
      hostEvents.remove(String(name), listener);
    },
    // The guest already has the options App.onLaunch/onShow got (an object before launch, like the platform's cold start).
    getLaunchOptionsSync: () => deepClone(state.launchOptions ?? {}),
    getEnterOptionsSync: () => deepClone(state.enterOptions ?? {}),
    /** Runs `callback` once the current synchronous flow (and its setData) is done: as a promise job of the same task. */
    nextTick(callback: unknown) {
      if (typeof callback !== 'function') throw new TypeError('my.nextTick(callback): callback must be a function');
      void settled.then(() => guard(callback, undefined, []));
    },
  };
  myObject = my;
  for (const [event, key] of Object.entries(APP_EVENTS)) {
    my['on' + event] = (listener: unknown) => appEvents.add(key, listener);
    my['off' + event] = (listener?: unknown) => appEvents.remove(key, listener);
  }
  return my;
}

/** `ap.openURL` lives at `my.ap.openURL`. */
function placeApi(my: Record<string, unknown>, name: string, api: Function): void {
  const parts = name.split('.');
  let target = my;
  for (const part of parts.slice(0, -1)) {
    if (!isObject(target[part])) target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]] = api;
}

/** `init`: builds the host's APIs onto `my` (built-ins keep precedence). */
export function installApis(msg: InitMessage): void {
  const my = myObject ?? createMy();
  state.apis.clear();
  const builtins = builtinNames();
  for (const descriptor of Array.isArray(msg.apis) ? msg.apis : []) {
    if (!isObject(descriptor) || typeof descriptor.name !== 'string' || !descriptor.name) continue;
    const name = descriptor.name;
    state.apis.set(name, descriptor);
    if (builtins.has(name) || descriptor.internal) continue;
    let api: Function;
    const object = descriptor.object;
    if (descriptor.unsupported && isObject(object) && Array.isArray(object.methods)) {
      // A manager or context the host does not provide: an inert object of its documented shape.
      const type = String(object.type);
      const methods = object.methods;
      api = () => inertObject(name, type, methods);
    } else if (descriptor.kind === 'sync') {
      api = (args?: unknown) => invokeSync(name, args);
    } else if (descriptor.kind === 'event') {
      const key = name.slice(name.lastIndexOf('.') + 1).replace(/^(on|off)(?=[A-Z])/, '');
      api = /(^|\.)off[A-Z]/.test(name)
        ? (listener?: unknown) => hostEvents.remove(key, listener)
        : (listener: unknown) => hostEvents.add(key, listener);
    } else if (name === 'navigateTo') {
      api = navigateTo;
    } else if (descriptor.task && Array.isArray(descriptor.task.methods) && Array.isArray(descriptor.task.events)) {
      api = makeTaskApi(name, descriptor.task);
    } else {
      api = (options?: unknown) => invokeAsync(name, options).promise;
    }
    placeApi(my, name, api);
  }
  if (state.apis.has('selectorQuery') || state.apis.has('createSelectorQuery')) {
    my.createSelectorQuery = () => createSelectorQuery(undefined);
  }
  state.components = isObject(msg.components) ? msg.components : {};
  state.sdkVersion = typeof msg.sdkVersion === 'string' ? msg.sdkVersion : '';
  state.env = isObject(msg.env) ? deepClone(msg.env) : {};
  my.SDKVersion = state.sdkVersion;
  my.env = state.env;
}

export { invokeAsync, invokeSync };
