import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.ts';
import { codesOf, expectDiagnosticAt, only, positionIn } from '../fixtures/expect.ts';
import { component, copyFixture, minimalApp, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

function withPageJson(json: string, extra: Record<string, string> = {}) {
  return loadProject(writeProject({ ...minimalApp({ 'pages/index/index.json': json }), ...extra }));
}

describe('component resolution', () => {
  const project = loadProject(copyFixture('valid-app'));

  it('resolves relative, absolute (dir → index), npm es/ builds, package.json "miniprogram" and app-level components', () => {
    expect(project.pages.get('pages/index/index')!.entry.usingComponents).toEqual({
      'g-badge': 'components/badge/badge',
      card: 'components/card/card',
      'item-list': 'components/list/index',
      'ui-button': 'node_modules/fixture-ui/es/button/index',
      plain: 'node_modules/fixture-plain/dist/index',
    });
  });

  it('merges app-level components into components too, own declarations win', () => {
    expect(project.components.get('components/list/index')!.entry.usingComponents).toEqual({
      'g-badge': 'components/badge/badge',
      card: 'components/card/card',
    });
  });

  it('reads component .json: styleIsolation, virtualHost, a short stable scope', () => {
    const card = project.components.get('components/card/card')!.entry;
    expect(card).toMatchObject({ id: 'components/card/card', package: '', template: 'components/card/card', styleIsolation: 'apply-shared', virtualHost: false });
    expect(card.scope).toMatch(/^[0-9a-f]{8}$/);
    expect(loadProject(copyFixture('valid-app')).components.get('components/card/card')!.entry.scope).toBe(card.scope);
    const scopes = [...project.components.values()].map((c) => c.entry.scope);
    expect(new Set(scopes).size).toBe(scopes.length);
    expect(project.components.get('components/badge/badge')!.entry).toMatchObject({ styleIsolation: 'shared', virtualHost: true });
  });

  it('resolves a bare npm package through its "main"', () => {
    const p = withPageJson('{ "usingComponents": { "x": "pkg-main" } }', {
      'node_modules/pkg-main/package.json': '{ "main": "./lib/comp.js" }',
      ...component('node_modules/pkg-main/lib/comp'),
    });
    expect(p.diagnostics).toEqual([]);
    expect(p.pages.get('pages/index/index')!.entry.usingComponents.x).toBe('node_modules/pkg-main/lib/comp');
  });

  it('reports a component that does not resolve, at its usingComponents value', () => {
    const json = '{\n  "usingComponents": {\n    "nope": "../../components/nope/nope"\n  }\n}';
    const p = withPageJson(json);
    expectDiagnosticAt(p.diagnostics, 'MPK1060', { file: 'pages/index/index.json', line: 3, column: 13, severity: 'error' });
    expect(p.pages.get('pages/index/index')!.entry.usingComponents).toEqual({});
  });

  it('reports a component missing its files', () => {
    const json = '{ "usingComponents": { "half": "/components/half/half" } }';
    const p = withPageJson(json, { 'components/half/half.json': '{ "component": true }', 'components/half/half.axml': '<view/>' });
    const d = expectDiagnosticAt(p.diagnostics, 'MPK1061', { file: 'pages/index/index.json', ...positionIn(json, '"/components') });
    expect(d.message).toContain('no .js');
  });

  it('warns when a component .json does not declare component: true', () => {
    const p = withPageJson('{ "usingComponents": { "c": "/components/c/c" } }', component('components/c/c', '{ "component": false }'));
    expectDiagnosticAt(p.diagnostics, 'MPK1062', { file: 'components/c/c.json', line: 1, column: 16, severity: 'warning' });
  });

  it('keeps plugin components as placeholder tags with a warning and ignores bad tag names', () => {
    const json = '{ "usingComponents": { "p": "plugin://myPlugin/comp", "bad tag": "/components/c/c" } }';
    const p = withPageJson(json, component('components/c/c'));
    const d = expectDiagnosticAt(p.diagnostics, 'MPK1065', { file: 'pages/index/index.json', ...positionIn(json, '"plugin:'), severity: 'warning' });
    expect(d.message).toContain('<p> renders as a placeholder element with its children');
    expect(p.pages.get('pages/index/index')!.plugins).toEqual({ p: 'plugin://myPlugin/comp' });
    expectDiagnosticAt(p.diagnostics, 'MPK1066', { file: 'pages/index/index.json', ...positionIn(json, '"bad tag"'), severity: 'warning' });
    expect(p.pages.get('pages/index/index')!.entry.usingComponents).toEqual({});
  });

  it('reports a component cycle once, where it closes', () => {
    const a = '{ "component": true, "usingComponents": { "b": "../b/b" } }';
    const b = '{\n  "component": true,\n  "usingComponents": { "a": "../a/a" }\n}';
    const p = withPageJson('{ "usingComponents": { "a": "/components/a/a" } }', {
      ...component('components/a/a', a),
      ...component('components/b/b', b),
    });
    const d = expectDiagnosticAt(p.diagnostics, 'MPK1063', { file: 'components/b/b.json', line: 3, column: 29, severity: 'warning' });
    expect(d.message).toBe('component cycle: components/a/a → components/b/b → components/a/a');
  });

  it('only warns about a component that uses itself (recursive tree)', () => {
    const tree = '{ "component": true, "usingComponents": { "tree": "./tree" } }';
    const p = withPageJson('{ "usingComponents": { "tree": "/components/tree/tree" } }', component('components/tree/tree', tree));
    expect(codesOf(p.diagnostics)).toEqual(['MPK1064']);
    expect(p.diagnostics[0]!.severity).toBe('warning');
  });

  it('reports an unresolvable app-level component in app.json', () => {
    const source = '{ "pages": ["pages/index/index"], "usingComponents": { "g": "/nope" } }';
    const p = loadProject(writeProject(minimalApp({ 'app.json': source })));
    expect(only(p.diagnostics, 'MPK1060')).toMatchObject({ file: 'app.json', column: positionIn(source, '"/nope"').column });
  });
});

describe('custom tabBar', () => {
  it('loads customize-tab-bar/index into the main part', () => {
    const source = '{ "pages": ["pages/index/index", "pages/b/b"], "tabBar": { "customize": true, "items": [{ "pagePath": "pages/index/index", "name": "A" }, { "pagePath": "pages/b/b", "name": "B" }] } }';
    const files = { ...minimalApp({ 'app.json': source }), 'pages/b/b.js': 'Page({})', 'pages/b/b.axml': '<view/>', ...component('customize-tab-bar/index') };
    const p = loadProject(writeProject(files));
    expect(p.diagnostics).toEqual([]);
    expect(p.parts[0]!.components).toContain('customize-tab-bar/index');
    delete (files as Record<string, string>)['customize-tab-bar/index.js'];
    delete (files as Record<string, string>)['customize-tab-bar/index.json'];
    delete (files as Record<string, string>)['customize-tab-bar/index.axml'];
    expect(codesOf(loadProject(writeProject(files)).diagnostics)).toEqual(['MPK1060']);
  });
});
