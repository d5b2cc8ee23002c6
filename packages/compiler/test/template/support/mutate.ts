/**
 * fast-check arbitraries for garbage input: random strings biased towards markup and code
 * characters, and mutations (deletions, insertions of `{{`, `<`, quotes, unicode…, duplicated
 * slices) of valid sources.
 */
import fc from 'fast-check';

export const NASTY_TOKENS = [
  '{{', '}}', '{', '}', '<', '>', '</', '/>', '"', "'", '`', '=', '(', ')', '[', ']', '...', '\\', '/*', '*/', '//',
  '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '\n', ' ', '\u2028', '\u0000', '😀', '中', 'a:if="{{', 'a:for="{{', 'a:else',
  '<view>', '</view>', '<block>', '<template name="t">', '<template is="t"/>', '<slot/>', 'constructor', '__proto__',
  'this', 'new ', '=>', ',', '?', ':', '.', '?.', '++', 'export ', 'import ', 'function ', 'return ', ';', '$', '#',
];

const op = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'insert', 'duplicate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 0, max: 12 }),
  token: fc.oneof(fc.constantFrom(...NASTY_TOKENS), fc.string({ unit: 'binary', maxLength: 4 })),
});

function apply(source: string, ops: Array<{ kind: string; at: number; length: number; token: string }>): string {
  let s = source;
  for (const o of ops) {
    const at = Math.floor(o.at * s.length);
    if (o.kind === 'delete') s = s.slice(0, at) + s.slice(at + o.length);
    else if (o.kind === 'insert') s = s.slice(0, at) + o.token + s.slice(at);
    else s = s.slice(0, at) + s.slice(at, at + o.length) + s.slice(at);
  }
  return s;
}

/** A valid source from `corpus` with one to six random mutations. */
export function mutationOf(corpus: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...corpus), fc.array(op, { minLength: 1, maxLength: 6 })).map(([s, ops]) => apply(s, ops));
}

/** Random text made mostly of the characters and tokens that matter to the parsers. */
export function garbage(): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...NASTY_TOKENS), fc.string({ unit: 'grapheme', maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 2 })), {
      maxLength: 40,
    })
    .map((parts) => parts.join(''));
}

/** Runs `fn` and fails if it takes longer than `ms` (a hang guard, not a benchmark). */
export function withinTime<T>(ms: number, fn: () => T): T {
  const start = performance.now();
  const out = fn();
  const took = performance.now() - start;
  if (took > ms) throw new Error(`took ${took.toFixed(0)} ms (limit ${ms} ms)`);
  return out;
}
