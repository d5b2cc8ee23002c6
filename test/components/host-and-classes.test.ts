/**
 * The component host from JS and external classes (docs: framework/自定义组件/组件模板和样式.md →
 * 非虚拟化组件节点, 外部样式类; 组件对象.md → options): `Component({ options: { virtualHost } })`
 * wins over the .json both ways; `externalClasses` with `options.externalClasses` apply the classes
 * the owner passes (several, none, changed later).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

describe('virtualHost from JS and externalClasses', () => {
  let app: MiniApp;

  beforeAll(async () => {
    app = await launchProject({
      ...page('pages/index/index', {
        axml: `
<view id="js-solid"><js-solid id="solid-host" class="big" style="color: blue">text</js-solid></view>
<view id="js-virtual"><js-virtual id="virtual-host" class="gone"/></view>
<view id="styled-1"><styled my-class="red-text" title-class="large-text bold"/></view>
<view id="styled-2"><styled my-class="{{cls}}"/></view>
<button id="restyle" onTap="restyle">restyle</button>`,
        js: `Page({ data: { cls: 'red-text' }, restyle() { this.setData({ cls: 'large-text' }); } });`,
        acss: `.red-text { color: red; } .large-text { font-size: 20px; }`,
        json: { usingComponents: { 'js-solid': '/components/js-solid/js-solid', 'js-virtual': '/components/js-virtual/js-virtual', styled: '/components/styled/styled' } },
      }),
      ...component('components/js-solid/js-solid', {
        axml: `<view class="inner"><slot/></view>`,
        js: `Component({ options: { virtualHost: false } });`,
      }),
      ...component('components/js-virtual/js-virtual', {
        axml: `<view class="inner-virtual">virtual</view>`,
        js: `Component({ options: { virtualHost: true } });`,
        json: { virtualHost: false },
      }),
      ...component('components/styled/styled', {
        axml: `<view class="my-class keep">body</view><view class="title-class">title</view><view class="none">{{label}}</view>`,
        js: `Component({ options: { externalClasses: true }, externalClasses: ['my-class', 'title-class'], props: { label: 'x' } });`,
      }),
    });
  });

  it('options.virtualHost: false from JS renders a host element that takes the tag\'s id, class and style', () => {
    const host = app.currentPage().querySelector('#solid-host');
    expect(host?.tag).toBe('js-solid');
    expect(host?.attrs).toMatchObject({ class: 'big', style: 'color: blue' });
    expect(app.currentPage().querySelector('#js-solid > js-solid > .inner')).not.toBeNull();
    expect(app.currentPage().text('#solid-host')).toBe('text');
  });

  it('options.virtualHost: true from JS wins over "virtualHost": false in the .json', () => {
    expect(app.currentPage().querySelector('#virtual-host')).toBeNull();
    expect(app.currentPage().querySelector('#js-virtual > .inner-virtual')).not.toBeNull();
  });

  it('external classes become the classes the owner passed; names without a value are dropped', () => {
    const first = app.currentPage().querySelectorAll('#styled-1 view');
    expect(first.map((n) => n.attrs.class)).toEqual(['red-text keep', 'large-text bold', 'none']);
    const second = app.currentPage().querySelectorAll('#styled-2 view');
    expect(second.map((n) => n.attrs.class)).toEqual(['red-text keep', '', 'none']);
  });

  it('a new value from the owner restyles the component', async () => {
    await app.currentPage().tap('#restyle');
    expect(app.currentPage().querySelectorAll('#styled-2 view').map((n) => n.attrs.class)).toEqual(['large-text keep', '', 'none']);
  });
});
