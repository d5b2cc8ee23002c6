/**
 * my.request from mini-program code against a loopback server the test starts (docs: api/基础API/网络/
 * my.request 常见问题.md; SPEC-DIGEST §5.5 and §5.2): JSON by default, GET data as a query string,
 * POST data as JSON, success for any HTTP status, text/base64 data types, timeouts (13), bad JSON (14),
 * abort through the returned task, and the domain allow-list (11) / insecure URLs refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { callApi, driverAppJs, payload, setInApp } from '../support/driver.ts';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

let server: http.Server;
let base: string;
let app: MiniApp;
const seen: Array<{ method: string; url: string; body: string; contentType?: string; custom?: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body, contentType: req.headers['content-type'], custom: req.headers['x-custom'] as string | undefined });
      const path = req.url!.split('?')[0];
      if (path === '/slow') return; // never answers
      if (path === '/missing') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'no such thing' }));
        return;
      }
      if (path === '/broken') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{not json');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-served-by': 'e2e' });
      let parsed: unknown = null;
      try {
        parsed = body ? JSON.parse(body) : null;
      } catch {
        parsed = body; // a form body, echoed as sent
      }
      res.end(JSON.stringify({ method: req.method, url: req.url, body: parsed }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = await launchProject(
    {
      'app.js': driverAppJs(),
      ...page('pages/index/index', {
        axml: `<button id="abort" onTap="abort">abort</button>`,
        js: `
Page({
  onLoad() {
    my.onNetworkStatusChange((res) => console.log('net ' + JSON.stringify(res)));
  },
  abort() {
    const task = my.request({
      url: getApp().base + '/slow',
      fail: (e) => console.log('aborted', JSON.stringify(e)),
    });
    task.abort();
  },
});`,
      }),
    },
    { host: { network: { allowInsecureLoopback: true, allowDomains: ['example.com'] } } },
  );
  await setInApp(app, 'base', base);
});
afterAll(async () => {
  await closeAll();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('my.request', () => {
  it('GETs with data as the query string and parses JSON; success carries status and headers', async () => {
    const [line] = await callApi(app, 'request', { url: `${base}/echo`, data: { q: 'tea', n: 2 } });
    const res = payload(line);
    expect(line).toMatch(/^success /);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ method: 'GET', url: '/echo?q=tea&n=2', body: null });
    expect(res.headers['x-served-by']).toBe('e2e');
  });

  it('POSTs data as JSON with the default content type, and sends the headers given', async () => {
    const [line] = await callApi(app, 'request', { url: `${base}/echo`, method: 'POST', data: { items: [1, 2] }, headers: { 'x-custom': 'yes' } }, 'promise');
    expect(payload(line).data).toEqual({ method: 'POST', url: '/echo', body: { items: [1, 2] } });
    const request = seen.at(-1)!;
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.custom).toBe('yes');
  });

  it('succeeds for an HTTP error status (404) with its body', async () => {
    const [line] = await callApi(app, 'request', { url: `${base}/missing` });
    expect(line).toMatch(/^success /);
    expect(payload(line)).toMatchObject({ status: 404, data: { message: 'no such thing' } });
  });

  it('returns text for dataType text, and fails with 14 when JSON does not parse', async () => {
    const [text] = await callApi(app, 'request', { url: `${base}/broken`, dataType: 'text' });
    expect(payload(text).data).toBe('{not json');
    const [bad] = await callApi(app, 'request', { url: `${base}/broken` });
    expect(payload(bad)).toMatchObject({ error: 14, errorMessage: 'JSON parse data error' });
  });

  it('fails with 13 when the server does not answer within timeout', async () => {
    const [line] = await callApi(app, 'request', { url: `${base}/slow`, timeout: 100 });
    expect(payload(line)).toMatchObject({ error: 13 });
  });

  it('aborts through the task the call returns (error 9)', async () => {
    await app.currentPage().tap('#abort');
    const line = logLines(app).find((l) => l.startsWith('aborted '))!;
    expect(payload(line)).toMatchObject({ error: 9 });
  });

  it('refuses domains outside the allow-list (11) before any traffic', async () => {
    const before = seen.length;
    const [line] = await callApi(app, 'request', { url: 'https://not-allowed.invalid/x' });
    expect(payload(line)).toMatchObject({ error: 11, errorMessage: expect.stringContaining('allow-list') });
    expect(seen.length).toBe(before);
  });

  it('refuses plain http to loopback unless the host allows it', async () => {
    const strict = await launchProject({ 'app.js': driverAppJs(), ...page('pages/index/index', { axml: '<view/>' }) });
    const before = seen.length;
    const [line] = await callApi(strict, 'request', { url: `${base}/echo` });
    expect(line).toMatch(/^fail /);
    expect(seen.length).toBe(before);
  });
});

describe('my.httpRequest (the legacy name real apps still call)', () => {
  it('POSTs an object form-encoded by default, where my.request sends JSON; the result has the same shape', async () => {
    const [line] = await callApi(app, 'httpRequest', { url: `${base}/echo`, method: 'POST', data: { q: 'tea', n: 2 } });
    expect(line).toMatch(/^success /);
    expect(payload(line)).toMatchObject({ status: 200, data: { method: 'POST', url: '/echo', body: 'q=tea&n=2' } });
    expect(seen.at(-1)!.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('sends JSON when the app sets that content-type, and keeps the allow-list (11) and timeout (13) of my.request', async () => {
    const [json] = await callApi(app, 'httpRequest', { url: `${base}/echo`, method: 'POST', headers: { 'content-type': 'application/json' }, data: { items: [1] } });
    expect(payload(json).data).toEqual({ method: 'POST', url: '/echo', body: { items: [1] } });
    const [refused] = await callApi(app, 'httpRequest', { url: 'https://not-allowed.test/x' });
    expect(payload(refused)).toMatchObject({ error: 11 });
    const [slow] = await callApi(app, 'httpRequest', { url: `${base}/slow`, timeout: 100 });
    expect(payload(slow)).toMatchObject({ error: 13 });
  });
});

describe('offline (the host reports NOTREACHABLE)', () => {
  it('onNetworkStatusChange hears it, getNetworkType says so, requests fail with 12 and reach nothing; back online they work again', async () => {
    const sent = seen.length;
    await app.setNetworkType('NOTREACHABLE');
    expect(logLines(app).filter((l) => l.startsWith('net '))).toEqual(['net {"isConnected":false,"networkType":"NOTREACHABLE"}']);
    const [type] = await callApi(app, 'getNetworkType', {});
    expect(payload(type)).toEqual({ networkAvailable: false, networkType: 'NOTREACHABLE' });
    for (const api of ['request', 'httpRequest']) {
      const [line] = await callApi(app, api, { url: `${base}/echo` });
      expect(payload(line)).toMatchObject({ error: 12 });
      expect(payload(line).errorMessage).toContain('offline');
    }
    expect(seen.length).toBe(sent);
    await app.setNetworkType('4G');
    expect(logLines(app).filter((l) => l.startsWith('net ')).at(-1)).toBe('net {"isConnected":true,"networkType":"4G"}');
    const [back] = await callApi(app, 'request', { url: `${base}/echo` });
    expect(payload(back).status).toBe(200);
    await app.setNetworkType('WIFI');
  });
});
