/**
 * The logic layer in a Web Worker, like a real dual-thread platform: the page keeps the container,
 * the view and the JSAPI; the worker runs the QuickJS sandbox with the base library and the app's
 * bundles (`sandbox/worker-entry.ts`). Batches travel by `postMessage`; synchronous JSAPI calls are
 * answered through a SharedArrayBuffer the worker waits on (the page must be cross-origin
 * isolated); `dispose()` terminates the worker, which is also the hard stop for a guest that no
 * longer yields (a watchdog does it when the worker stops answering).
 *
 * ```ts
 * const wasm = await WebAssembly.compileStreaming(fetch('/quickjs.wasm'));
 * const baseLibrary = await (await fetch('/baselib.js')).text();
 * const container = await createContainer({
 *   pkg, renderer,
 *   logic: (options) => createWorkerTransport({
 *     createWorker: () => new Worker('/logic-worker.js', { type: 'module' }),
 *     wasm, baseLibrary, limits: options.limits,
 *   }),
 * });
 * ```
 */
import type { HostToLogic, InvokeMessage, LogicToHost, LogicTransport, ReplyMessage } from '../../contract/protocol.ts';
import type { SandboxLimits } from '../../sandbox/limits.ts';
import { createSyncBuffer, writeSyncReply, type FromWorker, type ToWorker } from './worker-protocol.ts';
import { guardTransport } from '../boundary.ts';

/** What the transport needs of a worker (a browser `Worker`; tests adapt Node's worker_threads). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: { data: FromWorker }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string; error?: unknown }) => void): void;
  terminate(): void;
}

export interface WorkerTransportOptions {
  /** Starts a fresh worker running `sandbox/worker-entry.ts` (one per transport). */
  createWorker(): WorkerLike;
  /** The QuickJS variant's WebAssembly (quickjs-ng release-sync): compile it once and pass the module to every transport. */
  wasm: WebAssembly.Module | ArrayBuffer | Uint8Array;
  /** The base library script (`getBaseLibrarySource()`, served to the page). */
  baseLibrary: string;
  limits?: Partial<SandboxLimits>;
  /** How long the worker waits for the page to answer a synchronous call (default 10 s). */
  syncTimeoutMs?: number;
  /** The worker must answer within this long while work is pending, or it is terminated (default: the larger of 5 s and 5 × taskMs). */
  unresponsiveMs?: number;
  /** How long the worker may take to start (default 15 s). */
  startTimeoutMs?: number;
  /**
   * Debug mode: the URL a bundle is named by in the worker (`logic.js` → `http://…/b/3/logic.js`), so
   * DevTools resolves the bundle's `//# sourceMappingURL` against it and shows the author's files.
   * Stack traces then carry that URL; the container's source maps match it by its path suffix.
   */
  scriptUrl?(filename: string): string;
}

export interface WorkerTransport extends LogicTransport {
  /** Size of the sandbox's WebAssembly memory as the worker last reported it. */
  memoryBytes(): number;
  /** True once the worker is gone (disposed, crashed or stopped by the watchdog). */
  readonly terminated: boolean;
  /** Whether synchronous JSAPI calls work (false when the page is not cross-origin isolated). */
  readonly syncCalls: boolean;
}

