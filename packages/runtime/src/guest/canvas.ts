/**
 * Canvas in the base library (docs: 画布): recording contexts whose calls reach the host as one
 * bounded `canvasDraw` invoke (contract/canvas.ts) that the renderer replays.
 *
 * - `my.createCanvasContext(id)`: the legacy CanvasContext. Calls queue until `draw(reserve, cb)`:
 *   `draw()` clears the canvas first, `draw(true)` keeps what is there; `cb` runs once the view drew.
 * - `select('#c').node()` on a `<canvas type="2d">` (selector-query.ts calls `canvasNode`) and
 *   `my.createOffscreenCanvas()`: Web-standard contexts (`getContext('2d')`). The platform draws
 *   them synchronously; mpk sends each tick's calls at the end of the tick (before anything the app
 *   awaits next), so the view shows them by the next frame.
 *
 * Bounds: `CANVAS_LIMITS` (calls per batch, argument sizes, canvas size, offscreen count). Beyond
 * them calls are dropped or sizes clipped with a coded warning (`[CANVAS_LIMIT] …`). Pixels never
 * come back synchronously: `getImageData` answers transparent pixels and `isPointInPath` false, with
 * `[CANVAS_NO_READBACK]`. `measureText` asks the host (a real text layout in the browser) and falls
 * back to `estimateTextWidth` where the host cannot answer synchronously.
 */
import {
  CANVAS_2D_METHODS,
  CANVAS_2D_PROPERTIES,
  CANVAS_LEGACY_SETTERS,
  CANVAS_LIMITS,
  CanvasWarning,
  estimateTextWidth,
  type CanvasCall,
  type CanvasDraw,
  type CanvasTarget,
  type CanvasValue,
} from '../contract/canvas.ts';
import { arrayBufferToBase64, base64ToArrayBuffer } from './base64.ts';
import { guard } from './errors.ts';
import { hostNow, post } from './host.ts';
import { SafeMap, SafeWeakMap, append, defineProperty, isArray, isFiniteNumber, later, stringify, toStr } from './intrinsics.ts';
import { callApi, invokeAsync, invokeSync } from './my.ts';
import { isObject } from './state.ts';
import { timerGlobals } from './timers.ts';

type Pending = { method: string; args: unknown[] } | { property: string; value: unknown };

interface Recorder {
  target: CanvasTarget;
  legacy: boolean;
  label: string;
  calls: Pending[];
  /** Calls dropped from the current batch (over the cap). */
  dropped: number;
  size?: { width: number; height: number };
  /** 2d/offscreen: a flush is scheduled for the end of the tick. */
  scheduled: boolean;
  /** 2d/offscreen: the next flush clears (the canvas was resized, or nothing was drawn yet). */
  clearNext: boolean;
}

/** Gradients, patterns, images, canvases and ImageData the base library made: how they cross the bridge (weak: a gradient per frame is collected). */
const made = new SafeWeakMap<object, () => CanvasValue | undefined>();
/** Canvas objects → their recorder (drawImage of a canvas flushes that canvas first). */
const recorders = new SafeWeakMap<object, Recorder>();
let offscreenCount = 0;

function warn(code: string, key: string, message: string, once = true): void {
  if (once) {
    if (warned.has(key)) return;
    warned.set(key, true);
  }
  post({ t: 'log', level: 'warn', args: [`[${code}] ${message}`] });
}
const warned = new SafeMap<string, boolean>();

/** One argument as it crosses; undefined when it is over its bound or of a kind no canvas takes. */
function valueOf(value: unknown): CanvasValue | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return isFiniteNumber(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length <= CANVAS_LIMITS.stringLength ? value : undefined;
  if (isArray(value)) {
    if (value.length > CANVAS_LIMITS.arrayLength) return undefined;
    const out: number[] = [];
    for (let i = 0; i < value.length; i++) append(out, typeof value[i] === 'number' && isFiniteNumber(value[i]) ? (value[i] as number) : 0);
    return out;
  }
  if (typeof value === 'object') {
    const encode = made.get(value);
    if (encode) return encode();
    // A plain { src } (an image-like object another library made) draws its src.
    if (isObject(value) && typeof value.src === 'string') return valueOf(value.src) === undefined ? undefined : { image: value.src };
    return null;
  }
  return toStr(value);
}

