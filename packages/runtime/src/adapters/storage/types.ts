/**
 * Where `my.setStorage` data lives. Backends are synchronous because `my.getStorageSync` answers
 * before the guest continues. Values are the JSON text of what the mini-program stored; the
 * registry serialises, measures and enforces the quotas — a backend only keeps strings, per app.
 */
export interface StorageBackend {
  get(appId: string, key: string): string | undefined;
  /** Durable once it returns (the file backend has fsync'd the journal by then). */
  set(appId: string, key: string, value: string): void;
  remove(appId: string, key: string): void;
  clear(appId: string): void;
  keys(appId: string): string[];
  /** Bytes used by an app: UTF-8 length of every key plus its value. */
  bytes(appId: string): number;
  /** Make everything written so far durable (no-op for backends that sync on every write). */
  flush?(): void;
  /** Release files and handles; the backend is unusable afterwards. */
  close?(): void;
}

/** UTF-8 byte length of a string without allocating (works in browsers and Node alike). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes one entry costs against the app's quota. */
export function entryBytes(key: string, value: string): number {
  return utf8Length(key) + utf8Length(value);
}
