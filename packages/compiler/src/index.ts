/**
 * @mpk/compiler: compiles an Alipay-style mini-program project into an mpk package.
 *
 *   build(projectDir, options?)      → BuildResult (writes <project>/dist unless write: false)
 *   check(projectDir)                → every diagnostic of the project, nothing written
 *   createBuilder(projectDir, opts)  → incremental builds (build / rebuild(changedFiles) / dispose)
 *   watch(projectDir, opts)          → rebuilds on file changes, reports through onBuild
 */

import { createBuilder, type BuildOptions, type BuildResult } from './build/builder.ts';
import type { Diagnostic } from './diagnostics/diagnostic.ts';

export { createBuilder } from './build/builder.ts';
export { logicModules } from './logic/modules.ts';
export type { Builder, BuildFile, BuildOptions, BuildPartSize, BuildResult, BuildTimings, BuildWork } from './build/builder.ts';
export { watch } from './watch/watch.ts';
export type { WatchOptions, Watcher } from './watch/watch.ts';

export type { Diagnostic, Severity } from './diagnostics/index.ts';
export { codeFrame, isError, positionOf } from './diagnostics/index.ts';
export { formatDiagnostic, formatDiagnostics, formatDiagnosticsJson, summarizeDiagnostics } from './diagnostics/format.ts';
export type { FormatOptions } from './diagnostics/format.ts';
export { createDiagnostic, sortDiagnostics } from './diagnostics/create.ts';
export { allDiagnosticCodes, codeAnchor, codeHelp, compilerReadmeUri, compilerVersion } from './diagnostics/help.ts';
export type { CodeHelp } from './diagnostics/help.ts';
export { displayWidth } from './diagnostics/frame.ts';
export * as codes from './diagnostics/codes.ts';
export type { DiagnosticCode } from './diagnostics/codes.ts';

export { loadProject } from './project/load.ts';
export type { LoadedComponent, LoadedPage, PartPlan, Project, UnitFiles } from './project/load.ts';
export type { ProjectConfig } from './project/project-config.ts';
export { editJsonText } from './project/json-edit.ts';
export { compileSheet } from './style/compile.ts';
export type { CompiledSheet, SheetOptions, StyleHost } from './style/compile.ts';
export { LogicBundler, logicEntrySource } from './logic/bundle.ts';
export type { LogicBundle, LogicModule } from './logic/bundle.ts';
export { COMPILER_ID, formatBytes, zipEntrySize } from './package/manifest.ts';

export { buildViewModule, compileTemplateFile, linkViewModule, memorySourceHost, TEMPLATE_CODES } from './template/index.ts';
export type { CompiledTemplateFile, LinkInput, SourceHost, TemplateOptions } from './template/index.ts';
export { compileSjsFile, SJS_CODES } from './sjs/index.ts';
export type { CompiledSjsModule } from './sjs/index.ts';

/** Builds the project once and writes the package (default `<project>/dist`). Never throws on bad input. */
export async function build(projectDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const builder = createBuilder(projectDir, options);
  try {
    return await builder.build();
  } finally {
    await builder.dispose();
  }
}

/** Every problem of the project (config, templates, SJS, styles, logic, limits); writes nothing. */
export async function check(projectDir: string): Promise<{ diagnostics: Diagnostic[]; ok: boolean; root?: string }> {
  const result = await build(projectDir, { write: false });
  return { diagnostics: result.diagnostics, ok: result.ok, ...(result.root ? { root: result.root } : {}) };
}
