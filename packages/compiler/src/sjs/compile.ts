/**
 * compileSjsFile (compiler side): one .sjs module checked by the SJS compiler the runtime also
 * runs (@mpk/runtime/view-form), with its problems turned into diagnostics (line, column, code
 * frame). The package carries the module's source and how its imports resolved; the runtime
 * compiles that source again when it loads the view, so the code that runs is always its own.
 */
import { compileSjsFile as compileSjs, type SjsModuleForm } from '@mpk/runtime/view-form';
import type { Diagnostic } from '../diagnostics/index.ts';
import { SafeHost, type SourceHost } from '../template/host.ts';
import { Reporter } from '../template/report.ts';

export interface CompiledSjsModule {
  file: string;
  /** What view.json carries for this module (undefined when it could not be read). */
  form?: SjsModuleForm;
  /** The code the runtime makes of it (for tools and tests; not part of the package). */
  code: string;
  /** Every module file it reads, transitively (for rebuilds). */
  deps: string[];
  diagnostics: Diagnostic[];
}

export function compileSjsFile(file: string, host: SourceHost): CompiledSjsModule {
  const safe = new SafeHost(host);
  const source = safe.read(file);
  const compiled = compileSjs(file, { readFile: (p) => safe.read(p), resolve: (from, request) => safe.resolve(from, request) });
  const report = new Reporter(file, source);
  for (const p of compiled.problems) {
    if (p.offset === undefined) report.fileLevel(p.severity, p.code, p.message);
    else report.add(p.severity, p.code, p.offset, p.message);
  }
  return {
    file,
    form: source === undefined ? undefined : { file, source, imports: compiled.imports },
    code: compiled.code,
    deps: compiled.deps,
    diagnostics: report.diagnostics,
  };
}
