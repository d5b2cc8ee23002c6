/**
 * Colours a mini-program hands the simulator's chrome (navigation bar, tab bar: app.json, page
 * configs, my.setNavigationBar, my.setTabBarStyle) are package strings that land in the host page's
 * inline styles. Only colour syntax passes: a value such as `url(http://…)` would make the chrome
 * fetch a URL, and `red; position: fixed` would restyle it. Anything else is the fallback.
 */

/** `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`. */
const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
/** `rgb()`/`rgba()`/`hsl()`/`hsla()` of numbers, percentages, angles, commas, slashes and spaces. */
const FUNCTION = /^(?:rgba?|hsla?)\(\s*[-+0-9.%a-z\s,/]{1,80}\)$/i;
/** A named colour (`red`, `transparent`, `currentcolor`): letters only. */
const NAMED = /^[a-z]{3,30}$/i;

/** `value` when it is a CSS colour, otherwise `fallback`. */
export function cssColor(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const v = value.trim();
  if (v.length > 100) return fallback;
  if (HEX.test(v) || NAMED.test(v)) return v;
  // No identifier but units and the function's own name may appear inside: `url`, `var`, `calc`, `expression` never.
  if (FUNCTION.test(v) && !/(?:url|var|calc|env|attr|expression|image)\s*\(/i.test(v.slice(4))) return v;
  return fallback;
}
