import { entryBytes, type StorageBackend } from './types.ts';

/** In-memory storage (tests, the test harness, hosts that want nothing persisted). */
export function createMemoryStorage(): StorageBackend {
  const apps = new Map<string, { entries: Map<string, string>; bytes: number }>();
  const app = (appId: string) => {
    let state = apps.get(appId);
    if (!state) apps.set(appId, (state = { entries: new Map(), bytes: 0 }));
    return state;
  };
  return {
    get: (appId, key) => apps.get(appId)?.entries.get(key),
    set(appId, key, value) {
      const state = app(appId);
      const old = state.entries.get(key);
      if (old !== undefined) state.bytes -= entryBytes(key, old);
      state.entries.set(key, value);
      state.bytes += entryBytes(key, value);
    },
    remove(appId, key) {
      const state = apps.get(appId);
      const old = state?.entries.get(key);
      if (!state || old === undefined) return;
      state.entries.delete(key);
      state.bytes -= entryBytes(key, old);
    },
    clear: (appId) => void apps.delete(appId),
    keys: (appId) => [...(apps.get(appId)?.entries.keys() ?? [])],
    bytes: (appId) => apps.get(appId)?.bytes ?? 0,
  };
}
