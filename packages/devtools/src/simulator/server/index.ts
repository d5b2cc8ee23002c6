/**
 * The simulator's dev server (`mpk dev`): a loopback `node:http` server that watches and rebuilds
 * the project, serves each good build's package, the simulator page, its bundled client and the
 * logic worker, and pushes every build result to the page over Server-Sent Events.
 *
 * ```ts
 * const server = await startDevServer({ project: 'examples/shop', port: 0 });
 * console.log(server.url);                      // http://127.0.0.1:54321/
 * server.builds.on('build', (b) => console.log(b.id, b.ok, b.changed));
 * await server.close();
 * ```
 *
 * Routes: `/` the simulator, `/client.js`, `/logic-worker.js` (and `/logic-worker-debug.js`, debug mode's), `/quickjs.wasm`, `/baselib.js`,
 * `/events` (SSE: `hello`, then `build` events), `/pkg/<file>` (the newest good build),
 * `/b/<id>/<file>` (good build `id`, kept for the last few builds), `/__mpk/fetch` (the app's network
 * requests, made from Node: see `proxy.ts`), `/__mpk/cloud` and `/__mpk/cloud-file/…` (the app's cloud
 * requests and stored files, answered by the cloud emulator: see `cloud.ts`), `/__mpk/modes` (compile modes read and written by the
 * simulator's form: see `modes.ts`). Every response carries COOP/COEP
 * so the page is cross-origin isolated (the worker's synchronous JSAPI calls need SharedArrayBuffer).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { formatDiagnostic, summarizeDiagnostics } from '@mpk/compiler';
import { terminalDiagnostic, terminalText } from '../../output/terminal.ts';
import { buildSimulatorAssets, type SimulatorAssets } from './bundles.ts';
import { ProjectBuilds, type BuildEvent } from './builds.ts';
import { PROXY_PATH, createProxy, proxyRequest, type ProxyPolicy } from './proxy.ts';
import { CLOUD_FILE_PATH, CLOUD_PATH, cloudFile, cloudRequest } from './cloud.ts';
import { createCloudEmulator, type CloudEmulatorOptions } from '../../cloud/index.ts';
import { MODES_PATH, modesRequest } from './modes.ts';
import { addressesOf } from './lan.ts';
import { simulatorHtml } from './shell.ts';
import { readCompileModes } from '../../project/compile-modes.ts';

export type { BuildEvent } from './builds.ts';
export type { SimulatorAssets } from './bundles.ts';

export interface DevServerOptions {
  /** The mini-program project directory. */
  project: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: the simulator is for this machine only). */
  host?: string;
  /** Where build reports go (default: nothing); `mpk dev` prints them. */
  log?: (text: string) => void;
  /** ANSI colours in build reports. */
  color?: boolean;
  /** Minify the client and worker bundles (default false: readable stack traces). */
  minify?: boolean;
  /** What the network proxy may reach besides public addresses (`mpk dev --allow-loopback`, `--allow-private`). */
  network?: ProxyPolicy;
  /** Type-check TS projects on every build (default true; type errors fail the build like other errors). */
  typecheck?: boolean;
  /** The compile mode (mini.project.json condition.miniprogram.list) the simulator starts in; the toolbar switches. */
  mode?: string;
  /**
   * The cloud emulator behind the page's `my.cloud` / `Cloud` (functions from the project's cloud folder, data in
   * `<project>/.mpk/cloud`): on by default; options change it, `false` leaves the simulator without a cloud service.
   */
  cloud?: false | CloudEmulatorOptions;
  /**
   * Debug mode (`mpk dev --debug`): the simulator starts with the logic layer in a plain Web Worker
   * without QuickJS, so DevTools breakpoints work on the author's files. UNSANDBOXED; the toolbar switches.
   */
  debug?: boolean;
}

/** What the page gets first on `/events`: a server that changes identity is a restarted one (the page reloads). */
export interface HelloEvent {
  type: 'hello';
  server: string;
  project: string;
}

