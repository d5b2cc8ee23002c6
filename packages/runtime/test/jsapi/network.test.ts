import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostToLogic, TaskEventMessage } from '../../src/contract/protocol.ts';
import { createMemoryFileStore, type HostOptions } from '../../src/jsapi/index.ts';
import { appConfig, harness, ok } from './helpers.ts';

let server: Server;
let base: string;
let wss: WebSocketServer;
let wsBase: string;
const uploads: { contentType: string; fields: Record<string, string>; file?: { name: string; filename: string; bytes: number[] } }[] = [];

const BINARY = Uint8Array.from({ length: 256 }, (_, i) => i);

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const body = await readAll(req);
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    switch (url.pathname) {
      case '/status':
        return json(Number(url.searchParams.get('code')), { code: Number(url.searchParams.get('code')) }, { 'x-served-by': 'test' });
      case '/echo':
        return json(200, { method: req.method, query: Object.fromEntries(url.searchParams), headers: req.headers, body: body.toString() });
      case '/text':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('纯文本');
      case '/bad-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"unterminated": ');
      case '/empty':
        res.writeHead(204);
        return res.end();
      case '/bin':
      case '/download':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(BINARY.length) });
        return res.end(Buffer.from(BINARY));
      case '/pdf':
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return res.end('%PDF-1.4');
      case '/slow':
        // Never answers on its own; the client's timeout or abort ends it.
        return;
      case '/redirect':
        res.writeHead(302, { location: url.searchParams.get('to')! });
        return res.end();
      case '/login':
        res.writeHead(200, { 'set-cookie': 'session=abc123; Path=/; HttpOnly', 'content-type': 'application/json' });
        return res.end('{}');
      case '/upload': {
        const form = await new Request('http://x/', { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': req.headers['content-type']! } }).formData();
        const fields: Record<string, string> = {};
        let file: (typeof uploads)[number]['file'];
        for (const [name, value] of form) {
          if (typeof value === 'string') fields[name] = value;
          else file = { name, filename: value.name, bytes: [...new Uint8Array(await value.arrayBuffer())] };
        }
        uploads.push({ contentType: req.headers['content-type']!, fields, file });
        res.writeHead(201, { 'content-type': 'text/plain' });
        return res.end('stored');
      }
      default:
        res.writeHead(404);
        return res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (socket, req) => {
    socket.on('message', (data, isBinary) => {
      if (!isBinary && data.toString() === 'bye') return socket.close(4000, 'server says bye');
      socket.send(isBinary ? data : `echo:${data.toString()}`, { binary: isBinary });
    });
    if (req.url?.includes('greet')) socket.send(`hello ${new URL(req.url, 'ws://x').searchParams.get('name')}`);
  });
  await new Promise<void>((resolve) => wss.on('listening', () => resolve()));
  wsBase = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  for (const client of wss.clients) client.terminate();
  await new Promise((resolve) => wss.close(resolve));
});

const loopback: HostOptions = { network: { allowInsecureLoopback: true } };

