/**
 * Page and component instances: their data, `setData`/`$spliceData`, the patch each flush sends,
 * `setData` callbacks after the view's `rendered` ack, and the component update cycle
 * (`deriveDataFromProps` before an update, `didUpdate(prevProps, prevData)` after it rendered).
 */
import type { ComponentViewOptions, PatchPath } from '../../bridge/protocol.ts';
import { guard, reportError, type ErrorSource } from './errors.ts';
import { post, postJson, stringify } from './host.ts';
import { renderForLog } from './inspect.ts';
import { parsePath, setAtPath, spliceAtPath } from './path.ts';
import { isObject } from './state.ts';
import { recordChange, runObservers, type ObserverDef } from './observers.ts';
import type { RelationDef } from './relations.ts';
import { noteDataCall, notePatch, noteRendered } from './update-performance.ts';

/** The platform's hard cap on one setData transfer, and its guidance threshold. */
export const SET_DATA_LIMIT = 1024 * 1024;
export const SET_DATA_WARN = 256 * 1024;

export interface Definition {
  kind: 'page' | 'component';
  /** Prototype of the public instances: methods (and the base API through its own prototype). */
  proto: object;
  makeData(self: Record<string, unknown>): Record<string, unknown>;
  /** Lifecycle name → functions, mixins first. */
  hooks: Record<string, Function[]>;
  /** Page events (`events` / mixin `rootEvents`) or a component's `rootEvents`. */
  events: Record<string, Function[]>;
  /** Names the page's own `events` object declares. */
  ownEvents?: Set<string>;
  /** Component `methods` (event handlers resolve here); empty for pages. */
  methods: Record<string, Function>;
  /** Component default props, merged over mixins. */
  props: Record<string, unknown>;
  /** Page fields that are not functions (`customData: {...}`), set on each instance. */
  fields: Record<string, unknown>;
  ref?: Function;
  mixins: Set<object>;
  /** Keeps the previous data for `didUpdate` (copy-on-write along changed paths). */
  needsPrevData: boolean;
  /** `observers` (mixins first); empty unless `options.observers` is true. */
  observers: ObserverDef[];
  /** Component `relations`; empty unless `options.relations` is true. */
  relations: RelationDef[];
  /** What the view needs from the JS definition (sent in the component's first patch). */
  view?: ViewOptions;
}

export type ViewOptions = ComponentViewOptions;

interface PendingOp {
  json: string;
  size: number;
}

interface UpdateCycle {
  prevProps: unknown;
  prevData: unknown;
  /** deriveDataFromProps already ran for this update. */
  derived: boolean;
  /** Every change so far came from didUpdate itself: no new deriveDataFromProps/didUpdate. */
  suppressed: boolean;
}

export interface Internal {
  id: number;
  kind: 'page' | 'component';
  def: Definition;
  pub: Record<string, any>;
  /** Route (page) or component id. */
  name: string;
  pageId: number;
  ownerId: number;
  /** The page or component whose rendered tree holds this one (slot content: the component with the slot). */
  parentId: number;
  dead: boolean;
  /** The first patch (full data) has not been sent yet. */
  first: boolean;
  readied: boolean;
  seq: number;
  ops: (PendingOp | null)[];
  opIndex: Map<string, number>;
  pendingBytes: number;
  callbacks: Function[];
  awaiting: { seq: number; fns: Function[] }[];
  /** Queued for the next flush (stays true while its patch is being built). */
  dirty: boolean;
  propsChanged: boolean;
  cycle: UpdateCycle | undefined;
  fresh: WeakSet<object> | undefined;
  updates: { seq: number; prevProps: unknown; prevData: unknown }[];
  fnProps: Map<string, Function>;
}

const INTERNAL = Symbol('mpk.instance');
export const instances = new Map<number, Internal>();
const dirty: Internal[] = [];
/** The instance whose didUpdate is running: its setData does not start another update. */
let inDidUpdate: Internal | undefined;

