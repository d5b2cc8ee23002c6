/**
 * The view stage of one package part: every page and component template of the part compiled
 * with the template compiler (cached by file + content + usingComponents), the templates they
 * import and the SJS modules they bind, linked into the part's view.js.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { INTERNAL_ERROR } from '../diagnostics/codes.ts';
import type { PartPlan, Project } from '../project/load.ts';
import { resolveFile } from '../project/resolve.ts';
import { compileTemplateFile, linkViewModule, type CompiledTemplateFile, type SourceHost } from '../template/index.ts';
import { compileSjsFile, type CompiledSjsModule } from '../sjs/index.ts';
import type { UnitCache } from './cache.ts';

export interface ViewCaches {
  templates: UnitCache<CompiledTemplateFile>;
  sjs: UnitCache<CompiledSjsModule>;
}

export interface PartView {
  code: string;
  diagnostics: Diagnostic[];
  /** The compiled units linked into `code` (same objects = same code: lets a rebuild skip relinking). */
  units: ReadonlyArray<CompiledTemplateFile | CompiledSjsModule>;
  /** The entries (template id → file) linked into `code`. */
  entriesKey: string;
  /** False when `code` was reused from the previous build because no entry or unit changed. */
  relinked: boolean;
}

export function createSourceHost(project: Project): SourceHost {
  return {
    readFile: (p) => project.files.readText(p),
    resolve: (from, request) => resolveFile(project.resolve, from, request),
  };
}

function internalError(file: string, stage: string, error: unknown): Diagnostic {
  return createDiagnostic(INTERNAL_ERROR, { file }, `${stage} failed: ${(error as Error)?.message ?? String(error)}`);
}

function emptyTemplate(file: string, diagnostic: Diagnostic): CompiledTemplateFile {
  return { file, code: '', deps: [], sjs: [], templateDeps: [], diagnostics: [diagnostic] };
}

export function compilePartView(
  project: Project,
  part: PartPlan,
  caches: ViewCaches,
  host: SourceHost,
  previous?: PartView,
): PartView {
  // Plugin tags reach the template compiler as `tag → "plugin://…"`: it renders them as placeholder elements.
  const entries: Array<{ id: string; file: string; usingComponents: Record<string, string> }> = [];
  for (const id of part.pages) {
    const page = project.pages.get(id);
    if (page?.files.axml) entries.push({ id, file: page.files.axml, usingComponents: { ...page.plugins, ...page.entry.usingComponents } });
  }
  for (const id of part.components) {
    const component = project.components.get(id);
    if (component?.files.axml) {
      entries.push({ id, file: component.files.axml, usingComponents: { ...component.plugins, ...component.entry.usingComponents } });
    }
  }

  const compileTemplate = (file: string, usingComponents: Record<string, string>): CompiledTemplateFile =>
    caches.templates.get(`${file}|${JSON.stringify(usingComponents)}`, () => {
      let unit: CompiledTemplateFile;
      try {
        unit = compileTemplateFile(file, host, { usingComponents });
      } catch (error) {
        unit = emptyTemplate(file, internalError(file, 'template compiler', error));
      }
      return { value: unit, files: [file, ...unit.deps] };
    });

  const templates = new Map<string, CompiledTemplateFile>();
  const pending: CompiledTemplateFile[] = [];
  for (const entry of entries) {
    if (templates.has(entry.file)) continue;
    const unit = compileTemplate(entry.file, entry.usingComponents);
    templates.set(entry.file, unit);
    pending.push(unit);
  }
  // Imported templates: custom components cannot be used through <import>/<include> (docs), so no usingComponents.
  while (pending.length > 0) {
    const unit = pending.pop()!;
    for (const dep of unit.templateDeps) {
      if (templates.has(dep)) continue;
      const depUnit = compileTemplate(dep, {});
      templates.set(dep, depUnit);
      pending.push(depUnit);
    }
  }

  const sjs = new Map<string, CompiledSjsModule>();
  const sjsPending = [...templates.values()].flatMap((t) => t.sjs);
  while (sjsPending.length > 0) {
    const file = sjsPending.pop()!;
    if (sjs.has(file)) continue;
    const module = caches.sjs.get(file, () => {
      let compiled: CompiledSjsModule;
      try {
        compiled = compileSjsFile(file, host);
      } catch (error) {
        compiled = { file, code: '', deps: [], diagnostics: [internalError(file, 'SJS compiler', error)] };
      }
      return { value: compiled, files: [file, ...compiled.deps] };
    });
    sjs.set(file, module);
    for (const dep of module.deps) if (dep.endsWith('.sjs') && !sjs.has(dep)) sjsPending.push(dep);
  }

  const units = [...[...templates.values()].sort(byFile), ...[...sjs.values()].sort(byFile)];
  const diagnostics = units.flatMap((u) => u.diagnostics);
  const entriesKey = entries.map((e) => `${e.id}=${e.file}`).join('|');
  if (
    previous &&
    previous.entriesKey === entriesKey &&
    previous.units.length === units.length &&
    previous.units.every((u, i) => u === units[i])
  ) {
    return { code: previous.code, diagnostics, units, entriesKey, relinked: false };
  }
  let code: string;
  try {
    code = linkViewModule({
      entries: entries.map(({ id, file }) => ({ id, file })),
      templates: [...templates.values()].sort(byFile),
      sjs: [...sjs.values()].sort(byFile),
    });
  } catch (error) {
    diagnostics.push(internalError('', 'view linker', error));
    code = '';
  }
  return { code, diagnostics, units, entriesKey, relinked: true };
}

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
