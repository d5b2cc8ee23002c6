/**
 * The file system the type checker sees: a virtual TypeScript compiler host, so that type-checking
 * reads exactly what a build may read and writes nothing into the project.
 *
 * - Project files (and its node_modules packages) are read through the containment rule
 *   (project/containment.ts): a project is untrusted input, and tsconfig `include`, `types`,
 *   imports and `/// <reference>`s must not make the checker read a file of the build machine.
 *   Files of the mini-program root come from the build's ProjectFiles cache, so watch mode's
 *   invalidation decides what is read again.
 * - TypeScript's own lib files are read from the `typescript` package mpk runs with (trusted).
 * - `@mini-types/alipay` (with `@mini-types/my` and `@mini-types/global`, which it references) is
 *   the project's copy when it installed one; otherwise the copy @mpk/compiler depends on appears
 *   at `<project>/node_modules/@mini-types/…`, where TypeScript looks for it. Nothing is written
 *   there: the host answers for those paths.
 * - Extra files (the container's API declarations) live at virtual paths under
 *   `<project>/node_modules/.mpk-typecheck/`.
 *
 * Nothing outside these places is looked at: paths above the project answer "missing".
 */

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { isInside } from '../project/containment.ts';
import type { ProjectFiles } from '../project/files.ts';

const require = createRequire(import.meta.url);

/** The @mini-types packages the official author types consist of. */
const MINI_TYPES = ['alipay', 'my', 'global'] as const;

/** Directory of virtual files the checker adds (never on disk). */
export const VIRTUAL_DIR = 'node_modules/.mpk-typecheck';

/** The real directories of the @mini-types copy @mpk/compiler depends on (undefined when not installed). */
function bundledMiniTypes(): Map<string, string> | undefined {
  try {
    const alipay = path.dirname(require.resolve('@mini-types/alipay/package.json'));
    const fromAlipay = createRequire(path.join(fs.realpathSync(alipay), 'package.json'));
    const dirs = new Map<string, string>([['alipay', fs.realpathSync(alipay)]]);
    for (const name of MINI_TYPES.slice(1)) dirs.set(name, fs.realpathSync(path.dirname(fromAlipay.resolve(`@mini-types/${name}/package.json`))));
    return dirs;
  } catch {
    return undefined;
  }
}

let bundled: Map<string, string> | undefined | null = null;

/** Parsed files that never change while mpk runs (TypeScript's libs, the bundled @mini-types), shared by every program. */
const trustedSourceFiles = new Map<string, TS.SourceFile>();

export interface CheckerFsOptions {
  ts: typeof TS;
  files: ProjectFiles;
  /** Absolute virtual path → text. */
  virtualFiles: Map<string, string>;
}

/**
 * Answers fileExists / readFile / directoryExists / getDirectories for the compiler host and the
 * tsconfig parser, by the rules of the module comment.
 */
export class CheckerFs {
  readonly ts: typeof TS;
  readonly files: ProjectFiles;
  readonly virtualFiles: Map<string, string>;
  /** TypeScript's lib directory (trusted). */
  readonly libDir: string;
  /** `<project>/node_modules/@mini-types` when the bundled copy stands in there, else undefined. */
  readonly miniTypesMount: string | undefined;
  private readonly mounted: Map<string, string>;
  private readonly virtualDirs = new Set<string>();

  constructor(options: CheckerFsOptions) {
    this.ts = options.ts;
    this.files = options.files;
    this.virtualFiles = options.virtualFiles;
    this.libDir = path.dirname(this.ts.getDefaultLibFilePath({}));
    bundled ??= bundledMiniTypes();
    // The project's own copy wins, wherever TypeScript would find it first.
    const own = [...new Set([options.files.srcRoot, options.files.projectDir])].some((dir) => this.isProjectDir(path.join(dir, 'node_modules/@mini-types/alipay')));
    this.mounted = new Map();
    this.miniTypesMount = undefined;
    if (!own && bundled) {
      this.miniTypesMount = path.join(options.files.projectDir, 'node_modules', '@mini-types');
      for (const [name, dir] of bundled) this.mounted.set(path.join(this.miniTypesMount, name), dir);
    }
    for (const file of [...this.virtualFiles.keys(), ...[...this.mounted.keys()].map((d) => path.join(d, 'package.json'))]) {
      for (let dir = path.dirname(file); isInside(dir, options.files.projectDir) && dir !== options.files.projectDir; dir = path.dirname(dir)) this.virtualDirs.add(dir);
    }
  }

