/**
 * Lifecycle order (docs: framework/小程序全局配置/app.js 注册小程序.md, framework/小程序页面/页面运行机制.md,
 * getCurrentPages 方法.md, api/…/路由/*.md, framework/自定义组件/生命周期.md): App onLaunch/onShow/onHide,
 * page onLoad/onShow/onReady/onHide/onUnload on launch and on every kind of transition, components
 * inside pages, and the page events onPullDownRefresh, onReachBottom, onPageScroll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logCursor, type ProjectFiles } from '../support/project.ts';

let app: MiniApp;
const newLines = logCursor(() => app);

function lifecyclePage(route: string, name: string, axml = `<view class="name">${name}</view>`, extra = ''): ProjectFiles {
  return {
    [`${route}.axml`]: axml,
    [`${route}.js`]: `
Page({
  onLoad(query) { console.log('${name}.onLoad', JSON.stringify(query), getCurrentPages().map((p) => p.route).join(',')); },
  onShow() { console.log('${name}.onShow'); },
  onReady() { console.log('${name}.onReady'); },
  onHide() { console.log('${name}.onHide'); },
  onUnload() { console.log('${name}.onUnload'); },
  ${extra}
});`,
  };
}

beforeAll(async () => {
  app = await launchProject({
    'app.json': {
      pages: ['pages/index/index', 'pages/b/b', 'pages/c/c', 'pages/tab2/tab2'],
      tabBar: { items: [{ pagePath: 'pages/index/index', name: 'Home' }, { pagePath: 'pages/tab2/tab2', name: 'Two' }] },
      window: { pullRefresh: true },
    },
    'app.js': `
App({
  onLaunch(options) { console.log('App.onLaunch', options.path, JSON.stringify(options.query), typeof options.scene); },
  onShow(options) { console.log('App.onShow', options.path); },
  onHide() { console.log('App.onHide'); },
});`,
    ...lifecyclePage(
      'pages/index/index',
      'index',
      `<view class="name">index</view><probe/>`,
      `onPullDownRefresh(e) { console.log('index.onPullDownRefresh', e.from); my.stopPullDownRefresh(); },
  onReachBottom() { console.log('index.onReachBottom'); },
  onPageScroll(e) { console.log('index.onPageScroll', e.scrollTop); },`,
    ),
    'pages/index/index.json': { usingComponents: { probe: '/components/probe/probe' } },
    ...lifecyclePage('pages/b/b', 'b'),
    ...lifecyclePage('pages/c/c', 'c'),
    ...lifecyclePage('pages/tab2/tab2', 'tab2'),
    ...component('components/probe/probe', {
      axml: `<text>probe</text>`,
      js: `
Component({
  onInit() { console.log('probe.onInit'); },
  deriveDataFromProps() { console.log('probe.deriveDataFromProps'); },
  didMount() { console.log('probe.didMount'); },
  didUnmount() { console.log('probe.didUnmount'); },
  rootEvents: { onShow() { console.log('probe.rootEvents.onShow'); }, onHide() { console.log('probe.rootEvents.onHide'); } },
});`,
    }),
  });
});
afterAll(closeAll);

describe('launch', () => {
  it('runs App.onLaunch, App.onShow, then the entry page onLoad, onShow, its components, and onReady last', () => {
    expect(newLines()).toEqual([
      // opened without a launch query: options has no query at all (docs: my.getLaunchOptionsSync)
      'App.onLaunch pages/index/index undefined number',
      'App.onShow pages/index/index',
      'index.onLoad {} pages/index/index',
      'index.onShow',
      // the component only exists once the page rendered: it misses this first onShow
      'probe.onInit',
      'probe.deriveDataFromProps',
      'probe.didMount',
      'index.onReady',
    ]);
  });
});

describe('transitions', () => {
  it('navigateTo: the current page hides, the new one loads (already on the stack), shows, readies', async () => {
    await app.navigate('navigateTo', { url: '/pages/b/b?k=v&n=1' });
    expect(newLines()).toEqual([
      'index.onHide',
      'probe.rootEvents.onHide',
      'b.onLoad {"k":"v","n":"1"} pages/index/index,pages/b/b',
      'b.onShow',
      'b.onReady',
    ]);
  });

  it('redirectTo: the current page unloads, the new one replaces it', async () => {
    await app.navigate('redirectTo', { url: '../c/c?from=b' });
    expect(newLines()).toEqual(['b.onUnload', 'c.onLoad {"from":"b"} pages/index/index,pages/c/c', 'c.onShow', 'c.onReady']);
  });

  it('navigateBack: the top page unloads, the one below shows again (no new onLoad/onReady)', async () => {
    await app.navigateBack();
    expect(newLines()).toEqual(['c.onUnload', 'index.onShow', 'probe.rootEvents.onShow']);
  });

  it('switchTab: non-tab pages unload, the new tab loads once; switching back only shows the kept tab', async () => {
    await app.navigate('navigateTo', { url: '/pages/b/b' });
    newLines();
    await app.switchTab('/pages/tab2/tab2');
    expect(newLines()).toEqual(['b.onUnload', 'tab2.onLoad {} pages/tab2/tab2', 'tab2.onShow', 'tab2.onReady']);
    await app.switchTab('/pages/index/index');
    expect(newLines()).toEqual(['tab2.onHide', 'index.onShow', 'probe.rootEvents.onShow']);
    await app.switchTab('/pages/tab2/tab2');
    expect(newLines()).toEqual(['index.onHide', 'probe.rootEvents.onHide', 'tab2.onShow']);
  });

  it('reLaunch: every page unloads (kept tabs too, with their components), then the target loads alone', async () => {
    await app.navigate('reLaunch', { url: '/pages/b/b?z=1' });
    expect(newLines()).toEqual([
      'tab2.onUnload',
      'index.onUnload',
      'probe.didUnmount',
      'b.onLoad {"z":"1"} pages/b/b',
      'b.onShow',
      'b.onReady',
    ]);
    expect(app.pages().map((p) => p.route)).toEqual(['pages/b/b']);
  });

  it('hide/show: the page hides before the app, the app shows before the page', async () => {
    await app.hide();
    expect(newLines()).toEqual(['b.onHide', 'App.onHide']);
    await app.show();
    expect(newLines()).toEqual(['App.onShow pages/b/b', 'b.onShow']);
  });
});

describe('page events', () => {
  it('delivers onPullDownRefresh({ from }), onReachBottom() and onPageScroll({ scrollTop }) to the page on top', async () => {
    await app.navigate('reLaunch', { url: '/pages/index/index' });
    newLines();
    const stops: string[] = [];
    app.session.container.on('ui', (request) => stops.push(request.type));
    const p = app.currentPage();
    await p.pullDownRefresh();
    await p.reachBottom();
    await p.scrollTo(120);
    expect(newLines()).toEqual(['index.onPullDownRefresh manual', 'index.onReachBottom', 'index.onPageScroll 120']);
    expect(stops).toEqual(['stopPullDownRefresh']);
    expect(app.errors).toEqual([]);
  });
});
