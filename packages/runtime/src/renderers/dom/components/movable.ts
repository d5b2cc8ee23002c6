/**
 * `movable-area` / `movable-view`: a view the user drags inside its area (docs: movable-view must be
 * a direct child of movable-area; both default to 10px × 10px; the view is absolutely positioned at
 * the area's top left and moved by `x` / `y`).
 *
 * - Range: a view smaller than its area moves within it; a larger one moves so that it always
 *   covers the area (each axis on its own). `x`/`y` outside the range are brought into it.
 * - `direction` (`none` by default, `horizontal`, `vertical`, `all`), `disabled`, `out-of-bounds`
 *   (dragged past the range with resistance, then springs back), `inertia` (keeps gliding after a
 *   flick, slowed by `friction`), `animation` (template moves are animated).
 * - Events at the view: `change` {x, y, source} — `touch` while dragged, `touch-out-of-bounds`
 *   past the range, `out-of-bounds` springing back, `friction` gliding, `''` when the template moved
 *   it — and `changeEnd` {x, y} when a drag (and its glide) ends. Touch events are the renderer's.
 */

import type { ComponentContext, ComponentFactory } from '../types.ts';
import { toBool, toNumber, toText } from './util.ts';
import { cssZoomOf } from '../css-zoom.ts';

type Direction = 'none' | 'horizontal' | 'vertical' | 'all';
type Source = 'touch' | 'touch-out-of-bounds' | 'out-of-bounds' | 'friction' | '';

export const movableArea: ComponentFactory = (ctx) => ({ host: ctx.doc.createElement('movable-area') });

/** Rounded to 1/100 px: what handlers receive. */
const round = (n: number): number => Math.round(n * 100) / 100;