  /** Where a mounted or trusted path really is (undefined: a project path, or nothing). */
  private trustedPath(absolute: string): string | undefined {
    if (isInside(absolute, this.libDir)) return absolute;
    for (const [mount, real] of this.mounted) if (isInside(absolute, mount)) return path.join(real, path.relative(mount, absolute));
    return undefined;
  }

  /** True when the path is a trusted, immutable file (its parse is shared between programs). */
  isTrusted(absolute: string): boolean {
    return this.trustedPath(absolute) !== undefined;
  }

  private isProjectDir(absolute: string): boolean {
    if (!isInside(absolute, this.files.projectDir)) return false;
    return this.files.guard.classify(absolute).kind === 'dir';
  }

  fileExists = (fileName: string): boolean => {
    const absolute = path.resolve(fileName);
    if (this.virtualFiles.has(absolute)) return true;
    const trusted = this.trustedPath(absolute);
    if (trusted) return isFile(trusted);
    if (!isInside(absolute, this.files.projectDir)) return false;
    const projectPath = this.files.toProjectPath(absolute);
    if (projectPath !== undefined && !projectPath.startsWith('node_modules/')) return this.files.isFile(projectPath);
    return this.files.guard.classify(absolute).kind === 'file';
  };

  readFile = (fileName: string): string | undefined => {
    const absolute = path.resolve(fileName);
    const virtual = this.virtualFiles.get(absolute);
    if (virtual !== undefined) return virtual;
    const trusted = this.trustedPath(absolute);
    if (trusted) {
      try {
        return fs.readFileSync(trusted, 'utf8');
      } catch {
        return undefined;
      }
    }
    if (!isInside(absolute, this.files.projectDir)) return undefined;
    const projectPath = this.files.toProjectPath(absolute);
    if (projectPath !== undefined && !projectPath.startsWith('node_modules/')) return this.files.readText(projectPath);
    const access = this.files.guard.classify(absolute);
    if (access.kind !== 'file') return undefined;
    try {
      return this.files.guard.read(access.real).toString('utf8');
    } catch {
      return undefined;
    }
  };

  directoryExists = (directoryName: string): boolean => {
    const absolute = path.resolve(directoryName);
    if (this.virtualDirs.has(absolute)) return true;
    const trusted = this.trustedPath(absolute);
    if (trusted) return isDirectory(trusted);
    return absolute === this.files.projectDir || this.isProjectDir(absolute);
  };

  /** Subdirectories (for `@types` discovery): only ones the rule allows, plus mounted ones. */
  getDirectories = (directoryName: string): string[] => {
    const absolute = path.resolve(directoryName);
    const out = new Set<string>();
    for (const dir of this.virtualDirs) if (path.dirname(dir) === absolute) out.add(path.basename(dir));
    for (const mount of this.mounted.keys()) if (path.dirname(mount) === absolute) out.add(path.basename(mount));
    const trusted = this.trustedPath(absolute);
    if (trusted) return [...out, ...listDirectories(trusted)];
    if (absolute !== this.files.projectDir && !this.isProjectDir(absolute)) return [...out];
    for (const name of listEntries(absolute)) if (this.isProjectDir(path.join(absolute, name))) out.add(name);
    return [...out];
  };

