import { describe, expect, it } from 'vitest';
import type { SjsEventHandler } from '../../src/contract/view-abi.ts';
import { Op } from '../../src/contract/renderer.ts';
import { comp, createHarness, el, on, text } from './support.ts';

const PAGE = 'pages/index/index';

type Descriptor = Record<string, (...args: unknown[]) => unknown>;

describe('SJS event handlers (docs: SJS 响应事件)', () => {
  it('runs on the view side with (event, ownerComponent); returning false stops propagation', () => {
    const calls: Array<{ event: Record<string, unknown>; owner: unknown }> = [];
    const handler: SjsEventHandler = (event, owner) => {
      calls.push({ event: event as Record<string, unknown>, owner });
      return false;
    };
    const h = createHarness({
      templates: {
        [PAGE]: () => [
          el('view', { id: 'outer' }, [el('view', { id: 'inner', 'data-foo': 'bar' }, [], { events: [on('touchStart', handler)] })], {
            events: [on('touchStart', 'outerHandler')],
          }),
        ],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    h.reset();
    h.renderer.dispatch('#inner', 'touchStart');
    expect(calls).toHaveLength(1);
    const { event, owner } = calls[0];
    expect(event.type).toBe('touchStart');
    expect((event.currentTarget as { id: string }).id).toBe('inner');
    expect(((event.instance as Descriptor).getDataset as () => unknown)()).toEqual({ foo: 'bar' });
    expect(typeof (owner as Descriptor).callMethod).toBe('function');
    expect(h.of('event')).toEqual([]);
  });

  it('stopPropagation() acts like catch; a throwing handler is reported and propagation goes on', () => {
    const stopper: SjsEventHandler = (event) => {
      (event as { stopPropagation(): void }).stopPropagation();
    };
    const thrower: SjsEventHandler = () => {
      throw new Error('bad sjs');
    };
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [
          el('view', { id: 'outer' }, [el('view', { id: 'inner' }, [], { events: [on('tap', s.stop ? stopper : thrower)] })], {
            events: [on('tap', 'outerTap')],
          }),
        ],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, { stop: true });
    h.renderer.tap('#inner');
    expect(h.of('event')).toEqual([]);
    h.patch(page, [['set', ['stop'], false]]);
    h.reset();
    h.renderer.tap('#inner');
    expect(h.errors).toEqual([expect.objectContaining({ kind: 'render', id: page, message: 'bad sjs' })]);
    expect(h.of('event').map((m) => m.handler)).toEqual(['outerTap']);
  });

  it('descriptors change classes and styles, and the changes survive re-renders', () => {
    const handler: SjsEventHandler = (event) => {
      const instance = (event as { instance: Descriptor }).instance;
      instance.addClass('active', 'a-reserved');
      instance.removeClass('base');
      instance.setStyle({ fontSize: '28rpx', 'margin-top': '1px' });
      expect(instance.hasClass('active')).toBe(true);
      expect(instance.hasClass('base')).toBe(false);
      expect(instance.getComputedStyle(['font-size', 'color'])).toEqual({ 'font-size': '28rpx', color: 'red' });
    };
    const h = createHarness({
      templates: { [PAGE]: (s) => [el('view', { id: 'v', class: `base ${s.extra}`, style: 'color:red' }, [], { events: [on('tap', handler)] })] },
    });
    const page = h.openPage(PAGE);
    h.init(page, { extra: 'x' });
    const node = h.renderer.querySelector('#v')!;
    h.reset();
    h.renderer.tap('#v');
    expect(h.lastOps()).toEqual([
      [Op.Attr, node.id, 'class', 'base x active'],
      [Op.Attr, node.id, 'class', 'x active'],
      [Op.Attr, node.id, 'style', 'color:red;font-size:28rpx;margin-top:1px'],
    ]);
    h.patch(page, [['set', ['extra'], 'y']]);
    expect(node.attrs.class).toBe('y active');
    expect(node.attrs.style).toBe('color:red;font-size:28rpx;margin-top:1px');
  });

  it('keeps per-descriptor state, calls logic methods and selects owned elements', () => {
    const seen: unknown[] = [];
    const handler: SjsEventHandler = (event, owner) => {
      const o = owner as Descriptor;
      const state = o.getState() as { taps?: number };
      state.taps = (state.taps ?? 0) + 1;
      o.callMethod('onCount', { taps: state.taps });
      seen.push((o.selectAllComponents('.item') as Descriptor[]).map((d) => d.getDataset()));
      seen.push(o.selectComponent('#missing'));
      seen.push(o.selectComponent('[bad'));
      void event;
    };
    const CARD = 'components/card/card';
    const h = createHarness({
      templates: {
        [PAGE]: () => [
          el('view', { id: 'v', class: 'item', 'data-n': 1 }, [], { events: [on('tap', handler)] }),
          el('view', { class: 'item', 'data-n': 2 }),
          comp('my-card', CARD),
        ],
        [CARD]: () => [el('view', { class: 'item', 'data-n': 'inside component' })],
      },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    h.init(h.of('compCreate')[0].id, {});
    h.reset();
    h.renderer.tap('#v');
    h.renderer.tap('#v');
    expect(h.of('event')).toEqual([
      { t: 'event', id: page, handler: 'onCount', event: { taps: 1 } },
      { t: 'event', id: page, handler: 'onCount', event: { taps: 2 } },
    ]);
    expect(seen[0]).toEqual([{ n: 1 }, { n: 2 }]);
    expect(seen[1]).toBeNull();
    expect(seen[2]).toBeNull();
    expect(h.errors[0].message).toMatch(/Invalid selector/);
  });

  it('runs descriptor timers later and flushes what they change', async () => {
    let done!: () => void;
    const fired = new Promise<void>((resolve) => (done = resolve));
    const handler: SjsEventHandler = (event, owner) => {
      const instance = (event as { instance: Descriptor }).instance;
      (owner as Descriptor).setTimeout(() => {
        instance.addClass('later');
        done();
      }, 1);
    };
    const h = createHarness({ templates: { [PAGE]: () => [el('view', { id: 'v' }, [], { events: [on('tap', handler)] })] } });
    const page = h.openPage(PAGE);
    h.init(page, {});
    h.renderer.tap('#v');
    await fired;
    expect(h.renderer.querySelector('#v')!.attrs.class).toBe('later');
  });
});

describe('SJS property observers (change:attr)', () => {
  it('fires once at creation and again when the watched value changes', () => {
    const calls: unknown[][] = [];
    const observer = (value: unknown, old: unknown, owner: unknown, instance: unknown) => {
      calls.push([value, old, typeof (owner as Descriptor).getState, typeof (instance as Descriptor).setStyle]);
    };
    const h = createHarness({
      templates: { [PAGE]: (s) => [el('view', { 'data-foo': s.foo, 'change:data-foo': observer }, [text(String(s.other))])] },
    });
    const page = h.openPage(PAGE);
    h.init(page, { foo: 1, other: 0 });
    h.patch(page, [['set', ['other'], 1]]);
    h.patch(page, [['set', ['foo'], 2]]);
    expect(calls).toEqual([
      [1, undefined, 'function', 'function'],
      [2, 1, 'function', 'function'],
    ]);
    // Functions never reach the renderer.
    expect(Object.keys(h.renderer.querySelector('view')!.attrs)).toEqual(['data-foo']);
  });
});
