/**
 * Stable diagnostic codes of the AXML template and `{{ }}` expression compilers (MPK2000–MPK2999).
 * Tools match on the code; the description is what the README table shows.
 */
import type { Severity } from '../diagnostics/index.ts';

export type { CodeInfo } from '@mpk/runtime/view-form';
import type { CodeInfo } from '@mpk/runtime/view-form';

/** Why each code has its severity: what the platform does (the audit the README shows). */
const WHY: Record<string, string> = {
  MPK2001: 'The platform renders markup with unclosed tags (htmlparser2-style recovery); mpk closes them where the parent ends.',
  MPK2002: 'A stray closing tag changes nothing in the tree; the platform ignores it too.',
  MPK2003: 'mpk keeps the text as written; an unterminated `{{` does not stop the page from rendering.',
  MPK2004: 'Duplicate attributes are tolerated by XML-ish parsers; the first one wins.',
  MPK2005: 'Unknown tags render as plain containers on the platform.',
  MPK2006: 'Security: `__proto__` as an attribute would set the prototype of the attribute object in the host.',
  MPK2007: 'WeChat syntax is ignored by the Alipay platform, so it renders without it.',
  MPK2008: 'mpk limit (the host\'s stack): deeper content is dropped, the rest renders.',
  MPK2009: 'The attribute has no effect on the platform either.',
  MPK2010: 'The file cannot be compiled at all (the IDE fails too).',
  MPK2020: 'The platform\'s template compiler refuses a stray `a:elif`/`a:else`.',
  MPK2021: 'The platform\'s template compiler refuses conflicting conditions on one element.',
  MPK2022: 'The docs ask for a key; rendering works without one.',
  MPK2023: 'Real apps write `key` on `<block a:for>` and the platform accepts it (mpk keys the items with it).',
  MPK2024: 'A name that is not an identifier cannot be bound (the platform fails to compile it).',
  MPK2025: 'Valid on the platform (a constant), but almost always a mistake.',
  MPK2026: 'The key is ignored (items are matched by position); reserved names are refused for safety.',
  MPK2027: 'The attribute has no effect on the platform either.',
  MPK2030: 'Such a `<template>` renders nothing on the platform.',
  MPK2031: 'The platform renders nothing for an unknown template.',
  MPK2032: 'The platform keeps the last definition.',
  MPK2033: 'Nothing can be imported or included; the rest of the file renders.',
  MPK2034: 'The IDE refuses to compile a template that imports a missing file.',
  MPK2035: 'An import/include cycle cannot be compiled (it would recurse forever).',
  MPK2036: 'The docs: custom components do not work inside `<template>`.',
  MPK2037: 'The IDE only compiles `.axml` imports.',
  MPK2038: 'The platform ignores such content.',
  MPK2040: 'The IDE refuses an `<import-sjs>` without `name` or `from`.',
  MPK2041: 'The name cannot be bound (the IDE refuses it).',
  MPK2042: 'The IDE refuses an import of a missing module.',
  MPK2043: 'The IDE only compiles `.sjs` modules there.',
  MPK2044: 'Two bindings of one name cannot be compiled (a duplicate declaration).',
  MPK2045: 'The binding is `undefined` at run time, as with an ES module import of a missing name.',
  MPK2046: 'Valid, but the default import is unreachable.',
  MPK2050: 'The platform ignores `slot-scope` elsewhere.',
  MPK2051: 'The platform looks the handler up by name; inline arguments are never passed.',
  MPK2100: 'Not JavaScript: the platform\'s compiler fails too.',
  MPK2101: 'mpk limit: render data is read-only in mpk; no real app in the corpus or the component libraries assigns in a template.',
  MPK2104: 'mpk limit: only arrow functions with an expression (or `{ return … }`) body are compiled.',
  MPK2105: 'mpk limit: tag functions are not called from templates.',
  MPK2106: 'mpk limit: no module loading at render time.',
  MPK2109: 'Security: these names lead to host constructors; the read gives `undefined` (the platform would give the value).',
  MPK2110: 'mpk limit: templates render synchronously.',
  MPK2111: 'Not a valid regular expression: the platform\'s compiler fails too.',
  MPK2113: 'The platform renders nothing for `{{}}`.',
  MPK2114: 'mpk limit (the host\'s stack): the expression renders nothing.',
  MPK2115: 'A template cannot change the render data.',
  MPK2999: 'A bug in mpk: please report it.',
};

