/**
 * JSON-safe renderings of arbitrary guest values, for `log` messages and error descriptions. They
 * build messages: only captured built-ins (intrinsics.ts), and a budget per log so one call cannot
 * produce more than the host accepts.
 */
import { isObject } from './state.ts';
import {
  $ArrayBuffer,
  $Date,
  $Error,
  $Map,
  $RegExp,
  $Set,
  append,
  forEachOfMap,
  forEachOfSet,
  isView,
  setOwn,
  dateGetTime,
  dateToISOString,
  exec,
  getPrototypeOf,
  includesString,
  isArray,
  isFiniteNumber,
  joinList,
  keysOf,
  objectToString,
  regExpToString,
  sliceList,
  sliceString,
  splitString,
  stringify,
  symbolToString,
  toStr,
  trimTrailingNewlines,
} from './intrinsics.ts';

const MAX_STRING = 10_000;
const MAX_ITEMS = 100;
const MAX_DEPTH = 6;
const MAX_STACK_LINES = 40;
const MAX_STACK_CHARS = 8_000;
/** Arguments of one console call that are rendered (the rest are counted). */
export const MAX_LOG_ARGS = 100;
/** What one console call may render in all: characters of strings, and values. */
const LOG_CHARS = 200_000;
const LOG_NODES = 10_000;

interface Budget {
  chars: number;
  nodes: number;
}

const AT_FRAME = /^\s*at /;
const NATIVE_FRAME = /\(native\)\s*$/;

export function truncate(text: string, max = MAX_STRING): string {
  return text.length > max ? sliceString(text, 0, max) + `… (${text.length} chars)` : text;
}

export function isErrorLike(value: unknown): value is { name?: unknown; message: string; stack?: unknown } {
  if (!isObject(value)) return false;
  try {
    return value instanceof $Error || (typeof value.message === 'string' && 'stack' in value);
  } catch {
    return false;
  }
}

/**
 * Engines disagree on `error.stack`: V8 starts with "Name: message", QuickJS has frames only.
 * Normalise to the V8 shape, capped in length (QuickJS-bellard keeps thousands of frames).
 */
export function normalizeStack(name: string, message: string, stack: unknown): string | undefined {
  if (typeof stack !== 'string' || isBlank(stack)) return undefined;
  let text = exec(AT_FRAME, stack) !== null ? `${name}: ${message}\n${stack}` : stack;
  text = withoutFrameworkFrames(text);
  const lines = splitString(text, '\n');
  if (lines.length > MAX_STACK_LINES) text = joinList(sliceList(lines, 0, MAX_STACK_LINES), '\n') + `\n    … ${lines.length - MAX_STACK_LINES} more frames`;
  return truncate(trimTrailingNewlines(text), MAX_STACK_CHARS);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== ' ' && ch !== '\n' && ch !== '\t' && ch !== '\r') return false;
  }
  return true;
}

/**
 * Frames below the first base-library frame are the framework calling the app (and, in the vm
 * baseline, the host): noise for the author. Keep them only if nothing else is left.
 */
function withoutFrameworkFrames(stack: string): string {
  const lines = splitString(stack, '\n');
  let cut = -1;
  for (let i = 1; i < lines.length; i++) {
    if (includesString(lines[i], 'mpk-baselib.js')) {
      cut = i;
      break;
    }
  }
  if (cut < 0) return stack;
  let end = cut;
  while (end > 1 && exec(NATIVE_FRAME, lines[end - 1]) !== null) end--;
  return end > 1 ? joinList(sliceList(lines, 0, end), '\n') : stack;
}

export function safeString(value: unknown): string {
  try {
    if (isObject(value) && !(value instanceof $Error)) {
      const json = stringify(value);
      if (typeof json === 'string') return truncate(json, 1000);
    }
    return truncate(toStr(value), 1000);
  } catch {
    try {
      return objectToString(value);
    } catch {
      return '[unprintable]';
    }
  }
}

export function describeError(err: unknown): { message: string; stack?: string } {
  try {
    if (isErrorLike(err)) {
      const name = typeof err.name === 'string' && err.name ? err.name : 'Error';
      const message = truncate(toStr(err.message), 2000);
      return { message, stack: normalizeStack(name, message, err.stack) };
    }
  } catch {
    // A getter or toString of the app's that throws: describe it from the outside.
  }
  return { message: safeString(err) };
}

/** Renders one console call's arguments (at most MAX_LOG_ARGS of them, within one budget). */
export function renderLogArgs(args: ArrayLike<unknown>): unknown[] {
  const budget: Budget = { chars: LOG_CHARS, nodes: LOG_NODES };
  const out: unknown[] = [];
  const count = args.length < MAX_LOG_ARGS ? args.length : MAX_LOG_ARGS;
  for (let i = 0; i < count; i++) append(out, renderSafely(args[i], budget));
  if (args.length > MAX_LOG_ARGS) append(out, `… ${args.length - MAX_LOG_ARGS} more arguments`);
  return out;
}

