/**
 * Fair time (ARCHITECTURE.md "The trust boundary": everything a mini-program does is bounded, timers
 * by platform clamps, virtual and real time always advancing). A mini-program's share of the host's
 * real time is bounded, not only each task: a host with a real clock running an app that keeps
 * itself busy — redirecting to its own page, a setData callback setting data again, two pages
 * bouncing between each other — stays responsive (its own timers keep firing), the app is throttled
 * and then terminated with a reason naming the CPU budget, and the next app in the process works.
 * On virtual time (the harness, `mpk run --wait`), 0 ms timers are clamped as browsers do, so time
 * moves, and a thousand of them end in bounded real time.
 */
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { build } from '@mpk/compiler';
import { createContainer, createMemoryStorage, HeadlessRenderer, type Container, type SandboxLimits } from '@mpk/runtime';
import { loadPackageFromDir } from '@mpk/runtime/node';
import { closeAll, launchProject, logLines, page, writeProject, type ProjectFiles } from '../support/project.ts';

afterAll(closeAll);

/** A host with a real clock (`createContainer`'s default): not the harness's virtual time. */
async function realClockApp(files: ProjectFiles, limits?: Partial<SandboxLimits>): Promise<{ container: Container; renderer: HeadlessRenderer; terminated: string[] }> {
  const dir = await writeProject(files);
  const built = await build(dir, { outDir: path.join(dir, 'dist') });
  expect(built.ok).toBe(true);
  const renderer = new HeadlessRenderer();
  const container = await createContainer({ pkg: await loadPackageFromDir(path.join(dir, 'dist')), renderer, host: { storage: createMemoryStorage() }, limits });
  const terminated: string[] = [];
  container.on('terminated', (reason) => terminated.push(reason));
  opened.push(container);
  return { container, renderer, terminated };
}

const opened: Container[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.destroy()));
});

/** The host's own 10 ms interval: how often it fired, against how often it should have. */
function heartbeat(): () => { beats: number; expected: number } {
  const started = performance.now();
  let beats = 0;
  const timer = setInterval(() => beats++, 10);
  return () => {
    clearInterval(timer);
    return { beats, expected: (performance.now() - started) / 10 };
  };
}

/** Waits on the host's own timers (so it also measures whether they still fire). */
function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  return new Promise((resolve) => {
    const check = (): void => {
      if (condition()) resolve(true);
      else if (performance.now() > end) resolve(false);
      else setTimeout(check, 20);
    };
    check();
  });
}

/** Launches without waiting for idle (these apps never are), then watches the host. */
async function runAbusive(app: Awaited<ReturnType<typeof realClockApp>>, withinMs: number) {
  const stop = heartbeat();
  const started = performance.now();
  void app.container.launch().catch(() => {
    // An app that never settles fails its launch's wait for idle: the point here is what follows.
  });
  const ended = await until(() => app.terminated.length > 0, withinMs);
  const elapsed = performance.now() - started;
  return { ended, elapsed, ...stop() };
}

const FAST: Partial<SandboxLimits> = { cpuMs: 250, cpuWindowMs: 500, cpuBurstMs: 250, maxThrottledWindows: 3 };

describe('a real-clock host running an app that keeps it busy', () => {
  it('a page that redirects to itself in onLoad: throttled, then terminated naming the budget (default limits); the host keeps firing its timers; the next app works', async () => {
    const app = await realClockApp({
      ...page('pages/index/index', { axml: '<view>loop</view>', js: `Page({ onLoad() { my.redirectTo({ url: '/pages/index/index' }); } });` }),
    });
    const run = await runAbusive(app, 15_000);
    expect(run.ended).toBe(true);
    // 1 s of burst, then 500 ms per 1000 ms, terminated after five throttled windows.
    expect(run.elapsed).toBeLessThan(12_000);
    expect(app.terminated).toEqual([expect.stringMatching(/more than its share of the host's time: it wanted more than its CPU budget of 500 ms per 1000 ms for 5 windows in a row/)]);
    expect(app.container.isTerminated).toBe(true);
    // Without fair time the redirect loop runs in microtasks and the host's timers never fire again.
    expect(run.beats).toBeGreaterThan(run.expected * 0.3);

    const next = await realClockApp({
      ...page('pages/index/index', { axml: '<view id="n" onTap="add">{{n}}</view>', js: `Page({ data: { n: 0 }, add() { this.setData({ n: this.data.n + 1 }); } });` }),
    });
    await next.container.launch();
    next.renderer.tap('#n');
    await next.container.waitForIdle();
    expect(next.container.instanceData(next.container.currentPage()!.id)).toEqual({ n: 1 });
    expect(next.terminated).toEqual([]);
  });

  it('a setData callback that sets data again, for ever: terminated within seconds', async () => {
    const app = await realClockApp(
      {
        ...page('pages/index/index', {
          axml: '<view>{{n}}</view>',
          js: `Page({ data: { n: 0 }, onLoad() { this.step(); }, step() { this.setData({ n: this.data.n + 1 }, () => this.step()); } });`,
        }),
      },
      FAST,
    );
    const run = await runAbusive(app, 10_000);
    expect(run.ended).toBe(true);
    expect(app.terminated[0]).toMatch(/CPU budget of 250 ms per 500 ms for 3 windows in a row/);
    expect(run.elapsed).toBeLessThan(8000);
  });

  it('a navigation storm (two pages bouncing with navigateTo / navigateBack): terminated', async () => {
    const app = await realClockApp(
      {
        'app.json': { pages: ['pages/index/index', 'pages/other/other'] },
        ...page('pages/index/index', { axml: '<view>a</view>', js: `Page({ onShow() { my.navigateTo({ url: '/pages/other/other' }); } });` }),
        ...page('pages/other/other', { axml: '<view>b</view>', js: `Page({ onLoad() { my.navigateBack(); } });` }),
      },
      FAST,
    );
    const errors: string[] = [];
    app.container.on('error', (e) => errors.push(`${e.kind}: ${e.message}`));
    const run = await runAbusive(app, 10_000);
    expect(run.ended).toBe(true);
    expect(errors.at(-1)).toMatch(/^terminated: .*CPU budget of 250 ms per 500 ms/);
    // Without fair time the routes chain through microtasks and the host's timers hardly fire.
    expect(run.beats).toBeGreaterThan(run.expected * 0.2);
  });
});

describe('timers on virtual time (the harness, mpk run --wait)', () => {
  it('a setTimeout(fn, 0) chain is clamped to 4 ms after five nested levels: virtual time moves', async () => {
    const app = await launchProject(
      {
        ...page('pages/index/index', {
          axml: '<view id="n">{{n}}</view>',
          js: `let n = 0; const t0 = Date.now(); Page({ onLoad() { const tick = () => { n++; if (n === 6 || n === 16) console.log(n + ' at +' + (Date.now() - t0)); setTimeout(tick, 0); }; setTimeout(tick, 0); } });`,
        }),
      },
      { startTime: 0 },
    );
    await app.advanceTime(40);
    // Six at virtual 0 ms (nesting levels 1–6), then one every 4 ms.
    expect(logLines(app)).toEqual(['6 at +0', '16 at +40']);
  });

  // 1,000 setInterval(fn, 0) on virtual time (the clamp and maxTimers together, the host still
  // answering): test/security/survival.test.ts.
});
