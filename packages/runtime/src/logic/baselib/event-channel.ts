/**
 * EventChannel (docs: api/…/路由/EventChannel, my.navigateTo, Page.getOpenerEventChannel): the
 * pipe between a page and the page it opened with `my.navigateTo`. Both pages live in this
 * sandbox, so the channel is guest-only; the host's part is to say which navigateTo opened a page
 * (`pageLoad.openedBy` = that invoke's `cb`).
 *
 * The opener's end carries `navigateTo({ events })` listeners and reaches `success(res)` as
 * `res.eventChannel` (after the opened page's onLoad/onShow, so listeners it registered there
 * hear what the opener emits); the opened page's end is `this.getOpenerEventChannel()`. `emit` on
 * one end calls the listeners of the other. The channel outlives the pages (the docs emit from
 * `navigateBack`'s success).
 */
import { guard } from './errors.ts';
import type { Internal } from './instance.ts';
import { invokeAsync } from './my.ts';
import { isObject } from './state.ts';

interface Entry {
  fn: Function;
  once: boolean;
}

type Table = Map<string, Entry[]>;

export interface EventChannel {
  emit(name: string, ...args: unknown[]): void;
  on(name: string, fn: Function): void;
  once(name: string, fn: Function): void;
  off(name: string, fn?: Function): void;
}

function listen(table: Table, name: unknown, fn: unknown, once: boolean): void {
  if (typeof fn !== 'function') throw new TypeError(`EventChannel.${once ? 'once' : 'on'}(eventName, callback): callback must be a function`);
  const key = String(name);
  const list = table.get(key);
  const entry = { fn, once };
  if (list) list.push(entry);
  else table.set(key, [entry]);
}

/** One end: listens on `own`, emits to `other`. */
function end(own: Table, other: Table): EventChannel {
  return {
    emit(name: unknown, ...args: unknown[]) {
      const key = String(name);
      const list = other.get(key);
      if (!list) return;
      // A snapshot: listeners that add or remove listeners do not disturb this emit.
      for (const entry of list.slice()) {
        if (entry.once) {
          const i = list.indexOf(entry);
          if (i < 0) continue;
          list.splice(i, 1);
        }
        guard(entry.fn, undefined, args);
      }
      if (list.length === 0) other.delete(key);
    },
    on: (name: unknown, fn: unknown) => listen(own, name, fn, false),
    once: (name: unknown, fn: unknown) => listen(own, name, fn, true),
    off(name: unknown, fn?: unknown) {
      const key = String(name);
      if (fn === undefined) {
        own.delete(key);
        return;
      }
      const list = own.get(key);
      if (!list) return;
      const i = list.findIndex((entry) => entry.fn === fn);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) own.delete(key);
    },
  };
}

function pair(): { opener: EventChannel; opened: EventChannel } {
  const openerSide: Table = new Map();
  const openedSide: Table = new Map();
  return { opener: end(openerSide, openedSide), opened: end(openedSide, openerSide) };
}

/** navigateTo invokes in flight (by `cb`) → the channel their page will get. */
const inFlight = new Map<number, { opener: EventChannel; opened: EventChannel }>();
const openers = new WeakMap<Internal, EventChannel>();

/** `my.navigateTo(options)`: the usual async call, plus the channel and its `events` listeners. */
export function navigateTo(options?: unknown): Promise<unknown> {
  const channel = pair();
  const o = isObject(options) ? options : {};
  if (isObject(o.events)) {
    for (const name of Object.keys(o.events)) if (typeof o.events[name] === 'function') channel.opener.on(name, o.events[name]);
  }
  const args: Record<string, unknown> = {};
  for (const key of Object.keys(o)) if (key !== 'events') args[key] = o[key];
  const { cb, promise } = invokeAsync('navigateTo', args, undefined, undefined, (ok, result) => {
    inFlight.delete(cb);
    if (ok && isObject(result)) result.eventChannel = channel.opener;
  });
  inFlight.set(cb, channel);
  return promise;
}

/** `pageLoad.openedBy`: the page gets the opened end of that navigateTo's channel. */
export function adoptOpenerChannel(page: Internal, openedBy: unknown): void {
  if (typeof openedBy !== 'number') return;
  const channel = inFlight.get(openedBy);
  if (channel) openers.set(page, channel.opened);
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
