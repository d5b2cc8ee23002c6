/**
 * Canvas benchmark (headless, through the author harness): one legacy `draw()` of 10,000 recorded
 * calls — recorded in the base library, sent as one `canvasDraw` batch, checked on the host
 * (view/canvas.ts) and kept by the headless renderer's recording — timed from the tap to the draw
 * callback's setData. Baseline, side by side in the same run: the same 10,000 calls as plain data
 * through `setData` (what an app pays to ship that much drawing data to the view the ordinary way).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from '@mpk/devtools/harness';
import { medianMs, type BenchRow, type BenchSuite } from '../types.ts';

const CALLS = 10_000;

const FILES: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
  'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
  'app.js': 'App({});\n',
  'pages/index/index.json': '{}',
  'pages/index/index.axml': '<canvas id="c" width="300" height="300"/><view id="draw" onTap="draw"/><view id="ship" onTap="ship"/><view id="n">{{n}}</view>',
  'pages/index/index.js': `const N = ${CALLS};
Page({
  data: { n: 0, calls: [] },
  onLoad() { this.ctx = my.createCanvasContext('c'); },
  draw() {
    const ctx = this.ctx;
    for (let i = 0; i < N / 2; i++) { ctx.setFillStyle(i % 2 ? '#ff0000' : '#0000ff'); ctx.fillRect(i % 300, (i * 7) % 300, 2, 2); }
    ctx.draw(false, () => this.setData({ n: this.data.n + 1 }));
  },
  ship() {
    const calls = [];
    for (let i = 0; i < N / 2; i++) { calls.push({ method: 'setFillStyle', args: [i % 2 ? '#ff0000' : '#0000ff'] }); calls.push({ method: 'fillRect', args: [i % 300, (i * 7) % 300, 2, 2] }); }
    this.setData({ calls, n: this.data.n + 1 });
  },
});
`,
};

export const suite: BenchSuite = {
  name: 'canvas',
  description: `headless draw() of ${CALLS} canvas calls vs the same calls through setData`,
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mpk-bench-canvas-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const app = await launch(dir);
    try {
      const page = app.currentPage();
      const draw = await medianMs(() => page.tap('#draw'), 15, 3);
      const before = Number(page.text('#n'));
      const data = await medianMs(() => page.tap('#ship'), 15, 3);
      if (Number(page.text('#n')) !== before + 18) throw new Error('the setData baseline did not run');
      const kept = page.canvas('#c').calls.length;
      if (kept !== CALLS) throw new Error(`the recording kept ${kept} calls, not ${CALLS}`);
      return [{ case: `draw() of ${CALLS} calls, tap → callback`, ours: draw, unit: 'ms', baseline: data, baselineLabel: 'the same calls through setData', note: `${Math.round((CALLS / draw) * 1000)} calls/s` }];
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
