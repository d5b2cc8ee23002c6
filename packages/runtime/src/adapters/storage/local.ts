import { entryBytes, type StorageBackend } from './types.ts';

/** The part of the Web Storage API the backend uses (so tests can pass a fake). */
export interface WebStorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The browser default: `localStorage`, one key per entry, prefixed per app
 * (`mpk:<appId>:<key>`, appId URI-encoded so `:` inside it cannot collide). The browser's own
 * quota (usually 5 MB per origin) may be hit before the platform's 10 MB: `setItem` then throws
 * `QuotaExceededError`, which the registry reports as error 12 (storage full).
 */
export function createLocalStorage(storage?: WebStorageLike, prefix = 'mpk:'): StorageBackend {
  const store = storage ?? (globalThis as { localStorage?: WebStorageLike }).localStorage;
  if (!store) throw new Error('createLocalStorage: no localStorage in this environment; pass a Storage object');
  const appPrefix = (appId: string) => `${prefix}${encodeURIComponent(appId)}:`;
  const ownKeys = (appId: string): string[] => {
    const start = appPrefix(appId);
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const name = store.key(i);
      if (name?.startsWith(start)) keys.push(name.slice(start.length));
    }
    return keys;
  };
  return {
    get: (appId, key) => store.getItem(appPrefix(appId) + key) ?? undefined,
    set: (appId, key, value) => store.setItem(appPrefix(appId) + key, value),
    remove: (appId, key) => store.removeItem(appPrefix(appId) + key),
    clear(appId) {
      for (const key of ownKeys(appId)) store.removeItem(appPrefix(appId) + key);
    },
    keys: ownKeys,
    bytes(appId) {
      let total = 0;
      for (const key of ownKeys(appId)) total += entryBytes(key, store.getItem(appPrefix(appId) + key) ?? '');
      return total;
    },
  };
}
