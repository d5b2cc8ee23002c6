/**
 * The cloud service behind the cloud SDK (支付宝云开发: `my.cloud.createCloudContext`, the `Cloud`
 * global of base library 2.2.3+): cloud functions, the document database and file storage. The
 * SDK lives in the base library (src/guest/cloud.ts) and sends one request per operation;
 * a host answers them with a `CloudAdapter`. Without one every operation fails as it does without
 * network (error 12), so apps that handle failure keep working. `createMemoryCloud()` is an
 * in-memory service for tests and local runs.
 */

import type { HostContext, MaybePromise } from './context.ts';
import { RingLog } from './ring-log.ts';

/** A where-condition value: a plain value (equality), a command, or a nested condition object. */
export type CloudCondition = unknown;

/** A query command as it crosses the bridge: `{ $cmd: 'gt', value: 3 }`, `{ $cmd: 'or', value: [cond, …] }`. */
export interface CloudCommand {
  $cmd: string;
  value?: unknown;
}

export interface CloudQuery {
  /** Conditions ANDed together (each `where()` call adds one). */
  where?: Record<string, CloudCondition>[];
  orderBy?: { field: string; order: 'asc' | 'desc' }[];
  skip?: number;
  limit?: number;
  /** Projection: field → true/false. */
  field?: Record<string, boolean>;
}

export type CloudRequest =
  | { op: 'callFunction'; env: string; name: string; data?: unknown }
  | {
      op: 'database';
      env: string;
      collection: string;
      action: 'get' | 'count' | 'add' | 'update' | 'set' | 'remove';
      /** A document id (`collection.doc(id)`). */
      doc?: string;
      query?: CloudQuery;
      data?: unknown;
    }
  | { op: 'aggregate'; env: string; collection: string; pipeline: { stage: string; value: unknown }[] }
  | { op: 'uploadFile'; env: string; cloudPath: string; filePath: string; data: Uint8Array }
  | { op: 'downloadFile'; env: string; fileID: string }
  | { op: 'getTempFileURL'; env: string; fileList: unknown[] }
  | { op: 'deleteFile'; env: string; fileList: unknown[] };

/**
 * Answers the SDK's requests with what the SDK resolves: callFunction → the function's return value
 * (the SDK wraps it as `{ result, requestID }`); database get → `{ data }`, count → `{ total }`, add →
 * `{ _id }`, update/remove → `{ stats: { updated | removed } }`; aggregate → `{ list }`; uploadFile →
 * `{ fileID }`; downloadFile → `{ data: Uint8Array }` (the SDK stores it as a temporary file);
 * getTempFileURL → `{ fileList }`; deleteFile → `{ fileList }`. Throw (or reject) to fail the operation;
 * an `{ error, errorMessage }` thrown keeps its code.
 */
export interface CloudAdapter {
  request(request: CloudRequest, context: HostContext): MaybePromise<unknown>;
}

export interface MemoryCloudOptions {
  /** Cloud functions by name: `(data, context) => result`. */
  functions?: Record<string, (data: unknown, context: { env: string; appId: string }) => unknown>;
  /** Initial collections: name → documents (each gets an `_id` if it has none). */
  collections?: Record<string, Record<string, unknown>[]>;
}

