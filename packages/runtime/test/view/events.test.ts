import { describe, expect, it } from 'vitest';
import type { RenderFunction } from '../../src/contract/view-abi.ts';
import { HeadlessRenderer } from '../../src/renderers/headless/index.ts';
import { ViewEngine, type ViewNodeEvent } from '../../src/view/engine.ts';
import { comp, createHarness, el, on, text } from './support.ts';

const PAGE = 'pages/index/index';

function pageWith(render: RenderFunction, extra: Record<string, RenderFunction> = {}, components = {}) {
  const h = createHarness({ templates: { [PAGE]: render, ...extra }, components });
  const page = h.openPage(PAGE);
  h.init(page, {});
  h.reset();
  return { h, page, handlers: () => h.of('event').map((m) => m.handler) };
}

describe('event object', () => {
  it('matches the docs: target.dataset is the binding node\'s, targetDataset the firing node\'s', () => {
    const { h, page } = pageWith(() => [
      el('view', { id: 'tapTest', 'data-hi': 'Alipay' }, [el('view', { id: 'tapTestInner', 'data-hi': 'AlipayInner' }, [text(' Click me! ')])], {
        events: [on('tap', 'tapName')],
      }),
    ]);
    h.renderer.tap('#tapTestInner');
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toEqual([
      {
        t: 'event',
        id: page,
        handler: 'tapName',
        event: {
          type: 'tap',
          timeStamp: 1_700_000_000_000,
          target: { id: 'tapTestInner', tagName: 'view', dataset: { hi: 'Alipay' }, targetDataset: { hi: 'AlipayInner' } },
          currentTarget: { id: 'tapTest', tagName: 'view', dataset: { hi: 'Alipay' } },
          mark: {},
        },
      },
    ]);
  });

  it('camel-cases data-* names and keeps value types; carries detail and touches', () => {
    const { h } = pageWith(() => [
      el('view', { 'data-alpha-beta': 1, 'data-x': 'y' }, [], { events: [on('touchMove', 'touchMoveHandle')] }),
    ]);
    const touch = { identifier: 0, pageX: 49.6, pageY: 54.1, clientX: 49.6, clientY: 54.1 };
    h.renderer.dispatch('view', 'touchMove', { any: 'detail' }, { touches: [touch], changedTouches: [touch] });
    const [message] = h.of('event');
    expect(message.event.target).toEqual({ tagName: 'view', dataset: { alphaBeta: 1, x: 'y' }, targetDataset: { alphaBeta: 1, x: 'y' } });
    expect(message.event.detail).toEqual({ any: 'detail' });
    expect(message.event.touches).toEqual([touch]);
    expect(message.event.changedTouches).toEqual([touch]);
  });

  it('a text node target fires on its element; unknown nodes are ignored', () => {
    const { h, handlers } = pageWith(() => [el('text', { id: 't' }, [text('hi')], { events: [on('tap', 'onText')] })]);
    const textNode = h.renderer.querySelector('#t')!.children[0];
    h.renderer.dispatch(textNode, 'tap');
    expect(handlers()).toEqual(['onText']);
    h.reset();
    h.renderer.dispatch({ ...textNode, id: 99999 }, 'tap');
    expect(h.sent).toEqual([]);
  });
});

describe('bubbling and catch (docs: 事件介绍)', () => {
  const tree = () => [
    el('view', { id: 'outter' }, [
      text('view1'),
      el('view', { id: 'middle' }, [text('view2'), el('view', { id: 'inner' }, [text('view3')], { events: [on('tap', 'handleTap3')] })], {
        events: [on('tap', 'handleTap2', { catch: true })],
      }),
    ], { events: [on('tap', 'handleTap1')] }),
  ];

  it('tap on view3 runs handleTap3 then handleTap2, and catch stops it there', () => {
    const { h, handlers } = pageWith(tree);
    h.renderer.tap('#inner');
    expect(handlers()).toEqual(['handleTap3', 'handleTap2']);
    expect(h.sent).toHaveLength(1);
  });

  it('tap on view2 runs handleTap2; tap on view1 runs handleTap1', () => {
    const { h, handlers } = pageWith(tree);
    h.renderer.tap('#middle');
    expect(handlers()).toEqual(['handleTap2']);
    h.reset();
    h.renderer.tap('#outter');
    expect(handlers()).toEqual(['handleTap1']);
  });

  it('an empty handler sends nothing, but catch with no handler still stops', () => {
    const { h, handlers } = pageWith(() => [
      el('view', { id: 'a' }, [el('view', { id: 'b' }, [], { events: [on('tap', '', { catch: true })] })], {
        events: [on('tap', 'outer')],
      }),
    ]);
    h.renderer.tap('#b');
    expect(handlers()).toEqual([]);
  });

  it('non-bubbling events run only on the node they fired on', () => {
    const { h, handlers } = pageWith(() => [
      el('form', {}, [el('input', { id: 'i' }, [], { events: [on('input', 'onInput')] })], { events: [on('input', 'formInput')] }),
    ]);
    h.renderer.input('#i', 'abc');
    expect(handlers()).toEqual(['onInput']);
    expect(h.of('event')[0].event.detail).toEqual({ value: 'abc', cursor: 3 });
  });
});

