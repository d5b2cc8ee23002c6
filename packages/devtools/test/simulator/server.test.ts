/**
 * The dev server under Node: what it serves (the simulator, its bundles, each good build's package),
 * the headers that make the page cross-origin isolated, the build events it pushes over SSE, how a
 * broken build is reported, and `mpk dev` around it.
 */
import { existsSync } from 'node:fs';
import { createServer, get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDev } from '../../src/cli/commands/dev.ts';
import { startDevServer, type BuildEvent, type DevServer } from '../../src/simulator/server/index.ts';
import { copyExample, type ProjectCopy } from './support.ts';

/** Reads Server-Sent Events from `url` until `count` events arrived (or the timeout). */
async function readEvents(url: string, count: number, during?: () => void, timeoutMs = 20_000): Promise<Array<{ event: string; data: any }>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: Array<{ event: string; data: any }> = [];
  try {
    const response = await fetch(url, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let triggered = false;
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
      if (!triggered && events.some((e) => e.event === 'build')) {
        triggered = true;
        during?.();
      }
    }
    controller.abort();
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
  }
  return events;
}

describe('startDevServer', () => {
  let project: ProjectCopy;
  let server: DevServer;
  const logs: string[] = [];
  let first: BuildEvent;

  beforeAll(async () => {
    project = copyExample('todo');
    // The proxy test's upstream listens on loopback: allowed only with the flag (mpk dev --allow-loopback).
    server = await startDevServer({ project: project.dir, log: (text) => logs.push(text), network: { allowLoopback: true } });
    first = server.lastBuild() ?? (await server.nextBuild());
  });
  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  it('listens on loopback and serves the simulator page cross-origin isolated', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/client.js">');
    expect(html).toContain('todo');
  });

  it('serves the client and worker bundles, the QuickJS wasm and the base library', async () => {
    const client = await fetch(new URL('/client.js', server.url));
    expect(client.headers.get('content-type')).toMatch(/javascript/);
    expect(client.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
    const clientText = await client.text();
    expect(clientText).toContain('mpkSimulator');
    expect(clientText).not.toMatch(/from\s*["']node:/);
    const worker = await (await fetch(new URL('/logic-worker.js', server.url))).text();
    expect(worker).toContain('runLogicWorker');
    const wasm = await fetch(new URL('/quickjs.wasm', server.url));
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect([...new Uint8Array(await wasm.arrayBuffer()).slice(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    expect((await (await fetch(new URL('/baselib.js', server.url))).text()).length).toBeGreaterThan(1000);
  });

  it('builds the project and serves the package of each good build', async () => {
    expect(first).toMatchObject({ type: 'build', id: 1, ok: true });
    expect(first.changed).toEqual(expect.arrayContaining(['manifest.json', 'logic.js', 'view.json', 'style.css']));
    expect(logs.join('')).toMatch(/mpk dev: built in \d+ ms/);
    const manifest = await (await fetch(new URL('/pkg/manifest.json', server.url))).json();
    expect(manifest.app.pages).toEqual(['pages/index/index', 'pages/stats/stats']);
    const view = await fetch(new URL('/b/1/view.json', server.url));
    expect(view.status).toBe(200);
    expect(await view.text()).toContain('pages/index/index');
    for (const missing of ['/pkg/nope.js', '/pkg/../package.json', '/pkg/%2e%2e/app.json', '/b/99/manifest.json', '/elsewhere']) {
      const response = await fetch(new URL(missing, server.url));
      expect(response.status, missing).toBe(404);
    }
  });

  it('pushes every build over SSE: hello, the last build, then each rebuild with what changed', async () => {
    const events = await readEvents(new URL('/events', server.url).href, 3, () =>
      project.edit('pages/index/index.acss', (css) => css.replace('.empty {\n  color: #999;', '.empty {\n  color: #123456;')),
    );
    expect(events[0]).toMatchObject({ event: 'hello', data: { type: 'hello', project: 'todo', server: expect.any(String) } });
    expect(events[1]).toMatchObject({ event: 'build', data: { id: server.lastBuild()!.id - 1, ok: true } });
    const rebuilt = events[2]!.data as BuildEvent;
    expect(rebuilt).toMatchObject({ type: 'build', ok: true });
    expect(rebuilt.changed.sort()).toEqual(['manifest.json', 'style.css']);
    expect(await (await fetch(new URL(`/b/${rebuilt.id}/style.css`, server.url))).text()).toContain('#123456');
  });

  it('reports a broken build with diagnostics (terminal and event) and keeps serving the last good one', async () => {
    const lastGood = server.lastBuild()!.id;
    const broken = server.nextBuild();
    project.edit('pages/stats/stats.axml', (axml) => axml.replace('<view class="row">Total: <text id="total">{{total}}</text></view>', '<view class="row">Total: {{total +}}</view>'));
    const failed = await broken;
    expect(failed.ok).toBe(false);
    expect(failed.changed).toEqual([]);
    const error = failed.diagnostics.find((d) => d.severity === 'error')!;
    expect(error).toMatchObject({ file: 'pages/stats/stats.axml', line: 2, code: expect.stringMatching(/^MPK\d+/) });
    expect(error.frame).toContain('{{total +}}');
    expect(logs.join('')).toContain('pages/stats/stats.axml:2');
    expect(logs.join('')).toMatch(/build failed/);
    expect((await fetch(new URL('/pkg/manifest.json', server.url))).status).toBe(200);
    expect((await fetch(new URL(`/b/${failed.id}/manifest.json`, server.url))).status).toBe(404);

    const fixed = server.nextBuild();
    project.edit('pages/stats/stats.axml', (axml) => axml.replace('{{total +}}', '{{total}}'));
    const good = await fixed;
    expect(good.ok).toBe(true);
    expect(good.id).toBeGreaterThan(lastGood);
    expect(good.changed).toContain('view.json');
  });

  it('proxies the page’s network requests from Node, only for the simulator page', async () => {
    const token = /name="mpk-proxy-token" content="([^"]+)"/.exec(await (await fetch(server.url)).text())![1]!;
    const seen: Array<{ method?: string; url?: string; body: string; header?: string }> = [];
    const upstream = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      seen.push({ method: req.method, url: req.url, body, header: req.headers['x-app'] as string | undefined });
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
        return;
      }
      res.writeHead(201, { 'content-type': 'text/plain', 'x-answer': '42' });
      res.end(`echo ${body}`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const proxy = new URL('/__mpk/fetch', server.url);
    const call = (path: string, method: string, extra: Record<string, string> = {}, body?: string) =>
      fetch(proxy, {
        method: 'POST',
        headers: { 'x-mpk-target': target + path, 'x-mpk-method': method, 'x-mpk-headers': encodeURIComponent(JSON.stringify({ 'x-app': 'shop' })), ...extra },
        body,
      });
    try {
      expect((await call('/x', 'GET')).status).toBe(403);
      expect((await call('/x', 'GET', { 'x-mpk-token': 'guess' })).status).toBe(403);
      expect((await fetch(proxy)).status).toBe(405);

      const posted = await call('/echo', 'PUT', { 'x-mpk-token': token }, 'hello');
      expect(posted.status).toBe(200);
      expect(posted.headers.get('x-mpk-status')).toBe('201');
      expect(JSON.parse(decodeURIComponent(posted.headers.get('x-mpk-headers')!))).toContainEqual(['x-answer', '42']);
      expect(await posted.text()).toBe('echo hello');
      expect(seen[0]).toEqual({ method: 'PUT', url: '/echo', body: 'hello', header: 'shop' });

      const moved = await call('/moved', 'GET', { 'x-mpk-token': token });
      expect(moved.headers.get('x-mpk-status')).toBe('302');
      expect(JSON.parse(decodeURIComponent(moved.headers.get('x-mpk-headers')!))).toContainEqual(['location', '/elsewhere']);
      expect(seen.map((s) => s.url)).toEqual(['/echo', '/moved']);

      const refused = await fetch(proxy, { method: 'POST', headers: { 'x-mpk-token': token, 'x-mpk-target': 'file:///etc/passwd' } });
      expect(refused.status).toBe(400);
      // A page under another name that resolves here (DNS rebinding) gets nothing, not even the token.
      const rebound = await new Promise<number>((resolve, reject) => {
        const url = new URL(server.url);
        httpGet({ host: url.hostname, port: url.port, path: '/', headers: { host: `evil.example:${url.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(rebound).toBe(403);
    } finally {
      await new Promise((resolve) => upstream.close(resolve));
    }
  });

  it('close() frees the port and removes the build directory', async () => {
    const copy = copyExample('todo');
    const other = await startDevServer({ project: copy.dir });
    await (other.lastBuild() ? Promise.resolve() : other.nextBuild());
    const outDir = other.builds.outDir;
    expect(existsSync(outDir)).toBe(true);
    await other.close();
    expect(existsSync(outDir)).toBe(false);
    await expect(fetch(other.url)).rejects.toThrow();
    copy.remove();
  });
});

describe('mpk dev', () => {
  it('prints the URL, serves until stopped, exits 0', async () => {
    const copy = copyExample('todo');
    const out: string[] = [];
    const err: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const exit = runDev(copy.dir, { port: 0, open: 'false' }, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, () => stopped);
    await expect.poll(() => out.join(''), { timeout: 20_000 }).toMatch(/simulator for todo at http:\/\/127\.0\.0\.1:\d+\//);
    const url = /(http:\S+)/.exec(out.join(''))![1]!;
    expect((await fetch(url)).status).toBe(200);
    stop();
    expect(await exit).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
    copy.remove();
  });

  it('--debug says in the terminal that the logic layer is unsandboxed, and the page starts in debug mode', async () => {
    const copy = copyExample('todo');
    const out: string[] = [];
    const err: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const exit = runDev(copy.dir, { port: 0, open: 'false', debug: true }, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, () => stopped);
    await expect.poll(() => out.join(''), { timeout: 20_000 }).toMatch(/simulator for todo at http/);
    expect(err.join('')).toMatch(/DEBUG MODE: .*WITHOUT the QuickJS sandbox/);
    const url = /(http:\S+)/.exec(out.join(''))![1]!;
    const html = await (await fetch(url)).text();
    expect(JSON.parse(/<script type="application\/json" id="mpk-launch">(.*?)<\/script>/.exec(html)![1]!)).toMatchObject({ debug: true });
    const worker = await fetch(new URL('/logic-worker-debug.js', url));
    expect(worker.status).toBe(200);
    expect(await worker.text()).toContain('PlainEngine');
    stop();
    expect(await exit).toBe(0);
    copy.remove();
  });

  it('refuses a directory that is not a project and a bad port', async () => {
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (t: string) => err.push(t) };
    const never = () => new Promise<void>(() => {});
    expect(await runDev('/', {}, io, never)).toBe(2);
    expect(err.join('')).toMatch(/not a mini-program project/);
    const copy = copyExample('todo');
    expect(await runDev(copy.dir, { port: 'eighty' }, io, never)).toBe(2);
    expect(err.join('')).toMatch(/--port takes a port number/);
    copy.remove();
  });
});
