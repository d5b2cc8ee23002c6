/**
 * The tab bar APIs (docs: 基础API/界面/tabBar — my.setTabBarBadge, removeTabBarBadge, show/hideTabBarRedDot,
 * show/hideTabBar, setTabBarItem, setTabBarStyle): checked against app.json tabBar (2 for an index outside
 * its items, 11 without a tab bar, 1 for setTabBarItem with a custom one), then drawn by the host's ui.tabBar.
 */
import { describe, expect, it } from 'vitest';
import { createHeadlessUi } from '../../src/jsapi/index.ts';
import { appConfig, harness, ok } from './helpers.ts';

const tabBar = { items: [{ pagePath: 'pages/index/index', name: 'Home' }, { pagePath: 'pages/me/me', name: 'Me' }] };

describe('tab bar APIs', () => {
  it('hand each change to ui.tabBar (the headless UI records it)', async () => {
    const ui = createHeadlessUi();
    const { call } = harness({ ui }, { app: appConfig({ tabBar }) });
    ok(await call('setTabBarBadge', { index: 1, text: '3' }));
    ok(await call('removeTabBarBadge', { index: 1 }));
    ok(await call('showTabBarRedDot', { index: '0' }));
    ok(await call('hideTabBar', { animation: true }));
    ok(await call('setTabBarItem', { index: 0, text: '首页', iconPath: '/a.png' }));
    ok(await call('setTabBarStyle', { color: '#000', selectedColor: '#f00', backgroundColor: '#fff', borderStyle: 'white' }));
    expect(ui.calls).toEqual([
      { api: 'setTabBarBadge', args: { index: 1, text: '3' } },
      { api: 'removeTabBarBadge', args: { index: 1 } },
      { api: 'showTabBarRedDot', args: { index: 0 } },
      { api: 'hideTabBar', args: { animation: true } },
      { api: 'setTabBarItem', args: { index: 0, text: '首页', iconPath: '/a.png' } },
      { api: 'setTabBarStyle', args: { color: '#000', selectedColor: '#f00', backgroundColor: '#fff', borderStyle: 'white' } },
    ]);
  });

  it('fail with the documented codes', async () => {
    const { call } = harness({}, { app: appConfig({ tabBar }) });
    expect(await call('setTabBarBadge', { index: 5, text: '1' })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'setTabBarBadge: 无效参数: Error: Index 5 of TabBar do not exists!' } });
    expect(await call('showTabBarRedDot', {})).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await harness().call('hideTabBar')).toMatchObject({ ok: false, error: { error: 11, errorMessage: expect.stringContaining('当前页面不在 tabBar 上') } });
    const custom = harness({}, { app: appConfig({ tabBar: { ...tabBar, customize: true } }) });
    expect(await custom.call('setTabBarItem', { index: 0, text: 'x' })).toMatchObject({ ok: false, error: { error: 1, errorMessage: 'Currently using customize tabBar. The API [setTabBarItem] does not support!' } });
    ok(await custom.call('setTabBarBadge', { index: 0, text: 'x' }));
  });
});
