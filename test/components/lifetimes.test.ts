/**
 * Node-tree lifetimes (docs: framework/自定义组件/生命周期.md → lifetimes; Mixin.md): opt-in with
 * `options.lifetimes`; `created`, `attached`, `ready`, `moved`, `detached` next to onInit/didMount/
 * didUnmount, in mpk's order: created → onInit → deriveDataFromProps → attached; didMount → ready;
 * moved on a keyed reorder; detached → didUnmount (also when the page closes); mixins' lifetimes run
 * first and do not override each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logCursor, page } from '../support/project.ts';

afterAll(closeAll);

describe('lifetimes', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);

  beforeAll(async () => {
    app = await launchProject({
      'app.json': { pages: ['pages/index/index', 'pages/list/list'] },
      ...page('pages/index/index', {
        axml: `<life name="solo" a:if="{{show}}"/><plain/><button id="hide" onTap="hide">hide</button><button id="go" onTap="go">go</button>`,
        js: `
Page({
  data: { show: true },
  onLoad() { console.log('page onLoad'); },
  onReady() { console.log('page onReady'); },
  hide() { this.setData({ show: false }); },
  go() { my.navigateTo({ url: '/pages/list/list' }); },
});`,
        json: { usingComponents: { life: '/components/life/life', plain: '/components/plain/plain' } },
      }),
      ...page('pages/list/list', {
        axml: `<life a:for="{{names}}" a:key="*this" name="{{item}}"/><button id="reverse" onTap="reverse">reverse</button><button id="back" onTap="back">back</button>`,
        js: `
Page({
  data: { names: ['a', 'b', 'c'] },
  reverse() { this.setData({ names: this.data.names.slice().reverse() }); },
  back() { my.navigateBack(); },
  onUnload() { console.log('list onUnload'); },
});`,
        json: { usingComponents: { life: '/components/life/life' } },
      }),
      ...component('components/life/life', {
        axml: `<view class="life">{{name}}</view>`,
        js: `
const tracing = Mixin({ lifetimes: { attached() { console.log('mixin attached', this.props.name); } } });
Component({
  mixins: [tracing],
  options: { lifetimes: true },
  props: { name: '' },
  onInit() { console.log('onInit', this.props.name); },
  deriveDataFromProps() { console.log('deriveDataFromProps', this.props.name); },
  didMount() { console.log('didMount', this.props.name); },
  didUnmount() { console.log('didUnmount', this.props.name); },
  lifetimes: {
    created() { console.log('created', this.props.name, typeof this.setData); },
    attached() { console.log('attached', this.props.name); },
    ready() { console.log('ready', this.props.name); },
    moved() { console.log('moved', this.props.name); },
    detached() { console.log('detached', this.props.name); },
  },
});`,
      }),
      ...component('components/plain/plain', {
        axml: `<view/>`,
        js: `Component({ lifetimes: { created() { console.log('plain created: must not run'); } } });`,
      }),
    });
  });

  it('creation: created, onInit, deriveDataFromProps, attached (mixin first); mount: didMount, ready; then the page is ready', () => {
    expect(fresh()).toEqual([
      'page onLoad',
      'created solo function',
      'onInit solo',
      'deriveDataFromProps solo',
      'mixin attached solo',
      'attached solo',
      'didMount solo',
      'ready solo',
      'page onReady',
    ]);
  });

  it('without options.lifetimes the lifetimes do not run, and a warning says so', () => {
    expect(app.logs.some((l) => String(l.args[0]).includes('must not run'))).toBe(false);
    expect(app.logs.some((l) => l.level === 'warn' && String(l.args[0]).includes('"lifetimes" is ignored because options.lifetimes is not true'))).toBe(true);
  });

  it('removal: detached, then didUnmount', async () => {
    await app.currentPage().tap('#hide');
    expect(fresh()).toEqual(['detached solo', 'didUnmount solo']);
  });

  it('a keyed reorder moves components: moved for the ones the view had to move (a stays, b and c move before it)', async () => {
    await app.currentPage().tap('#go');
    fresh();
    await app.currentPage().tap('#reverse');
    const lines = fresh();
    expect(lines.filter((l) => l.startsWith('moved')).sort()).toEqual(['moved b', 'moved c']);
    expect(lines.some((l) => l.startsWith('created') || l.startsWith('detached'))).toBe(false);
    expect(app.currentPage().querySelectorAll('.life').map((n) => app.session.renderer.text(n))).toEqual(['c', 'b', 'a']);
  });

  it('the page closing detaches its components too', async () => {
    await app.currentPage().tap('#back');
    const lines = fresh();
    expect(lines[0]).toBe('list onUnload');
    expect(lines.filter((l) => l.startsWith('detached')).sort()).toEqual(['detached a', 'detached b', 'detached c']);
    for (const name of ['a', 'b', 'c']) expect(lines.indexOf(`detached ${name}`)).toBeLessThan(lines.indexOf(`didUnmount ${name}`));
  });
});
