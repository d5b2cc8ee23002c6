/**
 * Files end to end, as an author sees them (docs: api/基础API/文件 — my.getFileSystemManager, the
 * FileSystemManager methods and their Sync forms, Stats, my.saveFile / getSavedFileList /
 * getSavedFileInfo / removeSavedFile / getFileInfo; SPEC-DIGEST: 10 MB per file, 50 MB of user
 * files, error 10028; 10022 no such file, 10024 no permission): a mini-program writes, reads, lists,
 * renames, stats and removes files, async and sync; traversal attempts fail with 10024 and touch
 * nothing outside; the quota holds; a durable store keeps what was acknowledged when the host
 * process is killed; two appIds never see each other's files.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { createDiskFileStore, createMemoryFileStore } from '@mpk/runtime';
import { zipSync, strToU8 } from 'fflate';
import { closeAll, launchProject, logLines, page, writeProject } from '../support/project.ts';

/** app.js: runs `fs[method]` (or `my[api]`) as the test asks and logs what came back. */
export const FILES_APP_JS = `
function show(value) {
  return JSON.stringify(value, (key, v) => {
    if (v instanceof ArrayBuffer) return { arraybuffer: Array.from(new Uint8Array(v)) };
    if (v && typeof v === 'object' && typeof v.isDirectory === 'function') return { ...v, isDirectory: v.isDirectory(), isFile: v.isFile() };
    if (v instanceof Error) return { name: v.name, message: v.message, error: v.error };
    return v;
  });
}
function bytes(v) { return v && v.bytes ? new Uint8Array(v.bytes).buffer : v; }
App({
  onLaunch() {
    const fs = my.getFileSystemManager();
    console.log('same manager ' + (fs === my.getFileSystemManager()));
    my.on('e2e:fs', ({ method, args, form, api }) => {
      const log = (kind) => (res) => console.log(kind + ' ' + show(res));
      if (form === 'sync') {
        try { log('return')(fs[method](...args.map(bytes))); } catch (e) { log('throw')(e); }
      } else if (form === 'promise') {
        fs[method]({ ...args, data: bytes(args.data) }).then(log('then'), log('catch'));
      } else if (api) {
        my[api]({ ...args, success: log('success'), fail: log('fail') });
      } else {
        fs[method]({ ...args, data: bytes(args.data), success: log('success'), fail: log('fail') });
      }
    });
    my.on('e2e:canIUse', ({ names }) => console.log('canIUse ' + names.map((n) => n + '=' + my.canIUse(n)).join(' ')));
  },
});`;

const files = { 'app.js': FILES_APP_JS, ...page('pages/index/index', { axml: '<view>files</view>' }) };

type Form = 'callback' | 'promise' | 'sync';
async function fsCall(app: MiniApp, method: string, args: unknown, form: Form = 'callback'): Promise<{ kind: string; value: any }> {
  const before = logLines(app).length;
  await app.emit('e2e:fs', { method, args, form });
  const line = logLines(app).slice(before).find((l) => /^(success|fail|then|catch|return|throw) /.test(l));
  if (!line) throw new Error(`no answer from ${method}`);
  const space = line.indexOf(' ');
  return { kind: line.slice(0, space), value: JSON.parse(line.slice(space + 1)) };
}
async function myCall(app: MiniApp, api: string, args: unknown) {
  const before = logLines(app).length;
  await app.emit('e2e:fs', { api, args });
  const line = logLines(app).slice(before).find((l) => /^(success|fail) /.test(l))!;
  const space = line.indexOf(' ');
  return { kind: line.slice(0, space), value: JSON.parse(line.slice(space + 1)) };
}
const ok = async (p: Promise<{ kind: string; value: any }>) => {
  const r = await p;
  if (!['success', 'then', 'return'].includes(r.kind)) throw new Error(`expected success, got ${r.kind} ${JSON.stringify(r.value)}`);
  return r.value;
};
const failure = async (p: Promise<{ kind: string; value: any }>) => {
  const r = await p;
  if (!['fail', 'catch', 'throw'].includes(r.kind)) throw new Error(`expected a failure, got ${r.kind} ${JSON.stringify(r.value)}`);
  return r.value;
};

afterAll(closeAll);

