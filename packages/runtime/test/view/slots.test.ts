import { describe, expect, it } from 'vitest';
import type { VNode } from '../../src/contract/view-abi.ts';
import { Op } from '../../src/contract/renderer.ts';
import { comp, createHarness, el, on, slot, text } from './support.ts';

const PAGE = 'pages/index/index';
const BOX = 'components/box/box';

/** The docs' component: a default slot with fallback, header/footer named slots around a body. */
const boxTemplate = () => [
  el('view', { class: 'box' }, [
    slot('', [el('view', {}, [text('default slot & default value')])]),
    slot('header'),
    el('view', {}, [text('body')]),
    slot('footer'),
  ]),
];

function setup(pageChildren: (s: Record<string, unknown>) => VNode[], options: { scope?: string } = {}) {
  let boxRenders = 0;
  const h = createHarness({
    templates: {
      [PAGE]: (s) => [comp('my-box', BOX, {}, pageChildren(s))],
      [BOX]: () => {
        boxRenders++;
        return boxTemplate();
      },
    },
    components: { [BOX]: { scope: options.scope } },
  });
  const page = h.openPage(PAGE);
  return {
    h,
    page,
    boxRenders: () => boxRenders,
    start(data: Record<string, unknown> = {}) {
      h.init(page, data);
      const box = h.of('compCreate')[0].id;
      h.init(box, {});
      return box;
    },
    lines: () => h.renderer.querySelector('.box')!.children.map((n) => h.renderer.text(n)),
  };
}

