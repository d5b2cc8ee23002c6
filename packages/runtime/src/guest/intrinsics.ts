/**
 * The built-ins the base library uses where it builds messages, captured when it loads (before any
 * mini-program code runs): an app that replaces `Array.prototype.join`, `JSON.stringify`,
 * `Object.keys`, `String.prototype.slice`, `Function.prototype.call`, `Array.prototype[Symbol.iterator]`,
 * `Map.prototype.get`… changes what its own code sees, never what the base library sends.
 *
 * Rules for code on a path that produces a message (post, log rendering, patch building, invoke,
 * error reports, the dispatcher):
 * - call built-ins only through these captures (`apply` instead of `fn.call/apply`, `keysOf`
 *   instead of `Object.keys`, `sliceString` instead of `s.slice`…);
 * - no `for…of`, array spread or array destructuring (they go through `Symbol.iterator` and the
 *   array iterator's `next`, which the app can replace): index loops;
 * - no array `map/filter/slice/concat` (they consult `constructor[Symbol.species]`): `mapList`,
 *   `sliceList`; no string `split/replace` (they look up `Symbol.split/replace` even on a string
 *   separator): `splitString`, regular expressions through `exec`;
 * - the internal maps and sets are `SafeMap`/`SafeSet`/`SafeWeakMap`/`SafeWeakSet`, iterated with
 *   `forEach`;
 * - envelopes are serialised by `encodeJson` (no `toJSON`, no prototype lookups); the app's own
 *   values (setData values, API arguments) by `valueJson`, i.e. JSON semantics, `toJSON` included.
 */

const R = Reflect;
/** `Reflect.apply`, captured. */
export const apply: <T>(fn: Function, self: unknown, args: ArrayLike<unknown>) => T = R.apply as never;

function uncurry<A extends unknown[], T>(fn: (...args: A) => T): (self: unknown, ...args: A) => T {
  return (self: unknown, ...args: A): T => apply<T>(fn, self, args);
}

const ObjectCtor = Object;
const ArrayProto = Array.prototype;
const StringProto = String.prototype;

export const stringify: (value: unknown, replacer?: (this: unknown, key: string, value: unknown) => unknown) => string | undefined = JSON.stringify as never;
export const parse: (text: string) => unknown = JSON.parse;
export const isArray: (value: unknown) => value is unknown[] = Array.isArray;
export const keysOf: (value: object) => string[] = ObjectCtor.keys;
export const getPrototypeOf: (value: object) => object | null = ObjectCtor.getPrototypeOf;
export const defineProperty = ObjectCtor.defineProperty;
export const create: (proto: object | null, properties?: PropertyDescriptorMap) => any = ObjectCtor.create;
export const freeze: <T>(value: T) => Readonly<T> = ObjectCtor.freeze;
export const objectIs: (a: unknown, b: unknown) => boolean = ObjectCtor.is;
export const hasOwn: (value: object, key: PropertyKey) => boolean = uncurry(ObjectCtor.prototype.hasOwnProperty) as never;
export const objectToString: (value: unknown) => string = uncurry(ObjectCtor.prototype.toString);
/** `String(value)`, captured. */
export const toStr: (value: unknown) => string = String;
export const isFiniteNumber: (value: unknown) => boolean = Number.isFinite;
export const isInteger: (value: unknown) => boolean = Number.isInteger;
export const $Error = Error;
export const $Promise = Promise;
export const $Map = Map;
export const $Set = Set;
export const $Date = Date;
export const $RegExp = RegExp;
export const $ArrayBuffer = ArrayBuffer;
export const isView: (value: unknown) => boolean = ArrayBuffer.isView;
export const ObjectPrototype = ObjectCtor.prototype;

