/**
 * Less (AD fw/小程序全局配置/项目配置: compileOptions.less): with it on, .less sheets of the app,
 * pages and components and their @imports are compiled, then go through the ACSS steps (rpx,
 * scoping); the page renders with them.
 */
import { build } from '@mpk/compiler';
import { afterAll, expect, it } from 'vitest';
import { closeAll, component, launchProject, page, writeProject } from '../support/project.ts';

afterAll(closeAll);

const files = {
  'mini.project.json': { format: 2, compileOptions: { less: true } },
  'styles/vars.less': '@brand: #1677ff;\n@space: 16rpx;\n.pill(@r: 999rpx) { border-radius: @r; }\n',
  'app.less': "@import './styles/vars';\npage { background: fade(@brand, 10%); }\n",
  ...page('pages/index/index', {
    axml: '<view class="list"><view class="list-item">one</view></view><badge text="new"/>',
    json: { usingComponents: { badge: '/components/badge/badge' } },
  }),
  'pages/index/index.less': "@import '/styles/vars.less';\n.list {\n  padding: @space;\n  &-item { color: @brand; .pill(); }\n}\n",
  ...component('components/badge/badge', { axml: '<text class="badge">{{text}}</text>', js: 'Component({ props: { text: "" } });' }),
  'components/badge/badge.less': "@import '../../styles/vars.less';\n.badge { margin-left: (@space / 2); }\n",
};

it('compiles the Less sheets into the package style and renders the page', async () => {
  const dir = await writeProject(files);
  const result = await build(dir, { write: false });
  expect(result.diagnostics).toEqual([]);
  const css = await result.source!.readText('style.css');
  expect(css).toContain(':where(.mpk-page) {\n  background: rgba(22, 119, 255, 0.1);\n}');
  expect(css).toContain(':where(.mpk-page[data-mpk-page="pages/index/index"]) .list {\n  padding: calc(16 * var(--mpk-rpx));\n}');
  expect(css).toContain(':where(.mpk-page[data-mpk-page="pages/index/index"]) .list-item {\n  color: #1677ff;\n  border-radius: calc(999 * var(--mpk-rpx));\n}');
  expect(css).toContain('.badge {\n  margin-left: calc(8 * var(--mpk-rpx));\n}');
  expect(css).not.toMatch(/@brand|@space|\.pill/);

  const app = await launchProject(files);
  expect(app.currentPage().text('.list-item')).toBe('one');
  expect(app.currentPage().text('.badge')).toBe('new');
  expect(app.errors).toEqual([]);
});
