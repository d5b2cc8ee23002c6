import { describe, expect, it } from 'vitest';
import { HeadlessRenderer } from '../../src/renderers/headless/index.ts';
import { ViewEngine } from '../../src/view/engine.ts';
import { Op } from '../../src/contract/renderer.ts';
import { comp, createHarness, el, on, text } from './support.ts';

const PAGE = 'pages/index/index';

describe('rendering a page', () => {
  it('renders nothing until the first patch, then the template with the page data', () => {
    const h = createHarness({
      templates: { [PAGE]: (s) => [el('view', { class: 'title' }, [text(`Hello ${s.name}`)])] },
    });
    const page = h.openPage(PAGE);
    expect(h.html()).toBe('<page route="pages/index/index"></page>');
    expect(h.engine.pendingCount()).toBe(1);
    h.init(page, { name: 'mpk' });
    expect(h.html()).toBe('<page route="pages/index/index"><view class="title">Hello mpk</view></page>');
    expect(h.engine.pendingCount()).toBe(0);
  });

  it('keeps attribute types and omits false/undefined in serialisation', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [
          el('switch', { checked: s.on, disabled: true, 'data-n': s.n, 'data-obj': s.obj, hidden: false }),
        ],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { on: false, n: 3, obj: { a: 1 } });
    const node = h.renderer.querySelector('switch')!;
    expect(node.attrs).toEqual({ checked: false, disabled: true, 'data-n': 3, 'data-obj': { a: 1 }, hidden: false });
    expect(typeof node.attrs['data-n']).toBe('number');
    expect(h.html()).toBe(`<page route="${PAGE}"><switch disabled data-n="3" data-obj="{&quot;a&quot;:1}"></switch></page>`);
  });

  it('updates text with SetText and attributes one by one', () => {
    const h = createHarness({
      templates: { [PAGE]: (s) => [el('view', { id: 'v', class: s.cls, style: s.style }, [text(s.msg)])] },
    });
    const page = h.openPage(PAGE);
    h.init(page, { cls: 'a', style: 'color:red', msg: 'one' });
    const view = h.renderer.querySelector('#v')!;
    const textId = view.children[0].id;
    h.reset();
    h.patch(page, [['set', ['msg'], 'two'], ['set', ['cls'], 'b']]);
    expect(h.batches).toHaveLength(1);
    expect(h.lastOps()).toEqual([
      [Op.Attr, view.id, 'class', 'b'],
      [Op.SetText, textId, 'two'],
    ]);
    // Removing an attribute sends undefined.
    h.patch(page, [['set', ['style'], undefined]]);
    expect(h.lastOps()).toEqual([[Op.Attr, view.id, 'style', undefined]]);
    expect(h.html()).toBe(`<page route="${PAGE}"><view id="v" class="b">two</view></page>`);
  });

  it('emits nothing when a re-render produces the same tree', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [
          el('view', { class: 'list' }, (s.items as Array<{ id: number; t: string }>).map((item) =>
            el('view', { class: 'row' }, [text(item.t)], { key: item.id }),
          )),
        ],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { items: [{ id: 1, t: 'a' }, { id: 2, t: 'b' }], other: 0 });
    h.reset();
    h.patch(page, [['set', ['other'], 1]]);
    expect(h.batches).toHaveLength(0);
    expect(h.of('rendered')).toEqual([{ t: 'rendered', id: page, seq: 2 }]);
  });

  it('sends no rendered message for a patch marked ack: false (nothing waits for it)', () => {
    const h = createHarness({ templates: { [PAGE]: (s) => [text(String(s.n))] } });
    const page = h.openPage(PAGE);
    h.init(page, { n: 0 });
    h.reset();
    h.engine.applyPatches([{ t: 'patch', id: page, seq: 2, ops: [['set', ['n'], 1]], ack: false }]);
    expect(h.html()).toContain('1');
    expect(h.of('rendered')).toEqual([]);
    h.engine.applyPatches([{ t: 'patch', id: page, seq: 3, ops: [['set', ['n'], 2]] }]);
    expect(h.of('rendered')).toEqual([{ t: 'rendered', id: page, seq: 3 }]);
  });

  it('conditional rendering swaps nodes and keeps siblings', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [
          el('view', { id: 'head' }, [text('head')]),
          ...(s.show ? [el('text', { id: 'maybe' }, [text('shown')])] : []),
          el('view', { id: 'foot' }, [text('foot')]),
        ],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { show: false });
    const foot = h.renderer.querySelector('#foot')!;
    h.patch(page, [['set', ['show'], true]]);
    expect(h.html()).toBe(
      `<page route="${PAGE}"><view id="head">head</view><text id="maybe">shown</text><view id="foot">foot</view></page>`,
    );
    expect(h.renderer.querySelector('#foot')).toBe(foot);
    h.patch(page, [['set', ['show'], false]]);
    expect(h.html()).toBe(`<page route="${PAGE}"><view id="head">head</view><view id="foot">foot</view></page>`);
    expect(h.renderer.querySelector('#foot')).toBe(foot);
  });

  it('unkeyed children of the same tag are patched in place', () => {
    const h = createHarness({
      templates: { [PAGE]: (s) => (s.rows as string[]).map((r) => el('view', {}, [text(r)])) },
    });
    const page = h.openPage(PAGE);
    h.init(page, { rows: ['a', 'b', 'c'] });
    const ids = h.renderer.currentPage()!.children.map((n) => n.id);
    h.reset();
    h.patch(page, [['set', ['rows'], ['x', 'b', 'c', 'd']]]);
    const after = h.renderer.currentPage()!.children;
    expect(after.slice(0, 3).map((n) => n.id)).toEqual(ids);
    expect(h.renderer.text()).toBe('xbcd');
    const kinds = h.lastOps().map((op) => op[0]);
    expect(kinds.filter((k) => k === Op.Remove)).toHaveLength(0);
    expect(kinds.filter((k) => k === Op.Element)).toHaveLength(1);
  });
});