export function renderForLog(value: unknown): unknown {
  return renderSafely(value, { chars: LOG_CHARS, nodes: LOG_NODES });
}

function renderSafely(value: unknown, budget: Budget): unknown {
  try {
    return render(value, 0, [], budget);
  } catch (err) {
    return `[unrenderable: ${safeString(err)}]`;
  }
}

function text(value: string, budget: Budget, max = MAX_STRING): string {
  const room = budget.chars < max ? (budget.chars > 0 ? budget.chars : 0) : max;
  const out = truncate(value, room);
  budget.chars -= out.length;
  return out;
}

function render(value: unknown, depth: number, seen: object[], budget: Budget): unknown {
  budget.nodes--;
  switch (typeof value) {
    case 'string':
      return text(value, budget);
    case 'number':
      return isFiniteNumber(value) ? value : toStr(value);
    case 'boolean':
      return value;
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return text(symbolToString(value), budget, 1000);
    case 'function': {
      let name: unknown;
      try {
        name = (value as Function).name;
      } catch {
        name = '';
      }
      return `[Function ${typeof name === 'string' && name ? text(name, budget, 200) : '(anonymous)'}]`;
    }
  }
  if (value === null) return null;
  const obj = value as object;
  for (let i = 0; i < seen.length; i++) if (seen[i] === obj) return '[Circular]';
  if (isErrorLike(obj)) {
    const name = typeof obj.name === 'string' ? text(obj.name, budget, 200) : 'Error';
    const message = text(toStr(obj.message), budget);
    return { name, message, stack: normalizeStack(name, message, obj.stack) };
  }
  if (obj instanceof $Date) {
    const time = dateGetTime(obj);
    return time !== time ? 'Invalid Date' : dateToISOString(obj);
  }
  if (obj instanceof $RegExp) return text(regExpToString(obj), budget, 1000);
  if (depth >= MAX_DEPTH || budget.nodes <= 0 || budget.chars <= 0) return isArray(obj) ? '[Array]' : '[Object]';
  append(seen, obj);
  try {
    if (isArray(obj)) return renderList(obj, depth, seen, budget);
    if (obj instanceof $Map) {
      const entries: unknown[] = [];
      let size = 0;
      forEachOfMap(obj, (v: unknown, k: unknown) => {
        if (size++ < MAX_ITEMS) append(entries, [k, v]);
      });
      return { '[Map]': renderList(entries, depth, seen, budget, size) };
    }
    if (obj instanceof $Set) {
      const values: unknown[] = [];
      let size = 0;
      forEachOfSet(obj, (v: unknown) => {
        if (size++ < MAX_ITEMS) append(values, v);
      });
      return { '[Set]': renderList(values, depth, seen, budget, size) };
    }
    if (isView(obj) || obj instanceof $ArrayBuffer) {
      const proto = getPrototypeOf(obj) as { constructor?: { name?: unknown } } | null;
      const kind = typeof proto?.constructor?.name === 'string' ? text(proto.constructor.name, budget, 100) : 'ArrayBuffer';
      return `[${kind} ${toStr((obj as ArrayBuffer).byteLength)} bytes]`;
    }
    if (typeof (obj as Promise<unknown>).then === 'function') return '[Promise]';
    const out: Record<string, unknown> = {};
    const keys = keysOf(obj);
    for (let i = 0; i < keys.length && i < MAX_ITEMS; i++) {
      if (budget.nodes <= 0 || budget.chars <= 0) {
        setOwn(out, '…', `${keys.length - i} more keys`);
        return out;
      }
      let v: unknown;
      try {
        v = (obj as Record<string, unknown>)[keys[i]];
      } catch (e) {
        v = `[getter threw: ${safeString(e)}]`;
      }
      setOwn(out, text(keys[i], budget, 1000), render(v, depth + 1, seen, budget));
    }
    if (keys.length > MAX_ITEMS) setOwn(out, '…', `${keys.length - MAX_ITEMS} more keys`);
    return out;
  } finally {
    seen.length--;
  }
}

function renderList(list: unknown[], depth: number, seen: object[], budget: Budget, total = list.length): unknown[] {
  const out: unknown[] = [];
  const count = list.length < MAX_ITEMS ? list.length : MAX_ITEMS;
  for (let i = 0; i < count; i++) {
    if (budget.nodes <= 0 || budget.chars <= 0) {
      append(out, `… ${total - i} more items`);
      return out;
    }
    append(out, render(list[i], depth + 1, seen, budget));
  }
  if (total > count) append(out, `… ${total - count} more items`);
  return out;
}
