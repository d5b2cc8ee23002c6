/**
 * Canvas on the host (docs: 画布). The base library records draw calls (guest/canvas.ts) and sends
 * them as `canvasDraw`; the renderer replays them (DOM: a real Canvas 2D) or records them (headless).
 * `canvasMeasureText` answers `measureText` synchronously from the renderer's text layout.
 * `my.canvasToTempFilePath` asks the renderer for the pixels and stores them as a temporary file of
 * the app (`apFilePath`, also as `tempFilePath`): with a renderer that keeps no pixels (headless) it is
 * not supported (canIUse false, error 1).
 */

import { tempFilePath } from '../../adapters/files.ts';
import { CANVAS_LIMITS, type CanvasTarget } from '../../contract/canvas.ts';
import { readCanvasDraw, readCanvasTarget } from '../../view/canvas.ts';
import { defineApi } from '../define.ts';
import { toBase64 } from './binary.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiDefinition } from '../types.ts';

interface TempFileArgs {
  canvas?: Record<string, unknown>;
  canvasId?: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  destWidth?: number;
  destHeight?: number;
  fileType?: string;
  quality?: number;
}

function targetOf(args: TempFileArgs): CanvasTarget {
  try {
    if (args.canvas !== undefined) return readCanvasTarget(args.canvas);
    if (typeof args.canvasId === 'string' && args.canvasId !== '') return readCanvasTarget({ canvasId: args.canvasId });
  } catch (error) {
    throw new ApiFailure(ErrorCode.INVALID_PARAM, `canvasToTempFilePath: canvas is not a canvas of this app (${(error as Error).message})`);
  }
  throw new ApiFailure(ErrorCode.INVALID_PARAM, 'canvasToTempFilePath: canvas (a Canvas from select().node() or my.createOffscreenCanvas) or canvasId is required');
}

