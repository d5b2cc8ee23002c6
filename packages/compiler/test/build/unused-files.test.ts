/**
 * Files of the mini-program root that nothing uses (issue 10: nothing silently ignored): unused
 * source files are listed per type (MPK1093) and compiled for syntax only (MPK1094, located in the
 * file), files of other types that are not packaged are listed per extension (MPK1095); what the
 * platform itself ignores stays silent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { build, createBuilder } from '../../src/index.ts';
import { positionIn } from '../fixtures/expect.ts';
import { minimalApp, removeFile, removeTempDirs, writeFile, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

async function diagnosticsOf(files: Record<string, string>): Promise<Diagnostic[]> {
  const result = await build(writeProject(minimalApp(files)), { write: false });
  expect(result.ok).toBe(true);
  return result.diagnostics;
}

function summary(d: Diagnostic): string {
  return `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`;
}

describe('an unused file with a syntax error', () => {
  it('.sjs: a warning at the parse error, with its frame (the build still succeeds)', async () => {
    const source = 'export default {\n  format: function (x) {\n    return x +;\n  }\n};\n';
    const diagnostics = await diagnosticsOf({ 'utils/old.sjs': source });
    const d = diagnostics.find((x) => x.code === 'MPK1094')!;
    expect(d).toMatchObject({ severity: 'warning', file: 'utils/old.sjs', line: 3, column: positionIn(source, ';', 'x +').column });
    expect(d.message).toMatch(/^utils\/old\.sjs is not used by any page, component or import, and it does not compile: .+ \(the platform's IDE compiles every source file it uploads; mpk leaves this one out\)$/);
    expect(d.frame).toMatch(/^> +3 \| +return x \+;$/m);
    // The file is named once: by its syntax error, not in a list of unused files too.
    expect(diagnostics.map((x) => x.code)).toEqual(['MPK1094']);
  });

  it('.axml: a warning at the bad expression', async () => {
    const source = '<view>\n  <text>{{ a + }}</text>\n</view>\n';
    const diagnostics = await diagnosticsOf({ 'templates/card.axml': source });
    const d = diagnostics.find((x) => x.code === 'MPK1094')!;
    expect(d).toMatchObject({ severity: 'warning', file: 'templates/card.axml', line: 2 });
    expect(d.message).toContain('templates/card.axml is not used by any page, component or import, and it does not compile: ');
    expect(d.frame).toMatch(/^> +2 \|/m);
  });

  it('.acss: a warning at the CSS syntax error', async () => {
    const source = '.a { color: red; }\n.b { color: blue;\n';
    const diagnostics = await diagnosticsOf({ 'styles/old.acss': source });
    const d = diagnostics.find((x) => x.code === 'MPK1094')!;
    expect(d).toMatchObject({ severity: 'warning', file: 'styles/old.acss', line: 2, column: 1 });
    expect(d.frame).toMatch(/^> +2 \|/m);
  });

  it('.js and .ts: a warning at the error esbuild reports', async () => {
    const js = 'export function f() {\n  return {;\n}\n';
    const ts = 'const n: number = ;\n';
    const diagnostics = await diagnosticsOf({ 'utils/old.js': js, 'utils/old.ts': ts });
    const found = diagnostics.filter((x) => x.code === 'MPK1094').map((x) => [x.file, x.line, x.column, x.severity]);
    expect(found).toEqual([
      ['utils/old.js', 2, positionIn(js, ';').column, 'warning'],
      ['utils/old.ts', 1, positionIn(ts, ';').column, 'warning'],
    ]);
  });

  it('is checked again when the file changes (a rebuild), and the warning goes once it compiles', async () => {
    const dir = writeProject(minimalApp({ 'utils/old.sjs': 'export default { a: };\n' }));
    const builder = createBuilder(dir, { write: false });
    try {
      expect((await builder.build()).diagnostics.map((d) => d.code)).toEqual(['MPK1094']);
      writeFile(dir, 'utils/old.sjs', 'export default { a: 1 };\n');
      expect((await builder.rebuild(['utils/old.sjs'])).diagnostics.map((d) => d.code)).toEqual(['MPK1093']);
      removeFile(dir, 'utils/old.sjs');
      expect((await builder.rebuild(['utils/old.sjs'])).diagnostics).toEqual([]);
    } finally {
      await builder.dispose();
    }
  });
});

describe('unused source files', () => {
  it('are listed once per file type, at the first file', async () => {
    const diagnostics = await diagnosticsOf({
      'pages/old/old.axml': '<view>old</view>\n',
      'pages/old/old.js': 'Page({});\n',
      'pages/old/old.json': '{}\n',
      'pages/old/old.acss': '.a { color: red; }\n',
      'utils/a.js': 'export const a = 1;\n',
    });
    expect(diagnostics.map(summary)).toEqual([
      'MPK1093 pages/old/old.acss:0:0 pages/old/old.acss is not used (not the style sheet of the app, a page or a component, nor @imported by one): mpk leaves it out of the package',
      'MPK1093 pages/old/old.axml:0:0 pages/old/old.axml is not used (not the template of a page or component, nor <import>ed or <include>d by one): mpk leaves it out of the package',
      'MPK1093 pages/old/old.js:0:0 2 .js files are not used (not imported by app.js, a page or a component, nor by what they import): mpk leaves them out of the package: pages/old/old.js, utils/a.js',
      'MPK1093 pages/old/old.json:0:0 pages/old/old.json is not used (not the configuration of the app, a page or a component, nor imported by logic): mpk leaves it out of the package',
    ]);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('name ten files and count the rest', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`lib/m${String(i).padStart(2, '0')}.js`] = `export const v = ${i};\n`;
    const [d] = await diagnosticsOf(files);
    expect(d!.message).toMatch(/^12 \.js files are not used .*: lib\/m00\.js, lib\/m01\.js, .*, lib\/m09\.js and 2 more$/);
  });

  it('are not reported when a page, a template, a sheet or logic uses them', async () => {
    const diagnostics = await diagnosticsOf({
      'pages/index/index.axml': '<import src="/templates/item.axml" />\n<import-sjs name="fmt" from="/utils/fmt.sjs" />\n<view>{{ fmt.x }}</view>\n',
      'pages/index/index.js': "import data from '/data/list.json';\nimport { f } from '/utils/f.js';\nPage({ data: { data, f: f() } });\n",
      'pages/index/index.acss': "@import '/styles/base.acss';\n",
      'templates/item.axml': '<template name="item"><view>item</view></template>\n',
      'utils/fmt.sjs': "import helper from './helper.sjs';\nexport default { x: helper.y };\n",
      'utils/helper.sjs': 'export default { y: 1 };\n',
      'utils/f.js': 'export function f() { return 1; }\n',
      'data/list.json': '[1, 2]\n',
      'styles/base.acss': '.b { color: red; }\n',
    });
    expect(diagnostics).toEqual([]);
  });
});

describe('files that are not packaged', () => {
  it('are listed once per extension, with the assetsInclude glob that would package them', async () => {
    const diagnostics = await diagnosticsOf({ 'data/a.txt': 'a', 'data/b.txt': 'b', 'pages/index/index.wxml': '<view/>', 'Makefile': 'all:\n' });
    expect(diagnostics.map(summary)).toEqual([
      'MPK1095 Makefile:0:0 Makefile is not packaged: a file without an extension is neither a source file nor one of the default asset types, so the platform leaves it out too (add "Makefile" to assetsInclude in mini.project.json to package it)',
      'MPK1095 data/a.txt:0:0 2 .txt files are not packaged: .txt is neither a source file nor one of the default asset types, so the platform leaves them out too (add "**/*.txt" to assetsInclude in mini.project.json to package them): data/a.txt, data/b.txt',
      'MPK1095 pages/index/index.wxml:0:0 pages/index/index.wxml is not packaged: .wxml is neither a source file nor one of the default asset types, so the platform leaves it out too (add "**/*.wxml" to assetsInclude in mini.project.json to package it)',
    ]);
  });

  it('are silent once assetsInclude packages them', async () => {
    const diagnostics = await diagnosticsOf({ 'mini.project.json': '{ "format": 2, "assetsInclude": ["data/**"] }', 'data/a.txt': 'a', 'data/old.js': 'x = ;' });
    expect(diagnostics).toEqual([]);
  });
});

