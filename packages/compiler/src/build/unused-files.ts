/**
 * Files of the mini-program root that no stage of the build used (issue 10: nothing is silently
 * ignored). After a build without errors, every file the walk sees (dot-entries, node_modules, the
 * output directory and mini.project.json uploadExclude matches are left out, as the platform
 * leaves them out) is either used, an asset, or reported:
 *
 * - a source file (.axml, .sjs, .acss, .less, .js, .ts, .json) no page, component or import
 *   reaches: one MPK1093 warning per file type, listing the files. The platform's IDE uploads and
 *   compiles every source file, so the unused .sjs, .axml, .acss, .js and .ts ones are compiled for
 *   syntax only, and a syntax error is an MPK1094 warning located in the file (instead of a place
 *   in the MPK1093 list);
 * - a file of a type that is neither source nor a default asset type (and not in assetsInclude):
 *   one MPK1095 warning per extension. The platform leaves such files out of the package too;
 * - sitemap.json (search indexing, a platform service): MPK1024.
 *
 * Project files that are not part of a mini-program stay silent: README/LICENSE/CHANGELOG and
 * other .md files, package manifests and lock files, tsconfig/jsconfig, mini.project.json,
 * TypeScript declarations (.d.ts) and authors' tests (`*.test.*`, `*.spec.*`, `__tests__/`, vitest/jest configs).
 *
 * The file list is walked again only when the project was reloaded (a file appeared or went, or a
 * .json changed); the syntax checks are cached by content.
 */

import * as esbuild from 'esbuild';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { FILE_NOT_PACKAGED, UNSUPPORTED_KEY, UNUSED_FILE_SYNTAX_ERROR, UNUSED_SOURCE_FILES } from '../diagnostics/codes.ts';
import { createAssetFilter } from '../package/assets.ts';
import { stripExtension } from '../project/files.ts';
import type { Project } from '../project/load.ts';
import { compileSjsFile } from '../sjs/index.ts';
import { compileSheet, type StyleHost } from '../style/compile.ts';
import { compileTemplateFile, type SourceHost } from '../template/index.ts';

/** Source file types of the platform (uploaded and compiled by its IDE). */
const SOURCE_KINDS: Record<string, string> = {
  axml: 'not the template of a page or component, nor <import>ed or <include>d by one',
  sjs: 'not imported by a used template (<import-sjs>) or by another used .sjs module',
  acss: 'not the style sheet of the app, a page or a component, nor @imported by one',
  less: 'not the style sheet of the app, a page or a component, nor @imported by one',
  js: 'not imported by app.js, a page or a component, nor by what they import',
  ts: 'not imported by app.js, a page or a component, nor by what they import',
  json: 'not the configuration of the app, a page or a component, nor imported by logic',
};

/** What counts as a syntax error of a file compiled on its own (its imports may be missing: not reported). */
const SYNTAX_CODES: Record<string, ReadonlySet<string>> = {
  // Expression syntax, regular expressions, a stray a:elif/a:else, conflicting conditions, loop names.
  axml: new Set(['MPK2100', 'MPK2111', 'MPK2020', 'MPK2021', 'MPK2024']),
  sjs: new Set(['MPK3001']),
  acss: new Set(['MPK4001']),
};

/** Files of a project that are not part of the mini-program (silent). */
const PROJECT_FILE = /^(?:readme|licen[cs]e|changelog|changes|history|authors|contributors|notice|copying)(?:[.-].*)?$/i;
const PROJECT_MANIFESTS = new Set([
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'pnpm-workspace.yaml',
  'bun.lockb', 'mini.project.json',
]);

/** How many files a summary names before "and N more". */
const LISTED = 10;

/** What one package part's stages read (builder's part outputs). */
export interface PartReads {
  view?: { units: ReadonlyArray<{ file: string; deps: readonly string[] }> };
  style?: { files?: readonly string[] };
  logic?: { inputs: readonly string[] };
}

