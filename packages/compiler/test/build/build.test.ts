import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ViewModule, VNode } from '@mpk/runtime';
import { loadViewForm } from '@mpk/runtime/view-form';
import { build, check, createBuilder } from '../../src/index.ts';
import { copyFixture, minimalApp, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

function loadView(code: string): ViewModule {
  return loadViewForm(code);
}

function summarise(nodes: VNode[]): unknown[] {
  return nodes.map((n) =>
    n.kind === 'text' ? n.text : n.kind === 'slot' ? `<slot ${n.name}>` : { tag: n.tag, component: n.component, children: summarise(n.children) },
  );
}

describe('building the fixture app end to end', async () => {
  const dir = copyFixture('valid-app');
  const result = await build(dir);
  const mainView = loadView(fs.readFileSync(path.join(dir, 'dist/view.json'), 'utf8'));
  const subView = loadView(fs.readFileSync(path.join(dir, 'dist/sub/view.json'), 'utf8'));

  it('is clean', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('links a render function for every page and component of each part', () => {
    expect(Object.keys(mainView.templates).sort()).toEqual(
      [...result.manifest!.parts[0]!.pages, ...Object.keys(result.manifest!.components).filter((id) => !id.startsWith('sub/'))].sort(),
    );
    expect(Object.keys(subView.templates).sort()).toEqual(['components/card/card', 'sub/components/note/note', 'sub/pages/detail/detail']);
  });

  it('renders custom tags as the components the project config resolved, with SJS', () => {
    const tree = mainView.templates['pages/index/index']!({ title: 'Home', price: 'abc', items: [{ id: 1, name: 'a' }] });
    expect(summarise(tree)).toEqual([
      { tag: 'view', component: undefined, children: ['Home'] },
      { tag: 'card', component: 'components/card/card', children: [{ tag: 'view', component: undefined, children: ['ABC'] }] },
      { tag: 'item-list', component: 'components/list/index', children: [] },
      { tag: 'ui-button', component: 'node_modules/fixture-ui/es/button/index', children: ['Buy'] },
      { tag: 'plain', component: 'node_modules/fixture-plain/dist/index', children: [] },
      { tag: 'g-badge', component: 'components/badge/badge', children: [] },
    ]);
  });

  it('reports its timings', () => {
    const { totalMs, projectMs, styleMs, viewMs, logicMs, packageMs } = result.timings;
    expect(totalMs).toBeGreaterThanOrEqual(projectMs + styleMs + viewMs + logicMs);
    expect(packageMs).toBeGreaterThan(0);
  });
});

describe('check()', () => {
  it('reports problems of every stage in one run, sorted by file and position', async () => {
    const dir = writeProject(
      minimalApp({
        'app.json': '{\n  "pages": ["pages/index/index"],\n  "window": { "pullRefresh": 1 }\n}\n',
        'app.acss': '.broken {\n',
        'pages/index/index.axml': '<import-sjs name="m" from="./m.sjs" />\n<view>{{ m.f(a) </view>\n',
        'pages/index/m.sjs': 'export function f(x) { return window.x; }\n',
        'pages/index/index.js': 'Page({ data: {} )\n',
      }),
    );
    const result = await check(dir);
    expect(result.ok).toBe(false);
    const stages = new Map(result.diagnostics.map((d) => [d.file, d.code.slice(0, 4)]));
    expect([...stages].map(([file, range]) => [range, file])).toEqual([
      ['MPK4', 'app.acss'],
      ['MPK1', 'app.json'],
      ['MPK2', 'pages/index/index.axml'],
      ['MPK5', 'pages/index/index.js'],
      ['MPK3', 'pages/index/m.sjs'],
    ]);
    for (const d of result.diagnostics) {
      expect(d.line).toBeGreaterThan(0);
      expect(d.frame).toBeTruthy();
    }
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('is ok with warnings only', async () => {
    const result = await check(writeProject(minimalApp({ 'app.acss': '.am-x { color: red }' })));
    expect(result).toMatchObject({ ok: true, diagnostics: [{ code: 'MPK4005', severity: 'warning' }] });
  });
});

describe('malformed input never throws', () => {
  const targets = ['app.json', 'pages/index/index.json', 'pages/index/index.axml', 'pages/index/index.acss', 'pages/index/index.js', 'pages/index/m.sjs', 'mini.project.json'];
  const base = minimalApp({
    'pages/index/index.json': '{ "usingComponents": { "c": "/components/c/c" } }',
    'pages/index/index.axml': '<import-sjs name="m" from="./m.sjs" />\n<view a:for="{{list}}" a:key="id">{{m.f(item)}}</view><c />\n',
    'pages/index/index.acss': '@import "/common.acss";\n.x { margin: 10rpx }\n',
    'pages/index/m.sjs': 'export function f(x) { return x.name; }\n',
    'common.acss': 'page { color: red }\n',
    'components/c/c.json': '{ "component": true }',
    'components/c/c.js': 'Component({});',
    'components/c/c.axml': '<view><slot /></view>',
    'mini.project.json': '{ "format": 2 }',
  });
  const noise = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('{', '}', '[', '"', '{{', '}}', '<', '/>', '@import', 'rpx', '\u0000', '\uD800', '/*', '*/', ':host', 'page', 'a:if', ','),
  );
  const mutation = fc.record({
    target: fc.constantFrom(...targets),
    at: fc.nat(),
    cut: fc.nat({ max: 20 }),
    insert: fc.array(noise, { maxLength: 4 }).map((parts) => parts.join('')),
  });

  it('every stage turns garbage into diagnostics', async () => {
    const dir = writeProject(base);
    const builder = createBuilder(dir, { write: false });
    await builder.build();
    try {
      await fc.assert(
        fc.asyncProperty(mutation, async ({ target, at, cut, insert }) => {
          const original = base[target]!;
          const position = at % (original.length + 1);
          fs.writeFileSync(path.join(dir, target), original.slice(0, position) + insert + original.slice(position + cut));
          const result = await builder.rebuild([path.join(dir, target)]);
          expect(Array.isArray(result.diagnostics)).toBe(true);
          expect(result.diagnostics.every((d) => d.code !== 'MPK6999')).toBe(true);
          expect(result.ok).toBe(!result.diagnostics.some((d) => d.severity === 'error'));
          fs.writeFileSync(path.join(dir, target), original);
          await builder.rebuild([path.join(dir, target)]);
        }),
        { numRuns: 60, seed: 20261121 },
      );
    } finally {
      await builder.dispose();
    }
  });
});
