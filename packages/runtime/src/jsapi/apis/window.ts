/**
 * The page's window (docs: api/基础API/界面/设置窗口背景, 设置页面是否支持下拉, 导航栏/my.getTitleColor and
 * my.hideBackHome, 字体/my.loadFontFace), through the host's UI adapter (`ui.window`,
 * `ui.getTitleColor`, `ui.loadFontFace`; the headless UI records the calls and keeps each page's
 * window state, `ui.windowOf(pageId)`).
 *
 * `my.loadFontFace({ family, source })`: `source` is `url("https://…")` (or the bare URL). The font is
 * fetched like any network API — HTTPS only, the domain allow-list, public addresses, redirects
 * re-checked — at most 10 MB, and must be a woff, otf, ttf or sfnt file by its signature (the docs:
 * no woff2). Every failure is the documented 10 (加载失败), with a message saying why.
 */

import { defineApi } from '../define.ts';
import { ApiFailure } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';
import { checkUrl, fetchChecked, readBody, type UrlPolicy } from './net-common.ts';

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const MAX_FONT_BYTES = 10 * 1024 * 1024;
const FONT_TIMEOUT_MS = 30_000;

const FONT_POLICY: UrlPolicy = {
  api: 'loadFontFace',
  secure: 'https:',
  insecure: 'http:',
  allowList: true,
  codes: { invalid: 10, scheme: 10, insecure: 10, notAllowed: 10 },
};

function hexColor(api: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !HEX.test(value.trim())) {
    throw new ApiFailure(2, `${api}: parameter "${name}" should be a hexadecimal colour (#RRGGBB), got ${JSON.stringify(String(value).slice(0, 40))}`);
  }
  return value.trim();
}

/** `#RGB`, `#RRGGBB`, `#RRGGBBAA` → the docs' `#RRGGBBAA` (upper case, e.g. #323239FF). */
function titleColorText(color: string | undefined): string {
  const text = (color ?? '').trim();
  let hex = HEX.test(text) ? text.slice(1) : 'ffffff';
  if (hex.length === 3 || hex.length === 4) hex = [...hex].map((c) => c + c).join('');
  if (hex.length === 6) hex += 'ff';
  return `#${hex.toUpperCase()}`;
}

