/**
 * Simulator benchmark (`mpk dev`), in Debian's chromium on a private copy of examples/shop:
 *
 * - **start → first frame**: from calling `startDevServer` to the first page's content on screen in
 *   the simulator (server start, first build, page load, bundles, QuickJS worker, launch, render).
 *   The first run of the process also bundles the simulator (client + worker, cached after), so it
 *   is reported on its own ("cold"); later runs are "warm".
 * - **hot reload, save → updated frame**: from writing a file to the change on screen, for a style
 *   sheet (CSS swap), a template (view modules reloaded, data kept) and a page script (logic
 *   restarted, page stack reopened).
 * - **baseline**: what a developer would otherwise do after a change — reload the simulator page
 *   (a full restart of the app, losing its state) — timed from `page.reload()` to the same frame.
 *
 * Medians of several runs; frames are detected by the page itself (requestAnimationFrame polling
 * inside the phone's shadow root), so the figure includes the browser's own paint scheduling.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer, type DevServer } from '@mpk/devtools/simulator';
import { startBrowserRig, type RigPage } from '../../packages/runtime/test/support/browser.ts';
import type { BenchRow, BenchSuite } from '../types.ts';
// The simulator page's `window.mpkSimulator` handle (type only).
import type {} from '../../packages/devtools/src/simulator/client/main.ts';

const SHOP = fileURLToPath(new URL('../../examples/shop/', import.meta.url));
const START_RUNS = 3;
const EDITS = 5;

type Page = RigPage['page'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** examples/shop with its npm component copied as files (the workspace links it). */
function copyShop(): { dir: string; remove(): void } {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'mpk-bench-sim-')), 'shop');
  cpSync(SHOP, dir, {
    recursive: true,
    dereference: true,
    filter: (file) => {
      const rel = path.relative(SHOP, file).split(path.sep).join('/');
      return !rel.startsWith('dist') && (!rel.startsWith('node_modules') || rel === 'node_modules' || rel.startsWith('node_modules/@mpk-example'));
    },
  });
  return { dir, remove: () => rmSync(path.dirname(dir), { recursive: true, force: true }) };
}

/** Resolves when `test` (run in the page against the phone's shadow root) holds, checked every frame. */
function frameWhere(page: Page, test: string, arg?: unknown): Promise<unknown> {
  return page.waitForFunction(
    ({ test, arg }: { test: string; arg: unknown }) => {
      const root = document.querySelector('.phone-screen')?.shadowRoot;
      return root ? (new Function('root', 'arg', test) as (r: ShadowRoot, a: unknown) => boolean)(root, arg) : false;
    },
    { test, arg },
    { polling: 'raf', timeout: 60_000 },
  );
}

const BANNER_TEXT = `const el = root.querySelector('#banner'); return !!el && el.textContent.includes(arg);`;
const BANNER_COLOR = `const el = root.querySelector('#banner'); return !!el && getComputedStyle(el).backgroundColor === arg;`;
const NAV_TITLE = `const el = document.querySelector('.nav-title-text'); return !!el && el.textContent === arg && !!root.querySelector('#buy');`;

