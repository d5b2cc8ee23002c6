/**
 * The declared catalogue is the platform's (docs: alipay-open-docs/mini/api, one .md per `my.*` name):
 * every documented name is declared exactly once, with its kind, schemas, scope and documented error
 * codes; what the host cannot provide answers the not-supported error of its family (1 by default,
 * "IDE 不支持调用该 API"; Wi-Fi 12001, iBeacon 11000, alertBeforeUnload 9, BLE permission guide 60010);
 * the same declarations drive types and mocks.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_APIS } from '../../src/jsapi/apis/docs-catalogue.ts';
import { builtinApis, createApiMocks, generateApiTypes } from '../../src/jsapi/index.ts';
import { harness, ok } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOCS = path.resolve(here, '../../../../../shared/reference/alipay-open-docs/mini/api');

/** `my.*` names of the docs folder: one `my.<name>.md` per API (my.getServerTime is there twice). */
function documentedNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const match = /^my\.([A-Za-z0-9.]+)\.md$/.exec(entry);
        if (match) names.add(match[1]!);
      }
    }
  };
  walk(DOCS);
  return names;
}

const apis = builtinApis();
const byName = new Map(apis.map((def) => [def.name, def]));

describe('the catalogue', () => {
  it.skipIf(!existsSync(DOCS))('declares every my.* name of the docs folder (and the generated list matches the folder)', () => {
    const documented = documentedNames();
    expect(documented.size).toBe(263);
    const missing = [...documented].filter((name) => !byName.has(name)).sort();
    expect(missing, `documented but not declared: ${missing.join(', ')}`).toEqual([]);
    // docs-catalogue.ts is generated from the folder (scripts/gen-api-catalogue.ts): rerun it when the docs change.
    expect(DOCUMENTED_APIS.map((api) => api.name).sort()).toEqual([...documented].sort());
  });

  it('declares each name once', () => {
    const names = apis.map((def) => def.name);
    const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
    expect(duplicates).toEqual([]);
    expect(DOCUMENTED_APIS.every((api) => byName.has(api.name))).toBe(true);
  });

  it('carries the documented kind and error codes of every documented name', () => {
    for (const doc of DOCUMENTED_APIS) {
      const def = byName.get(doc.name)!;
      if (doc.kind !== 'property') expect([doc.name, def.kind]).toEqual([doc.name, doc.kind]);
      for (const code of Object.keys(doc.errors ?? {})) expect(def.errors, `${doc.name} error ${code}`).toHaveProperty(code);
      expect(def.doc).toBe(doc.doc);
    }
  });

  it('answers what the host cannot provide with its family\'s not-supported error', () => {
    const code = (name: string) => byName.get(name)!.unsupported?.error;
    expect(code('createCameraContext')).toBe(1);
    expect(code('makeBluetoothPair')).toBe(1);
    // Answered when the host has the adapter (scanner, Bluetooth radio), else not supported in that container.
    for (const name of ['scan', 'openBluetoothAdapter', 'startCompass', 'setScreenBrightness']) {
      expect([name, code(name), typeof byName.get(name)!.available]).toEqual([name, undefined, 'function']);
    }
    expect(code('connectWifi')).toBe(12001);
    expect(code('startBeaconDiscovery')).toBe(11000);
    expect(code('enableAlertBeforeUnload')).toBe(9);
    expect(code('showBLEPermissionGuide')).toBe(60010);
    expect(byName.get('scan')!.scope).toBe('camera');
    expect(byName.get('getFileSystemManager')!.object).toMatchObject({ type: 'FileSystemManager', methods: expect.arrayContaining(['readFile', 'readFileSync']) });
    // Implemented or answered by the base library: not unsupported.
    for (const name of ['getFileSystemManager', 'saveFile', 'getFileInfo', 'getExtConfigSync', 'getOpenUserInfo', 'getAuthCode', 'canIUse', 'SDKVersion', 'onAppShow', 'arrayBufferToBase64']) {
      expect([name, byName.get(name)!.unsupported]).toEqual([name, undefined]);
    }
  });

  it('counts: documented / declared / implemented / base library / not supported', () => {
    const documented = DOCUMENTED_APIS.length;
    const docNames = new Set(DOCUMENTED_APIS.map((api) => api.name));
    const ofDocs = apis.filter((def) => docNames.has(def.name));
    const unsupported = ofDocs.filter((def) => def.unsupported).length;
    const baselib = ofDocs.filter((def) => def.baselib).length;
    expect(ofDocs.length).toBe(documented);
    const counts = { documented, declared: ofDocs.length, implemented: documented - unsupported - baselib, baselib, unsupported };
    console.log('catalogue', JSON.stringify(counts));
    expect(counts.implemented + counts.baselib).toBeGreaterThanOrEqual(88);
  });
});

