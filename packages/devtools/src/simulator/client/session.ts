/**
 * The running mini-program in the simulator: one container at a time (logic in a Web Worker, view
 * in the phone's DomRenderer), the host it is given (phone UI, observed storage, instrumented
 * network, the device's system info), and what every new build does to it — a CSS swap, new view
 * modules re-rendering pages with their data, or a restart that reopens the same page stack.
 * Container events are re-emitted here, so panels survive restarts.
 */
import { EventEmitter } from 'eventemitter3';
import {
  addressKind,
  createContainer,
  createWorkerTransport,
  isLoopbackHost,
  loadPackageFromUrl,
  type BridgeTraffic,
  type Container,
  type ContainerError,
  type ContainerEvents,
  type HostOptions,
  type LaunchRequest,
  type PackageSource,
  type PageInfo,
  type WorkerLike,
} from '@mpk/runtime';
import { DomRenderer } from '@mpk/runtime/dom';
import { createBrowserMedia } from '@mpk/runtime';
import { queryString } from './dom.ts';
import { NetworkLog } from './network-log.ts';
import { NETWORK_CONDITIONS, throttle, type NetworkCondition } from './network-conditions.ts';
import { proxyFetch } from './proxy-fetch.ts';
import { serverCloud } from './cloud.ts';
import { createSimulatedHardware } from './hardware.ts';
import type { Device } from './phone/devices.ts';
import { TITLE_BAR_HEIGHT, deviceMetrics } from './phone/devices.ts';
import type { Phone } from './phone/phone.ts';
import type { PhoneUi } from './phone/ui.ts';
import { planReload, type ReloadKind } from './reload-plan.ts';
import { ObservedStorage } from './storage.ts';

type LogEntry = Parameters<ContainerEvents['log']>[0];
type PageEvent = Parameters<ContainerEvents['page']>[0];
type UiRequest = Parameters<ContainerEvents['ui']>[0];

export interface StackEntry {
  route: string;
  query: Record<string, string>;
}

export interface ReloadReport {
  kind: ReloadKind | 'start';
  build: number;
  /** From the start of the reload to the top page on screen. */
  ms: number;
  reason?: string;
}

export interface SessionEvents {
  /** A new container runs (start, restart): panels re-read everything. */
  container: [Container];
  log: [LogEntry];
  error: [ContainerError];
  page: [PageEvent];
  bridge: [BridgeTraffic];
  ui: [UiRequest];
  terminated: [string];
  /** The page area scrolled (from the renderer). */
  scroll: [pageId: number, detail: { scrollTop: number; scrollHeight: number; clientHeight: number }];
  /** A build was applied. */
  reload: [ReloadReport];
  /** Something the simulator itself wants the developer to know (shown in the Console). */
  notice: [level: 'info' | 'warn' | 'error', message: string];
}

export interface SessionOptions {
  phone: Phone;
  ui: PhoneUi;
  /** The QuickJS WebAssembly, compiled once for every worker. */
  wasm: WebAssembly.Module;
  baseLibrary: string;
  device: Device;
  /** Script URL of the logic worker. */
  workerUrl?: string;
  /**
   * Debug mode: the logic layer in `/logic-worker-debug.js` (no QuickJS: DevTools breakpoints work on
   * the author's files through the bundles' source maps). Unsandboxed: no deadline, no fair-time share,
   * and no watchdog (a paused breakpoint stops the worker answering).
   */
  debug?: boolean;
  /** The dev server's network proxy token (absent: requests go straight from the page, subject to CORS). */
  proxyToken?: string;
  /** What the dev server's proxy reaches (its log line), for the Network panel. */
  proxyPolicy?: string;
  /**
   * Whether the app may reach loopback services (`mpk dev --allow-loopback`). Requests go through the
   * proxy, which enforces it; WebSockets go straight from the page, so loopback hosts are refused here.
   * Default true (a simulator without a dev server).
   */
  allowLoopback?: boolean;
}

/** Longest wait for a reopened page to finish its first render before moving on. */
const PAGE_WAIT_MS = 10_000;

/** Scopes the simulator asks about in the phone instead of denying. */
const PROMPTED_SCOPES = ['location', 'album', 'writePhotosAlbum', 'camera', 'record', 'bluetooth', 'clipboard', 'userInfo', 'phoneNumber'];