describe('keyed lists', () => {
  const rows = (s: Record<string, unknown>) => [
    el('view', { id: 'list' }, (s.items as Array<{ id: number; t: string }>).map((item) =>
      el('view', { 'data-id': item.id }, [text(item.t)], { key: item.id }),
    )),
  ];
  const items = (...ids: number[]) => ids.map((id) => ({ id, t: `row${id}` }));

  function setup(initial: number[]) {
    const h = createHarness({ templates: { [PAGE]: rows } });
    const page = h.openPage(PAGE);
    h.init(page, { items: items(...initial) });
    const idOf = () => new Map(h.renderer.querySelector('#list')!.children.map((n) => [n.attrs['data-id'], n.id]));
    return { h, page, idOf };
  }

  it('moves a node keeping its identity, with a single insert', () => {
    const { h, page, idOf } = setup([1, 2, 3, 4, 5]);
    const before = idOf();
    h.reset();
    h.patch(page, [['set', ['items'], items(1, 5, 2, 3, 4)]]);
    expect(idOf()).toEqual(before);
    expect(h.renderer.text('#list')).toBe('row1row5row2row3row4');
    const list = h.renderer.querySelector('#list')!;
    expect(h.lastOps()).toEqual([[Op.Insert, list.id, before.get(5), before.get(2)]]);
  });

  it('swaps, reverses, inserts and removes with the minimum of work', () => {
    const { h, page, idOf } = setup([1, 2, 3, 4]);
    const before = idOf();
    h.reset();
    h.patch(page, [['set', ['items'], items(4, 3, 2, 1)]]);
    expect(h.renderer.text('#list')).toBe('row4row3row2row1');
    expect(idOf()).toEqual(before);
    expect(h.lastOps().every((op) => op[0] === Op.Insert)).toBe(true);
    expect(h.lastOps()).toHaveLength(3);

    h.reset();
    h.patch(page, [['set', ['items'], items(4, 9, 2, 1)]]);
    const kinds = h.lastOps().map((op) => op[0]);
    expect(kinds.filter((k) => k === Op.Remove)).toHaveLength(1);
    expect(kinds.filter((k) => k === Op.Element)).toHaveLength(1);
    expect(h.renderer.text('#list')).toBe('row4row9row2row1');
    expect(idOf().get(1)).toBe(before.get(1));
  });

  it('changing one row of 1,000 touches only that row', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i);
    const { h, page } = setup(ids);
    const list = h.renderer.querySelector('#list')!;
    expect(list.children).toHaveLength(1000);
    h.reset();
    h.patch(page, [['set', ['items', 500, 't'], 'changed']]);
    expect(h.lastOps()).toEqual([[Op.SetText, list.children[500].children[0].id, 'changed']]);
  });

  it('applies splices', () => {
    const { h, page } = setup([1, 2, 3]);
    h.patch(page, [['splice', ['items'], 1, 1, items(7, 8)]]);
    expect(h.renderer.text('#list')).toBe('row1row7row8row3');
    h.patch(page, [['splice', ['items'], 0, 0, items(0)]]);
    expect(h.renderer.text('#list')).toBe('row0row1row7row8row3');
    expect(h.engine.instanceData(page)).toEqual({ items: items(0, 1, 7, 8, 3) });
  });

  it('survives duplicate keys without losing or leaking nodes', () => {
    const { h, page } = setup([1, 2, 3]);
    h.patch(page, [['set', ['items'], [{ id: 1, t: 'a' }, { id: 1, t: 'b' }, { id: 3, t: 'c' }]]]);
    expect(h.renderer.text('#list')).toBe('abc');
    h.patch(page, [['set', ['items'], items(3)]]);
    expect(h.renderer.text('#list')).toBe('row3');
    expect(h.renderer.querySelector('#list')!.children).toHaveLength(1);
  });
});