/** The URL in a `source` (`url("https://…")`, `url('…')`, `url(…)` or the URL itself). */
function fontUrl(source: string): string {
  const text = source.trim();
  const match = /^url\(\s*(["']?)(.*?)\1\s*\)$/is.exec(text);
  return (match ? match[2]! : text).trim();
}

/** The font formats of the docs, by their first bytes. */
function fontFormat(bytes: Uint8Array): string | undefined {
  if (bytes.byteLength < 12) return undefined;
  const tag = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (tag === 'wOFF') return 'woff';
  if (tag === 'OTTO') return 'otf';
  if (tag === 'true' || tag === 'typ1' || (bytes[0] === 0 && bytes[1] === 1 && bytes[2] === 0 && bytes[3] === 0)) return 'ttf';
  if (tag === 'ttcf') return 'sfnt';
  return undefined;
}

const DESC = {
  style: ['normal', 'italic', 'oblique'],
  weight: ['normal', 'bold', '100', '200', '300', '400', '500', '600', '700', '800', '900'],
  variant: ['normal', 'small-caps', 'inherit'],
} as const;

async function loadFont(args: { family: string; source: string; desc?: Record<string, unknown>; global?: boolean }, ctx: ApiCallContext): Promise<void> {
  const family = args.family.trim();
  if (family === '' || family.length > 100 || /[;{}<>"'\\]/.test(family) || /[\u0000-\u001f]/.test(family)) {
    throw new ApiFailure(10, `loadFontFace: "family" must be a font name of at most 100 characters without quotes, braces or semicolons`);
  }
  const descriptors: { style?: string; weight?: string; variant?: string } = {};
  for (const key of ['style', 'weight', 'variant'] as const) {
    const value = args.desc?.[key];
    if (value === undefined) continue;
    const text = String(value).toLowerCase();
    if (!(DESC[key] as readonly string[]).includes(text)) throw new ApiFailure(10, `loadFontFace: desc.${key} should be one of ${DESC[key].join(' / ')}`);
    descriptors[key] = text;
  }
  const url = checkUrl(fontUrl(args.source), ctx, FONT_POLICY);
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  ctx.signal.addEventListener('abort', onAbort);
  const timer = setTimeout(() => controller.abort(), FONT_TIMEOUT_MS);
  let data: Uint8Array;
  try {
    const { response } = await fetchChecked(ctx, FONT_POLICY, url, { method: 'GET', headers: {}, signal: controller.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ApiFailure(10, `loadFontFace: ${url.href} answered ${response.status}`);
    }
    data = await readBody(response, MAX_FONT_BYTES, () => new ApiFailure(10, `loadFontFace: the font is larger than ${MAX_FONT_BYTES} bytes`));
  } catch (error) {
    if (error instanceof ApiFailure) throw error.error === 10 ? error : new ApiFailure(10, error.errorMessage);
    throw new ApiFailure(10, `loadFontFace: ${url.href} could not be loaded (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
  }
  const format = fontFormat(data);
  if (format === undefined) throw new ApiFailure(10, `loadFontFace: ${url.href} is not a woff, otf, ttf or sfnt font (woff2 is not supported)`);
  try {
    await ctx.host.ui.loadFontFace({ family, data, url: url.href, descriptors, global: args.global === true }, ctx.hostContext());
  } catch (error) {
    throw new ApiFailure(10, `loadFontFace: the font could not be used (${error instanceof Error ? error.message : String(error)})`);
  }
}

export function windowApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'setBackgroundColor',
      kind: 'async',
      params: s.object({
        backgroundColor: s.string({ description: 'HEX background colour of the window.' }),
        backgroundColorTop: s.string({ description: 'HEX colour of the top of the window (iOS).' }),
        backgroundColorBottom: s.string({ description: 'HEX colour of the bottom of the window (iOS).' }),
      }),
      async handler(args: { backgroundColor?: string; backgroundColorTop?: string; backgroundColorBottom?: string }, ctx) {
        const request = {
          api: 'setBackgroundColor' as const,
          backgroundColor: hexColor('setBackgroundColor', 'backgroundColor', args.backgroundColor),
          backgroundColorTop: hexColor('setBackgroundColor', 'backgroundColorTop', args.backgroundColorTop),
          backgroundColorBottom: hexColor('setBackgroundColor', 'backgroundColorBottom', args.backgroundColorBottom),
        };
        for (const key of ['backgroundColor', 'backgroundColorTop', 'backgroundColorBottom'] as const) if (request[key] === undefined) delete request[key];
        await ctx.host.ui.window(request, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'setBackgroundTextStyle',
      kind: 'async',
      params: s.object({ textStyle: s.enum(['dark', 'light']) }, { required: ['textStyle'] }),
      async handler(args: { textStyle: 'dark' | 'light' }, ctx) {
        await ctx.host.ui.window({ api: 'setBackgroundTextStyle', textStyle: args.textStyle }, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'setCanPullDown',
      kind: 'async',
      params: s.object({ canPullDown: s.boolean() }, { required: ['canPullDown'] }),
      async handler(args: { canPullDown: boolean }, ctx) {
        await ctx.host.ui.window({ api: 'setCanPullDown', canPullDown: args.canPullDown }, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'hideBackHome',
      kind: 'async',
      async handler(_args, ctx) {
        await ctx.host.ui.window({ api: 'hideBackHome' }, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'getTitleColor',
      kind: 'async',
      result: s.object({ color: s.string({ example: '#FFFFFFFF' }) }, { required: ['color'] }),
      async handler(_args, ctx) {
        const shown = await ctx.host.ui.getTitleColor(ctx.hostContext());
        // Not changed at run time: the app's configuration (app.json window.titleBarColor), else the platform's white.
        return { color: titleColorText(typeof shown === 'string' && HEX.test(shown.trim()) ? shown : ctx.app.window?.titleBarColor) };
      },
      description: 'The navigation bar\'s background colour as #RRGGBBAA.',
    }),
    defineApi({
      name: 'loadFontFace',
      kind: 'async',
      params: s.object(
        {
          family: s.string({ minLength: 1 }),
          source: s.string({ minLength: 1, description: 'url("https://…") of a woff, otf, ttf or sfnt font.' }),
          desc: s.object({ style: s.string(), weight: s.any({ description: 'normal, bold or 100…900.' }), variant: s.string() }),
          global: s.boolean({ default: false }),
          nativeCanvas: s.boolean({ default: true }),
        },
        { required: ['family', 'source'] },
      ),
      errors: { 10: '加载失败' },
      async handler(args: { family: string; source: string; desc?: Record<string, unknown>; global?: boolean }, ctx) {
        await loadFont(args, ctx);
        return {};
      },
      description: 'Loads a web font (HTTPS, through the network policy) for the app\'s pages.',
    }),
  ];
}
