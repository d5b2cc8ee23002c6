/**
 * setData semantics (docs: framework/小程序页面/页面运行机制.md — setData, $spliceData, $batchedUpdates;
 * SPEC-DIGEST §6.2 for the 1 MB transfer limit): data paths and the paths they create, `this.data`
 * updated synchronously, the callback after the view rendered, splicing, batching, setData after
 * onUnload ignored, and an oversized setData failing with a clear error while the app keeps running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import type { PatchMessage } from '@mpk/runtime';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

let app: MiniApp;

beforeAll(async () => {
  app = await launchProject({
    'app.js': `App({ onError(message) { console.log('App.onError', message.slice(0, 60)); } });`,
    ...page('pages/index/index', {
      axml: `
<view id="n" data-n="{{n}}">{{n}}</view>
<view id="deep">{{a.b[1].c}}</view>
<view id="created">{{fresh.x[2].y}}|{{fresh.x.length}}</view>
<view class="item" a:for="{{list}}">{{item}}</view>
<view id="nested">{{group.items.length}}:{{group.items[0]}}-{{group.items[group.items.length - 1]}}</view>
<view id="big">{{big.length}}</view>
<button id="paths" onTap="paths">paths</button>
<button id="sync" onTap="sync">sync</button>
<button id="callback" onTap="withCallback">callback</button>
<button id="splice" onTap="splice">splice</button>
<button id="batched" onTap="batched">batched</button>
<button id="too-big" onTap="tooBig">too big</button>
<button id="go" onTap="go">go</button>`,
      js: `
Page({
  data: { n: 0, a: { b: [{ c: 'zero' }, { c: 'one' }] }, list: ['a', 'b', 'c'], group: { items: [1, 2] }, keep: 'kept' },
  paths() {
    this.setData({ 'a.b[1].c': 'changed', 'fresh.x[2].y': 'made', undefinedValue: undefined });
    console.log('paths', JSON.stringify(this.data.fresh), 'undefinedValue' in this.data);
  },
  sync() {
    this.setData({ n: this.data.n + 1 });
    this.setData({ n: this.data.n + 1 });
    console.log('sync', this.data.n);
  },
  withCallback() {
    this.setData({ n: 42 }, () => {
      my.createSelectorQuery().select('#n').fields({ dataset: true }).exec((res) => {
        console.log('callback sees rendered', res[0].dataset.n);
      });
    });
    console.log('setData returned', this.data.n);
  },
  splice() {
    this.$spliceData({ list: [1, 1, 'x', 'y'], 'group.items': [1, 0, 9] }, () => console.log('splice done', this.data.list.join('')));
  },
  batched() {
    this.$batchedUpdates(() => {
      this.setData({ n: 100 });
      this.setData({ 'group.items[0]': 'first' });
      this.setData({ n: 101 });
    });
  },
  tooBig() {
    try {
      this.setData({ big: 'x'.repeat(1100 * 1024) });
    } catch (e) {
      console.log('tooBig threw', e.name, e.message.includes('1 MB'));
    }
    this.setData({ big: 'x'.repeat(1100 * 1024) });
  },
  go() { my.navigateTo({ url: '/pages/other/other' }); },
});`,
    }),
    ...page('pages/other/other', {
      axml: `<view id="v">{{v}}</view>`,
      js: `
Page({
  data: { v: 'start' },
  onLoad() { getApp().other = this; },
  onUnload() {
    this.setData({ v: 'during unload' });
    setTimeout(() => {
      this.setData({ v: 'after unload' }, () => console.log('callback after unload ran'));
      console.log('setData after unload returned');
    }, 10);
  },
});`,
    }),
  });
});
afterAll(closeAll);

function patchesFor(pageId: number, run: () => Promise<void>): Promise<PatchMessage[]> {
  const patches: PatchMessage[] = [];
  const listener = (traffic: { direction: string; messages: readonly { t: string }[] }): void => {
    if (traffic.direction !== 'toHost') return;
    for (const m of traffic.messages) if (m.t === 'patch' && (m as PatchMessage).id === pageId) patches.push(m as PatchMessage);
  };
  app.session.container.on('bridge', listener);
  return run().then(() => {
    app.session.container.off('bridge', listener);
    return patches;
  });
}

describe('data paths', () => {
  it('updates a nested path and creates missing objects and arrays along a new one', async () => {
    const p = app.currentPage();
    await p.tap('#paths');
    expect(p.text('#deep')).toBe('changed');
    expect(p.text('#created')).toBe('made|3');
    expect(p.data.a).toEqual({ b: [{ c: 'zero' }, { c: 'changed' }] });
    expect(p.data.fresh.x[2]).toEqual({ y: 'made' });
    expect(p.data.keep).toBe('kept');
    // logic and view agree; an undefined value is not set
    expect(logLines(app)).toContain('paths {"x":[null,null,{"y":"made"}]} false');
    expect('undefinedValue' in p.data).toBe(false);
  });
});

describe('timing', () => {
  it('updates this.data synchronously', async () => {
    await app.currentPage().tap('#sync');
    expect(logLines(app)).toContain('sync 2');
    expect(app.currentPage().text('#n')).toBe('2');
  });

  it('runs the callback after the view rendered the change', async () => {
    await app.currentPage().tap('#callback');
    const lines = logLines(app);
    expect(lines).toContain('setData returned 42');
    expect(lines).toContain('callback sees rendered 42');
    expect(lines.indexOf('setData returned 42')).toBeLessThan(lines.indexOf('callback sees rendered 42'));
  });
});

describe('$spliceData and $batchedUpdates', () => {
  it('splices arrays at paths, then calls back', async () => {
    const p = app.currentPage();
    await p.tap('#splice');
    expect(p.querySelectorAll('.item').map((n) => app.session.renderer.text(n))).toEqual(['a', 'x', 'y', 'c']);
    expect(p.text('#nested')).toBe('3:1-2');
    expect(p.data.group.items).toEqual([1, 9, 2]);
    expect(logLines(app)).toContain('splice done axyc');
  });

  it('merges the setData calls of $batchedUpdates into one transfer', async () => {
    const p = app.currentPage();
    const patches = await patchesFor(p.id, () => p.tap('#batched'));
    expect(patches).toHaveLength(1);
    expect(p.text('#n')).toBe('101');
    expect(p.text('#nested')).toBe('3:first-2');
  });
});

describe('limits', () => {
  it('refuses a setData over 1 MB with a clear error, sends nothing, and keeps the app running', async () => {
    const p = app.currentPage();
    const errorsBefore = app.errors.length;
    await p.tap('#too-big');
    expect(logLines(app)).toContain('tooBig threw RangeError true');
    const error = app.errors.slice(errorsBefore).find((e) => e.message.includes('1 MB'));
    expect(error?.message).toMatch(/setData: .*over the 1 MB/);
    expect(error?.stack).toContain('pages/index/index.js');
    expect(logLines(app).some((l) => l.startsWith('App.onError setData: the data for page'))).toBe(true);
    expect(p.text('#big')).toBe('');
    await p.tap('#sync');
    expect(p.text('#n')).toBe('103');
  });
});

describe('after onUnload', () => {
  it('ignores setData on an unloaded page: no error, no callback', async () => {
    await app.currentPage().tap('#go');
    expect(app.currentPage().route).toBe('pages/other/other');
    const errorsBefore = app.errors.length;
    await app.navigateBack();
    await app.advanceTime(20);
    expect(logLines(app)).toContain('setData after unload returned');
    expect(logLines(app)).not.toContain('callback after unload ran');
    expect(app.errors.slice(errorsBefore)).toEqual([]);
    expect(app.currentPage().route).toBe('pages/index/index');
  });
});
