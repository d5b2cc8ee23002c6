/**
 * The container: what a host embeds to run one mini-program. It owns the page stack and wires the
 * three parts the design separates — the logic layer (behind a LogicTransport), the ViewEngine
 * (with the host's renderer) and the JSAPI registry (with the host's adapters) — through the
 * bridge protocol. Everything it knows about the app comes from the package manifest.
 */

import { EventEmitter } from 'eventemitter3';
import type { PackageManifest, PackagePart, PackageSource } from '../contract/package-format.ts';
import { verifyFile } from '../package/verify.ts';
import type { PackageReadLimits } from '../package/paths.ts';
import type { TrustOptions } from '../package/signature.ts';
import { admitPackage, assignAppId, trustedKeys } from './admission.ts';
import type {
  ErrorMessage,
  EventTargetInfo,
  HostToLogic,
  InvokeMessage,
  LaunchOptions,
  LogMessage,
  LogicToHost,
  LogicTransport,
  PatchMessage,
  ReplyMessage,
} from '../contract/protocol.ts';
import { PROTOCOL_VERSION } from '../contract/protocol.ts';
import { guardTransport, isGuarded } from '../bridge/boundary.ts';
import type { Renderer, RendererEvents, SelectorQueryRequest } from '../contract/renderer.ts';
import type { CanvasTarget } from '../contract/canvas.ts';
import { ViewEngine } from '../view/engine.ts';
import { loadViewForm } from '../view/form/load.ts';
import type { ViewLimits } from '../view/form/limits.ts';
import { PackageError } from '../package/verify.ts';
import type { ViewModule } from '../contract/view-abi.ts';
import { createJsapi, ApiFailure, ErrorCode, type Jsapi, type ContainerServices, type HostOptions } from '../jsapi/index.ts';
import { realClock, type Clock } from '../sandbox/clock.ts';
import { createStackMapper } from '../sandbox/source-map.ts';
import { DevEvaluations, type DevEvaluation } from './dev-evaluate.ts';
import { Router, RouteError, type PageRecord, type RouteOp, type RouteStep } from './router.ts';
import { ShareDesk, type ShareFrom, type ShareInfo } from './shares.ts';
import { FirstFrame } from './first-frame.ts';
import { FramePacer } from './frame-pacer.ts';
import { RenderGate } from './render-gate.ts';
import { IdleTimeoutError, IdleWatch, busyMessage, resolveIdleBudget, type IdleBudget } from './idle.ts';
import { createLogicTransport, type LogicEngineChoice, type LogicLimits } from './logic-factory.ts';
import type { NetworkType } from '../adapters/network.ts';

export const SDK_VERSION = '2.9.0';

export interface ContainerOptions {
  /** The package to run: a PackageSource, or (Node) a package directory. */
  pkg: PackageSource | string;
  /** Where pages render: `new HeadlessRenderer()` in Node, `new DomRenderer(el)` in a browser. */
  renderer: Renderer;
  /** The capabilities this host grants (storage, network allow-list, UI, permissions, custom APIs…). */
  host?: HostOptions;
  /**
   * The id storage and files are namespaced by, assigned by the host (never taken from the package).
   * Default: a fresh random id per container, so nothing persists across containers — persistent
   * storage needs an explicit appId. Two live containers with one id on one backend are refused.
   */
  appId?: string;
  /** Let this container run while another live container has the same appId on the same storage (they share it). */
  shareStorage?: boolean;
  /** Run only packages signed by one of these Ed25519 public keys (manifest.sig); without it, unsigned packages run. */
  trust?: TrustOptions;
  /** Hard caps on what a package may list and a loader reads (bytes per file, per package, of the manifest). */
  packageLimits?: Partial<PackageReadLimits>;
  /** Sandbox limits (heap, stack, CPU time per task…), and `view`: the budget of every render (templates and SJS). */
  limits?: Partial<LogicLimits> & { view?: Partial<ViewLimits> };
  /** Drives timers; a ManualClock makes time advance only when told (tests, `mpk run --wait`). */
  clock?: Clock;
  /** Which engine runs the logic layer: QuickJS (default, sandboxed) or Node's vm (benchmark baseline only). */
  logic?: LogicEngineChoice;
  /** How long `waitForIdle()` (and so `launch()`/`navigate()`) waits before failing with an IdleTimeoutError. */
  idle?: Partial<IdleBudget>;
}

export interface LaunchRequest {
  /** Page path with its optional page query, for `onLoad` (`pages/detail/detail?id=3`); default: the entry page. */
  path?: string;
  /** The app's launch query, for `App.onLaunch/onShow(options.query)` — separate from the page's query, as on the platform. */
  query?: Record<string, string>;
  scene?: number;
  /** Who opened the app (another mini-program's `navigateToMiniProgram`): `App.onLaunch/onShow(options).referrerInfo`. */
  referrerInfo?: { appId?: string; extraData?: unknown; sourceServiceId?: string };
}

/** How long a user's tap lets the app do what needs one (my.exitMiniProgram), as browsers' transient activation. */
export const USER_ACTIVATION_MS = 5000;

/** Renderer events that count as the user acting on the app. */
const ACTIVATING_EVENTS = new Set(['tap', 'longTap', 'submit']);

export interface PageInfo {
  id: number;
  route: string;
  query: Record<string, string>;
}