describe('my.getFileSystemManager()', () => {
  let app: MiniApp;
  const store = createMemoryFileStore();
  beforeAll(async () => {
    app = await launchProject(files, { appId: 'files-app', host: { files: store } });
  });

  it('is one manager, and my.canIUse says it is there', async () => {
    expect(logLines(app)).toContain('same manager true');
    const before = logLines(app).length;
    await app.emit('e2e:canIUse', { names: ['getFileSystemManager', 'saveFile', 'getFileInfo', 'getSavedFileList'] });
    expect(logLines(app).slice(before)).toContain('canIUse getFileSystemManager=true saveFile=true getFileInfo=true getSavedFileList=true');
  });

  it('writes, reads, appends, lists, renames, stats and removes, with callbacks and Promises', async () => {
    await ok(fsCall(app, 'mkdir', { dirPath: 'https://usr/notes' }));
    await ok(fsCall(app, 'writeFile', { filePath: 'https://usr/notes/a.txt', data: '汉字 and text', encoding: 'utf8' }));
    await ok(fsCall(app, 'appendFile', { filePath: 'https://usr/notes/a.txt', data: '!' }, 'promise'));
    expect(await ok(fsCall(app, 'readFile', { filePath: 'https://usr/notes/a.txt', encoding: 'utf8' }))).toEqual({ data: '汉字 and text!', dataType: 'string' });
    expect((await ok(fsCall(app, 'readFile', { filePath: 'https://usr/notes/a.txt', encoding: 'hex' }, 'promise'))).data).toBe(Buffer.from('汉字 and text!').toString('hex'));
    // No encoding: an ArrayBuffer.
    await ok(fsCall(app, 'writeFile', { filePath: 'https://usr/notes/bin', data: { bytes: [0, 1, 254, 255] } }));
    expect(await ok(fsCall(app, 'readFile', { filePath: 'https://usr/notes/bin' }))).toEqual({ data: { arraybuffer: [0, 1, 254, 255] }, dataType: 'ArrayBuffer' });
    expect((await ok(fsCall(app, 'readFile', { filePath: 'https://usr/notes/bin', encoding: 'base64' }))).data).toBe('AAH+/w==');
    expect(await ok(fsCall(app, 'readdir', { dirPath: 'https://usr/notes' }))).toEqual({ files: ['a.txt', 'bin'] });
    await ok(fsCall(app, 'rename', { oldPath: 'https://usr/notes/a.txt', newPath: 'https://usr/notes/b.txt' }));
    await ok(fsCall(app, 'copyFile', { srcPath: 'https://usr/notes/b.txt', destPath: 'https://usr/copy.txt' }));
    const { stats } = await ok(fsCall(app, 'stat', { path: 'https://usr/notes/b.txt' }));
    expect(stats).toMatchObject({ size: Buffer.byteLength('汉字 and text!'), isFile: true, isDirectory: false, mode: 0o100644 });
    expect(typeof stats.lastModifiedTime).toBe('number');
    const tree = (await ok(fsCall(app, 'stat', { path: 'https://usr', recursive: true }))).stats;
    expect(Object.keys(tree).sort()).toEqual(['/', '/copy.txt', '/notes', '/notes/b.txt', '/notes/bin']);
    expect(tree['/notes']).toMatchObject({ isDirectory: true });
    await ok(fsCall(app, 'access', { path: 'https://usr/copy.txt' }));
    await ok(fsCall(app, 'unlink', { filePath: 'https://usr/copy.txt' }));
    expect(await failure(fsCall(app, 'access', { path: 'https://usr/copy.txt' }))).toMatchObject({ error: 10022 });
    expect(await failure(fsCall(app, 'rmdir', { dirPath: 'https://usr/notes' }))).toMatchObject({ error: 10027 });
    await ok(fsCall(app, 'rmdir', { dirPath: 'https://usr/notes', recursive: true }));
    expect(await ok(fsCall(app, 'readdir', { dirPath: 'https://usr' }))).toEqual({ files: [] });
  });

  it('has the Sync forms, with the positional arguments of the docs, throwing their errors', async () => {
    await ok(fsCall(app, 'mkdirSync', ['https://usr/s/t/u', true], 'sync'));
    await ok(fsCall(app, 'writeFileSync', ['https://usr/s/t/u/x.txt', 'sync', 'utf8'], 'sync'));
    await ok(fsCall(app, 'appendFileSync', ['https://usr/s/t/u/x.txt', { bytes: [33] }], 'sync'));
    expect(await ok(fsCall(app, 'readFileSync', ['https://usr/s/t/u/x.txt', 'utf8'], 'sync'))).toEqual({ data: 'sync!', dataType: 'string' });
    expect(await ok(fsCall(app, 'readdirSync', ['https://usr/s/t'], 'sync'))).toEqual({ files: ['u'] });
    await ok(fsCall(app, 'renameSync', ['https://usr/s/t/u/x.txt', 'https://usr/s/y.txt'], 'sync'));
    expect((await ok(fsCall(app, 'statSync', ['https://usr/s'], 'sync'))).stats).toMatchObject({ isDirectory: true });
    await ok(fsCall(app, 'copyFileSync', ['https://usr/s/y.txt', 'https://usr/s/z.txt'], 'sync'));
    await ok(fsCall(app, 'accessSync', ['https://usr/s/z.txt'], 'sync'));
    await ok(fsCall(app, 'unlinkSync', ['https://usr/s/z.txt'], 'sync'));
    const thrown = await fsCall(app, 'readFileSync', ['https://usr/s/z.txt', 'utf8'], 'sync');
    expect(thrown).toMatchObject({ kind: 'throw', value: { name: 'Error', error: 10022 } });
    expect(await failure(fsCall(app, 'unlinkSync', ['https://usr/s'], 'sync'))).toMatchObject({ error: 10023 });
    expect(await failure(fsCall(app, 'mkdirSync', ['https://usr/s'], 'sync'))).toMatchObject({ error: 10025 });
    expect(await failure(fsCall(app, 'mkdirSync', ['https://usr/p/q'], 'sync'))).toMatchObject({ error: 10022 });
    await ok(fsCall(app, 'rmdirSync', ['https://usr/s', true], 'sync'));
    expect(await failure(fsCall(app, 'unzip', { zipFilePath: 'https://usr/a.zip', targetPath: 'https://usr/a' }))).toMatchObject({ error: 10022 });
  });

  it('saves a temporary file, lists, describes and removes saved files (FileSystemManager and my.*)', async () => {
    await store.write('files-app', 'https://resource/apml00.image', new Uint8Array([1, 2, 3]));
    const { savedFilePath } = await ok(fsCall(app, 'saveFile', { tempFilePath: 'https://resource/apml00.image' }));
    expect(savedFilePath).toMatch(/^https:\/\/store\/apml[0-9a-f]{32}\.image$/);
    expect(store.read('files-app', 'https://resource/apml00.image')).toBeUndefined(); // moved
    const list = await ok(fsCall(app, 'getSavedFileList', {}));
    expect(list.fileList).toEqual([{ filePath: savedFilePath, size: 3, createTime: expect.any(Number) }]);
    expect(await ok(myCall(app, 'getSavedFileInfo', { apFilePath: savedFilePath }))).toEqual({ size: 3, createTime: list.fileList[0].createTime });
    expect(await ok(myCall(app, 'getFileInfo', { apFilePath: savedFilePath }))).toEqual({ size: 3, digest: '5289df737df57326fcdd22597afb1fac' });
    expect(await ok(fsCall(app, 'getFileInfo', { filePath: savedFilePath, digestAlgorithm: 'sha1' }))).toEqual({ size: 3, digest: '7037807198c22a7d2b0807371d763779a84fdfcf' });
    await ok(fsCall(app, 'removeSavedFile', { filePath: savedFilePath }));
    expect(await ok(myCall(app, 'getSavedFileList', {}))).toEqual({ fileList: [] });
    // my.saveFile: the legacy names and codes (12 no such file).
    await store.write('files-app', 'https://resource/apml01.other', new Uint8Array([9]));
    const saved = (await ok(myCall(app, 'saveFile', { apFilePath: 'https://resource/apml01.other' }))).apFilePath;
    expect((await ok(myCall(app, 'getSavedFileList', {}))).fileList).toEqual([{ apFilePath: saved, size: 1, createTime: expect.any(Number) }]);
    await ok(myCall(app, 'removeSavedFile', { apFilePath: saved }));
    expect(await failure(myCall(app, 'saveFile', { apFilePath: 'https://resource/apml01.other' }))).toMatchObject({ error: 12 });
    // saveFile with filePath: a user file.
    await store.write('files-app', 'https://resource/apml02.image', new Uint8Array([7]));
    expect(await ok(fsCall(app, 'saveFileSync', ['https://resource/apml02.image', 'https://usr/img.png'], 'sync'))).toEqual({ savedFilePath: 'https://usr/img.png' });
    await ok(fsCall(app, 'unlink', { filePath: 'https://usr/img.png' }));
  });

  it('refuses paths outside the app with 10024, touching nothing', async () => {
    const attempts = [
      'https://usr/../escape.txt', 'https://usr/a/../../escape.txt', 'https://usr/%2e%2e/escape.txt', 'https://usr/a%2f..%2fescape',
      'https://usr/nul\u0000.txt', '/etc/passwd', 'file:///etc/passwd', '../../escape.txt', 'https://usr\\..\\escape', 'https://other-app/x',
    ];
    for (const filePath of attempts) {
      expect(await failure(fsCall(app, 'writeFile', { filePath, data: 'x' })), filePath).toMatchObject({ error: 10024 });
      expect(await failure(fsCall(app, 'readFile', { filePath, encoding: 'utf8' })), filePath).toMatchObject({ error: 10024 });
    }
    // Temporary and saved files are read-only; the roots cannot go.
    expect(await failure(fsCall(app, 'writeFile', { filePath: 'https://resource/apmlx.image', data: 'x' }))).toMatchObject({ error: 10024 });
    expect(await failure(fsCall(app, 'rmdir', { dirPath: 'https://usr', recursive: true }))).toMatchObject({ error: 10024 });
    expect(store.list('files-app').every((p) => /^https:\/\/(usr|resource|store)\//.test(p))).toBe(true);
  });

  it('holds the documented quota: 10 MB per file, 50 MB in all (10028), never growing the host', async () => {
    const big = 'x'.repeat(6 * 1024 * 1024);
    await ok(fsCall(app, 'writeFile', { filePath: 'https://usr/big-0', data: big }));
    const over = await failure(fsCall(app, 'appendFile', { filePath: 'https://usr/big-0', data: big }));
    expect(over).toMatchObject({ error: 10028, errorMessage: expect.stringContaining('10 MB') });
    for (let i = 1; i < 8; i++) await ok(fsCall(app, 'writeFile', { filePath: `https://usr/big-${i}`, data: big }));
    expect(await failure(fsCall(app, 'writeFile', { filePath: 'https://usr/big-9', data: big }))).toMatchObject({ error: 10028, errorMessage: expect.stringContaining('50 MB') });
    expect(store.read('files-app', 'https://usr/big-9')).toBeUndefined();
    // More than one call carries: refused in the guest, as the size error.
    expect(await failure(fsCall(app, 'writeFile', { filePath: 'https://usr/huge', data: 'y'.repeat(9 * 1024 * 1024) }))).toMatchObject({ error: 10028 });
    for (let i = 0; i < 8; i++) await ok(fsCall(app, 'unlink', { filePath: `https://usr/big-${i}` }));
  }, 60_000);
});

describe('FileSystemManager.unzip', () => {
  let app: MiniApp;
  const store = createMemoryFileStore();
  beforeAll(async () => {
    app = await launchProject(files, { appId: 'zip-app', host: { files: store } });
  });
  const seed = (name: string, bytes: Uint8Array) => store.write('zip-app', `https://usr/${name}`, bytes);
  const unzip = (zip: string, target: string) => fsCall(app, 'unzip', { zipFilePath: `https://usr/${zip}`, targetPath: `https://usr/${target}` });

  it('unpacks files and folders into a new directory, readable with readFile and readdir', async () => {
    seed('pack.zip', zipSync({ 'a.txt': strToU8('alpha'), 'dir/b.txt': strToU8('汉字'), 'empty/': new Uint8Array(0) }));
    await ok(unzip('pack.zip', 'out'));
    expect((await ok(fsCall(app, 'readdir', { dirPath: 'https://usr/out' }))).files.sort()).toEqual(['a.txt', 'dir', 'empty']);
    expect(await ok(fsCall(app, 'readFile', { filePath: 'https://usr/out/dir/b.txt', encoding: 'utf8' }))).toEqual({ data: '汉字', dataType: 'string' });
    expect(await ok(fsCall(app, 'readdir', { dirPath: 'https://usr/out/empty' }))).toEqual({ files: [] });
  });

  it('refuses an entry that climbs out of the target (zip slip) with 10024, writing nothing', async () => {
    seed('slip.zip', zipSync({ 'fine.txt': strToU8('ok'), '../../escaped.txt': strToU8('evil') }));
    expect(await failure(unzip('slip.zip', 'slipped'))).toMatchObject({ error: 10024 });
    expect(store.stat('zip-app', 'https://usr/slipped')).toBeUndefined();
    expect(store.stat('zip-app', 'https://usr/escaped.txt')).toBeUndefined();
    expect(store.list('zip-app', 'https://usr').some((name) => name.includes('escaped'))).toBe(false);
  });

  it('stops a zip bomb as it inflates (11 MB of zeros in a 11 KB archive): 10028, nothing written', async () => {
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(11 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    seed('bomb.zip', bomb);
    const refused = await failure(unzip('bomb.zip', 'boom'));
    expect(refused).toMatchObject({ error: 10028 });
    expect(refused.errorMessage ?? refused.message).toMatch(/more than 10485760 bytes/);
    expect(store.stat('zip-app', 'https://usr/boom')).toBeUndefined();
  });

  it('answers 3 for bytes that are no zip, and 10022 for a missing archive or a target whose parent is missing', async () => {
    seed('junk.zip', strToU8('this is not a zip archive at all'));
    expect(await failure(unzip('junk.zip', 'junk'))).toMatchObject({ error: 3 });
    expect(await failure(unzip('missing.zip', 'x'))).toMatchObject({ error: 10022 });
    expect(await failure(unzip('pack.zip', 'no/such/parent'))).toMatchObject({ error: 10022 });
    expect(await failure(fsCall(app, 'unzip', { zipFilePath: 'https://usr/pack.zip', targetPath: 'https://resource/x' }))).toMatchObject({ error: 10024 });
  });
});

describe('the durable store, per app', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpk-e2e-files-'));
    dirs.push(dir);
    return dir;
  };

  it("never shows one appId another's files", async () => {
    const dir = tempDir();
    const one = await launchProject(files, { appId: 'app-one', host: { files: createDiskFileStore(dir) } });
    await ok(fsCall(one, 'writeFile', { filePath: 'https://usr/secret.txt', data: 'one' }));
    const two = await launchProject(files, { appId: 'app-two', host: { files: createDiskFileStore(dir) } });
    expect(await failure(fsCall(two, 'readFile', { filePath: 'https://usr/secret.txt', encoding: 'utf8' }))).toMatchObject({ error: 10022 });
    expect(await ok(fsCall(two, 'readdir', { dirPath: 'https://usr' }))).toEqual({ files: [] });
  });

  it('refuses a link planted in the app directory, and what it points at stays untouched', async () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'host.txt'), 'host');
    const store = createDiskFileStore(dir);
    const app = await launchProject(files, { appId: 'linked', host: { files: store } });
    symlinkSync(outside, join(store.appDir('linked'), 'usr', 'out'));
    symlinkSync(join(outside, 'host.txt'), join(store.appDir('linked'), 'usr', 'host.txt'));
    expect(await failure(fsCall(app, 'readFile', { filePath: 'https://usr/host.txt', encoding: 'utf8' }))).toMatchObject({ error: 10024 });
    expect(await failure(fsCall(app, 'writeFile', { filePath: 'https://usr/out/new.txt', data: 'x' }))).toMatchObject({ error: 10024 });
    expect(await failure(fsCall(app, 'writeFile', { filePath: 'https://usr/host.txt', data: 'x' }))).toMatchObject({ error: 10024 });
    expect(await failure(fsCall(app, 'unlink', { filePath: 'https://usr/host.txt' }))).toMatchObject({ error: 10024 });
    expect(readdirSync(outside)).toEqual(['host.txt']);
    expect(existsSync(join(outside, 'new.txt'))).toBe(false);
  });

  it('keeps an acknowledged write when the host process is killed right after it', async () => {
    const dir = tempDir();
    const project = await writeProject(files);
    const host = fileURLToPath(new URL('./fixtures/files-host.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', host, project, dir], { stdio: ['ignore', 'pipe', 'pipe'], cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exit = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host never acknowledged: ${out} ${err}`)), 50_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('acknowledged')) {
          clearTimeout(timer);
          // Killed the moment the app's success callback ran: nothing gets to flush or close.
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await exit).toBe('SIGKILL');
    const reopened = createDiskFileStore(dir);
    expect(new TextDecoder().decode(reopened.read('durable', 'https://usr/diary/today.txt'))).toBe('written before the crash');
    const app = await launchProject(files, { appId: 'durable', host: { files: reopened } });
    expect(await ok(fsCall(app, 'readFile', { filePath: 'https://usr/diary/today.txt', encoding: 'utf8' }))).toEqual({ data: 'written before the crash', dataType: 'string' });
  }, 60_000);
});

describe('the author harness', () => {
  it('seeds files for the app (launch({ files })) and reads back what it wrote (app.readFile)', async () => {
    const app = await launchProject(files, { files: { 'https://usr/seed/hello.txt': 'from the test', 'https://resource/apml9.image': new Uint8Array([1]) } });
    expect(await ok(fsCall(app, 'readFile', { filePath: 'https://usr/seed/hello.txt', encoding: 'utf8' }))).toEqual({ data: 'from the test', dataType: 'string' });
    await ok(fsCall(app, 'writeFile', { filePath: 'https://usr/seed/out.txt', data: 'from the app' }));
    expect(app.readFile('https://usr/seed/out.txt')).toBe('from the app');
    expect(app.readFile('https://usr/none')).toBeUndefined();
  });
});
