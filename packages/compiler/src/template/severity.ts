/**
 * The declared severity of every template, expression and SJS code. A code has exactly one
 * severity (the one the README's audit table gives), so the reporter uses it whatever the call
 * site asked for.
 */
import type { Severity } from '../diagnostics/index.ts';
import { SJS_CODES } from '@mpk/runtime/view-form';
import { TEMPLATE_CODES } from './codes.ts';

let table: Map<string, Severity> | undefined;

export function declaredSeverity(code: string): Severity | undefined {
  if (!table) {
    table = new Map();
    for (const c of [...TEMPLATE_CODES, ...SJS_CODES]) table.set(c.code, c.severity);
  }
  return table.get(code);
}
