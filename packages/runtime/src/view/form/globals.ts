/**
 * Free names a template expression reads from the platform's render environment when the render
 * scope (data, `a:for` items, SJS bindings) does not define them: `{{Math.abs(x)}}`,
 * `{{Number(s).toFixed(2)}}`, `{{JSON.stringify(o)}}`, `{{new Date(t).getFullYear()}}`. At run
 * time each is a frozen copy made by the view module's prelude (never the host's own object), so
 * a template cannot change `Math.floor` for the host or for another mini-program, and none of
 * them leads to a constructor of the host (`Number`, `String`… are plain conversion functions).
 */
export const TEMPLATE_GLOBALS: readonly string[] = [
  'Math',
  'JSON',
  'Number',
  'String',
  'Boolean',
  'Object',
  'Array',
  'Date',
  'RegExp',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'Infinity',
  'NaN',
];

const names = new Set(TEMPLATE_GLOBALS);

export function isTemplateGlobal(name: string): boolean {
  return names.has(name);
}
