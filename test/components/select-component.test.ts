/**
 * `$selectComponent` / `$selectAllComponents` (docs: framework/自定义组件/组件对象.md → 组件实例方法;
 * ref 获取组件实例.md): from pages and components, by class, id, tag and descendant selectors, in
 * document order, limited to the caller's own template (slot content it passes included), `>>>`
 * reaching into other components, `ref()` values, only rendered components; and
 * `selectComposedParentComponent`, `hasMixin('ref')`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logCursor, page } from '../support/project.ts';

afterAll(closeAll);

describe('$selectComponent / $selectAllComponents', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);

  beforeAll(async () => {
    app = await launchProject({
      ...page('pages/index/index', {
        axml: `
<view class="list">
  <item class="child-class" id="first" name="one"/>
  <item class="child-class" name="two"/>
</view>
<item name="outside"/>
<wrapper id="wrap"><item class="slotted" name="in-slot"/></wrapper>
<refd class="refd"/>
<item a:if="{{more}}" class="child-class" name="three"/>
<button id="query" onTap="query">query</button><button id="more" onTap="more">more</button><button id="bad" onTap="bad">bad</button>`,
        js: `
Page({
  data: { more: false },
  onReady() { this.query(); },
  query() {
    const first = this.$selectComponent('.child-class');
    console.log('first', first && first.props.name, first && first.is);
    console.log('all', this.$selectAllComponents('.child-class').map((c) => c.props.name).join(','));
    console.log('by id', this.$selectComponent('#first').props.name);
    console.log('descendant', this.$selectAllComponents('.list .child-class').length);
    console.log('child combinator', this.$selectAllComponents('.list > item').length);
    console.log('by tag', this.$selectAllComponents('item').map((c) => c.props.name).join(','));
    console.log('slot content', this.$selectComponent('#wrap .slotted').props.name);
    console.log('inside another component', this.$selectComponent('.inner'), this.$selectComponent('#wrap >>> .inner').props.name);
    console.log('none', this.$selectComponent('.nothing'), this.$selectAllComponents('.nothing').length);
    console.log('ref', typeof this.$selectComponent('.refd').hello, this.$selectComponent('.refd').hello());
    console.log('setData works', (this.$selectComponent('#first').setData({ name: 'x' }), 'yes'));
  },
  more() { this.setData({ more: true }, () => console.log('after render', this.$selectAllComponents('.child-class').length)); },
  bad() { try { this.$selectComponent('.a['); } catch (e) { console.log('bad selector', e.message.includes('selectComponents')); } },
});`,
        json: { usingComponents: { item: '/components/item/item', wrapper: '/components/wrapper/wrapper', refd: '/components/refd/refd' } },
      }),
      ...component('components/item/item', {
        axml: `<view class="item">{{name}}</view>`,
        js: `Component({ props: { name: '' } });`,
      }),
      ...component('components/wrapper/wrapper', {
        axml: `<view class="wrapper"><slot/><item class="inner" name="inner"/></view>`,
        js: `
Component({
  didMount() {
    console.log('wrapper sees', this.$selectAllComponents('item').map((c) => c.props.name).join(','));
    console.log('composed parent of slot content', this.$selectComponent('.inner').selectComposedParentComponent() === this);
  },
});`,
        json: { usingComponents: { item: '/components/item/item' } },
      }),
      ...component('components/refd/refd', {
        axml: `<view/>`,
        js: `Component({ ref() { return { hello: () => 'hi from ref' }; }, didMount() { console.log('hasMixin ref', this.hasMixin('ref')); } });`,
      }),
    });
  });

  it('selects in document order, by class, id, tag and combinators, inside the caller\'s template', () => {
    const lines = fresh();
    expect(lines).toEqual(
      expect.arrayContaining([
        'first one /components/item/item',
        'all one,two',
        'by id one',
        'descendant 2',
        'child combinator 2',
        'by tag one,two,outside,in-slot',
        'slot content in-slot',
        'inside another component null inner',
        'none null 0',
        'ref function hi from ref',
        'setData works yes',
        'wrapper sees inner',
        'composed parent of slot content true',
        'hasMixin ref true',
      ]),
    );
  });

  it('finds only what is rendered: a component shown later is found once it is on screen', async () => {
    await app.currentPage().tap('#more');
    expect(fresh()).toEqual(['after render 3']);
  });

  it('a malformed selector throws', async () => {
    await app.currentPage().tap('#bad');
    expect(fresh()).toEqual(['bad selector true']);
  });
});
