/**
 * The host's check of what the logic layer sends (PROTOCOL.md, "What the host checks"). Everything
 * in a logic → host batch was produced by the sandbox, which runs code the host did not write: it
 * is untrusted input, checked once at the boundary, before the container acts on any of it.
 *
 * `checkLogicBatch` is a small schema validator for the protocol's logic → host message types
 * (`ready`, `patch`, `invoke`, `log`, `error`): shape and types, sizes (an estimate of each
 * message's JSON length), nesting depth, counts (messages per batch, ops per patch, path length).
 * It never throws and never mutates: it answers which messages may go on and why the others may
 * not. The walk is iterative, so a value nested a million deep costs time proportional to its
 * size and no stack.
 */
import type { LogicToHost } from '../contract/protocol.ts';

export interface BoundaryLimits {
  /** Messages in one logic → host batch; the rest is refused. */
  maxMessages: number;
  /** Estimated JSON characters of one batch; messages past it are refused. */
  maxBatchBytes: number;
  /** Estimated JSON characters of one `patch` (the first patch of a page carries its whole data). */
  maxPatchBytes: number;
  /** Estimated JSON characters of one `invoke` (its `args`). */
  maxInvokeBytes: number;
  /** Estimated JSON characters of one `log`. */
  maxLogBytes: number;
  /** Arguments of one `log`. */
  maxLogArgs: number;
  /** Characters of an `error`'s `message` and of its `stack`. */
  maxErrorChars: number;
  /** Ops in one patch. */
  maxOps: number;
  /** Segments of one patch path. */
  maxPathSegments: number;
  /** Characters of one path segment, and of an API name. */
  maxKeyChars: number;
  /** Largest array index in a patch path (the view also refuses an index far past the array's end). */
  maxIndex: number;
  /** Nesting of any value (patch values, props, invoke args, log arguments). */
  maxDepth: number;
  /**
   * Malformed batches among the latest `malformedWindow` after which the app is terminated (the
   * App.onError notice each one causes is itself a batch, so "in a row" would never be seen).
   */
  maxMalformedRecent: number;
  /** How many of the latest batches `maxMalformedRecent` looks at. */
  malformedWindow: number;
  /** Malformed batches over the app's life after which it is terminated. */
  maxMalformedTotal: number;
}

export const DEFAULT_BOUNDARY_LIMITS: Readonly<BoundaryLimits> = Object.freeze({
  maxMessages: 10_000,
  maxBatchBytes: 32 * 1024 * 1024,
  maxPatchBytes: 8 * 1024 * 1024,
  maxInvokeBytes: 8 * 1024 * 1024,
  maxLogBytes: 1024 * 1024,
  maxLogArgs: 1000,
  maxErrorChars: 64 * 1024,
  maxOps: 100_000,
  maxPathSegments: 64,
  maxKeyChars: 1024,
  maxIndex: 10_000_000,
  maxDepth: 100,
  maxMalformedRecent: 3,
  malformedWindow: 10,
  maxMalformedTotal: 20,
});

export function resolveBoundaryLimits(limits: Partial<BoundaryLimits> = {}): BoundaryLimits {
  const out: BoundaryLimits = { ...DEFAULT_BOUNDARY_LIMITS };
  for (const [key, value] of Object.entries(limits) as [keyof BoundaryLimits, unknown][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_BOUNDARY_LIMITS)) throw new TypeError(`Unknown boundary limit "${key}"`);
    if (typeof value !== 'number' || !(value > 0)) throw new RangeError(`Boundary limit "${key}" must be a positive number, got ${String(value)}`);
    out[key] = Math.floor(value);
  }
  return out;
}

/** What `checkLogicBatch` decided. */
export interface BatchCheck {
  /** The messages that passed, in their order (the same objects). */
  messages: LogicToHost[];
  /** One line per refused message (at most `MAX_LISTED`), saying which and why. */
  problems: string[];
  /** How many messages were refused (the batch itself counts as one when it is not an array). */
  refused: number;
}

/** Problems listed per batch; the count says how many more there were. */
const MAX_LISTED = 5;

const LOG_LEVELS = new Set(['debug', 'log', 'info', 'warn', 'error']);
const ERROR_KINDS = new Set(['uncaught', 'unhandledRejection', 'render', 'timeout', 'oom', 'terminated', 'protocol']);

class Refusal {
  constructor(readonly why: string) {}
}

const hasOwn = Object.prototype.hasOwnProperty;
const objectToString = Object.prototype.toString;