/**
 * An interrupt unwinds without running `finally` blocks: state that is only meant to last for
 * one call is reset at every entry instead.
 */
export function resetTransientInstanceState(): void {
  inDidUpdate = undefined;
}

export function createInternal(id: number, kind: Internal['kind'], def: Definition, name: string, pageId: number, ownerId: number): Internal {
  const pub = Object.create(def.proto) as Record<string, any>;
  const int: Internal = {
    id, kind, def, pub, name, pageId, ownerId, parentId: ownerId,
    dead: false, first: true, readied: false, seq: 0,
    ops: [], opIndex: new Map(), pendingBytes: 0,
    callbacks: [], awaiting: [],
    dirty: false, propsChanged: false,
    cycle: undefined, fresh: undefined, updates: [],
    fnProps: new Map(),
  };
  Object.defineProperty(pub, INTERNAL, { value: int });
  for (const key of Object.keys(def.fields)) pub[key] = def.fields[key];
  return int;
}

export function internalOf(self: unknown): Internal | undefined {
  return isObject(self) ? (self as Record<symbol, Internal | undefined>)[INTERNAL] : undefined;
}

export function sourceOf(int: Internal): ErrorSource {
  return { id: int.id, onError: int.kind === 'component' ? int.def.hooks.onError : undefined, self: int.pub };
}

export function callHook(int: Internal, name: string, args: readonly unknown[]): void {
  const fns = int.def.hooks[name];
  if (!fns) return;
  for (const fn of fns) {
    if (int.dead && name !== 'onUnload' && name !== 'didUnmount') return;
    guard(fn, int.pub, args, sourceOf(int));
  }
}

export function markDirty(int: Internal): void {
  if (int.dirty || int.dead) return;
  int.dirty = true;
  dirty.push(int);
}

export function destroy(int: Internal): void {
  int.dead = true;
  instances.delete(int.id);
  int.ops = [];
  int.callbacks = [];
  int.awaiting = [];
  int.updates = [];
}

function describe(int: Internal): string {
  return `${int.kind} "${int.name}"`;
}

function dataOf(int: Internal): Record<string, unknown> {
  if (!isObject(int.pub.data)) int.pub.data = {};
  return int.pub.data;
}

/** Records the state before the first change of a component update (for didUpdate). */
function beginChange(int: Internal): void {
  if (int.kind !== 'component' || int.first) return;
  if (!int.cycle) {
    int.cycle = { prevProps: int.pub.props, prevData: int.pub.data, derived: false, suppressed: inDidUpdate === int };
    if (int.def.needsPrevData) {
      // Copy-on-write: prevData keeps the old tree, the new data gets fresh containers on changed paths.
      int.fresh = new WeakSet();
      const copy = { ...dataOf(int) };
      int.fresh.add(copy);
      int.pub.data = copy;
    }
  } else if (inDidUpdate !== int) int.cycle.suppressed = false;
}

export function beginPropsUpdate(int: Internal): void {
  beginChange(int);
  if (int.cycle) int.cycle.derived = true;
}

function addOp(int: Internal, key: string, json: string, size: number): void {
  const previous = int.opIndex.get(key);
  if (previous !== undefined) {
    // A later set of the same path replaces the earlier one entirely.
    int.pendingBytes -= int.ops[previous]!.size;
    int.ops[previous] = null;
  }
  int.opIndex.set(key, int.ops.length);
  int.ops.push({ json, size });
  int.pendingBytes += size;
}

function checkSize(int: Internal, bytes: number, api: string): void {
  const total = int.pendingBytes + bytes;
  if (total > SET_DATA_LIMIT) {
    throw new RangeError(
      `${api}: the data for ${describe(int)} serialises to ${total} characters, over the 1 MB (${SET_DATA_LIMIT}) limit of one transfer; nothing was sent. Send less at once (use $spliceData to grow long lists).`,
    );
  }
  if (bytes > SET_DATA_WARN) {
    post({ t: 'log', level: 'warn', args: [`${api}: ${bytes} characters for ${describe(int)} in one call; the platform recommends at most 256 KB per setData.`] });
  }
}

