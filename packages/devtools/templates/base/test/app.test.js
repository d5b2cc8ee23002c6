import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '@mpk/devtools/harness';

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let app;

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
