/**
 * JSAPI benchmark: round trips per second from mini-program code (`bench/jsapi/app`) to two
 * custom host APIs that do nothing — `my.benchSync({ i })` (sync) and `my.benchAsync({ i })`
 * (async, resolving at once) — and to the built-in `my.getStorageSync`. Each figure comes from a
 * page handler that loops `n` times; the fixed cost of one measurement (the tap in, the patch
 * out), taken from an empty handler in the same run, is subtracted.
 *
 * Baselines, side by side in the same run, each isolating one layer:
 *  - the host calling the API's handler directly (no bridge, no validation: the work itself);
 *  - the host calling the JSAPI registry (`invokeSync`/`invoke`: schema validation, result check);
 *  - guest → host calls of a bare QuickJS `newFunction` (the engine's boundary, nothing else);
 *  - the same app with its logic in `node:vm` (same base library and registry, V8 instead of QuickJS,
 *    without vm's per-call deadline watchdog: see `logicOf`).
 */

import { fileURLToPath } from 'node:url';
import {
  createContainer,
  createJsapi,
  createMemoryStorage,
  s,
  type Container,
  type ContainerServices,
  type HostApiDefinition,
  type InvokeMessage,
  type PackageSource,
} from '@mpk/runtime';
import { EntryOp } from '../../packages/runtime/src/sandbox/engine.ts';
import { resolveLimits } from '../../packages/runtime/src/sandbox/limits.ts';
import { QuickJsEngine } from '../../packages/runtime/src/sandbox/quickjs-engine.ts';
import { defaultEngineSource } from '../../packages/runtime/src/sandbox/wasm.ts';
import { buildInMemory, ENGINES, interleaved, logicOf, mark, median, since, TimedRenderer, type Engine, type Sample } from '../runtime/support.ts';
import type { BenchRow, BenchSuite } from '../types.ts';

const APP_DIR = fileURLToPath(new URL('./app', import.meta.url));

/** Calls per measured handler run, and runs per engine (after warm-up runs). */
const CALLS = { sync: 2000, storage: 2000, async: 500, parallel: 2000 };
const RUNS = 15;
const WARMUP = 3;

const indexSchema = s.object({ i: s.number() }, { required: ['i'] });
const echo = (args: { i: number }): { i: number } => ({ i: args.i });

const benchApis: Record<string, HostApiDefinition> = {
  benchSync: { kind: 'sync', params: indexSchema, result: indexSchema, handler: echo, description: 'Benchmark: echoes i.' },
  benchAsync: { kind: 'async', params: indexSchema, result: indexSchema, handler: echo, description: 'Benchmark: echoes i, resolving at once.' },
};

type Kind = 'empty' | 'sync' | 'storage' | 'async' | 'parallel';

interface Running {
  container: Container;
  renderer: TimedRenderer;
  token: number;
}

async function launch(pkg: PackageSource, logic: Engine): Promise<Running> {
  const renderer = new TimedRenderer();
  const container = await createContainer({ pkg, renderer, logic: logicOf(logic), host: { storage: createMemoryStorage(), apis: benchApis } });
  const errors: string[] = [];
  container.on('error', (error) => errors.push(error.message));
  await container.launch();
  if (errors.length > 0) throw new Error(`JSAPI benchmark app failed on ${logic}: ${errors[0]}`);
  return { container, renderer, token: 0 };
}

/** One handler run: tap → `n` calls in the guest → the patch showing this run's token rendered. */
async function handlerRun(run: Running, kind: Kind, n: number): Promise<Sample> {
  const token = ++run.token;
  const start = mark();
  run.renderer.dispatch(`#${kind}`, 'tap', { n, token });
  await run.container.waitForIdle();
  const shown = run.renderer.text('#done');
  if (!shown.startsWith(`${token}:`)) throw new Error(`${kind} run ${token} did not finish (the page shows "${shown}")`);
  return since(start, run.renderer.lastApply);
}

/** Calls per second, from wall-clock and from CPU time. */
interface Rate {
  wall: number;
  cpu: number;
}

function rateOf(n: number, runs: readonly Sample[], fixed: readonly Sample[] = []): Rate {
  const net = (key: keyof Sample): number => median(runs.map((s) => s[key])) - (fixed.length > 0 ? median(fixed.map((s) => s[key])) : 0);
  return { wall: n / (Math.max(net('wall'), 1e-3) / 1000), cpu: n / (Math.max(net('cpu'), 1e-3) / 1000) };
}

/** Calls per second of each engine's `kind` loop, net of the empty handler's fixed cost. */
async function guestRate(runs: Record<Engine, Running>, kind: Kind, n: number): Promise<Record<Engine, Rate>> {
  const fixed = await interleaved(RUNS, WARMUP, (engine) => handlerRun(runs[engine], 'empty', 0));
  const loops = await interleaved(RUNS, WARMUP, (engine) => handlerRun(runs[engine], kind, n));
  return { quickjs: rateOf(n, loops.quickjs, fixed.quickjs), vm: rateOf(n, loops.vm, fixed.vm) };
}

/** Calls per second of `call`, timed over batches of `n` calls (median of RUNS batches). */
async function hostRate(n: number, call: (i: number) => unknown): Promise<Rate> {
  const batches: Sample[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const start = mark();
    for (let i = 0; i < n; i++) {
      const result = call(i);
      if (result instanceof Promise) await result;
    }
    if (run >= WARMUP) batches.push(since(start));
  }
  return rateOf(n, batches);
}

