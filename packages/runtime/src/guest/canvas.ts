/**
 * `my.createCanvasContext(canvasId)` (docs: api/.../画布/my.createCanvasContext): mpk's renderers draw
 * no `<canvas>`, so the context is inert. Every drawing call is accepted and does nothing, `draw()` calls
 * its callback, `measureText` answers a width of 0, and the app is warned once that nothing is drawn.
 * Code written for the platform (antd-mini's circular Progress) runs instead of failing on a missing API.
 */
import { guard } from './errors.ts';
import { post } from './host.ts';
import { later, startsWithString, stringify, toStr } from './intrinsics.ts';

const METHODS = [
  'arc', 'arcTo', 'beginPath', 'bezierCurveTo', 'clearRect', 'clip', 'closePath', 'createCircularGradient',
  'createLinearGradient', 'createPattern', 'drawImage', 'fill', 'fillRect', 'fillText', 'lineTo', 'moveTo',
  'quadraticCurveTo', 'rect', 'restore', 'rotate', 'save', 'scale', 'setFillStyle', 'setFontSize',
  'setGlobalAlpha', 'setLineCap', 'setLineDash', 'setLineJoin', 'setLineWidth', 'setMiterLimit', 'setShadow',
  'setStrokeStyle', 'setTextAlign', 'setTextBaseline', 'setTransform', 'stroke', 'strokeRect', 'strokeText',
  'transform', 'translate',
];

let warned = false;

export function createCanvasContext(canvasId?: unknown): Record<string, unknown> {
  if (!warned) {
    warned = true;
    post({ t: 'log', level: 'warn', args: [`my.createCanvasContext(${stringify(toStr(canvasId))}): mpk does not draw <canvas>; the context accepts every call and draws nothing`] });
  }
  const ctx: Record<string, unknown> = { canvasId: toStr(canvasId) };
  const gradient = () => ({ addColorStop() {} });
  for (let i = 0; i < METHODS.length; i++) ctx[METHODS[i]] = startsWithString(METHODS[i], 'create') ? gradient : () => undefined;
  ctx.measureText = () => ({ width: 0 });
  ctx.draw = (_reserve?: unknown, callback?: unknown) => {
    if (typeof _reserve === 'function') callback = _reserve;
    if (typeof callback === 'function') later(() => guard(callback as Function, undefined, []));
  };
  ctx.toTempFilePath = (options?: { fail?: unknown; complete?: unknown }) => {
    const result = { error: 2, errorMessage: 'mpk does not draw <canvas>' };
    if (typeof options?.fail === 'function') guard(options.fail, undefined, [result]);
    if (typeof options?.complete === 'function') guard(options.complete, undefined, [result]);
  };
  return ctx;
}
