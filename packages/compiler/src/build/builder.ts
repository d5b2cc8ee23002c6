/**
 * The build pipeline and its incremental form. A Builder keeps, between builds: the project's
 * file cache, compiled templates / SJS modules / style sheets (reused while their files' contents
 * are unchanged), one esbuild context per package part, asset hashes, and the package writer
 * (which rewrites only changed files). `rebuild(changedFiles)` re-reads just those files: a style
 * change recompiles one sheet, a template change one unit and relinks its part's view.js, a
 * logic change re-runs the esbuild context of the parts that read the file, and a .json change
 * re-validates the project.
 */

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PACKAGE_LIMITS, type PackageManifest, type PackageSource } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic, dedupeDiagnostics, sortDiagnostics } from '../diagnostics/create.ts';
import { INTERNAL_ERROR, LOGIC_UNRESOLVED_IMPORT } from '../diagnostics/codes.ts';
import { LogicBundler, type LogicBundle } from '../logic/bundle.ts';
import { logicModules, modulesKey } from '../logic/modules.ts';
import { AssetIndex } from '../package/asset-index.ts';
import { assemblePackage, ContentHashes, type AssembledPackage, type PartContents } from '../package/assemble.ts';
import { sha256, totalSize, type SizeLimitMode } from '../package/manifest.ts';
import { memorySource } from '../package/memory-source.ts';
import { PackageWriter } from '../package/write.ts';
import { TypeChecker } from '../typecheck/index.ts';
import type { ProjectFiles } from '../project/files.ts';
import { loadProject, type PartPlan, type Project } from '../project/load.ts';
import type { CompiledSheet } from '../style/compile.ts';
import type { CompiledSjsModule, CompiledTemplateFile } from '../template/index.ts';
import { UnitCache } from './cache.ts';
import { compilePartStyles, createStyleHost, type PartStyles } from './styles.ts';
import { compilePartView, createSourceHost, type PartView } from './views.ts';
import { UnusedFileAudit, usedFiles } from './unused-files.ts';

export interface BuildOptions {
  /** Package directory; default `<project>/dist`. */
  outDir?: string;
  /** Write the package to `outDir` (default true). With false, the result's `source` serves it from memory. */
  write?: boolean;
  /** Minify logic.js; default mini.project.json developOptions.minify, else false. */
  minify?: boolean;
  /** Emit logic.js.map; default mini.project.json developOptions.sourcemap (true unless set false). */
  sourcemap?: boolean;
  /**
   * How the package size limits (2 MB compressed per part, 8 MB in all) are enforced: `'error'`
   * (default; `mpk build`, `mpk check`: the platform refuses such an upload) or `'warning'`
   * (`mpk dev`, `mpk run`, the test harness: the app still builds and runs while it is too big).
   */
  sizeLimits?: SizeLimitMode;
  /**
   * Source locations for the simulator's element inspector (`mpk dev`; default false): every
   * element in view.json carries its .axml line, column and attributes as written, and every
   * style rule a `--mpk-source: "file:line"` declaration. `mpk build` never sets it.
   */
  sourceInfo?: boolean;
  /**
   * Type-check the project's TypeScript (default true): type errors are MPK5100 errors, so a
   * TS project with one does not build. Only projects with a tsconfig.json or a `.ts` logic
   * source are checked. See "Type checking" in the README.
   */
  typecheck?: boolean;
}

export interface BuildTimings {
  totalMs: number;
  projectMs: number;
  styleMs: number;
  viewMs: number;
  logicMs: number;
  /** TypeScript type checking (0 when the project is not type-checked). */
  typecheckMs: number;
  packageMs: number;
}

export interface BuildFile {
  /** Package path. */
  path: string;
  size: number;
  sha256: string;
  /** Part root ('' = main). */
  part: string;
  /** Bytes as a zip entry, as the platform measures the upload (0 for source maps, which are not uploaded). */
  compressed: number;
}

