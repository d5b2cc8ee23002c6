/**
 * Inline `style` values: rpx conversion (the same output the compiler gives stylesheets) and the
 * rpx scale the container publishes as `--mpk-rpx`; viewport units measured against the screen
 * (the container), not the browser window; `url()`s of package files resolved to where the host
 * serves them.
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
const NUMBER_VIEWPORT = /(^|[^\w.#-])([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)[sdl]?(vw|vh|vmin|vmax)(?![\w-])/gi;

/**
 * Viewport units → container query units of the screen: the container is the phone's screen (a
 * size container, see default-styles.ts), so `100vh` is the page area as on a device, not the
 * browser window the simulator runs in. The compiler writes stylesheets the same way.
 */
const VIEWPORT_TO_CONTAINER: Record<string, string> = { vw: 'cqw', vh: 'cqh', vmin: 'cqmin', vmax: 'cqmax' };

function convertPlain(segment: string): string {
  return segment
    .replace(NUMBER_RPX, (_match, before: string, num: string) => {
      const value = Number(num);
      if (value === 0) return `${before}0`;
      return `${before}calc(${num.startsWith('+') ? num.slice(1) : num} * var(${RPX_VAR}))`;
    })
    .replace(NUMBER_VIEWPORT, (_match, before: string, num: string, unit: string) => `${before}${num}${VIEWPORT_TO_CONTAINER[unit.toLowerCase()]}`);
}

/**
 * `Nrpx` → `calc(N * var(--mpk-rpx))`, `0rpx` → `0`, `Nvh`/`Nvw`/`Nvmin`/`Nvmax` → the screen's
 * `cqh`/`cqw`/`cqmin`/`cqmax`; quoted strings and `url(…)` are left alone (a file named
 * `a-10rpx.png` stays that way).
 */
export function convertRpx(css: string): string {
  if (!/rpx|v[wh]|vmin|vmax/i.test(css)) return css;
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

/** A url() argument that names a file of the package (not remote, data, blob or an SVG fragment). */
export function isPackageUrl(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url);
}

/**
 * Every `url(…)` naming a package file (`/images/a.png`, `images/a.png`) mapped through `resolve`
 * (the host's `resolveAsset`): in a stylesheet or a style attribute, a path means a file of the
 * package, not one of the page the host runs in. Remote, `data:` and `#fragment` URLs stay.
 */
export function resolveStyleUrls(css: string, resolve: (url: string) => string): string {
  if (!/url\(/i.test(css)) return css;
  let out = '';
  let i = 0;
  for (;;) {
    const match = /url\(\s*/gi;
    match.lastIndex = i;
    const found = match.exec(css);
    if (!found || (found.index > 0 && /[\w-]/.test(css[found.index - 1]!))) {
      if (!found) return out + css.slice(i);
      out += css.slice(i, match.lastIndex);
      i = match.lastIndex;
      continue;
    }
    const start = match.lastIndex;
    const quote = css[start] === '"' || css[start] === "'" ? css[start] : '';
    let end: number;
    let url: string;
    if (quote) {
      end = start + 1;
      while (end < css.length && css[end] !== quote) end += css[end] === '\\' ? 2 : 1;
      url = css.slice(start + 1, end);
      end += 1;
    } else {
      end = css.indexOf(')', start);
      if (end < 0) end = css.length;
      url = css.slice(start, end).trim();
    }
    out += css.slice(i, found.index);
    if (isPackageUrl(url)) {
      const resolved = resolve(url);
      out += `url("${resolved.replace(/["\\\n\r]/g, (ch) => encodeURIComponent(ch))}"`;
    } else {
      out += css.slice(found.index, end);
    }
    i = end;
  }
}

/**
 * The `style` attribute as CSS text: a string as written, or an object of properties
 * (`{ fontSize: '12rpx' }`), both with rpx and viewport units converted and, given `resolve`,
 * package URLs resolved. Nullish/false → ''.
 */
export function styleText(value: unknown, resolve?: (url: string) => string): string {
  const css = plainStyleText(value);
  return resolve ? resolveStyleUrls(css, resolve) : css;
}

function plainStyleText(value: unknown): string {
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

const FONT_FACE = /@font-face\s*\{[^{}]*\}/gi;

export function familyName(text: string): string {
  return text.trim().replace(/^(["'])(.*)\1$/, '$2').trim().toLowerCase();
}

/** The font families the host page's own text uses (html's and body's `font-family`), lower case: an app's fonts must not redefine them. */
export function hostFontFamilies(doc: Document): Set<string> {
  const view = doc.defaultView;
  const families = new Set<string>();
  for (const element of [doc.documentElement, doc.body]) {
    if (!element || !view) continue;
    for (const family of view.getComputedStyle(element).fontFamily.split(',')) families.add(familyName(family));
  }
  return families;
}

/**
 * The `@font-face` rules of `css` that may be declared on `doc` (for a renderer in a shadow root,
 * where browsers ignore them): all but those naming a family the host page's own text uses
 * (html's and body's `font-family`), so an app's fonts never restyle the host. '' when none.
 */
export function documentFontFaces(css: string, doc: Document): string {
  const rules = css.match(FONT_FACE);
  if (!rules) return '';
  const hostFamilies = hostFontFamilies(doc);
  return rules
    .filter((rule) => {
      const family = /font-family\s*:\s*([^;}]+)/i.exec(rule)?.[1];
      return family !== undefined && !hostFamilies.has(familyName(family));
    })
    .join('\n');
}