/** A plain object of some realm (its prototype is an `Object.prototype` or null), not an array. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || (Object.getPrototypeOf(proto) === null && objectToString.call(value) === '[object Object]');
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value === 'number' ? String(value) : `a ${typeof value}`;
}

/**
 * Estimated JSON characters of `root`, refusing what JSON cannot carry (functions, symbols, BigInts,
 * non-finite numbers, objects that are not plain), `__proto__` keys, nesting over `maxDepth` and
 * anything over `maxBytes` (the walk stops there: a sparse array of length 1e9 costs one step).
 * `undefined` is accepted (the host's own messages leave optional fields undefined) and weighs nothing.
 */
export function measureValue(root: unknown, maxDepth: number, maxBytes: number, where: string, limit = maxBytes): number {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  let bytes = 0;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    switch (typeof value) {
      case 'string':
        bytes += value.length + 2;
        break;
      case 'number':
        if (!Number.isFinite(value)) throw new Refusal(`${where}: ${value} is not a JSON number`);
        bytes += 8;
        break;
      case 'boolean':
        bytes += 5;
        break;
      case 'undefined':
        break;
      case 'object': {
        if (value === null) {
          bytes += 4;
          break;
        }
        if (depth >= maxDepth) throw new Refusal(`${where}: nested deeper than ${maxDepth} levels`);
        if (Array.isArray(value)) {
          bytes += 2 + value.length;
          if (bytes > maxBytes) break;
          for (let i = value.length - 1; i >= 0; i--) {
            values.push(value[i]);
            depths.push(depth + 1);
          }
        } else if (isPlainRecord(value)) {
          bytes += 2;
          for (const key in value) {
            if (!hasOwn.call(value, key)) continue;
            if (key === '__proto__') throw new Refusal(`${where}: a key named "__proto__" is not allowed`);
            bytes += key.length + 4;
            if (bytes > maxBytes) break;
            values.push(value[key]);
            depths.push(depth + 1);
          }
        } else {
          throw new Refusal(`${where}: ${objectToString.call(value)} is not JSON data`);
        }
        break;
      }
      default:
        throw new Refusal(`${where}: a ${typeof value} is not JSON data`);
    }
    if (bytes > maxBytes) throw new Refusal(`${where}: more than ${limit} characters of JSON (the limit of one message)`);
  }
  return bytes;
}

function checkPath(path: unknown, limits: BoundaryLimits, where: string): number {
  if (!Array.isArray(path)) throw new Refusal(`${where}: the path is ${show(path)}, not an array`);
  if (path.length > limits.maxPathSegments) throw new Refusal(`${where}: the path has ${path.length} segments, more than ${limits.maxPathSegments}`);
  let bytes = 2;
  for (let i = 0; i < path.length; i++) {
    const segment: unknown = path[i];
    if (typeof segment === 'string') {
      if (segment === '__proto__') throw new Refusal(`${where}: path segment "__proto__" is not allowed`);
      if (segment.length > limits.maxKeyChars) throw new Refusal(`${where}: a path segment of ${segment.length} characters (at most ${limits.maxKeyChars})`);
      bytes += segment.length + 3;
    } else if (isIndex(segment)) {
      if (segment > limits.maxIndex) throw new Refusal(`${where}: array index ${segment} is over ${limits.maxIndex}`);
      bytes += 9;
    } else {
      throw new Refusal(`${where}: path segment ${show(segment)} is neither a key nor an array index`);
    }
  }
  return bytes;
}

