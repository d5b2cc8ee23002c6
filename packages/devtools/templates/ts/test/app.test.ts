import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, type MiniApp } from '@mpk/devtools/harness';

// The project directory: the folder above this test's.
const project = new URL('..', import.meta.url);
let app: MiniApp;

beforeEach(async () => {
  app = await launch(project);
});

afterEach(async () => {
  await app.close();
});

describe('index page', () => {
  it('counts taps and keeps the count in storage', async () => {
    const page = app.currentPage();
    expect(page.text('#count')).toBe('0');
    await page.tap('#increment');
    await page.tap('#increment');
    expect(page.data.count).toBe(2);
    expect(page.text('#count')).toBe('2');
  });

  it('hears the greeting component wave', async () => {
    const page = app.currentPage();
    await page.tap('#wave');
    expect(page.text('#waves')).toBe('Waved 1 time');
    expect(app.errors).toEqual([]);
  });
});
