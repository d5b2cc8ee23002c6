/**
 * Events (docs: framework/事件系统/事件介绍.md, 事件对象.md; framework/自定义组件/组件对象.md and
 * 使用自定义组件.md): bubbling through on*, stopping at catch*, the capture phase (the docs'
 * handleTap2/4/3/1 example), the event object (type, timeStamp, target vs currentTarget, the
 * dataset/targetDataset quirk, detail), mark, handlers inside components, custom components only
 * answering the events they implement, and a missing handler reported as an error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logCursor, page } from '../support/project.ts';

let app: MiniApp;
const newLines = logCursor(() => app);

const handlers = ['handleTap1', 'handleTap2', 'handleTap3', 'handleTap4'].map((name) => `${name}() { console.log('${name}'); },`).join('\n  ');

beforeAll(async () => {
  app = await launchProject({
    'app.js': `App({ onError(message) { console.log('App.onError', message); } });`,
    ...page('pages/index/index', {
      axml: `
<view id="outter" onTap="handleTap1">
  view1
  <view id="middle" catchTap="handleTap2">
    view2
    <view id="inner" onTap="handleTap3"> view3 </view>
  </view>
</view>

<view id="outer" onTouchStart="handleTap1" capture-onTouchStart="handleTap2">
  outer view
  <view id="inner-capture" onTouchStart="handleTap3" capture-onTouchStart="handleTap4">inner view</view>
</view>
<view id="outer-catch" onTouchStart="handleTap1" capture-catchTouchStart="handleTap2">
  outer view
  <view id="inner-caught" onTouchStart="handleTap3" capture-onTouchStart="handleTap4">inner view</view>
</view>

<view id="tapTest" data-hi="Alipay" onTap="tapName">
  <view id="tapTestInner" data-hi="AlipayInner"> Click me! </view>
</view>

<view id="marked" mark:myMark="last" mark:shared="parent" onTap="onViewTap">
  <button id="mark-button" mark:anotherMark="leaf" mark:shared="child" onTap="onButtonTap">button</button>
</view>

<view id="input-wrap" onInput="wrapInput"><input id="field" onInput="fieldInput" data-field="name"/></view>

<view id="comp-wrap" onTap="wrapTap"><clicker mark:outside="page" onTap="pageTapOnComponent" onClicked="onClicked"/></view>
<view id="missing" onTap="noSuchHandler">missing</view>
<view id="after-missing" onTap="handleTap1">after</view>`,
      js: `
Page({
  ${handlers}
  tapName(event) {
    console.log('tapName', JSON.stringify({ type: event.type, ts: typeof event.timeStamp, target: event.target, currentTarget: event.currentTarget }));
  },
  onViewTap(e) { console.log('onViewTap', JSON.stringify(e.mark)); },
  onButtonTap(e) { console.log('onButtonTap', JSON.stringify(e.mark)); },
  wrapInput() { console.log('wrapInput'); },
  fieldInput(e) { console.log('fieldInput', JSON.stringify(e.detail), e.target.dataset.field); },
  wrapTap(e) { console.log('wrapTap', e.target.id, e.currentTarget.id); },
  pageTapOnComponent() { console.log('page onTap on the component tag'); },
  onClicked(value) { console.log('onClicked', value); },
  clickInside() { console.log('page clickInside (must not run)'); },
});`,
      json: { usingComponents: { clicker: '/components/clicker/clicker' } },
    }),
    ...component('components/clicker/clicker', {
      axml: `<view id="clicker-root" mark:inside="comp" onTap="clickInside">click</view>`,
      js: `
Component({
  methods: {
    clickInside(e) {
      console.log('component clickInside', this.is, JSON.stringify(e.mark), e.currentTarget.id);
      this.props.onClicked('from component');
    },
  },
});`,
    }),
  });
});
afterAll(closeAll);
beforeEach(() => {
  newLines();
});

describe('bubbling and catch (the docs example)', () => {
  it('tapping view3 runs handleTap3 then handleTap2, which stops the bubbling', async () => {
    await app.currentPage().tap('#inner');
    expect(newLines()).toEqual(['handleTap3', 'handleTap2']);
  });

  it('tapping view2 runs handleTap2 only; tapping view1 runs handleTap1', async () => {
    await app.currentPage().tap('#middle');
    expect(newLines()).toEqual(['handleTap2']);
    await app.currentPage().tap('#outter');
    expect(newLines()).toEqual(['handleTap1']);
  });
});

describe('capture phase (the docs example)', () => {
  it('runs capture handlers outside-in, then bubble handlers inside-out: 2, 4, 3, 1', async () => {
    await app.currentPage().fire('#inner-capture', 'touchStart');
    expect(newLines()).toEqual(['handleTap2', 'handleTap4', 'handleTap3', 'handleTap1']);
  });

  it('capture-catch stops both the capture and the bubble phase: only 2', async () => {
    await app.currentPage().fire('#inner-caught', 'touchStart');
    expect(newLines()).toEqual(['handleTap2']);
  });
});

describe('the event object', () => {
  it('has type, timeStamp, target (firing node id, binding node dataset, firing node targetDataset) and currentTarget', async () => {
    await app.currentPage().tap('#tapTestInner');
    const line = newLines().find((l) => l.startsWith('tapName '))!;
    const event = JSON.parse(line.slice('tapName '.length));
    expect(event.type).toBe('tap');
    expect(event.ts).toBe('number');
    expect(event.target).toMatchObject({ id: 'tapTestInner', dataset: { hi: 'Alipay' }, targetDataset: { hi: 'AlipayInner' } });
    expect(event.currentTarget).toMatchObject({ id: 'tapTest', dataset: { hi: 'Alipay' } });
  });

  it('merges marks along the path, the child winning, without case conversion', async () => {
    await app.currentPage().tap('#mark-button');
    const lines = newLines();
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['onButtonTap', 'onViewTap']);
    for (const line of lines) expect(JSON.parse(line.slice(line.indexOf(' ') + 1))).toEqual({ myMark: 'last', shared: 'child', anotherMark: 'leaf' });
  });

  it('does not bubble non-touch events (input) and carries their detail', async () => {
    await app.currentPage().input('#field', 'Ann');
    expect(newLines()).toEqual(['fieldInput {"value":"Ann","cursor":3} name']);
  });
});

describe('components', () => {
  it('resolves handlers in a component template to its methods; marks stop at the component; the tap still bubbles to the page', async () => {
    await app.currentPage().tap('#clicker-root');
    expect(newLines()).toEqual([
      'component clickInside /components/clicker/clicker {"inside":"comp"} clicker-root',
      'onClicked from component',
      'wrapTap clicker-root comp-wrap',
    ]);
  });
});

describe('a missing handler', () => {
  it('is reported as an error (App.onError and the host) and the next event still works', async () => {
    const errorsBefore = app.errors.length;
    await app.currentPage().tap('#missing');
    const errors = app.errors.slice(errorsBefore);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('noSuchHandler');
    expect(newLines()).toEqual([expect.stringMatching(/^App\.onError .*noSuchHandler/)]);
    await app.currentPage().tap('#after-missing');
    expect(newLines()).toEqual(['handleTap1']);
  });
});
