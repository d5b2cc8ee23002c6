/**
 * SJS language and library as documented (alipay-open-docs/mini/framework/SJS 语法参考/*),
 * run through compileSjsFile + a template + linkViewModule.
 */
import { describe, expect, it } from 'vitest';
import { compileView, PAGE } from '../template/support/harness.ts';
import { compileModule, sjsValue } from './support.ts';

const run = (body: string) => sjsValue(`export default { run() { ${body} } };`, 'm.run()');

describe('language', () => {
  it('has var hoisting, let/const blocks and undefined defaults', () => {
    expect(run('var r = typeof h; var h = 1; let a = 5; { let a = 6; } var u; return [r, a, u === undefined];')).toEqual(['undefined', 5, true]);
  });

  it('computes the documented operators', () => {
    expect(run('var a = 10, b = 20; return [a + b, a - b, a * b, a / b, a % b, a << 3, a >> 2, a >>> 2, a & 3, a ^ 3, a | 3, ~a, (a, b), void a, a >= 10 ? a + 10 : b];')).toEqual([
      30, -10, 200, 0.5, 10, 80, 2, 2, 2, 9, 11, -11, 20, undefined, 20,
    ]);
    expect(run('var a = 10; a *= 10; var r = [a]; a = 10; a <<= 10; r.push(a); a = 10; a ^= 3; r.push(a); var o = { x: 1 }; o.x++; o["x"] += 10; r.push(o.x, delete o.fake); return r;')).toEqual([
      100, 10240, 9, 12, true,
    ]);
  });

  it('runs switch as documented (case with a variable, number and string)', () => {
    expect(run("var exp = 10; var out = []; switch (exp) { case '10': out.push('string 10'); break; case 10: out.push('number 10'); break; case exp: out.push('var exp'); break; default: out.push('default'); } return out;")).toEqual(['number 10']);
  });

  it('runs for, while, do-while, for-in and for-of with break and continue', () => {
    expect(run('var r = []; for (var i = 0; i < 3; ++i) { r.push(i); if (i >= 1) break; } var j = 0; while (true) { j++; if (j < 3) continue; break; } do { j++; } while (j < 5); for (const k in { a: 1 }) r.push(k); for (const v of [7]) r.push(v); outer: for (;;) { break outer; } return [r, j];')).toEqual([
      [0, 1, 'a', 7],
      5,
    ]);
  });

  it('supports ES6: arrows, shorthand, methods with this, template strings, destructuring, rest/spread, defaults', () => {
    const source = `
const h = 'hello';
var bob = { _name: 'Bob', _friends: ['Ann'], printFriends() { return this._friends.map(f => this._name + ' knows ' + f); } };
function r({ x, y, w = 10, h = 10 }) { return x + y + w + h; }
function g({ name: n = 'xiaoming', ...other } = {}) { return [n, other]; }
export default { run() {
  const [a, , b, d = 5] = [1, 2, 3];
  const { p, ...rest } = { p: 1, q: 2, s: 3 };
  return [\`\${h} alipay\`, bob.printFriends(), r({ x: 1, y: 2 }), g(), a, b, d, rest, [...[1, 2], 3], { ...rest, t: 4 }];
} };`;
    expect(sjsValue(source, 'm.run()')).toEqual(['hello alipay', ['Bob knows Ann'], 23, ['xiaoming', {}], 1, 3, 5, { q: 2, s: 3 }, [1, 2, 3], { q: 2, s: 3, t: 4 }]);
  });

  it('gives functions their arguments', () => {
    expect(run('var a = function () { return [arguments.length, arguments[0], arguments[1]]; }; return a(1, 2);')).toEqual([2, 1, 2]);
  });

  it('uses closures', () => {
    expect(run('var c = function (x) { return function () { return x; }; }; var d = c(25); return d();')).toBe(25);
  });

  it('throws at render time when SJS code throws', () => {
    const view = compileView({ 'pages/index/m.sjs': 'export default { boom() { throw "boom"; } };', [PAGE]: '<import-sjs name="m" from="./m.sjs" /><view>{{m.boom()}}</view>' });
    expect(view.diagnostics).toEqual([]);
    expect(() => view.html()).toThrow('boom');
    const view2 = compileView({ 'pages/index/m.sjs': 'export default { boom(o) { return o.missing.deeper; } };', [PAGE]: '<import-sjs name="m" from="./m.sjs" /><view>{{m.boom({})}}</view>' });
    expect(() => view2.html()).toThrow(TypeError);
  });

  it('catches errors with try/catch', () => {
    expect(run('try { null.x; } catch (e) { return e.constructor; } finally { }')).toBe('Object');
  });
});

