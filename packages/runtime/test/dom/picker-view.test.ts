/**
 * picker-view / picker-view-column in the browser: the platform's structure (which antd-mini's Picker
 * styles), `value` putting each column's row under the indicator, and the user scrolling a column
 * (wheel, mouse drag) reporting `change` {value} once it comes to rest on another row.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { domSuite, h, Ops, type DomPage } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => h('view', { id: `${prefix}${i}` }, `${prefix}${i}`));

/** Per column: the text of the row under the indicator's centre, as a user reads it. */
const shown = (d: DomPage) =>
  d.page.evaluate(() =>
    [...document.querySelectorAll('picker-view-column')].map((column) => {
      const indicator = column.querySelector('.a-picker-view-picker-indicator')!.getBoundingClientRect();
      const y = indicator.top + indicator.height / 2;
      const row = [...column.querySelectorAll('.a-picker-view-picker-item')].find((item) => {
        const r = item.getBoundingClientRect();
        return r.top <= y && r.bottom > y;
      });
      return row?.textContent ?? null;
    }),
  );

async function picker(d: DomPage, attrs: Record<string, unknown> = {}) {
  const o = new Ops();
  await d.apply(
    o.page(
      1,
      'p/a',
      h(
        'view',
        { class: 'ant-picker-content' },
        h('picker-view', { id: 'pv', $ref: 'pv', value: [2, 1], ...attrs }, h('picker-view-column', { $ref: 'c0' }, ...rows('a', 8)), h('picker-view-column', { $ref: 'c1' }, ...rows('b', 5))),
      ),
    ),
  );
  await d.page.waitForFunction(() => document.querySelectorAll('.a-picker-view-picker-item').length === 13);
  return o;
}

describe('picker-view', () => {
  it('draws the platform structure that libraries style, rows as tall as the indicator', async () => {
    const d = await suite.fresh();
    await d.page.addStyleTag({
      content: `.ant-picker-content .a-picker-view-picker-indicator::after, .ant-picker-content .a-picker-view-picker-indicator::before { border-color: rgb(1, 2, 3) }
                .ant-picker-content .a-picker-view-picker-item { color: rgb(4, 5, 6) }`,
    });
    await picker(d, { 'indicator-style': 'height: 50px', 'mask-class': 'my-mask' });
    const r = await d.page.evaluate(() => {
      const column = document.querySelector('picker-view-column')!;
      return {
        host: document.getElementById('pv')!.className,
        column: [...column.children].map((e) => e.className),
        indicatorBorder: getComputedStyle(column.querySelector('.a-picker-view-picker-indicator')!, '::after').borderTopColor,
        rowColor: getComputedStyle(document.getElementById('a0')!).color,
        rowHeight: document.getElementById('a0')!.getBoundingClientRect().height,
        rowClass: document.getElementById('a0')!.className,
      };
    });
    expect(r).toEqual({
      host: 'a-picker-view',
      column: ['a-picker-view-picker-content', 'a-picker-view-picker-mask my-mask', 'a-picker-view-picker-indicator'],
      indicatorBorder: 'rgb(1, 2, 3)',
      rowColor: 'rgb(4, 5, 6)',
      rowHeight: 50,
      rowClass: 'a-picker-view-picker-item',
    });
    expect(await shown(d)).toEqual(['a2', 'b1']);
  });

  it('value moves the columns; the user scrolling one reports change {value} once it rests', async () => {
    const d = await suite.fresh();
    const o = await picker(d);
    expect(await shown(d)).toEqual(['a2', 'b1']);
    await d.apply([[Op.Attr, o.ids.pv, 'value', [5, 0]]]);
    expect(await shown(d)).toEqual(['a5', 'b0']);
    expect(await d.take()).toEqual([]); // the template moved it: no event
    // a wheel turn of one row on the second column
    const box = await d.page.evaluate(() => {
      const r = document.querySelectorAll('picker-view-column')[1]!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await d.page.mouse.move(box.x, box.y);
    await d.page.mouse.wheel(0, 34);
    await d.waitForEvent('change');
    expect(await shown(d)).toEqual(['a5', 'b1']);
    const events = await d.take();
    expect(events.map((e) => e.type)).toEqual(['pickStart', 'pickEnd', 'change']);
    expect(events.at(-1)).toEqual({ target: o.ids.pv, type: 'change', detail: { value: [5, 1] } });
    // a mouse drag of two rows up on the first column
    const first = await d.page.evaluate(() => {
      const r = document.querySelector('picker-view-column')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await d.page.mouse.move(first.x, first.y);
    await d.page.mouse.down();
    await d.page.mouse.move(first.x, first.y - 40, { steps: 4 });
    await d.page.mouse.move(first.x, first.y - 70, { steps: 4 });
    await d.page.mouse.up();
    await d.waitForEvent('change');
    expect(await shown(d)).toEqual(['a7', 'b1']);
    expect((await d.events('change')).map((e) => e.detail)).toEqual([{ value: [7, 1] }]);
  });
});
