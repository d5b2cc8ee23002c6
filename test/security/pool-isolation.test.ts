/**
 * Containers from one prewarmed pool (`createContainerPool`) share nothing: each launch starts from
 * a sandbox of its own, booted ahead and never handed to a second app, so what one mini-program
 * puts in its globals, in the built-ins' prototypes, in its module state or in its storage never
 * reaches another — while both run, and after the first is destroyed. Also what a host sees of the
 * pool: launches start from ready sandboxes (hits), the pool refills after a launch and not during
 * it, a launch that finds the pool empty still renders, other limits than the pool's are refused,
 * and `dispose()` frees what is left and refuses further use.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createContainerPool, createMemoryStorage, HeadlessRenderer, type Container, type ContainerPool, type ContainerPoolStats, type PackageSource } from '@mpk/runtime';
import { loadPackageFromDir } from '@mpk/runtime/node';
import { buildPackage } from './support.ts';
import type { ProjectFiles } from '../support/project.ts';

/** An app that shows what it found of another app, then leaves its own traces everywhere it can. */
const SNOOP: ProjectFiles = {
  'mini.project.json': { name: 'snoop' },
  'app.json': { pages: ['pages/index/index'] },
  'app.js': `
const found = {
  global: typeof globalThis.secret === 'undefined' ? 'none' : String(globalThis.secret),
  proto: typeof ({}).polluted === 'undefined' ? 'none' : String(({}).polluted),
  array: typeof [].stolen === 'undefined' ? 'none' : String([].stolen),
};
const mine = 'secret-' + Math.random().toString(36).slice(2);
globalThis.secret = mine;
Object.prototype.polluted = mine;
Array.prototype.stolen = mine;
App({
  onLaunch() {
    const stored = my.getStorageSync({ key: 'secret' }).data;
    found.storage = stored === undefined || stored === null || stored === '' ? 'none' : String(stored);
    my.setStorageSync({ key: 'secret', data: mine });
    this.found = found;
    this.mine = mine;
  },
});
`,
  'pages/index/index.json': {},
  'pages/index/index.axml':
    '<view id="mine">{{mine}}</view><view id="global">{{found.global}}</view><view id="proto">{{found.proto}}</view>' +
    '<view id="array">{{found.array}}</view><view id="storage">{{found.storage}}</view><button id="bump" onTap="bump">{{count}}</button>',
  'pages/index/index.js':
    'Page({ data: { found: {}, mine: "", count: 0 }, onLoad() { this.setData({ found: getApp().found, mine: getApp().mine }); }, bump() { this.setData({ count: this.data.count + 1 }); } });\n',
};

const pools: ContainerPool[] = [];
const containers: Container[] = [];
afterAll(async () => {
  await Promise.all(containers.map((c) => c.destroy().catch(() => undefined)));
  for (const pool of pools) pool.dispose();
});

let dist: string | undefined;
async function snoopPackage() {
  dist ??= (await buildPackage(SNOOP)).dist;
  return loadPackageFromDir(dist);
}

function newPool(size: number, limits = {}): ContainerPool {
  const pool = createContainerPool({ size, limits });
  pools.push(pool);
  return pool;
}

/** The package read over a slow link: every file arrives on a later turn of the event loop (a refill could land in between). */
async function slowPackage(): Promise<PackageSource> {
  const pkg = await snoopPackage();
  return { ...pkg, readText: (file) => new Promise((resolve) => setTimeout(resolve, 5)).then(() => pkg.readText(file)) };
}

/** Launches SNOOP from the pool on `storage`; returns what its page shows. */
async function launchSnoop(pool: ContainerPool, storage = createMemoryStorage(), during?: (stats: ContainerPoolStats) => void) {
  const renderer = new HeadlessRenderer();
  const container = await pool.createContainer({ pkg: during ? await slowPackage() : await snoopPackage(), renderer, host: { storage } });
  containers.push(container);
  const errors: string[] = [];
  container.on('error', (e) => errors.push(e.message));
  if (during) container.on('page', () => during(pool.stats()));
  await container.launch();
  expect(errors).toEqual([]);
  const shown = (id: string) => renderer.text(`#${id}`);
  return { container, renderer, mine: shown('mine'), global: shown('global'), proto: shown('proto'), array: shown('array'), storage: shown('storage') };
}

