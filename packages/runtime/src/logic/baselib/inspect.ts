/** JSON-safe renderings of arbitrary guest values, for `log` messages and error descriptions. */
import { isObject, } from './state.ts';
import { stringify } from './host.ts';

const MAX_STRING = 10_000;
const MAX_ITEMS = 100;
const MAX_DEPTH = 6;
const MAX_STACK_LINES = 40;
const MAX_STACK_CHARS = 8_000;

export function truncate(text: string, max = MAX_STRING): string {
  return text.length > max ? text.slice(0, max) + `… (${text.length} chars)` : text;
}

export function isErrorLike(value: unknown): value is { name?: unknown; message: string; stack?: unknown } {
  return isObject(value) && (value instanceof Error || (typeof value.message === 'string' && 'stack' in value));
}

/**
 * Engines disagree on `error.stack`: V8 starts with "Name: message", QuickJS has frames only.
 * Normalise to the V8 shape, capped in length (QuickJS-bellard keeps thousands of frames).
 */
export function normalizeStack(name: string, message: string, stack: unknown): string | undefined {
  if (typeof stack !== 'string' || stack.trim() === '') return undefined;
  let text = /^\s*at /.test(stack) ? `${name}: ${message}\n${stack}` : stack;
  text = withoutFrameworkFrames(text);
  const lines = text.split('\n');
  if (lines.length > MAX_STACK_LINES) text = lines.slice(0, MAX_STACK_LINES).join('\n') + `\n    … ${lines.length - MAX_STACK_LINES} more frames`;
  return truncate(text.replace(/\n+$/, ''), MAX_STACK_CHARS);
}

/**
 * Frames below the first base-library frame are the framework calling the app (and, in the vm
 * baseline, the host): noise for the author. Keep them only if nothing else is left.
 */
function withoutFrameworkFrames(stack: string): string {
  const lines = stack.split('\n');
  const cut = lines.findIndex((line, i) => i > 0 && line.includes('mpk-baselib.js'));
  if (cut < 0) return stack;
  let end = cut;
  while (end > 1 && /\(native\)\s*$/.test(lines[end - 1])) end--;
  return end > 1 ? lines.slice(0, end).join('\n') : stack;
}

export function safeString(value: unknown): string {
  try {
    if (isObject(value) && !(value instanceof Error)) {
      const json = stringify(value);
      if (typeof json === 'string') return truncate(json, 1000);
    }
    return truncate(String(value), 1000);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function describeError(err: unknown): { message: string; stack?: string } {
  if (isErrorLike(err)) {
    const name = typeof err.name === 'string' && err.name ? err.name : 'Error';
    const message = truncate(String(err.message), 2000);
    return { message, stack: normalizeStack(name, message, err.stack) };
  }
  return { message: safeString(err) };
}

export function renderForLog(value: unknown): unknown {
  return render(value, 0, []);
}

function render(value: unknown, depth: number, seen: object[]): unknown {
  switch (typeof value) {
    case 'string':
      return truncate(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${(value as Function).name || '(anonymous)'}]`;
  }
  if (value === null) return null;
  const obj = value as object;
  if (seen.includes(obj)) return '[Circular]';
  if (isErrorLike(obj)) {
    const name = typeof obj.name === 'string' ? obj.name : 'Error';
    return { name, message: truncate(String(obj.message)), stack: normalizeStack(name, String(obj.message), obj.stack) };
  }
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof RegExp) return String(obj);
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? '[Array]' : '[Object]';
  seen.push(obj);
  try {
    if (Array.isArray(obj)) return renderList(obj, depth, seen);
    if (obj instanceof Map) return { '[Map]': renderList([...obj.entries()], depth, seen) };
    if (obj instanceof Set) return { '[Set]': renderList([...obj.values()], depth, seen) };
    if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) return `[${obj.constructor.name} ${(obj as ArrayBuffer).byteLength} bytes]`;
    if (typeof (obj as Promise<unknown>).then === 'function') return '[Promise]';
    const out: Record<string, unknown> = {};
    const keys = Object.keys(obj);
    for (let i = 0; i < keys.length && i < MAX_ITEMS; i++) {
      let v: unknown;
      try {
        v = (obj as Record<string, unknown>)[keys[i]];
      } catch (e) {
        v = `[getter threw: ${safeString(e)}]`;
      }
      out[keys[i]] = render(v, depth + 1, seen);
    }
    if (keys.length > MAX_ITEMS) out['…'] = `${keys.length - MAX_ITEMS} more keys`;
    return out;
  } finally {
    seen.pop();
  }
}

function renderList(list: unknown[], depth: number, seen: object[]): unknown[] {
  const out = list.slice(0, MAX_ITEMS).map((item) => render(item, depth + 1, seen));
  if (list.length > MAX_ITEMS) out.push(`… ${list.length - MAX_ITEMS} more items`);
  return out;
}
