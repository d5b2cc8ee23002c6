/**
 * The containment rule: which files on disk a build may read. A project is untrusted input (a
 * build service compiles projects it did not write), so nothing the project names or links to may
 * make the compiler read a file of the build machine.
 *
 * A file is read only when its real path (every symbolic link resolved) lies
 *
 *   1. inside the project directory (the directory of mini.project.json, real path), or
 *   2. inside an npm package reached through the project's `node_modules`: the path it was named
 *      by goes through a `node_modules/<name>` (or `node_modules/@scope/<name>`) directory inside
 *      the project, whose real directory is itself a package holding the file:
 *        a. a package in a package store: a `…/node_modules/<name>` directory (the last
 *           `node_modules` segment of the real path, `<name>` not starting with a dot) — pnpm's
 *           `node_modules/.pnpm/<id>/node_modules/<name>`, npm's and yarn's installs; or
 *        b. a workspace package: a directory holding a package.json inside the pnpm workspace
 *           around the project (the nearest directory holding pnpm-workspace.yaml, searched from
 *           the project upwards), neither that workspace's root nor a directory containing the
 *           project;
 *      and no segment of its path inside the package starts with a dot (`.env`, `.git/…`). The
 *      imports of such a package may reach any other such package (its dependencies, wherever
 *      its package manager put them); see logic/bundle.ts.
 *
 * Whatever else a request or a link leads to is refused (MPK1090) before it is opened. A file that
 * is allowed is also refused when it is not a regular file (FIFO, socket, device: MPK1091, never
 * opened) or when it is over MAX_READ_BYTES (MPK1092, decided by stat before reading). Reads open
 * the real path with O_NONBLOCK and O_NOFOLLOW and check the open descriptor again (fstat), so a
 * file swapped for a FIFO or a link after the check is not read either.
 *
 * Diagnostics of refusals name the project path or the request as written, never the real path
 * the link leads to, and never anything of the refused file.
 */

import fs from 'node:fs';
import path from 'node:path';
import { FILE_TOO_LARGE, PATH_OUTSIDE_PROJECT, SPECIAL_FILE, type DiagnosticCode } from '../diagnostics/codes.ts';

/** Files larger than this are refused before they are read (16 MiB; a package part is 2 MB compressed). */
export const MAX_READ_BYTES = 16 * 1024 * 1024;

export type RefusalKind = 'outside' | 'special' | 'too-large';

export type Access =
  | { kind: 'file'; real: string; size: number; mtimeMs: number }
  | { kind: 'dir'; real: string }
  | { kind: 'missing' }
  | { kind: 'refused'; refusal: RefusalKind; viaLink: boolean };

/** A read that the rule refused (thrown by the read functions; never carries the refused path). */
export class ReadRefusedError extends Error {
  constructor(readonly refusal: RefusalKind) {
    super(`read refused (${refusal})`);
  }
}

const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export function isInside(file: string, dir: string): boolean {
  if (file === dir) return true;
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function segmentsOf(p: string): string[] {
  return p.split(/[\\/]+/).filter(Boolean);
}

/** `a/node_modules/@s/b/c` → index of the package name's last segment after the last node_modules (or -1). */
function lastPackageEnd(segments: readonly string[]): number {
  const at = segments.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= segments.length) return -1;
  const name = segments[at + 1]!;
  if (name.startsWith('.')) return -1;
  if (name.startsWith('@')) return at + 2 < segments.length && !segments[at + 2]!.startsWith('.') ? at + 2 : -1;
  return at + 1;
}

function hasDotSegment(rel: string): boolean {
  return segmentsOf(rel).some((s) => s.startsWith('.'));
}

