/**
 * A headless run of a whole mini-program: build it if given a project, launch it in a container
 * with the headless renderer and a manual clock, act on it, read what it rendered. `mpk run` and
 * the author test harness (`@mpk/devtools/harness`) are both thin layers over this.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '@mpk/compiler';
import { cachedBuild } from './build-cache.ts';
import { terminalDiagnostic } from '../output/terminal.ts';
import { createContainer, type Container, type ContainerError, type ContainerOptions, type LaunchRequest, type PackageSource } from '@mpk/runtime';
import { loadPackageFromDir } from '@mpk/runtime/node';
import { IdleTimeoutError } from '@mpk/runtime';
import { HeadlessRenderer, ManualClock, RingLog, createMemoryStorage, createHeadlessUi, type HeadlessNode, type HostOptions, type HeadlessUiAnswers as UiAnswers } from '@mpk/runtime';

export interface SessionOptions {
  /** Page to open, with an optional page query for `onLoad` (`pages/detail/detail?id=3`); default: the entry page. */
  page?: string;
  /**
   * Where virtual time starts, in ms since the epoch (`Date.now()` inside the app); default the
   * wall-clock time when the session opens. Pass a fixed instant for tests that assert dates.
   */
  startTime?: number;
  /** The app's launch query (`App.onLaunch(options).query`), separate from the page's. */
  query?: Record<string, string>;
  /** The launch scene (`App.onLaunch(options).scene`, `my.getLaunchOptionsSync().scene`). */
  scene?: number;
  /** Who opened the app (`options.referrerInfo`). */
  referrerInfo?: LaunchRequest['referrerInfo'];
  /** Host capabilities; storage defaults to a fresh in-memory store, UI to the recording adapter. */
  host?: HostOptions;
  /** How the recording UI adapter answers prompts (confirm → OK, action sheet → index…). */
  ui?: UiAnswers;
  /** The id storage is kept under (default: a fresh random id per session, so nothing persists across sessions). */
  appId?: string;
  /** Run alongside another live session with the same appId on the same storage (a relaunch test keeps the first open). */
  shareStorage?: boolean;
  /** Run only packages signed by one of these keys (see the runtime's `trust`). */
  trust?: ContainerOptions['trust'];
  limits?: ContainerOptions['limits'];
  logic?: ContainerOptions['logic'];
  /**
   * How long every wait for idle may take before it fails with an `IdleTimeoutError` naming what keeps the
   * app busy: `batches` crossing the bridge (default 10 000) and `ms` of real time (default 10 000), and for
   * `advanceTime`, `firings` of timers in a row at one virtual instant (default 1000: nested 0 ms timers are
   * clamped to 4 ms, but one re-armed from a JSAPI callback or an event each time never lets virtual time move).
   */
  idle?: ContainerOptions['idle'] & { firings?: number };
  /** Runs after the container is created and before launch (to preset storage, listen to events…). */
  beforeLaunch?: (container: Container) => void | Promise<void>;
}

const DEFAULT_FIRINGS = 1000;
/** What a session keeps of the app's errors and console output (an app logging in a loop must not grow the host). */
const MAX_ERRORS = 1000;
const MAX_LOGS = 10_000;

export class BuildFailedError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    // Printed by vitest for `mpk test`, by `mpk run`: the project's text is made terminal-safe.
    super(`the project has errors:\n${diagnostics.map((d) => formatDiagnostic(terminalDiagnostic(d))).join('\n')}`);
    this.name = 'BuildFailedError';
  }
}

export class Session {
  /** Errors from mini-program code (source-mapped), in the order they happened: the latest 1000 (`errors.dropped` counts the rest). */
  readonly errors = new RingLog<ContainerError>(MAX_ERRORS);
  /** Console output of the app: the latest 10,000 entries (`logs.dropped` counts the rest). */
  readonly logs = new RingLog<{ level: string; args: unknown[] }>(MAX_LOGS);

  private constructor(
    readonly container: Container,
    readonly renderer: HeadlessRenderer,
    readonly clock: ManualClock,
    readonly ui: ReturnType<typeof createHeadlessUi>,
    /** Timer firings in a row at one virtual instant before `advanceTime` gives up. */
    private readonly firings: number,
  ) {
    container.on('error', (error) => this.errors.push(error));
    container.on('log', (entry) => this.logs.push(entry));
  }

