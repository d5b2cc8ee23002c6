/**
 * Adding and editing compile modes in the simulator (issue 13): the form writes the mode into
 * mini.project.json (the rest of the file as it was), the new mode is chosen and opens its page
 * with its query; the Pages panel lists and launches modes; bad input is refused by the server
 * with a code shown next to its field.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openSimulator, stackOf, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;
let original: string;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'todo');
  original = sim.project.read('mini.project.json');
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

it('a mode added in the form lands in mini.project.json and opens its page with its query', async () => {
  const { page } = sim;
  await page.locator('.sim-mode-add').click();
  const form = page.locator('.mode-form');
  await form.locator('input[name=name]').fill('stats from a QR code');
  await form.locator('input[name=page]').fill('pages/stats/stats');
  await form.locator('input[name=query]').fill('from=qr&id=7');
  await form.locator('input[name=scene]').fill('1011');
  await form.locator('input[name=referrerAppId]').fill('2021000000000001');
  await form.locator('textarea[name=referrerExtraData]').fill('{"coupon": "A1"}');
  await sim.screenshot('compile-mode-edit');
  await form.locator('.mode-save').click();
  await form.waitFor({ state: 'detached' });
  await expect.poll(() => stackOf(page), { timeout: 15_000 }).toEqual(['pages/stats/stats?from=qr&id=7']);

  const written = JSON.parse(sim.project.read('mini.project.json'));
  expect(written.condition.miniprogram.list).toEqual([
    { name: 'stats from a QR code', pathName: 'pages/stats/stats', query: 'from=qr&id=7', scene: 1011, referrerInfo: { appId: '2021000000000001', extraData: { coupon: 'A1' } }, launchMode: 'default' },
  ]);
  // Everything else of the file is as it was.
  const { condition: _added, ...rest } = written;
  expect(rest).toEqual(JSON.parse(original));
  expect(await page.locator('.sim-mode').inputValue()).toBe('stats from a QR code');
  expect(await page.evaluate(() => window.mpkSimulator!.session.launchRequest)).toEqual({
    path: 'pages/stats/stats?from=qr&id=7',
    query: {},
    scene: 1011,
    referrerInfo: { appId: '2021000000000001', extraData: { coupon: 'A1' } },
  });
});

it('editing keeps the entry’s place; a refused field shows the server’s code and nothing is written', async () => {
  const { page } = sim;
  await page.locator('.sim-mode-edit').click();
  const form = page.locator('.mode-form');
  expect(await form.locator('input[name=query]').inputValue()).toBe('from=qr&id=7');
  await form.locator('input[name=page]').fill('pages/nowhere/nowhere');
  await form.locator('.mode-save').click();
  await expect.poll(() => form.locator('.mode-field-error:not([hidden])').textContent()).toContain('MODE_PAGE');
  const before = sim.project.read('mini.project.json');
  await form.locator('input[name=page]').fill('pages/index/index');
  await form.locator('input[name=query]').fill('tab=done');
  await form.locator('input[name=scene]').fill('');
  await form.locator('.mode-save').click();
  await form.waitFor({ state: 'detached' });
  await expect.poll(() => stackOf(page), { timeout: 15_000 }).toEqual(['pages/index/index?tab=done']);
  const list = JSON.parse(sim.project.read('mini.project.json')).condition.miniprogram.list;
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ name: 'stats from a QR code', pathName: 'pages/index/index', query: 'tab=done', scene: null, launchMode: 'default' });
  expect(before).not.toBe(sim.project.read('mini.project.json'));
});

it('the Pages panel lists the modes and launches one; Normal goes back to the entry page', async () => {
  const { page } = sim;
  await page.locator('.sim-mode').selectOption('');
  await expect.poll(() => stackOf(page), { timeout: 15_000 }).toEqual(['pages/index/index']);
  await page.locator('.sim-tab[data-panel="pages"]').click();
  const row = page.locator('.modes-table tr[data-mode="stats from a QR code"]');
  expect(await row.locator('td').nth(1).textContent()).toBe('pages/index/index?tab=done');
  await page.locator('.pages-mode-add').click();
  const form = page.locator('.mode-form');
  await form.locator('input[name=name]').fill('stats');
  await form.locator('input[name=page]').fill('pages/stats/stats');
  await form.locator('.mode-save').click();
  await form.waitFor({ state: 'detached' });
  await expect.poll(() => stackOf(page), { timeout: 15_000 }).toEqual(['pages/stats/stats']);
  await row.locator('.mode-launch').click();
  await expect.poll(() => stackOf(page), { timeout: 15_000 }).toEqual(['pages/index/index?tab=done']);
  expect(await page.locator('.pages-mode').inputValue()).toBe('stats from a QR code');
  expect(JSON.parse(sim.project.read('mini.project.json')).condition.miniprogram.list.map((m: { name: string }) => m.name)).toEqual(['stats from a QR code', 'stats']);
  // The refused save above is a 400 the browser logs; nothing else went wrong.
  expect(sim.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
});

it('the server refuses writes without the page’s token and input it cannot use', async () => {
  const url = new URL('/__mpk/modes', sim.server.url).href;
  const post = (body: unknown, token?: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { 'x-mpk-token': token } : {}) }, body: JSON.stringify(body) });
  expect((await post({ mode: { name: 'x', page: 'pages/index/index' } })).status).toBe(403);
  const token = await sim.page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[name="mpk-proxy-token"]')!.content);
  const refused = async (mode: unknown) => ((await (await post({ mode }, token)).json()) as { error: { code: string } }).error.code;
  expect(await refused({ name: '', page: 'pages/index/index' })).toBe('MODE_NAME');
  expect(await refused({ name: 'stats', page: 'pages/index/index' })).toBe('MODE_DUPLICATE');
  expect(await refused({ name: 'x', page: '../../etc/passwd' })).toBe('MODE_PAGE');
  expect(await refused({ name: 'x', page: 'pages/index/index', scene: 'soon' })).toBe('MODE_SCENE');
  expect(await refused({ name: 'x', page: 'pages/index/index', referrerInfo: { appId: 'a b' } })).toBe('MODE_REFERRER');
  expect(JSON.parse(sim.project.read('mini.project.json')).condition.miniprogram.list).toHaveLength(2);
});
