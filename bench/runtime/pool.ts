/**
 * Launch from a prewarmed pool (`createContainerPool`) against a cold launch, the small page of
 * bench/runtime/app. Four kinds of launch are sampled in turn (the order rotating, so machine noise
 * hits all alike): QuickJS cold (`createContainer`), QuickJS from a pool (`pool.createContainer`,
 * the pool refilled before each sample, untimed), node:vm cold and node:vm from contexts booted
 * ahead (the same idea for the baseline: `createVmTransport()` done before the sample, untimed).
 * Each sample runs from `createContainer()` to the page's `ready` event, as the cold rows do. These
 * rows are reported beside the cold ones, never instead of them.
 */

import { createContainer, createContainerPool, createMemoryStorage, createVmTransport, type Container, type LogicTransport, type PackageSource } from '@mpk/runtime';
import type { BenchRow } from '../types.ts';
import { logicOf, mark, median, since, TimedRenderer, type Sample } from './support.ts';

const DETAIL = 'pages/detail/detail';
const RUNS = { warmup: 5, launch: 25 };
const POOL_SIZE = 2;

type Kind = 'quickjs cold' | 'quickjs pool' | 'vm cold' | 'vm pool';
const KINDS: readonly Kind[] = ['quickjs cold', 'quickjs pool', 'vm cold', 'vm pool'];

/** createContainer() → the page's `ready`, then destroyed. */
async function firstRender(create: (renderer: TimedRenderer) => Promise<Container>, kind: Kind): Promise<Sample> {
  const renderer = new TimedRenderer();
  let ready: Sample | undefined;
  const errors: string[] = [];
  const start = mark();
  const container = await create(renderer);
  container.on('page', (event) => {
    if (event.type === 'ready' && ready === undefined) ready = mark();
  });
  container.on('error', (error) => errors.push(error.message));
  await container.launch({ path: DETAIL });
  await container.destroy();
  if (ready === undefined || errors.length > 0) throw new Error(`benchmark app failed to launch (${kind}): ${errors[0] ?? 'no ready event'}`);
  return since(start, ready);
}

export async function poolCases(pkg: PackageSource): Promise<BenchRow[]> {
  const pool = createContainerPool({ size: POOL_SIZE });
  // The baseline's pool: node:vm contexts with the base library, booted before the sample.
  const vmReady: LogicTransport[] = [];
  const fillVm = async () => {
    while (vmReady.length < POOL_SIZE) vmReady.push(await createVmTransport({ enforceDeadline: false }));
  };
  const samples: Record<Kind, Sample[]> = { 'quickjs cold': [], 'quickjs pool': [], 'vm cold': [], 'vm pool': [] };
  const host = () => ({ storage: createMemoryStorage() });
  const launch: Record<Kind, () => Promise<Sample>> = {
    'quickjs cold': () => firstRender((renderer) => createContainer({ pkg, renderer, logic: logicOf('quickjs'), host: host() }), 'quickjs cold'),
    'quickjs pool': async () => {
      await pool.ready();
      return firstRender((renderer) => pool.createContainer({ pkg, renderer, host: host() }), 'quickjs pool');
    },
    'vm cold': () => firstRender((renderer) => createContainer({ pkg, renderer, logic: logicOf('vm'), host: host() }), 'vm cold'),
    'vm pool': async () => {
      await fillVm();
      return firstRender((renderer) => createContainer({ pkg, renderer, logic: async () => vmReady.shift()!, host: host() }), 'vm pool');
    },
  };
  try {
    for (let i = 0; i < RUNS.warmup + RUNS.launch; i++) {
      for (let k = 0; k < KINDS.length; k++) {
        const kind = KINDS[(i + k) % KINDS.length]!;
        const sample = await launch[kind]();
        if (i >= RUNS.warmup) samples[kind].push(sample);
      }
    }
  } finally {
    pool.dispose();
    for (const transport of vmReady.splice(0)) transport.dispose();
  }
  const stats = pool.stats();
  const wall = (kind: Kind) => median(samples[kind].map((s) => s.wall));
  const cpu = (kind: Kind) => median(samples[kind].map((s) => s.cpu));
  const cpuNote = (a: Kind, b: Kind) => `CPU time ${cpu(a).toFixed(2)} ms vs ${cpu(b).toFixed(2)} ms (${samples[a].length} samples each)`;
  const cold = `same run: cold launch ${wall('quickjs cold').toFixed(2)} ms (QuickJS), ${wall('vm cold').toFixed(2)} ms (node:vm)`;
  const pooled = wall('quickjs pool');
  return [
    {
      case: 'launch from a prewarmed pool → first render, small page',
      ours: pooled,
      unit: 'ms',
      baseline: wall('vm pool'),
      baselineLabel: 'node:vm, contexts booted ahead',
      note: `${cpuNote('quickjs pool', 'vm pool')}; createContainerPool({ size: ${POOL_SIZE} }), refilled before each sample (untimed), ${stats.hits} hits / ${stats.misses} misses; ${cold}`,
    },
    {
      case: 'launch from a prewarmed pool vs cold launch, small page (QuickJS)',
      ours: pooled,
      unit: 'ms',
      baseline: wall('quickjs cold'),
      baselineLabel: 'cold QuickJS launch',
      note: cpuNote('quickjs pool', 'quickjs cold'),
    },
    {
      case: 'launch from a prewarmed pool vs cold node:vm launch, small page',
      ours: pooled,
      unit: 'ms',
      baseline: wall('vm cold'),
      baselineLabel: 'cold node:vm launch',
      goal: { text: '< cold node:vm', met: pooled < wall('vm cold') },
      note: cpuNote('quickjs pool', 'vm cold'),
    },
  ];
}
