/**
 * View engine: patch → render function → diff → ops, for a 1,000-row keyed list (5 nodes per row),
 * with a renderer that only counts ops (so the figure is the engine's own time, render function
 * included). Baseline, measured in the same run: the same update done without a diff — the page's
 * whole tree rebuilt from scratch, which is what a view without keyed reconciliation pays.
 */
import type { PatchOp } from '../../packages/runtime/src/contract/protocol.ts';
import type { VNode } from '../../packages/runtime/src/contract/view-abi.ts';
import { ViewEngine } from '../../packages/runtime/src/view/engine.ts';
import type { RenderOp } from '../../packages/runtime/src/contract/renderer.ts';
import type { BenchRow, BenchSuite } from '../types.ts';

interface Row {
  id: number;
  label: string;
  selected: boolean;
}

const PAGE = 'pages/list/list';

/** What the compiler generates for a keyed `a:for` of rows with a tap handler. */
function renderList(scope: Readonly<Record<string, unknown>>): VNode[] {
  return [
    {
      kind: 'element',
      tag: 'view',
      attrs: { class: 'list' },
      children: (scope.rows as Row[]).map((row) => ({
        kind: 'element' as const,
        tag: 'view',
        key: row.id,
        attrs: { class: row.selected ? 'row selected' : 'row', 'data-id': row.id },
        events: [{ type: 'tap', attr: 'onTap', handler: 'select', catch: false, capture: false }],
        children: [
          { kind: 'element' as const, tag: 'text', attrs: { class: 'label' }, children: [{ kind: 'text' as const, text: row.label }] },
          { kind: 'element' as const, tag: 'button', attrs: {}, children: [{ kind: 'text' as const, text: 'x' }] },
        ],
      })),
    },
  ];
}

function rows(count: number, offset = 0): Row[] {
  return Array.from({ length: count }, (_, i) => ({ id: offset + i, label: `row ${offset + i}`, selected: false }));
}

function createEngine() {
  let ops = 0;
  let nextId = 1;
  let seq = 1;
  const engine = new ViewEngine({
    renderer: {
      apply(batch: readonly RenderOp[]) {
        ops += batch.length;
      },
      connect() {},
    },
    send() {},
    components: {},
    allocateId: () => nextId++,
  });
  engine.addViewModule({ abi: 1, templates: { [PAGE]: renderList } });
  const page = nextId++;
  engine.createPage(page, PAGE, PAGE);
  return {
    engine,
    page,
    ops: () => ops,
    patch(patchOps: PatchOp[]) {
      engine.applyPatches([{ t: 'patch', id: page, seq: seq++, ops: patchOps }]);
    },
  };
}

function sampleMs(runs: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * The no-diff baseline: every update tears the page's tree down and builds it again from the new
 * data (same engine, same long-lived heap, so the old tree's garbage is paid for as in real use).
 */
function rebuildMs(runs: number, data: () => Record<string, unknown>): number {
  let nextPage = 1_000_000;
  let current = 0;
  const engine = new ViewEngine({
    renderer: { apply() {}, connect() {} },
    send() {},
    components: {},
    allocateId: () => nextPage++,
  });
  engine.addViewModule({ abi: 1, templates: { [PAGE]: renderList } });
  const result = sampleMs(runs, () => {
    if (current !== 0) engine.destroyPage(current);
    current = nextPage++;
    engine.createPage(current, PAGE, PAGE);
    engine.applyPatches([{ t: 'patch', id: current, seq: 1, ops: [['set', [], data()]] }]);
  });
  return result;
}

export const suite: BenchSuite = {
  name: 'view',
  description: 'ViewEngine diff of a 1,000-row keyed list (engine time, render function included)',
  async run(): Promise<BenchRow[]> {
    const bench = createEngine();
    bench.patch([['set', [], { rows: rows(1000) }]]);
    const baseline = rebuildMs(60, () => ({ rows: rows(1000) }));

    const oneRow = sampleMs(300, (i) => bench.patch([['set', ['rows', i % 1000, 'label'], `changed ${i}`]]));
    const opsBefore = bench.ops();
    bench.patch([['set', ['rows', 7, 'label'], 'one more']]);
    const opsForOneRow = bench.ops() - opsBefore;

    const unchanged = sampleMs(300, (i) => bench.patch([['set', ['unrelated'], i]]));
    const swap = sampleMs(100, () => {
      const current = (bench.engine.instanceData(bench.page) as { rows: Row[] }).rows.slice();
      [current[1], current[998]] = [current[998]!, current[1]!];
      bench.patch([['set', ['rows'], current]]);
    });
    let offset = 0;
    const replace = sampleMs(60, () => {
      offset += 1000;
      bench.patch([['set', ['rows'], rows(1000, offset)]]);
    });

    return [
      {
        case: '1,000 rows: one row changes',
        ours: oneRow,
        unit: 'ms',
        baseline,
        baselineLabel: 'rebuild all',
        goal: { text: '< 1 ms', met: oneRow < 1 },
        note: `${opsForOneRow} renderer op(s) per one-row change`,
      },
      { case: '1,000 rows: unchanged re-render', ours: unchanged, unit: 'ms', baseline, baselineLabel: 'rebuild all', goal: { text: '< 1 ms', met: unchanged < 1 } },
      { case: '1,000 rows: swap two rows', ours: swap, unit: 'ms', baseline, baselineLabel: 'rebuild all', goal: { text: '< 2 ms', met: swap < 2 } },
      { case: '1,000 rows: replace every row', ours: replace, unit: 'ms', baseline, baselineLabel: 'rebuild all', goal: { text: '< 5 ms', met: replace < 5 } },
    ];
  },
};
