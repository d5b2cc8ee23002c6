/**
 * The package directory loader refuses what is not a regular file inside the package before it
 * reads a byte: symlinks (to files or through directories), FIFOs (never opened: no hang), devices,
 * sockets, directories, files whose size differs from the manifest (a sparse file is never read),
 * and paths that leave the package.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPackageFromDir, readPackageFile } from '../../src/package/node-source.ts';
import { PackageError } from '../../src/package/verify.ts';
import { BASE_FILES, manifestFor, writePackage } from './support.ts';

/** 1.4 GB. */
const SPARSE = 1400 * 1024 * 1024;
const dirs: string[] = [];
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const pkg = (...args: Parameters<typeof writePackage>): string => {
  const dir = writePackage(...args);
  dirs.push(dir);
  return dir;
};

async function refusal(promise: Promise<unknown>): Promise<PackageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

/** A package whose `logic.js` is replaced by what `make(file)` puts there (the manifest still lists the original). */
function withLogic(make: (file: string) => void): string {
  const dir = pkg();
  replaceLogic(dir, make);
  return dir;
}

function replaceLogic(dir: string, make: (file: string) => void): void {
  const file = path.join(dir, 'logic.js');
  rmSync(file);
  make(file);
}

/** A good package, loaded; then `logic.js` is swapped (the checks at read time, not only at load). */
async function swappedAfterLoad(make: (file: string) => void) {
  const dir = pkg();
  const source = await loadPackageFromDir(dir);
  replaceLogic(dir, make);
  return source;
}

