/**
 * The cloud SDK (支付宝云开发) as the base library injects it: `my.cloud.createCloudContext({ env })`
 * resolves a context with `init()`, `callFunction`, `database()`, `uploadFile`, `downloadFile`,
 * `getTempFileURL`, `deleteFile`; the `Cloud` global (base library 2.2.3+) is the default context,
 * `Cloud.init({ env })` choosing its environment.
 *
 * Everything here is a guest object: queries, commands and contexts are built in the sandbox and
 * each operation (a `get`, `count`, `add`, a function call…) travels as one `cloudRequest` invoke
 * with a JSON description; the host's cloud service answers it (src/adapters/cloud.ts). A host without
 * one fails every operation with 12 (Network Error), as the platform does without network: the
 * promise rejects / `fail` runs, so apps that handle failure keep working. Errors carry
 * `error`/`errorMessage` plus `message` and `errMsg` (what cloud SDK code reads).
 */
import { guard } from './errors.ts';
import { invokeAsync } from './my.ts';
import { isObject } from './state.ts';
import { append, defineProperty, isArray, sliceList, toStr } from './intrinsics.ts';

/** `[...list, item]` without the array iterator. */
function plus<T>(list: readonly T[] | undefined, item: T): T[] {
  const out = sliceList(list ?? []);
  append(out, item);
  return out;
}

type Options = Record<string, unknown> | undefined;

const CALLBACKS = ['success', 'fail', 'complete'] as const;

function callbacksOf(options: Options): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(options)) return out;
  for (let i = 0; i < CALLBACKS.length; i++) if (typeof options[CALLBACKS[i]] === 'function') out[CALLBACKS[i]] = options[CALLBACKS[i]];
  return out;
}

/** A marker that crosses the bridge as JSON: a query or update command (`_.gt(3)`, `_.inc(1)`). */
interface Command {
  $cmd: string;
  value?: unknown;
  and(other: unknown): Command;
  or(other: unknown): Command;
}

function command(name: string, value?: unknown): Command {
  const cmd = { $cmd: name, value } as Command;
  // Chained logic (`_.gt(1).and(_.lt(5))`): functions are left out of the JSON.
  defineProperty(cmd, 'and', { value: (other: unknown) => command('and', [strip(cmd), other]), enumerable: false });
  defineProperty(cmd, 'or', { value: (other: unknown) => command('or', [strip(cmd), other]), enumerable: false });
  return cmd;
}

function strip(cmd: Command): { $cmd: string; value?: unknown } {
  return cmd.value === undefined ? { $cmd: cmd.$cmd } : { $cmd: cmd.$cmd, value: cmd.value };
}

function list(args: unknown[]): unknown[] {
  return args.length === 1 && isArray(args[0]) ? (args[0] as unknown[]) : args;
}

function createCommand(): Record<string, unknown> {
  const _: Record<string, unknown> = {};
  const names = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'size', 'elemMatch', 'all', 'inc', 'mul', 'set', 'min', 'max', 'rename'];
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    _[name] = (value?: unknown) => command(name, value);
  }
  _.and = (...args: unknown[]) => command('and', list(args));
  _.or = (...args: unknown[]) => command('or', list(args));
  _.nor = (...args: unknown[]) => command('nor', list(args));
  _.not = (value: unknown) => command('not', value);
  _.remove = () => command('remove');
  _.push = (value: unknown) => command('push', value);
  _.pop = () => command('pop');
  _.shift = () => command('shift');
  _.unshift = (value: unknown) => command('unshift', value);
  _.pull = (value: unknown) => command('pull', value);
  _.pullAll = (value: unknown) => command('pullAll', value);
  _.addToSet = (value: unknown) => command('addToSet', value);
  // Aggregation accumulators (`const $ = db.command.aggregate; group({ _id: '$k', total: $.sum('$n') })`): plain Mongo operators.
  const $: Record<string, unknown> = {};
  const accumulators = ['sum', 'avg', 'min', 'max', 'first', 'last', 'push', 'addToSet'];
  for (let i = 0; i < accumulators.length; i++) {
    const name = accumulators[i];
    $[name] = (value: unknown) => ({ ['$' + name]: value });
  }
  _.aggregate = $;
  return _;
}

