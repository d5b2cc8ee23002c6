/**
 * The simulator's storage: the browser default (localStorage, one prefix per app) behind a thin
 * wrapper that tells the Storage panel whenever the app or the panel changes something.
 */
import { EventEmitter } from 'eventemitter3';
import { createLocalStorage, createMemoryStorage, type StorageBackend } from '@mpk/runtime';

export class ObservedStorage extends EventEmitter<{ change: [appId: string] }> implements StorageBackend {
  private readonly inner: StorageBackend;

  constructor(inner?: StorageBackend) {
    super();
    this.inner = inner ?? (typeof localStorage === 'object' ? createLocalStorage() : createMemoryStorage());
  }

  get(appId: string, key: string): string | undefined {
    return this.inner.get(appId, key);
  }

  set(appId: string, key: string, value: string): void {
    this.inner.set(appId, key, value);
    this.emit('change', appId);
  }

  remove(appId: string, key: string): void {
    this.inner.remove(appId, key);
    this.emit('change', appId);
  }

  clear(appId: string): void {
    this.inner.clear(appId);
    this.emit('change', appId);
  }

  keys(appId: string): string[] {
    return this.inner.keys(appId);
  }

  bytes(appId: string): number {
    return this.inner.bytes(appId);
  }
}
