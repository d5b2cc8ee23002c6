/**
 * The tab bar (docs: 基础API/界面/tabBar): show/hide, badges, red dots, item text and icons, style.
 * Each call is checked against app.json `tabBar` — 11 (当前页面不在 tabBar 上) when the app has none,
 * 2 (无效参数: Error: Index n of TabBar do not exists!) for an index outside its items, 1 for
 * setTabBarItem with a custom tab bar — and then handed to the host's `ui.tabBar`, which draws it (the
 * headless UI records it).
 */

import type { TabBarRequest } from '../../adapters/ui.ts';
import { defineApi } from '../define.ts';
import { ApiFailure } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

const NO_TAB_BAR = '当前页面不在 tabBar 上 (app.json has no tabBar)';

async function tabBar(request: TabBarRequest, ctx: ApiCallContext): Promise<Record<string, never>> {
  const config = ctx.app.tabBar;
  if (!config || config.items.length === 0) throw new ApiFailure(11, `${request.api}: ${NO_TAB_BAR}`);
  if ('index' in request && (!Number.isInteger(request.index) || request.index < 0 || request.index >= config.items.length)) {
    throw new ApiFailure(2, `${request.api}: 无效参数: Error: Index ${request.index} of TabBar do not exists!`);
  }
  if (request.api === 'setTabBarItem' && config.customize) {
    throw new ApiFailure(1, 'Currently using customize tabBar. The API [setTabBarItem] does not support!');
  }
  await ctx.host.ui.tabBar(request, ctx.hostContext());
  return {};
}

export function tabBarApis(): ApiDefinition[] {
  const index = s.integer({ minimum: 0, description: 'The item, 0 … n-1 (app.json tabBar.items).' });
  const indexed = (name: 'removeTabBarBadge' | 'showTabBarRedDot' | 'hideTabBarRedDot') =>
    defineApi({
      name,
      kind: 'async',
      params: s.object({ index }, { required: ['index'] }),
      errors: { 2: 'the index is not one of tabBar.items', 11: NO_TAB_BAR },
      handler: (args: { index: number }, ctx) => tabBar({ api: name, index: args.index }, ctx),
    });
  const visibility = (name: 'showTabBar' | 'hideTabBar') =>
    defineApi({
      name,
      kind: 'async',
      params: s.object({ animation: s.boolean() }),
      errors: { 11: NO_TAB_BAR },
      handler: (args: { animation?: boolean }, ctx) => tabBar(args.animation === undefined ? { api: name } : { api: name, animation: args.animation }, ctx),
    });
  return [
    visibility('showTabBar'),
    visibility('hideTabBar'),
    defineApi({
      name: 'setTabBarBadge',
      kind: 'async',
      params: s.object({ index, text: s.string() }, { required: ['index', 'text'] }),
      errors: { 2: 'the index is not one of tabBar.items', 11: NO_TAB_BAR },
      handler: (args: { index: number; text: string }, ctx) => tabBar({ api: 'setTabBarBadge', index: args.index, text: args.text }, ctx),
    }),
    indexed('removeTabBarBadge'),
    indexed('showTabBarRedDot'),
    indexed('hideTabBarRedDot'),
    defineApi({
      name: 'setTabBarItem',
      kind: 'async',
      params: s.object({ index, text: s.string(), iconPath: s.string(), selectedIconPath: s.string() }, { required: ['index', 'text'] }),
      errors: { 1: 'a custom tab bar (tabBar.customize)', 2: 'the index is not one of tabBar.items', 11: NO_TAB_BAR },
      handler: (args: { index: number; text: string; iconPath?: string; selectedIconPath?: string }, ctx) => tabBar({ api: 'setTabBarItem', ...args }, ctx),
    }),
    defineApi({
      name: 'setTabBarStyle',
      kind: 'async',
      params: s.object(
        { color: s.string(), selectedColor: s.string(), backgroundColor: s.string(), borderStyle: s.string() },
        { required: ['color', 'selectedColor', 'backgroundColor', 'borderStyle'] },
      ),
      errors: { 2: 'invalid parameter', 11: NO_TAB_BAR },
      handler: (args: { color: string; selectedColor: string; backgroundColor: string; borderStyle: string }, ctx) => tabBar({ api: 'setTabBarStyle', ...args }, ctx),
    }),
  ];
}
