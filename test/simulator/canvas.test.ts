/**
 * Canvas in the simulator (real Chromium; docs: 画布, component canvas): a legacy
 * my.createCanvasContext page and a `type="2d"` page draw on real HTML canvases — the pixel at the
 * red rect's centre is red — measureText answers the browser's width, and my.canvasToTempFilePath
 * stores a PNG of the asked size (read back through my.getImageInfo); antd-mini's circular Progress
 * draws its ring. Screenshots: test/artifacts/canvas.png, canvas-antd-progress.png.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer } from '@mpk/devtools/simulator';
import { ARTIFACTS, launchBrowser, openProject, topData, type Simulator } from './support.ts';

/** test/libraries/antd-mini, once its packages are installed (as libraries.test.ts). */
const ANTD = fileURLToPath(new URL('../libraries/antd-mini/', import.meta.url));
const antdInstalled = existsSync(path.join(ANTD, 'node_modules', 'antd-mini'));

let browser: Browser;
let sim: Simulator;

const files: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { defaultTitle: 'Canvas' } }),
  'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
  'app.js': 'App({});\n',
  'images/dot.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#00ff00"/></svg>',
  'pages/index/index.axml': [
    '<canvas id="legacy" style="width:200px;height:100px"/>',
    '<canvas id="c2" type="2d" onReady="onCanvasReady" style="width:100px;height:100px"/>',
    '<view id="status">{{status}}</view>',
    '<view id="temp">{{temp}}</view>',
  ].join('\n'),
  'pages/index/index.js': `Page({
  data: { status: 'idle', temp: '' },
  onReady() {
    const ctx = my.createCanvasContext('legacy');
    ctx.setFillStyle('#ff0000');
    ctx.fillRect(20, 20, 100, 60);
    const g = ctx.createLinearGradient(130, 0, 190, 0);
    g.addColorStop(0, '#0000ff');
    g.addColorStop(1, '#00ff00');
    ctx.setFillStyle(g);
    ctx.fillRect(130, 20, 60, 60);
    ctx.setFontSize(16);
    ctx.setFillStyle('#000000');
    ctx.fillText('mpk', 24, 95);
    const width = ctx.measureText('mpk').width;
    ctx.draw(false, () => {
      my.canvasToTempFilePath({
        canvasId: 'legacy', x: 20, y: 20, width: 100, height: 60, destWidth: 50, destHeight: 30,
        success: (res) => my.getImageInfo({ src: res.apFilePath, success: (info) => this.setData({ temp: [res.apFilePath.slice(0, 17), info.type, info.width, info.height].join(' ') }), fail: (e) => this.setData({ temp: 'info fail ' + e.error }) }),
        fail: (e) => this.setData({ temp: 'fail ' + e.error + ' ' + e.errorMessage }),
      });
      this.setData({ status: 'drawn', width });
      ctx.getImageData({ x: 60, y: 40, width: 2, height: 2, success: (res) => this.setData({ pixel: [res.width, res.height, res.data.length, res.data[0], res.data[1], res.data[2], res.data[3]].join(',') }), fail: (e) => this.setData({ pixel: 'fail ' + e.error }) });
      ctx.putImageData({ x: 2, y: 2, width: 2, height: 2, data: new Uint8ClampedArray(16).fill(255), success: () => this.setData({ put: 'ok' }), fail: (e) => this.setData({ put: 'fail ' + e.error }) });
    });
  },
  onCanvasReady() {
    my.createSelectorQuery().select('#c2').node().exec((res) => {
      const canvas = res[0].node;
      canvas.width = 200;
      canvas.height = 200;
      const ctx = canvas.getContext('2d');
      ctx.scale(2, 2);
      ctx.fillStyle = 'rgb(255, 0, 0)';
      ctx.fillRect(25, 25, 50, 50);
      ctx.beginPath();
      ctx.arc(50, 50, 10, 0, Math.PI * 2);
      ctx.fillStyle = '#0000ff';
      ctx.fill();
      // canvas.createImage(): the renderer loads it from the package; onload gives its size.
      const img = canvas.createImage();
      img.onload = () => {
        ctx.drawImage(img, 80, 80, 20, 10);
        this.setData({ image: img.width + 'x' + img.height });
      };
      img.onerror = (e) => this.setData({ image: 'error ' + JSON.stringify(e) });
      img.src = '/images/dot.svg';
    });
  },
});
`,
};

