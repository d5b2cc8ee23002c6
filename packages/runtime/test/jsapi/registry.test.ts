import { describe, expect, it } from 'vitest';
import { ApiFailure, createJsapi, createMemoryStorage, s, type HostApiDefinition } from '../../src/jsapi/index.ts';
import { appConfig, fakeServices, harness, ok } from './helpers.ts';

describe('JSAPI registry', () => {
  it('answers an unknown API with error 1', async () => {
    const { call } = harness();
    expect(await call('teleport', {})).toMatchObject({ t: 'reply', ok: false, error: { error: 1, errorMessage: 'teleport: no such API on this host' } });
  });

  it('replies with the cb of the invoke', async () => {
    const { jsapi } = harness();
    const reply = await jsapi.invoke({ t: 'invoke', cb: 4242, api: 'getStorageInfo', args: {} });
    expect(reply).toEqual({ t: 'reply', cb: 4242, ok: true, result: { keys: [], currentSize: 0, limitSize: 10240 } });
  });

  it('rejects bad arguments with error 2 and a message naming the parameter', async () => {
    const { call } = harness();
    expect(await call('request', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'request: parameter "url" is required (string)' } });
    expect(await call('request', { url: 42 })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'request: parameter "url" should be string, got number' } });
    expect(await call('request', { url: 'https://a.com', method: 'FETCH' })).toMatchObject({
      ok: false,
      error: { error: 2, errorMessage: expect.stringContaining('parameter "method" should be "GET" | "POST"') },
    });
    expect(await call('request', { url: 'https://a.com', headers: { 'x-n': 1 } })).toMatchObject({
      ok: false,
      error: { error: 2, errorMessage: 'request: parameter "headers.x-n" should be string, got number' },
    });
    expect(await call('setStorage', 'not an object')).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'setStorage: argument should be object, got string "not an object"' } });
  });

  const custom = (defs: Record<string, HostApiDefinition>) => harness({ apis: defs });

  it('turns a handler exception into error 3 and keeps serving', async () => {
    const { call } = custom({
      explode: { kind: 'async', handler: () => { throw new TypeError('boom'); } },
      explodeLater: { kind: 'async', handler: async () => { throw new Error('later'); } },
    });
    expect(await call('explode')).toMatchObject({ ok: false, error: { error: 3, errorMessage: 'boom' } });
    expect(await call('explodeLater')).toMatchObject({ ok: false, error: { error: 3, errorMessage: 'later' } });
    expect(ok(await call('getStorageInfo'))).toMatchObject({ keys: [] });
  });

  it('passes ApiFailure codes and extra fields through', async () => {
    const { call } = custom({ refuse: { kind: 'async', handler: () => { throw new ApiFailure(17, 'no way', { hint: 'retry' }); } } });
    expect(await call('refuse')).toMatchObject({ ok: false, error: { error: 17, errorMessage: 'no way', hint: 'retry' } });
  });

  it('only sends JSON results of the declared shape', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const { call } = custom({
      cyclic: { kind: 'async', handler: () => cyclic },
      big: { kind: 'async', handler: () => ({ n: 10n }) },
      shaped: { kind: 'async', result: s.object({ n: s.number() }, { required: ['n'] }), handler: () => ({ n: 'one' }) },
      lossy: { kind: 'async', handler: () => ({ when: new Date(0), fn: () => 1, nothing: undefined }) },
    });
    expect(await call('cyclic')).toMatchObject({ ok: false, error: { error: 3, errorMessage: expect.stringContaining('cyclic: the result is not JSON') } });
    expect(await call('big')).toMatchObject({ ok: false, error: { error: 3 } });
    expect(await call('shaped')).toMatchObject({
      ok: false,
      error: { error: 3, errorMessage: 'shaped: the host produced an invalid result: parameter "result.n" should be number, got string "one"' },
    });
    expect(ok(await call('lossy'))).toEqual({ when: '1970-01-01T00:00:00.000Z' });
  });

  it('answers sync calls synchronously and refuses async APIs on the sync channel', () => {
    const { callSync } = custom({ late: { kind: 'sync', handler: async () => ({}) } });
    expect(callSync('getStorageInfoSync')).toMatchObject({ ok: true, result: { keys: [] } });
    expect(callSync('getStorageInfo')).toMatchObject({ ok: false, error: { error: 3, errorMessage: 'getStorageInfo is asynchronous and cannot be called synchronously' } });
    expect(callSync('late')).toMatchObject({ ok: false, error: { error: 3, errorMessage: 'late: the host answered a synchronous call asynchronously' } });
    expect(callSync('nope')).toMatchObject({ ok: false, error: { error: 1 } });
  });

  it('counts calls in flight for the idle check', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { jsapi, call } = custom({ slow: { kind: 'async', handler: async () => (await gate, { done: true }) } });
    const pending = call('slow');
    expect(jsapi.pending()).toBe(1);
    release();
    expect(ok(await pending)).toEqual({ done: true });
    expect(jsapi.pending()).toBe(0);
  });

  it('fails calls after dispose', async () => {
    const { jsapi, call } = harness();
    await jsapi.dispose();
    expect(await call('getStorageInfo')).toMatchObject({ ok: false, error: { error: 3, errorMessage: 'getStorageInfo: the mini-program was closed' } });
  });

  it('describes every API for canIUse: params with enum options, results, task shapes, event pairs', () => {
    const { jsapi } = harness();
    const byName = new Map(jsapi.descriptors().map((d) => [d.name, d]));
    expect(byName.get('request')).toMatchObject({
      kind: 'async',
      params: expect.arrayContaining(['url', 'method', 'method.POST', 'dataType', 'dataType.base64', 'headers', 'timeout']),
      results: expect.arrayContaining(['data', 'status', 'headers', 'statusCode', 'header']),
      task: { methods: ['abort'], events: ['HeadersReceived'] },
    });
    expect(byName.get('connectSocket')?.task).toEqual({ methods: ['send', 'close'], events: ['Open', 'Message', 'Error', 'Close'] });
    expect(byName.get('getStorageSync')).toMatchObject({ kind: 'sync', params: ['key'], results: ['data'] });
    expect(byName.get('onSocketMessage')).toEqual({ name: 'onSocketMessage', kind: 'event' });
    expect(byName.get('offSocketMessage')).toEqual({ name: 'offSocketMessage', kind: 'event' });
    expect(byName.get('getSystemInfo')?.results).toContain('platform');
    for (const name of ['setStorage', 'getStorageInfoSync', 'uploadFile', 'downloadFile', 'showToast', 'confirm', 'prompt', 'showActionSheet', 'setNavigationBar',
      'stopPullDownRefresh', 'pageScrollTo', 'selectorQuery', 'getNetworkType', 'setClipboard', 'vibrateShort', 'makePhoneCall', 'getLocation',
      'chooseImage', 'getAuthCode', 'getSetting', 'openSetting', 'tradePay', 'requestSubscribeMessage', 'navigateTo', 'navigateBack']) {
      expect(byName.has(name), name).toBe(true);
    }
    // Descriptors cross the bridge: they must be JSON.
    expect(JSON.parse(JSON.stringify(jsapi.descriptors()))).toEqual(jsapi.descriptors());
  });

  it('lists built-in components with attributes and documented options', () => {
    const components = harness().jsapi.components();
    expect(components.button).toEqual(expect.arrayContaining(['open-type', 'open-type.share', 'open-type.getAuthorize', 'form-type.submit', 'onTap', 'class']));
    expect(components.input).toEqual(expect.arrayContaining(['type.digit', 'confirm-type.search', 'onInput', 'maxlength']));
    expect(components['scroll-view']).toContain('scroll-into-view');
    expect(Object.keys(components)).toEqual(expect.arrayContaining(['view', 'text', 'image', 'swiper', 'swiper-item', 'navigator', 'form', 'picker', 'canvas', 'web-view']));
    // Callers get a copy.
    components.button!.length = 0;
    expect(harness().jsapi.components().button!.length).toBeGreaterThan(10);
  });

  it('treats methods of finished tasks as no-ops and rejects unknown methods', async () => {
    const { call, start } = harness({ network: { allowInsecureLoopback: true } });
    expect(await call('abort', {}, { task: 999_999 })).toMatchObject({ ok: true, result: {} });
    // A socket task that exists but lacks the method.
    const socket = start('connectSocket', { url: 'ws://127.0.0.1:1/', multiple: true });
    ok(await socket.reply);
    expect(await call('SocketTask.fly', {}, { task: socket.cb })).toMatchObject({ ok: false, error: { error: 1, errorMessage: 'connectSocket task has no method "fly"' } });
    expect(await call('toString', {}, { task: socket.cb })).toMatchObject({ ok: false, error: { error: 1 } });
  });

  it('refuses host APIs with names the guest cannot expose', () => {
    const make = (apis: Record<string, HostApiDefinition>) => () =>
      createJsapi({ appId: 'a', app: appConfig(), host: { storage: createMemoryStorage(), apis }, services: fakeServices() });
    expect(make({ 'bad name': { kind: 'async', handler: () => ({}) } })).toThrow(/invalid API name/);
    expect(make({ __proto__x: { kind: 'async', handler: () => ({}) } })).not.toThrow();
    expect(make({ fine: { kind: 'async' } as unknown as HostApiDefinition })).toThrow(/has no handler/);
  });

  it('lets a host API replace a built-in', async () => {
    const { call } = harness({ apis: { getNetworkType: { kind: 'async', handler: () => ({ networkAvailable: false, networkType: 'NOTREACHABLE' }) } } });
    expect(ok(await call('getNetworkType'))).toEqual({ networkAvailable: false, networkType: 'NOTREACHABLE' });
  });
});
