/**
 * `canvas` (docs: component 画布): a real HTMLCanvasElement (the host itself, so `canvas { … }` in
 * the app's ACSS applies), sized by its style (default 300 × 225 CSS px). Batches from the base
 * library (contract/canvas.ts, checked by view/canvas.ts) are replayed on its Canvas 2D context.
 *
 * Backing store: a legacy canvas (no `type`) without `width`/`height` attributes gets its CSS size ×
 * devicePixelRatio and a matching scale, so the app draws in CSS px and the result is sharp; with the
 * attributes (antd-mini's Progress: `width="{{w * pixelRatio}}"`) the attributes are the backing size.
 * A `type="2d"` canvas starts at its attributes, else its CSS size, and then follows `canvas.width =`.
 * `onReady` fires after the batch that created it. Offscreen canvases are detached canvas elements.
 *
 * Images (`drawImage(path)`, `createImage()`) load through the renderer's `resolveAsset`; a batch
 * waits for its images, and batches of one canvas replay in order.
 */
import type { CanvasCall, CanvasDraw, CanvasImageSource, CanvasTarget, CanvasValue } from '../../../contract/canvas.ts';
import { CANVAS_LIMITS } from '../../../contract/canvas.ts';
import type { CanvasExport, CanvasExportOptions } from '../../../contract/renderer.ts';
import { canvasAttrSize } from '../../../view/canvas.ts';
import { fromBase64 } from '../../../jsapi/apis/binary.ts';
import type { ComponentFactory } from '../types.ts';

type Ctx2D = CanvasRenderingContext2D;

/** The legacy set… methods as the property (or properties) they set. */
const LEGACY_SETTERS: Record<string, (ctx: Ctx2D, args: CanvasValue[], style: (v: CanvasValue) => unknown) => void> = {
  setFillStyle: (ctx, [v], style) => { ctx.fillStyle = style(v) as string; },
  setStrokeStyle: (ctx, [v], style) => { ctx.strokeStyle = style(v) as string; },
  setFontSize: (ctx, [v]) => { ctx.font = `${Number(v) || 10}px sans-serif`; },
  setGlobalAlpha: (ctx, [v]) => { ctx.globalAlpha = Number(v); },
  setLineCap: (ctx, [v]) => { ctx.lineCap = String(v) as CanvasLineCap; },
  setLineJoin: (ctx, [v]) => { ctx.lineJoin = String(v) as CanvasLineJoin; },
  setLineWidth: (ctx, [v]) => { ctx.lineWidth = Number(v); },
  setMiterLimit: (ctx, [v]) => { ctx.miterLimit = Number(v); },
  setTextAlign: (ctx, [v]) => { ctx.textAlign = String(v) as CanvasTextAlign; },
  setTextBaseline: (ctx, [v]) => { ctx.textBaseline = String(v) as CanvasTextBaseline; },
  setShadow: (ctx, [x, y, blur, color]) => {
    ctx.shadowOffsetX = Number(x) || 0;
    ctx.shadowOffsetY = Number(y) || 0;
    ctx.shadowBlur = Number(blur) || 0;
    ctx.shadowColor = typeof color === 'string' ? color : 'black';
  },
};

export interface CanvasHost {
  resolveAsset(url: string): string;
  /** Another canvas a batch draws from (`drawImage(canvas)`). */
  canvasOf(target: CanvasTarget): HTMLCanvasElement | undefined;
}

/** One drawable canvas: its element, its backing rules, and the queue its batches replay in. */
export class CanvasSurface {
  private queue: Promise<void> = Promise.resolve();
  /** Legacy auto-sized canvases draw in CSS px on a backing of CSS px × dpr. */
  scale = 1;

  constructor(
    readonly element: HTMLCanvasElement,
    private readonly legacyAuto: () => boolean,
  ) {}

  private get dpr(): number {
    const ratio = this.element.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    return Number.isFinite(ratio) && ratio > 0 ? Math.min(ratio, 4) : 1;
  }

  /** A legacy auto-sized canvas follows its CSS size (× dpr) whenever it is cleared. */
  private fitLegacy(): void {
    const dpr = this.dpr;
    const width = Math.max(0, Math.round(this.element.clientWidth * dpr));
    const height = Math.max(0, Math.round(this.element.clientHeight * dpr));
    const clipped = clip(width, height);
    if (this.element.width !== clipped.width) this.element.width = clipped.width;
    if (this.element.height !== clipped.height) this.element.height = clipped.height;
    this.scale = dpr;
  }

