/**
 * Host side of canvas batches (contract/canvas.ts): a `canvasDraw` invoke comes from mini-program
 * code, so it is read here once — shape, method and property names from the allow-lists, argument
 * kinds and sizes within `CANVAS_LIMITS` — before a renderer replays or records it. Anything else is
 * refused with a message (the guest clips to the same bounds, so only a guest that ignored them
 * sees a refusal).
 */
import {
  CANVAS_2D_METHODS,
  CANVAS_2D_PROPERTIES,
  CANVAS_LEGACY_SETTERS,
  CANVAS_LIMITS,
  type CanvasCall,
  type CanvasDraw,
  type CanvasImageSource,
  type CanvasTarget,
  type CanvasValue,
} from '../contract/canvas.ts';

const METHODS = new Set<string>([...CANVAS_2D_METHODS, ...CANVAS_LEGACY_SETTERS, 'createCircularGradient']);
const PROPERTIES = new Set<string>(CANVAS_2D_PROPERTIES);
const MAX_ARGS = 16;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function fail(message: string): never {
  throw new Error(`canvasDraw: ${message}`);
}

export function readCanvasTarget(value: unknown): CanvasTarget {
  if (!isRecord(value)) fail('target must be an object');
  if (typeof value.canvasId === 'string') {
    if (value.canvasId.length > CANVAS_LIMITS.stringLength) fail('canvasId is too long');
    return value.page === undefined ? { canvasId: value.canvasId } : isInt(value.page) ? { canvasId: value.canvasId, page: value.page } : fail('target.page must be an id');
  }
  if (isInt(value.node) && isInt(value.page)) return { node: value.node, page: value.page };
  if (isInt(value.offscreen)) return { offscreen: value.offscreen };
  return fail('target must be { canvasId }, { node, page } or { offscreen }');
}

function readSource(value: Record<string, unknown>): CanvasImageSource | undefined {
  if (typeof value.image === 'string' && value.image.length <= CANVAS_LIMITS.stringLength) return { image: value.image };
  if (isRecord(value.canvas)) return { canvas: readCanvasTarget(value.canvas) };
  return undefined;
}

function readValue(value: unknown): CanvasValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : fail('numbers must be finite');
  if (typeof value === 'string') return value.length <= CANVAS_LIMITS.stringLength ? value : fail(`a string argument is over ${CANVAS_LIMITS.stringLength} characters`);
  if (Array.isArray(value)) {
    if (value.length > CANVAS_LIMITS.arrayLength) fail(`an array argument is over ${CANVAS_LIMITS.arrayLength} numbers`);
    return value.map((n) => (typeof n === 'number' && Number.isFinite(n) ? n : fail('array arguments hold numbers')));
  }
  if (!isRecord(value)) return fail('unsupported argument');
  if (typeof value.gradient === 'string') {
    const kind = value.gradient;
    if (kind !== 'linear' && kind !== 'radial' && kind !== 'circular') fail(`unknown gradient "${kind}"`);
    const args = Array.isArray(value.args) && value.args.length <= 6 ? value.args.map((n) => (typeof n === 'number' && Number.isFinite(n) ? n : 0)) : fail('gradient args');
    const stops = Array.isArray(value.stops) && value.stops.length <= CANVAS_LIMITS.gradientStops ? value.stops : fail('gradient stops');
    return {
      gradient: kind,
      args,
      stops: stops.map((stop) =>
        Array.isArray(stop) && typeof stop[0] === 'number' && Number.isFinite(stop[0]) && typeof stop[1] === 'string' && stop[1].length <= CANVAS_LIMITS.stringLength
          ? ([stop[0], stop[1]] as [number, string])
          : fail('a gradient stop is [offset, colour]'),
      ),
    };
  }
  if (isRecord(value.pattern)) {
    const source = readSource(value.pattern) ?? fail('pattern source');
    return { pattern: source, repetition: typeof value.repetition === 'string' ? value.repetition.slice(0, 16) : 'repeat' };
  }
  if (isRecord(value.imageData)) {
    const { width, height, data } = value.imageData;
    if (!isInt(width) || !isInt(height) || typeof data !== 'string') fail('imageData is { width, height, data: base64 }');
    if (width * height > CANVAS_LIMITS.imageDataPixels) fail(`imageData is over ${CANVAS_LIMITS.imageDataPixels} pixels`);
    if (data.length > Math.ceil((width * height * 4) / 3) * 4 + 4) fail('imageData data is larger than its size');
    return { imageData: { width, height, data } };
  }
  return readSource(value) ?? fail('unsupported argument');
}

function readCall(value: unknown): CanvasCall {
  if (!isRecord(value)) fail('a call must be an object');
  if (typeof value.method === 'string') {
    if (!METHODS.has(value.method)) fail(`unknown method "${value.method.slice(0, 40)}"`);
    const args = Array.isArray(value.args) && value.args.length <= MAX_ARGS ? value.args : fail('args must be an array of at most 16');
    return { method: value.method, args: args.map(readValue) };
  }
  if (typeof value.property === 'string') {
    if (!PROPERTIES.has(value.property)) fail(`unknown property "${value.property.slice(0, 40)}"`);
    return { property: value.property, value: readValue(value.value) };
  }
  return fail('a call is { method, args } or { property, value }');
}

/** A `canvasDraw` invoke's arguments, checked. Throws an Error naming what is wrong. */
export function readCanvasDraw(args: unknown): CanvasDraw {
  if (!isRecord(args)) fail('arguments must be an object');
  const target = readCanvasTarget(args.target);
  const calls = Array.isArray(args.calls) ? args.calls : fail('calls must be an array');
  if (calls.length > CANVAS_LIMITS.callsPerDraw) fail(`${calls.length} calls are over the limit of ${CANVAS_LIMITS.callsPerDraw} per draw`);
  const draw: CanvasDraw = { target, reserve: args.reserve === true, calls: calls.map(readCall) };
  if (args.legacy === true) draw.legacy = true;
  if (args.size !== undefined) {
    const size = isRecord(args.size) ? args.size : fail('size must be { width, height }');
    if (!isInt(size.width) || !isInt(size.height)) fail('size must be { width, height } in whole pixels');
    if (size.width > CANVAS_LIMITS.side || size.height > CANVAS_LIMITS.side || size.width * size.height > CANVAS_LIMITS.area) fail('size is over the canvas limits');
    draw.size = { width: size.width, height: size.height };
  }
  return draw;
}

/** The backing size a `<canvas>` has before the app sets one: its width/height attributes, else the docs' 300 × 225. */
export function canvasAttrSize(attrs: Record<string, unknown>): { width: number; height: number } {
  const read = (value: unknown, fallback: number) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number.parseFloat(value) : NaN;
    return Number.isFinite(n) && n >= 0 ? Math.min(Math.floor(n), CANVAS_LIMITS.side) : fallback;
  };
  return { width: read(attrs.width, 300), height: read(attrs.height, 225) };
}

/** Whether a `<canvas>` matches a legacy `canvasId` (the docs' `id`; `canvas-id` as other platforms write it). */
export function isCanvasWithId(tag: string, attrs: Record<string, unknown>, canvasId: string): boolean {
  return tag === 'canvas' && (String(attrs.id ?? '') === canvasId || String(attrs['canvas-id'] ?? '') === canvasId);
}
