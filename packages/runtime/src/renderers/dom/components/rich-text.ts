/**
 * `rich-text`: `nodes` as an array of node objects (`{ name, attrs, children, marks }` /
 * `{ type: 'text', text }`) or an HTML string. Elements are rebuilt one by one from a whitelist of
 * tags and attributes (the docs' trusted list): no scripts, no event-handler attributes, no `href`,
 * no `javascript:` URLs, no `id`. HTML strings are parsed by `DOMParser` into an inert document
 * (nothing in it runs or loads) and only read from there. A tap reports `detail.marks`: the `marks`
 * of the tapped node and its ancestors merged, the closest winning.
 */

import { convertRpx } from '../style.ts';
import type { ComponentContext, ComponentFactory } from '../types.ts';
import { toText } from './util.ts';

const NO_EXTRA: readonly string[] = [];
const CELL = ['colspan', 'height', 'rowspan', 'width'];
const COLUMN = ['span', 'width'];

/** Tag → attributes allowed besides `class` and `style`. */
export const RICH_TEXT_TAGS: Readonly<Record<string, readonly string[]>> = {
  a: NO_EXTRA, abbr: NO_EXTRA, address: NO_EXTRA, article: NO_EXTRA, aside: NO_EXTRA, b: NO_EXTRA,
  bdi: NO_EXTRA, bdo: ['dir'], big: NO_EXTRA, blockquote: NO_EXTRA, br: NO_EXTRA, caption: NO_EXTRA,
  center: NO_EXTRA, cite: NO_EXTRA, code: NO_EXTRA, col: COLUMN, colgroup: COLUMN, dd: NO_EXTRA,
  del: NO_EXTRA, div: NO_EXTRA, dl: NO_EXTRA, dt: NO_EXTRA, em: NO_EXTRA, fieldset: NO_EXTRA,
  font: NO_EXTRA, footer: NO_EXTRA, h1: NO_EXTRA, h2: NO_EXTRA, h3: NO_EXTRA, h4: NO_EXTRA,
  h5: NO_EXTRA, h6: NO_EXTRA, header: NO_EXTRA, hr: NO_EXTRA, i: NO_EXTRA,
  img: ['alt', 'src', 'height', 'width'], ins: NO_EXTRA, label: NO_EXTRA, legend: NO_EXTRA,
  li: NO_EXTRA, mark: NO_EXTRA, nav: NO_EXTRA, ol: ['start', 'type'], p: NO_EXTRA, pre: NO_EXTRA,
  q: NO_EXTRA, rt: NO_EXTRA, ruby: NO_EXTRA, s: NO_EXTRA, section: NO_EXTRA, small: NO_EXTRA,
  span: NO_EXTRA, strong: NO_EXTRA, sub: NO_EXTRA, sup: NO_EXTRA, table: ['width'], tbody: NO_EXTRA,
  td: CELL, tfoot: NO_EXTRA, th: CELL, thead: NO_EXTRA, tr: NO_EXTRA, tt: NO_EXTRA, u: NO_EXTRA,
  ul: NO_EXTRA,
};

/** Not rendered at all, children included (anything else unknown is unwrapped: its text stays). */
const DROPPED = new Set([
  'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript',
  'noembed', 'title', 'head', 'meta', 'link', 'base', 'textarea', 'select', 'option', 'svg', 'math',
  'audio', 'video', 'canvas', 'form', 'input', 'button', 'portal', 'xmp', 'plaintext', 'noframes',
]);

const MAX_DEPTH = 64;
const MAX_NODES = 20_000;

const NUMERIC = /^\d+(\.\d+)?%?$/;
const SCHEME = /^\s*([a-z][a-z0-9+.-]*):/i;
const SAFE_IMAGE_DATA = /^data:image\/(png|jpe?g|gif|webp|bmp|avif|svg\+xml)[;,]/i;
const DANGEROUS_CSS = /(javascript|vbscript|livescript)\s*:|expression\s*\(|-moz-binding|behavior\s*:|@import/i;

const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ensp: '\u2002', emsp: '\u2003',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', hellip: '\u2026', mdash: '\u2014', ndash: '\u2013',
  laquo: '\u00ab', raquo: '\u00bb', middot: '\u00b7', yen: '\u00a5', times: '\u00d7', divide: '\u00f7',
};

/** Entities in text nodes of a `nodes` array (an HTML string is decoded by the parser). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : match;
    }
    return ENTITIES[body.toLowerCase()] ?? match;
  });
}

/** What an attribute value may be, or undefined to leave it out. */
function safeAttr(tag: string, name: string, value: string, ctx: ComponentContext): string | undefined {
  switch (name) {
    case 'class':
      return value;
    case 'style':
      return DANGEROUS_CSS.test(value) ? undefined : convertRpx(value);
    case 'src': {
      if (tag !== 'img') return undefined;
      const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
      if (scheme === undefined) return ctx.resolveAsset(value.trim());
      if (scheme === 'http' || scheme === 'https' || scheme === 'blob') return value.trim();
      return scheme === 'data' && SAFE_IMAGE_DATA.test(value.trim()) ? value.trim() : undefined;
    }
    case 'width':
    case 'height':
    case 'span':
    case 'colspan':
    case 'rowspan':
    case 'start':
      return NUMERIC.test(value.trim()) ? value.trim() : undefined;
    case 'type':
      return /^[1aAiI]$/.test(value.trim()) ? value.trim() : undefined;
    case 'dir':
      return /^(ltr|rtl|auto)$/i.test(value.trim()) ? value.trim() : undefined;
    case 'alt':
      return value;
    default:
      return undefined;
  }
}

