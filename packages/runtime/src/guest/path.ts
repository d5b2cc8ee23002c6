/**
 * Data paths of `setData`/`$spliceData` (`'a.b[1].c'` → `['a', 'b', 1, 'c']`) and applying them
 * to an instance's data with the same rules the view uses (missing containers are created, an
 * array when the next key is an index; `__proto__` is refused).
 */
import type { PatchPath } from '../contract/protocol.ts';
import { isObject } from './state.ts';
import { indexGapProblem, spliceInPlace } from '../contract/data-path.ts';
import { SafeMap, append, create, exec, getPrototypeOf, hasOwn, indexOfString, isArray, joinList, keysOf, ObjectPrototype, setOwn, sliceList, sliceString } from './intrinsics.ts';

// setData builds patches from these: captured built-ins only (intrinsics.ts).
const cache = new SafeMap<string, PatchPath>();
const CACHE_MAX = 512;
const DIGITS = /^\d+$/;
/** Longest data path (segments) and longest `[index]` accepted. */
const MAX_SEGMENTS = 64;
const MAX_INDEX = 9007199254740991;

export function parsePath(key: string): PatchPath {
  const hit = cache.get(key);
  if (hit) return hit;
  const path = parseUncached(key);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, path);
  return path;
}

function parseUncached(key: string): PatchPath {
  const bad = (why: string) => new TypeError(`setData: invalid data path "${key}": ${why}`);
  const path: PatchPath = [];
  let i = 0;
  let expectKey = true;
  while (i < key.length) {
    const ch = key[i];
    if (ch === '[') {
      const close = indexOfString(key, ']', i);
      if (close < 0) throw bad('unclosed "["');
      const inner = sliceString(key, i + 1, close);
      if (exec(DIGITS, inner) === null) throw bad(`"[${inner}]" is not an array index`);
      const index = +inner;
      // Far past an array's end is refused by checkPathIndexes, with the array's length in the message.
      if (!(index <= MAX_INDEX)) throw bad(`array index ${inner} is too large`);
      append(path, index);
      i = close + 1;
      expectKey = false;
    } else if (ch === '.') {
      if (expectKey) throw bad('empty key');
      i++;
      expectKey = true;
    } else if (ch === ']') {
      throw bad('unexpected "]"');
    } else {
      if (!expectKey) throw bad('missing "." before a key');
      let end = i;
      while (end < key.length && key[end] !== '.' && key[end] !== '[' && key[end] !== ']') end++;
      const segment = sliceString(key, i, end);
      if (segment === '__proto__') throw bad('"__proto__" is not allowed');
      append(path, segment);
      i = end;
      expectKey = false;
    }
  }
  if (path.length === 0) throw bad('empty path');
  if (expectKey) throw bad('ends with "."');
  if (path.length > MAX_SEGMENTS) throw bad(`more than ${MAX_SEGMENTS} segments`);
  return path;
}

function ownGet(container: object, key: string | number): unknown {
  return hasOwn(container, key) ? (container as Record<string | number, unknown>)[key] : undefined;
}

/**
 * Throws a RangeError naming `key` when the path would set an array element far past the array's
 * end (a sparse giant: `list[999999999]`), looking at `root` as it is now. Containers the path
 * would create start empty. Checked for every key before setData changes anything or sends it.
 */
export function checkPathIndexes(root: Record<string, unknown>, path: PatchPath, key: string, api = 'setData'): void {
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const container = isObject(current) ? current : typeof segment === 'number' ? [] : {};
    if (typeof segment === 'number' && isArray(container)) {
      const problem = indexGapProblem(container.length, segment);
      if (problem !== undefined) throw new RangeError(`${api}: data path "${key}": ${problem}; nothing was set`);
    }
    current = ownGet(container, segment);
  }
}

/**
 * Walks to the parent of the path's last key, creating containers. With `fresh` (copy-on-write,
 * used when `didUpdate` needs the previous data), every container on the way that was not
 * created or copied in this update is replaced by a shallow copy first.
 */
function parentOf(root: Record<string, unknown>, path: PatchPath, fresh: WeakSet<object> | undefined): Record<string | number, unknown> {
  let current: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    let child = ownGet(current, key);
    if (!isObject(child)) {
      child = typeof path[i + 1] === 'number' ? [] : {};
      fresh?.add(child as object);
    } else if (fresh && !fresh.has(child)) {
      child = isArray(child) ? sliceList(child) : { ...child };
      fresh.add(child as object);
    }
    current[key] = child;
    current = child as Record<string | number, unknown>;
  }
  return current;
}

export function setAtPath(root: Record<string, unknown>, path: PatchPath, value: unknown, fresh?: WeakSet<object>): void {
  parentOf(root, path, fresh)[path[path.length - 1]] = value;
}

/** `Array.prototype.splice` semantics, without spreading (100k items would overflow the stack). */
export function spliceAtPath(
  root: Record<string, unknown>,
  path: PatchPath,
  start: number,
  deleteCount: number,
  items: readonly unknown[],
  fresh?: WeakSet<object>,
): void {
  const parent = parentOf(root, path, fresh);
  const key = path[path.length - 1];
  const current = ownGet(parent, key);
  let array: unknown[];
  if (current === undefined || current === null) array = [];
  else if (isArray(current)) array = fresh && !fresh.has(current) ? sliceList(current) : current;
  else throw new TypeError(`$spliceData: "${joinList(path, '.')}" is not an array`);
  fresh?.add(array);
  spliceInPlace(array, start, deleteCount, items);
  parent[key] = array;
}

/**
 * Deep copy of plain objects and arrays (other objects — Dates, class instances — are shared).
 * Used for `data` given as an object, so nested mutation in one page instance does not leak
 * into the next (the platform copies shallowly and documents the leak; we don't reproduce it).
 */
export function deepClone<T>(value: T, seen = new SafeMap<object, unknown>()): T {
  if (!isObject(value)) return value;
  const proto = getPrototypeOf(value);
  const plainArray = isArray(value);
  if (!plainArray && proto !== ObjectPrototype && proto !== null) return value;
  const known = seen.get(value);
  if (known) return known as T;
  if (plainArray) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (let i = 0; i < (value as unknown[]).length; i++) append(out, deepClone((value as unknown[])[i], seen));
    return out as T;
  }
  const out: Record<string, unknown> = proto === null ? create(null) : {};
  seen.set(value, out);
  const keys = keysOf(value);
  for (let i = 0; i < keys.length; i++) setOwn(out, keys[i], deepClone((value as Record<string, unknown>)[keys[i]], seen));
  return out as T;
}
