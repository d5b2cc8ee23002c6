/**
 * The bridge protocol between the logic layer (base library + app code, inside the sandbox) and
 * the host (container core: router, ViewEngine, JSAPI registry). Documented in PROTOCOL.md.
 *
 * Every message is a plain JSON-serialisable object with a `t` tag. Messages travel in batches
 * (arrays): one crossing per batch in each direction, as a JSON string across the QuickJS
 * boundary. The only exception is a synchronous JSAPI call (`invoke` with `sync: true`), which
 * crosses alone and is answered before the guest continues.
 *
 * Instance ids: pages and components share one id space per container, assigned by the host.
 * A message addressed to an id that no longer exists is dropped by the receiver, never an error.
 */

export const PROTOCOL_VERSION = 1;

export type InstanceId = number;

/** Alipay error object carried by failed JSAPI calls. */
export interface ApiError {
  error: number;
  errorMessage: string;
  [extra: string]: unknown;
}

/** How the base library should expose one JSAPI on `my`. */
export interface ApiDescriptor {
  name: string;
  /** async: success/fail/complete + Promise; sync: returns or throws; event: `my.onX(cb)`/`my.offX(cb)` pairs are declared as `onX`/`offX`. */
  kind: 'async' | 'sync' | 'event';
  /** For async APIs that return a task object (request, connectSocket, uploadFile, downloadFile). */
  task?: { methods: string[]; events: string[] };
  /** Parameter names canIUse can answer for (`request.object.dataType`), plus `param.option` for enum values (`request.object.dataType.base64`). */
  params?: string[];
  /** Result field names, for `canIUse('getSystemInfo.callback.platform')` / `canIUse('getSystemInfoSync.return.platform')`. */
  results?: string[];
  /** Documented but not provided by this host: `my.<name>` exists and answers the not-supported error, `canIUse` is false. */
  unsupported?: true;
  /** A sync API returning an object with methods (a manager or context): with `unsupported`, the guest returns an inert object with these methods. */
  object?: { type: string; methods: string[] };
  /** Bridge plumbing the base library calls (the cloud SDK): not placed on `my`, `canIUse` false. */
  internal?: true;
}

export interface LaunchOptions {
  path: string;
  /** The launch query; absent (not `{}`) when the app was opened without one, as on the platform. */
  query?: Record<string, string>;
  scene: number;
  referrerInfo?: { appId?: string; extraData?: unknown; sourceServiceId?: string };
}

// ---------------------------------------------------------------- host → logic

/** Handshake: first batch the logic layer receives. The logic layer answers `ready`. */
export interface InitMessage {
  t: 'init';
  protocol: typeof PROTOCOL_VERSION;
  /** The JSAPIs this host offers (built-ins it enabled plus its own): the base library builds `my` from this. */
  apis: ApiDescriptor[];
  /** Built-in component names and their attributes, for `my.canIUse('button.open-type')`. */
  components?: Record<string, string[]>;
  /** `my.SDKVersion`. */
  sdkVersion: string;
  /** `my.env`. */
  env: Record<string, unknown>;
  /** Evaluate all modules at launch (false when app.json asks for lazyCodeLoading). */
  eagerModules: boolean;
}

export interface AppLaunchMessage { t: 'appLaunch'; options: LaunchOptions }
export interface AppShowMessage { t: 'appShow'; options: LaunchOptions }
export interface AppHideMessage { t: 'appHide' }

/** The page stack changed: ids bottom → top (what getCurrentPages() returns, in order). */
export interface StackMessage { t: 'stack'; ids: InstanceId[] }

/**
 * Create the page instance for `route` (runs its module if needed), then `onLoad(query)`.
 * `openedBy`: the `cb` of the `navigateTo` invoke that opened it (its EventChannel links the two pages).
 */
export interface PageLoadMessage { t: 'pageLoad'; id: InstanceId; route: string; query: Record<string, string>; openedBy?: number }
export interface PageShowMessage { t: 'pageShow'; id: InstanceId }
/** First render of the page (and its components) is on screen: `onReady`. */
export interface PageReadyMessage { t: 'pageReady'; id: InstanceId }
export interface PageHideMessage { t: 'pageHide'; id: InstanceId }
export interface PageUnloadMessage { t: 'pageUnload'; id: InstanceId }
/** A page-level callback: `onPullDownRefresh`, `onReachBottom`, `onPageScroll`, `onTabItemTap`, `onTitleClick`, `onOptionMenuClick`, `onResize`… */
export interface PageEventMessage { t: 'pageEvent'; id: InstanceId; name: string; arg?: unknown }
/**
 * The user shares page `id` (share menu, `open-type="share"` button, `my.showSharePanel`): the page's
 * `onShareAppMessage({ from, target? })` runs and its result comes back as the internal
 * `shareAppMessage` invoke carrying the same `request`.
 */
export interface ShareMessage { t: 'share'; id: InstanceId; request: number; from: 'menu' | 'button' | 'code'; target?: EventTargetInfo }

