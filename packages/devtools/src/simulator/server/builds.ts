/**
 * The project under development: watched and rebuilt by the compiler, each build numbered and
 * turned into the event the page receives, each good build kept as an immutable snapshot the page
 * loads from (`/b/<id>/…`), so a container always reads one consistent package even while the next
 * build is being written.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { watch, type BuildResult, type Diagnostic, type Watcher } from '@mpk/compiler';
import type { PackageSource } from '@mpk/runtime';

/** What the page receives over `/events` after every build. */
export interface BuildEvent {
  type: 'build';
  /** 1, 2, 3… per server. A good build's package is served under `/b/<id>/`. */
  id: number;
  ok: boolean;
  /** Package files whose content changed since the last good build (all files on the first). */
  changed: string[];
  diagnostics: Diagnostic[];
  /** Wall time of the build. */
  durationMs: number;
}

/** How many good builds stay servable (a page still running an older one can finish loading it). */
const KEPT_SNAPSHOTS = 8;

export interface ProjectBuildsEvents {
  build: [BuildEvent];
  /** The watcher itself failed (the project directory vanished…). */
  error: [unknown];
}

export class ProjectBuilds extends EventEmitter<ProjectBuildsEvents> {
  private readonly snapshots = new Map<number, PackageSource>();
  private watcher: Watcher | undefined;
  private nextId = 1;
  private latest: BuildEvent | undefined;
  private latestGood: number | undefined;
  private started = 0;

  private constructor(
    readonly project: string,
    readonly outDir: string,
  ) {
    super();
  }

  /**
   * Starts watching; the first build runs right away. TypeScript type errors are build errors
   * here too (the overlay shows them, the app stays on its last good build) unless
   * `typecheck: false` (`mpk dev --no-typecheck`).
   */
  static async start(project: string, options: { typecheck?: boolean } = {}): Promise<ProjectBuilds> {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'mpk-dev-'));
    const builds = new ProjectBuilds(path.resolve(project), outDir);
    builds.started = performance.now();
    builds.watcher = watch(builds.project, {
      outDir,
      // While developing, a package over the size limits still builds and runs (a warning; mpk build refuses it).
      sizeLimits: 'warning',
      // Source locations for the element inspector (view.json and the sheets; mpk build never has them).
      sourceInfo: true,
      ...(options.typecheck === false ? { typecheck: false } : {}),
      onBuild: (result) => builds.record(result),
      onError: (error) => builds.emit('error', error),
    });
    return builds;
  }

  /** The last build's event, once there was one. */
  last(): BuildEvent | undefined {
    return this.latest;
  }

  /** Id of the newest good build. */
  lastGoodId(): number | undefined {
    return this.latestGood;
  }

  /** The package of good build `id` (while it is kept). */
  snapshot(id: number): PackageSource | undefined {
    return this.snapshots.get(id);
  }

  /** Resolves when the builds requested so far (edits already seen) are done. */
  async idle(): Promise<void> {
    await this.watcher?.idle();
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
    this.snapshots.clear();
    await rm(this.outDir, { recursive: true, force: true });
  }

  private record(result: BuildResult): void {
    const now = performance.now();
    const event: BuildEvent = {
      type: 'build',
      id: this.nextId++,
      ok: result.ok,
      changed: result.changed,
      diagnostics: result.diagnostics,
      durationMs: Math.round(result.timings.totalMs),
    };
    if (event.id === 1) event.durationMs = Math.round(now - this.started);
    if (result.ok && result.source) {
      this.snapshots.set(event.id, result.source);
      this.latestGood = event.id;
      for (const id of this.snapshots.keys()) if (id <= event.id - KEPT_SNAPSHOTS) this.snapshots.delete(id);
    }
    this.latest = event;
    this.emit('build', event);
  }
}
