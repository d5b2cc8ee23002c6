/**
 * The simulator on examples/shop, as a developer uses it: the first page in the phone, taps that
 * update it, a toast, the tab bar, a confirm dialog, the subpackage and the back button, pull-down
 * refresh, the device selector, and the AppData, Console, Bridge, Storage and Pages panels.
 * The steps run in order on one simulator page, like one session at the desk.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, stackOf, startLoopbackServer, topData, type Simulator } from './support.ts';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>';

let browser: Browser;
let sim: Simulator;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'shop');
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

const panel = (id: string) => sim.page.locator(`.sim-tab[data-panel="${id}"]`).click();
const tab = (name: string) => sim.page.getByRole('tab', { name, exact: true });

describe('simulator: shop', () => {
  it('shows the first page in the phone with its navigation bar and tab bar', async () => {
    const { page } = sim;
    await page.locator('#card-1').waitFor();
    expect(await sim.text('.nav-title-text')).toBe('Mini Shop');
    expect(await sim.text('#cart-count')).toBe('0');
    expect(await page.locator('.product-card, [id^="card-"]').count()).toBe(4);
    expect(await page.locator('.nav-back').isVisible()).toBe(false);
    expect(await page.locator('.tab-item').allTextContents()).toEqual(['Home', 'Cart', 'Me']);
    expect(await page.locator('.tab-item.selected').textContent()).toBe('Home');
    expect(await page.locator('.tab-item.selected').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 106, 0)');
    // The nav bar takes the app's titleBarColor; rpx follows the 375 px screen (750rpx = 375px).
    expect(await page.locator('.phone-head').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 106, 0)');
    expect(await page.locator('#banner').evaluate((el) => getComputedStyle(el).paddingLeft)).toBe('12px');
    expect(await sim.text('.sim-status')).toBe('pages/home/home');
    // Cross-origin isolated: the logic worker answers synchronous JSAPI calls (getStorageSync in onLaunch).
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // …and still loads images from other origins that send no CORP header, as CDNs commonly do.
    const cdn = await startLoopbackServer((_req, res) => res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG));
    try {
      // localhost, not the server's 127.0.0.1: another origin than the simulator page's.
      const src = `${cdn.url.replace('127.0.0.1', 'localhost')}/pic.svg`;
      const loaded = await page.evaluate(
        (url) => new Promise<boolean>((resolve) => Object.assign(new Image(), { onload: () => resolve(true), onerror: () => resolve(false), src: url })),
        src,
      );
      expect(loaded).toBe(true);
    } finally {
      await cdn.close();
    }
    await sim.screenshot('simulator-shop');
    expect(sim.errors).toEqual([]);
  });

  it('taps update the page, and a toast shows over the phone', async () => {
    const { page } = sim;
    await page.locator('#add-1').click();
    await expect.poll(() => sim.text('#cart-count')).toBe('1');
    const toast = page.locator('.ui-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Green tea added');
    expect(await page.locator('.recent').allTextContents()).toEqual(['Green tea']);
  });

  it('AppData shows the page and its components and edits go into the page', async () => {
    const { page } = sim;
    await panel('appdata');
    await expect.poll(() => page.locator('.appdata-editor').inputValue()).toContain('"cartCount": 1');
    const tree = await page.locator('.appdata-tree .tree-item').allTextContents();
    expect(tree[0]).toMatch(/^Page pages\/home\/home/);
    expect(tree.filter((t) => t.startsWith('<product-card>'))).toHaveLength(4);
    expect(tree.filter((t) => t.startsWith('<tag>'))).toHaveLength(3);
    const edited = (await page.locator('.appdata-editor').inputValue()).replace('"user": ""', '"user": "Ada"');
    await page.locator('.appdata-editor').fill(edited);
    await page.locator('.appdata-apply').click();
    await expect.poll(() => sim.text('#banner')).toContain('Welcome, Ada!');
    expect((await topData(page)).user).toBe('Ada');
    expect(await sim.text('.data-status')).toContain('user');

    // A component's data and props.
    await page.locator('.appdata-tree .tree-item', { hasText: '<product-card>' }).first().click();
    expect(await sim.text('.appdata-heading')).toContain('components/product-card/product-card');
    expect(await sim.text('.data-editor .props')).toContain('"name": "Green tea"');
    // The last page's "Sent setData …" is not carried over to the component.
    expect(await sim.text('.data-status')).toBe('Edit the JSON and apply: the changed keys go through the instance’s setData.');
  });

  it('Console shows the app’s logs; Clear empties it', async () => {
    const { page } = sim;
    await panel('console');
    // The logger mixin of product-card logs when each card mounts.
    await expect.poll(() => page.locator('.console-list .log-line[data-source="app"]').count()).toBeGreaterThanOrEqual(4);
    expect(await sim.text('.console-list .log-line[data-source="app"]')).toContain('mounted');
    await page.locator('.console-clear').click();
    expect(await page.locator('.console-list .log-line').count()).toBe(0);
  });

  it('the tab bar switches pages and highlights the selected item', async () => {
    const { page } = sim;
    await tab('Cart').click();
    await page.locator('#line-1').waitFor();
    expect(await sim.text('.nav-title-text')).toBe('Cart');
    expect(await page.locator('.tab-item.selected').textContent()).toBe('Cart');
    expect(await stackOf(page)).toEqual(['pages/cart/cart']);
    await panel('pages');
    expect(await page.locator('.pages-table tbody tr').allTextContents()).toEqual([expect.stringContaining('pages/cart/cart')]);
  });

  it('a confirm dialog waits for the user: cancel keeps the cart, OK clears it', async () => {
    const { page } = sim;
    await page.locator('#clear').click();
    const dialog = page.locator('.ui-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Remove every item?');
    await dialog.locator('.ui-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('#line-1').count()).toBe(1);

    await page.locator('#clear').click();
    await dialog.locator('.ui-confirm').click();
    await page.locator('#empty').waitFor();
    expect(await page.locator('#line-1').count()).toBe(0);
  });

  it('Storage shows what the app stored and edits it through the same adapter', async () => {
    const { page } = sim;
    await panel('storage');
    const cartRow = page.locator('.storage-table tr[data-key="cart"]');
    await cartRow.waitFor();
    expect(await cartRow.locator('.storage-value').textContent()).toBe('[]');
    await page.locator('.storage-new-key').fill('coupon');
    await page.locator('.storage-new-value').fill('{"code":"TEA10"}');
    await page.locator('.storage-add').click();
    await page.locator('.storage-table tr[data-key="coupon"]').waitFor();
    const stored = await page.evaluate(() => {
      const { session } = window.mpkSimulator!;
      return session.storage.get(session.container!.appId, 'coupon');
    });
    expect(stored).toBe('{"code":"TEA10"}');
    await page.locator('.storage-table tr[data-key="coupon"] .storage-delete').click();
    await page.locator('.storage-table tr[data-key="coupon"]').waitFor({ state: 'detached' });
  });

  it('navigates into the subpackage and back with the navigation bar', async () => {
    const { page } = sim;
    await tab('Home').click();
    await page.locator('#card-2').waitFor();
    await page.locator('#card-2 .name').click();
    await page.locator('#buy').waitFor();
    // The product page sets its title with my.setNavigationBar.
    await expect.poll(() => sim.text('.nav-title-text')).toBe('Oolong');
    expect(await page.locator('.nav-back').isVisible()).toBe(true);
    expect(await page.locator('.phone-tabbar').isVisible()).toBe(false);
    expect(await stackOf(page)).toEqual(['pages/home/home', 'sub/product/product?id=2']);
    expect(await sim.text('.sim-status')).toBe('sub/product/product?id=2');
    await page.locator('#buy').click();
    await expect.poll(() => sim.text('#in-cart')).toBe('1');

    await page.locator('.nav-back').click();
    await page.locator('#banner').waitFor();
    expect(await stackOf(page)).toEqual(['pages/home/home']);
    expect(await sim.text('.nav-title-text')).toBe('Mini Shop');
    expect(await page.locator('.nav-back').isVisible()).toBe(false);
    await expect.poll(() => sim.text('#cart-count')).toBe('1');
  });

  it('pull-down refresh: the gesture and the toolbar control run onPullDownRefresh; my.stopPullDownRefresh ends it', async () => {
    const { page } = sim;
    await panel('bridge');
    await page.locator('.bridge-type').selectOption({ label: 'pageEvent' }).catch(() => undefined);
    const refreshes = () => page.evaluate(() => [...document.querySelectorAll('.bridge-table tr[data-type="pageEvent"]')].filter((tr) => tr.textContent!.includes('onPullDownRefresh')).length);
    const box = (await page.locator('.phone-screen-wrap').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 60, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, box.y + 120, { steps: 4 });
    await page.mouse.up();
    await expect.poll(refreshes).toBe(1);
    await expect.poll(() => page.locator('.phone-pull.active').count()).toBe(0);

    expect(await page.locator('.sim-pull').isEnabled()).toBe(true);
    await page.locator('.sim-pull').click();
    await expect.poll(refreshes).toBe(2);
    await expect.poll(() => page.locator('.phone-pull.active').count()).toBe(0);
  });

  it('Bridge lists every message with its direction, type and size', async () => {
    const { page } = sim;
    await page.locator('.bridge-type').selectOption('patch');
    const rows = page.locator('.bridge-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    const first = rows.first();
    expect(await first.getAttribute('data-direction')).toBe('toHost');
    expect(await first.locator('.bridge-direction').textContent()).toBe('logic → host');
    expect(await first.locator('.bridge-size').textContent()).toMatch(/^\d+(\.\d+)? (B|KB)/);
    await first.click();
    expect(await sim.text('[data-panel="bridge"] .details')).toContain('"t": "patch"');
    await page.locator('.bridge-type').selectOption('');
    expect(await page.locator('.bridge-table tbody tr[data-type="invoke"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.bridge-table tbody tr[data-direction="toLogic"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.bridge-table tbody tr[data-direction="toLogic"] .bridge-direction').first().textContent()).toBe('host → logic');
  });

  it('the device selector changes the screen: rpx and my.getSystemInfo follow', async () => {
    const { page } = sim;
    const restarted = page.evaluate(() => window.mpkSimulator!.reloads.length);
    await page.locator('.sim-device').selectOption({ label: 'iPhone SE (320)' });
    await page.waitForFunction((n) => window.mpkSimulator!.reloads.length > n, await restarted);
    await tab('Me').click();
    await expect.poll(() => sim.text('#device')).toContain('320×');
    // my.getStorageSync / setStorageSync: synchronous calls from the worker, answered over shared memory.
    expect(await sim.text('#visits')).toBe('You opened this tab 1 time.');
    expect(await page.locator('.phone').evaluate((el) => el.getBoundingClientRect().width)).toBe(340);
    await tab('Home').click();
    expect(await page.locator('#banner').evaluate((el) => getComputedStyle(el).paddingLeft)).toBe('10.24px');
    expect(sim.errors).toEqual([]);
  });
});