describe('capture phase (docs: 事件的捕获阶段)', () => {
  it('runs handleTap2, handleTap4, handleTap3, handleTap1', () => {
    const { h, handlers } = pageWith(() => [
      el('view', { id: 'outer' }, [
        text('outer view'),
        el('view', { id: 'inner' }, [text('inner view')], {
          events: [on('touchStart', 'handleTap3'), on('touchStart', 'handleTap4', { capture: true })],
        }),
      ], { events: [on('touchStart', 'handleTap1'), on('touchStart', 'handleTap2', { capture: true })] }),
    ]);
    h.renderer.dispatch('#inner', 'touchStart');
    expect(handlers()).toEqual(['handleTap2', 'handleTap4', 'handleTap3', 'handleTap1']);
  });

  it('capture-catch on the outer view runs only handleTap2', () => {
    const { h, handlers } = pageWith(() => [
      el('view', { id: 'outer' }, [
        el('view', { id: 'inner' }, [], {
          events: [on('touchStart', 'handleTap3'), on('touchStart', 'handleTap4', { capture: true })],
        }),
      ], { events: [on('touchStart', 'handleTap1'), on('touchStart', 'handleTap2', { capture: true, catch: true })] }),
    ]);
    h.renderer.dispatch('#inner', 'touchStart');
    expect(handlers()).toEqual(['handleTap2']);
  });
});

describe('mark (docs: 事件对象 → mark)', () => {
  it('merges marks along the path, child overriding parent, without case conversion', () => {
    const { h } = pageWith(() => [
      el('view', { 'mark:myMark': 'last', 'mark:shared': 'parent' }, [
        el('button', { 'mark:anotherMark': 'leaf', 'mark:shared': 'child' }, [text('按钮')], { events: [on('tap', 'onButtonTap')] }),
      ], { events: [on('tap', 'onViewTap')] }),
    ]);
    h.renderer.tap('button');
    const events = h.of('event');
    expect(events.map((m) => m.handler)).toEqual(['onButtonTap', 'onViewTap']);
    for (const m of events) expect(m.event.mark).toEqual({ myMark: 'last', anotherMark: 'leaf', shared: 'child' });
  });

  it('a component\'s handler does not see marks outside the component; the page\'s handler sees all', () => {
    const CARD = 'components/card/card';
    const h = createHarness({
      templates: {
        [PAGE]: () => [el('view', { 'mark:page': 'p' }, [comp('my-card', CARD)], { events: [on('tap', 'pageTap')] })],
        [CARD]: () => [
          el('view', { 'mark:card': 'c' }, [el('button', { 'mark:btn': 'b' }, [], { events: [on('tap', 'btnTap')] })], {
            events: [on('tap', 'cardTap')],
          }),
        ],
      },
      components: { [CARD]: { virtualHost: false } },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const card = h.of('compCreate')[0].id;
    h.init(card, {});
    h.reset();
    h.renderer.tap('button');
    expect(h.of('event').map((m) => [m.id, m.handler, m.event.mark])).toEqual([
      [card, 'btnTap', { btn: 'b', card: 'c' }],
      [card, 'cardTap', { btn: 'b', card: 'c' }],
      [page, 'pageTap', { btn: 'b', card: 'c', page: 'p' }],
    ]);
    // The non-virtual host element is part of the path: the page sees it as an ancestor.
    h.reset();
    h.renderer.tap('my-card');
    expect(h.of('event').map((m) => [m.handler, m.event.target.tagName])).toEqual([['pageTap', 'my-card']]);
  });
});

describe('events and components', () => {
  const CARD = 'components/card/card';

  it('bubbles out of a component to the page, resolving each handler on its owner', () => {
    const h = createHarness({
      templates: {
        [PAGE]: () => [
          el('view', { id: 'wrap' }, [comp('my-card', CARD, {}, [], { events: [on('tap', 'notAListener')] })], {
            events: [on('tap', 'pageTap')],
          }),
        ],
        [CARD]: () => [el('button', { id: 'b' }, [text('+')], { events: [on('tap', 'plusOne')] })],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    const card = h.of('compCreate')[0];
    // An on* binding on the component tag is a function prop, not a listener.
    expect(card.props).toEqual({ onTap: { $fn: 'notAListener' } });
    h.init(card.id, {});
    h.reset();
    h.renderer.tap('#b');
    expect(h.sent).toHaveLength(1);
    expect(h.of('event').map((m) => [m.id, m.handler])).toEqual([
      [card.id, 'plusOne'],
      [page, 'pageTap'],
    ]);
    const pageEvent = h.of('event')[1].event;
    expect(pageEvent.target.id).toBe('b');
    expect(pageEvent.currentTarget.id).toBe('wrap');
  });

  it('tells the host about every renderer event before propagating it', () => {
    const seen: ViewNodeEvent[] = [];
    const renderer = new HeadlessRenderer();
    const engine = new ViewEngine({
      renderer,
      send: () => {},
      components: {},
      allocateId: () => 1,
      onNodeEvent: (event) => seen.push(event),
    });
    engine.addViewModule({ abi: 1, templates: { [PAGE]: () => [el('navigator', { id: 'n', url: '/x' })] } });
    engine.createPage(7, PAGE, PAGE);
    engine.showPage(7);
    engine.applyPatches([{ t: 'patch', id: 7, seq: 1, ops: [['set', [], {}]] }]);
    renderer.dispatch('#n', 'navigate', { openType: 'navigate', url: '/x' });
    expect(seen).toEqual([
      { pageId: 7, nodeId: renderer.querySelector('#n')!.id, type: 'navigate', detail: { openType: 'navigate', url: '/x' } },
    ]);
  });
});