export const movableView: ComponentFactory = (ctx: ComponentContext) => {
  const doc = ctx.doc;
  const win = doc.defaultView;
  const host = doc.createElement('movable-view');
  let x = 0;
  let y = 0;
  let wantX = 0;
  let wantY = 0;
  let direction: Direction = 'none';
  let disabled = false;
  let outOfBounds = false;
  let inertia = false;
  let friction = 2;
  let pendingTemplateMove = false;
  let drag: { pointerId: number; startX: number; startY: number; fromX: number; fromY: number; samples: Array<[number, number, number]> } | undefined;
  let glide: number | undefined;

  const area = (): HTMLElement | undefined => {
    const parent = host.parentElement;
    return parent && ctx.recordOf(parent)?.tag === 'movable-area' ? parent : undefined;
  };
  /** [min, max] of x and y. */
  const range = (): [[number, number], [number, number]] => {
    const box = area();
    if (!box) return [[-Infinity, Infinity], [-Infinity, Infinity]];
    const axis = (areaSize: number, viewSize: number): [number, number] => (viewSize <= areaSize ? [0, areaSize - viewSize] : [areaSize - viewSize, 0]);
    return [axis(box.clientWidth, host.offsetWidth), axis(box.clientHeight, host.offsetHeight)];
  };
  const clamp = (value: number, [min, max]: [number, number]): number => Math.min(max, Math.max(min, value));
  const canX = (): boolean => direction === 'horizontal' || direction === 'all';
  const canY = (): boolean => direction === 'vertical' || direction === 'all';

  const place = (nx: number, ny: number): boolean => {
    const moved = nx !== x || ny !== y;
    x = nx;
    y = ny;
    ctx.setHostStyle('transform', x === 0 && y === 0 ? undefined : `translate(${x}px, ${y}px)`);
    return moved;
  };
  const report = (source: Source): void => ctx.dispatch('change', { x: round(x), y: round(y), source });

  const stopGlide = (): void => {
    if (glide !== undefined) win?.cancelAnimationFrame(glide);
    glide = undefined;
  };

  /** Animates to (tx, ty) over frames, reporting each step with `source`, then calls `done`. */
  const animateTo = (tx: number, ty: number, source: Source, done: () => void): void => {
    stopGlide();
    const fromX = x;
    const fromY = y;
    const start = win?.performance.now() ?? 0;
    const duration = 300;
    const step = (now: number): void => {
      const t = Math.min(1, (now - start) / duration);
      const ease = 1 - (1 - t) ** 3;
      if (place(fromX + (tx - fromX) * ease, fromY + (ty - fromY) * ease)) report(source);
      if (t < 1 && win) glide = win.requestAnimationFrame(step);
      else {
        glide = undefined;
        done();
      }
    };
    if (!win) {
      place(tx, ty);
      done();
      return;
    }
    glide = win.requestAnimationFrame(step);
  };

  const end = (): void => ctx.dispatch('changeEnd', { x: round(x), y: round(y) });

  /** After a drag: glide (inertia), then spring back into range (out-of-bounds), then changeEnd. */
  const release = (vx: number, vy: number): void => {
    const [rx, ry] = range();
    const settle = (): void => {
      const cx = clamp(x, rx);
      const cy = clamp(y, ry);
      if (cx !== x || cy !== y) animateTo(cx, cy, 'out-of-bounds', end);
      else end();
    };
    if (!inertia || (Math.abs(vx) < 0.05 && Math.abs(vy) < 0.05)) return settle();
    // px per ms, decaying with friction; stops at the range's edge unless out-of-bounds.
    const decay = Math.max(0.001, friction) * 0.0015;
    const travelX = canX() ? (vx * Math.abs(vx)) / (2 * decay) : 0;
    const travelY = canY() ? (vy * Math.abs(vy)) / (2 * decay) : 0;
    const tx = outOfBounds ? x + travelX : clamp(x + travelX, rx);
    const ty = outOfBounds ? y + travelY : clamp(y + travelY, ry);
    animateTo(tx, ty, 'friction', settle);
  };

  const onMove = (event: PointerEvent): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const [rx, ry] = range();
    const along = (from: number, delta: number, bounds: [number, number]): [number, boolean] => {
      const raw = from + delta;
      const inside = clamp(raw, bounds);
      if (raw === inside) return [raw, false];
      // Past the range: held at the edge, or followed with resistance when out-of-bounds is on.
      return outOfBounds ? [inside + (raw - inside) / 3, true] : [inside, false];
    };
    const zoom = cssZoomOf(host);
    const [nx, outX] = canX() ? along(drag.fromX, (event.clientX - drag.startX) / zoom, rx) : [x, false];
    const [ny, outY] = canY() ? along(drag.fromY, (event.clientY - drag.startY) / zoom, ry) : [y, false];
    drag.samples.push([event.timeStamp, nx, ny]);
    if (drag.samples.length > 5) drag.samples.shift();
    if (place(nx, ny)) report(outX || outY ? 'touch-out-of-bounds' : 'touch');
  };
  const onUp = (event: PointerEvent): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { samples } = drag;
    drag = undefined;
    ctx.toggleClass('mpk-movable-dragging', false);
    win?.removeEventListener('pointermove', onMove);
    win?.removeEventListener('pointerup', onUp);
    win?.removeEventListener('pointercancel', onUp);
    const first = samples[0];
    const last = samples.at(-1);
    const dt = first && last ? last[0] - first[0] : 0;
    release(dt > 0 ? (last![1] - first![1]) / dt : 0, dt > 0 ? (last![2] - first![2]) / dt : 0);
  };
  host.addEventListener('pointerdown', (event) => {
    if (disabled || direction === 'none' || drag || !event.isPrimary || (event.pointerType === 'mouse' && event.button !== 0)) return;
    stopGlide();
    drag = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, fromX: x, fromY: y, samples: [] };
    ctx.toggleClass('mpk-movable-dragging', true);
    win?.addEventListener('pointermove', onMove);
    win?.addEventListener('pointerup', onUp);
    win?.addEventListener('pointercancel', onUp);
  });

  /** The template's x/y, brought into range once the area and the view have their sizes. */
  const applyTemplate = (): void => {
    if (drag) return;
    pendingTemplateMove = false;
    const [rx, ry] = range();
    stopGlide();
    if (place(clamp(wantX, rx), clamp(wantY, ry))) report('');
  };

  const touchAction = (): void => {
    const action = disabled || direction === 'none' ? undefined : direction === 'horizontal' ? 'pan-y' : direction === 'vertical' ? 'pan-x' : 'none';
    ctx.setHostStyle('touch-action', action);
  };

  return {
    host,
    afterApply() {
      if (pendingTemplateMove) applyTemplate();
    },
    setAttr(name, value) {
      switch (name) {
        case 'x':
        case 'y': {
          const n = toNumber(value, 0);
          if (name === 'x') wantX = n;
          else wantY = n;
          pendingTemplateMove = true;
          ctx.schedule();
          break;
        }
        case 'direction': {
          const text = toText(value, 'none');
          direction = text === 'horizontal' || text === 'vertical' || text === 'all' ? text : 'none';
          touchAction();
          break;
        }
        case 'disabled':
          disabled = toBool(value);
          touchAction();
          break;
        case 'out-of-bounds':
          outOfBounds = toBool(value);
          break;
        case 'inertia':
          inertia = toBool(value);
          break;
        case 'friction': {
          const f = toNumber(value, 2);
          friction = f > 0 ? f : 2;
          break;
        }
        case 'animation':
          ctx.toggleClass('mpk-movable-animated', toBool(value));
          break;
      }
    },
    dispose() {
      stopGlide();
      win?.removeEventListener('pointermove', onMove);
      win?.removeEventListener('pointerup', onUp);
      win?.removeEventListener('pointercancel', onUp);
    },
  };
};