export const TEMPLATE_CODES: CodeInfo[] = [];

function def<C extends string>(code: C, severity: Severity, description: string): C {
  TEMPLATE_CODES.push({ code, severity, description, why: WHY[code] ?? '' });
  return code;
}



// Markup
export const UNCLOSED_TAG = def('MPK2001', 'warning', 'An element is not closed; it is closed where its parent ends.');
export const STRAY_CLOSING_TAG = def('MPK2002', 'warning', 'A closing tag has no matching open element and is ignored.');
export const UNTERMINATED_MUSTACHE = def('MPK2003', 'warning', '`{{` has no matching `}}`; the rest is kept as plain text.');
export const DUPLICATE_ATTRIBUTE = def('MPK2004', 'warning', 'An attribute is repeated on one element; the first one is used.');
export const UNKNOWN_TAG = def('MPK2005', 'warning', 'A tag is neither a built-in component nor listed in usingComponents.');
export const RESERVED_ATTRIBUTE = def('MPK2006', 'warning', 'An attribute name is reserved (`__proto__`) and is dropped.');
export const FOREIGN_SYNTAX = def('MPK2007', 'warning', 'WeChat syntax (`wx:*`, `bind*`) has no meaning in AXML.');
export const TOO_DEEP = def('MPK2008', 'warning', 'Elements are nested too deeply to compile.');
export const IGNORED_ATTRIBUTE = def('MPK2009', 'warning', 'An attribute has no effect on this tag and is ignored.');
export const FILE_NOT_FOUND = def('MPK2010', 'error', 'The template file itself cannot be read.');

// Control attributes
export const ELSE_WITHOUT_IF = def('MPK2020', 'error', '`a:elif`/`a:else` does not follow an element with `a:if`.');
export const CONFLICTING_CONDITIONS = def('MPK2021', 'error', 'One element has more than one of `a:if`, `a:elif`, `a:else`.');
export const MISSING_KEY = def('MPK2022', 'warning', '`a:for` without `a:key` or `key`.');
export const KEY_ON_BLOCK = def('MPK2023', 'warning', '`key` on a `<block>` without `a:for` has no effect (with `a:for` it keys the items).');
export const INVALID_LOOP_NAME = def('MPK2024', 'error', '`a:for-item`/`a:for-index`/`slot-scope` is not a valid identifier.');
export const CONSTANT_CONTROL = def('MPK2025', 'warning', 'A control attribute has no `{{ }}`, so its value is a constant string.');
export const INVALID_KEY = def('MPK2026', 'warning', '`a:key` names a reserved or empty property.');
export const LOOP_ATTRIBUTE_WITHOUT_FOR = def('MPK2027', 'warning', '`a:for-item`/`a:for-index`/`a:key` without `a:for` is ignored.');

// Templates, import, include
export const TEMPLATE_WITHOUT_NAME = def('MPK2030', 'warning', '`<template>` has neither `name` nor `is`.');
export const UNKNOWN_TEMPLATE = def('MPK2031', 'warning', '`<template is>` names a template that is not defined or imported here.');
export const DUPLICATE_TEMPLATE = def('MPK2032', 'warning', 'Two templates in one file have the same name; the last one wins.');
export const MISSING_SRC = def('MPK2033', 'warning', '`<import>`/`<include>` has no `src`.');
export const INCLUDE_NOT_FOUND = def('MPK2034', 'error', 'The file named by `<import>`/`<include>` does not exist.');
export const INCLUDE_CYCLE = def('MPK2035', 'error', '`<import>`/`<include>` leads back to this file.');
export const COMPONENT_IN_TEMPLATE = def('MPK2036', 'warning', 'Custom components inside `<template name>` do not work on the platform.');
export const NOT_AXML = def('MPK2037', 'error', '`<import>`/`<include>` must name an `.axml` file.');
export const IGNORED_CHILDREN = def('MPK2038', 'warning', 'Content inside `<import>`, `<include>`, `<import-sjs>` or `<template is>` is ignored.');

