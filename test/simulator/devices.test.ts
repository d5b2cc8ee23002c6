/**
 * Devices and network conditions in the simulator (issue 13): each device preset's status bar and
 * safe area reach `my.getSystemInfoSync()` and the drawn phone (status bar, home indicator), turned
 * ones too; the network presets slow the app's requests by latency and by size (Slow 3G, Chromium's
 * figures) and `my.getNetworkType` / `onNetworkStatusChange` report the matching type.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, openProject, startLoopbackServer, type LoopbackServer, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;
let page: Page;
let api: LoopbackServer;

const BIG = 50 * 1024;

function files(apiUrl: string): Record<string, string> {
  return {
    'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { defaultTitle: 'Devices' } }),
    'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
    'app.js': 'App({});\n',
    'pages/index/index.axml': ['<view id="sys">{{sys}}</view>', '<view id="net">{{net}}</view>', '<view id="status">{{status}}</view>', '<button id="small" onTap="small">small</button>', '<button id="big" onTap="big">big</button>', '<button id="type" onTap="type">type</button>'].join('\n'),
    'pages/index/index.js': `const API = ${JSON.stringify(apiUrl)};
Page({
  data: { status: 'idle', net: '' },
  onLoad() {
    const { statusBarHeight, safeArea, screenWidth, screenHeight, windowHeight, isIphoneXSeries } = my.getSystemInfoSync();
    this.setData({ sys: JSON.stringify({ statusBarHeight, safeArea, screenWidth, screenHeight, windowHeight, isIphoneXSeries }) });
    my.onNetworkStatusChange((res) => this.setData({ net: 'change ' + res.isConnected + ' ' + res.networkType }));
  },
  async timed(path) {
    const started = Date.now();
    const res = await my.request({ url: API + path, dataType: 'text' });
    this.setData({ status: res.data.length + ' bytes in ' + (Date.now() - started) + ' ms' });
  },
  small() { return this.timed('/small'); },
  big() { return this.timed('/big'); },
  type() {
    my.getNetworkType({ success: (res) => this.setData({ net: 'type ' + res.networkType }) });
  },
});
`,
  };
}

const text = async (selector: string) => (await page.locator(selector).first().textContent({ timeout: 10_000 })) ?? '';

/** What the app read from my.getSystemInfoSync() on its last start. */
async function systemInfo(): Promise<{ statusBarHeight: number; safeArea: Record<string, number>; screenWidth: number; screenHeight: number; windowHeight: number; isIphoneXSeries: boolean }> {
  return JSON.parse(await text('#sys'));
}

/** Sizes of the drawn phone parts, in phone pixels (zoom is 100%). */
async function drawn(): Promise<{ status: number; head: number; screen: number; homeIndicator: number | null; phoneBottom: number; indicatorBottom: number | null }> {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const el = document.querySelector<HTMLElement>(selector);
      return el && !el.hidden ? el.getBoundingClientRect() : null;
    };
    const phone = box('.phone')!;
    const indicator = box('.phone-home-indicator');
    return {
      status: box('.phone-status')?.height ?? 0,
      head: box('.phone-head')!.height,
      screen: box('.phone-screen-wrap')!.height,
      homeIndicator: indicator?.height ?? null,
      // Inside the 10 px frame.
      phoneBottom: phone.bottom - 10,
      indicatorBottom: indicator?.bottom ?? null,
    };
  });
}

async function chooseDevice(label: string): Promise<void> {
  const before = await page.evaluate(() => window.mpkSimulator!.reloads.length);
  await page.locator('.sim-device').selectOption({ label });
  await page.waitForFunction((n) => window.mpkSimulator!.reloads.length > n, before, { timeout: 30_000 });
  await page.locator('#sys').waitFor();
}

beforeAll(async () => {
  api = await startLoopbackServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(req.url === '/big' ? 'x'.repeat(BIG) : 'ok');
  });
  browser = await launchBrowser();
  // Tall enough for the tallest preset at 100% (932 + frame).
  sim = await openProject(browser, files(api.url), { viewport: { width: 1400, height: 1100 }, network: { allowLoopback: true } });
  page = sim.page;
  await page.locator('.sim-zoom').selectOption('1');
  await page.locator('#sys').waitFor();
});

afterAll(async () => {
  await sim?.close();
  await browser?.close();
  await api?.close();
});

