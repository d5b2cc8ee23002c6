/**
 * The host's file store: where `my.downloadFile` and `my.chooseImage` put files, where
 * `my.uploadFile` reads them, and what `my.getFileSystemManager()` and the saved-file APIs work on.
 * Paths are the platform's virtual paths, scoped per app so one mini-program never reaches
 * another's files:
 *
 * - `https://usr/…` — local user files, under `my.env.USER_DATA_PATH`: directories, read and write;
 * - `https://resource/…` — local temporary files (downloads, chosen images), read-only to the app;
 * - `https://store/…` — local cached files (`my.saveFile` / `FileSystemManager.saveFile` without
 *   `filePath`), flat, named by the host.
 *
 * A store is synchronous, like a storage backend: `FileSystemManager`'s `…Sync` methods answer in
 * the call. Every path is parsed with `parseLocalPath` inside the store too (defence in depth): a
 * path that is not one of the three roots, holds a NUL or control character, a backslash, an
 * encoded dot or separator, or whose `..` climbs above its root is refused with `EACCES`.
 */

export interface FileStat {
  type: 'file' | 'directory';
  /** Bytes (0 for a directory). */
  size: number;
  createdMs: number;
  modifiedMs: number;
  accessedMs: number;
}

export interface FileUsage {
  /** Bytes of every file the app keeps. */
  bytes: number;
  /** Files and directories the app keeps. */
  files: number;
}

export type FileErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EACCES' | 'ENOSPC' | 'EINVAL';