/** Raw and compressed bytes of one part, source maps not counted; `compressed` is what the limits measure. */
export interface BuildPartSize {
  /** Part root ('' = main). */
  part: string;
  raw: number;
  compressed: number;
  /** The platform's limit for it (bytes). */
  limit: number;
}

/** What a build recompiled (a rebuild after one change names only what that change touched). */
export interface BuildWork {
  /** The project (configs, pages, components) was loaded again: on a full build, or when a .json changed or a file appeared or disappeared. */
  project: boolean;
  /** Style sheets compiled (project paths). */
  styles: string[];
  /** Templates compiled (project paths). */
  templates: string[];
  /** SJS modules compiled (project paths). */
  sjs: string[];
  /** Part roots whose view.js was relinked. */
  views: string[];
  /** Part roots whose logic was re-bundled. */
  logic: string[];
}

export interface BuildResult {
  /** No error diagnostics (warnings allowed). */
  ok: boolean;
  /** Sorted by file and position. */
  diagnostics: Diagnostic[];
  manifest?: PackageManifest;
  /** The directory the package was written to (when written). */
  outDir?: string;
  /**
   * Absolute mini-program root (where app.json is, miniprogramRoot): diagnostic `file`s are relative
   * to it (mini.project.json and a fallback node_modules to the project directory). Set once the project loaded.
   */
  root?: string;
  /** Every package file except manifest.json. */
  files: BuildFile[];
  /** Size of each part, then `total` (all parts against the 8 MB limit); undefined when nothing was packaged. */
  sizes: { parts: BuildPartSize[]; total: { raw: number; compressed: number; limit: number } } | undefined;
  /** Package files whose content differs from the previous build of this builder (all files on the first). */
  changed: string[];
  timings: BuildTimings;
  work: BuildWork;
  /**
   * The package: generated files served from memory (a snapshot of this build), assets read from
   * the project when asked (so an asset edited later no longer matches this manifest's hash).
   */
  source?: PackageSource;
}

export interface Builder {
  build(): Promise<BuildResult>;
  /** `changedFiles`: absolute paths or project paths of files created, changed or deleted. */
  rebuild(changedFiles: readonly string[]): Promise<BuildResult>;
  dispose(): Promise<void>;
}

interface PartOutput {
  logic?: LogicBundle;
  /** The module list `logic` was bundled for. */
  logicKey?: string;
  view?: PartView;
  style?: PartStyles;
}

export function createBuilder(projectDir: string, options: BuildOptions = {}): Builder {
  return new ProjectBuilder(projectDir, options);
}

class ProjectBuilder implements Builder {
  private readonly dir: string;
  private readonly options: BuildOptions;
  private files: ProjectFiles | undefined;
  private project: Project | undefined;
  private readonly sheets: UnitCache<CompiledSheet>;
  private readonly templates: UnitCache<CompiledTemplateFile>;
  private readonly sjs: UnitCache<CompiledSjsModule>;
  private readonly parts = new Map<string, PartOutput>();
  private readonly bundlers = new Map<string, LogicBundler>();
  private readonly typeChecker = new TypeChecker();
  private bundlerKey = '';
  private readonly assets: AssetIndex;
  private readonly unusedFiles: UnusedFileAudit;
  private assetsScanned = false;
  private readonly hashes = new ContentHashes();
  private previousHashes = new Map<string, string>();
  private writer: PackageWriter | undefined;
  private disposed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(projectDir: string, options: BuildOptions) {
    this.dir = path.resolve(projectDir);
    this.options = options;
    const read = (p: string) => this.files?.readText(p);
    this.sheets = new UnitCache(read);
    this.templates = new UnitCache(read);
    this.sjs = new UnitCache(read);
    this.assets = new AssetIndex(this.outDir);
    this.unusedFiles = new UnusedFileAudit(this.outDir);
  }

  build(): Promise<BuildResult> {
    return this.serialise(() => this.run(undefined));
  }

