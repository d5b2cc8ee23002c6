import { describe, expect, it } from 'vitest';
import { ApiFailure, createFixedLocation, createHeadlessPayment, createHeadlessUi, createMemoryClipboard, createMemoryFileStore } from '../../src/jsapi/index.ts';
import { appConfig, harness, ok } from './helpers.ts';

describe('system information', () => {
  it('describes a 375×667 phone by default, in both forms', async () => {
    const { call, callSync } = harness();
    const info = ok(await call('getSystemInfo'));
    expect(info).toMatchObject({
      platform: 'iOS',
      pixelRatio: 2,
      screenWidth: 375,
      screenHeight: 667,
      windowWidth: 375,
      windowHeight: 603,
      statusBarHeight: 20,
      titleBarHeight: 44,
      screen: { width: 375, height: 667 },
      language: 'zh-Hans',
      app: 'alipay',
    });
    expect(ok(callSync('getSystemInfoSync'))).toEqual(info);
    expect(ok(callSync('getWindowInfo'))).toMatchObject({ windowWidth: 375, windowHeight: 603, pixelRatio: 2 });
    expect(callSync('getSystemInfoSync', { includeBluetooth: 'yes' })).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it("takes the host's overrides and the app's transparent title bar into account", async () => {
    const { call } = harness(
      { system: { screenWidth: 414, screenHeight: 896, pixelRatio: 3, platform: 'Android', model: 'Pixel' } },
      { app: appConfig({ window: { transparentTitle: 'always' } }) },
    );
    expect(ok(await call('getSystemInfo'))).toMatchObject({ screenWidth: 414, windowWidth: 414, windowHeight: 896, pixelRatio: 3, platform: 'Android', model: 'Pixel', transparentTitle: true });
  });

  it('reports the network type the host configured', async () => {
    expect(ok(await harness().call('getNetworkType'))).toEqual({ networkAvailable: true, networkType: 'WIFI' });
    expect(ok(await harness({ network: { type: 'NOTREACHABLE' } }).call('getNetworkType'))).toEqual({ networkAvailable: false, networkType: 'NOTREACHABLE' });
  });

  it('knows its app id', () => {
    expect(ok(harness({}, { appId: '2021000000000001' }).callSync('getAppIdSync'))).toEqual({ appId: '2021000000000001' });
  });
});

describe('device APIs', () => {
  it('vibrates and calls through the UI adapter, validating the phone number', async () => {
    const ui = createHeadlessUi();
    const { call } = harness({ ui });
    expect(ok(await call('vibrateShort'))).toEqual({ success: true });
    expect(ok(await call('vibrateLong'))).toEqual({ success: true });
    expect(ok(await call('makePhoneCall', { number: '+86 10086' }))).toEqual({ success: true });
    expect(await call('makePhoneCall', { number: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('makePhoneCall', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'makePhoneCall: parameter "number" is required (string)' } });
    expect(ui.calls).toEqual([
      { api: 'vibrate', args: { kind: 'short' } },
      { api: 'vibrate', args: { kind: 'long' } },
      { api: 'makePhoneCall', args: { number: '+86 10086' } },
    ]);
  });

  it('writes the clipboard freely but reads it only with the "clipboard" scope', async () => {
    const clipboard = createMemoryClipboard('host secret');
    const denied = harness({ clipboard });
    expect(ok(await denied.call('setClipboard', { text: '复制' }))).toEqual({ success: true });
    expect(clipboard.text).toBe('复制');
    expect(await denied.call('getClipboard')).toMatchObject({ ok: false, error: { error: 2002, errorMessage: expect.stringContaining('"clipboard" is not authorised') } });
    const granted = harness({ clipboard, permissions: { clipboard: 'granted' } });
    expect(ok(await granted.call('getClipboard'))).toEqual({ text: '复制' });
    expect(await denied.call('setClipboard', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'setClipboard: parameter "text" is required (string)' } });
  });
});

describe('permissions', () => {
  it('asks the UI for a scope in prompt state: refusal is 2001 and asked again, consent is remembered', async () => {
    const ui = createHeadlessUi({ authorize: false });
    const { call } = harness({ ui, permissions: { location: 'prompt' } }, { app: appConfig({ permission: { 'scope.userLocation': { desc: '用于推荐附近门店' } } }) });
    expect(await call('getLocation')).toMatchObject({ ok: false, error: { error: 2001 } });
    expect(ui.callsOf('authorize')).toEqual([{ scope: 'location', api: 'getLocation', desc: '用于推荐附近门店' }]);
    expect(ok(await call('getSetting'))).toEqual({ authSetting: { location: false } });
    ui.answers.authorize = true;
    ok(await call('getLocation'));
    ok(await call('getLocation'));
    expect(ui.callsOf('authorize')).toHaveLength(2);
    expect(ok(await call('getSetting'))).toEqual({ authSetting: { location: true } });
  });

  it('denies scopes the host never granted without prompting', async () => {
    const ui = createHeadlessUi({ authorize: true });
    const { call } = harness({ ui });
    expect(await call('getLocation')).toMatchObject({ ok: false, error: { error: 2002 } });
    expect(await call('chooseImage')).toMatchObject({ ok: false, error: { error: 2002 } });
    expect(ui.callsOf('authorize')).toEqual([]);
    expect(ok(await call('getSetting'))).toEqual({ authSetting: {} });
  });

  it('denies custom scopes with error 4 (no permission)', async () => {
    const { call } = harness({ apis: { unlockDoor: { kind: 'async', scope: 'door', handler: () => ({ opened: true }) } } });
    expect(await call('unlockDoor')).toMatchObject({ ok: false, error: { error: 4, errorMessage: 'unlockDoor: no permission to use "door"' } });
    expect(ok(await harness({ permissions: { door: 'granted' }, apis: { unlockDoor: { kind: 'async', scope: 'door', handler: () => ({ opened: true }) } } }).call('unlockDoor'))).toEqual({ opened: true });
  });

  it('lets the user change switches in openSetting', async () => {
    const ui = createHeadlessUi({ openSetting: (current) => ({ ...current, location: true, album: false }) });
    const { call } = harness({ ui, permissions: { location: 'denied', camera: 'granted' } });
    expect(ok(await call('getSetting'))).toEqual({ authSetting: { location: false, camera: true } });
    expect(ok(await call('openSetting'))).toEqual({ authSetting: { location: true, camera: true, album: false } });
    ok(await call('getLocation'));
  });

  it('refuses a host configuration with an unknown permission state', () => {
    expect(() => harness({ permissions: { location: 'yes' as never } })).toThrow('host.permissions["location"] is "yes": use "granted", "denied" or "prompt"');
  });

  it('refuses a scope that needs a prompt on the sync channel', () => {
    const { callSync } = harness({ permissions: { clipboard: 'prompt' }, apis: { peekSync: { kind: 'sync', scope: 'clipboard', handler: () => ({}) } } });
    expect(callSync('peekSync')).toMatchObject({ ok: false, error: { error: 2002 } });
  });
});

describe('my.getLocation', () => {
  it('returns coordinates as strings, with detail by type', async () => {
    const { call } = harness({ permissions: { location: 'granted' }, location: createFixedLocation({ longitude: 121.5, latitude: 31.2 }) });
    expect(ok(await call('getLocation'))).toEqual({ longitude: '121.5', latitude: '31.2', accuracy: '65', horizontalAccuracy: '65' });
    const district = ok(await call('getLocation', { type: 1 }));
    expect(district).toMatchObject({ city: '杭州市', cityAdcode: '330100', district: '西湖区' });
    expect(district.streetNumber).toBeUndefined();
    expect(ok(await call('getLocation', { type: 3 }))).toMatchObject({ streetNumber: { street: '文三路' }, pois: [{ name: '西湖' }] });
    expect(await call('getLocation', { type: 7 })).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it("passes the location adapter's documented failures through", async () => {
    const { call } = harness({
      permissions: { location: 'granted' },
      location: { getLocation: () => { throw new ApiFailure(11, '请确认定位相关权限已开启'); } },
    });
    expect(await call('getLocation')).toMatchObject({ ok: false, error: { error: 11, errorMessage: '请确认定位相关权限已开启' } });
  });
});

describe('my.chooseImage', () => {
  it('stores the picked images and returns their paths and sizes', async () => {
    const files = createMemoryFileStore();
    const ui = createHeadlessUi({ chooseImage: [{ data: Uint8Array.from([1, 2, 3]), name: 'cat.jpg' }, { data: Uint8Array.from([4]) }] });
    const { call } = harness({ ui, files, permissions: { album: 'granted' } });
    const result = ok(await call('chooseImage', { count: 2, sourceType: 'album' }));
    expect(result.apFilePaths).toHaveLength(2);
    expect(result.apFilePaths[0]).toMatch(/^https:\/\/resource\/apml[0-9a-f]+\.jpg$/);
    expect(result.apFilePaths[1]).toMatch(/\.image$/);
    expect(result.tempFilePaths).toEqual(result.apFilePaths);
    expect(result.tempFiles).toEqual([{ path: result.apFilePaths[0], size: 3 }, { path: result.apFilePaths[1], size: 1 }]);
    expect([...(await files.read('test-app', result.apFilePaths[0]))!]).toEqual([1, 2, 3]);
    expect(ui.callsOf('chooseImage')).toEqual([{ count: 2, sourceType: ['album'], sizeType: ['original', 'compressed'] }]);
  });

  it('fails with 11 when the user cancels, and validates count', async () => {
    const { call } = harness({ ui: createHeadlessUi({ chooseImage: null }), permissions: { album: 'granted' } });
    expect(await call('chooseImage')).toMatchObject({ ok: false, error: { error: 11, errorMessage: 'chooseImage: the user cancelled' } });
    expect(await call('chooseImage', { count: 0 })).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it('picks a 1×1 PNG per image by default, ready for uploadFile', async () => {
    const files = createMemoryFileStore();
    const result = ok(await harness({ files, permissions: { album: 'granted' } }, { appId: 'a' }).call('chooseImage'));
    const bytes = (await files.read('a', result.apFilePaths[0]))!;
    expect([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });
});

describe('open capabilities', () => {
  it('issues auth codes only for granted scopes', async () => {
    const { call } = harness({ permissions: { auth_base: 'granted' } });
    expect(ok(await call('getAuthCode'))).toEqual({ authCode: expect.stringMatching(/^mpk_[0-9a-f]{24}$/), authSuccessScopes: ['auth_base'], authErrorScopes: {} });
    expect(ok(await call('getAuthCode', { scopes: ['auth_base', 'auth_user'] }))).toMatchObject({ authSuccessScopes: ['auth_base'], authErrorScopes: { auth_user: '11' } });
    expect(await call('getAuthCode', { scopes: 'auth_user' })).toMatchObject({ ok: false, error: { error: 11, authErrorScopes: { auth_user: '11' } } });
    expect(await call('getAuthCode', { scopes: 'auth_everything' })).toMatchObject({ ok: false, error: { error: 3 } });
    expect(await call('getAuthCode', { scopes: 5 })).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it('asks the user for auth_user and uses the auth adapter', async () => {
    const ui = createHeadlessUi({ authorize: { auth_user: true } });
    const { call } = harness({ ui, permissions: { auth_user: 'prompt' }, auth: { getAuthCode: ({ scopes }) => `code-for-${scopes.join('+')}` } });
    expect(ok(await call('getAuthCode', { scopes: 'auth_user' }))).toEqual({ authCode: 'code-for-auth_user', authSuccessScopes: ['auth_user'], authErrorScopes: {} });
  });

  it('pays through the payment adapter with the documented result codes', async () => {
    const payment = createHeadlessPayment();
    const { call } = harness({ payment });
    expect(ok(await call('tradePay', { tradeNO: '2024010122001' }))).toEqual({ resultCode: '9000' });
    payment.resultCode = '6001';
    expect(ok(await call('tradePay', { orderStr: 'a=1&b=2' }))).toEqual({ resultCode: '6001' });
    expect(ok(await call('tradePay', {}))).toEqual({ resultCode: '4000' });
    expect(payment.calls).toEqual([{ tradeNO: '2024010122001' }, { orderStr: 'a=1&b=2' }]);
    expect(await call('tradePay', { tradeNO: 2024 })).toMatchObject({ ok: false, error: { error: 2 } });
    payment.resultCode = 'paid!';
    expect(await call('tradePay', { tradeNO: 'x' })).toMatchObject({ ok: false, error: { error: 3 } });
  });

  it('subscribes to messages through the UI', async () => {
    const ui = createHeadlessUi();
    const { call } = harness({ ui });
    const accepted = ok(await call('requestSubscribeMessage', { entityIds: ['t1', 't2'] }));
    expect(accepted).toMatchObject({ behavior: 'subscribe', show: true, t1: 'accept', t2: 'accept', result: { subscribedEntityIds: ['t1', 't2'], unsubscribedEntityIds: [] } });
    ui.answers.subscribe = 'cancel';
    expect(await call('requestSubscribeMessage', { entityIds: ['t1'] })).toMatchObject({ ok: false, error: { error: 11, behavior: 'cancel' } });
    expect(await call('requestSubscribeMessage', { entityIds: ['a', 'b', 'c', 'd'] })).toMatchObject({ ok: false, error: { error: 203 } });
    expect(await call('requestSubscribeMessage', {})).toMatchObject({ ok: false, error: { error: 2 } });
  });
});
