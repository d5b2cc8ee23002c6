/**
 * Which files are type-checked, with which compiler options.
 *
 * - A project with a tsconfig.json (the mini-program root's, else the project directory's, the
 *   order the logic bundler uses) is checked as `tsc -p` would check it: its `include`/`files`,
 *   its options. Emit options are dropped (nothing is written). The file is read and parsed by
 *   TypeScript (`ts.readJsonConfigFile` + `ts.parseJsonSourceFileConfigFileContent`, the forms of
 *   readConfigFile/parseJsonConfigFileContent that keep positions) through the containment rule:
 *   an `extends` outside the project is not read (the bundler reports it, MPK1090).
 * - A project without one is checked when it has a `.ts` logic source: its app/page/component
 *   `.ts` files, what they import, and the `.d.ts` files of the mini-program root, with
 *   DEFAULT_OPTIONS. These are loose on purpose, as a JS author moving to TS expects (tsc's own
 *   defaults: no strict null checks, implicit `any` allowed) except `noImplicitThis`, which
 *   @mini-types needs to type `this` in Page/Component methods (without it `this.setDat()` is not
 *   an error). `compileOptions.resolveAlias` becomes `paths`, as the bundler resolves it.
 * - A JavaScript-only project is not type-checked (no cost).
 *
 * Either way @mini-types/alipay is always in scope (added when `types` does not name it), so `my`,
 * `App`, `Page`, `Component` are typed even when a tsconfig forgets it.
 */

import path from 'node:path';
import type * as TS from 'typescript';
import type { Project } from '../project/load.ts';
import type { CheckerFs } from './host.ts';

export const MINI_TYPES_ENTRY = '@mini-types/alipay';

/** Used when the project has no tsconfig.json (see the module comment). */
export function defaultOptions(ts: typeof TS): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: false,
    noImplicitThis: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    types: [MINI_TYPES_ENTRY],
  };
}

export interface CheckSetup {
  /** Absolute path of the tsconfig.json used, or undefined (defaults). */
  configFile: string | undefined;
  rootNames: string[];
  options: TS.CompilerOptions;
  /** What TypeScript said about tsconfig.json itself. */
  configDiagnostics: TS.Diagnostic[];
}

/** The tsconfig.json to use: the mini-program root's, else the project directory's (undefined: none, or refused by the rule). */
export function findTsconfig(fsView: CheckerFs): string | undefined {
  const files = fsView.files;
  for (const dir of [...new Set([files.srcRoot, files.projectDir])]) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fsView.fileExists(candidate)) return candidate;
  }
  return undefined;
}

/** The project's own `.ts` logic sources (app, pages, components; npm packages excluded), as project paths. */
export function tsLogicSources(project: Project): string[] {
  const out = new Set<string>();
  const add = (logic: string | undefined) => {
    if (logic && logic.endsWith('.ts') && !logic.startsWith('node_modules/')) out.add(logic);
  };
  add(project.appFiles.logic);
  for (const page of project.pages.values()) add(page.files.logic);
  for (const component of project.components.values()) add(component.files.logic);
  return [...out].sort();
}

/** Options that would make the checker write files or need build info: removed. */
const EMIT_ONLY = ['declaration', 'declarationMap', 'emitDeclarationOnly', 'composite', 'incremental', 'tsBuildInfoFile', 'sourceMap', 'inlineSourceMap', 'outFile', 'out'];

/**
 * The setup for `project`, or undefined when it is not type-checked (JavaScript only, or a
 * tsconfig.json that includes no file).
 */
export function checkSetup(ts: typeof TS, project: Project, fsView: CheckerFs, outDir: string): CheckSetup | undefined {
  const files = project.files;
  const configFile = findTsconfig(fsView);
  if (configFile) {
    // The JSON source-file form of readConfigFile/parseJsonConfigFileContent: the same parse, and
    // TypeScript's complaints about the file come with their positions in it.
    const source = ts.readJsonConfigFile(configFile, fsView.readFile);
    const configDiagnostics: TS.Diagnostic[] = [...((source as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [])];
    const host: TS.ParseConfigHost = {
      useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
      readDirectory: fsView.readDirectory,
      fileExists: fsView.fileExists,
      readFile: fsView.readFile,
    };
    const parsed = ts.parseJsonSourceFileConfigFileContent(source, host, path.dirname(configFile), undefined, configFile);
    // "No inputs were found" (TS18003): nothing to check, which is not a problem of the project.
    for (const d of parsed.errors) if (d.code !== 18003 && !configDiagnostics.includes(d)) configDiagnostics.push(d);
    const options: TS.CompilerOptions = { ...parsed.options, noEmit: true };
    for (const key of EMIT_ONLY) delete options[key];
    // The package directory is build output, never a source.
    const rootNames = parsed.fileNames.filter((f) => !isInsideDir(path.resolve(f), outDir));
    if (rootNames.length === 0) return undefined;
    return { configFile, rootNames, options, configDiagnostics };
  }
  const logic = tsLogicSources(project);
  if (logic.length === 0) return undefined;
  const declarations = files.walk([outDir]).filter((p) => p.endsWith('.d.ts'));
  const options = defaultOptions(ts);
  if (project.config.resolveAlias.length > 0) {
    options.paths = Object.fromEntries(
      project.config.resolveAlias.map((rule) => [`${rule.prefix}*`, [path.join(files.projectDir, rule.target, '*')]]),
    );
  }
  return { configFile: undefined, rootNames: [...logic, ...declarations].map((p) => files.abs(p)), options, configDiagnostics: [] };
}

function isInsideDir(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
