/**
 * Config forms real apps write that the docs do not (AD fw/小程序全局配置/app.json 应用配置, 页面配置):
 * they build and run as on the platform, normalised in the manifest; a component cycle that ends
 * through a:if renders (a warning, like a component that uses itself).
 */
import { build } from '@mpk/compiler';
import { afterAll, expect, it } from 'vitest';
import { closeAll, component, launchProject, page, writeProject } from '../support/project.ts';

afterAll(closeAll);

it('booleans for YES/NO keys, YES/NO for booleans and lazyCodeLoading "renderedComponents" build and run', async () => {
  const files = {
    'app.json': { pages: ['pages/index/index'], lazyCodeLoading: 'renderedComponents', window: { allowsBounceVertical: true, pullRefresh: 'NO' } },
    ...page('pages/index/index', { axml: '<view id="v">ok</view>', json: { allowsBounceVertical: false, pullRefresh: 'YES' } }),
  };
  const result = await build(await writeProject(files), { write: false });
  expect(result.diagnostics).toEqual([]);
  expect(result.manifest!.app).toMatchObject({ lazyCodeLoading: 'requiredComponents', window: { allowsBounceVertical: 'YES', pullRefresh: false } });
  expect(result.manifest!.pages['pages/index/index']!.window).toEqual({ allowsBounceVertical: 'NO', pullRefresh: true });
  const app = await launchProject(files);
  expect(app.currentPage().text('#v')).toBe('ok');
  expect(app.errors).toEqual([]);
});

it('components that use each other in a cycle render while a:if ends it (MPK1063 is a warning)', async () => {
  const files = {
    ...page('pages/index/index', { axml: '<ping n="{{3}}"/>', json: { usingComponents: { ping: '/components/ping/ping' } } }),
    ...component('components/ping/ping', {
      axml: '<text class="ping">ping{{n}}</text><pong a:if="{{n > 1}}" n="{{n - 1}}"/>',
      js: 'Component({ props: { n: 0 } });',
      json: { usingComponents: { pong: '/components/pong/pong' } },
    }),
    ...component('components/pong/pong', {
      axml: '<text class="pong">pong{{n}}</text><ping a:if="{{n > 1}}" n="{{n - 1}}"/>',
      js: 'Component({ props: { n: 0 } });',
      json: { usingComponents: { ping: '/components/ping/ping' } },
    }),
  };
  const result = await build(await writeProject(files), { write: false });
  expect(result.ok).toBe(true);
  expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MPK1063', 'warning']]);
  const app = await launchProject(files);
  expect(app.currentPage().html().match(/p[io]ng\d/g)).toEqual(['ping3', 'pong2', 'ping1']);
  expect(app.errors).toEqual([]);
});