// import-sjs
export const SJS_ATTRIBUTE_MISSING = def('MPK2040', 'error', '`<import-sjs>` needs both `name` and `from`.');
export const SJS_INVALID_NAME = def('MPK2041', 'error', '`<import-sjs name>` is not an identifier or `{ a, b: c }` list.');
export const SJS_NOT_FOUND = def('MPK2042', 'error', 'The file named by `<import-sjs from>` does not exist.');
export const SJS_NOT_SJS = def('MPK2043', 'error', '`<import-sjs from>` must name a `.sjs` file.');
export const SJS_DUPLICATE_NAME = def('MPK2044', 'error', 'Two named SJS imports (or two default ones) bind the same name.');
export const SJS_MISSING_EXPORT = def('MPK2045', 'warning', 'The SJS module does not export the imported name.');
export const SJS_DEFAULT_OVERRIDDEN = def('MPK2046', 'warning', 'A named SJS import hides a default import of the same name in the whole file.');

// Slots and events
export const SLOT_SCOPE_MISPLACED = def('MPK2050', 'warning', '`slot-scope` only works on a direct child of a custom component.');
export const EVENT_HANDLER_NOT_NAME = def('MPK2051', 'warning', 'An event handler is not a method name (inline arguments are not supported).');

// Expressions. Codes MPK2102, MPK2103, MPK2107, MPK2108 and MPK2112 are retired: `this`, `new`,
// comma sequences, calls and computed keys are part of the expression language now.
export const EXPRESSION_SYNTAX = def('MPK2100', 'error', 'The `{{ }}` expression is not valid JavaScript.');
export const EXPRESSION_ASSIGNMENT = def('MPK2101', 'warning', 'Assignment (and `++`/`--`) in a template is not supported; the expression renders nothing.');
export const EXPRESSION_FUNCTION = def('MPK2104', 'warning', 'A function form mpk does not compile (function expressions, methods, accessors, destructuring parameters); the expression renders nothing.');
export const EXPRESSION_TEMPLATE_LITERAL = def('MPK2105', 'warning', 'Tagged template literals are not supported; the expression renders nothing.');
export const EXPRESSION_IMPORT = def('MPK2106', 'warning', '`import()` is not supported in templates; the expression renders nothing.');
export const EXPRESSION_RESERVED_PROPERTY = def('MPK2109', 'warning', 'A read of `constructor`, `__proto__`, `prototype` and similar: it reads `undefined`.');
export const EXPRESSION_OPERATOR = def('MPK2110', 'warning', 'An operator mpk does not support in templates (`await`); the expression renders nothing.');
export const EXPRESSION_REGEXP = def('MPK2111', 'error', 'A regular expression literal is not valid.');
export const EXPRESSION_EMPTY = def('MPK2113', 'warning', '`{{ }}` is empty; it renders nothing.');
export const EXPRESSION_TOO_DEEP = def('MPK2114', 'warning', 'The expression is nested too deeply to compile; it renders nothing.');
export const EXPRESSION_NO_EFFECT = def('MPK2115', 'warning', 'An operation that cannot change the render data (`delete`) has no effect.');

/** The compiler failed unexpectedly; the message says where. Please report it. */
export const INTERNAL_ERROR = def('MPK2999', 'error', 'Internal compiler error (a bug in mpk); the file renders nothing.');
