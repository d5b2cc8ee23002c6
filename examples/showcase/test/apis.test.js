import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launch } from '@mpk/devtools/harness';
import { project } from './support/project.js';
import { projectWithApiBase, startApiServer } from './support/server.js';

const APIS = 'pages/apis/apis';
let app;

/** Launches the showcase on the APIs tab. */
async function openApis(options = {}, dir = project) {
  app = await launch(dir, { page: APIS, ...options });
  return app.currentPage();
}

/** Closes the app; nothing the mini-program ran may have thrown. */
async function closeApp() {
  if (!app) return;
  const closing = app;
  app = undefined;
  await closing.close();
  expect(closing.errors).toEqual([]);
}

afterEach(closeApp);

const summary = (page, key) => page.text(`#summary-${key}`);
const result = (page, key) => page.data.results[key];

describe('feedback APIs', () => {
  it('shows a toast and a loading indicator that a timer hides', async () => {
    const page = await openApis();
    await page.tap('#show-toast');
    expect(app.uiCalls).toEqual([{ api: 'showToast', args: expect.objectContaining({ type: 'success', content: 'Saved!', duration: 1500 }) }]);
    expect(summary(page, 'toast')).toBe('A success toast for 1.5 s');

    await page.tap('#show-loading');
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showLoading', args: expect.objectContaining({ content: 'Loading…' }) });
    expect(summary(page, 'loading')).toBe('Loading, hides itself after 2 s');
    await app.advanceTime(1999);
    expect(app.uiCalls.map((call) => call.api)).not.toContain('hideLoading');
    await app.advanceTime(1);
    expect(app.uiCalls.at(-1)).toEqual({ api: 'hideLoading', args: {} });
    expect(summary(page, 'loading')).toBe('Loading hidden after 2 s');
  });

  it('shows an alert with its one button', async () => {
    const page = await openApis();
    await page.tap('#alert');
    expect(app.uiCalls).toEqual([{ api: 'alert', args: expect.objectContaining({ title: 'Hello', buttonText: 'Got it' }) }]);
    expect(summary(page, 'alert')).toBe('The alert was closed');
  });

  it('follows the answer to a confirm', async () => {
    let page = await openApis();
    await page.tap('#confirm');
    expect(app.uiCalls[0]).toEqual({ api: 'confirm', args: expect.objectContaining({ confirmButtonText: 'Delete', cancelButtonText: 'Keep' }) });
    expect(result(page, 'confirm')).toEqual({ status: 'success', value: { confirm: true } });
    expect(summary(page, 'confirm')).toBe('Draft deleted');
    await closeApp();

    page = await openApis({ ui: { confirm: false } });
    await page.tap('#confirm');
    expect(page.text('#result-confirm .raw')).toBe('success {"confirm":false}');
    expect(summary(page, 'confirm')).toBe('Draft kept');
  });

  it('greets with what was typed into a prompt, or not at all', async () => {
    let page = await openApis({ ui: { prompt: { ok: true, inputValue: 'Ada' } } });
    await page.tap('#prompt');
    expect(result(page, 'prompt').value).toEqual({ ok: true, inputValue: 'Ada' });
    expect(summary(page, 'prompt')).toBe('Hello, Ada!');
    await closeApp();

    page = await openApis({ ui: { prompt: { ok: false } } });
    await page.tap('#prompt');
    expect(summary(page, 'prompt')).toBe('No greeting today');
  });

  it('reports the action sheet choice, or the cancel', async () => {
    let page = await openApis({ ui: { actionSheet: 2 } });
    await page.tap('#action-sheet');
    expect(app.uiCalls[0].args).toMatchObject({ items: ['Red', 'Green', 'Blue'], badges: [{ index: 2, type: 'text', text: 'new' }] });
    expect(summary(page, 'actionSheet')).toBe('You picked Blue');
    await closeApp();

    page = await openApis({ ui: { actionSheet: -1 } });
    await page.tap('#action-sheet');
    expect(result(page, 'actionSheet').value).toEqual({ index: -1 });
    expect(summary(page, 'actionSheet')).toBe('Cancelled');
  });

  it('sets and resets the navigation bar', async () => {
    const page = await openApis();
    await page.tap('#set-navigation-bar');
    await page.tap('#reset-navigation-bar');
    expect(app.uiCalls).toEqual([
      { api: 'setNavigationBar', args: expect.objectContaining({ title: 'APIs ✓', backgroundColor: '#52c41a', frontColor: '#ffffff' }) },
      { api: 'setNavigationBar', args: expect.objectContaining({ title: 'APIs', reset: true }) },
    ]);
    expect(summary(page, 'navigationBar')).toBe('Back to the default look');
  });
});

