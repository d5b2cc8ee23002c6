/**
 * The host's file stores (adapters/files.ts, adapters/disk-files.ts): one contract, the memory store
 * and the durable disk store — directories, rename, list, stat, quota, per-app scoping, and paths
 * that try to leave the app's root (`..`, encoded dots, NUL, host paths, links planted on disk);
 * the disk store keeps every acknowledged write through SIGKILLs at random moments.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiskFileStore } from '../../src/adapters/disk-files.ts';
import { FileStoreError, createMemoryFileStore, localPathProblem, parseLocalPath, type FileStore } from '../../src/adapters/files.ts';
import { FILE_CRASH_APP, fileCrashOp } from './fixtures/file-crash-writer.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mpk-files-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const text = (s: string) => new TextEncoder().encode(s);
const read = (files: FileStore, app: string, path: string) => {
  const data = files.read(app, path);
  return data && new TextDecoder().decode(data);
};
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof FileStoreError ? error.code : `not a FileStoreError: ${(error as Error).message}`;
  }
};

describe('virtual paths', () => {
  it('normalises . and .. within a root', () => {
    expect(parseLocalPath('https://usr/a/./b/../c.txt').path).toBe('https://usr/a/c.txt');
    expect(parseLocalPath('https://usr//a/').path).toBe('https://usr/a');
    expect(parseLocalPath('https://usr').segments).toEqual([]);
    expect(parseLocalPath('https://resource/apml1.image').root).toBe('resource');
  });

  it('refuses what leaves the root or is not a local path', () => {
    for (const bad of [
      'https://usr/../x', 'https://usr/a/../../x', 'https://usr/%2e%2e/x', 'https://usr/a%2Fb', 'https://usr/a%00b',
      'https://usr/a\u0000b', 'https://usr/a\\..\\b', '/etc/passwd', 'file:///etc/passwd', 'C:\\Windows', 'https://usrx/a',
      'https://example.com/a', 'resource/test.txt', '../x', 'https://usr/' + 'a'.repeat(256),
    ]) {
      expect(localPathProblem(bad), bad).toMatch(/^permission denied/);
    }
  });
});

function contract(name: string, make: () => FileStore) {
  describe(`${name}: the FileStore contract`, () => {
    it('keeps files and directories: write, read, stat, list, rename, rmdir, remove', () => {
      const files = make();
      files.mkdir('a', 'https://usr/docs');
      files.write('a', 'https://usr/docs/one.txt', text('one'));
      files.write('a', 'https://usr/top.txt', text('top'));
      expect(files.list('a', 'https://usr')).toEqual(['docs', 'top.txt']);
      expect(files.list('a', 'https://usr/docs')).toEqual(['one.txt']);
      expect(files.stat('a', 'https://usr/docs')).toMatchObject({ type: 'directory', size: 0 });
      expect(files.stat('a', 'https://usr/docs/one.txt')).toMatchObject({ type: 'file', size: 3 });
      files.rename('a', 'https://usr/docs', 'https://usr/papers');
      expect(read(files, 'a', 'https://usr/papers/one.txt')).toBe('one');
      expect(files.stat('a', 'https://usr/docs')).toBeUndefined();
      expect(code(() => files.rmdir('a', 'https://usr/papers'))).toBe('ENOTEMPTY');
      files.remove('a', 'https://usr/papers/one.txt');
      files.rmdir('a', 'https://usr/papers');
      expect(files.list('a', 'https://usr')).toEqual(['top.txt']);
      expect(files.usage('a')).toEqual({ bytes: 3, files: 1 });
    });

    it('answers the documented failures as codes', () => {
      const files = make();
      files.write('a', 'https://usr/f', text('x'));
      expect(files.read('a', 'https://usr/missing')).toBeUndefined();
      expect(code(() => files.write('a', 'https://usr/no/such/dir.txt', text('x')))).toBe('ENOENT');
      expect(code(() => files.mkdir('a', 'https://usr/f'))).toBe('EEXIST');
      expect(code(() => files.list('a', 'https://usr/f'))).toBe('ENOTDIR');
      expect(code(() => files.list('a', 'https://usr/nothing'))).toBe('ENOENT');
      files.mkdir('a', 'https://usr/d');
      expect(code(() => files.read('a', 'https://usr/d'))).toBe('EISDIR');
      expect(code(() => files.write('a', 'https://usr/d', text('x')))).toBe('EISDIR');
      expect(code(() => files.rename('a', 'https://usr/d', 'https://usr/d/inner'))).toBe('EINVAL');
      expect(code(() => files.rmdir('a', 'https://usr'))).toBe('EACCES');
      expect(code(() => files.write('a', 'https://usr/../../etc/passwd', text('x')))).toBe('EACCES');
      expect(code(() => files.read('a', '/etc/passwd'))).toBe('EACCES');
    });

    it("scopes files per app: another app's paths find nothing", () => {
      const files = make();
      files.write('one', 'https://usr/secret', text('1'));
      expect(files.read('two', 'https://usr/secret')).toBeUndefined();
      expect(files.list('two', 'https://usr')).toEqual([]);
      files.clear('one');
      expect(files.read('one', 'https://usr/secret')).toBeUndefined();
    });

    it('holds each app to its quota: temporary files go first, then writes fail', () => {
      const files = make();
      // (the quota of `make` is 1000 bytes, 5 entries)
      files.write('q', 'https://usr/keep', new Uint8Array(400));
      files.write('q', 'https://resource/t1', new Uint8Array(300));
      files.write('q', 'https://resource/t2', new Uint8Array(300));
      files.write('q', 'https://usr/next', new Uint8Array(300));
      expect(files.read('q', 'https://resource/t1')).toBeUndefined();
      expect(files.read('q', 'https://resource/t2')).toBeDefined();
      expect(code(() => files.write('q', 'https://usr/big', new Uint8Array(600)))).toBe('ENOSPC');
      expect(code(() => files.write('q', 'https://usr/huge', new Uint8Array(1001)))).toBe('ENOSPC');
      expect(files.read('q', 'https://usr/big')).toBeUndefined();
      expect(files.usage('q').bytes).toBeLessThanOrEqual(1000);
    });
  });
}

contract('memory store', () => createMemoryFileStore({ maxBytesPerApp: 1000, maxFilesPerApp: 5 }));
contract('disk store', () => createDiskFileStore(tempDir(), { maxBytesPerApp: 1000, maxFilesPerApp: 5 }));

describe('disk store on the host', () => {
  it('keeps files across reopening, under a directory per app, and empties temporary files', () => {
    const dir = tempDir();
    const files = createDiskFileStore(dir);
    files.write('app/one', 'https://usr/a.txt', text('kept'));
    files.write('app/one', 'https://resource/t.image', text('temp'));
    const again = createDiskFileStore(dir);
    expect(read(again, 'app/one', 'https://usr/a.txt')).toBe('kept');
    expect(again.read('app/one', 'https://resource/t.image')).toBeUndefined();
    expect(again.usage('app/one')).toEqual({ bytes: 4, files: 1 });
    // The id is a readable stem plus a hash: no id reaches outside the store's directory.
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^app_one-[0-9a-f]{12}$/)]);
    expect(readdirSync(join(again.appDir('../../x')))).toContain('usr');
    expect(again.appDir('../../x').startsWith(dir)).toBe(true);
  });

  it('never follows a link planted in the app directory, to a file or on the way', () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.txt'), 'host secret');
    const files = createDiskFileStore(dir);
    const usr = join(files.appDir('a'), 'usr');
    symlinkSync(join(outside, 'secret.txt'), join(usr, 'link.txt'));
    symlinkSync(outside, join(usr, 'linkdir'));
    expect(code(() => files.read('a', 'https://usr/link.txt'))).toBe('EACCES');
    expect(code(() => files.write('a', 'https://usr/link.txt', text('overwrite')))).toBe('EACCES');
    expect(code(() => files.read('a', 'https://usr/linkdir/secret.txt'))).toBe('EACCES');
    expect(code(() => files.write('a', 'https://usr/linkdir/new.txt', text('x')))).toBe('EACCES');
    expect(code(() => files.list('a', 'https://usr/linkdir'))).toBe('EACCES');
    expect(code(() => files.rename('a', 'https://usr/link.txt', 'https://usr/moved.txt'))).toBe('EACCES');
    expect(code(() => files.remove('a', 'https://usr/link.txt'))).toBe('EACCES');
    expect(files.list('a', 'https://usr')).toEqual([]);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('host secret');
    expect(readdirSync(outside)).toEqual(['secret.txt']);
  });

  it('leaves no temp file behind a write and cleans stale ones at open', () => {
    const dir = tempDir();
    const files = createDiskFileStore(dir);
    files.write('a', 'https://usr/x', text('1'));
    const tmp = join(files.appDir('a'), 'tmp');
    expect(readdirSync(tmp)).toEqual([]);
    writeFileSync(join(tmp, 'half-written'), 'torn');
    createDiskFileStore(dir).usage('a');
    expect(existsSync(join(tmp, 'half-written'))).toBe(false);
  });
});

describe('disk store crash safety', () => {
  let childScript: string;
  beforeAll(async () => {
    const out = tempDir();
    mkdirSync(out, { recursive: true });
    childScript = join(out, 'file-crash-writer.mjs');
    await build({ entryPoints: [join(import.meta.dirname, 'fixtures/file-crash-writer.ts')], bundle: true, platform: 'node', format: 'esm', outfile: childScript, logLevel: 'silent' });
  });

  function runAndKill(dir: string, first: number, acks: number, delayMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [childScript, dir, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let stderr = '';
      let killed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (!killed && output.split('\n').length - 1 >= acks) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (_code, signal) => {
        if (signal !== 'SIGKILL') return reject(new Error(`writer exited on its own: ${stderr}`));
        const lines = output.split('\n').filter(Boolean);
        resolve(lines.length === 0 ? first - 1 : Number(lines[lines.length - 1]));
      });
    });
  }

  it('keeps every acknowledged write through 12 SIGKILLs at random moments, never a torn file', async () => {
    const dir = tempDir();
    let seed = Date.now() % 2147483647;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const initialSeed = seed;
    const model = new Map<string, string>();
    let next = 0;
    for (let run = 0; run < 12; run++) {
      const lastAcked = await runAndKill(dir, next, 1 + Math.floor(random() * 60), Math.floor(random() * 4));
      for (let i = next; i <= lastAcked; i++) model.set(fileCrashOp(i).path, fileCrashOp(i).text);
      const inflight = fileCrashOp(lastAcked + 1);
      const files = createDiskFileStore(dir);
      const context = `run ${run}, seed ${initialSeed}, last ack ${lastAcked}`;
      for (const [path, expected] of model) {
        const actual = read(files, FILE_CRASH_APP, path);
        if (path === inflight.path) expect([expected, inflight.text], context).toContain(actual);
        else expect(actual, `${context}: ${path}`).toBe(expected);
      }
      const onDisk = read(files, FILE_CRASH_APP, inflight.path);
      if (!model.has(inflight.path) && onDisk !== undefined) expect(onDisk, context).toBe(inflight.text);
      if (onDisk !== undefined) model.set(inflight.path, onDisk);
      expect(readdirSync(join(files.appDir(FILE_CRASH_APP), 'tmp')), context).toEqual([]);
      next = lastAcked + 2;
    }
  }, 60_000);
});