export function setData(int: Internal, obj: unknown, callback: unknown): void {
  if (int.dead) return;
  if (!isObject(obj) || Array.isArray(obj)) throw new TypeError('setData(data, callback): data must be an object of path → value');
  if (callback !== undefined && typeof callback !== 'function') throw new TypeError('setData(data, callback): callback must be a function');
  const staged: { path: PatchPath; value: unknown; key: string; json: string }[] = [];
  let bytes = 0;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    // Per the docs, an undefined value is not set.
    if (value === undefined) continue;
    const path = parsePath(key);
    const json = stringify(value) as string | undefined;
    if (json === undefined) continue;
    const pathJson = stringify(path);
    staged.push({ path, value, key: pathJson, json: '["set",' + pathJson + ',' + json + ']' });
    bytes += json.length + pathJson.length + 9;
  }
  checkSize(int, bytes, 'setData');
  beginChange(int);
  const data = dataOf(int);
  for (const s of staged) {
    setAtPath(data, s.path, s.value, int.fresh);
    addOp(int, s.key, s.json, s.json.length);
    recordChange(int, s.path);
  }
  noteDataCall(int, staged);
  if (callback) int.callbacks.push(callback as Function);
  markDirty(int);
}

export function spliceData(int: Internal, obj: unknown, callback: unknown): void {
  if (int.dead) return;
  if (!isObject(obj) || Array.isArray(obj)) throw new TypeError('$spliceData(data, callback): data must be an object of path → [start, deleteCount, ...items]');
  if (callback !== undefined && typeof callback !== 'function') throw new TypeError('$spliceData(data, callback): callback must be a function');
  const staged: { path: PatchPath; start: number; count: number; items: unknown[]; json: string }[] = [];
  let bytes = 0;
  for (const key of Object.keys(obj)) {
    const spec = obj[key];
    if (!Array.isArray(spec) || spec.length < 2 || typeof spec[0] !== 'number' || typeof spec[1] !== 'number') {
      throw new TypeError(`$spliceData: "${key}" needs [start, deleteCount, ...items]`);
    }
    const path = parsePath(key);
    const items = spec.slice(2);
    const json = '["splice",' + stringify(path) + ',' + stringify(spec[0]) + ',' + stringify(spec[1]) + ',' + stringify(items) + ']';
    staged.push({ path, start: spec[0], count: spec[1], items, json });
    bytes += json.length;
  }
  checkSize(int, bytes, '$spliceData');
  beginChange(int);
  const data = dataOf(int);
  for (const s of staged) {
    spliceAtPath(data, s.path, s.start, s.count, s.items, int.fresh);
    int.ops.push({ json: s.json, size: s.json.length });
    int.pendingBytes += s.json.length;
    recordChange(int, s.path);
  }
  noteDataCall(int, staged);
  if (callback) int.callbacks.push(callback as Function);
  markDirty(int);
}

/**
 * Sends one patch per changed instance. Runs at the end of every entry into the guest. An
 * instance leaves the queue only once its patch is out, so an interrupted flush resumes next time.
 */
export function flushInstances(): void {
  // deriveDataFromProps may dirty other instances; bound ping-pong between them.
  for (let budget = 10_000; dirty.length > 0 && budget > 0; budget--) {
    const int = dirty[0];
    if (!int.dead) emitPatch(int);
    dirty.shift();
    int.dirty = false;
  }
}