export const joinList: (list: readonly unknown[], separator: string) => string = uncurry(ArrayProto.join) as never;
export const sliceString: (text: string, start: number, end?: number) => string = uncurry(StringProto.slice) as never;
export const indexOfString: (text: string, search: string, from?: number) => number = uncurry(StringProto.indexOf) as never;
export const lastIndexOfString: (text: string, search: string) => number = uncurry(StringProto.lastIndexOf) as never;
export const includesString: (text: string, search: string) => boolean = uncurry(StringProto.includes) as never;
export const startsWithString: (text: string, search: string, at?: number) => boolean = uncurry(StringProto.startsWith) as never;
export const charCodeAt: (text: string, index: number) => number = uncurry(StringProto.charCodeAt) as never;
export const exec: (re: RegExp, text: string) => RegExpExecArray | null = uncurry(RegExp.prototype.exec) as never;
export const symbolToString: (value: symbol) => string = uncurry(Symbol.prototype.toString) as never;
export const dateGetTime: (value: Date) => number = uncurry(Date.prototype.getTime) as never;
export const dateToISOString: (value: Date) => string = uncurry(Date.prototype.toISOString) as never;
export const regExpToString: (value: RegExp) => string = uncurry(RegExp.prototype.toString) as never;
const promiseThen = uncurry(Promise.prototype.then) as (promise: Promise<unknown>, ok?: (value: unknown) => unknown, fail?: (reason: unknown) => unknown) => Promise<unknown>;
const resolved = Promise.resolve();

/** Runs `fn` as a promise job of the current task (what `Promise.resolve().then(fn)` did, with captured built-ins). */
export function later(fn: () => void): void {
  promiseThen(resolved, fn);
}

/** `promise.then(ok, fail)` with the captured `then`. */
export function thenOf(promise: Promise<unknown>, ok?: (value: unknown) => unknown, fail?: (reason: unknown) => unknown): Promise<unknown> {
  return promiseThen(promise, ok, fail);
}

// ---------------------------------------------------------------- lists and strings

export function append<T>(list: T[], value: T): void {
  list[list.length] = value;
}

export function sliceList<T>(list: ArrayLike<T>, start = 0, end = list.length): T[] {
  const out: T[] = [];
  if (start < 0) start = 0;
  if (end > list.length) end = list.length;
  for (let i = start; i < end; i++) out[i - start] = list[i];
  return out;
}

export function mapList<T, U>(list: ArrayLike<T>, fn: (item: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) out[i] = fn(list[i], i);
  return out;
}

export function splitString(text: string, separator: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const at = indexOfString(text, separator, from);
    if (at < 0) break;
    append(out, sliceString(text, from, at));
    from = at + separator.length;
  }
  append(out, sliceString(text, from));
  return out;
}

/** `text` without trailing newlines. */
export function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && charCodeAt(text, end - 1) === 10) end--;
  return end === text.length ? text : sliceString(text, 0, end);
}

// ---------------------------------------------------------------- collections

const MapProto = Map.prototype;
const mapGet = MapProto.get;
const mapSet = MapProto.set;
const mapHas = MapProto.has;
const mapDelete = MapProto.delete;
const mapClear = MapProto.clear;
const mapForEach = MapProto.forEach;
const mapSize = R.getOwnPropertyDescriptor(MapProto, 'size')!.get!;
const SetProto = Set.prototype;
const setAdd = SetProto.add;
const setHas = SetProto.has;
const setDelete = SetProto.delete;
const setClear = SetProto.clear;
const setForEach = SetProto.forEach;
const setSize = R.getOwnPropertyDescriptor(SetProto, 'size')!.get!;
const WeakMapProto = WeakMap.prototype;
const weakMapGet = WeakMapProto.get;
const weakMapSet = WeakMapProto.set;
const weakMapHas = WeakMapProto.has;
const weakMapDelete = WeakMapProto.delete;
const WeakSetProto = WeakSet.prototype;
const weakSetAdd = WeakSetProto.add;
const weakSetHas = WeakSetProto.has;
const weakSetDelete = WeakSetProto.delete;

