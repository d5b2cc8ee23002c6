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
