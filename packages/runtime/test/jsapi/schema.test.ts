import { describe, expect, it } from 'vitest';
import { describeSchema, exampleOf, s, schemaKeys, validateArgs } from '../../src/jsapi/index.ts';

const params = s.object(
  {
    name: s.string({ minLength: 1 }),
    mode: s.enum(['fast', 'slow'], { default: 'fast', caseInsensitive: true }),
    count: s.integer({ minimum: 1, maximum: 3 }),
    tags: s.array(s.string(), { maxItems: 2 }),
    where: s.union(s.string(), s.array(s.string())),
    nested: s.object({ deep: s.object({ flag: s.boolean() }, { required: ['flag'] }) }),
    extra: s.record(s.number()),
    anything: s.any(),
  },
  { required: ['name'] },
);

function error(args: unknown): string {
  const result = validateArgs('api', params, args);
  if (result.ok) throw new Error('expected a validation error');
  return result.message;
}

describe('schema validation', () => {
  it('accepts valid input and fills defaults without mutating it', () => {
    const input = { name: 'x', count: 2 };
    const result = validateArgs('api', params, input);
    expect(result).toEqual({ ok: true, value: { name: 'x', count: 2, mode: 'fast' } });
    expect(input).toEqual({ name: 'x', count: 2 });
  });

  it('normalises case-insensitive enums to the declared spelling', () => {
    expect(validateArgs('api', params, { name: 'x', mode: 'SLOW' })).toMatchObject({ ok: true, value: { mode: 'slow' } });
  });

  it('names the parameter, what it should be and what it got', () => {
    expect(error({})).toBe('api: parameter "name" is required (string)');
    expect(error({ name: '' })).toBe('api: parameter "name" must not be empty');
    expect(error({ name: 'x', mode: 'medium' })).toBe('api: parameter "mode" should be "fast" | "slow", got string "medium"');
    expect(error({ name: 'x', count: 1.5 })).toBe('api: parameter "count" should be integer, got number');
    expect(error({ name: 'x', count: 9 })).toBe('api: parameter "count" should be at most 3, got 9');
    expect(error({ name: 'x', tags: ['a', 2] })).toBe('api: parameter "tags[1]" should be string, got number');
    expect(error({ name: 'x', tags: ['a', 'b', 'c'] })).toBe('api: parameter "tags" should have at most 2 items, got 3');
    expect(error({ name: 'x', where: 3 })).toBe('api: parameter "where" should be string or array of string, got number');
    expect(error({ name: 'x', nested: { deep: {} } })).toBe('api: parameter "nested.deep.flag" is required (boolean)');
    expect(error({ name: 'x', extra: { a: 1, b: 'two' } })).toBe('api: parameter "extra.b" should be number, got string "two"');
    expect(error([])).toBe('api: argument should be object, got array');
  });

  it('treats a missing argument as an empty object', () => {
    expect(validateArgs('api', s.object({ a: s.string() }), undefined)).toEqual({ ok: true, value: {} });
    expect(validateArgs('api', undefined, null)).toEqual({ ok: true, value: {} });
  });

  it('lets any JSON through where "any" is declared, and ignores undeclared keys', () => {
    expect(validateArgs('api', params, { name: 'x', anything: [1, { a: null }], unknownKey: true })).toMatchObject({ ok: true });
  });

  it('describes schemas for messages', () => {
    expect(describeSchema(s.array(s.union(s.string(), s.number())))).toBe('array of string or number');
  });

  it('lists canIUse keys with enum options', () => {
    expect(schemaKeys(s.object({ a: s.enum(['x', 'y']), b: s.number() }))).toEqual(['a', 'a.x', 'a.y', 'b']);
  });

  it('builds schema-shaped examples', () => {
    expect(exampleOf(params)).toEqual({
      name: '',
      mode: 'fast',
      count: 1,
      tags: [],
      where: '',
      nested: { deep: { flag: false } },
      extra: {},
      anything: null,
    });
    expect(exampleOf(s.string({ example: 'hello' }))).toBe('hello');
  });
});
