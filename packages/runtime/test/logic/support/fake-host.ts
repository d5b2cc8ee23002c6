/**
 * A fake container that speaks the bridge protocol to a transport: it records every message,
 * acknowledges patches with `rendered` (like a view would), answers JSAPI invokes from a table,
 * and keeps each instance's data by applying patches, so tests assert what a user would see.
 */
import type {
  ApiDescriptor,
  ErrorMessage,
  HostToLogic,
  InvokeMessage,
  LaunchOptions,
  LogMessage,
  LogicToHost,
  LogicTransport,
  PatchMessage,
  ReplyMessage,
} from '../../../src/contract/protocol.ts';
import { createQuickJsTransport, createVmTransport, type QuickJsTransportOptions } from '../../../src/bridge/transports/index.ts';
import type { Clock } from '../../../src/sandbox/clock.ts';
import type { SandboxLimits } from '../../../src/sandbox/limits.ts';

export type EngineName = 'quickjs' | 'vm';
export const ENGINES: EngineName[] = ['quickjs', 'vm'];

/** What an invoke is answered with: a result, an Alipay error, or "no answer yet" (undefined). */
export type Answer = { ok: true; result?: unknown } | { ok: false; error: { error: number; errorMessage: string } } | undefined;

export interface FakeHostOptions {
  engine?: EngineName;
  limits?: Partial<SandboxLimits>;
  clock?: Clock;
  apis?: ApiDescriptor[];
  components?: Record<string, string[]>;
  eagerModules?: boolean;
  /** Answers async and sync invokes; default: `{ ok: true, result: { api } }`. */
  answer?: (msg: InvokeMessage) => Answer;
  /** Acknowledge every patch with `rendered` (default true). */
  autoRender?: boolean;
  transport?: QuickJsTransportOptions;
}

export const DEFAULT_APIS: ApiDescriptor[] = [
  { name: 'showToast', kind: 'async', params: ['content', 'type', 'duration'] },
  { name: 'getStorage', kind: 'async', params: ['key'] },
  { name: 'getStorageSync', kind: 'sync', params: ['key'] },
  { name: 'getSystemInfoSync', kind: 'sync' },
  { name: 'onNetworkStatusChange', kind: 'event' },
  { name: 'offNetworkStatusChange', kind: 'event' },
  { name: 'request', kind: 'async', params: ['url', 'method', 'data', 'dataType'], task: { methods: ['abort'], events: ['HeadersReceived'] } },
  { name: 'connectSocket', kind: 'async', params: ['url'], task: { methods: ['send', 'close'], events: ['Open', 'Message', 'Close', 'Error'] } },
  { name: 'navigateTo', kind: 'async', params: ['url'] },
  { name: 'selectorQuery', kind: 'async' },
];

export const LAUNCH: LaunchOptions = { path: 'pages/index/index', query: {}, scene: 1000 };

export class FakeHost {
  readonly messages: LogicToHost[] = [];
  /** Invokes seen, async and sync, in order. */
  readonly invokes: InvokeMessage[] = [];
  readonly data = new Map<number, Record<string, unknown>>();
  readonly props = new Map<number, Record<string, unknown>>();
  private readonly unanswered: InvokeMessage[] = [];
  /** Invokes the answer table left for the test to reply to by hand. */
  private readonly held: InvokeMessage[] = [];
  private readonly toAck: PatchMessage[] = [];
  autoRender: boolean;

  private constructor(readonly transport: LogicTransport & { memoryBytes?(): number; terminated?: boolean }, private readonly options: FakeHostOptions) {
    this.autoRender = options.autoRender ?? true;
    transport.onMessage((batch) => this.receive(batch));
    transport.onSyncInvoke((msg) => {
      this.invokes.push(msg);
      const answer = this.answerOf(msg) ?? { ok: false, error: { error: 1, errorMessage: 'no answer' } };
      return { t: 'reply', cb: msg.cb, ...answer } as ReplyMessage;
    });
  }

  static async create(options: FakeHostOptions = {}): Promise<FakeHost> {
    const common = { limits: options.limits, clock: options.clock };
    const transport = options.engine === 'vm' ? await createVmTransport(common) : await createQuickJsTransport({ ...common, ...options.transport });
    return new FakeHost(transport, options);
  }

  /** Creates a host, loads `bundle` as logic.js, handshakes and (unless `launch: false`) launches the app. */
  static async start(bundle: string, options: FakeHostOptions & { launch?: LaunchOptions | false } = {}): Promise<FakeHost> {
    const host = await FakeHost.create(options);
    host.transport.loadScript('logic.js', bundle);
    await host.send({
      t: 'init',
      protocol: 1,
      apis: options.apis ?? DEFAULT_APIS,
      components: options.components ?? { button: ['size', 'type', 'open-type'], view: ['class', 'style'] },
      sdkVersion: '2.9.0',
      env: { platform: 'unknown', clientName: 'mpk' },
      eagerModules: options.eagerModules ?? true,
    });
    if (options.launch !== false) await host.send({ t: 'appLaunch', options: options.launch ?? LAUNCH });
    return host;
  }

