/**
 * A prewarmed pool of logic sandboxes, as a host option: `createContainerPool({ size, limits })`
 * keeps `size` QuickJS sandboxes booted ahead (module instantiated, runtime and context created,
 * heap cap, stack limit and interrupt handler applied, base library evaluated), and
 * `pool.createContainer(options)` makes containers whose `launch()` starts from one of them and
 * only loads the package's logic.
 *
 * - Every container gets a sandbox of its own, which it disposes with itself: a sandbox is never
 *   returned to the pool or handed to a second app, so nothing of one mini-program (globals,
 *   module state, timers, heap) can reach another. Storage is the container's (its appId), as
 *   without a pool.
 * - The pool refills in the background, one sandbox per turn of the event loop, and never while a
 *   launch from the pool is running (a launch can wait at most for one boot already under way).
 *   A launch that finds the pool empty boots a sandbox on demand, as a cold launch does.
 * - The limits are the pool's: they are applied when a sandbox boots, so a container from the pool
 *   may not ask for others (a TypeError says which); its view budget (`limits.view`) is its own.
 * - `dispose()` frees the sandboxes not handed out yet and stops refilling; containers already
 *   launched keep theirs until they are destroyed.
 */

import { prepareQuickJsSandbox, type PreparedQuickJsSandbox, type QuickJsTransportOptions } from '../bridge/transports/quickjs.ts';
import { realClock } from '../sandbox/clock.ts';
import { resolveLimits, type SandboxLimits } from '../sandbox/limits.ts';
import type { QuickJsEngineSource } from '../sandbox/wasm.ts';
import type { LogicTransport } from '../contract/protocol.ts';
import { createContainer, type Container, type ContainerOptions, type LaunchRequest } from './container.ts';
import type { LogicFactoryOptions } from './logic-factory.ts';

/** How long refilling waits after a sandbox is taken through `pool.logic` (the pool cannot see that launch end). */
export const LAUNCH_GRACE_MS = 50;

export interface ContainerPoolOptions {
  /** How many ready sandboxes the pool keeps (a positive integer). */
  size: number;
  /** Sandbox limits of every container from the pool (heap cap, stack, CPU deadline…; defaults as for `createContainer`). */
  limits?: Partial<SandboxLimits>;
  /** The QuickJS variant and its `.wasm` (default: quickjs-ng release, from node_modules). */
  engine?: QuickJsEngineSource;
  /** The base library script (default: `getBaseLibrarySource()`; a browser host passes it in). */
  baseLibrary?: string;
  /** Quiet time in ms after the last launch from the pool ends before refilling starts (default 0: the next turn of the event loop). */
  refillDelayMs?: number;
  /** How each sandbox starts: from the process's snapshot (default) or by evaluating the base library (`QuickJsTransportOptions.boot`). */
  boot?: QuickJsTransportOptions['boot'];
  /** Test hook: wrap each sandbox's WASM module (leak checks with `TestQuickJSWASMModule`). */
  instrument?: QuickJsTransportOptions['instrument'];
}

/** What `pool.createContainer()` takes: a container's options, without `logic` (the pool is the engine). */
export type PooledContainerOptions = Omit<ContainerOptions, 'logic'>;

export interface ContainerPoolStats {
  size: number;
  /** Booted sandboxes waiting for a launch. */
  ready: number;
  /** Sandboxes booting now (0 or 1). */
  warming: number;
  /** Launches from the pool running now (refilling waits for them). */
  launching: number;
  /** Launches that started from a ready sandbox. */
  hits: number;
  /** Launches that found none ready and waited for a boot (an on-demand one, or one under way). */
  misses: number;
}

export interface ContainerPool {
  readonly size: number;
  /** The limits every sandbox of the pool runs with (resolved). */
  readonly limits: Readonly<SandboxLimits>;
  /** A container whose launch starts from a ready sandbox of the pool (see ContainerOptions; the clock is the container's). */
  createContainer(options: PooledContainerOptions): Promise<Container>;
  /**
   * The same as a container's `logic` option, for hosts that create containers themselves (a test
   * harness): `createContainer({ ..., logic: pool.logic })`. The pool cannot see when such a launch
   * ends, so refilling waits `LAUNCH_GRACE_MS` (50 ms) after the sandbox is taken; prefer
   * `pool.createContainer()`. Other limits than the pool's fail the launch with a TypeError.
   */
  readonly logic: (options: LogicFactoryOptions) => Promise<LogicTransport>;
  /** Resolves once `size` sandboxes are ready (rejects if booting one failed, or the pool is disposed). */
  ready(): Promise<void>;
  stats(): ContainerPoolStats;
  /** Frees every sandbox not handed out and stops refilling; later `createContainer()` calls and launches fail. */
  dispose(): void;
}

export function createContainerPool(options: ContainerPoolOptions): ContainerPool {
  return new Pool(options);
}

type IdleCallback = (fn: () => void, options?: { timeout: number }) => unknown;

