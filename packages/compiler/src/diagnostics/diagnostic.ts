/**
 * The one diagnostic type every compiler stage reports (config, template, expression, SJS, style,
 * logic bundling, package limits). Stable `code`s are listed in `codes.ts` and documented in the
 * compiler README; tools match on `code`, people read `message` and `frame`.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable identifier, e.g. `MPK1001`. */
  code: string;
  severity: Severity;
  /** Project-relative POSIX path of the file the problem is in ('' when it concerns the whole project). */
  file: string;
  /** 1-based; 0 when unknown (e.g. a missing file). */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  /** 1-based line where the problem's span ends, when the compiler knows the span (else absent: end = start). */
  endLine?: number;
  /** 1-based column just past the span's last character (an exclusive end, as in SARIF), with `endLine`. */
  endColumn?: number;
  message: string;
  /** A few source lines around the position with a caret, when the file could be read. */
  frame?: string;
}

export function isError(d: Diagnostic): boolean {
  return d.severity === 'error';
}
