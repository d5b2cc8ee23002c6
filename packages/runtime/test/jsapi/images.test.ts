/**
 * my.getImageInfo and my.compressImage from the app's files (docs: 基础API/多媒体/图片): width, height,
 * type and orientation read from PNG, JPEG (with EXIF orientation), GIF, WebP (VP8, VP8L, VP8X) and
 * BMP headers; compressImage answers new temporary files; 12 for what it cannot read.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryFileStore } from '../../src/jsapi/index.ts';
import { readImageHeader } from '../../src/jsapi/apis/images.ts';
import { harness, ok } from './helpers.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAEklEQVR42mNkYPhfz8DAwMAAAAzfAwHdx/m5AAAAAElFTkSuQmCC', 'base64');
function jpeg(width: number, height: number, orientation?: number): Uint8Array {
  const parts: number[] = [0xff, 0xd8];
  if (orientation) {
    const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0, 0, 0];
    const body = [...Buffer.from('Exif\0\0'), ...tiff];
    parts.push(0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255, ...body);
  }
  parts.push(0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
  return Uint8Array.from(parts);
}
const gif = Uint8Array.from([...Buffer.from('GIF89a'), 5, 0, 7, 0, 0, 0, 0]);
const webpX = Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8X'), 10, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 49, 0, 0]);
const bmp = new Uint8Array(30);
bmp.set(Buffer.from('BM'));
new DataView(bmp.buffer).setInt32(18, 640, true);
new DataView(bmp.buffer).setInt32(22, -480, true);

describe('image headers', () => {
  it('reads PNG, JPEG, GIF, WebP and BMP sizes', () => {
    expect(readImageHeader(png)).toEqual({ type: 'png', width: 3, height: 2, orientation: 'up' });
    expect(readImageHeader(jpeg(800, 600))).toEqual({ type: 'jpg', width: 800, height: 600, orientation: 'up' });
    expect(readImageHeader(jpeg(800, 600, 6))).toMatchObject({ orientation: 'right' });
    expect(readImageHeader(gif)).toEqual({ type: 'gif', width: 5, height: 7, orientation: 'up' });
    expect(readImageHeader(webpX)).toEqual({ type: 'webp', width: 100, height: 50, orientation: 'up' });
    expect(readImageHeader(bmp)).toEqual({ type: 'bmp', width: 640, height: 480, orientation: 'up' });
    expect(readImageHeader(new TextEncoder().encode('not an image at all, really'))).toBeUndefined();
  });
});

describe('my.getImageInfo / my.compressImage', () => {
  it('answer from the app files, 12 otherwise', async () => {
    const files = createMemoryFileStore();
    files.write('test-app', 'https://usr/a.png', png);
    const h = harness({ files });
    expect(ok(await h.call('getImageInfo', { src: 'https://usr/a.png' }))).toEqual({ width: 3, height: 2, path: 'https://usr/a.png', orientation: 'up', type: 'png' });
    expect(await h.call('getImageInfo', { src: 'https://usr/none.png' })).toMatchObject({ ok: false, error: { error: 12 } });
    expect(await h.call('getImageInfo', { src: '/etc/passwd' })).toMatchObject({ ok: false, error: { error: 12 } });
    const { apFilePaths } = ok(await h.call('compressImage', { apFilePaths: ['https://usr/a.png'], compressLevel: 1 }));
    expect(apFilePaths).toEqual([expect.stringMatching(/^https:\/\/resource\/apml[0-9a-f]{32}\.image$/)]);
    expect(Buffer.from(files.read('test-app', apFilePaths[0])!)).toEqual(png);
  });
});
