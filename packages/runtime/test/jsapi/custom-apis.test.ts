import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiFailure, builtinApis, createApiMocks, generateApiTypes, s, type HostApiDefinition } from '../../src/jsapi/index.ts';
import { harness, ok } from './helpers.ts';

/** A host that offers two APIs of its own. */
const hostApis: Record<string, HostApiDefinition> = {
  scanBadge: {
    kind: 'async',
    description: 'Reads the staff badge held to the reader.',
    params: s.object(
      {
        reader: s.enum(['front', 'back'], { description: 'Which reader to use.' }),
        timeoutMs: s.integer({ minimum: 0 }),
      },
      { required: ['reader'] },
    ),
    result: s.object({ badgeId: s.string(), level: s.integer(), tags: s.array(s.string()) }, { required: ['badgeId', 'level'] }),
    errors: { 11: 'no badge presented' },
    handler(args: { reader: string; timeoutMs?: number }) {
      if (args.timeoutMs === 0) throw new ApiFailure(11, 'scanBadge: no badge presented');
      return { badgeId: `B-${args.reader}-001`, level: 3 };
    },
  },
  getKioskLabelSync: {
    kind: 'sync',
    params: s.object({ prefix: s.string() }),
    result: s.object({ label: s.string() }, { required: ['label'] }),
    handler: (args: { prefix?: string }) => ({ label: `${args.prefix ?? ''}kiosk-7` }),
  },
};

describe('custom host APIs', () => {
  it('are called like built-ins and validated at the bridge', async () => {
    const { call, callSync } = harness({ apis: hostApis });
    expect(ok(await call('scanBadge', { reader: 'front' }))).toEqual({ badgeId: 'B-front-001', level: 3 });
    expect(await call('scanBadge', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'scanBadge: parameter "reader" is required ("front" | "back")' } });
    expect(await call('scanBadge', { reader: 'side' })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'scanBadge: parameter "reader" should be "front" | "back", got string "side"' } });
    expect(await call('scanBadge', { reader: 'back', timeoutMs: -1 })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'scanBadge: parameter "timeoutMs" should be at least 0, got -1' } });
    expect(await call('scanBadge', { reader: 'back', timeoutMs: 0 })).toMatchObject({ ok: false, error: { error: 11, errorMessage: 'scanBadge: no badge presented' } });
    expect(ok(callSync('getKioskLabelSync', { prefix: 'hall-' }))).toEqual({ label: 'hall-kiosk-7' });
    expect(callSync('getKioskLabelSync', { prefix: 7 })).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it('appear in the descriptors the guest builds my.xxx and my.canIUse from', () => {
    const { jsapi } = harness({ apis: hostApis });
    const descriptors = jsapi.descriptors();
    expect(descriptors.find((d) => d.name === 'scanBadge')).toEqual({
      name: 'scanBadge',
      kind: 'async',
      params: ['reader', 'reader.front', 'reader.back', 'timeoutMs'],
      results: ['badgeId', 'level', 'tags'],
    });
    expect(descriptors.find((d) => d.name === 'getKioskLabelSync')).toEqual({ name: 'getKioskLabelSync', kind: 'sync', params: ['prefix'], results: ['label'] });
    // Built-ins are still there.
    expect(descriptors.some((d) => d.name === 'request')).toBe(true);
  });
});

