/**
 * Keys and values the platform defines that mpk reads but does not act on: each is an MPK1024
 * warning at the key ("mpk does not support X (what mpk does instead); it is ignored"), and the keys
 * mpk acts on stay silent (issue 10: nothing silently ignored).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { build } from '../../src/index.ts';
import { loadProject } from '../../src/project/load.ts';
import { positionIn } from '../fixtures/expect.ts';
import { component, minimalApp, page, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

function load(files: Record<string, string>) {
  return loadProject(writeProject(files));
}

/** The MPK1024 warnings as a user reads them: file:line:column and message. */
function unsupported(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.code === 'MPK1024')
    .map((d) => {
      expect(d.severity).toBe('warning');
      if (d.line > 0) expect(d.frame).toMatch(new RegExp(`^> +${d.line} \\|`, 'm'));
      return `${d.file}:${d.line}:${d.column} ${d.message}`;
    });
}

function at(file: string, source: string, needle: string, message: string, after?: string): string {
  const { line, column } = positionIn(source, needle, after);
  return `${file}:${line}:${column} ${message}`;
}

describe('app.json', () => {
  it('warns at each key mpk does not act on, saying what mpk does instead', () => {
    const source = `{
  "pages": ["pages/index/index"],
  "subPackages": [{ "root": "sub", "pages": ["a/a"], "independent": true }],
  "preloadRule": { "pages/index/index": { "packages": ["sub"], "network": "wifi" } },
  "plugins": { "myPlugin": { "version": "*", "provider": "2019" } },
  "useDynamicPlugins": true,
  "workers": ["workers/index.js"],
  "loadingPages": {},
  "requirePolyfill": "YES",
  "behavior": { "shareAppMessage": "appendQuery", "decodeQuery": "disable" }
}
`;
    const project = load({ ...minimalApp({ 'app.json': source }), ...page('sub/a/a') });
    expect(unsupported(project.diagnostics)).toEqual([
      at('app.json', source, '"independent"', 'mpk does not support subPackages[0].independent (the main package always loads first, as for any subpackage); it is ignored'),
      at('app.json', source, '"preloadRule"', 'mpk does not support "preloadRule" (subpackages are not downloaded ahead: each loads when one of its pages is first opened); it is ignored'),
      at('app.json', source, '"plugins"', 'mpk does not support "plugins" (mpk does not load mini-program plugins: their plugin:// components render as placeholders and requirePlugin is not defined); it is ignored'),
      at('app.json', source, '"useDynamicPlugins"', 'mpk does not support "useDynamicPlugins" (mpk does not load dynamic plugins); it is ignored'),
      at('app.json', source, '"workers"', 'mpk does not support "workers" (mpk does not run Workers (my.createWorker is not available): the worker files are not packaged); it is ignored'),
      at('app.json', source, '"loadingPages"', 'mpk does not support "loadingPages" (mpk shows no skeleton screens: a page shows its own content as soon as it renders); it is ignored'),
      at('app.json', source, '"requirePolyfill"', 'mpk does not support "requirePolyfill" (mpk injects no polyfills: the logic layer runs the bundled ES2020 code as it is); it is ignored'),
      at('app.json', source, '"shareAppMessage"', 'mpk does not support behavior.shareAppMessage (a share reports the page and what onShareAppMessage returned; mpk builds no share link to append the query to); it is ignored'),
    ]);
    // Everything else of the file is read as before (the rule is still checked and kept).
    expect(project.diagnostics.filter((d) => d.code !== 'MPK1024')).toEqual([]);
    expect(project.app?.preloadRule).toEqual({ 'pages/index/index': { packages: ['sub'], network: 'wifi' } });
    expect(project.app?.behavior).toEqual({ shareAppMessage: 'appendQuery', decodeQuery: 'disable' });
  });

  it('says nothing of switches that ask for nothing (false) and of values of the wrong type (MPK1021 only)', () => {
    const source = '{ "pages": ["pages/index/index"], "useDynamicPlugins": false, "requirePolyfill": "NO", "workers": "w.js", "plugins": [] }';
    const project = load(minimalApp({ 'app.json': source }));
    expect(project.diagnostics.map((d) => d.code)).toEqual(['MPK1021', 'MPK1021']);
  });

  it('warns at window keys mpk does not draw, in app.json and in a page .json', () => {
    const app = `{
  "pages": ["pages/index/index"],
  "window": {
    "defaultTitle": "Home",
    "backgroundColor": "#f5f5f5",
    "titlePenetrate": "YES",
    "backgroundImageColor": "#ffffff",
    "backgroundImageUrl": "https://example.com/bg.png",
    "gestureBack": "NO",
    "enableScrollBar": false
  }
}
`;
    const pageJson = '{\n  "backgroundColor": "#667eea",\n  "barButtonTheme": "light",\n  "titleBarColor": "#000000"\n}\n';
    const project = load(minimalApp({ 'app.json': app, 'pages/index/index.json': pageJson }));
    expect(unsupported(project.diagnostics)).toEqual([
      at('app.json', app, '"backgroundColor"', 'mpk does not support window.backgroundColor (the window behind the page is not drawn); it is ignored'),
      at('app.json', app, '"titlePenetrate"', 'mpk does not support window.titlePenetrate (taps on the navigation bar never reach the page); it is ignored'),
      at('app.json', app, '"backgroundImageColor"', 'mpk does not support window.backgroundImageColor (the area a pull-down uncovers is not drawn); it is ignored'),
      at('app.json', app, '"backgroundImageUrl"', 'mpk does not support window.backgroundImageUrl (the area a pull-down uncovers is not drawn); it is ignored'),
      at('app.json', app, '"gestureBack"', 'mpk does not support window.gestureBack (there is no swipe-back gesture; the back button goes back); it is ignored'),
      at('app.json', app, '"enableScrollBar"', "mpk does not support window.enableScrollBar (the page shows the browser's scroll bar); it is ignored"),
      at('pages/index/index.json', pageJson, '"backgroundColor"', 'mpk does not support "backgroundColor" (the window behind the page is not drawn); it is ignored'),
      at('pages/index/index.json', pageJson, '"barButtonTheme"', 'mpk does not support "barButtonTheme" (the navigation bar has no icons to theme); it is ignored'),
    ]);
    expect(project.diagnostics.filter((d) => d.code !== 'MPK1024')).toEqual([]);
    // Still read into the config (the manifest keeps what was written).
    expect(project.app?.window.backgroundColor).toBe('#f5f5f5');
  });

  it('warns that optionMenu is both deprecated and not drawn', () => {
    const pageJson = '{ "optionMenu": { "icon": "https://example.com/i.png" } }';
    const project = load(minimalApp({ 'pages/index/index.json': pageJson }));
    expect(project.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ['MPK1023', 'pages/index/index.json', 1, 3],
      ['MPK1024', 'pages/index/index.json', 1, 3],
    ]);
    expect(project.diagnostics[1]!.message).toBe('mpk does not support "optionMenu" (the navigation bar draws no option menu icon, so onOptionMenuClick never fires from it); it is ignored');
  });

  it('says nothing of the keys mpk acts on', () => {
    const app = JSON.stringify({
      pages: ['pages/index/index', 'pages/logs/logs'],
      entryPagePath: 'pages/index/index',
      window: {
        defaultTitle: 'Home', titleBarColor: '#ffffff', navigationBarFrontColor: 'black', transparentTitle: 'auto', titleImage: 'https://example.com/t.png',
        showTitleLoading: 'NO', allowsBounceVertical: 'YES', pullRefresh: true, onReachBottomDistance: 60, responsive: true,
      },
      tabBar: {
        textColor: '#999999', selectedColor: '#1677ff', backgroundColor: '#ffffff',
        items: [{ pagePath: 'pages/index/index', name: 'Home', icon: '/a.png', activeIcon: '/b.png' }, { pagePath: 'pages/logs/logs', name: 'Logs' }],
      },
      subPackages: [{ root: 'sub', pages: ['a/a'], name: 'sub' }],
      usingComponents: { card: '/components/card/card' },
      lazyCodeLoading: 'requiredComponents',
      networkTimeout: { request: 10000, connectSocket: 10000, uploadFile: 10000, downloadFile: 10000 },
      permission: { 'scope.userLocation': { desc: 'nearby shops' } },
      behavior: { decodeQuery: 'disable' },
      useDynamicPlugins: false,
      requirePolyfill: false,
    });
    const project = load({
      ...minimalApp({ 'app.json': app, 'pages/index/index.json': '{ "defaultTitle": "x", "styleIsolation": "apply-shared", "usingComponents": {} }' }),
      ...page('pages/logs/logs'),
      ...page('sub/a/a'),
      ...component('components/card/card', '{ "component": true, "styleIsolation": "apply-shared", "virtualHost": false, "usingComponents": {} }'),
    });
    expect(project.diagnostics).toEqual([]);
  });
});

