/**
 * Relations between components (docs: framework/自定义组件/组件间关系.md; ref 获取组件实例.md for
 * selectComposedParentComponent): opt-in with `options.relations`; parent/child through slot
 * content and through a component's own template, ancestor/descendant across levels, the Mixin
 * `target` form, both ends required, linked after attached, linkChanged after moved, unlinked after
 * detached, getRelationNodes in link order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logCursor, page } from '../support/project.ts';

afterAll(closeAll);

describe('relations', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);

  beforeAll(async () => {
    app = await launchProject({
      ...page('pages/index/index', {
        axml: `
<custom-form id="form">
  <view class="row"><custom-input a:for="{{inputs}}" a:key="*this" name="{{item}}"/></view>
  <lonely name="lonely"/>
</custom-form>
<tree>
  <deep-wrapper><leaf name="deep"/></deep-wrapper>
</tree>
<button id="add" onTap="add">add</button><button id="reverse" onTap="reverse">reverse</button><button id="drop" onTap="drop">drop</button>`,
        js: `
Page({
  data: { inputs: ['a', 'b'] },
  add() { this.setData({ inputs: [...this.data.inputs, 'c'] }); },
  reverse() { this.setData({ inputs: this.data.inputs.slice().reverse() }); },
  drop() { this.setData({ inputs: this.data.inputs.slice(1) }); },
});`,
        json: {
          usingComponents: {
            'custom-form': '/components/custom-form/custom-form',
            'custom-input': '/components/custom-input/custom-input',
            lonely: '/components/lonely/lonely',
            tree: '/components/tree/tree',
            'deep-wrapper': '/components/deep-wrapper/deep-wrapper',
            leaf: '/components/leaf/leaf',
          },
        },
      }),
      ...component('components/custom-form/custom-form', {
        axml: `<view class="form"><slot/></view>`,
        js: `
Component({
  options: { relations: true, lifetimes: true },
  relations: {
    '../custom-input/custom-input': {
      type: 'child',
      linked(target) { console.log('form linked', target.props.name, this.getRelationNodes('../custom-input/custom-input').map((n) => n.props.name).join(',')); },
      linkChanged(target) { console.log('form linkChanged', target.props.name); },
      unlinked(target) { console.log('form unlinked', target.props.name); },
    },
  },
  didMount() { console.log('form didMount', this.getRelationNodes('../custom-input/custom-input').map((n) => n.props.name).join(',')); },
});`,
      }),
      ...component('components/custom-input/custom-input', {
        axml: `<view class="input">{{name}}</view>`,
        js: `
Component({
  options: { relations: true, lifetimes: true },
  props: { name: '' },
  lifetimes: {
    attached() { console.log('input attached', this.props.name); },
    moved() { console.log('input moved', this.props.name); },
    detached() { console.log('input detached', this.props.name); },
  },
  relations: {
    '../custom-form/custom-form': {
      type: 'parent',
      linked(target) { console.log('input linked', this.props.name, target.is, this.selectComposedParentComponent() === target, this.selectOwnerComponent() === this.$page); },
      linkChanged() { console.log('input linkChanged', this.props.name); },
      unlinked() { console.log('input unlinked', this.props.name); },
    },
  },
});`,
      }),
      ...component('components/lonely/lonely', {
        axml: `<view/>`,
        // Declares the relation, but the form does not declare one back to it: no link (both ends are needed).
        js: `Component({ options: { relations: true }, props: { name: '' }, relations: { '../custom-form/custom-form': { type: 'parent', linked() { console.log('lonely linked: must not happen'); } } } });`,
      }),
      'mixins/leafy.js': `export default Mixin({});`,
      ...component('components/tree/tree', {
        axml: `<view><slot/></view>`,
        js: `
import leafy from '/mixins/leafy';
Component({
  options: { relations: true },
  relations: { leaves: { type: 'descendant', target: leafy, linked(t) { console.log('tree linked', t.props.name); } } },
  didMount() { console.log('tree nodes', this.getRelationNodes('leaves').length); },
});`,
      }),
      ...component('components/deep-wrapper/deep-wrapper', { axml: `<view><slot/></view>` }),
      ...component('components/leaf/leaf', {
        axml: `<view/>`,
        js: `
import leafy from '/mixins/leafy';
Component({ mixins: [leafy], options: { relations: true }, props: { name: '' }, relations: { '/components/tree/tree': { type: 'ancestor', linked(t) { console.log('leaf linked', t.is); } } } });`,
      }),
    });
  });

  it('slot content links with the component whose slot it fills: attached first, then the parent end, then the child end', () => {
    const lines = fresh();
    const a = lines.indexOf('input attached a');
    expect(a).toBeGreaterThanOrEqual(0);
    expect(lines.slice(a, a + 3)).toEqual(['input attached a', 'form linked a a', 'input linked a /components/custom-form/custom-form true true']);
    expect(lines).toContain('form linked b a,b');
    expect(lines).toContain('form didMount a,b');
    expect(lines.some((l) => l.includes('must not happen'))).toBe(false);
  });

  it('ancestor/descendant across levels, the descendant named by a Mixin it uses', () => {
    const lines = app.logs.filter((l) => l.level === 'log').map((l) => l.args.join(' '));
    expect(lines).toContain('tree linked deep');
    expect(lines).toContain('leaf linked /components/tree/tree');
    expect(lines).toContain('tree nodes 1');
  });

  it('a new child links; a keyed move relinks (moved, then linkChanged); a removed one unlinks after detached', async () => {
    await app.currentPage().tap('#add');
    expect(fresh()).toEqual(['input attached c', 'form linked c a,b,c', 'input linked c /components/custom-form/custom-form true true']);
    await app.currentPage().tap('#reverse');
    const moved = fresh();
    expect(moved).toEqual(expect.arrayContaining(['input moved b', 'form linkChanged b', 'input linkChanged b']));
    expect(moved.indexOf('input moved b')).toBeLessThan(moved.indexOf('form linkChanged b'));
    await app.currentPage().tap('#drop');
    expect(fresh()).toEqual(['input detached c', 'form unlinked c', 'input unlinked c']);
  });
});