/** What a store throws; the JSAPI turns each code into the documented error (10022, 10024, 10028…). */
export class FileStoreError extends Error {
  override name = 'FileStoreError';
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface FileStore {
  /** The file's bytes; undefined when there is none. A directory there throws EISDIR. */
  read(appId: string, path: string): Uint8Array | undefined;
  /**
   * Creates or replaces a file. Its directory must exist (the three roots always do): ENOENT;
   * a directory at the path: EISDIR; over the store's quota: ENOSPC. Durable stores return only
   * once the bytes are on disk.
   */
  write(appId: string, path: string, data: Uint8Array): void;
  /** Removes a file; nothing when there is none; a directory: EISDIR. */
  remove(appId: string, path: string): void;
  stat(appId: string, path: string): FileStat | undefined;
  /** Names in a directory (sorted): ENOENT, ENOTDIR. */
  list(appId: string, dir: string): string[];
  /** Makes one directory; its parent must exist: ENOENT, EEXIST. */
  mkdir(appId: string, path: string): void;
  /** Removes an empty directory: ENOENT, ENOTDIR, ENOTEMPTY; a root: EACCES. */
  rmdir(appId: string, path: string): void;
  /**
   * Moves a file or a directory. `to`'s directory must exist (ENOENT); a file replaces a file; an
   * existing directory at `to` (EEXIST), a directory into itself (EINVAL) and a root (EACCES) are refused.
   */
  rename(appId: string, from: string, to: string): void;
  usage(appId: string): FileUsage;
  /** Forgets every file of the app (anonymous containers, when destroyed). */
  clear(appId: string): void;
}

export interface MemoryFileStore extends FileStore {
  /** Without `dir`: the paths of every file (not directory) the app has, oldest first, for tests and devtools. */
  list(appId: string, dir?: string): string[];
}

export interface FileStoreOptions {
  /** Bytes one app may keep (default 100 MiB). */
  maxBytesPerApp?: number;
  /** Files and directories one app may keep (default 1000). */
  maxFilesPerApp?: number;
}
/** @deprecated the name of `FileStoreOptions` before the file system. */
export type MemoryFileStoreOptions = FileStoreOptions;

export const DEFAULT_FILE_QUOTA = Object.freeze({ maxBytesPerApp: 100 * 1024 * 1024, maxFilesPerApp: 1000 });

/** `my.env.USER_DATA_PATH`. */
export const USER_DATA_PATH = 'https://usr';
export const TEMP_ROOT = 'https://resource';
export const SAVED_ROOT = 'https://store';

export type FileRoot = 'usr' | 'resource' | 'store';
const ROOTS: Record<FileRoot, string> = { usr: USER_DATA_PATH, resource: TEMP_ROOT, store: SAVED_ROOT };

export interface LocalPath {
  root: FileRoot;
  /** Path segments under the root (empty for the root itself). */
  segments: string[];
  /** The normalised virtual path (`https://usr/a/b.txt`, `https://usr` for the root). */
  path: string;
}

const MAX_PATH_LENGTH = 4096;
const MAX_SEGMENT_BYTES = 255;
const MAX_DEPTH = 64;

/** Why `path` is not a local file path of this app, or undefined when it is one. */
export function localPathProblem(path: unknown): string | undefined {
  try {
    parseLocalPath(path);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Parses a virtual path: one of the three roots, then segments; `.` and empty segments are
 * dropped and `..` steps up, never above the root. Throws FileStoreError('EACCES') for anything
 * else: other schemes and host paths (`/etc/passwd`, `file:///…`, `C:\…`), NUL and control
 * characters, backslashes, encoded dots, slashes, backslashes or NULs (`%2e%2e`, `%2f`), segments
 * over 255 bytes, more than 64 levels.
 */
export function parseLocalPath(path: unknown): LocalPath {
  const refuse = (why: string): never => {
    throw new FileStoreError('EACCES', `permission denied: ${why}`);
  };
  if (typeof path !== 'string') return refuse('the path is not a string');
  if (path.length > MAX_PATH_LENGTH) return refuse(`the path is longer than ${MAX_PATH_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return refuse('the path holds a NUL or control character');
  if (path.includes('\\')) return refuse('the path holds a backslash');
  let root: FileRoot | undefined;
  for (const [name, prefix] of Object.entries(ROOTS) as [FileRoot, string][]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) root = name;
  }
  if (!root) return refuse(`${JSON.stringify(path)} is outside this app's files (${USER_DATA_PATH}/…, ${TEMP_ROOT}/…, ${SAVED_ROOT}/…)`);
  const segments: string[] = [];
  for (const segment of path.slice(ROOTS[root].length).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return refuse(`${JSON.stringify(path)} climbs out of ${ROOTS[root]}`);
      segments.pop();
      continue;
    }
    if (/%(2e|2f|5c|00)/i.test(segment)) return refuse(`${JSON.stringify(path)} holds an encoded dot, slash, backslash or NUL`);
    if (new TextEncoder().encode(segment).length > MAX_SEGMENT_BYTES) return refuse(`a name in ${JSON.stringify(path)} is longer than ${MAX_SEGMENT_BYTES} bytes`);
    segments.push(segment);
  }
  if (segments.length > MAX_DEPTH) return refuse(`${JSON.stringify(path)} is more than ${MAX_DEPTH} levels deep`);
  return { root, segments, path: [ROOTS[root], ...segments].join('/') };
}

/** The parent of a parsed path (the root's parent is the root). */
export function parentOf(local: LocalPath): LocalPath {
  const segments = local.segments.slice(0, -1);
  return { root: local.root, segments, path: [ROOTS[local.root], ...segments].join('/') };
}

export function isRoot(local: LocalPath): boolean {
  return local.segments.length === 0;
}

type Entry = { kind: 'file'; data: Uint8Array; createdMs: number; modifiedMs: number; accessedMs: number } | { kind: 'dir'; createdMs: number; modifiedMs: number; accessedMs: number };

interface MemoryApp {
  entries: Map<string, Entry>;
  bytes: number;
}

/**
 * Files kept in memory for the life of the host (temporary files are per session on the platform
 * too), within a quota per app: when a write would go over it, the oldest temporary files
 * (`https://resource/…`, what `downloadFile` and `chooseImage` make) are let go first; a write
 * that still does not fit is refused (ENOSPC) rather than growing the host's memory.
 */
export function createMemoryFileStore(options: FileStoreOptions = {}): MemoryFileStore {
  const maxBytes = options.maxBytesPerApp ?? DEFAULT_FILE_QUOTA.maxBytesPerApp;
  const maxFiles = options.maxFilesPerApp ?? DEFAULT_FILE_QUOTA.maxFilesPerApp;
  const apps = new Map<string, MemoryApp>();
  const appOf = (appId: string): MemoryApp => {
    let app = apps.get(appId);
    if (!app) apps.set(appId, (app = { entries: new Map(), bytes: 0 }));
    return app;
  };
  const lookup = (app: MemoryApp, local: LocalPath): Entry | undefined => {
    if (isRoot(local)) return { kind: 'dir', createdMs: 0, modifiedMs: 0, accessedMs: 0 };
    return app.entries.get(local.path);
  };
  const needDir = (app: MemoryApp, local: LocalPath, what: string): void => {
    const entry = lookup(app, local);
    if (!entry) throw new FileStoreError('ENOENT', `no such file or directory: ${local.path} (${what})`);
    if (entry.kind !== 'dir') throw new FileStoreError('ENOTDIR', `not a directory: ${local.path} (${what})`);
  };
  const drop = (app: MemoryApp, path: string): void => {
    const old = app.entries.get(path);
    if (!old) return;
    app.entries.delete(path);
    if (old.kind === 'file') app.bytes -= old.data.byteLength;
  };
  const makeRoom = (app: MemoryApp, bytes: number, entries: number): void => {
    // Oldest temporary files go first (Map order is insertion order).
    for (const [other, entry] of app.entries) {
      if (app.bytes + bytes <= maxBytes && app.entries.size + entries <= maxFiles) break;
      if (entry.kind === 'file' && other.startsWith(`${TEMP_ROOT}/`)) drop(app, other);
    }
    if (app.bytes + bytes > maxBytes || app.entries.size + entries > maxFiles) {
      throw new FileStoreError('ENOSPC', `the app's files are full (${app.entries.size} files, ${app.bytes} bytes; at most ${maxFiles} files and ${maxBytes} bytes): remove some first`);
    }
  };
  const childrenOf = (app: MemoryApp, dir: string): string[] => [...app.entries.keys()].filter((p) => p.startsWith(`${dir}/`));

  return {
    read(appId, path) {
      const local = parseLocalPath(path);
      const entry = apps.get(appId)?.entries.get(local.path);
      if (!entry) {
        if (isRoot(local)) throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
        return undefined;
      }
      if (entry.kind === 'dir') throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      entry.accessedMs = Date.now();
      return entry.data.slice();
    },
    write(appId, path, data) {
      const local = parseLocalPath(path);
      if (isRoot(local)) throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      if (data.byteLength > maxBytes) throw new FileStoreError('ENOSPC', `the file is ${data.byteLength} bytes, more than the ${maxBytes} an app may keep`);
      const app = appOf(appId);
      needDir(app, parentOf(local), 'the directory of the file');
      const old = app.entries.get(local.path);
      if (old?.kind === 'dir') throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      const oldBytes = old?.kind === 'file' ? old.data.byteLength : 0;
      makeRoom(app, data.byteLength - oldBytes, old ? 0 : 1);
      const now = Date.now();
      // Replacing keeps the creation time; a file re-created later goes to the end of the eviction order.
      const createdMs = old?.createdMs ?? now;
      if (old) drop(app, local.path);
      app.entries.set(local.path, { kind: 'file', data: data.slice(), createdMs, modifiedMs: now, accessedMs: now });
      app.bytes += data.byteLength;
    },
    remove(appId, path) {
      const local = parseLocalPath(path);
      const app = apps.get(appId);
      const entry = app?.entries.get(local.path);
      if (isRoot(local) || entry?.kind === 'dir') throw new FileStoreError('EISDIR', `is a directory: ${local.path}`);
      if (app && entry) drop(app, local.path);
    },
    stat(appId, path) {
      const local = parseLocalPath(path);
      const entry = lookup(appOf(appId), local);
      if (!entry) return undefined;
      return {
        type: entry.kind === 'dir' ? 'directory' : 'file',
        size: entry.kind === 'file' ? entry.data.byteLength : 0,
        createdMs: entry.createdMs,
        modifiedMs: entry.modifiedMs,
        accessedMs: entry.accessedMs,
      };
    },
    list(appId: string, dir?: string) {
      if (dir === undefined) return [...(apps.get(appId)?.entries ?? [])].filter(([, e]) => e.kind === 'file').map(([p]) => p);
      const local = parseLocalPath(dir);
      const app = appOf(appId);
      needDir(app, local, 'listed');
      const depth = local.segments.length + 1;
      return childrenOf(app, local.path)
        .filter((p) => parseLocalPath(p).segments.length === depth)
        .map((p) => p.slice(p.lastIndexOf('/') + 1))
        .sort();
    },
    mkdir(appId, path) {
      const local = parseLocalPath(path);
      const app = appOf(appId);
      if (lookup(app, local)) throw new FileStoreError('EEXIST', `file or directory exists: ${local.path}`);
      needDir(app, parentOf(local), 'the parent directory');
      makeRoom(app, 0, 1);
      const now = Date.now();
      app.entries.set(local.path, { kind: 'dir', createdMs: now, modifiedMs: now, accessedMs: now });
    },
    rmdir(appId, path) {
      const local = parseLocalPath(path);
      if (isRoot(local)) throw new FileStoreError('EACCES', `permission denied: ${local.path} is a root`);
      const app = appOf(appId);
      needDir(app, local, 'removed');
      if (childrenOf(app, local.path).length > 0) throw new FileStoreError('ENOTEMPTY', `directory not empty: ${local.path}`);
      app.entries.delete(local.path);
    },
    rename(appId, from, to) {
      const source = parseLocalPath(from);
      const target = parseLocalPath(to);
      if (isRoot(source) || isRoot(target)) throw new FileStoreError('EACCES', 'permission denied: a root cannot be moved or replaced');
      const app = appOf(appId);
      const entry = app.entries.get(source.path);
      if (!entry) throw new FileStoreError('ENOENT', `no such file or directory: ${source.path}`);
      if (source.path === target.path) return;
      if (entry.kind === 'dir' && target.path.startsWith(`${source.path}/`)) throw new FileStoreError('EINVAL', `cannot move ${source.path} into itself`);
      needDir(app, parentOf(target), 'the directory of the new path');
      const existing = app.entries.get(target.path);
      if (existing?.kind === 'dir') throw new FileStoreError('EEXIST', `a directory exists at ${target.path}`);
      if (existing && entry.kind === 'dir') throw new FileStoreError('ENOTDIR', `a file exists at ${target.path}`);
      if (existing) drop(app, target.path);
      const moved: [string, Entry][] = [[target.path, entry]];
      for (const child of childrenOf(app, source.path)) moved.push([target.path + child.slice(source.path.length), app.entries.get(child)!]);
      app.entries.delete(source.path);
      for (const child of childrenOf(app, source.path)) app.entries.delete(child);
      for (const [path, moving] of moved) app.entries.set(path, moving);
    },
    usage: (appId) => {
      const app = apps.get(appId);
      return { bytes: app?.bytes ?? 0, files: app?.entries.size ?? 0 };
    },
    clear: (appId) => void apps.delete(appId),
  };
}

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new temporary file path, `https://resource/apml<hex>.<ext>` like the platform's. */
export function tempFilePath(ext: string): string {
  return `${TEMP_ROOT}/apml${randomHex()}.${ext}`;
}

/** A new cached (saved) file path, `https://store/apml<hex>.<ext>`. */
export function savedFilePath(ext: string): string {
  return `${SAVED_ROOT}/apml${randomHex()}.${ext}`;
}

/** The extension the platform gives a downloaded temporary file, from its content type. */
export function tempExtensionFor(contentType: string | null | undefined): string {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('application/pdf')) return 'pdf';
  return 'other';
}
