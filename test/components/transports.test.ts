/**
 * The component model's protocol additions over both transports (PROTOCOL.md): `compCreate.parent`
 * (relations, selectComposedParentComponent), `compMove` (moved), the first patch's `options`
 * (virtualHost from JS), the synchronous `selectComponents` call ($selectComponent; over the worker
 * it crosses the SharedArrayBuffer channel), `pageLoad.openedBy` (EventChannel) and `share`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, component, launchProject, logLines, page } from '../support/project.ts';
import { workerLogic } from '../support/worker.ts';

afterAll(closeAll);

const files = {
  'app.json': { pages: ['pages/index/index', 'pages/next/next'] },
  ...page('pages/index/index', {
    axml: `<list><row a:for="{{rows}}" a:key="*this" name="{{item}}"/></list><button id="flip" onTap="flip">flip</button><button id="go" onTap="go">go</button>`,
    js: `
Page({
  data: { rows: ['a', 'b'] },
  onReady() { console.log('found', this.$selectAllComponents('row').map((r) => r.props.name).join(',')); },
  flip() { this.setData({ rows: ['b', 'a'] }); },
  go() { my.navigateTo({ url: '/pages/next/next', events: { back: (v) => console.log('opener heard', v) }, success: (res) => res.eventChannel.emit('hello', 'hi') }); },
  onShareAppMessage() { return { title: 'shared', path: 'pages/index/index' }; },
});`,
    json: { usingComponents: { list: '/components/list/list', row: '/components/row/row' } },
  }),
  ...page('pages/next/next', {
    axml: `<view/>`,
    js: `Page({ onLoad() { const c = this.getOpenerEventChannel(); c.on('hello', (v) => { console.log('opened heard', v); c.emit('back', 'bye'); }); } });`,
  }),
  ...component('components/list/list', {
    axml: `<view class="list"><slot/></view>`,
    js: `Component({ options: { relations: true, virtualHost: false }, relations: { '../row/row': { type: 'child', linked(t) { console.log('linked', t.props.name); } } } });`,
  }),
  ...component('components/row/row', {
    axml: `<view class="row">{{name}}</view>`,
    js: `
Component({
  options: { relations: true, lifetimes: true },
  props: { name: '' },
  relations: { '../list/list': { type: 'parent' } },
  lifetimes: { moved() { console.log('moved', this.props.name, this.selectComposedParentComponent().is); } },
});`,
  }),
};

describe.each([
  ['in-process QuickJS', 'quickjs' as const],
  ['the Web Worker transport', workerLogic],
])('the component model over %s', (_name, logic) => {
  it('relations, $selectComponent, virtualHost from JS, moved, EventChannel and share all cross', async () => {
    const app = await launchProject(files, { logic });
    expect(logLines(app)).toEqual(expect.arrayContaining(['linked a', 'linked b', 'found a,b']));
    expect(app.currentPage().querySelector('list > .list > .row')).not.toBeNull();
    await app.currentPage().tap('#flip');
    expect(logLines(app)).toContain('moved b /components/list/list');
    expect(await app.currentPage().share()).toEqual({ title: 'shared', path: 'pages/index/index' });
    await app.currentPage().tap('#go');
    expect(logLines(app)).toEqual(expect.arrayContaining(['opened heard hi', 'opener heard bye']));
    expect(app.errors).toEqual([]);
  });
});