export const suite: BenchSuite = {
  name: 'simulator',
  description: 'mpk dev in chromium: start to first frame, hot reload from save to updated frame',
  async run() {
    const rig = await startBrowserRig();
    const project = copyShop();
    const rows: BenchRow[] = [];
    let server: DevServer | undefined;
    try {
      // ── start → first frame ──
      const starts: number[] = [];
      for (let run = 0; run < START_RUNS + 1; run++) {
        const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const started = performance.now();
        server = await startDevServer({ project: project.dir });
        await page.goto(server.url);
        await frameWhere(page, BANNER_TEXT, 'Cart: 0');
        starts.push(performance.now() - started);
        await context.close();
        await server.close();
        server = undefined;
      }
      const [cold, ...warm] = starts;
      rows.push({
        case: 'start → first frame (cold: bundles the simulator)',
        ours: cold!,
        unit: 'ms',
        goal: { text: '< 8000 ms', met: cold! < 8000 },
      });
      rows.push({
        case: 'start → first frame (warm)',
        ours: median(warm),
        unit: 'ms',
        goal: { text: '< 3000 ms', met: median(warm) < 3000 },
        note: `runs ${warm.map((t) => Math.round(t)).join(', ')} ms (server start, first build, page, worker + QuickJS, launch, render)`,
      });

      // ── hot reload ──
      server = await startDevServer({ project: project.dir });
      const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await frameWhere(page, BANNER_TEXT, 'Cart: 0');
      const file = (name: string) => path.join(project.dir, name);
      const edit = async (name: string, from: string, to: string, test: string, arg: unknown): Promise<number> => {
        const text = readFileSync(file(name), 'utf8');
        if (!text.includes(from)) throw new Error(`bench: ${name} has no ${JSON.stringify(from)}`);
        const started = performance.now();
        writeFileSync(file(name), text.replace(from, to));
        await frameWhere(page, test, arg);
        return performance.now() - started;
      };
      const fullReload = async (test: string, arg: unknown): Promise<number> => {
        const started = performance.now();
        await page.reload();
        await frameWhere(page, test, arg);
        return performance.now() - started;
      };

      const style: number[] = [];
      const styleBaseline: number[] = [];
      const colors = ['rgb(0, 80, 179)', 'rgb(255, 106, 0)'];
      const hex = ['#0050b3', '#ff6a00'];
      for (let i = 0; i < EDITS; i++) {
        style.push(await edit('pages/home/home.acss', `background: ${hex[(i + 1) % 2]};`, `background: ${hex[i % 2]};`, BANNER_COLOR, colors[i % 2]));
        styleBaseline.push(await fullReload(BANNER_COLOR, colors[i % 2]));
      }

      const template: number[] = [];
      const templateBaseline: number[] = [];
      const words = ['Hello', 'Welcome'];
      for (let i = 0; i < EDITS; i++) {
        template.push(await edit('pages/home/banner.axml', words[(i + 1) % 2]!, words[i % 2]!, BANNER_TEXT, words[i % 2]));
        templateBaseline.push(await fullReload(BANNER_TEXT, words[i % 2]));
      }

      // Logic: the product page, one level up the stack, sets its title from its script.
      await page.waitForFunction(() => window.mpkSimulator?.session.container?.navigate('navigateTo', { url: '/sub/product/product?id=2' }).then(() => true));
      await frameWhere(page, NAV_TITLE, 'Oolong');
      const logic: number[] = [];
      const logicBaseline: number[] = [];
      const titles = ['product.name + "!"', 'product.name'];
      for (let i = 0; i < EDITS; i++) {
        logic.push(await edit('sub/product/product.js', `title: ${titles[(i + 1) % 2]} }`, `title: ${titles[i % 2]} }`, NAV_TITLE, i % 2 === 0 ? 'Oolong!' : 'Oolong'));
        // A page reload starts over at the entry page: the developer navigates back by hand.
        logicBaseline.push(await fullReload(BANNER_TEXT, 'Cart'));
        await page.waitForFunction(() => window.mpkSimulator?.session.container?.navigate('navigateTo', { url: '/sub/product/product?id=2' }).then(() => true));
        await frameWhere(page, NAV_TITLE, i % 2 === 0 ? 'Oolong!' : 'Oolong');
      }
      await context.close();

      const reload = (kind: string, samples: number[], baseline: number[], goal: number, what: string): BenchRow => ({
        case: `hot reload, ${kind}: save → updated frame`,
        ours: median(samples),
        unit: 'ms',
        baseline: median(baseline),
        baselineLabel: 'page reload to the same frame',
        goal: { text: `< ${goal} ms`, met: median(samples) < goal },
        note: `${what}; runs ${samples.map((t) => Math.round(t)).join(', ')} ms`,
      });
      rows.push(reload('style', style, styleBaseline, 300, 'CSS swapped, data kept'));
      rows.push(reload('template', template, templateBaseline, 500, 'view modules reloaded, every page re-rendered with its data'));
      rows.push(reload('logic', logic, logicBaseline, 1500, 'logic restarted in a new worker, stack home → product?id=2 reopened (the baseline lands on the entry page)'));
      return rows;
    } finally {
      await server?.close();
      await rig.close();
      project.remove();
    }
  },
};