  /**
   * `include`/`exclude` matching of tsconfig.json over the directory entries the rule allows
   * (a symbolic link out of the project is not followed, so a link to `/` does not make the
   * checker walk the machine). Uses TypeScript's own matcher when it exposes it.
   */
  readDirectory = (rootDir: string, extensions: readonly string[], excludes: readonly string[] | undefined, includes: readonly string[], depth?: number): string[] => {
    const matchFiles = (this.ts as unknown as { matchFiles?: MatchFiles }).matchFiles;
    const entries = (dir: string): { files: string[]; directories: string[] } => {
      const files: string[] = [];
      const directories: string[] = [];
      if (!isInside(dir, this.files.projectDir)) return { files, directories };
      for (const name of listEntries(dir)) {
        const access = this.files.guard.classify(path.join(dir, name));
        if (access.kind === 'file') files.push(name);
        else if (access.kind === 'dir') directories.push(name);
      }
      return { files, directories };
    };
    const root = path.resolve(rootDir);
    if (typeof matchFiles === 'function') {
      return matchFiles(root, extensions, excludes, includes, this.ts.sys.useCaseSensitiveFileNames, root, depth, entries, (p: string) => p);
    }
    // Without the matcher: every file with one of the extensions, node_modules and dot-directories skipped.
    const out: string[] = [];
    const visit = (dir: string, level: number) => {
      const { files, directories } = entries(dir);
      for (const f of files) if (extensions.some((e) => f.endsWith(e))) out.push(path.join(dir, f));
      if (depth !== undefined && level >= depth) return;
      for (const d of directories) if (d !== 'node_modules' && !d.startsWith('.')) visit(path.join(dir, d), level + 1);
    };
    visit(root, 1);
    return out;
  };
}

type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { files: string[]; directories: string[] },
  realpath: (path: string) => string,
) => string[];

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function listEntries(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function listDirectories(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * The compiler host over a CheckerFs. Parsed project files are kept by the checker between
 * builds (a file whose text did not change keeps its SourceFile, which is what lets TypeScript
 * reuse the previous program); trusted files are parsed once per process.
 */
export function createCheckerHost(fsView: CheckerFs, sourceFiles: Map<string, { text: string; file: TS.SourceFile }>): TS.CompilerHost {
  const ts = fsView.ts;
  const projectDir = fsView.files.projectDir;
  let versions = 0;
  return {
    getSourceFile(fileName, languageVersionOrOptions) {
      const absolute = path.resolve(fileName);
      const settings = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
      if (fsView.isTrusted(absolute)) {
        const key = `${absolute}\0${settings.languageVersion}\0${settings.impliedNodeFormat ?? ''}`;
        let file = trustedSourceFiles.get(key);
        if (!file) {
          const text = fsView.readFile(absolute);
          if (text === undefined) return undefined;
          file = ts.createSourceFile(fileName, text, languageVersionOrOptions, false);
          (file as { version?: string }).version = 'trusted';
          trustedSourceFiles.set(key, file);
        }
        return file;
      }
      const text = fsView.readFile(absolute);
      if (text === undefined) return undefined;
      const key = `${absolute}\0${settings.languageVersion}\0${settings.impliedNodeFormat ?? ''}`;
      const cached = sourceFiles.get(key);
      if (cached && cached.text === text) return cached.file;
      const file = ts.createSourceFile(fileName, text, languageVersionOrOptions, false);
      // The builder program tells changed files by this version.
      (file as { version?: string }).version = `${Date.now()}.${++versions}`;
      sourceFiles.set(key, { text, file });
      return file;
    },
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    getDefaultLibLocation: () => fsView.libDir,
    writeFile: () => undefined, // noEmit: nothing is ever written
    getCurrentDirectory: () => projectDir,
    getCanonicalFileName: (f) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()),
    useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    getNewLine: () => '\n',
    fileExists: fsView.fileExists,
    readFile: fsView.readFile,
    directoryExists: fsView.directoryExists,
    getDirectories: fsView.getDirectories,
    // Only JSDoc that changes types is parsed (what tsc does since 5.3): faster.
    jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors,
  };
}
