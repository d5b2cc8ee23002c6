/**
 * Attack: network capability leaks. A mini-program uses every network API to reach what the host
 * did not grant: a domain outside the allow-list (connectSocket and downloadFile used to ignore it)
 * and a name that resolves to 127.0.0.1 (it used to pass a `*` allow-list), to reach services on
 * the host's machine. Each call fails with its API's code and a message saying why, and the
 * loopback servers the test runs never see a connection.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchProject } from '../support/project.ts';

let http: Server;
let wss: Server;
let httpPort: number;
let wsPort: number;
const reached: string[] = [];

beforeAll(async () => {
  http = createServer((req, res) => {
    reached.push(`http ${req.url}`);
    res.end('secret from a local service');
  });
  http.on('connection', (socket: Socket) => reached.push(`tcp ${socket.remotePort}`));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpPort = (http.address() as AddressInfo).port;
  // Where a WebSocket would go: any connection at all is recorded.
  wss = createServer();
  wss.on('connection', () => reached.push('ws'));
  await new Promise<void>((resolve) => wss.listen(0, '127.0.0.1', resolve));
  wsPort = (wss.address() as AddressInfo).port;
});
afterAll(async () => {
  await closeAll();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  wss.closeAllConnections();
  await new Promise((resolve) => wss.close(resolve));
});

/** The app: on a tap, calls every network API against `host` and shows each outcome. */
const ATTACKER = {
  'app.js': 'App({});\n',
  'pages/index/index.axml': '<view id="out">{{out}}</view><view id="go" onTap="go"/>',
  'pages/index/index.js': `Page({
  data: { out: '' },
  async go() {
    const host = getApp().target;
    const results = {};
    const settle = (name, fn) => new Promise((resolve) => fn({
      success: (r) => { results[name] = 'ok ' + JSON.stringify(r).slice(0, 80); resolve(); },
      fail: (e) => { results[name] = e.error + ' ' + e.errorMessage; resolve(); },
    }));
    const file = await new Promise((resolve) => my.downloadFile({ url: 'data:text/plain;base64,aGk=', success: (r) => resolve(r.apFilePath) }));
    await settle('request', (cb) => my.request({ url: 'https://' + host.http + '/admin', ...cb }));
    await settle('uploadFile', (cb) => my.uploadFile({ url: 'https://' + host.http + '/up', filePath: file, name: 'f', ...cb }));
    await settle('downloadFile', (cb) => my.downloadFile({ url: 'https://' + host.http + '/dump', ...cb }));
    await settle('connectSocket', (cb) => my.connectSocket({ url: 'wss://' + host.ws + '/', multiple: true, ...cb }));
    this.setData({ out: JSON.stringify(results) });
  },
});
`,
};

/** A resolver the test controls. */
const resolve = async (name: string): Promise<string[]> => {
  const table: Record<string, string[]> = { 'internal.example': ['127.0.0.1'], 'public.example': ['93.184.215.14'], 'mapped.example': ['::ffff:127.0.0.1'] };
  if (table[name]) return table[name]!;
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

async function attack(host: string, network: Record<string, unknown>): Promise<Record<string, string>> {
  const files = { ...ATTACKER, 'app.js': `App({ target: { http: '${host}:${httpPort}', ws: '${host}:${wsPort}' } });\n` };
  const app = await launchProject(files, { host: { network: { resolve, ...network } } });
  await app.currentPage().tap('#go');
  for (let i = 0; i < 50 && app.currentPage().text('#out') === ''; i++) await new Promise((r) => setTimeout(r, 20));
  return JSON.parse(app.currentPage().text('#out'));
}

describe('network capability', () => {
  it('refuses every API for a domain outside the allow-list', async () => {
    const results = await attack('other.example', { allowDomains: ['public.example'] });
    const why = (api: string) => `${api}: "other.example" is not in the domain allow-list (host.network.allowDomains)`;
    expect(results).toEqual({
      request: `11 ${why('request')}`,
      uploadFile: `4 ${why('uploadFile')}`,
      downloadFile: `13 ${why('downloadFile')}`,
      connectSocket: `2 ${why('connectSocket')}`,
    });
    expect(reached).toEqual([]);
  });

  it('refuses every API for a name that resolves to 127.0.0.1, even with a "*" allow-list', async () => {
    for (const name of ['internal.example', 'mapped.example']) {
      const results = await attack(name, { allowDomains: ['*'] });
      const address = name === 'internal.example' ? '127.0.0.1' : '::ffff:127.0.0.1';
      const why = (api: string) => `${api}: "${name}" resolves to ${address}, a loopback address; refused (host.network.allowInsecureLoopback)`;
      expect(results).toEqual({ request: `11 ${why('request')}`, uploadFile: `4 ${why('uploadFile')}`, downloadFile: `13 ${why('downloadFile')}`, connectSocket: `2 ${why('connectSocket')}` });
    }
    expect(reached).toEqual([]);
  });

  it('refuses IP literals and loopback names outright', async () => {
    for (const host of ['127.0.0.1', 'localhost', 'LOCALHOST.', '[::1]', '0x7f.1']) {
      const results = await attack(host, { allowDomains: ['*'] });
      for (const [api, outcome] of Object.entries(results)) expect([api, outcome]).toEqual([api, expect.not.stringMatching(/^ok/)]);
    }
    expect(reached).toEqual([]);
  });
});
