import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { domSuite, h, Ops, type DomPage } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

interface Touch {
  identifier: number;
  pageX: number;
  pageY: number;
  clientX: number;
  clientY: number;
}

async function box(d: DomPage, selector: string) {
  const b = await d.page.locator(selector).boundingBox();
  if (!b) throw new Error(`no box for ${selector}`);
  return b;
}

describe('DomRenderer: touch and tap events', () => {
  it('reports one tap at the innermost node, after touchStart and touchEnd', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'outer', $ref: 'outer', style: 'padding: 20px' }, h('view', { id: 'inner', $ref: 'inner' }, 'Click me'))));
    await d.page.click('#inner');
    const events = await d.take();
    expect(events.map((e) => `${e.type}@${e.target}`)).toEqual([`touchStart@${o.ids.inner}`, `touchEnd@${o.ids.inner}`, `tap@${o.ids.inner}`]);
    const tap = events[2];
    const b = await box(d, '#inner');
    const detail = tap.detail as Touch;
    expect(Math.abs(detail.clientX - (b.x + b.width / 2))).toBeLessThanOrEqual(1);
    expect(Math.abs(detail.clientY - (b.y + b.height / 2))).toBeLessThanOrEqual(1);
    expect(detail.pageY).toBeCloseTo(detail.clientY, 5);
    const start = events[0].extra!;
    expect(start.touches).toHaveLength(1);
    expect(start.changedTouches).toEqual(start.touches);
    expect(Object.keys(start.changedTouches![0] as object).sort()).toEqual(['clientX', 'clientY', 'identifier', 'pageX', 'pageY']);
    expect(events[1].extra!.touches).toEqual([]);
    expect(events[1].extra!.changedTouches).toHaveLength(1);
  });

  it('reports a long press as longTap and then no tap; a drag is neither', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'v', $ref: 'v', style: 'height: 200px' }, 'hold')));
    const b = await box(d, '#v');
    await d.page.mouse.move(b.x + 20, b.y + 20);
    await d.page.mouse.down();
    const [longTap] = await d.waitForEvent('longTap');
    await d.page.mouse.up();
    expect(longTap.target).toBe(o.ids.v);
    expect(longTap.detail).toMatchObject({ clientX: b.x + 20, clientY: b.y + 20 });
    expect((await d.take()).map((e) => e.type)).toEqual(['touchStart', 'longTap', 'touchEnd']);

    await d.page.mouse.move(b.x + 20, b.y + 20);
    await d.page.mouse.down();
    await d.page.mouse.move(b.x + 80, b.y + 100, { steps: 4 });
    await d.page.mouse.up();
    const types = (await d.take()).map((e) => e.type);
    expect(types[0]).toBe('touchStart');
    expect(types).toContain('touchMove');
    expect(types.at(-1)).toBe('touchEnd');
    expect(types).not.toContain('tap');
    expect(types).not.toContain('longTap');
  });

  it('reports real touches with identifiers, page vs client coordinates and multi-touch lists', async () => {
    const d = await suite.fresh({ hasTouch: true });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { style: 'height: 300px' }), h('view', { id: 't', $ref: 't', style: 'height: 300px; touch-action: none' }, 'touch'), h('view', { style: 'height: 2000px' })));
    await d.page.evaluate(() => {
      window.mpk.renderer!.pageElement(1)!.scrollTop = 200;
    });
    const b = await box(d, '#t');
    const app = await box(d, '#app');
    const cdp = await d.page.context().newCDPSession(d.page);
    const x = b.x + 30;
    const y = b.y + 40;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }, { x: x + 50, y, id: 2 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + 5, y: y + 300, id: 1 }, { x: x + 50, y, id: 2 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const events = await d.take();
    const starts = events.filter((e) => e.type === 'touchStart');
    expect(starts).toHaveLength(2);
    expect(events.every((e) => e.target === o.ids.t)).toBe(true);
    const first = starts[0].extra!.changedTouches![0] as Touch;
    expect(first.clientX).toBeCloseTo(x - app.x, 0);
    expect(first.clientY).toBeCloseTo(y - app.y, 0);
    expect(first.pageY).toBeCloseTo(first.clientY + 200, 0);
    expect(starts[1].extra!.touches).toHaveLength(2);
    const ids = (starts[1].extra!.touches as Touch[]).map((t) => t.identifier);
    expect(new Set(ids).size).toBe(2);
    // the move left the node: still reported at the node where the touch began
    const move = events.find((e) => e.type === 'touchMove')!;
    expect(move.target).toBe(o.ids.t);
    expect((move.extra!.changedTouches![0] as Touch).clientY).toBeCloseTo(y + 300 - app.y, 0);
    const ends = events.filter((e) => e.type === 'touchEnd' || e.type === 'touchCancel');
    expect(ends).toHaveLength(2);
    expect(ends.at(-1)!.extra!.touches).toEqual([]);
    await cdp.detach();
  });

  it('reports a tap for keyboard activation of a button', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('button', { id: 'b', $ref: 'b' }, 'Go')));
    await d.page.focus('#b');
    await d.page.keyboard.press('Enter');
    expect((await d.take()).map((e) => `${e.type}@${e.target}`)).toEqual([`tap@${o.ids.b}`]);
  });

  it('does not report taps on a disabled button', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('button', { id: 'b', $ref: 'b', disabled: true }, 'Go')));
    await d.page.click('#b', { force: true });
    expect((await d.events('tap'))).toEqual([]);
  });

  it('shows hover-class while pressed, stops at hover-stop-propagation, and gives button its default', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h(
          'view',
          { id: 'outer', 'hover-class': 'outer-on' },
          h('view', { id: 'mid', 'hover-class': 'mid-on', 'hover-stop-propagation': true, 'hover-stay-time': 0 }, h('button', { id: 'b' }, 'press')),
        ),
      ),
    );
    const b = await box(d, '#b');
    await d.page.mouse.move(b.x + 5, b.y + 5);
    await d.page.mouse.down();
    await d.page.waitForFunction(() => document.getElementById('b')!.classList.contains('button-hover') && document.getElementById('mid')!.classList.contains('mid-on'));
    expect(await d.page.evaluate(() => document.getElementById('outer')!.className)).toBe('');
    await d.page.mouse.up();
    await d.page.waitForFunction(() => !document.getElementById('b')!.classList.contains('button-hover') && !document.getElementById('mid')!.classList.contains('mid-on'));
  });

  it('stops reporting a press whose node was removed, and reports nothing before connect', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'v', $ref: 'v', style: 'height: 100px' }, 'x')));
    const b = await box(d, '#v');
    await d.page.mouse.move(b.x + 5, b.y + 5);
    await d.page.mouse.down();
    await d.apply([[Op.Remove, o.ids.v]]);
    await d.page.mouse.move(b.x + 30, b.y + 30);
    await d.page.mouse.up();
    expect((await d.take()).map((e) => e.type)).toEqual(['touchStart']);
  });
});