/** Whether a call's arguments can cross unchanged: at most 16 finite numbers, booleans and short strings. */
function plainArgs(args: unknown[]): boolean {
  if (args.length > 16) return false;
  for (let i = 0; i < args.length; i++) {
    const value = args[i];
    const type = typeof value;
    if (type === 'number') {
      if (!isFiniteNumber(value)) return false;
    } else if (type === 'string') {
      if ((value as string).length > CANVAS_LIMITS.stringLength) return false;
    } else if (type !== 'boolean') return false;
  }
  return true;
}

function record(rec: Recorder, call: Pending): void {
  if (rec.calls.length >= CANVAS_LIMITS.callsPerDraw) {
    rec.dropped++;
    return;
  }
  append(rec.calls, call);
  if (!rec.legacy && !rec.scheduled) {
    rec.scheduled = true;
    later(() => flush(rec, true));
  }
}

/** The recorder's calls as one batch (serialised now: gradients' stops as they are at this point). */
function batchOf(rec: Recorder, reserve: boolean): CanvasDraw {
  const calls: CanvasCall[] = [];
  let bad = 0;
  for (let i = 0; i < rec.calls.length; i++) {
    const call = rec.calls[i];
    if ('property' in call) {
      const value = valueOf(call.value);
      if (value === undefined) bad++;
      else append(calls, { property: call.property, value });
      continue;
    }
    if (plainArgs(call.args)) {
      // Numbers and short strings cross as recorded (the common case: no copy).
      append(calls, call as CanvasCall);
      continue;
    }
    const args: CanvasValue[] = [];
    let ok = true;
    for (let j = 0; j < call.args.length && j < 16; j++) {
      const value = valueOf(call.args[j]);
      if (value === undefined) {
        ok = false;
        break;
      }
      append(args, value);
    }
    if (ok) append(calls, { method: call.method, args });
    else bad++;
  }
  if (bad > 0) warn(CanvasWarning.ArgLimit, `arg:${rec.label}`, `${rec.label}: ${bad} call(s) dropped: an argument is over its bound (strings ${CANVAS_LIMITS.stringLength} characters, arrays ${CANVAS_LIMITS.arrayLength} numbers, ${CANVAS_LIMITS.gradientStops} gradient stops, ${CANVAS_LIMITS.imageDataPixels} pixels of image data)`);
  if (rec.dropped > 0) warn(CanvasWarning.Limit, `limit:${rec.label}`, `${rec.label}: ${rec.dropped} call(s) over the limit of ${CANVAS_LIMITS.callsPerDraw} per draw were dropped`, false);
  const batch: CanvasDraw = { target: rec.target, reserve, calls };
  if (rec.legacy) batch.legacy = true;
  if (rec.size) batch.size = rec.size;
  rec.calls = [];
  rec.dropped = 0;
  rec.size = undefined;
  return batch;
}

function flush(rec: Recorder, reserve: boolean, callback?: Function): void {
  rec.scheduled = false;
  const clear = rec.clearNext;
  rec.clearNext = false;
  if (!rec.legacy && rec.calls.length === 0 && !rec.size && !clear) return;
  const batch = batchOf(rec, reserve && !clear);
  invokeAsync('canvasDraw', batch, undefined, (result: unknown) => {
    if (isObject(result) && typeof result.error === 'number') warn(CanvasWarning.Unsupported, `draw:${rec.label}:${result.errorMessage}`, `${rec.label}: the view did not draw: ${toStr(result.errorMessage)}`);
    if (callback) guard(callback, undefined, []);
  });
}

function clipSize(label: string, width: unknown, height: unknown, fallbackW: number, fallbackH: number): { width: number; height: number } {
  let w = typeof width === 'number' && isFiniteNumber(width) && width >= 0 ? Math.floor(width) : fallbackW;
  let h = typeof height === 'number' && isFiniteNumber(height) && height >= 0 ? Math.floor(height) : fallbackH;
  const side = CANVAS_LIMITS.side;
  if (w > side || h > side || w * h > CANVAS_LIMITS.area) {
    w = Math.min(w, side);
    h = Math.min(h, side);
    if (w * h > CANVAS_LIMITS.area) h = Math.floor(CANVAS_LIMITS.area / Math.max(1, w));
    warn(CanvasWarning.SizeLimit, `size:${label}`, `${label}: size clipped to ${w}×${h} (at most ${side} px a side and ${CANVAS_LIMITS.area} pixels)`, false);
  }
  return { width: w, height: h };
}

