/**
 * The view stage of one package part: every page and component template of the part compiled
 * with the template compiler (cached by file + content + usingComponents), the templates they
 * import and the SJS modules they bind, linked into the part's view.js.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { INTERNAL_ERROR } from '../diagnostics/codes.ts';
import type { PartPlan, Project } from '../project/load.ts';
import { explainRefusal, resolveFile } from '../project/resolve.ts';
import { compileTemplateFile, linkViewModule, type CompiledTemplateFile, type SourceHost } from '../template/index.ts';
import { compileSjsFile, type CompiledSjsModule } from '../sjs/index.ts';
import { emptyUnitForm } from '../template/analyze.ts';
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

/** A SourceHost that also records the requests the containment rule refused, per compile (`capture`). */
export interface BuildSourceHost extends SourceHost {
  /** Runs `compile`, returning what it produced and a diagnostic per refused request it made. */
  capture<T>(compile: () => T): { value: T; refusals: Diagnostic[] };
}

export function createSourceHost(project: Project): BuildSourceHost {
  let sink: Diagnostic[] | undefined;
  return {
    readFile: (p) => project.files.readText(p),
    resolve: (from, request) => {
      const found = resolveFile(project.resolve, from, request);
      if (found === undefined && sink) {
        const refusal = explainRefusal(project.resolve, from, request);
        if (refusal) {
          const source = project.files.readText(from);
          const at = source?.indexOf(request) ?? -1;
          sink.push(createDiagnostic(refusal.code, { file: from, source, ...(at >= 0 ? { offset: at } : {}) }, refusal.message));
        }
      }
      return found;
    },
    capture<T>(compile: () => T) {
      const outer = sink;
      const refusals: Diagnostic[] = [];
      sink = refusals;
      try {
        return { value: compile(), refusals };
      } finally {
        sink = outer;
      }
    },
  };
}

function internalError(file: string, stage: string, error: unknown): Diagnostic {
  return createDiagnostic(INTERNAL_ERROR, { file }, `${stage} failed: ${(error as Error)?.message ?? String(error)}`);
}

function emptyTemplate(file: string, diagnostic: Diagnostic): CompiledTemplateFile {
  return { file, form: emptyUnitForm(file), deps: [], sjs: [], templateDeps: [], diagnostics: [diagnostic] };
}

export function compilePartView(
  project: Project,
  part: PartPlan,
  caches: ViewCaches,
  host: SourceHost | BuildSourceHost,
  previous?: PartView,
  /** Dev builds: elements carry their source location (TemplateOptions.sourceInfo). */
  sourceInfo = false,
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
    caches.templates.get(`${file}|${JSON.stringify(usingComponents)}${sourceInfo ? '|src' : ''}`, () => {
      const { value, refusals } = captureRefusals(host, () => {
        try {
          return compileTemplateFile(file, host, { usingComponents, ...(sourceInfo ? { sourceInfo } : {}) });
        } catch (error) {
          return emptyTemplate(file, internalError(file, 'template compiler', error));
        }
      });
      const unit: CompiledTemplateFile = refusals.length > 0 ? { ...value, diagnostics: [...value.diagnostics, ...refusals] } : value;
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
      const { value, refusals } = captureRefusals(host, (): CompiledSjsModule => {
        try {
          return compileSjsFile(file, host);
        } catch (error) {
          return { file, code: '', deps: [], diagnostics: [internalError(file, 'SJS compiler', error)] };
        }
      });
      const compiled = refusals.length > 0 ? { ...value, diagnostics: [...value.diagnostics, ...refusals] } : value;
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

/** Runs a compile, collecting the requests the containment rule refused when the host records them. */
function captureRefusals<T>(host: SourceHost | BuildSourceHost, compile: () => T): { value: T; refusals: Diagnostic[] } {
  return 'capture' in host ? host.capture(compile) : { value: compile(), refusals: [] };
}

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
