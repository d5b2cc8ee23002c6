/**
 * IntersectionObserver in the simulator (real Chromium; docs: 节点查询/my.createIntersectionObserver): the
 * browser's IntersectionObserver watches the DOM, so a node below the fold is reported once the page
 * scrolls it into view, with its rects relative to the page's visible area, and again when it leaves.
 * Screenshot: test/artifacts/intersection-observer.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openProject, topData, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;
let page: Page;

const files: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { defaultTitle: 'Exposure' } }),
  'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
  'app.js': 'App({});\n',
  'pages/index/index.axml': `
<view id="status">{{seen.length}} {{last}}</view>
<button id="down" onTap="down">down</button>
<button id="up" onTap="up">up</button>
<view style="height: 2000px">spacer</view>
<view class="banner" id="banner" data-ad="spring" style="height: 120px; background: #f60">banner</view>
<view style="height: 2000px">spacer</view>`,
  'pages/index/index.js': `Page({
  data: { seen: [], last: '' },
  onReady() {
    my.createIntersectionObserver({ dataset: true }).relativeToViewport().observe('.banner', (res) => {
      const seen = this.data.seen.concat([{ id: res.id, ad: res.dataset.ad, ratio: res.intersectionRatio, top: res.boundingClientRect.top, height: res.boundingClientRect.height, rootHeight: res.relativeRect.height }]);
      this.setData({ seen, last: res.intersectionRatio > 0 ? 'in' : 'out' });
    });
  },
  down() { my.pageScrollTo({ scrollTop: 1800, duration: 0 }); },
  up() { my.pageScrollTo({ scrollTop: 0, duration: 0 }); },
});
`,
};

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openProject(browser, files);
  page = sim.page;
  await page.locator('#status').waitFor();
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

it('reports the banner when a scroll brings it into view, and when it leaves', async () => {
  // Below the fold at the start: nothing reported (initialRatio 0).
  await page.waitForTimeout(300);
  expect((await topData(page)).seen).toEqual([]);

  await page.locator('#down').click();
  await page.waitForFunction(() => JSON.stringify(window.mpkSimulator!.session.container!.instanceData(window.mpkSimulator!.session.container!.currentPage()!.id)).includes('"last":"in"'), null, { timeout: 10_000 });
  const [entry] = (await topData(page)).seen;
  expect(entry).toMatchObject({ id: 'banner', ad: 'spring', ratio: 1, height: 120 });
  // Relative to the page's visible area: the banner sits inside it.
  expect(entry.top).toBeGreaterThanOrEqual(0);
  expect(entry.top + entry.height).toBeLessThanOrEqual(entry.rootHeight);
  await sim.screenshot('intersection-observer');

  await page.locator('#up').click();
  await page.waitForFunction(() => JSON.stringify(window.mpkSimulator!.session.container!.instanceData(window.mpkSimulator!.session.container!.currentPage()!.id)).includes('"last":"out"'), null, { timeout: 10_000 });
  expect((await topData(page)).seen.map((e: { ratio: number }) => e.ratio)).toEqual([1, 0]);
  expect(sim.errors).toEqual([]);
}, 60_000);
