/**
 * Writing a package directory without ever destroying user data: the out dir must be missing,
 * empty, or hold a package mpk wrote before (its manifest.json says so). Files are written only
 * when their content changed since the last write by this writer; files of the previous package
 * that are no longer produced are removed (and only those: the old manifest lists them).
 * manifest.json is written last, so a reader never sees a manifest that lists missing files.
 */

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { OUT_DIR_NOT_EMPTY, PATH_OUTSIDE_PROJECT, WRITE_FAILED } from '../diagnostics/codes.ts';
import { isInside, readRegularFile } from '../project/containment.ts';
import { readAsset } from './asset-index.ts';
import { isMpkManifest } from './manifest.ts';

export interface OutputFile {
  path: string;
  size: number;
  sha256: string;
  /** Generated content, or… */
  content?: string | Uint8Array;
  /** …an absolute source file to copy (assets: read through the containment rule, and only with this sha256). */
  copyFrom?: string;
}

export interface WriteOutcome {
  /** Package paths written by this call (manifest.json included when it changed). */
  written: string[];
  diagnostics: Diagnostic[];
}

/** Files written at once: enough to overlap the disk's latency, few enough to stay under file-handle limits. */
const WRITE_CONCURRENCY = 16;

async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class PackageWriter {
  readonly outDir: string;
  private prepared = false;
  private refused: Diagnostic | undefined;
  /** Paths the previous package listed (removed when no longer produced). */
  private previous = new Set<string>();
  private readonly written = new Map<string, string>();
  private manifestWritten: string | undefined;

  /** Real path of the out dir once it exists (files are written and removed only under it). */
  private outReal: string | undefined;
  /** The project directory when the out dir lies inside it (its real path must stay inside the project). */
  private readonly within: string | undefined;

  constructor(outDir: string, options: { projectDir?: string } = {}) {
    this.outDir = path.resolve(outDir);
    const projectDir = options.projectDir ? path.resolve(options.projectDir) : undefined;
    this.within = projectDir && isInside(this.outDir, projectDir) ? projectDir : undefined;
  }

  /**
   * An out dir inside the project must really be there: a project that ships `dist` as a symbolic
   * link to a directory of the build machine does not get the package written (or old files removed) there.
   */
  private leavesProject(): boolean {
    if (!this.within) return false;
    let projectReal: string;
    try {
      projectReal = fs.realpathSync.native(this.within);
    } catch {
      return false;
    }
    for (let dir = this.outDir; isInside(dir, this.within); dir = path.dirname(dir)) {
      try {
        return !isInside(fs.realpathSync.native(dir), projectReal);
      } catch {
        if (dir === this.within) return false; // nothing exists yet: created on write
      }
    }
    return false;
  }

  /**
   * `target` (inside the out dir) when its directory really lies under the out dir (no symbolic
   * link in between), after removing a link at `target` itself; undefined otherwise.
   */
  private contained(target: string): string | undefined {
    try {
      this.outReal ??= fs.realpathSync.native(this.outDir);
      if (!isInside(fs.realpathSync.native(path.dirname(target)), this.outReal)) return undefined;
    } catch {
      return undefined;
    }
    try {
      if (fs.lstatSync(target).isSymbolicLink()) fs.unlinkSync(target);
    } catch {
      // missing: fine
    }
    return target;
  }

  /** Checks the out dir once; a refusal is returned again on every call. */
  prepare(): Diagnostic | undefined {
    if (this.prepared) return this.refused;
    this.prepared = true;
    if (this.leavesProject()) {
      this.refused = createDiagnostic(
        PATH_OUTSIDE_PROJECT,
        { file: '' },
        `the output directory ${path.relative(this.within!, this.outDir) || '.'} is refused: it is (or lies under) a symbolic link that leads outside the project (nothing is written)`,
      );
      return this.refused;
    }
    let entries: string[];
    try {
      const stat = fs.statSync(this.outDir);
      if (!stat.isDirectory()) {
        this.refused = createDiagnostic(OUT_DIR_NOT_EMPTY, { file: '' }, `${this.outDir} exists and is not a directory; refusing to replace it`);
        return this.refused;
      }
      entries = fs.readdirSync(this.outDir);
    } catch {
      return undefined; // missing: created on write
    }
    if (entries.length === 0) return undefined;
    const manifestPath = path.join(this.outDir, 'manifest.json');
    let manifest: unknown;
    try {
      manifest = JSON.parse(readRegularFile(manifestPath).toString('utf8')); // never a FIFO, never huge
    } catch {
      manifest = undefined;
    }
    if (!isMpkManifest(manifest)) {
      this.refused = createDiagnostic(
        OUT_DIR_NOT_EMPTY,
        { file: '' },
        `${this.outDir} is not empty and does not hold an mpk package (no mpk manifest.json); refusing to overwrite it. Choose another --out directory or empty this one`,
      );
      return this.refused;
    }
    this.previous = new Set(manifest.files.map((f) => f.path).filter((p) => this.inside(p) !== undefined));
    return undefined;
  }

  private inside(packagePath: string): string | undefined {
    const full = path.resolve(this.outDir, packagePath);
    return full.startsWith(this.outDir + path.sep) ? full : undefined;
  }

  /** Writes changed files (several at a time), removes stale ones, then writes manifest.json. */
  async write(files: readonly OutputFile[], manifestText: string): Promise<WriteOutcome> {
    const refusal = this.prepare();
    if (refusal) return { written: [], diagnostics: [refusal] };
    const diagnostics: Diagnostic[] = [];
    const written: string[] = [];
    const fail = (p: string, error: unknown) =>
      diagnostics.push(createDiagnostic(WRITE_FAILED, { file: '' }, `could not write ${path.join(this.outDir, p)}: ${(error as Error).message}`));
    try {
      await fsp.mkdir(this.outDir, { recursive: true });
    } catch (error) {
      fail('', error);
      return { written, diagnostics };
    }
    const current = new Set(files.map((f) => f.path));
    const pending = files.filter((file) => this.written.get(file.path) !== file.sha256);
    const madeDirs = new Set<string>([this.outDir]);
    await forEachLimited(pending, WRITE_CONCURRENCY, async (file) => {
      const target = this.inside(file.path);
      if (!target) {
        fail(file.path, new Error('path leaves the output directory'));
        return;
      }
      try {
        const dir = path.dirname(target);
        if (!madeDirs.has(dir)) {
          await fsp.mkdir(dir, { recursive: true });
          madeDirs.add(dir);
        }
        if (!this.contained(target)) throw new Error('its directory is a symbolic link out of the output directory');
        if (file.content !== undefined) await fsp.writeFile(target, file.content);
        else if (file.copyFrom) await fsp.writeFile(target, readAsset(file.copyFrom, file.sha256));
        this.written.set(file.path, file.sha256);
        written.push(file.path);
      } catch (error) {
        this.written.delete(file.path);
        fail(file.path, error);
      }
    });
    for (const stale of new Set([...this.previous, ...this.written.keys()])) {
      if (current.has(stale)) continue;
      this.written.delete(stale);
      const target = this.inside(stale);
      if (!target) continue;
      try {
        if (!this.contained(target)) continue; // never remove through a link out of the output directory
        fs.rmSync(target, { force: true });
        this.removeEmptyParents(path.dirname(target));
      } catch {
        // A stale file that cannot be removed is harmless: the manifest no longer lists it.
      }
    }
    this.previous = new Set();
    if (diagnostics.length === 0 && this.manifestWritten !== manifestText) {
      try {
        const manifestPath = this.contained(path.join(this.outDir, 'manifest.json'));
        if (!manifestPath) throw new Error('the output directory is not a plain directory');
        await fsp.writeFile(manifestPath, manifestText);
        this.manifestWritten = manifestText;
        written.push('manifest.json');
      } catch (error) {
        fail('manifest.json', error);
      }
    }
    written.sort();
    return { written, diagnostics };
  }

  private removeEmptyParents(dir: string): void {
    for (let current = dir; current.startsWith(this.outDir + path.sep); current = path.dirname(current)) {
      try {
        if (fs.readdirSync(current).length > 0) return;
        fs.rmdirSync(current);
      } catch {
        return;
      }
    }
  }
}
