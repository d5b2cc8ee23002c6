import { isNode, nodeBuiltin } from '../node-builtins.ts';
import { createFileStorage, type FileStorage } from './file.ts';
import { createLocalStorage } from './local.ts';
import { createMemoryStorage } from './memory.ts';
import type { StorageBackend } from './types.ts';

export type { StorageBackend } from './types.ts';
export { utf8Length, entryBytes } from './types.ts';
export { createMemoryStorage } from './memory.ts';
export { createLocalStorage, type WebStorageLike } from './local.ts';
export { createFileStorage, type FileStorage, type FileStorageOptions, type CorruptionEvent } from './file.ts';

/** Where the Node default keeps storage: `$MPK_STORAGE_DIR`, else `~/.mpk/storage`. */
export function defaultStorageDir(): string {
  const fromEnv = process.env.MPK_STORAGE_DIR;
  if (fromEnv) return fromEnv;
  return nodeBuiltin('node:path').join(nodeBuiltin('node:os').homedir(), '.mpk', 'storage');
}

let sharedFileStorage: FileStorage | undefined;

/**
 * The storage a host gets when it configures none: in Node the durable file store in
 * `defaultStorageDir()` (one per process, shared by every container); in a browser
 * `localStorage`; elsewhere memory.
 */
export function defaultStorage(): StorageBackend {
  if (isNode) return (sharedFileStorage ??= createFileStorage(defaultStorageDir()));
  if (typeof (globalThis as { localStorage?: unknown }).localStorage === 'object') return createLocalStorage();
  return createMemoryStorage();
}
