/**
 * A small schema language for JSAPI parameters and results. One declaration per API drives
 * validation at the bridge, `canIUse` descriptors, generated TypeScript types and mocks, so the
 * vocabulary is deliberately tiny: strings, numbers, booleans, objects, arrays, enums, unions and
 * "any JSON".
 */

interface SchemaBase {
  description?: string;
  /** Used by mocks and generated docs; never by validation. */
  example?: unknown;
}

export interface StringSchema extends SchemaBase {
  type: 'string';
  enum?: readonly string[];
  /** Values outside `enum` compare case-insensitively when set (the docs accept `JSON` and `json`). */
  caseInsensitive?: boolean;
  minLength?: number;
  maxLength?: number;
  default?: string;
}

export interface NumberSchema extends SchemaBase {
  type: 'number';
  integer?: boolean;
  minimum?: number;
  maximum?: number;
  enum?: readonly number[];
  default?: number;
}

export interface BooleanSchema extends SchemaBase {
  type: 'boolean';
  default?: boolean;
}

export interface ObjectSchema extends SchemaBase {
  type: 'object';
  properties?: Record<string, Schema>;
  required?: readonly string[];
  /** Schema of keys not listed in `properties` (a record). Unlisted keys are otherwise accepted as they are. */
  additionalProperties?: Schema;
}

export interface ArraySchema extends SchemaBase {
  type: 'array';
  items?: Schema;
  minItems?: number;
  maxItems?: number;
}

export interface UnionSchema extends SchemaBase {
  type: 'union';
  anyOf: readonly Schema[];
}

/** Any JSON value (string, number, boolean, null, array, object). */
export interface AnySchema extends SchemaBase {
  type: 'any';
}

export type Schema = StringSchema | NumberSchema | BooleanSchema | ObjectSchema | ArraySchema | UnionSchema | AnySchema;

/** Builders that keep catalogue declarations short. */
export const s = {
  string: (opts: Omit<StringSchema, 'type'> = {}): StringSchema => ({ type: 'string', ...opts }),
  enum: (values: readonly string[], opts: Omit<StringSchema, 'type' | 'enum'> = {}): StringSchema => ({ type: 'string', enum: values, ...opts }),
  number: (opts: Omit<NumberSchema, 'type'> = {}): NumberSchema => ({ type: 'number', ...opts }),
  integer: (opts: Omit<NumberSchema, 'type' | 'integer'> = {}): NumberSchema => ({ type: 'number', integer: true, ...opts }),
  boolean: (opts: Omit<BooleanSchema, 'type'> = {}): BooleanSchema => ({ type: 'boolean', ...opts }),
  any: (opts: Omit<AnySchema, 'type'> = {}): AnySchema => ({ type: 'any', ...opts }),
  array: (items?: Schema, opts: Omit<ArraySchema, 'type' | 'items'> = {}): ArraySchema => ({ type: 'array', items, ...opts }),
  object: (properties: Record<string, Schema> = {}, opts: Omit<ObjectSchema, 'type' | 'properties'> = {}): ObjectSchema => ({
    type: 'object',
    properties,
    ...opts,
  }),
  /** An object whose every value matches `values` (HTTP headers, form data). */
  record: (values: Schema, opts: Omit<ObjectSchema, 'type' | 'additionalProperties'> = {}): ObjectSchema => ({
    type: 'object',
    additionalProperties: values,
    ...opts,
  }),
  union: (...anyOf: Schema[]): UnionSchema => ({ type: 'union', anyOf }),
};

