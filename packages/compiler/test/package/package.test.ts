import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateManifest, verifyFile } from '@mpk/runtime';
import { loadPackageFromDir } from '@mpk/runtime/node';
import { build } from '../../src/index.ts';
import { only } from '../fixtures/expect.ts';
import { copyFixture, minimalApp, page, removeTempDirs, writeFile, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function listFiles(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')]))
    .sort();
}

describe('the package of the fixture app', async () => {
  const dir = copyFixture('valid-app');
  const result = await build(dir);
  const out = path.join(dir, 'dist');
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));

  it('builds without errors into <project>/dist', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.outDir).toBe(out);
  });

  it('writes the parts and exactly the assets the whitelist, assetsInclude and uploadExclude select', () => {
    expect(listFiles(out)).toEqual([
      'data/extra.dat',
      'images/home.png',
      'images/logo.png',
      'logic.js',
      'logic.js.map',
      'manifest.json',
      'node_modules/fixture-ui/es/assets/bg.png',
      'style.css',
      'sub/logic.js',
      'sub/logic.js.map',
      'sub/style.css',
      'sub/view.json',
      'view.json',
    ]);
  });

  it('lists every file with its size and sha256', () => {
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(listFiles(out).filter((p) => p !== 'manifest.json'));
    for (const file of manifest.files as Array<{ path: string; size: number; sha256: string }>) {
      const bytes = fs.readFileSync(path.join(out, file.path));
      expect({ path: file.path, size: bytes.byteLength, sha256: sha256(bytes) }).toEqual(file);
    }
  });

  it('is a package the runtime accepts', async () => {
    expect(() => validateManifest(manifest)).not.toThrow();
    const source = await loadPackageFromDir(out);
    for (const file of source.manifest.files) await verifyFile(source.manifest, file.path, await source.readBytes!(file.path));
  });

  it('describes the app, pages, components and parts', () => {
    expect(manifest.format).toBe(1);
    expect(manifest.compiler).toMatch(/^mpk-compiler@/);
    expect(manifest.app.entryPagePath).toBe('pages/index/index');
    expect(Object.keys(manifest.pages)).toEqual(['pages/index/index', 'pages/logs/logs', 'pages/ts-page/ts-page', 'sub/pages/detail/detail']);
    expect(manifest.pages['sub/pages/detail/detail']).toMatchObject({ package: 'sub', template: 'sub/pages/detail/detail' });
    expect(manifest.components['components/card/card']).toMatchObject({ styleIsolation: 'apply-shared', virtualHost: false, scope: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(manifest.parts).toEqual([
      { root: '', pages: ['pages/index/index', 'pages/logs/logs', 'pages/ts-page/ts-page'], logic: 'logic.js', logicMap: 'logic.js.map', view: 'view.json', style: 'style.css' },
      { root: 'sub', pages: ['sub/pages/detail/detail'], logic: 'sub/logic.js', logicMap: 'sub/logic.js.map', view: 'sub/view.json', style: 'sub/style.css' },
    ]);
  });

  it('counts sizes per part without source maps', () => {
    const size = (p: string) => fs.statSync(path.join(out, p)).size;
    const mainFiles = ['logic.js', 'view.json', 'style.css', 'data/extra.dat', 'images/home.png', 'images/logo.png', 'node_modules/fixture-ui/es/assets/bg.png'];
    expect(manifest.sizes).toEqual({
      '': mainFiles.reduce((sum, p) => sum + size(p), 0),
      sub: ['sub/logic.js', 'sub/view.json', 'sub/style.css'].reduce((sum, p) => sum + size(p), 0),
    });
  });

  it('reports every file in the result, with its part', () => {
    expect(result.files.find((f) => f.path === 'sub/view.json')).toMatchObject({ part: 'sub', size: fs.statSync(path.join(out, 'sub/view.json')).size });
    expect(result.changed).toContain('manifest.json');
    expect(result.changed).toContain('view.json');
  });
});