describe('device APIs', () => {
  it('copies to the clipboard; reading it back needs consent', async () => {
    let page = await openApis();
    await page.input('#clip-text', 'hello clipboard');
    await page.tap('#copy');
    expect(result(page, 'clipboard')).toEqual({ status: 'success', value: { success: true } });
    expect(summary(page, 'clipboard')).toBe('Copied "hello clipboard"');
    await page.tap('#paste');
    expect(result(page, 'clipboard').status).toBe('fail');
    expect(result(page, 'clipboard').value.error).toBe(2002);
    expect(summary(page, 'clipboard')).toBe('Reading the clipboard was not allowed');
    await closeApp();

    page = await openApis({ host: { permissions: { clipboard: 'granted' } } });
    await page.tap('#copy');
    await page.tap('#paste');
    expect(result(page, 'clipboard').value).toEqual({ text: 'Copied from the mpk showcase' });
    expect(summary(page, 'clipboard')).toBe('The clipboard holds "Copied from the mpk showcase"');
  });

  it('describes the device and the network', async () => {
    const page = await openApis({ host: { system: { brand: 'Acme', model: 'Phone 9', platform: 'Android', system: '14', pixelRatio: 3 }, network: { type: '4G' } } });
    await page.tap('#system-info');
    expect(summary(page, 'systemInfo')).toBe('Acme Phone 9 · Android 14 · 375×603 @3x');
    expect(result(page, 'systemInfo').value).toMatchObject({ screenWidth: 375, screenHeight: 667, windowHeight: 603 });
    await page.tap('#network-type');
    expect(result(page, 'network').value).toEqual({ networkAvailable: true, networkType: '4G' });
    expect(summary(page, 'network')).toBe('4G');
  });

  it('vibrates and dials', async () => {
    const page = await openApis();
    await page.tap('#vibrate');
    await page.tap('#phone');
    expect(app.uiCalls).toEqual([
      { api: 'vibrate', args: { kind: 'short' } },
      { api: 'makePhoneCall', args: { number: '95188' } },
    ]);
    expect(summary(page, 'vibrate')).toBe('Bzz (40 ms)');
    expect(summary(page, 'phone')).toBe('Dialling 95188');
  });
});

