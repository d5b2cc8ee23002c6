import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { domSuite, h, Ops, type DomPage } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

const items = (n: number, style: string) => Array.from({ length: n }, (_, i) => h('view', { id: `item-${i}`, style }, `item ${i}`));

async function rect(d: DomPage, selector: string) {
  return d.page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, selector);
}

describe('scroll-view', () => {
  it('scroll-top positions it, and scroll reports {scrollLeft, scrollTop, scrollHeight, scrollWidth}', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('scroll-view', { id: 'sv', $ref: 'sv', 'scroll-y': true, 'scroll-top': 300, style: 'height: 200px' }, ...items(20, 'height: 50px'))));
    expect(await d.page.evaluate(() => document.getElementById('sv')!.scrollTop)).toBe(300);
    const [scroll] = await d.waitForEvent('scroll');
    expect(scroll).toEqual({ target: o.ids.sv, type: 'scroll', detail: { scrollLeft: 0, scrollTop: 300, scrollHeight: 1000, scrollWidth: 375 } });
  });

  it('scroll-into-view wins over scroll-top and aligns the child with the top', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('scroll-view', { id: 'sv', $ref: 'sv', 'scroll-y': true, 'scroll-top': 100, 'scroll-into-view': 'item-10', style: 'height: 200px' }, ...items(20, 'height: 50px'))));
    expect(await d.page.evaluate(() => document.getElementById('sv')!.scrollTop)).toBe(500);
    await d.apply([[Op.Attr, o.ids.sv, 'scroll-into-view', 'item-3']]);
    const [sv, item] = [await rect(d, '#sv'), await rect(d, '#item-3')];
    expect(item.y).toBe(sv.y);
  });

  it('reports scrollToLower and scrollToUpper once per arrival, with thresholds', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('scroll-view', { id: 'sv', $ref: 'sv', 'scroll-y': true, 'lower-threshold': 100, style: 'height: 200px' }, ...items(20, 'height: 50px'))));
    const box = await rect(d, '#sv');
    await d.page.mouse.move(box.x + 20, box.y + 20);
    for (let i = 0; i < 4; i++) await d.page.mouse.wheel(0, 300);
    await d.page.waitForFunction(() => document.getElementById('sv')!.scrollTop === 800);
    await d.waitForEvent('scrollToLower');
    for (let i = 0; i < 4; i++) await d.page.mouse.wheel(0, -300);
    await d.page.waitForFunction(() => document.getElementById('sv')!.scrollTop === 0);
    await d.waitForEvent('scrollToUpper');
    const marks = (await d.events('scrollToLower', 'scrollToUpper')).map((e) => `${e.type}@${e.target}`);
    expect(marks).toEqual([`scrollToLower@${o.ids.sv}`, `scrollToUpper@${o.ids.sv}`]);
  });

  it('scrolls sideways with scroll-x and scroll-left', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(1, 'p/a', h('scroll-view', { id: 'sv', $ref: 'sv', 'scroll-x': true, 'scroll-left': 120, style: 'width: 200px; white-space: nowrap' }, ...items(10, 'display: inline-block; width: 100px'))),
    );
    expect(await d.page.evaluate(() => [document.getElementById('sv')!.scrollLeft, getComputedStyle(document.getElementById('sv')!).overflowY])).toEqual([120, 'hidden']);
  });
});

