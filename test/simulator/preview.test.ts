/**
 * `mpk dev --host` (issue 13): the real CLI prints the preview URL and its QR code; the URL opens
 * the mini-program full-screen (no toolbar, no panels, the phone filling the viewport as the
 * device), and a save still hot-reloads it. Bound to 127.0.0.1 here: the test needs no LAN.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyExample, type ProjectCopy } from '../../packages/devtools/test/simulator/support.ts';
import { ARTIFACTS, launchBrowser } from './support.ts';

const MPK = fileURLToPath(new URL('../../packages/devtools/bin/mpk.js', import.meta.url));

let browser: Browser;
let child: ChildProcess;
let project: ProjectCopy;
let stdout = '';

beforeAll(async () => {
  project = copyExample('todo');
  const env = { ...process.env };
  delete env.INIT_CWD;
  child = spawn(process.execPath, [MPK, 'dev', project.dir, '--host', '127.0.0.1', '--port', '0', '--open', 'false'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no preview URL in 60 s:\n${stdout}`)), 60_000);
    child.stdout!.on('data', (d) => {
      stdout += d;
      // The QR code is the last thing printed.
      if (/preview=1[\s\S]*\n.*[▀▄█][\s\S]*\n\s*$/.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  await new Promise((resolve) => child?.once('exit', resolve));
  project?.remove();
});

it('prints the preview URL and a QR code of it', () => {
  const url = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/\?preview=1)$/m.exec(stdout)?.[1];
  expect(url, stdout).toBeDefined();
  // Block characters, many rows: a QR code, not a line of text.
  const qrRows = stdout.split('\n').filter((line) => /[▀▄█]{5}/.test(line));
  expect(qrRows.length).toBeGreaterThan(10);
});

it('the preview URL shows the app full-screen, and a save hot-reloads it', async () => {
  const url = /^ {2}(http:\S+preview=1)$/m.exec(stdout)![1]!;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 30_000 });
  await page.locator('.filter').first().waitFor();
  expect(await page.locator('.sim-toolbar').isVisible()).toBe(false);
  expect(await page.locator('.sim-panels').isVisible()).toBe(false);
  const box = (await page.locator('.phone').boundingBox())!;
  expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, 390, 844]);
  // The viewport is the device my.getSystemInfo reports.
  expect(await page.evaluate(() => window.mpkSimulator!.session.currentDevice)).toMatchObject({ width: 390, height: 844, pixelRatio: 2 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'preview-fullscreen.png') });

  const before = await page.evaluate(() => window.mpkSimulator!.appliedBuild);
  project.edit('pages/index/index.acss', (css) => `${css}\n.filter { color: rgb(255, 0, 0) !important; }\n`);
  await page.waitForFunction((n) => window.mpkSimulator!.appliedBuild > n, before, { timeout: 30_000 });
  await expect.poll(() => page.locator('.filter').last().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 0, 0)');
  // The phone turned: the app restarts on the new viewport.
  await page.setViewportSize({ width: 844, height: 390 });
  await expect.poll(() => page.evaluate(() => window.mpkSimulator!.session.currentDevice.width), { timeout: 15_000 }).toBe(844);
  expect(await page.evaluate(() => window.mpkSimulator!.session.currentDevice.height)).toBe(390);
  await page.locator('.filter').first().waitFor();
  expect(errors).toEqual([]);
  await context.close();
});
