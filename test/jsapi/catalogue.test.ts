/**
 * The platform's catalogue end to end, as a mini-program sees it (docs: alipay-open-docs/mini/api — every
 * my.* name; my.canIUse.md; 模板配置/my.getExtConfig(Sync).md — ext.json, 20/21; 获取会员基础信息/
 * my.getOpenUserInfo.md — JSON.parse(res.response).response with code 10000/40003/40006; the cloud SDK the
 * base library 2.2.3+ injects: my.cloud.createCloudContext and the Cloud global). Names the host cannot
 * provide exist on `my`, answer the not-supported error (1, or their family's documented code) and
 * canIUse false; managers and contexts come back inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { createHeadlessAuth, createMemoryCloud } from '@mpk/runtime';
import { callApi, driverAppJs, evalInApp, payload } from '../support/driver.ts';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

/** Lines the app logged with `prefix` since `before`. */
function linesSince(app: MiniApp, before: number, prefix: string): string[] {
  return logLines(app).slice(before).filter((l) => l.startsWith(prefix));
}

const probes = `
  probeCatalogue() {
    const names = ['scan', 'connectWifi', 'getFileSystemManager', 'onAccelerometerChange', 'ap.openURL', 'getExtConfigSync',
      'getOpenUserInfo', 'cloud.createCloudContext', 'getAuthCode', 'arrayBufferToBase64', 'createAnimation', 'cloudRequest', 'createCanvasContext'];
    return names.map((name) => {
      const fn = name.split('.').reduce((o, k) => (o ? o[k] : undefined), my);
      return name + ':' + typeof fn + ':' + my.canIUse(name);
    }).concat(['scan.object.hideAlbum=' + my.canIUse('scan.object.hideAlbum'), 'typeof Cloud=' + typeof Cloud]);
  },
  probeInert() {
    const out = [];
    const camera = my.createCameraContext('camera');
    camera.takePhoto({ fail: (e) => console.log('camera.fail ' + JSON.stringify(e)) });
    out.push('chained ' + (camera.setZoom({ zoom: 2 }) === camera));
    const audio = my.createInnerAudioContext();
    audio.onPlay(() => out.push('never'));
    audio.play();
    const observer = my.createIntersectionObserver().relativeToViewport({ bottom: 0 });
    observer.observe('.x', () => out.push('never'));
    out.push('observer ' + typeof observer.disconnect);
    my.onAccelerometerChange(() => out.push('never'));
    my.offAccelerometerChange();
    return out;
  },
  probeBase64() {
    const buffer = my.base64ToArrayBuffer('aGk/');
    return [buffer.byteLength, Array.from(new Uint8Array(buffer)).join(','), my.arrayBufferToBase64(new Uint8Array([104, 105, 63]).buffer)];
  },`;