describe('location', () => {
  const fix = { longitude: '120.15507', latitude: '30.27415', accuracy: '30', horizontalAccuracy: '30', city: 'Hangzhou', province: 'Zhejiang' };

  /** The host's location service (the real getLocation, permission checks included), counting its calls. */
  function locationService() {
    const service = { calls: 0, getLocation: () => (service.calls++, fix) };
    return service;
  }

  it('shows where the host says the device is', async () => {
    // A mock answers for the whole API, consent included.
    const page = await openApis({ mocks: { getLocation: fix } });
    await page.tap('#locate');
    expect(app.apiCalls).toEqual([{ api: 'getLocation', args: expect.objectContaining({ type: 1 }) }]);
    expect(result(page, 'location')).toMatchObject({ status: 'success', value: { city: 'Hangzhou', latitude: '30.27415' } });
    expect(summary(page, 'location')).toBe('Hangzhou (30.27415, 120.15507)');
  });

  it('offers the settings page when location is off, and locates once it is switched on', async () => {
    const location = locationService();
    const page = await openApis({ host: { location }, ui: { openSetting: (setting) => ({ ...setting, location: true }) } });
    await page.tap('#locate');
    expect(app.uiCalls.map((call) => call.api)).toEqual(['confirm', 'openSetting']);
    expect(app.uiCalls[0].args).toMatchObject({ title: 'Location is off', confirmButtonText: 'Open settings' });
    // The first call was refused before reaching the host; the retry after the settings page got through.
    expect(location.calls).toBe(1);
    expect(result(page, 'location').status).toBe('success');
    expect(summary(page, 'location')).toBe('Hangzhou (30.27415, 120.15507)');
  });

  it('keeps showing the refusal when the user leaves the setting off', async () => {
    const location = locationService();
    const page = await openApis({ host: { location } });
    await page.tap('#locate');
    expect(app.uiCalls.map((call) => call.api)).toEqual(['confirm', 'openSetting']);
    expect(location.calls).toBe(0);
    expect(result(page, 'location')).toMatchObject({ status: 'fail', value: { error: 2002 } });
    expect(summary(page, 'location')).toBe('Location is switched off for this mini-program');
  });

  it('asks for consent with the reason from app.json', async () => {
    const location = locationService();
    const page = await openApis({ host: { location, permissions: { location: 'prompt' } }, ui: { authorize: true } });
    await page.tap('#locate');
    expect(app.uiCalls).toEqual([{ api: 'authorize', args: { scope: 'location', api: 'getLocation', desc: 'Shows which city you are in on the APIs page.' } }]);
    expect(summary(page, 'location')).toBe('Hangzhou (30.27415, 120.15507)');
    await page.tap('#locate'); // consent is remembered
    expect(app.uiCalls).toHaveLength(1);
    expect(location.calls).toBe(2);
  });

  it('shows the refusal when the user says no in the prompt', async () => {
    const location = locationService();
    const page = await openApis({ host: { location, permissions: { location: 'prompt' } }, ui: { authorize: false } });
    await page.tap('#locate');
    expect(result(page, 'location')).toMatchObject({ status: 'fail', value: { error: 2001 } });
    expect(summary(page, 'location')).toBe('You said no to sharing your location');
    expect(app.uiCalls.map((call) => call.api)).toEqual(['authorize']);
    expect(location.calls).toBe(0);
  });
});

