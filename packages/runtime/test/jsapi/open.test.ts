/**
 * Template configuration and member data (docs: 开放能力API/模板配置 my.getExtConfig(Sync) — 20 模板配置为空,
 * 21 已停用模板配置; 获取会员基础信息 my.getOpenUserInfo, 获取会员手机号 my.getPhoneNumber, 运动数据
 * my.getRunData — code 10000 / 40003 无效的授权关系 / 40006 ISV权限不足 inside `response`; 获取会员收货地址
 * my.getAddress — resultStatus 9000/6001, error 4) and the cloud service behind the cloud SDK.
 */
import { describe, expect, it } from 'vitest';
import { createHeadlessAuth, createMemoryCloud } from '../../src/jsapi/index.ts';
import { harness, ok } from './helpers.ts';

describe('my.getExtConfig / my.getExtConfigSync', () => {
  const ext = { version: '1.0.13', apiurl: 'https://api.example.com' };

  it('answer the ext object of ext.json', async () => {
    const h = harness({}, { ext: { extEnable: true, ext } });
    expect(ok(h.callSync('getExtConfigSync'))).toEqual(ext);
    expect(ok(await h.call('getExtConfig'))).toEqual({ data: ext, extConfig: ext });
  });

  it('fail with 20 without ext.json or with an empty ext, 21 when extEnable is not true', async () => {
    expect(harness().callSync('getExtConfigSync')).toMatchObject({ ok: false, error: { error: 20 } });
    expect(await harness().call('getExtConfig')).toMatchObject({ ok: false, error: { error: 20 } });
    expect(harness({}, { ext: { extEnable: true, ext: {} } }).callSync('getExtConfigSync')).toMatchObject({ ok: false, error: { error: 20 } });
    expect(harness({}, { ext: { extEnable: true } }).callSync('getExtConfigSync')).toMatchObject({ ok: false, error: { error: 20 } });
    expect(harness({}, { ext: { extEnable: false, ext } }).callSync('getExtConfigSync')).toMatchObject({ ok: false, error: { error: 21, errorMessage: expect.stringContaining('已停用模板配置') } });
  });
});

