/**
 * linkViewModule: template units + SJS modules of one package part → the whole view.js.
 *
 * Output order is fixed (units and modules sorted by file, templates by id), so the same
 * input always gives the same bytes. Every top-level name of view.js starts with `__mpk`,
 * which SJS code may not use, and units only reference their own parameters.
 */
import type { CompiledSjsModule } from '../sjs/compile.ts';
import type { CompiledTemplateFile } from './compile.ts';
import { PRELUDE } from './prelude.ts';

export interface LinkInput {
  /** Pages and components of one package part: template id (e.g. `pages/index/index`) → its .axml file. */
  entries: Array<{ id: string; file: string }>;
  /** Every compiled template unit the entries need (entries' own files + their templateDeps, transitively). */
  templates: CompiledTemplateFile[];
  /** Every compiled SJS module they need (transitively). */
  sjs: CompiledSjsModule[];
}

function byFile<T extends { file: string }>(items: T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.file)) seen.set(item.file, item);
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The whole view.js source for one package part, per the view ABI. */
export function linkViewModule(input: LinkInput): string {
  const units = byFile(input.templates ?? []);
  const modules = byFile(input.sjs ?? []);
  const entries = [...new Map((input.entries ?? []).map((e) => [e.id, e.file])).entries()].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  );
  const out: string[] = [
    '"use strict";',
    `const __mpkRuntime = ${PRELUDE}(__mpkView);`,
    'const __mpkSjsModules = new Map([',
  ];
  // A unit without code (a caller's placeholder for a failed compile) links as absent.
  const codeOf = (code: string) => (typeof code === 'string' && code.trim() ? code : 'undefined');
  for (const m of modules) out.push(`[${JSON.stringify(m.file)}, ${codeOf(m.code)}],`);
  out.push(']);', 'const __mpkUnits = new Map([');
  for (const u of units) out.push(`[${JSON.stringify(u.file)}, ${codeOf(u.code)}],`);
  out.push(
    ']);',
    'const __mpkLinked = __mpkRuntime.link(__mpkUnits, __mpkSjsModules);',
    `__mpkView.define({ abi: 1, templates: __mpkLinked.templates(${JSON.stringify(entries)}) });`,
    '',
  );
  return out.join('\n');
}
