/**
 * The `{{ }}` expression compiler on its own: what it accepts (and evaluates to), what it
 * refuses (with which code and where), and what the generated code may touch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRELUDE, VIEW_REGEX_ENGINE, type ExprScope } from '@mpk/runtime/view-form';
import { compileExpression, parseExpression, parseObjectBody } from '../../src/expression/index.ts';
import { garbage, mutationOf, withinTime } from '../template/support/mutate.ts';

const h = (new Function('__mpkView', `"use strict"; return ${PRELUDE}(__mpkView);`)({ regex: VIEW_REGEX_ENGINE }) as { h: unknown }).h;

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

  it('calls methods on values, as real templates do', () => {
    expect(evaluate('content.substring(0, 3)', { content: 'hello' })).toBe('hel');
    expect(evaluate('(price / 100).toFixed(2)', { price: 12345 })).toBe('123.45');
    expect(evaluate('text.toString().length', { text: 42 })).toBe(2);
    expect(evaluate("r.join(',')", { r: [1, 2] })).toBe('1,2');
    expect(evaluate('Math.abs(x)', { x: -3 })).toBe(3);
    expect(evaluate('a.b.c.toFixed(2)')).toBeUndefined();
    expect(evaluate('s?.trim()', { s: ' x ' })).toBe('x');
  });

  it('throws a TypeError for a value that is not a function', () => {
    expect(() => evaluate('a.b(1)', { a: { b: 1 } })).toThrow(/b is not a function/);
    expect(() => evaluate('fmt(1)', {})).toThrow(/fmt is not a function/);
  });

  it('supports arrow functions, template literals, regular expressions and every operator', () => {
    expect(evaluate("list.some(item => item.desc) ? 'has-desc' : ''", { list: [{}, { desc: 'x' }] })).toBe('has-desc');
    expect(evaluate('list.map((x, i, all, d = 10) => x * i + d + k)', { list: [1, 2], k: 1 })).toEqual([11, 13]);
    expect(evaluate('list.reduce((a, b) => { return a + b; }, 0)', { list: [1, 2, 3] })).toBe(6);
    expect(evaluate('((...xs) => xs.length)(1, 2, 3)')).toBe(3);
    expect(evaluate("bg ? `background-image: url('${bg}');` : ''", { bg: 'a.png' })).toBe("background-image: url('a.png');");
    expect(evaluate('`${a}-${`${b}!`}`', { a: 1, b: 2 })).toBe('1-2!');
    expect(evaluate('`${x}`')).toBe('undefined');
    expect(evaluate("d.replace(/-/g, '.')", { d: '2024-01-02' })).toBe('2024.01.02');
    expect(evaluate('/^a+$/i.test(s)', { s: 'AAa' })).toBe(true);
    expect(evaluate('[a & b, a | b, a ^ b, ~a, a << 2, -a >> 1, -a >>> 28, a ** 2]', { a: 5, b: 3 })).toEqual([1, 7, 6, -6, 20, -3, 15, 25]);
    expect(evaluate("['x' in o, a instanceof Array, void 0, typeof o]", { o: { x: 1 }, a: [] }.o ? { o: { x: 1 }, a: 1 } : {})).toEqual([true, false, undefined, 'object']);
    expect(evaluate('2 ** 3 ** 2')).toBe(512);
    expect(evaluate('(a, b)', { a: 1, b: 2 })).toBe(2);
    expect(evaluate('this.a + this["b"]', { a: 1, b: 2 })).toBe(3);
    expect(evaluate('new Date(0).getTime()')).toBe(0);
    expect(evaluate('class || "none"', { class: 'c' })).toBe('c');
    expect(evaluate('{[k]: 1}', { k: 'z' })).toEqual({ z: 1 });
  });

  it('reads braceless object literals and shorthand (style, data-*)', () => {
    expect(evaluate("width: 100 / n + '%'", { n: 4 })).toEqual({ width: '25%' });
    expect(evaluate('row, idx', { row: 1, idx: 2 })).toEqual({ row: 1, idx: 2 });
    expect(evaluate('...a, b: 1', { a: { x: 0 } })).toEqual({ x: 0, b: 1 });
    expect(evaluate("color: a ? '#fff' : (b ? '#ccc' : c)", { a: 0, b: 0, c: 'red' })).toEqual({ color: 'red' });
  });

  it('gives template globals unless the data defines the name', () => {
    expect(evaluate('Number("3") + parseInt("4px") + JSON.stringify([1]).length')).toBe(10);
    expect(evaluate('Math', { Math: 'mine' })).toBe('mine');
    expect(evaluate('String(5) + Boolean(0) + Array.isArray([]) + Object.keys({a: 1})')).toBe('5falsetruea');
    expect(evaluate('isNaN(NaN) && !isFinite(Infinity)')).toBe(true);
  });

  it('never changes the data through array methods', () => {
    const data = { list: [3, 1, 2] };
    expect(evaluate('list.sort()', data)).toEqual([1, 2, 3]);
    expect(evaluate('list.reverse()[0]', data)).toBe(2);
    expect(evaluate('list.push(9)', data)).toBe(4);
    expect(data.list).toEqual([3, 1, 2]);
    expect(() => evaluate('[].push.call(o, 1)', { o: {} })).toThrow(TypeError);
  });

  it('bounds the strings a template can build', () => {
    expect(() => evaluate("'ab'.repeat(1e7)")).toThrow(RangeError);
    expect(() => evaluate("''.padStart(1e8)")).toThrow(RangeError);
    expect(evaluate("'ab'.repeat(2)")).toBe('abab');
  });

  it('re-dispatches call, apply and bind through the guard', () => {
    expect(evaluate("''.toUpperCase.call('abc')")).toBe('ABC');
    expect(evaluate('m.twice.apply(null, [4])')).toBe(8);
    expect(evaluate('m.twice.bind(null, 5)()')).toBe(10);
    expect(evaluate('[].push.call(list, 1)', { list: [0] })).toBe(2);
  });

  it('parses template data as an object body', () => {
    expect(parseObjectBody('...item, a: 1, b').node?.type).toBe('Object');
    expect(parseObjectBody('a: 1, ').node?.type).toBe('Object');
  });

  it('renders an empty expression as nothing, with a warning', () => {
    const out = compileExpression('  ', scope);
    expect(out.code).toBe('(void 0)');
    expect(out.errors.map((e) => e.code)).toEqual(['MPK2113']);
  });

  it('accepts unicode names as data keys', () => {
    expect(evaluate('名字 + $x + _y', { 名字: 'a', $x: 'b', _y: 'c' })).toBe('abc');
  });
});

describe('reserved reads compile to undefined, with a warning', () => {
  for (const [src, start] of [
    ['constructor', 0],
    ['a.constructor', 2],
    ['a["prototype"]', 2],
    ['a?.__proto__', 3],
    ['a.__defineSetter__', 2],
    ["''.constructor.constructor('return process')()", 3],
  ] as const) {
    it(`MPK2109 for ${JSON.stringify(src)}`, () => {
      const out = compileExpression(src, scope);
      expect(out.errors.map((e) => [e.code, e.start])).toContainEqual(['MPK2109', start]);
      expect(out.code).not.toMatch(/constructor|prototype|__proto__|__define/);
    });
  }

  it('drops __proto__ keys from object literals', () => {
    for (const src of ['{__proto__: a}', '{"__proto__": a}', '__proto__: a']) {
      const out = compileExpression(src, scope);
      expect(out.errors.map((e) => e.code), src).toEqual(['MPK2109']);
      expect(evaluateUnchecked(src, { a: { polluted: 1 } })).toEqual({});
    }
  });
});

function evaluateUnchecked(src: string, data: Record<string, unknown>): unknown {
  const out = compileExpression(src, scope);
  return new Function('h', 'S', 'L_item', 'B_m', `"use strict"; return ${out.code};`)(h, data, undefined, sjs);
}

describe('refused expressions', () => {
  const cases: Array<[string, string, number]> = [
    ['a = 1', 'MPK2101', 2],
    ['a.b += 1', 'MPK2101', 4],
    ['a++', 'MPK2101', 1],
    ['--a', 'MPK2101', 0],
    ['function () {}', 'MPK2104', 0],
    ['{ m() {} }', 'MPK2104', 3],
    ['{ get x() {} }', 'MPK2104', 2],
    ['({a}) => a', 'MPK2104', 1],
    ['x => { let y = x; }', 'MPK2104', 5],
    ['tag`a`', 'MPK2105', 3],
    ['import("x")', 'MPK2106', 0],
    ['await x', 'MPK2110', 0],
    ['/(/', 'MPK2111', 0],
    ['/a/gg', 'MPK2111', 3],
    ['a +', 'MPK2100', 3],
    ['"unterminated', 'MPK2100', 0],
    ['`unterminated', 'MPK2100', 0],
    ['`${}`', 'MPK2100', 1],
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
    expect(refusal('x => '.repeat(500) + 'x').code).toBe('MPK2114');
  });
});

describe('generated code', () => {
  it('names nothing but the scope, locals, SJS bindings, its own parameters and the guard helpers', () => {
    const src = 'window.x + globalThis + process + item + m.twice(a[k]) + {q: Function}.q + list.map(process => process + h + S)[0] + `${eval}` + /x/.source + this';
    const out = compileExpression(src, scope);
    expect(out.errors).toEqual([]);
    const names = new Set(out.code.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/(?<![.\w$"])[A-Za-z_$][\w$]*/g));
    expect([...names].filter((n) => !/^_a\d+$/.test(n)).sort()).toEqual(['B_m', 'L_item', 'S', 'h']);
  });
});

const EXPRESSIONS = [
  'a + b * (c - 1) / 2 % 3',
  'list.filter(x => x.on).map((x, i) => `${i}:${x.name}`).join(",")',
  "width: 100 / n + '%', color: c ? '#fff' : `rgb(${r})`",
  "s.replace(/-/g, '.').split('.')[0] | 0",
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
