/**
 * Hot reload in the simulator (examples/shop, a private copy): saving a style sheet swaps the CSS,
 * a template reloads the views, both keeping every page's data; a logic change restarts the logic
 * layer and reopens the same page stack; a build error shows an overlay with code frames until the
 * next good build.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, stackOf, topData, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'shop');
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

const pageId = () => sim.page.evaluate(() => window.mpkSimulator!.session.container!.currentPage()!.id);

describe('simulator: hot reload', () => {
  it('starts with state that only lives in the running app', async () => {
    // A cart line, a recently-added entry, and a name set through AppData.
    await sim.page.locator('#add-1').click();
    await expect.poll(() => sim.text('#cart-count')).toBe('1');
    await sim.page.evaluate(() => {
      const container = window.mpkSimulator!.session.container!;
      container.devSetData(container.currentPage()!.id, { user: 'Ada' });
    });
    await expect.poll(() => sim.text('#banner')).toContain('Welcome, Ada!');
  });

  it('a style change swaps the CSS and keeps the data', async () => {
    const id = await pageId();
    const reload = await sim.reloadAfter(() => sim.project.edit('pages/home/home.acss', (css) => css.replace('background: #ff6a00;', 'background: #0050b3;')));
    expect(reload.kind).toBe('style');
    await expect.poll(() => sim.page.locator('#banner').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 80, 179)');
    expect(await sim.text('#banner')).toContain('Welcome, Ada! Cart: 1');
    expect(await pageId()).toBe(id);
    expect((await topData(sim.page)).recent).toEqual(['Green tea']);
  });

  it('a template change re-renders with the same data', async () => {
    const id = await pageId();
    const reload = await sim.reloadAfter(() => sim.project.edit('pages/home/banner.axml', (axml) => axml.replace('Welcome', 'Hello')));
    expect(reload.kind).toBe('view');
    await expect.poll(() => sim.text('#banner')).toContain('Hello, Ada! Cart: 1');
    expect(await pageId()).toBe(id);
    expect((await topData(sim.page)).user).toBe('Ada');
    // The CSS swap of the previous step survived the view reload.
    expect(await sim.page.locator('#banner').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 80, 179)');
  });

  it('a logic change restarts the logic layer and reopens the same stack of pages with their queries', async () => {
    const { page } = sim;
    await page.locator('#card-2 .name').click();
    await page.locator('#buy').waitFor();
    await expect.poll(() => sim.text('.nav-title-text')).toBe('Oolong');
    expect(await stackOf(page)).toEqual(['pages/home/home', 'sub/product/product?id=2']);
    await page.locator('#buy').click();
    await expect.poll(() => sim.text('#in-cart')).toBe('1');

    const reload = await sim.reloadAfter(() =>
      sim.project.edit('sub/product/product.js', (js) => js.replace('my.setNavigationBar({ title: product.name });', "my.setNavigationBar({ title: product.name + ' (new)' });\n    console.log('product page loaded', query.id);")),
    );
    expect(reload.kind).toBe('restart');
    expect(await stackOf(page)).toEqual(['pages/home/home', 'sub/product/product?id=2']);
    await expect.poll(() => sim.text('.nav-title-text')).toBe('Oolong (new)');
    expect(await page.locator('.nav-back').isVisible()).toBe(true);
    // The cart lives in storage: the restarted app reads it back.
    expect(await sim.text('#in-cart')).toBe('1');
    await page.locator('.sim-tab[data-panel="console"]').click();
    await expect.poll(() => sim.text('.console-list')).toContain('product page loaded 2');
    expect(await sim.text('.console-list')).toContain('logic restarted, page stack reopened');

    await page.locator('.nav-back').click();
    await page.locator('#banner').waitFor();
    expect(await stackOf(page)).toEqual(['pages/home/home']);
    expect(await sim.text('#banner')).toContain('Hello! Cart: 2');
  });

  it('a build error shows an overlay with code frames; the next good build removes it', async () => {
    const { page } = sim;
    const failed = sim.server.nextBuild();
    sim.project.edit('pages/home/banner.axml', (axml) => axml.replace('{{cartCount}}', '{{cartCount +}}'));
    expect((await failed).ok).toBe(false);
    const overlay = page.locator('.sim-overlay');
    await overlay.waitFor();
    expect(await overlay.locator('h2').textContent()).toMatch(/Build failed: 1 error/);
    expect(await overlay.locator('.diag-head').first().textContent()).toMatch(/pages\/home\/banner\.axml:2:\d+\s+error\s+MPK\d+/);
    expect(await overlay.locator('pre').first().textContent()).toContain('{{cartCount +}}');
    expect(await sim.text('.sim-build')).toMatch(/✕ 1 error/);
    await sim.screenshot('simulator-build-error');
    // The app keeps running underneath.
    expect(await sim.text('#banner')).toContain('Hello! Cart: 2');

    const reload = await sim.reloadAfter(() => sim.project.edit('pages/home/banner.axml', (axml) => axml.replace('{{cartCount +}}', '{{cartCount}} cups')));
    expect(reload.kind).toBe('view');
    await overlay.waitFor({ state: 'hidden' });
    await expect.poll(() => sim.text('#banner')).toContain('Cart: 2 cups');
    expect(sim.errors).toEqual([]);
  });
});
