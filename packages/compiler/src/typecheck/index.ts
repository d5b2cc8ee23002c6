/**
 * The type-check stage: TypeScript's checker over the project's TS logic, its diagnostics
 * reported as MPK5100 (type errors) and MPK5101 (tsconfig problems). See config.ts for which
 * projects and files are checked, host.ts for what the checker may read, host-apis.ts for the
 * container's API declarations added to @mini-types/alipay.
 *
 * One TypeChecker lives in each Builder. It keeps the previous builder program, so a rebuild
 * re-parses only the files whose text changed and re-checks only them and the files that depend
 * on them (TypeScript's SemanticDiagnosticsBuilderProgram); the libraries' parsed files are shared
 * by every checker of the process. `typescript` itself is loaded on the first TS project: a
 * JavaScript-only project pays nothing.
 *
 * Syntax errors are not reported here: esbuild reports them (MPK5001) for the files it bundles,
 * and a file with one is not type-checked (its type errors would be noise).
 */

import path from 'node:path';
import type * as TS from 'typescript';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Project } from '../project/load.ts';
import { checkSetup, MINI_TYPES_ENTRY, tsLogicSources, type CheckSetup } from './config.ts';
import { CheckerFs, createCheckerHost, VIRTUAL_DIR } from './host.ts';
import { hostApiDeclarations } from './host-apis.ts';
import { authorFile, toMpkDiagnostics, TSCONFIG_PROBLEM, TYPE_ERROR } from './report.ts';

let loading: Promise<typeof TS> | undefined;

/** Files whose change can change what TypeScript reports (sources, declarations, tsconfig/package.json). */
const TS_INPUT = /\.(?:[cm]?[jt]sx?|json)$/;

/** `typescript`, loaded once (it takes a few hundred milliseconds). */
function loadTypeScript(): Promise<typeof TS> {
  loading ??= import('typescript').then((m: unknown) => ((m as { default?: typeof TS }).default ?? m) as typeof TS);
  return loading;
}

export interface TypecheckOutcome {
  diagnostics: Diagnostic[];
  /** False when the project is not type-checked (JavaScript only, or no file to check). */
  checked: boolean;
  /** Project files checked. */
  files: number;
}

/** Whether the project is type-checked at all, decided without loading TypeScript. */
export function wantsTypecheck(project: Project): boolean {
  const files = project.files;
  for (const dir of new Set([files.srcRoot, files.projectDir])) {
    if (files.guard.classify(path.join(dir, 'tsconfig.json')).kind === 'file') return true;
  }
  return tsLogicSources(project).length > 0;
}

export class TypeChecker {
  private previous: TS.SemanticDiagnosticsBuilderProgram | undefined;
  /** Parsed project files by path, reused while their text is the same. */
  private readonly sourceFiles = new Map<string, { text: string; file: TS.SourceFile }>();
  private last: { project: Project; outcome: TypecheckOutcome } | undefined;

  /**
   * Type-checks `project` (`outDir`: the package directory, never a source). `changed`: the
   * project paths a rebuild was asked for; when none can matter to TypeScript (styles,
   * templates, images) and the project was not reloaded, the last outcome stands.
   */
  async check(project: Project, outDir: string, changed?: readonly string[]): Promise<TypecheckOutcome> {
    if (changed && this.last?.project === project && !changed.some((p) => TS_INPUT.test(p))) return this.last.outcome;
    const outcome = await this.run(project, outDir);
    this.last = { project, outcome };
    return outcome;
  }

  private async run(project: Project, outDir: string): Promise<TypecheckOutcome> {
    if (!wantsTypecheck(project)) return this.nothing();
    const ts = await loadTypeScript();
    const files = project.files;
    const virtualFiles = new Map<string, string>();
    const fsView = new CheckerFs({ ts, files, virtualFiles });
    const setup = checkSetup(ts, project, fsView, outDir);
    if (!setup) return this.nothing();
    const configShown = setup.configFile ? (authorFile(files, setup.configFile) ?? 'tsconfig.json') : '';
    const rootNames = [...setup.rootNames];

    // @mini-types/alipay, always in scope; then the container's APIs it does not declare.
    const entry = ts.resolveTypeReferenceDirective(MINI_TYPES_ENTRY, setup.configFile ?? path.join(files.srcRoot, 'app.ts'), setup.options, fsView)
      .resolvedTypeReferenceDirective?.resolvedFileName;
    if (entry && !(setup.options.types ?? []).includes(MINI_TYPES_ENTRY)) rootNames.push(entry);
    const host = createCheckerHost(fsView, this.sourceFiles);
    // A first program shows what @mini-types declares (nothing is parsed twice: the second
    // program gets the same parsed files from the host).
    const withoutApis = ts.createProgram({ rootNames, options: setup.options, host, ...(this.previous ? { oldProgram: this.previous.getProgram() } : {}) });
    const hostApis = path.join(files.projectDir, VIRTUAL_DIR, 'host-apis.d.ts');
    virtualFiles.set(hostApis, await hostApiDeclarations(ts, withoutApis.getSourceFiles()));
    rootNames.push(hostApis);
    const builder = ts.createSemanticDiagnosticsBuilderProgram(rootNames, setup.options, host, this.previous, setup.configDiagnostics);
    this.previous = builder;
    const program = builder.getProgram();

    const diagnostics = [
      ...toMpkDiagnostics(ts, files, [...setup.configDiagnostics, ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()], TSCONFIG_PROBLEM, configShown),
    ];
    let checked = 0;
    for (const sourceFile of program.getSourceFiles()) {
      if (authorFile(files, sourceFile.fileName) === undefined) continue;
      checked++;
      if (program.getSyntacticDiagnostics(sourceFile).length > 0) continue;
      diagnostics.push(...toMpkDiagnostics(ts, files, builder.getSemanticDiagnostics(sourceFile), TYPE_ERROR, ''));
    }
    this.prune(program);
    return { diagnostics, checked: true, files: checked };
  }

  private nothing(): TypecheckOutcome {
    this.previous = undefined;
    this.sourceFiles.clear();
    return { diagnostics: [], checked: false, files: 0 };
  }

  /** Forgets parsed files the program no longer uses (deleted or renamed files). */
  private prune(program: TS.Program): void {
    const used = new Set(program.getSourceFiles());
    for (const [key, entry] of this.sourceFiles) if (!used.has(entry.file)) this.sourceFiles.delete(key);
  }
}

export type { CheckSetup };
