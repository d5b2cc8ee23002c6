import { describe, expect, it } from 'vitest';
import { matchesSelector, parseSelector, SelectorSyntaxError, type SelectorAdapter } from '../../src/view/selector.ts';

describe('parseSelector', () => {
  it('parses tags, ids, classes and compounds', () => {
    expect(parseSelector('view.item#a.b')).toEqual([
      { compounds: [{ tag: 'view', ids: ['a'], classes: ['item', 'b'] }], combinators: [] },
    ]);
    expect(parseSelector('#the-id')).toEqual([{ compounds: [{ ids: ['the-id'], classes: [] }], combinators: [] }]);
    expect(parseSelector('scroll-view')).toEqual([{ compounds: [{ tag: 'scroll-view', ids: [], classes: [] }], combinators: [] }]);
    expect(parseSelector('*')).toEqual([{ compounds: [{ ids: [], classes: [] }], combinators: [] }]);
  });

  it('parses descendant, child, >>> and comma lists', () => {
    expect(parseSelector(' .a  .b>.c >>> d , #x ')).toEqual([
      {
        compounds: [
          { ids: [], classes: ['a'] },
          { ids: [], classes: ['b'] },
          { ids: [], classes: ['c'] },
          { tag: 'd', ids: [], classes: [] },
        ],
        combinators: ['descendant', 'child', 'descendant'],
      },
      { compounds: [{ ids: ['x'], classes: [] }], combinators: [] },
    ]);
  });

  it('rejects what it does not support, with the position', () => {
    for (const bad of ['', ' ', '[data-x]', '.a,', 'a >', '#', '.', 'a:hover', 'a, ,b', '> a', 'a + b', 'a ~ b']) {
      expect(() => parseSelector(bad), JSON.stringify(bad)).toThrow(SelectorSyntaxError);
    }
    expect(() => parseSelector('view[x]')).toThrow(/Invalid selector "view\[x\]": unexpected character \("\[" at 4\)/);
    expect(() => parseSelector(42 as unknown as string)).toThrow(/must be a string/);
  });
});

describe('matchesSelector', () => {
  interface N {
    tag: string;
    id?: string;
    cls?: string[];
    parent?: N;
  }
  const adapter: SelectorAdapter<N> = {
    tag: (n) => n.tag,
    id: (n) => n.id,
    classes: (n) => n.cls ?? [],
    parent: (n) => n.parent,
  };
  const root: N = { tag: 'view', cls: ['list'] };
  const row: N = { tag: 'view', cls: ['row', 'odd'], parent: root };
  const cell: N = { tag: 'text', id: 'c1', cls: ['cell'], parent: row };
  const m = (selector: string, node: N) => matchesSelector(parseSelector(selector), node, adapter);

  it('matches compound, descendant and child selectors', () => {
    expect(m('text#c1.cell', cell)).toBe(true);
    expect(m('view text', cell)).toBe(true);
    expect(m('.list text', cell)).toBe(true);
    expect(m('.list > text', cell)).toBe(false);
    expect(m('.list > .row > .cell', cell)).toBe(true);
    expect(m('.row.odd', row)).toBe(true);
    expect(m('.row.even', row)).toBe(false);
    expect(m('.nope, #c1', cell)).toBe(true);
    expect(m('view view text', cell)).toBe(true);
    expect(m('view view view text', cell)).toBe(false);
    expect(m('.list >>> .cell', cell)).toBe(true);
    expect(m('*', cell)).toBe(true);
  });
});