const AGGREGATE_STAGES = [
  'addFields', 'bucket', 'bucketAuto', 'count', 'geoNear', 'group', 'limit', 'lookup', 'match', 'project',
  'replaceRoot', 'sample', 'skip', 'sort', 'sortByCount', 'unwind',
];

interface QueryState {
  where?: unknown[];
  orderBy?: { field: string; order: 'asc' | 'desc' }[];
  skip?: number;
  limit?: number;
  field?: Record<string, boolean>;
}

class CloudContext {
  private env: string | undefined;

  constructor(env?: string) {
    this.env = env;
  }

  /** `init({ env })` (options optional for a context created with an env). Resolves at once: nothing crosses until an operation. */
  init(options?: Options): Promise<void> {
    if (isObject(options) && typeof options.env === 'string') this.env = options.env;
    const cbs = callbacksOf(options);
    if (typeof cbs.success === 'function') guard(cbs.success as Function, undefined, [{}]);
    if (typeof cbs.complete === 'function') guard(cbs.complete as Function, undefined, [{}]);
    return Promise.resolve();
  }

  /** One operation: `{ op, env, …fields }` to the host, with the caller's callbacks. */
  request(op: string, fields: Record<string, unknown>, options?: Options): Promise<unknown> {
    return invokeAsync('cloudRequest', { ...fields, op, env: this.env ?? '', ...callbacksOf(options) }).promise;
  }

  callFunction(options?: Options): Promise<unknown> {
    const o = isObject(options) ? options : {};
    return this.request('callFunction', { name: o.name, data: o.data === undefined ? {} : o.data }, o);
  }

  uploadFile(options?: Options): Promise<unknown> {
    const o = isObject(options) ? options : {};
    return this.request('uploadFile', { cloudPath: o.cloudPath, filePath: o.filePath }, o);
  }

  downloadFile(options?: Options): Promise<unknown> {
    const o = isObject(options) ? options : {};
    return this.request('downloadFile', { fileID: o.fileID }, o);
  }

  getTempFileURL(options?: Options): Promise<unknown> {
    const o = isObject(options) ? options : {};
    return this.request('getTempFileURL', { fileList: isArray(o.fileList) ? o.fileList : [] }, o);
  }

  deleteFile(options?: Options): Promise<unknown> {
    const o = isObject(options) ? options : {};
    return this.request('deleteFile', { fileList: isArray(o.fileList) ? o.fileList : [] }, o);
  }

  database(options?: Options): Record<string, unknown> {
    const ctx = isObject(options) && typeof options.env === 'string' ? new CloudContext(options.env) : this;
    return createDatabase(ctx);
  }
}

function createDatabase(ctx: CloudContext): Record<string, unknown> {
  const db: Record<string, unknown> = {
    command: createCommand(),
    serverDate: (options?: Options) => ({ $serverDate: true, offset: isObject(options) && typeof options.offset === 'number' ? options.offset : 0 }),
    RegExp: (options?: Options) => command('regex', { regexp: isObject(options) ? toStr(options.regexp ?? '') : '', options: isObject(options) ? toStr(options.options ?? '') : '' }),
    collection: (name: unknown) => createQuery(ctx, toStr(name), {}),
  };
  return db;
}