/** Reads a regular file by its real path, refusing special files and files over `max` on the open descriptor. */
export function readRegularFile(real: string, max: number = MAX_READ_BYTES): Buffer {
  const fd = fs.openSync(real, fs.constants.O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new ReadRefusedError('special');
    if (stat.size > max) throw new ReadRefusedError('too-large');
    const buffer = Buffer.allocUnsafe(stat.size);
    let offset = 0;
    while (offset < stat.size) {
      const n = fs.readSync(fd, buffer, offset, stat.size - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return buffer.subarray(0, offset);
  } finally {
    fs.closeSync(fd);
  }
}

export class Containment {
  /** The project directory as given (absolute). */
  readonly projectDir: string;
  /** Its real path ('' when it does not exist). */
  readonly projectReal: string;
  private workspace: string | null | undefined;
  /** Workspace package roots (real paths) accepted through a node_modules link. */
  private readonly workspacePackages = new Set<string>();
  private readonly linkVerdicts = new Map<string, string | null>();

  constructor(projectDir: string) {
    this.projectDir = path.resolve(projectDir);
    let real = '';
    try {
      real = fs.realpathSync.native(this.projectDir);
    } catch {
      real = '';
    }
    this.projectReal = real;
  }

  /** Forget the link verdicts (a full rebuild looks at node_modules links again). */
  forget(): void {
    this.linkVerdicts.clear();
  }

  inProject(real: string): boolean {
    return this.projectReal !== '' && isInside(real, this.projectReal);
  }

  /** The package directory of a real path inside a package store (rule 2a), when the rest has no dot segment. */
  storePackageRoot(real: string): string | undefined {
    const segments = segmentsOf(real);
    const end = lastPackageEnd(segments);
    if (end < 0) return undefined;
    const root = path.join(path.parse(real).root, ...segments.slice(0, end + 1));
    return hasDotSegment(path.relative(root, real)) ? undefined : root;
  }

  /** The accepted workspace package (rule 2b) holding a real path, when the rest has no dot segment. */
  private workspacePackageOf(real: string): string | undefined {
    for (const root of this.workspacePackages) {
      if (isInside(real, root) && !hasDotSegment(path.relative(root, real))) return root;
    }
    return undefined;
  }

  /** A real path inside an allowed npm package (store or accepted workspace package). */
  inPackage(real: string): boolean {
    return this.storePackageRoot(real) !== undefined || this.workspacePackageOf(real) !== undefined;
  }

  /** Either part of the rule (for files already resolved and checked: source maps, messages, loads). */
  isAllowedReal(real: string): boolean {
    return this.inProject(real) || this.inPackage(real);
  }

  /** The nearest directory from the project upwards that holds pnpm-workspace.yaml (real path). */
  workspaceRoot(): string | undefined {
    if (this.workspace !== undefined) return this.workspace ?? undefined;
    this.workspace = null;
    if (!this.projectReal) return undefined;
    for (let dir = this.projectReal; ; dir = path.dirname(dir)) {
      try {
        if (fs.lstatSync(path.join(dir, 'pnpm-workspace.yaml')).isFile()) {
          this.workspace = dir;
          break;
        }
      } catch {
        // not here
      }
      if (path.dirname(dir) === dir) break;
    }
    return this.workspace ?? undefined;
  }

  /**
   * The real package directory a `…/node_modules/<name>` directory (absolute, as named) stands for,
   * when the rule allows it: in the project, in a package store, or a workspace package (rule 2b).
   */
  acceptPackageLink(linkAbs: string): string | undefined {
    const cached = this.linkVerdicts.get(linkAbs);
    if (cached !== undefined) return cached ?? undefined;
    let verdict: string | null = null;
    try {
      const real = fs.realpathSync.native(linkAbs);
      if (fs.statSync(real).isDirectory()) {
        if (this.inProject(real) || this.storePackageRoot(real) === real) verdict = real;
        else {
          const workspace = this.workspaceRoot();
          if (
            workspace &&
            isInside(real, workspace) &&
            real !== workspace &&
            !isInside(this.projectReal, real) &&
            !hasDotSegment(path.relative(workspace, real)) &&
            fs.lstatSync(path.join(real, 'package.json')).isFile()
          ) {
            this.workspacePackages.add(real);
            verdict = real;
          }
        }
      }
    } catch {
      verdict = null;
    }
    this.linkVerdicts.set(linkAbs, verdict);
    return verdict ?? undefined;
  }

  /**
   * Rule 2 for a file named by a path that goes through a node_modules directory: `named` is the
   * absolute path as written (symlinks unresolved), `real` its real path. The `node_modules/<name>`
   * directory the path goes through last must itself be a package (in the project, a package store
   * or the workspace), and the file must lie inside it: a `node_modules` that links to `/` does not
   * open every package directory of the machine.
   */
  allowedThroughNodeModules(named: string, real: string): boolean {
    const segments = segmentsOf(named);
    const end = lastPackageEnd(segments);
    if (end < 0) return false;
    const link = path.join(path.parse(named).root, ...segments.slice(0, end + 1));
    const root = this.acceptPackageLink(link);
    return root !== undefined && isInside(real, root) && !hasDotSegment(path.relative(root, real));
  }

  /**
   * What is at `named` (an absolute path inside the project directory, symlinks unresolved), by
   * the rule: a file or directory that may be read, missing, or refused (not opened).
   */
  classify(named: string): Access {
    let linked: fs.Stats;
    try {
      linked = fs.lstatSync(named);
    } catch {
      return { kind: 'missing' };
    }
    let real: string;
    try {
      real = fs.realpathSync.native(named);
    } catch {
      return { kind: 'missing' }; // a dangling link
    }
    const viaLink = linked.isSymbolicLink() || real !== named;
    const lexical = path.relative(this.projectDir, named);
    const namedInside = lexical === '' || (!lexical.startsWith('..') && !path.isAbsolute(lexical));
    const allowed =
      namedInside &&
      (this.inProject(real) || (segmentsOf(lexical).includes('node_modules') && this.allowedThroughNodeModules(named, real)));
    if (!allowed) return { kind: 'refused', refusal: 'outside', viaLink };
    let stat: fs.Stats;
    try {
      stat = linked.isSymbolicLink() ? fs.statSync(real) : linked;
    } catch {
      return { kind: 'missing' };
    }
    if (stat.isDirectory()) return { kind: 'dir', real };
    if (!stat.isFile()) return { kind: 'refused', refusal: 'special', viaLink };
    if (stat.size > MAX_READ_BYTES) return { kind: 'refused', refusal: 'too-large', viaLink };
    return { kind: 'file', real, size: stat.size, mtimeMs: stat.mtimeMs };
  }

  /**
   * Checks that a real path may be read, without reading it: allowed by the rule, and (opened
   * without blocking, not following a final link) a regular file within the size limit.
   */
  checkReadable(real: string): void {
    if (!this.isAllowedReal(real)) throw new ReadRefusedError('outside');
    const fd = fs.openSync(real, fs.constants.O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) throw new ReadRefusedError('special');
      if (stat.size > MAX_READ_BYTES) throw new ReadRefusedError('too-large');
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Reads a file `classify` allowed (by its real path), checking the rule and the descriptor again. */
  read(real: string): Buffer {
    if (!this.isAllowedReal(real)) throw new ReadRefusedError('outside');
    return readRegularFile(real);
  }
}

/** The sentence a diagnostic uses for a refused project file (`what` is its project path). */
export function refusalSentence(what: string, refusal: RefusalKind, viaLink: boolean): string {
  switch (refusal) {
    case 'outside':
      return viaLink
        ? `${what} is a symbolic link (or lies under one) that leads outside the project: it is not read (only files inside the project and npm packages in node_modules are)`
        : `${what} lies outside the project: it is not read`;
    case 'special':
      return `${what} is not a regular file (a FIFO, socket or device): it is never opened`;
    case 'too-large':
      return `${what} is over the ${MAX_READ_BYTES / (1024 * 1024)} MB limit for one file: it is not read`;
  }
}

export function refusalCode(refusal: RefusalKind): DiagnosticCode {
  return refusal === 'outside' ? PATH_OUTSIDE_PROJECT : refusal === 'special' ? SPECIAL_FILE : FILE_TOO_LARGE;
}
