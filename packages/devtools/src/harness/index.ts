/**
 * The test harness for mini-program authors: launch a whole mini-program (pages, components,
 * getApp, routing, storage, JSAPI) headless inside a vitest test and drive it like a user.
 *
 *   const app = await launch('path/to/project', { mocks: { getLocation: { latitude: '30', longitude: '120' } } });
 *   const page = app.currentPage();
 *   await page.tap('#add');
 *   expect(page.data.todos).toHaveLength(1);
 *   expect(page.html()).toContain('Buy milk');
 *   await app.close();
 */

import {
  builtinApis, createApiMocks, createHeadlessPickers, createHeadlessUpdates, createMemoryFileStore, createMemoryStorage,
  type ApiMocks, type FileStore, type HeadlessNode, type HeadlessPickerAnswers, type HeadlessPickers, type HeadlessUpdates, type HostOptions, type MockCall, type PageInfo,
} from '@mpk/runtime';
import type { CanvasRecording } from '@mpk/runtime';
import type { DevEvaluation, NetworkType, RouteOp } from '@mpk/runtime';
import {
  createScriptedScanner, createSimulatedBluetooth, createSimulatedScreen, createSimulatedSensors,
  type ScanAnswer, type ScriptedScanner, type SimulatedBluetooth, type SimulatedPeripheralSpec, type SimulatedScreen, type SimulatedSensors,
} from '@mpk/runtime';
import { createHeadlessMaps, createHeadlessMedia, type HeadlessMaps, type HeadlessMapsAnswers, type HeadlessMedia, type HeadlessMediaScript, type MapModel, type VideoState } from '@mpk/runtime';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCloudEmulator, type CloudEmulator, type CloudEmulatorOptions } from '../cloud/index.ts';
import type { CloudAdapter } from '../cloud/types.ts';
import { Session, type SessionOptions } from '../headless/session.ts';

export { BuildFailedError } from '../headless/session.ts';

export interface LaunchOptions extends SessionOptions {
  /**
   * JSAPI mocks by API name: a fixed result (fields it leaves out come from the schema's example), a function of
   * the arguments, or `{ $fail: { error, errorMessage } }`. Mocked APIs keep their argument validation (the same
   * schemas as the real ones), record their calls, and answer without a permission check.
   */
  mocks?: Record<string, unknown>;
  /** Storage the app finds at launch (key → value). */
  storage?: Record<string, unknown>;
  /**
   * The scripted audio players and recorder (`app.media`): durations and failures per src. No sound; playback time
   * moves only with `app.advanceMedia(seconds)`. Ignored when `host.media` is given.
   */
  media?: HeadlessMediaScript;
  /** What the user picks in my.chooseLocation (a place, a function of the request, `null` = cancel); `app.maps.calls` records it and my.openLocation. */
  maps?: HeadlessMapsAnswers;
  /**
   * Files the app finds at launch: virtual path (`https://usr/notes/a.txt`, `https://resource/apml1.image` for a
   * temporary file) → text (UTF-8) or bytes; their directories are made. In `host.files` if given, else in memory.
   */
  files?: Record<string, string | Uint8Array>;
  /**
   * What the user answers in the pickers (my.datePicker, multiLevelSelect, optionsSelect, regionPicker, chooseCity):
   * a value, a function of the request, or `null` (the user cancelled). Unscripted pickers answer what a user who
   * presses OK at once would choose. `app.pickers.calls` records what was asked; `app.pickers.answers` changes the
   * script mid-test. Ignored when `host.pickers` is given.
   */
  pickers?: HeadlessPickerAnswers;
  /**
   * The cloud service behind `my.cloud` / `Cloud`: `'emulator'` runs the local emulator on the project's
   * cloud folder with a fresh data directory removed on close; emulator options (`{ dataDir }` to keep
   * data across launches, limits…) run it with those; a `CloudAdapter` is used as it is (a real backend,
   * `createMemoryCloud()`). `host.cloud`, when given, wins. Default: none (every cloud call fails with 12).
   */
  cloud?: 'emulator' | CloudEmulatorOptions | CloudAdapter;
  /**
   * The simulated phone's hardware (`app.device`): Bluetooth peripherals in range (a scripted BLE device a test
   * drives: `app.device.bluetooth.peripheral(id).notify(…)`), whether Bluetooth is on, the screen's brightness and
   * what the camera scans (`my.scan`: codes in order, `null` = the user closed the scanner). Sensors report what the
   * test emits (`app.device.sensors.emit('compass', { direction: 90 })`). Each is replaced by its `host.*` adapter.
   */
  device?: { peripherals?: SimulatedPeripheralSpec[]; bluetoothOn?: boolean; brightness?: number; scans?: ScanAnswer[] };
}

