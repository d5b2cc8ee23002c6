/**
 * `progress`: a bar (`stroke-width` px, `active-color`, `background-color`) filled to `percent`
 * (clamped to 0–100), the value on the right with `show-info`, and an entrance animation from 0
 * with `active`. The host is a `div` with `data-tag="progress"`: a native `<progress>` would not
 * render the info text or honour the colours.
 */

import type { ComponentFactory } from '../types.ts';
import { toBool, toColor, toLength, toNumber } from './util.ts';

export const progress: ComponentFactory = (ctx) => {
  const doc = ctx.doc;
  const host = doc.createElement('div');
  host.setAttribute('data-tag', 'progress');
  host.setAttribute('role', 'progressbar');
  host.setAttribute('aria-valuemin', '0');
  host.setAttribute('aria-valuemax', '100');
  const bar = doc.createElement('div');
  bar.className = 'mpk-progress-bar';
  const fill = doc.createElement('div');
  fill.className = 'mpk-progress-fill';
  bar.appendChild(fill);
  const info = doc.createElement('span');
  info.className = 'mpk-progress-info';
  host.append(bar, info);

  let percent = 0;
  let active = false;
  const render = (): void => {
    const text = `${Math.round(percent * 100) / 100}%`;
    info.textContent = text;
    host.setAttribute('aria-valuenow', String(percent));
    if (active) {
      // Restart the fill from 0 so the entrance animation plays.
      fill.style.transition = 'none';
      fill.style.width = '0%';
      void fill.offsetWidth;
      fill.style.transition = '';
    }
    fill.style.width = `${percent}%`;
  };
  render();

  return {
    host,
    setAttr(name, value) {
      switch (name) {
        case 'percent':
          percent = Math.min(100, Math.max(0, toNumber(value, 0)));
          render();
          break;
        case 'show-info':
          ctx.toggleClass('mpk-progress-show-info', toBool(value));
          break;
        case 'stroke-width':
          ctx.setHostStyle('--mpk-progress-stroke', toLength(value));
          break;
        case 'active-color':
          ctx.setHostStyle('--mpk-progress-active', toColor(value));
          break;
        case 'background-color':
          ctx.setHostStyle('--mpk-progress-background', toColor(value));
          break;
        case 'active':
          active = toBool(value);
          ctx.toggleClass('mpk-progress-active', active);
          break;
      }
    },
  };
};