  draw(draw: CanvasDraw, host: CanvasHost): Promise<void> {
    const run = this.queue.then(() => this.replay(draw, host));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async replay(draw: CanvasDraw, host: CanvasHost): Promise<void> {
    const canvas = this.element;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gives no 2d context');
    const images = await this.loadImages(draw.calls, host);
    if (draw.size) {
      // Assigning the size clears the canvas and resets its state (Web standard).
      canvas.width = draw.size.width;
      canvas.height = draw.size.height;
      this.scale = 1;
    }
    if (!draw.reserve) {
      if (draw.legacy && this.legacyAuto()) this.fitLegacy();
      ctx.reset?.();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      if (this.scale !== 1) ctx.setTransform(this.scale, 0, 0, this.scale, 0, 0);
    }
    for (const call of draw.calls) {
      try {
        this.replayOne(ctx, call, images, host);
      } catch {
        // A call the browser refuses (a bad argument) is skipped, as a canvas ignores bad input.
      }
    }
  }

  private style(ctx: Ctx2D, value: CanvasValue, images: Map<string, HTMLImageElement>, host: CanvasHost): unknown {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    if ('gradient' in value) {
      const a = value.args;
      const gradient =
        value.gradient === 'linear'
          ? ctx.createLinearGradient(a[0] ?? 0, a[1] ?? 0, a[2] ?? 0, a[3] ?? 0)
          : value.gradient === 'circular'
            ? ctx.createRadialGradient(a[0] ?? 0, a[1] ?? 0, 0, a[0] ?? 0, a[1] ?? 0, Math.max(0, a[2] ?? 0))
            : ctx.createRadialGradient(a[0] ?? 0, a[1] ?? 0, Math.max(0, a[2] ?? 0), a[3] ?? 0, a[4] ?? 0, Math.max(0, a[5] ?? 0));
      for (const [offset, color] of value.stops) {
        try {
          gradient.addColorStop(Math.min(1, Math.max(0, offset)), color);
        } catch {
          // An unparsable colour stop is left out.
        }
      }
      return gradient;
    }
    if ('pattern' in value) {
      const source = this.source(value.pattern, images, host);
      return source ? ctx.createPattern(source, value.repetition as never) : null;
    }
    return value;
  }

  private source(value: CanvasImageSource, images: Map<string, HTMLImageElement>, host: CanvasHost): CanvasImageSource_ | undefined {
    if ('image' in value) return images.get(value.image);
    const canvas = host.canvasOf(value.canvas);
    return canvas && canvas.width > 0 && canvas.height > 0 ? canvas : undefined;
  }

  private replayOne(ctx: Ctx2D, call: CanvasCall, images: Map<string, HTMLImageElement>, host: CanvasHost): void {
    const style = (v: CanvasValue) => this.style(ctx, v, images, host);
    if ('property' in call) {
      const value = call.property === 'fillStyle' || call.property === 'strokeStyle' ? style(call.value) : call.value;
      if (value !== null && value !== undefined) (ctx as unknown as Record<string, unknown>)[call.property] = value;
      return;
    }
    const { method, args } = call;
    const setter = LEGACY_SETTERS[method];
    if (setter) return setter(ctx, args, style);
    if (method === 'setLineDash') {
      // The legacy form takes the offset too: setLineDash(pattern, offset).
      ctx.setLineDash(Array.isArray(args[0]) ? args[0] : []);
      if (typeof args[1] === 'number') ctx.lineDashOffset = args[1];
      return;
    }
    if (method === 'drawImage') {
      const first = args[0];
      const source = typeof first === 'string' ? images.get(first) : first && typeof first === 'object' && !Array.isArray(first) && ('image' in first || 'canvas' in first) ? this.source(first as CanvasImageSource, images, host) : undefined;
      if (!source) return;
      const rest = args.slice(1).map(Number);
      (ctx.drawImage as (...a: unknown[]) => void)(source, ...rest);
      return;
    }
    if (method === 'putImageData') {
      const data = args[0];
      if (!data || typeof data !== 'object' || !('imageData' in data)) return;
      const { width, height, data: base64 } = data.imageData;
      const bytes = fromBase64(base64);
      const pixels = new Uint8ClampedArray(width * height * 4);
      pixels.set(bytes.subarray(0, pixels.length));
      ctx.putImageData(new ImageData(pixels, width, height), Number(args[1]) || 0, Number(args[2]) || 0);
      return;
    }
    const fn = (ctx as unknown as Record<string, unknown>)[method];
    if (typeof fn === 'function') (fn as (...a: unknown[]) => void).apply(ctx, args);
  }

  /** Every image path a batch draws, loaded (failed ones are left out: drawImage of them draws nothing). */
  private async loadImages(calls: readonly CanvasCall[], host: CanvasHost): Promise<Map<string, HTMLImageElement>> {
    const urls = new Set<string>();
    const visit = (value: CanvasValue) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        if ('image' in value) urls.add(value.image);
        if ('pattern' in value && 'image' in value.pattern) urls.add(value.pattern.image);
      }
    };
    for (const call of calls) {
      if ('property' in call) visit(call.value);
      else {
        if (call.method === 'drawImage' && typeof call.args[0] === 'string') urls.add(call.args[0]);
        call.args.forEach(visit);
      }
    }
    const out = new Map<string, HTMLImageElement>();
    await Promise.all(
      [...urls].slice(0, 64).map(async (url) => {
        const image = await loadImage(this.element.ownerDocument, host.resolveAsset(url));
        if (image) out.set(url, image);
      }),
    );
    return out;
  }

  /** The canvas's pixels (after the batches sent before) as PNG or JPEG. */
  async export(options: CanvasExportOptions): Promise<CanvasExport> {
    const { out, dest } = await this.region(options, options.fileType === 'jpg' ? '#ffffff' : undefined);
    const url = out.toDataURL(options.fileType === 'jpg' ? 'image/jpeg' : 'image/png', options.quality);
    return { bytes: fromBase64(url.slice(url.indexOf(',') + 1)), width: dest.width, height: dest.height };
  }

  /** RGBA pixels of a region (legacy `getImageData`), in the units the app draws in. */
  async pixels(rect: { x: number; y: number; width: number; height: number }): Promise<Uint8Array> {
    const { out, dest } = await this.region({ ...rect, destWidth: rect.width, destHeight: rect.height, fileType: 'png' });
    const data = out.getContext('2d')!.getImageData(0, 0, dest.width, dest.height).data;
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  /** The region scaled to its destination size on a new canvas (after the batches sent before), over `background`. */
  private async region(options: CanvasExportOptions, background?: string): Promise<{ out: HTMLCanvasElement; dest: { width: number; height: number } }> {
    await this.queue;
    const canvas = this.element;
    const scale = this.scale;
    const x = (options.x ?? 0) * scale;
    const y = (options.y ?? 0) * scale;
    const width = options.width !== undefined ? options.width * scale : canvas.width - x;
    const height = options.height !== undefined ? options.height * scale : canvas.height - y;
    const dest = clip(Math.round(options.destWidth ?? width), Math.round(options.destHeight ?? height));
    if (dest.width <= 0 || dest.height <= 0) throw new Error('the canvas (or the region asked) is empty');
    const out = canvas.ownerDocument.createElement('canvas');
    out.width = dest.width;
    out.height = dest.height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('this browser gives no 2d context');
    if (background) {
      // JPEG has no alpha: transparent pixels come out white, as on the platform.
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, dest.width, dest.height);
    }
    if (width > 0 && height > 0 && canvas.width > 0 && canvas.height > 0) ctx.drawImage(canvas, x, y, width, height, 0, 0, dest.width, dest.height);
    return { out, dest };
  }
}

