/**
 * WebSockets (docs: my.connectSocket and the my.*Socket* pages). `connectSocket` succeeds once
 * the connection is started (the docs' example registers `onOpen` inside `success`); the
 * SocketTask then reports `Open`, `Message`, `Error` and `Close` events. Without
 * `multiple: true` the socket is also "the" socket of the global forms: `my.sendSocketMessage`,
 * `my.closeSocket` and the `my.onSocket*` events. At most 5 sockets are open at once.
 */

import type { WebSocketLike } from '../../adapters/network.ts';
import { defineApi, defineEvent } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { TaskState } from '../tasks.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';
import { fromBase64, toBase64 } from './binary.ts';
import { checkAddress, checkUrl, type UrlPolicy, assertOnline } from './net-common.ts';

const MAX_SOCKETS = 5;
/** Closed sockets stay addressable (send → error 10) until this many newer ones closed. */
const CLOSED_KEPT = 32;

const POLICY: UrlPolicy = {
  api: 'connectSocket',
  secure: 'wss:',
  insecure: 'ws:',
  // The host's domain allow-list and address check hold for sockets as for every network API.
  allowList: true,
  codes: { invalid: 4, scheme: 5, insecure: 20, notAllowed: ErrorCode.INVALID_PARAM },
};

class Socket implements TaskState {
  ws: WebSocketLike | undefined;
  opened = false;
  closed = false;
  private closeRequest: { code?: number; reason?: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    readonly id: number,
    /** The single-instance socket behind the global my.*Socket* forms. */
    readonly global: boolean,
    private readonly ctx: ApiCallContext,
    private readonly onClosed: (socket: Socket) => void,
  ) {}

  /** Connecting (including creating the WebSocket) may take this long before it counts as failed (error 6). */
  startTimer(timeoutMs: number): void {
    this.timer = setTimeout(() => {
      if (this.opened || this.closed) return;
      this.fail(6, 'connectSocket: connecting to the server timed out');
      this.terminate();
    }, timeoutMs);
  }

  attach(ws: WebSocketLike): void {
    if (this.closed) {
      // Timed out or disposed while the WebSocket was being created.
      try {
        ws.close();
      } catch {
        /* never opened */
      }
      return;
    }
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('open', () => {
      clearTimeout(this.timer);
      this.opened = true;
      this.event('Open', 'SocketOpen', {}, {});
      if (this.closeRequest) this.close(this.closeRequest.code, this.closeRequest.reason);
    });
    ws.addEventListener('message', (event: { data: unknown }) => {
      const payload = messagePayload(event.data);
      this.event('Message', 'SocketMessage', payload, payload);
    });
    ws.addEventListener('error', (event: { message?: string; error?: Error }) => {
      this.fail(1, event?.message || event?.error?.message || 'WebSocket error');
    });
    ws.addEventListener('close', (event: { code?: number; reason?: string }) => {
      this.finish(event?.code ?? 1006, event?.reason ?? '');
    });
  }

  /** A failure before the socket existed (bad URL at the factory, connection refused). */
  failToConnect(message: string): void {
    this.fail(1, message);
    this.finish(1006, message);
  }

  send(data: string, isBuffer: boolean, api: string): void {
    if (!this.opened || this.closed || !this.ws) throw new ApiFailure(10, `${api}: the WebSocket is not open`);
    if (!isBuffer) return this.ws.send(data);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(data);
    } catch {
      throw new ApiFailure(ErrorCode.INVALID_PARAM, `${api}: with isBuffer, data must be base64`);
    }
    this.ws.send(bytes);
  }

  close(code?: number, reason?: string): void {
    if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
      throw new ApiFailure(ErrorCode.INVALID_PARAM, `closeSocket: code must be 1000 or 3000–4999, got ${code}`);
    }
    if (this.closed) return;
    if (!this.ws || !this.opened) {
      // Still connecting: close as soon as it opens (a connection that fails closes by itself).
      this.closeRequest = { code, reason };
      return;
    }
    this.ws.close(code ?? 1000, reason);
  }

  dispose(): void {
    this.disposed = true;
    this.terminate();
  }

  private terminate(): void {
    const ws = this.ws as (WebSocketLike & { terminate?: () => void }) | undefined;
    try {
      if (ws?.terminate) ws.terminate();
      else ws?.close();
    } catch {
      // Already closing.
    }
    this.finish(1006, 'closed');
  }

  private fail(error: number, errorMessage: string): void {
    // A WebSocket torn down by us may still report an error: nothing is listening any more.
    if (this.closed) return;
    this.event('Error', 'SocketError', { error, errorMessage }, { error, errorMessage });
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.event('Close', 'SocketClose', { code, reason }, { code, reason });
    this.onClosed(this);
  }

  /** A SocketTask event (payload under `data`, as the typings have it) and, for the global socket, the my.onSocket* event. */
  private event(taskEvent: string, globalEvent: string, taskPayload: Record<string, unknown>, globalPayload: Record<string, unknown>): void {
    if (this.disposed) return;
    const { error, errorMessage, ...rest } = taskPayload;
    const data = { socketTaskID: String(this.id), ...rest };
    this.ctx.tasks.emit(this.id, taskEvent, error === undefined ? { data } : { data, error, errorMessage });
    if (this.global) this.ctx.services.emit([{ t: 'hostEvent', name: globalEvent, data: globalPayload }]);
  }
}

function messagePayload(data: unknown): { data: string; isBuffer: boolean } {
  if (typeof data === 'string') return { data, isBuffer: false };
  if (data instanceof ArrayBuffer) return { data: toBase64(new Uint8Array(data)), isBuffer: true };
  if (ArrayBuffer.isView(data)) return { data: toBase64(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)), isBuffer: true };
  return { data: String(data), isBuffer: false };
}

