/**
 * The simulator on examples/showcase: the built-in components render as real elements in the phone
 * (form controls, progress, rich-text, swiper), a form submitted with the mouse shows its values,
 * the tab bar reaches the APIs page where a toast appears, and every tab is saved as a screenshot.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'showcase');
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

describe('simulator: showcase', () => {
  it('renders the built-in components as working elements', async () => {
    const { page } = sim;
    await page.locator('#profile-form').waitFor();
    expect(await sim.text('.nav-title-text')).toBe('Components');
    expect(await page.locator('#nickname input, input#nickname').count()).toBe(1);
    expect(await page.locator('swiper').count()).toBeGreaterThan(0);
    expect(await page.locator('#rich').locator('a, span, strong, em, b, p').count()).toBeGreaterThan(0);
    await sim.screenshot('simulator-showcase-components');
    expect(sim.errors).toEqual([]);
  });

  it('submits the form with what the user typed and ticked (the label toggles its checkbox)', async () => {
    const { page } = sim;
    await page.locator('#submit').click();
    await expect.poll(() => sim.text('#form-status')).toBe('Fill in a nickname first');
    await page.locator('#nickname input, input#nickname').first().fill('Ada');
    await page.locator('label', { hasText: 'I accept the terms' }).click();
    await page.locator('#submit').click();
    await expect.poll(() => sim.text('#form-status')).toBe('Submitted');
    expect(await sim.text('#submitted-nickname')).toContain('Ada');
    expect(await sim.text('#submitted-terms')).toContain('accepted');
  });

  it('switches to the APIs tab and shows a toast', async () => {
    const { page } = sim;
    await page.getByRole('tab', { name: 'APIs', exact: true }).click();
    await page.locator('#show-toast').waitFor();
    expect(await sim.text('.nav-title-text')).toBe('APIs');
    await page.locator('#show-toast').click();
    await page.locator('.ui-toast').waitFor();
    await sim.screenshot('simulator-showcase-apis');
    await page.getByRole('tab', { name: 'Template', exact: true }).click();
    await page.locator('.nav-title-text', { hasText: 'Template' }).waitFor();
    await sim.screenshot('simulator-showcase-template');
    expect(sim.errors).toEqual([]);
  });
});