describe('my.request', () => {
  it('delivers every HTTP status to success with data, status and headers (and their aliases)', async () => {
    const { call } = harness(loopback);
    for (const code of [200, 404, 500]) {
      const result = ok(await call('request', { url: `${base}/status?code=${code}` }));
      expect(result).toMatchObject({ data: { code }, status: code, statusCode: code, headers: { 'x-served-by': 'test' }, header: { 'x-served-by': 'test' } });
    }
  });

  it('encodes data as a query string for GET and as JSON or a form for POST', async () => {
    const { call } = harness(loopback);
    const get = ok(await call('request', { url: `${base}/echo?a=1`, data: { b: 'x y', c: 2 } }));
    expect(get.data).toMatchObject({ method: 'GET', query: { a: '1', b: 'x y', c: '2' } });
    const json = ok(await call('request', { url: `${base}/echo`, method: 'post', data: { n: 1 }, headers: { 'X-Token': 't' } }));
    expect(json.data).toMatchObject({ method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json', 'x-token': 't' } });
    const form = ok(await call('request', {
      url: `${base}/echo`,
      method: 'POST',
      data: { name: '张三', age: 3 },
      header: { 'content-type': 'application/x-www-form-urlencoded' },
    }));
    expect(form.data.body).toBe('name=%E5%BC%A0%E4%B8%89&age=3');
    const binary = ok(await call('request', { url: `${base}/echo`, method: 'PUT', data: { $arraybuffer: Buffer.from('raw bytes').toString('base64') } }));
    expect(binary.data).toMatchObject({ method: 'PUT', body: 'raw bytes' });
  });

  it('decodes per dataType: json, text, base64 data URI, arraybuffer marker', async () => {
    const { call } = harness(loopback);
    expect(ok(await call('request', { url: `${base}/text`, dataType: 'text' })).data).toBe('纯文本');
    expect(ok(await call('request', { url: `${base}/bin`, dataType: 'base64' })).data).toBe(`data:image/png;base64,${Buffer.from(BINARY).toString('base64')}`);
    expect(ok(await call('request', { url: `${base}/bin`, dataType: 'arraybuffer' })).data).toEqual({ $arraybuffer: Buffer.from(BINARY).toString('base64') });
    expect(ok(await call('request', { url: `${base}/status?code=200`, dataType: 'JSON' })).data).toEqual({ code: 200 });
    expect(ok(await call('request', { url: `${base}/empty` }))).toMatchObject({ status: 204, data: '' });
  });

  it('fails with 14 "JSON parse data error" on a body that is not JSON, keeping status and text', async () => {
    const { call } = harness(loopback);
    expect(await call('request', { url: `${base}/bad-json` })).toMatchObject({
      ok: false,
      error: { error: 14, errorMessage: 'JSON parse data error', status: 200, data: '{"unterminated": ' },
    });
  });

  it('times out with 13, by the timeout parameter or app.json networkTimeout.request', async () => {
    const { call } = harness(loopback);
    expect(await call('request', { url: `${base}/slow`, timeout: 50 })).toMatchObject({ ok: false, error: { error: 13, errorMessage: 'request: timed out after 50 ms' } });
    const configured = harness(loopback, { app: appConfig({ networkTimeout: { request: 60, connectSocket: 30000, uploadFile: 60000, downloadFile: 60000 } }) });
    expect(await configured.call('request', { url: `${base}/slow` })).toMatchObject({ ok: false, error: { error: 13, errorMessage: 'request: timed out after 60 ms' } });
  });

  it('aborts through the RequestTask with error 9', async () => {
    const { start, call, services, jsapi } = harness(loopback);
    const request = start('request', { url: `${base}/slow` });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(jsapi.pending()).toBe(1);
    expect(ok(await call('abort', {}, { task: request.cb }))).toEqual({ success: true });
    expect(await request.reply).toMatchObject({ ok: false, error: { error: 9, errorMessage: 'request:fail abort' } });
    expect(services.emitted).toEqual([]);
  });

  it('reports HeadersReceived as a task event before the reply', async () => {
    const { start, services } = harness(loopback);
    const request = start('request', { url: `${base}/status?code=200` });
    ok(await request.reply);
    expect(services.emitted).toContainEqual({ t: 'task', task: request.cb, event: 'HeadersReceived', data: { header: expect.objectContaining({ 'x-served-by': 'test' }) } });
  });

  it('keeps server cookies and sends them back, but never shows them to the app', async () => {
    const { call } = harness(loopback);
    const login = ok(await call('request', { url: `${base}/login` }));
    expect(login.headers['set-cookie']).toBeUndefined();
    expect(ok(await call('request', { url: `${base}/echo` })).data.headers.cookie).toBe('session=abc123');
    // Another mini-program has its own jar.
    expect(ok(await harness(loopback).call('request', { url: `${base}/echo` })).data.headers.cookie).toBeUndefined();
  });

  it('enforces the URL policy: HTTPS, the domain allow-list, no IPs, loopback only when allowed', async () => {
    const seen: string[] = [];
    const fetch = async (url: string | URL | Request) => {
      seen.push(String(url));
      return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const { call } = harness({ network: { allowDomains: ['example.com'], fetch: fetch as typeof globalThis.fetch } });
    expect(ok(await call('request', { url: 'https://api.example.com/v1' })).data).toEqual({ ok: true });
    expect(ok(await call('request', { url: 'https://example.com/' })).data).toEqual({ ok: true });
    expect(await call('request', { url: 'https://example.com.evil.org/' })).toMatchObject({
      ok: false,
      error: { error: 11, errorMessage: 'request: "example.com.evil.org" is not in the domain allow-list (host.network.allowDomains)' },
    });
    expect(await call('request', { url: 'http://api.example.com/' })).toMatchObject({ ok: false, error: { error: 20, errorMessage: 'request: http URLs are not supported, use https' } });
    expect(await call('request', { url: 'https://10.0.0.8/' })).toMatchObject({ ok: false, error: { error: 11, errorMessage: expect.stringContaining('IP addresses are not allowed') } });
    expect(await call('request', { url: `${base}/echo` })).toMatchObject({ ok: false, error: { error: 20 } });
    expect(await call('request', { url: 'https://localhost/' })).toMatchObject({ ok: false, error: { error: 11, errorMessage: expect.stringContaining('loopback') } });
    expect(await call('request', { url: 'ftp://example.com/' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('request', { url: 'not a url' })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'request: invalid URL "not a url"' } });
    expect(seen).toEqual(['https://api.example.com/v1', 'https://example.com/']);
    // With no allow-list configured nothing is reachable.
    expect(await harness().call('request', { url: 'https://example.com/' })).toMatchObject({ ok: false, error: { error: 11 } });
  });

  it('re-checks the policy on every redirect', async () => {
    const { call } = harness(loopback);
    expect(await call('request', { url: `${base}/redirect?to=${encodeURIComponent('https://evil.example/')}` })).toMatchObject({
      ok: false,
      error: { error: 11, errorMessage: expect.stringContaining('"evil.example" is not in the domain allow-list') },
    });
    expect(ok(await call('request', { url: `${base}/redirect?to=/status%3Fcode%3D200` })).data).toEqual({ code: 200 });
  });

  it('reports a refused connection as a network error (12)', async () => {
    const { call } = harness(loopback);
    expect(await call('request', { url: 'http://127.0.0.1:1/' })).toMatchObject({ ok: false, error: { error: 12, errorMessage: expect.stringContaining('network error') } });
  });
});

describe('my.uploadFile and my.downloadFile', () => {
  it('uploads a stored file as multipart/form-data with its form fields', async () => {
    const files = createMemoryFileStore();
    const { call } = harness({ ...loopback, files });
    await files.write('test-app', 'https://resource/apml1.image', Uint8Array.from([1, 2, 3]));
    const result = ok(await call('uploadFile', { url: `${base}/upload`, filePath: 'https://resource/apml1.image', name: 'userfile', formData: { extra: '其他信息' }, fileType: 'image' }));
    expect(result).toEqual({ data: 'stored', statusCode: 201, header: expect.objectContaining({ 'content-type': 'text/plain' }) });
    const upload = uploads.at(-1)!;
    expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.fields).toEqual({ extra: '其他信息' });
    expect(upload.file).toEqual({ name: 'userfile', filename: 'apml1.image', bytes: [1, 2, 3] });
  });

  it('fails an upload of a missing file (11), outside the allow-list (4), or without required params (2)', async () => {
    const { call } = harness(loopback);
    expect(await call('uploadFile', { url: `${base}/upload`, filePath: 'https://resource/nope.image', name: 'f' })).toMatchObject({ ok: false, error: { error: 11 } });
    expect(await harness().call('uploadFile', { url: 'https://files.example/up', filePath: 'x', name: 'f' })).toMatchObject({ ok: false, error: { error: 4 } });
    expect(await call('uploadFile', { url: `${base}/upload`, name: 'f' })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'uploadFile: parameter "filePath" is required (string)' } });
  });

  it('downloads into the file store, naming temporary files by content type, with progress events', async () => {
    const files = createMemoryFileStore();
    const { start, services } = harness({ ...loopback, files });
    const download = start('downloadFile', { url: `${base}/download` });
    const result = ok(await download.reply);
    expect(result.apFilePath).toMatch(/^https:\/\/resource\/apml[0-9a-f]{32}\.image$/);
    expect(result.tempFilePath).toBe(result.apFilePath);
    expect([...(await files.read('test-app', result.apFilePath))!]).toEqual([...BINARY]);
    const progress = services.emitted.filter((m): m is TaskEventMessage => m.t === 'task' && m.event === 'ProgressUpdate');
    expect(progress.at(-1)).toEqual({ t: 'task', task: download.cb, event: 'ProgressUpdate', data: { progress: 100, totalBytesWritten: 256, totalBytesExpectedToWrite: 256 } });
    // Another mini-program cannot read it.
    expect(await files.read('other-app', result.apFilePath)).toBeUndefined();
    const pdf = ok(await harness({ ...loopback, files }).call('downloadFile', { url: `${base}/pdf` }));
    expect(pdf.apFilePath).toMatch(/\.pdf$/);
  });

  it('saves under USER_DATA_PATH when filePath is given, and decodes data URLs without the network', async () => {
    const files = createMemoryFileStore();
    const { call } = harness({ ...loopback, files });
    expect(ok(await call('downloadFile', { url: `${base}/bin`, filePath: 'https://usr/pic.png' }))).toMatchObject({ filePath: 'https://usr/pic.png' });
    expect((await files.read('test-app', 'https://usr/pic.png'))!.length).toBe(256);
    expect(await call('downloadFile', { url: `${base}/bin`, filePath: '/etc/passwd' })).toMatchObject({ ok: false, error: { error: 2 } });
    const inline = ok(await harness({ files }).call('downloadFile', { url: 'data:image/png;base64,AAEC' }));
    expect([...(await files.read('test-app', inline.apFilePath))!]).toEqual([0, 1, 2]);
  });

  it('fails a download on an HTTP error (12), over http (20), or to a hidden host (13)', async () => {
    const { call } = harness(loopback);
    expect(await call('downloadFile', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'downloadFile: parameter "url" is required (string)' } });
    expect(await call('downloadFile', { url: `${base}/bin`, timeout: 'soon' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('downloadFile', { url: `${base}/missing` })).toMatchObject({ ok: false, error: { error: 12, errorMessage: 'downloadFile: download failed (HTTP 404)' } });
    expect(await call('downloadFile', { url: 'http://cdn.example/a.png' })).toMatchObject({ ok: false, error: { error: 20 } });
    expect(await harness().call('downloadFile', { url: `https://127.0.0.1:9/a.png` })).toMatchObject({ ok: false, error: { error: 13 } });
  });
});

describe('WebSockets', () => {
  const taskEvent = (task: number, event: string) => (m: HostToLogic): m is TaskEventMessage => m.t === 'task' && m.task === task && m.event === event;

  it('opens a SocketTask, echoes messages, sends binary and closes', async () => {
    const { start, call, services } = harness(loopback);
    const socket = start('connectSocket', { url: `${wsBase}/chat`, multiple: true });
    expect(ok(await socket.reply)).toEqual({ socketTaskId: socket.cb });
    expect((await services.waitFor(taskEvent(socket.cb, 'Open'))).data).toEqual({ data: { socketTaskID: String(socket.cb) } });
    expect(ok(await call('send', { data: 'hi' }, { task: socket.cb }))).toEqual({ success: true });
    expect((await services.waitFor(taskEvent(socket.cb, 'Message'))).data).toEqual({ data: { socketTaskID: String(socket.cb), data: 'echo:hi', isBuffer: false } });
    ok(await call('SocketTask.send', { data: Buffer.from([9, 8, 7]).toString('base64'), isBuffer: true }, { task: socket.cb }));
    const binary = (await services.waitFor((m) => taskEvent(socket.cb, 'Message')(m) && (m.data as { data: { isBuffer: boolean } }).data.isBuffer)) as TaskEventMessage;
    expect((binary.data as { data: { data: string } }).data.data).toBe(Buffer.from([9, 8, 7]).toString('base64'));
    ok(await call('close', { code: 1000, reason: 'done' }, { task: socket.cb }));
    expect((await services.waitFor(taskEvent(socket.cb, 'Close'))).data).toEqual({ data: { socketTaskID: String(socket.cb), code: 1000, reason: 'done' } });
    expect(await call('send', { data: 'late' }, { task: socket.cb })).toMatchObject({ ok: false, error: { error: 10 } });
  });

  it('drives the global socket with my.sendSocketMessage / my.closeSocket and my.onSocket* events', async () => {
    const { call, services } = harness(loopback);
    expect(await call('sendSocketMessage', { data: 'early' })).toMatchObject({ ok: false, error: { error: 10, errorMessage: 'sendSocketMessage: the WebSocket is not open' } });
    ok(await call('connectSocket', { url: `${wsBase}/greet`, data: { name: 'mpk' } }));
    expect(await call('connectSocket', { url: `${wsBase}/again` })).toMatchObject({ ok: false, error: { error: 3 } });
    await services.waitFor((m) => m.t === 'hostEvent' && m.name === 'SocketOpen');
    expect(await services.waitFor((m) => m.t === 'hostEvent' && m.name === 'SocketMessage')).toEqual({ t: 'hostEvent', name: 'SocketMessage', data: { data: 'hello mpk', isBuffer: false } });
    ok(await call('sendSocketMessage', { data: 'bye' }));
    expect(await services.waitFor((m) => m.t === 'hostEvent' && m.name === 'SocketClose')).toEqual({ t: 'hostEvent', name: 'SocketClose', data: { code: 4000, reason: 'server says bye' } });
    // Closed: a new global socket may be opened.
    ok(await call('connectSocket', { url: `${wsBase}/again` }));
    ok(await call('closeSocket', {}));
  });

  it('rejects bad socket URLs with the documented codes', async () => {
    const { call } = harness(loopback);
    expect(await call('connectSocket', { url: 'https://example.com/' })).toMatchObject({ ok: false, error: { error: 5 } });
    expect(await call('connectSocket', { url: '::nonsense' })).toMatchObject({ ok: false, error: { error: 4 } });
    expect(await harness().call('connectSocket', { url: 'ws://chat.example/' })).toMatchObject({ ok: false, error: { error: 20 } });
    expect(await harness().call('connectSocket', { url: wsBase })).toMatchObject({ ok: false, error: { error: 20 } });
  });

  it('reports a refused connection as Error then Close events', async () => {
    const { start, services } = harness(loopback);
    const socket = start('connectSocket', { url: 'ws://127.0.0.1:1/', multiple: true });
    ok(await socket.reply);
    const error = await services.waitFor(taskEvent(socket.cb, 'Error'));
    expect(error.data).toMatchObject({ data: { socketTaskID: String(socket.cb) }, error: 1 });
    expect((await services.waitFor(taskEvent(socket.cb, 'Close'))).data).toMatchObject({ data: { code: 1006 } });
  });

  it('gives up connecting after app.json networkTimeout.connectSocket (error 6)', async () => {
    const never = () => new Promise<never>(() => {});
    const app = appConfig({ networkTimeout: { request: 30000, connectSocket: 40, uploadFile: 60000, downloadFile: 60000 } });
    const { start, services } = harness({ network: { allowInsecureLoopback: true, webSocket: never } }, { app });
    const socket = start('connectSocket', { url: `${wsBase}/slow`, multiple: true });
    ok(await socket.reply);
    expect((await services.waitFor(taskEvent(socket.cb, 'Error'))).data).toMatchObject({ error: 6 });
    expect((await services.waitFor(taskEvent(socket.cb, 'Close'))).data).toMatchObject({ data: { code: 1006 } });
  });

  it('validates socket arguments', async () => {
    const { call, start } = harness(loopback);
    expect(await call('connectSocket', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'connectSocket: parameter "url" is required (string)' } });
    expect(await call('connectSocket', { url: wsBase, protocols: 'chat' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('sendSocketMessage', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'sendSocketMessage: parameter "data" is required (string)' } });
    const socket = start('connectSocket', { url: `${wsBase}/v`, multiple: true });
    ok(await socket.reply);
    expect(await call('send', { data: 1 }, { task: socket.cb })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'connectSocket.send: parameter "data" should be string, got number' } });
    expect(await call('close', { code: 1 }, { task: socket.cb })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'closeSocket: code must be 1000 or 3000–4999, got 1' } });
    ok(await call('close', {}, { task: socket.cb }));
  });

  it('closes open sockets on dispose', async () => {
    const { start, services, jsapi } = harness(loopback);
    const socket = start('connectSocket', { url: `${wsBase}/x`, multiple: true });
    await services.waitFor(taskEvent(socket.cb, 'Open'));
    const before = wss.clients.size;
    await jsapi.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(wss.clients.size).toBeLessThan(before);
  });
});