const noServices: ContainerServices = {
  navigate: async () => {},
  emit: () => {},
  currentPage: () => undefined,
  selectorQuery: () => [],
  stopPullDownRefresh: () => {},
  startPullDownRefresh: () => {},
  pageScrollTo: () => {},
  selectComponents: () => [],
  componentCall: () => ({ ok: false, error: 1, errorMessage: 'no renderer' }),
  observeIntersection: () => undefined,
  shared: () => undefined,
  requestShare: () => {},
  hideShareMenu: () => {},
  referrer: () => undefined,
  userActivated: () => false,
};

/** Guest → host calls of a bare `newFunction` in a fresh QuickJS sandbox: a loop of `invokeSync('…')` and nothing else. */
async function bareNewFunctionRate(n: number): Promise<Rate> {
  const reply = '{"i":1}';
  const loop = `(function(){return function install(natives){return function entry(op,arg){var n=+arg;for(var i=0;i<n;i++)natives.invokeSync('{"i":1}');};};})()`;
  const engine = await QuickJsEngine.create({
    source: defaultEngineSource,
    limits: resolveLimits({ taskMs: 60_000 }),
    natives: { send: () => {}, invokeSync: () => reply, timer: () => 0 },
    baseLibrary: loop,
  });
  try {
    const batches: Sample[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const start = mark();
      const outcome = engine.call(EntryOp.Batch, String(n));
      if (!outcome.ok) throw new Error(`bare newFunction loop failed: ${outcome.message}`);
      if (run >= WARMUP) batches.push(since(start));
    }
    return rateOf(n, batches);
  } finally {
    engine.dispose();
  }
}

/** A row of wall-clock rates; the note gives µs per call and the rates from CPU time. */
function rateRow(name: string, ours: Rate, baseline: Rate, baselineLabel: string, note?: string): BenchRow {
  const us = (rate: number): string => (1e6 / rate).toFixed(rate > 1e6 ? 3 : 1);
  const row: BenchRow = { case: name, ours: ours.wall, unit: 'calls/s', baseline: baseline.wall, baselineLabel };
  row.note =
    `${us(ours.wall)} µs per call vs ${us(baseline.wall)} µs; from CPU time: ${Math.round(ours.cpu)} vs ${Math.round(baseline.cpu)} calls/s ` +
    `(${us(ours.cpu)} vs ${us(baseline.cpu)} µs)${note ? `; ${note}` : ''}`;
  return row;
}

export const suite: BenchSuite = {
  name: 'jsapi',
  description: 'JSAPI round trips per second from guest code: QuickJS container vs plain host calls, a bare newFunction and node:vm',
  async run(): Promise<BenchRow[]> {
    const { pkg } = await buildInMemory(APP_DIR);
    const runs = { quickjs: await launch(pkg, 'quickjs'), vm: await launch(pkg, 'vm') } as Record<Engine, Running>;
    let sync: Record<Engine, Rate>;
    let storage: Record<Engine, Rate>;
    let sequential: Record<Engine, Rate>;
    let parallel: Record<Engine, Rate>;
    try {
      sync = await guestRate(runs, 'sync', CALLS.sync);
      storage = await guestRate(runs, 'storage', CALLS.storage);
      sequential = await guestRate(runs, 'async', CALLS.async);
      parallel = await guestRate(runs, 'parallel', CALLS.parallel);
    } finally {
      for (const engine of ENGINES) await runs[engine].container.destroy();
    }

    const jsapi = createJsapi({ appId: 'bench', app: pkg.manifest.app, host: { storage: createMemoryStorage(), apis: benchApis }, services: noServices });
    const invoke = (api: string, i: number, sync: boolean): InvokeMessage => ({ t: 'invoke', cb: i + 1, api, args: { i }, ...(sync ? { sync: true } : {}) });
    const directSync = await hostRate(CALLS.sync, (i) => benchApis.benchSync!.handler({ i }, undefined as never));
    const registrySync = await hostRate(CALLS.sync, (i) => jsapi.invokeSync(invoke('benchSync', i, true)));
    const directAsync = await hostRate(CALLS.async, async (i) => benchApis.benchAsync!.handler({ i }, undefined as never));
    const registryAsync = await hostRate(CALLS.async, (i) => jsapi.invoke(invoke('benchAsync', i, false)));
    await jsapi.dispose();
    const bare = await bareNewFunctionRate(CALLS.sync * 10);

    const perRun = (n: number) => `${n} calls per handler run, median of ${RUNS} runs per engine after ${WARMUP} warm-up runs, net of an empty handler run`;
    return [
      rateRow('sync my.benchSync: guest → host → guest', sync.quickjs, bare, 'bare newFunction', `${perRun(CALLS.sync)}; baseline: a QuickJS loop calling a bare host function (string in, string out)`),
      rateRow('sync my.benchSync vs the host calling the registry', sync.quickjs, registrySync, 'registry.invokeSync', 'baseline: validation + handler + result check, no bridge'),
      rateRow('sync my.benchSync vs the host calling the handler', sync.quickjs, directSync, 'handler()'),
      rateRow('sync my.benchSync, QuickJS vs node:vm', sync.quickjs, sync.vm, 'node:vm'),
      rateRow('sync my.getStorageSync (memory backend), QuickJS vs node:vm', storage.quickjs, storage.vm, 'node:vm', perRun(CALLS.storage)),
      rateRow('async await my.benchAsync, one at a time', sequential.quickjs, registryAsync, 'await registry.invoke', `${perRun(CALLS.async)}; each call is a full round trip through the host's microtask queue`),
      rateRow('async await my.benchAsync vs the host awaiting the handler', sequential.quickjs, directAsync, 'await handler()'),
      rateRow('async await my.benchAsync, QuickJS vs node:vm', sequential.quickjs, sequential.vm, 'node:vm'),
      rateRow(`async Promise.all of ${CALLS.parallel} my.benchAsync, QuickJS vs node:vm`, parallel.quickjs, parallel.vm, 'node:vm', perRun(CALLS.parallel)),
    ];
  },
};