function createQuery(ctx: CloudContext, collection: string, q: QueryState): Record<string, unknown> {
  const next = (change: QueryState) => createQuery(ctx, collection, { ...q, ...change });
  const db = (action: string, extra: Record<string, unknown>, options?: Options) => ctx.request('database', { collection, action, ...extra }, options);
  return {
    where: (condition: unknown) => next({ where: plus(q.where, condition) }),
    orderBy: (field: unknown, order: unknown) => next({ orderBy: plus(q.orderBy, { field: toStr(field), order: order === 'desc' ? 'desc' : 'asc' }) }),
    skip: (n: unknown) => next({ skip: +(n as number) }),
    limit: (n: unknown) => next({ limit: +(n as number) }),
    field: (projection: unknown) => next({ field: isObject(projection) ? (projection as Record<string, boolean>) : {} }),
    get: (options?: Options) => db('get', { query: q }, options),
    count: (options?: Options) => db('count', { query: q }, options),
    update: (options?: Options) => db('update', { query: q, data: isObject(options) ? options.data : undefined }, options),
    remove: (options?: Options) => db('remove', { query: q }, options),
    add: (options?: Options) => db('add', { data: isObject(options) ? options.data : undefined }, options),
    doc: (id: unknown) => ({
      get: (options?: Options) => db('get', { doc: toStr(id) }, options),
      update: (options?: Options) => db('update', { doc: toStr(id), data: isObject(options) ? options.data : undefined }, options),
      set: (options?: Options) => db('set', { doc: toStr(id), data: isObject(options) ? options.data : undefined }, options),
      remove: (options?: Options) => db('remove', { doc: toStr(id) }, options),
    }),
    aggregate: () => createAggregate(ctx, collection, []),
  };
}

function createAggregate(ctx: CloudContext, collection: string, pipeline: { stage: string; value: unknown }[]): Record<string, unknown> {
  const agg: Record<string, unknown> = {
    end: (options?: Options) => ctx.request('aggregate', { collection, pipeline }, options),
  };
  for (let i = 0; i < AGGREGATE_STAGES.length; i++) {
    const stage = AGGREGATE_STAGES[i];
    agg[stage] = (value?: unknown) => createAggregate(ctx, collection, plus(pipeline, { stage, value: value === undefined ? null : value }));
  }
  return agg;
}

/** Object methods (not class methods) so that `const { callFunction } = Cloud` and passing them around work. */
function contextObject(ctx: CloudContext): Record<string, unknown> {
  return {
    init: (options?: Options) => ctx.init(options),
    callFunction: (options?: Options) => ctx.callFunction(options),
    database: (options?: Options) => ctx.database(options),
    uploadFile: (options?: Options) => ctx.uploadFile(options),
    downloadFile: (options?: Options) => ctx.downloadFile(options),
    getTempFileURL: (options?: Options) => ctx.getTempFileURL(options),
    deleteFile: (options?: Options) => ctx.deleteFile(options),
  };
}

/** `my.cloud.createCloudContext({ env })`: resolves a context (error 2 without an env). */
function createCloudContext(options?: Options): Promise<unknown> {
  const env = isObject(options) ? options.env : undefined;
  const cbs = callbacksOf(options);
  if (typeof env !== 'string' || env === '') {
    const error = { error: 2, errorMessage: 'cloud.createCloudContext: parameter "env" is required (string)', message: 'cloud.createCloudContext: parameter "env" is required (string)' };
    if (typeof cbs.fail === 'function') guard(cbs.fail as Function, undefined, [error]);
    if (typeof cbs.complete === 'function') guard(cbs.complete as Function, undefined, [error]);
    return Promise.reject(error);
  }
  const context = contextObject(new CloudContext(env));
  if (typeof cbs.success === 'function') guard(cbs.success as Function, undefined, [context]);
  if (typeof cbs.complete === 'function') guard(cbs.complete as Function, undefined, [context]);
  return Promise.resolve(context);
}

/** The hook the base library's install calls: `my.cloud` and the `Cloud` global. */
export function installCloud(my: Record<string, unknown>, define: (name: string, value: unknown) => void): void {
  const cloud = isObject(my.cloud) ? (my.cloud as Record<string, unknown>) : {};
  cloud.createCloudContext = createCloudContext;
  my.cloud = cloud;
  define('Cloud', contextObject(new CloudContext()));
}