/** `map.forEach(fn)` of any Map, with the captured method. */
export function forEachOfMap<K, V>(map: Map<K, V>, fn: (value: V, key: K) => void): void {
  apply(mapForEach, map, [fn]);
}

/** `set.forEach(fn)` of any Set, with the captured method. */
export function forEachOfSet<T>(set: Set<T>, fn: (value: T) => void): void {
  apply(setForEach, set, [fn]);
}

/** Defines an own enumerable data property (never a setter up the prototype chain, `__proto__` included). */
export function setOwn(target: object, key: PropertyKey, value: unknown): void {
  defineProperty(target, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
}

/** A Map whose methods are the captured originals (iterate it with `forEach`). Never handed to mini-program code. */
export class SafeMap<K, V> extends Map<K, V> {
  // An explicit constructor: a default derived one may spread its arguments (the array iterator).
  constructor() {
    super();
  }

  override get(key: K): V | undefined {
    return apply(mapGet, this, [key]);
  }
  override set(key: K, value: V): this {
    apply(mapSet, this, [key, value]);
    return this;
  }
  override has(key: K): boolean {
    return apply(mapHas, this, [key]);
  }
  override delete(key: K): boolean {
    return apply(mapDelete, this, [key]);
  }
  override clear(): void {
    apply(mapClear, this, []);
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void): void {
    apply(mapForEach, this, [fn]);
  }
  override get size(): number {
    return apply(mapSize, this, []);
  }
}

export class SafeSet<T> extends Set<T> {
  // An explicit constructor: a default derived one may spread its arguments (the array iterator).
  constructor() {
    super();
  }

  override add(value: T): this {
    apply(setAdd, this, [value]);
    return this;
  }
  override has(value: T): boolean {
    return apply(setHas, this, [value]);
  }
  override delete(value: T): boolean {
    return apply(setDelete, this, [value]);
  }
  override clear(): void {
    apply(setClear, this, []);
  }
  override forEach(fn: (value: T, value2: T, set: Set<T>) => void): void {
    apply(setForEach, this, [fn]);
  }
  override get size(): number {
    return apply(setSize, this, []);
  }
}

export class SafeWeakMap<K extends object, V> extends WeakMap<K, V> {
  // An explicit constructor: a default derived one may spread its arguments (the array iterator).
  constructor() {
    super();
  }

  override get(key: K): V | undefined {
    return apply(weakMapGet, this, [key]);
  }
  override set(key: K, value: V): this {
    apply(weakMapSet, this, [key, value]);
    return this;
  }
  override has(key: K): boolean {
    return apply(weakMapHas, this, [key]);
  }
  override delete(key: K): boolean {
    return apply(weakMapDelete, this, [key]);
  }
}

export class SafeWeakSet<T extends object> extends WeakSet<T> {
  // An explicit constructor: a default derived one may spread its arguments (the array iterator).
  constructor() {
    super();
  }

  override add(value: T): this {
    apply(weakSetAdd, this, [value]);
    return this;
  }
  override has(value: T): boolean {
    return apply(weakSetHas, this, [value]);
  }
  override delete(value: T): boolean {
    return apply(weakSetDelete, this, [value]);
  }
}

// ---------------------------------------------------------------- JSON of messages

/** Text that `encodeJson` copies as it is: a value the app gave, already serialised by `valueJson`. */
export class RawJson {
  constructor(readonly json: string) {}
}

type Replacer = (this: unknown, key: string, value: unknown) => unknown;

const NumberObject = '[object Number]';
const StringObject = '[object String]';
const BooleanObject = '[object Boolean]';

/**
 * The app's value as JSON (JSON.stringify semantics: its `toJSON`, functions and undefined
 * dropped, cycles throw); undefined when it has none. A `toJSON` put on `Object.prototype` or
 * `Array.prototype` (which would turn every value into whatever it returns) is ignored: then the
 * value is serialised by `slowJson`, the same rules with that one exception.
 */
export function valueJson(value: unknown, replacer?: Replacer): string | undefined {
  if (!hasOwn(ObjectPrototype, 'toJSON') && !hasOwn(ArrayProto, 'toJSON')) return stringify(value, replacer);
  const parts: string[] = [];
  const holder = { '': value };
  return slowJson(holder, '', value, replacer, [], parts) ? joinList(parts, '') : undefined;
}

function slowJson(holder: unknown, key: string, value: unknown, replacer: Replacer | undefined, stack: object[], parts: string[]): boolean {
  if (typeof value === 'object' && value !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && toJSON !== (ObjectPrototype as { toJSON?: unknown }).toJSON && toJSON !== (ArrayProto as { toJSON?: unknown }).toJSON) {
      value = apply(toJSON, value, [key]);
    }
  }
  if (replacer) value = apply(replacer, holder, [key, value]);
  if (typeof value === 'object' && value !== null) {
    const tag = objectToString(value);
    if (tag === NumberObject) value = +(value as unknown as number);
    else if (tag === StringObject) value = '' + (value as unknown as string);
    else if (tag === BooleanObject) value = (value as { valueOf(): boolean }).valueOf();
  }
  switch (typeof value) {
    case 'string':
      append(parts, stringify(value)!);
      return true;
    case 'number':
      append(parts, isFiniteNumber(value) ? stringify(value)! : 'null');
      return true;
    case 'boolean':
      append(parts, value ? 'true' : 'false');
      return true;
    case 'bigint':
      throw new TypeError('BigInt value can\'t be serialized in JSON');
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) {
    append(parts, 'null');
    return true;
  }
  for (let i = 0; i < stack.length; i++) if (stack[i] === value) throw new TypeError('circular reference in the data');
  append(stack, value as object);
  if (isArray(value)) {
    append(parts, '[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) append(parts, ',');
      if (!slowJson(value, '' + i, value[i], replacer, stack, parts)) append(parts, 'null');
    }
    append(parts, ']');
  } else {
    append(parts, '{');
    const keys = keysOf(value as object);
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const mark = parts.length;
      if (!first) append(parts, ',');
      append(parts, stringify(keys[i])!);
      append(parts, ':');
      if (slowJson(value, keys[i], (value as Record<string, unknown>)[keys[i]], replacer, stack, parts)) first = false;
      else parts.length = mark;
    }
    append(parts, '}');
  }
  stack.length--;
  return true;
}

