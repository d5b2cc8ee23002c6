/**
 * `swiper` / `swiper-item`: the items sit in a track that slides to `current`. Dragging (mouse or
 * touch) past `swipe-ratio` of an item changes it; `autoplay` advances every `interval` ms (back to
 * the first item at the end); `circular` lets a drag wrap from the last to the first; `vertical`,
 * `display-multiple-items`, `previous-margin`/`next-margin`, `indicator-dots` and their colours,
 * `duration`, `easing-function`, `active-class`, `disable-touch`.
 *
 * Events: `change` {current, source: 'touch' | 'autoplay'} when the user or autoplay moves it (not
 * when the template sets `current`), `transition` {dx, dy} while dragging, `animationEnd` {current,
 * source}. Without `circular`, autoplay still starts over after the last item; with it, a drag
 * wraps too (the slide travels back rather than looping visually).
 */

import type { ComponentFactory } from '../types.ts';
import { toBool, toColor, toLength, toNumber, toText } from './util.ts';
import { cssZoomOf } from '../css-zoom.ts';

const EASINGS: Record<string, string> = {
  default: 'ease',
  linear: 'linear',
  easeInCubic: 'cubic-bezier(0.32, 0, 0.67, 0)',
  easeOutCubic: 'cubic-bezier(0.33, 1, 0.68, 1)',
  easeInOutCubic: 'cubic-bezier(0.65, 0, 0.35, 1)',
};

/** A drag shorter than this (px) is a tap, not a swipe. */
const DRAG_SLOP = 6;

export const swiperItem: ComponentFactory = (ctx) => ({ host: ctx.doc.createElement('swiper-item') });