/** Marker for a function prop (`onX="method"` on a custom component): calls `method` on the owner. */
export interface FunctionPropMarker { $fn: string }

/** A custom component appeared in a rendered tree: create its instance (`onInit`, `deriveDataFromProps`). */
export interface ComponentCreateMessage {
  t: 'compCreate';
  id: InstanceId;
  /** Component id from the manifest. */
  is: string;
  page: InstanceId;
  /** Instance whose template contains the tag (page or component). */
  owner: InstanceId;
  /**
   * Instance whose rendered tree holds the tag (the composed parent: for slot content, the component
   * rendering the slot). Relations and `selectComposedParentComponent` follow it. Default: `owner`.
   */
  parent?: InstanceId;
  /** Attributes passed by the owner; function props as `FunctionPropMarker`. */
  props: Record<string, unknown>;
  /** `ref="method"`: owner method that receives the component's ref value after creation. */
  ref?: string;
}
/** The owner re-rendered with different props: `deriveDataFromProps(nextProps)`, then update. */
export interface ComponentPropsMessage { t: 'compProps'; id: InstanceId; props: Record<string, unknown> }
/** First render of the component is in the tree: `didMount` (then the `ready` lifetime). */
export interface ComponentMountMessage { t: 'compMount'; id: InstanceId }
/** A keyed re-render moved the component among its siblings: the `moved` lifetime, relations' `linkChanged`. */
export interface ComponentMoveMessage { t: 'compMove'; id: InstanceId }
/** Removed from the tree: `didUnmount`, then the instance is dropped. */
export interface ComponentUnmountMessage { t: 'compUnmount'; id: InstanceId }

/** The view rendered patch `seq` of instance `id` (sent only for patches with `ack`): setData callbacks up to `seq` fire; components get `didUpdate`. */
export interface RenderedMessage { t: 'rendered'; id: InstanceId; seq: number }

/** A user event for handler `handler` of instance `id` (page method or component `methods`). */
export interface EventMessage { t: 'event'; id: InstanceId; handler: string; event: MiniEvent }

export interface ReplyOk { t: 'reply'; cb: number; ok: true; result: unknown }
export interface ReplyFail { t: 'reply'; cb: number; ok: false; error: ApiError }
export type ReplyMessage = ReplyOk | ReplyFail;

/** An event of a task object (`SocketTask.onMessage`, `DownloadTask.onProgressUpdate`…). */
export interface TaskEventMessage { t: 'task'; task: number; event: string; data?: unknown }

/** A host event for `my.on(name, cb)` listeners, and for `my.onX` event APIs (name = `X` event name). */
export interface HostEventMessage { t: 'hostEvent'; name: string; data?: unknown }

/**
 * An error the host detected while running logic code (CPU deadline exceeded, heap exhausted):
 * the base library reports it to `App.onError` and `my.onError` listeners.
 */
export interface GuestErrorMessage { t: 'guestError'; message: string; stack?: string }

/**
 * Devtools only (the simulator's AppData editor): apply `data` to instance `id` exactly as its own
 * `this.setData(data)` would — same path syntax, limits and patch. Production hosts never send it.
 */
export interface DevSetDataMessage { t: 'devSetData'; id: InstanceId; data: Record<string, unknown> }

/**
 * Devtools only (the simulator's Console input): evaluate `expression` in the logic layer's global
 * scope, inside the sandbox and under its limits, as a console would (statements allowed, the
 * completion value is the result). Answered by `devResult` with the same `req`. Production hosts never send it.
 */
export interface DevEvaluateMessage { t: 'devEvaluate'; req: number; expression: string }

export type HostToLogic =
  | InitMessage
  | AppLaunchMessage
  | AppShowMessage
  | AppHideMessage
  | StackMessage
  | PageLoadMessage
  | PageShowMessage
  | PageReadyMessage
  | PageHideMessage
  | PageUnloadMessage
  | PageEventMessage
  | ShareMessage
  | ComponentCreateMessage
  | ComponentPropsMessage
  | ComponentMountMessage
  | ComponentMoveMessage
  | ComponentUnmountMessage
  | RenderedMessage
  | EventMessage
  | ReplyMessage
  | TaskEventMessage
  | HostEventMessage
  | GuestErrorMessage
  | DevSetDataMessage
  | DevEvaluateMessage;

// ---------------------------------------------------------------- logic → host

export interface ReadyMessage {
  t: 'ready';
  protocol: typeof PROTOCOL_VERSION;
}

/** Path into instance data: `'a.b[1].c'` is sent as `['a', 'b', 1, 'c']`. `[]` is the whole data. */
export type PatchPath = (string | number)[];

export type PatchOp =
  /** Set (or create) the value at path; `[]` replaces the whole data object. */
  | ['set', PatchPath, unknown]
  /** Array splice at path: `$spliceData({ path: [start, deleteCount, ...items] })`. */
  | ['splice', PatchPath, number, number, unknown[]];