export class Session extends EventEmitter<SessionEvents> {
  container: Container | undefined;
  renderer: DomRenderer | undefined;
  /** The build the running container comes from (0 before the first). */
  buildId = 0;
  readonly storage = new ObservedStorage();
  readonly network = new NetworkLog();
  /** Sensors, screen, scanner and Bluetooth (the Device panel drives them). */
  readonly hardware = createSimulatedHardware();
  /** How a fresh start launches (a compile mode: page, query, scene); a restart keeps the page stack instead. */
  launchRequest: LaunchRequest = {};
  /** The network switch (Wi-Fi, 4G, slow 3G, offline); kept across restarts. */
  private networkCondition: NetworkCondition = NETWORK_CONDITIONS[0]!;
  private source: PackageSource | undefined;
  private device: Device;
  private assetBase = '/pkg/';
  private wanted = 0;
  private queue: Promise<void> = Promise.resolve();
  /** Roots of the package parts whose CSS the renderer holds. */
  private readonly partStyles = new Set<string>();

  constructor(private readonly options: SessionOptions) {
    super();
    this.device = options.device;
  }

  get currentNetwork(): NetworkCondition {
    return this.networkCondition;
  }

  /** The network switch changed: the running app hears it (onNetworkStatusChange), later requests follow it. */
  setNetworkCondition(condition: NetworkCondition): void {
    this.networkCondition = condition;
    this.container?.setNetworkType(condition.type);
  }

  /** What the app's requests may reach, as the dev server's proxy says (undefined without a proxy). */
  get proxyPolicy(): string | undefined {
    return this.options.proxyPolicy;
  }

  get currentDevice(): Device {
    return this.device;
  }

  /** Brings the app to build `id` (the newest wins when several are queued). */
  applyBuild(id: number): Promise<void> {
    this.wanted = Math.max(this.wanted, id);
    return this.enqueue(() => this.applyWanted());
  }

  /** Restarts the logic layer and reopens the current page stack (or the entry page). */
  restart(options: { keepStack?: boolean } = {}): Promise<void> {
    return this.enqueue(async () => {
      if (this.buildId === 0) return;
      const stack = options.keepStack === false ? [] : this.stack();
      await this.relaunch(this.buildId, stack, 'restart', 'restarted by the developer');
    });
  }

  /** A new device: rpx follows at once; the app restarts so `my.getSystemInfo` reports the new screen. */
  setDevice(device: Device): Promise<void> {
    this.device = device;
    this.options.phone.setDevice(device);
    this.renderer?.setScreenWidth(device.width);
    return this.restart();
  }

