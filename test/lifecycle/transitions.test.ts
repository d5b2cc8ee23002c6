/**
 * One batch, one patch, one frame per transition (PROTOCOL.md, lifecycle sequences; docs:
 * framework/小程序页面/页面运行机制.md — a page is "Inited" once onLoad/onShow ran and "已收集得到首屏需要的
 * data", then renders). Every route kind and app hide/show reaches the logic layer as one batch, so
 * what App.onLaunch/onShow and the page's onLoad/onShow set arrives as one patch and the page appears
 * in one renderer batch already holding all of it — in-process (QuickJS) and over the Web Worker
 * transport the simulator uses, where a second batch would paint a frame of its own.
 */
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { build } from '@mpk/compiler';
import { createContainer, HeadlessRenderer, type BridgeTraffic, type Container, type HostToLogic, type LogicToHost, type RenderOp } from '@mpk/runtime';
import { closeAll, page, writeProject, type ProjectFiles } from '../support/project.ts';
import { workerLogic } from '../support/worker.ts';

const counter = (name: string) => `
Page({
  data: { name: '${name}' },
  onLoad(query) { this.shows = 0; this.setData({ loaded: query.n || 'L' }); },
  onShow() { this.shows++; this.setData({ shows: this.shows, app: getApp().globalData.state }); },
  go(e) { my.navigateTo({ url: e.target.dataset.url }); },
});`;
const template = `<view id="t" data-url="/pages/detail/detail?n=7" onTap="go">{{name}}:{{loaded}}/{{shows}}/{{app}}</view>`;

const files: ProjectFiles = {
  'app.json': {
    pages: ['pages/index/index', 'pages/detail/detail', 'pages/tab2/tab2'],
    tabBar: { items: [{ pagePath: 'pages/index/index', name: 'Home' }, { pagePath: 'pages/tab2/tab2', name: 'Two' }] },
  },
  'app.js': `
App({
  globalData: { state: 'new' },
  onLaunch() { this.globalData.state = 'launched'; },
  onShow() { this.globalData.state += '+shown'; },
});`,
  ...page('pages/index/index', { axml: template, js: counter('index') }),
  ...page('pages/detail/detail', { axml: template, js: counter('detail') }),
  ...page('pages/tab2/tab2', { axml: template, js: counter('tab2') }),
};

const LIFECYCLE = new Set<string>(['appLaunch', 'appShow', 'appHide', 'stack', 'pageLoad', 'pageShow', 'pageHide', 'pageUnload']);

/** A headless renderer that remembers what the shown page looked like after every batch. */
class FrameRecorder extends HeadlessRenderer {
  frames: string[] = [];
  override apply(ops: readonly RenderOp[]): void {
    super.apply(ops);
    this.frames.push(this.text());
  }
}

interface Step {
  /** The lifecycle messages of each host → logic batch that carried any. */
  lifecycleBatches: string[][];
  patches: { id: number; seq: number; ops: unknown }[];
  /** The shown page's text after each renderer batch. */
  frames: string[];
  /** The page's text when the container reported it ready. */
  ready: string[];
}

let container: Container | undefined;
afterEach(async () => {
  await container?.destroy();
  container = undefined;
});
afterAll(closeAll);

async function open(logic: 'quickjs' | typeof workerLogic) {
  const dir = await writeProject(files);
  const result = await build(dir, { outDir: path.join(dir, 'dist'), write: false });
  if (!result.ok || !result.source) throw new Error('build failed');
  const renderer = new FrameRecorder();
  const c = await createContainer({ pkg: result.source, renderer, logic, limits: { taskMs: 2000 } });
  container = c;
  let traffic: BridgeTraffic[] = [];
  let ready: string[] = [];
  c.on('bridge', (t) => traffic.push(t));
  c.on('page', (e) => {
    if (e.type === 'ready') ready.push(renderer.text(renderer.page(e.page.id)!));
  });
  /** Runs one transition and reports what crossed and what was painted. */
  const step = async (run: () => unknown): Promise<Step> => {
    traffic = [];
    ready = [];
    renderer.frames = [];
    await run();
    await c.waitForIdle();
    const toLogic = traffic.filter((t) => t.direction === 'toLogic').map((t) => t.messages as HostToLogic[]);
    const toHost = traffic.filter((t) => t.direction === 'toHost').flatMap((t) => t.messages as LogicToHost[]);
    return {
      lifecycleBatches: toLogic.map((b) => b.filter((m) => LIFECYCLE.has(m.t)).map((m) => m.t)).filter((b) => b.length > 0),
      patches: toHost.flatMap((m) => (m.t === 'patch' ? [{ id: m.id, seq: m.seq, ops: m.ops }] : [])),
      frames: renderer.frames,
      ready,
    };
  };
  return { container: c, renderer, step };
}

