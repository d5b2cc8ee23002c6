/**
 * movable-area / movable-view in the browser: x/y kept in range, dragging along `direction`,
 * out-of-bounds with spring back, and the change / changeEnd events, as mini-ali-ui's and
 * antd-mini's swipe actions use them.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { domSuite, h, Ops, type DomPage } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

const leftOf = (d: DomPage, id: string) =>
  d.page.evaluate((sel) => {
    const view = document.getElementById(sel)!.getBoundingClientRect();
    const area = document.getElementById(sel)!.parentElement!.getBoundingClientRect();
    return [Math.round(view.left - area.left), Math.round(view.top - area.top)];
  }, id);

async function drag(d: DomPage, id: string, dx: number, dy = 0) {
  const box = await d.page.evaluate((sel) => {
    const r = document.getElementById(sel)!.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, id);
  await d.page.mouse.move(box.x, box.y);
  await d.page.mouse.down();
  await d.page.mouse.move(box.x + dx / 2, box.y + dy / 2, { steps: 3 });
  await d.page.mouse.move(box.x + dx, box.y + dy, { steps: 3 });
  await d.page.mouse.up();
}

describe('movable-view', () => {
  it('sits at x/y inside its area, brought into range, and reports a template move with source ""', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('movable-area', { style: 'width: 300px; height: 100px' }, h('movable-view', { id: 'v', $ref: 'v', direction: 'all', x: 500, y: 20, style: 'width: 100px; height: 50px' })),
        h('movable-area', { id: 'tiny' }, h('movable-view', { id: 'small' })),
      ),
    );
    expect(await leftOf(d, 'v')).toEqual([200, 20]);
    // both default to 10px × 10px
    expect(await d.page.evaluate(() => [document.getElementById('tiny')!.getBoundingClientRect().width, document.getElementById('small')!.getBoundingClientRect().height])).toEqual([10, 10]);
    expect((await d.take()).filter((e) => e.type === 'change').map((e) => e.detail)).toEqual([{ x: 200, y: 20, source: '' }]);
    await d.apply([[Op.Attr, o.ids.v, 'x', 40]]);
    expect(await leftOf(d, 'v')).toEqual([40, 20]);
  });

  it('follows a drag along its direction only, then reports changeEnd', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('movable-area', { style: 'width: 300px; height: 200px' }, h('movable-view', { id: 'v', $ref: 'v', direction: 'horizontal', x: 100, style: 'width: 100px; height: 50px' })),
        h('movable-area', { style: 'width: 300px; height: 100px' }, h('movable-view', { id: 'fixed', style: 'width: 100px; height: 50px' })),
      ),
    );
    await d.take();
    await drag(d, 'v', -60, 40);
    expect(await leftOf(d, 'v')).toEqual([40, 0]);
    const events = (await d.take()).filter((e) => e.type === 'change' || e.type === 'changeEnd');
    expect(events.every((e) => e.type === 'changeEnd' || (e.detail as { source: string }).source === 'touch')).toBe(true);
    expect(events.at(-1)).toEqual({ target: o.ids.v, type: 'changeEnd', detail: { x: 40, y: 0 } });
    // direction none (the default): it stays
    await drag(d, 'fixed', 80);
    expect(await leftOf(d, 'fixed')).toEqual([0, 0]);
  });

  it('out-of-bounds lets it past the edge while dragged, then springs back', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('movable-area', { style: 'width: 300px; height: 100px' }, h('movable-view', { id: 'v', $ref: 'v', direction: 'horizontal', 'out-of-bounds': true, style: 'width: 100px; height: 50px' }))));
    await d.take();
    await drag(d, 'v', -90);
    await d.waitForEvent('changeEnd');
    expect(await leftOf(d, 'v')).toEqual([0, 0]);
    const sources = (await d.events('change')).map((e) => (e.detail as { source: string }).source);
    expect(sources).toContain('touch-out-of-bounds');
    expect(sources.at(-1)).toBe('out-of-bounds');
  });

  it('lays out mini-ali-ui’s swipe action closed: the area shifted left by the buttons, the view at x = their width', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    // es/swipe-action (useV2): movable-area width viewWidth + actionWidth, translateX(-actionWidth); x = actionWidth
    await d.apply(
      o.page(
        1,
        'p/a',
        h(
          'view',
          { style: 'position: relative; overflow: hidden; width: 375px; height: 50px' },
          h(
            'movable-area',
            { style: 'width: 455px; height: 50px; transform: translateX(-80px)' },
            h('view', { id: 'buttons', style: 'position: absolute; right: 0; top: 0; bottom: 0; width: 80px; background: red' }),
            h('movable-view', { id: 'content', direction: 'horizontal', x: 80, style: 'width: 375px; height: 50px; background: white' }),
          ),
        ),
      ),
    );
    const visible = await d.page.evaluate(() => Math.round(document.getElementById('content')!.getBoundingClientRect().left - document.getElementById('app')!.getBoundingClientRect().left));
    expect(visible).toBe(0);
  });
});