type CanvasImageSource_ = HTMLImageElement | HTMLCanvasElement;

function clip(width: number, height: number): { width: number; height: number } {
  let w = Math.min(Math.max(0, width), CANVAS_LIMITS.side);
  let h = Math.min(Math.max(0, height), CANVAS_LIMITS.side);
  if (w * h > CANVAS_LIMITS.area) h = Math.floor(CANVAS_LIMITS.area / Math.max(1, w));
  return { width: w, height: h };
}

export function loadImage(doc: Document, src: string): Promise<HTMLImageElement | undefined> {
  return new Promise((resolve) => {
    const image = doc.createElement('img');
    image.crossOrigin = 'anonymous';
    image.onload = () => resolve(image);
    image.onerror = () => resolve(undefined);
    image.src = src;
  });
}

/** Canvas elements → their surface (the renderer finds a record's surface through its host). */
export const surfaces = new WeakMap<HTMLElement, CanvasSurface>();

export const canvas: ComponentFactory = (ctx) => {
  const element = ctx.doc.createElement('canvas');
  let sized = false;
  let ready = false;
  const surface = new CanvasSurface(element, () => ctx.record.attrs.type === undefined && ctx.record.attrs.width === undefined && ctx.record.attrs.height === undefined);
  surfaces.set(element, surface);
  ctx.schedule();
  return {
    host: element,
    setAttr(name, value) {
    // disable-scroll: touch drags on the canvas neither scroll the page nor pull it down.
    if (name === 'disable-scroll') ctx.toggleClass('mpk-disable-scroll', Boolean(value));
      // The width/height attributes are the backing size (the docs' high-DPR advice).
      if ((name === 'width' || name === 'height') && (ctx.record.attrs.width !== undefined || ctx.record.attrs.height !== undefined)) {
        const size = canvasAttrSize(ctx.record.attrs);
        if (element.width !== size.width) element.width = size.width;
        if (element.height !== size.height) element.height = size.height;
        surface.scale = 1;
        sized = true;
      }
    },
    afterApply() {
      if (!sized) {
        sized = true;
        if (ctx.record.attrs.type === undefined) {
          const dpr = element.ownerDocument.defaultView?.devicePixelRatio ?? 1;
          const fit = clip(Math.round(element.clientWidth * dpr), Math.round(element.clientHeight * dpr));
          element.width = fit.width;
          element.height = fit.height;
          surface.scale = dpr;
        } else {
          const fit = clip(element.clientWidth || 300, element.clientHeight || 225);
          element.width = fit.width;
          element.height = fit.height;
        }
      }
      if (!ready) {
        ready = true;
        ctx.dispatch('ready', {});
      }
    },
  };
};

/** `measureText` with the browser's text layout (one scratch context per document). */
const scratch = new WeakMap<Document, Ctx2D | null>();
export function measureTextIn(doc: Document, text: string, font: string): number | undefined {
  if (!scratch.has(doc)) scratch.set(doc, doc.createElement('canvas').getContext('2d'));
  const ctx = scratch.get(doc);
  if (!ctx) return undefined;
  ctx.font = font;
  return ctx.measureText(text).width;
}
