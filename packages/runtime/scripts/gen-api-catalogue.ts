/**
 * Writes src/jsapi/apis/docs-catalogue.ts from the platform's API docs (one .md per `my.*` name
 * under alipay-open-docs/mini/api): for every documented name its kind, its parameter and result
 * tables as schemas, its documented error codes, the methods of the object it returns (managers
 * and contexts) and the doc it comes from. The runtime declares every name of that list: with a
 * handler where mpk implements it (apis/*.ts), as "not supported" otherwise (apis/unsupported.ts).
 *
 *   node --import tsx packages/runtime/scripts/gen-api-catalogue.ts [docs/mini/api]
 *
 * Default docs folder: ../shared/reference/alipay-open-docs/mini/api beside the repository.
 */

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const docsDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '../shared/reference/alipay-open-docs/mini/api'));
const outFile = path.join(here, '../src/jsapi/apis/docs-catalogue.ts');

/** Documented names that are values, not functions. */
const PROPERTIES = new Set(['SDKVersion', 'env']);
/** Documented synchronous functions whose names do not end in Sync. */
const SYNC = new Set(['arrayBufferToBase64', 'base64ToArrayBuffer', 'canIUse']);
/**
 * Functions that return an object with methods (a manager or a context), and the type whose
 * `<Type>.<method>.md` docs list those methods (or whose 方法列表 table is in the API's own doc).
 */
const FACTORIES: Record<string, string> = {
  createAnimation: 'Animation',
  createCameraContext: 'CameraContext',
  createCanvasContext: 'CanvasContext',
  createInnerAudioContext: 'InnerAudioContext',
  createIntersectionObserver: 'IntersectionObserver',
  createLottieContext: 'LottieContext',
  createMapContext: 'MapContext',
  createOffscreenCanvas: 'OffscreenCanvas',
  createSelectorQuery: 'SelectorQuery',
  createVideoContext: 'VideoContext',
  createWorker: 'Worker',
  getBackgroundAudioManager: 'BackgroundAudioManager',
  getFileSystemManager: 'FileSystemManager',
  getRecorderManager: 'RecorderManager',
  getUpdateManager: 'UpdateManager',
};

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (entry.endsWith('.md')) out.push(full);
  }
  return out;
}

interface Row {
  [column: string]: string;
}

interface Table {
  heading: string;
  /** The text between the heading and the table. */
  lead: string;
  columns: string[];
  rows: Row[];
}

