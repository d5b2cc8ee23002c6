/**
 * The free names SJS code finds defined (AD fw/SJS 语法参考/基础类库.md, 数据类型.md; `Object.keys`
 * because Alipay's own antd-mini uses it). At run time each is a frozen copy made by the view
 * module's prelude, never the host's own object, so SJS cannot change `Math.floor` for the host
 * or for another mini-program. Any other free name is `undefined` (with a warning), as on the
 * platform where "SJS 不支持 JavaScript 的大部分全局属性和方法".
 */

/** Names given to SJS as copies from the prelude. */
export const SJS_PROVIDED_GLOBALS: readonly string[] = [
  'Math',
  'JSON',
  'Number',
  'Object',
  'console',
  'getDate',
  'getRegExp',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'decodeURI',
  'decodeURIComponent',
  'encodeURI',
  'encodeURIComponent',
];

/** Immutable primitive globals SJS may read as they are. */
export const SJS_VALUE_GLOBALS: readonly string[] = ['Infinity', 'NaN', 'undefined'];

const allowed = new Set([...SJS_PROVIDED_GLOBALS, ...SJS_VALUE_GLOBALS]);

export function isSjsGlobal(name: string): boolean {
  return allowed.has(name);
}

/** Advice for a refused global that has a documented replacement. */
export const SJS_GLOBAL_HINTS: Readonly<Record<string, string>> = {
  Date: 'use getDate(...) instead',
  RegExp: 'use getRegExp(pattern, flags) instead',
  require: 'use import … from "./x.sjs" instead',
  Array: 'SJS has no Array global; test arrays with x.constructor === "Array"',
  String: 'SJS has no String global',
  window: 'SJS runs without access to the page or host',
  globalThis: 'SJS runs without access to the page or host',
  my: 'SJS cannot call my.* APIs (they belong to the logic layer)',
};

/** Math members of the ES5 set the docs list. */
export const SJS_MATH_CONSTANTS = ['E', 'LN10', 'LN2', 'LOG2E', 'LOG10E', 'PI', 'SQRT1_2', 'SQRT2'];
export const SJS_MATH_FUNCTIONS = [
  'abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'cos', 'exp', 'floor', 'log', 'max', 'min', 'pow', 'random', 'round', 'sin', 'sqrt', 'tan',
];
export const SJS_NUMBER_CONSTANTS = ['MAX_VALUE', 'MIN_VALUE', 'NEGATIVE_INFINITY', 'POSITIVE_INFINITY'];
export const SJS_PLAIN_FUNCTIONS = [
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
];
