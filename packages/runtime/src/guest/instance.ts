/**
 * Page and component instances: their data, `setData`/`$spliceData`, the patch each flush sends,
 * `setData` callbacks after the view's `rendered` ack, and the component update cycle
 * (`deriveDataFromProps` before an update, `didUpdate(prevProps, prevData)` after it rendered).
 */
import type { ComponentViewOptions, PatchPath } from '../contract/protocol.ts';
import { guard, reportError, type ErrorSource } from './errors.ts';
import { post, postJson } from './host.ts';
import { renderForLog } from './inspect.ts';
import { SafeMap, SafeWeakSet, append, create, toStr, defineProperty, encodeJson, isArray, joinList, keysOf, sliceList, valueJson } from './intrinsics.ts';
import { checkPathIndexes, parsePath, setAtPath, spliceAtPath } from './path.ts';
import { isObject } from './state.ts';
import { recordChange, runObservers, type ObserverDef } from './observers.ts';
import type { RelationDef } from './relations.ts';
import { isTracked, noteDataCall, notePatch, noteRendered } from './update-performance.ts';

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
// Patches are built here: captured built-ins only (intrinsics.ts).
export const instances = new SafeMap<number, Internal>();
const dirty: Internal[] = [];
/** Index of the first instance of `dirty` not yet flushed. */
let dirtyHead = 0;
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
  const pub = create(def.proto) as Record<string, any>;
  const int: Internal = {
    id, kind, def, pub, name, pageId, ownerId, parentId: ownerId,
    dead: false, first: true, readied: false, seq: 0,
    ops: [], opIndex: new SafeMap(), pendingBytes: 0,
    callbacks: [], awaiting: [],
    dirty: false, propsChanged: false,
    cycle: undefined, fresh: undefined, updates: [],
    fnProps: new SafeMap(),
  };
  defineProperty(pub, INTERNAL, { __proto__: null, value: int } as PropertyDescriptor);
  const fields = keysOf(def.fields);
  for (let i = 0; i < fields.length; i++) pub[fields[i]] = def.fields[fields[i]];
  return int;
}

export function internalOf(self: unknown): Internal | undefined {
  return isObject(self) ? (self as Record<symbol, Internal | undefined>)[INTERNAL] : undefined;
}

/**
 * Where an error came from. `method`: the lifecycle, handler or feature of the instance's own code
 * that threw — given, a component's error also reaches my.onComponentError; errors mpk detects
 * about an instance (a missing handler) leave it out.
 */
export function sourceOf(int: Internal, method?: string): ErrorSource {
  if (int.kind !== 'component') return { id: int.id, self: int.pub };
  const source: ErrorSource = { id: int.id, onError: int.def.hooks.onError, self: int.pub };
  if (method !== undefined) {
    source.component = int.pub;
    source.method = method;
  }
  return source;
}

export function callHook(int: Internal, name: string, args: readonly unknown[]): void {
  const fns = int.def.hooks[name];
  if (!fns) return;
  for (let i = 0; i < fns.length; i++) {
    if (int.dead && name !== 'onUnload' && name !== 'didUnmount') return;
    guard(fns[i], int.pub, args, sourceOf(int, name));
  }
}

export function markDirty(int: Internal): void {
  if (int.dirty || int.dead) return;
  int.dirty = true;
  append(dirty, int);
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
      int.fresh = new SafeWeakSet();
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
  append(int.ops, { json, size });
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
  if (!isObject(obj) || isArray(obj)) throw new TypeError('setData(data, callback): data must be an object of path → value');
  if (callback !== undefined && typeof callback !== 'function') throw new TypeError('setData(data, callback): callback must be a function');
  const staged: { path: PatchPath; value: unknown; key: string; json: string }[] = [];
  let bytes = 0;
  const keys = keysOf(obj);
  const current = dataOf(int);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = obj[key];
    // Per the docs, an undefined value is not set.
    if (value === undefined) continue;
    const path = parsePath(key);
    // A sparse giant (`list[999999999]`) is refused before anything is set or sent.
    checkPathIndexes(current, path, key);
    const json = valueJson(value);
    if (json === undefined) continue;
    const pathJson = encodeJson(path);
    append(staged, { path, value, key: pathJson, json: '["set",' + pathJson + ',' + json + ']' });
    bytes += json.length + pathJson.length + 9;
  }
  checkSize(int, bytes, 'setData');
  beginChange(int);
  const data = dataOf(int);
  for (let i = 0; i < staged.length; i++) {
    const s = staged[i];
    setAtPath(data, s.path, s.value, int.fresh);
    addOp(int, s.key, s.json, s.json.length);
    recordChange(int, s.path);
  }
  noteDataCall(int, staged);
  if (callback) append(int.callbacks, callback as Function);
  markDirty(int);
}

export function spliceData(int: Internal, obj: unknown, callback: unknown): void {
  if (int.dead) return;
  if (!isObject(obj) || isArray(obj)) throw new TypeError('$spliceData(data, callback): data must be an object of path → [start, deleteCount, ...items]');
  if (callback !== undefined && typeof callback !== 'function') throw new TypeError('$spliceData(data, callback): callback must be a function');
  const staged: { path: PatchPath; start: number; count: number; items: unknown[]; json: string }[] = [];
  let bytes = 0;
  const keys = keysOf(obj);
  const current = dataOf(int);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const spec = obj[key];
    if (!isArray(spec) || spec.length < 2 || typeof spec[0] !== 'number' || typeof spec[1] !== 'number') {
      throw new TypeError(`$spliceData: "${key}" needs [start, deleteCount, ...items]`);
    }
    const path = parsePath(key);
    checkPathIndexes(current, path, key, '$spliceData');
    const items = sliceList(spec, 2);
    const itemsJson = valueJson(items);
    if (itemsJson === undefined) throw new TypeError(`$spliceData: the items of "${key}" are not JSON`);
    const json = '["splice",' + encodeJson(path) + ',' + encodeJson(spec[0]) + ',' + encodeJson(spec[1]) + ',' + itemsJson + ']';
    append(staged, { path, start: spec[0], count: spec[1], items, json });
    bytes += json.length;
  }
  checkSize(int, bytes, '$spliceData');
  beginChange(int);
  const data = dataOf(int);
  for (let i = 0; i < staged.length; i++) {
    const s = staged[i];
    spliceAtPath(data, s.path, s.start, s.count, s.items, int.fresh);
    append(int.ops, { json: s.json, size: s.json.length });
    int.pendingBytes += s.json.length;
    recordChange(int, s.path);
  }
  noteDataCall(int, staged);
  if (callback) append(int.callbacks, callback as Function);
  markDirty(int);
}

