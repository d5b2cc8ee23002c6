/**
 * Canvas draw calls as they cross the bridge (docs: 画布 — my.createCanvasContext, Canvas,
 * OffscreenCanvas, RenderingContext). The base library records what the app calls on a context and
 * sends one `canvasDraw` invoke per `draw()` (legacy CanvasContext) or per tick (a `type="2d"` or
 * offscreen context draws "synchronously" on the platform: mpk flushes at the end of the tick).
 * Renderers replay the calls on a real Canvas 2D (DOM) or keep them as a recording (headless).
 *
 * Shared by the guest and the host: plain data and pure functions only.
 */

/** Which canvas a batch is for. */
export type CanvasTarget =
  /** Legacy `<canvas id>` of a page (default: the page on top when it is drawn). */
  | { canvasId: string; page?: number }
  /** A `type="2d"` canvas node from `select(…).node()`: the renderer's node id. */
  | { node: number; page: number }
  /** `my.createOffscreenCanvas()`: numbered per app by the base library. */
  | { offscreen: number };

/** A gradient or pattern used as `fillStyle` / `strokeStyle`. */
export type CanvasStyleValue =
  | { gradient: 'linear' | 'radial' | 'circular'; args: number[]; stops: Array<[number, string]> }
  | { pattern: CanvasImageSource; repetition: string };

/** What `drawImage` / `createPattern` draw: an image path or URL, or another canvas. */
export type CanvasImageSource = { image: string } | { canvas: CanvasTarget };

/** Pixels of `putImageData` (RGBA, base64). */
export interface CanvasImageData {
  imageData: { width: number; height: number; data: string };
}

export type CanvasValue = number | string | boolean | null | number[] | CanvasStyleValue | CanvasImageSource | CanvasImageData;

/** One recorded call: a method with its arguments, or a property assignment (`ctx.fillStyle = …`). */
export type CanvasCall = { method: string; args: CanvasValue[] } | { property: string; value: CanvasValue };

/** The `canvasDraw` invoke's arguments. */
export interface CanvasDraw {
  target: CanvasTarget;
  /** Keep what is on the canvas (legacy `draw(true)`, every 2d flush); false clears it first. */
  reserve: boolean;
  /** The backing store's new size (`canvas.width = …` on a 2d or offscreen canvas): clears it. */
  size?: { width: number; height: number };
  /** Legacy CanvasContext (its `set…` methods, `drawImage(path)`, device-pixel scaling). */
  legacy?: boolean;
  calls: CanvasCall[];
}

/**
 * Bounds (a canvas must not be a way to exhaust host memory). The guest clips to them and warns
 * with the code; the host refuses a batch that exceeds them (a guest that ignored them).
 */
export const CANVAS_LIMITS = {
  /** Calls per `draw()` / per flush. */
  callsPerDraw: 10_000,
  /** Characters of one string argument (text, colour, font, image path). */
  stringLength: 2_048,
  /** Numbers in one array argument (`setLineDash`). */
  arrayLength: 64,
  /** Colour stops of one gradient. */
  gradientStops: 64,
  /** Pixels of one `putImageData` (256 × 256). */
  imageDataPixels: 65_536,
  /** Width or height of a canvas's backing store, in pixels. */
  side: 4_096,
  /** Pixels of a backing store (2048 × 2048, 16 MB of RGBA). */
  area: 4_194_304,
  /** Offscreen canvases one app may hold. */
  offscreen: 16,
  /** Calls a headless recording keeps per canvas (older ones are dropped and counted). */
  recorded: 50_000,
} as const;

/** Warning codes, at the start of the warning's text (`[CANVAS_LIMIT] …`). */
export const CanvasWarning = {
  /** More calls than `callsPerDraw` in one batch: the rest were dropped. */
  Limit: 'CANVAS_LIMIT',
  /** An argument over its bound (string, array, gradient stops, image data): the call was dropped. */
  ArgLimit: 'CANVAS_ARG_LIMIT',
  /** A canvas size over `side` / `area`: clipped. */
  SizeLimit: 'CANVAS_SIZE_LIMIT',
  /** A call that reads pixels back synchronously (getImageData, isPointInPath, toDataURL): not available. */
  NoReadback: 'CANVAS_NO_READBACK',
  /** A context type other than '2d' (webgl) or a method mpk does not replay. */
  Unsupported: 'CANVAS_UNSUPPORTED',
} as const;

/** Methods of a Canvas 2D context (Web standard) that a recording replays. */
export const CANVAS_2D_METHODS = [
  'arc', 'arcTo', 'beginPath', 'bezierCurveTo', 'clearRect', 'clip', 'closePath', 'drawImage', 'ellipse', 'fill',
  'fillRect', 'fillText', 'lineTo', 'moveTo', 'putImageData', 'quadraticCurveTo', 'rect', 'reset', 'resetTransform',
  'restore', 'rotate', 'roundRect', 'save', 'scale', 'setLineDash', 'setTransform', 'stroke', 'strokeRect',
  'strokeText', 'transform', 'translate',
] as const;

/** The legacy CanvasContext's setters (docs: CanvasContext.set…), replayed as the property they set. */
export const CANVAS_LEGACY_SETTERS = [
  'setFillStyle', 'setFontSize', 'setGlobalAlpha', 'setLineCap', 'setLineJoin', 'setLineWidth', 'setMiterLimit',
  'setShadow', 'setStrokeStyle', 'setTextAlign', 'setTextBaseline',
] as const;

/** Properties of a Canvas 2D context that a recording replays. */
export const CANVAS_2D_PROPERTIES = [
  'direction', 'fillStyle', 'filter', 'font', 'globalAlpha', 'globalCompositeOperation', 'imageSmoothingEnabled',
  'imageSmoothingQuality', 'letterSpacing', 'lineCap', 'lineDashOffset', 'lineJoin', 'lineWidth', 'miterLimit',
  'shadowBlur', 'shadowColor', 'shadowOffsetX', 'shadowOffsetY', 'strokeStyle', 'textAlign', 'textBaseline',
] as const;

/** The font size in px of a CSS font shorthand (`bold 16px sans-serif` → 16); 10 (the canvas default) when absent. */
export function fontSizeOf(font: string): number {
  const match = /(\d+(?:\.\d+)?)px/.exec(font);
  const size = match ? Number(match[1]) : 10;
  return Number.isFinite(size) && size > 0 ? size : 10;
}

/** Full-width characters: CJK ideographs and punctuation, kana, hangul, full-width forms. */
function isWide(code: number): boolean {
  return (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000;
}

/**
 * The deterministic width estimate of `measureText` where no real text layout answers (headless,
 * or a logic worker without a sync channel): font size × 1 per full-width (CJK) character and × 0.6
 * per other character.
 */
export function estimateTextWidth(text: string, font: string): number {
  const size = fontSizeOf(font);
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? size : size * 0.6;
  return Math.round(width * 1000) / 1000;
}
