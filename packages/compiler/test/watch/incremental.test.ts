import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuilder, watch, type Builder, type BuildResult } from '../../src/index.ts';
import { copyFixture, minimalApp, removeFile, removeTempDirs, writeFile, writeProject } from '../fixtures/support.ts';

const builders: Builder[] = [];
afterAll(async () => {
  await Promise.all(builders.map((b) => b.dispose()));
  removeTempDirs();
});

async function fixtureBuilder(): Promise<{ dir: string; builder: Builder; first: BuildResult }> {
  const dir = copyFixture('valid-app');
  const builder = createBuilder(dir);
  builders.push(builder);
  const first = await builder.build();
  expect(first.ok).toBe(true);
  return { dir, builder, first };
}

function edit(dir: string, file: string, change: (text: string) => string): string {
  const target = path.join(dir, file);
  fs.writeFileSync(target, change(fs.readFileSync(target, 'utf8')));
  return target;
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, 'dist', file), 'utf8');

describe('incremental rebuilds', () => {
  it('the first build compiles everything', async () => {
    const { first } = await fixtureBuilder();
    expect(first.work.styles.length).toBeGreaterThan(3);
    expect(first.work.templates).toContain('pages/index/index.axml');
    expect(first.work.sjs).toEqual(['pages/index/helpers.sjs']);
    expect(first.work.views).toEqual(['', 'sub']);
    expect(first.work.logic).toEqual(['', 'sub']);
  });

  it('a style edit recompiles one sheet and rewrites only style.css', async () => {
    const { dir, builder } = await fixtureBuilder();
    const file = edit(dir, 'pages/index/index.acss', (t) => `${t}\n.added { margin: 4rpx; }\n`);
    const result = await builder.rebuild([file]);
    expect(result.ok).toBe(true);
    expect(result.work).toEqual({ project: false, styles: ['pages/index/index.acss'], templates: [], sjs: [], views: [], logic: [] });
    expect(result.changed).toEqual(['manifest.json', 'style.css']);
    expect(read(dir, 'style.css')).toContain(':where(.mpk-page[data-mpk-page="pages/index/index"]) .added { margin: calc(4 * var(--mpk-rpx)); }');
  });

  it('an edit of an @import target recompiles the sheets that import it', async () => {
    const { dir, builder } = await fixtureBuilder();
    const result = await builder.rebuild([edit(dir, 'styles/base.acss', (t) => `${t}.more { color: red }\n`)]);
    expect(result.work.styles).toEqual(['app.acss']);
    expect(result.changed).toEqual(['manifest.json', 'style.css']);
  });

  it('a template edit recompiles one unit and relinks its part', async () => {
    const { dir, builder } = await fixtureBuilder();
    const before = read(dir, 'sub/view.json');
    const result = await builder.rebuild([edit(dir, 'pages/logs/logs.axml', (t) => t.replace('{{item}}', 'log: {{item}}'))]);
    expect(result.work).toEqual({ project: false, styles: [], templates: ['pages/logs/logs.axml'], sjs: [], views: [''], logic: [] });
    expect(result.changed).toEqual(['manifest.json', 'view.json']);
    expect(read(dir, 'view.json')).toContain('log: ');
    expect(read(dir, 'sub/view.json')).toBe(before);
  });

  it('a template used by both parts relinks both', async () => {
    const { dir, builder } = await fixtureBuilder();
    const result = await builder.rebuild([edit(dir, 'components/card/card.axml', (t) => t.replace('<slot />', '<slot /><text>more</text>'))]);
    expect(result.work.templates).toEqual(['components/card/card.axml']);
    expect(result.work.views).toEqual(['', 'sub']);
    expect(result.changed).toEqual(['manifest.json', 'sub/view.json', 'view.json']);
  });

  it('an SJS edit recompiles that module and relinks', async () => {
    const { dir, builder } = await fixtureBuilder();
    const result = await builder.rebuild([edit(dir, 'pages/index/helpers.sjs', (t) => t.replace('toUpperCase()', 'toLowerCase()'))]);
    expect(result.work).toMatchObject({ styles: [], sjs: ['pages/index/helpers.sjs'], views: [''], logic: [] });
    expect(result.changed).toEqual(['manifest.json', 'view.json']);
  });

  it('a logic edit re-bundles only the parts that read the file', async () => {
    const { dir, builder } = await fixtureBuilder();
    const page = await builder.rebuild([edit(dir, 'pages/logs/logs.js', (t) => t.replace('logs: []', "logs: ['x']"))]);
    expect(page.work).toEqual({ project: false, styles: [], templates: [], sjs: [], views: [], logic: [''] });
    expect(page.changed).toEqual(['logic.js', 'logic.js.map', 'manifest.json']);
    expect(read(dir, 'logic.js')).toContain("logs: [\"x\"]");
    const shared = await builder.rebuild([edit(dir, 'utils/format.js', (t) => t.replace('hello', 'hi'))]);
    expect(shared.work.logic).toEqual(['', 'sub']);
    const sub = await builder.rebuild([edit(dir, 'sub/pages/detail/detail.js', (t) => `${t}\n// edited\n`)]);
    expect(sub.work.logic).toEqual(['sub']);
  });

  it('a .json edit re-validates the project and compiles what became reachable', async () => {
    const { dir, builder } = await fixtureBuilder();
    const file = edit(dir, 'pages/logs/logs.json', () => '{ "defaultTitle": "Logs!", "usingComponents": { "note-x": "/sub/components/note/note" } }');
    const crossed = await builder.rebuild([file]);
    expect(crossed.work.project).toBe(true);
    expect(crossed.ok).toBe(false);
    expect(crossed.diagnostics.map((d) => d.code)).toEqual(['MPK1054']);
    expect(crossed.changed).toEqual([]);
    edit(dir, 'pages/logs/logs.json', () => '{ "defaultTitle": "Logs!", "usingComponents": { "b": "/components/badge/badge" } }');
    const fixed = await builder.rebuild([file]);
    expect(fixed.ok).toBe(true);
    expect(fixed.manifest!.pages['pages/logs/logs']!.window).toEqual({ defaultTitle: 'Logs!' });
    expect(fixed.changed).toContain('manifest.json');
    expect(fixed.work.templates).toEqual(['pages/logs/logs.axml']); // its usingComponents changed
  });

  it('adds a new page listed in app.json', async () => {
    const { dir, builder } = await fixtureBuilder();
    writeFile(dir, 'pages/new/new.js', 'Page({ data: { fresh: true } });');
    writeFile(dir, 'pages/new/new.axml', '<view>new page</view>');
    edit(dir, 'app.json', (t) => t.replace('"pages/ts-page/ts-page"', '"pages/ts-page/ts-page", "pages/new/new"'));
    const result = await builder.rebuild([path.join(dir, 'app.json'), path.join(dir, 'pages/new/new.js'), path.join(dir, 'pages/new/new.axml')]);
    expect(result.ok).toBe(true);
    expect(result.manifest!.app.pages).toContain('pages/new/new');
    expect(result.work.templates).toEqual(['pages/new/new.axml']);
    expect(result.work.logic).toEqual(['']);
    expect(read(dir, 'logic.js')).toContain('"pages/new/new": () =>');
  });

  it('notices a deleted page directory even when only the directory is reported', async () => {
    const { dir, builder } = await fixtureBuilder();
    removeFile(dir, 'pages/logs');
    const result = await builder.rebuild([path.join(dir, 'pages/logs')]);
    expect(result.work.project).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MPK1031']);
  });

  it('tracks assets added and deleted', async () => {
    const { dir, builder } = await fixtureBuilder();
    writeFile(dir, 'images/new.png', 'new-image');
    const added = await builder.rebuild(['images/new.png']);
    expect(added.work.project).toBe(false); // an asset does not change the project's pages or components
    expect(added.changed).toEqual(['images/new.png', 'manifest.json']);
    expect(fs.readFileSync(path.join(dir, 'dist/images/new.png'), 'utf8')).toBe('new-image');
    removeFile(dir, 'images');
    const removed = await builder.rebuild(['images']);
    expect(removed.files.some((f) => f.path.startsWith('images/'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist/images'))).toBe(false);
  });

  it('keeps the last good package while there are errors, and recovers', async () => {
    const { dir, builder } = await fixtureBuilder();
    const good = read(dir, 'logic.js');
    const file = edit(dir, 'pages/logs/logs.js', () => 'Page({ data: { logs: [ }); ');
    const broken = await builder.rebuild([file]);
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics.map((d) => [d.code, d.file])).toEqual([['MPK5001', 'pages/logs/logs.js']]);
    expect(read(dir, 'logic.js')).toBe(good);
    edit(dir, 'pages/logs/logs.js', () => 'Page({ data: { logs: [1] } });');
    const fixed = await builder.rebuild([file]);
    expect(fixed.ok).toBe(true);
    expect(fixed.changed).toEqual(['logic.js', 'logic.js.map', 'manifest.json']);
  });

  it('an import of a missing file is a warning; creating the file re-bundles with it', async () => {
    const { dir, builder } = await fixtureBuilder();
    const page = edit(dir, 'pages/logs/logs.js', (t) => `import { extra } from './extra';\n${t}\nconsole.log(extra);\n`);
    const missing = await builder.rebuild([page]);
    expect(missing.ok).toBe(true);
    expect(missing.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([['MPK5002', 'warning', 'pages/logs/logs.js']]);
    expect(read(dir, 'logic.js')).toContain("Cannot find module './extra' from 'pages/logs/logs.js'");
    writeFile(dir, 'pages/logs/extra.js', "export const extra = 'here';\n");
    const created = await builder.rebuild([path.join(dir, 'pages/logs/extra.js')]);
    expect(created.diagnostics).toEqual([]);
    expect(created.work.logic).toContain('');
    expect(read(dir, 'logic.js')).toContain('extra = "here"');
    expect(read(dir, 'logic.js')).not.toContain('Cannot find module');
  });

  it('an edit of a .less file another .less sheet imports recompiles that sheet', async () => {
    const dir = writeProject(
      minimalApp({
        'mini.project.json': '{ "format": 2, "compileOptions": { "less": true } }',
        'vars.less': '@c: red;\n',
        'pages/index/index.less': "@import '/vars.less';\n.a { color: @c; }\n",
      }),
    );
    const builder = createBuilder(dir);
    builders.push(builder);
    expect((await builder.build()).ok).toBe(true);
    expect(read(dir, 'style.css')).toContain('color: red;');
    const result = await builder.rebuild([edit(dir, 'vars.less', () => '@c: blue;\n')]);
    expect(result.work.styles).toEqual(['pages/index/index.less']);
    expect(read(dir, 'style.css')).toContain('color: blue;');
  });

  it('a mini.project.json edit reloads everything with the new options', async () => {
    const { dir, builder } = await fixtureBuilder();
    const file = edit(dir, 'mini.project.json', (t) => t.replace('"sourcemap": true', '"sourcemap": false, "minify": true'));
    const result = await builder.rebuild([file]);
    expect(result.ok).toBe(true);
    expect(result.work.logic).toEqual(['', 'sub']);
    expect(result.changed).toEqual(expect.arrayContaining(['logic.js', 'sub/logic.js', 'manifest.json']));
    expect(result.files.some((f) => f.path.endsWith('.map'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist/logic.js.map'))).toBe(false);
    expect(read(dir, 'logic.js')).not.toContain('\n  ');
  });

  it('a rebuild with nothing changed rewrites nothing', async () => {
    const { builder } = await fixtureBuilder();
    const result = await builder.rebuild([]);
    expect(result.changed).toEqual([]);
    expect(result.work).toEqual({ project: false, styles: [], templates: [], sjs: [], views: [], logic: [] });
  });
});

describe('watch()', () => {
  it('builds, then rebuilds when a file changes, ignoring its own output', async () => {
    const dir = copyFixture('valid-app');
    const results: BuildResult[] = [];
    let notify: () => void = () => undefined;
    const watcher = watch(dir, {
      debounceMs: 10,
      onBuild(result) {
        results.push(result);
        notify();
      },
    });
    const next = () => new Promise<void>((resolve) => (notify = resolve));
    try {
      await (results.length > 0 ? Promise.resolve() : next());
      expect(results[0]!.ok).toBe(true);
      const waiting = next();
      edit(dir, 'app.acss', (t) => `${t}\n.watched { color: red }\n`);
      await waiting;
      await watcher.idle();
      const last = results[results.length - 1]!;
      expect(last.work.styles).toEqual(['app.acss']);
      expect(last.changed).toEqual(['manifest.json', 'style.css']);
      // Writing dist/ did not trigger more builds.
      await new Promise((r) => setTimeout(r, 100));
      await watcher.idle();
      expect(results.filter((r) => r.work.styles.length > 0 || r.work.logic.length > 0)).toHaveLength(2);

      // A directory created after the watcher started is watched too.
      const count = results.length;
      const created = next();
      fs.mkdirSync(path.join(dir, 'images/icons'));
      writeFile(dir, 'images/icons/star.png', 'star');
      await created;
      await new Promise((r) => setTimeout(r, 50));
      await watcher.idle();
      expect(results.length).toBeGreaterThan(count);
      expect(results[results.length - 1]!.files.map((f) => f.path)).toContain('images/icons/star.png');
      const again = next();
      writeFile(dir, 'images/icons/star.png', 'star, edited');
      await again;
      await watcher.idle();
      expect(results[results.length - 1]!.changed).toEqual(['images/icons/star.png', 'manifest.json']);

      // node_modules is not watched.
      const before = results.length;
      writeFile(dir, 'node_modules/fixture-lib/index.js', 'exports.shout = () => "changed";');
      await new Promise((r) => setTimeout(r, 100));
      await watcher.idle();
      expect(results.length).toBe(before);
    } finally {
      await watcher.close();
    }
  });
});