export interface ContainerError {
  kind: ErrorMessage['kind'] | 'patch' | 'package' | 'internal';
  message: string;
  /** Source-mapped to the author's files when the package carries source maps. */
  stack?: string;
  id?: number;
}

export interface BridgeTraffic {
  direction: 'toLogic' | 'toHost';
  messages: readonly (HostToLogic | LogicToHost)[];
  bytes: number;
  time: number;
}

export interface ContainerEvents {
  error: (error: ContainerError) => void;
  log: (entry: { level: LogMessage['level']; args: unknown[] }) => void;
  page: (event: { type: 'load' | 'show' | 'ready' | 'hide' | 'unload'; page: PageInfo }) => void;
  /** Every batch crossing the bridge, with its JSON size (devtools' Bridge panel). Only computed while listened to. */
  bridge: (traffic: BridgeTraffic) => void;
  /** A package part was loaded: hosts that render to a DOM add its CSS. */
  part: (part: { root: string; style: string }) => void;
  /** Page-scoped UI requests from the app (pull-down refresh, page scroll) for the host's chrome. */
  ui: (request: { type: 'stopPullDownRefresh' | 'startPullDownRefresh' | 'pageScrollTo'; pageId: number; args?: unknown }) => void;
  /** The sandbox gave up on this app (repeated timeouts, heap exhausted): nothing more will run. */
  terminated: (reason: string) => void;
  /** A page answered a share (the share menu, an `open-type="share"` button, `my.showSharePanel`): what it would share. */
  share: (share: ShareInfo<PageInfo>) => void;
}

export class Container extends EventEmitter<ContainerEvents> {
  readonly appId: string;
  private readonly engine: ViewEngine;
  private readonly jsapi: Jsapi;
  private readonly router: Router;
  private readonly frame: FirstFrame;
  private readonly gate = new RenderGate();
  private readonly pacer: FramePacer;
  /** While a transition is being carried out: the one batch its messages go into. */
  private collecting: HostToLogic[] | undefined;
  private transport: LogicTransport | undefined;
  private nextInstanceId = 1;
  private readonly loadedParts = new Map<string, Promise<void>>();
  private readonly sourceMaps: Record<string, string> = {};
  private readonly bundles: Record<string, string> = {};
  private mapper = createStackMapper({});
  private readonly evaluations = new DevEvaluations((stack) => this.mapper.mapStack(stack));
  /** Host work the app waits for (JSAPI calls, navigator routes), with what to call it in a busy report. */
  private readonly inflight = new Map<Promise<unknown>, string>();
  private readonly shares = new ShareDesk<PageInfo>();
  /** The waits for idle in progress (they count the bridge traffic). */
  private readonly watches = new Set<IdleWatch>();
  /** Instance id → `route#id` / `component#id`, for busy reports. */
  private readonly names = new Map<number, string>();
  private activity = 0;
  private reportingInternal = false;
  private logicReady = false;
  private launched = false;
  /** The app that opened this one (launch `referrerInfo.appId`). */
  private referrerAppId: string | undefined;
  /** When the user last tapped the app (container clock), for APIs that need a user's action. */
  private lastActivation: number | undefined;
  private destroyed = false;
  private terminated = false;

  private constructor(
    private source: PackageSource,
    private readonly options: ContainerOptions,
    appId: string,
    private readonly admit: (source: PackageSource) => Promise<void>,
    private readonly releaseAppId: () => void,
  ) {
    super();
    this.appId = appId;
    const allocateId = (): number => this.nextInstanceId++;
    this.frame = new FirstFrame(options.renderer);
    this.pacer = new FramePacer(options.clock ?? realClock);
    // Timed work of the renderer (animation steps) runs on the container's clock.
    options.renderer.useClock?.(options.clock ?? realClock);
    this.router = new Router({
      app: this.manifest.app,
      pages: new Set(Object.keys(this.manifest.pages)),
      allocateId,
    });
    this.engine = new ViewEngine({
      renderer: this.interceptRenderer(options.renderer),
      send: (batch) => this.post(batch),
      components: this.manifest.components,
      pages: this.manifest.pages,
      loadComponent: (id) => this.loadComponentPart(id),
      onShareButton: (pageId, target) => this.askShare(pageId, 'button', target),
      allocateId,
      onPageReady: (pageId) => {
        this.frame.ready(pageId);
        this.pageReady(pageId);
      },
      onError: (error) => this.viewError(error),
      now: options.clock ? () => options.clock!.now() : undefined,
      limits: options.limits?.view,
    });
    this.jsapi = createJsapi({ appId: this.appId, app: this.manifest.app, ext: this.manifest.ext, host: options.host, services: this.services() });
    // Fonts my.loadFontFace loaded go to the renderer's document (a DOM renderer), unless the host takes them itself.
    const renderer = options.renderer;
    if (renderer.loadFontFace && !options.host?.ui?.loadFontFace) {
      this.jsapi.host.ui.loadFontFace = (font) => renderer.loadFontFace!(font);
    }
  }

