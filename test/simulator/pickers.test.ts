/**
 * The simulator's pickers (host.pickers drawn over the phone, answered by hand): my.datePicker as a
 * date input, my.optionsSelect as selects, my.chooseCity as a list, and cancel answering the
 * documented cancel (datePicker 11). Screenshots go to test/artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDevServer, type DevServer } from '@mpk/devtools/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from './support.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let server: DevServer;
let dir: string;

const files: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { defaultTitle: 'Pickers' } }),
  'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
  'app.js': 'App({});\n',
  'pages/index/index.axml': ['<view id="status">{{status}}</view>', ...['date', 'choose', 'city'].map((m) => `<button id="${m}" onTap="${m}">${m}</button>`)].join('\n'),
  'pages/index/index.js': `Page({
  data: { status: 'idle' },
  date() {
    my.datePicker({ currentDate: '2016-10-10', startDate: '2016-10-01', endDate: '2016-12-31',
      success: (res) => this.setData({ status: 'date ' + res.date }), fail: (e) => this.setData({ status: 'date fail ' + e.error }) });
  },
  choose() {
    my.optionsSelect({ title: '还款日选择', optionsOne: ['每周一', '每周二', '每周三'], selectedOneIndex: 2,
      success: (res) => this.setData({ status: 'options ' + res.selectedOneIndex + ' ' + res.selectedOneOption }) });
  },
  city() {
    my.chooseCity({ cities: [{ city: '朝阳区', adCode: '110105', spell: 'chaoyang' }, { city: '海淀区', adCode: '110108', spell: 'haidian' }],
      success: (res) => this.setData({ status: 'city ' + res.city + ' ' + res.adCode }), fail: (e) => this.setData({ status: 'city fail ' + e.error }) });
  },
});
`,
};

const text = async (selector: string) => (await page.locator(selector).first().textContent({ timeout: 10_000 })) ?? '';
const tap = (id: string) => page.locator(`#${id}`).click();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mpk-sim-pickers-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  server = await startDevServer({ project: dir });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 30_000 });
  await page.locator('#status').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('simulator: pickers answered by hand', () => {
  it('my.datePicker: a date input within the bounds; 取消 answers 11', async () => {
    await tap('date');
    const input = page.locator('.ui-picker input[type="date"]');
    await input.waitFor();
    expect(await input.inputValue()).toBe('2016-10-10');
    expect(await input.getAttribute('min')).toBe('2016-10-01');
    await input.fill('2016-11-05');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'picker-date.png') });
    await page.locator('.ui-picker-ok').click();
    await expect.poll(() => text('#status')).toBe('date 2016-11-05');
    await tap('date');
    await page.locator('.ui-picker-cancel').click();
    await expect.poll(() => text('#status')).toBe('date fail 11');
  });

  it('my.optionsSelect: the preselected option, changed by the user', async () => {
    await tap('choose');
    const select = page.locator('.ui-picker select');
    await select.waitFor();
    expect(await page.locator('.ui-picker .ui-sheet-title').textContent()).toBe('还款日选择');
    expect(await select.inputValue()).toBe('每周三');
    await select.selectOption('每周二');
    await page.locator('.ui-picker-ok').click();
    await expect.poll(() => text('#status')).toBe('options 1 每周二');
  });

  it('my.chooseCity: the app\'s cities as a list; a tap chooses, 取消 answers 11', async () => {
    await tap('city');
    await page.locator('.ui-picker .ui-sheet-item', { hasText: '海淀区' }).click();
    await expect.poll(() => text('#status')).toBe('city 海淀区 110108');
    await tap('city');
    await page.locator('.ui-picker-cancel').click();
    await expect.poll(() => text('#status')).toBe('city fail 11');
  });
});
