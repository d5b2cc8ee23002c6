/**
 * Runtime benchmark: the app in `bench/runtime/app` (a 1,000-row list page, the same list with one
 * custom component per row, a detail page), built once, run in whole containers with the headless
 * renderer. Every case runs with the logic layer in QuickJS (ours) and in `node:vm` (the baseline:
 * same package, same base library, same bridge and view engine, V8 instead of QuickJS, without
 * vm's per-call deadline watchdog — see `logicOf`), the two engines interleaved sample by sample
 * so machine noise hits both alike. Rows give wall-clock figures; notes repeat them in CPU time,
 * which a busy machine inflates much less.
 *
 * Latencies run from the user's action (a tap dispatched on the headless renderer, or
 * `createContainer()` for a launch) to the renderer having applied the last batch of operations
 * the action caused (`TimedRenderer.lastApply`, read after the container is idle), or to the
 * page's `ready` event for launches and navigation. Memory is measured in child processes
 * (`memory-probe.ts`) so earlier cases and the other engine don't pollute the figures.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContainer, createMemoryStorage, createQuickJsTransport, createVmTransport, type Container, type HeadlessNode, type PackageSource } from '@mpk/runtime';
import { CORPUS_DIR } from '../../test/corpus/support.ts';
import type { BenchRow, BenchSuite } from '../types.ts';
import { runFreshProbe } from './fresh-client.ts';
import { runMemoryProbe, type MemoryProbeResult } from './memory-client.ts';
import { poolCases } from './pool.ts';
import { BENCH_LIMITS, buildInMemory, ENGINES, interleaved, logicOf, mark, median, quantile, since, TimedRenderer, writePackage, type Engine, type Sample } from './support.ts';

const BASELINE_LABEL = 'node:vm';

const APP_DIR = fileURLToPath(new URL('./app', import.meta.url));
const LIST = 'pages/list/list';
const CARDS = 'pages/cards/cards';
const DETAIL = 'pages/detail/detail';

/** Samples per engine. Warm-up samples are taken first and dropped. */
const RUNS = {
  warmup: 5,
  boot: 30,
  launch: 25,
  launchCards: 10,
  taps: 300,
  updateAll: 30,
  navigate: 25,
  openCards: 8,
  cardTaps: 200,
  cardUpdateAll: 10,
  freshProcess: 5,
  corpusLaunch: 10,
  corpusOpen: 10,
  corpusTaps: 100,
};

/** Live containers per memory probe: the per-container slope over `first`, the check up to `total`. */
const MEMORY = {
  small: { first: 100, total: 400 },
  list: { first: 20, total: 60 },
};

interface Running {
  container: Container;
  renderer: TimedRenderer;
  /** createContainer() → the page's `ready` (its whole first render applied). */
  firstRender: Sample;
  /** createContainer() → launch() resolved (the container idle). */
  launched: Sample;
}

async function launchApp(pkg: PackageSource, logic: Engine, page: string): Promise<Running> {
  const renderer = new TimedRenderer();
  let ready: Sample | undefined;
  const start = mark();
  const container = await createContainer({ pkg, renderer, logic: logicOf(logic), limits: BENCH_LIMITS, host: { storage: createMemoryStorage() } });
  container.on('page', (event) => {
    if (event.type === 'ready' && ready === undefined) ready = mark();
  });
  const errors: string[] = [];
  container.on('error', (error) => errors.push(error.message));
  await container.launch({ path: page });
  const launched = since(start);
  if (ready === undefined || errors.length > 0) throw new Error(`benchmark app failed to launch on ${logic}: ${errors[0] ?? 'no ready event'}`);
  return { container, renderer, firstRender: since(start, ready), launched };
}

/** Time from `act()` to the last batch the renderer applied because of it (once the container is idle). */
async function renderedAfter(run: Running, act: () => void): Promise<Sample> {
  const start = mark();
  act();
  await run.container.waitForIdle();
  if (run.renderer.lastApply.wall < start.wall) throw new Error('the action rendered nothing: the benchmark app is broken');
  return since(start, run.renderer.lastApply);
}

/** Time from `act()` to the `ready` event of the page it opens. */
async function pageReadyAfter(run: Running, route: string, act: () => void | Promise<void>): Promise<Sample> {
  let ready: Sample | undefined;
  const onPage = (event: { type: string; page: { route: string } }): void => {
    if (event.type === 'ready' && event.page.route === route && ready === undefined) ready = mark();
  };
  run.container.on('page', onPage);
  const start = mark();
  await act();
  await run.container.waitForIdle();
  run.container.off('page', onPage);
  if (ready === undefined) throw new Error(`${route} never became ready`);
  return since(start, ready);
}