describe('slots', () => {
  it('renders the default slot fallback when nothing is passed', () => {
    const t = setup(() => []);
    t.start();
    expect(t.lines()).toEqual(['default slot & default value', 'body']);
  });

  it('replaces the default slot with the passed children', () => {
    const t = setup(() => [el('view', {}, [text('header')]), el('view', {}, [text('footer')])]);
    t.start();
    expect(t.lines()).toEqual(['header', 'footer', 'body']);
  });

  it('fills named slots and keeps the default fallback when only named slots are passed', () => {
    const t = setup(() => [
      text('\n  '),
      el('view', {}, [text('header')], { slot: 'header' }),
      text('\n  '),
      el('view', {}, [text('footer')], { slot: 'footer' }),
    ]);
    t.start();
    expect(t.lines()).toEqual(['default slot & default value', 'header', 'body', 'footer']);
  });

  it('fills the default slot with the children that name no slot', () => {
    const t = setup(() => [
      el('view', {}, [text('this is to default slot')]),
      el('view', {}, [text('header')], { slot: 'header' }),
      el('view', {}, [text('footer')], { slot: 'footer' }),
    ]);
    t.start();
    expect(t.lines()).toEqual(['this is to default slot', 'header', 'body', 'footer']);
  });

  it('renders scoped slots with the slot props and the owner\'s data', () => {
    const SCOPED = 'components/scoped/scoped';
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [
          comp('my-scoped', SCOPED, {}, [], {
            scopedSlots: {
              '': (p) => [el('view', {}, [el('view', {}, [text(`component data: ${p.x}`)]), el('view', {}, [text(`page data: ${s.y}`)])])],
            },
          }),
        ],
        [SCOPED]: (s) => [el('view', { id: 'c' }, [slot('', [text('fallback')], { x: s.x }), el('view', {}, [text('body')])])],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { y: 2 });
    const id = h.of('compCreate')[0].id;
    h.init(id, { x: 1 });
    expect(h.renderer.text('#c')).toBe('component data: 1page data: 2body');
    // Component data changes flow into the slot props...
    h.patch(id, [['set', ['x'], 5]]);
    expect(h.renderer.text('#c')).toBe('component data: 5page data: 2body');
    // ...and owner data changes into the owner's part of it.
    h.patch(page, [['set', ['y'], 3]]);
    expect(h.renderer.text('#c')).toBe('component data: 5page data: 3body');
  });

  it('updates slot content from the owner without re-rendering the component', () => {
    const t = setup((s) => [el('view', { id: 'msg' }, [text(String(s.msg))])]);
    t.start({ msg: 'one' });
    expect(t.boxRenders()).toBe(1);
    const msg = t.h.renderer.querySelector('#msg')!;
    t.h.reset();
    t.h.patch(t.page, [['set', ['msg'], 'two']]);
    expect(t.boxRenders()).toBe(1);
    expect(t.lines()).toEqual(['two', 'body']);
    expect(t.h.lastOps()).toEqual([[Op.SetText, msg.children[0].id, 'two']]);
  });

  it('keeps slot nodes when the component re-renders itself', () => {
    const t = setup(() => [el('view', { id: 'msg' }, [text('content')])]);
    const box = t.start();
    const msg = t.h.renderer.querySelector('#msg')!;
    t.h.reset();
    t.h.patch(box, [['set', ['anything'], 1]]);
    expect(t.boxRenders()).toBe(2);
    expect(t.h.batches).toEqual([]);
    expect(t.h.renderer.querySelector('#msg')).toBe(msg);
  });

  it('switches between content and fallback as the owner adds and removes children', () => {
    const t = setup((s) => (s.show ? [el('view', {}, [text('mine')])] : []));
    t.start({ show: false });
    expect(t.lines()).toEqual(['default slot & default value', 'body']);
    t.h.patch(t.page, [['set', ['show'], true]]);
    expect(t.lines()).toEqual(['mine', 'body']);
    t.h.patch(t.page, [['set', ['show'], false]]);
    expect(t.lines()).toEqual(['default slot & default value', 'body']);
  });

  it('supports dynamic slot names (slot="slot{{item}}") and repeated slots', () => {
    const LIST = 'components/list/list';
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [
          comp('my-list', LIST, { count: s.count }, (s.items as number[]).map((i) => el('b', {}, [text(String(i))], { slot: `slot${i}` }))),
        ],
        [LIST]: (s) => [
          ...Array.from({ length: s.count as number }, (_, i) => el('view', { class: 'cell' }, [slot(`slot${i}`, [text('default')])])),
          el('view', { class: 'twice' }, [slot('slot0'), slot('slot0')]),
        ],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { count: 3, items: [0, 2] });
    const id = h.of('compCreate')[0].id;
    h.init(id, { count: 3 });
    expect(h.renderer.querySelectorAll('.cell').map((n) => h.renderer.text(n))).toEqual(['0', 'default', '2']);
    expect(h.renderer.text('.twice')).toBe('00');
    h.patch(page, [['set', ['items'], [1]]]);
    expect(h.renderer.querySelectorAll('.cell').map((n) => h.renderer.text(n))).toEqual(['default', '1', 'default']);
    expect(h.renderer.text('.twice')).toBe('');
  });

  it('slot content belongs to the owner: its scope and its handlers', () => {
    const OUTER = 'components/outer/outer';
    const h = createHarness({
      templates: {
        [PAGE]: () => [comp('my-outer', OUTER)],
        [OUTER]: () => [
          comp('my-box', BOX, {}, [el('button', { id: 'btn' }, [text('go')], { events: [on('tap', 'outerTap')] })]),
        ],
        [BOX]: () => [el('view', { id: 'frame' }, [slot()], { events: [on('tap', 'boxTap')] })],
      },
      components: { [OUTER]: { scope: 'so' }, [BOX]: { scope: 'sb' } },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const outer = h.of('compCreate')[0].id;
    h.init(outer, {});
    const box = h.of('compCreate')[1];
    expect(box.owner).toBe(outer);
    h.init(box.id, {});
    expect(h.renderer.querySelector('#frame')!.scope).toBe('sb');
    expect(h.renderer.querySelector('#btn')!.scope).toBe('so');
    h.reset();
    h.renderer.tap('#btn');
    expect(h.of('event').map((m) => [m.id, m.handler])).toEqual([
      [outer, 'outerTap'],
      [box.id, 'boxTap'],
    ]);
  });

  it('a component passed as slot content mounts before the component holding it', () => {
    const ITEM = 'components/item/item';
    const h = createHarness({
      templates: {
        [PAGE]: () => [comp('my-box', BOX, {}, [comp('my-item', ITEM)])],
        [BOX]: () => [el('view', { class: 'box' }, [slot()])],
        [ITEM]: () => [text('item')],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const box = h.of('compCreate')[0].id;
    h.init(box, {});
    const item = h.of('compCreate')[1];
    expect(item).toMatchObject({ is: ITEM, owner: page });
    expect(h.of('compMount')).toEqual([]);
    h.init(item.id, {});
    expect(h.of('compMount').map((m) => m.id)).toEqual([item.id, box]);
    expect(h.ready).toEqual([page]);
    expect(h.renderer.text('.box')).toBe('item');
  });

  it('forwards a slot through another component (<slot/> inside slot content)', () => {
    const OUTER = 'components/outer/outer';
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [comp('my-outer', OUTER, {}, [el('b', {}, [text(String(s.msg))])])],
        [OUTER]: () => [text('{'), comp('my-box', BOX, {}, [slot('', [text('outer fallback')])]), text('}')],
        [BOX]: () => [el('view', { class: 'box' }, [slot('', [text('box fallback')])])],
      },
      components: { [OUTER]: { scope: 'so' }, [BOX]: { scope: 'sb' } },
    });
    const page = h.openPage(PAGE);
    h.init(page, { msg: 'hello' });
    const outer = h.of('compCreate')[0].id;
    h.init(outer, {});
    const box = h.of('compCreate')[1].id;
    h.init(box, {});
    expect(h.html()).toBe(`<page route="${PAGE}">{<view class="box"><b>hello</b></view>}</page>`);
    expect(h.renderer.querySelector('b')!.scope).toBeUndefined();
    h.patch(page, [['set', ['msg'], 'again']]);
    expect(h.renderer.text()).toBe('{again}');
  });

  it('reports a throwing scoped slot against its owner and renders the rest', () => {
    const SCOPED = 'components/scoped/scoped';
    const h = createHarness({
      templates: {
        [PAGE]: () => [
          comp('my-scoped', SCOPED, {}, [], {
            scopedSlots: {
              '': () => {
                throw new Error('slot boom');
              },
            },
          }),
        ],
        [SCOPED]: () => [el('view', { id: 'c' }, [slot(), text('after')])],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const id = h.of('compCreate')[0].id;
    h.init(id, {});
    expect(h.errors).toEqual([expect.objectContaining({ kind: 'render', id: page, message: 'slot boom' })]);
    expect(h.renderer.text('#c')).toBe('after');
  });
});