describe('patches', () => {
  it('sets nested paths, creating missing objects and arrays', () => {
    const h = createHarness({ templates: { [PAGE]: (s) => [text(JSON.stringify(s))] } });
    const page = h.openPage(PAGE);
    h.init(page, { a: { b: 1 } });
    h.patch(page, [
      ['set', ['a', 'c', 'd'], 2],
      ['set', ['list', 0, 'name'], 'x'],
    ]);
    expect(h.engine.instanceData(page)).toEqual({ a: { b: 1, c: { d: 2 } }, list: [{ name: 'x' }] });
    expect(h.renderer.text()).toBe('{"a":{"b":1,"c":{"d":2}},"list":[{"name":"x"}]}');
  });

  it('does not mutate objects it received', () => {
    const h = createHarness({ templates: { [PAGE]: () => [] } });
    const page = h.openPage(PAGE);
    const data = { list: [{ n: 1 }], nested: { x: 1 } };
    h.init(page, data);
    h.patch(page, [['set', ['nested', 'x'], 2], ['splice', ['list'], 0, 1, []]]);
    expect(data).toEqual({ list: [{ n: 1 }], nested: { x: 1 } });
    expect(h.engine.instanceData(page)).toEqual({ list: [], nested: { x: 2 } });
  });

  it('drops patches for unknown or destroyed ids silently', () => {
    const h = createHarness({ templates: { [PAGE]: (s) => [text(s.v)] } });
    const page = h.openPage(PAGE);
    h.init(page, { v: 1 });
    h.reset();
    h.engine.applyPatches([{ t: 'patch', id: 999, seq: 1, ops: [['set', [], { v: 2 }]] }]);
    expect(h.batches).toHaveLength(0);
    expect(h.sent).toHaveLength(0);
    expect(h.errors).toHaveLength(0);
    h.engine.destroyPage(page);
    h.reset();
    h.engine.applyPatches([{ t: 'patch', id: page, seq: 5, ops: [['set', ['v'], 3]] }]);
    expect(h.batches).toHaveLength(0);
    expect(h.sent).toHaveLength(0);
  });

  it('reports a malformed patch, refuses __proto__ paths and keeps going', () => {
    const h = createHarness({ templates: { [PAGE]: (s) => [text(s.v)] } });
    const page = h.openPage(PAGE);
    h.init(page, { v: 1 });
    h.patch(page, [['set', ['__proto__', 'polluted'], true]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    h.patch(page, [['nope' as 'set', ['v'], 2]]);
    h.engine.applyPatches([{ t: 'patch', id: page, seq: 9, ops: 'junk' as never }]);
    expect(h.errors.map((e) => e.kind)).toEqual(['patch', 'patch', 'patch']);
    expect(h.errors[0].message).toMatch(/__proto__/);
    h.patch(page, [['set', ['v'], 'still works']]);
    expect(h.renderer.text()).toBe('still works');
  });

  it('acks each patched instance once with the highest seq applied', () => {
    const h = createHarness({ templates: { [PAGE]: (s) => [text(s.v)] } });
    const a = h.openPage(PAGE);
    const b = h.openPage(PAGE);
    h.reset();
    h.engine.applyPatches([
      { t: 'patch', id: a, seq: 1, ops: [['set', [], { v: 'a1' }]] },
      { t: 'patch', id: b, seq: 1, ops: [['set', [], { v: 'b1' }]] },
      { t: 'patch', id: a, seq: 2, ops: [['set', ['v'], 'a2']] },
    ]);
    expect(h.sent).toHaveLength(1);
    expect(h.of('rendered')).toEqual([
      { t: 'rendered', id: a, seq: 2 },
      { t: 'rendered', id: b, seq: 1 },
    ]);
    expect(h.batches).toHaveLength(1); // one renderer.apply() for the whole pass
  });
});

describe('render errors', () => {
  it('reports a throwing render function and keeps the last good tree', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => {
          if (s.boom) throw new Error('sjs exploded');
          return [text(s.v)];
        },
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { v: 'ok' });
    h.patch(page, [['set', ['boom'], true]]);
    expect(h.errors).toEqual([expect.objectContaining({ kind: 'render', id: page, message: 'sjs exploded' })]);
    expect(h.renderer.text()).toBe('ok');
    expect(h.of('rendered').at(-1)).toEqual({ t: 'rendered', id: page, seq: 2 });
    h.patch(page, [['set', ['boom'], false], ['set', ['v'], 'back']]);
    expect(h.renderer.text()).toBe('back');
  });

  it('a page whose template is missing is reported and still becomes ready', () => {
    const h = createHarness({ templates: {} });
    const page = h.openPage('pages/missing/missing');
    h.init(page, {});
    expect(h.errors[0]).toMatchObject({ kind: 'render', id: page });
    expect(h.errors[0].message).toMatch(/no template "pages\/missing\/missing"/);
    expect(h.ready).toEqual([page]);
  });

  it('ignores garbage vnodes from a render function', () => {
    const h = createHarness({
      templates: { [PAGE]: () => [null, 42, { kind: 'weird' }, text('fine')] as never },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    expect(h.html()).toBe(`<page route="${PAGE}">fine</page>`);
  });

  it('keeps working when the renderer throws on a batch', () => {
    const h = createHarness({ templates: { [PAGE]: (s) => [text(s.v)] } });
    const page = h.openPage(PAGE);
    const apply = h.renderer.apply.bind(h.renderer);
    let fail = true;
    h.renderer.apply = (ops) => {
      if (fail) {
        fail = false;
        throw new Error('InvalidCharacterError');
      }
      apply(ops);
    };
    h.init(page, { v: 1 });
    expect(h.errors[0]).toMatchObject({ kind: 'render', id: 0, message: 'InvalidCharacterError' });
    h.patch(page, [['set', ['v'], 2]]);
    expect(h.errors).toHaveLength(1);
  });
});

describe('re-entrancy', () => {
  it('handles a logic layer that answers synchronously from send()', () => {
    const COUNTER = 'components/counter/counter';
    const renderer = new HeadlessRenderer();
    let nextId = 1;
    const log: string[] = [];
    const engine: ViewEngine = new ViewEngine({
      renderer,
      components: {},
      allocateId: () => nextId++,
      onPageReady: (id) => log.push(`ready ${id}`),
      // An in-process logic layer: answers every compCreate at once, inside send().
      send: (batch) => {
        log.push(batch.map((m) => m.t).join(','));
        for (const m of batch) {
          if (m.t === 'compCreate') engine.applyPatches([{ t: 'patch', id: m.id, seq: 1, ops: [['set', [], { n: m.id }]] }]);
        }
      },
    });
    engine.addViewModule({
      abi: 1,
      templates: {
        [PAGE]: () => [comp('my-counter', COUNTER), comp('my-counter', COUNTER)],
        [COUNTER]: (s) => [text(`[${s.n}]`)],
      },
    });
    engine.createPage(100, PAGE, PAGE);
    engine.showPage(100);
    engine.applyPatches([{ t: 'patch', id: 100, seq: 1, ops: [['set', [], {}]] }]);
    expect(renderer.text()).toBe('[1][2]');
    expect(log).toEqual(['compCreate,compCreate,rendered', 'rendered,compMount', 'rendered,compMount', 'ready 100']);
  });

  it('queues events a renderer fires while it applies a batch', () => {
    const renderer = new HeadlessRenderer();
    const sent: string[] = [];
    let engine!: ViewEngine;
    const apply = renderer.apply.bind(renderer);
    renderer.apply = (ops) => {
      apply(ops);
      // Like a DOM blur when a focused input is removed: an event during apply.
      const input = renderer.querySelector('input');
      if (input) renderer.dispatch(input, 'blur');
    };
    engine = new ViewEngine({
      renderer,
      components: {},
      allocateId: () => 1,
      send: (batch) => sent.push(...batch.map((m) => (m.t === 'event' ? `event:${m.handler}` : m.t))),
    });
    engine.addViewModule({ abi: 1, templates: { [PAGE]: () => [el('input', {}, [], { events: [on('blur', 'onBlur')] })] } });
    engine.createPage(5, PAGE, PAGE);
    engine.showPage(5);
    engine.applyPatches([{ t: 'patch', id: 5, seq: 1, ops: [['set', [], {}]] }]);
    expect(sent).toEqual(['rendered', 'event:onBlur']);
  });
});

describe('pages', () => {
  it('creates, shows and destroys page roots', () => {
    const h = createHarness({ templates: { a: () => [text('A')], b: () => [text('B')] } });
    const a = h.openPage('pages/a', 'a');
    h.init(a, {});
    const b = h.openPage('pages/b', 'b');
    h.init(b, {});
    expect(h.renderer.currentPageId()).toBe(b);
    expect(h.renderer.text()).toBe('B');
    h.engine.destroyPage(b);
    expect(h.lastOps()).toEqual([[Op.PageDestroy, b]]);
    expect(h.renderer.currentPage()).toBeUndefined();
    h.engine.showPage(a);
    expect(h.renderer.text()).toBe('A');
    expect(h.ready).toEqual([a, b]);
  });

  it('refuses a page id already in use', () => {
    const h = createHarness({ templates: {} });
    const a = h.openPage('a');
    expect(() => h.engine.createPage(a, 'b', 'b')).toThrow(/already in use/);
  });

  it('onPageReady fires once, after the first render', () => {
    const h = createHarness({ templates: { [PAGE]: (s) => [text(s.v)] } });
    const page = h.openPage(PAGE);
    expect(h.ready).toEqual([]);
    h.init(page, { v: 1 });
    h.patch(page, [['set', ['v'], 2]]);
    expect(h.ready).toEqual([page]);
  });

  it('does nothing after dispose', () => {
    const h = createHarness({ templates: { [PAGE]: (s) => [text(s.v)] } });
    const page = h.openPage(PAGE);
    h.engine.dispose();
    h.reset();
    h.init(page, { v: 1 });
    expect(h.batches).toHaveLength(0);
    expect(h.sent).toHaveLength(0);
  });
});