describe('member data through the auth adapter', () => {
  const inner = (result: { response: string }) => JSON.parse(result.response).response;

  it('my.getOpenUserInfo: 40006 without a member service, 40003 without the userInfo grant, the member once granted', async () => {
    expect(inner(ok(await harness().call('getOpenUserInfo')))).toMatchObject({ code: '40006', subMsg: 'ISV权限不足' });
    const user = { nickName: '阿西', avatar: 'https://example.com/a.png' };
    expect(inner(ok(await harness({ auth: createHeadlessAuth({ user }) }).call('getOpenUserInfo')))).toMatchObject({ code: '40003', subCode: 'isv.invalid-auth-relations' });
    const auth = createHeadlessAuth({ user });
    const granted = harness({ auth, permissions: { userInfo: 'granted' } });
    expect(inner(ok(await granted.call('getOpenUserInfo')))).toEqual({ code: '10000', msg: 'Success', ...user });
    expect(auth.calls).toEqual([{ api: 'getOpenUserInfo' }]);
  });

  it('asks the user when the scope is "prompt"', async () => {
    const h = harness({ auth: createHeadlessAuth({ user: { nickName: 'n' } }), permissions: { userInfo: 'prompt' }, ui: { authorize: () => true } });
    expect(inner(ok(await h.call('getOpenUserInfo')))).toMatchObject({ code: '10000', nickName: 'n' });
  });

  it('my.getPhoneNumber and my.getRunData hand over the response for the server (plain JSON or the documented failure)', async () => {
    expect(JSON.parse(ok(await harness().call('getPhoneNumber')).response)).toMatchObject({ code: '40006' });
    const auth = createHeadlessAuth({ phoneNumber: '13800000000', steps: 8000 });
    const h = harness({ auth, permissions: { phoneNumber: 'granted', alipaysports: 'granted' } });
    expect(JSON.parse(ok(await h.call('getPhoneNumber')).response)).toEqual({ code: '10000', msg: 'Success', mobile: '13800000000' });
    expect(JSON.parse(ok(await h.call('getRunData', { countDate: '2024-05-01' })).response)).toMatchObject({ count: 8000, countDate: '2024-05-01' });
    // Without the grant the response is the error object itself (docs: "如果为 Object 类型…则为加密异常").
    expect(ok(await harness({ auth }).call('getRunData', { countDate: '2024-05-01' })).response).toMatchObject({ code: '40003' });
    expect(await h.call('getRunData', {})).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it('my.getAddress: 9000 with the address, 6001 when none is chosen, error 4 without the grant or the service', async () => {
    const address = { fullname: '张三', mobilePhone: '18100000000', prov: '浙江省', city: '杭州市', area: '西湖区', address: '西溪路 556 号' };
    expect(await harness().call('getAddress')).toMatchObject({ ok: false, error: { error: 4 } });
    expect(await harness({ auth: createHeadlessAuth({ address }) }).call('getAddress')).toMatchObject({ ok: false, error: { error: 4 } });
    expect(ok(await harness({ auth: createHeadlessAuth({ address }), permissions: { aliaddress: 'granted' } }).call('getAddress'))).toEqual({ resultStatus: 9000, result: address });
    const none = harness({ auth: { getAuthCode: () => 'c', getAddress: () => undefined }, permissions: { aliaddress: 'granted' } });
    expect(ok(await none.call('getAddress'))).toEqual({ resultStatus: 6001, result: '' });
  });
});

describe('the cloud service (cloudRequest, the cloud SDK\'s one invoke)', () => {
  it('fails every operation with 12 (Network Error) when the host has no cloud service', async () => {
    const reply = await harness().call('cloudRequest', { op: 'callFunction', env: 'e', name: 'f' });
    expect(reply).toMatchObject({ ok: false, error: { error: 12, errorMessage: expect.stringContaining('Network Error'), message: expect.any(String), errMsg: expect.any(String) } });
    expect(await harness().call('cloudRequest', { op: 'database', env: 'e', collection: 'c', action: 'get' })).toMatchObject({ ok: false, error: { error: 12 } });
  });

  it('answers through host.cloud: functions, the database, files', async () => {
    const cloud = createMemoryCloud({
      functions: { add: (data) => (data as { a: number; b: number }).a + (data as { a: number; b: number }).b },
      collections: { users: [{ _id: 'u1', name: 'a', age: 3 }, { _id: 'u2', name: 'b', age: 7 }] },
    });
    const h = harness({ cloud });
    expect(ok(await h.call('cloudRequest', { op: 'callFunction', env: 'e', name: 'add', data: { a: 1, b: 2 } }))).toEqual({ result: 3, requestID: expect.any(String) });
    const db = (action: string, extra: object = {}) => h.call('cloudRequest', { op: 'database', env: 'e', collection: 'users', action, ...extra });
    expect(ok(await db('get', { query: { where: [{ age: { $cmd: 'gt', value: 5 } }] } })).data).toEqual([{ _id: 'u2', name: 'b', age: 7 }]);
    expect(ok(await db('count', { query: { where: [{ name: { $cmd: 'in', value: ['a', 'b'] } }] } }))).toEqual({ total: 2 });
    const added = ok(await db('add', { data: { name: 'c', age: 1, at: { $serverDate: true } } }));
    expect(added._id).toEqual(expect.any(String));
    expect(ok(await db('update', { doc: 'u1', data: { age: { $cmd: 'inc', value: 1 } } }))).toEqual({ stats: { updated: 1 } });
    expect(ok(await db('get', { doc: 'u1' })).data).toMatchObject({ age: 4 });
    expect(ok(await db('get', { query: { orderBy: [{ field: 'age', order: 'desc' }], limit: 1 } })).data).toMatchObject([{ _id: 'u2' }]);
    expect(ok(await db('remove', { doc: 'u2' }))).toEqual({ stats: { removed: 1 } });
    expect(cloud.collection('users').map((d) => d.name)).toEqual(['a', 'c']);
    // A missing function is the service's failure, with its code.
    expect(await h.call('cloudRequest', { op: 'callFunction', env: 'e', name: 'nope' })).toMatchObject({ ok: false, error: { error: 3 } });
  });

  it('uploads a file from host.files and downloads it back as a temporary file', async () => {
    const cloud = createMemoryCloud();
    const h = harness({ cloud });
    await h.jsapi.host.files.write('test-app', 'https://usr/a.txt', new TextEncoder().encode('hi'));
    const { fileID } = ok(await h.call('cloudRequest', { op: 'uploadFile', env: 'e', cloudPath: 'docs/a.txt', filePath: 'https://usr/a.txt' }));
    expect(fileID).toBe('cloud://e/docs/a.txt');
    const { tempFilePath } = ok(await h.call('cloudRequest', { op: 'downloadFile', env: 'e', fileID }));
    expect(new TextDecoder().decode(await h.jsapi.host.files.read('test-app', tempFilePath))).toBe('hi');
    expect(await h.call('cloudRequest', { op: 'uploadFile', env: 'e', cloudPath: 'x', filePath: 'https://usr/none' })).toMatchObject({ ok: false, error: { error: 12 } });
  });
});
