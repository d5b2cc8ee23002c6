/**
 * Launch options (docs: framework/小程序全局配置/app.js 注册小程序.md, api/基础API/基础/my.getLaunchOptionsSync.md):
 * `App.onLaunch/onShow(options)` get the app's launch query — no `query` key at all when the app was opened
 * without one ("未传入则为 undefined"), so `if (options.query)` works — the page's `onLoad(query)` gets the
 * page query of the launch path (an object, `{}` without one),
 * and a launch path that does not exist reaches `App.onPageNotFound` while the entry page opens.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, launchProject, logLines, page, type ProjectFiles } from '../support/project.ts';

const files: ProjectFiles = {
  'app.json': { pages: ['pages/index/index', 'pages/detail/detail'] },
  'app.js': `
App({
  onLaunch(options) { console.log('onLaunch', options.path, 'query' in options ? JSON.stringify(options.query) : 'no query'); },
  onShow(options) { console.log('onShow', 'query' in options ? JSON.stringify(options.query) : 'no query'); },
  onPageNotFound(res) { console.log('onPageNotFound', res.path, res.isEntryPage); },
});`,
  ...page('pages/index/index', { axml: '<view>index</view>', js: `Page({ onLoad(q) { console.log('index.onLoad', JSON.stringify(q)); } });` }),
  ...page('pages/detail/detail', { axml: '<view>detail</view>', js: `Page({ onLoad(q) { console.log('detail.onLoad', JSON.stringify(q)); } });` }),
};

afterAll(closeAll);

describe('launch options', () => {
  it('keeps the app launch query and the page query apart', async () => {
    const app = await launchProject(files, { page: 'pages/detail/detail?id=7', query: { from: 'scan' } });
    expect(logLines(app)).toEqual([
      'onLaunch pages/detail/detail {"from":"scan"}',
      'onShow {"from":"scan"}',
      'detail.onLoad {"id":"7"}',
    ]);
  });

  it('gives App.onLaunch/onShow and my.getLaunchOptionsSync() no query at all when the app was opened without one', async () => {
    const app = await launchProject({
      'app.js': `
App({
  onLaunch(options) { console.log('onLaunch', options.query ? 'has a query' : 'no query', Object.keys(options).sort().join(',')); },
  onShow(options) { console.log('onShow', 'query' in options); },
});`,
      ...page('pages/index/index', {
        axml: '<view/>',
        js: `Page({ onLoad(q) { console.log('onLoad', JSON.stringify(q), JSON.stringify(my.getLaunchOptionsSync()), 'query' in my.getEnterOptionsSync()); } });`,
      }),
    });
    await app.hide();
    await app.show();
    expect(logLines(app)).toEqual([
      'onLaunch no query path,scene',
      'onShow false',
      'onLoad {} {"path":"pages/index/index","scene":1000} false',
      'onShow false',
    ]);
  });

  it('my.getLaunchOptionsSync() returns the launch query App.onLaunch got', async () => {
    const app = await launchProject(
      { ...page('pages/index/index', { axml: '<view/>', js: `Page({ onLoad() { console.log(JSON.stringify(my.getLaunchOptionsSync().query)); } });` }) },
      { query: { from: 'scan' } },
    );
    expect(logLines(app)).toEqual(['{"from":"scan"}']);
  });

  it('tells App.onPageNotFound about a missing launch page and opens the entry page', async () => {
    const app = await launchProject(files, { page: 'pages/gone/gone' });
    expect(logLines(app)).toEqual(['onLaunch pages/gone/gone no query', 'onShow no query', 'onPageNotFound pages/gone/gone false', 'index.onLoad {}']);
    expect(app.currentPage().route).toBe('pages/index/index');
  });
});