describe('data types', () => {
  it('answers constructor with the type name and typeof as in JavaScript', () => {
    const source = `export default { run() {
      const f = function () {};
      return [(10).constructor, 'str'.constructor, true.constructor, {}.constructor, f.constructor, [].constructor, getDate().constructor, getRegExp('x').constructor,
        typeof 100, typeof f, typeof [], typeof getDate(), typeof null];
    } };`;
    expect(sjsValue(source, 'm.run()')).toEqual(['Number', 'String', 'Boolean', 'Object', 'Function', 'Array', 'Date', 'RegExp', 'number', 'function', 'object', 'object', 'object']);
  });

  it('makes dates with getDate', () => {
    expect(run('return [getDate(1500000000000).getTime(), getDate(2017, 6, 14, 10, 40, 0, 0).getMonth(), typeof getDate().getTime()];')).toEqual([1500000000000, 6, 'number']);
  });

  it('makes regular expressions with getRegExp and only the documented flags', () => {
    expect(run("var reg = getRegExp('name', 'img'); return [reg.source, reg.global, reg.ignoreCase, reg.multiline, getRegExp('a+').test('caat')];")).toEqual(['name', true, true, true, true]);
    expect(() => run("return getRegExp('a', 'y');")).toThrow(SyntaxError);
    expect(() => run("return getRegExp('a', 'gg');")).toThrow(SyntaxError);
  });

  it('uses string, number and array methods', () => {
    expect(run("return ['a,b'.split(','), (3.14159).toFixed(2), [3, 1, 2].sort().join('-'), 'Abc'.toLowerCase(), [1, 2, 3].reduce((s, x) => s + x, 0), [1, 2].indexOf(2)];")).toEqual([
      ['a', 'b'], '3.14', '1-2-3', 'abc', 6, 1,
    ]);
  });
});

describe('base library', () => {
  it('provides the documented globals', () => {
    expect(run("return [Infinity, isNaN(NaN), undefined, decodeURIComponent('%E4%B8%AD'), encodeURIComponent('a b'), encodeURI('a b'), decodeURI('a%20b'), isFinite(1), parseFloat('1.5px'), parseInt('08', 10)];")).toEqual([
      null, true, undefined, '中', 'a%20b', 'a%20b', 'a b', true, 1.5, 8,
    ].map((v, i) => (i === 0 ? Infinity : v)));
  });

  it('provides Number constants, Math and JSON (docs examples)', () => {
    expect(run('return [Number.MAX_VALUE, Number.POSITIVE_INFINITY === Infinity, Math.PI, Math.max(1, 3, 2), Math.floor(1.5), Math.sqrt(16)];')).toEqual([
      Number.MAX_VALUE, true, Math.PI, 3, 1, 4,
    ]);
    expect(
      run(
        'return [undefined === JSON.stringify(), "null" === JSON.stringify(null), "222" === JSON.stringify(222), \'"222"\' === JSON.stringify("222"), undefined === JSON.stringify(function () {}), 222 === JSON.parse(JSON.stringify(222)), null === JSON.parse(JSON.stringify(null))];',
      ),
    ).toEqual([true, true, true, true, true, true, true]);
  });

  it('sends console.log to the registrar log when the host gives one', () => {
    const logged: unknown[][] = [];
    expect(sjsValue('export default { run() { console.log("a", 1); return 1; } };', 'm.run()', {}, {}, { log: (...args: unknown[]) => logged.push(args) })).toBe(1);
    expect(logged).toEqual([['a', 1]]);
  });
});

describe('modules', () => {
  it('imports default, named and namespace bindings and re-exports', () => {
    const extra = {
      'pages/index/a.sjs': 'export const x = 1;\nexport function twice(v) { return v * 2; }\nexport default "A";',
      'pages/index/b.sjs': "export * from './a.sjs';\nexport { x as y } from './a.sjs';\nexport const own = 2;",
      'lib/c.sjs': 'export default { c: 3 };',
      'node_modules/pkg/d.sjs': 'export const d = 4;',
    };
    const source = `import A, { x, twice as tw } from './a.sjs';
import * as B from './b.sjs';
import C from '/lib/c.sjs';
import { d } from 'pkg/d.sjs';
const local = 5;
export { local as renamed };
export default { run() { return [A, x, tw(3), B.x, B.y, B.own, B.default, C.c, d]; } };`;
    expect(sjsValue(source, 'm.run()', {}, extra)).toEqual(['A', 1, 6, 1, 1, 2, undefined, 3, 4]);
    expect(sjsValue(source, 'm.renamed', {}, extra)).toBeUndefined();
  });

  it('exports a frozen object: templates and other modules cannot change it', () => {
    const extra = { 'pages/index/a.sjs': 'export const list = [1];\nexport default { n: 1 };' };
    const source = `import * as A from './a.sjs';
export default { run() { try { A.list = 2; return 'changed'; } catch (e) { return e.constructor; } } };`;
    expect(sjsValue(source, 'm.run()', {}, extra)).toBe('Object');
  });

  it('evaluates each module once even when several files bind it', () => {
    const files = {
      'c.sjs': 'let n = 0;\nexport default { next() { return ++n; } };',
      'pages/a.axml': '<import-sjs name="c" from="/c.sjs" /><view>{{c.next()}}</view>',
      'pages/b.axml': '<import-sjs name="c" from="/c.sjs" /><view>{{c.next()}}</view>',
    };
    const view = compileView(files, [{ file: 'pages/a.axml' }, { file: 'pages/b.axml' }]);
    expect(view.html({}, 'pages/a')).toBe('<view>1</view>');
    expect(view.html({}, 'pages/b')).toBe('<view>2</view>');
  });

  it('is deterministic and lists its dependencies', () => {
    const extra = { 'pages/index/a.sjs': "import b from './b.sjs'; export default b;", 'pages/index/b.sjs': 'export default 1;' };
    const one = compileModule("import a from './a.sjs'; export default a;", extra);
    const two = compileModule("import a from './a.sjs'; export default a;", extra);
    expect(one.code).toBe(two.code);
    expect(one.deps).toEqual(['pages/index/a.sjs', 'pages/index/b.sjs']);
    expect(one.diagnostics).toEqual([]);
  });
});
