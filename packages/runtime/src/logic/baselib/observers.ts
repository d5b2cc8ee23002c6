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
import type { PatchPath } from '../../bridge/protocol.ts';
import { guard } from './errors.ts';
import { post } from './host.ts';
import { sourceOf, type Internal } from './instance.ts';
import { parsePath } from './path.ts';
import { isObject } from './state.ts';

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

const changes = new WeakMap<Internal, PatchPath[]>();

/** Parses an `observers` key; throws a TypeError naming the key when a field is not a data path. */
function parseKey(key: string): ObservedField[] {
  return key.split(',').map((raw) => {
    const field = raw.trim();
    if (field === '**') return { all: true, path: [], deep: true };
    const deep = field.endsWith('.**');
    try {
      return { all: false, path: parsePath(deep ? field.slice(0, -3) : field), deep };
    } catch (err) {
      throw new TypeError(`observers: "${key}" is not a list of data paths (${err instanceof Error ? err.message : String(err)})`);
    }
  });
}

/** Observer definitions from the layers (mixins first), in the order they should run. */
export function collectObservers(layers: readonly Record<string, any>[]): ObserverDef[] {
  const out: ObserverDef[] = [];
  for (const layer of layers) {
    if (!isObject(layer.observers)) continue;
    for (const key of Object.keys(layer.observers)) {
      const fn = layer.observers[key];
      if (typeof fn !== 'function') continue;
      out.push({ key, fields: parseKey(key), fn });
    }
  }
  return out;
}

/** Records a path a change touched (only instances that observe anything keep them). */
export function recordChange(int: Internal, path: PatchPath): void {
  if (int.def.observers.length === 0) return;
  const list = changes.get(int);
  if (list) list.push(path);
  else changes.set(int, [path]);
}

/** Props whose values changed become touched paths, except names that are also data fields. */
export function recordPropsChange(int: Internal, prev: Record<string, unknown>, next: Record<string, unknown>): void {
  if (int.def.observers.length === 0) return;
  const data = isObject(int.pub.data) ? int.pub.data : {};
  const names = new Set([...Object.keys(prev), ...Object.keys(next)]);
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(data, name)) continue;
    if (!Object.is(prev[name], next[name])) recordChange(int, [name]);
  }
}

function isPrefix(prefix: PatchPath, path: PatchPath): boolean {
  if (prefix.length > path.length) return false;
  // `arr[1]` and `arr.1` name the same element.
  for (let i = 0; i < prefix.length; i++) if (String(prefix[i]) !== String(path[i])) return false;
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
  let value: unknown = Object.prototype.hasOwnProperty.call(data, head) ? data : props;
  for (const key of field.path) {
    if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Runs the observers the recorded changes touch; their own setData calls start another round. */
export function runObservers(int: Internal): void {
  const observers = int.def.observers;
  if (observers.length === 0) return;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const changed = changes.get(int);
    if (!changed || changed.length === 0) return;
    changes.delete(int);
    for (const observer of observers) {
      if (int.dead) return;
      if (!observer.fields.some((field) => changed.some((path) => touches(field, path)))) continue;
      guard(observer.fn, int.pub, observer.fields.map((field) => valueOf(int, field)), sourceOf(int));
    }
  }
  changes.delete(int);
  post({ t: 'log', level: 'warn', args: [`observers of ${int.kind} "${int.name}" kept changing the data they observe (${MAX_ROUNDS} rounds in one update); stopped`] });
}
