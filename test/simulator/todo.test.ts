/**
 * The simulator on examples/todo: the list page renders, chips and the input add todos, an empty
 * add shows a toast, the stats page opens and the navigation bar's back button returns with the
 * list intact, and the app's launch log reaches the Console.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, stackOf, type Simulator } from './support.ts';

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

describe('simulator: todo', () => {
  it('shows the list page: title, colours, no tab bar', async () => {
    const { page } = sim;
    await page.locator('.chip').first().waitFor();
    expect(await sim.text('.nav-title-text')).toBe('Todos');
    expect(await page.locator('.phone-head').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(22, 119, 255)');
    expect(await page.locator('.phone-tabbar').isVisible()).toBe(false);
    expect(await page.locator('.chip').allTextContents()).toEqual(['Buy milk', 'Walk the dog', 'Write tests']);
    expect(await sim.text('.empty')).toBe('Nothing to do.');
    // Pull-down refresh is off for this app (pullRefresh: false).
    expect(await page.locator('.sim-pull').isEnabled()).toBe(false);
    await sim.screenshot('simulator-todo');
  });

  it('tapping a chip and typing add todos', async () => {
    const { page } = sim;
    await page.locator('.chip', { hasText: 'Buy milk' }).click();
    await page.locator('.draft input, input.draft').first().fill('Water plants');
    await page.locator('#add').click();
    await expect.poll(() => sim.text('.count')).toMatch(/2/);
    const list = await sim.text('.list');
    expect(list).toContain('Buy milk');
    expect(list).toContain('Water plants');
  });

  it('adding nothing shows a toast', async () => {
    const { page } = sim;
    await page.locator('#add').click();
    const toast = page.locator('.ui-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Type something first');
    expect(await toast.getAttribute('class')).toContain('ui-toast-fail');
  });

  it('opens the stats page and comes back with the navigation bar', async () => {
    const { page } = sim;
    await page.locator('#stats').click();
    await page.locator('#total').waitFor();
    expect(await sim.text('#total')).toBe('2');
    expect(await sim.text('.nav-title-text')).toBe('Statistics');
    expect(await stackOf(page)).toEqual(['pages/index/index', 'pages/stats/stats?total=2&done=0']);
    expect(await page.locator('.nav-back').isVisible()).toBe(true);
    await page.locator('.nav-back').click();
    await page.locator('.chip').first().waitFor();
    expect(await stackOf(page)).toEqual(['pages/index/index']);
    expect(await sim.text('.list')).toContain('Water plants');
  });

  it('the Console has the app’s launch log', async () => {
    const { page } = sim;
    await page.locator('.sim-tab[data-panel="console"]').click();
    await expect.poll(() => sim.text('.console-list')).toContain('todo app launched on pages/index/index');
    expect(sim.errors).toEqual([]);
  });
});
