/**
 * Images from the app's files (docs: 基础API/多媒体/图片): `my.getImageInfo` answers width, height,
 * type and EXIF orientation from the file's own header (PNG, JPEG, GIF, WebP, BMP) — no image is
 * decoded; `my.compressImage` hands back a new temporary file per image. A headless host has no image
 * codec, so the bytes are copied unchanged (every `compressLevel` behaves as 3, 不压缩); a host with
 * one declares its own `compressImage` in `host.apis`.
 *
 * Sources: local files (`https://usr/…`, `https://resource/…`, `https://store/…`). Network images and
 * code-package paths are not read here: 12 (the docs' code for an image it cannot reach), as is a
 * missing file; a file that is not an image of those formats is 12 too.
 */

import { parseLocalPath, tempFilePath } from '../../adapters/files.ts';
import { defineApi } from '../define.ts';
import { ApiFailure } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

export interface ImageHeader {
  type: 'png' | 'jpg' | 'gif' | 'webp' | 'bmp';
  width: number;
  height: number;
  /** EXIF orientation as the docs name it (JPEG only; otherwise 'up'). */
  orientation: string;
}

const ORIENTATIONS = ['up', 'up', 'up-mirrored', 'down', 'down-mirrored', 'left-mirrored', 'right', 'right-mirrored', 'left'];

const ascii = (bytes: Uint8Array, at: number, length: number): string => String.fromCharCode(...bytes.subarray(at, at + length));

function jpegOrientation(bytes: Uint8Array, app1: number, length: number): string {
  // APP1: "Exif\0\0", then a TIFF header (II or MM), IFD0 with tag 0x0112.
  const start = app1 + 4;
  if (ascii(bytes, start, 6) !== 'Exif\0\0') return 'up';
  const tiff = start + 6;
  const little = ascii(bytes, tiff, 2) === 'II';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = Math.min(bytes.length, app1 + 2 + length);
  const u16 = (at: number) => (at + 2 <= end ? view.getUint16(at, little) : 0);
  const u32 = (at: number) => (at + 4 <= end ? view.getUint32(at, little) : 0);
  const ifd = tiff + u32(tiff + 4);
  const count = u16(ifd);
  for (let i = 0; i < count && i < 512; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) break;
    if (u16(entry) === 0x0112) return ORIENTATIONS[u16(entry + 8)] ?? 'up';
  }
  return 'up';
}

/** Reads width/height/type from an image's header; undefined when the bytes are not one. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  if (has(24) && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG' && ascii(bytes, 12, 4) === 'IHDR') {
    return { type: 'png', width: view.getUint32(16), height: view.getUint32(20), orientation: 'up' };
  }
  if (has(10) && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return { type: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true), orientation: 'up' };
  }
  if (has(30) && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    const chunk = ascii(bytes, 12, 4);
    if (chunk === 'VP8 ') return { type: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff, orientation: 'up' };
    if (chunk === 'VP8L') {
      const [b0, b1, b2, b3] = [bytes[21]!, bytes[22]!, bytes[23]!, bytes[24]!];
      return { type: 'webp', width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)), orientation: 'up' };
    }
    if (chunk === 'VP8X') {
      const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
      return { type: 'webp', width: 1 + u24(24), height: 1 + u24(27), orientation: 'up' };
    }
    return undefined;
  }
  if (has(26) && ascii(bytes, 0, 2) === 'BM') {
    return { type: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)), orientation: 'up' };
  }
  if (has(4) && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    let orientation = 'up';
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at += 1;
        continue;
      }
      const length = view.getUint16(at + 2);
      if (marker === 0xe1) orientation = jpegOrientation(bytes, at, length);
      // SOF0–SOF15 but DHT (C4), JPG (C8), DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: 'jpg', height: view.getUint16(at + 5), width: view.getUint16(at + 7), orientation };
      }
      if (length < 2) return undefined;
      at += 2 + length;
    }
  }
  return undefined;
}

function readImage(api: string, ctx: ApiCallContext, src: string): { path: string; bytes: Uint8Array } {
  let path: string;
  try {
    path = parseLocalPath(src).path;
  } catch {
    throw new ApiFailure(12, `${api}: ${JSON.stringify(src)} is not a local file of this app (network images and code-package paths are not read on this host)`);
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = ctx.host.files.read(ctx.appId, path);
  } catch (error) {
    throw new ApiFailure(12, `${api}: ${path}: ${(error as Error).message}`);
  }
  if (!bytes) throw new ApiFailure(12, `${api}: no such file: ${path}`);
  return { path, bytes };
}

export function imageApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'getImageInfo',
      kind: 'async',
      params: s.object({ src: s.string({ minLength: 1 }) }, { required: ['src'] }),
      result: s.object({ width: s.number(), height: s.number(), path: s.string(), orientation: s.string(), type: s.string() }, { required: ['width', 'height', 'path', 'orientation', 'type'] }),
      errors: { 12: 'the image cannot be read (missing, not a local file, not PNG/JPEG/GIF/WebP/BMP)' },
      handler: (args: { src: string }, ctx) => {
        const { path, bytes } = readImage('getImageInfo', ctx, args.src);
        const header = readImageHeader(bytes);
        if (!header) throw new ApiFailure(12, `getImageInfo: ${path} is not a PNG, JPEG, GIF, WebP or BMP image`);
        return { width: header.width, height: header.height, path, orientation: header.orientation, type: header.type };
      },
      description: 'Width, height, type and orientation of a local image, from its header.',
    }),
    defineApi({
      name: 'compressImage',
      kind: 'async',
      params: s.object({ apFilePaths: s.array(s.string(), { maxItems: 9 }), compressLevel: s.integer({ minimum: 0, maximum: 4, default: 4 }) }, { required: ['apFilePaths'] }),
      result: s.object({ apFilePaths: s.array(s.string()) }, { required: ['apFilePaths'] }),
      errors: { 12: 'an image cannot be read' },
      handler: (args: { apFilePaths: string[] }, ctx) => {
        const out: string[] = [];
        for (const src of args.apFilePaths) {
          const { bytes } = readImage('compressImage', ctx, src);
          // No codec headless: a new temporary file with the same bytes.
          const path = tempFilePath('image');
          try {
            ctx.host.files.write(ctx.appId, path, bytes);
          } catch (error) {
            throw new ApiFailure(3, `compressImage: ${(error as Error).message}`);
          }
          out.push(path);
        }
        return { apFilePaths: out };
      },
      description: 'Compressed copies of local images as temporary files (headless: the bytes unchanged).',
    }),
  ];
}
