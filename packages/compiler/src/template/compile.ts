/**
 * compileTemplateFile: one .axml file → one template unit's view form + what it depends on +
 * diagnostics. Never throws: an unexpected failure becomes an MPK2999 diagnostic and a unit
 * that renders nothing.
 */
import type { UnitForm } from '@mpk/runtime/view-form';
import type { Diagnostic } from '../diagnostics/index.ts';
import { analyzeUnit, emptyUnitForm } from './analyze.ts';
import * as C from './codes.ts';
import { collectDeclarations } from './declarations.ts';
import { SafeHost, type SourceHost } from './host.ts';
import { parseAxml } from './parse.ts';
import { Reporter } from './report.ts';

export interface TemplateOptions {
  /** Custom element tag → component id, for the page/component whose own template this is. */
  usingComponents: Record<string, string>;
  /** Dev builds (`mpk dev`): elements carry their source location for the simulator's element inspector. */
  sourceInfo?: boolean;
}

export interface CompiledTemplateFile {
  /** Project path of the .axml. */
  file: string;
  /** The unit's view form (data: the runtime emits its code), placed in view.json by linkViewForm. */
  form: UnitForm;
  /** Every other file this unit read (imports, includes, import-sjs), for incremental rebuilds. */
  deps: string[];
  /** SJS module files this unit binds (so B compiles them with compileSjsFile). */
  sjs: string[];
  /** Other .axml files whose units this unit needs at run time (imported templates), if you link by file. */
  templateDeps: string[];
  diagnostics: Diagnostic[];
}

export function compileTemplateFile(file: string, host: SourceHost, options: TemplateOptions): CompiledTemplateFile {
  const safe = new SafeHost(host);
  let source: string | undefined;
  try {
    source = safe.read(file);
    const report = new Reporter(file, source);
    if (source === undefined) {
      report.fileLevel('error', C.FILE_NOT_FOUND, `Cannot read template ${file}`);
      return { file, form: emptyUnitForm(file), deps: [], sjs: [], templateDeps: [], diagnostics: report.diagnostics };
    }
    const tree = parseAxml(source, report);
    const decl = collectDeclarations(file, tree, safe, report);
    const form = analyzeUnit({ file, tree, decl, usingComponents: options?.usingComponents ?? {}, report, ...(options?.sourceInfo ? { sourceInfo: true } : {}) });
    const templateDeps = [...decl.imports];
    for (const target of decl.includes.values()) if (target !== undefined && !templateDeps.includes(target)) templateDeps.push(target);
    return {
      file,
      form,
      deps: [...decl.deps].sort(),
      sjs: decl.sjsFiles,
      templateDeps,
      diagnostics: report.diagnostics,
    };
  } catch (e) {
    const report = new Reporter(file, undefined);
    report.fileLevel('error', C.INTERNAL_ERROR, `Internal error while compiling ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return { file, form: emptyUnitForm(file), deps: [], sjs: [], templateDeps: [], diagnostics: report.diagnostics };
  }
}
