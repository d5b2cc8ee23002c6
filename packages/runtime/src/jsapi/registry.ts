/**
 * The JSAPI registry: answers `invoke` messages from the logic layer. Every call goes through the
 * same steps — find the API (error 1 if unknown), validate the argument against its schema
 * (error 2), check its permission scope (the documented denial code), run the handler, and check
 * that the result is JSON and matches the declared shape. A handler that throws something other
 * than an ApiFailure yields error 3; nothing a call does can crash the host.
 */

import type { ApiDescriptor, ApiError, InvokeMessage, ReplyMessage } from '../contract/protocol.ts';
import type { AppConfig, ExtConfig } from '../contract/package-format.ts';
import { builtinApis } from './apis/index.ts';
import { BUILTIN_COMPONENTS } from '../contract/components.ts';
import { assertApiName } from './define.ts';
import { ErrorCode, notSupported, toApiError } from './errors.ts';
import { resolveHost, type HostOptions, type ResolvedHost } from './host-options.ts';
import { Permissions, permissionFailure } from './permissions.ts';
import { schemaKeys, validateArgs, validateValue, type ObjectSchema, type Schema } from './schema.ts';
import { TaskTable } from './tasks.ts';
import type { ApiCallContext, ApiDefinition, ContainerServices } from './types.ts';

export interface Jsapi {
  /** The APIs this host offers, sent in `init` (the guest builds `my` and `canIUse` from them). */
  descriptors(): ApiDescriptor[];
  /** Built-in components → attributes (and `attribute.option` values), for `canIUse`. */
  components(): Record<string, string[]>;
  /** Async calls and task-method calls. Always resolves with a reply. */
  invoke(msg: InvokeMessage): Promise<ReplyMessage>;
  /** `sync: true` calls. */
  invokeSync(msg: InvokeMessage): ReplyMessage;
  /** Async calls in flight (the container's idle check). */
  pending(): number;
  /** Aborts requests, closes sockets, flushes storage. Later calls fail. */
  dispose(): Promise<void>;
  /** The resolved adapters (tests and devtools inspect them). */
  readonly host: ResolvedHost;
}

export interface CreateJsapiOptions {
  appId: string;
  app: AppConfig;
  /** The package's ext.json (manifest.ext), for my.getExtConfig(Sync). */
  ext?: ExtConfig;
  host?: HostOptions;
  services: ContainerServices;
}

/** What one invoke resolved to: the API or task method to run, or an immediate reply. */
interface Target {
  name: string;
  kind: Exclude<ApiDefinition['kind'], 'property'>;
  params?: ObjectSchema;
  result?: Schema;
  scope?: string;
  authorizesItself?: boolean;
  handler: (args: any, ctx: any) => unknown;
  task?: number;
}

