/**
 * The `my` object, built from the host's ApiDescriptor list: async APIs (callbacks + Promise),
 * sync APIs (return or throw), event APIs (`my.onX`/`my.offX`), task APIs (the returned
 * Promise also carries the task's methods and `onX`/`offX`), `my.call`, `my.on`/`my.off`,
 * `my.canIUse`. Argument validation is the host's job; this only shapes the calls.
 */
import type { ApiDescriptor, ApiError, HostEventMessage, InitMessage, ReplyMessage, TaskEventMessage } from '../contract/protocol.ts';
import { guard, reportRejection } from './errors.ts';
import { invokeSyncRaw, parse, postJson } from './host.ts';
import { Listeners } from './listeners.ts';
import { deepClone } from './path.ts';
import { createSelectorQuery } from './selector-query.ts';
import { createCanvasContext, createOffscreenCanvas } from './canvas.ts';
import { createAnimation } from './animation.ts';
import { SENSOR_CHANGE_EVENTS } from '../contract/sensors.ts';
import { createIntersectionObserver, intersectionEntry } from './intersection-observer.ts';
import { arrayBufferToBase64, base64ToArrayBuffer } from './base64.ts';
import { inertObject } from './inert.ts';
import { fileSystemManager } from './file-system.ts';
import { updateManager } from './update-manager.ts';
import { MEDIA_FACTORIES, isMediaFactory } from './media.ts';
import { appEvents, hostEvents, isObject, state } from './state.ts';
import { pageNotFound } from './app.ts';
import { navigateTo } from './event-channel.ts';
import { $ArrayBuffer, $Promise, RawJson, isView, SafeMap, SafeSet, append, charCodeAt, encodeJson, exec, hasOwn, isArray as isArrayCaptured, joinList, keysOf, sliceList, splitString, startsWithString, later, setOwn, sliceString, thenOf, toStr, valueJson } from './intrinsics.ts';

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
    // The captured `then`: an app that replaces Promise.prototype.then does not change API promises.
    return thenOf(this, (onFulfilled ?? undefined) as ((value: unknown) => unknown) | undefined, onRejected ?? undefined) as Promise<A | B>;
  }
}

const ignore = () => {};
/** Captured while the base library loads, before mini-program code can replace `Promise`. */
const settled = $Promise.resolve();
const silence = (promise: Promise<unknown>) => thenOf(promise, undefined, ignore);

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

// Invokes are built and replies handled here: captured built-ins only (intrinsics.ts).
const pending = new SafeMap<number, Pending>();
let unobserved: { promise: ApiPromise<unknown>; reason: unknown }[] = [];
/** Task id → its event listeners. */
const tasks = new SafeMap<number, Listeners>();
let nextCb = 0;
let myObject: Record<string, unknown> | undefined;

function fn(value: unknown): Function | undefined {
  return typeof value === 'function' ? value : undefined;
}

function argsOf(options: unknown): unknown {
  if (!isObject(options) || isArrayValue(options)) return options === undefined ? {} : options;
  const args: Record<string, unknown> = {};
  const keys = keysOf(options);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'success' || key === 'fail' || key === 'complete') continue;
    const value = options[key];
    // An ArrayBuffer cannot travel as JSON: it crosses as { $arraybuffer: base64 } (jsapi/apis/binary.ts).
    setOwn(args, key, value instanceof $ArrayBuffer || isView(value) ? { $arraybuffer: arrayBufferToBase64(value) } : value);
  }
  return args;
}

function isArrayValue(value: unknown): boolean {
  return isArrayCaptured(value);
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
  let json: string;
  try {
    // The envelope by the base library's own encoder, the arguments with JSON semantics (their toJSON).
    const args = valueJson(argsOf(options)) ?? '{}';
    const message: Record<string, unknown> = { t: 'invoke', cb, api, args: new RawJson(args) };
    if (task !== undefined) message.task = task;
    json = encodeJson(message);
  } catch (err) {
    const reason = err instanceof Error ? err.message : toStr(err);
    later(() => onReply({ t: 'reply', cb, ok: false, error: { error: 2, errorMessage: `${api}: arguments are not JSON-serialisable (${reason})` } }));
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
    if (!entry.handled) append(unobserved, { promise: entry.promise, reason: error });
    silence(entry.promise);
    entry.reject(error);
  }
}

