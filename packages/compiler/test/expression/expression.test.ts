/**
 * The `{{ }}` expression compiler on its own: what it accepts (and evaluates to), what it
 * refuses (with which code and where), and what the generated code may touch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, parseExpression, parseObjectBody, type ExprScope } from '../../src/expression/index.ts';
import { PRELUDE } from '../../src/template/prelude.ts';
import { garbage, mutationOf, withinTime } from '../template/support/mutate.ts';

const h = (new Function('__mpkView', `"use strict"; return ${PRELUDE}(__mpkView);`)({}) as { h: unknown }).h;

/** Scope: `item` is a template local, `m` an SJS binding, everything else data. */
const scope: ExprScope = {
  dataVar: 'S',
  lookup: (name) => (name === 'item' ? { kind: 'local', js: 'L_item' } : name === 'm' ? { kind: 'sjs', js: 'B_m' } : undefined),
};

const sjs = { twice: (x: number) => x * 2, nested: { id: (x: unknown) => x }, list: [10, 20] };

function evaluate(src: string, data: Record<string, unknown> = {}, item?: unknown): unknown {
  const out = compileExpression(src, scope);
  if (out.errors.length) throw new Error(out.errors.map((e) => `${e.code} ${e.message}`).join('; '));
  return new Function('h', 'S', 'L_item', 'B_m', `"use strict"; return ${out.code};`)(h, data, item, sjs);
}

function refusal(src: string): { code: string; start: number; end: number } {
  const out = compileExpression(src, scope);
  expect(out.errors.length, src).toBeGreaterThan(0);
  expect(out.code).toBe('(void 0)');
  const { code, start, end } = out.errors[0];
  return { code, start, end };
}

describe('accepted expressions', () => {
  it('evaluates literals', () => {
    expect(evaluate('1.5e2')).toBe(150);
    expect(evaluate('0x1f')).toBe(31);
    expect(evaluate('.5')).toBe(0.5);
    expect(evaluate(`'it\\'s' + "\\"q\\"" + '\\n'`)).toBe('it\'s"q"\n');
    expect(evaluate('"\\u{1F600}\\x41"')).toBe('😀A');
    expect([evaluate('true'), evaluate('false'), evaluate('null'), evaluate('undefined')]).toEqual([true, false, null, undefined]);
  });

  it('follows JavaScript precedence', () => {
    expect(evaluate('1 + 2 * 3 - 4 / 2 % 3')).toBe(5);
    expect(evaluate('a || b && c', { a: 0, b: 1, c: 2 })).toBe(2);
    expect(evaluate('a ? b ? 1 : 2 : 3', { a: 1, b: 0 })).toBe(2);
    expect(evaluate('!a == b', { a: 0, b: true })).toBe(true);
    expect(evaluate('-a + +b', { a: 1, b: '2' })).toBe(1);
    expect(evaluate('typeof a === "undefined"')).toBe(true);
    expect(evaluate('a ?? b', { a: null, b: 'x' })).toBe('x');
    expect(evaluate('1 < 2 == 2 > 1')).toBe(true);
  });

  it('reads data, locals and SJS bindings in that scope order', () => {
    expect(evaluate('item.name', { item: 'data' }, { name: 'local' })).toBe('local');
    expect(evaluate('m.list[1]', { m: 'data' })).toBe(20);
    expect(evaluate('other', { other: 3 })).toBe(3);
  });

  it('reads members safely from missing values', () => {
    expect(evaluate('a.b.c[d].e')).toBeUndefined();
    expect(evaluate('a?.b', { a: { b: 1 } })).toBe(1);
    expect(evaluate('s.length', { s: 'abc' })).toBe(3);
    expect(evaluate('s[0]', { s: 'abc' })).toBe('a');
  });

  it('builds arrays and objects with spread, shorthand and keyword keys', () => {
    expect(evaluate('[a, , ...b, 3]', { a: 1, b: [2] })).toEqual([1, undefined, 2, 3]);
    expect(evaluate('{a, "b-c": 2, 3: 4, class: 5, ...o, a: 9}', { a: 1, o: { z: 0 } })).toEqual({ a: 9, 'b-c': 2, 3: 4, class: 5, z: 0 });
  });

  it('calls SJS functions, including nested members and spread arguments', () => {
    expect(evaluate('m.twice(3)')).toBe(6);
    expect(evaluate('m.nested.id(...[7])')).toBe(7);
    expect(evaluate('m["twice"](a)', { a: 4 })).toBe(8);
  });

  it('parses template data as an object body', () => {
    expect(parseObjectBody('...item, a: 1, b').node?.type).toBe('Object');
    expect(parseObjectBody('').node).toBeUndefined();
    expect(parseObjectBody('a: 1, ').node?.type).toBe('Object');
  });

  it('accepts unicode names as data keys', () => {
    expect(evaluate('名字 + $x + _y', { 名字: 'a', $x: 'b', _y: 'c' })).toBe('abc');
  });
});