function fail(cb: number, error: ApiError): ReplyMessage {
  return { t: 'reply', cb, ok: false, error };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

class JsapiRegistry implements Jsapi {
  readonly host: ResolvedHost;
  private readonly definitions = new Map<string, ApiDefinition>();
  private readonly tasks: TaskTable;
  private readonly permissions: Permissions;
  private readonly controller = new AbortController();
  private readonly locals = new Map<string, unknown>();
  private readonly running = new Set<Promise<unknown>>();
  private disposed = false;

  constructor(private readonly options: CreateJsapiOptions) {
    this.host = resolveHost(options.host, options.app);
    for (const def of builtinApis()) {
      // A built-in answered by an optional adapter the host did not give (or a renderer capability it lacks): not supported here.
      const missing = def.available && !def.unsupported && !def.available(this.host, options.services);
      this.definitions.set(def.name, missing ? { ...def, unsupported: notSupported(def.name) } : def);
    }
    // A host API may replace a built-in of the same name (a host with its own request stack).
    for (const [name, def] of Object.entries(options.host?.apis ?? {})) {
      assertApiName(name);
      if (typeof def?.handler !== 'function') throw new Error(`host API "${name}" has no handler`);
      if (!['async', 'sync', 'event'].includes(def.kind)) throw new Error(`host API "${name}" has an invalid kind ${JSON.stringify(def.kind)}`);
      // The host provides it: whatever the built-in declaration said, it is supported now.
      this.definitions.set(name, { ...def, name, unsupported: def.unsupported, baselib: false });
    }
    this.tasks = new TaskTable(options.services);
    this.permissions = new Permissions(this.host.permissions, this.host.ui, options.app);
  }

  descriptors(): ApiDescriptor[] {
    const list: ApiDescriptor[] = [];
    for (const def of this.definitions.values()) {
      // The base library has its own names already; properties are not calls.
      if (def.baselib || def.kind === 'property') continue;
      const descriptor: ApiDescriptor = { name: def.name, kind: def.kind };
      if (def.unsupported) {
        // Nothing to answer canIUse sub-keys with: the API is not there.
        descriptor.unsupported = true;
        if (def.object) descriptor.object = { type: def.object.type, methods: [...def.object.methods] };
        list.push(descriptor);
        continue;
      }
      if (def.internal) descriptor.internal = true;
      const params = schemaKeys(def.params);
      if (params.length > 0) descriptor.params = params;
      const results = def.kind === 'event' ? [] : schemaKeys(def.result);
      if (results.length > 0) descriptor.results = results;
      if (def.task) descriptor.task = { methods: Object.keys(def.task.methods), events: [...def.task.events] };
      // A manager the base library builds (my.getFileSystemManager): its methods.
      if (def.object) descriptor.object = { type: def.object.type, methods: [...def.object.methods] };
      list.push(descriptor);
    }
    return list;
  }

  components(): Record<string, string[]> {
    return structuredClone(BUILTIN_COMPONENTS);
  }

  pending(): number {
    return this.running.size;
  }

  async invoke(msg: InvokeMessage): Promise<ReplyMessage> {
    const call = this.run(msg);
    this.running.add(call);
    try {
      return await call;
    } finally {
      this.running.delete(call);
    }
  }

  invokeSync(msg: InvokeMessage): ReplyMessage {
    const reply = this.runSync(msg);
    // my.setStorageSync: "失败时返回值与 my.setStorage 的 fail 回调参数相同" — the failure is returned, not thrown.
    if (!reply.ok && msg.task == null && typeof msg.api === 'string' && this.definitions.get(msg.api)?.returnsFailure) {
      return { t: 'reply', cb: msg.cb, ok: true, result: reply.error };
    }
    return reply;
  }

  private runSync(msg: InvokeMessage): ReplyMessage {
    const target = this.resolve(msg);
    if ('t' in target) return target;
    if (target.kind === 'async' && target.task === undefined) {
      return fail(msg.cb, { error: ErrorCode.UNKNOWN, errorMessage: `${target.name} is asynchronous and cannot be called synchronously` });
    }
    const checked = validateArgs(target.name, target.params, msg.args);
    if (!checked.ok) return fail(msg.cb, { error: ErrorCode.INVALID_PARAM, errorMessage: checked.message });
    if (target.scope && !target.authorizesItself) {
      const outcome = this.permissions.authorizeSync(target.scope);
      if (outcome !== 'granted') return fail(msg.cb, permissionFailure(target.name, target.scope, outcome).toApiError());
    }
    let value: unknown;
    try {
      value = target.handler(checked.value, this.context(target, msg));
    } catch (error) {
      return fail(msg.cb, toApiError(error));
    }
    if (isThenable(value)) {
      Promise.resolve(value).catch(() => undefined);
      return fail(msg.cb, { error: ErrorCode.UNKNOWN, errorMessage: `${target.name}: the host answered a synchronous call asynchronously` });
    }
    return this.success(msg.cb, target, value);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.controller.abort(new Error('the mini-program was closed'));
    this.tasks.disposeAll();
    // Aborted requests settle at once; a dialog waiting for a user may never do so: don't wait for it.
    const settled = Promise.allSettled([...this.running]);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 1000).unref?.())]);
    try {
      this.host.storage.flush?.();
    } catch {
      // The backend reports its own failures; closing must not throw.
    }
  }

  private async run(msg: InvokeMessage): Promise<ReplyMessage> {
    const target = this.resolve(msg);
    if ('t' in target) return target;
    const checked = validateArgs(target.name, target.params, msg.args);
    if (!checked.ok) return fail(msg.cb, { error: ErrorCode.INVALID_PARAM, errorMessage: checked.message });
    const ctx = this.context(target, msg);
    try {
      if (target.scope && !target.authorizesItself) {
        const outcome = await this.permissions.authorize(target.scope, target.name, ctx.hostContext());
        if (outcome !== 'granted') throw permissionFailure(target.name, target.scope, outcome);
      }
      const value = await target.handler(checked.value, ctx);
      return this.success(msg.cb, target, value);
    } catch (error) {
      return fail(msg.cb, toApiError(error));
    }
  }

  /** The API or task method an invoke names, or the reply that ends it right away. */
  private resolve(msg: InvokeMessage): Target | ReplyMessage {
    if (this.disposed) return fail(msg.cb, { error: ErrorCode.UNKNOWN, errorMessage: `${msg.api}: the mini-program was closed` });
    if (typeof msg.api !== 'string') return fail(msg.cb, { error: ErrorCode.UNKNOWN_API, errorMessage: 'invoke without an API name' });
    if (msg.task !== undefined && msg.task !== null) {
      const method = msg.api.slice(msg.api.lastIndexOf('.') + 1);
      const entry = this.tasks.get(msg.task);
      // Methods of a finished task do nothing (aborting a request that already completed is fine).
      if (!entry) return { t: 'reply', cb: msg.cb, ok: true, result: {} };
      const def = this.definitions.get(entry.api);
      const spec = def?.task?.methods[method];
      if (!spec || !Object.prototype.hasOwnProperty.call(def!.task!.methods, method)) {
        return fail(msg.cb, { error: ErrorCode.UNKNOWN_API, errorMessage: `${entry.api} task has no method "${method}"` });
      }
      return { name: `${entry.api}.${method}`, kind: 'async', params: spec.params, result: spec.result, handler: spec.handler, task: msg.task };
    }
    const def = this.definitions.get(msg.api);
    if (!def) return fail(msg.cb, { error: ErrorCode.UNKNOWN_API, errorMessage: `${msg.api}: no such API on this host` });
    if (def.unsupported) return fail(msg.cb, { ...def.unsupported });
    if (def.baselib || def.kind === 'property') {
      return fail(msg.cb, { error: ErrorCode.UNKNOWN_API, errorMessage: `${msg.api}: provided by the base library (use my.${msg.api} itself)` });
    }
    return {
      name: def.name,
      kind: def.kind,
      params: def.params,
      result: def.kind === 'event' ? undefined : def.result,
      scope: def.scope,
      authorizesItself: def.authorizesItself,
      handler: def.handler,
    };
  }

  private context(target: Target, msg: InvokeMessage): ApiCallContext {
    const { appId, app, ext, services } = this.options;
    return {
      appId,
      app,
      ext,
      host: this.host,
      services,
      task: target.task,
      api: target.name,
      callId: msg.cb,
      signal: this.controller.signal,
      tasks: this.tasks,
      permissions: this.permissions,
      local: <T>(key: string, create: () => T): T => {
        if (!this.locals.has(key)) this.locals.set(key, create());
        return this.locals.get(key) as T;
      },
      hostContext: () => {
        let page: { id: number; route: string } | undefined;
        try {
          page = services.currentPage();
        } catch {
          page = undefined;
        }
        return page ? { appId, page } : { appId };
      },
    };
  }

  /** A success reply, once the value is known to be JSON of the declared shape. */
  private success(cb: number, target: Target, value: unknown): ReplyMessage {
    let result: unknown = {};
    if (value !== undefined) {
      try {
        result = JSON.parse(JSON.stringify(value) ?? 'null');
      } catch (error) {
        return fail(cb, { error: ErrorCode.UNKNOWN, errorMessage: `${target.name}: the result is not JSON (${(error as Error).message})` });
      }
    }
    if (target.result) {
      const checked = validateValue('result', target.result, result);
      if (!checked.ok) return fail(cb, { error: ErrorCode.UNKNOWN, errorMessage: `${target.name}: the host produced an invalid result: ${checked.message}` });
    }
    return { t: 'reply', cb, ok: true, result };
  }
}

export function createJsapi(options: CreateJsapiOptions): Jsapi {
  return new JsapiRegistry(options);
}