describe('miniprogramRoot', () => {
  it('builds a project whose sources live in a subdirectory, with node_modules beside mini.project.json', async () => {
    const files: Record<string, string> = {
      'mini.project.json': '{ "format": 2, "miniprogramRoot": "client" }',
      'node_modules/ui/package.json': '{ "name": "ui" }',
      'node_modules/ui/es/tag/index.json': '{ "component": true }',
      'node_modules/ui/es/tag/index.js': "import { label } from '../util';\nComponent({ data: { label: label() } });",
      'node_modules/ui/es/tag/index.axml': '<text class="tag">{{label}}</text>',
      'node_modules/ui/es/tag/index.acss': '.tag { padding: 4rpx; }',
      'node_modules/ui/es/util.js': "export const label = () => 'tag';",
      'node_modules/ui/es/tag/dot.png': 'dot',
    };
    const app = minimalApp({ 'pages/index/index.json': '{ "usingComponents": { "tag": "ui/tag" } }', 'pages/index/index.axml': '<tag />' });
    for (const [file, content] of Object.entries(app)) files[`client/${file}`] = content;
    const dir = writeProject(files);
    const result = await build(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.outDir).toBe(path.join(dir, 'dist'));
    expect(result.manifest!.components).toHaveProperty(['node_modules/ui/es/tag/index']);
    expect(listFiles(path.join(dir, 'dist'))).toContain('node_modules/ui/es/tag/dot.png');
    expect(fs.readFileSync(path.join(dir, 'dist/style.css'), 'utf8')).toContain('.tag { padding: calc(4 * var(--mpk-rpx)); }');
    expect(fs.readFileSync(path.join(dir, 'dist/logic.js'), 'utf8')).toContain('"node_modules/ui/es/tag/index": () =>');
  });
});

describe('limits (measured compressed, as the platform checks the upload)', () => {
  it('fails a part over 2 MB compressed and names its biggest files', async () => {
    const dir = writeProject(minimalApp());
    writeFile(dir, 'images/huge.png', randomBytes(2 * 1024 * 1024 + 10)); // random bytes do not compress
    writeFile(dir, 'images/small.png', randomBytes(1000));
    const result = await build(dir);
    expect(result.ok).toBe(false);
    const d = only(result.diagnostics, 'MPK6001');
    expect(d.severity).toBe('error');
    expect(d.message).toMatch(/^the main package is 2\.\d\d MB compressed \(2\.\d\d MB raw\), over the 2\.00 MB limit per package; biggest files: images\/huge\.png \(2\.00 MB compressed, 2\.00 MB raw\), /);
    expect(d.message).toMatch(/images\/small\.png \(\S+ \S+ compressed, 1000 B raw\)/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('accepts a part over 2 MB raw that compresses under the limit, and reports both sizes', async () => {
    const dir = writeProject(minimalApp({ 'mini.project.json': '{ "format": 2, "assetsInclude": ["data/**"] }' }));
    writeFile(dir, 'data/table.json', JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ id: i, name: 'row', ok: true }))));
    const result = await build(dir);
    expect(result.diagnostics).toEqual([]);
    const main = result.sizes!.parts.find((p) => p.part === '')!;
    expect(main.raw).toBeGreaterThan(2 * 1024 * 1024);
    expect(main.compressed).toBeLessThan(main.raw / 5);
    expect(main.limit).toBe(2 * 1024 * 1024);
    const table = result.files.find((f) => f.path === 'data/table.json')!;
    expect(table.compressed).toBeLessThan(table.size);
    expect(result.files.find((f) => f.path === 'logic.js.map')!.compressed).toBe(0);
    expect(result.sizes!.total).toMatchObject({ raw: main.raw, compressed: main.compressed, limit: 8 * 1024 * 1024 });
    expect(result.manifest!.sizes['']).toBe(main.raw);
  });

  it('only warns with sizeLimits: "warning" (mpk dev, mpk run, the test harness), and writes the package', async () => {
    const dir = writeProject(minimalApp());
    writeFile(dir, 'images/huge.png', randomBytes(2 * 1024 * 1024 + 10));
    const result = await build(dir, { sizeLimits: 'warning' });
    expect(result.ok).toBe(true);
    const d = only(result.diagnostics, 'MPK6001');
    expect(d.severity).toBe('warning');
    expect(d.message).toContain('a warning while developing; mpk build and mpk check refuse it');
    expect(fs.existsSync(path.join(dir, 'dist/images/huge.png'))).toBe(true);
  });

  it('fails a package over 8 MB compressed in total even when every part fits', async () => {
    const subPackages = Array.from({ length: 5 }, (_, i) => ({ root: `s${i}`, pages: ['p/p'] }));
    const files: Record<string, string | Buffer> = {
      ...minimalApp({ 'app.json': JSON.stringify({ pages: ['pages/index/index'], subPackages }) }),
    };
    for (let i = 0; i < 5; i++) {
      Object.assign(files, page(`s${i}/p/p`));
      files[`s${i}/media/clip.mp4`] = randomBytes(1.8 * 1024 * 1024);
    }
    const result = await build(writeProject(files));
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MPK6002', 'error']]);
    expect(result.diagnostics[0]!.message).toMatch(/all packages together are 9\.\d\d MB compressed \(9\.\d\d MB raw\), over the 8\.00 MB limit/);
    expect(result.manifest!.sizes.s3).toBeGreaterThan(1.8 * 1024 * 1024);
  });
});

