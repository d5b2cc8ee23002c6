import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStorage, createMemoryStorage, type StorageBackend } from '../../src/jsapi/index.ts';
import { harness, ok } from './helpers.ts';

describe('storage APIs', () => {
  it('stores objects and strings and reads them back (async forms)', async () => {
    const { call } = harness();
    expect(await call('setStorage', { key: 'currentCity', data: { cityName: '杭州', adCode: '330100' } })).toMatchObject({ ok: true, result: {} });
    expect(ok(await call('getStorage', { key: 'currentCity' }))).toEqual({ data: { cityName: '杭州', adCode: '330100' } });
    ok(await call('setStorage', { key: 'greeting', data: 'hello' }));
    expect(ok(await call('getStorage', { key: 'greeting' }))).toEqual({ data: 'hello' });
    ok(await call('removeStorage', { key: 'greeting' }));
    expect(ok(await call('getStorage', { key: 'greeting' }))).toEqual({ data: null });
    ok(await call('clearStorage'));
    expect(ok(await call('getStorageInfo'))).toEqual({ keys: [], currentSize: 0, limitSize: 10240 });
  });

  it('takes objects in the Sync forms too (Alipay style)', () => {
    const { callSync } = harness();
    expect(callSync('setStorageSync', { key: 'n', data: 42 })).toEqual(expect.objectContaining({ ok: true, result: {} }));
    expect(callSync('getStorageSync', { key: 'n' })).toMatchObject({ ok: true, result: { data: 42 } });
    expect(callSync('getStorageInfoSync')).toMatchObject({ ok: true, result: { keys: ['n'], currentSize: 1, limitSize: 10240 } });
    expect(callSync('removeStorageSync', { key: 'n' })).toMatchObject({ ok: true });
    expect(callSync('getStorageSync', { key: 'n' })).toMatchObject({ ok: true, result: { data: null } });
    callSync('setStorageSync', { key: 'a', data: 'x' });
    expect(callSync('clearStorageSync')).toMatchObject({ ok: true });
    expect(callSync('getStorageInfoSync')).toMatchObject({ result: { keys: [] } });
  });

  it('fails with error 2 when key or data is missing or the key is empty', async () => {
    const { call, callSync } = harness();
    expect(await call('setStorage', { data: 1 })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'setStorage: parameter "key" is required (string)' } });
    expect(await call('setStorage', { key: 'k' })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'setStorage: parameter "data" is required (any JSON value)' } });
    expect(await call('setStorage', { key: 'k', data: null })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('getStorage', { key: '' })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'getStorage: parameter "key" must not be empty' } });
    expect(callSync('getStorageSync', {})).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('removeStorage', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'removeStorage: parameter "key" is required (string)' } });
    expect(callSync('removeStorageSync', { key: ['a'] })).toMatchObject({ ok: false, error: { error: 2 } });
    // my.setStorageSync returns its failure (docs: 失败时返回值与 my.setStorage 的 fail 回调参数相同).
    expect(callSync('setStorageSync', { key: 3, data: 1 })).toMatchObject({ ok: true, result: { error: 2, errorMessage: 'setStorageSync: parameter "key" should be string, got number' } });
  });

  it('limits one key to 200 KB of serialised data (error 14)', async () => {
    const { call, callSync } = harness();
    // JSON of a string adds its two quotes: 204798 characters serialise to exactly 200 KB.
    ok(await call('setStorage', { key: 'edge', data: 'x'.repeat(200 * 1024 - 2) }));
    expect(await call('setStorage', { key: 'over', data: 'x'.repeat(200 * 1024 - 1) })).toMatchObject({
      ok: false,
      error: { error: 14, errorMessage: expect.stringContaining('over the 200 KB limit per key') },
    });
    // Multi-byte text is measured in UTF-8 bytes, not characters.
    expect(callSync('setStorageSync', { key: 'wide', data: '字'.repeat(70 * 1024) })).toMatchObject({ ok: true, result: { error: 14 } });
    expect(ok(await call('getStorage', { key: 'over' }))).toEqual({ data: null });
  });

  it('limits a mini-program to 10 MB in total (error 12) and frees space on removal', async () => {
    const { call } = harness();
    const chunk = 'y'.repeat(190 * 1024);
    for (let i = 0; i < 53; i++) ok(await call('setStorage', { key: `k${i}`, data: chunk }));
    const info = ok(await call('getStorageInfo'));
    expect(info.keys).toHaveLength(53);
    expect(info.currentSize).toBe(Math.ceil((53 * (190 * 1024 + 2) + 53 * 2 + 43) / 1024));
    expect(await call('setStorage', { key: 'k53', data: chunk })).toMatchObject({
      ok: false,
      error: { error: 12, errorMessage: expect.stringContaining('over the 10240 KB limit per mini-program') },
    });
    // Overwriting an existing key only counts the difference.
    ok(await call('setStorage', { key: 'k0', data: chunk }));
    ok(await call('removeStorage', { key: 'k1' }));
    ok(await call('setStorage', { key: 'k53', data: chunk }));
  });

  it('keeps mini-programs apart even on one backend', async () => {
    const storage = createMemoryStorage();
    const a = harness({ storage }, { appId: 'app-a' });
    const b = harness({ storage }, { appId: 'app-b' });
    ok(await a.call('setStorage', { key: 'token', data: 'secret-a' }));
    expect(ok(await b.call('getStorage', { key: 'token' }))).toEqual({ data: null });
    expect(ok(await b.call('getStorageInfo')).keys).toEqual([]);
    ok(await b.call('clearStorage'));
    expect(ok(await a.call('getStorage', { key: 'token' }))).toEqual({ data: 'secret-a' });
  });

  it('survives a restart of the host with the file store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpk-jsapi-storage-'));
    try {
      const first = createFileStorage(dir);
      ok(harness({ storage: first }).callSync('setStorageSync', { key: 'cart', data: { items: [1, 2] } }));
      first.close();
      const second = createFileStorage(dir);
      expect(ok(await harness({ storage: second }).call('getStorage', { key: 'cart' }))).toEqual({ data: { items: [1, 2] } });
      expect(ok(await harness({ storage: second }, { appId: 'someone-else' }).call('getStorage', { key: 'cart' }))).toEqual({ data: null });
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports the backend's own quota as storage full, other failures as error 3", async () => {
    const failing = (error: Error): StorageBackend => ({ ...createMemoryStorage(), set: () => { throw error; } });
    const quota = Object.assign(new Error('exceeded'), { name: 'QuotaExceededError' });
    expect(await harness({ storage: failing(quota) }).call('setStorage', { key: 'k', data: 1 })).toMatchObject({ ok: false, error: { error: 12 } });
    expect(await harness({ storage: failing(new Error('EIO')) }).call('setStorage', { key: 'k', data: 1 })).toMatchObject({
      ok: false,
      error: { error: 3, errorMessage: 'setStorage: storage failed: EIO' },
    });
  });
});
