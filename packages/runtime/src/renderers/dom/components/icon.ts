/**
 * `icon`: the documented types drawn as inline SVG (no icon font to load), `size` in px (default
 * 23), `color` overriding the type's colour. Unknown types draw nothing.
 *
 * The host carries the platform's classes `a-icon a-icon-<type>` and the glyph takes its colour
 * from the host's `fill` (each type's colour is a zero-specificity default), so a library's
 * `.am-list-item .a-icon-success_no_circle { fill: #1677ff }` recolours it as on the platform.
 */

import type { ComponentFactory } from '../types.ts';
import { toColor, toLength, toText } from './util.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

interface Glyph {
  color: string;
  /** A disc in the icon's colour behind white strokes. */
  disc: boolean;
  /** White stroke path(s) on the disc, in a 24×24 box. */
  path?: string;
  /** Small white dots (x, y) for i/! marks. */
  dots?: Array<[number, number]>;
  /** Filled shape(s) in the icon's colour (glyphs without a disc; even-odd). */
  shape?: string;
  /** Drawn faint under `shape` (the loading ring). */
  track?: string;
  spin?: boolean;
}

export const ICON_GLYPHS: Record<string, Glyph> = {
  success: { color: '#09BB07', disc: true, path: 'M6.5 12.5l3.6 3.6 7.4-7.6' },
  success_no_circle: { color: '#09BB07', disc: false, shape: 'M2.2 13.4 9 20.2 21.8 7.2 20.2 5.6 9 17 3.8 11.8Z' },
  info: { color: '#10AEFF', disc: true, path: 'M12 10.5v7', dots: [[12, 7]] },
  warn: { color: '#F76260', disc: true, path: 'M12 6.5v7', dots: [[12, 17]] },
  waiting: { color: '#10AEFF', disc: true, path: 'M12 6.5V12l3.6 2.6' },
  cancel: { color: '#F43530', disc: true, path: 'M8 8l8 8M16 8l-8 8' },
  clear: { color: '#B2B2B2', disc: true, path: 'M8.6 8.6l6.8 6.8M15.4 8.6l-6.8 6.8' },
  download: { color: '#09BB07', disc: true, path: 'M12 6v8.5M8.4 11.2 12 14.8l3.6-3.6M7.5 17.6h9' },
  search: {
    color: '#B2B2B2',
    disc: false,
    shape: 'M10.5 2.6a7.9 7.9 0 1 0 0 15.8 7.9 7.9 0 1 0 0-15.8Zm0 2.2a5.7 5.7 0 1 1 0 11.4 5.7 5.7 0 1 1 0-11.4ZM14.65 16.35l1.7-1.7 5.5 5.5-1.7 1.7Z',
  },
  loading: {
    color: '#108ee9',
    disc: false,
    spin: true,
    track: 'M12 1.25a10.75 10.75 0 1 0 0 21.5 10.75 10.75 0 1 0 0-21.5Zm0 2.5a8.25 8.25 0 1 1 0 16.5 8.25 8.25 0 1 1 0-16.5Z',
    shape: 'M12 1.25A10.75 10.75 0 0 1 22.75 12h-2.5A8.25 8.25 0 0 0 12 3.75Z',
  },
};

/** Each type's colour as the host's `fill`, at zero specificity (the default stylesheet holds these). */
export const ICON_STYLES = Object.entries(ICON_GLYPHS)
  .map(([type, glyph]) => `:where(.mpk-root icon.a-icon-${type}) { fill: ${glyph.color}; }`)
  .join('\n');

function el(doc: Document, name: string, attrs: Record<string, string | number>): SVGElement {
  const node = doc.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

function draw(doc: Document, type: string): SVGSVGElement | undefined {
  const glyph = ICON_GLYPHS[type];
  if (!glyph) return undefined;
  // No fill attribute on the drawing: it inherits the host's `fill`.
  const svg = el(doc, 'svg', { viewBox: '0 0 24 24', width: '100%', height: '100%', 'aria-hidden': 'true' }) as SVGSVGElement;
  if (glyph.disc) svg.appendChild(el(doc, 'circle', { cx: 12, cy: 12, r: 12 }));
  if (glyph.path) {
    svg.appendChild(el(doc, 'path', { d: glyph.path, fill: 'none', stroke: '#fff', 'stroke-width': 2.2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }));
  }
  for (const [cx, cy] of glyph.dots ?? []) svg.appendChild(el(doc, 'circle', { cx, cy, r: 1.4, fill: '#fff' }));
  if (glyph.track) svg.appendChild(el(doc, 'path', { d: glyph.track, 'fill-rule': 'evenodd', 'fill-opacity': 0.25 }));
  if (glyph.shape) svg.appendChild(el(doc, 'path', { d: glyph.shape, 'fill-rule': 'evenodd' }));
  if (glyph.spin) svg.setAttribute('class', 'mpk-spin');
  return svg;
}

export const icon: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('icon');
  let type = '';
  let current: SVGSVGElement | undefined;
  ctx.toggleClass('a-icon', true);
  const redraw = (): void => {
    current?.remove();
    current = draw(ctx.doc, type);
    if (current) host.prepend(current);
    host.setAttribute('role', 'img');
    host.setAttribute('aria-label', type);
  };
  ctx.setHostStyle('--mpk-icon-size', '23px');
  return {
    host,
    setAttr(name, value) {
      if (name === 'type') {
        if (type) ctx.toggleClass(`a-icon-${type}`, false);
        type = toText(value);
        if (/^[\w-]+$/.test(type)) ctx.toggleClass(`a-icon-${type}`, true);
        redraw();
      } else if (name === 'color') {
        ctx.setHostStyle('fill', toColor(value));
      } else if (name === 'size') {
        ctx.setHostStyle('--mpk-icon-size', toLength(value) ?? '23px');
      }
    },
  };
};