  static async open(target: string | PackageSource, options: SessionOptions = {}): Promise<Session> {
    const pkg = typeof target === 'string' ? await preparePackage(target) : target;
    const renderer = new HeadlessRenderer();
    // Virtual time starts at the wall-clock time of the session (or the given instant): apps
    // compute "this year" or "today" and must not find themselves in January 1970.
    const clock = new ManualClock(options.startTime ?? Date.now());
    const ui = createHeadlessUi(options.ui);
    const host: HostOptions = { storage: createMemoryStorage(), ...options.host, ui: options.host?.ui ?? ui };
    const container = await createContainer({
      pkg,
      renderer,
      clock,
      host,
      appId: options.appId,
      shareStorage: options.shareStorage,
      trust: options.trust,
      limits: options.limits,
      logic: options.logic,
      idle: options.idle && { batches: options.idle.batches, ms: options.idle.ms },
    });
    const session = new Session(container, renderer, clock, ui, options.idle?.firings ?? DEFAULT_FIRINGS);
    await options.beforeLaunch?.(container);
    try {
      await container.launch({ path: options.page, query: options.query, scene: options.scene, referrerInfo: options.referrerInfo });
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  /** The root of page `pageId`, or of the shown page. */
  private root(pageId?: number): HeadlessNode | undefined {
    return pageId === undefined ? this.renderer.currentPage() : this.renderer.page(pageId);
  }

  /** The node matching `selector` anywhere in the page (custom components included), or null. Default: the shown page. */
  querySelector(selector: string, pageId?: number): HeadlessNode | null {
    const root = this.root(pageId);
    return root ? this.renderer.querySelector(selector, root) : null;
  }

  querySelectorAll(selector: string, pageId?: number): HeadlessNode[] {
    const root = this.root(pageId);
    return root ? this.renderer.querySelectorAll(selector, root) : [];
  }

  /** Taps the first node matching `selector`, then waits until logic and view are idle. */
  async tap(selector: string): Promise<void> {
    await this.fire(selector, 'tap');
  }

  /** Types `value` into an input/textarea: an `input` event with `{ value, cursor }`. */
  async input(selector: string, value: string): Promise<void> {
    await this.fire(selector, 'input', { value, cursor: value.length });
  }

  /** Fires any event type at the first node matching `selector` (on page `pageId`, default the shown page), then waits until idle. */
  async fire(selector: string, type: string, detail?: unknown, pageId?: number): Promise<void> {
    const node = this.querySelector(selector, pageId);
    if (!node) {
      const route = pageId === undefined ? this.container.currentPage()?.route : this.container.pages().find((p) => p.id === pageId)?.route;
      throw new Error(`no node matches ${JSON.stringify(selector)} on ${route ?? 'the page'}`);
    }
    this.renderer.dispatch(node, type, detail);
    await this.container.waitForIdle();
  }

  /** Lets `ms` milliseconds of timers run, in order, waiting for idle after each. */
  async advanceTime(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    let instant = this.clock.now();
    let firings = 0;
    for (;;) {
      const next = this.clock.nextDue();
      // A terminated app runs nothing more: the rest of the time passes at once.
      if (next === undefined || next > end || this.container.isTerminated) break;
      // Virtual time must move: timers that keep falling due at the same instant would spin for ever.
      firings = next === instant ? firings + 1 : 1;
      instant = next;
      if (firings > this.firings) {
        throw new IdleTimeoutError(
          `the mini-program's timers kept firing at virtual time ${next} ms: more than ${this.firings} in a row without time advancing (a 0 ms timer re-armed from a JSAPI callback or an event?)`,
          [{ what: 'timer', count: firings }],
        );
      }
      this.clock.advance(next - this.clock.now());
      await this.container.waitForIdle();
    }
    this.clock.advance(end - this.clock.now());
    await this.container.waitForIdle();
  }

  /** The shown page's rendered tree as HTML-like text. */
  html(): string {
    const root = this.renderer.currentPage();
    return root ? this.renderer.serialize(root, { indent: true }) : '';
  }

  async close(): Promise<void> {
    await this.container.destroy();
  }
}

/** The package for `target`: itself when it is a built package directory, else an in-memory build (cached per content). */
async function preparePackage(target: string): Promise<PackageSource> {
  if (existsSync(path.join(target, 'manifest.json'))) return loadPackageFromDir(target);
  if (!existsSync(path.join(target, 'app.json')) && !existsSync(path.join(target, 'mini.project.json'))) {
    throw new Error(`${target} is neither a mini-program project (no app.json) nor a built package (no manifest.json)`);
  }
  const result = await cachedBuild(target);
  if (!result.ok || !result.source) throw new BuildFailedError(result.diagnostics.filter((d) => d.severity === 'error'));
  return result.source;
}
