import { describe, expect, it } from 'vitest';
import { HeadlessRenderer } from '../../src/renderers/headless/index.ts';
import { Op, type RenderOp, type RendererEvents } from '../../src/contract/renderer.ts';

/** A page with: <view id="list" class="list"><text class="item" data-item-id="1">a &lt; b</text><view class="item on">…</view></view> */
function sample(renderer = new HeadlessRenderer()) {
  const ops: RenderOp[] = [
    [Op.PageCreate, 1, 100, 'pages/index/index'],
    [Op.Element, 1, 'view', 's1'],
    [Op.Attr, 1, 'id', 'list'],
    [Op.Attr, 1, 'class', 'list'],
    [Op.Element, 2, 'text'],
    [Op.Attr, 2, 'class', 'item'],
    [Op.Attr, 2, 'data-item-id', 1],
    [Op.Text, 3, 'a < b & "c"'],
    [Op.Insert, 2, 3, 0],
    [Op.Element, 4, 'view'],
    [Op.Attr, 4, 'class', 'item on'],
    [Op.Attr, 4, 'hidden', true],
    [Op.Attr, 4, 'checked', false],
    [Op.Attr, 4, 'nothing', null],
    [Op.Attr, 4, 'obj', { a: [1, '"'] }],
    [Op.Attr, 4, 'style', 'color: red; font-size: 12px'],
    [Op.Insert, 1, 2, 0],
    [Op.Insert, 1, 4, 0],
    [Op.Insert, 100, 1, 0],
    [Op.PageShow, 1],
  ];
  renderer.apply(ops);
  return renderer;
}