describe('mini.project.json', () => {
  it('warns at each format-2 key mpk does not act on, and at the values of partly supported ones it does not follow', () => {
    const source = `{
  "format": 2,
  "compileType": "plugin",
  "pluginRoot": "plugin",
  "scripts": { "beforeCompile": "npm run build" },
  "pluginResolution": { "enable": true },
  "compileOptions": {
    "component2": false,
    "treeShaking": false,
    "globalObjectMode": "legacy",
    "transpile": { "script": { "ignore": ["node_modules/**"] } }
  },
  "developOptions": { "hotReload": true, "parallel": false, "skipTranspile": true, "lazyCompile": true, "minify": false }
}
`;
    const project = load(minimalApp({ 'mini.project.json': source }));
    const file = 'mini.project.json';
    expect(unsupported(project.diagnostics)).toEqual([
      at(file, source, '"plugin"', 'mpk does not support compileType "plugin" (it builds mini-programs only: the preview host app at miniprogramRoot is built as one); it is ignored'),
      at(file, source, '"pluginRoot"', 'mpk does not support pluginRoot (mpk builds mini-programs, not plugins); it is ignored'),
      at(file, source, '"scripts"', 'mpk does not support scripts (mpk runs no pre-build scripts (watch, beforeCompile, beforePreview, beforeUpload): run them yourself before mpk build or mpk dev); it is ignored'),
      at(file, source, '"pluginResolution"', 'mpk does not support pluginResolution (mpk does not load plugins); it is ignored'),
      at(file, source, '"component2"', 'mpk does not support compileOptions.component2: false (components always run with the component2 lifecycle); it is ignored'),
      at(file, source, '"treeShaking"', 'mpk does not support compileOptions.treeShaking: false (the bundler always leaves out ES module code nothing uses); it is ignored'),
      at(file, source, '"globalObjectMode"', 'mpk does not support compileOptions.globalObjectMode "legacy" (global and globalThis are always the real global object, as with "enable"); it is ignored'),
      at(file, source, '"transpile"', 'mpk does not support compileOptions.transpile (every logic file is compiled for ES2020: none goes down to ES5 and none is skipped); it is ignored'),
      at(file, source, '"hotReload"', 'mpk does not support developOptions.hotReload (mpk dev reloads the simulator on every change whatever it says); it is ignored'),
      at(file, source, '"parallel"', 'mpk does not support developOptions.parallel (mpk builds in one process); it is ignored'),
      at(file, source, '"skipTranspile"', 'mpk does not support developOptions.skipTranspile (mpk never transpiles to ES5, so there is nothing to skip); it is ignored'),
      at(file, source, '"lazyCompile"', 'mpk does not support developOptions.lazyCompile (every page is compiled on every build); it is ignored'),
    ]);
    expect(project.diagnostics.filter((d) => d.code !== 'MPK1024')).toEqual([]);
    expect(project.config.minify).toBe(false);
  });

  it('warns at the older format\'s keys mpk does not act on', () => {
    const source = '{\n  "component2": false,\n  "enableAppxNg": true,\n  "nonLoadingIndicator": true,\n  "enableParallelLoader": true,\n  "enableNodeModuleBabelTransform": true,\n  "node_modules_es6_whitelist": [],\n  "enableHMR": true,\n  "debugOptions": {},\n  "enableDistFileMinify": true\n}\n';
    const project = load(minimalApp({ 'mini.project.json': source }));
    expect(project.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'MPK1024 2:3', 'MPK1024 3:3', 'MPK1024 4:3', 'MPK1024 5:3', 'MPK1024 6:3', 'MPK1024 7:3', 'MPK1024 8:3', 'MPK1024 9:3',
    ]);
    expect(project.diagnostics[1]!.message).toBe('mpk does not support enableAppxNg (mpk has a single compiler); it is ignored');
    expect(project.config.minify).toBe(true);
  });

  it('says nothing of the keys and values mpk acts on', () => {
    const source = JSON.stringify({
      format: 2,
      compileType: 'mini',
      miniprogramRoot: './',
      compileOptions: { component2: true, typescript: true, less: true, treeShaking: true, globalObjectMode: 'enable', resolveAlias: { '@/*': './*' } },
      assetsInclude: ['**/*.dat'],
      uploadExclude: ['private/**'],
      developOptions: { minify: true, sourcemap: false },
    });
    expect(load(minimalApp({ 'mini.project.json': source })).diagnostics).toEqual([]);
  });
});

describe('ext.json', () => {
  it('warns at extPages and app.json keys (mpk merges neither), reads extEnable and ext, and names unknown keys', async () => {
    const source = '{\n  "extEnable": true,\n  "ext": { "shopId": "1" },\n  "extPages": { "pages/index/index": { "defaultTitle": "Shop" } },\n  "window": { "defaultTitle": "Shop" },\n  "extAppid": "x"\n}\n';
    const result = await build(writeProject(minimalApp({ 'ext.json': source })), { write: false });
    expect(unsupported(result.diagnostics)).toEqual([
      at('ext.json', source, '"extPages"', 'mpk does not support ext.json "extPages" (the pages keep their own .json configuration); it is ignored'),
      at('ext.json', source, '"window"', 'mpk does not support app.json keys in ext.json ("window" does not override app.json: only "ext" reaches the app, through my.getExtConfig); it is ignored'),
    ]);
    expect(result.diagnostics.filter((d) => d.code === 'MPK1020').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      at('ext.json', source, '"extAppid"', 'unknown key "extAppid" in ext.json'),
    ]);
    expect(result.manifest!.ext).toEqual({ extEnable: true, ext: { shopId: '1' } });
  });
});
