import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.ts';
import { codesOf, expectDiagnosticAt, only, positionIn } from '../fixtures/expect.ts';
import { copyFixture, minimalApp, page, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

function load(files: Record<string, string>) {
  return loadProject(writeProject(files));
}

describe('the valid fixture app', () => {
  const project = loadProject(copyFixture('valid-app'));

  it('loads without diagnostics', () => {
    expect(project.diagnostics).toEqual([]);
  });

  it('normalises app.json into the manifest AppConfig', () => {
    const app = project.app!;
    expect(app.pages).toEqual(['pages/index/index', 'pages/logs/logs', 'pages/ts-page/ts-page']);
    expect(app.entryPagePath).toBe('pages/index/index');
    expect(app.window).toEqual({ defaultTitle: 'Fixture', titleBarColor: '#ffffff', pullRefresh: false });
    expect(app.networkTimeout).toEqual({ request: 10000, connectSocket: 30000, uploadFile: 60000, downloadFile: 60000 });
    expect(app.subPackages).toEqual([{ root: 'sub', pages: ['pages/detail/detail'] }]);
    expect(app.tabBar?.items.map((i) => i.pagePath)).toEqual(['pages/index/index', 'pages/logs/logs']);
    expect(app.permission).toEqual({ 'scope.userLocation': { desc: 'To show nearby shops' } });
  });

  it('reads mini.project.json format 2', () => {
    expect(project.config).toMatchObject({
      format: 2,
      typescript: true,
      resolveAlias: [{ prefix: '@utils/', target: './utils/' }],
      assetsInclude: ['data/**/*.dat'],
      uploadExclude: ['images/private/**'],
      sourcemap: true,
    });
  });

  it('gives every page its own window config, files and package', () => {
    const index = project.pages.get('pages/index/index')!;
    expect(index.entry.window).toEqual({ defaultTitle: 'Home' });
    expect(index.entry.package).toBe('');
    expect(project.pages.get('pages/ts-page/ts-page')!.files.logic).toBe('pages/ts-page/ts-page.ts');
    expect(project.pages.get('sub/pages/detail/detail')!.entry.package).toBe('sub');
  });
});

describe('JSON syntax', () => {
  it('reports invalid JSON in app.json at the syntax error', () => {
    const source = '{\n  "pages": ["pages/index/index"\n  "window": {}\n}\n';
    const project = load(minimalApp({ 'app.json': source }));
    expectDiagnosticAt(project.diagnostics, 'MPK1001', { file: 'app.json', ...positionIn(source, '"window"'), severity: 'error' });
    expect(project.app).toBeUndefined();
  });

  it('reports invalid JSON in a page .json and still loads the page', () => {
    const source = '{ "defaultTitle": "x", }}';
    const project = load(minimalApp({ 'pages/index/index.json': source }));
    const d = only(project.diagnostics, 'MPK1001');
    expect(d.file).toBe('pages/index/index.json');
    expect(d.line).toBe(1);
    expect(d.column).toBe(positionIn(source, '}}').column + 1);
    expect(project.pages.has('pages/index/index')).toBe(true);
  });

  it('accepts comments, warns about trailing commas', () => {
    const source = '{\n  // the home page first\n  "pages": ["pages/index/index",],\n}\n';
    const project = load(minimalApp({ 'app.json': source }));
    expect(codesOf(project.diagnostics)).toEqual(['MPK1002']);
    expectDiagnosticAt(project.diagnostics, 'MPK1002', { file: 'app.json', ...positionIn(source, ',]'), severity: 'warning' });
    expect(project.app?.pages).toEqual(['pages/index/index']);
  });

  it('accepts a byte order mark', () => {
    const project = load(minimalApp({ 'app.json': '\uFEFF{ "pages": ["pages/index/index"] }' }));
    expect(project.diagnostics).toEqual([]);
  });

  it('requires an object at the top level', () => {
    const project = load(minimalApp({ 'app.json': '["pages/index/index"]' }));
    expectDiagnosticAt(project.diagnostics, 'MPK1003', { file: 'app.json', line: 1, column: 1 });
  });

  it('reports an empty .json file', () => {
    const project = load(minimalApp({ 'pages/index/index.json': '' }));
    expect(only(project.diagnostics, 'MPK1001').file).toBe('pages/index/index.json');
  });
});

describe('required files', () => {
  it('reports a missing project directory', () => {
    const project = loadProject(path.join(writeProject({}), 'nope'));
    expect(codesOf(project.diagnostics)).toEqual(['MPK1010']);
  });

  it('reports a missing app.json', () => {
    const files = minimalApp();
    delete files['app.json'];
    const project = load(files);
    expect(only(project.diagnostics, 'MPK1011').file).toBe('app.json');
  });

  it('reports a missing app.js and accepts app.ts', () => {
    const files = minimalApp();
    delete files['app.js'];
    expect(only(load(files).diagnostics, 'MPK1012').file).toBe('app.js');
    expect(load({ ...files, 'app.ts': 'App({});' }).diagnostics).toEqual([]);
  });
});

describe('app.json keys', () => {
  it('warns about unknown keys and suggests the platform key', () => {
    const source = '{\n  "pages": ["pages/index/index"],\n  "window": { "navigationBarTitleText": "Hi" },\n  "debug": true\n}\n';
    const project = load(minimalApp({ 'app.json': source }));
    const unknown = project.diagnostics.filter((d) => d.code === 'MPK1020');
    expect(unknown.map((d) => [d.severity, d.line, d.column])).toEqual([
      ['warning', 3, positionIn(source, '"navigationBarTitleText"').column],
      ['warning', 4, 3],
    ]);
    expect(unknown[0]!.message).toContain('did you mean "defaultTitle"');
    expect(project.app?.extra).toEqual({ debug: true });
  });

  it('warns about values of the wrong type where they are, and ignores them', () => {
    const source = '{\n  "pages": "pages/index/index",\n  "window": { "pullRefresh": 1, "onReachBottomDistance": "50", "defaultTitle": "T" }\n}\n';
    const project = load(minimalApp({ 'app.json': source }));
    const types = project.diagnostics.filter((d) => d.code === 'MPK1021');
    expect(types.map((d) => [d.severity, d.line, d.column])).toEqual([
      ['warning', 2, positionIn(source, '"pages/index').column],
      ['warning', 3, positionIn(source, '1,').column],
      ['warning', 3, positionIn(source, '"50"').column],
    ]);
    expect(types[1]!.message).toMatch(/window\.pullRefresh must be true or false, got the number 1/);
    expect(project.app?.window).toEqual({ defaultTitle: 'T' });
    // No page can be read from a string: that, not the type, is the error.
    expect(only(project.diagnostics, 'MPK1030').severity).toBe('error');
  });

  it('warns about values outside the allowed set, and ignores them', () => {
    const source = '{\n  "pages": ["pages/index/index"],\n  "window": { "transparentTitle": "sometimes" },\n  "lazyCodeLoading": "all"\n}\n';
    const project = load(minimalApp({ 'app.json': source }));
    const values = project.diagnostics.filter((d) => d.code === 'MPK1022');
    expect(values.map((d) => [d.severity, d.line])).toEqual([['warning', 3], ['warning', 4]]);
    expect(values[0]!.message).toContain('"none", "always", "auto"');
    expect(project.app?.window).toEqual({});
    expect(project.app?.lazyCodeLoading).toBeUndefined();
  });

  it('fills networkTimeout defaults and rejects bad timeouts', () => {
    expect(load(minimalApp()).app?.networkTimeout).toEqual({ request: 30000, connectSocket: 30000, uploadFile: 60000, downloadFile: 60000 });
    const source = '{ "pages": ["pages/index/index"], "networkTimeout": { "request": -5, "uploadFile": 1000 } }';
    const project = load(minimalApp({ 'app.json': source }));
    expect(only(project.diagnostics, 'MPK1022').column).toBe(positionIn(source, '-5').column);
    expect(project.app?.networkTimeout.uploadFile).toBe(1000);
    expect(project.app?.networkTimeout.request).toBe(30000);
  });

  it('requires pages', () => {
    const project = load(minimalApp({ 'app.json': '{ "pages": [] }' }));
    expectDiagnosticAt(project.diagnostics, 'MPK1030', { file: 'app.json', line: 1, column: 12 });
  });

  it('reports a page whose files do not exist, and one missing its .js or .axml', () => {
    const source = '{\n  "pages": ["pages/index/index", "pages/ghost/ghost", "pages/half/half"]\n}\n';
    const project = load(minimalApp({ 'app.json': source, 'pages/half/half.json': '{}', 'pages/half/half.axml': '<view/>' }));
    expectDiagnosticAt(project.diagnostics, 'MPK1031', { file: 'app.json', ...positionIn(source, '"pages/ghost') });
    const missing = expectDiagnosticAt(project.diagnostics, 'MPK1032', { file: 'app.json', ...positionIn(source, '"pages/half') });
    expect(missing.message).toContain('.js');
    expect(missing.message).not.toContain('.axml');
  });

  it('reports duplicate and malformed page paths', () => {
    const source = '{ "pages": ["pages/index/index", "pages/index/index", "/pages/a/a", "pages/b/b.axml", "pages/c/c?x=1"] }';
    const project = load(minimalApp({ 'app.json': source }));
    expect(only(project.diagnostics, 'MPK1033').column).toBe(positionIn(source, '"pages/index/index"', 'index",').column);
    const malformed = project.diagnostics.filter((d) => d.code === 'MPK1034');
    expect(malformed.map((d) => d.message)).toEqual([
      expect.stringContaining('no leading "/"'),
      expect.stringContaining('without file extension'),
      expect.stringContaining('query'),
    ]);
  });

  it('checks entryPagePath', () => {
    const unknown = '{ "pages": ["pages/index/index"], "entryPagePath": "pages/nope/nope" }';
    expectDiagnosticAt(load(minimalApp({ 'app.json': unknown })).diagnostics, 'MPK1035', {
      file: 'app.json',
      ...positionIn(unknown, '"pages/nope'),
    });
    const inSub = '{ "pages": ["pages/index/index"], "entryPagePath": "sub/a/a", "subPackages": [{ "root": "sub", "pages": ["a/a"] }] }';
    const project = load({ ...minimalApp({ 'app.json': inSub }), ...page('sub/a/a') });
    expectDiagnosticAt(project.diagnostics, 'MPK1036', { file: 'app.json', ...positionIn(inSub, '"sub/a/a"') });
  });

  it('uses entryPagePath as the home page', () => {
    const source = '{ "pages": ["pages/index/index", "pages/b/b"], "entryPagePath": "pages/b/b" }';
    const project = load({ ...minimalApp({ 'app.json': source }), ...page('pages/b/b') });
    expect(project.diagnostics).toEqual([]);
    expect(project.app?.entryPagePath).toBe('pages/b/b');
  });

  it('reads the WeChat spelling "subpackages" with a warning', () => {
    const source = '{ "pages": ["pages/index/index"], "subpackages": [{ "root": "sub", "pages": ["a/a"] }] }';
    const project = load({ ...minimalApp({ 'app.json': source }), ...page('sub/a/a') });
    expectDiagnosticAt(project.diagnostics, 'MPK1023', { file: 'app.json', line: 1, column: positionIn(source, '"subpackages"').column, severity: 'warning' });
    expect(project.app?.subPackages).toEqual([{ root: 'sub', pages: ['a/a'] }]);
  });

  it('validates permission scopes and behavior', () => {
    const source = '{ "pages": ["pages/index/index"], "permission": { "scope.camera": {}, "scope.teleport": { "desc": "x" } }, "behavior": { "decodeQuery": "enable" } }';
    const project = load(minimalApp({ 'app.json': source }));
    expect(codesOf(project.diagnostics).sort()).toEqual(['MPK1020', 'MPK1022', 'MPK1022']);
  });
});

describe('page and component .json', () => {
  it('validates window keys at the top level of a page .json', () => {
    const source = '{\n  "defaultTitle": 5,\n  "barButtonTheme": "dark",\n  "styleIsolation": "isolated",\n  "window": {}\n}\n';
    const project = load(minimalApp({ 'pages/index/index.json': source }));
    expectDiagnosticAt(project.diagnostics, 'MPK1021', { file: 'pages/index/index.json', line: 2, column: 19 });
    expect(project.diagnostics.filter((d) => d.code === 'MPK1022').map((d) => d.line)).toEqual([3, 4]);
    expectDiagnosticAt(project.diagnostics, 'MPK1020', { file: 'pages/index/index.json', line: 5, column: 3 });
  });

  it('keeps page window values and styleIsolation', () => {
    const project = load(
      minimalApp({ 'pages/index/index.json': '{ "defaultTitle": "A", "pullRefresh": true, "styleIsolation": "apply-shared" }' }),
    );
    expect(project.pages.get('pages/index/index')!.entry).toMatchObject({
      window: { defaultTitle: 'A', pullRefresh: true },
      styleIsolation: 'apply-shared',
    });
  });
});

describe('mini.project.json', () => {
  it('finds app.json under miniprogramRoot', () => {
    const files: Record<string, string> = { 'mini.project.json': '{ "format": 2, "miniprogramRoot": "./src" }' };
    for (const [file, content] of Object.entries(minimalApp())) files[`src/${file}`] = content;
    const project = load(files);
    expect(project.diagnostics).toEqual([]);
    expect(project.app?.pages).toEqual(['pages/index/index']);
    expect(project.files.srcRoot.endsWith(`${path.sep}src`)).toBe(true);
  });

  it('reports a miniprogramRoot that does not exist', () => {
    const source = '{\n  "format": 2,\n  "miniprogramRoot": "client"\n}';
    const project = load(minimalApp({ 'mini.project.json': source }));
    expectDiagnosticAt(project.diagnostics, 'MPK1013', { file: 'mini.project.json', line: 3, column: 3 });
    expect(project.app?.pages).toEqual(['pages/index/index']);
  });

  it('checks resolveAlias rules against the documented restrictions', () => {
    const source = '{ "format": 2, "compileOptions": { "resolveAlias": { "@a": "./a/*", "@b/*": "/b/*", "@c/*": "./c/*", "@d/*": "./x/../../d/*" } } }';
    const project = load(minimalApp({ 'mini.project.json': source }));
    expect(project.diagnostics.filter((d) => d.code === 'MPK1081').map((d) => d.column)).toEqual([
      positionIn(source, '"@a"').column,
      positionIn(source, '"/b/*"').column,
      positionIn(source, '"./x/../../d/*"').column,
    ]);
    expect(project.config.resolveAlias).toEqual([{ prefix: '@c/', target: './c/' }]);
  });

  it('turns Less on with compileOptions.less, and warns about old keys in format 2', () => {
    const source = '{ "format": 2, "compileOptions": { "less": true }, "include": ["**/*.txt"] }';
    const project = load(minimalApp({ 'mini.project.json': source }));
    expect(codesOf(project.diagnostics)).toEqual(['MPK1023']);
    expect(project.config.less).toBe(true);
    expectDiagnosticAt(project.diagnostics, 'MPK1023', { file: 'mini.project.json', line: 1, column: positionIn(source, '"include"').column, severity: 'warning' });
    expect(project.config.assetsInclude).toEqual(['**/*.txt']);
  });

  it('tolerates the older format', () => {
    const source = '{ "component2": true, "enableDistFileMinify": true, "include": ["**/*.txt"], "exclude": ["tmp/**"] }';
    const project = load(minimalApp({ 'mini.project.json': source }));
    expect(project.diagnostics).toEqual([]);
    expect(project.config).toMatchObject({ format: 1, component2: true, minify: true, assetsInclude: ['**/*.txt'], uploadExclude: ['tmp/**'] });
  });

  it('warns about empty globs (ignored) and a wrong format number', () => {
    const source = '{ "format": 3, "assetsInclude": ["", "**/*.dat"] }';
    const project = load(minimalApp({ 'mini.project.json': source }));
    expectDiagnosticAt(project.diagnostics, 'MPK1022', { file: 'mini.project.json', line: 1, column: positionIn(source, '3').column, severity: 'warning' });
    expectDiagnosticAt(project.diagnostics, 'MPK1080', { file: 'mini.project.json', line: 1, column: positionIn(source, '""').column, severity: 'warning' });
    expect(project.config.assetsInclude).toEqual(['**/*.dat']);
  });
});

describe('the forms real apps write (accepted like the platform accepts them)', () => {
  it('reads booleans for YES/NO keys and YES/NO for boolean keys, normalised to the WindowConfig types, silently', () => {
    const app = '{ "pages": ["pages/index/index"], "window": { "allowsBounceVertical": true, "pullRefresh": "NO", "enableScrollBar": "YES", "gestureBack": false } }';
    const pageJson = '{ "allowsBounceVertical": false, "pullRefresh": "YES", "showTitleLoading": "yes", "responsive": "false" }';
    const project = load(minimalApp({ 'app.json': app, 'pages/index/index.json': pageJson }));
    // The forms are read silently; what remains is that mpk draws neither key (MPK1024).
    expect(project.diagnostics.map((d) => [d.code, d.column])).toEqual([
      ['MPK1024', positionIn(app, '"enableScrollBar"').column],
      ['MPK1024', positionIn(app, '"gestureBack"').column],
    ]);
    expect(project.app?.window).toEqual({ allowsBounceVertical: 'YES', pullRefresh: false, enableScrollBar: true, gestureBack: 'NO' });
    expect(project.pages.get('pages/index/index')!.entry.window).toEqual({
      allowsBounceVertical: 'NO',
      pullRefresh: true,
      showTitleLoading: 'YES',
      responsive: false,
    });
  });

  it('reads lazyCodeLoading "renderedComponents" (the WeChat name) as on-demand code loading', () => {
    const project = load(minimalApp({ 'app.json': '{ "pages": ["pages/index/index"], "lazyCodeLoading": "renderedComponents" }' }));
    expect(project.diagnostics).toEqual([]);
    expect(project.app?.lazyCodeLoading).toBe('requiredComponents');
  });

  it('reads "true"/"false" strings in component .json flags', () => {
    const project = load({
      ...minimalApp({ 'pages/index/index.json': '{ "usingComponents": { "c": "/components/c/c" } }' }),
      'components/c/c.json': '{ "component": "true", "virtualHost": "false" }',
      'components/c/c.js': 'Component({});',
      'components/c/c.axml': '<view/>',
    });
    expect(project.diagnostics).toEqual([]);
    expect(project.components.get('components/c/c')!.entry.virtualHost).toBe(false);
  });
});

describe('severities: errors only where the platform refuses the project', () => {
  it('a page entry that is not a string is an error (no page can be loaded from it)', () => {
    const source = '{ "pages": ["pages/index/index", 5] }';
    const project = load(minimalApp({ 'app.json': source }));
    expectDiagnosticAt(project.diagnostics, 'MPK1034', { file: 'app.json', ...positionIn(source, '5'), severity: 'error' });
    expect(project.app?.pages).toEqual(['pages/index/index']);
  });

  it('a subpackage the platform cannot read is an error', () => {
    const source = '{ "pages": ["pages/index/index"], "subPackages": [{ "root": 7, "pages": ["a/a"] }, { "root": "s", "pages": "a/a" }, "x"] }';
    const project = load(minimalApp({ 'app.json': source }));
    const invalid = project.diagnostics.filter((d) => d.code === 'MPK1052');
    expect(invalid.map((d) => [d.severity, d.column])).toEqual([
      ['error', positionIn(source, '7').column],
      ['error', positionIn(source, '"a/a" }').column],
      ['error', positionIn(source, '"x"').column],
    ]);
  });

  it('an unknown preloadRule page or package is a warning and left out of the config', () => {
    const source = '{ "pages": ["pages/index/index"], "subPackages": [{ "root": "sub", "pages": ["a/a"] }], "preloadRule": { "pages/index/index": { "packages": ["sub", "nope"] }, "pages/ghost/ghost": { "packages": ["sub"] } } }';
    const project = load({ ...minimalApp({ 'app.json': source }), ...page('sub/a/a') });
    const rules = project.diagnostics.filter((d) => d.code === 'MPK1053');
    expect(rules.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(project.app?.preloadRule).toEqual({ 'pages/index/index': { packages: ['sub'] } });
  });
});

describe('the cloud functions folder (cloudfunctionRoot / cloudbaseRoot)', () => {
  it('is read, and its files are not part of the mini-program (no unknown-key or unused-file warning)', async () => {
    const { build } = await import('../../src/index.ts');
    for (const key of ['cloudfunctionRoot', 'cloudbaseRoot']) {
      const dir = writeProject(minimalApp({ 'mini.project.json': JSON.stringify({ format: 2, [key]: './cloud/' }), 'cloud/fn/index.js': 'exports.main = async () => 1;\n' }));
      expect(loadProject(dir).config.cloudRoot).toBe('cloud');
      const result = await build(dir, { outDir: path.join(dir, 'dist') });
      expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });
});
