/**
 * Browser test rig: Debian's chromium driven by playwright-core, code under test bundled by esbuild
 * and served from a loopback `node:http` server this module starts on port 0.
 *
 * One rig (one browser) per test file, one page (in its own browser context) per test:
 *
 * ```ts
 * let rig: BrowserRig;
 * beforeAll(async () => { rig = await startBrowserRig({ bundles: { app: new URL('./entry.ts', import.meta.url).pathname } }); });
 * afterAll(() => rig?.close());
 * it('renders', async () => {
 *   const { page } = await rig.openPage({ html: '<div id="app"></div><script type="module" src="/app.js"></script>' });
 *   expect(await page.evaluate(() => document.title)).toBe('');
 * });
 * ```
 *
 * Never downloads a browser: a missing chromium is a clear error.
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where Debian installs chromium; `MPK_CHROMIUM` overrides it (another distro's path). */
export const CHROMIUM_PATH = process.env.MPK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The flags the brief asks for. Playwright refuses an explicit `--user-data-dir` with `launch()` and
 * always passes a fresh temporary one itself, so each rig gets a clean profile without it.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface StaticFile {
  body: string | Uint8Array;
  /** Content type; guessed from the path's extension when omitted. */
  type?: string;
}

export interface BrowserRigOptions {
  /** Modules to bundle for the browser: served at `/<name>.js` (ESM, inline source map). */
  bundles?: Record<string, string>;
  /** Extra esbuild options for every bundle (`define`, `alias`…). */
  esbuild?: Pick<BuildOptions, 'define' | 'alias' | 'loader' | 'external' | 'target' | 'minify'>;
  /** Fixed files by URL path (`/index.html` → body). */
  files?: Record<string, StaticFile | string>;
  /** Directories served as is: URL prefix (`/pkg/`) → directory on disk. */
  dirs?: Record<string, string>;
}

export interface OpenPageOptions extends Pick<BrowserContextOptions, 'viewport' | 'hasTouch' | 'isMobile' | 'deviceScaleFactor'> {
  /** HTML served at a fresh URL and opened; `<script type="module" src="/name.js">` loads a bundle. */
  html?: string;
  /** Or a path on the rig's server to open (default `/` when neither is given: an empty page). */
  path?: string;
  /** Wait until `window[readyFlag]` is truthy (set by the bundle when it is initialised). */
  readyFlag?: string;
}

export interface RigPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors thrown in the page (`pageerror`). */
  errors: Error[];
  /** `console.error`/`console.warn` lines from the page, for diagnosing failures. */
  consoleMessages: string[];
  /** `page.evaluate`, failing with the page's own uncaught errors attached when it throws. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  close(): Promise<void>;
}

export interface BrowserRig {
  browser: Browser;
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  url(path: string): string;
  /** Add or replace a served file. */
  setFile(path: string, file: StaticFile | string): void;
  /** Bundle `entry` and serve it at `/<name>.js`; returns that path. */
  bundle(name: string, entry: string): Promise<string>;
  openPage(options?: OpenPageOptions): Promise<RigPage>;
  /** Closes every page, the browser and the server. Safe to call twice. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Fails with an actionable message instead of letting playwright try to download a browser. */
export function assertChromium(path: string = CHROMIUM_PATH): void {
  if (!existsSync(path)) {
    throw new Error(
      `Browser tests need Debian's chromium at ${path}, which is missing. Install it with ` +
        '`apt-get install -y chromium` (CI does this in .ci/run) or point MPK_CHROMIUM at a chromium binary. ' +
        'The tests never download a browser.',
    );
  }
}

async function bundleEntry(entry: string, extra: BrowserRigOptions['esbuild']): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
    ...extra,
  });
  return result.outputFiles[0].text;
}