export interface MemoryCloud extends CloudAdapter {
  /** The documents of a collection now (copies). */
  collection(name: string): Record<string, unknown>[];
  /** Every request answered, in order. */
  readonly requests: CloudRequest[];
  /** Stored files: fileID → bytes. */
  readonly files: Map<string, Uint8Array>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCommand(value: unknown): value is CloudCommand {
  return isObject(value) && typeof value.$cmd === 'string';
}

function pathValue(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.')) {
    if (!isObject(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function matchValue(actual: unknown, expected: unknown): boolean {
  if (isCommand(expected)) {
    const v = expected.value;
    switch (expected.$cmd) {
      case 'eq': return equal(actual, v);
      case 'neq': return !equal(actual, v);
      case 'gt': return actual !== undefined && compare(actual, v) > 0;
      case 'gte': return actual !== undefined && compare(actual, v) >= 0;
      case 'lt': return actual !== undefined && compare(actual, v) < 0;
      case 'lte': return actual !== undefined && compare(actual, v) <= 0;
      case 'in': return Array.isArray(v) && v.some((x) => equal(actual, x));
      case 'nin': return Array.isArray(v) && !v.some((x) => equal(actual, x));
      case 'exists': return (actual !== undefined) === (v !== false);
      case 'and': return Array.isArray(v) && v.every((c) => matchValue(actual, c));
      case 'or': return Array.isArray(v) && v.some((c) => matchValue(actual, c));
      case 'regex': {
        const { regexp, options } = (v ?? {}) as { regexp?: string; options?: string };
        try {
          return typeof actual === 'string' && new RegExp(regexp ?? '', options).test(actual);
        } catch {
          return false;
        }
      }
      default:
        throw new Error(`the memory cloud does not know the command "${expected.$cmd}"`);
    }
  }
  if (isObject(expected)) return Object.entries(expected).every(([key, sub]) => matchValue(pathValue(actual, key), sub));
  if (Array.isArray(actual) && !Array.isArray(expected)) return actual.some((item) => equal(item, expected));
  return equal(actual, expected);
}

function matches(doc: Record<string, unknown>, condition: Record<string, CloudCondition>): boolean {
  // A top-level command (`_.or([{…}, {…}])` passed to where) applies to the whole document.
  if (isCommand(condition)) {
    const list = Array.isArray(condition.value) ? condition.value : [];
    if (condition.$cmd === 'or') return list.some((c) => matches(doc, c as Record<string, CloudCondition>));
    if (condition.$cmd === 'and') return list.every((c) => matches(doc, c as Record<string, CloudCondition>));
  }
  return Object.entries(condition).every(([path, expected]) => matchValue(pathValue(doc, path), expected));
}

/** Applies update data: plain values replace, `_.inc(n)`, `_.push(…)`, `_.remove()`, `_.set(v)` commands. */
function applyUpdate(doc: Record<string, unknown>, data: unknown, now: number): void {
  if (!isObject(data)) return;
  for (const [key, value] of Object.entries(data)) {
    if (key === '_id') continue;
    if (isCommand(value)) {
      switch (value.$cmd) {
        case 'inc': doc[key] = (typeof doc[key] === 'number' ? (doc[key] as number) : 0) + Number(value.value); break;
        case 'mul': doc[key] = (typeof doc[key] === 'number' ? (doc[key] as number) : 0) * Number(value.value); break;
        case 'push': doc[key] = [...(Array.isArray(doc[key]) ? (doc[key] as unknown[]) : []), ...(Array.isArray(value.value) ? value.value : [value.value])]; break;
        case 'remove': delete doc[key]; break;
        case 'set': doc[key] = resolveValue(value.value, now); break;
        default: throw new Error(`the memory cloud does not know the update command "${value.$cmd}"`);
      }
    } else doc[key] = resolveValue(value, now);
  }
}

function resolveValue(value: unknown, now: number): unknown {
  if (isObject(value) && value.$serverDate === true) return new Date(now + Number(value.offset ?? 0)).toISOString();
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, now));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, now)]));
  return value;
}

function project(doc: Record<string, unknown>, field: Record<string, boolean> | undefined): Record<string, unknown> {
  if (!field || Object.keys(field).length === 0) return structuredClone(doc);
  const include = Object.entries(field).filter(([, on]) => on).map(([k]) => k);
  if (include.length > 0) {
    const out: Record<string, unknown> = { _id: doc._id };
    for (const key of include) if (key in doc) out[key] = structuredClone(doc[key]);
    return out;
  }
  const out = structuredClone(doc);
  for (const [key, on] of Object.entries(field)) if (!on) delete out[key];
  return out;
}

