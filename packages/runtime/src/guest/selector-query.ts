/**
 * `my.createSelectorQuery()` / `this.createSelectorQuery()`: the chain is built here and sent as
 * one `selectorQuery` invoke `{ page?, instance?, requests: SelectorQueryRequest[] }`; the host
 * answers with one result per request once `instance` (the page or component that asked; else the
 * page on top) has rendered.
 */
import type { SelectorQueryRequest } from '../contract/renderer.ts';
import { guard } from './errors.ts';
import { invokeAsync } from './my.ts';
import { canvasNode } from './canvas.ts';
import { isObject } from './state.ts';
import { append, isArray, mapList, sliceList, toStr } from './intrinsics.ts';

type Fields = SelectorQueryRequest['fields'];

export function createSelectorQuery(page: number | undefined, instance?: number) {
  const requests: SelectorQueryRequest[] = [];
  const callbacks: (Function | undefined)[] = [];
  const query = {
    select: (selector: unknown) => nodes(toStr(selector), false),
    selectAll: (selector: unknown) => nodes(toStr(selector), true),
    selectViewport: () => nodes('viewport', false),
    in: () => query,
    exec(callback?: unknown) {
      const args: Record<string, unknown> = { requests: sliceList(requests) };
      if (page !== undefined) args.page = page;
      if (instance !== undefined) args.instance = instance;
      const pendingCallbacks = sliceList(callbacks);
      const askedNode = mapList(requests, (request) => request.fields.node === true);
      invokeAsync('selectorQuery', args, undefined, (result: unknown) => {
        const results = isArray(result) ? result : [];
        // `node()`: a canvas node's answer becomes its Canvas object (other nodes answer null).
        for (let i = 0; i < requests.length && i < results.length; i++) {
          if (!askedNode[i]) continue;
          const answer = results[i];
          const list: unknown[] = isArray(answer) ? answer : [answer];
          for (let j = 0; j < list.length; j++) {
            const item = list[j];
            if (isObject(item)) item.node = canvasNode(item.node);
          }
        }
        if (!isArray(result)) {
          guard(() => { throw new Error(`selectorQuery failed: ${isObject(result) ? toStr(result.errorMessage) : toStr(result)}`); }, undefined, []);
        }
        for (let i = 0; i < pendingCallbacks.length; i++) {
          const cb = pendingCallbacks[i];
          if (cb) guard(cb, undefined, [results[i] ?? null]);
        }
        if (typeof callback === 'function') guard(callback, undefined, [results]);
      });
      return query;
    },
  };
  function nodes(selector: string, all: boolean) {
    const add = (fields: Fields, callback: unknown) => {
      append(requests, { selector, all, fields });
      append(callbacks, typeof callback === 'function' ? callback : undefined);
      return query;
    };
    return {
      boundingClientRect: (callback?: unknown) => add({ id: true, dataset: true, rect: true, size: true }, callback),
      scrollOffset: (callback?: unknown) => add({ id: true, dataset: true, scrollOffset: true }, callback),
      node: (callback?: unknown) => add({ node: true }, callback),
      fields: (spec: unknown, callback?: unknown) => {
        const s = isObject(spec) ? spec : {};
        const fields: Fields = {};
        const names = ['id', 'dataset', 'rect', 'size', 'scrollOffset', 'node'] as const;
        for (let i = 0; i < names.length; i++) if (s[names[i]]) fields[names[i]] = true;
        if (isArray(s.computedStyle)) fields.computedStyle = mapList(s.computedStyle, (name) => toStr(name));
        return add(fields, callback);
      },
    };
  }
  return query;
}
