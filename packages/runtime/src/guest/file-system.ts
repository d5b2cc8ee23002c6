/**
 * `my.getFileSystemManager()` (docs: 基础API/文件): the one FileSystemManager of the mini-program,
 * built here when the host supports it. Each method is one invoke of the host's internal API
 * `FileSystemManager.<method>`: the async ones take `{ …, success, fail, complete }` and return a
 * Promise; the `…Sync` ones take the positional arguments the docs give (`readFileSync(filePath,
 * encoding)`), return the result and throw the error. An ArrayBuffer (or typed array) `data` crosses
 * as `{ $arraybuffer: base64 }` and comes back from readFile as an ArrayBuffer; `stats` come back as
 * Stats objects with `isDirectory()` / `isFile()` (in the recursive form, one per relative path,
 * each also reachable as `.stats`, as the docs' example reads it).
 */
import { arrayBufferToBase64, base64ToArrayBuffer } from './base64.ts';
import { invokeAsync, invokeSync } from './my.ts';
import { isObject } from './state.ts';
import { $ArrayBuffer, create, defineProperty, isView, keysOf, setOwn, sliceString } from './intrinsics.ts';

/** Positional parameters of the Sync methods (docs: FileSystemManager.*Sync). */
const SYNC_PARAMS: Record<string, readonly string[]> = {
  accessSync: ['path'],
  appendFileSync: ['filePath', 'data', 'encoding'],
  copyFileSync: ['srcPath', 'destPath'],
  mkdirSync: ['dirPath', 'recursive'],
  readFileSync: ['filePath', 'encoding'],
  readdirSync: ['dirPath'],
  renameSync: ['oldPath', 'newPath'],
  rmdirSync: ['dirPath', 'recursive'],
  saveFileSync: ['tempFilePath', 'filePath'],
  statSync: ['path', 'recursive'],
  unlinkSync: ['filePath'],
  writeFileSync: ['filePath', 'data', 'encoding'],
};

/** What one invoke may carry (the host's boundary drops bigger ones): data past it fails here, with the size error. */
const MAX_DATA_CHARS = 8 * 1024 * 1024 - 64 * 1024;

const S_IFMT = 0o170000;
const STATS = create(null) as Record<string, unknown>;
STATS.isDirectory = function isDirectory(this: { mode?: unknown }) {
  return typeof this.mode === 'number' && (this.mode & S_IFMT) === 0o040000;
};
STATS.isFile = function isFile(this: { mode?: unknown }) {
  return typeof this.mode === 'number' && (this.mode & S_IFMT) === 0o100000;
};

function statsObject(value: unknown): unknown {
  if (!isObject(value)) return value;
  const stats = create(STATS) as Record<string, unknown>;
  const keys = keysOf(value);
  for (let i = 0; i < keys.length; i++) setOwn(stats, keys[i], value[keys[i]]);
  defineProperty(stats, 'stats', { value: stats, enumerable: false });
  return stats;
}

/** The host's answer as the docs describe it: ArrayBuffers and Stats objects. */
function decorate(result: unknown): void {
  if (!isObject(result)) return;
  const data = result.data;
  if (isObject(data) && typeof data.$arraybuffer === 'string') result.data = base64ToArrayBuffer(data.$arraybuffer);
  if (isObject(result.stats)) {
    if (result.recursive === true) {
      const map = result.stats;
      const keys = keysOf(map);
      for (let i = 0; i < keys.length; i++) map[keys[i]] = statsObject(map[keys[i]]);
    } else {
      result.stats = statsObject(result.stats);
    }
    delete result.recursive;
  }
}

class TooLarge extends Error {}

/** `data` as the bridge carries it. */
function wireData(data: unknown): unknown {
  let out = data;
  if (data instanceof $ArrayBuffer || isView(data)) {
    const bytes = data instanceof $ArrayBuffer ? new Uint8Array(data) : new Uint8Array((data as ArrayBufferView).buffer, (data as ArrayBufferView).byteOffset, (data as ArrayBufferView).byteLength);
    if (bytes.length > (MAX_DATA_CHARS / 4) * 3) throw new TooLarge(`the data is ${bytes.length} bytes, more than one call carries`);
    out = { $arraybuffer: arrayBufferToBase64(bytes) };
  } else if (typeof data === 'string' && data.length > MAX_DATA_CHARS) {
    throw new TooLarge(`the data is ${data.length} characters, more than one call carries`);
  }
  return out;
}

function tooLargeError(method: string, err: TooLarge) {
  return { error: 10028, errorMessage: `${method}: ${err.message} (8 MiB of JSON): write it in parts with appendFile` };
}

function asyncMethod(method: string) {
  const api = 'FileSystemManager.' + method;
  return (options?: unknown) => {
    const copy: Record<string, unknown> = {};
    if (isObject(options)) {
      const keys = keysOf(options);
      for (let i = 0; i < keys.length; i++) setOwn(copy, keys[i], options[keys[i]]);
    }
    try {
      if ('data' in copy) copy.data = wireData(copy.data);
    } catch (err) {
      if (!(err instanceof TooLarge)) throw err;
      // The host answers it with 10028 (and the app's callbacks and Promise see it as any failure).
      copy.data = { $tooLarge: tooLargeError(method, err).errorMessage };
    }
    return invokeAsync(api, copy, undefined, undefined, (ok, result) => {
      if (ok) decorate(result);
    }).promise;
  };
}

function syncMethod(method: string, params: readonly string[]) {
  const api = 'FileSystemManager.' + method;
  return (...positional: unknown[]) => {
    const args: Record<string, unknown> = {};
    for (let i = 0; i < params.length; i++) if (positional[i] !== undefined) setOwn(args, params[i], positional[i]);
    try {
      if ('data' in args) args.data = wireData(args.data);
    } catch (err) {
      if (!(err instanceof TooLarge)) throw err;
      const error = tooLargeError(method, err);
      const thrown = new Error(error.errorMessage) as Error & Record<string, unknown>;
      thrown.error = error.error;
      thrown.errorMessage = error.errorMessage;
      throw thrown;
    }
    const result = invokeSync(api, args);
    decorate(result);
    return result;
  };
}

let manager: Record<string, unknown> | undefined;

/** The manager with the methods the host lists (`descriptor.object.methods`); the same object every time. */
export function fileSystemManager(methods: readonly unknown[]): Record<string, unknown> {
  if (manager) return manager;
  const fsm: Record<string, unknown> = {};
  for (let i = 0; i < methods.length; i++) {
    const method = methods[i];
    if (typeof method !== 'string' || method === '__proto__' || method === 'constructor') continue;
    const sync = method.length > 4 && sliceString(method, method.length - 4) === 'Sync';
    if (sync) fsm[method] = syncMethod(method, SYNC_PARAMS[method] ?? []);
    else fsm[method] = asyncMethod(method);
  }
  manager = fsm;
  return fsm;
}
