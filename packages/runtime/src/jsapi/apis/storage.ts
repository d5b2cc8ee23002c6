/**
 * Storage (docs: api/基础API/缓存): set/get/remove/clear/getStorageInfo and their Sync forms,
 * which in Alipay take an object too (`setStorageSync({ key, data })`, `getStorageSync({ key }).data`).
 * The registry measures every value from its own serialisation — never a size the guest claims —
 * and enforces the documented quotas: 200 KB per key (error 14), 10 MB per mini-program (error 12).
 * Data is keyed by appId, so one mini-program never sees another's.
 */

import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import { entryBytes, utf8Length } from '../../adapters/storage/types.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

export const STORAGE_KEY_LIMIT_BYTES = 200 * 1024;
export const STORAGE_APP_LIMIT_BYTES = 10 * 1024 * 1024;

const key = s.string({ minLength: 1, description: 'Storage key (not empty).' });
const keyParams = s.object({ key }, { required: ['key'] });
const setParams = s.object(
  { key, data: s.any({ description: 'Object or String to store (serialised as JSON).' }) },
  { required: ['key', 'data'] },
);
const dataResult = s.object({ data: s.any({ description: 'The stored value; null when the key is absent.' }) }, { required: ['data'] });
const infoResult = s.object(
  {
    keys: s.array(s.string()),
    currentSize: s.number({ description: 'KB used.' }),
    limitSize: s.number({ description: 'KB available in total.' }),
  },
  { required: ['keys', 'currentSize', 'limitSize'] },
);

const SET_ERRORS = { 2: 'required parameter missing', 12: 'total storage reached 10 MB', 14: 'data over 200 KB for one key' };

/** Backend failures: a browser's own quota reads as "storage full", the rest as unknown errors. */
function backendFailure(api: string, error: unknown): ApiFailure {
  const name = (error as { name?: string })?.name;
  if (name === 'QuotaExceededError') return new ApiFailure(12, `${api}: the host's storage is full`);
  return new ApiFailure(ErrorCode.UNKNOWN, `${api}: storage failed: ${(error as Error)?.message ?? String(error)}`);
}

function setStorage(api: string, args: { key: string; data: unknown }, ctx: ApiCallContext): void {
  if (args.data === null) throw new ApiFailure(ErrorCode.INVALID_PARAM, `${api}: parameter "data" is required (an object or a string)`);
  const value = JSON.stringify(args.data);
  const valueBytes = utf8Length(value);
  if (valueBytes > STORAGE_KEY_LIMIT_BYTES) {
    throw new ApiFailure(14, `${api}: data of "${args.key}" is ${Math.ceil(valueBytes / 1024)} KB, over the 200 KB limit per key`);
  }
  const { storage } = ctx.host;
  const old = storage.get(ctx.appId, args.key);
  const total = storage.bytes(ctx.appId) - (old === undefined ? 0 : entryBytes(args.key, old)) + entryBytes(args.key, value);
  if (total > STORAGE_APP_LIMIT_BYTES) {
    throw new ApiFailure(12, `${api}: storage would reach ${Math.ceil(total / 1024)} KB, over the 10240 KB limit per mini-program`);
  }
  try {
    storage.set(ctx.appId, args.key, value);
  } catch (error) {
    throw backendFailure(api, error);
  }
}

function getStorage(api: string, args: { key: string }, ctx: ApiCallContext): { data: unknown } {
  const stored = ctx.host.storage.get(ctx.appId, args.key);
  if (stored === undefined) return { data: null };
  try {
    return { data: JSON.parse(stored) };
  } catch {
    throw new ApiFailure(ErrorCode.UNKNOWN, `${api}: the stored value of "${args.key}" is unreadable`);
  }
}

function removeStorage(api: string, args: { key: string }, ctx: ApiCallContext): void {
  try {
    ctx.host.storage.remove(ctx.appId, args.key);
  } catch (error) {
    throw backendFailure(api, error);
  }
}

function clearStorage(api: string, ctx: ApiCallContext): void {
  try {
    ctx.host.storage.clear(ctx.appId);
  } catch (error) {
    throw backendFailure(api, error);
  }
}

function storageInfo(ctx: ApiCallContext): { keys: string[]; currentSize: number; limitSize: number } {
  const { storage } = ctx.host;
  return {
    keys: storage.keys(ctx.appId),
    currentSize: Math.ceil(storage.bytes(ctx.appId) / 1024),
    limitSize: STORAGE_APP_LIMIT_BYTES / 1024,
  };
}

/** Each storage API in its async and Sync form, with one implementation. */
function both(
  name: string,
  spec: Omit<ApiDefinition, 'name' | 'kind' | 'handler'>,
  handler: (api: string, args: any, ctx: ApiCallContext) => unknown,
): ApiDefinition[] {
  return [
    defineApi({ ...spec, name, kind: 'async', handler: (args, ctx) => handler(name, args, ctx) }),
    defineApi({ ...spec, name: `${name}Sync`, kind: 'sync', handler: (args, ctx) => handler(`${name}Sync`, args, ctx) }),
  ];
}

export function storageApis(): ApiDefinition[] {
  const [set, setSync] = both('setStorage', { params: setParams, errors: SET_ERRORS, description: 'Stores data under a key, replacing what was there.' }, setStorage);
  // Docs (my.setStorageSync): "失败时返回值与 my.setStorage 的 fail 回调参数相同" — it returns { error, errorMessage }, it does not throw.
  setSync!.returnsFailure = true;
  return [
    set!,
    setSync!,
    ...both('getStorage', { params: keyParams, result: dataResult, errors: { 2: 'required parameter missing' }, description: 'Reads the data stored under a key.' }, getStorage),
    ...both('removeStorage', { params: keyParams, description: 'Removes a key.' }, removeStorage),
    ...both('clearStorage', { description: "Removes all of this mini-program's storage." }, (api, _args, ctx) => clearStorage(api, ctx)),
    ...both('getStorageInfo', { result: infoResult, description: 'Keys and space used, in KB.' }, (_api, _args, ctx) => storageInfo(ctx)),
  ];
}
