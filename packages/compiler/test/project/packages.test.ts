import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.ts';
import { codesOf, expectDiagnosticAt, positionIn } from '../fixtures/expect.ts';
import { component, copyFixture, minimalApp, page, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

function load(appJson: string, extra: Record<string, string> = {}) {
  return loadProject(writeProject({ ...minimalApp({ 'app.json': appJson }), ...extra }));
}

const twoPages = { ...page('pages/b/b'), ...page('pages/c/c') };

describe('tabBar rules', () => {
  const tab = (path: string) => `{ "pagePath": "${path}", "name": "${path}" }`;

  it('warns outside 2 to 5 items and shows the items as written (no item: no tab bar)', () => {
    const one = `{ "pages": ["pages/index/index"], "tabBar": { "items": [${tab('pages/index/index')}] } }`;
    const loaded = load(one);
    expectDiagnosticAt(loaded.diagnostics, 'MPK1040', { file: 'app.json', ...positionIn(one, '[{'), severity: 'warning' });
    expect(loaded.app?.tabBar?.items.map((i) => i.pagePath)).toEqual(['pages/index/index']);
    const none = load('{ "pages": ["pages/index/index"], "tabBar": { "items": [] } }');
    expect(none.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MPK1040', 'warning']]);
    expect(none.app?.tabBar).toBeUndefined();
    const six = `{ "pages": ["pages/index/index"], "tabBar": { "items": [${Array(6).fill(tab('pages/index/index')).join(', ')}] } }`;
    const diagnostics = load(six).diagnostics;
    expect(diagnostics.filter((d) => d.code === 'MPK1040')).toHaveLength(1);
    expect(diagnostics.find((d) => d.code === 'MPK1040')!.message).toContain('6 items');
  });

  it('tab pages must be main-package pages', () => {
    const source = `{ "pages": ["pages/index/index"], "subPackages": [{ "root": "sub", "pages": ["a/a"] }], "tabBar": { "items": [${tab('pages/index/index')}, ${tab('sub/a/a')}, ${tab('pages/ghost/ghost')}] } }`;
    const diagnostics = load(source, page('sub/a/a')).diagnostics.filter((d) => d.code === 'MPK1041');
    expect(diagnostics.map((d) => d.column)).toEqual([
      positionIn(source, '"sub/a/a"', '"tabBar"').column,
      positionIn(source, '"pages/ghost/ghost"').column,
    ]);
    expect(diagnostics[0]!.message).toContain('subpackage "sub"');
  });

  it('warns when the first tab is not the home page, and about duplicates', () => {
    const source = `{ "pages": ["pages/index/index", "pages/b/b", "pages/c/c"], "tabBar": { "items": [${tab('pages/b/b')}, ${tab('pages/index/index')}, ${tab('pages/b/b')}] } }`;
    const diagnostics = load(source, twoPages).diagnostics;
    expect(codesOf(diagnostics).sort()).toEqual(['MPK1042', 'MPK1043']);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('reports a tab item without pagePath and unknown item keys', () => {
    const source = '{ "pages": ["pages/index/index", "pages/b/b"], "tabBar": { "items": [{ "name": "x" }, { "pagePath": "pages/b/b", "text": "B" }] } }';
    const diagnostics = load(source, twoPages).diagnostics;
    expect(codesOf(diagnostics).sort()).toEqual(['MPK1020', 'MPK1022', 'MPK1042']);
    expect(diagnostics.find((d) => d.code === 'MPK1020')!.message).toContain('did you mean "name"');
  });
});

describe('subpackage rules', () => {
  it('a root may not lie inside another root, nor repeat', () => {
    const source = '{ "pages": ["pages/index/index"], "subPackages": [{ "root": "sub", "pages": ["a/a"] }, { "root": "sub/inner", "pages": ["b/b"] }, { "root": "sub/", "pages": [] }] }';
    const diagnostics = load(source, { ...page('sub/a/a'), ...page('sub/inner/b/b') }).diagnostics.filter((d) => d.code === 'MPK1050');
    expect(diagnostics.map((d) => d.message)).toEqual([
      'subpackage root "sub/inner" is inside subpackage root "sub"',
      'subpackage root "sub" is used twice',
    ]);
  });

  it('main pages may not lie under a subpackage root', () => {
    const source = '{ "pages": ["pages/index/index", "sub/x/x"], "subPackages": [{ "root": "sub", "pages": ["a/a"] }] }';
    const d = expectDiagnosticAt(load(source, { ...page('sub/a/a'), ...page('sub/x/x') }).diagnostics, 'MPK1051', {
      file: 'app.json',
      ...positionIn(source, '"sub/x/x"'),
    });
    expect(d.message).toContain('"sub"');
  });

  it('each subpackage needs a root and pages', () => {
    const source = '{ "pages": ["pages/index/index"], "subPackages": [{ "pages": ["a/a"] }, { "root": "../up", "pages": [] }, { "root": "ok" }] }';
    const diagnostics = load(source).diagnostics;
    expect(codesOf(diagnostics)).toEqual(['MPK1052', 'MPK1052', 'MPK1052']);
    expect(diagnostics.map((d) => [d.file, d.line, d.column])).toEqual([
      ['app.json', 1, positionIn(source, '{ "pages": ["a/a"]').column],
      ['app.json', 1, positionIn(source, '"../up"').column],
      ['app.json', 1, positionIn(source, '{ "root": "ok" }').column],
    ]);
  });

  it('preloadRule must name pages and subpackage roots', () => {
    const source = '{ "pages": ["pages/index/index"], "subPackages": [{ "root": "sub", "pages": ["a/a"] }], "preloadRule": { "pages/nope/nope": { "packages": ["sub"] }, "pages/index/index": { "packages": ["other"], "network": "4g" } } }';
    const diagnostics = load(source, page('sub/a/a')).diagnostics;
    expect(diagnostics.filter((d) => d.code === 'MPK1053').map((d) => d.column)).toEqual([
      positionIn(source, '"pages/nope/nope"').column,
      positionIn(source, '"other"').column,
    ]);
    expect(codesOf(diagnostics)).toContain('MPK1022');
  });

  it('a subpackage component cannot be used from the main package or another subpackage', () => {
    const source = '{ "pages": ["pages/index/index"], "subPackages": [{ "root": "a", "pages": ["p/p"] }, { "root": "b", "pages": ["p/p"] }] }';
    const use = '{ "usingComponents": { "x": "/a/comp/x" } }';
    const p = load(source, {
      'pages/index/index.json': use,
      ...page('a/p/p', use),
      ...page('b/p/p', use),
      ...component('a/comp/x'),
    });
    const cross = p.diagnostics.filter((d) => d.code === 'MPK1054');
    expect(cross.map((d) => d.file).sort()).toEqual(['b/p/p.json', 'pages/index/index.json']);
    expect(p.parts.find((part) => part.root === 'a')!.components).toEqual(['a/comp/x']);
    expect(p.parts.find((part) => part.root === '')!.components).toEqual([]);
  });
});

describe('package parts', () => {
  it('puts each page in its part and duplicates main components into the subpackages that use them', () => {
    const project = loadProject(copyFixture('valid-app'));
    expect(project.parts).toEqual([
      {
        root: '',
        pages: ['pages/index/index', 'pages/logs/logs', 'pages/ts-page/ts-page'],
        components: [
          'components/badge/badge',
          'components/card/card',
          'components/list/index',
          'node_modules/fixture-plain/dist/index',
          'node_modules/fixture-ui/es/button/index',
        ],
      },
      { root: 'sub', pages: ['sub/pages/detail/detail'], components: ['components/card/card', 'sub/components/note/note'] },
    ]);
    expect(project.components.get('sub/components/note/note')!.entry.package).toBe('sub');
    expect(project.components.get('components/card/card')!.entry.package).toBe('');
  });
});