describe('the output directory', () => {
  it('refuses to overwrite a directory that is not an mpk package', async () => {
    const dir = writeProject(minimalApp());
    const out = writeProject({ 'notes.txt': 'my precious notes' });
    const result = await build(dir, { outDir: out });
    expect(result.ok).toBe(false);
    expect(only(result.diagnostics, 'MPK6003').message).toContain('refusing to overwrite');
    expect(listFiles(out)).toEqual(['notes.txt']);
  });

  it('replaces a previous mpk package, removing the files it no longer has', async () => {
    const dir = writeProject({ ...minimalApp(), 'images/old.png': 'old' });
    const out = path.join(writeProject({}), 'pkg');
    expect((await build(dir, { outDir: out })).ok).toBe(true);
    expect(fs.existsSync(path.join(out, 'images/old.png'))).toBe(true);
    fs.rmSync(path.join(dir, 'images/old.png'));
    writeFile(out, 'user-added.txt', 'not listed in the manifest: left alone');
    const second = await build(dir, { outDir: out });
    expect(second.ok).toBe(true);
    expect(listFiles(out)).toEqual(['logic.js', 'logic.js.map', 'manifest.json', 'style.css', 'user-added.txt', 'view.json']);
  });

  it('builds into a fresh directory, or an empty one', async () => {
    const dir = writeProject(minimalApp());
    const empty = writeProject({});
    expect((await build(dir, { outDir: empty })).ok).toBe(true);
    expect(fs.existsSync(path.join(empty, 'manifest.json'))).toBe(true);
  });

  it('reports a directory that cannot be created', async () => {
    const dir = writeProject({ ...minimalApp(), 'blocker': 'a file where a directory should be' });
    const result = await build(dir, { outDir: path.join(dir, 'blocker', 'out') });
    expect(only(result.diagnostics, 'MPK6004').message).toContain('could not write');
  });

  it('reports an asset that collides with a generated file', async () => {
    const dir = writeProject({ ...minimalApp(), 'mini.project.json': '{ "format": 2, "assetsInclude": ["*.css"] }', 'style.css': 'body {}' });
    const result = await build(dir);
    expect(only(result.diagnostics, 'MPK6005').file).toBe('style.css');
  });

  it('writes nothing with write: false and serves the package from memory', async () => {
    const dir = writeProject({ ...minimalApp(), 'images/a.png': 'png-bytes' });
    const result = await build(dir, { write: false });
    expect(result.ok).toBe(true);
    expect(result.outDir).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    const source = result.source!;
    expect(await source.readText('style.css')).toBe('');
    expect(new TextDecoder().decode(await source.readBytes!('images/a.png'))).toBe('png-bytes');
    expect(JSON.parse(await source.readText('manifest.json')).files).toEqual(result.manifest!.files);
    await expect(source.readText('nope.js')).rejects.toThrow(/not part of the package/);
  });

  it('does not copy the output directory into itself', async () => {
    const dir = writeProject({ ...minimalApp(), 'images/a.png': 'png' });
    await build(dir);
    const second = await build(dir);
    expect(second.files.map((f) => f.path)).not.toContain('dist/images/a.png');
  });
});
