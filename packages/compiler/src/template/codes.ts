/**
 * Stable diagnostic codes of the AXML template and `{{ }}` expression compilers (MPK2000–MPK2999).
 * Tools match on the code; the description is what the README table shows.
 */
import type { Severity } from '../diagnostics/index.ts';

export interface CodeInfo {
  code: string;
  severity: Severity;
  description: string;
}

export const TEMPLATE_CODES: CodeInfo[] = [];

function def<C extends string>(code: C, severity: Severity, description: string): C {
  TEMPLATE_CODES.push({ code, severity, description });
  return code;
}

// Markup
export const UNCLOSED_TAG = def('MPK2001', 'warning', 'An element is not closed; it is closed where its parent ends.');
export const STRAY_CLOSING_TAG = def('MPK2002', 'warning', 'A closing tag has no matching open element and is ignored.');
export const UNTERMINATED_MUSTACHE = def('MPK2003', 'error', '`{{` has no matching `}}`; the rest is kept as plain text.');
export const DUPLICATE_ATTRIBUTE = def('MPK2004', 'warning', 'An attribute is repeated on one element; the first one is used.');
export const UNKNOWN_TAG = def('MPK2005', 'warning', 'A tag is neither a built-in component nor listed in usingComponents.');
export const RESERVED_ATTRIBUTE = def('MPK2006', 'warning', 'An attribute name is reserved (`__proto__`) and is dropped.');
export const FOREIGN_SYNTAX = def('MPK2007', 'warning', 'WeChat syntax (`wx:*`, `bind*`) has no meaning in AXML.');
export const TOO_DEEP = def('MPK2008', 'error', 'Elements are nested too deeply to compile.');
export const IGNORED_ATTRIBUTE = def('MPK2009', 'warning', 'An attribute has no effect on this tag and is ignored.');
export const FILE_NOT_FOUND = def('MPK2010', 'error', 'The template file itself cannot be read.');

// Control attributes
export const ELSE_WITHOUT_IF = def('MPK2020', 'error', '`a:elif`/`a:else` does not follow an element with `a:if`.');
export const CONFLICTING_CONDITIONS = def('MPK2021', 'error', 'One element has more than one of `a:if`, `a:elif`, `a:else`.');
export const MISSING_KEY = def('MPK2022', 'warning', '`a:for` without `a:key` or `key`.');
export const KEY_ON_BLOCK = def('MPK2023', 'error', '`key` is not allowed on `<block>`.');
export const INVALID_LOOP_NAME = def('MPK2024', 'error', '`a:for-item`/`a:for-index`/`slot-scope` is not a valid identifier.');
export const CONSTANT_CONTROL = def('MPK2025', 'warning', 'A control attribute has no `{{ }}`, so its value is a constant string.');
export const INVALID_KEY = def('MPK2026', 'error', '`a:key` names a reserved or empty property.');
export const LOOP_ATTRIBUTE_WITHOUT_FOR = def('MPK2027', 'warning', '`a:for-item`/`a:for-index`/`a:key` without `a:for` is ignored.');

// Templates, import, include
export const TEMPLATE_WITHOUT_NAME = def('MPK2030', 'error', '`<template>` has neither `name` nor `is`.');
export const UNKNOWN_TEMPLATE = def('MPK2031', 'warning', '`<template is>` names a template that is not defined or imported here.');
export const DUPLICATE_TEMPLATE = def('MPK2032', 'warning', 'Two templates in one file have the same name; the last one wins.');
export const MISSING_SRC = def('MPK2033', 'error', '`<import>`/`<include>` has no `src`.');
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

// Expressions
export const EXPRESSION_SYNTAX = def('MPK2100', 'error', 'The `{{ }}` expression is not valid.');
export const EXPRESSION_ASSIGNMENT = def('MPK2101', 'error', 'Assignment (and `++`/`--`) is not allowed in templates.');
export const EXPRESSION_THIS = def('MPK2102', 'error', '`this` is not available in templates.');
export const EXPRESSION_NEW = def('MPK2103', 'error', '`new` is not allowed in templates.');
export const EXPRESSION_FUNCTION = def('MPK2104', 'error', 'Functions and arrow functions cannot be written in templates.');
export const EXPRESSION_TEMPLATE_LITERAL = def('MPK2105', 'error', 'Template literals are not allowed in templates.');
export const EXPRESSION_IMPORT = def('MPK2106', 'error', '`import()` is not allowed in templates.');
export const EXPRESSION_SEQUENCE = def('MPK2107', 'error', 'Comma sequences are not allowed in templates.');
export const EXPRESSION_CALL = def('MPK2108', 'error', 'Only functions bound with `<import-sjs>` can be called.');
export const EXPRESSION_RESERVED_PROPERTY = def('MPK2109', 'error', 'Access to `constructor`, `__proto__`, `prototype` and similar is refused.');
export const EXPRESSION_OPERATOR = def('MPK2110', 'error', 'This operator is not part of the template expression subset.');
export const EXPRESSION_REGEXP = def('MPK2111', 'error', 'Regular expression literals are not allowed in templates.');
export const EXPRESSION_COMPUTED_KEY = def('MPK2112', 'error', 'Computed keys in object literals are not supported.');
export const EXPRESSION_EMPTY = def('MPK2113', 'error', '`{{ }}` is empty.');
export const EXPRESSION_TOO_DEEP = def('MPK2114', 'error', 'The expression is nested too deeply.');

/** The compiler failed unexpectedly; the message says where. Please report it. */
export const INTERNAL_ERROR = def('MPK2999', 'error', 'Internal compiler error (a bug in mpk); the file renders nothing.');
