/**
 * Routing through the guest's my.* APIs (docs: api/基础API/界面/路由/my.navigateTo.md, my.redirectTo.md,
 * my.navigateBack.md, my.switchTab.md, my.reLaunch.md, 路由 FAQ.md; framework/小程序页面/getCurrentPages
 * 方法.md; framework/分包加载.md): queries, relative and absolute urls, tab pages, the 10-page stack,
 * navigateBack clamping and its failure at the bottom, reLaunch, lazily loaded subpackages, and
 * the fail/complete callbacks and Promise rejections with the documented error codes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject, logCursor, logLines, type ProjectFiles } from '../support/project.ts';

let app: MiniApp;
const newLines = logCursor(() => app);

/** Calls my[api](args) inside the app with success/fail/complete that log their argument. */
async function call(api: string, args: Record<string, unknown> = {}): Promise<string[]> {
  newLines();
  await app.emit('e2e:call', { api, args });
  return newLines().filter((l) => /^(success|fail|complete|then|catch) /.test(l));
}

function routes(): string[] {
  return app.pages().map((p) => p.route);
}

function simplePage(route: string): ProjectFiles {
  return {
    [`${route}.axml`]: `<view class="route">${route}</view>`,
    [`${route}.js`]: `Page({ onLoad(query) { console.log('onLoad ${route}', JSON.stringify(query)); } });`,
  };
}

beforeAll(async () => {
  app = await launchProject({
    'app.json': {
      pages: ['pages/index/index', 'pages/list/list', 'pages/list/detail', 'pages/tab2/tab2', 'pages/plain/plain'],
      subPackages: [{ root: 'sub', pages: ['pages/deep/deep'] }],
      tabBar: { items: [{ pagePath: 'pages/index/index', name: 'Home' }, { pagePath: 'pages/tab2/tab2', name: 'Two' }] },
    },
    'app.js': `
App({
  onLaunch() {
    my.on('e2e:call', ({ api, args }) => {
      const log = (kind) => (res) => console.log(kind, JSON.stringify(res === undefined ? null : res));
      if (args.promise) {
        delete args.promise;
        my[api](args).then(log('then'), log('catch'));
      } else {
        my[api]({ ...args, success: log('success'), fail: log('fail'), complete: log('complete') });
      }
    });
    my.on('e2e:pages', () => console.log('pages', getCurrentPages().map((p) => p.route).join(',')));
  },
});`,
    ...simplePage('pages/index/index'),
    ...simplePage('pages/list/list'),
    ...simplePage('pages/list/detail'),
    ...simplePage('pages/tab2/tab2'),
    ...simplePage('pages/plain/plain'),
    'sub/pages/deep/deep.axml': `<view class="route">deep {{n}}</view>`,
    'sub/pages/deep/deep.js': `console.log('sub module evaluated');\nPage({ data: { n: 1 }, onLoad(query) { console.log('onLoad sub/pages/deep/deep', JSON.stringify(query)); } });`,
    'sub/pages/deep/deep.json': {},
  });
});
afterAll(closeAll);
beforeEach(async () => {
  if (app.pages().length !== 1 || app.currentPage().route !== 'pages/index/index') await app.navigate('reLaunch', { url: '/pages/index/index' });
  newLines();
});

