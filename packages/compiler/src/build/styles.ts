/**
 * The style stage of one package part: app.acss (main part only), then the sheets of the part's
 * components, then its pages (so a page's rules come after the global ones they may override),
 * each compiled for its kind and cached by content.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { LESS_FILE_IGNORED } from '../diagnostics/codes.ts';
import type { PartPlan, Project, UnitFiles } from '../project/load.ts';
import { resolveFile } from '../project/resolve.ts';
import { compileSheet, type CompiledSheet, type SheetOptions, type StyleHost } from '../style/compile.ts';
import type { UnitCache } from './cache.ts';

export interface PartStyles {
  css: string;
  diagnostics: Diagnostic[];
}

export function createStyleHost(project: Project): StyleHost {
  const { files, resolve } = project;
  return {
    readFile: (p) => files.readText(p),
    resolve: (from, request) => resolveFile(resolve, from, request, ['.acss', '.css']),
    aliasUrl: (from, url) => {
      if (resolve.aliases.length === 0 || url.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('.')) return undefined;
      if (!resolve.aliases.some((a) => url.startsWith(a.prefix))) return undefined;
      const target = resolveFile(resolve, from, url);
      return target ? `/${target}` : undefined;
    },
  };
}

function sheetKey(file: string, options: SheetOptions): string {
  const { mode } = options;
  if (mode.kind === 'app') return `${file}|app`;
  if (mode.kind === 'page') return `${file}|page|${mode.pageId}`;
  return `${file}|component|${mode.scope}|${mode.isolated ? 1 : 0}|${options.virtualHost === false ? 0 : 1}`;
}

function lessWarning(unit: UnitFiles): Diagnostic | undefined {
  if (!unit.less) return undefined;
  const action = unit.acss ? `${unit.acss} is used instead` : 'the unit has no styles';
  return createDiagnostic(LESS_FILE_IGNORED, { file: unit.less }, `${unit.less} is ignored: mpk does not compile Less (${action})`);
}

export function compilePartStyles(project: Project, part: PartPlan, cache: UnitCache<CompiledSheet>, host: StyleHost): PartStyles {
  const sheets: Array<{ file: string; options: SheetOptions }> = [];
  const diagnostics: Diagnostic[] = [];
  const note = (unit: UnitFiles) => {
    const warning = lessWarning(unit);
    if (warning) diagnostics.push(warning);
  };
  if (part.root === '') {
    note(project.appFiles);
    if (project.appFiles.acss) sheets.push({ file: project.appFiles.acss, options: { mode: { kind: 'app' } } });
  }
  for (const id of part.components) {
    const component = project.components.get(id);
    if (!component) continue;
    note(component.files);
    if (!component.files.acss) continue;
    const { entry } = component;
    sheets.push({
      file: component.files.acss,
      options: {
        mode: { kind: 'component', scope: entry.scope ?? '', isolated: entry.styleIsolation === 'apply-shared' },
        virtualHost: entry.virtualHost,
      },
    });
  }
  for (const id of part.pages) {
    const page = project.pages.get(id);
    if (!page) continue;
    note(page.files);
    if (page.files.acss) sheets.push({ file: page.files.acss, options: { mode: { kind: 'page', pageId: id } } });
  }
  const chunks: string[] = [];
  for (const { file, options } of sheets) {
    const sheet = cache.get(sheetKey(file, options), () => {
      const compiled = compileSheet(file, host, options);
      return { value: compiled, files: [file, ...compiled.deps] };
    });
    diagnostics.push(...sheet.diagnostics);
    if (sheet.css) chunks.push(`/* ${file} */\n${sheet.css}`);
  }
  return { css: chunks.length > 0 ? `${chunks.join('\n')}\n` : '', diagnostics };
}