export async function startBrowserRig(options: BrowserRigOptions = {}): Promise<BrowserRig> {
  assertChromium();
  const files = new Map<string, StaticFile>();
  const setFile = (path: string, file: StaticFile | string): void => {
    files.set(path.startsWith('/') ? path : `/${path}`, typeof file === 'string' ? { body: file } : file);
  };
  for (const [path, file] of Object.entries(options.files ?? {})) setFile(path, file);
  const dirs = Object.entries(options.dirs ?? {}).map(([prefix, dir]) => ({ prefix, dir: resolve(dir) }));
  const bundle = async (name: string, entry: string): Promise<string> => {
    const path = `/${name}.js`;
    setFile(path, { body: await bundleEntry(entry, options.esbuild), type: CONTENT_TYPES['.js'] });
    return path;
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = files.get(path) ?? (path === '/' ? { body: '<!doctype html><meta charset="utf-8"><body></body>' } : undefined);
    if (file) {
      res.writeHead(200, { 'content-type': file.type ?? contentType(path === '/' ? '/index.html' : path), 'cache-control': 'no-store' });
      res.end(file.body);
      return;
    }
    for (const { prefix, dir } of dirs) {
      if (!path.startsWith(prefix)) continue;
      const target = resolve(dir, `.${sep}${path.slice(prefix.length)}`);
      if (target !== dir && !target.startsWith(dir + sep)) break; // no escaping the served directory
      const info = await stat(target).catch(() => undefined);
      if (!info?.isFile()) break;
      res.writeHead(200, { 'content-type': contentType(target), 'cache-control': 'no-store' });
      res.end(await readFile(target));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`not found: ${path}`);
  }
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let browser: Browser;
  try {
    await Promise.all(Object.entries(options.bundles ?? {}).map(([name, entry]) => bundle(name, entry)));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
  } catch (error) {
    await closeServer(server);
    throw error;
  }

  const pages = new Set<RigPage>();
  let pageCounter = 0;
  let closed = false;

  const openPage = async (opts: OpenPageOptions = {}): Promise<RigPage> => {
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 800, height: 900 },
      hasTouch: opts.hasTouch,
      isMobile: opts.isMobile,
      deviceScaleFactor: opts.deviceScaleFactor,
    });
    // Only the rig's own server is reachable: anything else the page asks for fails fast.
    await context.route((url) => !url.href.startsWith(baseUrl) && !url.protocol.startsWith('data') && !url.protocol.startsWith('blob'), (route) => route.abort());
    const page = await context.newPage();
    const errors: Error[] = [];
    const consoleMessages: string[] = [];
    page.on('pageerror', (error) => errors.push(error));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') consoleMessages.push(`${msg.type()}: ${msg.text()}`);
    });
    const rigPage: RigPage = {
      page,
      context,
      errors,
      consoleMessages,
      evaluate: async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> => {
        try {
          // playwright's overloads cannot see through the generic: its runtime contract is this one.
          const run = page.evaluate.bind(page) as (f: (arg: A) => R | Promise<R>, a?: A) => Promise<R>;
          return await run(fn, arg);
        } catch (error) {
          if (errors.length === 0) throw error;
          throw new Error(`${(error as Error).message}\npage errors:\n${errors.map((e) => e.stack ?? e.message).join('\n')}`);
        }
      },
      close: async () => {
        pages.delete(rigPage);
        await context.close().catch(() => undefined);
      },
    };
    pages.add(rigPage);
    let path = opts.path ?? '/';
    if (opts.html !== undefined) {
      path = `/__page${++pageCounter}.html`;
      setFile(path, { body: opts.html, type: CONTENT_TYPES['.html'] });
    }
    await page.goto(baseUrl + path);
    if (opts.readyFlag) {
      const flag = opts.readyFlag;
      await page.waitForFunction((name) => Boolean((globalThis as Record<string, unknown>)[name]), flag, { timeout: 10_000 });
    }
    return rigPage;
  };

  return {
    browser,
    baseUrl,
    url: (path) => baseUrl + (path.startsWith('/') ? path : `/${path}`),
    setFile,
    bundle,
    openPage,
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...pages].map((p) => p.close()));
      await browser.close().catch(() => undefined);
      await closeServer(server);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.closeAllConnections?.();
    server.close(() => done());
  });
}

/** A scratch directory removed by the returned function (for tests that write files to serve). */
export function scratchDir(prefix = 'mpk-browser-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
