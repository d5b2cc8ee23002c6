/**
 * TypeScript's diagnostics as mpk diagnostics: one code for type errors (MPK5100) and one for
 * problems TypeScript finds in tsconfig.json (MPK5101); the TS code stays at the start of the
 * message (`TS2322: Type 'number' is not assignable…`) so it can be looked up. Message chains
 * are flattened the way tsc prints them (one line per level, indented). Only problems located in
 * the project's own files are reported: the libraries' (node_modules, TypeScript's lib files, the
 * bundled @mini-types, the container's generated declarations) are not the author's to fix.
 */

import path from 'node:path';
import type * as TS from 'typescript';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { TSCONFIG_PROBLEM, TYPE_ERROR, type DiagnosticCode } from '../diagnostics/codes.ts';
import { isInside } from '../project/containment.ts';
import type { ProjectFiles } from '../project/files.ts';

/** The project path a diagnostic names for `absolute`, or undefined when it is not the author's file. */
export function authorFile(files: ProjectFiles, absolute: string): string | undefined {
  const resolved = path.resolve(absolute);
  const shown = files.toProjectPath(resolved) ?? relativeInside(files.projectDir, resolved);
  if (shown === undefined || shown.split('/').includes('node_modules')) return undefined;
  return shown;
}

function relativeInside(dir: string, file: string): string | undefined {
  const rel = path.relative(dir, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The message, `TS<code>: ` first; the project directory's absolute path is left out of file names in it. */
export function messageOf(ts: typeof TS, files: ProjectFiles, d: TS.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  return `TS${d.code}: ${text.split(`${files.srcRoot}${path.sep}`).join('').split(`${files.projectDir}${path.sep}`).join('')}`;
}

/** Absolute paths quoted in a TypeScript message ('…' or "…"). */
const QUOTED_PATH = /['"]((?:\/|[A-Za-z]:[\\/])[^'"]*)['"]/g;

/**
 * A tsconfig problem that names a file outside the project (an `extends` or `files` entry the
 * containment rule did not let the checker read): not reported, so that no path of the build
 * machine reaches a diagnostic (the bundler reports the refused `extends` as MPK1090).
 */
function namesOutside(files: ProjectFiles, text: string): boolean {
  for (const match of text.matchAll(QUOTED_PATH)) if (!isInside(path.resolve(match[1]!), files.projectDir)) return true;
  return false;
}

/**
 * Converts TypeScript diagnostics; `code` is MPK5100 or MPK5101. Diagnostics without a file are
 * reported at `fallbackFile` (the tsconfig.json, or '' for the whole project).
 */
export function toMpkDiagnostics(ts: typeof TS, files: ProjectFiles, diagnostics: readonly TS.Diagnostic[], code: DiagnosticCode, fallbackFile: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.category !== ts.DiagnosticCategory.Error && d.category !== ts.DiagnosticCategory.Warning) continue;
    const severity = d.category === ts.DiagnosticCategory.Warning ? 'warning' : code.severity;
    if (code === TSCONFIG_PROBLEM && namesOutside(files, ts.flattenDiagnosticMessageText(d.messageText, '\n'))) continue;
    const message = messageOf(ts, files, d);
    if (!d.file) {
      out.push(createDiagnostic(code, { file: fallbackFile }, message, severity));
      continue;
    }
    const file = authorFile(files, d.file.fileName);
    if (file === undefined) continue;
    out.push(
      createDiagnostic(
        code,
        { file, source: d.file.text, ...(d.start !== undefined ? { offset: d.start, length: d.length ?? 0 } : {}) },
        message,
        severity,
      ),
    );
  }
  return out;
}

export { TSCONFIG_PROBLEM, TYPE_ERROR };
