/**
 * The type-check stage as a user of `check`, `build` and `createBuilder` sees it: MPK5100 type
 * errors located in the project's files (TS code in the message, line, column, end, frame), the
 * loose defaults without a tsconfig.json, the container's APIs beyond @mini-types, JavaScript
 * projects left alone, `typecheck: false`, and rebuilds that re-check only what changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, check, createBuilder, type Diagnostic } from '../../src/index.ts';
import { minimalApp, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

const BAD_PAGE = [
  'Page({',
  '  data: { count: 0 },',
  '  onShow() {',
  '    my.showToast({ content: 123 });',
  '    this.setDat({ count: 1 });',
  '  },',
  '});',
  '',
].join('\n');

/** A TS project: app.ts and one .ts page, without the .js files of minimalApp. */
function tsApp(files: Record<string, string>): string {
  const { 'app.js': _app, 'pages/index/index.js': _page, ...rest } = minimalApp();
  return writeProject({ ...rest, 'app.ts': 'App({});\n', 'pages/index/index.ts': 'Page({});\n', ...files });
}

const STRICT_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2020', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, types: ['@mini-types/alipay'] },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'dist'],
});

const typeErrors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'MPK5100');

describe('type checking', () => {
  it('reports my.showToast({ content: 123 }) and this.setDat() in a page with a tsconfig.json, located, with frames', async () => {
    const dir = tsApp({ 'tsconfig.json': STRICT_TSCONFIG, 'pages/index/index.ts': BAD_PAGE });
    const result = await check(dir);
    expect(result.ok).toBe(false);
    const errors = typeErrors(result.diagnostics);
    expect(errors.map((d) => [d.severity, d.file, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ['error', 'pages/index/index.ts', 4, 20, 4, 27],
      ['error', 'pages/index/index.ts', 5, 10, 5, 16],
    ]);
    expect(errors[0]!.message).toBe("TS2322: Type 'number' is not assignable to type 'string'.");
    expect(errors[1]!.message).toMatch(/^TS2551: Property 'setDat' does not exist on type .*Did you mean 'setData'\?$/);
    expect(errors[0]!.frame).toContain('> 4 |     my.showToast({ content: 123 });');
    expect(errors[1]!.frame).toContain('> 5 |     this.setDat({ count: 1 });');
    // Nothing of the libraries (TypeScript's lib files, the bundled @mini-types) is reported.
    expect(result.diagnostics.every((d) => !d.file.includes('node_modules'))).toBe(true);
  });

  it('checks .ts logic without a tsconfig.json, loosely (implicit any allowed) but with `this` typed', async () => {
    const dir = tsApp({ 'pages/index/index.ts': `${BAD_PAGE}function untyped(a) { return a.b; }\nuntyped(1);\n` });
    const errors = typeErrors((await check(dir)).diagnostics);
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.message.slice(0, 6)}`)).toEqual([
      'pages/index/index.ts:4:20 TS2322',
      'pages/index/index.ts:5:10 TS2551',
    ]);
  });

  it('knows the container APIs @mini-types does not declare, and nothing more', async () => {
    const dir = tsApp({ 'pages/index/index.ts': 'Page({ onLoad() { my.openCardList({}); my.noSuchApi(); } });\n' });
    const errors = typeErrors((await check(dir)).diagnostics);
    expect(errors.map((d) => d.message)).toEqual(["TS2339: Property 'noSuchApi' does not exist on type 'typeof my'."]);
  });

  it('reports an unknown compiler option as a tsconfig.json warning (MPK5101)', async () => {
    const dir = tsApp({ 'tsconfig.json': '{ "compilerOptions": { "strictest": true } }\n' });
    const result = await check(dir);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.file}:${d.line} ${d.message}`)).toEqual([
      "MPK5101 warning tsconfig.json:1 TS5025: Unknown compiler option 'strictest'. Did you mean 'strict'?",
    ]);
  });

  it('does not type-check a JavaScript project', async () => {
    const dir = writeProject(minimalApp({ 'pages/index/index.js': 'Page({ onShow() { my.showToast({ content: 123 }); this.setDat(); } });\n' }));
    const result = await build(dir, { write: false });
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(result.timings.typecheckMs).toBeLessThan(50);
  });

  it('fails build() on a type error, and builds with typecheck: false', async () => {
    const dir = tsApp({ 'tsconfig.json': STRICT_TSCONFIG, 'pages/index/index.ts': BAD_PAGE });
    const failed = await build(dir);
    expect(failed.ok).toBe(false);
    expect(typeErrors(failed.diagnostics)).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, 'dist', 'manifest.json'))).toBe(false);
    const built = await build(dir, { typecheck: false });
    expect(built.ok).toBe(true);
    expect(built.diagnostics).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'dist', 'manifest.json'))).toBe(true);
  });

  it('re-checks on a rebuild: a fixed error goes, a new one comes, a style edit keeps the last result', async () => {
    const dir = tsApp({ 'tsconfig.json': STRICT_TSCONFIG, 'pages/index/index.ts': BAD_PAGE, 'pages/index/index.acss': '.a { color: red; }\n' });
    const builder = createBuilder(dir, { write: false });
    try {
      expect(typeErrors((await builder.build()).diagnostics)).toHaveLength(2);
      const page = path.join(dir, 'pages/index/index.ts');
      fs.writeFileSync(page, BAD_PAGE.replace('content: 123', "content: 'hi'"));
      const fixed = await builder.rebuild([page]);
      expect(typeErrors(fixed.diagnostics).map((d) => d.line)).toEqual([5]);
      fs.writeFileSync(page, 'Page({});\nconst n: number = "one";\n');
      const other = await builder.rebuild([page]);
      expect(typeErrors(other.diagnostics).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
        "2:7 TS2322: Type 'string' is not assignable to type 'number'.",
      ]);
      const acss = path.join(dir, 'pages/index/index.acss');
      fs.writeFileSync(acss, '.a { color: blue; }\n');
      const styled = await builder.rebuild([acss]);
      expect(typeErrors(styled.diagnostics)).toHaveLength(1);
      expect(styled.timings.typecheckMs).toBeLessThan(5);
    } finally {
      await builder.dispose();
    }
  });
});