class Pool implements ContainerPool {
  readonly size: number;
  readonly limits: Readonly<SandboxLimits>;
  private readonly limitsInput: Partial<SandboxLimits>;
  private readonly sandboxOptions: Omit<QuickJsTransportOptions, 'clock'>;
  private readonly refillDelayMs: number;
  private readonly available: PreparedQuickJsSandbox[] = [];
  /** The boot under way, if any (one at a time). */
  private warming: Promise<void> | undefined;
  private launching = 0;
  private hits = 0;
  private misses = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scheduled = false;
  private disposed = false;
  /** The last boot failed: refilling stops until a launch asks again (no retry loop). */
  private failed: unknown;
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(options: ContainerPoolOptions) {
    if (!options || typeof options !== 'object') throw new TypeError('createContainerPool(options): options must be an object with a size');
    const { size, limits, engine, baseLibrary, refillDelayMs = 0, instrument, boot } = options;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
      throw new RangeError(`createContainerPool: "size" must be a positive integer, got ${String(size)}`);
    }
    if (typeof refillDelayMs !== 'number' || !Number.isFinite(refillDelayMs) || refillDelayMs < 0) {
      throw new RangeError(`createContainerPool: "refillDelayMs" must be a number ≥ 0, got ${String(refillDelayMs)}`);
    }
    this.size = size;
    this.limitsInput = { ...limits };
    this.limits = Object.freeze(resolveLimits(limits));
    this.refillDelayMs = refillDelayMs;
    this.sandboxOptions = { limits: this.limits, engine, baseLibrary, instrument, boot };
    this.schedule();
  }

  async createContainer(options: PooledContainerOptions): Promise<Container> {
    if (this.disposed) throw new Error('createContainer: this container pool was disposed');
    if ('logic' in (options as ContainerOptions) && (options as ContainerOptions).logic !== undefined) {
      throw new TypeError('pool.createContainer: "logic" is the pool\'s (QuickJS sandboxes booted ahead); use createContainer() for another engine');
    }
    this.checkLimits(options.limits, 'pool.createContainer');
    const container = await createContainer({
      ...options,
      logic: async (factory) => (await this.acquire()).attach(factory.clock ?? realClock),
    });
    // Refilling waits while a launch from the pool runs: the boot of the next sandbox (≈10 ms of
    // synchronous work) must not land between the steps of a launch.
    const launch = container.launch.bind(container);
    container.launch = async (request?: LaunchRequest) => {
      this.launching++;
      try {
        return await launch(request);
      } finally {
        this.launching--;
        this.schedule();
      }
    };
    return container;
  }

  readonly logic = async (factory: LogicFactoryOptions): Promise<LogicTransport> => {
    this.checkLimits(factory?.limits, 'pool.logic');
    this.launching++;
    setTimeout(() => {
      this.launching--;
      this.schedule();
    }, Math.max(LAUNCH_GRACE_MS, this.refillDelayMs));
    return (await this.acquire()).attach(factory?.clock ?? realClock);
  };

  ready(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('this container pool was disposed'));
    if (this.available.length >= this.size) return Promise.resolve();
    if (this.failed !== undefined && !this.warming) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.schedule();
    });
  }

  stats(): ContainerPoolStats {
    return {
      size: this.size,
      ready: this.available.length,
      warming: this.warming ? 1 : 0,
      launching: this.launching,
      hits: this.hits,
      misses: this.misses,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const sandbox of this.available.splice(0)) sandbox.dispose();
    this.settleWaiters(new Error('this container pool was disposed'));
  }

  // ---------------------------------------------------------------- internals

  /** A sandbox for one launch: a ready one, else the boot under way, else one booted now. */
  private async acquire(): Promise<PreparedQuickJsSandbox> {
    this.failed = undefined;
    let waited = false;
    for (;;) {
      if (this.disposed) throw new Error('launch: the container pool this container came from was disposed');
      const sandbox = this.available.shift();
      if (sandbox) {
        if (waited) this.misses++;
        else this.hits++;
        // Below size now: the refill is due once this launch (counted in `launching`) ends.
        this.schedule();
        return sandbox;
      }
      if (!this.warming) break;
      waited = true;
      await this.warming;
    }
    this.misses++;
    return prepareQuickJsSandbox(this.sandboxOptions);
  }

  private checkLimits(limits: PooledContainerOptions['limits'], where: string): void {
    if (limits === undefined || limits === null) return;
    const { view: _view, ...logic } = limits;
    const asked = Object.entries(logic).filter(([, value]) => value !== undefined);
    if (asked.length === 0) return;
    const merged = resolveLimits({ ...this.limitsInput, ...logic });
    const differ = (Object.keys(merged) as (keyof SandboxLimits)[]).filter((key) => merged[key] !== this.limits[key]);
    if (differ.length > 0) {
      throw new TypeError(
        `${where}: a container from a pool runs with the pool's sandbox limits (they are applied when a sandbox boots); ` +
          `it asked for other ${differ.map((key) => `"${key}"`).join(', ')}: pass them to createContainerPool()`,
      );
    }
  }

  private schedule(): void {
    if (this.disposed || this.scheduled || this.warming || this.failed !== undefined) return;
    if (this.launching > 0 || this.available.length >= this.size) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.timer = undefined;
      this.refillOne();
    };
    const idle = (globalThis as { requestIdleCallback?: IdleCallback }).requestIdleCallback;
    if (typeof idle === 'function') {
      // A browser host: boot in the page's idle time.
      this.timer = setTimeout(() => idle(run, { timeout: 1000 }), this.refillDelayMs);
    } else {
      this.timer = setTimeout(run, this.refillDelayMs);
    }
  }

  private refillOne(): void {
    if (this.disposed || this.warming || this.launching > 0 || this.available.length >= this.size) return;
    this.warming = prepareQuickJsSandbox(this.sandboxOptions).then(
      (sandbox) => {
        this.warming = undefined;
        if (this.disposed) {
          sandbox.dispose();
          return;
        }
        this.available.push(sandbox);
        if (this.available.length >= this.size) this.settleWaiters();
        this.schedule();
      },
      (error: unknown) => {
        this.warming = undefined;
        if (this.disposed) return;
        this.failed = error;
        this.settleWaiters(error);
      },
    );
  }

  private settleWaiters(error?: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  }
}
