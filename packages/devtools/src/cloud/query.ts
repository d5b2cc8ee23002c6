/**
 * The cloud SDK's query and update descriptions (as src/guest/cloud.ts sends them: commands are
 * `{ $cmd, value }` objects) translated to NeDB's Mongo-style queries and modifiers. Every key the
 * guest writes is checked first: a field name is never an operator (`$where`, `$or`…) and never
 * walks into another one, so the guest's JSON cannot inject NeDB operators of its own.
 */
import { compilePattern } from '@mpk/runtime/view-form';
import { cloudError, INVALID } from './errors.ts';

export type Doc = Record<string, unknown>;
export type NedbQuery = Record<string, unknown>;

interface Command {
  $cmd: string;
  value?: unknown;
}

/** Steps a `db.RegExp` may take on one field value (RE2 is linear; the backtracker is charged). */
const REGEX_STEPS = 100_000;

export function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCommand(value: unknown): value is Command {
  return isObject(value) && typeof value.$cmd === 'string';
}

function isServerDate(value: unknown): value is { $serverDate: true; offset?: number } {
  return isObject(value) && value.$serverDate === true;
}

const invalid = (message: string) => cloudError(INVALID, message);

/** A field name from the guest: not empty, no operator, no path separator of its own. */
export function checkField(key: string): string {
  if (key === '' || key.startsWith('$') || key.includes('\u0000')) throw invalid(`invalid field name ${JSON.stringify(key)}`);
  return key;
}

/** A dotted field path (`orderBy('a.b')`, projections): each segment checked. */
export function checkPath(path: unknown): string {
  if (typeof path !== 'string') throw invalid(`a field path must be a string, got ${JSON.stringify(path)}`);
  for (const segment of path.split('.')) checkField(segment);
  return path;
}

function listOf(cmd: Command): unknown[] {
  if (!Array.isArray(cmd.value)) throw invalid(`command "${cmd.$cmd}" takes an array, got ${JSON.stringify(cmd.value)}`);
  return cmd.value;
}

export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.')) {
    if (!isObject(value) && !Array.isArray(value)) return undefined;
    value = (value as Doc)[key];
  }
  return value;
}

/** `db.RegExp({ regexp, options })`: matched with mpk's linear-time engine, never the host's backtracking RegExp. */
function regexMatcher(path: string, value: unknown): NedbQuery {
  const { regexp, options } = (isObject(value) ? value : {}) as { regexp?: unknown; options?: unknown };
  const flags = String(options ?? '').replace(/[^imsu]/g, '');
  let pattern: ReturnType<typeof compilePattern>;
  try {
    pattern = compilePattern(String(regexp ?? ''), flags);
  } catch (error) {
    throw invalid(`db.RegExp: ${(error as Error).message}`);
  }
  return {
    $where(this: Doc) {
      const actual = getPath(this, path);
      if (typeof actual !== 'string') return false;
      let steps = 0;
      return pattern.exec(actual, 0, (n) => {
        steps += n;
        if (steps > REGEX_STEPS) throw invalid(`db.RegExp /${String(regexp)}/ took more than ${REGEX_STEPS} steps on one value`);
      }) !== null;
    },
  };
}

function and(parts: NedbQuery[]): NedbQuery {
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0]! : { $and: parts };
}

