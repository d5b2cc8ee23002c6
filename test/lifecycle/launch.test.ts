/**
 * Launch options (docs: framework/小程序全局配置/app.js 注册小程序.md): `App.onLaunch/onShow(options)`
 * get the app's launch query, the page's `onLoad(query)` gets the page query of the launch path,
 * and a launch path that does not exist reaches `App.onPageNotFound` while the entry page opens.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, launchProject, logLines, page, type ProjectFiles } from '../support/project.ts';

const files: ProjectFiles = {
  'app.json': { pages: ['pages/index/index', 'pages/detail/detail'] },
  'app.js': `
App({
  onLaunch(options) { console.log('onLaunch', options.path, JSON.stringify(options.query)); },
  onShow(options) { console.log('onShow', JSON.stringify(options.query)); },
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

  it('tells App.onPageNotFound about a missing launch page and opens the entry page', async () => {
    const app = await launchProject(files, { page: 'pages/gone/gone' });
    expect(logLines(app)).toEqual(['onLaunch pages/gone/gone {}', 'onShow {}', 'onPageNotFound pages/gone/gone false', 'index.onLoad {}']);
    expect(app.currentPage().route).toBe('pages/index/index');
  });
});