function checkPatch(msg: Record<string, unknown>, limits: BoundaryLimits, where: string): number {
  if (!isId(msg.id)) throw new Refusal(`${where}: id ${show(msg.id)} is not an instance id`);
  if (!isIndex(msg.seq) || msg.seq === 0) throw new Refusal(`${where}: seq ${show(msg.seq)} is not a positive integer`);
  const ops = msg.ops;
  if (!Array.isArray(ops)) throw new Refusal(`${where}: ops is ${show(ops)}, not an array`);
  if (ops.length > limits.maxOps) throw new Refusal(`${where}: ${ops.length} ops, more than ${limits.maxOps} in one patch`);
  let bytes = 40;
  const budget = (): number => limits.maxPatchBytes - bytes;
  for (let i = 0; i < ops.length; i++) {
    const op: unknown = ops[i];
    const at = `${where} ops[${i}]`;
    if (!Array.isArray(op)) throw new Refusal(`${at}: ${show(op)} is not an op`);
    if (op[0] === 'set') {
      if (op.length !== 3) throw new Refusal(`${at}: a set op is ["set", path, value]`);
      bytes += 8 + checkPath(op[1], limits, at);
      if ((op[1] as unknown[]).length === 0 && !isPlainRecord(op[2])) throw new Refusal(`${at}: setting the whole data needs an object, not ${show(op[2])}`);
      bytes += measureValue(op[2], limits.maxDepth, budget(), at, limits.maxPatchBytes);
    } else if (op[0] === 'splice') {
      if (op.length !== 5) throw new Refusal(`${at}: a splice op is ["splice", path, start, deleteCount, items]`);
      bytes += 12 + checkPath(op[1], limits, at);
      if ((op[1] as unknown[]).length === 0) throw new Refusal(`${at}: a splice needs the path of an array`);
      if (typeof op[2] !== 'number' || Number.isNaN(op[2]) || typeof op[3] !== 'number' || Number.isNaN(op[3])) {
        throw new Refusal(`${at}: start and deleteCount must be numbers`);
      }
      if (!Array.isArray(op[4])) throw new Refusal(`${at}: the items of a splice must be an array`);
      bytes += 16 + measureValue(op[4], limits.maxDepth, budget(), at, limits.maxPatchBytes);
    } else {
      throw new Refusal(`${at}: unknown op ${show(op[0])}`);
    }
    if (bytes > limits.maxPatchBytes) throw new Refusal(`${where}: more than ${limits.maxPatchBytes} characters of JSON (the limit of one patch)`);
  }
  if (msg.props !== undefined) {
    if (!isPlainRecord(msg.props)) throw new Refusal(`${where}: props is ${show(msg.props)}, not an object`);
    bytes += measureValue(msg.props, limits.maxDepth, budget(), `${where} props`, limits.maxPatchBytes);
  }
  const options = msg.options;
  if (options !== undefined) {
    if (!isPlainRecord(options)) throw new Refusal(`${where}: options is ${show(options)}, not an object`);
    if (options.virtualHost !== undefined && typeof options.virtualHost !== 'boolean') throw new Refusal(`${where}: options.virtualHost must be a boolean`);
    const classes = options.externalClasses;
    if (classes !== undefined && (!Array.isArray(classes) || classes.some((name) => typeof name !== 'string'))) {
      throw new Refusal(`${where}: options.externalClasses must be a list of names`);
    }
    bytes += measureValue(options, 4, budget(), `${where} options`, limits.maxPatchBytes);
  }
  return bytes;
}

function checkInvokeShape(msg: Record<string, unknown>, limits: BoundaryLimits, where: string): number {
  if (!isId(msg.cb)) throw new Refusal(`${where}: cb ${show(msg.cb)} is not a call id`);
  if (typeof msg.api !== 'string' || msg.api === '' || msg.api.length > limits.maxKeyChars) throw new Refusal(`${where}: api ${show(msg.api)} is not an API name`);
  if (msg.sync !== undefined && typeof msg.sync !== 'boolean') throw new Refusal(`${where}: sync must be a boolean`);
  if (msg.task !== undefined && !isId(msg.task)) throw new Refusal(`${where}: task ${show(msg.task)} is not a task id`);
  return 40 + msg.api.length + measureValue(msg.args, limits.maxDepth, limits.maxInvokeBytes, `${where} args`);
}

function checkLog(msg: Record<string, unknown>, limits: BoundaryLimits, where: string): number {
  if (typeof msg.level !== 'string' || !LOG_LEVELS.has(msg.level)) throw new Refusal(`${where}: level ${show(msg.level)} is not a console level`);
  if (!Array.isArray(msg.args)) throw new Refusal(`${where}: args is ${show(msg.args)}, not an array`);
  if (msg.args.length > limits.maxLogArgs) throw new Refusal(`${where}: ${msg.args.length} arguments, more than ${limits.maxLogArgs}`);
  return 30 + measureValue(msg.args, limits.maxDepth, limits.maxLogBytes, `${where} args`);
}

function checkError(msg: Record<string, unknown>, limits: BoundaryLimits, where: string): number {
  if (typeof msg.kind !== 'string' || !ERROR_KINDS.has(msg.kind)) throw new Refusal(`${where}: kind ${show(msg.kind)} is not an error kind`);
  if (typeof msg.message !== 'string') throw new Refusal(`${where}: message is ${show(msg.message)}, not a string`);
  if (msg.message.length > limits.maxErrorChars) throw new Refusal(`${where}: a message of ${msg.message.length} characters (at most ${limits.maxErrorChars})`);
  if (msg.stack !== undefined && typeof msg.stack !== 'string') throw new Refusal(`${where}: stack is ${show(msg.stack)}, not a string`);
  if (typeof msg.stack === 'string' && msg.stack.length > limits.maxErrorChars) throw new Refusal(`${where}: a stack of ${msg.stack.length} characters (at most ${limits.maxErrorChars})`);
  if (msg.id !== undefined && !isId(msg.id)) throw new Refusal(`${where}: id ${show(msg.id)} is not an instance id`);
  return 40 + msg.message.length + (typeof msg.stack === 'string' ? msg.stack.length : 0);
}

