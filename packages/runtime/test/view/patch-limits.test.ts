/** The view refuses a patch path that would make a sparse giant (defence in depth: the base library refuses it first). */
import { describe, expect, it } from 'vitest';
import { applyPatchOps, PatchError } from '../../src/view/patch-data.ts';
import { MAX_INDEX_GAP } from '../../src/contract/data-path.ts';

describe('applyPatchOps and array indexes', () => {
  it('sets an element a little past the end, and refuses one far past it, changing nothing', () => {
    const data = { list: [1, 2, 3] };
    const next = applyPatchOps(data, [['set', ['list', 3 + MAX_INDEX_GAP], 'edge']], new WeakSet());
    expect((next.list as unknown[]).length).toBe(4 + MAX_INDEX_GAP);
    expect(() => applyPatchOps(data, [['set', ['list', 999_999_999], 1]], new WeakSet())).toThrow(PatchError);
    expect(() => applyPatchOps(data, [['set', ['list', 999_999_999], 1]], new WeakSet())).toThrow(/index 999999999 is more than 1000 past the end of an array of 3/);
    expect(data).toEqual({ list: [1, 2, 3] });
  });

  it('counts containers the path creates as empty', () => {
    expect(() => applyPatchOps({}, [['set', ['fresh', 5000], 1]], new WeakSet())).toThrow(/array of 0/);
    expect(() => applyPatchOps({}, [['set', ['a', 0, 'rows', 2000, 'x'], 1]], new WeakSet())).toThrow(/index 2000/);
    expect(applyPatchOps({}, [['set', ['a', 2, 'b'], 1]], new WeakSet())).toEqual({ a: [undefined, undefined, { b: 1 }] });
  });

  it('checks splice paths too, and keeps an object with numeric keys an object', () => {
    expect(() => applyPatchOps({ list: [] }, [['splice', ['list', 5000, 'rows'], 0, 0, [1]]], new WeakSet())).toThrow(/index 5000/);
    expect(applyPatchOps({ map: {} }, [['set', ['map', 999_999_999], 1]], new WeakSet())).toEqual({ map: { 999999999: 1 } });
  });
});
