/**
 * Cloud functions from the project's cloud folder: `<functionsDir>/<name>/index.js` (or `.ts`, or
 * the `main` of its package.json) exporting `main(event, context)`. Each function is bundled with
 * esbuild (again whenever one of its files changes) and every call runs in a QuickJS sandbox of
 * its own: a bounded heap, a CPU deadline on every entry and a wall-clock deadline on the whole
 * call, and no host capability but the emulator's cloud SDK (`require('@alipay/faas-server-sdk')`),
 * `console` and timers. Node built-ins do not exist there: a function that needs them does not build.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultEngineSource, EntryOp, QuickJsEngine, resolveLimits, type GuestNatives } from '@mpk/runtime/node';
import { checkName, cloudError, FAILED, isCloudError, type CloudError } from './errors.ts';
import { sandboxLibrary } from './sandbox-lib.ts';

/** What a function's SDK asks the emulator (the same requests the mini-program's SDK makes). */
export type FunctionHostRequest = (request: Record<string, unknown>, call: { env: string; appId: string; depth: number }) => Promise<unknown>;

export interface FunctionLimits {
  /** Wall-clock deadline of one call, and the CPU deadline of each entry into its sandbox (default 3000 ms). */
  timeoutMs: number;
  /** Heap of one function's sandbox (default 64 MiB). */
  heapBytes: number;
  /** Calls running at once; more wait their turn (default 4). */
  concurrency: number;
  /** Live timers one call may hold (default 100). */
  maxTimers: number;
  /** Nested callFunction depth (a function calling a function…; default 4). */
  maxDepth: number;
}

export const DEFAULT_FUNCTION_LIMITS: FunctionLimits = { timeoutMs: 3000, heapBytes: 64 * 1024 * 1024, concurrency: 4, maxTimers: 100, maxDepth: 4 };

/** Module names a function imports for the server-side SDK; each resolves to the emulator's. */
export const SERVER_SDK_MODULES = ['@alipay/faas-server-sdk', 'mpk:cloud'];

export interface FunctionLog {
  name: string;
  level: string;
  text: string;
}

interface Bundle {
  code: string;
  /** Every input file and its mtime when bundled. */
  inputs: Map<string, number>;
}

const ENTRIES = ['index.js', 'index.ts', 'index.mjs', 'index.cjs'];

function failed(name: string, message: string): CloudError {
  return cloudError(FAILED, `cloud function "${name}" ${message}`);
}

export class CloudFunctions {
  private readonly bundles = new Map<string, Promise<Bundle>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private nextRequest = 1;

  constructor(
    private readonly functionsDir: string | undefined,
    private readonly host: FunctionHostRequest,
    private readonly limits: FunctionLimits = DEFAULT_FUNCTION_LIMITS,
    private readonly onLog: (log: FunctionLog) => void = () => {},
    /** What a function's bundle may read: the project (a file of the machine outside it never reaches a sandbox). */
    private readonly containDir: string | undefined = functionsDir,
  ) {}

  /** Names of the functions in the folder (directories with an entry file). */
  list(): string[] {
    if (!this.functionsDir || !existsSync(this.functionsDir)) return [];
    return readdirSync(this.functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && this.entryOf(path.join(this.functionsDir!, d.name)) !== undefined)
      .map((d) => d.name)
      .sort();
  }

