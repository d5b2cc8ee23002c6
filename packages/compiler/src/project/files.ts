/**
 * The project's files as the compiler sees them: POSIX project paths (relative to the
 * mini-program root, no leading slash) mapped to disk, read once and cached until invalidated.
 * Watch mode invalidates the paths that changed; a cold build starts from an empty cache.
 *
 * `node_modules/…` paths fall back to the directory of mini.project.json when the mini-program
 * root (miniprogramRoot) is a subdirectory without its own node_modules: npm components keep the
 * id `node_modules/<pkg>/…` wherever the package is installed.
 */

import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { Containment, ReadRefusedError, refusalCode, refusalSentence, type Access } from './containment.ts';

const MISSING: Access = { kind: 'missing' };

export class ProjectFiles {
  /** Absolute directory holding mini.project.json. */
  readonly projectDir: string;
  /** Absolute mini-program root (where app.json is). */
  readonly srcRoot: string;
  /** The containment rule every read goes through (see containment.ts). */
  readonly guard: Containment;
  private readonly texts = new Map<string, string | undefined>();
  /** What the rule says about each absolute path looked at (as named, symlinks unresolved). */
  private readonly stats = new Map<string, Access>();
  /** Directories that are not part of the mini-program (the cloud functions' folder): `walk` never lists them. */
  outside: readonly string[] = [];

  constructor(projectDir: string, srcRoot: string = projectDir, guard?: Containment) {
    this.projectDir = path.resolve(projectDir);
    this.srcRoot = path.resolve(srcRoot);
    this.guard = guard && guard.projectDir === this.projectDir ? guard : new Containment(this.projectDir);
  }

  /** Absolute path of a project path (does not check that it exists). */
  abs(projectPath: string): string {
    const primary = path.join(this.srcRoot, projectPath);
    if (projectPath.startsWith('node_modules/') && this.srcRoot !== this.projectDir && this.accessOfAbs(primary).kind === 'missing') {
      const fallback = path.join(this.projectDir, projectPath);
      if (this.accessOfAbs(fallback).kind !== 'missing') return fallback;
    }
    return primary;
  }

  /** Project path of an absolute path (as named or real), or undefined when it is outside the project. */
  toProjectPath(absolute: string): string | undefined {
    const lexical = this.lexicalProjectPath(absolute);
    if (lexical !== undefined) return lexical;
    // esbuild reports real paths: map them back when the project itself lies behind a symlink.
    const real = this.guard.projectReal;
    if (real && real !== this.projectDir && (absolute === real || absolute.startsWith(real + path.sep))) {
      return this.lexicalProjectPath(path.join(this.projectDir, path.relative(real, absolute)));
    }
    return undefined;
  }

  private lexicalProjectPath(absolute: string): string | undefined {
    const fromRoot = path.relative(this.srcRoot, absolute);
    if (fromRoot && !fromRoot.startsWith('..') && !path.isAbsolute(fromRoot)) return toPosix(fromRoot);
    if (fromRoot === '') return '';
    const outerModules = path.join(this.projectDir, 'node_modules');
    const fromModules = path.relative(outerModules, absolute);
    if (!fromModules.startsWith('..') && !path.isAbsolute(fromModules)) return toPosix(path.join('node_modules', fromModules));
    return undefined;
  }

  /** What the containment rule says about a project path (unsafe paths are missing). */
  access(projectPath: string): Access {
    if (projectPath !== '' && !isSafeProjectPath(projectPath)) return MISSING;
    return this.accessOfAbs(this.abs(projectPath));
  }

  readText(projectPath: string): string | undefined {
    if (this.texts.has(projectPath)) return this.texts.get(projectPath);
    const bytes = this.readBytes(projectPath);
    const text = bytes === undefined ? undefined : bytes.toString('utf8');
    this.texts.set(projectPath, text);
    return text;
  }

  /** The bytes of a project file the containment rule allows (undefined when missing or refused). */
  readBytes(projectPath: string): Buffer | undefined {
    if (!this.isFile(projectPath)) return undefined;
    const absolute = this.abs(projectPath);
    const access = this.accessOfAbs(absolute);
    if (access.kind !== 'file') return undefined;
    try {
      return this.guard.read(access.real);
    } catch (error) {
      if (error instanceof ReadRefusedError) this.stats.set(absolute, { kind: 'refused', refusal: error.refusal, viaLink: false });
      return undefined;
    }
  }

  isFile(projectPath: string): boolean {
    return isSafeProjectPath(projectPath) && this.kind(projectPath) === 'file';
  }

  isDirectory(projectPath: string): boolean {
    return (projectPath === '' || isSafeProjectPath(projectPath)) && this.kind(projectPath) === 'dir';
  }

  /** True when the cache knows an existing file or directory under `projectPath` (it was a directory). */
  knowsEntriesUnder(projectPath: string): boolean {
    const prefixes = [path.join(this.srcRoot, projectPath) + path.sep, path.join(this.projectDir, projectPath) + path.sep];
    for (const [key, access] of this.stats) {
      if (access.kind !== 'missing' && prefixes.some((prefix) => key.startsWith(prefix))) return true;
    }
    return false;
  }

