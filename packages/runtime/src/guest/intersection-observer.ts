/**
 * `my.createIntersectionObserver(options)` / `this.createIntersectionObserver(options)` (docs: 节点查询/
 * my.createIntersectionObserver, IntersectionObserver.relativeTo/relativeToViewport/observe/disconnect).
 * The chain is kept here; each `observe(selector, callback)` sends one `intersectionObserve` invoke and
 * the view's entries come back as the `IntersectionObserver.entry` host event, routed to the callback.
 * Observers end with their page (the host stops watching; `dropPageObservers` forgets the callbacks).
 */
import { guard } from './errors.ts';
import { invokeAsync } from './my.ts';
import { isObject } from './state.ts';
import { SafeMap, append, isArray, toStr } from './intrinsics.ts';

interface Observing {
  callback: Function;
  /** The page observed (known once the host answered, for my.createIntersectionObserver). */
  page: number | undefined;
}

const observing = new SafeMap<number, Observing>();
let nextObserver = 0;

function marginsOf(value: unknown): Record<string, number> {
  const m = isObject(value) ? value : {};
  const n = (v: unknown) => (typeof v === 'number' && v === v ? v : 0);
  return { top: n(m.top), right: n(m.right), bottom: n(m.bottom), left: n(m.left) };
}

export function createIntersectionObserver(page: number | undefined, options?: unknown) {
  const o = isObject(options) ? options : {};
  const thresholds: number[] = [];
  if (isArray(o.thresholds)) for (let i = 0; i < o.thresholds.length; i++) if (typeof o.thresholds[i] === 'number') append(thresholds, o.thresholds[i] as number);
  const initialRatio = typeof o.initialRatio === 'number' ? o.initialRatio : 0;
  let relativeTo: string | undefined;
  let margins = marginsOf(undefined);
  let ids: number[] = [];
  const observer = {
    relativeTo(selector: unknown, m?: unknown) {
      relativeTo = toStr(selector);
      margins = marginsOf(m);
      return observer;
    },
    relativeToViewport(m?: unknown) {
      relativeTo = undefined;
      margins = marginsOf(m);
      return observer;
    },
    observe(selector: unknown, callback: unknown) {
      if (typeof callback !== 'function') throw new TypeError('IntersectionObserver.observe(selector, callback): callback must be a function');
      const id = ++nextObserver;
      const entry: Observing = { callback, page };
      observing.set(id, entry);
      append(ids, id);
      const args: Record<string, unknown> = {
        observer: id, selector: toStr(selector), all: o.selectAll === true, margins, thresholds, initialRatio, dataset: o.dataset === true,
      };
      if (relativeTo !== undefined) args.relativeTo = relativeTo;
      if (page !== undefined) args.page = page;
      invokeAsync('intersectionObserve', args).promise.then(
        (answer: unknown) => {
          if (isObject(answer) && typeof answer.page === 'number') entry.page = answer.page;
        },
        (error: unknown) => {
          observing.delete(id);
          // An observe the view refused is the app's error to see, not a silent no-op.
          guard(() => {
            throw new Error(`IntersectionObserver.observe(${toStr(selector)}): ${isObject(error) ? toStr(error.errorMessage) : toStr(error)}`);
          }, undefined, []);
        },
      );
    },
    disconnect() {
      for (let i = 0; i < ids.length; i++) {
        if (!observing.delete(ids[i])) continue;
        invokeAsync('intersectionDisconnect', { observer: ids[i] }).promise.then(undefined, () => undefined);
      }
      ids = [];
    },
  };
  return observer;
}

/** `IntersectionObserver.entry` from the host: `{ observer, entry }`. */
export function intersectionEntry(data: unknown): void {
  if (!isObject(data) || typeof data.observer !== 'number') return;
  const target = observing.get(data.observer);
  if (target) guard(target.callback, undefined, [data.entry]);
}

/** A page unloaded: its observers are over (the host stopped them). */
export function dropPageObservers(pageId: number): void {
  const ended: number[] = [];
  observing.forEach((entry, id) => {
    if (entry.page === pageId) append(ended, id);
  });
  for (let i = 0; i < ended.length; i++) observing.delete(ended[i]);
}
