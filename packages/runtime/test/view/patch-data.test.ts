import { describe, expect, it } from 'vitest';
import { applyPatchOps, PatchError } from '../../src/view/patch-data.ts';

const apply = (data: Record<string, unknown>, ops: Parameters<typeof applyPatchOps>[1]) => applyPatchOps(data, ops, new WeakSet());

describe('applyPatchOps', () => {
  it('keeps the identity of everything off the changed path', () => {
    const untouched = { deep: [1, 2] };
    const data = { a: { b: 1 }, untouched };
    const next = apply(data, [['set', ['a', 'b'], 2]]);
    expect(next).not.toBe(data);
    expect(next.a).not.toBe(data.a);
    expect(next.untouched).toBe(untouched);
    expect(data).toEqual({ a: { b: 1 }, untouched });
  });

  it('splices like Array.prototype.splice, including negative and out-of-range starts', () => {
    const base = { list: [0, 1, 2, 3, 4] };
    expect(apply(base, [['splice', ['list'], -2, 1, ['x']]]).list).toEqual([0, 1, 2, 'x', 4]);
    expect(apply(base, [['splice', ['list'], 99, 5, ['end']]]).list).toEqual([0, 1, 2, 3, 4, 'end']);
    expect(apply(base, [['splice', ['list'], 1, 99, []]]).list).toEqual([0]);
    expect(apply(base, [['splice', ['missing'], 0, 0, [1]]]).missing).toEqual([1]);
    const many = Array.from({ length: 200_000 }, (_, i) => i);
    expect(apply(base, [['splice', ['list'], 5, 0, many]]).list).toHaveLength(200_005);
    expect(() => apply({ s: 'text' }, [['splice', ['s'], 0, 0, []]])).toThrow(/not an array/);
  });

  it('mutates containers it created during the same pass instead of copying them again', () => {
    const fresh = new WeakSet<object>();
    const once = applyPatchOps({ list: [{ n: 0 }, { n: 1 }] }, [['set', ['list', 0, 'n'], 5]], fresh);
    const list = once.list;
    const twice = applyPatchOps(once, [['set', ['list', 1, 'n'], 6]], fresh);
    expect(twice).toBe(once);
    expect(twice.list).toBe(list);
    expect(twice).toEqual({ list: [{ n: 5 }, { n: 6 }] });
  });

  it('rejects malformed ops with PatchError', () => {
    const bad: unknown[] = [
      [['set', 'a', 1]],
      [['set', [1.5], 1]],
      [['set', [-1], 1]],
      [['set', [{}], 1]],
      [['set', [], 'not an object']],
      [['set', [], [1, 2]]],
      [['splice', [], 0, 0, []]],
      [['splice', ['a'], '0', 0, []]],
      [['merge', ['a'], 1]],
      ['not an op'],
      [['set', ['__proto__'], 1]],
      [['set', ['a', '__proto__', 'b'], 1]],
    ];
    for (const ops of bad) expect(() => apply({}, ops as never), JSON.stringify(ops)).toThrow(PatchError);
    // Own-property walks only: `constructor` is just a key here, nothing global is touched.
    const next = apply({}, [['set', ['constructor', 'prototype', 'polluted'], 1]]);
    expect(next).toEqual({ constructor: { prototype: { polluted: 1 } } });
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
});
