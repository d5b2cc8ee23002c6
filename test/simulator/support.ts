/**
 * Browser tests of the simulator: a private copy of an example, the dev server on it, Debian's
 * chromium (via the runtime's rig) on the simulator page, and helpers that wait for what a user
 * would wait for. Screenshots go to test/artifacts/ (git-ignored, kept by CI).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDevServer, type DevServer } from '@mpk/devtools/simulator';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../packages/runtime/test/support/browser.ts';
import { copyExample, type ProjectCopy } from '../../packages/devtools/test/simulator/support.ts';
// The simulator page's `window.mpkSimulator` handle (type only).
import type {} from '../../packages/devtools/src/simulator/client/main.ts';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
}

/** A server on 127.0.0.1 the test's app talks to (an API, media, an H5 page): its origin and a close. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

export async function startLoopbackServer(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** How a test opens the simulator: the browser window's size, and what the dev server's network proxy may reach. */
export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** `allowLoopback` for an app whose API is a loopback server of the test (`mpk dev --allow-loopback`). */
  network?: { allowLoopback?: boolean };
}

export interface Simulator {
  page: Page;
  server: DevServer;
  project: ProjectCopy;
  /** Uncaught errors of the simulator page, then its console errors (prefixed `console: `). */
  errors: string[];
  /** The uncaught errors alone (for an app that logs errors on purpose). */
  uncaught(): string[];
  /** Applied reloads so far (start, style, view, restart…). */
  reloads(): Promise<Array<{ kind: string; build: number }>>;
  /** Runs `edit`, then waits until the simulator applied the build it caused; returns that reload. */
  reloadAfter(edit: () => void): Promise<{ kind: string; build: number }>;
  /** Text of the first match (shadow DOM pierced). */
  text(selector: string): Promise<string>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openSimulator(browser: Browser, example: string, options: OpenOptions = {}): Promise<Simulator> {
  return openOn(browser, copyExample(example), options);
}

/** A project the test writes inline (path → text) in a temp dir, with the simulator on it. */
export async function openProject(browser: Browser, files: Record<string, string>, options: OpenOptions = {}): Promise<Simulator> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mpk-sim-project-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  const project: ProjectCopy = {
    dir,
    read,
    write,
    edit(file, change) {
      const before = read(file);
      const after = change(before);
      if (after === before) throw new Error(`edit(${file}): nothing changed`);
      write(file, after);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  return openOn(browser, project, options);
}

/** How `Simulator.errors` marks a console error, told apart from an uncaught one. */
const CONSOLE_ERROR = 'console: ';

async function openOn(browser: Browser, project: ProjectCopy, options: OpenOptions): Promise<Simulator> {
  const server = await startDevServer({ project: project.dir, ...(options.network ? { network: options.network } : {}) });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${CONSOLE_ERROR}${message.text()}`);
  });
  await page.goto(server.url);
  await page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 30_000 });
  const reloads = () => page.evaluate(() => window.mpkSimulator!.reloads.map((r) => ({ kind: r.kind, build: r.build })));
  return {
    page,
    server,
    project,
    errors,
    uncaught: () => errors.filter((error) => !error.startsWith(CONSOLE_ERROR)),
    reloads,
    async reloadAfter(edit) {
      const before = (await reloads()).length;
      edit();
      // A watcher may report one save twice: the extra build changes nothing ('none') and is skipped.
      await page.waitForFunction((n) => window.mpkSimulator!.reloads.slice(n).some((r) => r.kind !== 'none'), before, { timeout: 30_000 });
      return (await reloads()).slice(before).find((r) => r.kind !== 'none')!;
    },
    text: async (selector) => (await page.locator(selector).first().textContent({ timeout: 10_000 })) ?? '',
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
    },
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      project.remove();
    },
  };
}

/** The ids of the page stack, bottom → top, as routes with their queries. */
export function stackOf(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.mpkSimulator!.session.container?.pages() ?? []).map((p) => `${p.route}${Object.keys(p.query).length ? `?${new URLSearchParams(p.query)}` : ''}`),
  );
}

/** Data of the page on top, as the view has it. */
export function topData(page: Page): Promise<Record<string, any>> {
  return page.evaluate(() => {
    const container = window.mpkSimulator!.session.container!;
    return JSON.parse(JSON.stringify(container.instanceData(container.currentPage()!.id) ?? {}));
  });
}
