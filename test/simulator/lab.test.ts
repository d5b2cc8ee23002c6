/**
 * The simulator's remaining host features on a small generated project: requests to a loopback
 * server in the Network panel, prompt and action-sheet dialogs answered by clicks, loading and the
 * navigation bar set by the app, an uncaught error source-mapped in the Console, an oversized
 * setData flagged in the Bridge panel, and onPageScroll / onReachBottom from scrolling the page.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDevServer } from '@mpk/devtools/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample } from '../../packages/devtools/test/simulator/support.ts';
import { ARTIFACTS, launchBrowser, openProject, startLoopbackServer, type LoopbackServer, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;
let page: Page;
let api: LoopbackServer;

function files(apiUrl: string): Record<string, string> {
  return {
    'app.json': JSON.stringify({ pages: ['pages/index/index', 'pages/long/long'], window: { defaultTitle: 'Lab' } }),
    'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
    'app.js': 'App({});\n',
    'pages/index/index.axml': [
      '<view id="status">{{status}}</view>',
      '<view id="net">{{net}}</view>',
      ...['fetch', 'missing', 'ask', 'sheet', 'boom', 'big', 'openLong', 'load'].map((m) => `<button id="${m}" onTap="${m}">${m}</button>`),
    ].join('\n'),
    'pages/index/index.js': `const API = ${JSON.stringify(apiUrl)};
Page({
  data: { status: 'idle' },
  onLoad() {
    my.onNetworkStatusChange((res) => this.setData({ net: res.isConnected + ' ' + res.networkType }));
  },
  async fetch() {
    try {
      const res = await my.request({ url: API + '/hello', dataType: 'json' });
      this.setData({ status: 'got ' + res.data.greeting + ' ' + res.status });
    } catch (e) {
      this.setData({ status: 'failed ' + e.error });
    }
  },
  async missing() {
    const res = await my.request({ url: API + '/missing' });
    const broken = await my.request({ url: API + '/broken' });
    this.setData({ status: 'status ' + res.status + ' ' + broken.status });
  },
  async ask() {
    const r = await my.prompt({ title: 'Name?', message: 'Who are you', placeholder: 'name' });
    this.setData({ status: r.ok ? 'hi ' + r.inputValue : 'no name' });
  },
  async sheet() {
    const r = await my.showActionSheet({ title: 'Pick one', items: ['Tea', 'Coffee'] });
    this.setData({ status: 'picked ' + r.index });
  },
  boom() {
    explode();
  },
  big() {
    this.setData({ blob: 'x'.repeat(300 * 1024) });
  },
  openLong() {
    my.navigateTo({ url: '/pages/long/long' });
  },
  load() {
    my.showLoading({ content: 'Working' });
    setTimeout(() => {
      my.hideLoading();
      my.setNavigationBar({ title: 'Done', backgroundColor: '#000000' });
    }, 300);
  },
});

function explode() {
  throw new Error('kaboom');
}
`,
    'pages/long/long.axml': '<view a:for="{{rows}}" class="row">Row {{item}}</view>\n<view id="reached">{{reached}}</view>\n<view id="scrolled">{{scrolled}}</view>',
    'pages/long/long.acss': '.row { height: 100px; }',
    'pages/long/long.json': JSON.stringify({ defaultTitle: 'Long', onReachBottomDistance: 80 }),
    'pages/long/long.js': `Page({
  data: { rows: Array.from({ length: 30 }, (_, i) => i), reached: 0, scrolled: 'no' },
  onReachBottom() { this.setData({ reached: this.data.reached + 1 }); },
  onPageScroll({ scrollTop }) { if (scrollTop > 0) this.setData({ scrolled: 'yes' }); },
});
`,
  };
}

const text = async (selector: string) => (await page.locator(selector).first().textContent({ timeout: 10_000 })) ?? '';
const tap = (id: string) => page.locator(`#${id}`).click();

beforeAll(async () => {
  api = await startLoopbackServer((req, res) => {
    // No CORS headers: the simulator's requests come from the dev server, like the official IDE's.
    const headers = { 'content-type': 'application/json' };
    if (req.url === '/hello') {
      res.writeHead(200, headers);
      res.end(JSON.stringify({ greeting: 'hello' }));
    } else if (req.url === '/broken') {
      res.writeHead(500, headers);
      res.end('{}');
    } else {
      res.writeHead(404, headers);
      res.end('{}');
    }
  });
  browser = await launchBrowser();
  // The app's API runs on this machine: the proxy reaches loopback only when told (mpk dev --allow-loopback).
  sim = await openProject(browser, files(api.url), { network: { allowLoopback: true } });
  page = sim.page;
  await page.locator('#status').waitFor();
});

afterAll(async () => {
  await sim?.close();
  await browser?.close();
  await api?.close();
});

describe('simulator: host features', () => {
  it('my.request goes through the instrumented network adapter into the Network panel', async () => {
    await tap('fetch');
    await expect.poll(() => text('#status')).toBe('got hello 200');
    await tap('missing');
    await expect.poll(() => text('#status')).toBe('status 404 500');
    await page.locator('.sim-tab[data-panel="network"]').click();
    const rows = page.locator('.network-table tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const cells = async (i: number) => (await rows.nth(i).locator('td').allTextContents()).slice(0, 4);
    expect(await cells(0)).toEqual(['request', 'GET', expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/hello$/), '200']);
    expect(await cells(1)).toEqual(['request', 'GET', expect.stringMatching(/\/missing$/), '404']);
    expect(await cells(2)).toEqual(['request', 'GET', expect.stringMatching(/\/broken$/), '500']);
    // HTTP errors stand out: a server error red, a client error amber, a success plain.
    expect(await rows.nth(0).getAttribute('class')).toBe('clickable');
    expect(await rows.nth(1).getAttribute('class')).toBe('clickable row-warn');
    expect(await rows.nth(2).getAttribute('class')).toBe('clickable row-error');
    expect(await rows.nth(0).locator('td').nth(4).textContent()).toMatch(/^\d+ ms$/);
    // The panel says what the proxy reaches (this server was started with --allow-loopback).
    expect(await page.locator('.network-policy').textContent()).toContain("the app's requests reach public addresses, loopback (--allow-loopback)");
  });

  it('the network switch: offline fails my.request with 12 and fires onNetworkStatusChange; slow 3G adds latency', async () => {
    await page.locator('.sim-network').selectOption('offline');
    await expect.poll(() => text('#net')).toBe('false NOTREACHABLE');
    await tap('fetch');
    await expect.poll(() => text('#status')).toBe('failed 12');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'network-offline.png') });
    await page.locator('.sim-network').selectOption('3g');
    await expect.poll(() => text('#net')).toBe('true 3G');
    const started = Date.now();
    await tap('fetch');
    // Slow 3G is Chromium's preset: 2 s of latency (devices.test.ts measures it).
    await expect.poll(() => text('#status'), { timeout: 10_000 }).toBe('got hello 200');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    await page.locator('.sim-network').selectOption('wifi');
    await expect.poll(() => text('#net')).toBe('true WIFI');
  });

  it('prompt and action sheet wait for the user’s answer', async () => {
    await tap('ask');
    const dialog = page.locator('.ui-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Who are you');
    await dialog.locator('input').fill('Ada');
    await dialog.locator('.ui-confirm').click();
    await expect.poll(() => text('#status')).toBe('hi Ada');

    await tap('sheet');
    await page.locator('.ui-sheet').waitFor();
    expect(await page.locator('.ui-sheet-title').textContent()).toBe('Pick one');
    await page.locator('.ui-sheet-item', { hasText: 'Coffee' }).click();
    await expect.poll(() => text('#status')).toBe('picked 1');
  });

  it('loading shows over the phone; my.setNavigationBar sets the title and colours', async () => {
    await tap('load');
    await page.locator('.ui-loading').waitFor();
    expect(await page.locator('.ui-loading').textContent()).toContain('Working');
    await page.locator('.ui-loading').waitFor({ state: 'detached' });
    await expect.poll(() => text('.nav-title-text')).toBe('Done');
    expect(await page.locator('.phone-head').evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  });

  it('an uncaught error reaches the Console source-mapped; the tab, the toolbar and the phone count it, and the phone badge opens the Console', async () => {
    await tap('boom');
    await expect.poll(() => page.locator('.sim-tab[data-panel="console"] .badge').textContent().catch(() => '')).toBe('1');
    expect(await page.locator('.sim-errors').textContent()).toBe('✕ 1 error');
    expect(await page.locator('.phone .phone-error-badge').isVisible()).toBe(true);
    expect(await page.locator('.phone .phone-error-badge').textContent()).toBe('1');
    await page.locator('.phone .phone-error-badge').click();
    expect(await page.locator('.sim-tab[data-panel="console"]').getAttribute('class')).toContain('active');
    const line = page.locator('.console-list .log-line.error').first();
    await line.waitFor();
    expect(await line.textContent()).toContain('kaboom');
    expect(await line.locator('.log-stack').textContent()).toMatch(/pages\/index\/index\.js:\d+:\d+/);
    expect(await page.locator('.sim-tab[data-panel="console"] .badge').count()).toBe(0);
    expect(await page.locator('.sim-errors').isVisible()).toBe(false);
    expect(await page.locator('.phone .phone-error-badge').isVisible()).toBe(false);
  });

  it('a setData over 256 KB is flagged in the Bridge panel and warned about in the Console', async () => {
    await page.locator('.sim-tab[data-panel="bridge"]').click();
    await tap('big');
    const flagged = page.locator('.bridge-table tr.row-warn[data-type="patch"]');
    await flagged.waitFor();
    expect(await flagged.locator('.bridge-size').textContent()).toMatch(/300\.\d KB over 256 KB/);
    await page.locator('.sim-tab[data-panel="console"]').click();
    await expect.poll(() => text('.console-list')).toMatch(/256 KB/);
  });

  it('scrolling the page raises onPageScroll and onReachBottom', async () => {
    await tap('openLong');
    await page.locator('#reached').waitFor();
    expect(await text('.nav-title-text')).toBe('Long');
    await page.locator('[data-mpk-page="pages/long/long"]').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => text('#reached')).toBe('1');
    await expect.poll(() => text('#scrolled')).toBe('yes');
    expect(sim.uncaught()).toEqual([]);
  });
});

describe('simulator: a project that does not build yet', () => {
  it('shows the errors and waits; the first good build starts the app', async () => {
    const copy = copyExample('todo');
    copy.edit('pages/index/index.axml', (axml) => axml.replace('{{fmt.remaining(todos)}}', '{{fmt.remaining(todos}}'));
    const broken = await startDevServer({ project: copy.dir });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const tab = await ctx.newPage();
      await tab.goto(broken.url);
      await tab.locator('.sim-overlay .diag').waitFor();
      expect(await tab.locator('.sim-overlay .diag-head').textContent()).toContain('pages/index/index.axml');
      expect(await tab.locator('.phone-message').textContent()).toContain('Waiting for a build without errors');
      copy.edit('pages/index/index.axml', (axml) => axml.replace('{{fmt.remaining(todos}}', '{{fmt.remaining(todos)}}'));
      await tab.locator('.chip').first().waitFor({ timeout: 30_000 });
      expect(await tab.locator('.sim-overlay').isVisible()).toBe(false);
      expect(await tab.locator('.phone-message').isVisible()).toBe(false);
      expect(await tab.evaluate(() => window.mpkSimulator!.reloads.map((r) => r.kind))).toEqual(['start']);
    } finally {
      await ctx.close();
      await broken.close();
      copy.remove();
    }
  });
});