describe('loadPackageFromDir', () => {
  it('reads a well-formed package: every listed file, exactly', async () => {
    const source = await loadPackageFromDir(pkg());
    for (const [file, content] of Object.entries(BASE_FILES)) expect(await source.readText(file)).toBe(content);
    expect(source.signature).toBeUndefined();
  });

  it('refuses a symlinked file, even one pointing inside the package', async () => {
    const outside = withLogic((file) => symlinkSync('/etc/hostname', file));
    const error = await refusal(loadPackageFromDir(outside));
    expect(error.message).toBe('logic.js is a symbolic link; a package holds regular files only');
    expect(error.file).toBe('logic.js');
    // Swapped in after the package was loaded: refused when it is read.
    const later = await swappedAfterLoad((file) => symlinkSync('/etc/hostname', file));
    expect((await refusal(later.readText('logic.js'))).message).toBe('logic.js is a symbolic link; a package holds regular files only');
    const inside = withLogic((file) => symlinkSync('style.css', file));
    expect((await refusal(loadPackageFromDir(inside))).message).toMatch(/^logic\.js is a symbolic link/);
  });

  it('refuses a path through a symlinked directory', async () => {
    const files = { ...BASE_FILES, 'assets/pic.png': 'png' };
    const dir = pkg(files);
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'mpk-elsewhere-'));
    dirs.push(elsewhere);
    writeFileSync(path.join(elsewhere, 'pic.png'), 'png');
    rmSync(path.join(dir, 'assets'), { recursive: true });
    symlinkSync(elsewhere, path.join(dir, 'assets'));
    const error = await refusal(loadPackageFromDir(dir));
    expect(error.message).toBe('assets/pic.png: assets/ is a symbolic link; a package holds regular files in real directories only');
  });

  it('refuses a symlinked manifest.json', async () => {
    const dir = pkg();
    const real = path.join(dir, 'real.json');
    execFileSync('mv', [path.join(dir, 'manifest.json'), real]);
    symlinkSync(real, path.join(dir, 'manifest.json'));
    expect((await refusal(loadPackageFromDir(dir))).message).toContain('manifest.json is a symbolic link');
  });

  it('refuses a FIFO at once, without opening it, and later loads still work', async () => {
    const dir = withLogic((file) => execFileSync('mkfifo', [file]));
    const started = Date.now();
    expect((await refusal(loadPackageFromDir(dir))).message).toBe('logic.js is a FIFO (named pipe); a package holds regular files only');
    const source = await swappedAfterLoad((file) => execFileSync('mkfifo', [file]));
    // More attempts than libuv has threads: a blocking open would wedge every later file operation.
    const errors = await Promise.all(Array.from({ length: 8 }, () => refusal(source.readText('logic.js'))));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors[0]!.message).toBe('logic.js is a FIFO (named pipe); a package holds regular files only');
    expect(await (await loadPackageFromDir(pkg())).readText('logic.js')).toBe(BASE_FILES['logic.js']);
  });

  it('refuses a FIFO in place of manifest.json', async () => {
    const dir = pkg();
    rmSync(path.join(dir, 'manifest.json'));
    execFileSync('mkfifo', [path.join(dir, 'manifest.json')]);
    expect((await refusal(loadPackageFromDir(dir))).message).toContain('manifest.json is a FIFO (named pipe)');
  });

  it('refuses a socket, a directory and (where it can be made) a device', async () => {
    const socketDir = withLogic((file) => {
      const server = createServer();
      server.listen(file);
      servers.push(server);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await refusal(loadPackageFromDir(socketDir))).message).toBe('logic.js is a socket; a package holds regular files only');
    const dirDir = withLogic((file) => mkdirSync(file));
    expect((await refusal(loadPackageFromDir(dirDir))).message).toBe('logic.js is a directory; a package holds regular files only');
    let device: string | undefined;
    try {
      device = withLogic((file) => execFileSync('mknod', [file, 'c', '1', '3'], { stdio: 'ignore' }));
    } catch {
      device = undefined; // no CAP_MKNOD here
    }
    if (device) expect((await refusal(loadPackageFromDir(device))).message).toBe('logic.js is a device; a package holds regular files only');
  });

  it('refuses a sparse file by its size without reading it (bounded memory)', async () => {
    const sparse = (file: string) => {
      const fd = openSync(file, 'w');
      ftruncateSync(fd, SPARSE);
      closeSync(fd);
    };
    const before = process.memoryUsage().rss;
    expect((await refusal(loadPackageFromDir(withLogic(sparse)))).message).toMatch(/^logic\.js: \d+ bytes on disk/);
    const source = await swappedAfterLoad(sparse);
    const error = await refusal(source.readBytes!('logic.js'));
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    expect(error.message).toBe(`logic.js: ${SPARSE} bytes on disk, manifest.json says ${Buffer.byteLength(BASE_FILES['logic.js']!)} (corrupt or modified package); refused before reading`);
  });

  it('refuses a manifest that lists a file over the per-file or per-package cap, before reading', async () => {
    const files = { ...BASE_FILES };
    const huge = manifestFor(files, (m) => (m.files.find((f) => f.path === 'logic.js')!.size = SPARSE));
    expect((await refusal(loadPackageFromDir(pkg(files, huge)))).message).toBe(
      `logic.js: manifest.json lists ${SPARSE} bytes, over the limit of 16 MiB per file; refused before reading`,
    );
    const small = await refusal(loadPackageFromDir(pkg(files), { limits: { maxPackageBytes: 50 } }));
    expect(small.message).toMatch(/^manifest\.json: the listed files add up to more than 50 bytes/);
  });

  it('refuses a manifest.json over its cap without reading it', async () => {
    const dir = pkg();
    const fd = openSync(path.join(dir, 'manifest.json'), 'r+');
    ftruncateSync(fd, 512 * 1024 * 1024);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    expect((await refusal(loadPackageFromDir(dir))).message).toContain('manifest.json: 536870912 bytes, over the limit of 8 MiB; refused before reading');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a file whose size differs from the manifest, and one the manifest does not list', async () => {
    const dir = pkg();
    writeFileSync(path.join(dir, 'secret.txt'), 'x');
    const source = await loadPackageFromDir(dir);
    writeFileSync(path.join(dir, 'style.css'), '.a{color:red}\n');
    expect((await refusal(source.readText('style.css'))).message).toBe('style.css: 14 bytes on disk, manifest.json says 5 (corrupt or modified package); refused before reading');
    expect((await refusal(loadPackageFromDir(dir))).message).toBe('style.css: 14 bytes on disk, manifest.json says 5 (corrupt or modified package); refused before reading');
    expect((await refusal(source.readText('secret.txt'))).message).toBe('secret.txt is not listed in manifest.json; refused');
    expect((await refusal(source.readText('../../etc/passwd'))).message).toBe('../../etc/passwd is not listed in manifest.json; refused');
  });

  it('refuses manifest paths that leave the package or alias another file', async () => {
    const cases: Array<[string, string]> = [
      ['../outside.js', 'manifest.json: file path "../outside.js" has a "." or ".." segment; refused'],
      ['/etc/passwd', 'manifest.json: file path "/etc/passwd" is absolute; refused'],
      ['assets\\..\\..\\x.js', 'manifest.json: file path "assets\\\\..\\\\..\\\\x.js" contains a backslash; refused'],
      ['a\u0000b.js', 'manifest.json: file path "a\\u0000b.js" contains a NUL or control character; refused'],
      ['C:/Windows/x.js', 'manifest.json: file path "C:/Windows/x.js" contains ":" (drive letters, URL schemes and Windows streams are refused); refused'],
      ['a/./b.js', 'manifest.json: file path "a/./b.js" has a "." or ".." segment; refused'],
      ['a//b.js', 'manifest.json: file path "a//b.js" has an empty segment; refused'],
      ['assets/nul.png', 'manifest.json: file path "assets/nul.png" names a device ("nul.png"); refused'],
      ['assets/x.png.', 'manifest.json: file path "assets/x.png." has a segment ending in a dot or a space; refused'],
      ['Logic.JS', 'manifest.json: "Logic.JS" and "logic.js" differ only in case or Unicode form (they would be one file on some systems)'],
      ['Manifest.json', 'manifest.json: "Manifest.json" is a reserved name and cannot be listed'],
    ];
    for (const [bad, message] of cases) {
      const manifest = manifestFor(BASE_FILES, (m) => m.files.push({ path: bad, size: 1, sha256: 'a'.repeat(64) }));
      const error = await refusal(loadPackageFromDir(pkg(BASE_FILES, manifest)));
      expect(error.message).toBe(message);
    }
    const unlistedPart = manifestFor(BASE_FILES, (m) => (m.parts[0]!.logic = '../../../etc/passwd'));
    expect((await refusal(loadPackageFromDir(pkg(BASE_FILES, unlistedPart)))).message).toBe(
      'manifest.json: the logic file of part "" ("../../../etc/passwd") is not listed in files',
    );
  });

  it('reads manifest.sig when the package has one, with the same checks', async () => {
    const dir = pkg();
    writeFileSync(path.join(dir, 'manifest.sig'), '{"format":1}');
    expect((await loadPackageFromDir(dir)).signature).toBe('{"format":1}');
    rmSync(path.join(dir, 'manifest.sig'));
    symlinkSync('/etc/hostname', path.join(dir, 'manifest.sig'));
    expect((await refusal(loadPackageFromDir(dir))).message).toBe('manifest.sig is a symbolic link; a package holds regular files only');
  });

  it('readPackageFile never reads more than it was told', async () => {
    const dir = pkg();
    expect((await refusal(readPackageFile(dir, 'logic.js', { maxBytes: 10 }))).message).toMatch(/^logic\.js: \d+ bytes, over the limit of 10 bytes; refused before reading$/);
    expect(await readPackageFile(dir, 'missing.js', { maxBytes: 10, optional: true })).toBeUndefined();
  });
});
