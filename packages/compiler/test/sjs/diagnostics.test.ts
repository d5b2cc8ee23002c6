/**
 * One case per SJS diagnostic code: code, 1-based line/column (`§` marks it) and a frame that
 * shows the line. A module with errors exports nothing.
 */
import { describe, expect, it } from 'vitest';
import { SJS_CODES, compileSjsFile } from '../../src/sjs/index.ts';
import { memorySourceHost } from '../../src/template/index.ts';
import { MODULE, compileModule } from './support.ts';

interface Case {
  code: string;
  sjs: string;
  files?: Record<string, string>;
}

function locate(marked: string): { source: string; line: number; column: number } {
  const at = marked.indexOf('§');
  const lines = marked.slice(0, at).split('\n');
  return { source: marked.replace('§', ''), line: lines.length, column: lines[lines.length - 1].length + 1 };
}

const cases: Case[] = [
  { code: 'MPK3001', sjs: 'export default {\n  a: 1,§,\n};' },
  { code: 'MPK3001', sjs: 'export default 1;\n§return 2;' },
  { code: 'MPK3002', sjs: 'export default function () {\n  return §window.location;\n}' },
  { code: 'MPK3002', sjs: 'export default () => §globalThis;' },
  { code: 'MPK3002', sjs: 'export default () => §process.env;' },
  { code: 'MPK3002', sjs: 'const f = §require("fs");' },
  { code: 'MPK3002', sjs: 'export default §Function("return this")();' },
  { code: 'MPK3018', sjs: 'export default §eval("1");' },
  { code: 'MPK3002', sjs: 'export default §Date.now();' },
  { code: 'MPK3002', sjs: 'export default () => { if (true) { let process = 1; } return §process; };' },
  { code: 'MPK3003', sjs: 'export const n = §arguments.length;' },
  { code: 'MPK3004', sjs: 'export default §new Date();' },
  { code: 'MPK3005', sjs: 'export default () => §import("./x.sjs");' },
  { code: 'MPK3005', sjs: 'export default §import.meta;' },
  { code: 'MPK3006', sjs: '§class A {}\nexport default A;' },
  { code: 'MPK3007', sjs: 'export default §async function () {}' },
  { code: 'MPK3007', sjs: 'export default §function* () {}' },
  { code: 'MPK3007', sjs: 'export const v = §await 1;' },
  { code: 'MPK3008', sjs: 'export default { §get x() { return 1; } };' },
  { code: 'MPK3009', sjs: 'export default (a) => a.§__proto__;' },
  { code: 'MPK3009', sjs: 'export default (a) => a.§prototype;' },
  { code: 'MPK3009', sjs: 'export default (a) => a[§"__proto__"];' },
  { code: 'MPK3009', sjs: 'export default (a) => a.§constructor("return process")();' },
  { code: 'MPK3009', sjs: 'export default (a) => { a.§constructor = 1; };' },
  { code: 'MPK3009', sjs: 'export default (a) => a.§__defineGetter__;' },
  { code: 'MPK3009', sjs: 'export default ({ §constructor: c }) => c;' },
  { code: 'MPK3010', sjs: 'export default §/a+/.test("a");' },
  { code: 'MPK3011', sjs: "import x from §'./none.sjs';\nexport default x;" },
  { code: 'MPK3012', sjs: "import x from §'./a.sjs';\nexport default 1;", files: { 'pages/index/a.sjs': "import m from './m.sjs';\nexport default m;" } },
  { code: 'MPK3012', sjs: "import x from §'./m.sjs';\nexport default 1;" },
  { code: 'MPK3013', sjs: "import { §nope } from './a.sjs';\nexport default nope;", files: { 'pages/index/a.sjs': 'export const yes = 1;' } },
  { code: 'MPK3013', sjs: "import §a from './a.sjs';\nexport default a;", files: { 'pages/index/a.sjs': 'export const yes = 1;' } },
  { code: 'MPK3014', sjs: "import { yes } from './a.sjs';\n§yes = 2;", files: { 'pages/index/a.sjs': 'export const yes = 1;' } },
  { code: 'MPK3014', sjs: 'export default () => { §Math = {}; };' },
  { code: 'MPK3015', sjs: 'const §__mpkS = 1;\nexport default __mpkS;' },
  { code: 'MPK3016', sjs: 'export default { §__proto__: null };' },
  { code: 'MPK3017', sjs: 'export default (o, s) => { ({ a: §o.x } = s); };' },
  { code: 'MPK3017', sjs: 'export default (o, s) => { for (§o.k in s) {} };' },
  { code: 'MPK3018', sjs: 'export default (a, b) => a §<!--b;' },
  { code: 'MPK3018', sjs: 'export default (a, b) => a§-->b;' },
  { code: 'MPK3020', sjs: "import x from §'./a.axml';\nexport default x;", files: { 'pages/index/a.axml': '<view />' } },
];

