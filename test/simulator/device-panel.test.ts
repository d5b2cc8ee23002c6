/**
 * The simulator's Device panel (real Chromium) drives the simulated hardware the app sees: the compass
 * slider reaches my.onCompassChange, Shake answers my.watchShake, a queued code is what my.scan reads
 * (after the camera permission sheet), and the demo BLE peripheral found by discovery notifies a heart
 * rate the page shows. Screenshot: test/artifacts/device-panel.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openProject, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;
let page: Page;

const files: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { defaultTitle: 'Device' } }),
  'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
  'app.js': 'App({});\n',
  'pages/index/index.axml': `
<view id="status">{{status}}</view>
<button id="compass" onTap="compass">compass</button>
<button id="shake" onTap="shake">shake</button>
<button id="scan" onTap="scan">scan</button>
<button id="ble" onTap="ble">ble</button>`,
  'pages/index/index.js': `Page({
  data: { status: 'idle' },
  compass() { my.onCompassChange((res) => this.setData({ status: 'direction ' + res.direction })); this.setData({ status: 'listening' }); },
  shake() { my.watchShake({ success: () => this.setData({ status: 'shaken' }) }); },
  scan() { my.scan({ success: (res) => this.setData({ status: 'scanned ' + res.code }), fail: (e) => this.setData({ status: 'scan fail ' + e.error }) }); },
  async ble() {
    await my.openBluetoothAdapter();
    my.onBluetoothDeviceFound(async (res) => {
      const device = res.devices[0];
      await my.connectBLEDevice({ deviceId: device.deviceId });
      await my.notifyBLECharacteristicValueChange({ deviceId: device.deviceId, serviceId: '180D', characteristicId: '2A37', state: true });
      this.setData({ status: 'connected ' + device.name });
    });
    my.onBLECharacteristicValueChange((res) => this.setData({ status: 'heart ' + parseInt(res.value.slice(2), 16) }));
    await my.startBluetoothDevicesDiscovery({ services: ['180D'] });
  },
});
`,
};

const status = () => sim.text('#status');
const waitStatus = (text: string) => page.waitForFunction((t) => {
  const container = window.mpkSimulator!.session.container!;
  return container.instanceData(container.currentPage()!.id)?.status === t;
}, text, { timeout: 10_000 });

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openProject(browser, files);
  page = sim.page;
  await page.locator('#status').waitFor();
  await page.locator('.sim-tab[data-panel="device"]').click();
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

it('the compass slider reaches the listener; Shake answers watchShake', async () => {
  await page.locator('#compass').click();
  await waitStatus('listening');
  await page.locator('.device-compass').fill('135');
  await waitStatus('direction 135');
  await page.locator('#shake').click();
  await page.locator('.device-shake').click();
  await waitStatus('shaken');
  expect(await status()).toBe('shaken');
}, 60_000);

it('my.scan reads the queued code after the camera permission; with none queued the user closed it (10)', async () => {
  await page.locator('.device-scan-code').fill('https://example.com/coupon/42');
  await page.locator('.device-scan-queue').click();
  await page.locator('#scan').click();
  await page.locator('.ui-confirm').click();
  await waitStatus('scanned https://example.com/coupon/42');
  await page.locator('#scan').click();
  await waitStatus('scan fail 10');
}, 60_000);

it('the demo BLE peripheral is discovered, connected and notifies the heart rate typed in the panel', async () => {
  await page.locator('#ble').click();
  await page.locator('.ui-confirm').click(); // the bluetooth permission sheet (remembered for connectBLEDevice)
  await waitStatus('connected mpk Heart Rate');
  await page.locator('.device-ble-rate').fill('88');
  await page.locator('.device-ble-notify').click();
  await waitStatus('heart 88');
  await sim.screenshot('device-panel');
  expect(sim.errors).toEqual([]);
}, 60_000);