/** After a task: API rejections nobody listened for (no fail callback, no then/catch/await). */
export function reportUnobservedRejections(): void {
  if (unobserved.length === 0) return;
  const list = unobserved;
  unobserved = [];
  for (let i = 0; i < list.length; i++) if (!list[i].promise.observed) reportRejection(list[i].reason, list[i].promise);
}

function syncError(error: ApiError): Error {
  const err = new Error(error.errorMessage || `error ${error.error}`) as Error & Record<string, unknown>;
  const keys = keysOf(error);
  for (let i = 0; i < keys.length; i++) setOwn(err, keys[i], error[keys[i]]);
  return err;
}

function invokeSync(api: string, args: unknown): unknown {
  let json: string;
  try {
    const argsJson = valueJson(args === undefined ? {} : args) ?? '{}';
    json = encodeJson({ t: 'invoke', cb: ++nextCb, api, args: new RawJson(argsJson), sync: true });
  } catch (err) {
    throw syncError({ error: 2, errorMessage: `${api}: arguments are not JSON-serialisable (${err instanceof Error ? err.message : toStr(err)})` });
  }
  const reply = parse(invokeSyncRaw(json)) as ReplyMessage;
  if (isObject(reply) && reply.ok === true) return reply.result;
  throw syncError(asApiError(isObject(reply) ? (reply as { error?: unknown }).error : undefined, api));
}

/** Task event names arrive as `message`, `Message` or `onMessage`; all mean the same. */
const ON_EVENT = /^on[A-Z]/;

function eventKey(name: string): string {
  const bare = exec(ON_EVENT, name) !== null ? sliceString(name, 2) : name;
  return bare === '' ? bare : lowerFirst(bare[0]) + sliceString(bare, 1);
}

function lowerFirst(ch: string): string {
  return ch >= 'A' && ch <= 'Z' ? LOWER[charCodeAt(ch, 0) - 65] : ch;
}

