/**
 * Printing diagnostics: the terminal form (`file:line:column  severity  CODE  message` and the
 * code frame) used by `mpk build` / `mpk check`, and the JSON form of `mpk check --json`.
 */

import type { Diagnostic } from './diagnostic.ts';

export interface FormatOptions {
  /** ANSI colours (severity, code, caret line). Default false. */
  color?: boolean;
}

const ansi = {
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  cyan: (s: string) => `\u001b[36m${s}\u001b[39m`,
  dim: (s: string) => `\u001b[2m${s}\u001b[22m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
};

function location(d: Diagnostic): string {
  const file = d.file || '<project>';
  if (d.line > 0) return d.column > 0 ? `${file}:${d.line}:${d.column}` : `${file}:${d.line}`;
  return file;
}

/** One diagnostic: a header line, then its code frame indented by two spaces (if any). */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const color = options.color ?? false;
  const severity = color ? (d.severity === 'error' ? ansi.red(d.severity) : ansi.yellow(d.severity)) : d.severity;
  const loc = color ? ansi.cyan(location(d)) : location(d);
  const code = color ? ansi.dim(d.code) : d.code;
  const header = `${loc}  ${severity}  ${code}  ${color ? ansi.bold(d.message) : d.message}`;
  if (!d.frame) return header;
  const frame = d.frame
    .split('\n')
    .map((line) => {
      const indented = `  ${line}`;
      if (!color) return indented;
      if (/\|\s*\^$/.test(line)) {
        return d.severity === 'error' ? ansi.red(indented) : ansi.yellow(indented);
      }
      return line.startsWith('>') ? indented : ansi.dim(indented);
    })
    .join('\n');
  return `${header}\n${frame}`;
}

/** Several diagnostics separated by blank lines, then a count line (`2 errors, 1 warning`). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  const blocks = diagnostics.map((d) => formatDiagnostic(d, options));
  return `${[...blocks, summarizeDiagnostics(diagnostics)].join('\n\n')}\n`;
}

/** `no problems`, `1 error`, `2 errors, 3 warnings`. */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (errors === 0 && warnings === 0) return 'no problems';
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** The JSON array of Diagnostic objects (`mpk check --json`), one field order for every entry. */
export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  const plain = diagnostics.map((d) => {
    const out: Diagnostic = {
      code: d.code,
      severity: d.severity,
      file: d.file,
      line: d.line,
      column: d.column,
      message: d.message,
    };
    if (d.frame !== undefined) out.frame = d.frame;
    return out;
  });
  return `${JSON.stringify(plain, null, 2)}\n`;
}