/**
 * Data changes of one instance since its last patch. `seq` increases per instance. The first patch
 * of an instance is a full `['set', [], data]`. For components, `props` carries the merged props
 * (defaults + passed, functions removed) whenever they changed; the view renders
 * `{ ...props, ...data }`.
 */
export interface PatchMessage {
  t: 'patch';
  id: InstanceId;
  seq: number;
  ops: PatchOp[];
  props?: Record<string, unknown>;
  /**
   * First patch of a component only, when its JS definition has view options: `virtualHost`
   * (`Component({ options: { virtualHost } })`, which wins over the .json) and the class names
   * of `externalClasses` (when `options.externalClasses` is true).
   */
  options?: ComponentViewOptions;
  /**
   * The logic side waits for this patch (setData callbacks, a `didUpdate` hook, an update-performance
   * listener) unless this is `false`: the view answers with `rendered` once the patch is on screen.
   * `ack: false` (nothing waits) gets no `rendered`; absent means true, as older guests expect.
   */
  ack?: boolean;
}

export interface ComponentViewOptions {
  virtualHost?: boolean;
  externalClasses?: string[];
}

/** A JSAPI call. Async calls are answered later by `reply` with the same `cb`; `sync: true` calls are answered immediately through the sync channel. */
export interface InvokeMessage {
  t: 'invoke';
  cb: number;
  api: string;
  args: unknown;
  sync?: boolean;
  /** Task method call (`SocketTask.send`): the task id the API returned. */
  task?: number;
}

export type LogLevel = 'debug' | 'log' | 'info' | 'warn' | 'error';

/** `console.*` from the logic layer; args are JSON-safe renderings of the values. */
export interface LogMessage { t: 'log'; level: LogLevel; args: unknown[] }

/**
 * An error thrown by mini-program code (uncaught in a handler, lifecycle, timer callback,
 * unhandled rejection). `stack` refers to the bundle (`logic.js:line:col`); the host source-maps it.
 */
export interface ErrorMessage {
  t: 'error';
  /**
   * uncaught / unhandledRejection / render come from mini-program code; timeout (CPU deadline),
   * oom (heap limit) and terminated (the sandbox gave up on this app) are raised by the sandbox;
   * protocol is raised by the host's boundary check (bridge/validate.ts) for malformed messages.
   */
  kind: 'uncaught' | 'unhandledRejection' | 'render' | 'timeout' | 'oom' | 'terminated' | 'protocol';
  message: string;
  stack?: string;
  /** Instance whose callback threw, when known. */
  id?: InstanceId;
}

/**
 * The answer to `devEvaluate` `req`: `ok` with the value rendered as console arguments are (JSON-safe,
 * bounded) and its `typeof`; `error` with what was thrown; `pending` first when the result is a
 * promise (its settled value follows in a second `devResult`).
 */
export type DevResultMessage =
  | { t: 'devResult'; req: number; status: 'ok'; value: unknown; type: string }
  | { t: 'devResult'; req: number; status: 'error'; message: string; stack?: string }
  | { t: 'devResult'; req: number; status: 'pending' };

export type LogicToHost = ReadyMessage | PatchMessage | InvokeMessage | LogMessage | ErrorMessage | DevResultMessage;

// ---------------------------------------------------------------- event object (docs: 事件对象)

export interface EventTargetInfo {
  id?: string;
  tagName: string;
  dataset: Record<string, unknown>;
  /** target only: dataset of the node that actually fired (Alipay quirk). */
  targetDataset?: Record<string, unknown>;
  offsetLeft?: number;
  offsetTop?: number;
}

export interface MiniEvent {
  type: string;
  timeStamp: number;
  target: EventTargetInfo;
  currentTarget: EventTargetInfo;
  detail?: unknown;
  mark?: Record<string, unknown>;
  touches?: unknown[];
  changedTouches?: unknown[];
}

// ---------------------------------------------------------------- transports

/**
 * How the container talks to a logic layer, wherever it runs (same thread, QuickJS in this
 * process, QuickJS in a Web Worker). Implementations: `bridge/transports/*`.
 */
export interface LogicTransport {
  /** Deliver one batch to the logic layer. */
  post(batch: HostToLogic[]): void;
  /** Install the receiver of logic → host batches. */
  onMessage(handler: (batch: LogicToHost[]) => void): void;
  /**
   * Evaluate a logic bundle (a part's logic.js, see LOGIC ABI in contract/package-format.ts) in the logic
   * layer. `filename` is what stack traces will name (`logic.js`, `sub/logic.js`). An exception
   * while evaluating is reported as an `error` message, never thrown to the host.
   */
  loadScript(filename: string, source: string): void;
  /** Install the answerer of synchronous JSAPI calls. */
  onSyncInvoke(handler: (msg: InvokeMessage) => ReplyMessage): void;
  /** Resolves once everything posted so far is processed and no job or due timer is pending. */
  idle(): Promise<void>;
  dispose(): void | Promise<void>;
}
