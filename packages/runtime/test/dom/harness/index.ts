/** Node side of the DOM renderer tests: a rig with the harness bundle and a page per test. */

import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { DomRendererOptions } from '../../../src/renderers/dom/index.ts';
import type { RenderOp, SelectorQueryRequest } from '../../../src/contract/renderer.ts';
import { existsSync, readFileSync } from 'node:fs';
import { startBrowserRig, type BrowserRig, type RigPage, type StaticFile } from '../../support/browser.ts';
import type { RecordedEvent } from './entry.ts';

export type { RecordedEvent } from './entry.ts';
export { h, Ops } from './ops.ts';

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url));

export const SCREEN = { width: 375, height: 667 };

const HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; font: 16px/1.4 sans-serif; }
  #app { width: ${SCREEN.width}px; height: ${SCREEN.height}px; }
</style></head><body><div id="app"></div><script type="module" src="/dom.js"></script></body></html>`;

/** A 4×4 red PNG, served as a package file at `/pkg/red.png`. */
export const RED_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAEAQMAAACTPww9AAAAA1BMVEX/AAAZ4gk3AAAAC0lEQVQI12NggAAAAAgAAS8g3TEAAAAASUVORK5CYII=', 'base64');

/** A monospace TrueType font of the system (Debian's fonts-dejavu-core), served at `/pkg/mono.ttf` when present. */
export const MONO_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

export function startDomRig(): Promise<BrowserRig> {
  const files: Record<string, StaticFile | string> = { '/index.html': HTML, '/pkg/red.png': { body: RED_PNG, type: 'image/png' } };
  if (existsSync(MONO_FONT)) files['/pkg/mono.ttf'] = { body: readFileSync(MONO_FONT), type: 'font/ttf' };
  return startBrowserRig({ bundles: { dom: ENTRY }, files });
}

/**
 * One rig per test file and one page reused across its tests (`reset()` gives each test a fresh
 * renderer); `fresh({ hasTouch: true })` opens a new page when the browser context must differ.
 */
export function domSuite(): { rig: () => BrowserRig; fresh: (options?: Parameters<typeof openDomPage>[1]) => Promise<DomPage>; stop: () => Promise<void> } {
  let rig: BrowserRig | undefined;
  let current: DomPage | undefined;
  let currentTouch: boolean | undefined;
  return {
    rig: () => rig!,
    async fresh(options = {}) {
      rig ??= await startDomRig();
      const { hasTouch, ...rendererOptions } = options;
      if (current && currentTouch === Boolean(hasTouch)) {
        await current.reset(rendererOptions);
        await current.page.evaluate(() => window.scrollTo(0, 0));
        return current;
      }
      await current?.close();
      current = await openDomPage(rig, options);
      currentTouch = Boolean(hasTouch);
      return current;
    },
    async stop() {
      await rig?.close();
    },
  };
}

export interface DomPage {
  page: Page;
  rigPage: RigPage;
  apply(ops: RenderOp[]): Promise<void>;
  /** Events recorded so far, optionally of some types, without clearing them. */
  events(...types: string[]): Promise<RecordedEvent[]>;
  /** Events recorded so far, cleared. */
  take(): Promise<RecordedEvent[]>;
  /** Errors the renderer reported (ops it could not apply). */
  errors(): Promise<string[]>;
  query(pageId: number, requests: SelectorQueryRequest[]): Promise<unknown[]>;
  /** A new renderer on the same page (the old one disposed, events cleared): cheaper than a new page. */
  reset(options?: HarnessOptions): Promise<void>;
  /** Wait until an event of `type` has been reported (no fixed sleeps). */
  waitForEvent(type: string, count?: number): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/** Renderer options that cross into the page; `assetBase` resolves package URLs under it, `shadow` renders in a shadow root. */
export type HarnessOptions = Omit<DomRendererOptions, 'onError' | 'onPageScroll' | 'resolveAsset'> & { assetBase?: string; shadow?: boolean };

export async function openDomPage(rig: BrowserRig, options: HarnessOptions & { hasTouch?: boolean } = {}): Promise<DomPage> {
  const { hasTouch, ...rendererOptions } = options;
  const rigPage = await rig.openPage({ path: '/index.html', readyFlag: '__mpkReady', hasTouch });
  const { page } = rigPage;
  await page.evaluate((opts) => window.mpk.setup(opts), rendererOptions);
  const events = (types: string[]) =>
    page.evaluate((wanted) => window.mpk.events.filter((e) => wanted.length === 0 || wanted.includes(e.type)), types);
  return {
    page,
    rigPage,
    apply: (ops) => page.evaluate((batch) => window.mpk.apply(batch), ops),
    events: (...types) => events(types),
    take: () => page.evaluate(() => window.mpk.take()),
    errors: () => page.evaluate(() => [...window.mpk.errors]),
    query: (pageId, requests) => page.evaluate(([id, reqs]) => window.mpk.query(id, reqs), [pageId, requests] as const),
    async waitForEvent(type, count = 1) {
      await page.waitForFunction(
        ([wanted, n]) => window.mpk.events.filter((e) => e.type === wanted).length >= n,
        [type, count] as const,
        { timeout: 10_000 },
      );
      return events([type]);
    },
    reset: (opts = {}) => page.evaluate((o) => window.mpk.setup(o), opts),
    close: () => rigPage.close(),
  };
}
