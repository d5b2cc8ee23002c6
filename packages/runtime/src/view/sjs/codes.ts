/**
 * Stable diagnostic codes of the SJS compiler (MPK3000–MPK3999). The description is what the
 * README table shows.
 */
export type Severity = 'error' | 'warning';

export interface CodeInfo {
  code: string;
  severity: Severity;
  description: string;
  /** Why this severity: what the real platform does with the construct (the README's audit column). */
  why: string;
}

/** Why each code has its severity: what the platform does (the audit the README shows). */
const WHY: Record<string, string> = {
  MPK3001: 'Not JavaScript: the platform fails too.',
  MPK3002: 'The platform\'s SJS does not define most JavaScript globals; the name is `undefined`, never a host object.',
  MPK3003: 'In a module `arguments` outside a function is a ReferenceError; refused at compile time.',
  MPK3004: 'The docs exclude `new` from SJS (use getDate/getRegExp).',
  MPK3005: 'Not part of SJS (no module loading at render time).',
  MPK3006: 'The docs exclude classes from SJS.',
  MPK3007: 'The docs exclude async functions and generators from SJS (rendering is synchronous).',
  MPK3008: 'Security: accessors would run SJS code on reads the host makes (and the docs do not list them).',
  MPK3009: 'Security: SJS runs on the host; these names lead to host constructors and prototypes.',
  MPK3010: 'The docs: SJS has no regular expression literals (use getRegExp).',
  MPK3011: 'The IDE refuses an import of a missing module.',
  MPK3012: 'mpk initialises SJS modules in order; a cycle has no order.',
  MPK3013: 'An ES module import of a name that is not exported fails to link.',
  MPK3014: 'Import bindings are read-only in ES modules; built-ins are frozen.',
  MPK3015: 'The `__mpk` namespace belongs to mpk\'s generated code.',
  MPK3016: 'Security: a `__proto__` key would set the object\'s prototype.',
  MPK3017: 'mpk limit: such writes could not go through the write guard.',
  MPK3018: 'The syntax cannot be given a safe meaning on the host (`with`, `eval`, HTML-like comments).',
  MPK3019: 'The file cannot be compiled at all.',
  MPK3020: 'The IDE only lets SJS import `.sjs` modules.',
  MPK3999: 'A bug in mpk: please report it.',
};

export const SJS_CODES: CodeInfo[] = [];

function def<C extends string>(code: C, severity: Severity, description: string): C {
  SJS_CODES.push({ code, severity, description, why: WHY[code] ?? '' });
  return code;
}

export const SJS_SYNTAX = def('MPK3001', 'error', 'The module is not valid JavaScript (ES module syntax).');
export const SJS_FORBIDDEN_GLOBAL = def('MPK3002', 'warning', 'A name is neither declared in the module nor one of the SJS built-ins; it is `undefined`.');
export const SJS_THIS_OUTSIDE_FUNCTION = def('MPK3003', 'error', '`arguments` outside a function.');
export const SJS_NEW = def('MPK3004', 'error', '`new` is not allowed (use getDate(…) and getRegExp(…)).');
export const SJS_DYNAMIC_IMPORT = def('MPK3005', 'error', '`import()` and `import.meta` are not allowed.');
export const SJS_CLASS = def('MPK3006', 'error', 'Classes and `super` are not part of SJS.');
export const SJS_ASYNC = def('MPK3007', 'error', 'Async functions, `await`, generators and `yield` are not part of SJS.');
export const SJS_ACCESSOR = def('MPK3008', 'error', 'Getters and setters cannot be defined.');
export const SJS_RESERVED_PROPERTY = def('MPK3009', 'error', 'Access to `__proto__`, `prototype`, `__defineGetter__`… (and writes or calls of `constructor`) is refused.');
export const SJS_REGEXP_LITERAL = def('MPK3010', 'error', 'Regular expression literals are not allowed (use getRegExp(…)).');
export const SJS_IMPORT_NOT_FOUND = def('MPK3011', 'error', 'An imported module does not exist.');
export const SJS_IMPORT_CYCLE = def('MPK3012', 'error', 'Imports lead back to this module.');
export const SJS_MISSING_EXPORT = def('MPK3013', 'error', 'An imported name is not exported by the imported module.');
export const SJS_READONLY = def('MPK3014', 'error', 'An import binding or an SJS built-in is assigned to.');
export const SJS_RESERVED_NAME = def('MPK3015', 'error', 'Names starting with `__mpk` are reserved for the compiler.');
export const SJS_PROTO_KEY = def('MPK3016', 'error', '`__proto__` cannot be an object key.');
export const SJS_UNSUPPORTED_TARGET = def('MPK3017', 'error', 'A member expression cannot be a destructuring or for-in/of target.');
export const SJS_UNSUPPORTED = def('MPK3018', 'error', 'This syntax is not supported in SJS.');
export const SJS_FILE_NOT_FOUND = def('MPK3019', 'error', 'The SJS module itself cannot be read.');
export const SJS_IMPORT_NOT_SJS = def('MPK3020', 'error', 'SJS can only import `.sjs` modules.');
export const SJS_INTERNAL_ERROR = def('MPK3999', 'error', 'Internal compiler error (a bug in mpk); the module exports nothing.');