describe('documented names this host does not provide', () => {
  let app: MiniApp;
  beforeAll(async () => {
    // A host without the hardware adapters the harness's simulated phone brings.
    const host = { bluetooth: undefined, sensors: undefined, screen: undefined, scanner: undefined };
    app = await launchProject({ 'app.js': driverAppJs(probes), ...page('pages/index/index', { axml: '<view>catalogue</view>' }) }, { host });
  });

  it('exist on my, with canIUse false; what mpk answers has canIUse true', async () => {
    expect(await evalInApp(app, 'probeCatalogue')).toEqual([
      'scan:function:false',
      'connectWifi:function:false',
      'getFileSystemManager:function:true',
      'onAccelerometerChange:function:false',
      'ap.openURL:function:false',
      'getExtConfigSync:function:true',
      'getOpenUserInfo:function:true',
      'cloud.createCloudContext:function:true',
      'getAuthCode:function:true',
      'arrayBufferToBase64:function:true',
      'createAnimation:function:true',
      // Bridge plumbing of the cloud SDK is not on my; the canvas context records (guest/canvas.ts).
      'cloudRequest:undefined:false',
      'createCanvasContext:function:true',
      'scan.object.hideAlbum=false',
      'typeof Cloud=object',
    ]);
  });

  it('answer the not-supported error in every calling form (1, or the family\'s documented code)', async () => {
    const [fail, complete] = await callApi(app, 'scan', { hideAlbum: true });
    expect(fail).toMatch(/^fail /);
    expect(payload(fail)).toEqual({ error: 1, errorMessage: expect.stringContaining('scan: not supported on this host') });
    expect(payload(complete)).toEqual(payload(fail));
    expect(await callApi(app, 'scan', {}, 'promise')).toEqual([expect.stringMatching(/^catch \{"error":1,/)]);
    expect(payload((await callApi(app, 'connectWifi', { SSID: 'x' }))[0])).toMatchObject({ error: 12001 });
    expect(payload((await callApi(app, 'startBeaconDiscovery', { uuids: ['u'] }))[0])).toMatchObject({ error: 11000 });
    expect(await callApi(app, 'getBatteryInfoSync', {}, 'sync')).toEqual(['return {"level":100,"isCharging":false}']);
    expect(await callApi(app, 'scan', {}, 'callPromise')).toEqual([expect.stringMatching(/^catch \{"error":1,/)]);
  });

  it('managers and contexts come back inert: listeners never fire, callbacks fail with 1, Sync methods throw, builders chain', async () => {
    const before = logLines(app).length;
    expect(await evalInApp(app, 'probeInert')).toEqual(['chained true', 'observer function']);
    expect(payload(linesSince(app, before, 'camera.fail ')[0])).toEqual({ error: 1, errorMessage: expect.stringContaining('CameraContext.takePhoto: not supported') });
  });

  it('Base64 ↔ ArrayBuffer run in the base library', async () => {
    expect(await evalInApp(app, 'probeBase64')).toEqual([3, '104,105,63', 'aGk/']);
  });

  it('my.setStorageSync returns its failure (docs), numeric strings pass for numbers', async () => {
    expect(payload((await callApi(app, 'setStorageSync', { key: 'k' }, 'sync'))[0])).toMatchObject({ error: 2 });
    expect(await callApi(app, 'showLoading', { content: 'x', delay: '100' })).toEqual(['success {}', 'complete {}']);
  });
});

describe('ext.json (template mini-programs)', () => {
  const ext = { version: '1.0.13', apiurl: 'https://api.example.com' };

  it('my.getExtConfigSync returns ext, my.getExtConfig resolves { data, extConfig }', async () => {
    const app = await launchProject({
      'app.js': driverAppJs(),
      'ext.json': JSON.stringify({ extEnable: true, ext }),
      ...page('pages/index/index', { axml: '<view/>' }),
    });
    expect(await callApi(app, 'getExtConfigSync', undefined, 'sync')).toEqual([`return ${JSON.stringify(ext)}`]);
    expect(payload((await callApi(app, 'getExtConfig', {}, 'promise'))[0])).toEqual({ data: ext, extConfig: ext });
    expect(app.session.container.manifest.ext).toEqual({ extEnable: true, ext });
  });

  it('fails with 21 when extEnable is false and 20 without ext.json', async () => {
    const disabled = await launchProject({
      'app.js': driverAppJs(),
      'ext.json': JSON.stringify({ extEnable: false, ext }),
      ...page('pages/index/index', { axml: '<view/>' }),
    });
    expect(payload((await callApi(disabled, 'getExtConfigSync', undefined, 'sync'))[0])).toMatchObject({ error: 21 });
    const none = await launchProject({ 'app.js': driverAppJs(), ...page('pages/index/index', { axml: '<view/>' }) });
    expect(payload((await callApi(none, 'getExtConfig', {}))[0])).toMatchObject({ error: 20 });
    expect(payload((await callApi(none, 'getExtConfigSync', undefined, 'sync'))[0])).toMatchObject({ name: 'Error', error: 20 });
  });
});

describe('member information (my.getOpenUserInfo)', () => {
  const inner = (line: string) => JSON.parse(payload(line).response).response;

  it('answers 40006 inside response without a member service and never throws', async () => {
    const app = await launchProject({ 'app.js': driverAppJs(), ...page('pages/index/index', { axml: '<view/>' }) });
    const [success] = await callApi(app, 'getOpenUserInfo');
    expect(success).toMatch(/^success /);
    expect(inner(success!)).toMatchObject({ code: '40006' });
  });

  it('answers the member from the host\'s auth adapter once userInfo is granted', async () => {
    const user = { nickName: '阿西', avatar: 'https://example.com/a.png' };
    const app = await launchProject(
      { 'app.js': driverAppJs(), ...page('pages/index/index', { axml: '<view/>' }) },
      { host: { auth: createHeadlessAuth({ user }), permissions: { userInfo: 'granted' } } },
    );
    expect(inner((await callApi(app, 'getOpenUserInfo'))[0]!)).toEqual({ code: '10000', msg: 'Success', ...user });
  });
});

describe('the cloud SDK', () => {
  const cloudApp = `
  cloudDemo() {
    Cloud.init({ env: 'env-1' });
    const db = Cloud.database();
    const _ = db.command;
    db.collection('users').where({ age: _.gt(5) }).orderBy('age', 'desc').get()
      .then((res) => console.log('cloud.get ' + JSON.stringify(res)), (e) => console.log('cloud.get.fail ' + JSON.stringify({ error: e.error, message: e.message })));
    db.collection('users').where({ name: _.in(['a', 'b']) }).count({ success: (res) => console.log('cloud.count ' + JSON.stringify(res)), fail: (e) => console.log('cloud.count.fail ' + e.error) });
    Cloud.callFunction({ name: 'add', data: { a: 1, b: 2 } })
      .then((res) => console.log('cloud.fn ' + JSON.stringify(res.result)))
      .catch((e) => console.log('cloud.fn.fail ' + e.error + ' ' + e.message));
  },
  contextDemo() {
    my.cloud.createCloudContext({ env: 'env-2' }).then(async (context) => {
      await context.init();
      try {
        const res = await context.callFunction({ name: 'add', data: { a: 2, b: 3 } });
        console.log('context.fn ' + res.result);
      } catch (e) {
        console.log('context.fn.fail ' + e.error);
      }
    });
  },`;
  const files = () => ({ 'app.js': driverAppJs(cloudApp), ...page('pages/index/index', { axml: '<view/>' }) });

  it('without a cloud service every operation fails like an offline call (12), and apps that handle failure keep running', async () => {
    const app = await launchProject(files());
    const before = logLines(app).length;
    await evalInApp(app, 'cloudDemo');
    await evalInApp(app, 'contextDemo');
    const lines = logLines(app).slice(before).filter((l) => l.startsWith('cloud') || l.startsWith('context'));
    expect(lines.sort()).toEqual([
      'cloud.count.fail 12',
      expect.stringMatching(/^cloud\.fn\.fail 12 cloud\.callFunction: Network Error/),
      expect.stringMatching(/^cloud\.get\.fail \{"error":12,"message":"cloud\.database\(\)\.collection\(\\"users\\"\)\.get: Network Error/),
      'context.fn.fail 12',
    ]);
    expect(app.errors).toEqual([]);
  });

  it('with host.cloud the same code reads the database and calls functions', async () => {
    const cloud = createMemoryCloud({
      functions: { add: (data) => (data as { a: number; b: number }).a + (data as { a: number; b: number }).b },
      collections: { users: [{ _id: 'u1', name: 'a', age: 3 }, { _id: 'u2', name: 'b', age: 7 }, { _id: 'u3', name: 'c', age: 9 }] },
    });
    const app = await launchProject(files(), { host: { cloud } });
    const before = logLines(app).length;
    await evalInApp(app, 'cloudDemo');
    await evalInApp(app, 'contextDemo');
    const lines = logLines(app).slice(before).filter((l) => l.startsWith('cloud') || l.startsWith('context'));
    expect(lines.sort()).toEqual([
      'cloud.count {"total":2}',
      'cloud.fn 3',
      `cloud.get ${JSON.stringify({ data: [{ _id: 'u3', name: 'c', age: 9 }, { _id: 'u2', name: 'b', age: 7 }] })}`,
      'context.fn 5',
    ]);
    expect(cloud.requests.map((r) => r.env)).toEqual(['env-1', 'env-1', 'env-1', 'env-2']);
  });
});

describe('the tab bar', () => {
  it('changes through the host UI, with the documented errors', async () => {
    const app = await launchProject({
      'app.js': driverAppJs(),
      'app.json': JSON.stringify({ pages: ['pages/index/index', 'pages/me/me'], tabBar: { items: [{ pagePath: 'pages/index/index', name: 'Home' }, { pagePath: 'pages/me/me', name: 'Me' }] } }),
      ...page('pages/index/index', { axml: '<view/>' }),
      ...page('pages/me/me', { axml: '<view/>' }),
    });
    expect(await callApi(app, 'setTabBarBadge', { index: 1, text: '3' })).toEqual(['success {}', 'complete {}']);
    expect(app.uiCalls).toContainEqual({ api: 'setTabBarBadge', args: { index: 1, text: '3' } });
    expect(payload((await callApi(app, 'setTabBarBadge', { index: 9, text: '3' }))[0])).toMatchObject({ error: 2, errorMessage: expect.stringContaining('Index 9 of TabBar do not exists!') });
  });
});

