/**
 * Property names that lead from ordinary values to the host's constructors and prototypes
 * (`x.constructor.constructor('…')()` is the classic sandbox escape). Templates and SJS refuse
 * them statically; dynamic keys are checked against the same list at run time by the prelude.
 */
export const RESERVED_PROPERTIES: readonly string[] = [
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
];

const reserved = new Set(RESERVED_PROPERTIES);

export function isReservedProperty(name: string): boolean {
  return reserved.has(name);
}

/** Identifier syntax the platform documents for names (`import-sjs` names, `a:for-item`…). */
export const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