describe('HeadlessRenderer', () => {
  it('builds the tree and serialises it to HTML-like text', () => {
    const r = sample();
    expect(r.serialize()).toBe(
      '<page route="pages/index/index"><view id="list" class="list"><text class="item" data-item-id="1">a &lt; b &amp; "c"</text>' +
        '<view class="item on" hidden obj="{&quot;a&quot;:[1,&quot;\\&quot;&quot;]}" style="color: red; font-size: 12px"></view></view></page>',
    );
    expect(r.serialize(undefined, { indent: true })).toBe(
      [
        '<page route="pages/index/index">',
        '  <view id="list" class="list">',
        '    <text class="item" data-item-id="1">a &lt; b &amp; "c"</text>',
        '    <view class="item on" hidden obj="{&quot;a&quot;:[1,&quot;\\&quot;&quot;]}" style="color: red; font-size: 12px"></view>',
        '  </view>',
        '</page>',
      ].join('\n'),
    );
    expect(r.serialize(r.querySelector('#list')!, { scopes: true })).toMatch(/^<view data-s-s1 id="list"/);
    expect(r.text()).toBe('a < b & "c"');
  });

  it('keeps attribute order as first set and removes with undefined', () => {
    const r = sample();
    r.apply([
      [Op.Attr, 2, 'data-item-id', 2],
      [Op.Attr, 2, 'class', undefined],
    ]);
    expect(r.serialize(r.node(2)!)).toBe('<text data-item-id="2">a &lt; b &amp; "c"</text>');
  });

  it('inserts before a sibling, moves attached nodes, removes subtrees', () => {
    const r = sample();
    r.apply([
      [Op.Insert, 1, 4, 2],
      [Op.SetText, 3, 'changed'],
    ]);
    expect(r.querySelector('#list')!.children.map((n) => n.id)).toEqual([4, 2]);
    r.apply([[Op.Remove, 2]]);
    expect(r.node(2)).toBeUndefined();
    expect(r.node(3)).toBeUndefined();
    expect(r.querySelector('#list')!.children.map((n) => n.id)).toEqual([4]);
  });

  it('ignores stale and unknown ids instead of throwing', () => {
    const r = sample();
    expect(() =>
      r.apply([
        [Op.Attr, 999, 'x', 1],
        [Op.SetText, 999, 'x'],
        [Op.SetText, 1, 'not a text node'],
        [Op.Insert, 999, 1, 0],
        [Op.Insert, 1, 999, 0],
        [Op.Insert, 1, 1, 0],
        [Op.Insert, 1, 4, 12345],
        [Op.Remove, 999],
        [Op.PageShow, 999],
        [Op.PageDestroy, 999],
      ]),
    ).not.toThrow();
    expect(r.querySelector('#list')!.children.map((n) => n.id)).toEqual([2, 4]);
  });

  it('tracks pages and the shown one', () => {
    const r = sample();
    r.apply([[Op.PageCreate, 2, 200, 'pages/two/two']]);
    expect(r.currentPageId()).toBe(1);
    r.apply([[Op.PageShow, 2]]);
    expect(r.currentPage()!.id).toBe(200);
    expect(r.pageIds()).toEqual([1, 2]);
    r.apply([[Op.PageDestroy, 2]]);
    expect(r.currentPage()).toBeUndefined();
    expect(r.node(200)).toBeUndefined();
    r.apply([[Op.PageShow, 1]]);
    expect(r.serialize()).toMatch(/^<page route="pages\/index\/index">/);
    r.apply([[Op.PageDestroy, 1]]);
    expect(r.node(1)).toBeUndefined();
    expect(r.serialize()).toBe('');
  });

  it('queries selectors on the shown page or under a node', () => {
    const r = sample();
    expect(r.querySelectorAll('.item').map((n) => n.id)).toEqual([2, 4]);
    expect(r.querySelectorAll('#list > .item.on').map((n) => n.id)).toEqual([4]);
    expect(r.querySelectorAll('view text, view view').map((n) => n.id)).toEqual([2, 4]);
    expect(r.querySelector('.missing')).toBeNull();
    expect(r.querySelectorAll('.item', r.node(4)!)).toEqual([]);
    expect(() => r.querySelector('[x]')).toThrow(/Invalid selector/);
  });

  it('answers selector queries with ids, datasets and documented layout-free zeros', () => {
    const r = new HeadlessRenderer({ viewport: { width: 375, height: 667 } });
    sample(r);
    r.scroll('viewport', { scrollTop: 35 });
    const results = r.query(1, [
      { selector: '#non-exists', all: false, fields: { rect: true, size: true } },
      { selector: '.item', all: true, fields: { id: true, dataset: true, rect: true, size: true } },
      { selector: '#list', all: false, fields: { scrollOffset: true, computedStyle: ['height'] } },
      { selector: '.on', all: false, fields: { computedStyle: ['color', 'fontSize', 'width'] } },
      { selector: 'viewport', all: false, fields: { rect: true, scrollOffset: true } },
      { selector: '[bad', all: true, fields: { id: true } },
    ]);
    expect(results).toEqual([
      null,
      [
        { id: '', dataset: { itemId: 1 }, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 },
        { id: '', dataset: {}, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 },
      ],
      { scrollTop: 0, scrollLeft: 0, height: '' },
      { color: 'red', fontSize: '12px', width: '' },
      { width: 375, height: 667, scrollTop: 35, scrollLeft: 0 },
      [],
    ]);
    expect(r.query(42, [{ selector: '.item', all: false, fields: {} }])).toEqual([null]);
  });

  it('sends user input to the engine: tap, dispatch, input, scroll', () => {
    const r = sample();
    const seen: unknown[][] = [];
    const events: RendererEvents = { dispatch: (...args) => seen.push(args) };
    expect(() => r.tap('#list')).toThrow(/not connected/);
    r.connect(events);
    r.tap('.on');
    r.dispatch(r.node(2)!, 'longTap', { x: 1 }, { touches: [] });
    r.input('#list', 'typed');
    r.scroll('#list', { scrollTop: 10 });
    expect(seen).toEqual([
      [4, 'tap', undefined, undefined],
      [2, 'longTap', { x: 1 }, { touches: [] }],
      [1, 'input', { value: 'typed', cursor: 5 }, undefined],
      [1, 'scroll', { scrollTop: 10, scrollLeft: 0, scrollHeight: 0, scrollWidth: 0 }, undefined],
    ]);
    expect(r.node(1)!.attrs.value).toBe('typed');
    expect(r.query(1, [{ selector: '#list', all: false, fields: { scrollOffset: true } }])).toEqual([{ scrollTop: 10, scrollLeft: 0 }]);
    expect(() => r.tap('.missing')).toThrow(/nothing on the shown page matches ".missing"/);
  });

  it('counts batches and ops', () => {
    const r = sample();
    expect(r.stats).toEqual({ batches: 1, ops: 20 });
  });
});
