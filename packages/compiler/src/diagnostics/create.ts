/**
 * Building diagnostics from a code and a position, with the code frame filled in from the source.
 * Every stage of the project loader, style compiler, bundler and package writer reports through
 * these helpers so that file/line/column/frame are always present when they can be.
 */

import type { Diagnostic, Severity } from './diagnostic.ts';
import type { DiagnosticCode } from './codes.ts';
import { codeFrame, positionOf } from './frame.ts';

export interface DiagnosticLocation {
  /** Project-relative POSIX path ('' for the whole project). */
  file: string;
  /** Source text of `file`, used for the frame and to turn `offset` into line/column. */
  source?: string;
  /** 0-based character offset into `source`. */
  offset?: number;
  /** 1-based; used when `offset` is not given. */
  line?: number;
  /** 1-based; used when `offset` is not given. */
  column?: number;
  /** Characters the problem spans from `offset` (gives endLine/endColumn; absent or 0: a point). */
  length?: number;
  /** 1-based end (exclusive column), when `offset`/`length` are not given but the span is known. */
  endLine?: number;
  endColumn?: number;
}

export function createDiagnostic(
  code: DiagnosticCode,
  location: DiagnosticLocation,
  message: string,
  severity: Severity = code.severity,
): Diagnostic {
  let line = location.line ?? 0;
  let column = location.column ?? 0;
  if (location.offset !== undefined && location.source !== undefined) {
    ({ line, column } = positionOf(location.source, location.offset));
  }
  const diagnostic: Diagnostic = { code: code.code, severity, file: location.file, line, column, message };
  if (location.offset !== undefined && location.source !== undefined && location.length !== undefined && location.length > 0) {
    const end = positionOf(location.source, location.offset + location.length);
    diagnostic.endLine = end.line;
    diagnostic.endColumn = end.column;
  } else if (location.endLine !== undefined && location.endColumn !== undefined && line > 0 && location.endLine >= line) {
    diagnostic.endLine = location.endLine;
    diagnostic.endColumn = location.endColumn;
  }
  if (location.source !== undefined && line > 0) {
    const frame = codeFrame(location.source, line, column);
    if (frame) diagnostic.frame = frame;
  }
  return diagnostic;
}

/** Orders diagnostics by file, then position, then code: stable output for people and snapshots. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** Drops exact repeats (the same problem found through two parts of a project). */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.code}\0${d.file}\0${d.line}\0${d.column}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
