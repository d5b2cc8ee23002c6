/**
 * The Network panel's record: every `my.request` / `uploadFile` / `downloadFile` / `connectSocket`
 * the app makes (seen on the bridge: the invoke, its reply, the socket's task events), completed by
 * what the host's network adapter actually did (the instrumented `fetch` and WebSocket factory:
 * the HTTP status, response size, socket open/close).
 */
import { EventEmitter } from 'eventemitter3';
import type { BridgeTraffic, HostOptions, HostToLogic, LogicToHost } from '@mpk/runtime';

type NetworkOptions = NonNullable<HostOptions['network']>;
type WebSocketFactory = NonNullable<NetworkOptions['webSocket']>;

export const NETWORK_APIS = new Set(['request', 'uploadFile', 'downloadFile', 'connectSocket']);

export interface NetworkEntry {
  id: number;
  /** The JSAPI (`request`…), or `fetch` for traffic no invoke explains. */
  api: string;
  method: string;
  url: string;
  start: number;
  end?: number;
  /** HTTP status, `101` for an open socket, or the failure's error code. */
  status?: number;
  /** `pending`, `ok`, `failed`, or for sockets `open` / `closed`. */
  state: 'pending' | 'ok' | 'failed' | 'open' | 'closed';
  error?: string;
  /** Response body bytes when the server said (content-length). */
  bytes?: number;
  /** Socket messages sent and received. */
  messages?: number;
  request: unknown;
  response?: unknown;
}

const MAX_ENTRIES = 500;

export class NetworkLog extends EventEmitter<{ change: [] }> {
  readonly entries: NetworkEntry[] = [];
  private nextId = 1;
  /** Open entries by the invoke's `cb` (also the task id of sockets and transfers). */
  private readonly byCall = new Map<number, NetworkEntry>();

  /** Feed every bridge batch here. */
  observe(traffic: BridgeTraffic): void {
    let changed = false;
    for (const message of traffic.messages) {
      if (traffic.direction === 'toHost') changed = this.fromLogic(message as LogicToHost, traffic.time) || changed;
      else changed = this.toLogic(message as HostToLogic, traffic.time) || changed;
    }
    if (changed) this.emit('change');
  }

  clear(): void {
    this.entries.length = 0;
    this.byCall.clear();
    this.emit('change');
  }

  /** The host's fetch, recording status and size on the entry of the call that caused it. */
  instrumentFetch(inner: typeof fetch = (input, init) => globalThis.fetch(input, init)): typeof fetch {
    return async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const method = (init?.method ?? 'GET').toUpperCase();
      const entry = this.claim(url) ?? this.add({ api: 'fetch', method, url, request: { method } });
      try {
        const response = await inner(input, init);
        // Redirect hops are fetched one by one: the last answer is the one that counts.
        entry.status = response.status;
        const length = Number(response.headers.get('content-length'));
        if (Number.isFinite(length) && response.headers.has('content-length')) entry.bytes = length;
        if (entry.api === 'fetch') this.finish(entry, 'ok');
        this.emit('change');
        return response;
      } catch (error) {
        if (entry.api === 'fetch') {
          entry.error = (error as Error)?.message ?? String(error);
          this.finish(entry, 'failed');
        }
        this.emit('change');
        throw error;
      }
    };
  }

  /** The host's WebSocket factory, recording open and close on the socket's entry. */
  instrumentWebSocket(inner: WebSocketFactory): WebSocketFactory {
    return async (url, options) => {
      const entry = this.claim(url) ?? this.add({ api: 'connectSocket', method: 'WS', url, request: options });
      const socket = await inner(url, options);
      socket.addEventListener('open', () => {
        entry.status = 101;
        entry.state = 'open';
        this.emit('change');
      });
      socket.addEventListener('close', () => {
        this.finish(entry, 'closed');
        this.emit('change');
      });
      return socket;
    };
  }

  private add(fields: Pick<NetworkEntry, 'api' | 'method' | 'url' | 'request'>): NetworkEntry {
    const entry: NetworkEntry = { id: this.nextId++, start: Date.now(), state: 'pending', ...fields };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  /** The newest open entry for `url` that has not reached the network yet. */
  private claim(url: string): NetworkEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.state === 'pending' && entry.status === undefined && sameUrl(entry.url, url)) return entry;
    }
    return undefined;
  }

  private finish(entry: NetworkEntry, state: NetworkEntry['state']): void {
    entry.state = state;
    entry.end ??= Date.now();
  }

  private fromLogic(message: LogicToHost, time: number): boolean {
    if (message.t !== 'invoke') return false;
    if (message.task !== undefined) {
      // SocketTask.send / close.
      const entry = this.byCall.get(message.task);
      if (!entry) return false;
      if (message.api === 'send') entry.messages = (entry.messages ?? 0) + 1;
      return true;
    }
    if (!NETWORK_APIS.has(message.api)) return false;
    const args = (message.args ?? {}) as { url?: unknown; method?: unknown };
    const method = message.api === 'connectSocket' ? 'WS' : message.api === 'uploadFile' ? 'POST' : String(args.method ?? 'GET').toUpperCase();
    const entry = this.add({ api: message.api, method, url: String(args.url ?? ''), request: message.args });
    entry.start = time;
    this.byCall.set(message.cb, entry);
    return true;
  }

  private toLogic(message: HostToLogic, time: number): boolean {
    if (message.t === 'reply') {
      const entry = this.byCall.get(message.cb);
      if (!entry) return false;
      if (message.ok) {
        entry.response = bounded(message.result);
        const result = (message.result ?? {}) as { status?: unknown; statusCode?: unknown };
        if (entry.api === 'request' && typeof result === 'object') entry.bytes ??= sizeOf((result as { data?: unknown }).data);
        const status = Number(result.status ?? result.statusCode);
        if (Number.isFinite(status)) entry.status = status;
        if (entry.api === 'connectSocket') {
          entry.state = entry.state === 'pending' ? 'open' : entry.state;
          return true;
        }
        entry.state = 'ok';
      } else {
        entry.error = `${message.error.error}: ${message.error.errorMessage}`;
        entry.state = 'failed';
        entry.status ??= message.error.error;
      }
      entry.end = time;
      if (entry.api !== 'connectSocket') this.byCall.delete(message.cb);
      return true;
    }
    if (message.t === 'task') {
      const entry = this.byCall.get(message.task);
      if (!entry) return false;
      const event = message.event.replace(/^on/, '').toLowerCase();
      if (event === 'message') entry.messages = (entry.messages ?? 0) + 1;
      else if (event === 'close') {
        entry.state = 'closed';
        entry.end = time;
        this.byCall.delete(message.task);
      } else if (event === 'open') {
        entry.state = 'open';
        entry.status ??= 101;
      }
      return true;
    }
    return false;
  }
}

function sameUrl(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

const MAX_KEPT = 100 * 1024;

/** A response kept for the details view, or a note of its size when it is too big to keep. */
function bounded(value: unknown): unknown {
  const size = sizeOf(value);
  return size <= MAX_KEPT ? value : `(${size} characters of JSON, not kept)`;
}

function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