/**
 * Sends one patch per changed instance. Runs at the end of every entry into the guest. An
 * instance leaves the queue only once its patch is out, so an interrupted flush resumes next time.
 */
export function flushInstances(): void {
  // deriveDataFromProps may dirty other instances; bound ping-pong between them. The queue is read
  // from `dirtyHead` and compacted once at the end: removing each instance from the front (a shift)
  // made a page setData that updates 1,000 components cost 500,000 moves in the interpreter. The
  // head lives outside this call so a flush interrupted by the deadline resumes where it stopped.
  for (let budget = 10_000; dirtyHead < dirty.length && budget > 0; budget--) {
    const int = dirty[dirtyHead];
    if (!int.dead) emitPatch(int);
    dirtyHead++;
    int.dirty = false;
  }
  // Drop what was flushed (without a built-in the app could replace); what the budget left stays queued.
  const left = dirty.length - dirtyHead;
  for (let i = 0; i < left; i++) dirty[i] = dirty[dirtyHead + i];
  dirty.length = left;
  dirtyHead = 0;
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
      full = valueJson(dataOf(int));
    } catch (err) {
      // Initial data the view cannot receive (a cycle, a BigInt): report it, render empty.
      reportError(new TypeError(`the initial data of ${describe(int)} is not JSON-serialisable: ${err instanceof Error ? err.message : toStr(err)}`), sourceOf(int));
    }
    if (full === undefined) full = '{}';
    if (full.length > SET_DATA_WARN) post({ t: 'log', level: 'warn', args: [`initial data of ${describe(int)} is ${full.length} characters; the platform recommends at most 256 KB for the first screen.`] });
    ops = ['["set",[],' + full + ']'];
  } else {
    ops = [];
    for (let i = 0; i < int.ops.length; i++) {
      const op = int.ops[i];
      if (op) append(ops, op.json);
    }
  }
  let propsJson: string | undefined;
  if (int.kind === 'component' && (int.first || int.propsChanged)) propsJson = serialiseProps(int);
  const viewJson = int.first && int.def.view ? encodeJson(int.def.view) : undefined;
  const hasChange = ops.length > 0 || propsJson !== undefined;
  if (hasChange || int.callbacks.length > 0) {
    const seq = ++int.seq;
    // Ask the view for a `rendered` ack only when something here waits for it: setData callbacks,
    // a didUpdate hook with an update to report, or a my.onUpdatePerformance-style tracker.
    const wantsDidUpdate = int.kind === 'component' && !int.first && cycle !== undefined && !cycle.suppressed && hasChange && int.def.hooks.didUpdate !== undefined;
    const ack = int.callbacks.length > 0 || wantsDidUpdate || isTracked(int);
    postJson(
      '{"t":"patch","id":' + int.id + ',"seq":' + seq + ',"ops":[' + joinList(ops, ',') + ']' +
        (propsJson !== undefined ? ',"props":' + propsJson : '') +
        (viewJson !== undefined ? ',"options":' + viewJson : '') +
        (ack ? '' : ',"ack":false') +
        '}',
    );
    notePatch(int, seq);
    if (int.callbacks.length > 0) {
      append(int.awaiting, { seq, fns: int.callbacks });
      int.callbacks = [];
    }
    if (wantsDidUpdate && cycle) {
      append(int.updates, { seq, prevProps: cycle.prevProps, prevData: cycle.prevData });
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
    return valueJson(int.pub.props, propsReplacer) ?? '{}';
  } catch (err) {
    post({ t: 'log', level: 'warn', args: [`props of ${describe(int)} are not JSON-serialisable; sent as {}`, renderForLog(err)] });
    return '{}';
  }
}

/** The view rendered patch `seq`: didUpdate for the updates it covers, then setData callbacks. */
export function onRendered(int: Internal, seq: number): void {
  if (int.dead || typeof seq !== 'number') return;
  let firstUpdate: Internal['updates'][number] | undefined;
  let covered = 0;
  while (covered < int.updates.length && int.updates[covered].seq <= seq) {
    firstUpdate ??= int.updates[covered];
    covered++;
  }
  if (covered > 0) int.updates = sliceList(int.updates, covered);
  if (firstUpdate) {
    // One didUpdate per rendered update, with the state before the earliest change it covers.
    inDidUpdate = int;
    callHook(int, 'didUpdate', [firstUpdate.prevProps, firstUpdate.prevData]);
    inDidUpdate = undefined;
  }
  while (int.awaiting.length > 0 && int.awaiting[0].seq <= seq) {
    const fns = int.awaiting[0].fns;
    int.awaiting = sliceList(int.awaiting, 1);
    for (let i = 0; i < fns.length; i++) {
      if (int.dead) return;
      guard(fns[i], int.pub, [], sourceOf(int, 'setData callback'));
    }
  }
  noteRendered(int, seq);
}
