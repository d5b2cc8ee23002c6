/**
 * Every network API holds to the host's domain allow-list and, after DNS resolution, to public
 * addresses: a name that resolves to loopback, private or link-local space is refused unless the
 * host grants it, also on a redirect hop and when the DNS answer changes between the check and the
 * connection (the Node defaults connect only to the addresses they checked).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch } from '../../src/adapters/node-fetch.ts';
import { createMemoryFileStore, type HostOptions } from '../../src/jsapi/index.ts';
import type { HostToLogic, TaskEventMessage } from '../../src/contract/protocol.ts';
import { harness, ok } from './helpers.ts';

/** A loopback TCP listener that only counts who connects: nothing may reach it. */
let trap: Server;
let port: number;
const connections: Socket[] = [];
let http: HttpServer;
let httpPort: number;

beforeAll(async () => {
  trap = createServer((socket) => {
    connections.push(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  port = (trap.address() as AddressInfo).port;
  http = createHttpServer((_req, res) => res.end('reached'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpPort = (http.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => trap.close(resolve));
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

/** A resolver the test controls: name → addresses; unknown names do not resolve. */
function resolver(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (name: string) => {
    asked.push(name);
    const answer = table[name];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return answer;
  };
  return { resolve, asked };
}

const everyDomain = (table: Record<string, string[]>, extra: NonNullable<HostOptions['network']> = {}): HostOptions => ({
  network: { allowDomains: ['*'], resolve: resolver(table).resolve, ...extra },
  files: seededFiles(),
});

function seededFiles() {
  const files = createMemoryFileStore();
  void files.write('test-app', 'https://resource/apml1.image', Uint8Array.from([1, 2, 3]));
  return files;
}

/** Each API with the same URL host; its documented "no permission" code. */
const apis = (host: string) =>
  [
    ['request', { url: `https://${host}:${port}/` }, 11],
    ['uploadFile', { url: `https://${host}:${port}/up`, filePath: 'https://resource/apml1.image', name: 'file' }, 4],
    ['downloadFile', { url: `https://${host}:${port}/a.png` }, 13],
    ['connectSocket', { url: `wss://${host}:${port}/chat`, multiple: true }, 2],
  ] as const;

describe('the address check', () => {
  it('refuses, in every API, a name that resolves to 127.0.0.1 even with a "*" allow-list; nothing connects', async () => {
    const { call } = harness(everyDomain({ 'evil.test': ['127.0.0.1'] }));
    for (const [api, args, code] of apis('evil.test')) {
      const reply = await call(api, args);
      expect([api, reply]).toEqual([
        api,
        expect.objectContaining({ ok: false, error: { error: code, errorMessage: `${api}: "evil.test" resolves to 127.0.0.1, a loopback address; refused (host.network.allowInsecureLoopback)` } }),
      ]);
    }
    expect(connections).toHaveLength(0);
  });

  it('refuses mapped IPv6 loopback, private, link-local and mixed answers', async () => {
    const table = {
      'mapped.example': ['::ffff:127.0.0.1'],
      'lan.example': ['10.0.0.7'],
      'meta.example': ['169.254.169.254'],
      'mixed.example': ['93.184.215.14', '192.168.1.1'],
      'v6.example': ['fd00::1'],
    };
    const { call } = harness(everyDomain(table));
    const messages = [];
    for (const host of Object.keys(table)) {
      const reply = await call('request', { url: `https://${host}/` });
      messages.push(reply.ok ? 'ok' : reply.error.errorMessage);
    }
    expect(messages).toEqual([
      'request: "mapped.example" resolves to ::ffff:127.0.0.1, a loopback address; refused (host.network.allowInsecureLoopback)',
      'request: "lan.example" resolves to 10.0.0.7, a private address; refused (host.network.allowPrivateAddresses)',
      'request: "meta.example" resolves to 169.254.169.254, a link-local address; refused (host.network.allowPrivateAddresses)',
      'request: "mixed.example" resolves to 192.168.1.1, a private address; refused (host.network.allowPrivateAddresses)',
      'request: "v6.example" resolves to fd00::1, a private address; refused (host.network.allowPrivateAddresses)',
    ]);
  });

  it('admits private addresses only when granted (all, or a CIDR list)', async () => {
    const reached: string[] = [];
    const fetch = (async (url: string) => {
      reached.push(String(url));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const table = { 'intranet.corp': ['10.1.2.3'], 'other.corp': ['10.9.0.1'] };
    const all = harness({ network: { allowDomains: ['corp'], resolve: resolver(table).resolve, fetch, allowPrivateAddresses: true } });
    ok(await all.call('request', { url: 'https://intranet.corp/' }));
    const some = harness({ network: { allowDomains: ['corp'], resolve: resolver(table).resolve, fetch, allowPrivateAddresses: ['10.1.0.0/16'] } });
    ok(await some.call('request', { url: 'https://intranet.corp/' }));
    expect(await some.call('request', { url: 'https://other.corp/' })).toMatchObject({ ok: false, error: { error: 11 } });
    expect(reached).toEqual(['https://intranet.corp/', 'https://intranet.corp/']);
  });

  it('re-checks the address of every redirect hop', async () => {
    const fetch = (async () => new Response(null, { status: 302, headers: { location: 'https://inside.example/admin' } })) as typeof globalThis.fetch;
    const { call } = harness({ network: { allowDomains: ['*'], fetch, resolve: resolver({ 'outside.example': ['93.184.215.14'], 'inside.example': ['127.0.0.1'] }).resolve } });
    expect(await call('request', { url: 'https://outside.example/' })).toMatchObject({
      ok: false,
      error: { error: 11, errorMessage: expect.stringContaining('"inside.example" resolves to 127.0.0.1, a loopback address') },
    });
  });

  it('defeats DNS rebinding: the default fetch and WebSocket connect only to the addresses they checked', async () => {
    let calls = 0;
    // Public for the first answer (the check), loopback afterwards (what a rebinding server answers at connect time).
    const rebinding = async () => (calls++ === 0 ? ['93.184.215.14'] : ['127.0.0.1']);
    const { call } = harness({ network: { allowDomains: ['*'], resolve: rebinding } });
    expect(await call('request', { url: `https://rebind.example:${port}/` })).toMatchObject({
      ok: false,
      error: { error: 11, errorMessage: expect.stringContaining('"rebind.example" resolves to 127.0.0.1, a loopback address') },
    });
    calls = 0;
    const socket = harness({ network: { allowDomains: ['*'], resolve: rebinding } });
    const started = socket.start('connectSocket', { url: `wss://rebind.example:${port}/`, multiple: true });
    ok(await started.reply);
    const error = (await socket.services.waitFor((m: HostToLogic) => m.t === 'task' && m.task === started.cb && m.event === 'Error')) as TaskEventMessage;
    expect(JSON.stringify(error.data)).toContain('resolves to 127.0.0.1, a loopback address');
    expect(connections).toHaveLength(0);
  });

  it('holds downloadFile and connectSocket to the domain allow-list like request and uploadFile', async () => {
    const { call } = harness({ network: { allowDomains: ['example.com'], resolve: resolver({}).resolve }, files: seededFiles() });
    for (const [api, args, code] of apis('other.test')) {
      const reply = await call(api, args);
      expect([api, reply]).toEqual([api, expect.objectContaining({ ok: false, error: { error: code, errorMessage: `${api}: "other.test" is not in the domain allow-list (host.network.allowDomains)` } })]);
    }
    expect(connections).toHaveLength(0);
  });
});

describe('createGuardedFetch', () => {
  it('connects to the address the resolver gave (pinned), and refuses it when the policy does', async () => {
    const pinned = createGuardedFetch(async () => ['127.0.0.1'], { allowLoopback: true, allowPrivate: false });
    const response = await pinned(`http://app.invalid:${httpPort}/`);
    expect(await response.text()).toBe('reached');
    const strict = createGuardedFetch(async () => ['127.0.0.1'], { allowLoopback: false, allowPrivate: false });
    const error = await strict(`http://app.invalid:${port}/`).then(
      () => undefined,
      (e: TypeError & { cause?: Error }) => e,
    );
    expect(error?.cause?.message).toBe('"app.invalid" resolves to 127.0.0.1, a loopback address');
    const literal = await strict(`http://127.0.0.1:${port}/`).catch((e: TypeError & { cause?: Error }) => e.cause?.message);
    expect(literal).toBe('"127.0.0.1" resolves to 127.0.0.1, a loopback address');
    expect(connections).toHaveLength(0);
  });
});