  /** Creates a container for a package. Nothing runs until `launch()`. */
  static async create(options: ContainerOptions): Promise<Container> {
    const source = typeof options.pkg === 'string' ? await loadDirectory(options.pkg, options.packageLimits) : options.pkg;
    // Before anything of the package runs: its manifest, its signature when the host requires one, its id.
    const keys = await trustedKeys(options.trust);
    const admit = (s: PackageSource) => admitPackage(s, options.packageLimits, keys);
    await admit(source);
    const { appId, host, release } = assignAppId(options);
    try {
      return new Container(source, { ...options, host }, appId, admit, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  // ------------------------------------------------------------------ public API

  /** The running package's manifest. */
  get manifest(): PackageManifest {
    return this.source.manifest;
  }

  /** Boots the logic layer, runs App() and opens the page (default: the entry page). Resolves once it rendered. */
  async launch(request: LaunchRequest = {}): Promise<void> {
    if (this.launched) throw new Error('launch() was already called on this container');
    this.launched = true;
    this.referrerAppId = typeof request.referrerInfo?.appId === 'string' ? request.referrerInfo.appId : undefined;
    await this.boot();
    const entry = this.manifest.app.entryPagePath;
    let target = request.path ? this.router.resolve(request.path) : this.router.resolve(`/${entry}`);
    // App.onLaunch/onShow and the first page's onLoad/onShow run in one entry: the page's first
    // render holds everything they set.
    const lead: HostToLogic[] = [{ t: 'appLaunch', options: launchOptions(target.route, request) }];
    if (!this.router.exists(target.route)) {
      // The docs: App.onPageNotFound (and my.onPageNotFound) hear about a launch page that does not exist; the entry page opens.
      lead.push({ t: 'hostEvent', name: 'PageNotFound', data: { path: target.route, query: target.query, isEntryPage: false } });
      target = this.router.resolve(`/${entry}`);
    }
    await this.perform(this.router.launch(target), lead);
    await this.waitForIdle();
  }

  /**
   * Resolves when the logic layer, the view and the JSAPI have nothing left to do (timers due later
   * don't count). Rejects with an `IdleTimeoutError` naming what kept the app busy when that takes
   * more than the budget (`options.idle`, overridden by `budget`).
   */
  async waitForIdle(budget: Partial<IdleBudget> = {}): Promise<void> {
    const watch = new IdleWatch(resolveIdleBudget({ ...this.options.idle, ...budget }), (id) => this.names.get(id) ?? `#${id}`);
    this.watches.add(watch);
    const settled = async (): Promise<undefined> => {
      if (this.transport && !this.terminated) await this.transport.idle();
      if (this.inflight.size > 0) await Promise.allSettled([...this.inflight.keys()]);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    };
    try {
      for (let quietRounds = 0; quietRounds < 2; ) {
        const before = this.activity;
        const exhausted = await Promise.race([settled(), watch.exhausted]);
        if (exhausted !== undefined) {
          const busy = watch.top();
          throw new IdleTimeoutError(busyMessage(exhausted, busy, [...new Set(this.inflight.values())]), busy);
        }
        quietRounds = this.activity === before && this.inflight.size === 0 ? quietRounds + 1 : 0;
      }
    } finally {
      watch.stop();
      this.watches.delete(watch);
      // Idle (or given up) and a page still not ready (a render failed): show what it has.
      this.frame.release();
    }
  }

  /** The page stack, bottom → top. */
  pages(): PageInfo[] {
    return this.router.pages().map(info);
  }

  currentPage(): PageInfo | undefined {
    const top = this.router.top();
    return top ? info(top) : undefined;
  }

  /** User-driven routing: the navigation bar's back button, the tab bar, a navigator. */
  async navigate(op: RouteOp, args: { url?: string; delta?: number } = {}): Promise<void> {
    await this.routeOrThrow(op, args);
    await this.waitForIdle();
  }

  /** Page-level events from the host chrome: `onPullDownRefresh`, `onReachBottom`, `onPageScroll`, `onTabItemTap`… */
  pageEvent(name: string, arg?: unknown): void {
    const top = this.router.top();
    if (top) this.post([{ t: 'pageEvent', id: top.id, name, arg }]);
  }

  /** The app goes to the background (`onHide`) or comes back (`onShow`). */
  hide(): void {
    const top = this.router.top();
    this.inOneBatch(() => {
      if (top) this.post([{ t: 'pageHide', id: top.id }]);
      this.post([{ t: 'appHide' }]);
    });
  }

  show(request: LaunchRequest = {}): void {
    const top = this.router.top();
    this.inOneBatch(() => {
      this.post([{ t: 'appShow', options: launchOptions(top?.route ?? this.manifest.app.entryPagePath, request) }]);
      if (top) this.post([{ t: 'pageShow', id: top.id }]);
    });
  }

  /**
   * Shares a page as the user would (default: the page on top, from the share menu): its
   * `onShareAppMessage({ from, target })` runs, and this resolves with what it returned once the app
   * is idle (also emitted as `share`); undefined when the page is gone, did not answer, or hid its
   * share menu (`my.hideShareMenu`, menu shares only). The host's `ui.share` decides the outcome
   * the share object's `success`/`fail` hear.
   */
  async share(options: { pageId?: number; from?: ShareFrom; target?: EventTargetInfo } = {}): Promise<ShareInfo<PageInfo> | undefined> {
    const page = options.pageId === undefined ? this.router.top() : this.router.allPages().find((p) => p.id === options.pageId);
    const from = options.from ?? 'menu';
    if (!page || (from === 'menu' && this.shares.menuHidden(page.id))) return undefined;
    const { message, answer } = this.shares.open(page.id, from, options.target);
    this.post([message]);
    await this.waitForIdle();
    this.shares.expire(message.request);
    return answer;
  }

  /** Sends a host event to `my.on(name)` listeners. */
  emitHostEvent(name: string, data?: unknown): void {
    this.post([{ t: 'hostEvent', name, data }]);
  }

  /**
   * The device's network changed (a host's connectivity listener, the simulator's network switch):
   * `my.getNetworkType` reports `type` from now on, `my.onNetworkStatusChange` listeners hear
   * `{ isConnected, networkType }`, and while it is `NOTREACHABLE` the network APIs fail at once
   * with the platform's network error (12), as on a phone in flight mode.
   */
  setNetworkType(type: NetworkType): void {
    if (this.jsapi.host.network.type === type) return;
    this.jsapi.host.network.type = type;
    this.emitHostEvent('NetworkStatusChange', { isConnected: type !== 'NOTREACHABLE', networkType: type });
  }

  /**
   * Hot reload (devtools): `source` is a newer build of the same app in which only view code (and
   * styles) changed — same app config, pages, components and parts. Every loaded part whose view.js
   * changed is re-evaluated and every page re-renders with the data it has (no lifecycle runs);
   * parts loaded later come from `source`. Resolves once the pages re-rendered (components the new
   * templates add start as usual; `waitForIdle()` waits for them). CSS is the host's to swap (`part`
   * is not emitted again). Throws when the app's structure changed: start a new container instead.
   */
  async reloadViews(source: PackageSource): Promise<void> {
    const structure = (m: PackageManifest): string => JSON.stringify([m.app, m.pages, m.components, m.parts]);
    if (structure(source.manifest) !== structure(this.source.manifest)) {
      throw new Error('reloadViews: the new package changes the app config, pages, components or parts; start a new container');
    }
    const hashOf = (m: PackageManifest, path: string): string | undefined => m.files.find((f) => f.path === path)?.sha256;
    await this.admit(source);
    const previous = this.source.manifest;
    this.source = source;
    const modules = [];
    for (const root of this.loadedParts.keys()) {
      const part = source.manifest.parts.find((p) => p.root === root);
      if (!part || hashOf(previous, part.view) === hashOf(source.manifest, part.view)) continue;
      modules.push(this.loadView(part.view, await this.readVerified(part.view)));
    }
    if (modules.length > 0) this.engine.replaceViewModules(modules);
  }

  /** Devtools' AppData editor: applies `data` (path → value) to an instance as its own `setData` would. */
  devSetData(id: number, data: Record<string, unknown>): void {
    this.post([{ t: 'devSetData', id, data }]);
  }

  /**
   * Devtools' Console input: evaluates `expression` in the logic layer (inside the sandbox, under its
   * limits; statements allowed, the completion value is the result) and resolves with the value
   * rendered as console arguments are, or with what stopped it. Never rejects.
   */
  devEvaluate(expression: string): Promise<DevEvaluation> {
    return this.evaluations.start(expression, (req, text) => {
      if (!this.transport || this.terminated || this.destroyed) return false;
      this.post([{ t: 'devEvaluate', req, expression: text }]);
      return true;
    });
  }

  /** Current data of a page or component instance (devtools' AppData panel). */
  instanceData(id: number): Readonly<Record<string, unknown>> | undefined {
    return this.engine.instanceData(id);
  }

  instanceTree(pageId: number): ReturnType<ViewEngine['instanceTree']> {
    return this.engine.instanceTree(pageId);
  }

  /** The rendered node tree of a page (devtools' element inspector); host-side only, the logic layer never sees it. */
  elementTree(pageId: number): ReturnType<ViewEngine['elementTree']> {
    return this.engine.elementTree(pageId);
  }

  /** Bytes of the logic sandbox's heap (WASM memory), when the engine can tell. */
  memoryBytes(): number | undefined {
    const t = this.transport as (LogicTransport & { memoryBytes?: () => number }) | undefined;
    return t?.memoryBytes?.();
  }

  get isTerminated(): boolean {
    return this.terminated;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.evaluations.close();
    try {
      this.frame.discard();
      this.gate.clear();
      this.pacer.dispose();
      for (const page of this.router.allPages()) {
        this.endIntersections(page.id);
        this.engine.destroyPage(page.id);
      }
      this.engine.dispose();
      await this.jsapi.dispose();
      await this.transport?.dispose();
      this.transport = undefined;
      this.removeAllListeners();
    } finally {
      // Its appId may be used again (an anonymous one's storage is dropped: nothing could reach it).
      this.releaseAppId();
    }
  }

  // ------------------------------------------------------------------ boot

  private async boot(): Promise<void> {
    const transport = await createLogicTransport(this.options.logic ?? 'quickjs', {
      limits: logicLimitsOf(this.options.limits),
      clock: this.options.clock,
    });
    // The built-in transports check what the guest sends at the boundary; a host's own is wrapped here.
    this.transport = isGuarded(transport) ? transport : guardTransport(transport);
    this.transport.onMessage((batch) => this.receive(batch));
    this.transport.onSyncInvoke((msg) => this.invokeSync(msg));
    this.post([
      {
        t: 'init',
        protocol: PROTOCOL_VERSION,
        apis: this.jsapi.descriptors(),
        components: this.jsapi.components(),
        sdkVersion: SDK_VERSION,
        env: { clientName: 'mpk', clientVersion: SDK_VERSION, language: 'zh-Hans', platform: 'unknown', USER_DATA_PATH: 'https://usr' },
        eagerModules: this.manifest.app.lazyCodeLoading !== 'requiredComponents',
      },
    ]);
    await this.transport.idle();
    if (!this.logicReady) {
      throw new Error('the logic layer did not answer the handshake (its base library failed to start or speaks another protocol version)');
    }
    await this.loadPart('');
  }

  private partOf(route: string): PackagePart {
    const root = this.manifest.pages[route]?.package ?? '';
    const part = this.manifest.parts.find((p) => p.root === root);
    if (!part) throw new Error(`package has no part "${root}" for page ${route}`);
    return part;
  }

  /** Loads a part's logic, view and style once (main at boot, subpackages when first entered). */
  private loadPart(root: string): Promise<void> {
    let loading = this.loadedParts.get(root);
    if (!loading) {
      const part = this.manifest.parts.find((p) => p.root === root);
      if (!part) return Promise.reject(new Error(`package has no part "${root}"`));
      loading = this.readPart(part);
      this.loadedParts.set(root, loading);
    }
    return loading;
  }

  private async readPart(part: PackagePart): Promise<void> {
    const [logic, view, style, map] = await Promise.all([
      this.readVerified(part.logic),
      this.readVerified(part.view),
      this.readVerified(part.style),
      part.logicMap ? this.readVerified(part.logicMap) : Promise.resolve(undefined),
    ]);
    if (map) {
      this.sourceMaps[part.logic] = map;
      this.bundles[part.logic] = logic;
      this.mapper = createStackMapper(this.sourceMaps, this.bundles);
    }
    this.engine.addViewModule(this.loadView(part.view, view));
    this.transport!.loadScript(part.logic, logic);
    this.emit('part', { root: part.root, style });
  }

  /** A part's view form → its render functions; a malformed form refuses the package, naming the file. */
  private loadView(path: string, text: string): ViewModule {
    try {
      return loadViewForm(text, { log: (...args: unknown[]) => this.emit('log', { level: 'log', args }), limits: this.options.limits?.view });
    } catch (error) {
      throw new PackageError(`${path}: ${error instanceof Error ? error.message : String(error)}`, path);
    }
  }

  private async readVerified(path: string): Promise<string> {
    const text = await this.source.readText(path);
    await verifyFile(this.manifest, path, text);
    return text;
  }

  // ------------------------------------------------------------------ bridge

  private post(batch: HostToLogic[]): void {
    if (this.collecting) {
      for (const msg of batch) this.collecting.push(msg);
      return;
    }
    if (!this.transport || this.terminated || this.destroyed || batch.length === 0) return;
    this.activity++;
    if (this.listenerCount('bridge') > 0) {
      this.emit('bridge', { direction: 'toLogic', messages: batch, bytes: JSON.stringify(batch).length, time: Date.now() });
    }
    this.transport.post(batch);
    for (const watch of this.watches) watch.record(batch);
    // What the view tells the logic layer is also what selector queries wait for.
    for (const msg of batch) {
      if (msg.t === 'compCreate') {
        this.names.set(msg.id, `${msg.is}#${msg.id}`);
        this.gate.created(msg.id);
      } else if (msg.t === 'compMount') this.gate.settled(msg.id);
      else if (msg.t === 'compUnmount') {
        this.names.delete(msg.id);
        this.gate.settled(msg.id);
      }
    }
  }

  /**
   * The host side of every logic → host batch. What arrives passed the boundary check
   * (bridge/boundary.ts); handling it still never throws back into the transport (that would take
   * the host process down): a failure is reported as an `internal` error and the batch goes on.
   */
  private receive(batch: LogicToHost[]): void {
    if (this.destroyed || !Array.isArray(batch)) return;
    this.activity++;
    this.safely('recording bridge traffic', () => {
      for (const watch of this.watches) watch.record(batch);
      if (this.listenerCount('bridge') > 0) {
        this.emit('bridge', { direction: 'toHost', messages: batch, bytes: JSON.stringify(batch).length, time: Date.now() });
      }
    });
    let patches: PatchMessage[] = [];
    const queries: InvokeMessage[] = [];
    const flushPatches = (): void => {
      if (patches.length === 0) return;
      const applying = patches;
      patches = [];
      this.safely('applying patches', () => this.engine.applyPatches(applying));
    };
    for (const msg of batch) {
      this.safely(`handling a "${String(msg?.t)}" message`, () => this.receiveOne(msg, patches, queries, flushPatches));
    }
    flushPatches();
    for (const query of queries) {
      this.safely('queueing a selector query', () => {
        const target = this.queryTarget(query);
        this.gate.whenRendered(target, () => this.pacer.run(target, () => this.invoke(query)));
      });
    }
  }

  private receiveOne(msg: LogicToHost, patches: PatchMessage[], queries: InvokeMessage[], flushPatches: () => void): void {
      switch (msg.t) {
        case 'patch':
          patches.push(msg);
          break;
        case 'ready':
          this.logicReady = msg.protocol === PROTOCOL_VERSION;
          break;
        case 'invoke':
          flushPatches();
          // A query measures what the task that sent it set up: the patches come at the end of the
          // batch (one per instance), so queries are answered after them, as the platform's render
          // thread handles a setData before a query sent after it.
          if (msg.api === 'selectorQuery') queries.push(msg);
          else this.invoke(msg);
          break;
        case 'log':
          this.emit('log', { level: msg.level, args: msg.args.map((a) => (typeof a === 'string' ? this.mapper.mapStack(a) : a)) });
          break;
        case 'error':
          this.reportError(msg);
          this.evaluations.sandboxError(msg);
          break;
        case 'devResult':
          this.evaluations.answer(msg);
          break;
      }
  }

  /**
   * An error in view code (a render function, SJS) or a patch the view refused: the host hears it,
   * and so does the app (App.onError, my.onError), with the package-relative stack the view made.
   */
  private viewError(error: { kind: 'render' | 'patch'; id: number; message: string; stack?: string }): void {
    this.emit('error', error);
    const stack = error.stack === undefined ? undefined : error.stack;
    this.post([{ t: 'guestError', message: error.kind === 'patch' ? `a data update could not be applied: ${error.message}` : error.message, ...(stack !== undefined ? { stack } : {}) }]);
  }

  /** Runs host work caused by guest input: what it throws is reported, never rethrown. */
  private safely(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      if (this.reportingInternal) return;
      this.reportingInternal = true;
      try {
        this.emit('error', { kind: 'internal', message: `mpk host: ${what} failed: ${error instanceof Error ? error.message : String(error)}` });
      } catch {
        // The host's own error listener threw: nothing more to tell it.
      } finally {
        this.reportingInternal = false;
      }
    }
  }

  private reportError(msg: ErrorMessage): void {
    const stack = msg.stack ? this.mapper.mapStack(msg.stack) : undefined;
    this.emit('error', { kind: msg.kind, message: msg.message, stack, id: msg.id });
    if (msg.kind === 'terminated' && !this.terminated) {
      this.terminated = true;
      this.emit('terminated', msg.message);
    }
  }

  private invoke(msg: InvokeMessage): void {
    let started: Promise<ReplyMessage>;
    try {
      started = this.jsapi.invoke(msg);
    } catch (error) {
      started = Promise.reject(error);
    }
    const call = started
      .catch(
        (error: unknown): ReplyMessage => ({ t: 'reply', cb: msg.cb, ok: false, error: { error: 3, errorMessage: String((error as Error)?.message ?? error) } }),
      )
      .then((reply) => this.post([reply]));
    this.inflight.set(call, `my.${msg.api}`);
    void call.finally(() => this.inflight.delete(call));
  }

  /** The instance a selector query measures: the component or page that made it, else the page on top. */
  private queryTarget(msg: InvokeMessage): number | undefined {
    const args = (msg.args ?? {}) as { instance?: unknown; page?: unknown; pageId?: unknown };
    for (const id of [args.instance, args.page, args.pageId]) if (typeof id === 'number') return id;
    return this.router.top()?.id;
  }

  private invokeSync(msg: InvokeMessage): ReplyMessage {
    try {
      return this.jsapi.invokeSync(msg);
    } catch (error) {
      return { t: 'reply', cb: msg.cb, ok: false, error: { error: 3, errorMessage: String((error as Error)?.message ?? error) } };
    }
  }

  // ------------------------------------------------------------------ routing

  private async routeOrThrow(op: RouteOp, args: { url?: string; delta?: number }, openedBy?: number): Promise<void> {
    let steps: RouteStep[];
    try {
      steps = this.router.navigate(op, args);
    } catch (error) {
      if (error instanceof RouteError) throw new ApiFailure(error.error, error.errorMessage);
      throw error;
    }
    await this.perform(steps, [], openedBy);
  }

  /**
   * Carries out a transition as one batch into the logic layer (PROTOCOL.md, lifecycle sequences):
   * `lead` (the launch), the stack (getCurrentPages() in onLoad sees the new page), then each step
   * in order, with whatever the view sends meanwhile (a closing page's compUnmounts). The renderer
   * shows a page it opens once that page's first frame is complete.
   */
  private async perform(steps: RouteStep[], lead: HostToLogic[] = [], openedBy?: number): Promise<void> {
    if (steps.length === 0) return;
    for (const step of steps) if (step.kind === 'load') await this.loadPart(this.partOf(step.page.route).root);
    const opened = steps.filter((step) => step.kind === 'load').pop()?.page;
    const token = this.frame.hold(opened?.id);
    this.inOneBatch(() => {
      this.post(lead);
      this.post([{ t: 'stack', ids: this.router.pages().map((p) => p.id) }]);
      for (const step of steps) this.performStep(step, openedBy);
    });
    // Back to a page that already rendered (navigateBack, switchTab): shown with what its onShow set.
    if (!opened) void this.transport?.idle().then(() => this.frame.answered(token));
  }

  /** The intersection observers of each page (IntersectionObserver.observe), ended with their page. */
  private readonly intersections = new Map<number, Set<{ stop: () => void; ended: () => void }>>();

  private endIntersections(pageId: number): void {
    const observers = this.intersections.get(pageId);
    this.intersections.delete(pageId);
    for (const { stop, ended } of observers ?? []) {
      stop();
      ended();
    }
  }

  /** `openedBy`: the navigateTo invoke that opened the page a `load` step creates (its EventChannel). */
  private performStep(step: RouteStep, openedBy?: number): void {
    const page = step.page;
    switch (step.kind) {
      case 'hide':
        this.post([{ t: 'pageHide', id: page.id }]);
        break;
      case 'unload':
        this.post([{ t: 'pageUnload', id: page.id }]);
        this.endIntersections(page.id);
        this.engine.destroyPage(page.id);
        this.gate.settled(page.id);
        this.names.delete(page.id);
        break;
      case 'load':
        this.gate.created(page.id);
        this.names.set(page.id, `${page.route}#${page.id}`);
        this.engine.createPage(page.id, page.route, this.manifest.pages[page.route]!.template);
        this.post([{ t: 'pageLoad', id: page.id, route: page.route, query: page.query, ...(openedBy !== undefined ? { openedBy } : {}) }]);
        break;
      case 'show':
        this.engine.showPage(page.id);
        this.post([{ t: 'pageShow', id: page.id }]);
        break;
    }
    this.emit('page', { type: step.kind, page: info(page) });
  }

  /** Runs `fn`, sending every message it posts as one batch (calls nest into the outer batch). */
  private inOneBatch(fn: () => void): void {
    if (this.collecting) {
      fn();
      return;
    }
    const batch: HostToLogic[] = [];
    this.collecting = batch;
    try {
      fn();
    } finally {
      this.collecting = undefined;
    }
    this.post(batch);
  }

  private pageReady(pageId: number): void {
    this.post([{ t: 'pageReady', id: pageId }]);
    this.gate.settled(pageId);
    const page = this.router.allPages().find((p) => p.id === pageId);
    if (page) this.emit('page', { type: 'ready', page: info(page) });
  }

  // ------------------------------------------------------------------ services for the JSAPI

  private now(): number {
    return this.options.clock ? this.options.clock.now() : Date.now();
  }

  private services(): ContainerServices {
    return {
      navigate: (op, args, openedBy) => this.routeOrThrow(op, args, openedBy),
      emit: (messages) => this.post(messages),
      currentPage: () => {
        const top = this.router.top();
        return top ? { id: top.id, route: top.route } : undefined;
      },
      selectorQuery: (pageId: number, requests: SelectorQueryRequest[]) => {
        this.frame.release();
        return this.options.renderer.query?.(pageId, requests) ?? requests.map((r) => (r.all ? [] : null));
      },
      observeIntersection: (pageId, request, report, ended) => {
        // The nodes must be in the renderer: a frame still waiting for its turn goes out first (as for selector queries).
        this.frame.release();
        const stop = this.options.renderer.observeIntersection?.(pageId, request, report);
        if (!stop) return undefined;
        const observers = this.intersections.get(pageId) ?? new Set();
        this.intersections.set(pageId, observers);
        const entry = { stop, ended };
        observers.add(entry);
        return () => {
          observers.delete(entry);
          stop();
        };
      },
      componentCall: (pageId, call) =>
        this.options.renderer.control?.(pageId, call) ?? { ok: false, error: 1, errorMessage: `${call.component} contexts: not supported by this renderer` },
      stopPullDownRefresh: (pageId) => this.emit('ui', { type: 'stopPullDownRefresh', pageId }),
      startPullDownRefresh: (pageId) => this.emit('ui', { type: 'startPullDownRefresh', pageId }),
      pageScrollTo: (pageId, args) => {
        this.frame.release();
        this.emit('ui', { type: 'pageScrollTo', pageId, args });
      },
      selectComponents: (id, selector, all) => this.engine.selectComponents(id, selector, all),
      shared: ({ page: pageId, request, from, content }) => {
        const page = this.router.allPages().find((p) => p.id === pageId);
        if (!page) return undefined;
        const share: ShareInfo<PageInfo> = { page: info(page), from, content };
        this.shares.answered(request, share);
        this.emit('share', share);
        return page.route;
      },
      requestShare: (pageId, from) => this.askShare(pageId, from),
      hideShareMenu: (pageId) => this.shares.hideMenu(pageId),
      referrer: () => this.referrerAppId,
      userActivated: () => this.lastActivation !== undefined && this.now() - this.lastActivation <= USER_ACTIVATION_MS,
      ...this.canvasServices(),
    };
  }

  /** Canvas batches and exports go to the renderer, for the page the target names (legacy ids: the page on top). */
  private canvasServices(): Pick<ContainerServices, 'canvasDraw' | 'canvasExport' | 'measureText' | 'canvasImage' | 'canvasPixels'> {
    const renderer = this.options.renderer;
    const pageOf = (target: CanvasTarget) => ('page' in target && target.page !== undefined ? target.page : 'offscreen' in target ? undefined : this.router.top()?.id);
    const failed = (error: unknown): never => {
      if (error instanceof ApiFailure) throw error;
      throw new ApiFailure(ErrorCode.INVALID_PARAM, (error as Error)?.message ?? String(error));
    };
    return {
      canvasDraw: renderer.canvasDraw
        ? async (draw) => {
            // The canvas a batch draws on must exist: the page's pending frame goes first.
            this.frame.release();
            await Promise.resolve(renderer.canvasDraw!(pageOf(draw.target), draw)).catch(failed);
          }
        : undefined,
      canvasExport: renderer.canvasExport
        ? (target, options) => {
            this.frame.release();
            return renderer.canvasExport!(pageOf(target), target, options).catch(failed);
          }
        : undefined,
      measureText: renderer.measureText ? (text, font) => renderer.measureText!(text, font) : undefined,
      canvasImage: renderer.canvasImage ? (src) => renderer.canvasImage!(src).catch(failed) : undefined,
      canvasPixels: renderer.canvasPixels
        ? (target, rect) => {
            this.frame.release();
            return renderer.canvasPixels!(pageOf(target), target, rect).catch(failed);
          }
        : undefined,
    };
  }

  /** A share the app or its view started (a share button, my.showSharePanel): the answer is reported as a `share` event. */
  private askShare(pageId: number, from: ShareFrom, target?: EventTargetInfo): void {
    if (from === 'menu' && this.shares.menuHidden(pageId)) return;
    this.post([this.shares.ask(pageId, from, target)]);
  }

  /** Keeps `work` in the idle check (waitForIdle waits for it, naming `what`); its failure is reported, never thrown. */
  private track(work: Promise<unknown>, what: string): void {
    const run = work.catch((error: Error) => this.emit('error', { kind: 'internal', message: `${what}: ${error?.message ?? String(error)}` }));
    this.inflight.set(run, what);
    void run.finally(() => this.inflight.delete(run));
  }

  /**
   * A tag rendered its placeholder because its component lives in a package part that is not
   * loaded: load the part, then let the view swap the placeholder for the component.
   */
  private loadComponentPart(componentId: string): void {
    const root = this.manifest.components[componentId]?.package;
    if (root === undefined || !this.manifest.parts.some((p) => p.root === root)) return;
    const load = this.loadPart(root).then(
      () => this.engine.refreshPlaceholders(),
      (error: Error) => {
        // The docs' my.onLazyLoadError: the placeholder stays; the app hears which part failed.
        this.post([{ t: 'hostEvent', name: 'LazyLoadError', data: { type: 'subpackage', subpackage: [root], errMsg: 'loadSubpackage: fail' } }]);
        throw error;
      },
    );
    this.track(load, `loading package part "${root}" for ${componentId}`);
  }

  /**
   * Built-in `navigator` elements route by themselves: the renderer reports their activation as a
   * `navigate` event, which the container turns into a route instead of a logic-layer event.
   */
  private interceptRenderer(renderer: Renderer): Renderer {
    return {
      apply: (ops) => this.frame.apply(ops),
      query: renderer.query?.bind(renderer),
      connect: (events: RendererEvents) =>
        renderer.connect({
          dispatch: (target, type, detail, extra) => {
            if (ACTIVATING_EVENTS.has(type)) this.lastActivation = this.now();
            if (type === 'navigate') {
              this.navigatorActivated(detail as { openType?: string; url?: string; delta?: number });
              return;
            }
            events.dispatch(target, type, detail, extra);
          },
        }),
    };
  }

  private navigatorActivated(detail: { openType?: string; url?: string; delta?: number } | undefined): void {
    const kinds: Record<string, RouteOp> = {
      navigate: 'navigateTo',
      redirect: 'redirectTo',
      switchTab: 'switchTab',
      navigateBack: 'navigateBack',
      reLaunch: 'reLaunch',
    };
    const op = kinds[detail?.openType ?? 'navigate'] ?? 'navigateTo';
    const run = this.routeOrThrow(op, { url: detail?.url, delta: detail?.delta }).catch((error: Error) =>
      this.emit('error', { kind: 'internal', message: `navigator: ${error.message}` }),
    );
    this.inflight.set(run, 'a navigator route');
    void run.finally(() => this.inflight.delete(run));
  }
}

/** `App.onLaunch/onShow` options: no `query` key at all when the app was opened without one (docs: getLaunchOptionsSync). */
function launchOptions(path: string, request: LaunchRequest): LaunchOptions {
  const options: LaunchOptions = { path, scene: request.scene ?? 1000 };
  if (request.query) options.query = { ...request.query };
  if (request.referrerInfo) {
    // Another app's data: only JSON crosses (no functions, prototypes or cycles from the host side).
    const { appId, extraData, sourceServiceId } = request.referrerInfo;
    const referrer: NonNullable<LaunchOptions['referrerInfo']> = {};
    if (typeof appId === 'string') referrer.appId = appId;
    if (typeof sourceServiceId === 'string') referrer.sourceServiceId = sourceServiceId;
    const json = extraData === undefined ? undefined : JSON.stringify(extraData);
    if (json !== undefined) referrer.extraData = JSON.parse(json) as unknown;
    options.referrerInfo = referrer;
  }
  return options;
}

function info(page: PageRecord): PageInfo {
  return { id: page.id, route: page.route, query: page.query };
}

/** The sandbox's share of `limits` (the view's budget is the view engine's and the view modules'). */
function logicLimitsOf(limits: ContainerOptions['limits']): Partial<LogicLimits> | undefined {
  if (limits === undefined || limits === null || !('view' in limits)) return limits;
  const { view: _view, ...logic } = limits;
  return logic;
}

async function loadDirectory(dir: string, limits: Partial<PackageReadLimits> | undefined): Promise<PackageSource> {
  // Imported lazily so browser bundles of the runtime never pull in node:fs.
  const { loadPackageFromDir } = await import('../package/node-source.ts');
  return loadPackageFromDir(dir, { limits });
}

/** Creates a container (see ContainerOptions). Call `launch()` to run it. */
export function createContainer(options: ContainerOptions): Promise<Container> {
  return Container.create(options);
}
