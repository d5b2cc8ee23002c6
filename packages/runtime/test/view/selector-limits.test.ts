/**
 * Selector queries come from mini-program code: their cost on the host is bounded (src/view/selector.ts):
 * length, alternatives and compounds are capped, and matching is memoised so descendant combinators
 * never backtrack exponentially.
 */
import { describe, expect, it } from 'vitest';
import { MAX_COMPOUNDS, MAX_SELECTOR_CHARS, MAX_SELECTORS, matchesSelector, parseSelector, selectorMatcher, SelectorSyntaxError, type SelectorAdapter } from '../../src/view/selector.ts';

interface Node {
  tag: string;
  classes: string[];
  parent?: Node;
}
const adapter: SelectorAdapter<Node> = { tag: (n) => n.tag, id: () => undefined, classes: (n) => n.classes, parent: (n) => n.parent };

/** A chain of `depth` nested `view.a`, with a `text.leaf` at the bottom. */
function chain(depth: number): { nodes: Node[]; leaf: Node } {
  const nodes: Node[] = [];
  let parent: Node | undefined;
  for (let i = 0; i < depth; i++) {
    const node: Node = { tag: 'view', classes: ['a'], parent };
    nodes.push(node);
    parent = node;
  }
  const leaf: Node = { tag: 'text', classes: ['leaf'], parent };
  nodes.push(leaf);
  return { nodes, leaf };
}

describe('selector limits', () => {
  it('refuses selectors over the length, alternative and compound caps with a clear error', () => {
    expect(() => parseSelector('.a'.padEnd(MAX_SELECTOR_CHARS + 1, ' '))).toThrow(SelectorSyntaxError);
    expect(() => parseSelector('.a'.padEnd(MAX_SELECTOR_CHARS + 1, ' '))).toThrow(/more than 1024/);
    expect(() => parseSelector(Array.from({ length: MAX_SELECTORS + 1 }, () => '.a').join(','))).toThrow(/more than 32 selectors/);
    expect(() => parseSelector(Array.from({ length: MAX_COMPOUNDS + 1 }, () => '.a').join(' '))).toThrow(/more than 32 compounds/);
    expect(parseSelector(Array.from({ length: MAX_COMPOUNDS }, () => '.a').join(' '))[0]!.compounds).toHaveLength(MAX_COMPOUNDS);
  });

  it('matches 32 descendant compounds against every node of a 2000-deep chain in linear time', () => {
    const { nodes, leaf } = chain(2000);
    const miss = parseSelector(`${Array.from({ length: 31 }, () => '.a').join(' ')} .nothing`);
    const hit = parseSelector(`${Array.from({ length: 31 }, () => '.a').join(' ')} .leaf`);
    const started = Date.now();
    const missing = selectorMatcher(miss, adapter);
    expect(nodes.filter((n) => missing(n))).toEqual([]);
    const matching = selectorMatcher(hit, adapter);
    expect(nodes.filter((n) => matching(n))).toEqual([leaf]);
    // 32 compounds that must all match ancestors, one of them never does: exponential without the memo.
    const deep = parseSelector(`${Array.from({ length: 29 }, () => 'view').join(' ')} .a .missing .leaf`);
    expect(matchesSelector(deep, leaf, adapter)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps the semantics of child and descendant combinators', () => {
    const root: Node = { tag: 'view', classes: ['root'] };
    const mid: Node = { tag: 'view', classes: ['mid'], parent: root };
    const leaf: Node = { tag: 'text', classes: ['leaf'], parent: mid };
    const test = (s: string) => matchesSelector(parseSelector(s), leaf, adapter);
    expect(test('.root .leaf')).toBe(true);
    expect(test('.root > .leaf')).toBe(false);
    expect(test('.root > .mid > .leaf')).toBe(true);
    expect(test('.mid .root .leaf')).toBe(false);
    expect(test('view view text')).toBe(true);
    expect(test('view view view text')).toBe(false);
    expect(test('.x, .root >>> .leaf')).toBe(true);
  });
});
