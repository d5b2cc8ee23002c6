import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { domSuite, h, Ops, SCREEN } from './harness/index.ts';

const suite = domSuite();
const fresh = suite.fresh;
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

describe('DomRenderer: ops to elements', () => {
  it('creates a page root, elements, text and generic attributes', async () => {
    const d = await fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'pages/index/index',
        h('view', { id: 'box', class: 'card  big', style: 'color: red', 'data-alpha-beta': 7, 'mark:m': 'x', $ref: 'box', $scope: 'c1a2' }, 'hello ', h('text', {}, 'world')),
      ),
    );
    const html = await d.page.evaluate(() => document.querySelector('#app')!.innerHTML);
    expect(html).toContain('<div data-mpk-page="pages/index/index" class="mpk-page">');
    const box = await d.page.evaluate(() => {
      const el = document.getElementById('box')!;
      return {
        tag: el.localName,
        className: el.className,
        color: getComputedStyle(el).color,
        data: el.getAttribute('data-alpha-beta'),
        scope: el.hasAttribute('data-s-c1a2'),
        mark: el.hasAttribute('mark:m'),
        text: el.textContent,
        display: getComputedStyle(el).display,
        textDisplay: getComputedStyle(el.querySelector('text')!).display,
      };
    });
    expect(box).toEqual({
      tag: 'view',
      className: 'card big',
      color: 'rgb(255, 0, 0)',
      data: '7',
      scope: true,
      mark: false,
      text: 'hello world',
      display: 'block',
      textDisplay: 'inline',
    });
    expect(await d.errors()).toEqual([]);
  });

  it('updates and removes attributes, text, and moves and removes nodes', async () => {
    const d = await fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { $ref: 'list', id: 'list' }, h('view', { $ref: 'a' }, 'A'), h('view', { $ref: 'b' }, 'B'), h('view', { $ref: 'c' }, 'C'))));
    const { list, a, b, c } = o.ids;
    const textOf = () => d.page.evaluate(() => [...document.getElementById('list')!.children].map((e) => e.textContent).join(''));
    expect(await textOf()).toBe('ABC');
    // keyed move: C before A
    await d.apply([[Op.Insert, list, c, a]]);
    expect(await textOf()).toBe('CAB');
    await d.apply([[Op.Remove, b]]);
    expect(await textOf()).toBe('CA');
    // text node of A
    const textId = a + 1;
    await d.apply([[Op.SetText, textId, 'A2']]);
    expect(await textOf()).toBe('CA2');
    await d.apply([[Op.Attr, list, 'class', 'x'], [Op.Attr, list, 'style', 'margin-top: 3px']]);
    expect(await d.page.evaluate(() => document.getElementById('list')!.outerHTML.slice(0, 60))).toContain('class="x"');
    await d.apply([[Op.Attr, list, 'class', undefined], [Op.Attr, list, 'style', undefined], [Op.Attr, list, 'id', undefined]]);
    expect(await d.page.evaluate(() => document.querySelector('.mpk-page > view')!.getAttributeNames())).toEqual([]);
  });

  it('keeps data-* (objects as JSON) and accessibility attributes, and reads camelCase component attributes', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('view', { id: 'v', 'data-info': { a: 1 }, 'aria-label': 'Close', role: 'button', 'data-off': false }),
        h('scroll-view', { id: 'sv', scrollY: true, style: 'height: 50px' }, h('view', { style: 'height: 500px' })),
      ),
    );
    const r = await d.page.evaluate(() => {
      const v = document.getElementById('v')!;
      return [v.getAttribute('data-info'), v.getAttribute('aria-label'), v.getAttribute('role'), v.hasAttribute('data-off'), getComputedStyle(document.getElementById('sv')!).overflowY];
    });
    expect(r).toEqual(['{"a":1}', 'Close', 'button', false, 'auto']);
  });

  it('fixes position: fixed to the screen (the container), not the browser window', async () => {
    const d = await suite.fresh();
    await d.page.evaluate(() => {
      document.getElementById('app')!.style.marginTop = '40px';
    });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { style: 'height: 3000px' }), h('view', { id: 'bar', style: 'position: fixed; left: 0; right: 0; bottom: 0; height: 50px' })));
    const barBottom = () => d.page.evaluate(() => document.getElementById('bar')!.getBoundingClientRect().bottom);
    expect(await barBottom()).toBe(40 + SCREEN.height);
    await d.page.evaluate(() => {
      window.mpk.renderer!.pageElement(1)!.scrollTop = 700;
    });
    expect(await barBottom()).toBe(40 + SCREEN.height);
    await d.page.evaluate(() => {
      document.getElementById('app')!.style.marginTop = '';
    });
  });

  it('hides with `hidden` even against the author\'s display rule', async () => {
    const d = await fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'v', $ref: 'v', style: 'display: flex', hidden: true }, 'x')));
    const display = () => d.page.evaluate(() => getComputedStyle(document.getElementById('v')!).display);
    expect(await display()).toBe('none');
    await d.apply([[Op.Attr, o.ids.v, 'hidden', false]]);
    expect(await display()).toBe('flex');
  });

  it('ignores stale ops and reports impossible ones without stopping the batch', async () => {
    const d = await fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { $ref: 'outer', id: 'outer' }, h('view', { $ref: 'inner', id: 'inner' }))));
    const { outer, inner } = o.ids;
    await d.apply([
      [Op.Attr, 999, 'class', 'x'],
      [Op.SetText, 998, 'x'],
      [Op.Remove, 997],
      [Op.Insert, 996, outer, 0],
      [Op.Insert, outer, 995, 0],
      [Op.PageShow, 42],
      [Op.PageDestroy, 43],
      [Op.Insert, inner, outer, 0], // a node into its own child: impossible
      [Op.Attr, inner, 'data-bad name', 1], // not an attribute name
      [Op.Attr, outer, 'class', 'still-applied'],
      ['garbage'] as never,
    ]);
    expect(await d.page.evaluate(() => document.getElementById('outer')!.className)).toBe('still-applied');
    const errors = await d.errors();
    expect(errors.length).toBe(2);
    // the removed node is gone for good: later ops on it do nothing
    await d.apply([[Op.Remove, inner], [Op.Attr, inner, 'class', 'zombie'], [Op.Insert, outer, inner, 0]]);
    expect(await d.page.evaluate(() => document.getElementById('inner'))).toBeNull();
  });

  it('shows one page at a time, keeps their scroll, and destroys pages', async () => {
    const d = await fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'pages/a/a', h('view', { style: 'height: 3000px' }, 'A')));
    const scrollA = await d.page.evaluate(() => {
      const a = document.querySelector<HTMLElement>('[data-mpk-page="pages/a/a"]')!;
      a.scrollTop = 500;
      return a.scrollTop;
    });
    expect(scrollA).toBe(500);
    await d.apply(o.page(2, 'pages/b/b', h('view', {}, 'B')));
    const visible = () =>
      d.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.mpk-page')].map((p) => `${p.dataset.mpkPage}:${getComputedStyle(p).display !== 'none'}`));
    expect(await visible()).toEqual(['pages/a/a:false', 'pages/b/b:true']);
    await d.apply([[Op.PageShow, 1], [Op.PageDestroy, 2]]);
    expect(await visible()).toEqual(['pages/a/a:true']);
    expect(await d.page.evaluate(() => document.querySelector<HTMLElement>('.mpk-page')!.scrollTop)).toBe(500);
    // page elements are reachable by id
    expect(await d.page.evaluate(() => window.mpk.renderer!.pageElement(1)?.dataset.mpkPage)).toBe('pages/a/a');
    expect(await d.page.evaluate(() => window.mpk.renderer!.pageElement(2))).toBeUndefined();
  });

  it('renders unknown tags as blocks carrying the tag, and never makes elements with native powers', async () => {
    const d = await fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('my-card', { $ref: 'card' }, 'card'),
        h('script', { $ref: 'script' }, 'window.__pwned = 1'),
        h('iframe', { src: 'javascript:window.__pwned=2' }),
        h('a', { href: 'javascript:window.__pwned=3' }, 'link'),
      ),
    );
    const tags = await d.page.evaluate(() =>
      [...document.querySelectorAll('.mpk-page > *')].map((e) => `${e.localName}[${e.getAttribute('data-tag')}]:${getComputedStyle(e).display}`),
    );
    expect(tags).toEqual(['my-card[my-card]:block', 'div[script]:block', 'div[iframe]:block', 'div[a]:block']);
    await d.page.click('text=link');
    expect(await d.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // the iframe's src went nowhere
    expect(await d.page.evaluate(() => document.querySelector('[data-tag="iframe"]')!.getAttributeNames().sort())).toEqual(['class', 'data-tag']);
  });

  it('converts rpx in inline styles and follows setScreenWidth', async () => {
    const d = await fresh({ screenWidth: 375 });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'v', style: 'width: 750rpx; height: 100rpx; margin-left: -10rpx; background: url(a-10rpx.png)' })));
    const measure = () =>
      d.page.evaluate(() => {
        const v = document.getElementById('v')!;
        const cs = getComputedStyle(v);
        return { width: cs.width, height: cs.height, margin: cs.marginLeft, style: v.getAttribute('style'), rpx: document.getElementById('app')!.style.getPropertyValue('--mpk-rpx') };
      });
    const first = await measure();
    expect(first).toMatchObject({ width: '375px', height: '50px', margin: '-5px', rpx: '0.5px' });
    expect(first.style).toContain('a-10rpx.png');
    await d.page.evaluate(() => window.mpk.renderer!.setScreenWidth(414));
    const second = await measure();
    expect(second).toMatchObject({ width: '414px', rpx: '0.552px' });
    expect(parseFloat(second.height)).toBeCloseTo(55.2, 1);
  });

  it('fixes 2rpx = 1px when the app is not responsive', async () => {
    const d = await fresh({ screenWidth: 414, responsive: false });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'v', style: { width: '300rpx', height: '20px' } })));
    expect(await d.page.evaluate(() => getComputedStyle(document.getElementById('v')!).width)).toBe('150px');
  });

  it('injects the default stylesheet once, with zero specificity', async () => {
    const d = await fresh();
    await d.page.evaluate(() => {
      window.mpk.setup();
      window.mpk.setup();
      const style = document.createElement('style');
      // as the compiler writes `button { … }` (the renderer's button element is a-button)
      style.textContent = 'view { display: inline-flex; } a-button { width: 120px; }';
      style.id = 'author-sheet';
      document.head.appendChild(style);
    });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'v' }), h('button', { id: 'b' }, 'ok')));
    const result = await d.page.evaluate(() => ({
      sheets: document.querySelectorAll('style[data-mpk-dom-styles]').length,
      view: getComputedStyle(document.getElementById('v')!).display,
      button: getComputedStyle(document.getElementById('b')!).width,
    }));
    await d.page.evaluate(() => document.getElementById('author-sheet')!.remove());
    expect(result).toEqual({ sheets: 1, view: 'inline-flex', button: '120px' });
  });

  it('dispose removes everything it added and ignores later batches', async () => {
    const d = await fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', {}, 'x')));
    const after = await d.page.evaluate(() => {
      const r = window.mpk.renderer!;
      r.dispose();
      r.apply([[7, 5, 50000, 'p/b']]);
      const app = document.getElementById('app')!;
      return { html: app.innerHTML, cls: app.className, rpx: app.style.getPropertyValue('--mpk-rpx') };
    });
    expect(after).toEqual({ html: '', cls: '', rpx: '' });
  });
});
