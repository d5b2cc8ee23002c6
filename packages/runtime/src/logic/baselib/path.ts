/**
 * Data paths of `setData`/`$spliceData` (`'a.b[1].c'` → `['a', 'b', 1, 'c']`) and applying them
 * to an instance's data with the same rules the view uses (missing containers are created, an
 * array when the next key is an index; `__proto__` is refused).
 */
import type { PatchPath } from '../../bridge/protocol.ts';
import { isObject } from './state.ts';
import { spliceInPlace } from '../../bridge/splice.ts';

const cache = new Map<string, PatchPath>();
const CACHE_MAX = 512;

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
      const close = key.indexOf(']', i);
      if (close < 0) throw bad('unclosed "["');
      const inner = key.slice(i + 1, close);
      if (!/^\d+$/.test(inner)) throw bad(`"[${inner}]" is not an array index`);
      path.push(Number(inner));
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
      const segment = key.slice(i, end);
      if (segment === '__proto__') throw bad('"__proto__" is not allowed');
      path.push(segment);
      i = end;
      expectKey = false;
    }
  }
  if (path.length === 0) throw bad('empty path');
  if (expectKey) throw bad('ends with "."');
  return path;
}

function ownGet(container: object, key: string | number): unknown {
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string | number, unknown>)[key] : undefined;
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
      child = Array.isArray(child) ? child.slice() : { ...child };
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
  else if (Array.isArray(current)) array = fresh && !fresh.has(current) ? current.slice() : current;
  else throw new TypeError(`$spliceData: "${path.join('.')}" is not an array`);
  fresh?.add(array);
  spliceInPlace(array, start, deleteCount, items);
  parent[key] = array;
}

/**
 * Deep copy of plain objects and arrays (other objects — Dates, class instances — are shared).
 * Used for `data` given as an object, so nested mutation in one page instance does not leak
 * into the next (the platform copies shallowly and documents the leak; we don't reproduce it).
 */
export function deepClone<T>(value: T, seen = new Map<object, unknown>()): T {
  if (!isObject(value)) return value;
  const proto = Object.getPrototypeOf(value);
  const plainArray = Array.isArray(value);
  if (!plainArray && proto !== Object.prototype && proto !== null) return value;
  const known = seen.get(value);
  if (known) return known as T;
  if (plainArray) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (let i = 0; i < (value as unknown[]).length; i++) out.push(deepClone((value as unknown[])[i], seen));
    return out as T;
  }
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = deepClone((value as Record<string, unknown>)[key], seen);
  return out as T;
}
