/**
 * Attack: package files that are not what they claim. A host runs a package directory an attacker
 * built: a symlink to a host file, a FIFO (an open that never returns, and wedges every later file
 * operation of the process), a sparse file (1.4 GB read into memory for a 4 KB package), paths that
 * leave the package. Each is refused with a PackageError naming the file, before any app code runs,
 * in bounded time and memory, and the host keeps loading good packages.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageFromFiles, PackageError } from '@mpk/runtime';
import { appCodeRan, buildPackage, cleanup, run } from './support.ts';

afterAll(cleanup);

/** A built package with its logic.js replaced by `make(file)`. */
async function damaged(make: (file: string) => void): Promise<string> {
  const { dist } = await buildPackage();
  const logic = path.join(dist, 'logic.js');
  rmSync(logic);
  make(logic);
  return dist;
}

function expectRefused(r: Awaited<ReturnType<typeof run>>, message: string | RegExp, file = 'logic.js'): void {
  expect(r.error).toBeInstanceOf(PackageError);
  if (typeof message === 'string') expect(r.error!.message).toBe(message);
  else expect(r.error!.message).toMatch(message);
  expect((r.error as PackageError).file).toBe(file);
  expect(appCodeRan(r)).toBe(false);
}

describe('package files that are not what they claim', () => {
  it('runs the intact package (the baseline the attacks start from)', async () => {
    const { dist } = await buildPackage();
    const r = await run({ pkg: dist });
    expect(r.error).toBeUndefined();
    expect(appCodeRan(r)).toBe(true);
  });

  it('refuses a symlink to a host file', async () => {
    const dist = await damaged((file) => symlinkSync('/etc/passwd', file));
    expectRefused(await run({ pkg: dist }), 'logic.js is a symbolic link; a package holds regular files only');
  });

  it('refuses a symlinked directory on the way to a file', async () => {
    const { dist } = await buildPackage({
      'mini.project.json': { name: 'probe' },
      'app.js': 'App({});',
      'pages/index/index.axml': '<image src="/assets/a.png"/>',
      'pages/index/index.js': 'Page({});',
      'assets/a.png': 'not really a png',
    });
    rmSync(path.join(dist, 'assets'), { recursive: true });
    symlinkSync('/etc', path.join(dist, 'assets'));
    expectRefused(await run({ pkg: dist }), 'assets/a.png: assets/ is a symbolic link; a package holds regular files in real directories only', 'assets/a.png');
  });

  it('refuses a FIFO at once — no hang — and the next package still loads', async () => {
    const dist = await damaged((file) => execFileSync('mkfifo', [file]));
    const started = Date.now();
    // More loads than libuv has threads: one blocking open each would wedge the process for good.
    const refused = await Promise.all(Array.from({ length: 6 }, () => run({ pkg: dist })));
    expect(Date.now() - started).toBeLessThan(5000);
    for (const r of refused) expectRefused(r, 'logic.js is a FIFO (named pipe); a package holds regular files only');
    const { dist: good } = await buildPackage();
    const after = await run({ pkg: good });
    expect(after.error).toBeUndefined();
    expect(appCodeRan(after)).toBe(true);
  });

  it('refuses a sparse file by its size, never reading it (bounded memory)', async () => {
    const dist = await damaged((file) => {
      const fd = openSync(file, 'w');
      ftruncateSync(fd, 1400 * 1024 * 1024);
      closeSync(fd);
    });
    const before = process.memoryUsage().rss;
    const r = await run({ pkg: dist });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expectRefused(r, /^logic\.js: 1468006400 bytes on disk, manifest\.json says \d+ \(corrupt or modified package\); refused before reading$/);
  });

  it('refuses a manifest that lists a huge file, before reading anything', async () => {
    const { dist } = await buildPackage();
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    manifest.files.find((f: { path: string }) => f.path === 'logic.js').size = 1400 * 1024 * 1024;
    writeFileSync(path.join(dist, 'manifest.json'), JSON.stringify(manifest));
    expectRefused(await run({ pkg: dist }), 'logic.js: manifest.json lists 1468006400 bytes, over the limit of 16 MiB per file; refused before reading');
  });

  it('refuses manifest paths that leave the package, from a directory and from memory', async () => {
    const { dist } = await buildPackage();
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    manifest.parts[0].logic = '../../../../etc/passwd';
    manifest.files.push({ path: '../../../../etc/passwd', size: 10, sha256: '0'.repeat(64) });
    writeFileSync(path.join(dist, 'manifest.json'), JSON.stringify(manifest));
    expectRefused(await run({ pkg: dist }), 'manifest.json: file path "../../../../etc/passwd" has a "." or ".." segment; refused', '../../../../etc/passwd');
    // A host's own in-memory source gets the same checks at createContainer.
    expect(() => packageFromFiles({ 'manifest.json': JSON.stringify(manifest) })).toThrow(PackageError);
    const source = { manifest, readText: async () => 'App({})' };
    expectRefused(await run({ pkg: source }), 'manifest.json: file path "../../../../etc/passwd" has a "." or ".." segment; refused', '../../../../etc/passwd');
  });

  it('refuses a file changed after the package was loaded (read-time checks), before it runs', async () => {
    const { dist } = await buildPackage();
    const { loadPackageFromDir } = await import('@mpk/runtime/node');
    const source = await loadPackageFromDir(dist);
    rmSync(path.join(dist, 'logic.js'));
    symlinkSync('/etc/passwd', path.join(dist, 'logic.js'));
    expectRefused(await run({ pkg: source }), 'logic.js is a symbolic link; a package holds regular files only');
  });
});