  /** The page stack, bottom → top. */
  stack(): StackEntry[] {
    return (this.container?.pages() ?? []).map((p) => ({ route: p.route, query: { ...p.query } }));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task).catch((error: unknown) => {
      this.emit('notice', 'error', `simulator: ${(error as Error)?.stack ?? String(error)}`);
    });
    this.queue = run;
    return run;
  }

  private async applyWanted(): Promise<void> {
    const id = this.wanted;
    if (id <= this.buildId) return;
    const started = performance.now();
    const container = this.container;
    if (!container || container.isTerminated) {
      await this.relaunch(id, container ? this.stack() : [], this.buildId === 0 ? 'start' : 'restart');
      return;
    }
    const source = await loadPackageFromUrl(new URL(`/b/${id}/`, location.href).href);
    const plan = planReload(container.manifest, source.manifest);
    if (plan.kind === 'restart') {
      await this.relaunch(id, this.stack(), 'restart', plan.reason, source);
      return;
    }
    try {
      // Also for style-only builds: parts loaded later must come from this build.
      await container.reloadViews(source);
    } catch (error) {
      await this.relaunch(id, this.stack(), 'restart', (error as Error).message, source);
      return;
    }
    for (const root of plan.styles) {
      const part = source.manifest.parts.find((p) => p.root === root);
      if (this.partStyles.has(root) && part) this.renderer?.setStyleSheet(root || '(main)', await source.readText(part.style));
    }
    this.source = source;
    this.buildId = id;
    this.assetBase = `/b/${id}/`;
    this.emit('reload', { kind: plan.kind, build: id, ms: performance.now() - started });
  }

  private async relaunch(id: number, stack: StackEntry[], kind: ReloadReport['kind'], reason?: string, preloaded?: PackageSource): Promise<void> {
    const started = performance.now();
    await this.teardown();
    const source = preloaded ?? (await loadPackageFromUrl(new URL(`/b/${id}/`, location.href).href));
    this.source = source;
    this.buildId = id;
    this.assetBase = `/b/${id}/`;
    const { phone } = this.options;
    phone.hideMessage();
    const renderer = new DomRenderer(phone.appRoot, {
      screenWidth: this.device.width,
      platform: this.device.platform === 'android' ? 'android' : 'ios',
      responsive: source.manifest.app.window.responsive !== false,
      resolveAsset: (url) => this.resolveAsset(url),
      onPageScroll: (pageId, detail) => this.emit('scroll', pageId, detail),
      onError: (error, op) => this.emit('error', { kind: 'render', message: `renderer: ${(error as Error)?.message ?? String(error)} (${JSON.stringify(op)?.slice(0, 200)})` }),
    });
    // The simulator runs the developer's own project: it keys storage by the project's name on purpose,
    // so stored data survives restarts and page reloads (a host running others' packages assigns its own ids).
    const appId = `mpk-dev:${source.manifest.name ?? 'app'}`;
    const container = await createContainer({ pkg: source, renderer, appId, host: this.hostOptions(), logic: (o) => this.startWorker(o.limits) });
    this.container = container;
    this.renderer = renderer;
    this.forward(container);
    this.emit('container', container);
    try {
      await this.openStack(container, stack);
    } catch (error) {
      if (this.container !== container) return;
      const message = (error as Error)?.message ?? String(error);
      this.emit('notice', 'error', `the mini-program could not start: ${message}`);
      phone.showMessage(`The mini-program could not start: ${message}`, { label: 'Restart', run: () => void this.restart({ keepStack: false }) });
      return;
    }
    this.emit('reload', { kind, build: id, ms: performance.now() - started, ...(reason ? { reason } : {}) });
  }

  /** Launches at the bottom page and navigates up the rest of the stack, each once it shows. */
  private async openStack(container: Container, stack: StackEntry[]): Promise<void> {
    const [first, ...rest] = stack;
    const shown = this.waitForPage(container, 'ready');
    const launched = container.launch(first ? { ...this.launchRequest, path: first.route, query: first.query } : this.launchRequest);
    // Once the page is up, a later failure of the rest of launch() is the app's, reported by its events.
    launched.catch(() => undefined);
    // launch() also waits for every pending JSAPI call (a dialog the user has not answered yet):
    // the page being on screen is enough to go on.
    await Promise.race([launched, shown]);
    for (const entry of rest) {
      if (this.container !== container || container.isTerminated) return;
      const query = queryString(entry.query);
      const ready = this.waitForPage(container, 'ready', entry.route);
      const navigated = container.navigate('navigateTo', { url: `/${entry.route}${query ? `?${query}` : ''}` });
      navigated.catch((error: Error) => this.emit('notice', 'warn', `could not reopen ${entry.route}: ${error.message}`));
      const outcome = await Promise.race([navigated.then(() => 'done', () => 'failed'), ready.then(() => 'done')]);
      if (outcome === 'failed') return;
    }
  }

  private waitForPage(container: Container, type: PageEvent['type'], route?: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, PAGE_WAIT_MS);
      function done(): void {
        clearTimeout(timer);
        container.off('page', listener);
        container.off('terminated', done);
        resolve();
      }
      function listener(event: PageEvent): void {
        if (event.type === type && (route === undefined || event.page.route === route)) done();
      }
      container.on('page', listener);
      container.on('terminated', done);
    });
  }

  private async teardown(): Promise<void> {
    const container = this.container;
    const renderer = this.renderer;
    this.container = undefined;
    this.renderer = undefined;
    this.options.ui.reset();
    this.options.phone.setPulling(false);
    if (container) {
      container.removeAllListeners();
      await container.destroy().catch(() => undefined);
    }
    renderer?.dispose(); // its style sheets go with it
    this.partStyles.clear();
    this.options.phone.appRoot.replaceChildren();
  }

  private forward(container: Container): void {
    const mine = () => this.container === container;
    container.on('log', (entry) => mine() && this.emit('log', entry));
    container.on('error', (error) => mine() && this.emit('error', error));
    container.on('page', (event) => mine() && this.emit('page', event));
    container.on('ui', (request) => mine() && this.emit('ui', request));
    container.on('bridge', (traffic) => {
      if (!mine()) return;
      this.network.observe(traffic);
      this.emit('bridge', traffic);
    });
    container.on('terminated', (reason) => {
      if (!mine()) return;
      this.emit('terminated', reason);
      this.options.phone.showMessage(`The mini-program was terminated: ${reason}`, { label: 'Restart', run: () => void this.restart() });
    });
    container.on('part', (part) => {
      if (!mine()) return;
      // The renderer places it after its defaults (the app's sheets override them), resolves the
      // package URLs in it (backgrounds, fonts) and declares its @font-face rules where the browser reads them.
      this.partStyles.add(part.root);
      this.renderer?.setStyleSheet(part.root || '(main)', part.style);
    });
  }

  private hostOptions(): HostOptions {
    const { width, height, pixelRatio } = this.device;
    const metrics = deviceMetrics(this.device);
    const transparent = this.source?.manifest.app.window.transparentTitle === 'always';
    return {
      storage: this.storage,
      ui: this.options.ui.adapter(),
      pickers: this.options.ui.pickers(),
      maps: this.options.ui.maps(),
      // Audio through HTMLAudioElement; no recorder (my.getRecorderManager is not supported here).
      media: createBrowserMedia(),
      ...this.hardware,
      // The simulator does not check domains (like the official IDE's "ignore domain check").
      network: {
        allowDomains: ['*'],
        allowInsecureLoopback: true,
        type: this.networkCondition.type,
        // Throttled inside the log: the Network panel shows the time the app waited.
        fetch: this.network.instrumentFetch(throttle(this.options.proxyToken ? proxyFetch(this.options.proxyToken) : (input, init) => globalThis.fetch(input, init), () => this.networkCondition)),
        webSocket: this.network.instrumentWebSocket(this.options.allowLoopback === false ? noLoopbackWebSocket : defaultWebSocket),
      },
      // my.cloud / Cloud: answered by the dev server's cloud emulator (the project's cloud folder).
      ...(this.options.proxyToken ? { cloud: serverCloud(this.options.proxyToken) } : {}),
      permissions: Object.fromEntries(PROMPTED_SCOPES.map((scope) => [scope, 'prompt' as const])),
      system: {
        ...(this.device.platform === 'android' ? { platform: 'Android' } : {}),
        screenWidth: width,
        screenHeight: height,
        windowWidth: width,
        windowHeight: transparent ? height : height - metrics.statusBarHeight - TITLE_BAR_HEIGHT,
        pixelRatio,
        statusBarHeight: metrics.statusBarHeight,
        titleBarHeight: TITLE_BAR_HEIGHT,
        safeArea: metrics.safeArea,
        isIphoneXSeries: this.device.platform !== 'android' && (this.device.homeIndicator ?? 0) > 0,
        model: this.device.name,
      },
    };
  }

  private startWorker(limits: Parameters<typeof createWorkerTransport>[0]['limits']) {
    const debug = this.options.debug === true;
    const url = this.options.workerUrl ?? (debug ? '/logic-worker-debug.js' : '/logic-worker.js');
    return createWorkerTransport({
      createWorker: () => new Worker(url, { type: 'module', name: debug ? 'mpk-logic (debug, unsandboxed)' : 'mpk-logic' }) as unknown as WorkerLike,
      wasm: this.options.wasm,
      baseLibrary: this.options.baseLibrary,
      // A fair-time share equal to its window is no share: time paused in the debugger is not the app's.
      limits: debug ? { ...limits, cpuMs: 1000, cpuWindowMs: 1000 } : limits,
      ...(debug
        ? {
            unresponsiveMs: Number.POSITIVE_INFINITY,
            // The bundle as the dev server serves it: DevTools fetches its source map beside it.
            scriptUrl: (filename: string) => new URL(`${this.assetBase}${filename}`, location.href).href,
          }
        : {}),
    });
  }

  private resolveAsset(url: string): string {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return url;
    // A package path: `/a/b.png`, `a/b.png`, `./a/b.png`; `../` never climbs out of the package.
    const path = new URL(url.replace(/^\/+/, ''), 'http://package/').pathname.replace(/^\//, '');
    return this.assetBase + path;
  }

  /** The page on top of the stack. */
  top(): PageInfo | undefined {
    return this.container?.currentPage();
  }
}

const defaultWebSocket: NonNullable<NonNullable<HostOptions['network']>['webSocket']> = (url, { protocols }) =>
  new WebSocket(url, protocols) as unknown as ReturnType<NonNullable<NonNullable<HostOptions['network']>['webSocket']>>;

/** The page's WebSocket without loopback hosts (the browser resolves names itself: only names and literals can be judged). */
const noLoopbackWebSocket: typeof defaultWebSocket = (url, options) => {
  const host = new URL(url).hostname;
  if (isLoopbackHost(host) || addressKind(host.replace(/^\[|\]$/g, '')) === 'loopback') {
    throw new Error(`mpk dev: ${host} is a loopback host; start mpk dev --allow-loopback to reach local services`);
  }
  return defaultWebSocket(url, options);
};