export type ValidationResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Short human name of a schema, as used in error messages: `string`, `"GET" | "POST"`, `string or array`. */
export function describeSchema(schema: Schema): string {
  switch (schema.type) {
    case 'string':
      return schema.enum ? schema.enum.map((v) => JSON.stringify(v)).join(' | ') : 'string';
    case 'number':
      if (schema.enum) return schema.enum.join(' | ');
      return schema.integer ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array':
      return schema.items ? `array of ${describeSchema(schema.items)}` : 'array';
    case 'union':
      return schema.anyOf.map(describeSchema).join(' or ');
    case 'any':
      return 'any JSON value';
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value.length > 40 ? `string "${value.slice(0, 40)}…"` : `string ${JSON.stringify(value)}`;
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** A decimal number written as a string (`'100'`, `'-1.5'`, `'2e3'`). */
const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

class Invalid {
  constructor(readonly message: string) {}
}

/**
 * Checks `value` against `schema` and returns it with declared defaults filled in (a copy where
 * something was filled; the input is never mutated). `path` names the value in messages.
 */
function check(schema: Schema, value: unknown, path: string, args = false): unknown {
  const where = `parameter "${path}"`;
  const mismatch = (): Invalid => new Invalid(`${where} should be ${describeSchema(schema)}, got ${describeValue(value)}`);
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return mismatch();
      if (schema.enum) {
        const match = schema.enum.find((v) => v === value || (schema.caseInsensitive && v.toLowerCase() === value.toLowerCase()));
        if (match === undefined) return mismatch();
        return match;
      }
      if (schema.minLength !== undefined && value.length < schema.minLength) {
        return new Invalid(schema.minLength === 1 ? `${where} must not be empty` : `${where} should have at least ${schema.minLength} characters`);
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        return new Invalid(`${where} is too long (${value.length} characters, at most ${schema.maxLength})`);
      }
      return value;
    }
    case 'number': {
      // The clients read numeric parameters from numeric strings too (`delay: '100'`); results stay strict.
      const n = args && typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return mismatch();
      if (schema.integer && !Number.isInteger(n)) return mismatch();
      if (schema.enum && !schema.enum.includes(n)) return mismatch();
      if (schema.minimum !== undefined && n < schema.minimum) return new Invalid(`${where} should be at least ${schema.minimum}, got ${n}`);
      if (schema.maximum !== undefined && n > schema.maximum) return new Invalid(`${where} should be at most ${schema.maximum}, got ${n}`);
      return n;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : mismatch();
    case 'any':
      return value;
    case 'array': {
      if (!Array.isArray(value)) return mismatch();
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        return new Invalid(`${where} should have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        return new Invalid(`${where} should have at most ${schema.maxItems} items, got ${value.length}`);
      }
      if (!schema.items) return value;
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = check(schema.items, value[i], joinPath(path, i), args);
        if (item instanceof Invalid) return item;
        if (item !== value[i]) (copy ??= value.slice())[i] = item;
      }
      return copy ?? value;
    }
    case 'object':
      return checkObject(schema, value, path, args);
    case 'union': {
      for (const branch of schema.anyOf) {
        const result = check(branch, value, path, args);
        if (!(result instanceof Invalid)) return result;
      }
      return mismatch();
    }
  }
}

function checkObject(schema: ObjectSchema, value: unknown, path: string, args: boolean): unknown {
  if (!isPlainObject(value)) {
    return new Invalid(`${path ? `parameter "${path}"` : 'argument'} should be object, got ${describeValue(value)}`);
  }
  let copy: Record<string, unknown> | undefined;
  const properties = schema.properties ?? {};
  for (const [key, propSchema] of Object.entries(properties)) {
    // null counts as missing ("必填参数为空"), except where any JSON value — null included — is declared.
    const given = Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
    const present = given !== undefined && (given !== null || propSchema.type === 'any');
    const propPath = joinPath(path, key);
    if (!present) {
      if (schema.required?.includes(key)) {
        return new Invalid(`parameter "${propPath}" is required (${describeSchema(propSchema)})`);
      }
      const fallback = 'default' in propSchema ? propSchema.default : undefined;
      if (fallback !== undefined) (copy ??= { ...value })[key] = fallback;
      continue;
    }
    const checked = check(propSchema, value[key], propPath, args);
    if (checked instanceof Invalid) return checked;
    if (checked !== value[key]) (copy ??= { ...value })[key] = checked;
  }
  if (schema.additionalProperties) {
    for (const key of Object.keys(value)) {
      if (key in properties) continue;
      const checked = check(schema.additionalProperties, value[key], joinPath(path, key), args);
      if (checked instanceof Invalid) return checked;
    }
  }
  return copy ?? value;
}

/**
 * Validates the single object argument of an API. `undefined`/`null` count as `{}` (most APIs
 * take an optional object). Messages read `request: parameter "url" is required (string)`.
 */
export function validateArgs(api: string, schema: ObjectSchema | undefined, args: unknown): ValidationResult {
  const value = args === undefined || args === null ? {} : args;
  if (!schema) return { ok: true, value };
  const result = check(schema, value, '', true);
  if (result instanceof Invalid) return { ok: false, message: `${api}: ${result.message}` };
  return { ok: true, value: result };
}

/** Validates any value against a schema (results, task events); `name` prefixes the message. */
export function validateValue(name: string, schema: Schema, value: unknown): ValidationResult {
  const result = check(schema, value, name);
  if (result instanceof Invalid) return { ok: false, message: result.message };
  return { ok: true, value: result };
}

/**
 * Names `canIUse` can answer for under `api.object.*` (parameters) or `api.callback.*`/`api.return.*`
 * (results): each top-level property, plus `property.option` for every enum value.
 */
export function schemaKeys(schema: Schema | undefined): string[] {
  if (!schema || schema.type !== 'object' || !schema.properties) return [];
  const keys: string[] = [];
  for (const [key, prop] of Object.entries(schema.properties)) {
    keys.push(key);
    const values = prop.type === 'string' || prop.type === 'number' ? prop.enum : undefined;
    if (values) for (const option of values) keys.push(`${key}.${option}`);
  }
  return keys;
}

/** A value of the schema's shape: the declared example, else defaults, else empty values. */
export function exampleOf(schema: Schema | undefined): unknown {
  if (!schema) return {};
  if (schema.example !== undefined) return structuredClone(schema.example);
  switch (schema.type) {
    case 'string':
      return schema.default ?? schema.enum?.[0] ?? '';
    case 'number':
      return schema.default ?? schema.enum?.[0] ?? schema.minimum ?? 0;
    case 'boolean':
      return schema.default ?? false;
    case 'any':
      return null;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items));
    case 'union':
      return exampleOf(schema.anyOf[0]);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = exampleOf(prop);
      return out;
    }
  }
}
