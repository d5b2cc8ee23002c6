/**
 * Property-based checks of the diff: for random sequences of random trees (elements of a few tags,
 * texts, keyed/unkeyed/duplicate-keyed children, virtual and non-virtual components with slot
 * content), the rendered tree always equals an independent rendering of the spec, no renderer
 * node leaks, and every component created is either live or unmounted exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VNode } from '../../src/contract/view-abi.ts';
import type { HeadlessNode } from '../../src/renderers/headless/index.ts';
import { Op } from '../../src/contract/renderer.ts';
import { comp, createHarness, el, slot, text } from './support.ts';

type Spec =
  | { t: 'text'; v: string }
  | { t: 'el'; tag: string; key?: number; cls?: string; children: Spec[] }
  | { t: 'comp'; virtual: boolean; key?: number; children: Spec[] };

const PAGE = 'pages/p/p';
const WRAP = 'components/wrap/wrap';
const HOST = 'components/host/host';

const specArb = fc.letrec<{ node: Spec; list: Spec[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constant('text' as const), v: fc.constantFrom('a', 'b', 'c', 'xy') }),
    fc.record(
      {
        t: fc.constant('el' as const),
        tag: fc.constantFrom('view', 'text', 'button'),
        key: fc.integer({ min: 0, max: 6 }),
        cls: fc.constantFrom('p', 'q'),
        children: tie('list') as fc.Arbitrary<Spec[]>,
      },
      { requiredKeys: ['t', 'tag', 'children'] },
    ),
    fc.record(
      {
        t: fc.constant('comp' as const),
        virtual: fc.boolean(),
        key: fc.integer({ min: 0, max: 6 }),
        children: tie('list') as fc.Arbitrary<Spec[]>,
      },
      { requiredKeys: ['t', 'virtual', 'children'] },
    ),
  ),
  list: fc.array(tie('node') as fc.Arbitrary<Spec>, { maxLength: 5 }),
}));

function toVNode(spec: Spec): VNode {
  if (spec.t === 'text') return text(spec.v);
  const extra = spec.key !== undefined ? { key: spec.key } : {};
  if (spec.t === 'el') return el(spec.tag, spec.cls ? { class: spec.cls } : {}, spec.children.map(toVNode), extra);
  return spec.virtual
    ? comp('x-wrap', WRAP, {}, spec.children.map(toVNode), extra)
    : comp('x-host', HOST, {}, spec.children.map(toVNode), extra);
}

function expected(spec: Spec): string {
  if (spec.t === 'text') return spec.v;
  const inner = spec.children.map(expected).join('');
  if (spec.t === 'el') return `<${spec.tag}${spec.cls ? ` class="${spec.cls}"` : ''}>${inner}</${spec.tag}>`;
  return spec.virtual ? `(${inner})` : `<x-host>${inner}</x-host>`;
}

function countNodes(node: HeadlessNode): number {
  let n = 1;
  for (const child of node.children) {
    expect(child.parent).toBe(node);
    n += countNodes(child);
  }
  return n;
}

function run(steps: Spec[][]): void {
  const h = createHarness({
    templates: {
      [PAGE]: (s) => (s.tree as Spec[]).map(toVNode),
      [WRAP]: () => [text('('), slot(), text(')')],
      [HOST]: () => [slot()],
    },
    components: { [HOST]: { virtualHost: false } },
  });
  const page = h.openPage(PAGE);
  const initialised = new Set<number>();
  const unmounted = new Set<number>();
  let first = true;
  for (const tree of steps) {
    if (first) h.init(page, { tree });
    else h.patch(page, [['set', ['tree'], tree]]);
    first = false;
    // Play the logic layer: every new component gets its first patch.
    for (;;) {
      const fresh = h.of('compCreate').filter((m) => !initialised.has(m.id) && !unmounted.has(m.id));
      for (const m of h.of('compUnmount')) {
        expect(unmounted.has(m.id), `double unmount of ${m.id}`).toBe(false);
        unmounted.add(m.id);
      }
      h.reset();
      const live = fresh.filter((m) => !unmounted.has(m.id));
      if (live.length === 0) break;
      for (const m of live) initialised.add(m.id);
      h.patchMany(live.map((m) => ({ id: m.id, ops: [['set', [], {}]] })));
    }
    const root = h.renderer.currentPage()!;
    expect(h.renderer.serialize(root)).toBe(`<page route="${PAGE}">${tree.map(expected).join('')}</page>`);
    const engineNodes = (h.engine as unknown as { reconciler: { nodes: Map<number, unknown> } }).reconciler.nodes.size;
    expect(engineNodes).toBe(countNodes(root));
    expect(h.engine.pendingCount()).toBe(0);
  }
  h.engine.destroyPage(page);
  for (const m of h.of('compUnmount')) unmounted.add(m.id);
  expect([...initialised].every((id) => unmounted.has(id))).toBe(true);
}

describe('diff properties', () => {
  it('renders any sequence of random trees exactly, without leaks', () => {
    fc.assert(
      fc.property(fc.array(specArb.list, { minLength: 1, maxLength: 6 }), (steps) => run(steps)),
      { numRuns: 300 },
    );
  });

  it('keyed lists keep node identity for surviving keys under any permutation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 25 }), { minLength: 2, maxLength: 5 }),
        (lists) => {
          const h = createHarness({
            templates: { [PAGE]: (s) => (s.keys as number[]).map((k) => el('view', { 'data-k': k }, [text(String(k))], { key: k })) },
          });
          const page = h.openPage(PAGE);
          h.init(page, { keys: lists[0] });
          let ids = new Map(h.renderer.currentPage()!.children.map((n) => [n.attrs['data-k'] as number, n.id]));
          for (const keys of lists.slice(1)) {
            h.reset();
            h.patch(page, [['set', ['keys'], keys]]);
            const now = h.renderer.currentPage()!.children;
            expect(now.map((n) => n.attrs['data-k'])).toEqual(keys);
            for (const node of now) {
              const before = ids.get(node.attrs['data-k'] as number);
              if (before !== undefined) expect(node.id).toBe(before);
            }
            // Moves never exceed what is outside the longest stable run.
            const survivors = keys.filter((k) => ids.has(k)).length;
            const existing = new Set(ids.values());
            const moves = h.lastOps().filter((op) => op[0] === Op.Insert && existing.has(op[2])).length;
            expect(moves).toBeLessThanOrEqual(Math.max(0, survivors - 1));
            ids = new Map(now.map((n) => [n.attrs['data-k'] as number, n.id]));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