function gradient(kind: 'linear' | 'radial' | 'circular', args: readonly unknown[]): Record<string, unknown> {
  const numbers: number[] = [];
  for (let i = 0; i < args.length && i < 6; i++) append(numbers, typeof args[i] === 'number' && isFiniteNumber(args[i]) ? (args[i] as number) : 0);
  const stops: Array<[number, string]> = [];
  const object = {
    addColorStop(offset: unknown, color: unknown) {
      if (stops.length >= CANVAS_LIMITS.gradientStops) return;
      append(stops, [typeof offset === 'number' && isFiniteNumber(offset) ? offset : 0, toStr(color)]);
    },
  };
  made.set(object, () => {
    for (let i = 0; i < stops.length; i++) if (stops[i][1].length > CANVAS_LIMITS.stringLength) return undefined;
    const copy: Array<[number, string]> = [];
    for (let i = 0; i < stops.length; i++) append(copy, [stops[i][0], stops[i][1]]);
    return { gradient: kind, args: numbers, stops: copy };
  });
  return object;
}

function pattern(image: unknown, repetition: unknown): Record<string, unknown> {
  const object = {};
  made.set(object, () => {
    const source = valueOf(image);
    if (source === undefined) return undefined;
    if (typeof source === 'string') return { pattern: { image: source }, repetition: toStr(repetition ?? 'repeat') };
    if (isObject(source) && ('image' in source || 'canvas' in source)) return { pattern: source as never, repetition: toStr(repetition ?? 'repeat') };
    return null;
  });
  return object;
}

/** `measureText`: the host's text layout when it can answer synchronously, else the documented estimate. */
function measure(text: unknown, font: string): { width: number } {
  const value = toStr(text);
  if (value.length > CANVAS_LIMITS.stringLength) return { width: estimateTextWidth(value, font) };
  // Text-wrapping code measures the same strings over and over: one crossing per font and text.
  const key = `${font}\n${value}`;
  const known = measured.get(key);
  if (known !== undefined) return { width: known };
  let width = estimateTextWidth(value, font);
  try {
    const answer = invokeSync('canvasMeasureText', { text: value, font });
    if (isObject(answer) && typeof answer.width === 'number') width = answer.width;
  } catch {
    // No sync channel (a worker without cross-origin isolation) or no renderer that measures.
  }
  if (measured.size >= 512) measured.clear();
  measured.set(key, width);
  return { width };
}
const measured = new SafeMap<string, number>();

function noReadback(label: string, what: string): void {
  warn(CanvasWarning.NoReadback, `readback:${label}:${what}`, `${label}.${what}: mpk does not read canvas pixels back into the logic layer; it answers an empty result (use my.canvasToTempFilePath)`);
}

function imageData(width: unknown, height: unknown): Record<string, unknown> {
  const w = typeof width === 'number' && isFiniteNumber(width) && width > 0 ? Math.floor(width) : 1;
  const h = typeof height === 'number' && isFiniteNumber(height) && height > 0 ? Math.floor(height) : 1;
  const pixels = Math.min(w * h, CANVAS_LIMITS.area);
  const data = new Uint8ClampedArray(pixels * 4);
  const object = { width: w, height: h, data };
  made.set(object, () => (w * h > CANVAS_LIMITS.imageDataPixels ? undefined : { imageData: { width: w, height: h, data: arrayBufferToBase64(data.buffer) } }));
  return object;
}

