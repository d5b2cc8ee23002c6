/**
 * The `window` settings (app.json `window`, and the top level of a page .json), validated key by
 * key against the documented types. Alipay writes many booleans as "YES"/"NO" strings, and real
 * apps mix the two forms (`"allowsBounceVertical": false`, `"pullRefresh": "NO"`): the platform
 * accepts both, so both are read silently and normalised to the type `WindowConfig` declares.
 * Any other wrong type or value is a warning and the key is ignored, as the platform ignores it.
 */

import type { WindowConfig } from '@mpk/runtime/package-format';
import type { JsonDoc, JsonNode } from './json.ts';
import { UNSUPPORTED_KEY } from '../diagnostics/codes.ts';

/**
 * `boolean`: true/false (also "YES"/"NO" and "true"/"false" strings) → boolean.
 * `yesno`: "YES"/"NO" (also true/false and "yes"/"no") → "YES" | "NO".
 */
type Rule = 'string' | 'boolean' | 'number' | 'yesno' | readonly string[];

const WINDOW_RULES: Record<string, Rule> = {
  defaultTitle: 'string',
  titleBarColor: 'string',
  navigationBarFrontColor: ['black', 'white'],
  transparentTitle: ['none', 'always', 'auto'],
  titlePenetrate: 'yesno',
  titleImage: 'string',
  showTitleLoading: 'yesno',
  backgroundColor: 'string',
  backgroundImageColor: 'string',
  backgroundImageUrl: 'string',
  allowsBounceVertical: 'yesno',
  pullRefresh: 'boolean',
  onReachBottomDistance: 'number',
  responsive: 'boolean',
  gestureBack: 'yesno',
  enableScrollBar: 'boolean',
};

/** Extra keys a page .json allows on top of the window keys. */
const PAGE_RULES: Record<string, Rule> = {
  barButtonTheme: ['default', 'light'],
};

/**
 * Window keys mpk reads (they are valid) but does not act on: nothing in the runtime or the
 * simulator draws them. Each is a warning (MPK1024) saying what mpk does instead. The others are
 * acted on: the simulator's navigation bar (defaultTitle, titleBarColor, navigationBarFrontColor,
 * transparentTitle, titleImage, showTitleLoading), pull-down refresh (pullRefresh, gated by
 * allowsBounceVertical), onReachBottomDistance, and responsive (rpx).
 */
const IGNORED_WINDOW_KEYS: Record<string, string> = {
  titlePenetrate: 'taps on the navigation bar never reach the page',
  backgroundColor: 'the window behind the page is not drawn',
  backgroundImageColor: 'the area a pull-down uncovers is not drawn',
  backgroundImageUrl: 'the area a pull-down uncovers is not drawn',
  gestureBack: 'there is no swipe-back gesture; the back button goes back',
  enableScrollBar: 'the page shows the browser\'s scroll bar',
  barButtonTheme: 'the navigation bar has no icons to theme',
};

/** WeChat names people bring along, and the Alipay key (shown as a hint). */
export const WECHAT_WINDOW_HINTS: Record<string, string> = {
  navigationBarTitleText: 'defaultTitle',
  navigationBarBackgroundColor: 'titleBarColor',
  navigationBarTextStyle: 'navigationBarFrontColor',
  enablePullDownRefresh: 'pullRefresh',
  backgroundTextStyle: 'backgroundColor',
  navigationStyle: 'transparentTitle',
};

export const WINDOW_KEYS: ReadonlySet<string> = new Set(Object.keys(WINDOW_RULES));
export const PAGE_WINDOW_KEYS: ReadonlySet<string> = new Set([...Object.keys(WINDOW_RULES), ...Object.keys(PAGE_RULES)]);

/**
 * Reads the window keys of `node` (skipping keys not in the window schema: the caller validates
 * those) into a WindowConfig with only the well-typed values.
 */
export function readWindow(doc: JsonDoc, node: JsonNode, options: { page: boolean; where: string }): WindowConfig {
  const window: WindowConfig = {};
  for (const { key, keyNode, value } of doc.properties(node)) {
    const rule = WINDOW_RULES[key] ?? (options.page ? PAGE_RULES[key] : undefined);
    if (!rule) continue;
    const what = `${options.where}.${key}`;
    let read: unknown;
    if (rule === 'string') read = doc.string(value, what);
    else if (rule === 'boolean') read = readFlag(doc, value, what, 'true or false');
    else if (rule === 'number') {
      read = doc.number(value, what);
      if (typeof read === 'number' && read < 0) {
        doc.typeError(value, what, 'a number of pixels ≥ 0');
        read = undefined;
      }
    } else if (rule === 'yesno') {
      const flag = readFlag(doc, value, what, '"YES" or "NO"');
      read = flag === undefined ? undefined : flag ? 'YES' : 'NO';
    } else read = doc.oneOf(value, what, rule);
    if (read !== undefined) window[key] = read;
    const ignored = IGNORED_WINDOW_KEYS[key];
    if (read !== undefined && ignored) {
      const label = options.page ? `"${key}"` : `window.${key}`;
      doc.report(UNSUPPORTED_KEY, keyNode, `mpk does not support ${label} (${ignored}); it is ignored`);
    }
  }
  return window;
}

/** A yes/no setting in any form the platform accepts: true/false, "YES"/"NO", "true"/"false" (any case). */
export function readFlag(doc: JsonDoc, node: JsonNode, what: string, expected: string): boolean | undefined {
  if (node.type === 'boolean') return node.value as boolean;
  if (node.type === 'string') {
    const text = String(node.value).trim().toLowerCase();
    if (text === 'yes' || text === 'true') return true;
    if (text === 'no' || text === 'false') return false;
  }
  doc.typeError(node, what, expected);
  return undefined;
}