describe.each([
  ['in-process QuickJS', 'quickjs' as const],
  ['the Web Worker transport', workerLogic],
])('transitions over %s', (_name, logic) => {
  it('launch: App.onLaunch/onShow and the page onLoad/onShow in one batch, one patch, one frame holding all of it', async () => {
    const { step, container: c } = await open(logic);
    const launch = await step(() => c.launch());
    expect(launch.lifecycleBatches).toEqual([['appLaunch', 'stack', 'pageLoad', 'pageShow']]);
    expect(launch.patches).toEqual([{ id: 1, seq: 1, ops: [['set', [], { name: 'index', loaded: 'L', shows: 1, app: 'launched+shown' }]] }]);
    expect(launch.frames).toEqual(['index:L/1/launched+shown']);
    expect(launch.ready).toEqual(['index:L/1/launched+shown']);
  });

  it('every route kind and hide/show: one batch into the logic layer, one patch, one frame', async () => {
    const { step, container: c, renderer } = await open(logic);
    await step(() => c.launch());

    // navigateTo from the page's own handler (my.navigateTo), as a user's tap does it
    const navigateTo = await step(() => renderer.tap('#t'));
    expect(navigateTo.lifecycleBatches).toEqual([['stack', 'pageHide', 'pageLoad', 'pageShow']]);
    expect(navigateTo.patches).toEqual([{ id: 2, seq: 1, ops: [['set', [], { name: 'detail', loaded: '7', shows: 1, app: 'launched+shown' }]] }]);
    expect(navigateTo.frames).toEqual(['detail:7/1/launched+shown']);
    expect(navigateTo.ready).toEqual(['detail:7/1/launched+shown']);

    const back = await step(() => c.navigate('navigateBack'));
    expect(back.lifecycleBatches).toEqual([['stack', 'pageUnload', 'pageShow']]);
    expect(back.patches).toEqual([{ id: 1, seq: 2, ops: [['set', ['shows'], 2], ['set', ['app'], 'launched+shown']] }]);
    expect(back.frames).toEqual(['index:L/2/launched+shown']);

    const redirect = await step(() => c.navigate('redirectTo', { url: '/pages/detail/detail?n=9' }));
    expect(redirect.lifecycleBatches).toEqual([['stack', 'pageUnload', 'pageLoad', 'pageShow']]);
    expect(redirect.patches.map((p) => [p.id, p.seq])).toEqual([[3, 1]]);
    expect(redirect.frames).toEqual(['detail:9/1/launched+shown']);

    const switchTab = await step(() => c.navigate('switchTab', { url: '/pages/tab2/tab2' }));
    expect(switchTab.lifecycleBatches).toEqual([['stack', 'pageUnload', 'pageLoad', 'pageShow']]);
    expect(switchTab.patches.map((p) => [p.id, p.seq])).toEqual([[4, 1]]);
    expect(switchTab.frames).toEqual(['tab2:L/1/launched+shown']);

    const reLaunch = await step(() => c.navigate('reLaunch', { url: '/pages/index/index' }));
    expect(reLaunch.lifecycleBatches).toEqual([['stack', 'pageUnload', 'pageLoad', 'pageShow']]);
    expect(reLaunch.patches.map((p) => [p.id, p.seq])).toEqual([[5, 1]]);
    expect(reLaunch.frames).toEqual(['index:L/1/launched+shown']);

    const hide = await step(() => c.hide());
    expect(hide.lifecycleBatches).toEqual([['pageHide', 'appHide']]);
    expect(hide.patches).toEqual([]);

    const show = await step(() => c.show());
    expect(show.lifecycleBatches).toEqual([['appShow', 'pageShow']]);
    expect(show.patches).toEqual([{ id: 5, seq: 2, ops: [['set', ['shows'], 2], ['set', ['app'], 'launched+shown+shown']] }]);
    expect(show.frames).toEqual(['index:L/2/launched+shown+shown']);
  });
});