/** Methods and accessors every context has (legacy and 2d), recording into `rec`. */
function contextOf(rec: Recorder): Record<string, unknown> {
  const ctx: Record<string, unknown> = {};
  const state: Record<string, unknown> = { font: '10px sans-serif', fillStyle: '#000000', strokeStyle: '#000000', lineWidth: 1, globalAlpha: 1, textAlign: 'start', textBaseline: 'alphabetic', lineCap: 'butt', lineJoin: 'miter', miterLimit: 10, lineDashOffset: 0, shadowBlur: 0, shadowColor: 'rgba(0, 0, 0, 0)', shadowOffsetX: 0, shadowOffsetY: 0, globalCompositeOperation: 'source-over', imageSmoothingEnabled: true, imageSmoothingQuality: 'low', direction: 'inherit', filter: 'none', letterSpacing: '0px' };
  let lineDash: number[] = [];
  for (let i = 0; i < CANVAS_2D_METHODS.length; i++) {
    const method = CANVAS_2D_METHODS[i];
    ctx[method] = (...args: unknown[]) => {
      if (method === 'setLineDash' && isArray(args[0])) lineDash = valueOf(args[0]) as number[] ?? [];
      if (method === 'drawImage' || method === 'putImageData') flushSource(args[0]);
      record(rec, { method, args });
    };
  }
  for (let i = 0; i < CANVAS_2D_PROPERTIES.length; i++) {
    const property = CANVAS_2D_PROPERTIES[i];
    defineProperty(ctx, property, {
      __proto__: null,
      enumerable: true,
      configurable: true,
      get: () => state[property],
      set: (value: unknown) => {
        state[property] = value;
        record(rec, { property, value });
      },
    } as PropertyDescriptor);
  }
  ctx.getLineDash = () => {
    const copy: number[] = [];
    for (let i = 0; i < lineDash.length; i++) append(copy, lineDash[i]);
    return copy;
  };
  ctx.createLinearGradient = (...args: unknown[]) => gradient('linear', args);
  ctx.createRadialGradient = (...args: unknown[]) => gradient('radial', args);
  ctx.createPattern = (image: unknown, repetition: unknown) => pattern(image, repetition);
  ctx.createImageData = (width: unknown, height: unknown) => (isObject(width) ? imageData(width.width, width.height) : imageData(width, height));
  ctx.measureText = (text: unknown) => measure(text, toStr(state.font));
  ctx.getImageData = (_x: unknown, _y: unknown, width: unknown, height: unknown) => {
    noReadback(rec.label, 'getImageData');
    return imageData(width, height);
  };
  ctx.isPointInPath = () => {
    noReadback(rec.label, 'isPointInPath');
    return false;
  };
  ctx.isPointInStroke = () => {
    noReadback(rec.label, 'isPointInStroke');
    return false;
  };
  return ctx;
}

/** A canvas drawn into another: its own pending calls go first, so the copy sees them. */
function flushSource(source: unknown): void {
  if (typeof source !== 'object' || source === null) return;
  const rec = recorders.get(source);
  if (rec && (rec.calls.length > 0 || rec.size || rec.clearNext)) flush(rec, true);
}

function toTempFile(options: unknown, target: Record<string, unknown>): unknown {
  const o = isObject(options) ? options : {};
  const args: Record<string, unknown> = {};
  const keys = ['x', 'y', 'width', 'height', 'destWidth', 'destHeight', 'fileType', 'quality', 'success', 'fail', 'complete'];
  for (let i = 0; i < keys.length; i++) if (o[keys[i]] !== undefined) args[keys[i]] = o[keys[i]];
  for (const key in target) args[key] = target[key];
  return callApi('canvasToTempFilePath', args);
}

// ------------------------------------------------------------------ legacy CanvasContext