/** A command applied to one field (`age: _.gt(3)`). */
function fieldCommand(path: string, cmd: Command): NedbQuery {
  const v = cmd.value;
  const op = (name: string) => ({ [path]: { [name]: v } });
  const sub = (c: unknown) => (isCommand(c) ? fieldCommand(path, c) : condition(c, path));
  switch (cmd.$cmd) {
    case 'eq': return { [path]: v };
    case 'neq': return op('$ne');
    case 'gt': return op('$gt');
    case 'gte': return op('$gte');
    case 'lt': return op('$lt');
    case 'lte': return op('$lte');
    case 'in': listOf(cmd); return op('$in');
    case 'nin': listOf(cmd); return op('$nin');
    case 'exists': return { [path]: { $exists: v !== false } };
    case 'size':
      if (typeof v !== 'number') throw invalid(`command "size" takes a number, got ${JSON.stringify(v)}`);
      return op('$size');
    case 'elemMatch': return { [path]: { $elemMatch: condition(v, '') } };
    case 'all': return and(listOf(cmd).map((item) => ({ [path]: item })));
    case 'and': return and(listOf(cmd).map(sub));
    case 'or': return { $or: listOf(cmd).map(sub) };
    case 'nor': return { $not: { $or: listOf(cmd).map(sub) } };
    case 'not': return { $not: sub(v) };
    case 'regex': return regexMatcher(path, v);
    default: throw invalid(`the cloud emulator does not know the query command "${cmd.$cmd}"`);
  }
}

/** A where-condition (or a part of one under `prefix`): nested plain objects match nested fields. */
function condition(cond: unknown, prefix: string): NedbQuery {
  if (isCommand(cond)) {
    if (prefix) return fieldCommand(prefix, cond);
    // A command over the whole document: `where(_.or([{…}, {…}]))`.
    const list = () => listOf(cond).map((c) => condition(c, ''));
    if (cond.$cmd === 'and') return and(list());
    if (cond.$cmd === 'or') return { $or: list() };
    if (cond.$cmd === 'nor') return { $not: { $or: list() } };
    throw invalid(`command "${cond.$cmd}" needs a field (where({ field: _.${cond.$cmd}(…) }))`);
  }
  if (!isObject(cond) || isServerDate(cond)) {
    if (prefix) return { [prefix]: cond };
    throw invalid(`a where condition must be an object, got ${JSON.stringify(cond)}`);
  }
  const parts: NedbQuery[] = [];
  for (const [key, value] of Object.entries(cond)) {
    const path = prefix ? `${prefix}.${checkField(key)}` : checkPath(key);
    if (isCommand(value)) parts.push(fieldCommand(path, value));
    else if (isObject(value) && !isServerDate(value)) parts.push(condition(value, path));
    else parts.push({ [path]: value });
  }
  return and(parts);
}

/** Every `where()` of a query, ANDed. */
export function toNedbQuery(where: unknown[] | undefined): NedbQuery {
  return and((where ?? []).map((c) => condition(c, '')));
}

export function resolveValue(value: unknown, now: number): unknown {
  if (isServerDate(value)) return new Date(now + Number(value.offset ?? 0)).toISOString();
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, now));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [checkField(k), resolveValue(v, now)]));
  return value;
}

/** An update NeDB cannot express (mul, unshift, rename): computed from the document it applies to. */
type Computed = (doc: Doc) => { set?: Doc; unset?: string[] };

export interface TranslatedUpdate {
  /** NeDB modifiers: `$set`, `$unset`, `$inc`, `$push`, `$pop`, `$pull`, `$addToSet`, `$min`, `$max`. */
  modifiers: Record<string, Doc>;
  computed: Computed[];
}

function numberOf(cmd: Command): number {
  if (typeof cmd.value !== 'number' || !Number.isFinite(cmd.value)) throw invalid(`command "${cmd.$cmd}" takes a number, got ${JSON.stringify(cmd.value)}`);
  return cmd.value;
}

/** `_.pull(_.gt(3))` → NeDB's `{ $gt: 3 }`, `_.pull(3)` → 3. */
function pullCondition(value: unknown): unknown {
  if (!isCommand(value)) return value;
  const query = fieldCommand('v', value);
  if (Object.keys(query).length !== 1 || !('v' in query)) throw invalid(`pull does not take the command "${value.$cmd}"`);
  return query.v;
}

/**
 * An update's data: plain values set the field (nested objects set nested fields, as the platform
 * merges them), commands map to NeDB modifiers or are computed per document.
 */
