/**
 * Host built-ins taken as values (README "Render budget"): view code must not get a native method
 * as a value and have another native run it unbudgeted on the host — `[1].map([].indexOf, { length:
 * 2 ** 32 - 1 })`, `{ toString: [].join, length: … }`, `o.m = [].fill; o.m(0)`, `''.match` given
 * as a callback — nor make a native walk an exponential value (arrays nested in each other twice per
 * level, then `JSON.stringify`, `join` or `'' + a`). Each attack must end with a render error within
 * the budget, the last good frame staying, the next tap rendering and another app unaffected.
 *
 * The page renders a good frame first; a tap on `#go` turns the attack on, `#calm` off again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject, closeAll, launchProject, type ProjectFiles } from '../support/project.ts';
import { attackPage as sharedAttackPage, expectRenderStopped, Witness } from './view-attack.ts';

afterAll(closeAll);

/** A bounded wall time for one attack (the default budget is 1 s per render). */
const WALL_MS = 4000;
/** Page data the attacks read: an array-like as long as an array can be, a string for patterns. */
const DATA = "big: { length: 4294967295 }, s: 'a'.repeat(40) + '!'";

function attackPage(attack: string, sjs?: string): ProjectFiles {
  return sharedAttackPage(attack, sjs, { data: DATA });
}

let witness: Witness;
beforeAll(async () => {
  witness = await Witness.launch();
});

/** The attack ended as it must (view-attack.ts), and another container in this process still renders. */
async function expectStopped(files: ProjectFiles, message: RegExp): Promise<void> {
  await expectRenderStopped(files, message, { wallMs: WALL_MS });
  await witness.renders();
}

const HELD = /items per array|characters per string|exceeded its budget of|takes a regular expression made by getRegExp/;
const DAG = "var a = 'x'; for (var i = 0; i < 40; i++) a = [a, a];";

/** [name, SJS body of f()] — the page renders {{m.f()}}. */
const SJS_CASES: Array<[string, string]> = [
  ['[].indexOf as a map callback with a huge array-like thisArg', 'var f = [].indexOf; return [1].map(f, { length: 4294967295 })[0];'],
  ['[].join as a forEach callback', '[1].forEach([].join, { length: 4294967295 }); return 1;'],
  ['a join taken as a value, then .call', 'var j = [].join; return j.call({ length: 4294967295 }).length;'],
  ["''.repeat as a map callback with a thisArg", "return [500000000].map(''.repeat, 'x')[0];"],
  ['toString: [].join on a huge array-like, converted by +', "var o = { length: 4294967295, toString: [].join }; return '' + o;"],
  ['toJSON: [].join given to JSON.stringify', 'return JSON.stringify({ length: 4294967295, toJSON: [].join });'],
  ['an array method stored on a huge array-like and called', 'var o = { length: 4294967295, m: [].indexOf }; return o.m(1);'],
  ['a computed read of an array method stored and called', "var k = 'index' + 'Of'; var o = { length: 4294967295 }; o.m = [][k]; return o.m(1);"],
  ['fill stored on a huge array-like', 'var o = { length: 4294967295, f: [].fill }; o.f(0); return 1;'],
  ['flat stored on a huge array-like', 'var o = { length: 4294967295, f: [].flat }; return o.f().length;'],
  ['keys of a huge array-like, spread', 'var o = { length: 4294967295, k: [].keys }; return [...o.k()].length;'],
  ['[].join.call as a map callback, [].join as thisArg', 'return [{ length: 4294967295 }].map([].join.call, [].join)[0].length;'],
  ['Math.max.apply over a huge array-like', 'return Math.max.apply(null, { length: 4294967295 });'],
  ['sort with a comparator that never returns', 'return [3, 1, 2].sort(function () { while (true) {} });'],
  ['JSON.stringify of arrays nested twice per level', `${DAG} return JSON.stringify(a).length;`],
  ["'' + arrays nested twice per level", `${DAG} return ('' + a).length;`],
  ['join of arrays nested twice per level', `${DAG} return a.join('').length;`],
  ['arrays nested twice per level, rendered as text', `${DAG} return a;`],
  ['toString() of arrays nested twice per level', `${DAG} return a.toString().length;`],
  ['arrays nested twice per level given to encodeURIComponent', `${DAG} return encodeURIComponent(a).length;`],
  ['arrays nested twice per level as a property key', `${DAG} var o = {}; return o[a];`],
  ['arrays nested twice per level compared with == to a string', `${DAG} return a == 'x';`],
  ['arrays nested twice per level compared with <', `${DAG} return a < 1;`],
  ['arrays nested twice per level converted by unary + and -', `${DAG} return +a + -a;`],
  ['arrays nested twice per level as the key of in', `${DAG} return a in {};`],
  ['arrays nested twice per level given to a string method', `${DAG} return 'xyz'.indexOf(a) + 'xyz'.split(a).length;`],
  ['arrays nested twice per level as the receiver of a string method', `${DAG} return ''.trim.call(a).length;`],
  ['arrays nested twice per level given to getRegExp', `${DAG} return getRegExp(a).source.length;`],
  ['arrays nested twice per level incremented and compound-assigned', `${DAG} var b = a; b++; a -= 1; return a + b;`],
  ['arrays nested twice per level in a member, incremented', `${DAG} var o = { x: a }; o.x++; return o.x;`],
  ['arrays nested twice per level in a member, compound-assigned', `${DAG} var o = { x: a }; o.x *= 2; return o.x;`],
  ['flat(Infinity) of arrays nested twice per level', 'var a = [1]; for (var i = 0; i < 40; i++) a = [a, a]; return a.flat(Infinity).length;'],
];

