/**
 * `my.createSelectorQuery()` answered from the real DOM: selectors match the mini-program tree
 * (tags as written in the template, the author's ids and classes, not our internal elements), and
 * layout comes from the browser. Rects are relative to the page's visible area (like the platform's
 * `boundingClientRect`, they move as the page scrolls).
 */

import { datasetOf } from '../../view/dataset.ts';
import type { SelectorQueryRequest } from '../../contract/renderer.ts';
import { MAX_MATCHES, classNames, parseSelector, selectorMatcher, type SelectorAdapter, type SelectorList } from '../../view/selector.ts';
import type { DomRecord } from './types.ts';

export interface QueryHost {
  /** Every element record of the page in document order (page root first). */
  pageRecords(root: DomRecord): DomRecord[];
  parentOf(record: DomRecord): DomRecord | undefined;
}

function kebab(name: string): string {
  return name.startsWith('--') ? name : name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
}

function adapter(host: QueryHost, root: DomRecord): SelectorAdapter<DomRecord> {
  return {
    tag: (record) => record.tag,
    id: (record) => {
      const id = record.attrs.id;
      return id === undefined || id === null ? undefined : String(id);
    },
    classes: (record) => classNames(record.attrs.class),
    parent: (record) => (record === root ? undefined : host.parentOf(record)),
  };
}

function describe(record: DomRecord, root: HTMLElement, fields: SelectorQueryRequest['fields'], pageId: number | undefined): Record<string, unknown> {
  const element = record.node as HTMLElement;
  const out: Record<string, unknown> = {};
  if (fields.node) {
    // node(): a canvas answers its node id and backing size (guest/canvas.ts makes the Canvas of it).
    const canvas = record.tag === 'canvas' && element instanceof element.ownerDocument.defaultView!.HTMLCanvasElement ? element : undefined;
    out.node = canvas && pageId !== undefined ? { node: record.id, page: pageId, width: canvas.width, height: canvas.height } : null;
  }
  if (fields.id) out.id = record.attrs.id === undefined || record.attrs.id === null ? '' : String(record.attrs.id);
  if (fields.dataset) out.dataset = datasetOf(record.attrs);
  if (fields.rect || fields.size) {
    const box = element.getBoundingClientRect();
    const origin = root.getBoundingClientRect();
    if (fields.rect) {
      out.left = box.left - origin.left;
      out.right = box.right - origin.left;
      out.top = box.top - origin.top;
      out.bottom = box.bottom - origin.top;
    }
    if (fields.size) {
      out.width = box.width;
      out.height = box.height;
    }
  }
  if (fields.scrollOffset) {
    out.scrollLeft = element.scrollLeft;
    out.scrollTop = element.scrollTop;
  }
  if (fields.computedStyle?.length) readComputedStyle(element, fields.computedStyle, out);
  return out;
}

/** The asked computed-style properties of `element` into `out` (camelCase names, '' when unknown). */
function readComputedStyle(element: Element, names: readonly string[], out: Record<string, unknown>): void {
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  for (const name of names) if (typeof name === 'string') out[name] = style?.getPropertyValue(kebab(name)) ?? '';
}

function describeViewport(root: HTMLElement, fields: SelectorQueryRequest['fields']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fields.id) out.id = '';
  if (fields.dataset) out.dataset = {};
  if (fields.rect || fields.size) {
    out.width = root.clientWidth;
    out.height = root.clientHeight;
  }
  if (fields.scrollOffset) {
    out.scrollLeft = root.scrollLeft;
    out.scrollTop = root.scrollTop;
  }
  if (fields.computedStyle?.length) readComputedStyle(root, fields.computedStyle, out);
  return out;
}

/** The page's records matching `selector` (the first only unless `all`; at most MAX_MATCHES); none for a malformed selector. */
export function matchRecords(host: QueryHost, root: DomRecord, selector: string, all: boolean): DomRecord[] {
  let list: SelectorList;
  try {
    list = parseSelector(selector);
  } catch {
    return [];
  }
  const matches = selectorMatcher(list, adapter(host, root));
  const found: DomRecord[] = [];
  for (const record of host.pageRecords(root)) {
    if (record === root || !matches(record)) continue;
    found.push(record);
    // Bounded: a query from mini-program code collects at most MAX_MATCHES nodes.
    if (!all || found.length >= MAX_MATCHES) break;
  }
  return found;
}

/** One answer per request: an object (or null) for `all: false`, an array for `all: true`. */
export function answerQueries(host: QueryHost, root: DomRecord | undefined, requests: readonly SelectorQueryRequest[]): unknown[] {
  return requests.map((request) => {
    const fields = request?.fields ?? {};
    if (!root) return request?.all ? [] : null;
    const rootElement = root.node as HTMLElement;
    if (request.selector === 'viewport') {
      const viewport = describeViewport(rootElement, fields);
      return request.all ? [viewport] : viewport;
    }
    const found = matchRecords(host, root, request.selector, request.all);
    if (!request.all) return found[0] ? describe(found[0], rootElement, fields, root.pageId) : null;
    return found.map((record) => describe(record, rootElement, fields, root.pageId));
  });
}
