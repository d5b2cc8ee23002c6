/**
 * A page setData that changes the props of 1,000 components (issue 12, item 3): the view sends the
 * whole pass's props to the sandbox in ONE batch (1,000 compProps in one message list, not one
 * crossing each), the sandbox answers with every component's patch in one batch, and only the
 * components with a didUpdate hook get a `rendered` message back. Counts the container's bridge traffic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { bridgeTraffic } from '../support/bridge.ts';
import { closeAll, component, launchProject, logLines, page } from '../support/project.ts';

const ROWS = 1000;
let app: MiniApp;

beforeAll(async () => {
  app = await launchProject({
    ...page('pages/index/index', {
      axml: `
<button id="update" onTap="update">update</button>
<watched a:for="{{[1, 2]}}" round="{{round}}" />
<row a:for="{{rows}}" a:key="id" item="{{item}}" />`,
      js: `
const rows = (round) => Array.from({ length: ${ROWS} }, (_, i) => ({ id: i, label: 'row ' + i + ' round ' + round }));
Page({
  data: { rows: rows(0), round: 0 },
  update() {
    const round = this.data.round + 1;
    this.setData({ rows: rows(round), round });
  },
});`,
      json: { usingComponents: { row: '/components/row/row', watched: '/components/watched/watched' } },
    }),
    ...component('components/row/row', { axml: `<view class="row">{{item.label}}</view>`, js: `Component({ props: { item: {} } });` }),
    ...component('components/watched/watched', {
      axml: `<view class="watched">{{round}}</view>`,
      js: `Component({ props: { round: 0 }, didUpdate(prevProps) { console.log('didUpdate', prevProps.round, '→', this.props.round); } });`,
    }),
  });
});
afterAll(closeAll);

describe('a page setData that updates 1,000 components', () => {
  it('crosses once with every component’s props and once with every component’s patch; only didUpdate hooks get rendered acks', async () => {
    const p = app.currentPage();
    const traffic = await bridgeTraffic(app, () => p.tap('#update'));

    const props = traffic.filter((b) => b.direction === 'toLogic' && b.messages.some((m) => m.t === 'compProps'));
    expect(props).toHaveLength(1);
    expect(props[0]!.messages.filter((m) => m.t === 'compProps')).toHaveLength(ROWS + 2);

    const componentIds = new Set(props[0]!.messages.filter((m) => m.t === 'compProps').map((m) => m.id));
    const patchBatches = traffic.filter((b) => b.direction === 'toHost' && b.messages.some((m) => m.t === 'patch' && componentIds.has(m.id!)));
    expect(patchBatches).toHaveLength(1);
    const patches = patchBatches[0]!.messages.filter((m) => m.t === 'patch' && componentIds.has(m.id!));
    expect(patches).toHaveLength(ROWS + 2);
    expect(patches.filter((m) => m.ack === false)).toHaveLength(ROWS);

    const rendered = traffic.flatMap((b) => (b.direction === 'toLogic' ? b.messages.filter((m) => m.t === 'rendered') : []));
    expect(rendered).toHaveLength(2);
    expect(logLines(app).filter((line) => line.startsWith('didUpdate'))).toEqual(['didUpdate 0 → 1', 'didUpdate 0 → 1']);

    const rows = p.querySelectorAll('.row');
    expect(rows).toHaveLength(ROWS);
    expect(app.session.renderer.text(rows[0]!)).toBe('row 0 round 1');
    expect(app.session.renderer.text(rows[ROWS - 1]!)).toBe(`row ${ROWS - 1} round 1`);
  });

  it('every component is updated again on the next pass (the update queue drains completely)', async () => {
    const p = app.currentPage();
    await p.tap('#update');
    await p.tap('#update');
    const rows = p.querySelectorAll('.row');
    expect(rows.map((row) => app.session.renderer.text(row)).filter((text) => !text.endsWith('round 3'))).toEqual([]);
    expect(p.querySelectorAll('.watched').map((node) => app.session.renderer.text(node))).toEqual(['3', '3']);
  });
});
