import { describe, expect, it } from 'vitest';
import type { VNode } from '../../src/contract/view-abi.ts';
import { Op } from '../../src/contract/renderer.ts';
import { comp, createHarness, el, on, text } from './support.ts';

const PAGE = 'pages/index/index';
const COUNTER = 'components/counter/counter';
const CARD = 'components/card/card';
const ITEM = 'components/item/item';

describe('custom components', () => {
  it('sends compCreate with props, function props and ref, and renders after the first patch', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [
          el('view', { id: 'before' }),
          comp('my-counter', COUNTER, { count: s.n, title: 'T' }, [], {
            events: [on('counterPlusOne', 'onPlus'), on('thing', 'notAFunction', { catch: true })],
            ref: 'saveRef',
          }),
          el('view', { id: 'after' }),
        ],
        [COUNTER]: (s) => [el('text', { class: 'n' }, [text(`${s.title}:${s.count}:${s.own}:${s.$id}`)]), el('button', {}, [text('+')])],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { n: 1 });
    const [create] = h.of('compCreate');
    expect(create).toEqual({
      t: 'compCreate',
      id: create.id,
      is: COUNTER,
      page,
      owner: page,
      // Only `on*` become function props; the docs pass anything else as a string.
      props: { count: 1, title: 'T', onCounterPlusOne: { $fn: 'onPlus' }, catchThing: 'notAFunction' },
      ref: 'saveRef',
    });
    // Nothing of the component is rendered before its first patch.
    expect(h.html()).toBe(`<page route="${PAGE}"><view id="before"></view><view id="after"></view></page>`);
    expect(h.engine.pendingCount()).toBe(1);
    expect(h.ready).toEqual([]);

    h.reset();
    h.init(create.id, { own: 'x', count: 'data wins' }, { count: 1, title: 'T' });
    expect(h.html()).toBe(
      `<page route="${PAGE}"><view id="before"></view><text class="n">T:data wins:x:${create.id}</text><button>+</button><view id="after"></view></page>`,
    );
    expect(h.sent).toEqual([[{ t: 'rendered', id: create.id, seq: 1 }, { t: 'compMount', id: create.id }]]);
    expect(h.ready).toEqual([page]);
    expect(h.engine.pendingCount()).toBe(0);
  });

  it('gives the component scope its props under `props` too', () => {
    const h = createHarness({
      templates: {
        [PAGE]: () => [comp('my-card', CARD, { title: 'passed' })],
        [CARD]: (s) => [text(`${(s.props as { title: string }).title}/${s.title}/${s.extra}`)],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const { id } = h.of('compCreate')[0];
    h.init(id, {}, { title: 'merged', extra: 'default' });
    expect(h.renderer.text()).toBe('merged/merged/default');
  });

  it('sends compProps only when passed props change (function props by name)', () => {
    let pageRenders = 0;
    let cardRenders = 0;
    const h = createHarness({
      templates: {
        [PAGE]: (s) => {
          pageRenders++;
          return [
            text(String(s.other)),
            comp('my-card', CARD, { title: s.title, list: s.list }, [], { events: [on('select', s.handler as string)] }),
          ];
        },
        [CARD]: (s) => {
          cardRenders++;
          return [text(`[${s.title}]`)];
        },
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { title: 'a', list: [1, 2], handler: 'onSelect', other: 0 });
    const { id } = h.of('compCreate')[0];
    h.init(id, {}, { title: 'a' });
    h.reset();

    h.patch(page, [['set', ['other'], 1]]);
    expect(h.of('compProps')).toEqual([]);
    expect([pageRenders, cardRenders]).toEqual([2, 1]);

    h.patch(page, [['set', ['title'], 'b']]);
    expect(h.of('compProps')).toEqual([
      { t: 'compProps', id, props: { title: 'b', list: [1, 2], onSelect: { $fn: 'onSelect' } } },
    ]);
    // The child re-renders when the logic layer answers with its patch, not before.
    expect(cardRenders).toBe(1);
    expect(h.renderer.text()).toBe('1[a]');
    h.patch(id, [], { title: 'b' });
    expect(h.renderer.text()).toBe('1[b]');

    h.reset();
    h.patch(page, [['set', ['handler'], 'onOther']]);
    expect(h.of('compProps')).toHaveLength(1);
    expect(h.of('compProps')[0].props.onSelect).toEqual({ $fn: 'onOther' });
  });

  it('re-renders only the component whose data changed', () => {
    let pageRenders = 0;
    const h = createHarness({
      templates: {
        [PAGE]: () => {
          pageRenders++;
          return [el('view', { id: 'wrap' }, [comp('my-counter', COUNTER)])];
        },
        [COUNTER]: (s) => [text(String(s.n))],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const { id } = h.of('compCreate')[0];
    h.init(id, { n: 1 });
    const textNode = h.renderer.querySelector('#wrap')!.children[0];
    h.reset();
    h.patch(id, [['set', ['n'], 2]]);
    expect(pageRenders).toBe(1);
    expect(h.lastOps()).toEqual([[Op.SetText, textNode.id, '2']]);
    expect(h.sent).toEqual([[{ t: 'rendered', id, seq: 2 }]]);
  });

  it('places a virtual component\'s nodes between its siblings as it grows and shrinks', () => {
    const h = createHarness({
      templates: {
        [PAGE]: () => [
          text('<'),
          comp('my-item', ITEM, { k: 'a' }),
          comp('my-item', ITEM, { k: 'b' }),
          text('>'),
        ],
        [ITEM]: (s) => (s.rows as string[]).map((r) => el('i', {}, [text(`${s.k}${r}`)])),
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const [a, b] = h.of('compCreate').map((m) => m.id);
    h.init(b, { rows: ['1'] }, { k: 'b' });
    expect(h.renderer.text()).toBe('<b1>');
    h.init(a, { rows: ['1', '2'] }, { k: 'a' });
    expect(h.renderer.text()).toBe('<a1a2b1>');
    h.patch(b, [['set', ['rows'], []]]);
    h.patch(a, [['set', ['rows'], ['3']]]);
    expect(h.renderer.text()).toBe('<a3>');
    h.patch(b, [['set', ['rows'], ['9', '8']]]);
    expect(h.renderer.text()).toBe('<a3b9b8>');
  });

  it('unmounts removed components deepest first, and all of them when the page goes', () => {
    const INNER = 'components/inner/inner';
    const h = createHarness({
      templates: {
        [PAGE]: (s) => (s.show ? [comp('my-card', CARD), comp('my-item', ITEM)] : [comp('my-item', ITEM)]),
        [CARD]: () => [el('view', {}, [comp('my-inner', INNER)])],
        [INNER]: () => [text('inner')],
        [ITEM]: () => [text('item')],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { show: true });
    const [card, item] = h.of('compCreate');
    expect(card.is).toBe(CARD);
    h.init(card.id, {});
    const inner = h.of('compCreate')[2];
    expect(inner).toMatchObject({ is: INNER, owner: card.id, page });
    h.init(inner.id, {});
    h.init(item.id, {});
    expect(h.renderer.text()).toBe('inneritem');
    h.reset();

    h.patch(page, [['set', ['show'], false]]);
    expect(h.of('compUnmount').map((m) => m.id)).toEqual([inner.id, card.id]);
    expect(h.renderer.text()).toBe('item');
    expect(h.engine.instanceData(card.id)).toBeUndefined();
    // Patches for the unmounted instances are dropped.
    h.reset();
    h.patch(inner.id, [['set', ['x'], 1]]);
    expect(h.sent).toEqual([]);

    h.engine.destroyPage(page);
    expect(h.of('compUnmount').map((m) => m.id)).toEqual([item.id]);
  });

  it('mounts children before parents and reports the page ready once all have mounted', () => {
    const INNER = 'components/inner/inner';
    const h = createHarness({
      templates: {
        [PAGE]: () => [comp('my-card', CARD), comp('my-item', ITEM)],
        [CARD]: () => [comp('my-inner', INNER)],
        [INNER]: () => [text('i')],
        [ITEM]: () => [text('x')],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const [card, item] = h.of('compCreate').map((m) => m.id);
    h.init(card, {});
    expect(h.of('compMount')).toEqual([]);
    const inner = h.of('compCreate')[2].id;
    h.patchMany([
      { id: item, ops: [['set', [], {}]] },
      { id: inner, ops: [['set', [], {}]] },
    ]);
    expect(h.of('compMount').map((m) => m.id)).toEqual([item, inner, card]);
    expect(h.ready).toEqual([page]);
    // The ready callback comes after the batch carrying the mounts.
    const last = h.sent.at(-1)!;
    expect(last.map((m) => m.t)).toEqual(['rendered', 'rendered', 'compMount', 'compMount', 'compMount']);
  });

  it('a component removed before its first patch unblocks page ready', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => (s.show ? [comp('my-card', CARD)] : [text('none')]),
        [CARD]: () => [text('card')],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { show: true });
    expect(h.ready).toEqual([]);
    h.patch(page, [['set', ['show'], false]]);
    expect(h.of('compUnmount')).toHaveLength(1);
    expect(h.ready).toEqual([page]);
    expect(h.engine.pendingCount()).toBe(0);
  });

  it('keyed component lists keep their instances across moves', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => (s.ids as number[]).map((k) => comp('my-item', ITEM, { k }, [], { key: k })),
        [ITEM]: (s) => [el('view', { 'data-k': s.k }, [text(String(s.k))])],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { ids: [1, 2, 3] });
    const created = h.of('compCreate');
    for (const c of created) h.init(c.id, {}, c.props);
    expect(h.renderer.text()).toBe('123');
    const nodes = h.renderer.currentPage()!.children.map((n) => n.id);
    h.reset();
    h.patch(page, [['set', ['ids'], [3, 1, 2]]]);
    expect(h.of('compCreate')).toEqual([]);
    expect(h.of('compUnmount')).toEqual([]);
    expect(h.renderer.text()).toBe('312');
    expect(h.renderer.currentPage()!.children.map((n) => n.id)).toEqual([nodes[2], nodes[0], nodes[1]]);
    expect(h.lastOps()).toEqual([[Op.Insert, h.renderer.currentPage()!.id, nodes[2], nodes[0]]]);
  });

  it('renders a non-virtual host element that takes id/class/style', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [comp('my-card', CARD, { id: 'c1', class: s.cls, style: 'color:blue', title: 'x' }, [])],
        [CARD]: () => [el('view', { class: 'inner' }, [text('body')])],
      },
      components: { [CARD]: { virtualHost: false, scope: 'c4rd' } },
    });
    const page = h.openPage(PAGE);
    h.init(page, { cls: 'big' });
    const { id, props } = h.of('compCreate')[0];
    expect(props).toEqual({ id: 'c1', class: 'big', style: 'color:blue', title: 'x' });
    expect(h.html()).toBe(`<page route="${PAGE}"><my-card id="c1" class="big" style="color:blue"></my-card></page>`);
    h.init(id, {});
    expect(h.html()).toBe(
      `<page route="${PAGE}"><my-card id="c1" class="big" style="color:blue"><view class="inner">body</view></my-card></page>`,
    );
    const host = h.renderer.querySelector('my-card')!;
    expect(host.scope).toBe('c4rd-host');
    expect(host.children[0].scope).toBe('c4rd');
    h.reset();
    h.patch(page, [['set', ['cls'], 'small']]);
    expect(h.lastOps()).toEqual([[Op.Attr, host.id, 'class', 'small']]);
  });

  it('stamps a component\'s scope on the elements it renders, not on the page\'s', () => {
    const h = createHarness({
      templates: {
        [PAGE]: () => [el('view', { id: 'p' }), comp('my-card', CARD)],
        [CARD]: () => [el('view', { id: 'c' }, [el('text', { id: 't' })])],
      },
      components: { [CARD]: { scope: 's-card' } },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    h.init(h.of('compCreate')[0].id, {});
    expect(h.renderer.querySelector('#p')!.scope).toBeUndefined();
    expect(h.renderer.querySelector('#c')!.scope).toBe('s-card');
    expect(h.renderer.querySelector('#t')!.scope).toBe('s-card');
    expect(h.renderer.serialize(undefined, { scopes: true })).toBe(
      `<page route="${PAGE}"><view id="p"></view><view data-s-s-card id="c"><text data-s-s-card id="t"></text></view></page>`,
    );
  });

  it('describes the instance tree for devtools', () => {
    const h = createHarness({
      templates: {
        [PAGE]: () => [el('view', {}, [comp('my-card', CARD, { title: 't' })])],
        [CARD]: () => [comp('my-item', ITEM)],
        [ITEM]: () => [],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { a: 1 });
    const card = h.of('compCreate')[0].id;
    h.init(card, { b: 2 }, { title: 't' });
    const item = h.of('compCreate')[1].id;
    expect(h.engine.instanceTree(page)).toEqual({
      id: page,
      is: PAGE,
      route: PAGE,
      data: { a: 1 },
      children: [
        {
          id: card,
          is: CARD,
          data: { b: 2 },
          props: { title: 't' },
          children: [{ id: item, is: ITEM, data: {}, props: {}, children: [] }],
        },
      ],
    });
    expect(h.engine.instanceTree(12345)).toBeUndefined();
  });

  it('a component template that is missing renders nothing and still mounts', () => {
    const h = createHarness({ templates: { [PAGE]: () => [comp('x-y', 'components/none/none')] as VNode[] } });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const { id } = h.of('compCreate')[0];
    h.init(id, {});
    expect(h.errors[0]).toMatchObject({ kind: 'render', id });
    expect(h.of('compMount')).toEqual([{ t: 'compMount', id }]);
    expect(h.ready).toEqual([page]);
  });
});
