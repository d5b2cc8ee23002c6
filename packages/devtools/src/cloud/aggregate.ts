/**
 * `collection.aggregate()…end()` in the emulator. NeDB has no aggregation, so the pipeline runs
 * here over the documents: a leading `match` is a NeDB query on the collection, later ones match
 * through an in-memory NeDB store (NeDB's own matcher, the same semantics), the other stages are
 * computed. Expressions are field references (`'$price'`) and constants; a stage or operator the
 * emulator does not run fails with error 3 naming it (see the README's table).
 */
import { Datastore } from './nedb.ts';
import { cloudError, FAILED, INVALID } from './errors.ts';
import { checkPath, getPath, isObject, toNedbQuery, type Doc, type NedbQuery } from './query.ts';

export const AGGREGATE_STAGES = ['match', 'group', 'sort', 'skip', 'limit', 'project', 'count', 'unwind', 'sortByCount', 'addFields'] as const;
export const ACCUMULATORS = ['$sum', '$avg', '$min', '$max', '$first', '$last', '$push', '$addToSet'] as const;

export interface Stage {
  stage: string;
  value: unknown;
}

/** Where the first stage's documents come from: the collection, filtered by a NeDB query. */
export type Source = (query: NedbQuery) => Promise<Doc[]>;

function expression(doc: Doc, expr: unknown): unknown {
  if (typeof expr === 'string' && expr.startsWith('$')) return getPath(doc, checkPath(expr.slice(1)));
  if (isObject(expr)) {
    const keys = Object.keys(expr);
    if (keys.some((k) => k.startsWith('$'))) throw cloudError(FAILED, `aggregate: the cloud emulator does not evaluate the expression operator ${keys.find((k) => k.startsWith('$'))}`);
    return Object.fromEntries(keys.map((k) => [k, expression(doc, expr[k])]));
  }
  return expr;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function sortBy(list: Doc[], spec: unknown): Doc[] {
  if (!isObject(spec)) throw cloudError(INVALID, 'aggregate sort takes { field: 1 | -1 }');
  const keys = Object.entries(spec).map(([field, dir]) => [checkPath(field), Number(dir) < 0 ? -1 : 1] as const);
  return [...list].sort((a, b) => {
    for (const [field, dir] of keys) {
      const c = compare(getPath(a, field), getPath(b, field));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

function accumulate(op: string, arg: unknown, docs: Doc[]): unknown {
  const values = docs.map((d) => expression(d, arg));
  const numbers = values.filter((v): v is number => typeof v === 'number');
  switch (op) {
    case '$sum': return numbers.reduce((s, n) => s + n, 0);
    case '$avg': return numbers.length === 0 ? null : numbers.reduce((s, n) => s + n, 0) / numbers.length;
    case '$min': return values.filter((v) => v !== undefined && v !== null).sort(compare)[0] ?? null;
    case '$max': return values.filter((v) => v !== undefined && v !== null).sort(compare).at(-1) ?? null;
    case '$first': return values[0] ?? null;
    case '$last': return values.at(-1) ?? null;
    case '$push': return values;
    case '$addToSet': {
      const seen = new Map<string, unknown>();
      for (const v of values) seen.set(JSON.stringify(v), v);
      return [...seen.values()];
    }
    default: throw cloudError(FAILED, `aggregate group: the cloud emulator does not run the accumulator ${op} (supported: ${ACCUMULATORS.join(', ')})`);
  }
}

function group(list: Doc[], spec: unknown): Doc[] {
  if (!isObject(spec) || !('_id' in spec)) throw cloudError(INVALID, 'aggregate group needs an _id ({ _id: "$field", total: $.sum("$n") })');
  const groups = new Map<string, { id: unknown; docs: Doc[] }>();
  for (const doc of list) {
    const id = expression(doc, spec._id) ?? null;
    const key = JSON.stringify(id);
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { id, docs: [] }));
    entry.docs.push(doc);
  }
  return [...groups.values()].map(({ id, docs }) => {
    const out: Doc = { _id: id };
    for (const [field, acc] of Object.entries(spec)) {
      if (field === '_id') continue;
      const ops = isObject(acc) ? Object.entries(acc) : [];
      if (ops.length !== 1) throw cloudError(INVALID, `aggregate group: field "${field}" needs one accumulator ({ $sum: "$n" })`);
      out[field] = accumulate(ops[0]![0], ops[0]![1], docs);
    }
    return out;
  });
}

function project(list: Doc[], spec: unknown, keepRest: boolean): Doc[] {
  if (!isObject(spec)) throw cloudError(INVALID, 'aggregate project takes { field: 1 | 0 | expression }');
  const entries = Object.entries(spec).map(([k, v]) => [checkPath(k), v] as const);
  const excluding = !keepRest && entries.some(([k, v]) => k !== '_id' && (v === 0 || v === false));
  return list.map((doc) => {
    if (excluding) {
      const out = structuredClone(doc);
      for (const [k, v] of entries) if (v === 0 || v === false) delete out[k];
      return out;
    }
    const out: Doc = keepRest ? structuredClone(doc) : spec._id === 0 || spec._id === false ? {} : { _id: doc._id };
    for (const [k, v] of entries) {
      if (k === '_id' && !keepRest) continue;
      if (v === 1 || v === true) {
        const value = getPath(doc, k);
        if (value !== undefined) out[k] = value;
      } else if (!(v === 0 || v === false)) out[k] = expression(doc, v);
    }
    return out;
  });
}

function unwind(list: Doc[], spec: unknown): Doc[] {
  const path = typeof spec === 'string' ? spec : isObject(spec) ? spec.path : undefined;
  if (typeof path !== 'string' || !path.startsWith('$')) throw cloudError(INVALID, 'aggregate unwind takes "$field" or { path: "$field" }');
  const field = checkPath(path.slice(1));
  const keepEmpty = isObject(spec) && spec.preserveNullAndEmptyArrays === true;
  return list.flatMap((doc) => {
    const value = getPath(doc, field);
    if (!Array.isArray(value) || value.length === 0) return keepEmpty || (value !== undefined && !Array.isArray(value)) ? [doc] : [];
    return value.map((item) => ({ ...doc, [field]: item }));
  });
}

async function matchInMemory(list: Doc[], condition: unknown): Promise<Doc[]> {
  const store = new Datastore({ inMemoryOnly: true });
  await store.insertAsync(list.map((d, i) => ({ ...d, _id: String(i) })) as never);
  const found = await store.findAsync(toNedbQuery([condition]));
  return found.map((d) => list[Number(d._id)]!);
}

export async function runPipeline(pipeline: Stage[], source: Source): Promise<Doc[]> {
  const first = pipeline[0];
  let list = await source(first?.stage === 'match' ? toNedbQuery([first.value]) : {});
  for (const [index, { stage, value }] of pipeline.entries()) {
    switch (stage) {
      case 'match': if (index > 0) list = await matchInMemory(list, value); break;
      case 'group': list = group(list, value); break;
      case 'sort': list = sortBy(list, value); break;
      case 'skip': list = list.slice(Math.max(0, Number(value) || 0)); break;
      case 'limit': list = list.slice(0, Math.max(0, Number(value) || 0)); break;
      case 'project': list = project(list, value, false); break;
      case 'addFields': list = project(list, value, true); break;
      case 'count': list = [{ [typeof value === 'string' && value ? value : 'count']: list.length }]; break;
      case 'unwind': list = unwind(list, value); break;
      case 'sortByCount': list = sortBy(group(list, { _id: value, count: { $sum: 1 } }), { count: -1 }); break;
      default: throw cloudError(FAILED, `aggregate: the cloud emulator does not run the stage "${stage}" (supported: ${AGGREGATE_STAGES.join(', ')})`);
    }
  }
  return list;
}