/** [name, template markup] with data big = { length: 2 ** 32 - 1 }. */
const TEMPLATE_CASES: Array<[string, string]> = [
  ['[].indexOf as a map callback with big as thisArg', '{{ [1].map([].indexOf, big) }}'],
  ['[].join as a map callback with big as thisArg', '{{ [1].map([].join, big) }}'],
  ['[].join.call as a map callback', '{{ [big].map([].join.call, [].join) }}'],
  ['Math.max.apply over big', '{{ Math.max.apply(null, big) }}'],
  ["''.repeat as a map callback", "{{ [500000000].map(''.repeat, 'x') }}"],
  ['big with [].join as toString, converted', "{{ '' + ({ length: big.length, toString: [].join }) }}"],
];

describe('SJS cannot hand host built-ins to other natives', () => {
  for (const [name, body] of SJS_CASES) {
    it(name, async () => {
      await expectStopped(attackPage('{{m.f()}}', `export default { f() { ${body} } };`), HELD);
    });
  }

  it('a method bound by destructuring (static or computed key, renamed, with a default, in parameters) is the guarded stand-in', async () => {
    await expectStopped(attackPage('{{m.f()}}', "export default { f() { var k = 'index' + 'Of'; var { [k]: f } = []; var o = { length: 4294967295, m: f }; return o.m(1); } };"), HELD);
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var { indexOf } = []; return [1].map(indexOf, { length: 4294967295 }); } };'), HELD);
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var { join: j = 1 } = []; var o = { j }; return [1].map(o.j, { length: 4294967295 }); } };'), HELD);
    await expectStopped(attackPage('{{m.f()}}', 'export default { g({ fill }) { return { length: 4294967295, fill }.fill(0); }, f() { return this.g([]); } };'), HELD);
  });

  it('an SJS module exporting a native: the template calls it with a huge array-like', async () => {
    await expectStopped(attackPage('{{ [1].map(m.idx, big) }}', 'export default { idx: [].indexOf };'), HELD);
  });
});

describe('templates cannot hand host built-ins to other natives', () => {
  for (const [name, markup] of TEMPLATE_CASES) {
    it(name, async () => {
      await expectStopped(attackPage(markup), HELD);
    });
  }

  for (const markup of ["{{ m.dag() == 'x' }}", '{{ -m.dag() }}', '{{ m.dag() < 1 }}', "{{ m.dag() in {} }}"]) {
    it(`arrays nested twice per level (from SJS), converted by an operator: ${markup}`, async () => {
      await expectStopped(attackPage(markup, `export default { dag() { ${DAG} return a; } };`), HELD);
    });
  }
});

describe('what still works', () => {
  it("''.match as a callback compiles its string with the safe engine: linear time, no error", async () => {
    const sjs = "export default { f() { var s = 'a'.repeat(40) + '!'; return ['(a+)+$'].map(''.match, s)[0]; } };";
    const app = await launchProject(attackPage("<view id=\"out\">{{m.f()}}|{{ ['(a+)+$'].map(''.match, s) }}</view>", sjs));
    const started = Date.now();
    await app.currentPage().tap('#go');
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    expect(app.errors).toEqual([]);
    expect(app.currentPage().text('#out')).toBe('|[null]');
  });

  it('natives as values behave as before on ordinary values', async () => {
    const sjs = `export default { f() {
      var idx = [].indexOf;
      var o = { length: 3, 0: 'a', 1: 'b', 2: 'c', m: idx, toString: [].join };
      var same = [].indexOf === [1].indexOf;
      var slice = [].slice;
      return [o.m('c'), '' + o, same, [1, 2, 3].map(idx, [3, 2, 1]).join(''), slice.call('xyz', 1).join(''),
        [' a ', 'b '].map(''.trim.call, ''.trim).join('|'), JSON.stringify([[1, [2]], { a: 'x'.repeat(3) }]),
        [[1, 2], [3]].join(';'), [1, [2, [3, [4]]]].flat(Infinity).length, typeof idx].join(',');
    } };`;
    const app = await launchProject(attackPage('<view id="out">{{m.f()}}|{{ [1, 2, 3].map([].indexOf, [3, 2, 1]) }}|{{ [[1], [2]] }}</view>', sjs));
    await app.currentPage().tap('#go');
    expect(app.errors).toEqual([]);
    expect(app.currentPage().text('#out')).toBe('2,a,b,c,true,21-1,yz,a|b,[[1,[2]],{"a":"xxx"}],1,2;3,4,function|[2,1,-1]|[[1],[2]]');
  });

  it('destructuring names that are also array methods builds and works (options objects, arrays)', async () => {
    const sjs = `export default { f() {
      var opts = { keys: ['a', 'b'], filter: 'on', sort: 2 };
      var { keys, filter, sort: order = 0 } = opts;
      var { indexOf } = ['x', 'y'];
      var found = indexOf.call(['x', 'y'], 'y');
      var short = { keys };
      return [keys.join('+'), filter, order, found, short.keys.length, typeof indexOf].join(',');
    } };`;
    const result = await buildProject(attackPage('{{m.f()}}', sjs));
    expect(result.ok).toBe(true);
    const app = await launchProject(attackPage('<view id="out">{{m.f()}}</view>', sjs));
    await app.currentPage().tap('#go');
    expect(app.errors).toEqual([]);
    expect(app.currentPage().text('#out')).toBe('a+b,on,2,1,2,function');
  });
});