describe('not-supported APIs at the bridge', () => {
  it('fail async, sync and task-less calls with the not-supported error, before validation', async () => {
    const h = harness();
    const scan = await h.call('scan', { scanType: 'not-an-array' });
    expect(scan).toMatchObject({ ok: false, error: { error: 1, errorMessage: expect.stringContaining('scan: not supported on this host') } });
    expect(await h.call('connectWifi', {})).toMatchObject({ ok: false, error: { error: 12001 } });
    // The guest never invokes an unsupported manager (it builds an inert one); the host still refuses it.
    expect(h.callSync('getRecorderManager')).toMatchObject({ ok: false, error: { error: 1 } });
    expect(ok(h.callSync('getBatteryInfoSync'))).toEqual({ level: 100, isCharging: false });
    expect(ok(await h.call('getRunScene'))).toEqual({ envVersion: 'develop' });
  });

  it('are listed in init as unsupported (managers with their methods), without parameter lists', () => {
    const descriptors = new Map(harness().jsapi.descriptors().map((d) => [d.name, d]));
    expect(descriptors.get('scan')).toEqual({ name: 'scan', kind: 'async', unsupported: true });
    expect(descriptors.get('getRecorderManager')).toMatchObject({ kind: 'sync', unsupported: true, object: { type: 'RecorderManager', methods: expect.arrayContaining(['start', 'onStop']) } });
    expect(descriptors.get('onAccelerometerChange')).toEqual({ name: 'onAccelerometerChange', kind: 'event', unsupported: true });
    // The base library's own names are not sent; the cloud SDK's plumbing is marked internal.
    expect(descriptors.has('canIUse')).toBe(false);
    expect(descriptors.has('SDKVersion')).toBe(false);
    expect(descriptors.get('cloudRequest')).toMatchObject({ internal: true });
  });

  it('become available when the host provides them (host.apis) or a test mocks them', async () => {
    const h = harness({ apis: { scan: { kind: 'async', handler: () => ({ code: 'X1' }) } } });
    expect(ok(await h.call('scan'))).toEqual({ code: 'X1' });
    expect(h.jsapi.descriptors().find((d) => d.name === 'scan')).not.toHaveProperty('unsupported');

    const mocks = createApiMocks(apis.filter((def) => def.name === 'scan'), { scan: { code: 'QR' } });
    // The harness's launch() drops the scope of what it mocks; here the scope is granted.
    const mocked = harness({ apis: mocks.apis, permissions: { camera: 'granted' } });
    expect(ok(await mocked.call('scan', { hideAlbum: true }))).toMatchObject({ code: 'QR' });
    expect(mocks.callsOf('scan')).toEqual([{ hideAlbum: true }]);
  });

  it('a host can switch a built-in off with `unsupported`', async () => {
    const h = harness({ apis: { getLocation: { kind: 'async', unsupported: { error: 1, errorMessage: 'getLocation: not here' }, handler: () => ({}) } } });
    expect(await h.call('getLocation')).toMatchObject({ ok: false, error: { error: 1, errorMessage: 'getLocation: not here' } });
  });
});

describe('types from the whole catalogue', () => {
  it('generateApiTypes(builtinApis()) is valid TypeScript (my.ap.* and my.cloud.* as namespaces, my.SDKVersion a const)', () => {
    const dts = generateApiTypes(apis);
    expect(dts).toContain('export namespace ap {');
    expect(dts).toContain('export function openURL(');
    expect(dts).toContain('export const SDKVersion: string;');
    expect(dts).not.toContain('cloudRequest');
    const dir = mkdtempSync(path.join(tmpdir(), 'mpk-types-'));
    const file = path.join(dir, 'my-apis.d.ts');
    writeFileSync(file, dts);
    const program = ts.createProgram([file], { noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [] });
    const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    rmSync(dir, { recursive: true, force: true });
    expect(diagnostics).toEqual([]);
  });
});

describe('argument conventions', () => {
  it('accepts numeric strings for numeric parameters, as the clients do (showLoading delay: "100")', async () => {
    const h = harness();
    expect((await h.call('showLoading', { content: 'x', delay: '100' })).ok).toBe(true);
    expect(await h.call('showLoading', { delay: 'soon' })).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it('my.setStorageSync returns its failure instead of throwing (docs: 失败时返回值与 my.setStorage 的 fail 回调参数相同)', () => {
    const h = harness();
    expect(h.callSync('setStorageSync', { key: 'k' })).toMatchObject({ ok: true, result: { error: 2, errorMessage: expect.stringContaining('data') } });
    expect(h.callSync('getStorageSync', { key: '' })).toMatchObject({ ok: false, error: { error: 2 } });
  });
});
