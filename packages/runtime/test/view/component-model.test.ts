/**
 * The view engine's part of the component model (PROTOCOL.md): compCreate.parent, compMove,
 * the first patch's options (virtualHost, externalClasses), abstract nodes, placeholders and
 * selectComponents, checked on the messages and renderer ops the engine produces.
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { comp, createHarness, el, slot, text } from './support.ts';

const PAGE = 'pages/index/index';
const BOX = 'components/box/box';
const ITEM = 'components/item/item';

describe('component model in the view engine', () => {
  it('slot content is created with the component holding the slot as its parent; a component in a page has none', () => {
    const h = createHarness({
      templates: {
        [PAGE]: () => [comp('box', BOX, {}, [comp('item', ITEM, { name: 'in-slot' })])],
        [BOX]: () => [el('view', { class: 'box' }, [slot()])],
        [ITEM]: (s) => [text(String(s.name))],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const [box] = h.of('compCreate');
    expect(box.parent).toBeUndefined();
    h.init(box.id, {});
    const item = h.of('compCreate')[1]!;
    expect(item).toMatchObject({ is: ITEM, owner: page, parent: box.id });
  });

  it('a keyed reorder sends compMove for the components it moved, nothing for the ones that stayed', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => (s.names as string[]).map((name) => comp('item', ITEM, { name }, [], { key: name })),
        [ITEM]: (s) => [text(String(s.name))],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { names: ['a', 'b', 'c'] });
    const ids: Record<string, number> = Object.fromEntries(h.of('compCreate').map((m) => [String(m.props.name), m.id]));
    for (const id of Object.values(ids)) h.init(id, {});
    h.reset();
    h.patch(page, [['set', ['names'], ['c', 'a', 'b']]]);
    expect(h.of('compMove').map((m) => m.id)).toEqual([ids.c]);
  });

  it('the first patch\'s options.virtualHost gives a component a host element before it renders, or takes it away', () => {
    const h = createHarness({
      templates: {
        [PAGE]: () => [comp('item', ITEM, { id: 'solid', class: 'x' }), comp('box', BOX, { id: 'gone' })],
        [ITEM]: () => [el('view', { class: 'inner' })],
        [BOX]: () => [el('view', { class: 'box' })],
      },
      components: { [BOX]: { virtualHost: false } },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const [item, box] = h.of('compCreate');
    expect(h.html()).toBe(`<page route="${PAGE}"><box id="gone"></box></page>`);
    h.engine.applyPatches([
      { t: 'patch', id: item!.id, seq: 1, ops: [['set', [], {}]], options: { virtualHost: false } },
      { t: 'patch', id: box!.id, seq: 1, ops: [['set', [], {}]], options: { virtualHost: true } },
    ]);
    expect(h.html()).toBe(`<page route="${PAGE}"><item id="solid" class="x"><view class="inner"></view></item><view class="box"></view></page>`);
  });

  it('external classes: the component\'s class names become the classes its owner passes, and follow them', () => {
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [comp('item', ITEM, { 'my-class': s.cls })],
        [ITEM]: () => [el('view', { class: 'my-class own' }), el('view', { class: 'other-class' })],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { cls: 'red big' });
    const [item] = h.of('compCreate');
    h.engine.applyPatches([{ t: 'patch', id: item!.id, seq: 1, ops: [['set', [], {}]], options: { externalClasses: ['my-class', 'other-class'] } }]);
    expect(h.html()).toBe(`<page route="${PAGE}"><view class="red big own"></view><view class=""></view></page>`);
    h.patch(page, [['set', ['cls'], 'blue']]);
    h.engine.applyPatches([{ t: 'patch', id: item!.id, seq: 2, ops: [] }]);
    expect(h.html()).toBe(`<page route="${PAGE}"><view class="blue own"></view><view class=""></view></page>`);
  });

  it('an abstract node renders what the owner picked with generic:name (through its usingComponents), else its default', () => {
    const GROUP = 'components/group/group';
    const DEFAULT = 'components/group/option';
    const RADIO = 'components/radio/radio';
    const h = createHarness({
      templates: {
        [PAGE]: () => [comp('group', GROUP, { 'generic:selectable': 'radio' }), comp('group', GROUP), comp('group', GROUP, { 'generic:selectable': 'nope' })],
        [GROUP]: () => [comp('selectable', DEFAULT, { label: 'L' })],
        [DEFAULT]: () => [text('default')],
        [RADIO]: () => [text('radio')],
      },
      components: { [GROUP]: { componentGenerics: { selectable: DEFAULT } }, [DEFAULT]: {}, [RADIO]: {} },
      engine: { pages: { [PAGE]: { id: PAGE, package: '', window: {}, template: PAGE, usingComponents: { radio: RADIO }, styleIsolation: 'shared' } } },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const groups = h.of('compCreate');
    expect(groups.map((g) => Object.keys(g.props))).toEqual([[], [], []]);
    // A tag the owner does not declare: reported, and the default renders.
    expect(h.errors.map((e) => e.message)).toEqual([expect.stringContaining('generic:selectable="nope": <nope> is not one of the usingComponents')]);
    for (const g of groups) h.init(g.id, {});
    expect(h.of('compCreate').slice(3).map((m) => [m.is, m.props])).toEqual([
      [RADIO, { label: 'L' }],
      [DEFAULT, { label: 'L' }],
      [DEFAULT, { label: 'L' }],
    ]);
  });

  it('a placeholder renders while its component\'s template is missing; loadComponent is asked once; refreshPlaceholders swaps it in', () => {
    const LAZY = 'sub/components/lazy/lazy';
    const HELLO = 'components/hello/hello';
    const asked: string[] = [];
    const h = createHarness({
      templates: {
        [PAGE]: () => [el('view', { id: 'wrap' }, [comp('lazy', LAZY, { title: 'T' })])],
        [HELLO]: () => [text('loading')],
      },
      components: { [HELLO]: {}, [LAZY]: { package: 'sub' } },
      engine: {
        pages: { [PAGE]: { id: PAGE, package: '', window: {}, template: PAGE, usingComponents: { lazy: LAZY, hello: HELLO }, styleIsolation: 'shared', componentPlaceholder: { lazy: HELLO } } },
        loadComponent: (id) => asked.push(id),
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const [placeholder] = h.of('compCreate');
    expect(placeholder).toMatchObject({ is: HELLO, props: { title: 'T' } });
    h.init(placeholder!.id, {});
    expect(h.renderer.text('#wrap')).toBe('loading');
    h.patch(page, [['set', ['x'], 1]]);
    expect(asked).toEqual([LAZY]);
    h.reset();
    h.engine.addViewModule({ abi: 1, templates: { [LAZY]: (s) => [text(`real ${s.title}`)] } });
    h.engine.refreshPlaceholders();
    expect(h.messages().map((m) => m.t)).toEqual(['compUnmount', 'compCreate']);
    const [real] = h.of('compCreate');
    expect(real).toMatchObject({ is: LAZY, props: { title: 'T' } });
    h.init(real!.id, {}, { title: 'T' });
    expect(h.renderer.text('#wrap')).toBe('real T');
    expect(h.lastOps().some((op) => op[0] === Op.Insert)).toBe(true);
  });

  it('selectComponents: the caller\'s own components matching the selector, in document order', () => {
    const h = createHarness({
      templates: {
        [PAGE]: () => [
          el('view', { class: 'list' }, [comp('item', ITEM, { class: 'c', id: 'one' }), comp('item', ITEM, { class: 'c' })]),
          comp('box', BOX, { class: 'c' }, [comp('item', ITEM, { class: 'c slotted' })]),
        ],
        [BOX]: () => [slot(), comp('item', ITEM, { class: 'c inner' })],
        [ITEM]: () => [],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const [one, two, box] = h.of('compCreate');
    h.init(box!.id, {});
    const [slotted, inner] = h.of('compCreate').slice(3);
    expect(h.engine.selectComponents(page, '.c', true)).toEqual([one!.id, two!.id, box!.id, slotted!.id]);
    expect(h.engine.selectComponents(page, '.list .c', true)).toEqual([one!.id, two!.id]);
    expect(h.engine.selectComponents(page, '#one', false)).toEqual([one!.id]);
    expect(h.engine.selectComponents(page, 'box >>> .inner', true)).toEqual([inner!.id]);
    expect(h.engine.selectComponents(box!.id, '.c', true)).toEqual([inner!.id]);
    expect(() => h.engine.selectComponents(page, '.c[', false)).toThrow(/Invalid selector/);
  });
});