export async function createWorkerTransport(options: WorkerTransportOptions): Promise<WorkerTransport> {
  const worker = options.createWorker();
  const sync = createSyncBuffer();
  const taskMs = options.limits?.taskMs ?? 1000;
  const unresponsiveMs = options.unresponsiveMs ?? Math.max(5000, taskMs * 5);
  let receiver: ((batch: LogicToHost[]) => void) | undefined;
  let syncHandler: ((msg: InvokeMessage) => ReplyMessage) | undefined;
  let memory = 0;
  let closed = false;
  let nextIdle = 1;
  const idleWaiters = new Map<number, () => void>();
  let lastHeard = Date.now();
  let watchdog: ReturnType<typeof setInterval> | undefined;
  let startSettled = false;
  let resolveStart!: () => void;
  let rejectStart!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    resolveStart = resolve;
    rejectStart = reject;
  });

  const deliver = (batch: LogicToHost[]): void => {
    if (!receiver || batch.length === 0) return;
    try {
      receiver(batch);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const post = (message: ToWorker): void => {
    if (!closed) worker.postMessage(message);
  };

  const shutdown = (reason?: string): void => {
    if (closed) return;
    closed = true;
    if (watchdog !== undefined) clearInterval(watchdog);
    try {
      worker.postMessage({ k: 'dispose' });
    } catch {
      /* already gone */
    }
    worker.terminate();
    if (reason !== undefined) deliver([{ t: 'error', kind: 'terminated', message: reason }]);
    for (const resolve of idleWaiters.values()) resolve();
    idleWaiters.clear();
    if (!startSettled) {
      startSettled = true;
      rejectStart(new Error(reason ?? 'the logic worker was disposed before it started'));
    }
  };

  const answerSync = (seq: number, msg: InvokeMessage): void => {
    if (!sync) return;
    let reply: ReplyMessage;
    try {
      reply = syncHandler
        ? syncHandler(msg)
        : { t: 'reply', cb: msg.cb, ok: false, error: { error: 1, errorMessage: `${msg.api}: synchronous APIs are not available in this host` } };
    } catch (error) {
      reply = { t: 'reply', cb: msg.cb, ok: false, error: { error: 3, errorMessage: `${msg.api}: ${error instanceof Error ? error.message : String(error)}` } };
    }
    writeSyncReply(sync, seq, reply);
  };

  worker.addEventListener('message', (event) => {
    const message = event.data;
    lastHeard = Date.now();
    if (closed || !message || typeof message !== 'object') return;
    switch (message.k) {
      case 'started':
        startSettled = true;
        resolveStart();
        return;
      case 'failed':
        startSettled = true;
        rejectStart(new Error(`the logic worker could not start: ${message.message}`));
        return;
      case 'batch':
        deliver(message.batch);
        return;
      case 'sync':
        answerSync(message.seq, message.msg);
        return;
      case 'idle': {
        memory = message.memory;
        const resolve = idleWaiters.get(message.n);
        idleWaiters.delete(message.n);
        resolve?.();
        return;
      }
      case 'pong':
        memory = message.memory;
        return;
    }
  });
  worker.addEventListener('error', (event) => {
    const detail = event.message ?? (event.error instanceof Error ? event.error.message : 'unknown error');
    if (!startSettled) {
      shutdown(`the logic worker failed to load: ${detail}`);
      return;
    }
    shutdown(`the logic worker crashed: ${detail}`);
  });

  worker.postMessage({
    k: 'start',
    wasm: options.wasm,
    baseLibrary: options.baseLibrary,
    limits: options.limits ?? {},
    sync,
    syncTimeoutMs: options.syncTimeoutMs ?? 10_000,
  });
  const startTimer = setTimeout(() => {
    if (!startSettled) shutdown(`the logic worker did not start within ${options.startTimeoutMs ?? 15_000} ms`);
  }, options.startTimeoutMs ?? 15_000);
  try {
    await started;
  } catch (error) {
    shutdown();
    throw error;
  } finally {
    clearTimeout(startTimer);
  }

  // While the page waits for the worker, the worker must keep answering: between two tasks it
  // handles pings. A task stuck past its deadline (a native builtin QuickJS cannot interrupt)
  // stops the answers, and the worker is terminated.
  lastHeard = Date.now();
  watchdog = setInterval(() => {
    if (closed || idleWaiters.size === 0) {
      lastHeard = Date.now();
      return;
    }
    if (Date.now() - lastHeard > unresponsiveMs) {
      shutdown(`the logic worker stopped responding for ${unresponsiveMs} ms and was terminated`);
      return;
    }
    post({ k: 'ping' });
  }, Math.min(1000, Math.max(50, Math.floor(unresponsiveMs / 4))));
  (watchdog as { unref?: () => void }).unref?.();

  // The page does not trust what comes out of the worker: the same boundary check as in-process.
  return guardTransport({
    post(batch: HostToLogic[]) {
      if (!Array.isArray(batch) || batch.length === 0) return;
      post({ k: 'batch', batch });
    },
    onMessage(handler) {
      receiver = handler;
    },
    loadScript(filename, source) {
      const name = String(filename);
      post({ k: 'script', filename: options.scriptUrl?.(name) ?? name, source: String(source) });
    },
    onSyncInvoke(handler) {
      syncHandler = handler;
    },
    idle() {
      if (closed) return Promise.resolve();
      const n = nextIdle++;
      return new Promise<void>((resolve) => {
        if (idleWaiters.size === 0) lastHeard = Date.now();
        idleWaiters.set(n, resolve);
        post({ k: 'idle', n });
      });
    },
    dispose() {
      shutdown();
    },
    memoryBytes: () => memory,
    get terminated() {
      return closed;
    },
    get syncCalls() {
      return sync !== null;
    },
  });
}
