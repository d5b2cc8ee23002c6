/**
 * Conditional and list rendering (docs: framework/AXML/条件渲染.md, 列表渲染.md): a:if/a:elif/a:else,
 * <block>, hidden, a:for with default and custom item/index names, nesting, a:key (a property and
 * `*this`) and `key`, and keyed reorders keeping the state of the components inside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp, MiniPage } from '@mpk/devtools/harness';
import { closeAll, component, componentsOf, launchProject, page } from '../support/project.ts';

let app: MiniApp;
const texts = (p: MiniPage, sel: string): string[] => p.querySelectorAll(sel).map((n) => app.session.renderer.text(n).trim());

beforeAll(async () => {
  app = await launchProject({
    ...page('pages/index/index', {
      axml: `
<view id="cond" a:if="{{length > 5}}">1</view>
<view id="cond" a:elif="{{length > 2}}">2</view>
<view id="cond" a:else>3</view>
<block a:if="{{show}}"><view class="blk">view1</view><view class="blk">view2</view></block>
<view id="lazy" a:if="{{show}}"><counter/></view>
<view id="hid" hidden="{{!show}}">still rendered</view>
<view class="row" a:for="{{array}}">{{index}}: {{item.message}}</view>
<view class="named" a:for="{{array}}" a:for-index="idx" a:for-item="itemName">{{idx}}: {{itemName.message}}</view>
<view class="outer" a:for="{{[1, 2, 3]}}" a:for-item="i"><view class="cell" a:for="{{[1, 2, 3]}}" a:for-item="j"><text a:if="{{i <= j}}">{{i}}*{{j}}={{i * j}}</text></view></view>
<block a:for="{{[1, 2]}}"><view class="pair">{{index}}:</view><view class="pair">{{item}}</view></block>
<view class="this-key" a:for="{{list}}" a:key="*this"><counter label="{{item}}"/></view>
<view class="prop-key" a:for="{{people}}" a:key="id"><counter label="{{item.name}}"/></view>
<view class="expr-key" a:for="{{list}}" key="{{'k' + item}}"><counter label="{{item}}"/></view>
<view class="unkeyed" a:for="{{list}}"><counter label="{{item}}"/></view>
<view class="empty" a:for="{{nothing}}">never</view>`,
      js: `
Page({
  onLoad() { my.on('e2e:setData', (data) => this.setData(data)); },
  data: {
    length: 3, show: false,
    array: [{ message: 'foo' }, { message: 'bar' }],
    list: ['1', '2', '3', '4'],
    people: [{ id: 'a', name: 'Ann' }, { id: 'b', name: 'Bob' }, { id: 'c', name: 'Cy' }],
  },
});`,
      json: { usingComponents: { counter: '/components/counter/counter' } },
    }),
    ...component('components/counter/counter', {
      axml: `<view class="counter" onTap="bump">{{label}}={{count}}</view>`,
      js: `Component({ props: { label: '' }, data: { count: 0 }, methods: { bump() { this.setData({ count: this.data.count + 1 }); } } });`,
    }),
  });
});
afterAll(closeAll);

describe('a:if / a:elif / a:else', () => {
  it('renders exactly the first branch whose condition holds', async () => {
    const p = app.currentPage();
    expect(texts(p, '#cond')).toEqual(['2']);
    await setData({ length: 6 });
    expect(texts(p, '#cond')).toEqual(['1']);
    await setData({ length: 1 });
    expect(texts(p, '#cond')).toEqual(['3']);
  });

  it('wraps several nodes in <block> without rendering the block', async () => {
    const p = app.currentPage();
    expect(p.querySelectorAll('.blk')).toHaveLength(0);
    await setData({ show: true });
    expect(texts(p, '.blk')).toEqual(['view1', 'view2']);
    expect(p.html()).not.toContain('<block');
    const parent = p.querySelectorAll('.blk')[0]!.parent!;
    expect(parent.tag).toBe('page');
  });

  it('does not render (nor create components in) a false branch, while hidden always renders', async () => {
    const p = app.currentPage();
    await setData({ show: false });
    expect(p.querySelector('#lazy')).toBeNull();
    const counters = (): number => componentsOf(p).filter((c) => c.is === 'components/counter/counter').length;
    const withoutBranch = counters();
    expect(p.querySelector('#hid')!.attrs.hidden).toBe(true);
    expect(p.text('#hid')).toBe('still rendered');
    await setData({ show: true });
    expect(p.querySelector('#lazy .counter')).not.toBeNull();
    expect(counters()).toBe(withoutBranch + 1);
    expect(p.querySelector('#hid')!.attrs.hidden).toBe(false);
  });
});

describe('a:for', () => {
  it('names the item and index item/index by default, or as a:for-item/a:for-index say', () => {
    const p = app.currentPage();
    expect(texts(p, '.row')).toEqual(['0: foo', '1: bar']);
    expect(texts(p, '.named')).toEqual(['0: foo', '1: bar']);
  });

  it('nests loops, each with its own item name', () => {
    const p = app.currentPage();
    expect(texts(p, '.outer text')).toEqual(['1*1=1', '1*2=2', '1*3=3', '2*2=4', '2*3=6', '3*3=9']);
    expect(p.querySelectorAll('.cell')).toHaveLength(9);
  });

  it('repeats a multi-node <block>', () => {
    expect(texts(app.currentPage(), '.pair')).toEqual(['0:', '1', '1:', '2']);
  });

  it('renders nothing for a missing list', () => {
    expect(app.currentPage().querySelectorAll('.empty')).toHaveLength(0);
  });
});

describe('keys keep component state across reorders', () => {
  it('a:key="*this": the moved item keeps its counter, and the DOM node moves rather than being rebuilt', async () => {
    const p = app.currentPage();
    const tapCounter = async (index: number): Promise<void> => {
      app.session.renderer.dispatch(p.querySelectorAll('.this-key .counter')[index]!, 'tap');
      await app.session.container.waitForIdle();
    };
    await tapCounter(2);
    await tapCounter(2);
    await tapCounter(0);
    expect(texts(p, '.this-key .counter')).toEqual(['1=1', '2=0', '3=2', '4=0']);
    const before = p.querySelectorAll('.this-key')[2]!;
    await setData({ list: ['3', '1', '2', '4'] });
    expect(texts(p, '.this-key .counter')).toEqual(['3=2', '1=1', '2=0', '4=0']);
    expect(p.querySelectorAll('.this-key')[0]!.id).toBe(before.id);
  });

  it('key="{{expr}}" works like a:key', () => {
    const p = app.currentPage();
    // counters in .expr-key were never tapped: labels follow the data, counts are all zero
    expect(texts(p, '.expr-key .counter')).toEqual(['3=0', '1=0', '2=0', '4=0']);
  });

  it("a:key=\"prop\": reversing and removing keep each person's own counter", async () => {
    const p = app.currentPage();
    const counters = p.querySelectorAll('.prop-key .counter');
    app.session.renderer.dispatch(counters[0]!, 'tap');
    await app.session.container.waitForIdle();
    app.session.renderer.dispatch(counters[2]!, 'tap');
    await app.session.container.waitForIdle();
    app.session.renderer.dispatch(counters[2]!, 'tap');
    await app.session.container.waitForIdle();
    expect(texts(p, '.prop-key .counter')).toEqual(['Ann=1', 'Bob=0', 'Cy=2']);
    await setData({ people: [{ id: 'c', name: 'Cy' }, { id: 'b', name: 'Bob' }, { id: 'a', name: 'Ann' }] });
    expect(texts(p, '.prop-key .counter')).toEqual(['Cy=2', 'Bob=0', 'Ann=1']);
    await setData({ people: [{ id: 'b', name: 'Bob' }, { id: 'a', name: 'Ann' }] });
    expect(texts(p, '.prop-key .counter')).toEqual(['Bob=0', 'Ann=1']);
  });

  it("without a key, state stays with the position (the docs' reason to add one)", async () => {
    const p = app.currentPage();
    app.session.renderer.dispatch(p.querySelectorAll('.unkeyed .counter')[0]!, 'tap');
    await app.session.container.waitForIdle();
    expect(texts(p, '.unkeyed .counter')).toEqual(['3=1', '1=0', '2=0', '4=0']);
    await setData({ list: ['1', '2', '3', '4'] });
    expect(texts(p, '.unkeyed .counter')).toEqual(['1=1', '2=0', '3=0', '4=0']);
    expect(app.errors).toEqual([]);
  });
});

/** setData on the current page from the test, through a host event the page listens to. */
async function setData(data: Record<string, unknown>): Promise<void> {
  await app.emit('e2e:setData', data);
}
