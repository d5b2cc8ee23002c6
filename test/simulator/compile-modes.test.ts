/**
 * Compile modes in the simulator (issue 13): the modes of mini.project.json
 * (condition.miniprogram.list, as the Alipay IDE writes them) are in the toolbar; choosing one
 * restarts the app at its page with its query and scene, and "Normal" goes back to the entry page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openSimulator, stackOf, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'todo');
  sim.project.edit('mini.project.json', (text) => {
    const config = JSON.parse(text);
    config.condition = { miniprogram: { list: [{ name: 'stats from a QR code', pathName: 'pages/stats/stats', query: 'from=qr', scene: 1011, launchMode: 'default' }] } };
    return JSON.stringify(config, null, 2);
  });
  // The modes are read when the page loads.
  await sim.page.reload();
  await sim.page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 30_000 });
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

it('a compile mode opens its page with its query and scene; Normal returns to the entry page', async () => {
  const { page } = sim;
  const select = page.locator('.sim-mode');
  expect(await select.locator('option').allTextContents()).toEqual(['Normal', 'stats from a QR code']);
  await select.selectOption('stats from a QR code');
  await expect.poll(() => stackOf(page)).toEqual(['pages/stats/stats?from=qr']);
  // What the container was launched with (mpk run --mode checks the same request reaches App.onLaunch).
  expect(await page.evaluate(() => window.mpkSimulator!.session.launchRequest)).toEqual({ path: 'pages/stats/stats?from=qr', query: {}, scene: 1011 });
  await sim.screenshot('compile-mode-stats');
  await select.selectOption('');
  await expect.poll(() => stackOf(page)).toEqual(['pages/index/index']);
});