/** An in-memory cloud: functions from `options.functions`, a document database, file storage. */
export function createMemoryCloud(options: MemoryCloudOptions = {}): MemoryCloud {
  const collections = new Map<string, Record<string, unknown>[]>();
  const requests = new RingLog<CloudRequest>(1000);
  const files = new Map<string, Uint8Array>();
  let nextId = 1;
  const newId = () => `mpk${(nextId++).toString(16).padStart(8, '0')}`;
  const docs = (name: string) => {
    let list = collections.get(name);
    if (!list) collections.set(name, (list = []));
    return list;
  };
  for (const [name, list] of Object.entries(options.collections ?? {})) {
    docs(name).push(...list.map((d) => ({ ...structuredClone(d), _id: d._id ?? newId() })));
  }

  const select = (collection: string, doc: string | undefined, query: CloudQuery | undefined) => {
    let list = docs(collection).filter((d) => (doc === undefined || d._id === doc) && (query?.where ?? []).every((c) => matches(d, c)));
    for (const { field, order } of [...(query?.orderBy ?? [])].reverse()) {
      list = [...list].sort((a, b) => compare(pathValue(a, field), pathValue(b, field)) * (order === 'desc' ? -1 : 1));
    }
    return list.slice(query?.skip ?? 0, query?.limit === undefined ? undefined : (query.skip ?? 0) + query.limit);
  };

  const cloud: MemoryCloud = {
    requests,
    files,
    collection: (name) => structuredClone(docs(name)),
    request(request, context) {
      requests.push(request);
      const now = Date.now();
      switch (request.op) {
        case 'callFunction': {
          const fn = options.functions?.[request.name];
          if (!fn) throw { error: 3, errorMessage: `cloud function "${request.name}" does not exist in env ${request.env}` };
          return fn(structuredClone(request.data), { env: request.env, appId: context.appId });
        }
        case 'database': {
          const { collection, action, doc, query, data } = request;
          switch (action) {
            case 'get': {
              const found = select(collection, doc, query).map((d) => project(d, query?.field));
              if (doc === undefined) return { data: found };
              if (found.length === 0) throw { error: 3, errorMessage: `document.get: document ${doc} does not exist` };
              return { data: found[0] };
            }
            case 'count':
              return { total: select(collection, doc, { ...query, skip: undefined, limit: undefined }).length };
            case 'add': {
              const added = { ...(resolveValue(structuredClone(data ?? {}), now) as Record<string, unknown>) };
              added._id = typeof added._id === 'string' ? added._id : newId();
              docs(collection).push(added);
              return { _id: added._id };
            }
            case 'set': {
              if (doc === undefined) throw { error: 2, errorMessage: 'set needs a document (collection.doc(id).set)' };
              const list = docs(collection);
              const index = list.findIndex((d) => d._id === doc);
              const replaced = { ...(resolveValue(structuredClone(data ?? {}), now) as Record<string, unknown>), _id: doc };
              if (index >= 0) list[index] = replaced;
              else list.push(replaced);
              return { _id: doc, stats: { updated: index >= 0 ? 1 : 0, created: index >= 0 ? 0 : 1 } };
            }
            case 'update': {
              const targets = select(collection, doc, { where: query?.where });
              for (const target of targets) applyUpdate(target, data, now);
              return { stats: { updated: targets.length } };
            }
            case 'remove': {
              const targets = new Set(select(collection, doc, { where: query?.where }));
              const list = docs(collection);
              collections.set(collection, list.filter((d) => !targets.has(d)));
              return { stats: { removed: targets.size } };
            }
          }
          throw { error: 2, errorMessage: `unknown database action ${String(action)}` };
        }
        case 'aggregate': {
          let list: Record<string, unknown>[] = structuredClone(docs(request.collection));
          for (const { stage, value } of request.pipeline) {
            if (stage === 'match') list = list.filter((d) => matches(d, value as Record<string, CloudCondition>));
            else if (stage === 'limit') list = list.slice(0, Number(value));
            else if (stage === 'skip') list = list.slice(Number(value));
            else if (stage === 'sort') {
              for (const [field, dir] of Object.entries((value ?? {}) as Record<string, number>).reverse()) {
                list = [...list].sort((a, b) => compare(pathValue(a, field), pathValue(b, field)) * (dir < 0 ? -1 : 1));
              }
            } else if (stage === 'count') list = [{ [String(value)]: list.length }];
            else throw { error: 3, errorMessage: `the memory cloud does not run the aggregate stage "${stage}"` };
          }
          return { list };
        }
        case 'uploadFile': {
          const fileID = `cloud://${request.env}/${request.cloudPath}`;
          files.set(fileID, request.data.slice());
          return { fileID };
        }
        case 'downloadFile': {
          const data = files.get(request.fileID);
          if (!data) throw { error: 12, errorMessage: `downloadFile: ${request.fileID} does not exist` };
          return { data };
        }
        case 'getTempFileURL':
          return {
            fileList: request.fileList.map((id) => {
              const fileID = String(isObject(id) ? id.fileID : id);
              return files.has(fileID) ? { fileID, tempFileURL: `https://cloud.mpk.invalid/${encodeURIComponent(fileID)}`, status: 0 } : { fileID, status: -1, errMsg: 'file not found' };
            }),
          };
        case 'deleteFile':
          return {
            fileList: request.fileList.map((id) => {
              const fileID = String(id);
              return { fileID, status: files.delete(fileID) ? 0 : -1 };
            }),
          };
      }
      throw { error: 2, errorMessage: `unknown cloud operation ${(request as { op?: unknown }).op}` };
    },
  };
  return cloud;
}
