import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileStorage, createJsapi, defaultStorageDir } from '../../src/jsapi/index.ts';
import { appConfig, fakeServices } from '../jsapi/helpers.ts';

const dir = join(mkdtempSync(join(tmpdir(), 'mpk-default-storage-')), 'store');
const previous = process.env.MPK_STORAGE_DIR;
process.env.MPK_STORAGE_DIR = dir;
afterAll(() => {
  if (previous === undefined) delete process.env.MPK_STORAGE_DIR;
  else process.env.MPK_STORAGE_DIR = previous;
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('default storage in Node', () => {
  it('is the durable file store in $MPK_STORAGE_DIR, opened only when an app first uses storage', () => {
    expect(defaultStorageDir()).toBe(dir);
    const jsapi = createJsapi({ appId: 'default-app', app: appConfig(), services: fakeServices() });
    expect(existsSync(dir)).toBe(false);
    expect(jsapi.invokeSync({ t: 'invoke', cb: 1, api: 'setStorageSync', args: { key: 'visits', data: 3 }, sync: true })).toMatchObject({ ok: true });
    expect(readdirSync(dir).some((name) => name.startsWith('default-app-') && name.endsWith('.log'))).toBe(true);
    // Another container of the same app in this process shares it.
    const again = createJsapi({ appId: 'default-app', app: appConfig(), services: fakeServices() });
    expect(again.invokeSync({ t: 'invoke', cb: 2, api: 'getStorageSync', args: { key: 'visits' }, sync: true })).toMatchObject({ ok: true, result: { data: 3 } });
    // And it is on disk for the next process.
    const reader = createFileStorage(dir);
    expect(reader.get('default-app', 'visits')).toBe('3');
    reader.close();
  });
});
