/**
 * View-side changes SJS makes through descriptors (`addClass`, `removeClass`, `setStyle`), kept
 * per node and layered over whatever the template renders, so a later re-render does not undo them
 * (docs: SJS 响应事件 — setStyle wins over the template's style; each call replaces the last).
 */
import { classNames } from './selector.ts';
import type { Fiber, Overlay } from './tree.ts';

export function overlayOf(fiber: Fiber): Overlay {
  return (fiber.overlay ??= { addClasses: [], removeClasses: [], style: '' });
}

/** The value to send for `name` given the rendered `value` and the node's overlay. */
export function effectiveAttr(fiber: Fiber, name: string, value: unknown): unknown {
  const overlay = fiber.overlay;
  if (overlay === undefined) return value;
  if (name === 'class') {
    if (overlay.addClasses.length === 0 && overlay.removeClasses.length === 0) return value;
    return effectiveClasses(fiber).join(' ');
  }
  if (name === 'style' && overlay.style !== '') {
    const base = value === undefined || value === null || value === false ? '' : String(value).trim();
    if (base === '') return overlay.style;
    return base.endsWith(';') ? `${base}${overlay.style}` : `${base};${overlay.style}`;
  }
  return value;
}

export function effectiveClasses(fiber: Fiber): string[] {
  const names = classNames(fiber.attrs.class);
  const overlay = fiber.overlay;
  if (overlay === undefined) return names;
  const out = names.filter((name) => !overlay.removeClasses.includes(name));
  for (const name of overlay.addClasses) if (!out.includes(name)) out.push(name);
  return out;
}

/** `{ 'font-size': '28rpx', color: 'red' }` or a string → `font-size:28rpx;color:red`. */
export function styleText(style: unknown): string {
  if (typeof style === 'string') return style.trim();
  if (typeof style !== 'object' || style === null) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(style as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    const property = name.includes('-') ? name : name.replace(/[A-Z]/g, (ch) => '-' + ch.toLowerCase());
    parts.push(`${property}:${String(value)}`);
  }
  return parts.join(';');
}

/** Reads `props` from an inline style string (what a layout-free tree can honestly answer). */
export function inlineStyleValues(style: unknown, props: readonly string[]): Record<string, string> {
  const declared = new Map<string, string>();
  if (typeof style === 'string') {
    for (const declaration of style.split(';')) {
      const colon = declaration.indexOf(':');
      if (colon <= 0) continue;
      declared.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim());
    }
  }
  const out: Record<string, string> = {};
  for (const prop of props) {
    if (typeof prop !== 'string') continue;
    const key = prop.includes('-') ? prop.toLowerCase() : prop.replace(/[A-Z]/g, (ch) => '-' + ch.toLowerCase());
    out[prop] = declared.get(key) ?? '';
  }
  return out;
}