export function translateUpdate(data: unknown, now: number): TranslatedUpdate {
  if (!isObject(data)) throw invalid(`update data must be an object, got ${JSON.stringify(data)}`);
  const modifiers: Record<string, Doc> = {};
  const computed: Computed[] = [];
  const mod = (name: string, path: string, value: unknown) => ((modifiers[name] ??= {})[path] = value);
  const walk = (object: Doc, prefix: string) => {
    for (const [key, value] of Object.entries(object)) {
      if (!prefix && key === '_id') continue;
      const path = prefix ? `${prefix}.${checkField(key)}` : checkPath(key);
      if (!isCommand(value)) {
        if (isObject(value) && !isServerDate(value) && Object.keys(value).length > 0) walk(value, path);
        else mod('$set', path, resolveValue(value, now));
        continue;
      }
      const v = value.value;
      switch (value.$cmd) {
        case 'set': mod('$set', path, resolveValue(v, now)); break;
        case 'remove': mod('$unset', path, true); break;
        case 'inc': mod('$inc', path, numberOf(value)); break;
        case 'min': mod('$min', path, v); break;
        case 'max': mod('$max', path, v); break;
        case 'mul': {
          const n = numberOf(value);
          computed.push((doc) => ({ set: { [path]: (typeof getPath(doc, path) === 'number' ? (getPath(doc, path) as number) : 0) * n } }));
          break;
        }
        case 'push': {
          const each = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.each) ? v.each : [v];
          const extra = isObject(v) && typeof v.slice === 'number' ? { $slice: v.slice } : {};
          if (isObject(v) && (v.position !== undefined || v.sort !== undefined)) throw invalid('push: the cloud emulator does not support position or sort');
          mod('$push', path, { $each: resolveValue(each, now), ...extra });
          break;
        }
        case 'pop': mod('$pop', path, 1); break;
        case 'shift': mod('$pop', path, -1); break;
        case 'unshift': {
          const items = Array.isArray(v) ? v : [v];
          computed.push((doc) => {
            const current = getPath(doc, path);
            return { set: { [path]: [...(resolveValue(items, now) as unknown[]), ...(Array.isArray(current) ? current : [])] } };
          });
          break;
        }
        case 'pull': mod('$pull', path, pullCondition(v)); break;
        case 'pullAll': mod('$pull', path, { $in: listOf(value) }); break;
        case 'addToSet': mod('$addToSet', path, isObject(v) && Array.isArray(v.each) ? { $each: v.each } : v); break;
        case 'rename': {
          const target = checkPath(v);
          computed.push((doc) => {
            const current = getPath(doc, path);
            return current === undefined ? {} : { set: { [target]: current }, unset: [path] };
          });
          break;
        }
        default: throw invalid(`the cloud emulator does not know the update command "${value.$cmd}"`);
      }
    }
  };
  walk(data, '');
  if (Object.keys(modifiers).length === 0 && computed.length === 0) throw invalid('update data is empty');
  return { modifiers, computed };
}

/** The modifiers for one document: the shared ones plus what its computed updates give. */
export function modifiersFor(update: TranslatedUpdate, doc: Doc): Record<string, Doc> {
  const out: Record<string, Doc> = Object.fromEntries(Object.entries(update.modifiers).map(([k, v]) => [k, { ...v }]));
  for (const compute of update.computed) {
    const { set, unset } = compute(doc);
    if (set) Object.assign((out.$set ??= {}), set);
    for (const path of unset ?? []) (out.$unset ??= {})[path] = true;
  }
  return out;
}

/** `field({ a: true, b: false })` → NeDB's `{ a: 1, b: 0 }`. */
export function toProjection(field: unknown): Record<string, 0 | 1> | undefined {
  if (!isObject(field) || Object.keys(field).length === 0) return undefined;
  return Object.fromEntries(Object.entries(field).map(([k, on]) => [checkPath(k), on ? 1 : 0]));
}