interface Sockets {
  open: Map<number, Socket>;
  closed: Socket[];
  global: Socket | undefined;
}

function sockets(ctx: ApiCallContext): Sockets {
  return ctx.local<Sockets>('sockets', () => ({ open: new Map(), closed: [], global: undefined }));
}

interface ConnectArgs {
  url: string;
  data?: Record<string, unknown>;
  header?: Record<string, string>;
  protocols?: string[];
  multiple?: boolean;
}

async function connectSocket(args: ConnectArgs, ctx: ApiCallContext) {
  const url = checkUrl(args.url, ctx, POLICY);
  await checkAddress(url, ctx, POLICY);
  for (const [key, value] of Object.entries(args.data ?? {})) {
    url.searchParams.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const state = sockets(ctx);
  if (!args.multiple && state.global && !state.global.closed) {
    throw new ApiFailure(3, 'connectSocket: a WebSocket is already open; call my.closeSocket first or pass multiple: true');
  }
  if (state.open.size >= MAX_SOCKETS) throw new ApiFailure(1, `connectSocket: at most ${MAX_SOCKETS} WebSockets can be open at once`);
  const socket = new Socket(ctx.callId, !args.multiple, ctx, (closed) => {
    state.open.delete(closed.id);
    if (state.global === closed) state.global = undefined;
    state.closed.push(closed);
    if (state.closed.length > CLOSED_KEPT) ctx.tasks.close(state.closed.shift()!.id);
  });
  state.open.set(socket.id, socket);
  if (socket.global) state.global = socket;
  ctx.tasks.open(socket.id, 'connectSocket', socket);
  socket.startTimer(ctx.app.networkTimeout?.connectSocket ?? 30000);
  Promise.resolve()
    .then(() => {
      assertOnline(ctx);
      return ctx.host.network.webSocket(url.href, { protocols: args.protocols, headers: args.header });
    })
    .then(
      (ws) => socket.attach(ws),
      (error: Error) => socket.failToConnect(`connectSocket: ${error?.message ?? String(error)}`),
    );
  return { socketTaskId: socket.id };
}

const sendParams = s.object(
  {
    data: s.string({ description: 'Text, or base64 when isBuffer is true.' }),
    isBuffer: s.boolean({ description: 'data is base64-encoded binary.' }),
  },
  { required: ['data'] },
);
const closeParams = s.object({ code: s.integer(), reason: s.string() });

function taskSocket(ctx: ApiCallContext & { task: number }): Socket {
  return ctx.tasks.get(ctx.task)!.state as Socket;
}

export function socketApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'connectSocket',
      kind: 'async',
      params: s.object(
        {
          url: s.string({ minLength: 1, description: 'wss:// URL.' }),
          data: s.record(s.any(), { description: 'Added to the URL query.' }),
          header: s.record(s.string()),
          protocols: s.array(s.string()),
          multiple: s.boolean({ description: 'Return an independent SocketTask instead of the global socket.' }),
        },
        { required: ['url'] },
      ),
      result: s.object({ socketTaskId: s.integer() }, { required: ['socketTaskId'] }),
      task: {
        methods: {
          send: {
            params: sendParams,
            result: s.object({ success: s.boolean() }),
            handler: (args: { data: string; isBuffer?: boolean }, ctx) => {
              taskSocket(ctx).send(args.data, args.isBuffer === true, 'SocketTask.send');
              return { success: true };
            },
          },
          close: {
            params: closeParams,
            handler: (args: { code?: number; reason?: string }, ctx) => {
              taskSocket(ctx).close(args.code, args.reason);
              return { message: 'closed' };
            },
          },
        },
        events: ['Open', 'Message', 'Error', 'Close'],
      },
      errors: { 1: 'unknown error', 2: 'invalid parameter', 3: 'a single-instance WebSocket already exists', 4: 'unrecognised URL', 5: 'URL must start with ws or wss', 6: 'connection timed out', 20: 'ws:// is not supported, use wss://' },
      handler: (args: ConnectArgs, ctx) => connectSocket(args, ctx),
      description: 'Opens a WebSocket connection.',
    }),
    defineApi({
      name: 'sendSocketMessage',
      kind: 'async',
      params: sendParams,
      result: s.object({ success: s.boolean() }),
      errors: { 10: 'the WebSocket is not open' },
      handler(args: { data: string; isBuffer?: boolean }, ctx) {
        const socket = sockets(ctx).global;
        if (!socket) throw new ApiFailure(10, 'sendSocketMessage: the WebSocket is not open');
        socket.send(args.data, args.isBuffer === true, 'sendSocketMessage');
        return { success: true };
      },
      description: 'Sends data on the socket opened by my.connectSocket (without multiple).',
    }),
    defineApi({
      name: 'closeSocket',
      kind: 'async',
      params: closeParams,
      handler(args: { code?: number; reason?: string }, ctx) {
        sockets(ctx).global?.close(args.code, args.reason);
        return {};
      },
      description: 'Closes the socket opened by my.connectSocket (without multiple).',
    }),
    ...defineEvent('SocketOpen', s.object({}), 'The global socket opened.'),
    ...defineEvent('SocketMessage', s.object({ data: s.string(), isBuffer: s.boolean() }, { required: ['data', 'isBuffer'] }), 'The global socket received a message.'),
    ...defineEvent('SocketError', s.object({ error: s.integer(), errorMessage: s.string() }), 'The global socket failed.'),
    ...defineEvent('SocketClose', s.object({ code: s.integer(), reason: s.string() }), 'The global socket closed.'),
  ];
}
