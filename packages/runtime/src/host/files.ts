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

/** Files kept in memory for the life of the host (temporary files are per session on the platform too). */
export function createMemoryFileStore(): MemoryFileStore {
  const apps = new Map<string, Map<string, Uint8Array>>();
  return {
    read: (appId, path) => apps.get(appId)?.get(path),
    write(appId, path, data) {
      let files = apps.get(appId);
      if (!files) apps.set(appId, (files = new Map()));
      files.set(path, data.slice());
    },
    remove: (appId, path) => void apps.get(appId)?.delete(path),
    list: (appId) => [...(apps.get(appId)?.keys() ?? [])],
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
