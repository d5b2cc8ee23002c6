/**
 * What the page (`createWorkerTransport`) and the logic worker (`runLogicWorker`) say to each other,
 * and the shared-memory channel that answers synchronous JSAPI calls. The bridge batches themselves
 * travel unchanged (see PROTOCOL.md); these envelopes only add start-up, idle tracking and liveness.
 */
import type { HostToLogic, InvokeMessage, LogicToHost, ReplyMessage } from '../../contract/protocol.ts';
import type { SandboxLimits } from '../../sandbox/limits.ts';
import { hostDateNow } from '../../sandbox/host-globals.ts';

/** page → worker */
export type ToWorker =
  | {
      k: 'start';
      /** The QuickJS variant's WebAssembly, compiled once by the page (modules are cloneable to workers) or as bytes. */
      wasm: WebAssembly.Module | ArrayBuffer | Uint8Array;
      baseLibrary: string;
      limits: Partial<SandboxLimits>;
      /** The sync channel; null when the page is not cross-origin isolated (sync APIs then fail with error 1). */
      sync: SharedArrayBuffer | null;
      syncTimeoutMs: number;
    }
  | { k: 'batch'; batch: HostToLogic[] }
  | { k: 'script'; filename: string; source: string }
  | { k: 'idle'; n: number }
  | { k: 'ping' }
  | { k: 'dispose' };

/** worker → page */
export type FromWorker =
  | { k: 'started' }
  | { k: 'failed'; message: string }
  | { k: 'batch'; batch: LogicToHost[] }
  /** A sync invoke is waiting on the channel: answer it with `writeSyncReply`. */
  | { k: 'sync'; seq: number; msg: InvokeMessage }
  | { k: 'idle'; n: number; memory: number }
  | { k: 'pong'; memory: number };

// ------------------------------------------------------------------ sync channel

/**
 * Layout of the SharedArrayBuffer: three Int32 control words, then the reply's UTF-8 bytes.
 * `state` goes WAITING (worker asked) → READY (page wrote the reply) → IDLE (worker read it);
 * `seq` ties a reply to its request, so an answer that arrives after the worker gave up is ignored.
 */
const STATE = 0;
const SEQ = 1;
const LENGTH = 2;
const HEADER_BYTES = 16;

export const SyncState = { Idle: 0, Waiting: 1, Ready: 2 } as const;

/** Default capacity for replies; a growable buffer extends up to `SYNC_MAX_BYTES`. */
export const SYNC_INITIAL_BYTES = 64 * 1024;
export const SYNC_MAX_BYTES = 16 * 1024 * 1024;

/** A channel buffer: growable where the engine supports it, else fixed at the maximum a reply may take. */
export function createSyncBuffer(initial = SYNC_INITIAL_BYTES, max = SYNC_MAX_BYTES): SharedArrayBuffer | null {
  if (typeof SharedArrayBuffer !== 'function') return null;
  // Browsers only hand out SharedArrayBuffer on cross-origin isolated pages; Node always does.
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return null;
  try {
    const Growable = SharedArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => SharedArrayBuffer;
    const buffer = new Growable(HEADER_BYTES + initial, { maxByteLength: HEADER_BYTES + max });
    if ((buffer as { growable?: boolean }).growable) return buffer;
  } catch {
    /* engines without resizable buffers */
  }
  return new SharedArrayBuffer(HEADER_BYTES + Math.min(max, 1024 * 1024));
}

function capacityOf(buffer: SharedArrayBuffer): number {
  return buffer.byteLength - HEADER_BYTES;
}

/** Page side: write the reply for request `seq` and wake the worker. */
export function writeSyncReply(buffer: SharedArrayBuffer, seq: number, reply: ReplyMessage): void {
  const control = new Int32Array(buffer, 0, 3);
  if (Atomics.load(control, STATE) !== SyncState.Waiting || Atomics.load(control, SEQ) !== seq) return; // the worker gave up
  let bytes = new TextEncoder().encode(JSON.stringify(reply));
  if (bytes.byteLength > capacityOf(buffer)) {
    const grow = (buffer as { grow?: (n: number) => void; growable?: boolean; maxByteLength?: number }).grow;
    const max = (buffer as { maxByteLength?: number }).maxByteLength ?? buffer.byteLength;
    if (grow && HEADER_BYTES + bytes.byteLength <= max) grow.call(buffer, HEADER_BYTES + bytes.byteLength);
    if (bytes.byteLength > capacityOf(buffer)) {
      const tooBig: ReplyMessage = {
        t: 'reply',
        cb: reply.cb,
        ok: false,
        error: { error: 3, errorMessage: `the result of this synchronous call is ${bytes.byteLength} bytes, more than the ${capacityOf(buffer)} the sync channel carries; use the asynchronous API` },
      };
      bytes = new TextEncoder().encode(JSON.stringify(tooBig));
    }
  }
  new Uint8Array(buffer, HEADER_BYTES, bytes.byteLength).set(bytes);
  Atomics.store(control, LENGTH, bytes.byteLength);
  Atomics.store(control, STATE, SyncState.Ready);
  Atomics.notify(control, STATE);
}

/**
 * Worker side: announce request `seq` (the caller then posts the `sync` envelope), block until the
 * page answers or `timeoutMs` passes, and return the reply text (undefined on timeout).
 */
export function beginSyncRequest(buffer: SharedArrayBuffer, seq: number): void {
  const control = new Int32Array(buffer, 0, 3);
  Atomics.store(control, SEQ, seq);
  Atomics.store(control, STATE, SyncState.Waiting);
}

export function awaitSyncReply(buffer: SharedArrayBuffer, timeoutMs: number): string | undefined {
  const control = new Int32Array(buffer, 0, 3);
  const deadline = hostDateNow() + timeoutMs;
  while (Atomics.load(control, STATE) === SyncState.Waiting) {
    const left = deadline - hostDateNow();
    if (left <= 0) {
      // Give up: a reply written from now on sees state Idle and is dropped.
      if (Atomics.compareExchange(control, STATE, SyncState.Waiting, SyncState.Idle) === SyncState.Waiting) return undefined;
      break;
    }
    Atomics.wait(control, STATE, SyncState.Waiting, left);
  }
  const length = Atomics.load(control, LENGTH);
  // TextDecoder refuses views of shared memory: copy out first.
  const copy = new Uint8Array(length);
  copy.set(new Uint8Array(buffer, HEADER_BYTES, length));
  Atomics.store(control, STATE, SyncState.Idle);
  return new TextDecoder().decode(copy);
}