/** The answer to a devtools evaluation: as bounded as a console call (value) or an error (message, stack). */
function checkDevResult(msg: Record<string, unknown>, limits: BoundaryLimits, where: string): number {
  if (!isId(msg.req)) throw new Refusal(`${where}: req ${show(msg.req)} is not a request id`);
  switch (msg.status) {
    case 'pending':
      return 40;
    case 'ok':
      if (typeof msg.type !== 'string' || msg.type.length > 20) throw new Refusal(`${where}: type ${show(msg.type)} is not a typeof name`);
      return 50 + measureValue(msg.value, limits.maxDepth, limits.maxLogBytes, `${where} value`);
    case 'error':
      return checkError({ ...msg, kind: 'uncaught' }, limits, where);
    default:
      throw new Refusal(`${where}: status ${show(msg.status)} is not ok, error or pending`);
  }
}

/**
 * Checks one message; returns its estimated size, `undefined` for a message of a kind this host does
 * not know (ignored, as PROTOCOL.md promises a newer peer), or throws a Refusal.
 */
function checkMessage(msg: unknown, limits: BoundaryLimits, index: number): number | undefined {
  if (!isPlainRecord(msg) || typeof msg.t !== 'string') throw new Refusal(`message ${index}: ${show(msg)} is not a message (an object with a "t" tag)`);
  const where = `message ${index} (${msg.t.length > 20 ? msg.t.slice(0, 20) + '…' : msg.t})`;
  switch (msg.t) {
    case 'ready':
      if (typeof msg.protocol !== 'number') throw new Refusal(`${where}: protocol must be a number`);
      return 30;
    case 'patch':
      return checkPatch(msg, limits, where);
    case 'invoke':
      return checkInvokeShape(msg, limits, where);
    case 'log':
      return checkLog(msg, limits, where);
    case 'error':
      return checkError(msg, limits, where);
    case 'devResult':
      return checkDevResult(msg, limits, where);
    default:
      if (msg.t.length > limits.maxKeyChars) throw new Refusal(`${where}: a tag of ${msg.t.length} characters`);
      return undefined;
  }
}

/** Checks a logic → host batch (see the module comment). Never throws. */
export function checkLogicBatch(batch: unknown, limits: BoundaryLimits = DEFAULT_BOUNDARY_LIMITS): BatchCheck {
  const result: BatchCheck = { messages: [], problems: [], refused: 0 };
  const refuse = (why: string, count = 1): void => {
    result.refused += count;
    if (result.problems.length < MAX_LISTED) result.problems.push(why);
  };
  if (!Array.isArray(batch)) {
    refuse(`the batch is ${show(batch)}, not an array of messages`);
    return result;
  }
  let length = batch.length;
  if (length > limits.maxMessages) {
    refuse(`the batch has ${length} messages, more than ${limits.maxMessages}: the rest was dropped`, length - limits.maxMessages);
    length = limits.maxMessages;
  }
  let total = 0;
  for (let i = 0; i < length; i++) {
    const msg: unknown = batch[i];
    try {
      const bytes = checkMessage(msg, limits, i);
      if (bytes === undefined) continue;
      total += bytes;
      if (total > limits.maxBatchBytes) {
        refuse(`the batch is over ${limits.maxBatchBytes} characters of JSON from message ${i} on: the rest was dropped`, length - i);
        break;
      }
      result.messages.push(msg as LogicToHost);
    } catch (error) {
      refuse(error instanceof Refusal ? error.why : `message ${i}: ${error instanceof Error ? error.message : 'unreadable'}`);
    }
  }
  return result;
}

/** Checks a synchronous `invoke` (it crosses alone, outside batches): the problem, or undefined when it is fine. */
export function checkSyncInvoke(msg: unknown, limits: BoundaryLimits = DEFAULT_BOUNDARY_LIMITS): string | undefined {
  try {
    if (!isPlainRecord(msg) || msg.t !== 'invoke') return `the synchronous call is ${show(msg)}, not an invoke message`;
    checkInvokeShape(msg, limits, 'synchronous invoke');
    return undefined;
  } catch (error) {
    return error instanceof Refusal ? error.why : 'synchronous invoke: unreadable';
  }
}

/** The `cb` of something that looked like an invoke, for the error reply to a malformed one. */
export function callIdOf(msg: unknown): number {
  const cb = isPlainRecord(msg) ? msg.cb : undefined;
  return isId(cb) ? cb : 0;
}

