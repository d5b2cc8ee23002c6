/**
 * Node identity across re-renders: content that appears, disappears or grows (a:if, a:for,
 * <template is>, <include>) must not shift its siblings onto each other, or the components
 * after it would be re-created and lose their state (docs: framework/AXML/列表渲染.md keeps
 * "features and state" of keyed items; a sibling outside the list is never "moved").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp, MiniPage } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, page } from '../support/project.ts';

let app: MiniApp;
const counters = (p: MiniPage, sel: string): string[] => p.querySelectorAll(`${sel} .counter`).map((n) => app.session.renderer.text(n));

async function tapCounter(p: MiniPage, sel: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    app.session.renderer.dispatch(p.querySelector(`${sel} .counter`)!, 'tap');
    await app.session.container.waitForIdle();
  }
}

beforeAll(async () => {
  app = await launchProject({
    ...page('pages/index/index', {
      axml: `
<view id="cond">
  <view a:if="{{show}}">conditional</view>
  <view class="after"><counter label="a"/></view>
</view>
<view id="list">
  <view a:for="{{list}}">{{item}}</view>
  <view class="after"><counter label="b"/></view>
</view>
<view id="keyed-list">
  <view a:for="{{list}}" a:key="*this">{{item}}</view>
  <view class="after"><counter label="c"/></view>
</view>
<view id="tpl">
  <template is="maybe" data="{{show}}"/>
  <view class="after"><counter label="d"/></view>
</view>
<view id="branches">
  <counter a:if="{{show}}" label="if"/>
  <other a:else/>
  <counter label="e"/>
</view>
<view id="nested">
  <block a:for="{{groups}}" a:key="name">
    <text>{{item.name}}</text>
    <view class="cell" a:for="{{item.cells}}" a:for-item="cell">{{cell}}</view>
  </block>
</view>
<template name="maybe"><view a:if="{{show}}">from template</view></template>`,
      js: `
Page({
  data: { show: false, list: ['x'], groups: [{ name: 'g1', cells: [1, 2] }, { name: 'g2', cells: [3] }] },
  onLoad() { my.on('e2e:setData', (data) => this.setData(data)); },
});`,
      json: { usingComponents: { counter: '/components/counter/counter', other: '/components/other/other' } },
    }),
    ...component('components/counter/counter', {
      axml: `<view class="counter" onTap="bump">{{label}}={{count}}</view>`,
      js: `Component({ props: { label: '' }, data: { count: 0 }, methods: { bump() { this.setData({ count: this.data.count + 1 }); } } });`,
    }),
    ...component('components/other/other', { axml: `<view class="other">other</view>` }),
  });
});
afterAll(closeAll);

describe('siblings keep their components', () => {
  it('when an a:if before them appears and disappears', async () => {
    const p = app.currentPage();
    await tapCounter(p, '#cond .after', 2);
    await app.emit('e2e:setData', { show: true });
    expect(p.text('#cond')).toBe('conditionala=2');
    await app.emit('e2e:setData', { show: false });
    expect(counters(p, '#cond')).toEqual(['a=2']);
  });

  it('when an unkeyed a:for before them grows and shrinks', async () => {
    const p = app.currentPage();
    await tapCounter(p, '#list .after', 3);
    await app.emit('e2e:setData', { list: ['x', 'y', 'z'] });
    expect(p.text('#list')).toBe('xyzb=3');
    await app.emit('e2e:setData', { list: [] });
    expect(p.text('#list')).toBe('b=3');
  });

  it('when a keyed a:for before them changes', async () => {
    const p = app.currentPage();
    await app.emit('e2e:setData', { list: ['x'] });
    await tapCounter(p, '#keyed-list .after', 1);
    await app.emit('e2e:setData', { list: ['q', 'x', 'r'] });
    expect(p.text('#keyed-list')).toBe('qxrc=1');
  });

  it('when a <template is> before them renders more or fewer nodes', async () => {
    const p = app.currentPage();
    await app.emit('e2e:setData', { show: false });
    await tapCounter(p, '#tpl .after', 2);
    await app.emit('e2e:setData', { show: true });
    expect(p.text('#tpl')).toBe('from templated=2');
    await app.emit('e2e:setData', { show: false });
    expect(p.text('#tpl')).toBe('d=2');
  });

  it('when a:if/a:else switch between components before them', async () => {
    const p = app.currentPage();
    expect(p.text('#branches')).toBe('othere=0');
    app.session.renderer.dispatch(p.querySelectorAll('#branches .counter').at(-1)!, 'tap');
    await app.session.container.waitForIdle();
    await app.emit('e2e:setData', { show: true });
    expect(p.text('#branches')).toBe('if=0e=1');
    await app.emit('e2e:setData', { show: false });
    expect(p.text('#branches')).toBe('othere=1');
  });
});

describe('nested loops', () => {
  it('render and update unkeyed loops inside a keyed <block a:for>', async () => {
    const p = app.currentPage();
    expect(p.text('#nested')).toBe('g112g23');
    await app.emit('e2e:setData', { groups: [{ name: 'g2', cells: [3, 4] }, { name: 'g1', cells: [1] }] });
    expect(p.text('#nested')).toBe('g234g11');
    expect(app.errors).toEqual([]);
  });
});
