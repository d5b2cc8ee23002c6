/**
 * Attack: the simulator's request proxy as a way into this machine. The proxy makes the page's
 * requests from Node; it used to reach any loopback service (a database admin page, the dev server
 * itself) without a word. Now it says what it reaches — a log line at start, the Network panel —
 * and reaches loopback only with `mpk dev --allow-loopback`, judging the address a name resolves to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '@mpk/devtools/simulator';
import { PROBE_APP, cleanup } from './support.ts';
import { writeProject } from '../support/project.ts';

let upstream: Server;
let target: string;
const reached: string[] = [];
let project: string;
const servers: DevServer[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    reached.push(String(req.url));
    res.end('local secret');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  project = await writeProject(PROBE_APP);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
  await cleanup();
});

async function dev(network?: Parameters<typeof startDevServer>[0]['network']) {
  const logs: string[] = [];
  const server = await startDevServer({ project, log: (t) => logs.push(t), network });
  servers.push(server);
  const html = await (await fetch(server.url)).text();
  const token = /name="mpk-proxy-token" content="([^"]+)"/.exec(html)![1]!;
  const policy = /name="mpk-proxy-policy" content="([^"]*)"/.exec(html)![1]!.replace(/&#40;/g, '(').replace(/&#41;/g, ')').replace(/&#39;/g, "'");
  const proxy = (url: string) =>
    fetch(new URL('/__mpk/fetch', server.url), { method: 'POST', headers: { 'x-mpk-token': token, 'x-mpk-target': url, 'x-mpk-method': 'GET' } });
  return { server, logs, policy, proxy };
}

describe('the simulator proxy', () => {
  it('refuses loopback by default, says so at start and on the page, and reaches nothing local', async () => {
    const { server, logs, policy, proxy } = await dev({ resolve: async (name) => (name === 'internal.example' ? ['127.0.0.1'] : ['93.184.215.14']) });
    const line = "mpk dev: network proxy: the app's requests reach public addresses; loopback and private and link-local addresses are refused (mpk dev --allow-loopback to reach local services); domains are not checked (a device checks them against the allow-list)\n";
    expect(logs[0]).toBe(line);
    expect(policy).toBe(line.slice('mpk dev: '.length, -1));
    for (const url of [`${target}/admin`, target.replace('127.0.0.1', 'localhost') + '/admin', `${server.url}__mpk/fetch`, `http://internal.example:${new URL(target).port}/admin`, `http://[::ffff:127.0.0.1]:${new URL(target).port}/`]) {
      const response = await proxy(url);
      expect([url, response.status]).toEqual([url, 403]);
      expect(await response.text()).toMatch(/^mpk dev: the simulator's network proxy refused .*resolves to .*, a loopback address \(network proxy: .*--allow-loopback/);
    }
    expect(reached).toEqual([]);
  });

  it('reaches loopback services with --allow-loopback, and says so', async () => {
    const { logs, policy, proxy } = await dev({ allowLoopback: true });
    expect(logs[0]).toContain("the app's requests reach public addresses, loopback (--allow-loopback); private and link-local addresses are refused");
    expect(policy).toContain('loopback (--allow-loopback)');
    const response = await proxy(`${target}/dev-backend`);
    expect(response.headers.get('x-mpk-status')).toBe('200');
    expect(await response.text()).toBe('local secret');
    expect(reached).toEqual(['/dev-backend']);
    expect((await proxy('http://10.255.255.1:9/')).status).toBe(403);
  });

  it('mpk dev has the flags', async () => {
    const { devCommand, runDev } = await import('../../packages/devtools/src/cli/commands/dev.ts');
    expect(devCommand.options!.map(([flags]) => flags)).toEqual(expect.arrayContaining(['--allow-loopback', '--allow-private']));
    const err: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const exit = runDev(project, { port: 0, open: 'false', allowLoopback: true, allowPrivate: true }, { stdout: () => undefined, stderr: (t) => err.push(t) }, () => stopped);
    for (let i = 0; i < 100 && !err.join('').includes('network proxy'); i++) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(await exit).toBe(0);
    expect(err.join('')).toContain("reach public addresses, loopback (--allow-loopback), private networks (--allow-private); domains are not checked");
  });
});