  private answerOf(msg: InvokeMessage): Answer {
    return this.options.answer ? this.options.answer(msg) : { ok: true, result: { api: msg.api } };
  }

  private receive(batch: LogicToHost[]): void {
    for (const msg of batch) {
      this.messages.push(msg);
      if (msg.t === 'patch') {
        this.applyPatch(msg);
        this.toAck.push(msg);
      } else if (msg.t === 'invoke') {
        this.invokes.push(msg);
        this.unanswered.push(msg);
      }
    }
  }

  private applyPatch(msg: PatchMessage): void {
    let data = this.data.get(msg.id) ?? {};
    for (const op of msg.ops) {
      if (op[0] === 'set') {
        if (op[1].length === 0) data = structuredClone(op[2]) as Record<string, unknown>;
        else setPath(data, op[1], structuredClone(op[2]));
      } else {
        const [, path, start, count, items] = op;
        const arr = (getPath(data, path) as unknown[] | undefined) ?? [];
        arr.splice(start, count, ...structuredClone(items));
        setPath(data, path, arr);
      }
    }
    this.data.set(msg.id, data);
    if (msg.props) this.props.set(msg.id, msg.props);
  }

  /** Posts messages and runs until the logic layer is quiet (acks and answers included). */
  async send(...messages: HostToLogic[]): Promise<void> {
    this.transport.post(messages);
    await this.settle();
  }

  async settle(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      await this.transport.idle();
      const out: HostToLogic[] = [];
      if (this.autoRender) for (const p of this.toAck.splice(0)) out.push({ t: 'rendered', id: p.id, seq: p.seq });
      for (const msg of this.unanswered.splice(0)) {
        const answer = this.answerOf(msg);
        if (answer) out.push({ t: 'reply', cb: msg.cb, ...answer } as ReplyMessage);
        else this.held.push(msg);
      }
      if (out.length === 0) return;
      this.transport.post(out);
    }
    throw new Error('FakeHost.settle: the logic layer never went quiet');
  }

  /** Acknowledges pending patches by hand (when autoRender is off). */
  async ackRenders(): Promise<void> {
    const out: HostToLogic[] = this.toAck.splice(0).map((p) => ({ t: 'rendered', id: p.id, seq: p.seq }));
    if (out.length) await this.send(...out);
  }

  async reply(msg: InvokeMessage, answer: NonNullable<Answer>): Promise<void> {
    const i = this.held.indexOf(msg);
    if (i >= 0) this.held.splice(i, 1);
    await this.send({ t: 'reply', cb: msg.cb, ...answer } as ReplyMessage);
  }

  logs(level?: LogMessage['level']): unknown[][] {
    return this.messages.filter((m): m is LogMessage => m.t === 'log' && (!level || m.level === level)).map((m) => m.args);
  }

  /** The first argument of every console.log, handy for order assertions. */
  trail(): unknown[] {
    return this.logs('log').map((args) => (args.length === 1 ? args[0] : args.join(' ')));
  }

  errors(kind?: ErrorMessage['kind']): ErrorMessage[] {
    return this.messages.filter((m): m is ErrorMessage => m.t === 'error' && (!kind || m.kind === kind));
  }

  /** Patches as sent, without the `ack` flag (see `acks()`), so shape assertions stay about data. */
  patches(id?: number): PatchMessage[] {
    return this.messages
      .filter((m): m is PatchMessage => m.t === 'patch' && (id === undefined || m.id === id))
      .map(({ ack: _ack, ...rest }) => rest as PatchMessage);
  }

  /** Invokes waiting for a hand-written reply. */
  pendingInvokes(): InvokeMessage[] {
    return this.held.slice();
  }

  clear(): void {
    this.messages.length = 0;
    this.invokes.length = 0;
  }

  async dispose(): Promise<void> {
    await this.transport.dispose();
  }
}

function getPath(root: Record<string, unknown>, path: (string | number)[]): unknown {
  let cur: unknown = root;
  for (const key of path) cur = cur == null ? undefined : (cur as Record<string | number, unknown>)[key];
  return cur;
}

function setPath(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const next = cur[path[i]];
    if (typeof next !== 'object' || next === null) cur[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[path[i]] as Record<string | number, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

/** Builds a logic.js following the LOGIC ABI from module id → factory body source. */
export function bundle(modules: Record<string, string>): string {
  const entries = Object.entries(modules).map(([id, body]) => `${JSON.stringify(id)}: function () {\n${body}\n}`);
  return `__mpkLogic.define({\n${entries.join(',\n')}\n});\n`;
}

/** A bundle with an app (that logs lifecycles) and the given pages/components. */
export function appBundle(modules: Record<string, string>, app = `App({ onLaunch() { console.log('app.onLaunch') }, onShow() { console.log('app.onShow') } });`): string {
  return bundle({ app, ...modules });
}
