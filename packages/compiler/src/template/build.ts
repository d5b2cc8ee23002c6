/**
 * buildViewModule: the whole view of one package part in one call — compile every entry
 * template, the files they import and include (transitively), every SJS module they bind
 * (transitively), and link them. Each file is compiled once.
 */
import type { Diagnostic } from '../diagnostics/index.ts';
import { compileSjsFile, type CompiledSjsModule } from '../sjs/compile.ts';
import { compileTemplateFile, type CompiledTemplateFile } from './compile.ts';
import type { SourceHost } from './host.ts';
import { linkViewModule } from './link.ts';

export interface ViewBuildEntry {
  /** Template id (page or component id, e.g. `pages/index/index`). */
  id: string;
  /** Its .axml file. */
  file: string;
  /** Custom element tag → component id for this page/component. */
  usingComponents?: Record<string, string>;
}

export interface ViewBuildInput {
  entries: ViewBuildEntry[];
  host: SourceHost;
}

export interface ViewBuildResult {
  /** view.js */
  code: string;
  /** Diagnostics of every file compiled, each reported once, sorted by file. */
  diagnostics: Diagnostic[];
  /** Every project file the view depends on (templates, imported/included files, SJS). */
  files: string[];
  templates: CompiledTemplateFile[];
  sjs: CompiledSjsModule[];
}

export function buildViewModule(input: ViewBuildInput): ViewBuildResult {
  const templates = new Map<string, CompiledTemplateFile>();
  const sjs = new Map<string, CompiledSjsModule>();
  const files = new Set<string>();
  // Entries first, so a file that is both a page and included elsewhere keeps its components.
  const queue: Array<{ file: string; usingComponents: Record<string, string> }> = input.entries.map((e) => ({
    file: e.file,
    usingComponents: e.usingComponents ?? {},
  }));
  const sjsQueue: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const { file, usingComponents } = queue[i];
    if (templates.has(file)) continue;
    const unit = compileTemplateFile(file, input.host, { usingComponents });
    templates.set(file, unit);
    files.add(file);
    for (const d of unit.deps) files.add(d);
    // Custom components do not work through import/include (AD fw/自定义组件/使用自定义组件.md).
    for (const dep of unit.templateDeps) queue.push({ file: dep, usingComponents: {} });
    sjsQueue.push(...unit.sjs);
  }
  for (let i = 0; i < sjsQueue.length; i++) {
    const file = sjsQueue[i];
    if (sjs.has(file)) continue;
    const mod = compileSjsFile(file, input.host);
    sjs.set(file, mod);
    files.add(file);
    for (const d of mod.deps) {
      files.add(d);
      if (d.endsWith('.sjs')) sjsQueue.push(d);
    }
  }
  const code = linkViewModule({ entries: input.entries.map((e) => ({ id: e.id, file: e.file })), templates: [...templates.values()], sjs: [...sjs.values()] });
  const diagnostics = [...templates.values(), ...sjs.values()]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .flatMap((x) => x.diagnostics);
  return { code, diagnostics, files: [...files].sort(), templates: [...templates.values()], sjs: [...sjs.values()] };
}
