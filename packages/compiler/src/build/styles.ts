/**
 * The style stage of one package part: app.acss (main part only), then the sheets of the part's
 * components, then its pages (so a page's rules come after the global ones they may override),
 * each compiled for its kind and cached by content.
 *
 * Which sheet a unit has: with compileOptions.less on, `x.less` when it exists (an `x.acss` next
 * to it is ignored with MPK4014), else `x.acss`; with Less off, `x.acss` (an `x.less` is ignored
 * with MPK4008, as the platform does not compile it either).
 */

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { LESS_FILE_IGNORED, LESS_SHADOWS_ACSS } from '../diagnostics/codes.ts';
import type { PartPlan, Project, UnitFiles } from '../project/load.ts';
import { explainRefusal, resolveFile } from '../project/resolve.ts';
import { compileSheet, type CompiledSheet, type SheetOptions, type StyleHost } from '../style/compile.ts';
import type { UnitCache } from './cache.ts';

export interface PartStyles {
  css: string;
  diagnostics: Diagnostic[];
  /** Every style file the part's sheets read (their own and what they @import). */
  files: string[];
}

export function createStyleHost(project: Project): StyleHost {
  const { files, resolve } = project;
  return {
    readFile: (p) => files.readText(p),
    resolve: (from, request) => resolveFile(resolve, from, request, ['.acss', '.css']),
    less: project.config.less,
    resolveLess: (from, request) => resolveFile(resolve, from, request, ['.less', '.acss', '.css']),
    refused: (from, request, less) => explainRefusal(resolve, from, request, less ? ['.less', '.acss', '.css'] : ['.acss', '.css']),
    aliasUrl: (from, url) => {
      if (resolve.aliases.length === 0 || url.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('.')) return undefined;
      if (!resolve.aliases.some((a) => url.startsWith(a.prefix))) return undefined;
      const target = resolveFile(resolve, from, url);
      return target ? `/${target}` : undefined;
    },
  };
}

function sheetKey(file: string, options: SheetOptions, less: boolean): string {
  const { mode } = options;
  const prefix = `${file}|${less ? 'less' : 'acss'}${options.sourceInfo ? '|src' : ''}`;
  if (mode.kind === 'app') return `${prefix}|app`;
  if (mode.kind === 'page') return `${prefix}|page|${mode.pageId}`;
  return `${prefix}|component|${mode.scope}|${mode.isolated ? 1 : 0}|${options.virtualHost === false ? 0 : 1}`;
}

/** The style sheet a unit uses (see the module comment), and a warning about the one it does not. */
function unitSheet(unit: UnitFiles, less: boolean, diagnostics: Diagnostic[]): string | undefined {
  if (less && unit.less) {
    if (unit.acss) {
      diagnostics.push(createDiagnostic(LESS_SHADOWS_ACSS, { file: unit.acss }, `${unit.acss} is ignored: compileOptions.less is on and ${unit.less} is used`));
    }
    return unit.less;
  }
  if (unit.less) {
    const action = unit.acss ? `${unit.acss} is used` : 'the unit has no styles';
    diagnostics.push(
      createDiagnostic(LESS_FILE_IGNORED, { file: unit.less }, `${unit.less} is ignored: compileOptions.less is off in mini.project.json (${action})`),
    );
  }
  return unit.acss;
}

/** `sourceInfo`: dev builds mark every rule with its source (SheetOptions.sourceInfo). */
export function compilePartStyles(project: Project, part: PartPlan, cache: UnitCache<CompiledSheet>, host: StyleHost, sourceInfo = false): PartStyles {
  const sheets: Array<{ file: string; options: SheetOptions }> = [];
  const diagnostics: Diagnostic[] = [];
  const less = project.config.less;
  if (part.root === '') {
    const appSheet = unitSheet(project.appFiles, less, diagnostics);
    if (appSheet) sheets.push({ file: appSheet, options: { mode: { kind: 'app' } } });
  }
  for (const id of part.components) {
    const component = project.components.get(id);
    if (!component) continue;
    const file = unitSheet(component.files, less, diagnostics);
    if (!file) continue;
    const { entry } = component;
    sheets.push({
      file,
      options: {
        mode: { kind: 'component', scope: entry.scope ?? '', isolated: entry.styleIsolation === 'apply-shared' },
        virtualHost: entry.virtualHost,
      },
    });
  }
  for (const id of part.pages) {
    const page = project.pages.get(id);
    if (!page) continue;
    const file = unitSheet(page.files, less, diagnostics);
    if (file) sheets.push({ file, options: { mode: { kind: 'page', pageId: id } } });
  }
  const chunks: string[] = [];
  const files = new Set<string>();
  for (const { file, options } of sheets) {
    const sheetOptions: SheetOptions = sourceInfo ? { ...options, sourceInfo } : options;
    const sheet = cache.get(sheetKey(file, sheetOptions, less), () => {
      const compiled = compileSheet(file, host, sheetOptions);
      return { value: compiled, files: [file, ...compiled.deps] };
    });
    diagnostics.push(...sheet.diagnostics);
    files.add(file);
    for (const dep of sheet.deps) files.add(dep);
    if (sheet.css) chunks.push(`/* ${file} */\n${sheet.css}`);
  }
  return { css: chunks.length > 0 ? `${chunks.join('\n')}\n` : '', diagnostics, files: [...files] };
}
