import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domSuite, h, Ops, SCREEN } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

describe('selector queries', () => {
  it('answers id, dataset, rect and size from the live layout, relative to the page', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('view', { style: 'height: 120px' }),
        h('view', { id: 'a', class: 'card', 'data-user-id': 42, 'data-flag': true, style: 'margin-left: 30px; width: 100px; height: 50px' }),
        h('view', { style: 'height: 2000px' }),
      ),
    );
    const [first] = await d.query(1, [{ selector: '#a', all: false, fields: { id: true, dataset: true, rect: true, size: true } }]);
    expect(first).toEqual({ id: 'a', dataset: { userId: 42, flag: true }, left: 30, right: 130, top: 120, bottom: 170, width: 100, height: 50 });
    await d.page.evaluate(() => {
      window.mpk.renderer!.pageElement(1)!.scrollTop = 100;
    });
    const [moved, viewport] = await d.query(1, [
      { selector: '.card', all: false, fields: { rect: true } },
      { selector: 'viewport', all: false, fields: { size: true, scrollOffset: true } },
    ]);
    expect(moved).toEqual({ left: 30, right: 130, top: 20, bottom: 70 });
    expect(viewport).toEqual({ width: SCREEN.width, height: SCREEN.height, scrollLeft: 0, scrollTop: 100 });
  });

  it('matches the mini-program tree: tags as written, compound, descendant, child, lists, in document order', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h(
          'view',
          { class: 'list', id: 'list' },
          h('view', { class: 'item', id: 'i1' }, h('text', { id: 't1' }, 'one')),
          h('view', { class: 'item special', id: 'i2' }, h('view', {}, h('text', { id: 't2' }, 'two'))),
        ),
        h('progress', { id: 'p', percent: 5 }),
        h('image', { id: 'img' }),
        h('picker', { id: 'pk', range: ['a'] }),
        h('my-card', { id: 'card' }),
      ),
    );
    const ids = async (selector: string) => ((await d.query(1, [{ selector, all: true, fields: { id: true } }]))[0] as Array<{ id: string }>).map((r) => r.id);
    expect(await ids('.item')).toEqual(['i1', 'i2']);
    expect(await ids('view.item.special')).toEqual(['i2']);
    expect(await ids('.list > view')).toEqual(['i1', 'i2']);
    expect(await ids('.list text')).toEqual(['t1', 't2']);
    expect(await ids('.item > text')).toEqual(['t1']);
    expect(await ids('#t2, #i1')).toEqual(['i1', 't2']);
    expect(await ids('progress')).toEqual(['p']);
    expect(await ids('my-card')).toEqual(['card']);
    // internal elements are not part of the tree
    expect(await ids('img')).toEqual([]);
    expect(await ids('select')).toEqual([]);
    expect(await ids('div')).toEqual([]);
  });

  it('answers scrollOffset of scroll-views and computedStyle (which wins over size)', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('scroll-view', { id: 'sv', 'scroll-y': true, 'scroll-top': 70, style: 'height: 100px; color: rgb(1, 2, 3)' }, h('view', { style: 'height: 1000px' })),
      ),
    );
    const [sv] = await d.query(1, [{ selector: '#sv', all: false, fields: { scrollOffset: true, size: true, computedStyle: ['color', 'height', 'overflowY'] } }]);
    expect(sv).toEqual({ scrollLeft: 0, scrollTop: 70, width: SCREEN.width, height: '100px', color: 'rgb(1, 2, 3)', overflowY: 'auto' });
  });

  it('gives null / [] for no match, a bad selector or an unknown page', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'x' })));
    const answers = await d.query(1, [
      { selector: '#nothing', all: false, fields: { id: true } },
      { selector: '#nothing', all: true, fields: { id: true } },
      { selector: '..broken[', all: false, fields: { id: true } },
      { selector: '', all: true, fields: { id: true } },
    ]);
    expect(answers).toEqual([null, [], null, []]);
    expect(await d.query(99, [{ selector: '#x', all: false, fields: { id: true } }])).toEqual([null]);
    expect(await d.errors()).toEqual([]);
  });
});
