import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UnitCache } from '../../src/build/cache.ts';
import { compilePartStyles, createStyleHost } from '../../src/build/styles.ts';
import { loadProject } from '../../src/project/load.ts';
import { compileSheet, type SheetOptions, type StyleHost } from '../../src/style/compile.ts';
import type { CompiledSheet } from '../../src/style/compile.ts';
import { convertRpx } from '../../src/style/values.ts';
import { codesOf, expectDiagnosticAt, only, positionIn } from '../fixtures/expect.ts';
import { copyFixture, minimalApp, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

/** Compiles `main` (a project path in `files`) through a real project's resolver. */
function compile(files: Record<string, string>, main: string, options: SheetOptions) {
  const project = loadProject(writeProject({ ...minimalApp(), ...files }));
  return compileSheet(main, createStyleHost(project), options);
}

const page = (pageId = 'pages/index/index'): SheetOptions => ({ mode: { kind: 'page', pageId } });
const app: SheetOptions = { mode: { kind: 'app' } };

function memoryHost(files: Record<string, string>): StyleHost {
  return { readFile: (p) => files[p], resolve: (_from, request) => (files[request] !== undefined ? request : undefined) };
}

describe('rpx', () => {
  it('converts rpx to a multiple of --mpk-rpx and leaves other units alone', () => {
    expect(convertRpx('20rpx 0rpx -1.5rpx 3px')).toBe('calc(20 * var(--mpk-rpx)) 0 calc(-1.5 * var(--mpk-rpx)) 3px');
    expect(convertRpx('calc(100% - .5rpx)')).toBe('calc(100% - calc(.5 * var(--mpk-rpx)))');
    expect(convertRpx('10vh 2em 50%')).toBe('10vh 2em 50%');
    expect(convertRpx("url('/a-10rpx.png') 4RPX")).toBe("url('/a-10rpx.png') calc(4 * var(--mpk-rpx))");
    expect(convertRpx('solid 1rpx #000')).toBe('solid calc(1 * var(--mpk-rpx)) #000');
  });

  it('converts every declaration, including keyframes, and warns about rpx in @media', () => {
    const source = '.a { margin: 10rpx; }\n@keyframes grow { from { width: 0rpx } to { width: 750rpx } }\n@media (min-width: 300rpx) { .b { top: 1rpx } }\n';
    const sheet = compileSheet('a.acss', memoryHost({ 'a.acss': source }), app);
    expect(sheet.css).toContain('.a { margin: calc(10 * var(--mpk-rpx)); }');
    expect(sheet.css).toContain('@keyframes grow { from { width: 0 } to { width: calc(750 * var(--mpk-rpx)) } }');
    expect(sheet.css).toContain('.b { top: calc(1 * var(--mpk-rpx)) }');
    expectDiagnosticAt(sheet.diagnostics, 'MPK4010', { file: 'a.acss', line: 3, column: 1, severity: 'warning' });
  });
});

describe('@import', () => {
  it('inlines relative, absolute and npm imports once, in place', () => {
    const sheet = compile(
      {
        'pages/index/index.acss': "@import './part.acss';\n@import '/common/base.acss';\n@import 'ui-lib/theme.acss';\n@import './part.acss';\n.own { color: red }",
        'pages/index/part.acss': '.part { color: blue }',
        'common/base.acss': ".base { margin: 0 }",
        'node_modules/ui-lib/theme.acss': '.theme { color: green }',
      },
      'pages/index/index.acss',
      app,
    );
    expect(sheet.diagnostics).toEqual([]);
    expect(sheet.css.split('\n')).toEqual(['.part { color: blue }', '.base { margin: 0 }', '.theme { color: green }', '.own { color: red }']);
    expect(sheet.deps.sort()).toEqual(['common/base.acss', 'node_modules/ui-lib/theme.acss', 'pages/index/part.acss']);
  });

  it('follows resolveAlias and keeps media conditions', () => {
    const sheet = compile(
      {
        'mini.project.json': '{ "format": 2, "compileOptions": { "resolveAlias": { "@styles/*": "./shared/styles/*" } } }',
        'app.acss': "@import '@styles/vars.acss' screen and (min-width: 100px);",
        'shared/styles/vars.acss': '.v { color: red }',
      },
      'app.acss',
      app,
    );
    expect(sheet.diagnostics).toEqual([]);
    // a size condition asks the screen (see 'the screen is the viewport')
    expect(sheet.css).toBe('@container mpk-screen (min-width: 100px) {.v { color: red } }');
  });

  it('maps resolveAlias paths in url() to absolute project URLs', () => {
    const sheet = compile(
      {
        'mini.project.json': '{ "format": 2, "compileOptions": { "resolveAlias": { "@img/*": "./assets/images/*" } } }',
        'app.acss': '.a { background: url("@img/bg.png") } .b { background: url(/assets/images/bg.png) }',
        'assets/images/bg.png': 'png',
      },
      'app.acss',
      app,
    );
    expect(sheet.diagnostics).toEqual([]);
    expect(sheet.css).toBe('.a { background: url("/assets/images/bg.png") } .b { background: url(/assets/images/bg.png) }');
  });

  it('reports a missing import and an import cycle at the @import', () => {
    const main = ".x {}\n@import './missing.acss';\n@import './a.acss';";
    const a = "@import './b.acss';\n.a {}";
    const b = ".b {}\n@import './a.acss';";
    const sheet = compile({ 'app.acss': main, 'a.acss': a, 'b.acss': b }, 'app.acss', app);
    expectDiagnosticAt(sheet.diagnostics, 'MPK4002', { file: 'app.acss', line: 2, column: 1, severity: 'warning' });
    const cycle = expectDiagnosticAt(sheet.diagnostics, 'MPK4003', { file: 'b.acss', line: 2, column: 1, severity: 'warning' });
    expect(cycle.message).toBe('@import cycle: app.acss → a.acss → b.acss → a.acss');
    expect(sheet.css).toContain('.b {}');
  });

  it('drops Less imports while Less is off, remote sheets and imports without a path, with warnings', () => {
    const source = "@import './theme.less';\n@import 'https://cdn.example.com/x.css';\n@import foo;";
    const sheet = compileSheet('app.acss', memoryHost({ 'app.acss': source, './theme.less': '.t {}' }), app);
    expect(codesOf(sheet.diagnostics)).toEqual(['MPK4007', 'MPK4011', 'MPK4012']);
    expect(sheet.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(sheet.diagnostics[0]!.message).toContain('compileOptions.less is off');
    expect(sheet.diagnostics.map((d) => d.line)).toEqual([1, 2, 3]);
    expect(sheet.css).toBe('');
  });
});

describe('scoping', () => {
  it('scopes a page sheet to its page and maps `page` to its root', () => {
    const source = 'page { background: #fff }\n.a .b, view > .c { color: red }\npage .x, page.dark { color: blue }';
    const sheet = compileSheet('p.acss', memoryHost({ 'p.acss': source }), page('pages/a/a'));
    expect(sheet.css.split('\n')).toEqual([
      ':where(.mpk-page[data-mpk-page="pages/a/a"]) { background: #fff }',
      ':where(.mpk-page[data-mpk-page="pages/a/a"]) .a .b, :where(.mpk-page[data-mpk-page="pages/a/a"]) view > .c { color: red }',
      ':where(.mpk-page[data-mpk-page="pages/a/a"]) .x, :where(.mpk-page[data-mpk-page="pages/a/a"]).dark { color: blue }',
    ]);
  });

  it('maps `page` in app.acss to every page root and leaves other selectors global', () => {
    const sheet = compileSheet('app.acss', memoryHost({ 'app.acss': 'page, .title { margin: 0 }' }), app);
    expect(sheet.css).toBe(':where(.mpk-page), .title { margin: 0 }');
  });

  it('leaves a shared component sheet global', () => {
    const options: SheetOptions = { mode: { kind: 'component', scope: 'abc123', isolated: false }, virtualHost: true };
    expect(compileSheet('c.acss', memoryHost({ 'c.acss': '.card .title { color: red }' }), options).css).toBe('.card .title { color: red }');
  });

  it('scopes every compound of an apply-shared component sheet', () => {
    const options: SheetOptions = { mode: { kind: 'component', scope: 'abc123', isolated: true }, virtualHost: false };
    const source = '.card .title::after, .card > text:hover { color: red }\n:host { display: block }\n:host(.on) .title { color: blue }';
    const sheet = compileSheet('c.acss', memoryHost({ 'c.acss': source }), options);
    expect(sheet.diagnostics).toEqual([]);
    expect(sheet.css.split('\n')).toEqual([
      '.card[data-s-abc123] .title[data-s-abc123]::after, .card[data-s-abc123] > text:hover[data-s-abc123] { color: red }',
      '[data-s-abc123-host] { display: block }',
      '[data-s-abc123-host].on .title[data-s-abc123] { color: blue }',
    ]);
  });

  it('warns that :host needs virtualHost: false', () => {
    const options: SheetOptions = { mode: { kind: 'component', scope: 's', isolated: false }, virtualHost: true };
    const sheet = compileSheet('c.acss', memoryHost({ 'c.acss': '.a {}\n:host { color: red }' }), options);
    expectDiagnosticAt(sheet.diagnostics, 'MPK4009', { file: 'c.acss', line: 2, column: 1, severity: 'warning' });
    expect(sheet.css).toContain('[data-s-s-host] { color: red }');
  });
});

describe('platform warnings and errors', () => {
  it('warns about attribute selectors, reserved class prefixes and relative url()', () => {
    const source = '.ok { background: url(/images/a.png) }\ninput[type=text] { color: red }\n.am-button, .a-list { color: blue }\n.bg { background: url("./images/b.png") no-repeat }';
    const sheet = compileSheet('app.acss', memoryHost({ 'app.acss': source }), app);
    expectDiagnosticAt(sheet.diagnostics, 'MPK4004', { file: 'app.acss', line: 2, column: 1, severity: 'warning' });
    expect(sheet.diagnostics.filter((d) => d.code === 'MPK4005').map((d) => d.message)).toEqual([
      expect.stringContaining('.am-button'),
      expect.stringContaining('.a-list'),
    ]);
    expectDiagnosticAt(sheet.diagnostics, 'MPK4006', { file: 'app.acss', line: 4, column: 7, severity: 'warning' });
    expect(sheet.css).toContain('input[type=text]');
  });

  it('does not lecture npm libraries (their .am- classes are the system components)', () => {
    const sheet = compile(
      { 'app.acss': "@import 'ui/button.acss';", 'node_modules/ui/button.acss': '.am-button[disabled] { background: url(./x.png) }' },
      'app.acss',
      app,
    );
    expect(sheet.diagnostics).toEqual([]);
  });

  it('reports CSS syntax errors with position and frame, also inside imports', () => {
    const source = '.a {\n  color: red;\n\n.b { color: blue }';
    const sheet = compileSheet('app.acss', memoryHost({ 'app.acss': source }), app);
    const d = expectDiagnosticAt(sheet.diagnostics, 'MPK4001', { file: 'app.acss', line: 1, column: 1, severity: 'error' });
    expect(d.message).toContain('Unclosed block');
    const imported = compile({ 'app.acss': "@import './bad.acss';\n.ok {}", 'bad.acss': '.x { color: red; }\n}' }, 'app.acss', app);
    expect(only(imported.diagnostics, 'MPK4001')).toMatchObject({ file: 'bad.acss', line: 2, column: 1 });
    expect(imported.css).toBe('.ok {}');
  });

  it('reports selectors the selector parser rejects', () => {
    const source = '.ok {}\n.bad[ { color: red }';
    const sheet = compileSheet('app.acss', memoryHost({ 'app.acss': source }), app);
    expect(only(sheet.diagnostics, 'MPK4001').line).toBe(2);
  });
});

describe('a part style.css', () => {
  it('concatenates app.acss, component sheets and page sheets in that order', () => {
    const project = loadProject(copyFixture('valid-app'));
    const cache = new UnitCache<CompiledSheet>((p) => project.files.readText(p));
    const main = compilePartStyles(project, project.parts[0]!, cache, createStyleHost(project));
    expect(main.diagnostics).toEqual([]);
    const order = [...main.css.matchAll(/^\/\* (.+) \*\/$/gm)].map((m) => m[1]);
    expect(order).toEqual([
      'app.acss',
      'components/badge/badge.acss',
      'components/card/card.acss',
      'node_modules/fixture-ui/es/button/index.acss',
      'pages/index/index.acss',
    ]);
    const card = project.components.get('components/card/card')!.entry.scope!;
    expect(main.css).toContain(`.card[data-s-${card}] .card-title[data-s-${card}] { font-size: calc(28 * var(--mpk-rpx)); }`);
    expect(main.css).toContain(':where(.mpk-page[data-mpk-page="pages/index/index"]) .title');
    const sub = compilePartStyles(project, project.parts[1]!, cache, createStyleHost(project));
    expect(sub.css).not.toContain('app.acss');
    expect(sub.css).toContain('/* components/card/card.acss */');
    expect(sub.css).toContain(':where(.mpk-page[data-mpk-page="sub/pages/detail/detail"]) .detail');
  });

  it('warns that .less sheets are ignored while compileOptions.less is off', () => {
    const project = loadProject(writeProject(minimalApp({ 'pages/index/index.less': '@c: red; .a { color: @c }' })));
    const cache = new UnitCache<CompiledSheet>((p) => project.files.readText(p));
    const styles = compilePartStyles(project, project.parts[0]!, cache, createStyleHost(project));
    expect(only(styles.diagnostics, 'MPK4008')).toMatchObject({ file: 'pages/index/index.less', severity: 'warning' });
    expect(only(styles.diagnostics, 'MPK4008').message).toContain('compileOptions.less is off');
    expect(styles.css).toBe('');
  });

  it('recompiles only a sheet whose file or imports changed', () => {
    const dir = writeProject(minimalApp({ 'app.acss': "@import './base.acss';", 'base.acss': '.a {}', 'pages/index/index.acss': '.p {}' }));
    const project = loadProject(dir);
    const cache = new UnitCache<CompiledSheet>((p) => project.files.readText(p));
    const host = createStyleHost(project);
    compilePartStyles(project, project.parts[0]!, cache, host);
    expect(cache.takeCompiled().length).toBe(2);
    compilePartStyles(project, project.parts[0]!, cache, host);
    expect(cache.takeCompiled()).toEqual([]);
    fs.writeFileSync(`${dir}/base.acss`, '.a { color: red }');
    project.files.invalidate(['base.acss']);
    const styles = compilePartStyles(project, project.parts[0]!, cache, host);
    expect(cache.takeCompiled()).toEqual(['app.acss|acss|app']);
    expect(styles.css).toContain('.a { color: red }');
    expect(positionIn(styles.css, '.p').line).toBeGreaterThan(1);
  });
});

describe('Less (mini.project.json compileOptions.less)', () => {
  const LESS_ON = '{ "format": 2, "compileOptions": { "less": true } }';
  const stylesOf = (files: Record<string, string>) => {
    const project = loadProject(writeProject(minimalApp({ 'mini.project.json': LESS_ON, ...files })));
    const cache = new UnitCache<CompiledSheet>((p) => project.files.readText(p));
    return { project, ...compilePartStyles(project, project.parts[0]!, cache, createStyleHost(project)) };
  };

  it('compiles variables, nesting, mixins, operations and @import of .less files, then the ACSS steps (rpx, scoping)', () => {
    const { css, diagnostics } = stylesOf({
      'styles/theme.less': '@brand: #1677ff;\n@gap: 12rpx;\n.rounded(@r: 8rpx) { border-radius: @r; }\n',
      'app.less': "@import './styles/theme';\npage { color: @brand; }\n",
      'pages/index/index.less': "@import (reference) '/styles/theme.less';\n.card {\n  padding: @gap * 2;\n  .rounded(4rpx);\n  &-title { color: darken(@brand, 10%); }\n  .tag { margin: @gap; }\n}\n",
    });
    expect(diagnostics).toEqual([]);
    expect(css).toContain('/* app.less */');
    expect(css).toContain(':where(.mpk-page) {\n  color: #1677ff;\n}');
    const pageScope = ':where(.mpk-page[data-mpk-page="pages/index/index"])';
    expect(css).toContain(`${pageScope} .card {\n  padding: calc(24 * var(--mpk-rpx));\n  border-radius: calc(4 * var(--mpk-rpx));\n}`);
    expect(css).toContain(`${pageScope} .card-title {\n  color: #005ee2;\n}`);
    expect(css).toContain(`${pageScope} .card .tag {\n  margin: calc(12 * var(--mpk-rpx));\n}`);
    expect(css).not.toContain('.rounded');
  });

  it('compiles a .less file @imported from an .acss sheet', () => {
    const { css, diagnostics } = stylesOf({ 'app.acss': "@import './base.less';\n.x { top: 1rpx }", 'base.less': '@c: red;\n.b { color: @c; }' });
    expect(diagnostics).toEqual([]);
    expect(css).toContain('.b {\n  color: red;\n}');
    expect(css).toContain('.x { top: calc(1 * var(--mpk-rpx)) }');
  });

  it('reports a Less error with file, line and column', () => {
    const source = '.a {\n  color: @missing;\n}\n';
    const { diagnostics, css } = stylesOf({ 'pages/index/index.less': source });
    expectDiagnosticAt(diagnostics, 'MPK4013', { file: 'pages/index/index.less', ...positionIn(source, '@missing'), severity: 'error', message: /variable @missing is undefined/ });
    expect(css).toBe('');
  });

  it('reports an error inside an imported .less file there', () => {
    const theme = '@a: 1px;\n.broken {\n';
    const { diagnostics } = stylesOf({ 'theme.less': theme, 'app.less': "@import './theme.less';\n.x { width: @a; }" });
    const d = only(diagnostics, 'MPK4013');
    expect(d).toMatchObject({ file: 'theme.less', severity: 'error' });
    expect(d.line).toBeGreaterThan(0);
  });

  it('points ACSS advice at the .less source through the source map', () => {
    const source = '@w: 1rpx;\n.ok { width: @w; }\n.a-reserved {\n  color: red;\n}\n';
    const { diagnostics } = stylesOf({ 'pages/index/index.less': source });
    expectDiagnosticAt(diagnostics, 'MPK4005', { file: 'pages/index/index.less', line: 3, column: 1, severity: 'warning' });
  });

  it('uses x.less over x.acss while Less is on (MPK4014), x.acss while it is off (MPK4008)', () => {
    const files = { 'pages/index/index.less': '.from-less { a: b }', 'pages/index/index.acss': '.from-acss { a: b }' };
    const on = stylesOf(files);
    expect(only(on.diagnostics, 'MPK4014')).toMatchObject({ file: 'pages/index/index.acss', severity: 'warning' });
    expect(on.css).toContain('.from-less');
    expect(on.css).not.toContain('.from-acss');
    const project = loadProject(writeProject(minimalApp(files)));
    const off = compilePartStyles(project, project.parts[0]!, new UnitCache<CompiledSheet>((p) => project.files.readText(p)), createStyleHost(project));
    expect(only(off.diagnostics, 'MPK4008')).toMatchObject({ file: 'pages/index/index.less', severity: 'warning' });
    expect(off.css).toContain('.from-acss');
  });

  it('never runs Less plugins or inline JavaScript, and loads nothing remote', () => {
    const plugin = stylesOf({ 'plugin.js': 'module.exports = { install() { globalThis.__ran = true; } };', 'app.less': "@plugin './plugin.js';\n.a { b: c }" });
    expect(only(plugin.diagnostics, 'MPK4013').message).toContain('mpk does not run Less plugins');
    expect((globalThis as Record<string, unknown>).__ran).toBeUndefined();
    const inline = stylesOf({ 'app.less': '.a { width: `1 + 1`; }' });
    expect(codesOf(inline.diagnostics)).toEqual(['MPK4013']);
    const remote = stylesOf({ 'app.less': "@import 'https://example.com/x.less';\n.a { b: c }" });
    expect(codesOf(remote.diagnostics)).toEqual(['MPK4013']);
  });
});

describe('the screen is the viewport', () => {
  it('writes viewport units as the screen container’s units, outside url() and strings alike', () => {
    const source = '.a { height: 100vh; width: calc(100vw - 20rpx); min-height: 50dvh; margin: 2vmin 1vmax; background: url(/img/10vh.png) }';
    const sheet = compileSheet('a.acss', memoryHost({ 'a.acss': source }), app);
    expect(sheet.css).toBe(
      '.a { height: 100cqh; width: calc(100cqw - calc(20 * var(--mpk-rpx))); min-height: 50cqh; margin: 2cqmin 1cqmax; background: url(/img/10vh.png) }',
    );
  });

  it('asks width/height media queries of the screen container, leaves other media queries alone', () => {
    const source = [
      '@media (max-width: 600px) { .a { width: 100% } }',
      '@media screen and (min-width: 320px) and (orientation: portrait), (max-device-width: 200px) { .b { top: 0 } }',
      '@media print { .c { display: none } }',
      '@media (prefers-color-scheme: dark) { .d { color: #fff } }',
    ].join('\n');
    const sheet = compileSheet('pages/index/index.acss', memoryHost({ 'pages/index/index.acss': source }), page());
    const lines = sheet.css.split('\n').map((line) => line.replace(/\s*\{.*$/, ''));
    expect(lines).toEqual([
      '@container mpk-screen (max-width: 600px)',
      '@container mpk-screen ((min-width: 320px) and (orientation: portrait)) or (max-width: 200px)',
      '@media print',
      '@media (prefers-color-scheme: dark)',
    ]);
    expect(sheet.css).toContain('@container mpk-screen (max-width: 600px) { :where(.mpk-page[data-mpk-page="pages/index/index"]) .a { width: 100% } }');
  });

  it('writes the input, textarea and button type selectors as the elements the renderer draws them with', () => {
    const source = 'input { padding: 0 } .form textarea, input.big { color: red } .a-input-wrap { flex: 1 } .bar > button:active { opacity: .5 }';
    const sheet = compileSheet('a.acss', memoryHost({ 'a.acss': source }), app);
    expect(sheet.css).toBe('a-input { padding: 0 } .form a-textarea, a-input.big { color: red } .a-input-wrap { flex: 1 } .bar > a-button:active { opacity: .5 }');
  });
});