export interface DevServer {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  port: number;
  /** Every build's result, as the page receives it (`on('build', …)`). */
  builds: ProjectBuilds;
  /** The last build's event, once the first build finished. */
  lastBuild(): BuildEvent | undefined;
  /** Resolves with the first build that finishes after this call. */
  nextBuild(): Promise<BuildEvent>;
  /** Stops watching, ends every connection, removes the temporary build directory. */
  close(): Promise<void>;
}

// Cross-origin isolation gives the logic worker SharedArrayBuffer (synchronous JSAPI calls).
// `credentialless` keeps it while still letting mini-programs show remote images from CDNs that send
// no Cross-Origin-Resource-Policy header (`require-corp` would block them).
const SECURITY_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'credentialless',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

function typeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A build as the terminal shows it: one line when fine, diagnostics with code frames when not. */
export function formatBuildReport(event: BuildEvent, color = false): string {
  const lines: string[] = [];
  for (const d of event.diagnostics) lines.push(formatDiagnostic(terminalDiagnostic(d), { color }), '');
  const summary = summarizeDiagnostics(event.diagnostics);
  if (event.ok) {
    const what = event.id === 1 ? 'built' : `rebuilt (${event.changed.length} file${event.changed.length === 1 ? '' : 's'} changed)`;
    lines.push(`mpk dev: ${what} in ${event.durationMs} ms${event.diagnostics.length > 0 ? `, ${summary}` : ''}`);
  } else {
    lines.push(`mpk dev: build failed: ${summary}; the simulator shows the errors until the next good build`);
  }
  return `${lines.join('\n')}\n`;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const project = path.resolve(options.project);
  const serverId = randomUUID();
  const proxyToken = randomUUID();
  const projectName = path.basename(project);
  const log = options.log ?? (() => {});
  const proxy = createProxy(options.network);
  log(`mpk dev: ${proxy.description}\n`);
  const assetsPromise = buildSimulatorAssets({ minify: options.minify });
  // A bundling failure is reported by the request that needs it; don't leave it unhandled meanwhile.
  assetsPromise.catch(() => undefined);
  const builds = await ProjectBuilds.start(project, { typecheck: options.typecheck });
  const clients = new Set<ServerResponse>();
  let serverUrl = '';
  const cloud = options.cloud === false ? undefined : await createCloudEmulator({
    projectDir: project,
    fileURL: (env, cloudPath) => `${serverUrl}${CLOUD_FILE_PATH.slice(1)}${encodeURIComponent(env)}/${cloudPath.split('/').map(encodeURIComponent).join('/')}`,
    onLog: ({ name, level, text }) => log(`cloud function ${name} ${level}: ${terminalText(text)}\n`),
    ...options.cloud,
  });

  const sse = (res: ServerResponse, event: BuildEvent | HelloEvent): void => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  builds.on('build', (event) => {
    log(formatBuildReport(event, options.color));
    for (const res of clients) sse(res, event);
  });
  builds.on('error', (error) => log(`mpk dev: watching ${terminalText(project)} failed: ${terminalText((error as Error)?.message ?? String(error))}\n`));

  const send = (res: ServerResponse, status: number, body: string | Uint8Array, type: string): void => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const notFound = (res: ServerResponse, what: string): void => send(res, 404, `not found: ${what}\n`, TYPES['.txt']!);

  const servePackageFile = async (res: ServerResponse, buildId: number | undefined, file: string): Promise<void> => {
    const source = buildId === undefined ? undefined : builds.snapshot(buildId);
    if (!source) return notFound(res, buildId === undefined ? 'no good build yet' : `build ${buildId} (not kept or not good)`);
    const listed = file === 'manifest.json' || source.manifest.files.some((f) => f.path === file);
    if (!listed || !source.readBytes) return notFound(res, file);
    send(res, 200, await source.readBytes(file), typeOf(file));
  };

  // Listening on the network (mpk dev --host): a phone addresses it by one of this machine's addresses.
  const allowedHosts = new Set(['127.0.0.1', 'localhost', '[::1]', ...addressesOf(options.host ?? '127.0.0.1').map((a) => a.toLowerCase())]);
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // DNS rebinding: a foreign name that resolves to this machine must not reach the server.
    const hostname = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    if (!allowedHosts.has(hostname)) return send(res, 403, 'mpk dev: unexpected Host header\n', TYPES['.txt']!);
    if (req.url?.split('?')[0] === PROXY_PATH) return proxyRequest(req, res, proxyToken, SECURITY_HEADERS, proxy);
    if (cloud && req.url?.split('?')[0] === CLOUD_PATH) return cloudRequest(req, res, proxyToken, SECURITY_HEADERS, cloud);
    if (req.url?.split('?')[0] === MODES_PATH) {
      const good = builds.lastGoodId();
      const pages = () => (good === undefined ? undefined : Object.keys(builds.snapshot(good)?.manifest.pages ?? {}));
      return modesRequest(req, res, { project, token: proxyToken, headers: SECURITY_HEADERS, pages });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', TYPES['.txt']!);
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(res, 400, 'bad URL\n', TYPES['.txt']!);
    }
    if (cloud && pathname.startsWith(CLOUD_FILE_PATH)) return cloudFile(res, pathname, SECURITY_HEADERS, cloud, typeOf);
    if (pathname === '/' || pathname === '/index.html') return send(res, 200, simulatorHtml(projectName, proxyToken, proxy.description, options.network?.allowLoopback === true, { modes: readCompileModes(project).modes, ...(options.mode ? { initial: options.mode } : {}), ...(options.debug ? { debug: true } : {}) }), TYPES['.html']!);
    if (pathname === '/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      sse(res, { type: 'hello', server: serverId, project: projectName });
      const last = builds.last();
      if (last) sse(res, last);
      clients.add(res);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        clients.delete(res);
      });
      return;
    }
    if (pathname === '/client.js' || pathname === '/logic-worker.js' || pathname === '/logic-worker-debug.js' || pathname === '/quickjs.wasm' || pathname === '/baselib.js') {
      let assets: SimulatorAssets;
      try {
        assets = await assetsPromise;
      } catch (error) {
        return send(res, 500, `mpk dev: bundling the simulator failed: ${(error as Error).message}\n`, TYPES['.txt']!);
      }
      if (pathname === '/client.js') return send(res, 200, assets.client, TYPES['.js']!);
      if (pathname === '/logic-worker.js') return send(res, 200, assets.worker, TYPES['.js']!);
      if (pathname === '/logic-worker-debug.js') return send(res, 200, assets.debugWorker, TYPES['.js']!);
      if (pathname === '/baselib.js') return send(res, 200, assets.baseLibrary, TYPES['.js']!);
      return send(res, 200, assets.wasm, TYPES['.wasm']!);
    }
    const pkg = /^\/pkg\/(.+)$/.exec(pathname);
    if (pkg) return servePackageFile(res, builds.lastGoodId(), pkg[1]!);
    const snapshot = /^\/b\/(\d+)\/(.+)$/.exec(pathname);
    if (snapshot) return servePackageFile(res, Number(snapshot[1]), snapshot[2]!);
    if (pathname === '/favicon.ico') {
      res.writeHead(204, SECURITY_HEADERS);
      res.end();
      return;
    }
    notFound(res, pathname);
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `mpk dev: ${(error as Error)?.message ?? String(error)}\n`, TYPES['.txt']!);
      else res.end();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await builds.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/`;
  serverUrl = url;

  let closed = false;
  return {
    url,
    port: address.port,
    builds,
    lastBuild: () => builds.last(),
    nextBuild: () => new Promise((resolve) => builds.once('build', resolve)),
    async close() {
      if (closed) return;
      closed = true;
      for (const res of clients) res.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await builds.close();
      await cloud?.close();
    },
  };
}
