/**
 * Property-based: random and mutated SJS never makes the compiler throw or hang; problems are
 * well-formed diagnostics; a module without errors compiles to valid JavaScript. (Compiled code
 * is parsed, not run: a mutation can turn a loop into an endless one.)
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { compileSjsFile } from '../../src/sjs/index.ts';
import { memorySourceHost } from '../../src/template/index.ts';
import { garbage, mutationOf, withinTime } from '../template/support/mutate.ts';

const CORPUS = [
  "import { five } from './foo.sjs';\nexport const x = 3;\nexport const y = 4 + five;",
  "const message = 'hello sjs';\nconst format = num => num.toFixed(2);\nexport default { message, format, five: 5 };",
  'export default {\n  yuan(cents) {\n    const value = (cents / 100).toFixed(2);\n    return "¥" + value;\n  },\n};',
  'export function visible(todos, filter) {\n  if (filter === "active") return todos.filter((t) => !t.done);\n  return todos;\n}',
  'var a = function () { return arguments[0]; };\nexport default function (o, k) { o[k] = a(1); o.x++; return o.constructor + typeof o; }',
  'const { a, b: [c = 1, ...d], ...e } = { a: 1, b: [] };\nexport { a as b, c };\nexport default `${a}${c}`;',
  "export * from './foo.sjs';\nexport { five as six } from './foo.sjs';\nimport * as F from './foo.sjs';\nexport const g = getRegExp('x', 'g').test(F.five);",
];

const FOO = "export const five = 5;\nexport default 'foo';";

describe('SJS compiler under random input', () => {
  const check = (source: string) => {
    const host = memorySourceHost({ 'pages/m.sjs': source, 'pages/foo.sjs': FOO });
    const out = withinTime(2000, () => compileSjsFile('pages/m.sjs', host));
    const lines = source.split(/\r?\n|\r|\u2028|\u2029/).length;
    // Plain checks (not `expect`): this runs thousands of times.
    for (const d of out.diagnostics) {
      if (!/^MPK3\d{3}$/.test(d.code) || d.file !== 'pages/m.sjs' || d.line < 1 || d.line > lines) {
        throw new Error(`malformed diagnostic ${JSON.stringify(d)}`);
      }
    }
    // Compiled code is valid JavaScript (throws SyntaxError otherwise).
    new Function(`"use strict"; return ${out.code};`);
  };

  it('survives mutations of valid modules', () => {
    fc.assert(fc.property(mutationOf(CORPUS), check), { numRuns: 1200 });
  });

  it('survives random text', () => {
    fc.assert(fc.property(garbage(), check), { numRuns: 800 });
  });

  it('survives pathological shapes', () => {
    for (const source of ['('.repeat(20000), '[' .repeat(20000), 'a' + '.a'.repeat(20000), '{'.repeat(5000) + '}'.repeat(5000), 'x=' + '-'.repeat(1) + '1+'.repeat(20000) + '1']) {
      check(source);
    }
  });
});