export function createCanvasContext(canvasId?: unknown): Record<string, unknown> {
  const id = toStr(canvasId ?? '');
  const rec: Recorder = { target: { canvasId: id }, legacy: true, label: `my.createCanvasContext(${stringify(id)})`, calls: [], dropped: 0, scheduled: false, clearNext: false };
  const ctx = contextOf(rec);
  ctx.canvasId = id;
  for (let i = 0; i < CANVAS_LEGACY_SETTERS.length; i++) {
    const method = CANVAS_LEGACY_SETTERS[i];
    ctx[method] = (...args: unknown[]) => record(rec, { method, args });
  }
  // The docs' circular gradient: a radial one from the centre (x, y, r).
  ctx.createCircularGradient = (x: unknown, y: unknown, r: unknown) => gradient('circular', [x, y, r]);
  // The font a setFontSize sets is what measureText measures with.
  const setFontSize = ctx.setFontSize as Function;
  ctx.setFontSize = (size: unknown) => {
    setFontSize(size);
    fontSize = typeof size === 'number' && isFiniteNumber(size) ? size : fontSize;
  };
  let fontSize = 0;
  ctx.measureText = (text: unknown) => measure(text, fontSize > 0 ? `${fontSize}px sans-serif` : toStr(ctx.font));
  ctx.draw = (reserve?: unknown, callback?: unknown) => {
    if (typeof reserve === 'function') {
      callback = reserve;
      reserve = false;
    }
    flush(rec, reserve === true, typeof callback === 'function' ? callback : undefined);
  };
  ctx.toTempFilePath = (options?: unknown) => toTempFile(options, { canvasId: id });
  // The legacy forms are asynchronous (docs: CanvasContext.getImageData / putImageData): the view answers.
  ctx.getImageData = (options?: unknown) => {
    const o = isObject(options) ? options : {};
    const args = { target: rec.target, x: o.x, y: o.y, width: o.width, height: o.height };
    return invokeAsync('canvasGetImageData', args, undefined, (result: unknown) => {
      const ok = isObject(result) && typeof result.data === 'string';
      const answer = ok ? { width: result.width, height: result.height, data: new Uint8ClampedArray(base64ToArrayBuffer(result.data)) } : result;
      const callback = ok ? o.success : o.fail;
      if (typeof callback === 'function') guard(callback, undefined, [answer]);
      if (typeof o.complete === 'function') guard(o.complete, undefined, [answer]);
    }).promise.then(undefined, () => undefined);
  };
  ctx.putImageData = (options?: unknown) => {
    const o = isObject(options) ? options : {};
    const pixels = imageData(o.width, o.height);
    const source = o.data;
    const target = pixels.data as Uint8ClampedArray;
    if (source && typeof (source as ArrayLike<number>).length === 'number') {
      const list = source as ArrayLike<number>;
      for (let i = 0; i < target.length && i < list.length; i++) target[i] = list[i];
    }
    // Drawn at once, apart from the calls waiting for draw().
    const batch: CanvasDraw = { target: rec.target, reserve: true, legacy: true, calls: [] };
    const value = valueOf(pixels);
    if (value === undefined) warn(CanvasWarning.ArgLimit, `put:${rec.label}`, `${rec.label}.putImageData: at most ${CANVAS_LIMITS.imageDataPixels} pixels at once; nothing drawn`);
    else append(batch.calls, { method: 'putImageData', args: [value, typeof o.x === 'number' ? o.x : 0, typeof o.y === 'number' ? o.y : 0] });
    invokeAsync('canvasDraw', batch, undefined, (result: unknown) => {
      const failed = isObject(result) && typeof result.error === 'number';
      const callback = failed ? o.fail : o.success;
      if (typeof callback === 'function') guard(callback, undefined, [failed ? result : {}]);
      if (typeof o.complete === 'function') guard(o.complete, undefined, [failed ? result : {}]);
    });
  };
  ctx.toDataURL = (options?: unknown) => {
    noReadback(rec.label, 'toDataURL');
    const o = isObject(options) ? options : {};
    const result = { error: 1, errorMessage: 'toDataURL: not supported by mpk (use toTempFilePath)' };
    if (typeof o.fail === 'function') guard(o.fail, undefined, [result]);
    if (typeof o.complete === 'function') guard(o.complete, undefined, [result]);
    return Promise.reject(result).catch(() => undefined);
  };
  return ctx;
}

// ------------------------------------------------------------------ Canvas (type="2d") and OffscreenCanvas

function canvasObject(rec: Recorder, size: { width: number; height: number }, tempTarget: Record<string, unknown>): Record<string, unknown> {
  let context: Record<string, unknown> | undefined;
  const canvas: Record<string, unknown> = {};
  const resize = (width: unknown, height: unknown) => {
    const next = clipSize(rec.label, width, height, size.width, size.height);
    size.width = next.width;
    size.height = next.height;
    // A new size clears the canvas (Web standard): what was queued would be erased anyway.
    rec.calls = [];
    rec.size = { width: size.width, height: size.height };
    if (!rec.scheduled) {
      rec.scheduled = true;
      later(() => flush(rec, true));
    }
  };
  defineProperty(canvas, 'width', { __proto__: null, enumerable: true, configurable: true, get: () => size.width, set: (v: unknown) => resize(v, size.height) } as PropertyDescriptor);
  defineProperty(canvas, 'height', { __proto__: null, enumerable: true, configurable: true, get: () => size.height, set: (v: unknown) => resize(size.width, v) } as PropertyDescriptor);
  canvas.getContext = (type: unknown) => {
    if (toStr(type) !== '2d') {
      warn(CanvasWarning.Unsupported, `type:${toStr(type)}`, `${rec.label}.getContext(${stringify(toStr(type))}): mpk draws only '2d' contexts; it answers null`);
      return null;
    }
    if (!context) {
      context = contextOf(rec);
      context.canvas = canvas;
    }
    return context;
  };
  canvas.createImage = () => createImage();
  // About one frame on the container's clock (a ManualClock drives it too).
  canvas.requestAnimationFrame = (fn: unknown) => (typeof fn === 'function' ? timerGlobals.setTimeout(() => guard(fn, undefined, [hostNow()]), 16) : 0);
  canvas.cancelAnimationFrame = (handle: unknown) => timerGlobals.clearTimeout(handle as never);
  canvas.toTempFilePath = (options?: unknown) => toTempFile(options, tempTarget);
  // my.canvasToTempFilePath({ canvas }) sends the canvas as JSON: its target, not its methods. The
  // calls of this tick go first (posted while the invoke is being encoded), so the export sees them.
  const toJSON = () => {
    flushSource(canvas);
    return tempTarget.canvas;
  };
  defineProperty(canvas, 'toJSON', { __proto__: null, value: toJSON, enumerable: false, configurable: true } as PropertyDescriptor);
  recorders.set(canvas, rec);
  made.set(canvas, () => ({ canvas: rec.target }));
  return canvas;
}

