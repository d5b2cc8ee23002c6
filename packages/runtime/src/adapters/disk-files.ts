/**
 * The durable file store for Node hosts: a directory per app, the same crash-safety standard as
 * the file storage (adapters/storage/file.ts) — no acknowledged write is lost.
 *
 * Layout: `<dir>/<app>/usr/…` (local user files, the tree the app sees under `https://usr`),
 * `<app>/store/…` (saved files), `<app>/resource/…` (temporary files: emptied when the store first
 * opens the app in a process — they do not outlive the session on the platform either) and
 * `<app>/tmp/` (writes in flight). `<app>` is a readable stem of the appId plus a hash of it, so
 * ids that sanitise alike never share a directory and no id reaches outside `dir`.
 *
 * A write goes to a new file in `tmp/` (O_EXCL | O_NOFOLLOW), is fsync'd, renamed over its target
 * and the target's directory fsync'd before `write` returns; a crash at any point leaves either the
 * old file or the new one, never a torn one, and stale `tmp/` files are removed at the next open.
 * mkdir, rmdir, remove and rename fsync the directories they change.
 *
 * Links: every directory on the way to a path is `lstat`ed, and a symbolic link (or anything that
 * is not a directory) on the way, or at the path itself, refuses the operation with EACCES; files are
 * opened with O_NOFOLLOW | O_NONBLOCK and `fstat`ed (a link or FIFO swapped in is refused by the
 * kernel, a FIFO cannot block). A link planted in the app's directory is never followed, listed or
 * counted. Quota: bytes and entries per app, counted when the app is opened and kept up to date;
 * over it the oldest temporary files go first, then the write fails with ENOSPC before anything is
 * written. One process per directory (as for the file storage).
 */

import { nodeBuiltin } from './node-builtins.ts';
import { fileStem, fsyncDir } from './storage/file.ts';
import {
  DEFAULT_FILE_QUOTA,
  FileStoreError,
  isRoot,
  parentOf,
  parseLocalPath,
  type FileRoot,
  type FileStat,
  type FileStore,
  type FileStoreOptions,
  type LocalPath,
} from './files.ts';

export interface DiskFileStore extends FileStore {
  readonly dir: string;
  /** The directory of an app's files (tests, devtools). */
  appDir(appId: string): string;
}

const fs = () => nodeBuiltin('node:fs');
const pathMod = () => nodeBuiltin('node:path');