  rebuild(changedFiles: readonly string[]): Promise<BuildResult> {
    return this.serialise(() => this.run(changedFiles));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.queue.catch(() => undefined);
    await Promise.all([...this.bundlers.values()].map((b) => b.dispose()));
    this.bundlers.clear();
  }

  /** Builds never overlap: a rebuild requested during a build runs after it. */
  private serialise(task: () => Promise<BuildResult>): Promise<BuildResult> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  get outDir(): string {
    return path.resolve(this.dir, this.options.outDir ?? 'dist');
  }

  private async run(changed: readonly string[] | undefined): Promise<BuildResult> {
    const started = performance.now();
    const timings: BuildTimings = { totalMs: 0, projectMs: 0, styleMs: 0, viewMs: 0, logicMs: 0, typecheckMs: 0, packageMs: 0 };
    const work: BuildWork = { project: true, styles: [], templates: [], sjs: [], views: [], logic: [] };
    if (this.disposed) {
      return this.result([createDiagnostic(INTERNAL_ERROR, { file: '' }, 'this builder was disposed')], timings, work, started);
    }
    try {
      return await this.runStages(changed, timings, work, started);
    } catch (error) {
      const diagnostic = createDiagnostic(INTERNAL_ERROR, { file: '' }, `build failed: ${(error as Error)?.stack ?? String(error)}`);
      return this.result([diagnostic], timings, work, started);
    }
  }

  private async runStages(changed: readonly string[] | undefined, timings: BuildTimings, work: BuildWork, started: number): Promise<BuildResult> {
    // ── Project ──
    let t = performance.now();
    const changedPaths = changed ? this.toProjectPaths(changed) : undefined;
    let project: Project;
    if (this.project && changedPaths && !changedPaths.reloadAll && !this.isStructural(this.project, changedPaths.paths)) {
      // Content edits of templates, styles, SJS and logic cannot change the project's shape.
      project = this.project;
      work.project = false;
    } else {
      if (!changedPaths || changedPaths.reloadAll) this.files?.invalidate();
      else this.files?.invalidate(changedPaths.paths);
      project = loadProject(this.dir, this.files);
      this.files = project.files;
      this.project = project;
      this.unusedFiles.invalidate();
    }
    timings.projectMs = performance.now() - t;
    const diagnostics: Diagnostic[] = [...project.diagnostics];
    if (!project.app) {
      this.parts.clear();
      // Files the containment rule refused (symbolic links out of the project, special or huge files).
      diagnostics.push(...project.files.refusals());
      return this.result(diagnostics, timings, work, started);
    }

    // ── Styles ──
    t = performance.now();
    const styleHost = createStyleHost(project);
    for (const part of project.parts) {
      const output = this.partOutput(part.root);
      output.style = compilePartStyles(project, part, this.sheets, styleHost, this.options.sourceInfo === true);
    }
    work.styles = uniqueFiles(this.sheets.takeCompiled());
    timings.styleMs = performance.now() - t;

    // ── Views ──
    t = performance.now();
    const sourceHost = createSourceHost(project);
    for (const part of project.parts) {
      const output = this.partOutput(part.root);
      output.view = compilePartView(project, part, { templates: this.templates, sjs: this.sjs }, sourceHost, output.view, this.options.sourceInfo === true);
      if (output.view.relinked) work.views.push(part.root);
    }
    work.templates = uniqueFiles(this.templates.takeCompiled());
    work.sjs = uniqueFiles(this.sjs.takeCompiled());
    timings.viewMs = performance.now() - t;

    // ── Logic ──
    t = performance.now();
    this.syncBundlers(project);
    await Promise.all(
      project.parts.map(async (part) => {
        const output = this.partOutput(part.root);
        if (!this.logicNeedsBuild(project, part, output, changedPaths)) return;
        const bundler = this.bundlers.get(part.root)!;
        const modules = logicModules(project, part);
        output.logic = await bundler.build(modules);
        output.logicKey = modulesKey(modules);
        work.logic.push(part.root);
      }),
    );
    work.logic.sort();
    timings.logicMs = performance.now() - t;
    for (const root of [...this.parts.keys()]) if (!project.parts.some((p) => p.root === root)) this.parts.delete(root);
    for (const part of project.parts) {
      const output = this.parts.get(part.root)!;
      diagnostics.push(...(output.style?.diagnostics ?? []), ...(output.view?.diagnostics ?? []), ...(output.logic?.diagnostics ?? []));
    }

    // ── Types ── (a rebuild re-checks only what changed: see typecheck/index.ts)
    if (this.options.typecheck !== false) {
      t = performance.now();
      diagnostics.push(...(await this.typeChecker.check(project, this.outDir, changedPaths && !changedPaths.reloadAll ? changedPaths.paths : undefined)).diagnostics);
      timings.typecheckMs = performance.now() - t;
    }

    // ── Package ──
    t = performance.now();
    if (changedPaths && !changedPaths.reloadAll && this.assetsScanned) this.assets.update(project, changedPaths.paths);
    else this.assets.scan(project);
    this.assetsScanned = true;
    const contents = new Map<string, PartContents>();
    for (const part of project.parts) {
      const output = this.parts.get(part.root)!;
      contents.set(part.root, {
        logic: output.logic?.code ?? '',
        ...(output.logic?.map !== undefined ? { logicMap: output.logic.map } : {}),
        view: output.view?.code ?? '',
        style: output.style?.css ?? '',
      });
    }
    const packaged = assemblePackage(project, contents, this.assets, this.hashes, this.options.sizeLimits ?? 'error');
    diagnostics.push(...packaged.diagnostics);
    // Every file the containment rule refused on the way (symbolic links out of the project, special or huge files).
    diagnostics.push(...project.files.refusals());
    // Files no stage used (warnings, see unused-files.ts); after errors they would only repeat them.
    if (!diagnostics.some((d) => d.severity === 'error')) {
      const used = usedFiles(project, this.parts.values(), this.assets.entries());
      diagnostics.push(...(await this.unusedFiles.run(project, used, { source: sourceHost, style: styleHost })));
    }
    timings.packageMs = performance.now() - t;
    return await this.result(diagnostics, timings, work, started, packaged);
  }

