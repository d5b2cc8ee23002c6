/**
 * ViewEngine.elementTree (devtools' element inspector): the rendered tree of a page as the engine
 * holds it — elements with their renderer node ids, texts, components with their instance and
 * whether their host is virtual, slots with the owner's content in them — and it follows re-renders.
 */
import { describe, expect, it } from 'vitest';
import type { ElementInfo } from '../../src/view/engine.ts';
import { comp, createHarness, el, slot, text } from './support.ts';

const PAGE = 'pages/index/index';
const CARD = 'components/card/card';
const BOX = 'components/box/box';

/** `tag[node?]` nesting, for compact comparisons. */
function shape(info: ElementInfo): unknown {
  const name = info.kind === 'text' ? `"${info.text}"` : info.kind === 'component' ? `${info.tag}(${info.virtualHost ? 'virtual' : 'host'})` : info.tag;
  return info.children.length ? { [name]: info.children.map(shape) } : name;
}

describe('ViewEngine.elementTree', () => {
  it('nests components (virtual or not) and slots, with node ids, owners and template sources', () => {
    const src = { file: 'pages/index/index.axml', line: 3, column: 1, attrs: [['class', 'a']] as const };
    const h = createHarness({
      templates: {
        [PAGE]: (s) => [{ ...el('view', { class: 'a', 'data-x': 1 }, [text(s.title)]), src }, comp('card', CARD, { title: s.title }, [el('text', {}, [text('in slot')])]), comp('box', BOX)],
        [CARD]: () => [el('view', { class: 'card' }, [slot()])],
        [BOX]: () => [el('view', { class: 'box' })],
      },
      components: { [BOX]: { virtualHost: false } },
    });
    const page = h.openPage(PAGE);
    h.init(page, { title: 'hi' });
    for (const m of h.of('compCreate')) h.init(m.id, { own: m.id });
    const tree = h.engine.elementTree(page)!;
    expect(shape(tree)).toEqual({
      page: [{ view: ['"hi"'] }, { 'card(virtual)': [{ view: [{ slot: [{ text: ['"in slot"'] }] }] }] }, { 'box(host)': ['view'] }],
    });
    const [view, card, box] = tree.children;
    expect(view!.node).toBeGreaterThan(0);
    expect(view!.attrs).toEqual({ class: 'a', 'data-x': 1 });
    expect(view!.owner).toBe(page);
    expect(view!.src).toEqual(src);
    expect(card!.node).toBe(0);
    expect(card!.is).toBe(CARD);
    expect(h.engine.instanceData(card!.instance!)).toEqual({ own: card!.instance });
    // Slot content is the page's: its owner is the page, not the card.
    const slotted = card!.children[0]!.children[0]!.children[0]!;
    expect(slotted.owner).toBe(page);
    expect(card!.children[0]!.owner).toBe(card!.instance);
    expect(box!.node).toBeGreaterThan(0);
    h.patch(page, [['set', ['title'], 'changed']]);
    expect(h.engine.elementTree(page)!.children[0]!.children[0]!.text).toBe('changed');
    expect(h.engine.elementTree(999)).toBeUndefined();
  });
});
