/**
 * The boundary check of logic → host batches (src/bridge/validate.ts): what passes is exactly the
 * protocol's message types with sane sizes; everything else is refused with a reason, and nothing
 * the guest can send makes the check throw or take more than linear time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLogicBatch, checkSyncInvoke, DEFAULT_BOUNDARY_LIMITS, measureValue, resolveBoundaryLimits } from '../../src/bridge/validate.ts';

const patch = (ops: unknown[], extra: Record<string, unknown> = {}) => ({ t: 'patch', id: 1, seq: 1, ops, ...extra });

describe('checkLogicBatch', () => {
  it('passes every well-formed message type unchanged, and ignores unknown tags', () => {
    const batch = [
      { t: 'ready', protocol: 1 },
      patch([['set', [], { list: [], n: 0 }], ['set', ['list', 0, 'text'], 'b'], ['splice', ['list'], 1, 0, ['x', 'y']]], { props: { a: 1 }, options: { virtualHost: true, externalClasses: ['x'] } }),
      { t: 'invoke', cb: 7, api: 'getStorage', args: { key: 'k' } },
      { t: 'invoke', cb: 8, api: 'abort', args: {}, task: 7, sync: false },
      { t: 'log', level: 'warn', args: ['text', 1, { self: '[Circular]' }] },
      { t: 'error', kind: 'uncaught', message: 'boom', stack: 'Error: boom\n    at f (logic.js:1:2)', id: 1 },
      { t: 'fromTheFuture', anything: true },
    ];
    const check = checkLogicBatch(batch);
    expect(check.refused).toBe(0);
    expect(check.problems).toEqual([]);
    expect(check.messages).toEqual(batch.slice(0, 6));
    expect(check.messages[1]).toBe(batch[1]);
  });

  it.each([
    ['a log whose args is not an array', { t: 'log', level: 'log', args: 5 }, /args is 5, not an array/],
    ['a log of an unknown level', { t: 'log', level: 'shout', args: [] }, /level "shout"/],
    ['a patch without ops', { t: 'patch', id: 1, seq: 1 }, /ops is a undefined/],
    ['a patch with a negative id', { t: 'patch', id: -1, seq: 1, ops: [] }, /id -1 is not an instance id/],
    ['a patch with seq 0', { t: 'patch', id: 1, seq: 0, ops: [] }, /seq 0/],
    ['an op that is not an op', patch(['set']), /"set" is not an op/],
    ['an unknown op', patch([['delete', ['a']]]), /unknown op "delete"/],
    ['a set with a path that is not an array', patch([['set', 'a.b', 1]]), /path is "a.b", not an array/],
    ['a __proto__ path segment', patch([['set', ['__proto__', 'x'], 1]]), /"__proto__" is not allowed/],
    ['a fractional index', patch([['set', ['a', 1.5], 1]]), /neither a key nor an array index/],
    ['an index past the absolute cap', patch([['set', ['list', 999_999_999], 1]]), /array index 999999999 is over/],
    ['a whole-data set of an array', patch([['set', [], [1]]]), /needs an object/],
    ['a splice without items', patch([['splice', ['a'], 0, 0, 'x']]), /items of a splice must be an array/],
    ['a splice of the root', patch([['splice', [], 0, 0, []]]), /path of an array/],
    ['props that are not an object', patch([], { props: [1] }), /props is an array/],
    ['an invoke without an api', { t: 'invoke', cb: 1, args: {} }, /api a undefined/],
    ['an invoke with a string cb', { t: 'invoke', cb: '1', api: 'x', args: {} }, /cb "1"/],
    ['an error of an unknown kind', { t: 'error', kind: 'oops', message: 'x' }, /kind "oops"/],
    ['an error without a message', { t: 'error', kind: 'uncaught' }, /message is a undefined/],
    ['a message that is not an object', 42, /42 is not a message/],
    ['a message without a tag', { level: 'log' }, /not a message/],
    ['a value key named __proto__', { t: 'log', level: 'log', args: [JSON.parse('{"__proto__":{"x":1}}')] }, /"__proto__" is not allowed/],
  ])('refuses %s, naming why', (_what, message, why) => {
    const check = checkLogicBatch([{ t: 'ready', protocol: 1 }, message]);
    expect(check.messages).toEqual([{ t: 'ready', protocol: 1 }]);
    expect(check.refused).toBe(1);
    expect(check.problems[0]).toMatch(why);
    expect(check.problems[0]).toMatch(/^message 1/);
  });

  it('refuses a batch that is not an array', () => {
    expect(checkLogicBatch('[{"t":"ready"}]')).toMatchObject({ messages: [], refused: 1, problems: [expect.stringMatching(/not an array of messages/)] });
    expect(checkLogicBatch(null).refused).toBe(1);
  });

  it('bounds nesting depth, sizes and counts', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const started = Date.now();
    const check = checkLogicBatch([patch([['set', ['a'], deep]])]);
    expect(check.problems[0]).toMatch(/nested deeper than 100 levels/);
    expect(Date.now() - started).toBeLessThan(1000);

    const big = 'x'.repeat(DEFAULT_BOUNDARY_LIMITS.maxLogBytes);
    expect(checkLogicBatch([{ t: 'log', level: 'log', args: [big] }]).problems[0]).toMatch(/more than 1048576 characters of JSON/);
    expect(checkLogicBatch([patch(Array.from({ length: DEFAULT_BOUNDARY_LIMITS.maxOps + 1 }, () => ['set', ['a'], 1]))]).problems[0]).toMatch(/ops, more than 100000/);
    expect(checkLogicBatch([patch([['set', Array.from({ length: 65 }, () => 'a'), 1]])]).problems[0]).toMatch(/65 segments/);

    const many = Array.from({ length: DEFAULT_BOUNDARY_LIMITS.maxMessages + 5 }, () => ({ t: 'ready', protocol: 1 }));
    const counted = checkLogicBatch(many);
    expect(counted.messages).toHaveLength(DEFAULT_BOUNDARY_LIMITS.maxMessages);
    expect(counted.refused).toBe(5);
  });

  it('costs one step for a sparse array of a billion slots (a custom transport could hand one over)', () => {
    const sparse: unknown[] = [];
    sparse.length = 1_000_000_000;
    const started = Date.now();
    expect(checkLogicBatch([patch([['set', ['list'], sparse]])]).problems[0]).toMatch(/more than 8388608 characters of JSON/);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('refuses what JSON cannot carry', () => {
    for (const value of [() => 1, Symbol('s'), 10n, Number.NaN, Infinity, new Date(0), new Map(), new Uint8Array(2)]) {
      expect(checkLogicBatch([{ t: 'log', level: 'log', args: [value] }]).refused).toBe(1);
    }
  });

  it('never throws, whatever it is given; what passes has the protocol shape (fuzzed)', () => {
    const message = fc.oneof(
      fc.anything(),
      fc.record({ t: fc.constantFrom('ready', 'patch', 'invoke', 'log', 'error', 'x'), id: fc.anything(), seq: fc.anything(), ops: fc.anything(), args: fc.anything(), level: fc.anything(), kind: fc.anything(), message: fc.anything(), cb: fc.anything(), api: fc.anything() }, { requiredKeys: ['t'] }),
      fc.record({ t: fc.constant('patch'), id: fc.nat(), seq: fc.integer({ min: 1 }), ops: fc.array(fc.tuple(fc.constantFrom('set', 'splice', 'x'), fc.array(fc.oneof(fc.string(), fc.integer())), fc.anything(), fc.anything(), fc.anything())) }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(message, { maxLength: 20 })), (batch) => {
        const check = checkLogicBatch(batch);
        for (const msg of check.messages) {
          expect(typeof msg).toBe('object');
          if (msg.t === 'log') expect(Array.isArray(msg.args)).toBe(true);
          if (msg.t === 'patch') {
            expect(Array.isArray(msg.ops)).toBe(true);
            for (const op of msg.ops) expect(Array.isArray(op) && Array.isArray(op[1])).toBe(true);
          }
          if (msg.t === 'invoke') expect(typeof msg.api).toBe('string');
          if (msg.t === 'error') expect(typeof msg.message).toBe('string');
          // What passed can be serialised by the host (its bridge listeners do).
          expect(() => JSON.stringify(msg)).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('checkSyncInvoke', () => {
  it('passes an invoke and names what is wrong with anything else', () => {
    expect(checkSyncInvoke({ t: 'invoke', cb: 1, api: 'getStorageSync', args: { key: 'k' }, sync: true })).toBeUndefined();
    expect(checkSyncInvoke(5)).toMatch(/not an invoke/);
    expect(checkSyncInvoke({ t: 'invoke', cb: 1, api: '', args: {} })).toMatch(/not an API name/);
  });
});

describe('measureValue and the limits', () => {
  it('estimates JSON size without recursion', () => {
    expect(measureValue({ a: [1, 'xy'] }, 10, 1000, 'v')).toBeGreaterThan(JSON.stringify({ a: [1, 'xy'] }).length - 5);
  });

  it('resolves limits, refusing nonsense', () => {
    expect(resolveBoundaryLimits({ maxDepth: 10 }).maxDepth).toBe(10);
    expect(() => resolveBoundaryLimits({ maxDepth: -1 })).toThrow(/positive/);
    expect(() => resolveBoundaryLimits({ nope: 1 } as never)).toThrow(/Unknown boundary limit/);
  });
});