/** The simulated hardware of a harness app (see `LaunchOptions.device`). */
export interface SimulatedDevice {
  bluetooth: SimulatedBluetooth;
  sensors: SimulatedSensors;
  screen: SimulatedScreen;
  scanner: ScriptedScanner;
}

function simulatedDevice(script: LaunchOptions['device'] = {}): SimulatedDevice {
  return {
    bluetooth: createSimulatedBluetooth({ peripherals: script.peripherals, powered: script.bluetoothOn }),
    sensors: createSimulatedSensors(),
    screen: createSimulatedScreen({ brightness: script.brightness }),
    scanner: createScriptedScanner(script.scans ?? []),
  };
}

/**
 * `projectDir`: the project directory, as a path or a `file:` URL (`new URL('..', import.meta.url)` from a
 * test in the project's `test/` folder needs no Node types).
 */
export async function launch(projectDir: string | URL, options: LaunchOptions = {}): Promise<MiniApp> {
  const project = typeof projectDir === 'string' ? projectDir : fileURLToPath(projectDir);
  const mockNames = Object.keys(options.mocks ?? {});
  const unknown = mockNames.filter((name) => !builtinApis().some((api) => api.name === name) && !options.host?.apis?.[name]);
  if (unknown.length > 0) throw new Error(`mocks for unknown APIs: ${unknown.join(', ')} (declare custom ones in host.apis)`);
  const mockable = [
    ...builtinApis().filter((api) => mockNames.includes(api.name)),
    ...Object.entries(options.host?.apis ?? {})
      .filter(([name]) => mockNames.includes(name))
      .map(([name, def]) => ({ ...def, name })),
  ];
  const mocks = createApiMocks(mockable, options.mocks as Record<string, never>);
  const storage = options.host?.storage ?? createMemoryStorage();
  // A mock stands in for the whole API, permission prompt included (simulate a denial with `$fail`).
  const mockedApis = Object.fromEntries(Object.entries(mocks.apis).map(([name, { scope: _scope, ...def }]) => [name, def]));
  const files = options.host?.files ?? createMemoryFileStore();
  const pickers = createHeadlessPickers(options.pickers);
  const media = createHeadlessMedia(options.media);
  const maps = createHeadlessMaps(options.maps);
  const updates = createHeadlessUpdates();
  const cloud = options.host?.cloud ? { adapter: options.host.cloud } : await harnessCloud(project, options.cloud);
  const device = simulatedDevice(options.device);
  const host: HostOptions = { pickers, updates, media, maps, ...device, ...(cloud.adapter ? { cloud: cloud.adapter } : {}), ...options.host, storage, files, apis: { ...options.host?.apis, ...mockedApis } };
  const session = await Session.open(project, {
    ...options,
    host,
    beforeLaunch: (container) => {
      // Stored the way my.setStorage stores: the JSON text of the value, under this app's id.
      for (const [key, value] of Object.entries(options.storage ?? {})) storage.set(container.appId, key, JSON.stringify(value));
      for (const [path, content] of Object.entries(options.files ?? {})) seedFile(files, container.appId, path, content);
    },
  });
  const app = new MiniApp(session, mocks, files, pickers, updates, media, maps);
  app.device = device;
  app.cloud = cloud.adapter;
  if (cloud.close) app.onClose(cloud.close);
  return app;
}

