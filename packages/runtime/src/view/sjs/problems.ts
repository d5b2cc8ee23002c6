/**
 * What the SJS compiler found wrong, by source offset: the compiler turns these into diagnostics
 * (line, column, code frame); the runtime refuses a view form whose SJS has an error.
 */
import { SJS_CODES, type Severity } from './codes.ts';

export interface SjsProblem {
  code: string;
  severity: Severity;
  /** Offset in the module source; undefined for a problem of the whole file. */
  offset?: number;
  message: string;
}

const declared = new Map<string, Severity>();

/** The severity a code is declared with (the README's audit table). */
function severityOf(code: string, requested: Severity): Severity {
  if (declared.size === 0) for (const c of SJS_CODES) declared.set(c.code, c.severity);
  return declared.get(code) ?? requested;
}

/** Past this many, further problems of a module are dropped (garbage input must stay cheap). */
const MAX_PROBLEMS = 200;

export class ProblemReporter {
  readonly problems: SjsProblem[] = [];

  error(code: string, offset: number, message: string): void {
    this.add(severityOf(code, 'error'), code, offset, message);
  }

  warning(code: string, offset: number, message: string): void {
    this.add(severityOf(code, 'warning'), code, offset, message);
  }

  fileLevel(severity: Severity, code: string, message: string): void {
    this.problems.push({ code, severity: severityOf(code, severity), message });
  }

  private add(severity: Severity, code: string, offset: number, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS) return;
    if (this.problems.some((p) => p.code === code && p.offset === offset && p.message === message)) return;
    this.problems.push({ code, severity, offset, message });
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}