/** The Canvas of a `<canvas type="2d">` node, from a selector query's `node` answer. */
export function canvasNode(answer: unknown): unknown {
  if (!isObject(answer) || typeof answer.node !== 'number' || typeof answer.page !== 'number') return null;
  // The same node answers the same Canvas (its size and queued calls are one).
  const key = `${answer.page}:${answer.node}`;
  const known = nodes.get(key);
  if (known) return known;
  const target: CanvasTarget = { node: answer.node, page: answer.page };
  const rec: Recorder = { target, legacy: false, label: `canvas node ${answer.node}`, calls: [], dropped: 0, scheduled: false, clearNext: false };
  const size = clipSize(rec.label, answer.width, answer.height, 300, 150);
  const canvas = canvasObject(rec, size, { canvas: { node: answer.node, page: answer.page } });
  nodes.set(key, canvas);
  return canvas;
}
const nodes = new SafeMap<string, Record<string, unknown>>();

/** `my.createOffscreenCanvas({ width, height })` (the docs' example also passes them positionally). */
export function createOffscreenCanvas(options?: unknown, height?: unknown): unknown {
  const o = isObject(options) ? options : { width: options, height };
  if (offscreenCount >= CANVAS_LIMITS.offscreen) {
    warn(CanvasWarning.Limit, 'offscreen', `my.createOffscreenCanvas: at most ${CANVAS_LIMITS.offscreen} offscreen canvases per app; it answers null`, false);
    return null;
  }
  const id = ++offscreenCount;
  const rec: Recorder = { target: { offscreen: id }, legacy: false, label: `my.createOffscreenCanvas() #${id}`, calls: [], dropped: 0, scheduled: false, clearNext: false };
  const size = clipSize(rec.label, o.width, o.height, 100, 100);
  rec.size = { width: size.width, height: size.height };
  const canvas = canvasObject(rec, size, { canvas: { offscreen: id } });
  // The host creates its backing store with the first batch: send the size now.
  rec.scheduled = true;
  later(() => flush(rec, true));
  return canvas;
}

/** `canvas.createImage()`: the renderer loads it (headless: my.getImageInfo reads a local file); `onload` once its size is known. */
function createImage(): Record<string, unknown> {
  let src = '';
  const image: Record<string, unknown> = { width: 0, height: 0, onload: null, onerror: null };
  defineProperty(image, 'src', {
    __proto__: null,
    enumerable: true,
    configurable: true,
    get: () => src,
    set: (value: unknown) => {
      src = toStr(value);
      const asked = src;
      const done = (ok: boolean, result: unknown) => {
        if (asked !== src) return;
        if (ok && isObject(result)) {
          image.width = result.width;
          image.height = result.height;
        }
        const handler = ok ? image.onload : image.onerror;
        if (typeof handler === 'function') guard(handler, image, [ok ? { type: 'load' } : result]);
      };
      const loaded = (result: unknown) => isObject(result) && typeof result.width === 'number';
      // The renderer loads it as the canvas will draw it; one that loads no images (headless): the file's header.
      invokeAsync('canvasLoadImage', { src: asked }, undefined, (result: unknown) => {
        if (isObject(result) && result.error === 1) invokeAsync('getImageInfo', { src: asked }, undefined, (info: unknown) => done(loaded(info), info));
        else done(loaded(result), result);
      });
    },
  } as PropertyDescriptor);
  made.set(image, () => (src.length <= CANVAS_LIMITS.stringLength ? { image: src } : undefined));
  return image;
}
