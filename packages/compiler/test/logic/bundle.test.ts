import fs from 'node:fs';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { logicModules } from '../../src/logic/modules.ts';
import { LogicBundler, type LogicBundle } from '../../src/logic/bundle.ts';
import { loadProject, type Project } from '../../src/project/load.ts';
import { codesOf, expectDiagnosticAt, only } from '../fixtures/expect.ts';
import { copyFixture, minimalApp, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

const bundlers: LogicBundler[] = [];
afterAll(async () => {
  await Promise.all(bundlers.map((b) => b.dispose()));
});

function bundlerFor(project: Project, options: { minify?: boolean; sourcemap?: boolean } = {}): LogicBundler {
  const bundler = new LogicBundler({
    files: project.files,
    aliases: project.config.resolveAlias,
    minify: options.minify ?? false,
    sourcemap: options.sourcemap ?? true,
  });
  bundlers.push(bundler);
  return bundler;
}

async function bundlePart(project: Project, root = '', options?: { minify?: boolean; sourcemap?: boolean }): Promise<LogicBundle> {
  const part = project.parts.find((p) => p.root === root)!;
  return bundlerFor(project, options).build(logicModules(project, part));
}

/** Evaluates logic.js the way the logic sandbox does: a plain script after a `__mpkLogic` global. */
function evaluate(code: string) {
  const factories: Record<string, () => unknown> = {};
  const registered: Array<{ kind: string; options: Record<string, unknown> }> = [];
  const context = vm.createContext({
    __mpkLogic: { define: (modules: Record<string, () => unknown>) => Object.assign(factories, modules) },
    App: (options: Record<string, unknown>) => registered.push({ kind: 'App', options }),
    Page: (options: Record<string, unknown>) => registered.push({ kind: 'Page', options }),
    Component: (options: Record<string, unknown>) => registered.push({ kind: 'Component', options }),
    console: { log: () => undefined },
  });
  vm.runInContext(code, context);
  return { factories, registered, global: context as Record<string, unknown> };
}

describe('the logic bundle of the fixture app', async () => {
  const project = loadProject(copyFixture('valid-app'));
  const main = await bundlePart(project);
  const sub = await bundlePart(project, 'sub');

  it('has no diagnostics', () => {
    expect(main.diagnostics).toEqual([]);
    expect(sub.diagnostics).toEqual([]);
  });

  it('registers one factory per module id, app only in the main part', () => {
    expect(Object.keys(evaluate(main.code).factories)).toEqual([
      'app',
      'pages/index/index',
      'pages/logs/logs',
      'pages/ts-page/ts-page',
      'components/badge/badge',
      'components/card/card',
      'components/list/index',
      'node_modules/fixture-plain/dist/index',
      'node_modules/fixture-ui/es/button/index',
    ]);
    expect(Object.keys(evaluate(sub.code).factories)).toEqual(['sub/pages/detail/detail', 'components/card/card', 'sub/components/note/note']);
  });

  it('runs nothing at evaluation time; a module runs when its factory is called, once', () => {
    const { factories, registered, global } = evaluate(main.code);
    expect(registered).toEqual([]);
    expect(global.__indexEvaluated).toBeUndefined();
    factories['pages/index/index']!();
    factories['pages/index/index']!();
    expect(global.__indexEvaluated).toBe(1);
    expect(registered.map((r) => r.kind)).toEqual(['Page']);
    // npm dependency (CommonJS) and the /abs import were bundled and work.
    expect(registered[0]!.options.data).toEqual({ title: 'HOME!', price: '19.99', items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] });
  });

  it('bundles app.js with its resolveAlias import, and TypeScript pages', () => {
    const { factories, registered } = evaluate(main.code);
    factories.app!();
    factories['pages/ts-page/ts-page']!();
    expect(registered.map((r) => r.kind)).toEqual(['App', 'Page']);
    expect(registered[0]!.options.globalData).toEqual({ greeting: 'hello app' });
    expect(registered[1]!.options.data).toEqual({ count: 1 });
  });

  it('is a plain script: no import/export, no require left', () => {
    expect(main.code).not.toMatch(/^\s*(import|export)\s/m);
    expect(() => new vm.Script(main.code)).not.toThrow();
  });

  it('writes a source map with sources relative to the project', () => {
    const map = JSON.parse(main.map!) as { sources: string[]; sourcesContent: string[] };
    expect(map.sources).toEqual(expect.arrayContaining(['app.js', 'pages/index/index.js', 'pages/ts-page/ts-page.ts', 'utils/format.js', 'node_modules/fixture-lib/index.js']));
    expect(main.code).toMatch(/\/\/# sourceMappingURL=logic\.js\.map\s*$/);
  });

  it('lists the files it read', () => {
    expect(main.inputs).toEqual(expect.arrayContaining(['app.js', 'utils/format.js', 'pages/ts-page/ts-page.ts', 'node_modules/fixture-lib/index.js']));
    expect(sub.inputs).toContain('sub/pages/detail/detail.js');
    expect(sub.inputs).not.toContain('app.js');
  });
});

describe('options', () => {
  it('minifies and drops the source map when asked', async () => {
    const project = loadProject(writeProject(minimalApp({ 'app.js': 'const someLongVariableName = 42;\nApp({ answer: someLongVariableName });\n' })));
    const plain = await bundlePart(project);
    const minified = await bundlePart(project, '', { minify: true, sourcemap: false });
    expect(plain.code).toContain('someLongVariableName');
    expect(minified.code).not.toContain('someLongVariableName');
    expect(minified.code.length).toBeLessThan(plain.code.length);
    expect(minified.map).toBeUndefined();
    const { factories, registered } = evaluate(minified.code);
    factories.app!();
    expect(registered[0]!.options.answer).toBe(42);
  });
});

describe('errors', () => {
  it('reports a syntax error with file, line, column and frame', async () => {
    const source = 'Page({\n  data: { a: 1 },\n  onLoad() { return 1 +; },\n});\n';
    const project = loadProject(writeProject(minimalApp({ 'pages/index/index.js': source })));
    const bundle = await bundlePart(project);
    expect(bundle.code).toBe('');
    expectDiagnosticAt(bundle.diagnostics, 'MPK5001', { file: 'pages/index/index.js', line: 3, column: 24, severity: 'error' });
  });

  it('warns about an import that does not resolve (relative, /abs, alias, npm), and still bundles', async () => {
    const source = "import x from './nope';\nimport y from '/utils/missing';\nimport { z } from '@lib/gone';\nconst w = require('not-installed');\nPage({ x, y, z, w });\n";
    const project = loadProject(
      writeProject(
        minimalApp({
          'mini.project.json': '{ "format": 2, "compileOptions": { "resolveAlias": { "@lib/*": "./lib/*" } } }',
          'pages/index/index.js': source,
        }),
      ),
    );
    const bundle = await bundlePart(project);
    const unresolved = bundle.diagnostics.filter((d) => d.code === 'MPK5002');
    expect(unresolved.map((d) => [d.severity, d.file, d.line, d.column])).toEqual([
      ['warning', 'pages/index/index.js', 1, 15],
      ['warning', 'pages/index/index.js', 2, 15],
      ['warning', 'pages/index/index.js', 3, 19],
      ['warning', 'pages/index/index.js', 4, 19],
    ]);
    expect(unresolved.every((d) => d.frame)).toBe(true);
    expect(unresolved[0]!.message).toBe('Could not resolve "./nope": requiring it throws "Cannot find module" when pages/index/index.js runs');
    expect(bundle.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(bundle.code).toContain('__mpkLogic.define');
  });

  it('a missing module throws "Cannot find module" only when a module that imports it runs', async () => {
    const project = loadProject(
      writeProject({
        ...minimalApp({
          'app.json': '{ "pages": ["pages/index/index", "pages/broken/broken"] }',
          'pages/index/index.js': 'Page({ data: { ok: true } });',
        }),
        'pages/broken/broken.js': "import helper from '../../utils/helper';\nPage({ data: { v: helper() } });\n",
        'pages/broken/broken.axml': '<view/>',
      }),
    );
    const bundle = await bundlePart(project);
    expect(codesOf(bundle.diagnostics)).toEqual(['MPK5002']);
    const { factories, registered } = evaluate(bundle.code);
    factories.app!();
    factories['pages/index/index']!();
    expect(registered.map((r) => r.kind)).toEqual(['App', 'Page']);
    expect(() => factories['pages/broken/broken']!()).toThrow("Cannot find module '../../utils/helper' from 'pages/broken/broken.js'");
  });

  it('resolves Node built-ins to an empty module with a warning (MPK5004), unless an npm package of that name is installed', async () => {
    const source = "const { resolve } = require('path');\nimport fs from 'node:fs';\nimport { EventEmitter } from 'events';\nPage({ data: { r: typeof resolve, fs: typeof fs, e: typeof EventEmitter } });\n";
    const project = loadProject(
      writeProject(
        minimalApp({
          'pages/index/index.js': source,
          'node_modules/events/package.json': '{ "name": "events", "main": "events.js" }',
          'node_modules/events/events.js': 'exports.EventEmitter = function EventEmitter() {};',
        }),
      ),
    );
    const bundle = await bundlePart(project);
    expect(bundle.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['MPK5004', 'warning', 1, 29],
      ['MPK5004', 'warning', 2, 16],
    ]);
    expect(bundle.diagnostics[0]!.message).toContain('"path" is a Node built-in module');
    const { factories, registered } = evaluate(bundle.code);
    factories['pages/index/index']!();
    expect(registered[0]!.options.data).toEqual({ r: 'undefined', fs: 'object', e: 'function' });
  });

  it('picks up a missing module once it is created', async () => {
    const dir = writeProject(minimalApp({ 'pages/index/index.js': "import { v } from './v';\nPage({ data: { v } });\n" }));
    const project = loadProject(dir);
    const bundler = bundlerFor(project);
    const modules = logicModules(project, project.parts[0]!);
    expect(codesOf((await bundler.build(modules)).diagnostics)).toEqual(['MPK5002']);
    fs.writeFileSync(`${dir}/pages/index/v.js`, 'export const v = 7;\n');
    const rebuilt = await bundler.build(modules);
    expect(rebuilt.diagnostics).toEqual([]);
    const { factories, registered } = evaluate(rebuilt.code);
    factories['pages/index/index']!();
    expect(registered[0]!.options.data).toEqual({ v: 7 });
  });

  it('passes esbuild warnings on, and still bundles', async () => {
    const source = 'Page({\n  data: { a: 1, a: 2 },\n});\n';
    const project = loadProject(writeProject(minimalApp({ 'pages/index/index.js': source })));
    const bundle = await bundlePart(project);
    expect(bundle.code).toContain('__mpkLogic.define');
    expectDiagnosticAt(bundle.diagnostics, 'MPK5003', { file: 'pages/index/index.js', line: 2, column: 17, severity: 'warning', message: /Duplicate key "a"/ });
  });

  it('reports TypeScript syntax errors in .ts pages', async () => {
    const project = loadProject(writeProject(minimalApp({ 'pages/index/index.js': '', 'pages/index/index.ts': 'const a: number = ;\nPage({});' })));
    fs.rmSync(project.files.abs('pages/index/index.js'));
    project.files.invalidate();
    const reloaded = loadProject(project.dir);
    const bundle = await bundlePart(reloaded);
    expect(only(bundle.diagnostics, 'MPK5001')).toMatchObject({ file: 'pages/index/index.ts', line: 1 });
  });
});

describe('incremental rebuilds', () => {
  it('picks up an edit on rebuild and recovers after an error', async () => {
    const dir = writeProject(minimalApp({ 'pages/index/index.js': "import { v } from './v';\nPage({ data: { v } });\n", 'pages/index/v.js': 'export const v = 1;\n' }));
    const project = loadProject(dir);
    const bundler = bundlerFor(project);
    const modules = logicModules(project, project.parts[0]!);
    const run = async () => {
      const bundle = await bundler.build(modules);
      if (!bundle.code) return bundle;
      const { factories, registered } = evaluate(bundle.code);
      factories['pages/index/index']!();
      return { ...bundle, value: (registered[0]!.options.data as { v: unknown }).v };
    };
    expect(await run()).toMatchObject({ value: 1 });
    fs.writeFileSync(`${dir}/pages/index/v.js`, 'export const v = 2;\n');
    expect(await run()).toMatchObject({ value: 2 });
    fs.writeFileSync(`${dir}/pages/index/v.js`, 'export const v = ;\n');
    expect(only((await run()).diagnostics, 'MPK5001').file).toBe('pages/index/v.js');
    fs.writeFileSync(`${dir}/pages/index/v.js`, 'export const v = 3;\n');
    expect(await run()).toMatchObject({ value: 3, diagnostics: [] });
  });
});
