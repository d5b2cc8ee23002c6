/**
 * Watches a directory tree with one non-recursive fs.watch per directory, skipping ignored
 * directories entirely (node_modules, the output directory, dot-directories). Node's recursive
 * mode on Linux would also put a watch on every directory of node_modules, which can exhaust the
 * system's inotify watches on a real project; watching only what matters avoids that.
 */

import fs from 'node:fs';
import path from 'node:path';

export interface TreeWatcherOptions {
  /** Absolute paths (files or directories) to leave alone. */
  ignored(absolute: string): boolean;
  /** A path under the root was created, changed or deleted. */
  onChange(absolute: string): void;
  onError(error: unknown): void;
}

export class TreeWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly options: TreeWatcherOptions;
  private closed = false;

  constructor(root: string, options: TreeWatcherOptions) {
    this.options = options;
    this.add(path.resolve(root), true);
  }

  private add(dir: string, isRoot = false): void {
    if (this.closed || this.watchers.has(dir) || (!isRoot && this.options.ignored(dir))) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, (event, filename) => this.event(dir, event, filename?.toString()));
    } catch (error) {
      if (isRoot) this.options.onError(error);
      return; // a directory that vanished meanwhile
    }
    watcher.on('error', (error) => {
      // The directory itself went away: its parent's watcher reports that.
      if ((error as NodeJS.ErrnoException).code === 'EPERM' || (error as NodeJS.ErrnoException).code === 'ENOENT') this.remove(dir);
      else this.options.onError(error);
    });
    this.watchers.set(dir, watcher);
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) this.add(path.join(dir, entry.name));
  }

  private remove(dir: string): void {
    for (const [watched, watcher] of this.watchers) {
      if (watched === dir || watched.startsWith(dir + path.sep)) {
        watcher.close();
        this.watchers.delete(watched);
      }
    }
  }

  private event(dir: string, _event: string, filename: string | undefined): void {
    if (this.closed) return;
    const target = filename ? path.join(dir, filename) : dir;
    if (this.options.ignored(target)) return;
    let isDirectory = false;
    try {
      isDirectory = fs.statSync(target).isDirectory();
    } catch {
      this.remove(target);
    }
    if (isDirectory && !this.watchers.has(target)) this.add(target);
    this.options.onChange(target);
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
