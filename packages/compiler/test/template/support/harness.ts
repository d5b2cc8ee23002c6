/**
 * Compiles in-memory projects through the public API the way the build does (compile each
 * template and its templateDeps, compile each SJS module and its deps, link into view.json),
 * loads the form with the runtime's loader (which emits the code) and renders.
 */
import type { RenderFunction, ViewModule, VNode } from '@mpk/runtime/view-abi';
import type { Diagnostic } from '../../../src/diagnostics/index.ts';
import { compileSjsFile, type CompiledSjsModule } from '../../../src/sjs/index.ts';
import {
  compileTemplateFile,
  linkViewModule,
  memorySourceHost,
  type CompiledTemplateFile,
} from '../../../src/template/index.ts';
import { serialize } from './serialize.ts';
import { loadViewForm } from '@mpk/runtime/view-form';

export interface Entry {
  id?: string;
  file: string;
  usingComponents?: Record<string, string>;
}

export interface CompiledView {
  code: string;
  diagnostics: Diagnostic[];
  module: ViewModule;
  templates: CompiledTemplateFile[];
  sjs: CompiledSjsModule[];
  /** Renders entry `id` (default: the first entry) and serialises it. */
  html(data?: Record<string, unknown>, id?: string): string;
  vnodes(data?: Record<string, unknown>, id?: string): VNode[];
}

export const PAGE = 'pages/index/index.axml';

export function idOf(file: string): string {
  return file.replace(/\.axml$/, '');
}

/** Loads a view.json with the runtime's loader (SJS modules with errors export nothing, as the compiler reports). */
export function evaluate(code: string, registrar: { log?: (...args: unknown[]) => void } = {}): ViewModule {
  return loadViewForm(code, { sjsErrors: 'empty', log: registrar.log });
}

export function compileView(files: Record<string, string>, entries: Entry[] = [{ file: PAGE }], registrar?: { log?: (...args: unknown[]) => void }): CompiledView {
  const host = memorySourceHost(files);
  const templates = new Map<string, CompiledTemplateFile>();
  const queue: Array<{ file: string; using: Record<string, string> }> = entries.map((e) => ({ file: e.file, using: e.usingComponents ?? {} }));
  for (let i = 0; i < queue.length; i++) {
    if (templates.has(queue[i].file)) continue;
    const unit = compileTemplateFile(queue[i].file, host, { usingComponents: queue[i].using });
    templates.set(unit.file, unit);
    for (const d of unit.templateDeps) queue.push({ file: d, using: {} });
  }
  const sjs = new Map<string, CompiledSjsModule>();
  const sjsQueue = [...templates.values()].flatMap((t) => t.sjs);
  for (let i = 0; i < sjsQueue.length; i++) {
    if (sjs.has(sjsQueue[i])) continue;
    const m = compileSjsFile(sjsQueue[i], host);
    sjs.set(m.file, m);
    sjsQueue.push(...m.deps.filter((d) => d.endsWith('.sjs')));
  }
  const code = linkViewModule({
    entries: entries.map((e) => ({ id: e.id ?? idOf(e.file), file: e.file })),
    templates: [...templates.values()],
    sjs: [...sjs.values()],
  });
  const module = evaluate(code, registrar);
  const diagnostics = [...templates.values(), ...sjs.values()].flatMap((u) => u.diagnostics);
  const pick = (id?: string): RenderFunction => {
    const key = id ?? entries[0].id ?? idOf(entries[0].file);
    const fn = module.templates[key];
    if (!fn) throw new Error(`no template ${key}`);
    return fn;
  };
  return {
    code,
    diagnostics,
    module,
    templates: [...templates.values()],
    sjs: [...sjs.values()],
    vnodes: (data = {}, id) => pick(id)(data),
    html: (data = {}, id) => serialize(pick(id)(data)),
  };
}

/** One page template (plus optional other files) rendered with `data`. */
export function render(axml: string, data: Record<string, unknown> = {}, files: Record<string, string> = {}, usingComponents?: Record<string, string>): string {
  return compileView({ ...files, [PAGE]: axml }, [{ file: PAGE, usingComponents }]).html(data);
}

/** Diagnostics of one page template (plus optional other files). */
export function diagnose(axml: string, files: Record<string, string> = {}, usingComponents?: Record<string, string>): Diagnostic[] {
  return compileTemplateFile(PAGE, memorySourceHost({ ...files, [PAGE]: axml }), { usingComponents: usingComponents ?? {} }).diagnostics;
}

/** Diagnostics without the ones tests do not care about (unknown tags in small snippets). */
export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}