/**
 * JSON text of something the base library built (a message, a path, a rendered log argument):
 * plain objects and arrays of strings, numbers, booleans and null, with `RawJson` parts copied
 * verbatim. Undefined and function fields are left out (null in arrays), non-finite numbers are
 * null, as JSON does; nothing of the value's prototype (`toJSON`, getters on it) is consulted.
 */
export function encodeJson(value: unknown): string {
  const parts: string[] = [];
  encodeInto(value, parts);
  return joinList(parts, '');
}

function encodeInto(value: unknown, parts: string[]): void {
  switch (typeof value) {
    case 'string':
      append(parts, stringify(value)!);
      return;
    case 'number':
      append(parts, isFiniteNumber(value) ? stringify(value)! : 'null');
      return;
    case 'boolean':
      append(parts, value ? 'true' : 'false');
      return;
    case 'object':
      break;
    default:
      append(parts, 'null');
      return;
  }
  if (value === null) {
    append(parts, 'null');
    return;
  }
  if (value instanceof RawJson) {
    append(parts, value.json);
    return;
  }
  if (isArray(value)) {
    append(parts, '[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) append(parts, ',');
      encodeInto(value[i], parts);
    }
    append(parts, ']');
    return;
  }
  append(parts, '{');
  const keys = keysOf(value);
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const item = (value as Record<string, unknown>)[keys[i]];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (!first) append(parts, ',');
    first = false;
    append(parts, stringify(keys[i])!);
    append(parts, ':');
    encodeInto(item, parts);
  }
  append(parts, '}');
}
