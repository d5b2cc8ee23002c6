/**
 * Every page of every app in the real-app corpus (../shared/corpus), opened in the browser
 * simulator and saved as a screenshot of the phone: test/artifacts/corpus/<app>/<page>.png (kept
 * by CI). The dev server builds into a temporary directory, so the apps stay untouched. The test
 * asserts what can be asserted without a reference image: the page shows, with something on it,
 * and the simulator page itself raised no error.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer } from '@mpk/devtools/simulator';
import { CORPUS_DIR, corpusApps } from '../corpus/support.ts';
import { ARTIFACTS, launchBrowser } from './support.ts';

const apps = corpusApps();
let browser: Browser;

beforeAll(async () => {
  if (apps.length > 0) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openPage(page: Page, route: string): Promise<string | undefined> {
  return page.evaluate(async (url) => {
    const container = window.mpkSimulator!.session.container!;
    await Promise.race([container.navigate('reLaunch', { url }).catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    await Promise.race([container.waitForIdle().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    return container.currentPage()?.route;
  }, `/${route}`);
}

describe.skipIf(apps.length === 0)('simulator: the real-app corpus', () => {
  for (const app of apps) {
    it(`shows every page of ${app}`, async () => {
      const server = await startDevServer({ project: path.join(CORPUS_DIR, app) });
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(server.url);
        await page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 60_000 });
        const manifest = await page.evaluate(() => window.mpkSimulator!.session.container!.manifest.app);
        const routes = [...manifest.pages, ...manifest.subPackages.flatMap((s) => s.pages)];
        const dir = path.join(ARTIFACTS, 'corpus', app);
        mkdirSync(dir, { recursive: true });
        const blank: string[] = [];
        for (const route of routes) {
          const shown = await openPage(page, route);
          await page.waitForTimeout(300); // images and fonts
          const phone = page.locator('.phone').first();
          await phone.screenshot({ path: path.join(dir, `${route.replace(/\//g, '_')}.png`) });
          const text = await phone.innerText().catch(() => '');
          if (shown === undefined || text.trim() === '') blank.push(route);
        }
        expect(blank).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close().catch(() => undefined);
        await server.close();
      }
    }, 600_000);
  }
});