/** Every project file the build used: units' files, what templates, sheets and logic read, assets, app.json and ext.json. */
export function usedFiles(project: Project, parts: Iterable<PartReads>, assets: Iterable<[string, unknown]>): Set<string> {
  const used = new Set<string>(['app.json', 'ext.json']);
  const units = [project.appFiles, ...[...project.pages.values(), ...project.components.values()].map((u) => u.files)];
  for (const unit of units) for (const file of Object.values(unit)) if (file) used.add(file);
  for (const part of parts) {
    for (const unit of part.view?.units ?? []) {
      used.add(unit.file);
      for (const dep of unit.deps) used.add(dep);
    }
    for (const file of part.style?.files ?? []) used.add(file);
    for (const file of part.logic?.inputs ?? []) used.add(file);
  }
  for (const [file] of assets) used.add(file);
  return used;
}

export interface AuditHosts {
  source: SourceHost;
  style: StyleHost;
}

export class UnusedFileAudit {
  private listed: string[] | undefined;
  private readonly checks = new Map<string, { source: string; diagnostics: Diagnostic[] }>();

  /** `outDir` (absolute) is never looked at: a package inside the project is not the project's. */
  constructor(private readonly outDir: string) {}

  /** Files appeared, went or moved: walk again next time. */
  invalidate(): void {
    this.listed = undefined;
  }

  async run(project: Project, used: ReadonlySet<string>, hosts: AuditHosts): Promise<Diagnostic[]> {
    this.listed ??= project.files.walk([this.outDir]);
    const uploaded = createAssetFilter({ assetsInclude: ['**'], uploadExclude: project.config.uploadExclude });
    const unused = new Map<string, string[]>();
    const notPackaged = new Map<string, string[]>();
    const diagnostics: Diagnostic[] = [];
    // A file used through a symbolic link inside the project is used (compared by real path).
    const realOf = (file: string) => {
      const access = project.files.access(file);
      return access.kind === 'file' ? access.real : undefined;
    };
    let usedReal: Set<string> | undefined;
    const usedThroughLink = (file: string) => {
      usedReal ??= new Set([...used].map(realOf).filter((r): r is string => r !== undefined));
      const real = realOf(file);
      return real !== undefined && usedReal.has(real);
    };
    for (const file of this.listed) {
      if (used.has(file) || !uploaded(file) || isProjectFile(file) || usedThroughLink(file)) continue;
      if (file === 'sitemap.json') {
        diagnostics.push(createDiagnostic(UNSUPPORTED_KEY, { file }, 'mpk does not support sitemap.json (search indexing is a service of the platform: nothing in the app reads the file); it is ignored'));
        continue;
      }
      const kind = extensionOf(file);
      const group = SOURCE_KINDS[kind] !== undefined ? unused : notPackaged;
      if (!group.has(kind)) group.set(kind, []);
      group.get(kind)!.push(file);
    }
    const all = [...unused.values()].flat();
    const checked = (await Promise.all(all.map((file) => this.check(project, file, hosts)))).flat();
    // A file with a syntax error is named by its MPK1094 (which says it is unused), not listed again.
    const broken = new Set(checked.map((d) => d.file));
    for (const [kind, listed] of unused) {
      const files = listed.filter((file) => !broken.has(file));
      if (files.length > 0) diagnostics.push(createDiagnostic(UNUSED_SOURCE_FILES, { file: files[0]! }, unusedMessage(kind, files)));
    }
    for (const [kind, files] of notPackaged) {
      diagnostics.push(createDiagnostic(FILE_NOT_PACKAGED, { file: files[0]! }, notPackagedMessage(kind, files)));
    }
    diagnostics.push(...checked);
    // Checks of files that are gone or used now are not kept.
    const keep = new Set(all);
    for (const file of [...this.checks.keys()]) if (!keep.has(file)) this.checks.delete(file);
    return diagnostics;
  }

