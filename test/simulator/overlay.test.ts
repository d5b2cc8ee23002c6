/**
 * The build error overlay shows code frames with the caret under the right character after Chinese
 * text and emoji: the compiler counts them two columns wide, and the overlay draws each of them in
 * a box exactly 2ch wide, so the measured positions agree whatever fallback font renders them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openSimulator, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'todo');
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

it('the caret sits under the character it points at, after CJK text and emoji', async () => {
  const failed = sim.server.nextBuild();
  sim.project.edit('pages/stats/stats.axml', (axml) => `<view>你好😀世界{{ a. }}</view>\n${axml}`);
  expect((await failed).ok).toBe(false);
  const pre = sim.page.locator('.sim-overlay pre').first();
  await pre.waitFor();
  expect(await pre.textContent()).toContain('> 1 | <view>你好😀世界{{ a. }}</view>');
  // x of the "." in the source line and of the "^" below it, measured with DOM ranges.
  const [dot, caret] = await pre.evaluate((el) => {
    const at = (search: string, after: string): number => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let seen = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (!seen && !text.includes(after)) continue;
        const from = seen ? 0 : text.indexOf(after) + after.length;
        seen = true;
        const i = text.indexOf(search, from);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
      }
      return NaN;
    };
    return [at('.', '{{ a'), at('^', '\n')];
  });
  expect(Number.isNaN(dot) || Number.isNaN(caret)).toBe(false);
  expect(Math.abs(dot - caret)).toBeLessThan(1);
});

it('the overlay spans the phone and the panels, and the failed build is in the Console with a badge', async () => {
  const overlay = sim.page.locator('.sim-overlay');
  await overlay.waitFor();
  const [box, main, stage] = await Promise.all([overlay.boundingBox(), sim.page.locator('.sim-main').boundingBox(), sim.page.locator('.sim-stage').boundingBox()]);
  expect(box!.width).toBeGreaterThan(stage!.width + 100);
  expect(Math.abs(box!.width - main!.width)).toBeLessThan(2);
  const line = sim.page.locator('.console-list .log-line[data-source="simulator"]', { hasText: 'failed: pages/stats/stats.axml:1:' });
  await expect.poll(() => line.count()).toBe(1);
  expect(await line.textContent()).toMatch(/\[simulator\] build \d+ failed: pages\/stats\/stats\.axml:1:\d+ MPK\d{4} /);
  expect(Number(await sim.page.locator('.sim-tab[data-panel="console"] .badge').textContent())).toBeGreaterThanOrEqual(1);
});
