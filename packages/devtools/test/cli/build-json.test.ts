/**
 * `mpk build --json`: one JSON object on stdout with what was written, every file's size (the data
 * of the text size report, manifest.json included) and the diagnostics; the text size report only
 * when a package was written.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { tempProjects } from '../support.ts';

const { tmp, project } = await tempProjects('mpk-build-json-');

async function mpk(argv: string[], cwd: string) {
  const saved = process.env.INIT_CWD;
  process.env.INIT_CWD = cwd;
  const out = { stdout: '', stderr: '' };
  try {
    const code = await main(argv, { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) });
    return { code, ...out };
  } finally {
    if (saved === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = saved;
  }
}

const good = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'sub', pages: ['detail/detail'] }], debug: true }),
  'app.js': 'App({});',
  'pages/index/index.js': 'Page({});',
  'pages/index/index.axml': '<view>home</view>',
  'sub/detail/detail.js': 'Page({});',
  'sub/detail/detail.axml': '<view>detail</view>',
};

describe('mpk build --json', () => {
  it('prints one object: written, outDir, every part and file with raw and compressed sizes, manifest.json, diagnostics', async () => {
    const dir = await project(good);
    const run = await mpk(['build', '.', '--json'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ tool: { name: 'mpk' }, ok: true, written: true, outDir: 'dist', summary: { errors: 0, warnings: 1, files: 1 } });
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'MPK1020', file: 'app.json', line: 1 })]);
    const [main, sub] = report.sizes.parts;
    expect(main).toMatchObject({ part: '', name: 'main package', pages: 1, limit: 2 * 1024 * 1024, over: false });
    expect(sub).toMatchObject({ part: 'sub', name: 'subpackage sub', pages: 1 });
    const paths = main.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['logic.js', 'logic.js.map', 'view.json', 'style.css', 'manifest.json']));
    const manifest = main.files.find((f: { path: string }) => f.path === 'manifest.json');
    expect(manifest).toMatchObject({ size: readFileSync(path.join(dir, 'dist/manifest.json')).byteLength, counted: false, sourceMap: false });
    expect(manifest.compressed).toBeGreaterThan(0);
    const map = main.files.find((f: { path: string }) => f.path === 'logic.js.map');
    expect(map).toMatchObject({ sourceMap: true, counted: false, compressed: 0 });
    // The counted files add up to the part's size, as the limits measure it.
    const counted = main.files.filter((f: { counted: boolean }) => f.counted);
    expect(counted.reduce((n: number, f: { compressed: number }) => n + f.compressed, 0)).toBeLessThanOrEqual(main.compressed);
    expect(report.sizes.total).toMatchObject({ limit: 8 * 1024 * 1024, over: false });
  });

  it('errors: ok false, nothing written, exit 1, still one object on stdout', async () => {
    const dir = await project({ ...good, 'app.js': 'App({});\nconst = 1;' });
    const run = await mpk(['build', dir, '--json'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: false, written: false, outDir: null });
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toContain('MPK5001');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('mpk build (text)', () => {
  it('the size report lists manifest.json; diagnostics go to stderr with paths from the working directory', async () => {
    const dir = await project(good);
    const run = await mpk(['build', path.basename(dir)], tmp);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}manifest\.json +\S+ \S+ +\S+ \S+ {2}\(mpk's package index, not counted\)$/m);
    expect(run.stdout).toMatch(/package written to \S+ in \d+ ms/);
    expect(run.stderr).toContain(`${path.basename(dir)}/app.json:1:`);
  });

  it('no size report on stdout when no package was written', async () => {
    const dir = await project({ ...good, 'app.js': 'App({});\nconst = 1;' });
    const run = await mpk(['build', dir], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no package written');
    expect(run.stderr).not.toContain('compressed');
  });
});