export const swiper: ComponentFactory = (ctx) => {
  const doc = ctx.doc;
  const host = doc.createElement('swiper');
  const track = doc.createElement('div');
  track.className = 'mpk-swiper-track';
  const dots = doc.createElement('div');
  dots.className = 'mpk-swiper-dots';
  dots.setAttribute('aria-hidden', 'true');
  host.append(track, dots);

  let current = 0;
  let vertical = false;
  let circular = false;
  let autoplay = false;
  let interval = 5000;
  let duration = 500;
  let easing = EASINGS.default;
  let perView = 1;
  let disableTouch = false;
  let programmaticAnimation = true;
  let activeClass = '';
  let timer: number | undefined;
  let drag: { pointerId: number; x: number; y: number; axis?: 'main' | 'cross'; offset: number } | undefined;
  let lastSource: 'autoplay' | 'touch' | '' = '';
  let placedCount = 0;

  const items = (): HTMLElement[] => Array.from(track.children) as HTMLElement[];
  const lastIndex = (): number => Math.max(0, items().length - perView);
  /** `current` may point past the items while a list is being replaced: show the last one meanwhile. */
  const shown = (): number => Math.min(current, lastIndex());

  const place = (offset: number, animate: boolean): void => {
    track.style.transition = animate && duration > 0 ? `transform ${duration}ms ${easing}` : 'none';
    const shift = `calc(${-shown()} * 100% / ${perView} + ${offset}px)`;
    track.style.transform = vertical ? `translate3d(0, ${shift}, 0)` : `translate3d(${shift}, 0, 0)`;
  };

  const renderDots = (): void => {
    const count = items().length;
    if (dots.childElementCount !== count) {
      dots.replaceChildren(...Array.from({ length: count }, () => {
        const dot = doc.createElement('span');
        dot.className = 'mpk-swiper-dot';
        return dot;
      }));
    }
    Array.from(dots.children).forEach((dot, index) => dot.classList.toggle('mpk-swiper-dot-active', index === shown()));
  };

  const markActive = (): void => {
    if (!activeClass) return;
    items().forEach((item, index) => {
      const record = ctx.recordOf(item);
      if (record) ctx.toggleClassOf(record, activeClass, index >= shown() && index < shown() + perView);
    });
  };

  const schedule = (): void => {
    ctx.clearTimeout(timer);
    timer = undefined;
    if (!autoplay || items().length <= perView) return;
    timer = ctx.setTimeout(() => {
      timer = undefined;
      // Only while it can be seen: not on a hidden page, not mid-drag.
      if (!host.isConnected || drag || host.getClientRects().length === 0) return schedule();
      go(shown() >= lastIndex() ? 0 : shown() + 1, 'autoplay');
    }, Math.max(16, interval));
  };

  const settle = (animate: boolean): void => {
    place(0, animate);
    renderDots();
    markActive();
    schedule();
  };

  /** Move to `index` because of the user or autoplay: reported as `change`. */
  const go = (index: number, source: 'autoplay' | 'touch'): void => {
    const changed = index !== shown();
    current = index;
    lastSource = source;
    settle(true);
    if (changed) ctx.dispatch('change', { current, source });
  };

  track.addEventListener('transitionend', (event) => {
    if (event.target !== track || event.propertyName !== 'transform') return;
    ctx.dispatch('animationEnd', { current: shown(), source: lastSource });
  });

  const axisDelta = (event: PointerEvent): [number, number] => {
    const zoom = cssZoomOf(host);
    const dx = (event.clientX - drag!.x) / zoom;
    const dy = (event.clientY - drag!.y) / zoom;
    return vertical ? [dy, dx] : [dx, dy];
  };
  const win = doc.defaultView;
  const onMove = (event: PointerEvent): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const [main, cross] = axisDelta(event);
    if (!drag.axis) {
      if (Math.hypot(main, cross) < DRAG_SLOP) return;
      const angle = (Math.atan2(Math.abs(cross), Math.abs(main)) * 180) / Math.PI;
      drag.axis = angle <= toNumber(ctx.record.attrs['touch-angle'], 45) ? 'main' : 'cross';
    }
    if (drag.axis !== 'main') return;
    let offset = main;
    const atStart = shown() === 0 && offset > 0;
    const atEnd = shown() >= lastIndex() && offset < 0;
    if (!circular && (atStart || atEnd)) offset /= 3; // resistance past the ends
    drag.offset = offset;
    place(offset, false);
    ctx.dispatch('transition', vertical ? { dx: 0, dy: -offset } : { dx: -offset, dy: 0 });
  };
  const onUp = (event: PointerEvent): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { offset, axis } = drag;
    drag = undefined;
    win?.removeEventListener('pointermove', onMove);
    win?.removeEventListener('pointerup', onUp);
    win?.removeEventListener('pointercancel', onUp);
    if (axis !== 'main') return schedule();
    const size = (vertical ? host.clientHeight : host.clientWidth) / perView;
    const ratio = size > 0 ? offset / size : 0;
    const threshold = toNumber(ctx.record.attrs['swipe-ratio'], 0.2);
    const from = shown();
    let next = from;
    if (event.type === 'pointerup' && Math.abs(ratio) > threshold) next = ratio < 0 ? from + 1 : from - 1;
    if (next < 0) next = circular ? lastIndex() : 0;
    if (next > lastIndex()) next = circular ? 0 : lastIndex();
    if (next === from) settle(true);
    else go(next, 'touch');
  };
  host.addEventListener('pointerdown', (event) => {
    if (disableTouch || drag || !event.isPrimary || (event.pointerType === 'mouse' && event.button !== 0)) return;
    if (items().length <= 1) return;
    drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, offset: 0 };
    win?.addEventListener('pointermove', onMove);
    win?.addEventListener('pointerup', onUp);
    win?.addEventListener('pointercancel', onUp);
  });

  settle(false);

  return {
    host,
    content: track,
    childrenChanged: () => ctx.schedule(),
    afterApply() {
      // Re-place without animation only when the items changed: a running slide must not be cut short.
      const count = items().length;
      if (count !== placedCount) {
        placedCount = count;
        place(0, false);
      }
      renderDots();
      markActive();
      schedule();
    },
    setAttr(name, value) {
      switch (name) {
        case 'current': {
          const index = Math.max(0, Math.floor(toNumber(value, 0)));
          if (index === current) break;
          current = index;
          settle(programmaticAnimation);
          ctx.schedule();
          break;
        }
        case 'vertical':
          vertical = toBool(value);
          ctx.toggleClass('mpk-swiper-vertical', vertical);
          settle(false);
          break;
        case 'circular':
          circular = toBool(value);
          break;
        case 'autoplay':
          autoplay = toBool(value);
          schedule();
          break;
        case 'interval':
          interval = toNumber(value, 5000);
          schedule();
          break;
        case 'duration':
          duration = Math.max(0, toNumber(value, 500));
          break;
        case 'easing-function':
          easing = EASINGS[toText(value)] ?? EASINGS.default;
          break;
        case 'display-multiple-items':
          perView = Math.max(1, Math.floor(toNumber(value, 1)));
          ctx.setHostStyle('--mpk-swiper-per-view', String(perView));
          ctx.schedule();
          break;
        case 'indicator-dots':
          ctx.toggleClass('mpk-swiper-dots-on', toBool(value));
          break;
        case 'indicator-color':
          ctx.setHostStyle('--mpk-swiper-dot', toColor(value));
          break;
        case 'indicator-active-color':
          ctx.setHostStyle('--mpk-swiper-dot-active', toColor(value));
          break;
        case 'previous-margin':
          ctx.setHostStyle('--mpk-swiper-before', toLength(value));
          break;
        case 'next-margin':
          ctx.setHostStyle('--mpk-swiper-after', toLength(value));
          break;
        case 'disable-touch':
          disableTouch = toBool(value);
          break;
        case 'disable-programmatic-animation':
          programmaticAnimation = !toBool(value);
          break;
        case 'active-class':
          if (activeClass) for (const item of items()) {
            const record = ctx.recordOf(item);
            if (record) ctx.toggleClassOf(record, activeClass, false);
          }
          activeClass = toText(value).trim().split(/\s+/)[0] ?? '';
          markActive();
          break;
      }
    },
    dispose() {
      ctx.clearTimeout(timer);
      win?.removeEventListener('pointermove', onMove);
      win?.removeEventListener('pointerup', onUp);
      win?.removeEventListener('pointercancel', onUp);
    },
  };
};