  /** A syntax error of one unused file, as MPK1094 warnings at the error (cached by content). */
  private async check(project: Project, file: string, hosts: AuditHosts): Promise<Diagnostic[]> {
    const kind = extensionOf(file);
    if (!['axml', 'sjs', 'acss', 'js', 'ts'].includes(kind) || file.endsWith('.d.ts')) return [];
    const source = project.files.readText(file);
    if (source === undefined) return [];
    const cached = this.checks.get(file);
    if (cached && cached.source === source) return cached.diagnostics;
    const errors = kind === 'js' || kind === 'ts' ? await scriptErrors(file, source, kind) : compileErrors(file, kind, hosts);
    const diagnostics = errors.slice(0, 1).map((d) => ({
      ...d,
      code: UNUSED_FILE_SYNTAX_ERROR.code,
      severity: UNUSED_FILE_SYNTAX_ERROR.severity,
      message: `${file} is not used by any page, component or import, and it does not compile: ${d.message} (the platform's IDE compiles every source file it uploads; mpk leaves this one out)`,
    }));
    this.checks.set(file, { source, diagnostics });
    return diagnostics;
  }
}

function compileErrors(file: string, kind: string, hosts: AuditHosts): Diagnostic[] {
  let found: Diagnostic[];
  try {
    if (kind === 'sjs') found = compileSjsFile(file, hosts.source).diagnostics;
    else if (kind === 'axml') found = compileTemplateFile(file, hosts.source, { usingComponents: {} }).diagnostics;
    else found = compileSheet(file, hosts.style, { mode: { kind: 'page', pageId: stripExtension(file) } }).diagnostics;
  } catch {
    return [];
  }
  const codes = SYNTAX_CODES[kind]!;
  return found.filter((d) => d.file === file && d.severity === 'error' && codes.has(d.code));
}

async function scriptErrors(file: string, source: string, kind: 'js' | 'ts'): Promise<Diagnostic[]> {
  try {
    await esbuild.transform(source, { loader: kind, sourcefile: file, logLevel: 'silent', target: 'esnext' });
    return [];
  } catch (error) {
    const messages = (error as Partial<esbuild.TransformFailure>).errors ?? [];
    return messages.slice(0, 1).map((m) =>
      createDiagnostic(UNUSED_FILE_SYNTAX_ERROR, { file, source, ...(m.location ? { line: m.location.line, column: m.location.column + 1 } : {}) }, m.text),
    );
  }
}

function extensionOf(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function isProjectFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (PROJECT_MANIFESTS.has(base) || PROJECT_FILE.test(base)) return true;
  if (/^(?:ts|js)config(?:\..*)?\.json$/.test(base)) return true;
  // Authors' tests (mpk test runs *.test.js|ts; __tests__ folders, *.spec.*) and test-runner configs: never part of the app.
  if (/\.(?:test|spec)\.[cm]?[jt]s$/.test(base) || /(?:^|\/)__tests__\//.test(file) || /^(?:vitest|jest)\.config\.[cm]?[jt]s$/.test(base)) return true;
  return /\.(?:md|markdown)$/i.test(base) || base.endsWith('.d.ts');
}

function listOf(files: readonly string[]): string {
  const named = files.slice(0, LISTED).join(', ');
  return files.length > LISTED ? `${named} and ${files.length - LISTED} more` : named;
}

function unusedMessage(kind: string, files: readonly string[]): string {
  const why = SOURCE_KINDS[kind]!;
  if (files.length === 1) return `${files[0]} is not used (${why}): mpk leaves it out of the package`;
  return `${files.length} .${kind} files are not used (${why}): mpk leaves them out of the package: ${listOf(files)}`;
}

function notPackagedMessage(kind: string, files: readonly string[]): string {
  const type = kind ? `.${kind}` : 'a file without an extension';
  const glob = kind ? `"**/*.${kind}"` : `"${files[0]}"`;
  const what = files.length === 1 ? `${files[0]} is not packaged` : `${files.length} ${kind ? `.${kind} files` : 'files without an extension'} are not packaged`;
  return `${what}: ${type} is neither a source file nor one of the default asset types, so the platform leaves ${files.length === 1 ? 'it' : 'them'} out too (add ${glob} to assetsInclude in mini.project.json to package ${files.length === 1 ? 'it' : 'them'})${files.length === 1 ? '' : `: ${listOf(files)}`}`;
}
