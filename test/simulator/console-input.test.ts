/**
 * The Console panel's input line (issue 13 item 3): what the developer types runs in the app's
 * logic layer (the QuickJS sandbox, under its limits) and its result is printed; errors print as
 * errors, a runaway loop is stopped at the deadline and the app goes on; ↑ recalls earlier lines,
 * also after a reload of the simulator (localStorage).
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

const lastResult = () => sim.page.locator('[data-panel=console] .log-line.result').last();

async function run(expression: string): Promise<void> {
  const input = sim.page.locator('.console-input');
  const before = await sim.page.locator('[data-panel=console] .log-line.result').count();
  await input.fill(expression);
  await input.press('Enter');
  await expect.poll(() => sim.page.locator('[data-panel=console] .log-line.result').count(), { timeout: 10_000 }).toBe(before + 1);
}

it("prints a page's data, errors as errors, and stops a runaway loop", async () => {
  const { page } = sim;
  await page.locator('.sim-tab[data-panel=console]').click();
  await run('getCurrentPages()[0].data');
  const data = await lastResult().textContent();
  expect(data).toContain('"suggestions":["Buy milk","Walk the dog","Write tests"]');
  expect(data).toContain('"draft":""');
  expect(await page.locator('[data-panel=console] .log-line.input').last().textContent()).toContain('getCurrentPages()[0].data');

  await run("getCurrentPages()[0].setData({ draft: 'from the console' }); my.getStorageSync({ key: 'missing' })");
  expect(await lastResult().textContent()).toContain('{"data":null}');
  await expect.poll(() => page.locator('input.draft, .draft input').first().inputValue().catch(() => '')).toBe('from the console');

  await run('nope.x');
  expect(await lastResult().getAttribute('data-level')).toBe('error');
  expect(await lastResult().textContent()).toMatch(/Uncaught.*nope/);

  await run('while (true) {}');
  expect(await lastResult().getAttribute('data-level')).toBe('error');
  expect(await lastResult().textContent()).toContain('[timeout]');
  // The app keeps working: a tap still reaches it.
  await page.locator('.chip').first().click();
  await expect.poll(() => page.evaluate(() => (window.mpkSimulator!.session.container!.instanceData(window.mpkSimulator!.session.top()!.id)!.todos as unknown[]).length)).toBe(1);
  await run('getCurrentPages()[0].data.todos.length');
  expect(await lastResult().textContent()).toContain('1');
  await sim.screenshot('console-input');
});

it('recalls earlier lines with ↑ and ↓, after a reload too', async () => {
  const { page } = sim;
  await page.reload();
  await page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 30_000 });
  await page.locator('.sim-tab[data-panel=console]').click();
  const input = page.locator('.console-input');
  await input.fill('typed, not run');
  await input.press('ArrowUp');
  expect(await input.inputValue()).toBe('getCurrentPages()[0].data.todos.length');
  await input.press('ArrowUp');
  expect(await input.inputValue()).toBe('while (true) {}');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  expect(await input.inputValue()).toBe('typed, not run');
});