export function canvasApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'canvasDraw',
      // Plumbing of the base library's contexts, not an app API: not on `my`, canIUse false.
      internal: true,
      kind: 'async',
      params: s.object({ target: s.object(), reserve: s.boolean(), legacy: s.boolean(), size: s.object(), calls: s.array() }, { required: ['target', 'calls'] }),
      async handler(args: unknown, ctx) {
        let draw;
        try {
          draw = readCanvasDraw(args);
        } catch (error) {
          throw new ApiFailure(ErrorCode.INVALID_PARAM, (error as Error).message);
        }
        if (!ctx.services.canvasDraw) throw new ApiFailure(ErrorCode.NOT_SUPPORTED, 'canvasDraw: this host has no renderer that draws canvases');
        await ctx.services.canvasDraw(draw);
        return {};
      },
      description: 'Internal: one batch of recorded canvas calls for the renderer.',
    }),
    defineApi({
      name: 'canvasMeasureText',
      internal: true,
      kind: 'sync',
      params: s.object({ text: s.string({ maxLength: 2048 }), font: s.string({ maxLength: 256 }) }, { required: ['text', 'font'] }),
      result: s.object({ width: s.number() }, { required: ['width'] }),
      handler(args: { text: string; font: string }, ctx) {
        const width = ctx.services.measureText?.(args.text, args.font);
        if (width === undefined) throw new ApiFailure(ErrorCode.NOT_SUPPORTED, 'canvasMeasureText: this renderer lays out no text');
        return { width };
      },
      description: 'Internal: measureText with the renderer\'s text layout.',
    }),
    defineApi({
      name: 'canvasGetImageData',
      internal: true,
      kind: 'async',
      params: s.object(
        { target: s.object(), x: s.number(), y: s.number(), width: s.integer({ minimum: 1 }), height: s.integer({ minimum: 1 }) },
        { required: ['target', 'x', 'y', 'width', 'height'] },
      ),
      result: s.object({ width: s.number(), height: s.number(), data: s.string() }, { required: ['width', 'height', 'data'] }),
      async handler(args: { target: unknown; x: number; y: number; width: number; height: number }, ctx) {
        if (args.width * args.height > CANVAS_LIMITS.imageDataPixels) throw new ApiFailure(ErrorCode.INVALID_PARAM, `getImageData: at most ${CANVAS_LIMITS.imageDataPixels} pixels at once`);
        let target: CanvasTarget;
        try {
          target = readCanvasTarget(args.target);
        } catch (error) {
          throw new ApiFailure(ErrorCode.INVALID_PARAM, (error as Error).message);
        }
        if (!ctx.services.canvasPixels) throw new ApiFailure(ErrorCode.NOT_SUPPORTED, 'getImageData: this renderer keeps no pixels (headless: the canvas is a recording of draw calls)');
        const data = await ctx.services.canvasPixels(target, { x: args.x, y: args.y, width: args.width, height: args.height });
        return { width: args.width, height: args.height, data: toBase64(data) };
      },
      description: 'Internal: the legacy CanvasContext.getImageData — RGBA pixels of a region, base64.',
    }),
    defineApi({
      name: 'canvasLoadImage',
      internal: true,
      kind: 'async',
      params: s.object({ src: s.string({ minLength: 1, maxLength: 2048 }) }, { required: ['src'] }),
      result: s.object({ width: s.number(), height: s.number() }, { required: ['width', 'height'] }),
      async handler(args: { src: string }, ctx) {
        if (!ctx.services.canvasImage) throw new ApiFailure(ErrorCode.NOT_SUPPORTED, 'canvasLoadImage: this renderer loads no images');
        try {
          return await ctx.services.canvasImage(args.src);
        } catch (error) {
          throw new ApiFailure(12, `canvasLoadImage: ${(error as Error).message}`);
        }
      },
      description: 'Internal: canvas.createImage() — the renderer loads the image and answers its size.',
    }),
    defineApi({
      name: 'canvasToTempFilePath',
      kind: 'async',
      params: s.object({
        canvas: s.object({}, { description: 'A Canvas (select(…).node()) or OffscreenCanvas.' }),
        canvasId: s.string({ description: 'A legacy <canvas id>.' }),
        x: s.number(),
        y: s.number(),
        width: s.number({ minimum: 0 }),
        height: s.number({ minimum: 0 }),
        destWidth: s.number({ minimum: 0 }),
        destHeight: s.number({ minimum: 0 }),
        fileType: s.enum(['png', 'jpg', 'jpeg'], { caseInsensitive: true }),
        quality: s.number(),
      }),
      result: s.object({ apFilePath: s.string(), tempFilePath: s.string() }, { required: ['apFilePath', 'tempFilePath'] }),
      errors: { 1: 'this renderer keeps no pixels (the headless renderer records draw calls)', 2: 'no such canvas' },
      // Only a renderer that keeps pixels can answer: headless, canIUse is false and calls fail with 1.
      available: (_host, services) => services.canvasExport !== undefined,
      async handler(args: TempFileArgs, ctx) {
        const target = targetOf(args);
        if (!ctx.services.canvasExport) {
          throw new ApiFailure(ErrorCode.NOT_SUPPORTED, 'canvasToTempFilePath: this renderer keeps no pixels (headless: the canvas is a recording of draw calls); not supported on this host');
        }
        const fileType = args.fileType === 'jpg' || args.fileType === 'jpeg' ? 'jpg' : 'png';
        // Docs: quality outside (0, 1] is taken as 1.
        const quality = typeof args.quality === 'number' && args.quality > 0 && args.quality <= 1 ? args.quality : 1;
        const image = await ctx.services.canvasExport(target, {
          x: args.x, y: args.y, width: args.width, height: args.height, destWidth: args.destWidth, destHeight: args.destHeight, fileType, quality,
        });
        const path = tempFilePath(fileType);
        try {
          ctx.host.files.write(ctx.appId, path, image.bytes);
        } catch (error) {
          throw new ApiFailure(3, `canvasToTempFilePath: ${(error as Error).message}`);
        }
        return { apFilePath: path, tempFilePath: path };
      },
      description: 'The canvas (or a region of it) as a PNG or JPEG temporary file.',
    }),
  ];
}
