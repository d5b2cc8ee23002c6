import { describe, expect, it } from 'vitest';
import { deepClone, parsePath, setAtPath, spliceAtPath } from '../../src/guest/path.ts';

describe('data paths', () => {
  it('parses dots and indexes', () => {
    expect(parsePath('a')).toEqual(['a']);
    expect(parsePath('a.b[1].c')).toEqual(['a', 'b', 1, 'c']);
    expect(parsePath('arr[0].text')).toEqual(['arr', 0, 'text']);
    expect(parsePath('m[0][12]')).toEqual(['m', 0, 12]);
    expect(parsePath('with-dash.and space')).toEqual(['with-dash', 'and space']);
  });

  it('rejects malformed paths', () => {
    for (const bad of ['', '.a', 'a.', 'a..b', 'a[', 'a[x]', 'a[-1]', 'a]', 'a[0]b', '__proto__', 'a.__proto__.b']) {
      expect(() => parsePath(bad), bad).toThrow(TypeError);
    }
  });

  it('sets values creating containers (array for an index), without touching prototypes', () => {
    const data: Record<string, unknown> = { n: 5, constructor: undefined };
    setAtPath(data, ['x', 'list', 2, 'name'], 'z');
    setAtPath(data, ['n', 'inner'], 1);
    setAtPath(data, ['toString', 'x'], 1);
    expect(JSON.parse(JSON.stringify(data))).toEqual({ x: { list: [null, null, { name: 'z' }] }, n: { inner: 1 }, toString: { x: 1 } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('copy-on-write keeps the previous tree intact', () => {
    const before = { a: { b: [1, 2] }, other: { keep: true } };
    const fresh = new WeakSet<object>();
    const after = { ...before };
    fresh.add(after);
    setAtPath(after, ['a', 'b', 0], 9, fresh);
    spliceAtPath(after, ['a', 'b'], 1, 1, ['x', 'y'], fresh);
    expect(before.a.b).toEqual([1, 2]);
    expect(after.a.b).toEqual([9, 'x', 'y']);
    expect(after.other).toBe(before.other);
  });

  it('splices like Array.prototype.splice, creating a missing array and refusing a non-array', () => {
    const data: Record<string, unknown> = { list: [1, 2, 3, 4], obj: {} };
    spliceAtPath(data, ['list'], -1, 1, ['last']);
    spliceAtPath(data, ['made'], 0, 0, ['a']);
    expect(data.list).toEqual([1, 2, 3, 'last']);
    expect(data.made).toEqual(['a']);
    expect(() => spliceAtPath(data, ['obj'], 0, 0, [])).toThrow(/not an array/);
    const big = Array.from({ length: 200_000 }, (_, i) => i);
    spliceAtPath(data, ['list'], 0, 0, big);
    expect((data.list as unknown[]).length).toBe(200_004);
  });

  it('deep-clones plain data and shares other objects', () => {
    const date = new Date(0);
    const source = { a: [{ b: 1 }], date };
    const copy = deepClone(source);
    copy.a[0].b = 2;
    expect(source.a[0].b).toBe(1);
    expect(copy.date).toBe(date);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const c2 = deepClone(cyclic);
    expect(c2.self).toBe(c2);
  });
});