describe('refused expressions', () => {
  const cases: Array<[string, string, number]> = [
    ['a = 1', 'MPK2101', 2],
    ['a.b += 1', 'MPK2101', 4],
    ['a++', 'MPK2101', 1],
    ['--a', 'MPK2101', 0],
    ['this.x', 'MPK2102', 0],
    ['new Date()', 'MPK2103', 0],
    ['x => x', 'MPK2104', 2],
    ['(a, b) => a', 'MPK2107', 2],
    ['function () {}', 'MPK2104', 0],
    ['{ m() {} }', 'MPK2104', 3],
    ['{ get x() {} }', 'MPK2104', 2],
    ['`a`', 'MPK2105', 0],
    ['tag`a`', 'MPK2105', 3],
    ['import("x")', 'MPK2106', 0],
    ['a, b', 'MPK2107', 1],
    ['(a, b)', 'MPK2107', 2],
    ['foo(1)', 'MPK2108', 0],
    ['a.b()', 'MPK2108', 0],
    ['m.twice(1)()', 'MPK2108', 0],
    ['constructor', 'MPK2109', 0],
    ['a.constructor', 'MPK2109', 2],
    ['a["prototype"]', 'MPK2109', 2],
    ['a?.__proto__', 'MPK2109', 3],
    ['{__proto__: a}', 'MPK2109', 1],
    ['{"__proto__": a}', 'MPK2109', 1],
    ['a.__defineSetter__', 'MPK2109', 2],
    ['a & b', 'MPK2110', 2],
    ['a ** b', 'MPK2110', 2],
    ['~a', 'MPK2110', 0],
    ['a instanceof b', 'MPK2110', 2],
    ['delete a.b', 'MPK2110', 0],
    ['void 0', 'MPK2110', 0],
    ['/re/', 'MPK2111', 0],
    ['{[k]: 1}', 'MPK2112', 1],
    ['', 'MPK2113', 0],
    ['a +', 'MPK2100', 3],
    ['"unterminated', 'MPK2100', 0],
    ['a b', 'MPK2100', 2],
    ['01', 'MPK2100', 0],
    ['1a', 'MPK2100', 0],
    ['a.#b', 'MPK2100', 2],
    ['@x', 'MPK2100', 0],
    ['"\\08"', 'MPK2100', 1],
  ];
  for (const [src, code, start] of cases) {
    it(`${code} for ${JSON.stringify(src)}`, () => {
      const r = refusal(src);
      expect(r.code).toBe(code);
      expect(r.start).toBe(start);
      expect(r.end).toBeGreaterThanOrEqual(r.start);
    });
  }

  it('stops very deep nesting before it reaches the call stack', () => {
    expect(refusal('('.repeat(5000) + 'a' + ')'.repeat(5000)).code).toBe('MPK2114');
    expect(refusal('a' + ' + a'.repeat(500)).code).toBe('MPK2114');
    expect(refusal('!'.repeat(5000) + 'a').code).toBe('MPK2114');
  });
});

describe('generated code', () => {
  it('names nothing but the scope, locals, SJS bindings and the guard helpers', () => {
    const out = compileExpression('window.x + globalThis + process + item + m.twice(a[k]) + {q: Function}.q', scope);
    expect(out.errors).toEqual([]);
    const names = new Set(out.code.match(/(?<![.\w$"])[A-Za-z_$][\w$]*/g));
    expect([...names].sort()).toEqual(['B_m', 'L_item', 'S', 'h']);
  });
});

const EXPRESSIONS = [
  'a + b * (c - 1) / 2 % 3',
  'flag ? "yes" : \'no\'',
  'list[index].name || "none"',
  '{ ...obj, a: 1, b, "c": [1, 2, ...rest] }',
  'm.twice(item.n) > 3 && !done',
  'typeof x === "string" ? x.length : -1',
  'a?.b?.[c] ?? d',
];

describe('expression compiler under random input', () => {
  // Plain checks (not `expect`): this runs thousands of times.
  const check = (src: string) => {
    const out = withinTime(1000, () => compileExpression(src, scope));
    for (const e of out.errors) {
      if (!/^MPK21\d\d$/.test(e.code) || e.start < 0 || e.end > src.length) throw new Error(`malformed error ${JSON.stringify(e)}`);
    }
    // Whatever comes out is a valid JavaScript expression (throws SyntaxError otherwise).
    new Function('h', 'S', 'L_item', 'B_m', `"use strict"; return ${out.code};`);
    withinTime(1000, () => parseObjectBody(src));
  };

  it('survives mutations of valid expressions', () => {
    fc.assert(fc.property(mutationOf(EXPRESSIONS), check), { numRuns: 2000 });
  });

  it('survives random text', () => {
    fc.assert(fc.property(garbage(), check), { numRuns: 1500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => parseExpression(s) !== undefined), { numRuns: 500 });
  });
});
