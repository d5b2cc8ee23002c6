/**
 * `my.createSelectorQuery()` / `this.createSelectorQuery()`: the chain is built here and sent as
 * one `selectorQuery` invoke `{ page?, instance?, requests: SelectorQueryRequest[] }`; the host
 * answers with one result per request once `instance` (the page or component that asked; else the
 * page on top) has rendered.
 */
import type { SelectorQueryRequest } from '../../view/renderer.ts';
import { guard } from './errors.ts';
import { invokeAsync } from './my.ts';
import { isObject } from './state.ts';

type Fields = SelectorQueryRequest['fields'];

export function createSelectorQuery(page: number | undefined, instance?: number) {
  const requests: SelectorQueryRequest[] = [];
  const callbacks: (Function | undefined)[] = [];
  const query = {
    select: (selector: unknown) => nodes(String(selector), false),
    selectAll: (selector: unknown) => nodes(String(selector), true),
    selectViewport: () => nodes('viewport', false),
    in: () => query,
    exec(callback?: unknown) {
      const args: Record<string, unknown> = { requests: requests.slice() };
      if (page !== undefined) args.page = page;
      if (instance !== undefined) args.instance = instance;
      const pendingCallbacks = callbacks.slice();
      invokeAsync('selectorQuery', args, undefined, (result: unknown) => {
        const results = Array.isArray(result) ? result : [];
        if (!Array.isArray(result)) {
          guard(() => { throw new Error(`selectorQuery failed: ${isObject(result) ? String(result.errorMessage) : String(result)}`); }, undefined, []);
        }
        pendingCallbacks.forEach((cb, i) => cb && guard(cb, undefined, [results[i] ?? null]));
        if (typeof callback === 'function') guard(callback, undefined, [results]);
      });
      return query;
    },
  };
  function nodes(selector: string, all: boolean) {
    const add = (fields: Fields, callback: unknown) => {
      requests.push({ selector, all, fields });
      callbacks.push(typeof callback === 'function' ? callback : undefined);
      return query;
    };
    return {
      boundingClientRect: (callback?: unknown) => add({ id: true, dataset: true, rect: true, size: true }, callback),
      scrollOffset: (callback?: unknown) => add({ id: true, dataset: true, scrollOffset: true }, callback),
      fields: (spec: unknown, callback?: unknown) => {
        const s = isObject(spec) ? spec : {};
        const fields: Fields = {};
        for (const key of ['id', 'dataset', 'rect', 'size', 'scrollOffset'] as const) if (s[key]) fields[key] = true;
        if (Array.isArray(s.computedStyle)) fields.computedStyle = s.computedStyle.map(String);
        return add(fields, callback);
      },
    };
  }
  return query;
}