/** A row of wall-clock figures; the note adds the same statistic in CPU time. */
function row(name: string, samples: Record<Engine, Sample[]>, pick: (values: number[]) => number, goal?: { text: string; limit: number }, note?: string): BenchRow {
  const wall = (engine: Engine): number => pick(samples[engine].map((s) => s.wall));
  const cpu = (engine: Engine): number => pick(samples[engine].map((s) => s.cpu));
  const ours = wall('quickjs');
  const result: BenchRow = { case: name, ours, unit: 'ms', baseline: wall('vm'), baselineLabel: BASELINE_LABEL };
  if (goal) result.goal = { text: goal.text, met: ours < goal.limit };
  result.note = `CPU time ${cpu('quickjs').toFixed(2)} ms vs ${cpu('vm').toFixed(2)} ms (${samples.quickjs.length} samples per engine)${note ? `; ${note}` : ''}`;
  return result;
}

const p50 = (values: number[]): number => median(values);
const p99 = (values: number[]): number => quantile(values, 0.99);

async function launchCases(pkg: PackageSource): Promise<BenchRow[]> {
  const launchAndClose = (page: string) => {
    const idle: Record<Engine, number[]> = { quickjs: [], vm: [] };
    return {
      idle,
      sample: async (engine: Engine): Promise<Sample> => {
        const run = await launchApp(pkg, engine, page);
        idle[engine].push(run.launched.wall);
        await run.container.destroy();
        return run.firstRender;
      },
    };
  };
  const bootWith = (boot: 'source' | 'snapshot') =>
    interleaved(RUNS.boot, RUNS.warmup, async (engine) => {
      const start = mark();
      const transport = engine === 'quickjs' ? await createQuickJsTransport({ boot }) : await createVmTransport({ enforceDeadline: false });
      const sample = since(start);
      await transport.dispose();
      return sample;
    });
  const boot = await bootWith('source');
  const bootFromSnapshot = await bootWith('snapshot');
  const list = launchAndClose(LIST);
  const listSamples = await interleaved(RUNS.launch, RUNS.warmup, list.sample);
  const small = launchAndClose(DETAIL);
  const smallSamples = await interleaved(RUNS.launch, RUNS.warmup, small.sample);
  const cards = launchAndClose(CARDS);
  const cardSamples = await interleaved(RUNS.launchCards, 2, cards.sample);
  const idleNote = (idle: Record<Engine, number[]>) =>
    `launch() resolves (container idle) at ${p50(idle.quickjs).toFixed(1)} ms (vm ${p50(idle.vm).toFixed(1)} ms); after ${RUNS.warmup} warm-up launches`;
  return [
    row('logic sandbox boot (engine + base library, no app)', boot, p50, undefined, "createQuickJsTransport({ boot: 'source' }) vs createVmTransport(): instance of the compiled WASM module + base library evaluated"),
    row('logic sandbox boot from snapshot', bootFromSnapshot, p50, { text: '≤ 1.2 ms', limit: 1.2 }, "createQuickJsTransport() (boot: 'snapshot', the default) vs createVmTransport(): instance of the compiled WASM module over a copy of the process's booted-sandbox memory, wrappers rebuilt, install()"),
    row('cold launch → first render, 1,000-row list', listSamples, p50, { text: '< 20 ms', limit: 20 }, idleNote(list.idle)),
    row('cold launch → first render, small page', smallSamples, p50, { text: '< 20 ms', limit: 20 }, idleNote(small.idle)),
    row('cold launch → first render, 1,000 row components', cardSamples, p50),
  ];
}

