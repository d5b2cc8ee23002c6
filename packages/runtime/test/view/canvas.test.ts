/**
 * The host's check of canvas batches (src/view/canvas.ts): a `canvasDraw` invoke comes from
 * mini-program code, so anything outside the allow-lists and CANVAS_LIMITS is refused with a message.
 */
import { describe, expect, it } from 'vitest';
import { CANVAS_LIMITS } from '../../src/contract/canvas.ts';
import { readCanvasDraw } from '../../src/view/canvas.ts';

const batch = (calls: unknown[], extra: Record<string, unknown> = {}) => ({ target: { canvasId: 'c' }, reserve: false, calls, ...extra });

describe('readCanvasDraw', () => {
  it('keeps a well-formed batch as it is', () => {
    const calls = [
      { method: 'setFillStyle', args: ['red'] },
      { property: 'strokeStyle', value: { gradient: 'linear', args: [0, 0, 1, 1], stops: [[0, 'red'], [1, 'blue']] } },
      { method: 'drawImage', args: [{ canvas: { offscreen: 1 } }, 0, 0] },
      { method: 'setLineDash', args: [[4, 2]] },
    ];
    expect(readCanvasDraw({ ...batch(calls), legacy: true, size: { width: 10, height: 20 } })).toEqual({ target: { canvasId: 'c' }, reserve: false, legacy: true, size: { width: 10, height: 20 }, calls });
  });

  it.each([
    ['an unknown method', batch([{ method: 'constructor', args: [] }]), /unknown method "constructor"/],
    ['an unknown property', batch([{ property: '__proto__', value: 1 }]), /unknown property "__proto__"/],
    ['a bad target', { target: { node: 'x' }, calls: [] }, /target must be/],
    ['too many calls', batch(new Array(CANVAS_LIMITS.callsPerDraw + 1).fill({ method: 'fill', args: [] })), /over the limit of 10000 per draw/],
    ['a long string', batch([{ method: 'fillText', args: ['x'.repeat(CANVAS_LIMITS.stringLength + 1), 0, 0] }]), /over 2048 characters/],
    ['too many stops', batch([{ property: 'fillStyle', value: { gradient: 'linear', args: [], stops: new Array(65).fill([0, 'red']) } }]), /gradient stops/],
    ['a huge size', batch([], { size: { width: 5000, height: 10 } }), /size is over the canvas limits/],
    ['image data larger than its size', batch([{ method: 'putImageData', args: [{ imageData: { width: 1, height: 1, data: 'A'.repeat(100) } }, 0, 0] }]), /larger than its size/],
    ['a non-finite number', batch([{ method: 'fillRect', args: [Infinity, 0, 1, 1] }]), /finite/],
  ])('refuses %s', (_what, args, message) => {
    expect(() => readCanvasDraw(args)).toThrow(message);
  });
});
