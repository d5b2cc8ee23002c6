/**
 * Bridge traffic of a wide page setData (issue 12, item 3): a patch nothing waits for carries
 * `ack: false` and the view sends no `rendered` message back into the sandbox; a setData with a
 * callback gets exactly one, and the callback runs after the 1,000 rows are on screen. Counts the
 * messages the container carries (its `bridge` event), both directions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import type { PatchMessage } from '@mpk/runtime';
import { bridgeTraffic } from '../support/bridge.ts';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

let app: MiniApp;

beforeAll(async () => {
  app = await launchProject({
    ...page('pages/index/index', {
      axml: `
<button id="plain" onTap="plain">plain</button>
<button id="callback" onTap="withCallback">callback</button>
<view class="row" a:for="{{rows}}">{{item.label}}</view>`,
      js: `
const rows = (tag) => Array.from({ length: 1000 }, (_, i) => ({ label: tag + i }));
Page({
  data: { rows: rows('start ') },
  plain() { this.setData({ rows: rows('plain ') }); },
  withCallback() {
    this.setData({ rows: rows('callback ') }, () => {
      my.createSelectorQuery().selectAll('.row').fields({ dataset: true }).exec((res) => console.log('callback after render', res[0].length));
    });
  },
});`,
    }),
  });
});
afterAll(closeAll);

/** The page's patches the sandbox sent and the `rendered` messages the host sent it for the page, while `run` ran. */
async function trafficOf(run: () => Promise<void>): Promise<{ patches: PatchMessage[]; rendered: number }> {
  const pageId = app.currentPage().id;
  const messages = (await bridgeTraffic(app, run)).flatMap((batch) => batch.messages.filter((m) => m.id === pageId).map((m) => ({ direction: batch.direction, m })));
  return {
    patches: messages.filter(({ direction, m }) => direction === 'toHost' && m.t === 'patch').map(({ m }) => m as unknown as PatchMessage),
    rendered: messages.filter(({ direction, m }) => direction === 'toLogic' && m.t === 'rendered').length,
  };
}

describe('rendered acknowledgements of a 1,000-row page setData', () => {
  it('a setData without a callback sends no rendered message into the sandbox', async () => {
    const p = app.currentPage();
    const traffic = await trafficOf(() => p.tap('#plain'));
    expect(p.querySelectorAll('.row')).toHaveLength(1000);
    expect(p.text('.row')).toBe('plain 0');
    expect(traffic.patches).toHaveLength(1);
    expect(traffic.patches[0]!.ack).toBe(false);
    expect(traffic.rendered).toBe(0);
  });

  it('a setData with a callback gets exactly one rendered message, and the callback sees the rows', async () => {
    const p = app.currentPage();
    const traffic = await trafficOf(() => p.tap('#callback'));
    expect(p.text('.row')).toBe('callback 0');
    expect(traffic.patches).toHaveLength(1);
    expect(traffic.patches[0]!.ack).not.toBe(false);
    expect(traffic.rendered).toBe(1);
    expect(logLines(app)).toContain('callback after render 1000');
  });
});
