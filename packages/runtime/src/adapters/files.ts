/**
 * The host's file store: where `my.downloadFile` and `my.chooseImage` put files and where
 * `my.uploadFile` reads them. Paths are the platform's virtual paths (`https://resource/…` for
 * temporary files, `https://usr/…` under `my.env.USER_DATA_PATH`), scoped per app so one
 * mini-program cannot read another's files.
 */

import type { MaybePromise } from './context.ts';

export interface FileStore {
  read(appId: string, path: string): MaybePromise<Uint8Array | undefined>;
  write(appId: string, path: string, data: Uint8Array): MaybePromise<void>;
  remove(appId: string, path: string): MaybePromise<void>;
}

export interface MemoryFileStore extends FileStore {
  /** Paths an app has, for tests and devtools. */
  list(appId: string): string[];
}

export interface MemoryFileStoreOptions {
  /** Bytes one app may keep (default 100 MiB). */
  maxBytesPerApp?: number;
  /** Files one app may keep (default 1000). */
  maxFilesPerApp?: number;
}

export const DEFAULT_FILE_QUOTA = Object.freeze({ maxBytesPerApp: 100 * 1024 * 1024, maxFilesPerApp: 1000 });

const TEMP_PREFIX = 'https://resource/';

/**
 * Files kept in memory for the life of the host (temporary files are per session on the platform
 * too), within a quota per app: when a write would go over it, the oldest temporary files
 * (`https://resource/…`, what `downloadFile` and `chooseImage` make) are let go first; a write
 * that still does not fit is refused (the API fails) rather than growing the host's memory.
 */
export function createMemoryFileStore(options: MemoryFileStoreOptions = {}): MemoryFileStore {
  const maxBytes = options.maxBytesPerApp ?? DEFAULT_FILE_QUOTA.maxBytesPerApp;
  const maxFiles = options.maxFilesPerApp ?? DEFAULT_FILE_QUOTA.maxFilesPerApp;
  const apps = new Map<string, { files: Map<string, Uint8Array>; bytes: number }>();
  const remove = (app: { files: Map<string, Uint8Array>; bytes: number }, path: string): void => {
    const old = app.files.get(path);
    if (old === undefined) return;
    app.files.delete(path);
    app.bytes -= old.byteLength;
  };
  return {
    read: (appId, path) => apps.get(appId)?.files.get(path),
    write(appId, path, data) {
      if (data.byteLength > maxBytes) throw new Error(`the file is ${data.byteLength} bytes, more than the ${maxBytes} an app may keep`);
      let app = apps.get(appId);
      if (!app) apps.set(appId, (app = { files: new Map(), bytes: 0 }));
      remove(app, path);
      // Oldest temporary files go first (Map order is insertion order).
      for (const [other] of app.files) {
        if (app.bytes + data.byteLength <= maxBytes && app.files.size < maxFiles) break;
        if (other.startsWith(TEMP_PREFIX)) remove(app, other);
      }
      if (app.bytes + data.byteLength > maxBytes || app.files.size >= maxFiles) {
        throw new Error(`the app's files are full (${app.files.size} files, ${app.bytes} bytes; at most ${maxFiles} files and ${maxBytes} bytes): remove some first`);
      }
      app.files.set(path, data.slice());
      app.bytes += data.byteLength;
    },
    remove: (appId, path) => {
      const app = apps.get(appId);
      if (app) remove(app, path);
    },
    list: (appId) => [...(apps.get(appId)?.files.keys() ?? [])],
  };
}

/** `my.env.USER_DATA_PATH`. */
export const USER_DATA_PATH = 'https://usr';

/** A new temporary file path, `https://resource/apml<hex>.<ext>` like the platform's. */
export function tempFilePath(ext: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `https://resource/apml${hex}.${ext}`;
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