async function listCases(pkg: PackageSource): Promise<BenchRow[]> {
  const runs: Record<Engine, Running> = { quickjs: await launchApp(pkg, 'quickjs', LIST), vm: await launchApp(pkg, 'vm', LIST) };
  const rowsOf = (engine: Engine): HeadlessNode[] => runs[engine].renderer.querySelectorAll('.row', runs[engine].renderer.currentPage()!);
  const rows = { quickjs: rowsOf('quickjs'), vm: rowsOf('vm') };
  if (rows.quickjs.length !== 1000 || rows.vm.length !== 1000) throw new Error(`expected 1,000 rows, got ${rows.quickjs.length}/${rows.vm.length}`);

  // Taps walk the list with a stride so consecutive taps touch rows far apart.
  const taps = await interleaved(RUNS.taps, 20, (engine, i) => renderedAfter(runs[engine], () => runs[engine].renderer.tap(rows[engine][(i * 37) % 1000]!)));
  const updateAll = await interleaved(RUNS.updateAll, 3, (engine) => renderedAfter(runs[engine], () => runs[engine].renderer.tap('#update-all')));
  const navigate = await interleaved(RUNS.navigate, 3, async (engine) => {
    const run = runs[engine];
    const ms = await pageReadyAfter(run, DETAIL, () => run.renderer.tap('#open-detail'));
    await run.container.navigate('navigateBack');
    return ms;
  });
  const label = runs.quickjs.renderer.text(rowsOf('quickjs')[0]!);
  for (const engine of ENGINES) await runs[engine].container.destroy();
  if (!label.includes('·')) throw new Error(`update-all did not render (row 0 shows "${label}")`);

  const tapNote = `each tap sets two paths of one row (rows[i].count, rows[i].selected) and re-renders the page's 1,000-row template on the host`;
  return [
    row('tap → one row rendered, 1,000-row list (p50)', taps, p50, { text: 'p50 < 1 ms', limit: 1 }, tapNote),
    row('tap → one row rendered, 1,000-row list (p99)', taps, p99),
    row('tap → all 1,000 rows updated and rendered', updateAll, p50, { text: '< 10 ms', limit: 10 }, 'setData of a new 1,000-row array'),
    row('tap → navigateTo second page rendered', navigate, p50, undefined, 'tap → my.navigateTo → page ready'),
  ];
}

async function componentCases(pkg: PackageSource): Promise<BenchRow[]> {
  const runs: Record<Engine, Running> = { quickjs: await launchApp(pkg, 'quickjs', DETAIL), vm: await launchApp(pkg, 'vm', DETAIL) };
  const open = await interleaved(RUNS.openCards, 1, async (engine) => {
    const run = runs[engine];
    if (run.container.currentPage()?.route === CARDS) await run.container.navigate('navigateBack');
    return pageReadyAfter(run, CARDS, () => run.container.navigate('navigateTo', { url: `/${CARDS}` }));
  });
  const cardsOf = (engine: Engine): HeadlessNode[] => runs[engine].renderer.querySelectorAll('.row', runs[engine].renderer.currentPage()!);
  const cards = { quickjs: cardsOf('quickjs'), vm: cardsOf('vm') };
  if (cards.quickjs.length !== 1000 || cards.vm.length !== 1000) throw new Error(`expected 1,000 row components, got ${cards.quickjs.length}/${cards.vm.length}`);
  const taps = await interleaved(RUNS.cardTaps, 20, (engine, i) => renderedAfter(runs[engine], () => runs[engine].renderer.tap(cards[engine][(i * 37) % 1000]!)));
  const updateAll = await interleaved(RUNS.cardUpdateAll, 2, (engine) => renderedAfter(runs[engine], () => runs[engine].renderer.tap('#update-all')));
  for (const engine of ENGINES) await runs[engine].container.destroy();
  return [
    row('navigateTo a page of 1,000 row components → ready', open, p50),
    row('tap → row component re-rendered, 1,000 components (p50)', taps, p50, { text: 'p50 < 1 ms', limit: 1 }, "the row's own setData re-renders only that component"),
    row('tap → row component re-rendered, 1,000 components (p99)', taps, p99),
    row('tap → all 1,000 row components updated and rendered', updateAll, p50, { text: '< 10 ms', limit: 10 }, 'page setData → 1,000 compProps → 1,000 component patches'),
  ];
}

/**
 * The largest app of the real-app corpus (`../shared/corpus`, or `MPK_CORPUS`): mini-ali-ui-demo,
 * 72 pages and 749 KB of built code (an official component library and its demo). Cold launch of
 * its home page (a list of 47 navigators, each a `list-item` and `tag` component), a tap on the
 * home page's Tabs entry → the Tabs page ready, and on that page a tap on a tab → rendered (the
 * `tabs` component's setData re-renders its bar and content).
 */
const CORPUS_APP = 'mini-ali-ui-demo';
const TABS = 'pages/tabs/index';