describe('isolation between containers of one pool', () => {
  it('two live containers from the same pool see none of each other\'s globals, prototypes or storage', async () => {
    const pool = newPool(1);
    await pool.ready();
    // One storage backend for both, as a host with one disk would have: each container's own appId keeps them apart.
    const storage = createMemoryStorage();
    const first = await launchSnoop(pool, storage);
    expect(first.mine).toMatch(/^secret-/);
    expect(first).toMatchObject({ global: 'none', proto: 'none', array: 'none', storage: 'none' });
    await pool.ready();
    const second = await launchSnoop(pool, storage);
    expect(second.mine).toMatch(/^secret-/);
    expect(second.mine).not.toBe(first.mine);
    expect(second).toMatchObject({ global: 'none', proto: 'none', array: 'none', storage: 'none' });
    // Both started from sandboxes the pool had ready, and the first is still running.
    expect(pool.stats()).toMatchObject({ hits: 2, misses: 0 });
    expect(first.container.isTerminated).toBe(false);
  });

  it('a container launched after another was destroyed does not get its sandbox back', async () => {
    const pool = newPool(1);
    await pool.ready();
    const first = await launchSnoop(pool);
    await first.container.destroy();
    await pool.ready();
    const second = await launchSnoop(pool);
    expect(second).toMatchObject({ global: 'none', proto: 'none', array: 'none', storage: 'none' });
    expect(second.mine).not.toBe(first.mine);
    expect(pool.stats()).toMatchObject({ size: 1, ready: 0, hits: 2, misses: 0 });
  });
});

describe('the pool as a host sees it', () => {
  it('refills after a launch, never during one', async () => {
    const pool = newPool(1);
    await pool.ready();
    expect(pool.stats()).toMatchObject({ ready: 1, warming: 0 });
    const seen: ContainerPoolStats[] = [];
    const run = await launchSnoop(pool, undefined, (stats) => seen.push(stats));
    expect(run.global).toBe('none');
    expect(seen.length).toBeGreaterThan(0);
    for (const stats of seen) expect(stats).toMatchObject({ ready: 0, warming: 0, launching: 1 });
    await pool.ready();
    expect(pool.stats()).toMatchObject({ ready: 1, launching: 0, hits: 1 });
  });

  it('a launch that finds the pool empty boots a sandbox on demand and still renders', async () => {
    const pool = newPool(1);
    await pool.ready();
    const [a, b, c] = await Promise.all([launchSnoop(pool), launchSnoop(pool), launchSnoop(pool)]);
    for (const run of [a, b, c]) expect(run).toMatchObject({ global: 'none', storage: 'none' });
    expect(new Set([a.mine, b.mine, c.mine]).size).toBe(3);
    expect(pool.stats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('runs every container with the pool\'s limits and refuses others', async () => {
    const pool = newPool(1, { taskMs: 300 });
    expect(pool.limits.taskMs).toBe(300);
    await expect(pool.createContainer({ pkg: await snoopPackage(), renderer: new HeadlessRenderer(), limits: { heapBytes: 128 * 1024 * 1024 } })).rejects.toThrow(
      'pool.createContainer: a container from a pool runs with the pool\'s sandbox limits (they are applied when a sandbox boots); it asked for other "heapBytes": pass them to createContainerPool()',
    );
    // Restating the pool's own limits, or setting the view's budget, is fine.
    const container = await pool.createContainer({ pkg: await snoopPackage(), renderer: new HeadlessRenderer(), limits: { taskMs: 300, view: { steps: 1_000_000 } } });
    containers.push(container);
    await container.launch();
    expect(container.isTerminated).toBe(false);
    expect(() => createContainerPool({ size: 0 })).toThrow('createContainerPool: "size" must be a positive integer, got 0');
  });

  it('dispose() frees the ready sandboxes and refuses further use; running containers keep theirs', async () => {
    const pool = newPool(2);
    await pool.ready();
    const running = await launchSnoop(pool);
    const later = await pool.createContainer({ pkg: await snoopPackage(), renderer: new HeadlessRenderer() });
    containers.push(later);
    pool.dispose();
    expect(pool.stats()).toMatchObject({ ready: 0, warming: 0 });
    await expect(pool.ready()).rejects.toThrow('this container pool was disposed');
    await expect(pool.createContainer({ pkg: await snoopPackage(), renderer: new HeadlessRenderer() })).rejects.toThrow('createContainer: this container pool was disposed');
    await expect(later.launch()).rejects.toThrow('the container pool this container came from was disposed');
    // The container launched before keeps running in its own sandbox.
    running.renderer.tap('#bump');
    await running.container.waitForIdle();
    expect(running.renderer.text('#bump')).toBe('1');
    expect(running.container.isTerminated).toBe(false);
  });
});
