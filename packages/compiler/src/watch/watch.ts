/**
 * Watch mode: one cold build, then an incremental rebuild for each burst of file changes
 * (debounced), reported through `onBuild`. Changes inside the output directory, node_modules and
 * dot-directories are ignored, so writing the package never triggers another build.
 */

import path from 'node:path';
import { createBuilder, type BuildOptions, type BuildResult } from '../build/builder.ts';
import { TreeWatcher } from './tree-watcher.ts';

export interface WatchOptions extends BuildOptions {
  /** Called after the first build and after every rebuild. */
  onBuild(result: BuildResult): void;
  /** The watcher itself failed (the project directory vanished, too many files to watch…). */
  onError?(error: unknown): void;
  /** Quiet period before a burst of changes is rebuilt (default 25 ms). */
  debounceMs?: number;
}

export interface Watcher {
  /** Resolves when the current build (if any) finished and the watcher is closed. */
  close(): Promise<void>;
  /** Resolves when the builds requested so far are done (tests, tools that script edits). */
  idle(): Promise<void>;
}

export function watch(projectDir: string, options: WatchOptions): Watcher {
  const dir = path.resolve(projectDir);
  const outDir = path.resolve(dir, options.outDir ?? 'dist');
  const builder = createBuilder(dir, options);
  const debounceMs = options.debounceMs ?? 25;
  const pendingChanges = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let work: Promise<void> = Promise.resolve();

  const report = (result: BuildResult) => {
    if (closed) return;
    try {
      options.onBuild(result);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const enqueue = (task: () => Promise<BuildResult>) => {
    work = work.then(async () => {
      if (closed) return;
      try {
        report(await task());
      } catch (error) {
        options.onError?.(error);
      }
    });
  };

  const ignored = (absolute: string): boolean => {
    if (absolute === outDir || absolute.startsWith(outDir + path.sep)) return true;
    const relative = path.relative(dir, absolute);
    return relative.split(path.sep).some((segment) => segment === 'node_modules' || segment.startsWith('.'));
  };

  const flush = () => {
    timer = undefined;
    if (pendingChanges.size === 0) return;
    const changed = [...pendingChanges];
    pendingChanges.clear();
    enqueue(() => builder.rebuild(changed));
  };

  enqueue(() => builder.build());

  const watcher = new TreeWatcher(dir, {
    ignored,
    onChange(absolute) {
      if (closed) return;
      pendingChanges.add(absolute);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    },
    onError: (error) => options.onError?.(error),
  });

  return {
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
      await work.catch(() => undefined);
      await builder.dispose();
    },
    async idle() {
      // Wait for the debounce to fire, then for the builds it queued.
      while (timer || pendingChanges.size > 0) await new Promise((r) => setTimeout(r, debounceMs));
      await work;
    },
  };
}