  private partOutput(root: string): PartOutput {
    let output = this.parts.get(root);
    if (!output) {
      output = {};
      this.parts.set(root, output);
    }
    return output;
  }

  /** Absolute or project paths → project paths; mini.project.json (or an unknown outside path) reloads everything. */
  private toProjectPaths(changed: readonly string[]): { paths: string[]; reloadAll: boolean } {
    const paths: string[] = [];
    let reloadAll = false;
    for (const file of changed) {
      const absolute = path.isAbsolute(file) ? file : undefined;
      if (absolute && path.resolve(absolute) === path.join(this.dir, 'mini.project.json')) {
        reloadAll = true;
        continue;
      }
      if (!absolute && file === 'mini.project.json' && !this.project?.config.miniprogramRoot) {
        reloadAll = true;
        continue;
      }
      const projectPath = absolute ? this.files?.toProjectPath(absolute) : file.replace(/\\/g, '/').replace(/^\.?\//, '');
      if (projectPath === undefined) continue; // outside the mini-program: cannot affect the package
      paths.push(projectPath);
    }
    return { paths, reloadAll };
  }

  /**
   * Invalidates the changed paths and says whether the project must be reloaded: a .json changed,
   * or a file appeared or disappeared (a page gaining its .js, a new .less sheet, a directory
   * moved). Plain content edits of existing files are not structural.
   */
  private isStructural(project: Project, paths: readonly string[]): boolean {
    const files = project.files;
    const before = paths.map((p) => ({ file: files.isFile(p), directory: files.knowsEntriesUnder(p) }));
    files.invalidate(paths);
    return paths.some(
      (p, i) => p.endsWith('.json') || files.isFile(p) !== before[i]!.file || before[i]!.directory || files.isDirectory(p),
    );
  }

  private syncBundlers(project: Project): void {
    const minify = this.options.minify ?? project.config.minify ?? false;
    const sourcemap = this.options.sourcemap ?? project.config.sourcemap;
    const key = JSON.stringify([project.files.srcRoot, project.config.resolveAlias, minify, sourcemap]);
    if (key !== this.bundlerKey) {
      for (const bundler of this.bundlers.values()) void bundler.dispose();
      this.bundlers.clear();
      for (const output of this.parts.values()) output.logic = undefined;
      this.bundlerKey = key;
    }
    const roots = new Set(project.parts.map((p) => p.root));
    for (const [root, bundler] of this.bundlers) {
      if (!roots.has(root)) {
        void bundler.dispose();
        this.bundlers.delete(root);
      }
    }
    for (const root of roots) {
      if (!this.bundlers.has(root)) {
        this.bundlers.set(root, new LogicBundler({ files: project.files, aliases: project.config.resolveAlias, minify, sourcemap }));
      }
    }
  }

  private logicNeedsBuild(project: Project, part: PartPlan, output: PartOutput, changed: { paths: string[]; reloadAll: boolean } | undefined): boolean {
    const last = output.logic;
    if (!changed || changed.reloadAll || !last) return true;
    // After an error, or an import that did not resolve (a file created since may now satisfy it).
    if (last.diagnostics.some((d) => d.severity === 'error' || d.code === LOGIC_UNRESOLVED_IMPORT.code)) return true;
    if (output.logicKey !== modulesKey(logicModules(project, part))) return true;
    const inputs = new Set(last.inputs);
    return changed.paths.some((p) => inputs.has(p) || /(^|\/)(package|tsconfig)\.json$/.test(p));
  }

  private async result(
    collected: Diagnostic[],
    timings: BuildTimings,
    work: BuildWork,
    started: number,
    packaged?: AssembledPackage,
  ): Promise<BuildResult> {
    let diagnostics = sortDiagnostics(dedupeDiagnostics(collected));
    const write = this.options.write ?? true;
    let ok = !diagnostics.some((d) => d.severity === 'error');
    const result: BuildResult = { ok, diagnostics, files: [], sizes: undefined, changed: [], timings, work };
    if (this.project) result.root = this.project.files.srcRoot;
    if (!packaged) {
      timings.totalMs = performance.now() - started;
      return result;
    }
    result.manifest = packaged.manifest;
    result.files = packaged.infos
      .map(({ path: p, size, sha256: hash, part, compressed }) => ({ path: p, size, sha256: hash, part, compressed }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const total = totalSize(packaged.sizes);
    result.sizes = {
      parts: Object.entries(packaged.sizes).map(([part, size]) => ({ part, ...size, limit: PACKAGE_LIMITS.perPackage })),
      total: { ...total, limit: PACKAGE_LIMITS.total },
    };
    const manifestText = `${JSON.stringify(packaged.manifest, null, 2)}\n`;
    const hashes = new Map(packaged.infos.map((f) => [f.path, f.sha256]));
    hashes.set('manifest.json', sha256(manifestText));
    result.changed = [...hashes.keys()].filter((p) => this.previousHashes.get(p) !== hashes.get(p)).sort();

    if (ok && write) {
      const t = performance.now();
      this.writer ??= new PackageWriter(this.outDir, { projectDir: this.dir });
      const outcome = await this.writer.write(packaged.files, manifestText);
      timings.packageMs += performance.now() - t;
      if (outcome.diagnostics.length > 0) {
        diagnostics = sortDiagnostics([...diagnostics, ...outcome.diagnostics]);
        ok = false;
        result.ok = false;
        result.diagnostics = diagnostics;
      } else {
        result.outDir = this.outDir;
      }
    }
    if (ok) this.previousHashes = hashes;
    else result.changed = [];
    result.source = memorySource(packaged.manifest, manifestText, packaged.files);
    timings.totalMs = performance.now() - started;
    return result;
  }
}

function uniqueFiles(keys: string[]): string[] {
  return [...new Set(keys.map((k) => k.split('|')[0]!))].sort();
}
