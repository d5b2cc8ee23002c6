/**
 * Slots (docs: framework/自定义组件/组件模板和样式.md): the default slot and its fallback, named slots
 * (passing only named ones keeps the default fallback), dynamic slot names, scoped slots
 * (`slot-scope`), and slot content belonging to whoever wrote it (its data, its handlers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp, MiniPage } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logLines, page } from '../support/project.ts';

let app: MiniApp;
const lines = (p: MiniPage, sel: string): string[] => p.querySelectorAll(sel).map((n) => app.session.renderer.text(n).trim());

beforeAll(async () => {
  app = await launchProject({
    ...page('pages/index/index', {
      axml: `
<view id="none"><my-component/></view>
<view id="children"><my-component><view>header</view><view>footer</view></my-component></view>
<view id="named-only"><named><view slot="header">header</view><view slot="footer">footer</view></named></view>
<view id="named-and-default"><named><view>this is to default slot</view><view slot="header">header</view><view slot="footer">footer</view></named></view>
<view id="page-data"><my-component><view id="slot-content" onTap="slotTapped">page data: {{y}}</view></my-component></view>
<view id="scoped"><scoped><view slot-scope="props"><view>component data: {{props.x}}</view><view>page data: {{y}}</view></view></scoped></view>
<view id="demo"><i1 count="{{count}}"><view slot="slot{{item}}" a:for="{{[1, 2]}}">{{item}}</view><view slot="scope" slot-scope="c">{{c.value}}</view>count: {{count}}</i1></view>
<button id="plus" onTap="plus">count+</button>`,
      js: `
Page({
  data: { y: 2, count: 2 },
  plus() { this.setData({ count: this.data.count + 1, y: this.data.y + 1 }); },
  slotTapped() { console.log('page handler ran for slot content'); },
});`,
      json: { usingComponents: { 'my-component': '/components/index/index', named: '/components/named/named', scoped: '/components/scoped/scoped', i1: '/components/complex/i1' } },
    }),
    ...component('components/index/index', {
      axml: `<view><slot><view>default slot & default value</view></slot><view>other</view></view>`,
      js: `Component({ methods: { slotTapped() { console.log('component handler must not run'); } } });`,
    }),
    ...component('components/named/named', {
      axml: `<view><slot><view>default slot & default value</view></slot><slot name="header"/><view>body</view><slot name="footer"/></view>`,
    }),
    ...component('components/scoped/scoped', {
      axml: `<view><slot x="{{x}}"><view>default slot & default value</view></slot><view>body</view></view>`,
      js: `Component({ data: { x: 1 } });`,
    }),
    ...component('components/complex/i1', {
      axml: `<slot/><view class="numbered" a:for="{{[1, 2, 3]}}"><slot name="slot{{item}}">default</slot></view><view class="scope"><slot name="scope" value="{{o.value}}"/></view><button id="change" onTap="change">change scope slot value</button>`,
      js: `Component({ data: { o: { value: 'scope-value' } }, methods: { change() { this.setData({ 'o.value': 'changed-scope-value' }); } } });`,
    }),
  });
});
afterAll(closeAll);

describe('default slot', () => {
  it('renders the fallback when the user passes nothing', () => {
    expect(app.currentPage().text('#none')).toBe('default slot & default valueother');
  });

  it('replaces the fallback with the children', () => {
    expect(app.currentPage().text('#children')).toBe('headerfooterother');
  });
});

describe('named slots', () => {
  it('keeps the default fallback when only named slots are passed', () => {
    expect(app.currentPage().text('#named-only')).toBe('default slot & default valueheaderbodyfooter');
  });

  it('puts children without a slot name in the default slot', () => {
    expect(app.currentPage().text('#named-and-default')).toBe('this is to default slotheaderbodyfooter');
  });

  it('matches dynamic slot names, falling back per slot', () => {
    expect(lines(app.currentPage(), '#demo .numbered')).toEqual(['1', '2', 'default']);
  });
});

describe('slot content belongs to its writer', () => {
  it('reads the page data and updates with it', async () => {
    const p = app.currentPage();
    expect(p.text('#page-data')).toBe('page data: 2other');
    expect(p.text('#demo')).toContain('count: 2');
    await p.tap('#plus');
    expect(p.text('#page-data')).toBe('page data: 3other');
    expect(p.text('#demo')).toContain('count: 3');
  });

  it('runs its handlers on the page, not on the component', async () => {
    await app.currentPage().tap('#slot-content');
    const logs = logLines(app);
    expect(logs).toContain('page handler ran for slot content');
    expect(logs).not.toContain('component handler must not run');
  });
});

describe('scoped slots', () => {
  it('gives slot content the values the component passes, alongside the page data', () => {
    expect(app.currentPage().text('#scoped')).toBe('component data: 1page data: 3body');
  });

  it('updates scoped content when the component data changes', async () => {
    const p = app.currentPage();
    expect(p.text('#demo .scope')).toBe('scope-value');
    await p.tap('#change');
    expect(p.text('#demo .scope')).toBe('changed-scope-value');
    expect(app.errors).toEqual([]);
  });
});
