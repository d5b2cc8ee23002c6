/**
 * Canvas headless (docs: 画布 — my.createCanvasContext, CanvasContext.draw, Canvas.getContext,
 * my.createOffscreenCanvas, my.canvasToTempFilePath; component: canvas): the base library records
 * the draw calls, the headless renderer keeps them as a recording the harness reads
 * (`page.canvas('#c')`), `draw()` clears and `draw(true)` keeps, the command cap warns with
 * CANVAS_LIMIT, and the `type="2d"` path antd-mini and newer code take works.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

const legacyJs = `Page({
  data: { log: [] },
  onReady() {
    const ctx = my.createCanvasContext('c');
    ctx.setFillStyle('red');
    ctx.fillRect(10, 10, 50, 40);
    ctx.beginPath();
    ctx.arc(100, 75, 30, 0, 2 * Math.PI);
    const g = ctx.createLinearGradient(0, 0, 200, 0);
    g.addColorStop(0, 'white');
    g.addColorStop(1, 'blue');
    ctx.fillStyle = g;
    ctx.fill();
    ctx.setFontSize(20);
    ctx.fillText('Hi', 5, 30);
    const grad = ctx.createCircularGradient(50, 50, 20);
    grad.addColorStop(0, 'red');
    ctx.setStrokeStyle(grad);
    this.ctx = ctx;
    ctx.draw(false, () => this.setData({ log: this.data.log.concat('drawn ' + ctx.measureText('Hi你好').width) }));
  },
  more() {
    this.ctx.strokeRect(1, 2, 3, 4);
    this.ctx.draw(true, () => this.setData({ log: this.data.log.concat('kept') }));
  },
  fresh() {
    this.ctx.clearRect(0, 0, 300, 225);
    this.ctx.draw();
  },
  flood() {
    for (let i = 0; i < 10005; i++) this.ctx.fillRect(i, 0, 1, 1);
    this.ctx.draw(false, () => this.setData({ log: this.data.log.concat('flooded') }));
  },
  save() {
    my.canvasToTempFilePath({ canvasId: 'c', fail: (e) => this.setData({ log: this.data.log.concat('temp ' + e.error) }) });
    this.ctx.getImageData({ x: 0, y: 0, width: 1, height: 1, fail: (e) => this.setData({ log: this.data.log.concat('pixels ' + e.error) }) });
  },
  probe() {
    this.setData({ log: this.data.log.concat([my.canIUse('createCanvasContext'), my.canIUse('createOffscreenCanvas'), my.canIUse('canvasToTempFilePath')].join(',')) });
  },
});`;

describe('my.createCanvasContext (legacy) headless', () => {
  it('draw() sends the recorded calls; draw(true) keeps them, draw() clears; the cap warns', async () => {
    const app = await launchProject({
      ...page('pages/index/index', {
        axml: '<canvas id="c" width="300" height="225" style="width:300px;height:225px"/><view id="log">{{log.join("|")}}</view><view id="more" onTap="more"/><view id="fresh" onTap="fresh"/><view id="flood" onTap="flood"/><view id="save" onTap="save"/><view id="probe" onTap="probe"/>',
        js: legacyJs,
      }),
    });
    const p = app.currentPage();
    await app.advanceTime(0);
    // 'Hi' = 2 × 0.6 × 20, '你好' = 2 × 20: the documented headless estimate.
    expect(p.text('#log')).toBe('drawn 64');
    const canvas = p.canvas('#c');
    expect(canvas.width).toBe(300);
    expect(canvas.height).toBe(225);
    expect(canvas.calls).toEqual([
      { method: 'setFillStyle', args: ['red'] },
      { method: 'fillRect', args: [10, 10, 50, 40] },
      { method: 'beginPath', args: [] },
      { method: 'arc', args: [100, 75, 30, 0, 2 * Math.PI] },
      { property: 'fillStyle', value: { gradient: 'linear', args: [0, 0, 200, 0], stops: [[0, 'white'], [1, 'blue']] } },
      { method: 'fill', args: [] },
      { method: 'setFontSize', args: [20] },
      { method: 'fillText', args: ['Hi', 5, 30] },
      { method: 'setStrokeStyle', args: [{ gradient: 'circular', args: [50, 50, 20], stops: [[0, 'red']] }] },
    ]);

    await p.tap('#more');
    expect(p.text('#log')).toBe('drawn 64|kept');
    expect(p.canvas('#c').calls).toHaveLength(10);
    expect(p.canvas('#c').calls.at(-1)).toEqual({ method: 'strokeRect', args: [1, 2, 3, 4] });

    await p.tap('#fresh');
    expect(p.canvas('#c').calls).toEqual([{ method: 'clearRect', args: [0, 0, 300, 225] }]);
    expect(p.canvas('#c').draws).toBe(3);

    await p.tap('#flood');
    expect(p.text('#log')).toBe('drawn 64|kept|flooded');
    expect(p.canvas('#c').calls).toHaveLength(10_000);
    expect(app.logs.filter((l) => l.level === 'warn').map((l) => String(l.args[0]))).toContainEqual(
      expect.stringMatching(/^\[CANVAS_LIMIT\] my\.createCanvasContext\("c"\): 5 call\(s\) over the limit of 10000 per draw were dropped/),
    );

    // Headless keeps calls, not pixels: not supported (canIUse false, error 1).
    await p.tap('#save');
    expect(p.text('#log')).toMatch(/\|temp 1\|pixels 1$/);
    await p.tap('#probe');
    expect(p.text('#log')).toMatch(/\|true,true,false$/);
  });
});

describe('<canvas type="2d"> and my.createOffscreenCanvas headless', () => {
  it('select().node() → getContext("2d"): calls flush at the end of the tick; width= resizes and clears; offscreen draws', async () => {
    const app = await launchProject({
      ...page('pages/index/index', {
        axml: '<canvas id="c2" type="2d" onReady="onCanvasReady" style="width:100px;height:100px"/><view id="log">{{log}}</view><view id="again" onTap="again"/><view id="save" onTap="save"/>',
        js: `Page({
  data: { log: '' },
  onCanvasReady() {
    my.createSelectorQuery().select('#c2').node().exec((res) => {
      const canvas = res[0].node;
      const dpr = 2;
      canvas.width = 100 * dpr;
      canvas.height = 100 * dpr;
      const ctx = canvas.getContext('2d');
      ctx.scale(dpr, dpr);
      ctx.fillStyle = '#ff0000';
      ctx.fillRect(0, 0, 50, 50);
      ctx.lineWidth = 4;
      ctx.strokeStyle = '#1677ff';
      ctx.beginPath();
      ctx.arc(50, 50, 40, -Math.PI / 2, Math.PI, false);
      ctx.stroke();
      this.canvas = canvas;
      this.ctx = ctx;
      const off = my.createOffscreenCanvas({ width: 20, height: 10 });
      const offCtx = off.getContext('2d');
      offCtx.fillStyle = 'green';
      offCtx.fillRect(0, 0, 20, 10);
      ctx.drawImage(off, 5, 5);
      this.setData({ log: [canvas.width, canvas.height, ctx.fillStyle, off.width, typeof canvas.getContext('webgl'), ctx.measureText('ab').width].join(',') });
    });
  },
  again() {
    this.ctx.clearRect(0, 0, 100, 100);
    this.ctx.fillRect(1, 1, 2, 2);
  },
  save() {
    my.canvasToTempFilePath({ canvas: this.canvas, fail: (e) => this.setData({ log: 'temp ' + e.error + ' ' + e.errorMessage }) });
  },
});`,
      }),
    });
    const p = app.currentPage();
    await app.advanceTime(0);
    expect(p.text('#log')).toBe('200,200,#ff0000,20,object,12');
    const canvas = p.canvas('#c2');
    expect([canvas.width, canvas.height]).toEqual([200, 200]);
    expect(canvas.calls).toEqual([
      { method: 'scale', args: [2, 2] },
      { property: 'fillStyle', value: '#ff0000' },
      { method: 'fillRect', args: [0, 0, 50, 50] },
      { property: 'lineWidth', value: 4 },
      { property: 'strokeStyle', value: '#1677ff' },
      { method: 'beginPath', args: [] },
      { method: 'arc', args: [50, 50, 40, -Math.PI / 2, Math.PI, false] },
      { method: 'stroke', args: [] },
      { method: 'drawImage', args: [{ canvas: { offscreen: 1 } }, 5, 5] },
    ]);
    expect(app.offscreenCanvas(1)).toMatchObject({ width: 20, height: 10, calls: [{ property: 'fillStyle', value: 'green' }, { method: 'fillRect', args: [0, 0, 20, 10] }] });
    expect(app.logs.map((l) => String(l.args[0]))).toContainEqual(expect.stringMatching(/^\[CANVAS_UNSUPPORTED\] .*getContext\("webgl"\)/));

    // A 2d canvas keeps what it drew: the next tick's calls add to it.
    await p.tap('#again');
    expect(p.canvas('#c2').calls.slice(-2)).toEqual([{ method: 'clearRect', args: [0, 0, 100, 100] }, { method: 'fillRect', args: [1, 1, 2, 2] }]);
    expect(p.canvas('#c2').calls).toHaveLength(11);

    await p.tap('#save');
    expect(p.text('#log')).toMatch(/^temp 1 canvasToTempFilePath: not supported on this host \(canIUse is false\)/);
  });
});

describe('canvas bounds and what mpk does not do', () => {
  it('warns with a code: an argument over its bound, a size over the limit, pixel read-back, a canvas that is not there', async () => {
    const app = await launchProject({
      ...page('pages/index/index', {
        axml: '<canvas id="c" type="2d" onReady="ready"/><view id="log">{{log}}</view>',
        js: `Page({
  data: { log: '' },
  ready() {
    my.createSelectorQuery().select('#c').node().exec((res) => {
      const canvas = res[0].node;
      canvas.width = 100000;
      canvas.height = 3000;
      const ctx = canvas.getContext('2d');
      ctx.fillText('x'.repeat(5000), 0, 0);
      ctx.fillRect(0, 0, 1, 1);
      const pixels = ctx.getImageData(0, 0, 2, 2);
      const lost = my.createCanvasContext('nowhere');
      lost.fillRect(0, 0, 1, 1);
      lost.draw(false, () => this.setData({ log: [canvas.width, canvas.height, pixels.data.length, pixels.data[3]].join(',') + ' called back' }));
    });
  },
});`,
      }),
    });
    await app.advanceTime(0);
    const p = app.currentPage();
    // 4096 × 1024: a side of at most 4096 and at most 4,194,304 pixels.
    expect(p.text('#log')).toBe('4096,1024,16,0 called back');
    expect(p.canvas('#c')).toMatchObject({ width: 4096, height: 1024, calls: [{ method: 'fillRect', args: [0, 0, 1, 1] }] });
    const warnings = app.logs.filter((l) => l.level === 'warn').map((l) => String(l.args[0]));
    expect(warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[CANVAS_SIZE_LIMIT\] canvas node \d+: size clipped to 4096×1024/),
      expect.stringMatching(/^\[CANVAS_ARG_LIMIT\] canvas node \d+: 1 call\(s\) dropped/),
      expect.stringMatching(/^\[CANVAS_NO_READBACK\] canvas node \d+\.getImageData:/),
      expect.stringMatching(/^\[CANVAS_UNSUPPORTED\] my\.createCanvasContext\("nowhere"\): the view did not draw: .*no <canvas id="nowhere"> on the page/),
    ]));
  });
});