interface Builder {
  ctx: ComponentContext;
  count: number;
  space?: string;
  marks: WeakMap<Element, Record<string, unknown>>;
}

function textNode(builder: Builder, text: string): Text | undefined {
  if (++builder.count > MAX_NODES) return undefined;
  const value = builder.space ? text.replace(/ /g, builder.space) : text;
  return builder.ctx.doc.createTextNode(value);
}

function element(builder: Builder, tag: string, attrs: Iterable<[string, string]>, marks: unknown): HTMLElement | undefined {
  const allowed = RICH_TEXT_TAGS[tag];
  if (!allowed || ++builder.count > MAX_NODES) return undefined;
  const node = builder.ctx.doc.createElement(tag);
  for (const [rawName, rawValue] of attrs) {
    const name = rawName.toLowerCase();
    if (name !== 'class' && name !== 'style' && !allowed.includes(name)) continue;
    const value = safeAttr(tag, name, rawValue, builder.ctx);
    if (value !== undefined) node.setAttribute(name, value);
  }
  if (tag === 'img') node.setAttribute('draggable', 'false');
  if (marks !== null && typeof marks === 'object' && !Array.isArray(marks)) builder.marks.set(node, { ...(marks as Record<string, unknown>) });
  return node;
}

/** From `nodes` objects. */
function fromObjects(builder: Builder, nodes: unknown, out: Node[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const list = Array.isArray(nodes) ? nodes : nodes && typeof nodes === 'object' ? [nodes] : [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const spec = item as { type?: unknown; name?: unknown; text?: unknown; attrs?: unknown; children?: unknown; marks?: unknown };
    if (spec.type === 'text') {
      const text = textNode(builder, decodeEntities(toText(spec.text)));
      if (text) out.push(text);
      continue;
    }
    const tag = toText(spec.name).toLowerCase();
    if (!tag || DROPPED.has(tag)) continue;
    const attrs: Array<[string, string]> = [];
    if (spec.attrs && typeof spec.attrs === 'object') {
      for (const [name, value] of Object.entries(spec.attrs as Record<string, unknown>)) {
        if (value !== undefined && value !== null && typeof value !== 'object' && typeof value !== 'function') attrs.push([name, String(value)]);
      }
    }
    const node = element(builder, tag, attrs, spec.marks);
    const children: Node[] = [];
    fromObjects(builder, spec.children, children, depth + 1);
    if (node) {
      node.append(...children);
      out.push(node);
    } else {
      out.push(...children); // unknown tag: keep what it contains
    }
  }
}

/** From an inert parsed document: read only, never adopted. */
function fromParsed(builder: Builder, parent: Node, out: Node[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === 3) {
      const text = textNode(builder, (child as Text).data);
      if (text) out.push(text);
      continue;
    }
    if (child.nodeType !== 1) continue; // comments and the rest: the docs say no comments
    const source = child as Element;
    const tag = source.localName.toLowerCase();
    if (DROPPED.has(tag) || source.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    const node = element(builder, tag, Array.from(source.attributes, (a): [string, string] => [a.name, a.value]), undefined);
    const children: Node[] = [];
    fromParsed(builder, source, children, depth + 1);
    if (node) {
      node.append(...children);
      out.push(node);
    } else {
      out.push(...children);
    }
  }
}

const SPACES: Record<string, string> = { nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003' };

/** Builds the DOM for `nodes` (array, object or HTML string) in `ctx.doc`. */
export function buildRichText(ctx: ComponentContext, nodes: unknown, options: { space?: string; marks?: WeakMap<Element, Record<string, unknown>> } = {}): Node[] {
  const builder: Builder = { ctx, count: 0, space: options.space ? SPACES[options.space] : undefined, marks: options.marks ?? new WeakMap() };
  const out: Node[] = [];
  if (typeof nodes === 'string') {
    const Parser = ctx.doc.defaultView?.DOMParser ?? DOMParser;
    const parsed = new Parser().parseFromString(`<!doctype html><html><body>${nodes}</body></html>`, 'text/html');
    fromParsed(builder, parsed.body, out, 0);
  } else {
    fromObjects(builder, nodes, out, 0);
  }
  return out;
}

export const richText: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('rich-text');
  const marks = new WeakMap<Element, Record<string, unknown>>();
  let built: Node[] = [];
  let nodes: unknown;
  let space: string | undefined;
  const render = (): void => {
    for (const node of built) node.parentNode?.removeChild(node);
    built = buildRichText(ctx, nodes, { space, marks });
    host.prepend(...built);
  };
  return {
    host,
    setAttr(name, value) {
      if (name === 'nodes') {
        nodes = value;
        render();
      } else if (name === 'space') {
        space = toText(value) || undefined;
        render();
      }
    },
    tapDetail(target) {
      const merged: Record<string, unknown> = {};
      for (let node: Element | null = target; node && node !== host; node = node.parentElement) {
        const own = marks.get(node);
        if (own) for (const key of Object.keys(own)) if (!(key in merged)) merged[key] = own[key];
      }
      return { marks: merged };
    },
  };
};
