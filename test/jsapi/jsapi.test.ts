/**
 * my.* end to end, called by mini-program code through a real container (docs: api/小程序 API 使用说明.md —
 * callback/Promise/sync forms and { error, errorMessage }; my.canIUse.md; 缓存/my.setStorage.md — 200 KB per
 * key (14), 10 MB per app (12), isolation per app; 交互反馈/my.confirm.md; SPEC-DIGEST §5 for my.call,
 * request and getLocation): forms, canIUse, custom host APIs, storage, UI answers, permissions, mocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { createMemoryStorage, s } from '@mpk/runtime';
import { callApi, driverAppJs, evalInApp, payload } from '../support/driver.ts';
import { closeAll, launchProject, page } from '../support/project.ts';

const files = {
  'app.js': driverAppJs(`
  probeCanIUse() {
    return ['getStorage', 'setStorageSync', 'noSuchApi', 'request.object.dataType.base64', 'request.object.dataType.nope',
      'getSystemInfo.callback.brand', 'button.open-type.share', 'button.open-type.nope', 'view', 'component2', 'scanBadge', 'call']
      .map((what) => what + '=' + my.canIUse(what));
  },`),
  ...page('pages/index/index', { axml: '<view>jsapi</view>' }),
};

const scanBadge = {
  kind: 'async' as const,
  params: s.object({ reader: s.enum(['front', 'back']) }, { required: ['reader'] }),
  result: s.object({ badgeId: s.string() }, { required: ['badgeId'] }),
  handler: ({ reader }: { reader: string }) => ({ badgeId: `B-${reader}` }),
};

let app: MiniApp;
const storage = createMemoryStorage();

beforeAll(async () => {
  app = await launchProject(files, { appId: 'jsapi-app', host: { storage, apis: { scanBadge } }, ui: { confirm: true, actionSheet: 2, prompt: { ok: true, inputValue: 'typed' } } });
});
afterAll(closeAll);

describe('calling conventions', () => {
  it('calls success then complete with the result, or resolves the Promise', async () => {
    expect(await callApi(app, 'setStorage', { key: 'k', data: { a: 1 } })).toEqual(['success {}', 'complete {}']);
    expect(await callApi(app, 'getStorage', { key: 'k' })).toEqual(['success {"data":{"a":1}}', 'complete {"data":{"a":1}}']);
    expect(await callApi(app, 'getStorage', { key: 'k' }, 'promise')).toEqual(['then {"data":{"a":1}}']);
  });

  it('calls fail then complete with { error, errorMessage }, or rejects the Promise', async () => {
    const lines = await callApi(app, 'setStorage', { data: 1 });
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['fail', 'complete']);
    expect(payload(lines[0])).toMatchObject({ error: 2, errorMessage: expect.stringContaining('key') });
    expect(payload(lines[1])).toEqual(payload(lines[0]));
    const rejected = await callApi(app, 'setStorage', { data: 1 }, 'promise');
    expect(rejected[0]).toMatch(/^catch \{"error":2,/);
  });

  it('returns from sync APIs (objects in, objects out) and throws their errors', async () => {
    expect(await callApi(app, 'setStorageSync', { key: 'sync', data: 'value' }, 'sync')).toEqual(['return {}']);
    expect(await callApi(app, 'getStorageSync', { key: 'sync' }, 'sync')).toEqual(['return {"data":"value"}']);
    expect(await callApi(app, 'getStorageSync', { key: 'missing' }, 'sync')).toEqual(['return {"data":null}']);
    const thrown = await callApi(app, 'getStorageSync', { key: '' }, 'sync');
    expect(thrown[0]).toMatch(/^throw /);
    expect(payload(thrown[0])).toMatchObject({ name: 'Error', error: 2 });
    // my.setStorageSync is the documented exception: "失败时返回值与 my.setStorage 的 fail 回调参数相同".
    const returned = await callApi(app, 'setStorageSync', { key: '', data: 1 }, 'sync');
    expect(payload(returned[0])).toMatchObject({ error: 2 });
    expect(returned[0]).toMatch(/^return /);
  });

  it('answers my.canIUse for APIs, parameters, options, callbacks, components and custom host APIs', async () => {
    expect(await evalInApp(app, 'probeCanIUse')).toEqual([
      'getStorage=true',
      'setStorageSync=true',
      'noSuchApi=false',
      'request.object.dataType.base64=true',
      'request.object.dataType.nope=false',
      'getSystemInfo.callback.brand=true',
      'button.open-type.share=true',
      'button.open-type.nope=false',
      'view=true',
      'component2=true',
      'scanBadge=true',
      'call=true',
    ]);
  });
});

describe('custom host APIs', () => {
  it('are reachable as my.xxx and through my.call, in every form', async () => {
    expect(await callApi(app, 'scanBadge', { reader: 'front' })).toEqual(['success {"badgeId":"B-front"}', 'complete {"badgeId":"B-front"}']);
    expect(await callApi(app, 'scanBadge', { reader: 'back' }, 'promise')).toEqual(['then {"badgeId":"B-back"}']);
    expect(await callApi(app, 'scanBadge', { reader: 'front' }, 'call')).toEqual(['callback {"badgeId":"B-front"}']);
    expect(await callApi(app, 'scanBadge', { reader: 'back' }, 'callPromise')).toEqual(['then {"badgeId":"B-back"}']);
  });

  it('validate their arguments against the declared schema (error 2 naming the parameter)', async () => {
    const lines = await callApi(app, 'scanBadge', { reader: 'side' });
    expect(payload(lines[0])).toEqual({ error: 2, errorMessage: 'scanBadge: parameter "reader" should be "front" | "back", got string "side"' });
    const viaCall = await callApi(app, 'scanBadge', {}, 'callPromise');
    expect(viaCall[0]).toMatch(/^catch \{"error":2,"errorMessage":"scanBadge: .*reader/);
  });

  it('fail with error 1 through my.call when the host has no such API', async () => {
    const lines = await callApi(app, 'notProvided', {}, 'callPromise');
    expect(payload(lines[0])).toMatchObject({ error: 1 });
  });
});

describe('storage', () => {
  it('refuses more than 200 KB in one key (error 14) and keeps the old value', async () => {
    await callApi(app, 'setStorage', { key: 'big', data: 'small' });
    const lines = await callApi(app, 'setStorage', { key: 'big', data: 'x'.repeat(210 * 1024) });
    expect(payload(lines[0])).toMatchObject({ error: 14 });
    expect(await callApi(app, 'getStorageSync', { key: 'big' }, 'sync')).toEqual(['return {"data":"small"}']);
  });

  it('refuses to grow past 10 MB per app (error 12); getStorageInfo reports keys and sizes; clearStorage empties it', async () => {
    await callApi(app, 'clearStorage');
    const chunk = 'y'.repeat(190 * 1024);
    let failed: string | undefined;
    for (let i = 0; i < 60 && !failed; i++) {
      const [line] = await callApi(app, 'setStorage', { key: `chunk${i}`, data: chunk });
      if (line!.startsWith('fail')) failed = line;
    }
    expect(payload(failed)).toMatchObject({ error: 12 });
    const [info] = await callApi(app, 'getStorageInfo', {}, 'promise');
    const { keys, currentSize, limitSize } = payload(info);
    expect(keys.length).toBeGreaterThan(50);
    expect(currentSize).toBeGreaterThan(9 * 1024);
    expect(currentSize).toBeLessThanOrEqual(10 * 1024);
    expect(limitSize).toBe(10 * 1024);
    await callApi(app, 'clearStorage');
    expect(payload((await callApi(app, 'getStorageInfo', {}, 'promise'))[0]).keys).toEqual([]);
  });

  it('persists in the host backend under the app id, and a relaunched app finds it', async () => {
    await callApi(app, 'setStorage', { key: 'persisted', data: { n: 7 } });
    expect(storage.keys('jsapi-app')).toContain('persisted');
    expect(storage.keys('other-app')).toEqual([]);
    // The first app is still open: the host says the two share this storage.
    const again = await launchProject(files, { appId: 'jsapi-app', shareStorage: true, host: { storage } });
    expect(await callApi(again, 'getStorageSync', { key: 'persisted' }, 'sync')).toEqual(['return {"data":{"n":7}}']);
    const other = await launchProject(files, { appId: 'other-app', host: { storage } });
    expect(await callApi(other, 'getStorageSync', { key: 'persisted' }, 'sync')).toEqual(['return {"data":null}']);
  });
});

describe('headless UI', () => {
  it('answers confirm with OK and records the call with the documented default button texts', async () => {
    expect(await callApi(app, 'confirm', { title: 'Hi', content: 'Sure?' })).toEqual(['success {"confirm":true}', 'complete {"confirm":true}']);
    expect(app.uiCalls.at(-1)).toEqual({ api: 'confirm', args: expect.objectContaining({ title: 'Hi', content: 'Sure?', confirmButtonText: '确定', cancelButtonText: '取消' }) });
  });

  it('answers cancel when the test says so, and action sheets and prompts as configured', async () => {
    const cancelling = await launchProject(files, { ui: { confirm: false } });
    expect(await callApi(cancelling, 'confirm', { content: 'Delete?' })).toEqual(['success {"confirm":false}', 'complete {"confirm":false}']);
    expect(payload((await callApi(app, 'showActionSheet', { items: ['a', 'b', 'c'] }))[0])).toEqual({ index: 2 });
    expect(payload((await callApi(app, 'prompt', { title: 'Name?' }))[0])).toMatchObject({ ok: true, inputValue: 'typed' });
    await callApi(app, 'showToast', { content: 'Saved', type: 'success' });
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ content: 'Saved', type: 'success' }) });
  });
});

describe('permissions', () => {
  it('denies getLocation unless the host grants it (2002 without a prompt, 2001 when the user refuses)', async () => {
    const denied = await callApi(app, 'getLocation');
    expect(payload(denied[0])).toMatchObject({ error: 2002 });
    const refusing = await launchProject(files, { host: { permissions: { location: 'prompt' } }, ui: { authorize: false } });
    expect(payload((await callApi(refusing, 'getLocation'))[0])).toMatchObject({ error: 2001 });
    expect(refusing.uiCalls.some((c) => c.api === 'authorize')).toBe(true);
  });

  it('answers getLocation once granted (or once the user agrees in the prompt)', async () => {
    const granted = await launchProject(files, { host: { permissions: { location: 'granted' } } });
    const [line] = await callApi(granted, 'getLocation', {}, 'promise');
    expect(line).toMatch(/^then /);
    expect(payload(line)).toMatchObject({ latitude: expect.anything(), longitude: expect.anything() });
    const agreeing = await launchProject(files, { host: { permissions: { location: 'prompt' } }, ui: { authorize: true } });
    expect((await callApi(agreeing, 'getLocation'))[0]).toMatch(/^success /);
  });
});

describe('harness mocks', () => {
  it('answer mocked APIs with (partial) fixed results or failures, without a permission prompt, keep validation and record calls', async () => {
    const mocked = await launchProject(files, {
      mocks: { getLocation: { latitude: '30.1', longitude: '120.2' }, tradePay: { $fail: { error: 4, errorMessage: 'N22104' } } },
    });
    expect(payload((await callApi(mocked, 'getLocation', { type: 1 }))[0])).toMatchObject({ latitude: '30.1', longitude: '120.2' });
    expect(payload((await callApi(mocked, 'tradePay', { tradeNO: 'T1' }))[0])).toEqual({ error: 4, errorMessage: 'N22104' });
    expect(payload((await callApi(mocked, 'tradePay', { tradeNO: 42 }))[0])).toMatchObject({ error: 2 });
    // calls that fail validation never reach the mock, so they are not recorded
    expect(mocked.apiCalls).toEqual([
      { api: 'getLocation', args: expect.objectContaining({ type: 1 }) },
      { api: 'tradePay', args: expect.objectContaining({ tradeNO: 'T1' }) },
    ]);
  });
});