describe('urls and queries', () => {
  it('passes the query to onLoad, decoded', async () => {
    await call('navigateTo', { url: `/pages/list/list?id=12&name=${encodeURIComponent('小明')}&pct=${encodeURIComponent('%')}&flag` });
    expect(logLines(app)).toContain('onLoad pages/list/list {"id":"12","name":"小明","pct":"%","flag":""}');
    expect(app.currentPage().query).toEqual({ id: '12', name: '小明', pct: '%', flag: '' });
  });

  it('resolves ./x, ../x and bare x against the page on top, /x from the root', async () => {
    // success/complete get the EventChannel of the opened page (docs: my.navigateTo; it logs as {}).
    expect(await call('navigateTo', { url: '/pages/list/list' })).toEqual(['success {"eventChannel":{}}', 'complete {"eventChannel":{}}']);
    await call('navigateTo', { url: './detail?via=dot' });
    expect(app.currentPage().route).toBe('pages/list/detail');
    await call('navigateTo', { url: 'list?via=bare' });
    expect(app.currentPage().route).toBe('pages/list/list');
    await call('navigateTo', { url: '../plain/plain' });
    expect(routes()).toEqual(['pages/index/index', 'pages/list/list', 'pages/list/detail', 'pages/list/list', 'pages/plain/plain']);
  });

  it('fails with error 1 for a page that does not exist (fail, complete, and a rejected Promise)', async () => {
    expect(await call('navigateTo', { url: '/pages/nope/nope' })).toEqual([
      'fail {"error":1,"errorMessage":"/pages/nope/nope resolved to pages/nope/nope is not found"}',
      'complete {"error":1,"errorMessage":"/pages/nope/nope resolved to pages/nope/nope is not found"}',
    ]);
    expect(await call('redirectTo', { url: 'nope', promise: true })).toEqual(['catch {"error":1,"errorMessage":"nope resolved to pages/index/nope is not found"}']);
    expect(routes()).toEqual(['pages/index/index']);
  });

  it('fails with error 2 when url is missing', async () => {
    const lines = await call('navigateTo', {});
    expect(lines[0]).toMatch(/^fail \{"error":2,"errorMessage":".*url/);
  });
});

describe('the page stack', () => {
  it('getCurrentPages() lists the stack bottom → top with route', async () => {
    await call('navigateTo', { url: '/pages/list/list' });
    await call('navigateTo', { url: '/pages/plain/plain' });
    await app.emit('e2e:pages');
    expect(newLines()).toContain('pages pages/index/index,pages/list/list,pages/plain/plain');
  });

  it('holds at most 10 pages: the 11th navigateTo fails and the stack stays', async () => {
    for (let i = 0; i < 9; i++) await call('navigateTo', { url: `/pages/list/list?i=${i}` });
    expect(routes()).toHaveLength(10);
    const lines = await call('navigateTo', { url: '/pages/plain/plain' });
    expect(lines[0]).toMatch(/^fail \{"error":1,/);
    expect(routes()).toHaveLength(10);
    expect(app.currentPage().query).toEqual({ i: '8' });
    await call('redirectTo', { url: '/pages/plain/plain' });
    expect(routes()).toHaveLength(10);
    expect(app.currentPage().route).toBe('pages/plain/plain');
  });

  it('navigateBack goes back delta pages, clamped to the bottom page', async () => {
    for (let i = 0; i < 4; i++) await call('navigateTo', { url: `/pages/list/list?i=${i}` });
    expect(await call('navigateBack', { delta: 2 })).toEqual(['success {}', 'complete {}']);
    expect(app.currentPage().query).toEqual({ i: '1' });
    await call('navigateBack', { delta: 100 });
    expect(routes()).toEqual(['pages/index/index']);
  });

  it('navigateBack on the bottom page fails ("already top of navigation")', async () => {
    const lines = await call('navigateBack');
    expect(lines[0]).toBe('fail {"error":1,"errorMessage":"already top of navigation"}');
    expect(await call('navigateBack', { promise: true })).toEqual(['catch {"error":1,"errorMessage":"already top of navigation"}']);
  });

  it('redirectTo replaces the top page', async () => {
    await call('navigateTo', { url: '/pages/list/list' });
    await call('redirectTo', { url: '/pages/plain/plain?r=1' });
    expect(routes()).toEqual(['pages/index/index', 'pages/plain/plain']);
    expect(app.currentPage().query).toEqual({ r: '1' });
  });

  it('reLaunch closes everything and opens one page, with its query (tab pages too)', async () => {
    await call('navigateTo', { url: '/pages/list/list' });
    await call('reLaunch', { url: '/pages/tab2/tab2?from=relaunch' });
    expect(routes()).toEqual(['pages/tab2/tab2']);
    expect(app.currentPage().query).toEqual({ from: 'relaunch' });
  });
});

describe('tab pages', () => {
  it('switchTab opens a tab page, closing the others, and ignores a query', async () => {
    await call('navigateTo', { url: '/pages/list/list' });
    expect(await call('switchTab', { url: '/pages/tab2/tab2?ignored=1' })).toEqual(['success {}', 'complete {}']);
    expect(routes()).toEqual(['pages/tab2/tab2']);
    expect(app.currentPage().query).toEqual({});
    expect(logLines(app)).toContain('onLoad pages/tab2/tab2 {}');
  });

  it('switchTab refuses a page that is not in the tab bar', async () => {
    const lines = await call('switchTab', { url: '/pages/plain/plain' });
    expect(lines[0]).toBe('fail {"error":1,"errorMessage":"/pages/plain/plain resolved to pages/plain/plain is not tab,  which is not valid"}');
    expect(routes()).toEqual(['pages/index/index']);
  });
});

describe('subpackages', () => {
  it('loads a subpackage only when one of its pages is first opened, then keeps it', async () => {
    const parts: string[] = [];
    app.session.container.on('part', (part) => parts.push(part.root));
    expect(logLines(app)).not.toContain('sub module evaluated');
    await call('navigateTo', { url: '/sub/pages/deep/deep?x=1' });
    expect(parts).toEqual(['sub']);
    expect(logLines(app).filter((l) => l === 'sub module evaluated')).toHaveLength(1);
    expect(logLines(app)).toContain('onLoad sub/pages/deep/deep {"x":"1"}');
    expect(app.currentPage().text('.route')).toBe('deep 1');
    await call('navigateBack');
    await call('navigateTo', { url: '/sub/pages/deep/deep' });
    expect(parts).toEqual(['sub']);
    expect(logLines(app).filter((l) => l === 'sub module evaluated')).toHaveLength(1);
    expect(app.errors).toEqual([]);
  });
});

describe('code loading and launch options', () => {
  const modulePage = (route: string): ProjectFiles => ({
    [`${route}.axml`]: `<view class="route">${route}</view>`,
    [`${route}.js`]: `console.log('module ${route} evaluated');\nPage({ onLoad(query) { console.log('onLoad ${route}', JSON.stringify(query)); } });`,
  });
  const project = (appJson: object): ProjectFiles => ({
    'app.json': { pages: ['pages/index/index', 'pages/other/other'], ...appJson },
    'app.js': `App({ onLaunch(options) { console.log('App.onLaunch', options.path, JSON.stringify(options.query)); } });`,
    ...modulePage('pages/index/index'),
    ...modulePage('pages/other/other'),
  });

  it('runs every main-package page module at launch by default', async () => {
    const eager = await launchProject(project({}));
    expect(logLines(eager)).toContain('module pages/other/other evaluated');
  });

  it('with lazyCodeLoading "requiredComponents", runs a page module only when the page opens', async () => {
    const lazy = await launchProject(project({ lazyCodeLoading: 'requiredComponents' }));
    expect(logLines(lazy)).toContain('module pages/index/index evaluated');
    expect(logLines(lazy)).not.toContain('module pages/other/other evaluated');
    await lazy.navigate('navigateTo', { url: '/pages/other/other' });
    expect(logLines(lazy).filter((l) => l.startsWith('module pages/other/other'))).toHaveLength(1);
  });

  it('launches on a given page with its query', async () => {
    const direct = await launchProject(project({}), { page: 'pages/other/other?id=5' });
    expect(direct.currentPage().route).toBe('pages/other/other');
    expect(logLines(direct)).toContain('onLoad pages/other/other {"id":"5"}');
    expect(logLines(direct).find((l) => l.startsWith('App.onLaunch'))).toMatch(/^App\.onLaunch pages\/other\/other /);
  });
});