async function corpusCases(): Promise<BenchRow[]> {
  const dir = path.join(CORPUS_DIR, CORPUS_APP);
  if (!fs.existsSync(dir)) {
    console.error(`runtime bench: the corpus is not at ${CORPUS_DIR}; the real-app rows are skipped`);
    return [];
  }
  const { pkg } = await buildInMemory(dir);
  const home = pkg.manifest.app.entryPagePath;
  const launch = await interleaved(RUNS.corpusLaunch, 2, async (engine) => {
    const run = await launchApp(pkg, engine, home);
    await run.container.destroy();
    return run.firstRender;
  });
  const runs: Record<Engine, Running> = { quickjs: await launchApp(pkg, 'quickjs', home), vm: await launchApp(pkg, 'vm', home) };
  const open = await interleaved(RUNS.corpusOpen, 2, async (engine) => {
    const run = runs[engine];
    if (run.container.currentPage()?.route !== home) await run.container.navigate('navigateBack');
    const entry = run.renderer.querySelectorAll('navigator', run.renderer.currentPage()!)[4];
    if (!entry) throw new Error(`${CORPUS_APP}: the home page has no Tabs entry`);
    return pageReadyAfter(run, TABS, () => run.renderer.tap(entry));
  });
  const tab = (engine: Engine, i: number): HeadlessNode => {
    const node = runs[engine].renderer.querySelector(`#tabs-item-activeTab-${i % 2}`, runs[engine].renderer.currentPage()!);
    if (!node) throw new Error(`${CORPUS_APP}: the Tabs page shows no tab ${i % 2}`);
    return node;
  };
  const taps = await interleaved(RUNS.corpusTaps, 5, (engine, i) => renderedAfter(runs[engine], () => runs[engine].renderer.tap(tab(engine, i + 1))));
  // Taps alternate between the two first tabs, starting with the second (the first is selected at
  // load); the last one (i = 104) selected the second tab: its title is the highlighted one.
  const selected = ENGINES.map((engine) => String(tab(engine, 1).attrs.style ?? ''));
  for (const engine of ENGINES) await runs[engine].container.destroy();
  if (!selected.every((style) => style.includes('#1677FF'))) throw new Error(`${CORPUS_APP}: tapping a tab did not select it (styles ${JSON.stringify(selected)})`);
  const pages = pkg.manifest.app.pages.length + pkg.manifest.app.subPackages.reduce((n, sub) => n + sub.pages.length, 0);
  const app = `real app ${CORPUS_APP} (${pages} pages)`;
  return [
    row(`${app}: cold launch → first render, home page`, launch, p50, undefined, `createContainer() → ready of ${home} (47 navigators with list-item and tag components); the process warm, 2 warm-up launches dropped`),
    row(`${app}: tap → navigateTo Tabs page ready`, open, p50, undefined, 'tap on the home page\'s Tabs entry (a navigator) → pages/tabs/index ready'),
    row(`${app}: tap a tab → rendered (p50)`, taps, p50, undefined, "tap on the tabs component's bar → its handler's setData → bar and content re-rendered"),
    row(`${app}: tap a tab → rendered (p99)`, taps, p99),
  ];
}

const GiB = 1024 ** 3;

function memoryRows(small: Record<Engine, MemoryProbeResult>, list: Record<Engine, MemoryProbeResult>): BenchRow[] {
  const kb = (bytes: number): number => bytes / 1024;
  const describe = (r: MemoryProbeResult): string =>
    `RSS +${kb(r.perContainer.rss).toFixed(0)} KB, JS heap +${kb(r.perContainer.heapUsed).toFixed(0)} KB` +
    (r.wasmBytes ? `, WASM memory ${(r.wasmBytes / 1048576).toFixed(0)} MiB reserved` : '');
  const fit = (r: MemoryProbeResult): number => Math.floor(GiB / r.perContainer.rss);
  const check = (r: MemoryProbeResult): string =>
    `${r.engine}: ${r.count} live containers grew RSS by ${(r.total.rss / 1048576).toFixed(0)} MiB, ${(r.total.rss / r.count / 1024).toFixed(0)} KB each ` +
    `(→ ${Math.floor((GiB * r.count) / r.total.rss)} per GiB), each launched in ${r.launchMs.toFixed(1)} ms on average while they piled up`;
  return [
    {
      case: 'memory per idle container, small page (RSS)',
      ours: kb(small.quickjs.perContainer.rss),
      unit: 'KB',
      baseline: kb(small.vm.perContainer.rss),
      baselineLabel: BASELINE_LABEL,
      note: `QuickJS: ${describe(small.quickjs)}; vm: ${describe(small.vm)} (slope over the first ${small.quickjs.firstCount} containers, after GC)`,
    },
    {
      case: 'memory per idle container, 1,000-row list (RSS)',
      ours: kb(list.quickjs.perContainer.rss),
      unit: 'KB',
      baseline: kb(list.vm.perContainer.rss),
      baselineLabel: BASELINE_LABEL,
      note: `QuickJS: ${describe(list.quickjs)}; vm: ${describe(list.vm)}`,
    },
    {
      case: 'idle containers per 1 GiB, small page',
      ours: fit(small.quickjs),
      unit: 'containers',
      baseline: fit(small.vm),
      baselineLabel: BASELINE_LABEL,
      note: `1 GiB ÷ RSS per container (higher is better). Checked: ${check(small.quickjs)}; ${check(small.vm)}`,
    },
    {
      case: 'idle containers per 1 GiB, 1,000-row list',
      ours: fit(list.quickjs),
      unit: 'containers',
      baseline: fit(list.vm),
      baselineLabel: BASELINE_LABEL,
      note: `Checked: ${check(list.quickjs)}; ${check(list.vm)}`,
    },
  ];
}

