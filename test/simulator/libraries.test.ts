/**
 * Every page of the component-library test projects (test/libraries: antd-mini, mini-ali-ui,
 * mini-antui, installed from npm) opened in the browser simulator and saved as a screenshot of the
 * phone: test/artifacts/libraries/<library>/<page>.png (kept by CI), to look at the libraries'
 * components as the DOM renderer draws them. The dev server builds into a temporary directory.
 * Asserted: each page shows with something on it, the built-ins the libraries style carry the
 * platform's system classes, and the simulator page raised no error.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer } from '@mpk/devtools/simulator';
import { ARTIFACTS, launchBrowser } from './support.ts';

const LIBRARIES = fileURLToPath(new URL('../libraries/', import.meta.url));
/** A library project runs once its packages are installed (`npx -y pnpm@10 install`). */
const installed = (name: string) => existsSync(path.join(LIBRARIES, name, 'node_modules', name));
const libraries = ['antd-mini', 'mini-ali-ui', 'mini-antui'].filter(installed);

let browser: Browser;
beforeAll(async () => {
  if (libraries.length > 0) browser = await launchBrowser();
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

/** The built-ins on the page that lack their system class (`radio` without `a-radio`…). */
function missingSystemClasses(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('.phone-screen')!.shadowRoot!;
    const shown = [...root.querySelectorAll<HTMLElement>('.mpk-page')].find((p) => !p.hidden);
    const expected: Record<string, string> = { radio: 'a-radio', checkbox: 'a-checkbox', switch: 'a-switch', 'a-input': 'a-input', 'a-textarea': 'a-textarea', 'a-button': 'a-button', image: 'a-image', icon: 'a-icon' };
    return Object.entries(expected).flatMap(([tag, cls]) =>
      [...(shown?.querySelectorAll(tag) ?? [])].filter((el) => !el.classList.contains(cls)).map(() => `${tag} without .${cls}`),
    );
  });
}

describe.skipIf(libraries.length === 0)('simulator: the component-library projects', () => {
  for (const library of libraries) {
    it(`shows every page of ${library}`, async () => {
      const server = await startDevServer({ project: path.join(LIBRARIES, library) });
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(server.url);
        await page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 60_000 });
        const manifest = await page.evaluate(() => window.mpkSimulator!.session.container!.manifest.app);
        const routes = [...manifest.pages, ...manifest.subPackages.flatMap((s) => s.pages)];
        const dir = path.join(ARTIFACTS, 'libraries', library);
        mkdirSync(dir, { recursive: true });
        const blank: string[] = [];
        const unclassed: string[] = [];
        for (const route of routes) {
          const shown = await openPage(page, route);
          await page.waitForTimeout(300); // images and fonts
          const phone = page.locator('.phone').first();
          await phone.screenshot({ path: path.join(dir, `${route.replace(/\//g, '_')}.png`) });
          const text = await phone.innerText().catch(() => '');
          if (shown === undefined || text.trim() === '') blank.push(route);
          unclassed.push(...(await missingSystemClasses(page)).map((m) => `${route}: ${m}`));
        }
        expect(blank).toEqual([]);
        expect(unclassed).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close().catch(() => undefined);
        await server.close();
      }
    }, 600_000);
  }
});
