/**
 * Declaration values: `rpx` → `calc(N * var(--mpk-rpx))` (the renderer sets `--mpk-rpx` to the px
 * width of one rpx: screen width / 750), other units untouched, `0rpx` → `0`; and the `url()`s a
 * value references, so relative local paths can be reported (the docs require absolute ones).
 */

import valueParser from 'postcss-value-parser';

export const RPX_VARIABLE = '--mpk-rpx';

const RPX_HINT = /rpx/i;

export function hasRpx(value: string): boolean {
  return RPX_HINT.test(value);
}

/** The value with every rpx dimension converted; the same string when there is none. */
export function convertRpx(value: string): string {
  if (!hasRpx(value)) return value;
  const parsed = valueParser(value);
  let changed = false;
  parsed.walk((node) => {
    if (node.type === 'function' && node.value.toLowerCase() === 'url') return false;
    if (node.type !== 'word') return undefined;
    const dimension = valueParser.unit(node.value);
    if (!dimension || dimension.unit.toLowerCase() !== 'rpx') return undefined;
    const number = Number(dimension.number);
    if (!Number.isFinite(number)) return undefined;
    node.value = number === 0 ? '0' : `calc(${dimension.number} * var(${RPX_VARIABLE}))`;
    changed = true;
    return undefined;
  });
  return changed ? parsed.toString() : value;
}

const VIEWPORT_HINT = /v(?:w|h|min|max)/i;
const VIEWPORT_UNITS: Record<string, string> = { vw: 'cqw', vh: 'cqh', vmin: 'cqmin', vmax: 'cqmax' };

export function hasViewportUnits(value: string): boolean {
  return VIEWPORT_HINT.test(value);
}

/**
 * Viewport units as the screen's container query units (`100vh` → `100cqh`, also `dvh`/`svh`/`lvh`):
 * the DOM renderer's container is the phone's screen and a size container, so they measure the page
 * area as a device's viewport does, not the browser window a simulator runs in. The same string when
 * there is none.
 */
export function convertViewportUnits(value: string): string {
  if (!hasViewportUnits(value)) return value;
  const parsed = valueParser(value);
  let changed = false;
  parsed.walk((node) => {
    if (node.type === 'function' && node.value.toLowerCase() === 'url') return false;
    if (node.type !== 'word') return undefined;
    const dimension = valueParser.unit(node.value);
    if (!dimension) return undefined;
    const unit = dimension.unit.toLowerCase().replace(/^[sdl](?=v)/, '');
    const replacement = VIEWPORT_UNITS[unit];
    if (!replacement || !Number.isFinite(Number(dimension.number))) return undefined;
    node.value = `${dimension.number}${replacement}`;
    changed = true;
    return undefined;
  });
  return changed ? parsed.toString() : value;
}

/** Media features a size container answers as the viewport would. */
const SIZE_FEATURE = /^\(\s*(?:(?:min-|max-)?(?:device-)?(?:width|height|aspect-ratio)|orientation)\s*(?::[^()]*)?\)$/i;

/**
 * `@media` params that only ask about the viewport's size (`(max-width: 600px)`, `screen and
 * (min-width: 320px) and (orientation: portrait)`, lists of those) as `@container mpk-screen` params:
 * the renderer's screen is the container that answers them, as a device's viewport (`device-width`
 * is the screen's width there too). Anything else (`print`, `prefers-color-scheme`, `not`) is
 * undefined: the rule stays a media query.
 */
export function mediaAsScreenContainer(params: string): string | undefined {
  const queries = params.split(',').map((q) => q.trim());
  const out: string[] = [];
  for (const query of queries) {
    const parts = query.split(/\s+and\s+/i).map((p) => p.trim());
    const features: string[] = [];
    for (const [index, part] of parts.entries()) {
      if (index === 0 && /^(?:only\s+)?(?:screen|all)$/i.test(part)) continue;
      if (!SIZE_FEATURE.test(part)) return undefined;
      features.push(part.replace(/\bdevice-(?=width|height|aspect-ratio)/i, ''));
    }
    if (features.length === 0) return undefined;
    out.push(features.length === 1 ? features[0]! : `(${features.join(' and ')})`);
  }
  return out.length === 0 ? undefined : `mpk-screen ${out.join(' or ')}`;
}

/** The arguments of every `url(...)` in a value, unquoted, in order. */
export function urlsIn(value: string): string[] {
  if (!/url\(/i.test(value)) return [];
  const out: string[] = [];
  valueParser(value).walk((node) => {
    if (node.type !== 'function' || node.value.toLowerCase() !== 'url') return undefined;
    const inner = node.nodes[0];
    if (inner) out.push(inner.type === 'string' ? inner.value : valueParser.stringify(node.nodes).trim());
    return false;
  });
  return out;
}

/** Replaces `url(x)` arguments through `map` (undefined = keep). */
export function rewriteUrls(value: string, map: (url: string) => string | undefined): string {
  if (!/url\(/i.test(value)) return value;
  const parsed = valueParser(value);
  let changed = false;
  parsed.walk((node) => {
    if (node.type !== 'function' || node.value.toLowerCase() !== 'url') return undefined;
    const inner = node.nodes[0];
    if (!inner) return false;
    const current = inner.type === 'string' ? inner.value : valueParser.stringify(node.nodes).trim();
    const next = map(current);
    if (next !== undefined && next !== current) {
      node.nodes = [{ type: 'string', value: next, quote: '"', sourceIndex: inner.sourceIndex, sourceEndIndex: inner.sourceEndIndex } as valueParser.StringNode];
      changed = true;
    }
    return false;
  });
  return changed ? parsed.toString() : value;
}

/** A url() a sheet may use as written: absolute project path, remote, data or fragment. */
export function isAbsoluteOrRemoteUrl(url: string): boolean {
  return url === '' || url.startsWith('/') || url.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(url);
}