describe('what the platform ignores stays silent', () => {
  it('dot-files, node_modules, uploadExclude matches, the output directory, project manifests, docs and the author\'s tests', async () => {
    const dir = writeProject(
      minimalApp({
        'mini.project.json': '{ "format": 2, "uploadExclude": ["scripts/**"] }',
        '.eslintrc.js': 'module.exports = {;',
        '.github/workflows/ci.yml': 'on: push\n',
        'node_modules/left-pad/index.js': 'module.exports = {;',
        'node_modules/left-pad/index.sjs': 'export default {;',
        'scripts/build.js': 'const = ;',
        'scripts/notes.txt': 'x',
        'package.json': '{ "name": "app" }',
        'package-lock.json': '{}',
        'yarn.lock': '',
        'tsconfig.json': '{}',
        'jsconfig.json': '{}',
        'README.md': '# app',
        'docs/guide.md': '# guide',
        'LICENSE': 'MIT',
        'CHANGELOG': '1.0',
        'typings/globals.d.ts': 'declare const appVersion: string;',
        'test/app.test.js': "import { launch } from '@mpk/devtools/harness';",
        'test/tsconfig.json': '{ "extends": "../tsconfig.json" }',
        'utils/format.spec.ts': 'export {};',
        'components/__tests__/helpers.js': 'module.exports = {};',
        'vitest.config.ts': 'export default {};',
      }),
    );
    writeFile(dir, 'dist/stale.txt', 'old');
    const result = await build(dir, { write: false });
    expect(result.diagnostics).toEqual([]);
  });

  it('except sitemap.json, which mpk does not read (MPK1024)', async () => {
    const diagnostics = await diagnosticsOf({ 'sitemap.json': '{ "rules": [{ "page": "*" }] }' });
    expect(diagnostics.map(summary)).toEqual([
      'MPK1024 sitemap.json:0:0 mpk does not support sitemap.json (search indexing is a service of the platform: nothing in the app reads the file); it is ignored',
    ]);
  });

  it('and nothing is audited while the build has errors (those come first)', async () => {
    const result = await build(writeProject(minimalApp({ 'pages/index/index.js': 'Page({ x: });', 'utils/old.sjs': 'export default {;', 'a.txt': '' })), { write: false });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MPK5001']);
  });
});