function emitPatch(int: Internal): void {
  const cycle = int.cycle;
  if (int.kind === 'component' && !int.first && cycle && !cycle.derived && !cycle.suppressed) {
    // The docs: deriveDataFromProps also runs before an update caused by the component's own data.
    // Its setData joins this patch (the instance is still marked dirty while we build it).
    cycle.derived = true;
    callHook(int, 'deriveDataFromProps', [int.pub.props]);
    if (int.dead) return;
  }
  // Observers see the update after deriveDataFromProps and before the view does; their setData joins it.
  runObservers(int);
  if (int.dead) return;
  let ops: string[];
  if (int.first) {
    let full: string | undefined;
    try {
      full = stringify(dataOf(int)) as string | undefined;
    } catch (err) {
      // Initial data the view cannot receive (a cycle, a BigInt): report it, render empty.
      reportError(new TypeError(`the initial data of ${describe(int)} is not JSON-serialisable: ${err instanceof Error ? err.message : String(err)}`), sourceOf(int));
    }
    if (full === undefined) full = '{}';
    if (full.length > SET_DATA_WARN) post({ t: 'log', level: 'warn', args: [`initial data of ${describe(int)} is ${full.length} characters; the platform recommends at most 256 KB for the first screen.`] });
    ops = ['["set",[],' + full + ']'];
  } else {
    ops = [];
    for (const op of int.ops) if (op) ops.push(op.json);
  }
  let propsJson: string | undefined;
  if (int.kind === 'component' && (int.first || int.propsChanged)) propsJson = serialiseProps(int);
  const viewJson = int.first && int.def.view ? stringify(int.def.view) : undefined;
  const hasChange = ops.length > 0 || propsJson !== undefined;
  if (hasChange || int.callbacks.length > 0) {
    const seq = ++int.seq;
    postJson(
      '{"t":"patch","id":' + int.id + ',"seq":' + seq + ',"ops":[' + ops.join(',') + ']' +
        (propsJson !== undefined ? ',"props":' + propsJson : '') +
        (viewJson !== undefined ? ',"options":' + viewJson : '') +
        '}',
    );
    notePatch(int, seq);
    if (int.callbacks.length > 0) {
      int.awaiting.push({ seq, fns: int.callbacks });
      int.callbacks = [];
    }
    if (int.kind === 'component' && !int.first && cycle && !cycle.suppressed && hasChange) {
      int.updates.push({ seq, prevProps: cycle.prevProps, prevData: cycle.prevData });
    }
  }
  int.first = false;
  int.ops = [];
  int.opIndex.clear();
  int.pendingBytes = 0;
  int.propsChanged = false;
  int.cycle = undefined;
  int.fresh = undefined;
}

/**
 * A function prop (`onTap` the owner passed) cannot cross to the view, but templates test for it:
 * antd-mini's Button binds `onTap="{{onTap ? 'onTap' : ''}}"`. The view gets `true` in its place.
 */
function propsReplacer(this: unknown, key: string, value: unknown): unknown {
  return typeof value === 'function' && key !== '' && this === currentProps ? true : value;
}
let currentProps: unknown;

function serialiseProps(int: Internal): string {
  try {
    currentProps = int.pub.props;
    return (stringify(int.pub.props, propsReplacer) as string | undefined) ?? '{}';
  } catch (err) {
    post({ t: 'log', level: 'warn', args: [`props of ${describe(int)} are not JSON-serialisable; sent as {}`, renderForLog(err)] });
    return '{}';
  }
}

/** The view rendered patch `seq`: didUpdate for the updates it covers, then setData callbacks. */
export function onRendered(int: Internal, seq: number): void {
  if (int.dead || typeof seq !== 'number') return;
  let firstUpdate: Internal['updates'][number] | undefined;
  while (int.updates.length > 0 && int.updates[0].seq <= seq) {
    const update = int.updates.shift()!;
    firstUpdate ??= update;
  }
  if (firstUpdate) {
    // One didUpdate per rendered update, with the state before the earliest change it covers.
    inDidUpdate = int;
    callHook(int, 'didUpdate', [firstUpdate.prevProps, firstUpdate.prevData]);
    inDidUpdate = undefined;
  }
  while (int.awaiting.length > 0 && int.awaiting[0].seq <= seq) {
    const { fns } = int.awaiting.shift()!;
    for (const fn of fns) {
      if (int.dead) return;
      guard(fn, int.pub, [], sourceOf(int));
    }
  }
  noteRendered(int, seq);
}
