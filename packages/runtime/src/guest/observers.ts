/**
 * Data observers (docs: 自定义组件/数据变化观测器), for components and pages that set
 * `options.observers: true`. Keys name data or prop paths (`'a.b'`, `'list[0]'`, several with
 * commas, `'a.**'` for a subtree, `'**'` for everything). What counts is which paths a change
 * *touched*, not whether values differ: `setData`/`$spliceData` paths, and props whose value
 * changed (a name that is also a data field is left to setData, as the docs say).
 *
 * When (component2): after `deriveDataFromProps`, before the update reaches the view — i.e. once
 * per flush, just before the instance's patch is built. An observer fires at most once per round;
 * the setData calls it makes start another round (bounded), and all of it travels in one patch.
 */
import type { PatchPath } from '../contract/protocol.ts';
import { guard } from './errors.ts';
import { post } from './host.ts';
import { sourceOf, type Internal } from './instance.ts';
import { parsePath } from './path.ts';
import { isObject } from './state.ts';
import { SafeSet, SafeWeakMap, append, forEachOfSet, hasOwn, keysOf, mapList, objectIs, splitString, toStr } from './intrinsics.ts';

interface ObservedField {
  /** `**` alone: every change, and the value is `{ ...props, ...data }`. */
  all: boolean;
  path: PatchPath;
  /** `path.**`: changes below `path` count too. */
  deep: boolean;
}

export interface ObserverDef {
  key: string;
  fields: ObservedField[];
  fn: Function;
}

/** Rounds of observer-triggered setData before we give up on a loop. */
const MAX_ROUNDS = 100;

// Observers run while patches are built: captured built-ins only (intrinsics.ts).
const changes = new SafeWeakMap<Internal, PatchPath[]>();

/** Parses an `observers` key; throws a TypeError naming the key when a field is not a data path. */
function parseKey(key: string): ObservedField[] {
  return mapList(splitString(key, ','), (raw) => {
    const field = trimSpace(raw);
    if (field === '**') return { all: true, path: [], deep: true };
    const deep = field.length >= 3 && field[field.length - 3] === '.' && field[field.length - 2] === '*' && field[field.length - 1] === '*';
    try {
      return { all: false, path: parsePath(deep ? substring(field, 0, field.length - 3) : field), deep };
    } catch (err) {
      throw new TypeError(`observers: "${key}" is not a list of data paths (${err instanceof Error ? err.message : toStr(err)})`);
    }
  });
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function substring(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += text[i];
  return out;
}

function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return start === 0 && end === text.length ? text : substring(text, start, end);
}

/** Observer definitions from the layers (mixins first), in the order they should run. */
export function collectObservers(layers: readonly Record<string, any>[]): ObserverDef[] {
  const out: ObserverDef[] = [];
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    if (!isObject(layer.observers)) continue;
    const keys = keysOf(layer.observers);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const fn = layer.observers[key];
      if (typeof fn !== 'function') continue;
      append(out, { key, fields: parseKey(key), fn });
    }
  }
  return out;
}

/** Records a path a change touched (only instances that observe anything keep them). */
export function recordChange(int: Internal, path: PatchPath): void {
  if (int.def.observers.length === 0) return;
  const list = changes.get(int);
  if (list) append(list, path);
  else changes.set(int, [path]);
}

/** Props whose values changed become touched paths, except names that are also data fields. */
export function recordPropsChange(int: Internal, prev: Record<string, unknown>, next: Record<string, unknown>): void {
  if (int.def.observers.length === 0) return;
  const data = isObject(int.pub.data) ? int.pub.data : {};
  const names = new SafeSet<string>();
  const before = keysOf(prev);
  const after = keysOf(next);
  for (let i = 0; i < before.length; i++) names.add(before[i]);
  for (let i = 0; i < after.length; i++) names.add(after[i]);
  forEachOfSet(names, (name) => {
    if (hasOwn(data, name)) return;
    if (!objectIs(prev[name], next[name])) recordChange(int, [name]);
  });
}

function isPrefix(prefix: PatchPath, path: PatchPath): boolean {
  if (prefix.length > path.length) return false;
  // `arr[1]` and `arr.1` name the same element.
  for (let i = 0; i < prefix.length; i++) if (toStr(prefix[i]) !== toStr(path[i])) return false;
  return true;
}

function touches(field: ObservedField, changed: PatchPath): boolean {
  if (field.all) return true;
  // Setting `some` also sets `some.subfield`; with `.**`, setting `some.field.x` counts too.
  return isPrefix(changed, field.path) || (field.deep && isPrefix(field.path, changed));
}

function valueOf(int: Internal, field: ObservedField): unknown {
  const data = isObject(int.pub.data) ? int.pub.data : {};
  const props = isObject(int.pub.props) ? int.pub.props : {};
  if (field.all) return { ...props, ...data };
  const head = field.path[0];
  let value: unknown = hasOwn(data, head) ? data : props;
  for (let i = 0; i < field.path.length; i++) {
    const key = field.path[i];
    if (!isObject(value) || !hasOwn(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function touchedBy(fields: readonly ObservedField[], changed: readonly PatchPath[]): boolean {
  for (let f = 0; f < fields.length; f++) for (let c = 0; c < changed.length; c++) if (touches(fields[f], changed[c])) return true;
  return false;
}

/** Runs the observers the recorded changes touch; their own setData calls start another round. */
export function runObservers(int: Internal): void {
  const observers = int.def.observers;
  if (observers.length === 0) return;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const changed = changes.get(int);
    if (!changed || changed.length === 0) return;
    changes.delete(int);
    for (let o = 0; o < observers.length; o++) {
      const observer = observers[o];
      if (int.dead) return;
      if (!touchedBy(observer.fields, changed)) continue;
      guard(observer.fn, int.pub, mapList(observer.fields, (field) => valueOf(int, field)), sourceOf(int, 'observers'));
    }
  }
  changes.delete(int);
  post({ t: 'log', level: 'warn', args: [`observers of ${int.kind} "${int.name}" kept changing the data they observe (${MAX_ROUNDS} rounds in one update); stopped`] });
}