  /**
   * A diagnostic for each file the containment rule refused so far (a symbolic link leading
   * outside the project, a special file, a file over the size limit), named by its project path.
   */
  refusals(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const [absolute, access] of this.stats) {
      if (access.kind !== 'refused') continue;
      const file = this.toProjectPath(absolute) ?? '';
      out.push(createDiagnostic(refusalCode(access.refusal), { file }, refusalSentence(file || 'a project file', access.refusal, access.viaLink)));
    }
    return out;
  }

  /** Incremented by every invalidate(): what was derived from the files before may be stale. */
  generation = 0;
  /** Incremented when everything is invalidated (a full build). */
  fullGeneration = 0;

  /** Forget cached contents: of `paths`, or everything when `paths` is omitted. */
  invalidate(paths?: Iterable<string>): void {
    this.generation++;
    if (!paths) {
      this.fullGeneration++;
      this.texts.clear();
      this.stats.clear();
      this.guard.forget();
      return;
    }
    for (const p of paths) {
      this.texts.delete(p);
      this.stats.delete(this.abs(p));
      // A created or deleted file can change what the node_modules fallback picks.
      this.stats.delete(path.join(this.srcRoot, p));
      this.stats.delete(path.join(this.projectDir, p));
      // A directory that was deleted or moved takes everything under it along.
      const prefix = `${p}/`;
      for (const key of [...this.texts.keys()]) if (key.startsWith(prefix)) this.texts.delete(key);
      for (const absPrefix of [path.join(this.srcRoot, p) + path.sep, path.join(this.projectDir, p) + path.sep]) {
        for (const key of [...this.stats.keys()]) if (key.startsWith(absPrefix)) this.stats.delete(key);
      }
    }
  }

  /**
   * Every file under the mini-program root, as project paths, skipping dot-directories, the
   * `skipDirs` (absolute) and any `node_modules` directory. Symbolic links are followed only where
   * the containment rule allows (the others are listed, and refused when looked at); special files
   * are listed too, so that whoever looks at one (assets) reports it.
   */
  walk(skipDirs: readonly string[] = []): string[] {
    const skip = new Set([...skipDirs, ...this.outside].map((d) => path.resolve(d)));
    return this.listFiles(this.srcRoot, '', (abs) => skip.has(abs));
  }

  /** Files under one project directory (used for npm component packages' assets). */
  walkDir(projectDir: string): string[] {
    if (!this.isDirectory(projectDir)) return [];
    return this.listFiles(this.abs(projectDir), projectDir).sort();
  }

  private kind(projectPath: string): 'file' | 'dir' | undefined {
    const access = this.accessOfAbs(this.abs(projectPath));
    return access.kind === 'file' || access.kind === 'dir' ? access.kind : undefined;
  }

  private accessOfAbs(absolute: string): Access {
    const cached = this.stats.get(absolute);
    if (cached) return cached;
    const access = this.guard.classify(absolute);
    this.stats.set(absolute, access);
    return access;
  }

  /**
   * Files under `absRoot` as `/`-joined paths prefixed by `relRoot`, in name order, skipping
   * dot-entries, `node_modules` and directories `skipDir` refuses. Unreadable directories are skipped.
   */
  private listFiles(absRoot: string, relRoot: string, skipDir: (abs: string) => boolean = () => false): string[] {
    const out: string[] = [];
    const visited = new Set<string>();
    const visit = (absDir: string, rel: string): void => {
      let entries: fs.Dirent[];
      try {
        const real = fs.realpathSync.native(absDir);
        if (visited.has(real)) return; // a link back to a directory already listed
        visited.add(real);
        entries = fs.readdirSync(absDir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const abs = path.join(absDir, entry.name);
        const childRel = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!skipDir(abs)) visit(abs, childRel);
        } else if (entry.isSymbolicLink()) {
          if (skipDir(abs)) continue;
          const access = this.accessOfAbs(abs);
          if (access.kind === 'dir') visit(abs, childRel);
          else if (access.kind !== 'missing') out.push(childRel);
        } else {
          out.push(childRel);
        }
      }
    };
    visit(absRoot, relRoot);
    return out;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A normalised project path that cannot escape the project: no `..` segments, no leading slash. */
export function isSafeProjectPath(p: string): boolean {
  if (!p || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return !p.split('/').some((s) => s === '..' || s === '' || s === '.');
}

/** POSIX join + normalise; undefined when the result leaves the project root. */
export function joinProjectPath(base: string, request: string): string | undefined {
  const joined = path.posix.normalize(base ? `${base}/${request}` : request);
  if (joined.startsWith('../') || joined === '..' || joined.startsWith('/')) return undefined;
  const trimmed = joined.replace(/\/+$/, '');
  return trimmed === '.' ? '' : trimmed;
}

export function dirnameOf(projectPath: string): string {
  const i = projectPath.lastIndexOf('/');
  return i < 0 ? '' : projectPath.slice(0, i);
}

/** The project path without its extension (`pages/a/a.ts` → `pages/a/a`). */
export function stripExtension(projectPath: string): string {
  const slash = projectPath.lastIndexOf('/');
  const dot = projectPath.lastIndexOf('.');
  return dot > slash + 1 ? projectPath.slice(0, dot) : projectPath;
}
