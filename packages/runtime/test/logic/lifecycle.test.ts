import { afterEach, describe, expect, it } from 'vitest';
import { appBundle, ENGINES, FakeHost, LAUNCH } from './support/fake-host.ts';

const PAGE = `Page({
  data: { n: 0 },
  onLoad(q) { console.log('onLoad ' + JSON.stringify(q) + ' ' + this.route + ' ' + this.$id) },
  onShow() { console.log('onShow') },
  onReady() { console.log('onReady') },
  onHide() { console.log('onHide') },
  onUnload() { console.log('onUnload') },
  onPullDownRefresh(e) { console.log('onPullDownRefresh ' + e.from) },
  onReachBottom() { console.log('onReachBottom') },
  onPageScroll(e) { console.log('onPageScroll ' + e.scrollTop) },
  onTabItemTap(e) { console.log('onTabItemTap ' + e.index) },
  onTitleClick() { console.log('top-level onTitleClick') },
  events: {
    onTitleClick() { console.log('events.onTitleClick') },
    onResize(e) { console.log('events.onResize ' + e.size.windowWidth) },
  },
});`;

describe.each(ENGINES)('lifecycles (%s)', (engine) => {
  let host: FakeHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  it('launches the app: onLaunch then onShow, with the launch options', async () => {
    host = await FakeHost.start(
      appBundle({}, `App({ globalData: { v: 1 }, onLaunch(o) { console.log('onLaunch ' + o.path + ' ' + o.scene + ' ' + o.query.x) }, onShow(o) { console.log('onShow ' + o.path + ' ' + (getApp() === this)) } });`),
      { engine, launch: { ...LAUNCH, query: { x: '7' } } },
    );
    expect(host.messages[0]).toEqual({ t: 'ready', protocol: 1 });
    expect(host.trail()).toEqual(['onLaunch pages/index/index 1000 7', 'onShow pages/index/index true']);
    await host.send({ t: 'appHide' }, { t: 'appShow', options: { ...LAUNCH, path: 'pages/b/b' } });
    expect(host.trail().slice(2)).toEqual(['onShow pages/b/b true']);
  });

  it('calls onHide and onShow on background and foreground', async () => {
    host = await FakeHost.start(appBundle({}, `App({ onShow(o) { console.log('show ' + o.path) }, onHide() { console.log('hide') } });`), { engine });
    await host.send({ t: 'appHide' });
    await host.send({ t: 'appShow', options: { ...LAUNCH, path: 'pages/other/other' } });
    expect(host.trail()).toEqual(['show pages/index/index', 'hide', 'show pages/other/other']);
  });

  it('reports a missing App() and a second App() call', async () => {
    host = await FakeHost.start(appBundle({}, `console.log('no app here')`), { engine });
    expect(host.errors('uncaught').map((e) => e.message)).toEqual([expect.stringMatching(/App\(\) was not called/)]);
    await host.dispose();
    host = await FakeHost.start(appBundle({}, `App({ onLaunch() { console.log('first') } }); App({ onLaunch() { console.log('second') } });`), { engine });
    expect(host.trail()).toEqual(['first']);
    expect(host.errors('uncaught')[0].message).toMatch(/only once/);
  });

  it('getApp() is undefined before App() and the instance afterwards', async () => {
    host = await FakeHost.start(
      appBundle({ 'pages/index/index': `Page({ onLoad() { console.log('page sees ' + getApp().globalData.user) } });` },
        `console.log('before ' + typeof getApp()); App({ globalData: { user: 'ada' } }); console.log('after ' + getApp().globalData.user);`),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    expect(host.trail()).toEqual(['before undefined', 'after ada', 'page sees ada']);
  });

  it('runs the page lifecycle in the documented order, once for onLoad/onReady/onUnload', async () => {
    host = await FakeHost.start(appBundle({ 'pages/index/index': PAGE }, 'App({})'), { engine });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: { id: '3' } }, { t: 'pageShow', id: 1 });
    // The first render: a full set of the initial data, right after onLoad/onShow.
    expect(host.patches(1)).toEqual([{ t: 'patch', id: 1, seq: 1, ops: [['set', [], { n: 0 }]] }]);
    await host.send({ t: 'pageReady', id: 1 });
    await host.send({ t: 'pageReady', id: 1 });
    await host.send({ t: 'pageHide', id: 1 }, { t: 'pageShow', id: 1 });
    await host.send({ t: 'pageUnload', id: 1 });
    await host.send({ t: 'pageUnload', id: 1 }, { t: 'pageShow', id: 1 });
    expect(host.trail()).toEqual(['onLoad {"id":"3"} pages/index/index 1', 'onShow', 'onReady', 'onHide', 'onShow', 'onUnload']);
  });

  it('delivers page events; an events entry wins over the top-level method', async () => {
    host = await FakeHost.start(appBundle({ 'pages/index/index': PAGE }, 'App({})'), { engine });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    host.clear();
    await host.send(
      { t: 'pageEvent', id: 1, name: 'onPullDownRefresh', arg: { from: 'manual' } },
      { t: 'pageEvent', id: 1, name: 'onReachBottom' },
      { t: 'pageEvent', id: 1, name: 'onPageScroll', arg: { scrollTop: 120, scrollHeight: 900 } },
      { t: 'pageEvent', id: 1, name: 'onTabItemTap', arg: { from: 'user', pagePath: 'pages/index/index', text: 'Home', index: 0 } },
      { t: 'pageEvent', id: 1, name: 'onTitleClick' },
      { t: 'pageEvent', id: 1, name: 'onResize', arg: { size: { windowWidth: 400, windowHeight: 800 } } },
      { t: 'pageEvent', id: 1, name: 'onUnknownThing' },
    );
    expect(host.trail()).toEqual(['onPullDownRefresh manual', 'onReachBottom', 'onPageScroll 120', 'onTabItemTap 0', 'events.onTitleClick', 'events.onResize 400']);
    expect(host.errors()).toEqual([]);
  });

  it('keeps page instances apart: data objects are deep-copied per instance', async () => {
    host = await FakeHost.start(
      appBundle({ 'pages/list/list': `Page({ data: { list: [], nested: { n: 1 } }, onLoad() { this.data.list.push(1); this.data.nested.n++; console.log(this.data.list.length + ' ' + this.data.nested.n) } });` }, 'App({})'),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/list/list', query: {} });
    await host.send({ t: 'pageUnload', id: 1 });
    await host.send({ t: 'pageLoad', id: 2, route: 'pages/list/list', query: {} });
    // The docs' shallow copy would print "2 3" for the second instance; we copy deeply.
    expect(host.trail()).toEqual(['1 2', '1 2']);
  });

  it('supports data as a function, and custom fields and methods on the instance', async () => {
    host = await FakeHost.start(
      appBundle({ 'pages/f/f': `Page({ data() { return { made: this.route } }, customData: { name: 'alipay' }, helper() { return 'h' }, onLoad() { console.log(this.data.made + ' ' + this.customData.name + ' ' + this.helper()) } });` }, 'App({})'),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 4, route: 'pages/f/f', query: {} });
    expect(host.trail()).toEqual(['pages/f/f alipay h']);
    expect(host.data.get(4)).toEqual({ made: 'pages/f/f' });
  });

  it('getCurrentPages() follows the stack the host reports', async () => {
    host = await FakeHost.start(
      appBundle({
        'pages/a/a': `Page({ where() { return getCurrentPages().map((p) => p.route + '#' + p.$id).join(',') } });`,
        'pages/b/b': `Page({ onShow() { console.log(getCurrentPages().map((p) => p.route).join(',')) } });`,
      }, 'App({})'),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/a/a', query: {} }, { t: 'stack', ids: [1] });
    await host.send({ t: 'pageHide', id: 1 }, { t: 'pageLoad', id: 2, route: 'pages/b/b', query: {} }, { t: 'stack', ids: [1, 2] }, { t: 'pageShow', id: 2 });
    expect(host.trail()).toEqual(['pages/a/a,pages/b/b']);
  });

  it('reports an unregistered page and still renders it blank', async () => {
    host = await FakeHost.start(appBundle({}, 'App({})'), { engine });
    await host.send({ t: 'pageLoad', id: 9, route: 'pages/missing/missing', query: {} });
    expect(host.errors('uncaught')[0]).toMatchObject({ id: 9, message: expect.stringContaining('pages/missing/missing') });
    expect(host.patches(9)).toEqual([{ t: 'patch', id: 9, seq: 1, ops: [['set', [], {}]] }]);
  });

  it('runs modules lazily when eagerModules is false', async () => {
    host = await FakeHost.start(
      appBundle({ 'pages/a/a': `console.log('module a'); Page({})`, 'pages/b/b': `console.log('module b'); Page({})` }, `console.log('module app'); App({})`),
      { engine, eagerModules: false },
    );
    expect(host.trail()).toEqual(['module app']);
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/b/b', query: {} });
    expect(host.trail()).toEqual(['module app', 'module b']);
  });

  it('runs every module at launch by default, app first', async () => {
    host = await FakeHost.start(
      appBundle({ 'pages/a/a': `console.log('module a'); Page({})`, 'components/c/c': `console.log('module c'); Component({})` }, `console.log('module app'); App({ onLaunch() { console.log('onLaunch') } })`),
      { engine },
    );
    expect(host.trail()).toEqual(['module app', 'module a', 'module c', 'onLaunch']);
  });

  it('applies mixins to pages: data and methods with lower priority, rootEvents as page events', async () => {
    host = await FakeHost.start(
      appBundle({
        'pages/m/m': `
          const shared = Mixin({ data: { a: 'mixin', b: 'mixin' }, methods: { hello() { return 'mixin hello' }, own() { return 'mixin own' } }, rootEvents: { onShow() { console.log('mixin onShow') }, onReachBottom() { console.log('mixin bottom') } } });
          Page({ mixins: [shared], data: { b: 'page' }, own() { return 'page own' }, onShow() { console.log('page onShow ' + this.hello() + ' / ' + this.own()) } });`,
      }, 'App({})'),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/m/m', query: {} }, { t: 'pageShow', id: 1 }, { t: 'pageEvent', id: 1, name: 'onReachBottom' });
    expect(host.data.get(1)).toEqual({ a: 'mixin', b: 'page' });
    expect(host.trail()).toEqual(['mixin onShow', 'page onShow mixin hello / page own', 'mixin bottom']);
  });
});