describe('SJS diagnostics', () => {
  for (const c of cases) {
    it(`${c.code}: ${c.sjs.replace(/\n/g, ' ⏎ ')}`, () => {
      const { source, line, column } = locate(c.sjs);
      const result = compileModule(source, c.files);
      const found = result.diagnostics.find((d) => d.code === c.code);
      expect(found, JSON.stringify(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column} ${d.message}`))).toBeDefined();
      const d = found!;
      expect(d.severity).toBe(SJS_CODES.find((i) => i.code === c.code)!.severity);
      expect(d.file).toBe(MODULE);
      expect([d.line, d.column]).toEqual([line, column]);
      expect(d.frame).toContain(source.split('\n')[line - 1]);
      // An error leaves the module out; a warning keeps it (the name is undefined there).
      if (d.severity === 'error') expect(result.code).not.toContain(source.split('\n')[line - 1]);
    });
  }

  it('reports a missing module without a position', () => {
    const result = compileSjsFile('none.sjs', memorySourceHost({}));
    expect(result.diagnostics).toMatchObject([{ code: 'MPK3019', line: 0, column: 0 }]);
  });

  it('treats a host that throws or returns a non-string as a missing file', () => {
    const throwing = {
      readFile: (): string => {
        throw new Error('boom');
      },
      resolve: () => undefined,
    };
    expect(compileSjsFile('a.sjs', throwing).diagnostics.map((d) => d.code)).toEqual(['MPK3019']);
    const weird = { readFile: () => ({ toString: () => 'export default 1;' }) as unknown as string, resolve: () => undefined };
    expect(compileSjsFile('a.sjs', weird).diagnostics.map((d) => d.code)).toEqual(['MPK3019']);
  });

  it('has a case for every code', () => {
    // MPK3999 is the last-resort catch around the compiler; no input is known to reach it.
    const tested = new Set([...cases.map((c) => c.code), 'MPK3019', 'MPK3999']);
    expect(SJS_CODES.map((c) => c.code).filter((c) => !tested.has(c))).toEqual([]);
  });

  it('compiles the documented subset without diagnostics', () => {
    const result = compileModule(`
var a = 1; let b = [1, 2]; const c = { a, b, m() { return this.a; } };
function f(x = 2, ...rest) { return arguments.length + rest.length + x; }
const g = (y) => \`\${y}\`;
const { p = 1, ...q } = { r: 2 };
switch (a) { case 1: break; default: }
for (let i = 0; i < 2; i++) { if (i) continue; }
label: while (false) { break label; }
try { a++; } catch (e) { a--; } finally { a = a; }
export default { a, f, g, d: getDate(0), re: getRegExp('x', 'g'), t: typeof a, n: Math.max(1, 2), j: JSON.stringify({}), k: c['a'], ctor: a.constructor };`);
    expect(result.diagnostics).toEqual([]);
  });
});