describe('device presets', () => {
  it('iPhone 12: a 47 px status bar and a 34 px home indicator, in getSystemInfoSync and on the phone', async () => {
    await chooseDevice('iPhone 12 (390)');
    const info = await systemInfo();
    expect(info).toEqual({
      statusBarHeight: 47,
      safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
      screenWidth: 390,
      screenHeight: 844,
      windowHeight: 844 - 47 - 44,
      isIphoneXSeries: true,
    });
    const phone = await drawn();
    expect(phone.status).toBe(info.statusBarHeight);
    expect(phone.head).toBe(info.screenHeight - info.windowHeight);
    expect(phone.screen).toBe(info.windowHeight);
    expect(phone.homeIndicator).toBe(info.screenHeight - info.safeArea.bottom!);
    expect(phone.indicatorBottom).toBe(phone.phoneBottom);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'device-iphone12.png') });
  });

  it('iPhone 12 turned: no status bar, the notch and the home indicator inset the sides and bottom', async () => {
    const before = await page.evaluate(() => window.mpkSimulator!.reloads.length);
    await page.locator('.sim-rotate').click();
    await page.waitForFunction((n) => window.mpkSimulator!.reloads.length > n, before, { timeout: 30_000 });
    await expect.poll(async () => (await systemInfo()).screenWidth).toBe(844);
    const info = await systemInfo();
    expect(info.statusBarHeight).toBe(0);
    expect(info.safeArea).toEqual({ left: 47, right: 797, top: 0, bottom: 369, width: 750, height: 369 });
    expect(info.windowHeight).toBe(390 - 44);
    const phone = await drawn();
    expect(phone.status).toBe(0);
    expect(phone.homeIndicator).toBe(21);
    await page.locator('.sim-rotate').click();
    await expect.poll(async () => (await systemInfo()).screenWidth).toBe(390);
  });

  it('Pixel 5: a 28 dp status bar and no home indicator', async () => {
    await chooseDevice('Pixel 5 (393)');
    const info = await systemInfo();
    expect(info).toEqual({
      statusBarHeight: 28,
      safeArea: { left: 0, right: 393, top: 28, bottom: 851, width: 393, height: 823 },
      screenWidth: 393,
      screenHeight: 851,
      windowHeight: 851 - 28 - 44,
      isIphoneXSeries: false,
    });
    const phone = await drawn();
    expect(phone.status).toBe(28);
    expect(phone.screen).toBe(info.windowHeight);
    expect(phone.homeIndicator).toBeNull();
    await page.screenshot({ path: path.join(ARTIFACTS, 'device-pixel5.png') });
  });

  it('iPhone 8: the classic 20 px status bar, no insets below', async () => {
    await chooseDevice('iPhone 8 (375)');
    const info = await systemInfo();
    expect(info.statusBarHeight).toBe(20);
    expect(info.safeArea).toEqual({ left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 });
    expect((await drawn()).status).toBe(20);
  });
});

describe('network throttling', () => {
  it('Slow 3G: the type is 3G, onNetworkStatusChange fires, a request waits 2 s and a large body comes down at 50 kB/s', async () => {
    const elapsed = async (button: string): Promise<number> => {
      const before = await text('#status');
      await page.locator(`#${button}`).click();
      await expect.poll(() => text('#status'), { timeout: 15_000 }).not.toBe(before);
      const match = /^(\d+) bytes in (\d+) ms$/.exec(await text('#status'));
      expect(match, await text('#status')).not.toBeNull();
      return Number(match![2]);
    };
    const wifiBig = await elapsed('big');
    expect(await text('#status')).toMatch(new RegExp(`^${BIG} bytes`));
    expect(wifiBig).toBeLessThan(1500);

    await page.locator('.sim-network').selectOption('3g');
    await expect.poll(() => text('#net')).toBe('change true 3G');
    await page.locator('#type').click();
    await expect.poll(() => text('#net')).toBe('type 3G');

    const slowSmall = await elapsed('small');
    expect(slowSmall).toBeGreaterThanOrEqual(2000);
    const slowBig = await elapsed('big');
    // 2 s of latency, then 51200 bytes at 400 kbit/s (50 kB/s): about a second more than the small one.
    expect(slowBig).toBeGreaterThanOrEqual(2000 + 900);
    expect(slowBig - slowSmall).toBeGreaterThanOrEqual(800);
    await page.locator('.sim-tab[data-panel="network"]').click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'throttle-slow3g.png') });
    console.log(`devices.test: 50 kB over Wi-Fi ${wifiBig} ms; Slow 3G: 2-byte ${slowSmall} ms, 50 kB ${slowBig} ms`);

    await page.locator('.sim-network').selectOption('2g');
    await expect.poll(() => text('#net')).toBe('change true 2G');
    await page.locator('.sim-network').selectOption('wifi');
    await expect.poll(() => text('#net')).toBe('change true WIFI');
    expect(sim.uncaught()).toEqual([]);
  });
});