/** The RGBA pixel of a canvas at CSS point (x, y) of its box. */
function pixel(selector: string, x: number, y: number): Promise<number[]> {
  return sim.page.locator(selector).evaluate((el, [px, py]) => {
    const canvas = el as HTMLCanvasElement;
    const box = canvas.getBoundingClientRect();
    const sx = Math.floor((px / box.width) * canvas.width);
    const sy = Math.floor((py / box.height) * canvas.height);
    return [...canvas.getContext('2d')!.getImageData(sx, sy, 1, 1).data];
  }, [x, y]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openProject(browser, files);
  await sim.page.locator('#status').waitFor();
});

afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

describe('simulator: canvas on a real Canvas 2D', () => {
  it('legacy createCanvasContext draws: red at the rect centre, a gradient, text measured by the browser; the temp file is a 50×30 PNG', async () => {
    await expect.poll(() => sim.text('#status'), { timeout: 15_000 }).toBe('drawn');
    // measureText is the browser's layout (not the headless estimate, 3 × 0.6 × 16 = 28.8).
    const measured = await sim.page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = '16px sans-serif';
      return ctx.measureText('mpk').width;
    });
    expect((await topData(sim.page)).width).toBeCloseTo(measured, 3);
    expect(measured).not.toBeCloseTo(28.8, 1);
    expect(await pixel('canvas#legacy', 70, 50)).toEqual([255, 0, 0, 255]);
    const left = await pixel('canvas#legacy', 132, 50);
    const right = await pixel('canvas#legacy', 188, 50);
    expect(left[2]).toBeGreaterThan(200);
    expect(right[1]).toBeGreaterThan(200);
    // The legacy asynchronous getImageData reads the view's pixels; putImageData draws at once.
    await expect.poll(async () => (await topData(sim.page)).pixel, { timeout: 15_000 }).toBe('2,2,16,255,0,0,255');
    await expect.poll(async () => (await topData(sim.page)).put, { timeout: 15_000 }).toBe('ok');
    expect(await sim.page.locator('canvas#legacy').evaluate((el) => [...(el as HTMLCanvasElement).getContext('2d')!.getImageData(3, 3, 1, 1).data])).toEqual([255, 255, 255, 255]);
    // Outside every shape: transparent.
    expect(await pixel('canvas#legacy', 10, 10)).toEqual([0, 0, 0, 0]);
    // The backing store follows the device pixel ratio.
    const [backing, dpr] = await sim.page.locator('canvas#legacy').evaluate((el) => [(el as HTMLCanvasElement).width, window.devicePixelRatio]);
    expect(backing).toBe(200 * dpr);
    await expect.poll(() => sim.text('#temp'), { timeout: 15_000 }).toBe('https://resource/ png 50 30');
  });

  it('type="2d": select().node().getContext("2d") draws; the arc over the rect is blue, the rect red, a package image green', async () => {
    await expect.poll(() => pixel('canvas#c2', 30, 30), { timeout: 15_000 }).toEqual([255, 0, 0, 255]);
    expect(await pixel('canvas#c2', 50, 50)).toEqual([0, 0, 255, 255]);
    await expect.poll(async () => (await topData(sim.page)).image, { timeout: 15_000 }).toBe('40x20');
    await expect.poll(() => pixel('canvas#c2', 90, 84), { timeout: 15_000 }).toEqual([0, 255, 0, 255]);
    expect(await sim.page.locator('canvas#c2').evaluate((el) => [(el as HTMLCanvasElement).width, (el as HTMLCanvasElement).height])).toEqual([200, 200]);
    await sim.screenshot('canvas');
    expect(sim.errors).toEqual([]);
  });

  it.skipIf(!antdInstalled)('antd-mini Progress (circle) draws its ring through my.createCanvasContext', async () => {
    const server = await startDevServer({ project: ANTD });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(server.url);
      await page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 60_000 });
      await page.evaluate(() => window.mpkSimulator!.session.container!.navigate('reLaunch', { url: '/pages/Progress/index' }));
      const painted = () =>
        page.locator('.ant-progress-circle canvas').first().evaluate((el) => {
          const canvas = el as HTMLCanvasElement;
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
          return n;
        });
      // The ring: well over a thousand painted pixels once its animation has run.
      await expect.poll(painted, { timeout: 20_000 }).toBeGreaterThan(1000);
      await page.screenshot({ path: path.join(ARTIFACTS, 'canvas-antd-progress.png') });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  }, 120_000);
});