describe('my.request', () => {
  let server;
  let copy;

  beforeAll(async () => {
    server = await startApiServer();
    copy = await projectWithApiBase(server.base);
  });

  afterAll(async () => {
    await server?.close();
    await copy?.remove();
  });

  const openWithServer = () => openApis({ host: { network: { allowInsecureLoopback: true } } }, copy.dir);

  it('GETs a greeting from the configured server', async () => {
    const page = await openWithServer();
    expect(page.html()).toContain(`my.request against ${server.base}`);
    await page.input('#greet-name', 'Ada L');
    await page.tap('#request');
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/greeting', query: { name: 'Ada L' } });
    expect(result(page, 'request')).toEqual({ status: 'success', value: { status: 200, data: { message: 'Hello, Ada L!' } } });
    expect(summary(page, 'request')).toBe('Hello, Ada L!');
  });

  it('POSTs a note as JSON', async () => {
    const page = await openWithServer();
    await page.input('#note-text', 'Buy oat milk');
    await page.tap('#post-note');
    const sent = server.requests.at(-1);
    expect(sent).toMatchObject({ method: 'POST', path: '/api/notes' });
    expect(sent.headers['content-type']).toContain('application/json');
    expect(JSON.parse(sent.body)).toEqual({ text: 'Buy oat milk' });
    expect(summary(page, 'post')).toMatch(/^Stored as note #\d+$/);
    expect(result(page, 'post').value).toMatchObject({ status: 201, data: { text: 'Buy oat milk' } });
  });

  it('shows an HTTP error status as a success with that status', async () => {
    const page = await openWithServer();
    server.failNext(503);
    await page.tap('#request');
    expect(result(page, 'request')).toEqual({ status: 'success', value: { status: 503, data: { error: 'try again later' } } });
    expect(summary(page, 'request')).toBe('The server answered 503');
  });

  it('fails with error 11 when the configured domain is not allowed', async () => {
    const page = await openApis();
    expect(page.html()).toContain('my.request against https://api.showcase.example');
    await page.tap('#request');
    expect(result(page, 'request').status).toBe('fail');
    expect(result(page, 'request').value).toMatchObject({ error: 11 });
    expect(summary(page, 'request')).toBe('The request failed');
  });
});

describe('storage', () => {
  it('saves, lists, loads and removes a note', async () => {
    const page = await openApis();
    await page.input('#note-text', 'Water the plants');
    await page.tap('#save-note');
    expect(summary(page, 'storage')).toBe('Saved "Water the plants"');
    await page.tap('#storage-info');
    expect(result(page, 'storage').value).toMatchObject({ keys: ['showcase-note'], limitSize: 10240 });
    expect(summary(page, 'storage')).toMatch(/^1 key\(s\): showcase-note; \d+(\.\d+)? of 10240 KB used$/);
    await page.tap('#load-note');
    expect(result(page, 'storage').value).toEqual({ data: { text: 'Water the plants', length: 16 } });
    expect(summary(page, 'storage')).toBe('Loaded "Water the plants"');
    await page.tap('#remove-note');
    await page.tap('#load-note');
    expect(result(page, 'storage').value).toEqual({ data: null });
    expect(summary(page, 'storage')).toBe('Nothing saved');
  });

  it('finds a note saved in an earlier session', async () => {
    const page = await openApis({ storage: { 'showcase-note': { text: 'From last time', length: 14 } } });
    expect(page.text('#summary-storage')).toBe('Saved earlier: "From last time"');
  });
});

describe('canIUse and selector queries', () => {
  it('answers my.canIUse for APIs, parameters, components and attribute values', async () => {
    const page = await openApis();
    expect(page.querySelectorAll('.can-i-use').map((node) => page.text(`#${node.attrs.id}`))).toEqual([
      'showToast: true',
      'getLocation.object.type: true',
      'getSystemInfo.return.brand: true',
      'request.object.dataType.arraybuffer: true',
      'button.open-type.share: true',
      // WeChat's open-type; Alipay asks for the phone number with open-type="getAuthorize" scope="phoneNumber".
      'button.open-type.getPhoneNumber: false',
      'input.type.numberpad: true',
      'page.$spliceData: true',
      'startBeaconDiscovery: false',
    ]);
    expect(page.querySelectorAll('.can-i-use icon').map((icon) => icon.attrs.type).at(-1)).toBe('cancel');
  });

  it('queries a node by id, a missing node and the viewport', async () => {
    const page = await openApis();
    await page.tap('#run-query');
    const [target, missing, viewport] = result(page, 'query').value;
    expect(target).toMatchObject({ id: 'query-target', dataset: { kind: 'demo' } });
    expect(target).toHaveProperty('width');
    expect(missing).toBeNull();
    expect(viewport).toMatchObject({ scrollTop: 0 });
    expect(summary(page, 'query')).toBe('#query-target is a "demo" box; #no-such-node is null; page scrolled 0px');
  });
});

describe('open capabilities', () => {
  it('gets an auth code from the host', async () => {
    const page = await openApis({ mocks: { getAuthCode: { authCode: 'AUTH-42', authSuccessScopes: ['auth_user'], authErrorScopes: {} } } });
    await page.tap('#auth-code');
    expect(app.apiCalls).toEqual([{ api: 'getAuthCode', args: { scopes: 'auth_user' } }]);
    expect(summary(page, 'authCode')).toBe('authCode AUTH-42: send it to your server');
  });

  it('shows the refusal when the user does not authorise', async () => {
    const page = await openApis({ mocks: { getAuthCode: { $fail: { error: 11, errorMessage: 'user cancelled' } } } });
    await page.tap('#auth-code');
    expect(result(page, 'authCode')).toEqual({ status: 'fail', value: { error: 11, errorMessage: 'user cancelled' } });
    expect(summary(page, 'authCode')).toBe('The user did not authorise');
  });

  it('pays the configured trade and explains each result code', async () => {
    const page = await openApis({ mocks: { tradePay: { resultCode: '9000' } } });
    await page.tap('#trade-pay');
    expect(app.apiCalls).toEqual([{ api: 'tradePay', args: { tradeNO: '2024052122001400000000000001' } }]);
    expect(summary(page, 'tradePay')).toBe('Paid (9000)');

    app.mocks.respond('tradePay', { resultCode: '6001' });
    await page.tap('#trade-pay');
    expect(summary(page, 'tradePay')).toBe('Cancelled by the user (6001)');
    app.mocks.respond('tradePay', { resultCode: '8000' });
    await page.tap('#trade-pay');
    expect(summary(page, 'tradePay')).toBe('Processing, result unknown (8000)');
  });
});
