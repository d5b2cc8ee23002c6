/**
 * The assets of a project (see assets.ts for which files count), with size and sha256. A full scan
 * walks the project once; after that, `update()` re-examines only the paths that changed, and an
 * asset whose size and mtime did not change keeps its hash.
 */

import path from 'node:path';
import { readRegularFile } from '../project/containment.ts';
import type { ProjectFiles } from '../project/files.ts';
import type { Project } from '../project/load.ts';
import { createAssetFilter, npmPackageDir } from './assets.ts';
import { sha256, zipEntrySize } from './manifest.ts';

export interface AssetInfo {
  /** Real path to copy from (checked by the containment rule; copies are read through it again, see readAsset). */
  abs: string;
  size: number;
  sha256: string;
  mtimeMs: number;
  /** Bytes as a zip entry (computed on first use, kept while the file is unchanged). */
  compressed?: number;
}

export class AssetIndex {
  private assets = new Map<string, AssetInfo>();
  private readonly outDir: string;

  /** `outDir` (absolute) is never scanned, so a package inside the project is not copied into itself. */
  constructor(outDir: string) {
    this.outDir = path.resolve(outDir);
  }

  entries(): IterableIterator<[string, AssetInfo]> {
    return this.assets.entries();
  }

  /** Zip size of the asset at package path `p` (the file is read once per content). */
  compressed(p: string): number {
    const info = this.assets.get(p);
    if (!info) return 0;
    if (info.compressed === undefined) {
      try {
        info.compressed = zipEntrySize(p, readAsset(info.abs, info.sha256));
      } catch {
        info.compressed = info.size;
      }
    }
    return info.compressed;
  }

  /** Walks the mini-program root and the npm packages whose components are used. */
  scan(project: Project): void {
    const filter = createAssetFilter(project.config);
    const npmDirs = usedNpmPackages(project);
    const next = new Map<string, AssetInfo>();
    const candidates = [...project.files.walk([this.outDir]), ...[...npmDirs].flatMap((d) => project.files.walkDir(d))];
    for (const p of candidates) {
      if (!filter(p)) continue;
      const info = assetInfo(project.files, p, this.assets.get(p));
      if (info) next.set(p, info);
    }
    this.assets = next;
  }

  /** Re-examines changed project paths: files, deleted files, and directories created, moved or deleted. */
  update(project: Project, changed: readonly string[]): void {
    const filter = createAssetFilter(project.config);
    const npmDirs = usedNpmPackages(project);
    const consider = (p: string) => {
      const npmDir = npmPackageDir(p);
      const eligible =
        filter(p) &&
        (!npmDir || npmDirs.has(npmDir)) &&
        !isInside(project.files.abs(p), this.outDir) &&
        !p.split('/').some((segment) => segment.startsWith('.'));
      const info = eligible ? assetInfo(project.files, p, undefined) : undefined;
      if (info) this.assets.set(p, info);
      else this.assets.delete(p);
    };
    for (const p of changed) {
      if (project.files.isDirectory(p)) {
        for (const file of project.files.walkDir(p)) consider(file);
      } else if (!project.files.isFile(p)) {
        for (const assetPath of [...this.assets.keys()]) if (assetPath.startsWith(`${p}/`)) this.assets.delete(assetPath);
        this.assets.delete(p);
      } else {
        consider(p);
      }
    }
  }
}

function usedNpmPackages(project: Project): Set<string> {
  const dirs = new Set<string>();
  for (const id of project.components.keys()) {
    const dir = npmPackageDir(id);
    if (dir) dirs.add(dir);
  }
  return dirs;
}

/**
 * An asset through the containment rule: a symbolic link leading outside the project, a special
 * file or a file over the size limit is refused (ProjectFiles reports it) and never read.
 */
function assetInfo(files: ProjectFiles, projectPath: string, previous: AssetInfo | undefined): AssetInfo | undefined {
  const access = files.access(projectPath);
  if (access.kind !== 'file') return undefined;
  const abs = access.real;
  if (previous && previous.abs === abs && previous.mtimeMs === access.mtimeMs && previous.size === access.size) return previous;
  const bytes = files.readBytes(projectPath);
  if (!bytes) return undefined;
  return { abs, size: bytes.byteLength, sha256: sha256(bytes), mtimeMs: access.mtimeMs, compressed: zipEntrySize(projectPath, bytes) };
}

/**
 * The bytes of an asset when it is copied into the package: read by its real path as a regular
 * file (never a FIFO or device, never over the size limit) and only when they are still the bytes
 * that were hashed, so a file swapped for a link or another file after the scan is not copied.
 */
export function readAsset(real: string, expectedSha256: string): Buffer {
  const bytes = readRegularFile(real);
  if (sha256(bytes) !== expectedSha256) throw new Error('the file changed since the build read it');
  return bytes;
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