function clean(cell: string): string {
  return cell
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*\*/g, '')
    .replace(/\\([<>|_*])/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '\\' && inner[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '|') {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells.map(clean);
}

/** Every table of a doc with the heading above it. */
function tables(text: string): Table[] {
  const lines = text.split('\n');
  const found: Table[] = [];
  let heading = '';
  let lead = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^(#+)\s*(.*)$/.exec(line);
    if (h) {
      heading = clean(h[2]);
      lead = '';
      continue;
    }
    if (line.trim().startsWith('|') && lines[i + 1]?.trim().match(/^\|\s*:?-{2,}/)) {
      const columns = splitRow(line);
      const rows: Row[] = [];
      let j = i + 2;
      for (; j < lines.length && lines[j].trim().startsWith('|'); j++) {
        const cells = splitRow(lines[j]);
        const row: Row = {};
        columns.forEach((c, k) => (row[c] = cells[k] ?? ''));
        rows.push(row);
      }
      found.push({ heading, lead, columns, rows });
      i = j - 1;
      lead = '';
      continue;
    }
    lead += `${line}\n`;
  }
  return found;
}

function column(table: Table, ...names: string[]): string | undefined {
  return table.columns.find((c) => names.some((n) => c.includes(n)));
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A schema builder expression for a documented type. */
function schemaOf(type: string): string {
  const t = type.replace(/（[^）]*）|\([^)]*\)/g, '').replace(/\s+/g, '').replace(/\\/g, '');
  const parts = t.split(/\/|\||或|,|，/).filter(Boolean);
  if (parts.length > 1) {
    const branches = [...new Set(parts.map(schemaOf))];
    return branches.includes('s.any()') ? 's.any()' : branches.length === 1 ? branches[0] : `s.union(${branches.join(', ')})`;
  }
  const lower = t.toLowerCase();
  if (/^(string|str|hexstring|hexcolor|color)$/.test(lower)) return 's.string()';
  if (/^(number|int|integer|float|double|long)$/.test(lower)) return 's.number()';
  if (lower === 'boolean' || lower === 'bool') return 's.boolean()';
  if (/^(array|list)(<|\[|$)|\[\]$|array$/.test(lower)) {
    const item = /<(.+)>/.exec(t)?.[1] ?? /^(.+)\[\]$/.exec(t)?.[1] ?? /^(string|number|object)array$/i.exec(t)?.[1];
    return item ? `s.array(${schemaOf(item)})` : 's.array()';
  }
  if (lower === 'object' || lower === 'json' || /^object</.test(lower) || /^[A-Z][A-Za-z]*$/.test(t) && !/^(Function|ArrayBuffer|Any)$/.test(t)) return 's.object()';
  return 's.any()';
}

/** `s.object({...}, { required })` from a parameter or result table; undefined when nothing is left. */
function objectSchema(table: Table | undefined, withRequired: boolean, nested: Map<string, Table>): string | undefined {
  if (!table) return undefined;
  const nameCol = column(table, '参数', '属性', '名称', '字段', 'Key', 'key', '名');
  const typeCol = column(table, '类型', 'Type');
  const requiredCol = column(table, '必填', '必选', '是否必须');
  if (!nameCol || !typeCol) return undefined;
  const props: string[] = [];
  const required: string[] = [];
  for (const row of table.rows) {
    const name = row[nameCol].replace(/^object\./, '').replace(/[()（）]/g, '').trim();
    const type = row[typeCol];
    if (!IDENT.test(name) || /^func/i.test(type.trim()) || ['success', 'fail', 'complete'].includes(name)) continue;
    if (props.some((p) => p.startsWith(`${name}:`))) continue;
    let schema = schemaOf(type);
    const sub = nested.get(name);
    if (schema === 's.object()' && sub) schema = objectSchema(sub, withRequired, new Map()) ?? schema;
    props.push(`${name}: ${schema}`);
    if (withRequired && requiredCol && /^(是|yes|true|必填|Y)$/i.test(row[requiredCol].trim())) required.push(name);
  }
  if (props.length === 0) return undefined;
  const opts = required.length > 0 ? `, { required: [${required.map((r) => `'${r}'`).join(', ')}] }` : '';
  return `s.object({ ${props.join(', ')} }${opts})`;
}

interface Entry {
  name: string;
  kind: 'async' | 'sync' | 'event' | 'property';
  doc: string;
  summary: string;
  params?: string;
  result?: string;
  errors: [number, string][];
  methods?: string[];
  object?: string;
}

function summaryOf(text: string, name: string): string {
  const intro = /#+\s*简介\s*\n([\s\S]*?)(\n#|$)/.exec(text)?.[1] ?? '';
  const first = clean(intro.split('\n').find((l) => l.trim() !== '') ?? '');
  const sentence = first.split(/。|\. /)[0].replace(new RegExp(`^my\\.${name.replace(/\./g, '\\.')}\\s*(是|为)?\\s*`), '').trim();
  return sentence.length > 90 ? `${sentence.slice(0, 89)}…` : sentence;
}

function kindOf(name: string): Entry['kind'] {
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (PROPERTIES.has(name)) return 'property';
  if (/^(on|off)[A-Z]/.test(last)) return 'event';
  if (last.endsWith('Sync') || SYNC.has(name) || FACTORIES[name]) return 'sync';
  return 'async';
}

function methodsOf(type: string, text: string, allFiles: string[]): string[] {
  const methods = new Set<string>();
  for (const file of allFiles) {
    const base = path.basename(file, '.md');
    if (base.startsWith(`${type}.`)) methods.add(base.slice(type.length + 1));
  }
  for (const table of tables(text)) {
    if (!/方法/.test(table.heading)) continue;
    const nameCol = table.columns[0];
    for (const row of table.rows) {
      const method = row[nameCol].replace(/\(.*$/, '').trim();
      if (IDENT.test(method)) methods.add(method);
    }
  }
  return [...methods].sort();
}

const PARAM_HEADINGS = /^(入参|参数|1\. 调用参数说明|Object object|参数说明)$/;
const RESULT_HEADINGS = /^(Function success|success 回调函数|success 返回值|出参|返回值|2\. 返回参数说明|回调函数|Function callback)$/;

function parse(file: string, allFiles: string[]): Entry {
  const text = readFileSync(file, 'utf8');
  const name = path.basename(file, '.md').replace(/^my\./, '');
  const kind = kindOf(name);
  const all = tables(text);
  const nested = new Map<string, Table>();
  for (const t of all) {
    const m = /^(Object|Array|Array<Object>)\s+([A-Za-z_$][\w$]*)$/.exec(t.heading);
    if (m) nested.set(m[2], t);
  }
  const paramTable = all.find((t) => PARAM_HEADINGS.test(t.heading) && column(t, '类型'));
  let resultTable = all.find((t) => RESULT_HEADINGS.test(t.heading) && column(t, '类型'));
  let params = kind === 'event' || kind === 'property' ? undefined : objectSchema(paramTable, true, nested);
  if (kind === 'event' && name.includes('on')) {
    // The listener's argument: the 入参 table itself unless it only lists the callback.
    const payload = paramTable && objectSchema(paramTable, false, nested) ? paramTable : resultTable;
    resultTable = payload;
  }
  if (kind === 'event' && !/(^|\.)on[A-Z]/.test(name)) resultTable = undefined;
  if (FACTORIES[name] && kind === 'sync') resultTable = undefined;
  const result = kind === 'property' ? undefined : objectSchema(resultTable, false, nested);
  if (name === 'canIUse') params = undefined;
  const errors: [number, string][] = [];
  for (const t of all) {
    if (!/错误码|error/i.test(t.heading) && !column(t, '错误码')) continue;
    const codeCol = column(t, '错误码', 'error', 'code', '代码');
    const descCol = column(t, '描述', '说明', '错误信息', 'errorMessage', '含义') ?? t.columns[1];
    if (!codeCol) continue;
    for (const row of t.rows) {
      const code = row[codeCol].trim();
      if (!/^\d+$/.test(code)) continue;
      const n = Number(code);
      if (errors.some(([c]) => c === n)) continue;
      let desc = descCol ? row[descCol] : '';
      if (desc.length > 80) desc = `${desc.slice(0, 79)}…`;
      errors.push([n, desc]);
    }
  }
  const entry: Entry = { name, kind, doc: path.relative(docsDir, file).split(path.sep).join('/'), summary: summaryOf(text, name), errors };
  if (params) entry.params = params;
  if (result) entry.result = result;
  if (FACTORIES[name]) {
    entry.object = FACTORIES[name];
    entry.methods = methodsOf(FACTORIES[name], text, allFiles);
  }
  return entry;
}

const files = walk(docsDir);
const apiFiles = files.filter((f) => /^my\.[A-Za-z0-9.]+\.md$/.test(path.basename(f)));
const entries = new Map<string, Entry>();
for (const file of apiFiles) {
  const entry = parse(file, files);
  // my.getServerTime is documented twice (基础API/获取服务器时间 and 基础API/设备/获取服务器时间): keep the first.
  if (!entries.has(entry.name)) entries.set(entry.name, entry);
}

const q = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const lines: string[] = [];
for (const e of [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
  const parts = [`name: ${q(e.name)}`, `kind: '${e.kind}'`, `doc: ${q(e.doc)}`];
  if (e.summary) parts.push(`summary: ${q(e.summary)}`);
  if (e.params) parts.push(`params: ${e.params}`);
  if (e.result) parts.push(`result: ${e.result}`);
  if (e.errors.length > 0) parts.push(`errors: { ${e.errors.map(([c, d]) => `${c}: ${q(d)}`).join(', ')} }`);
  if (e.object) parts.push(`object: ${q(e.object)}`);
  if (e.methods) parts.push(`methods: [${e.methods.map(q).join(', ')}]`);
  lines.push(`  { ${parts.join(', ')} },`);
}

const source = `/**
 * Every \`my.*\` name the platform documents (${entries.size} names, alipay-open-docs/mini/api), with its
 * kind, parameter and result tables as schemas, documented error codes, and for managers and
 * contexts the methods of the object they return. Generated by scripts/gen-api-catalogue.ts from the
 * docs; do not edit by hand (rerun the script). How each name is answered is decided elsewhere:
 * apis/*.ts implement names, apis/unsupported.ts declares the rest as not supported.
 */

import type { ObjectSchema, Schema } from '../schema.ts';
import { s } from '../schema.ts';

export interface DocumentedApi {
  /** The name after \`my.\` (\`ap.openURL\` for my.ap.openURL). */
  name: string;
  /** \`property\`: a value (\`my.SDKVersion\`), not a function. */
  kind: 'async' | 'sync' | 'event' | 'property';
  /** The doc, relative to mini/api. */
  doc: string;
  summary?: string;
  params?: ObjectSchema;
  /** Success payload (async), return value (sync) or listener argument (onX). */
  result?: Schema;
  errors?: Record<number, string>;
  /** For managers and contexts: the type of the returned object… */
  object?: string;
  /** …and its methods. */
  methods?: readonly string[];
}

export const DOCUMENTED_APIS: readonly DocumentedApi[] = [
${lines.join('\n')}
];
`;

writeFileSync(outFile, source);
console.log(`${entries.size} documented names → ${path.relative(process.cwd(), outFile)} (${source.length} bytes)`);
