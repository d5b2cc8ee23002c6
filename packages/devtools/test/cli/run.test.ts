/**
 * `mpk run` on an app that never settles: it gives up after `--idle-timeout`, prints what kept the app
 * busy and exits non-zero, instead of hanging. And the package size limits: errors for `mpk build`
 * and `mpk check`, warnings for `mpk run`, the test harness and `mpk dev` (BuildOptions.sizeLimits).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { tempProjects, capture } from '../support.ts';

const { tmp, project } = await tempProjects('mpk-run-test-');

describe('mpk run', () => {
  it('exits 1 naming the loop when the app never becomes idle', async () => {
    const dir = await project({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'app.js': 'App({});',
      'pages/index/index.axml': '<view id="n">{{n}}</view>',
      // A setData callback that sets data again, for ever (a measure loop is paced by frames and settles).
      'pages/index/index.js': 'Page({ data: { n: 0 }, onLoad() { this.step(); }, step() { this.setData({ n: this.data.n + 1 }, () => this.step()); } });',
    });
    const { out, io } = capture();
    const started = Date.now();
    expect(await main(['run', dir, '--idle-timeout', '500'], io)).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^mpk run: the mini-program did not become idle within/);
    expect(out.stderr).toContain('patch pages/index/index#1');
  });

  it('refuses a nonsense --idle-timeout', async () => {
    const { out, io } = capture();
    expect(await main(['run', tmp, '--idle-timeout', 'soon'], io)).toBe(2);
    expect(out.stderr).toContain('--idle-timeout takes milliseconds');
  });
});

describe('mpk run --mode (compile modes of mini.project.json)', () => {
  const modesApp = () =>
    project({
      'app.json': JSON.stringify({ pages: ['pages/index/index', 'pages/detail/detail'] }),
      'app.js': 'App({ onLaunch(options) { this.launch = options; } });',
      'pages/index/index.axml': '<view>home</view>',
      'pages/index/index.js': 'Page({});',
      'pages/detail/detail.axml': '<view id="id">{{id}}</view><view id="launch">{{launch}}</view>',
      'pages/detail/detail.js':
        'Page({ data: { id: "", launch: "" }, onLoad(q) { const o = getApp().launch; this.setData({ id: q.id, launch: o.scene + " " + JSON.stringify(o.query) + " " + my.getLaunchOptionsSync().scene }); } });',
      // As the Alipay IDE writes it, plus an entry it cannot use and mpk's launchQuery.
      'mini.project.json': JSON.stringify({
        format: 2,
        condition: {
          miniprogram: {
            list: [
              { name: 'detail 3', pathName: 'pages/detail/detail', query: 'id=3', scene: 1011, launchMode: 'default', launchQuery: { from: 'qr' } },
              { name: 'broken', query: 'x=1' },
            ],
          },
        },
      }),
    });

  it("opens the mode's page with its query, scene and launch query", async () => {
    const dir = await modesApp();
    const { out, io } = capture();
    expect(await main(['run', dir, '--mode', 'detail 3'], io)).toBe(0);
    expect(out.stdout).toContain('<view id="id">3</view>');
    expect(out.stdout).toContain('<view id="launch">1011 {"from":"qr"} 1011</view>');
  });

  it('names the modes there are when asked for one that is not (exit 2), and skips an entry without a page', async () => {
    const dir = await modesApp();
    const { out, io } = capture();
    expect(await main(['run', dir, '--mode', 'broken'], io)).toBe(2);
    expect(out.stderr).toBe('mpk run: compile mode "broken": no pathName (the page to open), so it cannot be used\n');
    const missing = capture();
    expect(await main(['run', dir, '--mode', 'nope'], missing.io)).toBe(2);
    expect(missing.out.stderr).toBe('mpk run: no compile mode "nope"; the project has "detail 3"\n');
    const dev = capture();
    expect(await main(['dev', dir, '--mode', 'nope', '--open', 'false'], dev.io)).toBe(2);
    expect(dev.out.stderr).toBe('mpk dev: no compile mode "nope"; the project has "detail 3"\n');
    const both = capture();
    expect(await main(['run', dir, '--mode', 'detail 3', '--page', 'pages/index/index'], both.io)).toBe(2);
  });
});

describe('package size limits (errors for mpk build and check, warnings for mpk run, the harness and mpk dev)', () => {
  const app = async () => {
    const dir = await project({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'app.js': 'App({});',
      'pages/index/index.axml': '<view id="hi">big but running</view>',
      'pages/index/index.js': 'Page({});',
    });
    // Random bytes do not compress: 2.1 MB compressed, over the 2 MB limit of the main package.
    await mkdir(path.join(dir, 'images'), { recursive: true });
    await writeFile(path.join(dir, 'images/huge.png'), randomBytes(2.1 * 1024 * 1024));
    return dir;
  };

  it('mpk build and mpk check refuse it (MPK6001 error)', async () => {
    const dir = await app();
    const built = capture();
    expect(await main(['build', dir, '--out', path.join(dir, 'out')], built.io)).toBe(1);
    expect(built.out.stderr).toMatch(/error  MPK6001  the main package is 2\.\d\d MB compressed/);
    // No package written: the size report (which files make it big) goes to stderr, stdout stays empty.
    expect(built.out.stderr).toMatch(/^main package \(1 page\).*of 2\.00 MB  OVER THE LIMIT$/m);
    expect(built.out.stdout).toBe('');
    const checked = capture();
    expect(await main(['check', dir], checked.io)).toBe(1);
    expect(checked.out.stdout).toContain('error  MPK6001');
  });

  it('mpk run runs it and prints the limit as a warning', async () => {
    const dir = await app();
    const run = capture();
    expect(await main(['run', dir], run.io)).toBe(0);
    expect(run.out.stdout).toContain('big but running');
    expect(run.out.stderr).toMatch(/warning  MPK6001  the main package is 2\.\d\d MB compressed .*a warning while developing/);
  });

  it('the test harness launches it', async () => {
    const dir = await app();
    const { launch } = await import('../../src/harness/index.ts');
    const launched = await launch(dir);
    expect(launched.currentPage().text('#hi')).toBe('big but running');
    await launched.close();
  });

  it('mpk dev builds and serves it, with the limit as a warning', async () => {
    const dir = await app();
    const { startDevServer } = await import('../../src/simulator/server/index.ts');
    const server = await startDevServer({ project: dir, log: () => undefined });
    try {
      const first = server.lastBuild() ?? (await server.nextBuild());
      expect(first.ok).toBe(true);
      expect(first.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MPK6001', 'warning']]);
    } finally {
      await server.close();
    }
  });
});

describe('mpk run with a cloud folder', () => {
  it("answers the app's Cloud calls from the project's cloud functions and database (.mpk/cloud)", async () => {
    const dir = await project({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'app.js': 'App({});',
      'mini.project.json': JSON.stringify({ format: 2, cloudfunctionRoot: 'cloud' }),
      'pages/index/index.axml': '<view id="r">{{r}}</view>',
      'pages/index/index.js':
        'Page({ data: { r: "" }, async onLoad() { Cloud.init({ env: "e" }); await Cloud.database().collection("c").add({ data: { v: 2 } }); const res = await Cloud.callFunction({ name: "double" }); this.setData({ r: "got " + res.result }); } });',
      'cloud/double/index.js': 'const cloud = require("@alipay/faas-server-sdk"); exports.main = async () => { console.log("doubling"); const r = await cloud.database().collection("c").get(); return r.data[0].v * 2; };',
    });
    const { out, io } = capture();
    expect(await main(['run', dir], io)).toBe(0);
    expect(out.stdout).toContain('got 4');
    expect(out.stderr).toContain('cloud function double log: doubling');
    expect(existsSync(path.join(dir, '.mpk', 'cloud', 'e', 'db', 'c.db'))).toBe(true);
  });
});
