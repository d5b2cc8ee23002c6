/**
 * The worker half of the Web Worker transport: the same protocol loop (`LogicHost`) and QuickJS
 * sandbox as `createQuickJsTransport`, fed by `postMessage` instead of direct calls. Everything
 * here is host-agnostic: `sandbox/worker-entry.ts` runs it in a browser worker with `self` as the
 * port, and tests run it in a Node `worker_threads` worker.
 */
import type { InvokeMessage, LogicToHost, ReplyMessage } from '../../contract/protocol.ts';
import { checkLogicBatch } from '../validate.ts';
import { realClock } from '../../sandbox/clock.ts';
import { resolveLimits } from '../../sandbox/limits.ts';
import { LogicHost } from '../../sandbox/logic-host.ts';
import { QuickJsEngine } from '../../sandbox/quickjs-engine.ts';
import type { GuestEngine, GuestNatives } from '../../sandbox/engine.ts';
import type { SandboxLimits } from '../../sandbox/limits.ts';
import { defaultEngineSource } from '../../sandbox/wasm.ts';
import { awaitSyncReply, beginSyncRequest, type FromWorker, type ToWorker } from './worker-protocol.ts';

/** The worker's side of its message channel (`self` in a Web Worker). */
export interface WorkerPort {
  postMessage(message: FromWorker): void;
  /** Installs the one receiver of page → worker messages. */
  onMessage(handler: (message: ToWorker) => void): void;
}

/** What runs the app in the worker: QuickJS (the default), or the debug worker's plain engine. */
export type WorkerEngineFactory = (input: {
  start: Extract<ToWorker, { k: 'start' }>;
  limits: SandboxLimits;
  natives: GuestNatives;
}) => Promise<GuestEngine & { memoryBytes?(): number }>;

const quickJs: WorkerEngineFactory = ({ start, limits, natives }) => {
  const wasm = start.wasm;
  return QuickJsEngine.create({
    source: { variant: defaultEngineSource.variant, loadWasm: async () => wasm },
    limits,
    natives,
    baseLibrary: start.baseLibrary,
  });
};

export function runLogicWorker(port: WorkerPort, createEngine: WorkerEngineFactory = quickJs): void {
  let host: LogicHost | undefined;
  let engine: (GuestEngine & { memoryBytes?(): number }) | undefined;
  let starting = false;
  const send = (message: FromWorker): void => port.postMessage(message);
  const memory = (): number => engine?.memoryBytes?.() ?? 0;

  port.onMessage((message) => {
    switch (message?.k) {
      case 'start':
        if (starting || host) return;
        starting = true;
        start(message).then(
          (started) => {
            ({ host, engine } = started);
            send({ k: 'started' });
          },
          (error: unknown) => send({ k: 'failed', message: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'batch':
        host?.post(message.batch);
        return;
      case 'script':
        host?.loadScript(message.filename, message.source);
        return;
      case 'idle': {
        const n = message.n;
        if (!host) send({ k: 'idle', n, memory: 0 });
        else void host.idle().then(() => send({ k: 'idle', n, memory: memory() }));
        return;
      }
      case 'ping':
        send({ k: 'pong', memory: memory() });
        return;
      case 'dispose':
        host?.dispose();
        host = undefined;
        engine = undefined;
        return;
    }
  });

  async function start(message: Extract<ToWorker, { k: 'start' }>): Promise<{ host: LogicHost; engine: GuestEngine & { memoryBytes?(): number } }> {
    const limits = resolveLimits(message.limits);
    const logic = new LogicHost({ limits, clock: realClock });
    // Checked before it is cloned to the page (a value nested a million deep would make postMessage
    // throw and take the worker down): what the boundary refuses leaves as a protocol error, and the
    // page's own check (bridge/boundary.ts) counts it as malformed traffic, as in-process.
    logic.onMessage((batch) => {
      const check = checkLogicBatch(batch);
      const out: LogicToHost[] = check.refused === 0 ? batch : [...check.messages, { t: 'error', kind: 'protocol', message: check.problems.join('; ') }];
      try {
        send({ k: 'batch', batch: out });
      } catch (error) {
        send({ k: 'batch', batch: [{ t: 'error', kind: 'protocol', message: `a batch the worker could not pass on (${error instanceof Error ? error.message : String(error)})` }] });
      }
    });
    logic.onSyncInvoke(syncAnswerer(message.sync, message.syncTimeoutMs));
    const sandbox = await createEngine({ start: message, limits, natives: logic.natives });
    logic.attach(sandbox);
    return { host: logic, engine: sandbox };
  }

  function syncAnswerer(buffer: SharedArrayBuffer | null, timeoutMs: number): (msg: InvokeMessage) => ReplyMessage {
    let seq = 0;
    return (msg) => {
      const fail = (error: number, errorMessage: string): ReplyMessage => ({ t: 'reply', cb: msg.cb, ok: false, error: { error, errorMessage } });
      if (!buffer) {
        return fail(1, `${msg.api}: synchronous APIs need a cross-origin isolated page (COOP/COEP headers) to run the logic layer in a worker`);
      }
      seq = (seq % 0x7fffffff) + 1;
      beginSyncRequest(buffer, seq);
      send({ k: 'sync', seq, msg });
      const text = awaitSyncReply(buffer, timeoutMs);
      if (text === undefined) return fail(3, `${msg.api}: the host did not answer this synchronous call within ${timeoutMs} ms`);
      return JSON.parse(text) as ReplyMessage;
    };
  }
}