  private entryOf(dir: string): string | undefined {
    try {
      const main = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: unknown }).main;
      if (typeof main === 'string' && existsSync(path.join(dir, main))) return path.join(dir, main);
    } catch {
      /* no package.json: the index file */
    }
    for (const file of ENTRIES) if (existsSync(path.join(dir, file))) return path.join(dir, file);
    return undefined;
  }

  private async bundle(name: string, dir: string, entry: string): Promise<Bundle> {
    const current = this.bundles.get(name);
    if (current) {
      const known = await current.catch(() => undefined);
      const fresh = known && [...known.inputs].every(([file, mtime]) => {
        try {
          return statSync(file).mtimeMs === mtime;
        } catch {
          return false;
        }
      });
      if (fresh) return known;
    }
    const built = this.build(name, dir, entry);
    this.bundles.set(name, built);
    built.catch(() => this.bundles.delete(name));
    return built;
  }

  private async build(name: string, dir: string, entry: string): Promise<Bundle> {
    const esbuild = await import('esbuild');
    let result: Awaited<ReturnType<typeof esbuild.build>> & { outputFiles: { text: string }[] };
    try {
      result = (await esbuild.build({
        stdin: { contents: `globalThis.__mpkFunction = require(${JSON.stringify(entry)});`, resolveDir: dir, loader: 'js' },
        absWorkingDir: dir,
        bundle: true,
        write: false,
        metafile: true,
        format: 'iife',
        platform: 'neutral',
        mainFields: ['module', 'main'],
        target: 'es2022',
        logLevel: 'silent',
        plugins: [
          {
            name: 'mpk-server-sdk',
            setup(build) {
              const filter = new RegExp(`^(${SERVER_SDK_MODULES.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
              build.onResolve({ filter }, () => ({ path: 'sdk', namespace: 'mpk-server-sdk' }));
              build.onLoad({ filter: /.*/, namespace: 'mpk-server-sdk' }, () => ({ contents: 'module.exports = globalThis.__mpkServerSdk;', loader: 'js' }));
            },
          },
        ],
      })) as never;
    } catch (error) {
      const first = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors?.[0];
      const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
      throw failed(name, `does not build: ${first ? first.text + where : (error as Error).message}`);
    }
    const inputs = new Map<string, number>();
    const root = this.containDir ? realpathSync(this.containDir) : undefined;
    for (const file of Object.keys(result.metafile!.inputs)) {
      if (file.includes(':')) continue; // a virtual module (the server SDK, the entry stub)
      const full = path.resolve(dir, file);
      const real = existsSync(full) ? realpathSync(full) : full;
      if (root && real !== root && !real.startsWith(root + path.sep)) throw failed(name, `does not build: ${file} is outside the project (a function may import only files inside it)`);
      try {
        inputs.set(full, statSync(full).mtimeMs);
      } catch {
        /* a virtual module */
      }
    }
    return { code: result.outputFiles[0]!.text, inputs };
  }

  /** Runs function `name` with `event`; resolves with what its main returned, or rejects with a CloudError. */
  async call(name: string, event: unknown, call: { env: string; appId: string; depth?: number }): Promise<unknown> {
    checkName('function', name);
    const depth = call.depth ?? 0;
    if (depth >= this.limits.maxDepth) throw failed(name, `was called ${depth} levels deep (the emulator's limit, maxDepth)`);
    const dir = this.functionsDir ? path.join(this.functionsDir, name) : undefined;
    const entry = dir && existsSync(dir) ? this.entryOf(dir) : undefined;
    if (!dir || !entry) throw failed(name, `does not exist in env ${call.env}${this.functionsDir ? ` (no ${path.join(this.functionsDir, name)}/index.js)` : ' (the project has no cloud folder)'}`);
    const bundle = await this.bundle(name, dir, entry);
    await this.turn();
    try {
      return await this.run(name, bundle.code, event, { ...call, depth });
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private turn(): Promise<void> {
    if (this.running < this.limits.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(() => (this.running++, resolve())));
  }

  private async run(name: string, code: string, event: unknown, call: { env: string; appId: string; depth: number }): Promise<unknown> {
    const { timeoutMs, maxTimers } = this.limits;
    const deadline = Date.now() + timeoutMs;
    const inbox: string[] = [];
    const timers = new Map<number, ReturnType<typeof setTimeout>>();
    const firing: number[] = [];
    let inflight = 0;
    let done: { ok: true; json: string } | { ok: false; error: Record<string, unknown> } | undefined;
    let wake: () => void = () => {};
    const woken = () => new Promise<void>((resolve) => (wake = resolve));
    let breach: CloudError | undefined;

    const natives: GuestNatives = {
      send: (json) => {
        for (const message of JSON.parse(json) as Record<string, unknown>[]) {
          if (message.t === 'log') this.onLog({ name, level: String(message.level), text: String(message.text) });
          else if (message.t === 'done') done ??= message as never;
          else if (message.t === 'request') {
            inflight++;
            const id = message.id;
            const request = (message.request ?? {}) as Record<string, unknown>;
            this.host(request, { env: typeof request.env === 'string' && request.env ? request.env : call.env, appId: call.appId, depth: call.depth + 1 })
              .then(
                (value) => inbox.push(JSON.stringify({ t: 'reply', id, ok: true, value: value ?? null })),
                (error: unknown) => inbox.push(JSON.stringify({ t: 'reply', id, ok: false, error: isCloudError(error) ? error : { error: FAILED, errorMessage: String((error as Error)?.message ?? error) } })),
              )
              .finally(() => {
                inflight--;
                wake();
              });
          }
        }
      },
      invokeSync: () => {
        throw new TypeError('no synchronous host calls in a cloud function');
      },
      timer: (id, ms) => {
        if (id === 0) return Date.now();
        const existing = timers.get(id);
        if (existing) clearTimeout(existing);
        timers.delete(id);
        if (ms >= 0) {
          if (timers.size >= maxTimers) breach ??= failed(name, `set more than ${maxTimers} timers at once (the emulator's limit, maxTimers)`);
          else timers.set(id, setTimeout(() => (timers.delete(id), firing.push(id), wake()), ms));
        }
        return Date.now();
      },
    };

    const engine = await QuickJsEngine.create({
      source: defaultEngineSource,
      limits: resolveLimits({ taskMs: timeoutMs, heapBytes: this.limits.heapBytes}),
      baseLibrary: await sandboxLibrary(),
      natives,
    });
    const outcome = (result: ReturnType<QuickJsEngine['call']>): void => {
      if (result.ok) return;
      if (result.failure === 'timeout') throw failed(name, `timed out after ${timeoutMs} ms (the function's deadline)`);
      if (result.failure === 'oom') throw failed(name, `ran out of memory (${this.limits.heapBytes} bytes)`);
      throw failed(name, `failed: ${result.message}`);
    };
    const requestId = `mpk-fn-${this.nextRequest++}`;
    try {
      outcome(engine.evalScript(`cloud/${name}/index.js`, code));
      outcome(engine.call(EntryOp.Batch, JSON.stringify([{ t: 'run', event: event ?? {}, context: { env: call.env, appId: call.appId, functionName: name, requestId } }])));
      for (;;) {
        outcome(engine.runJobs());
        if (breach) throw breach;
        if (done) break;
        if (inflight === 0 && timers.size === 0 && inbox.length === 0 && firing.length === 0) {
          throw failed(name, 'returned a promise that never settles (nothing left to wait for)');
        }
        if (inbox.length === 0 && firing.length === 0) {
          const left = deadline - Date.now();
          if (left <= 0) throw failed(name, `timed out after ${timeoutMs} ms (the function's deadline)`);
          let timeout: ReturnType<typeof setTimeout> | undefined;
          await Promise.race([woken(), new Promise<void>((resolve) => (timeout = setTimeout(resolve, left)))]);
          clearTimeout(timeout);
          continue;
        }
        if (inbox.length > 0) outcome(engine.call(EntryOp.Batch, `[${inbox.splice(0).join(',')}]`));
        while (firing.length > 0) outcome(engine.call(EntryOp.Timer, firing.shift()!));
      }
    } finally {
      for (const timer of timers.values()) clearTimeout(timer);
      engine.dispose();
    }
    if (!done!.ok) {
      const e = done!.error;
      // Inside an async main the engine's own stops arrive as rejections: name them as the engine would.
      if (e.name === 'InternalError' && /out of memory/.test(String(e.message))) throw failed(name, `ran out of memory (${this.limits.heapBytes} bytes)`);
      if (e.name === 'InternalError' && /interrupted/.test(String(e.message))) throw failed(name, `timed out after ${timeoutMs} ms (the function's deadline)`);
      throw failed(name, `threw ${String(e.name ?? 'Error')}: ${String(e.message ?? '')}`);
    }
    return JSON.parse((done as { json: string }).json) as unknown;
  }
}