/** The cloud adapter `launch` was asked for, and what closing the app must do with it. */
async function harnessCloud(project: string, cloud: LaunchOptions['cloud']): Promise<{ adapter?: CloudAdapter; close?: () => Promise<void> }> {
  if (cloud === undefined) return {};
  if (typeof cloud === 'object' && 'request' in cloud && typeof cloud.request === 'function') return { adapter: cloud };
  const options = cloud === 'emulator' ? {} : (cloud as CloudEmulatorOptions);
  const fresh = options.dataDir === undefined ? await mkdtemp(path.join(os.tmpdir(), 'mpk-cloud-')) : undefined;
  const emulator: CloudEmulator = await createCloudEmulator({ projectDir: project, ...options, ...(fresh ? { dataDir: fresh } : {}) });
  return {
    adapter: emulator,
    close: async () => {
      await emulator.close();
      if (fresh) await rm(fresh, { recursive: true, force: true });
    },
  };
}

/** Writes a file and the directories on its way (under https://usr). */
function seedFile(files: FileStore, appId: string, path: string, content: string | Uint8Array): void {
  const match = /^(https:\/\/[a-z]+)((?:\/[^/]+)*)\/[^/]+$/.exec(path);
  if (!match) throw new Error(`launch: files: ${JSON.stringify(path)} is not a virtual file path (https://usr/…)`);
  let dir = match[1]!;
  for (const segment of match[2]!.split('/').filter(Boolean)) {
    dir += `/${segment}`;
    if (!files.stat(appId, dir)) files.mkdir(appId, dir);
  }
  files.write(appId, path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
}

export class MiniApp {
  constructor(
    /** The underlying headless session (container, renderer, clock). */
    readonly session: Session,
    /** Calls to mocked APIs, and `respond`/`fail` to change their answers mid-test. */
    readonly mocks: ApiMocks,
    /** The app's file store (`host.files`, or the harness's memory store). */
    readonly files: FileStore = createMemoryFileStore(),
    /** The scripted pickers (unused when the test gave `host.pickers`): `calls` asked, `answers` to script. */
    readonly pickers: HeadlessPickers = createHeadlessPickers(),
    /** The update service behind my.getUpdateManager: `applied` lists the app's applyUpdate calls. */
    readonly updates: HeadlessUpdates = createHeadlessUpdates(),
    /** The scripted audio players and recorder (unused when the test gave `host.media`). */
    readonly media: HeadlessMedia = createHeadlessMedia(),
    /** The scripted place picker and map screen (unused when the test gave `host.maps`): `calls`, `answers`, `opened()`. */
    readonly maps: HeadlessMaps = createHeadlessMaps(),
  ) {}

  /**
   * `seconds` of playback pass: playing audio players move (onTimeUpdate, onEnded), a recording grows (and stops at
   * its duration), and the shown page's playing `<video>`s move (their onTimeUpdate / onEnded).
   */
  async advanceMedia(seconds: number): Promise<void> {
    this.media.advance(seconds);
    this.session.renderer.advanceVideo(seconds);
    await this.session.container.waitForIdle();
  }

  /** The simulated hardware (Bluetooth peripherals, sensors, screen, scanner) unless the test gave its `host.*` adapters. */
  device: SimulatedDevice = simulatedDevice();

  /** The cloud service behind my.cloud / Cloud (`launch({ cloud })`), if any. */
  cloud: CloudAdapter | undefined;

  private readonly closers: (() => Promise<void>)[] = [];

  /** Runs `fn` after the app closed (what launch opened for it: the cloud emulator). */
  onClose(fn: () => Promise<void>): void {
    this.closers.push(fn);
  }

  /** The update check finished (UpdateManager.onCheckForUpdate listeners hear `{ hasUpdate }`). */
  checkForUpdate(hasUpdate: boolean): Promise<void> {
    return this.emit('UpdateManager.CheckForUpdate', { hasUpdate });
  }

  /** A new version was downloaded (UpdateManager.onUpdateReady); the app may call applyUpdate(). */
  updateReady(): Promise<void> {
    return this.emit('UpdateManager.UpdateReady');
  }

  /** Downloading the new version failed (UpdateManager.onUpdateFailed). */
  updateFailed(): Promise<void> {
    return this.emit('UpdateManager.UpdateFailed');
  }

  /** A file the app has (what my.getFileSystemManager() wrote, a download…) as UTF-8 text, or undefined. */
  readFile(path: string): string | undefined {
    const data = this.files.read(this.session.container.appId, path);
    return data && new TextDecoder().decode(data);
  }

  /** The page on top of the stack. */
  currentPage(): MiniPage {
    const info = this.session.container.currentPage();
    if (!info) throw new Error('no page is open');
    return new MiniPage(this, info);
  }

  /** The page stack, bottom → top. */
  pages(): MiniPage[] {
    return this.session.container.pages().map((info) => new MiniPage(this, info));
  }

  /** UI calls the app made (toasts, modals, action sheets…), in order. */
  get uiCalls(): ReadonlyArray<{ api: string; args: unknown }> {
    return this.session.ui.calls;
  }

  /** Calls of mocked JSAPIs, in order. */
  get apiCalls(): readonly MockCall[] {
    return this.mocks.calls;
  }

  /** Errors from mini-program code (source-mapped to the author's files). */
  get errors(): ReadonlyArray<{ kind: string; message: string; stack?: string }> {
    return this.session.errors;
  }

  get logs(): ReadonlyArray<{ level: string; args: unknown[] }> {
    return this.session.logs;
  }

  /** Lets `ms` milliseconds of the app's timers run. */
  /** What offscreen canvas `n` (the app's n-th my.createOffscreenCanvas, from 1) drew, as `page.canvas()` reports it. */
  offscreenCanvas(n: number): CanvasRecording {
    return this.session.renderer.canvas({ offscreen: n });
  }

  advanceTime(ms: number): Promise<void> {
    return this.session.advanceTime(ms);
  }

  /** Routes as a user would (back button, tab bar, a link). */
  navigate(op: RouteOp, args: { url?: string; delta?: number } = {}): Promise<void> {
    return this.session.container.navigate(op, args);
  }

  navigateBack(delta = 1): Promise<void> {
    return this.navigate('navigateBack', { delta });
  }

  switchTab(url: string): Promise<void> {
    return this.navigate('switchTab', { url });
  }

  /** Sends the app to the background and back (`onHide` / `onShow`). */
  async hide(): Promise<void> {
    this.session.container.hide();
    await this.session.container.waitForIdle();
  }

  async show(): Promise<void> {
    this.session.container.show();
    await this.session.container.waitForIdle();
  }

  /** Delivers a host event to `my.on(name)` listeners. */
  async emit(name: string, data?: unknown): Promise<void> {
    this.session.container.emitHostEvent(name, data);
    await this.session.container.waitForIdle();
  }

  /**
   * The device's network changes: `my.getNetworkType` answers `type`, `my.onNetworkStatusChange`
   * listeners hear it, and `'NOTREACHABLE'` makes network calls fail with the network error (offline).
   */
  async setNetworkType(type: NetworkType): Promise<void> {
    this.session.container.setNetworkType(type);
    await this.session.container.waitForIdle();
  }

  /**
   * What the simulator's Console input does: evaluates `expression` in the app's logic layer (inside
   * the sandbox, under its limits), then waits for what it caused to render. Never rejects: a throw,
   * the CPU deadline or the heap limit come back as `{ ok: false, kind, message }`.
   */
  async evaluate(expression: string): Promise<DevEvaluation> {
    const result = await this.session.container.devEvaluate(expression);
    await this.session.container.waitForIdle();
    return result;
  }

  async close(): Promise<void> {
    await this.session.close();
    for (const fn of this.closers.splice(0)) await fn();
  }
}

export class MiniPage {
  readonly id: number;
  readonly route: string;
  readonly query: Record<string, string>;

  constructor(
    private readonly app: MiniApp,
    info: PageInfo,
  ) {
    this.id = info.id;
    this.route = info.route;
    this.query = info.query;
  }

  /** The page's data as the view has it (what setData delivered). */
  get data(): Readonly<Record<string, any>> {
    return this.app.session.container.instanceData(this.id) ?? {};
  }

  /** The custom component instances on this page with their data and props, as a tree. */
  components(): ReturnType<MiniApp['session']['container']['instanceTree']> {
    return this.app.session.container.instanceTree(this.id);
  }

  /** The rendered page as HTML-like text. */
  html(): string {
    const root = this.app.session.renderer.page(this.id);
    return root ? this.app.session.renderer.serialize(root, { indent: true }) : '';
  }

  querySelector(selector: string): HeadlessNode | null {
    return this.app.session.querySelector(selector, this.id);
  }

  querySelectorAll(selector: string): HeadlessNode[] {
    return this.app.session.querySelectorAll(selector, this.id);
  }

  /**
   * What the first `<canvas>` matching `selector` drew: headless, a recording — `calls` (`{ method, args }`
   * and `{ property, value }` in order since the canvas was last cleared), `width`/`height`, `draws`.
   */
  canvas(selector: string): CanvasRecording {
    const node = this.querySelector(selector);
    if (!node) throw new Error(`${this.route}: nothing matches "${selector}"`);
    return this.app.session.renderer.canvas(node);
  }

  /** The text content of the first node matching `selector` ('' when none). */
  text(selector: string): string {
    const node = this.querySelector(selector);
    return node ? this.app.session.renderer.text(node) : '';
  }

  tap(selector: string): Promise<void> {
    return this.fire(selector, 'tap');
  }

  input(selector: string, value: string): Promise<void> {
    return this.fire(selector, 'input', { value, cursor: value.length });
  }

  /** A `<video>`'s player state (playing, currentTime, muted, playbackRate, fullScreen…). */
  video(selector: string): VideoState {
    const state = this.querySelector(selector)?.video;
    if (!state) throw new Error(`${this.route}: no <video> matches "${selector}"`);
    return state;
  }

  /** A `<map>`'s state: centre, scale, markers, polylines, circles (what MapContext answers from). */
  map(selector: string): MapModel {
    const state = this.querySelector(selector)?.map;
    if (!state) throw new Error(`${this.route}: no <map> matches "${selector}"`);
    return state;
  }

  /** Taps marker `markerId` of a `<map>` (its onMarkerTap gets `{ markerId, latitude, longitude }`). */
  async tapMarker(selector: string, markerId: number): Promise<void> {
    const node = this.querySelector(selector);
    if (!node?.map) throw new Error(`${this.route}: no <map> matches "${selector}"`);
    this.app.session.renderer.tapMarker(node, markerId);
    await this.app.session.container.waitForIdle();
  }

  /**
   * There is no layout headless: says that `ratio` (0–1) of every node matching `selector` is in view now, as a
   * scroll would. IntersectionObserver callbacks following those nodes run when it crosses one of their
   * thresholds. Resolves with the number of entries reported, once the app is idle.
   */
  async setIntersection(selector: string, ratio: number): Promise<number> {
    const reported = this.app.session.renderer.setIntersection(this.id, selector, ratio);
    await this.app.session.container.waitForIdle();
    return reported;
  }

  /** Fires any event type (`longTap`, `change` with `{ value }`, `submit`…) at the first node matching `selector`. */
  fire(selector: string, type: string, detail?: unknown): Promise<void> {
    return this.app.session.fire(selector, type, detail, this.id);
  }

  /** Page-level user actions. */
  async pullDownRefresh(): Promise<void> {
    await this.pageEvent('onPullDownRefresh', { from: 'manual' });
  }

  async reachBottom(): Promise<void> {
    await this.pageEvent('onReachBottom');
  }

  async scrollTo(scrollTop: number): Promise<void> {
    await this.pageEvent('onPageScroll', { scrollTop });
  }

  /**
   * Shares this page as the user would from the share menu (or `from: 'button' | 'code'`): resolves
   * with what its `onShareAppMessage` returned (`content`), undefined when it did not answer.
   */
  async share(from: 'menu' | 'button' | 'code' = 'menu'): Promise<Record<string, unknown> | undefined> {
    const shared = await this.app.session.container.share({ pageId: this.id, from });
    return shared?.content;
  }

  private async pageEvent(name: string, arg?: unknown): Promise<void> {
    if (this.app.session.container.currentPage()?.id !== this.id) throw new Error(`${this.route} is not the page on top`);
    this.app.session.container.pageEvent(name, arg);
    await this.app.session.container.waitForIdle();
  }
}