describe('generated types', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Type-checks an author's page against @mini-types/alipay plus the generated declarations. */
  function typeCheck(page: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'mpk-typegen-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'host-apis.d.ts'), generateApiTypes(hostApis));
    writeFileSync(join(dir, 'page.ts'), page);
    // Authors get @mini-types/alipay through the devtools package.
    const devtools = createRequire(join(import.meta.dirname, '../../../devtools/package.json'));
    const miniTypes = join(dirname(devtools.resolve('@mini-types/alipay/package.json')), 'types/index.d.ts');
    const program = ts.createProgram([join(dir, 'page.ts'), join(dir, 'host-apis.d.ts'), miniTypes], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => !d.file || d.file.fileName.startsWith(dir))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it('let an author page that uses the host APIs and the built-ins compile with zero errors', () => {
    const errors = typeCheck(`
      export async function onScan(): Promise<string> {
        const badge = await my.scanBadge({ reader: 'front' });
        const level: number = badge.level;
        const tags: string[] | undefined = badge.tags;
        my.scanBadge({
          reader: 'back',
          timeoutMs: 500,
          success(result) { const id: string = result.badgeId; void id; },
          fail(error) { const code: number = error.error; void code; },
        });
        const label: string = my.getKioskLabelSync().label;
        const viaCall = await my.call('scanBadge', { reader: 'back' });
        my.request({ url: 'https://example.com', success: (res) => void res.status });
        my.showToast({ content: String(level) + label + String(tags) + String(viaCall) });
        return badge.badgeId;
      }
    `);
    expect(errors).toEqual([]);
  });

  it('reject wrong calls', () => {
    const errors = typeCheck(`
      export async function wrong(): Promise<void> {
        await my.scanBadge({ reader: 'side' });
        await my.scanBadge({});
        const id: number = (await my.scanBadge({ reader: 'front' })).badgeId;
        my.getKioskLabelSync({ prefix: 3 });
        const viaCall: number = await my.call('scanBadge', { reader: 'front' });
        void id;
        void viaCall;
      }
    `);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(/"side"/);
    expect(errors[1]).toMatch(/reader/);
    expect(errors[2]).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(errors[3]).toMatch(/number/);
    expect(errors[4]).toMatch(/ScanBadgeResult' is not assignable to type 'number'/);
  });

  it('declare events, sync APIs and task objects for the built-in catalogue too', () => {
    const text = generateApiTypes(builtinApis());
    expect(text).toContain('export function onSocketMessage(callback: MpkHostApis.OnSocketMessageListener): void;');
    expect(text).toContain('export function offSocketMessage(callback?: MpkHostApis.OffSocketMessageListener): void;');
    expect(text).toContain('export function getStorageSync(options: MpkHostApis.GetStorageSyncOptions): MpkHostApis.GetStorageSyncResult;');
    expect(text).toMatch(/export function request\(options: MpkHostApis\.RequestOptions & MpkHostApis\.Callbacks<MpkHostApis\.RequestResult>\): Promise<MpkHostApis\.RequestResult> & MpkHostApis\.RequestTask;/);
    expect(text).toContain('onHeadersReceived(callback: (data: any) => void): void;');
    const diagnostics = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { noEmit: true } }).diagnostics ?? [];
    expect(diagnostics).toEqual([]);
  });
});

describe('mocks from the declarations', () => {
  it('answer with schema-shaped results, validate arguments and record calls', async () => {
    const mocks = createApiMocks(hostApis);
    const { call, callSync } = harness({ apis: mocks.apis });
    expect(ok(await call('scanBadge', { reader: 'front' }))).toEqual({ badgeId: '', level: 0, tags: [] });
    expect(ok(callSync('getKioskLabelSync'))).toEqual({ label: '' });
    expect(await call('scanBadge', { reader: 'sideways' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(mocks.calls).toEqual([
      { api: 'scanBadge', args: { reader: 'front' } },
      { api: 'getKioskLabelSync', args: {} },
    ]);
  });

  it('can be told what to answer, or to fail', async () => {
    const mocks = createApiMocks(hostApis, { getKioskLabelSync: { label: 'from-override' } });
    const { call, callSync } = harness({ apis: mocks.apis });
    expect(ok(callSync('getKioskLabelSync'))).toEqual({ label: 'from-override' });
    mocks.respond('scanBadge', (args: { reader: string }) => ({ badgeId: `mock-${args.reader}`, level: 9 }));
    expect(ok(await call('scanBadge', { reader: 'back' }))).toEqual({ badgeId: 'mock-back', level: 9 });
    mocks.fail('scanBadge', 11, 'no badge');
    expect(await call('scanBadge', { reader: 'back' })).toMatchObject({ ok: false, error: { error: 11, errorMessage: 'no badge' } });
    // A response that breaks the declared result shape is caught at the bridge.
    mocks.respond('scanBadge', { badgeId: 1 });
    expect(await call('scanBadge', { reader: 'back' })).toMatchObject({ ok: false, error: { error: 3 } });
    mocks.reset();
    expect(mocks.calls).toEqual([]);
    expect(ok(callSync('getKioskLabelSync'))).toEqual({ label: 'from-override' });
  });

  it('replace built-ins, task methods included', async () => {
    const mocks = createApiMocks(builtinApis().filter((d) => d.name === 'request' || d.name === 'getLocation'));
    mocks.respond('request', { data: { mocked: true }, status: 200, headers: {}, statusCode: 200, header: {} });
    const { call } = harness({ apis: mocks.apis, permissions: { location: 'granted' } });
    expect(ok(await call('request', { url: 'https://anything.example/' })).data).toEqual({ mocked: true });
    expect(await call('request', {})).toMatchObject({ ok: false, error: { error: 2 } });
    expect(ok(await call('getLocation'))).toMatchObject({ longitude: '', latitude: '' });
    expect(mocks.callsOf('request')).toEqual([{ url: 'https://anything.example/', method: 'GET', dataType: 'json' }]);
  });
});
