/**
 * The page's window through the host UI adapter (docs: api/基础API/界面/设置窗口背景/my.setBackgroundColor,
 * my.setBackgroundTextStyle ('dark' | 'light'); 设置页面是否支持下拉/my.setCanPullDown; 导航栏/my.getTitleColor
 * ({ color } as #RRGGBBAA, e.g. #323239FF), my.hideBackHome; 字体/my.loadFontFace (HTTPS, woff/otf/ttf/sfnt,
 * no woff2, failure 10 加载失败)). The headless UI records the calls and keeps each page's window state.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeadlessUi } from '../../src/jsapi/index.ts';
import { appConfig, harness, ok } from './helpers.ts';

describe('window APIs (headless UI)', () => {
  it('set the page\'s background, text style, pull-down and back-home button, recorded per page', async () => {
    const ui = createHeadlessUi();
    const { call, services } = harness({ ui });
    ok(await call('setBackgroundColor', { backgroundColor: '#ff0000', backgroundColorTop: '#00ff00' }));
    ok(await call('setBackgroundTextStyle', { textStyle: 'light' }));
    ok(await call('setCanPullDown', { canPullDown: false }));
    ok(await call('hideBackHome'));
    expect(ui.windowOf(7)).toEqual({ backgroundColor: '#ff0000', backgroundColorTop: '#00ff00', backgroundTextStyle: 'light', canPullDown: false, backHomeHidden: true });
    services.page = { id: 8, route: 'pages/other/other' };
    ok(await call('setBackgroundColor', { backgroundColorBottom: '#000' }));
    expect(ui.windowOf(8)).toEqual({ backgroundColorBottom: '#000', canPullDown: true, backHomeHidden: false });
    expect(ui.windowOf(7).canPullDown).toBe(false);
    expect(ui.calls.map((c) => c.api)).toEqual(['setBackgroundColor', 'setBackgroundTextStyle', 'setCanPullDown', 'hideBackHome', 'setBackgroundColor']);
  });

  it('refuse bad arguments with 2', async () => {
    const { call } = harness();
    expect(await call('setBackgroundColor', { backgroundColor: 'red;background:url(x)' })).toMatchObject({ ok: false, error: { error: 2, errorMessage: expect.stringContaining('backgroundColor') } });
    expect(await call('setBackgroundTextStyle', { textStyle: 'blue' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('setBackgroundTextStyle', {})).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('setCanPullDown', {})).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it('getTitleColor answers #RRGGBBAA: what setNavigationBar set, else app.json titleBarColor, else white', async () => {
    expect(ok(await harness().call('getTitleColor'))).toEqual({ color: '#FFFFFFFF' });
    const configured = harness({}, { app: appConfig({ window: { titleBarColor: '#323239' } }) });
    expect(ok(await configured.call('getTitleColor'))).toEqual({ color: '#323239FF' });
    ok(await configured.call('setNavigationBar', { backgroundColor: '#1677ff' }));
    expect(ok(await configured.call('getTitleColor'))).toEqual({ color: '#1677FFFF' });
    ok(await configured.call('setNavigationBarColor', { backgroundColor: '#abc' }));
    expect(ok(await configured.call('getTitleColor'))).toEqual({ color: '#AABBCCFF' });
    ok(await configured.call('setNavigationBar', { reset: true }));
    expect(ok(await configured.call('getTitleColor'))).toEqual({ color: '#323239FF' });
  });

  it('are declared as answered (no longer "not supported": canIUse is true)', () => {
    const { jsapi } = harness();
    const names = ['setBackgroundColor', 'setBackgroundTextStyle', 'setCanPullDown', 'getTitleColor', 'hideBackHome', 'loadFontFace'];
    for (const name of names) {
      const descriptor = jsapi.descriptors().find((d) => d.name === name);
      expect(descriptor?.name).toBe(name);
      expect(descriptor?.unsupported).toBeUndefined();
    }
  });
});

describe('my.loadFontFace', () => {
  let server: Server;
  let base: string;
  const TTF = Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.alloc(60, 1)]);
  const WOFF2 = Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(60, 1)]);
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/font.ttf') return res.writeHead(200, { 'content-type': 'font/ttf' }).end(TTF);
      if (req.url === '/font.woff2') return res.writeHead(200, { 'content-type': 'font/woff2' }).end(WOFF2);
      if (req.url === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not a font at all</html>');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the font through the network policy and hands it to the host UI', async () => {
    const ui = createHeadlessUi();
    const { call } = harness({ ui, network: { allowInsecureLoopback: true } });
    ok(await call('loadFontFace', { family: 'My Font', source: `url("${base}/font.ttf")`, desc: { weight: 700, style: 'italic' } }));
    expect(ui.fonts).toEqual([{ family: 'My Font', url: `${base}/font.ttf`, bytes: TTF.byteLength, descriptors: { weight: '700', style: 'italic' }, global: false, page: 7 }]);
  });

  it('fails with 10 (加载失败) outside the policy, for http, woff2, non-fonts, missing files and bad descriptors', async () => {
    const loopback = harness({ network: { allowInsecureLoopback: true } });
    const fail10 = (reply: unknown, message: RegExp) => expect(reply).toMatchObject({ ok: false, error: { error: 10, errorMessage: expect.stringMatching(message) } });
    fail10(await harness().call('loadFontFace', { family: 'F', source: `url("${base}/font.ttf")` }), /http URLs are not supported/);
    fail10(await harness({ network: { allowDomains: ['fonts.example'] } }).call('loadFontFace', { family: 'F', source: "url('https://evil.example/f.ttf')" }), /allow-list/);
    fail10(await harness().call('loadFontFace', { family: 'F', source: 'http://fonts.example/f.ttf' }), /https/);
    fail10(await harness().call('loadFontFace', { family: 'F', source: 'data:font/ttf;base64,AAEAAA' }), /https/);
    fail10(await loopback.call('loadFontFace', { family: 'F', source: `url(${base}/font.woff2)` }), /woff2/);
    fail10(await loopback.call('loadFontFace', { family: 'F', source: `url(${base}/page.html)` }), /not a woff/);
    fail10(await loopback.call('loadFontFace', { family: 'F', source: `url(${base}/missing.ttf)` }), /404/);
    fail10(await loopback.call('loadFontFace', { family: 'F"; } body { color: red', source: `url(${base}/font.ttf)` }), /family/);
    fail10(await loopback.call('loadFontFace', { family: 'F', source: `url(${base}/font.ttf)`, desc: { weight: 'heavy' } }), /weight/);
    expect(await loopback.call('loadFontFace', { source: `url(${base}/font.ttf)` })).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it('fails with 10 when the host cannot use the font', async () => {
    const { call } = harness({ network: { allowInsecureLoopback: true }, ui: { loadFontFace: () => Promise.reject(new Error('bad glyph table')) } });
    expect(await call('loadFontFace', { family: 'F', source: `url(${base}/font.ttf)` })).toMatchObject({ ok: false, error: { error: 10, errorMessage: expect.stringContaining('bad glyph table') } });
  });
});