function capital(name: string): string {
  const ch = name === '' ? '' : name[0];
  return (ch >= 'a' && ch <= 'z' ? UPPER[charCodeAt(ch, 0) - 97] : ch) + sliceString(name, 1);
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function makeTaskApi(api: string, task: NonNullable<ApiDescriptor['task']>) {
  return (options?: unknown) => {
    const { cb, promise } = invokeAsync(api, options);
    const target = promise as unknown as Record<string, unknown>;
    const methods = task.methods;
    for (let i = 0; i < methods.length; i++) {
      const method = methods[i];
      target[method] = (args?: unknown) => invokeAsync(method, args, cb).promise;
    }
    const events = task.events;
    for (let i = 0; i < events.length; i++) {
      const key = eventKey(events[i]);
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

/** The listeners of task `id`, for objects the base library builds on a task (guest/media.ts's players). */
export function taskListeners(id: number): Listeners {
  let listeners = tasks.get(id);
  if (!listeners) tasks.set(id, (listeners = new Listeners()));
  return listeners;
}

export function onTaskEvent(msg: TaskEventMessage): void {
  const listeners = tasks.get(msg.task);
  if (!listeners) return;
  const list = listeners.get(eventKey(toStr(msg.event)));
  for (let i = 0; i < list.length; i++) guard(list[i], undefined, msg.data === undefined ? [] : [msg.data]);
}

export function onHostEvent(msg: HostEventMessage): void {
  const name = toStr(msg.name);
  if (name === 'PageNotFound') pageNotFound(msg.data);
  // Entries of an observer, never my.on listeners'.
  if (name === 'IntersectionObserver.entry') return intersectionEntry(msg.data);
  const list = hostEvents.get(name);
  for (let i = 0; i < list.length; i++) guard(list[i], undefined, msg.data === undefined ? [] : [msg.data]);
}

/** App-level events the base library feeds itself, available whatever the host declares. */
const APP_EVENTS: Record<string, string> = {
  Error: 'error',
  UnhandledRejection: 'unhandledRejection',
  AppShow: 'appShow',
  AppHide: 'appHide',
  PageNotFound: 'pageNotFound',
  ComponentError: 'componentError',
};

/** Framework features answered by `my.canIUse` (docs: page.*, component2, mixin…). */
const FEATURES = safeSetOf([
  'component2', 'mixin', 'page.mixins',
  'page.setData.callback', 'page.$spliceData', 'page.$batchedUpdates', 'page.events', 'page.route',
  'page.router', 'page.createSelectorQuery', 'page.createIntersectionObserver', 'page.onShareAppMessage',
  'page.events.onBack', 'page.events.onKeyboardHeight', 'page.events.onOptionMenuClick',
  'page.events.onPullDownRefresh', 'page.events.onTitleClick', 'page.events.onTabItemTap',
  'page.events.beforeTabItemTap', 'page.events.onResize', 'page.events.onSelectedTabItemTap',
  'component.onInit', 'component.deriveDataFromProps', 'component.ref', 'component.hasMixin',
  'component.selectOwnerComponent', 'component.router', 'component.rootEvents', 'component.createSelectorQuery', 'component.createIntersectionObserver',
  // The component model (docs: 自定义组件): what the base library implements, checked with these names.
  'component.observers', 'component.lifetimes', 'component.relations', 'component.externalClasses',
  'component.$selectComponent', 'component.$selectAllComponents', 'component.selectComposedParentComponent',
  'component.getRelationNodes', 'component.setUpdatePerformanceListener', 'component.virtualHost',
  'page.observers', 'page.$selectComponent', 'page.$selectAllComponents', 'page.getOpenerEventChannel',
  'page.onShareAppMessage.async', 'page.setUpdatePerformanceListener',
]);

/** Parameters of base-library APIs that have no descriptor (for `canIUse('<api>.object.<param>')`). */
const BUILTIN_PARAMS: Record<string, readonly string[]> = {
  createAnimation: ['duration', 'timeFunction', 'timingFunction', 'delay', 'transformOrigin'],
};

function builtinNames(): Set<string> {
  const names = safeSetOf([
    'canIUse', 'call', 'on', 'off', 'SDKVersion', 'env', 'createSelectorQuery', 'getLaunchOptionsSync', 'getEnterOptionsSync', 'nextTick',
    'arrayBufferToBase64', 'base64ToArrayBuffer', 'cloud.createCloudContext', 'createAnimation',
    'createCanvasContext', 'createOffscreenCanvas', 'createIntersectionObserver',
  ]);
  const events = keysOf(APP_EVENTS);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    names.add('on' + event);
    names.add('off' + event);
  }
  return names;
}

function safeSetOf(names: readonly string[]): SafeSet<string> {
  const set = new SafeSet<string>();
  for (let i = 0; i < names.length; i++) set.add(names[i]);
  return set;
}

function contains(list: readonly unknown[] | undefined, value: unknown): boolean {
  if (!isArrayCaptured(list)) return false;
  for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
}

/** Whether `my` has a function or value at the dotted `path` (`cloud.createCloudContext`). */
function onMy(path: string): boolean {
  let target: unknown = myObject;
  const parts = splitString(path, '.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!isObject(target) || !(part in target)) return false;
    target = target[part];
  }
  return true;
}

export function canIUse(schema: unknown): boolean {
  if (typeof schema !== 'string' || schema === '') return false;
  const name = startsWithString(schema, 'my.') ? sliceString(schema, 3) : schema;
  if (FEATURES.has(name)) return true;
  const parts = splitString(name, '.');
  const builtins = builtinNames();
  // The API is the longest leading part that names one (`ap.openURL.object.url`).
  for (let i = parts.length; i >= 1; i--) {
    const api = joinList(sliceList(parts, 0, i), '.');
    const descriptor = state.apis.get(api);
    if (!descriptor && !(builtins.has(api) && onMy(api))) continue;
    // Documented but not provided by this host, or bridge plumbing: not usable.
    if (descriptor?.unsupported || descriptor?.internal) return false;
    const rest = sliceList(parts, i);
    if (rest.length === 0) return true;
    const kind = rest[0];
    if (kind === 'object') {
      if (rest.length === 1) return true;
      // `param` or `param.option` (docs: `${API}.object.${param}.${option}`).
      return contains(descriptor?.params ?? (hasOwn(BUILTIN_PARAMS, api) ? BUILTIN_PARAMS[api] : undefined), joinList(sliceList(rest, 1), '.'));
    }
    // return / callback fields are not described by the host: the API exists, so assume yes.
    return kind === 'return' || kind === 'callback';
  }
  const head = parts[0];
  const attrs = state.components[head];
  // `attribute` or `attribute.option` (docs: `${component}.${attribute}.${option}`).
  if (attrs) return parts.length === 1 || contains(attrs, joinList(sliceList(parts, 1), '.'));
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
    // Recording contexts (guest/canvas.ts): their calls reach the view as one canvasDraw batch.
    createCanvasContext,
    createOffscreenCanvas,
    // The view watches the nodes (guest/intersection-observer.ts); page-wide, on the page on top.
    createIntersectionObserver: (options?: unknown) => createIntersectionObserver(undefined, options),
    // The Animation builder (docs: 动画): pure JS, its export() goes to a node's `animation` through setData.
    createAnimation,
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
      const key = toStr(name);
      hostEvents.add(key, listener);
      return { remove: () => hostEvents.remove(key, listener) };
    },
    off(name: unknown, listener?: unknown) {
      hostEvents.remove(toStr(name), listener);
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

/** Sensor events whose first listener starts the sensor (contract/sensors.ts). */
const SENSOR_EVENTS = new SafeSet<string>();
for (const event of SENSOR_CHANGE_EVENTS) SENSOR_EVENTS.add(event);

/** Tells the host a sensor event gained its first listener or lost its last (listeners live here, sensors there). */
function watchSensor(event: string, listening: boolean): void {
  const watch = state.apis.get('sensorWatch');
  if (!watch || watch.unsupported) return;
  invokeAsync('sensorWatch', { event, listening }).promise.then(undefined, () => undefined);
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
    } else if (name === 'getFileSystemManager' && isObject(object) && Array.isArray(object.methods)) {
      const methods = object.methods;
      api = () => fileSystemManager(methods);
    } else if (name === 'getUpdateManager' && isObject(object)) {
      api = updateManager;
    } else if (isMediaFactory(name) && isObject(object) && Array.isArray(object.methods)) {
      api = MEDIA_FACTORIES[name](object.methods);
    } else if (descriptor.kind === 'sync') {
      api = (args?: unknown) => invokeSync(name, args);
    } else if (descriptor.kind === 'event') {
      const key = name.slice(name.lastIndexOf('.') + 1).replace(/^(on|off)(?=[A-Z])/, '');
      api = /(^|\.)off[A-Z]/.test(name)
        ? (listener?: unknown) => {
            hostEvents.remove(key, listener);
            if (SENSOR_EVENTS.has(key) && hostEvents.get(key).length === 0) watchSensor(key, false);
          }
        : (listener: unknown) => {
            const first = hostEvents.get(key).length === 0;
            hostEvents.add(key, listener);
            if (first && SENSOR_EVENTS.has(key)) watchSensor(key, true);
          };
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
