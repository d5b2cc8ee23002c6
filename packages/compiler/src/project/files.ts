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

export class ProjectFiles {
  /** Absolute directory holding mini.project.json. */
  readonly projectDir: string;
  /** Absolute mini-program root (where app.json is). */
  readonly srcRoot: string;
  private readonly texts = new Map<string, string | undefined>();
  private readonly stats = new Map<string, 'file' | 'dir' | undefined>();

  constructor(projectDir: string, srcRoot: string = projectDir) {
    this.projectDir = path.resolve(projectDir);
    this.srcRoot = path.resolve(srcRoot);
  }

  /** Absolute path of a project path (does not check that it exists). */
  abs(projectPath: string): string {
    const primary = path.join(this.srcRoot, projectPath);
    if (projectPath.startsWith('node_modules/') && this.srcRoot !== this.projectDir && this.kindOfAbs(primary) === undefined) {
      const fallback = path.join(this.projectDir, projectPath);
      if (this.kindOfAbs(fallback) !== undefined) return fallback;
    }
    return primary;
  }

  /** Project path of an absolute path, or undefined when it is outside the project. */
  toProjectPath(absolute: string): string | undefined {
    const fromRoot = path.relative(this.srcRoot, absolute);
    if (fromRoot && !fromRoot.startsWith('..') && !path.isAbsolute(fromRoot)) return toPosix(fromRoot);
    if (fromRoot === '') return '';
    const outerModules = path.join(this.projectDir, 'node_modules');
    const fromModules = path.relative(outerModules, absolute);
    if (!fromModules.startsWith('..') && !path.isAbsolute(fromModules)) return toPosix(path.join('node_modules', fromModules));
    return undefined;
  }

  readText(projectPath: string): string | undefined {
    if (this.texts.has(projectPath)) return this.texts.get(projectPath);
    let text: string | undefined;
    if (this.isFile(projectPath)) {
      try {
        text = fs.readFileSync(this.abs(projectPath), 'utf8');
      } catch {
        text = undefined;
      }
    }
    this.texts.set(projectPath, text);
    return text;
  }

  readBytes(projectPath: string): Uint8Array | undefined {
    try {
      return fs.readFileSync(this.abs(projectPath));
    } catch {
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
    for (const [key, kind] of this.stats) {
      if (kind !== undefined && prefixes.some((prefix) => key.startsWith(prefix))) return true;
    }
    return false;
  }

  /** Forget cached contents: of `paths`, or everything when `paths` is omitted. */
  invalidate(paths?: Iterable<string>): void {
    if (!paths) {
      this.texts.clear();
      this.stats.clear();
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
   * `skipDirs` (absolute) and any `node_modules` directory.
   */
  walk(skipDirs: readonly string[] = []): string[] {
    const skip = new Set(skipDirs.map((d) => path.resolve(d)));
    return listFiles(this.srcRoot, '', (abs) => skip.has(abs));
  }

  /** Files under one project directory (used for npm component packages' assets). */
  walkDir(projectDir: string): string[] {
    return listFiles(this.abs(projectDir), projectDir).sort();
  }

  private kind(projectPath: string): 'file' | 'dir' | undefined {
    return this.kindOfAbs(this.abs(projectPath));
  }

  private kindOfAbs(absolute: string): 'file' | 'dir' | undefined {
    if (this.stats.has(absolute)) return this.stats.get(absolute);
    let kind: 'file' | 'dir' | undefined;
    try {
      const stat = fs.statSync(absolute);
      kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : undefined;
    } catch {
      kind = undefined;
    }
    this.stats.set(absolute, kind);
    return kind;
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

/**
 * Files under `absRoot` as `/`-joined paths prefixed by `relRoot`, in name order, skipping
 * dot-entries, `node_modules` and directories `skipDir` refuses. Unreadable directories are skipped.
 */
function listFiles(absRoot: string, relRoot: string, skipDir: (abs: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const visit = (absDir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
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
      } else if (entry.isFile()) {
        out.push(childRel);
      }
    }
  };
  visit(absRoot, relRoot);
  return out;
}
