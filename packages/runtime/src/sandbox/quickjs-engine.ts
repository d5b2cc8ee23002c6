/**
 * One sandbox = one QuickJS WebAssembly module with a bounded `WebAssembly.Memory` (the real heap
 * cap), one runtime, one context. Every entry into the VM gets the stack limit and a fresh CPU
 * deadline; promise jobs are drained in bounded slices; every handle is disposed; failures are
 * classified (timeout / oom / error / fatal) and never thrown to the host.
 */
import {
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import type { EntryOp, EntryOutcome, FailureKind, GuestEngine, GuestNatives } from './engine.ts';
import { OK } from './engine.ts';
import { DEFAULT_LIMITS, type SandboxLimits } from './limits.ts';
import { imageOf, restore, type SandboxImage } from './snapshot.ts';
import { instantiate, type QuickJsEngineSource } from './wasm.ts';

const PAGE = 64 * 1024;
/** Emscripten's initial memory for these builds: the cap cannot be smaller. */
const MIN_PAGES = 256;
/** Host→guest re-entrancy bound (guest→host→guest recursion overflows the host stack near 265). */
const MAX_DEPTH = 32;
/** A `null` exception with memory this close to the cap is heap exhaustion. */
const OOM_RATIO = 0.85;
/** Booting pays WebAssembly tier-up and parsing the base library: not the app's CPU budget. */
const BOOT_MS = 5000;
/** Parse allowance for bundles on top of `taskMs` (QuickJS parses ≈0.2 ms per KB; 2.5× margin). */
const PARSE_MS_PER_KB = 0.5;

const ignore = () => {};

export type BootMode = 'snapshot' | 'source';

const capPages = (limits: SandboxLimits) => Math.max(MIN_PAGES, Math.min(32768, Math.floor(limits.heapBytes / PAGE)));

/** One snapshot per engine source and base library script, for the life of the process. */
const images = new WeakMap<QuickJsEngineSource, Map<string, Promise<SandboxImage>>>();

function imagesOf(source: QuickJsEngineSource): Map<string, Promise<SandboxImage>> {
  let bySource = images.get(source);
  if (!bySource) images.set(source, (bySource = new Map()));
  return bySource;
}

export interface QuickJsEngineOptions {
  source: QuickJsEngineSource;
  limits: SandboxLimits;
  /**
   * The host functions. Without them the base library is evaluated but not installed: `install()`
   * binds them later (a sandbox booted ahead of its app, by the container pool).
   */
  natives?: GuestNatives;
  baseLibrary: string;
  /**
   * `snapshot` (default): start from a copy of the memory of a sandbox booted once per process
   * (≈10× faster); `source`: instantiate and evaluate the base library (the path instrumented runs take).
   */
  boot?: BootMode;
  /** Test hook: wrap the module (e.g. in `TestQuickJSWASMModule` for leak checks). */
  instrument?(module: QuickJSWASMModule): Pick<QuickJSWASMModule, 'newContext'>;
}

export class QuickJsEngine implements GuestEngine {
  private ctx: QuickJSContext | undefined;
  private rt: QuickJSRuntime | undefined;
  private dispatcher: QuickJSHandle | undefined;
  /** The base library's `install(natives)`, between evaluation and installation. */
  private installer: QuickJSHandle | undefined;
  private deadline = 0;
  /** How much more host time the current entry may add to its deadline. */
  private hostAllowance = 0;
  /** The guest called the host after its deadline: the entry counts as timed out. */
  private overdue = false;
  private depth = 0;
  private readonly memory: WebAssembly.Memory;
  private readonly limits: SandboxLimits;
  private readonly maxBytes: number;

  private constructor(memory: WebAssembly.Memory, ctx: QuickJSContext, limits: SandboxLimits, maxBytes: number) {
    this.memory = memory;
    this.ctx = ctx;
    this.rt = ctx.runtime;
    this.limits = limits;
    this.maxBytes = maxBytes;
  }

  static async create(options: QuickJsEngineOptions): Promise<QuickJsEngine> {
    // Instrumented runs wrap the module's newContext, which a restored sandbox never calls.
    const boot = options.instrument ? 'source' : (options.boot ?? 'snapshot');
    return boot === 'snapshot' ? QuickJsEngine.fromSnapshot(options) : QuickJsEngine.fromSource(options);
  }

  /** Instantiates the module, creates runtime and context and evaluates the base library (≈12 ms). */
  private static async fromSource(options: QuickJsEngineOptions): Promise<QuickJsEngine> {
    const { limits } = options;
    const pages = capPages(limits);
    const memory = new WebAssembly.Memory({ initial: MIN_PAGES, maximum: pages });
    // Emscripten prints aborts and failed memory growth to the console; those are failures we
    // already classify and report. Instrumented (debug) runs keep the output for their leak reports.
    const module = await instantiate(options.source, memory, !options.instrument);
    const ctx = (options.instrument ? options.instrument(module) : module).newContext();
    const engine = new QuickJsEngine(memory, ctx, limits, pages * PAGE);
    return engine.start(options, () => engine.evaluate(options.baseLibrary));
  }

  /**
   * Instantiates the module over a copy of the process's snapshot of a booted sandbox (one per
   * engine source and base library): no base library evaluation. The first sandbox of the process
   * boots from source and is the donor: its memory is the snapshot, taken before `install`.
   */
  private static async fromSnapshot(options: QuickJsEngineOptions): Promise<QuickJsEngine> {
    const { limits, source, baseLibrary } = options;
    const bySource = imagesOf(source);
    const pending = bySource.get(baseLibrary);
    if (!pending) {
      let settle!: { resolve(image: SandboxImage): void; reject(error: unknown): void };
      const image = new Promise<SandboxImage>((resolve, reject) => (settle = { resolve, reject }));
      image.catch(() => bySource.delete(baseLibrary));
      bySource.set(baseLibrary, image);
      const engine = await QuickJsEngine.fromSource({ ...options, natives: undefined }).catch((error: unknown) => {
        settle.reject(error);
        throw error;
      });
      try {
        settle.resolve(await imageOf(source, { memory: engine.memory, ctx: engine.ctx!, installer: engine.installer! }));
        if (options.natives) engine.install(options.natives);
        return engine;
      } catch (error) {
        settle.reject(error);
        engine.dispose();
        throw error;
      }
    }
    const image = await pending;
    const pages = capPages(limits);
    if (image.pages > pages) throw new RangeError(`mpk: the heap cap (${limits.heapBytes} bytes) is smaller than a booted sandbox (${image.pages * PAGE} bytes)`);
    const memory = new WebAssembly.Memory({ initial: Math.max(MIN_PAGES, image.pages), maximum: pages });
    const module = await instantiate(source, memory, true);
    const { ctx, installer } = restore(module, memory, image);
    const engine = new QuickJsEngine(memory, ctx, limits, pages * PAGE);
    engine.installer = installer;
    return engine.start(options, ignore);
  }

  /** The process's snapshot for this source and base library (booting its donor if there is none yet). */
  static async snapshotOf(source: QuickJsEngineSource, baseLibrary: string): Promise<SandboxImage> {
    const pending = imagesOf(source).get(baseLibrary);
    if (pending) return pending;
    (await QuickJsEngine.fromSnapshot({ source, baseLibrary, limits: DEFAULT_LIMITS })).dispose();
    return imagesOf(source).get(baseLibrary)!;
  }

  /** Applies the limits, runs `boot` (evaluating the base library, or nothing), installs the natives if given. */
  private start(options: QuickJsEngineOptions, boot: () => void): QuickJsEngine {
    try {
      const rt = this.rt!;
      // A soft limit on top of the hard memory cap (it bounds allocation counts in this build).
      rt.setMemoryLimit(this.limits.heapBytes);
      rt.setMaxStackSize(this.limits.stackBytes);
      rt.setInterruptHandler(() => Date.now() > this.deadline);
      boot();
      if (options.natives) this.install(options.natives);
      return this;
    } catch (err) {
      this.dispose();
      throw err;
    }
  }

  /** Current size of the sandbox's WebAssembly memory (it only grows). */
  memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  private evaluate(baseLibrary: string): void {
    const ctx = this.ctx!;
    const outcome = this.enter(Math.max(BOOT_MS, this.limits.taskMs), () => {
      const evaluated = ctx.evalCode(baseLibrary, 'mpk-baselib.js', { type: 'global', strict: true });
      if (evaluated.error) return this.failure(evaluated.error);
      this.installer = evaluated.value;
      return OK;
    });
    if (!outcome.ok) throw new Error(`mpk: the base library failed to start in QuickJS: ${outcome.message}`);
  }

  /** Runs the evaluated base library's `install(natives)`: the guest gets its host functions and its dispatcher. Once. */
  install(natives: GuestNatives): void {
    const ctx = this.ctx;
    const install = this.installer;
    if (!ctx || !install) throw new Error('mpk: this sandbox is disposed or already installed');
    this.installer = undefined;
    const outcome = this.enter(Math.max(BOOT_MS, this.limits.taskMs), () => {
      const nativesHandle = ctx.newObject();
      try {
        this.defineNatives(nativesHandle, natives);
        const result = ctx.callFunction(install, ctx.undefined, nativesHandle);
        if (result.error) return this.failure(result.error);
        this.dispatcher = result.value;
        return OK;
      } finally {
        nativesHandle.dispose();
        install.dispose();
      }
    });
    if (!outcome.ok) throw new Error(`mpk: the base library failed to start in QuickJS: ${outcome.message}`);
    if (!this.dispatcher || ctx.typeof(this.dispatcher) !== 'function') throw new Error('mpk: the base library did not return its dispatcher');
  }

  /**
   * The three host functions. Time spent in the host does not count against the guest's deadline,
   * up to the entry's own budget: a loop of slow synchronous calls still ends (the entry's wall
   * time stays under twice its deadline).
   */
  private defineNatives(target: QuickJSHandle, natives: GuestNatives): void {
    const ctx = this.ctx!;
    const hostTime = <T>(fn: () => T, refuseLate = false): T => {
      const started = Date.now();
      // Past the deadline, synchronous APIs answer no more: QuickJS polls its interrupt handler only
      // every few thousand instructions, and a loop of slow host calls would make that take minutes.
      if (refuseLate && started > this.deadline) {
        this.overdue = true;
        throw new RangeError('the task ran past its deadline');
      }
      try {
        return fn();
      } finally {
        const extra = Math.min(Date.now() - started, this.hostAllowance);
        this.hostAllowance -= extra;
        this.deadline += extra;
      }
    };
    const str = (h: QuickJSHandle, what: string): string => {
      if (ctx.typeof(h) !== 'string') throw new TypeError(`${what}: expected a string`);
      return ctx.getString(h);
    };
    const num = (h: QuickJSHandle, what: string): number => {
      if (ctx.typeof(h) !== 'number') throw new TypeError(`${what}: expected a number`);
      return ctx.getNumber(h);
    };
    const fns: [string, QuickJSHandle][] = [
      ['send', ctx.newFunction('send', (json) => hostTime(() => natives.send(str(json, 'send')))) ],
      ['invokeSync', ctx.newFunction('invokeSync', (json) => ctx.newString(hostTime(() => natives.invokeSync(str(json, 'invokeSync')), true)))],
      ['timer', ctx.newFunction('timer', (id, ms) => ctx.newNumber(hostTime(() => natives.timer(num(id, 'timer'), num(ms, 'timer')))))],
    ];
    for (const [name, handle] of fns) {
      ctx.setProp(target, name, handle);
      handle.dispose();
    }
  }

  evalScript(filename: string, source: string): EntryOutcome {
    return this.enter(this.limits.taskMs + (source.length / 1024) * PARSE_MS_PER_KB, () => {
      const result = this.ctx!.evalCode(source, filename, { type: 'global' });
      if (result.error) return this.failure(result.error);
      result.value.dispose();
      return OK;
    });
  }

  call(op: EntryOp, arg: string | number): EntryOutcome {
    return this.enter(this.limits.taskMs, () => {
      const ctx = this.ctx!;
      const opHandle = ctx.newNumber(op);
      const argHandle = typeof arg === 'string' ? ctx.newString(arg) : ctx.newNumber(arg);
      try {
        const result = ctx.callFunction(this.dispatcher!, ctx.undefined, opHandle, argHandle);
        if (result.error) return this.failure(result.error);
        result.value.dispose();
        return OK;
      } finally {
        opHandle.dispose();
        argHandle.dispose();
      }
    });
  }

  runJobs(): EntryOutcome & { jobs: number } {
    let jobs = 0;
    const outcome = this.enter(this.limits.taskMs, () => {
      const rt = this.rt!;
      while (rt.hasPendingJob()) {
        if (Date.now() > this.deadline) {
          return { ok: false, failure: 'timeout', message: 'promise jobs kept running past the deadline' } as const;
        }
        const result = rt.executePendingJobs(this.limits.jobBudget);
        if (result.error) return this.failure(result.error);
        jobs += result.value;
      }
      return OK;
    });
    return { ...outcome, jobs };
  }

  hasPendingJobs(): boolean {
    try {
      return !!this.rt && this.rt.alive && this.rt.hasPendingJob();
    } catch {
      return false;
    }
  }

  dispose(): void {
    const ctx = this.ctx;
    const dispatcher = this.dispatcher;
    const installer = this.installer;
    this.ctx = undefined;
    this.rt = undefined;
    this.dispatcher = undefined;
    this.installer = undefined;
    try {
      if (installer?.alive) installer.dispose();
    } catch {
      /* retired */
    }
    // Disposal can abort (QuickJS asserts no live objects, e.g. after OOM in a promise job). The
    // module is ours alone, so dropping every reference to it retires it either way.
    try {
      if (dispatcher?.alive) dispatcher.dispose();
    } catch {
      /* retired */
    }
    try {
      if (ctx?.alive) ctx.dispose();
    } catch {
      /* retired */
    }
  }

  // ---------------------------------------------------------------- internals

  private enter(budgetMs: number, body: () => EntryOutcome): EntryOutcome {
    if (!this.ctx || !this.rt) return { ok: false, failure: 'fatal', message: 'the sandbox is disposed' };
    if (this.depth >= MAX_DEPTH) {
      return { ok: false, failure: 'refused', message: `more than ${MAX_DEPTH} nested calls into the sandbox` };
    }
    if (this.depth === 0) {
      // The stack limit is relative to the stack pointer at the time it is set.
      this.rt.setMaxStackSize(this.limits.stackBytes);
    }
    this.depth++;
    this.deadline = Date.now() + budgetMs;
    this.hostAllowance = budgetMs;
    this.overdue = false;
    try {
      const outcome = body();
      if (outcome.ok && this.overdue) return { ok: false, failure: 'timeout', message: 'InternalError: interrupted (host calls went on past the deadline)' };
      return outcome;
    } catch (err) {
      // Anything thrown by the library itself (WASM abort, host stack overflow, a lifetime error)
      // means the module can no longer be trusted.
      return { ok: false, failure: 'fatal', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    } finally {
      this.depth--;
    }
  }

  /** Classifies and disposes a guest exception. */
  private failure(error: QuickJSHandle): EntryOutcome {
    const ctx = this.ctx!;
    let dumped: unknown;
    try {
      dumped = ctx.dump(error);
    } catch {
      dumped = null;
    } finally {
      try {
        error.dispose();
      } catch {
        /* already gone */
      }
    }
    return classify(dumped, this.memoryBytes() >= this.maxBytes * OOM_RATIO);
  }
}

function classify(dumped: unknown, nearCap: boolean): EntryOutcome {
  if (dumped === null || dumped === undefined) {
    return nearCap
      ? { ok: false, failure: 'oom', message: 'out of memory' }
      : { ok: false, failure: 'error', message: `${String(dumped)} was thrown` };
  }
  if (typeof dumped !== 'object') return { ok: false, failure: 'error', message: `${String(dumped)} was thrown` };
  const { name, message, stack } = dumped as { name?: unknown; message?: unknown; stack?: unknown };
  const text = typeof message === 'string' ? message : JSON.stringify(dumped);
  let failure: FailureKind = 'error';
  if (name === 'InternalError' && /interrupted/.test(text)) failure = 'timeout';
  else if (name === 'InternalError' && /out of memory/.test(text)) failure = 'oom';
  const header = `${typeof name === 'string' ? name : 'Error'}: ${text}`;
  const frames = typeof stack === 'string' && stack.trim() ? (/^\s*at /.test(stack) ? `${header}\n${stack}` : stack) : undefined;
  return { ok: false, failure, message: header, stack: frames?.replace(/\n+$/, '') };
}
