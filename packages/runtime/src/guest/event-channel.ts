/**
 * EventChannel (docs: api/…/路由/EventChannel, my.navigateTo, Page.getOpenerEventChannel): the
 * pipe between a page and the page it opened with `my.navigateTo`. Both pages live in this
 * sandbox, so the channel is guest-only; the host's part is to say which navigateTo opened a page
 * (`pageLoad.openedBy` = that invoke's `cb`).
 *
 * The opener's end carries `navigateTo({ events })` listeners and reaches `success(res)` as
 * `res.eventChannel`; the opened page's end is `this.getOpenerEventChannel()`. `emit` on one end
 * calls the listeners of the other. `success` runs as soon as the page is created, before its
 * onLoad, and an event emitted to an end that has no listener for it waits there for the first
 * one: so a page that registers in onLoad hears what the opener emitted in success, and can use
 * it right away (the corpus app pet-community relies on this). The channel outlives the pages
 * (the docs emit from `navigateBack`'s success).
 */
import { guard } from './errors.ts';
import type { Internal } from './instance.ts';
import { invokeAsync, onReply } from './my.ts';
import { isObject } from './state.ts';
import { SafeMap, SafeWeakMap, append, keysOf, setOwn, sliceList, toStr } from './intrinsics.ts';

interface Entry {
  fn: Function;
  once: boolean;
}

interface Side {
  listeners: Map<string, Entry[]>;
  /** Events emitted to this side before it had a listener for them, in order. */
  waiting: Map<string, unknown[][]>;
}

export interface EventChannel {
  emit(name: string, ...args: unknown[]): void;
  on(name: string, fn: Function): void;
  once(name: string, fn: Function): void;
  off(name: string, fn?: Function): void;
}

function indexIn<T>(list: readonly T[], match: (item: T) => boolean): number {
  for (let i = 0; i < list.length; i++) if (match(list[i])) return i;
  return -1;
}

function removeAt(list: unknown[], index: number): void {
  for (let i = index; i < list.length - 1; i++) list[i] = list[i + 1];
  list.length--;
}

/** Calls `side`'s listeners of `key` with `args`; false when it has none. */
function deliver(side: Side, key: string, args: unknown[]): boolean {
  const list = side.listeners.get(key);
  if (!list || list.length === 0) return false;
  // A snapshot: listeners that add or remove listeners do not disturb this emit.
  const snapshot = sliceList(list);
  for (let s = 0; s < snapshot.length; s++) {
    const entry = snapshot[s];
    const i = indexIn(list, (e) => e === entry);
    if (i < 0) continue;
    if (entry.once) removeAt(list, i);
    guard(entry.fn, undefined, args);
  }
  if (list.length === 0) side.listeners.delete(key);
  return true;
}

function listen(side: Side, name: unknown, fn: unknown, once: boolean): void {
  if (typeof fn !== 'function') throw new TypeError(`EventChannel.${once ? 'once' : 'on'}(eventName, callback): callback must be a function`);
  const key = toStr(name);
  const list = side.listeners.get(key);
  const entry = { fn, once };
  if (list) append(list, entry);
  else side.listeners.set(key, [entry]);
  // What was emitted before anyone listened reaches the first listener, while one is left.
  const waiting = side.waiting.get(key);
  while (waiting && waiting.length > 0 && side.listeners.get(key)?.length) {
    const next = waiting[0];
    removeAt(waiting, 0);
    deliver(side, key, next);
  }
  if (waiting && waiting.length === 0) side.waiting.delete(key);
}

/** One end: listens on `own`, emits to `other`. */
function end(own: Side, other: Side): EventChannel {
  return {
    emit(name: unknown, ...args: unknown[]) {
      const key = toStr(name);
      if (deliver(other, key, args)) return;
      const waiting = other.waiting.get(key);
      if (waiting) append(waiting, args);
      else other.waiting.set(key, [args]);
    },
    on: (name: unknown, fn: unknown) => listen(own, name, fn, false),
    once: (name: unknown, fn: unknown) => listen(own, name, fn, true),
    off(name: unknown, fn?: unknown) {
      const key = toStr(name);
      if (fn === undefined) {
        own.listeners.delete(key);
        return;
      }
      const list = own.listeners.get(key);
      if (!list) return;
      const i = indexIn(list, (entry) => entry.fn === fn);
      if (i >= 0) removeAt(list, i);
      if (list.length === 0) own.listeners.delete(key);
    },
  };
}

function pair(): { opener: EventChannel; opened: EventChannel } {
  const openerSide: Side = { listeners: new SafeMap(), waiting: new SafeMap() };
  const openedSide: Side = { listeners: new SafeMap(), waiting: new SafeMap() };
  return { opener: end(openerSide, openedSide), opened: end(openedSide, openerSide) };
}

/** navigateTo invokes in flight (by `cb`) → the channel their page will get. */
const inFlight = new SafeMap<number, { opener: EventChannel; opened: EventChannel }>();
const openers = new SafeWeakMap<Internal, EventChannel>();

/** `my.navigateTo(options)`: the usual async call, plus the channel and its `events` listeners. */
export function navigateTo(options?: unknown): Promise<unknown> {
  const channel = pair();
  const o = isObject(options) ? options : {};
  if (isObject(o.events)) {
    const names = keysOf(o.events);
    for (let i = 0; i < names.length; i++) if (typeof o.events[names[i]] === 'function') channel.opener.on(names[i], o.events[names[i]]);
  }
  const args: Record<string, unknown> = {};
  const keys = keysOf(o);
  for (let i = 0; i < keys.length; i++) if (keys[i] !== 'events') setOwn(args, keys[i], o[keys[i]]);
  const { cb, promise } = invokeAsync('navigateTo', args, undefined, undefined, (ok, result) => {
    inFlight.delete(cb);
    if (ok && isObject(result)) result.eventChannel = channel.opener;
  });
  inFlight.set(cb, channel);
  return promise;
}

/**
 * `pageLoad.openedBy`: the page gets the opened end of that navigateTo's channel, and the call
 * succeeds now, before the page's onLoad (the page exists: the navigation went through). The
 * host's reply, when it comes, finds the call answered and is dropped.
 */
export function adoptOpenerChannel(page: Internal, openedBy: unknown): void {
  if (typeof openedBy !== 'number') return;
  const channel = inFlight.get(openedBy);
  if (!channel) return;
  openers.set(page, channel.opened);
  onReply({ t: 'reply', cb: openedBy, ok: true, result: {} });
}

/** `this.getOpenerEventChannel()`: a page not opened by navigateTo gets a channel nobody listens to. */
export function openerChannel(page: Internal): EventChannel {
  let channel = openers.get(page);
  if (!channel) {
    channel = pair().opened;
    openers.set(page, channel);
  }
  return channel;
}