function lstatOrUndefined(path: string) {
  try {
    return fs().lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function translate(error: unknown, path: string): never {
  if (error instanceof FileStoreError) throw error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP' || code === 'EACCES' || code === 'EPERM') throw new FileStoreError('EACCES', `permission denied: ${path}`);
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'EINVAL') {
    throw new FileStoreError(code, `${code === 'ENOENT' ? 'no such file or directory' : code.toLowerCase()}: ${path}`);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') throw new FileStoreError('ENOSPC', `the host's disk is full: ${path}`);
  throw error;
}

interface AppState {
  dir: string;
  bytes: number;
  files: number;
}

export function createDiskFileStore(dir: string, options: FileStoreOptions = {}): DiskFileStore {
  const maxBytes = options.maxBytesPerApp ?? DEFAULT_FILE_QUOTA.maxBytesPerApp;
  const maxFiles = options.maxFilesPerApp ?? DEFAULT_FILE_QUOTA.maxFilesPerApp;
  const root = pathMod().resolve(dir);
  fs().mkdirSync(root, { recursive: true, mode: 0o700 });
  const apps = new Map<string, AppState>();
  const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = fs().constants;

  /** Entries and bytes of a tree, links and other kinds left out. */
  const measure = (path: string): { bytes: number; files: number } => {
    let bytes = 0;
    let files = 0;
    for (const entry of fs().readdirSync(path, { withFileTypes: true })) {
      const full = pathMod().join(path, entry.name);
      if (entry.isDirectory()) {
        const inner = measure(full);
        bytes += inner.bytes;
        files += inner.files + 1;
      } else if (entry.isFile()) {
        bytes += fs().lstatSync(full).size;
        files += 1;
      }
    }
    return { bytes, files };
  };

  const open = (appId: string): AppState => {
    let state = apps.get(appId);
    if (state) return state;
    const appDir = pathMod().join(root, fileStem(appId));
    fs().mkdirSync(appDir, { recursive: true, mode: 0o700 });
    // Temporary files and writes in flight do not outlive the session.
    for (const name of ['tmp', 'resource']) fs().rmSync(pathMod().join(appDir, name), { recursive: true, force: true });
    for (const name of ['usr', 'store', 'resource', 'tmp']) {
      const sub = pathMod().join(appDir, name);
      const stat = lstatOrUndefined(sub);
      if (stat && !stat.isDirectory()) throw new Error(`mpk file store: ${sub} is not a directory`);
      if (!stat) fs().mkdirSync(sub, { mode: 0o700 });
    }
    fsyncDir(appDir);
    const usr = measure(pathMod().join(appDir, 'usr'));
    const store = measure(pathMod().join(appDir, 'store'));
    state = { dir: appDir, bytes: usr.bytes + store.bytes, files: usr.files + store.files };
    apps.set(appId, state);
    return state;
  };

  const rootDir = (state: AppState, name: FileRoot) => pathMod().join(state.dir, name);

  /**
   * The host path of `local`, after checking that every directory on the way is a real directory
   * (no link). `kind` of what is at the path itself: undefined when nothing.
   */
  const resolve = (state: AppState, local: LocalPath): { host: string; stat: ReturnType<typeof lstatOrUndefined> } => {
    let host = rootDir(state, local.root);
    for (let i = 0; i < local.segments.length; i++) {
      host = pathMod().join(host, local.segments[i]!);
      const stat = lstatOrUndefined(host);
      if (i === local.segments.length - 1) {
        if (stat?.isSymbolicLink()) throw new FileStoreError('EACCES', `permission denied: ${local.path} is a link`);
        if (stat && !stat.isFile() && !stat.isDirectory()) throw new FileStoreError('EACCES', `permission denied: ${local.path} is not a regular file`);
        return { host, stat };
      }
      if (!stat) throw new FileStoreError('ENOENT', `no such file or directory: ${local.path}`);
      if (stat.isSymbolicLink()) throw new FileStoreError('EACCES', `permission denied: a link on the way to ${local.path}`);
      if (!stat.isDirectory()) throw new FileStoreError('ENOTDIR', `not a directory on the way to ${local.path}`);
    }
    return { host, stat: fs().lstatSync(host) };
  };

  const needDir = (state: AppState, local: LocalPath, what: string): string => {
    const { host, stat } = resolve(state, local);
    if (!stat) throw new FileStoreError('ENOENT', `no such file or directory: ${local.path} (${what})`);
    if (!stat.isDirectory()) throw new FileStoreError('ENOTDIR', `not a directory: ${local.path} (${what})`);
    return host;
  };

  const readHost = (host: string, path: string): Uint8Array => {
    let fd: number;
    try {
      fd = fs().openSync(host, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (error) {
      translate(error, path);
    }
    try {
      const stat = fs().fstatSync(fd);
      if (stat.isDirectory()) throw new FileStoreError('EISDIR', `is a directory: ${path}`);
      if (!stat.isFile()) throw new FileStoreError('EACCES', `permission denied: ${path} is not a regular file`);
      if (stat.size > maxBytes) throw new FileStoreError('EACCES', `permission denied: ${path} is larger than an app may keep`);
      const out = new Uint8Array(stat.size);
      let offset = 0;
      while (offset < out.length) {
        const n = fs().readSync(fd, out, offset, out.length - offset, offset);
        if (n === 0) break;
        offset += n;
      }
      return offset === out.length ? out : out.slice(0, offset);
    } finally {
      fs().closeSync(fd);
    }
  };

  /** Oldest temporary files go until `bytes` more and `entries` more fit; else ENOSPC. */
  const makeRoom = (state: AppState, bytes: number, entries: number): void => {
    if (state.bytes + bytes <= maxBytes && state.files + entries <= maxFiles) return;
    const tempDir = rootDir(state, 'resource');
    const temps = fs()
      .readdirSync(tempDir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => ({ path: pathMod().join(tempDir, e.name), stat: fs().lstatSync(pathMod().join(tempDir, e.name)) }))
      .sort((a, b) => a.stat.mtimeMs - b.stat.mtimeMs || (a.path < b.path ? -1 : 1));
    for (const temp of temps) {
      if (state.bytes + bytes <= maxBytes && state.files + entries <= maxFiles) break;
      fs().unlinkSync(temp.path);
      state.bytes -= temp.stat.size;
      state.files -= 1;
    }
    if (state.bytes + bytes > maxBytes || state.files + entries > maxFiles) {
      throw new FileStoreError('ENOSPC', `the app's files are full (${state.files} files, ${state.bytes} bytes; at most ${maxFiles} files and ${maxBytes} bytes): remove some first`);
    }
  };

  const store: DiskFileStore = {
    dir: root,
    appDir: (appId) => open(appId).dir,
    read(appId, path) {
      const local = parseLocalPath(path);
      const state = open(appId);
      const { host, stat } = resolve(state, local);
      if (!stat) return undefined;
      if (stat.isDirectory()) throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      return readHost(host, local.path);
    },
    write(appId, path, data) {
      const local = parseLocalPath(path);
      if (isRoot(local)) throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      if (data.byteLength > maxBytes) throw new FileStoreError('ENOSPC', `the file is ${data.byteLength} bytes, more than the ${maxBytes} an app may keep`);
      const state = open(appId);
      needDir(state, parentOf(local), 'the directory of the file');
      const { host, stat } = resolve(state, local);
      if (stat?.isDirectory()) throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      const oldBytes = stat?.size ?? 0;
      // Temporary files count too (they are what goes first).
      makeRoom(state, data.byteLength - oldBytes, stat ? 0 : 1);
      const temp = pathMod().join(state.dir, 'tmp', `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
      try {
        const fd = fs().openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
        try {
          let written = 0;
          while (written < data.length) written += fs().writeSync(fd, data, written, data.length - written);
          fs().fsyncSync(fd);
        } finally {
          fs().closeSync(fd);
        }
        fs().renameSync(temp, host);
      } catch (error) {
        fs().rmSync(temp, { force: true });
        translate(error, local.path);
      }
      fsyncDir(pathMod().dirname(host));
      state.bytes += data.byteLength - oldBytes;
      if (!stat) state.files += 1;
    },
    remove(appId, path) {
      const local = parseLocalPath(path);
      if (isRoot(local)) throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      const state = open(appId);
      let found;
      try {
        found = resolve(state, local);
      } catch (error) {
        if (error instanceof FileStoreError && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return;
        throw error;
      }
      const { host, stat } = found;
      if (!stat) return;
      if (stat.isDirectory()) throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      fs().unlinkSync(host);
      fsyncDir(pathMod().dirname(host));
      state.bytes -= stat.size;
      state.files -= 1;
    },
    stat(appId, path) {
      const local = parseLocalPath(path);
      let found;
      try {
        found = resolve(open(appId), local);
      } catch (error) {
        if (error instanceof FileStoreError && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
        throw error;
      }
      const { stat } = found;
      if (!stat) return undefined;
      const result: FileStat = {
        type: stat.isDirectory() ? 'directory' : 'file',
        size: stat.isDirectory() ? 0 : stat.size,
        createdMs: stat.birthtimeMs || stat.ctimeMs,
        modifiedMs: stat.mtimeMs,
        accessedMs: stat.atimeMs,
      };
      return result;
    },
    list(appId, dir) {
      const local = parseLocalPath(dir);
      const host = needDir(open(appId), local, 'listed');
      return fs()
        .readdirSync(host, { withFileTypes: true })
        .filter((e) => e.isFile() || e.isDirectory())
        .map((e) => e.name)
        .sort();
    },
    mkdir(appId, path) {
      const local = parseLocalPath(path);
      const state = open(appId);
      needDir(state, parentOf(local), 'the parent directory');
      const { host, stat } = resolve(state, local);
      if (stat) throw new FileStoreError('EEXIST', `file or directory exists: ${local.path}`);
      makeRoom(state, 0, 1);
      try {
        fs().mkdirSync(host, { mode: 0o700 });
      } catch (error) {
        translate(error, local.path);
      }
      fsyncDir(pathMod().dirname(host));
      state.files += 1;
    },
    rmdir(appId, path) {
      const local = parseLocalPath(path);
      if (isRoot(local)) throw new FileStoreError('EACCES', `permission denied: ${local.path} is a root`);
      const state = open(appId);
      const host = needDir(state, local, 'removed');
      if (fs().readdirSync(host).length > 0) throw new FileStoreError('ENOTEMPTY', `directory not empty: ${local.path}`);
      try {
        fs().rmdirSync(host);
      } catch (error) {
        translate(error, local.path);
      }
      fsyncDir(pathMod().dirname(host));
      state.files -= 1;
    },
    rename(appId, from, to) {
      const source = parseLocalPath(from);
      const target = parseLocalPath(to);
      if (isRoot(source) || isRoot(target)) throw new FileStoreError('EACCES', 'permission denied: a root cannot be moved or replaced');
      const state = open(appId);
      const src = resolve(state, source);
      if (!src.stat) throw new FileStoreError('ENOENT', `no such file or directory: ${source.path}`);
      if (source.path === target.path) return;
      if (src.stat.isDirectory() && target.root === source.root && target.path.startsWith(`${source.path}/`)) {
        throw new FileStoreError('EINVAL', `cannot move ${source.path} into itself`);
      }
      needDir(state, parentOf(target), 'the directory of the new path');
      const dest = resolve(state, target);
      if (dest.stat?.isDirectory()) throw new FileStoreError('EEXIST', `a directory exists at ${target.path}`);
      if (dest.stat && src.stat.isDirectory()) throw new FileStoreError('ENOTDIR', `a file exists at ${target.path}`);
      try {
        fs().renameSync(src.host, dest.host);
      } catch (error) {
        translate(error, target.path);
      }
      fsyncDir(pathMod().dirname(dest.host));
      if (pathMod().dirname(dest.host) !== pathMod().dirname(src.host)) fsyncDir(pathMod().dirname(src.host));
      if (dest.stat) {
        state.bytes -= dest.stat.size;
        state.files -= 1;
      }
    },
    usage(appId) {
      const state = open(appId);
      return { bytes: state.bytes, files: state.files };
    },
    clear(appId) {
      const state = open(appId);
      fs().rmSync(state.dir, { recursive: true, force: true });
      apps.delete(appId);
    },
  };
  return store;
}