describe('swiper', () => {
  const swiperPage = (o: Ops, attrs: Record<string, unknown>, count = 3) =>
    o.page(1, 'p/a', h('swiper', { id: 'sw', $ref: 'sw', style: 'width: 300px; height: 150px', duration: 0, ...attrs }, ...Array.from({ length: count }, (_, i) => h('swiper-item', { id: `s${i}` }, `slide ${i}`))));

  it('shows the current item, with indicator dots following it', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(swiperPage(o, { current: 1, 'indicator-dots': true, 'indicator-active-color': 'rgb(255, 0, 0)' }));
    const sw = await rect(d, '#sw');
    expect((await rect(d, '#s1')).x).toBe(sw.x);
    const dots = () =>
      d.page.evaluate(() => [...document.querySelectorAll('#sw .mpk-swiper-dot')].map((dot) => getComputedStyle(dot).backgroundColor === 'rgb(255, 0, 0)'));
    expect(await dots()).toEqual([false, true, false]);
    // setting current from the template moves it without a change event
    await d.apply([[Op.Attr, o.ids.sw, 'current', 2]]);
    expect((await rect(d, '#s2')).x).toBe(sw.x);
    expect(await dots()).toEqual([false, false, true]);
    expect(await d.events('change')).toEqual([]);
  });

  it('a drag past the threshold changes the item and reports change {current}, with no tap', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(swiperPage(o, {}));
    const sw = await rect(d, '#sw');
    await d.page.mouse.move(sw.x + 250, sw.y + 50);
    await d.page.mouse.down();
    await d.page.mouse.move(sw.x + 50, sw.y + 55, { steps: 5 });
    await d.page.mouse.up();
    const events = await d.take();
    expect(events.filter((e) => e.type === 'change')).toEqual([{ target: o.ids.sw, type: 'change', detail: { current: 1, source: 'touch' } }]);
    expect(events.some((e) => e.type === 'transition')).toBe(true);
    expect(events.some((e) => e.type === 'tap')).toBe(false);
    expect((await rect(d, '#s1')).x).toBe(sw.x);
    // a short drag springs back
    await d.page.mouse.move(sw.x + 150, sw.y + 50);
    await d.page.mouse.down();
    await d.page.mouse.move(sw.x + 130, sw.y + 50, { steps: 2 });
    await d.page.mouse.up();
    expect((await d.take()).filter((e) => e.type === 'change')).toEqual([]);
    expect((await rect(d, '#s1')).x).toBe(sw.x);
  });

  it('circular lets a drag wrap from the first item to the last', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(swiperPage(o, { circular: true }));
    const sw = await rect(d, '#sw');
    await d.page.mouse.move(sw.x + 50, sw.y + 50);
    await d.page.mouse.down();
    await d.page.mouse.move(sw.x + 250, sw.y + 50, { steps: 5 });
    await d.page.mouse.up();
    expect((await d.events('change')).map((e) => e.detail)).toEqual([{ current: 2, source: 'touch' }]);
  });

  it('autoplay advances every interval and starts over at the end', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(swiperPage(o, { autoplay: true, interval: 30 }));
    const changes = await d.waitForEvent('change', 3);
    expect(changes.slice(0, 3).map((e) => e.detail)).toEqual([
      { current: 1, source: 'autoplay' },
      { current: 2, source: 'autoplay' },
      { current: 0, source: 'autoplay' },
    ]);
    await d.apply([[Op.Remove, o.ids.sw]]);
    const count = (await d.events('change')).length;
    await d.page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    expect((await d.events('change')).length).toBe(count);
  });

  it('autoplay pauses while its page is hidden', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(swiperPage(o, { autoplay: true, interval: 20 }));
    await d.waitForEvent('change');
    await d.apply(o.page(2, 'p/b', h('view', {}, 'another page')));
    const count = (await d.events('change')).length;
    await d.page.evaluate(() => new Promise((r) => setTimeout(r, 120)));
    expect((await d.events('change')).length).toBe(count);
    await d.apply([[Op.PageShow, 1]]);
    await d.waitForEvent('change', count + 1);
  });

  it('keeps showing the last item while its list is being replaced, and animates template moves', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(swiperPage(o, { current: 2, duration: 300 }));
    const sw = await rect(d, '#sw');
    const children = await d.page.evaluate(() => [...document.querySelectorAll('#sw swiper-item')].map((e) => window.mpk.renderer!.nodeIdOf(e)!));
    await d.apply([[Op.Remove, children[2]], [Op.Remove, children[1]]]);
    expect((await rect(d, '#s0')).x).toBe(sw.x);
    await d.apply([...o.insert(o.ids.sw, h('swiper-item', { id: 'n1' }, 'new 1')), ...o.insert(o.ids.sw, h('swiper-item', { id: 'n2' }, 'new 2'))]);
    expect((await rect(d, '#n2')).x).toBe(sw.x);
    await d.apply([[Op.Attr, o.ids.sw, 'current', 0]]);
    expect(await d.page.evaluate(() => getComputedStyle(document.querySelector('#sw .mpk-swiper-track')!).transitionDuration)).toBe('0.3s');
    await d.page.waitForFunction(() => {
      const s = document.getElementById('sw')!.getBoundingClientRect();
      return document.getElementById('s0')!.getBoundingClientRect().x === s.x;
    });
    expect(await d.events('change')).toEqual([]);
    expect((await d.waitForEvent('animationEnd')).at(-1)?.detail).toEqual({ current: 0, source: '' });
  });

  it('vertical stacks the items and slides up', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(swiperPage(o, { vertical: true, current: 2 }));
    const sw = await rect(d, '#sw');
    const s2 = await rect(d, '#s2');
    expect([s2.x, s2.y, s2.height]).toEqual([sw.x, sw.y, 150]);
  });

  it('display-multiple-items shows several at once', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(swiperPage(o, { 'display-multiple-items': 2 }, 4));
    expect((await rect(d, '#s1')).width).toBe(150);
  });
});

describe('page scroll', () => {
  it('reports the page\'s own scroll to onPageScroll and scrolls pages by request', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', ...items(40, 'height: 100px')));
    const scrolled = await d.page.evaluate(() => window.mpk.renderer!.scrollPageTo(1, { selector: '#item-12' }));
    expect(scrolled).toBe(true);
    await d.page.waitForFunction(() => window.mpk.pageScrolls.length > 0);
    expect(await d.page.evaluate(() => window.mpk.pageScrolls.at(-1))).toEqual({ pageId: 1, scrollTop: 1200 });
  });

  it('gives no width to scrollbars, as a phone\'s overlay scrollbars (the page and scroll-views)', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('scroll-view', { id: 'sv', 'scroll-y': true, style: 'height: 100px' }, ...items(10, 'height: 50px')), ...items(40, 'height: 100px')));
    const r = await d.page.evaluate(() => {
      const page = document.querySelector<HTMLElement>('.mpk-page')!;
      const sv = document.getElementById('sv')!;
      return [getComputedStyle(page).scrollbarWidth, getComputedStyle(sv).scrollbarWidth, page.clientWidth, sv.clientWidth];
    });
    expect(r).toEqual(['none', 'none', 375, 375]);
  });
});