async function memoryCases(packageDir: string): Promise<BenchRow[]> {
  const small = {} as Record<Engine, MemoryProbeResult>;
  const list = {} as Record<Engine, MemoryProbeResult>;
  for (const engine of ENGINES) {
    small[engine] = await runMemoryProbe({ packageDir, engine, page: DETAIL, ...MEMORY.small });
    list[engine] = await runMemoryProbe({ packageDir, engine, page: LIST, ...MEMORY.list });
  }
  return memoryRows(small, list);
}

/** One container per new Node process (`fresh-probe.ts`): nothing compiled, loaded or warmed before it. */
async function freshProcessCases(packageDir: string): Promise<BenchRow[]> {
  const firstRender: Record<Engine, Sample[]> = { quickjs: [], vm: [] };
  const child: Record<Engine, number[]> = { quickjs: [], vm: [] };
  const created: Record<Engine, number[]> = { quickjs: [], vm: [] };
  await interleaved(RUNS.freshProcess, 0, async (engine) => {
    const result = await runFreshProbe({ packageDir, engine, page: DETAIL });
    // The child measures wall time only; the CPU column repeats it so row() can be shared.
    firstRender[engine].push({ wall: result.firstRenderMs, cpu: result.firstRenderMs });
    child[engine].push(result.processMs);
    created[engine].push(result.createMs);
  });
  const summary = (engine: Engine): string =>
    `${engine}: createContainer() ${p50(created[engine]).toFixed(1)} ms of it, child process spawn → exit ${p50(child[engine]).toFixed(0)} ms (node start, tsx compiling the TypeScript sources, imports, the launch)`;
  const result = row('first container in a fresh process → first render, small page', firstRender, p50, { text: '≤ 40 ms', limit: 40.0001 });
  result.note = `measured in the child from just before createContainer() to the page's ready (WASM compiled, base library loaded and every first call paid inside it); ${summary('quickjs')}; ${summary('vm')}; ${RUNS.freshProcess} processes per engine`;
  return [result];
}

export const suite: BenchSuite = {
  name: 'runtime',
  description: 'whole containers running bench/runtime/app headless: QuickJS (ours) vs node:vm with the same package and base library',
  async run(): Promise<BenchRow[]> {
    const { pkg, files } = await buildInMemory(APP_DIR);
    const packageDir = writePackage(files);
    const groups: Record<string, () => Promise<BenchRow[]>> = {
      launch: () => launchCases(pkg),
      fresh: () => freshProcessCases(packageDir),
      pool: () => poolCases(pkg),
      list: () => listCases(pkg),
      components: () => componentCases(pkg),
      memory: () => memoryCases(packageDir),
      corpus: () => corpusCases(),
    };
    // MPK_BENCH_RUNTIME=list,components runs only those groups (all by default).
    const only = process.env.MPK_BENCH_RUNTIME?.split(',').filter(Boolean);
    const rows: BenchRow[] = [];
    try {
      for (const [name, run] of Object.entries(groups)) {
        if (only && !only.includes(name)) continue;
        // One broken group costs its own rows, not the whole table.
        try {
          rows.push(...(await run()));
        } catch (error) {
          console.error(`runtime bench: the ${name} cases failed: ${(error as Error).stack ?? String(error)}`);
          process.exitCode = 1;
        }
      }
    } finally {
      fs.rmSync(packageDir, { recursive: true, force: true });
    }
    if (rows.length === 0) throw new Error('every runtime case group failed');
    const load = os.loadavg()[0]!.toFixed(1);
    rows[0]!.note = `${rows[0]!.note}; machine: ${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, load average ${load} at the end of the suite`;
    return rows;
  },
};
