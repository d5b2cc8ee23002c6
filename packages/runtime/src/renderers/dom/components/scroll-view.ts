/**
 * `scroll-view`: scrolls along `scroll-x`/`scroll-y`; `scroll-top`/`scroll-left` and
 * `scroll-into-view` (a child's id; wins over scroll-top, aligns the child's top/left with the
 * view's) move it, smoothly with `scroll-with-animation`.
 *
 * Events: `scroll` {scrollLeft, scrollTop, scrollHeight, scrollWidth}; `scrollToUpper` /
 * `scrollToLower` once each time the position enters `upper-threshold` / `lower-threshold` px
 * (default 50) of the start / end while moving towards it.
 */

import type { ComponentFactory } from '../types.ts';
import { toBool, toNumber, toText } from './util.ts';

export const scrollView: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('scroll-view');
  let scrollX = false;
  let scrollY = false;
  let animated = false;
  let pendingTop: number | undefined;
  let pendingLeft: number | undefined;
  let pendingIntoView: string | undefined;
  let lastTop = 0;
  let lastLeft = 0;
  let inUpper = true;
  let inLower = false;

  const threshold = (name: string): number => Math.max(0, toNumber(ctx.record.attrs[name], 50));

  host.addEventListener('scroll', () => {
    const { scrollTop, scrollLeft, scrollHeight, scrollWidth, clientHeight, clientWidth } = host;
    ctx.dispatch('scroll', { scrollLeft, scrollTop, scrollHeight, scrollWidth });
    const vertical = scrollY || !scrollX;
    const position = vertical ? scrollTop : scrollLeft;
    const previous = vertical ? lastTop : lastLeft;
    const remaining = vertical ? scrollHeight - clientHeight - scrollTop : scrollWidth - clientWidth - scrollLeft;
    const nowUpper = position <= threshold('upper-threshold');
    const nowLower = remaining <= threshold('lower-threshold');
    if (nowUpper && !inUpper && position < previous) ctx.dispatch('scrollToUpper', {});
    if (nowLower && !inLower && position > previous) ctx.dispatch('scrollToLower', {});
    inUpper = nowUpper;
    inLower = nowLower;
    lastTop = scrollTop;
    lastLeft = scrollLeft;
  });

  const scrollTo = (position: ScrollToOptions): void => {
    host.scrollTo({ ...position, behavior: animated ? 'smooth' : 'instant' });
  };

  return {
    host,
    afterApply() {
      if (!host.isConnected) return;
      if (pendingIntoView) {
        const id = pendingIntoView;
        const target = Array.from(host.querySelectorAll('[id]')).find((element) => element.id === id);
        if (target) {
          const box = host.getBoundingClientRect();
          const rect = target.getBoundingClientRect();
          scrollTo(
            scrollX && !scrollY
              ? { left: host.scrollLeft + rect.left - box.left }
              : { top: host.scrollTop + rect.top - box.top },
          );
          pendingIntoView = undefined;
          pendingTop = pendingLeft = undefined;
          return;
        }
      }
      if (pendingTop !== undefined || pendingLeft !== undefined) {
        scrollTo({ ...(pendingTop !== undefined ? { top: pendingTop } : {}), ...(pendingLeft !== undefined ? { left: pendingLeft } : {}) });
        pendingTop = pendingLeft = undefined;
      }
    },
    childrenChanged() {
      if (pendingIntoView || pendingTop !== undefined || pendingLeft !== undefined) ctx.schedule();
    },
    setAttr(name, value) {
      switch (name) {
        case 'scroll-x':
          scrollX = toBool(value);
          ctx.toggleClass('mpk-scroll-x', scrollX);
          break;
        case 'scroll-y':
          scrollY = toBool(value);
          ctx.toggleClass('mpk-scroll-y', scrollY);
          break;
        case 'scroll-top':
          if (value !== undefined && value !== null && value !== '') pendingTop = Math.max(0, toNumber(value, 0));
          ctx.schedule();
          break;
        case 'scroll-left':
          if (value !== undefined && value !== null && value !== '') pendingLeft = Math.max(0, toNumber(value, 0));
          ctx.schedule();
          break;
        case 'scroll-into-view':
          pendingIntoView = toText(value) || undefined;
          ctx.schedule();
          break;
        case 'scroll-with-animation':
          animated = toBool(value);
          break;
        case 'trap-scroll':
          ctx.toggleClass('mpk-scroll-trap', toBool(value));
          break;
      }
    },
  };
};
