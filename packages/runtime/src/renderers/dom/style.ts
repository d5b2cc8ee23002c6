/**
 * Inline `style` values: rpx conversion (the same output the compiler gives stylesheets) and the
 * rpx scale the container publishes as `--mpk-rpx`.
 */

/** CSS custom property holding px per rpx; stylesheets use `calc(N * var(--mpk-rpx))`. */
export const RPX_VAR = '--mpk-rpx';

/** px per rpx: 750rpx spans the screen; `responsive: false` fixes 2rpx = 1px (docs: app.json window). */
export function pxPerRpx(screenWidth: number, responsive = true): number {
  if (!responsive) return 0.5;
  const width = Number.isFinite(screenWidth) && screenWidth > 0 ? screenWidth : 375;
  return width / 750;
}

const NUMBER_RPX = /(^|[^\w.#-])([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)rpx(?![\w-])/gi;

function convertPlain(segment: string): string {
  return segment.replace(NUMBER_RPX, (_match, before: string, num: string) => {
    const value = Number(num);
    if (value === 0) return `${before}0`;
    return `${before}calc(${num.startsWith('+') ? num.slice(1) : num} * var(${RPX_VAR}))`;
  });
}

/**
 * `Nrpx` → `calc(N * var(--mpk-rpx))`, `0rpx` → `0`; quoted strings and `url(…)` are left alone
 * (a file named `a-10rpx.png` stays that way).
 */
export function convertRpx(css: string): string {
  if (!/rpx/i.test(css)) return css;
  let out = '';
  let plainStart = 0;
  let i = 0;
  while (i < css.length) {
    const ch = css[i];
    let end = -1;
    if (ch === '"' || ch === "'") {
      end = i + 1;
      while (end < css.length && css[end] !== ch) end += css[end] === '\\' ? 2 : 1;
      end = Math.min(end + 1, css.length);
    } else if ((ch === 'u' || ch === 'U') && /^url\(/i.test(css.slice(i, i + 4)) && !/[\w-]/.test(css[i - 1] ?? '')) {
      const close = css.indexOf(')', i);
      end = close < 0 ? css.length : close + 1;
    }
    if (end < 0) {
      i++;
      continue;
    }
    out += convertPlain(css.slice(plainStart, i)) + css.slice(i, end);
    plainStart = i = end;
  }
  return out + convertPlain(css.slice(plainStart));
}

function kebab(name: string): string {
  return name.startsWith('--') ? name : name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
}

/**
 * The `style` attribute as CSS text: a string as written, or an object of properties
 * (`{ fontSize: '12rpx' }`), both with rpx converted. Nullish/false → ''.
 */
export function styleText(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || v === null || v === false || v === '') continue;
      parts.push(`${kebab(name)}: ${String(v)}`);
    }
    return convertRpx(parts.join('; '));
  }
  return convertRpx(String(value));
}
