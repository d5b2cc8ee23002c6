/**
 * `icon`: the documented types drawn as inline SVG (no icon font to load), `size` in px (default
 * 23), `color` overriding the type's colour. Unknown types draw nothing.
 */

import type { ComponentFactory } from '../types.ts';
import { toColor, toLength, toText } from './util.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

interface Glyph {
  color: string;
  /** Filled disc behind a white stroke glyph. */
  disc: boolean;
  /** Stroke path(s) in a 24×24 box. */
  path?: string;
  /** Small filled dots (x, y) for i/! marks. */
  dots?: Array<[number, number]>;
  extra?: 'search' | 'loading';
}

export const ICON_GLYPHS: Record<string, Glyph> = {
  success: { color: '#09BB07', disc: true, path: 'M6.5 12.5l3.6 3.6 7.4-7.6' },
  success_no_circle: { color: '#09BB07', disc: false, path: 'M3 12.6l6 6L21 6.4' },
  info: { color: '#10AEFF', disc: true, path: 'M12 10.5v7', dots: [[12, 7]] },
  warn: { color: '#F76260', disc: true, path: 'M12 6.5v7', dots: [[12, 17]] },
  waiting: { color: '#10AEFF', disc: true, path: 'M12 6.5V12l3.6 2.6' },
  cancel: { color: '#F43530', disc: true, path: 'M8 8l8 8M16 8l-8 8' },
  clear: { color: '#B2B2B2', disc: true, path: 'M8.6 8.6l6.8 6.8M15.4 8.6l-6.8 6.8' },
  download: { color: '#09BB07', disc: true, path: 'M12 6v8.5M8.4 11.2 12 14.8l3.6-3.6M7.5 17.6h9' },
  search: { color: '#B2B2B2', disc: false, extra: 'search' },
  loading: { color: '#108ee9', disc: false, extra: 'loading' },
};

function el(doc: Document, name: string, attrs: Record<string, string | number>): SVGElement {
  const node = doc.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

function draw(doc: Document, type: string, color: string | undefined): SVGSVGElement | undefined {
  const glyph = ICON_GLYPHS[type];
  if (!glyph) return undefined;
  const paint = color ?? glyph.color;
  const svg = el(doc, 'svg', { viewBox: '0 0 24 24', width: '100%', height: '100%', 'aria-hidden': 'true' }) as SVGSVGElement;
  const glyphStroke = glyph.disc ? '#fff' : paint;
  if (glyph.disc) svg.appendChild(el(doc, 'circle', { cx: 12, cy: 12, r: 12, fill: paint }));
  if (glyph.path) {
    svg.appendChild(el(doc, 'path', { d: glyph.path, fill: 'none', stroke: glyphStroke, 'stroke-width': 2.2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }));
  }
  for (const [cx, cy] of glyph.dots ?? []) svg.appendChild(el(doc, 'circle', { cx, cy, r: 1.4, fill: glyphStroke }));
  if (glyph.extra === 'search') {
    svg.appendChild(el(doc, 'circle', { cx: 10.5, cy: 10.5, r: 6.8, fill: 'none', stroke: paint, 'stroke-width': 2.2 }));
    svg.appendChild(el(doc, 'path', { d: 'M15.5 15.5 21 21', stroke: paint, 'stroke-width': 2.4, 'stroke-linecap': 'round' }));
  } else if (glyph.extra === 'loading') {
    svg.setAttribute('class', 'mpk-spin');
    svg.appendChild(el(doc, 'circle', { cx: 12, cy: 12, r: 9.5, fill: 'none', stroke: paint, 'stroke-opacity': 0.25, 'stroke-width': 2.5 }));
    svg.appendChild(el(doc, 'path', { d: 'M12 2.5a9.5 9.5 0 0 1 9.5 9.5', fill: 'none', stroke: paint, 'stroke-width': 2.5, 'stroke-linecap': 'round' }));
  }
  return svg;
}

export const icon: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('icon');
  let type = '';
  let color: string | undefined;
  let current: SVGSVGElement | undefined;
  const redraw = (): void => {
    current?.remove();
    current = draw(ctx.doc, type, color);
    if (current) host.prepend(current);
    host.setAttribute('role', 'img');
    host.setAttribute('aria-label', type);
  };
  ctx.setHostStyle('--mpk-icon-size', '23px');
  return {
    host,
    setAttr(name, value) {
      if (name === 'type') {
        type = toText(value);
        redraw();
      } else if (name === 'color') {
        color = toColor(value);
        redraw();
      } else if (name === 'size') {
        ctx.setHostStyle('--mpk-icon-size', toLength(value) ?? '23px');
      }
    },
  };
};
