/**
 * Zoom and landscape (issue 13): in a 1280×720 window an iPhone 12 (864 px high with its frame)
 * fits whole with "Fit"; fixed zooms scale it; the app still sees phone pixels in its touch events
 * at any zoom (the renderer divides by the CSS zoom); Rotate swaps the screen and
 * my.getSystemInfo follows.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'todo', { viewport: { width: 1280, height: 720 } });
  await sim.reloadAfter(() => {
    sim.project.edit('pages/index/index.axml', (axml) => `<view id="probe" style="height: 200px; background: #eee" onTap="probe">probe {{probeAt}}</view>\n${axml}`);
    sim.project.edit('pages/index/index.js', (js) => js.replace('Page({', 'Page({\n  probe(e) { this.setData({ probeAt: Math.round(e.detail.pageX) + "," + Math.round(e.detail.pageY) }); },'));
  });
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

const phoneBox = async () => (await sim.page.locator('.phone').boundingBox())!;

describe('simulator zoom', () => {
  it('Fit keeps the whole iPhone 12 visible in a 1280×720 window', async () => {
    const { page } = sim;
    await page.locator('.sim-device').selectOption({ label: 'iPhone 12 (390)' });
    await expect.poll(async () => (await phoneBox()).height).toBeLessThan(720);
    const box = await phoneBox();
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    const zoom = Number(await page.locator('.phone').getAttribute('data-zoom'));
    expect(zoom).toBeLessThan(1);
    expect(zoom).toBeGreaterThan(0.5);
    expect(await page.locator('.sim-zoom option').first().textContent()).toBe(`Fit (${Math.round(zoom * 100)}%)`);
    await page.locator('#probe').waitFor();
    await expect.poll(() => page.evaluate(() => window.mpkSimulator!.session.container?.pages().length ?? 0)).toBe(1);
    await sim.screenshot('zoom-fit-iphone12-1280x720');
  });

  it('at 50% the phone is half its size and a tap reports phone pixels to the app', async () => {
    const { page } = sim;
    await page.locator('.sim-zoom').selectOption('0.5');
    await expect.poll(async () => Math.round((await phoneBox()).width)).toBe(Math.round((390 + 20) / 2));
    // The probe spans the page's width and is 200 px high: its centre is (195, 100) in phone pixels.
    await page.locator('#probe').click();
    await expect.poll(() => sim.text('#probe')).toMatch(/^probe (19[3-7]),(9[8-9]|10[0-2])$/);
    await page.locator('.sim-zoom').selectOption('1');
    await expect.poll(async () => Math.round((await phoneBox()).width)).toBe(410);
    await page.locator('.sim-zoom').selectOption('fit');
  });

  it('Rotate turns the phone to landscape and back; my.getSystemInfo follows', async () => {
    const { page } = sim;
    const restarted = await page.evaluate(() => window.mpkSimulator!.reloads.length);
    await page.locator('.sim-rotate').click();
    await page.waitForFunction((n) => window.mpkSimulator!.reloads.length > n, restarted);
    const box = await phoneBox();
    expect(box.width).toBeGreaterThan(box.height);
    const size = await page.evaluate(() => {
      const device = window.mpkSimulator!.session.currentDevice;
      return [device.width, device.height, device.name];
    });
    expect(size).toEqual([844, 390, 'iPhone 12 (390) landscape']);
    await page.locator('#probe').waitFor();
    await sim.screenshot('zoom-landscape-iphone12');
    await page.locator('.sim-rotate').click();
    await expect.poll(() => page.evaluate(() => window.mpkSimulator!.session.currentDevice.name)).toBe('iPhone 12 (390)');
  });
});
