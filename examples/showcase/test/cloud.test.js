import { afterEach, describe, expect, it } from 'vitest';
import { launch } from '@mpk/devtools/harness';
import { project } from './support/project.js';

const CLOUD = 'sub/cloud/cloud';
let app;

afterEach(async () => {
  if (!app) return;
  const closing = app;
  app = undefined;
  await closing.close();
  expect(closing.errors).toEqual([]);
});

describe('cloud page', () => {
  it('signs the guestbook in the database and asks the cloud function about it', async () => {
    // 'emulator': the local cloud emulator on cloud/, with a fresh database for this test.
    app = await launch(project, { page: CLOUD, cloud: 'emulator' });
    const page = app.currentPage();
    await page.input('#name', 'Ada');
    await page.tap('#sign');
    expect(page.text('#entries')).toBe('Ada');
    await page.input('#name', 'Grace');
    await page.tap('#sign');
    expect(page.text('#entries')).toBe('Grace, Ada');
    await page.tap('#summary');
    expect(page.text('#summary-status')).toBe('Hello! 2 signed, last: Grace');
  });

  it('without a cloud service the page says the call failed', async () => {
    app = await launch(project, { page: CLOUD });
    const page = app.currentPage();
    await page.tap('#summary');
    expect(page.text('#summary-status')).toMatch(/^failed: cloud\.callFunction: Network Error/);
  });
});
