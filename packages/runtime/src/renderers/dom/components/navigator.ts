/**
 * `navigator`: a tap on it (or inside it) reports a `navigate` event at the navigator with
 * `{ openType, url, delta }` for the container to route (`open-type` navigate by default).
 */

import type { ComponentFactory } from '../types.ts';
import { toNumber, toText } from './util.ts';

export const NAVIGATOR_OPEN_TYPES: readonly string[] = ['navigate', 'redirect', 'switchTab', 'navigateBack', 'reLaunch', 'exit'];

export const navigator: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('navigator');
  host.setAttribute('role', 'link');
  return {
    host,
    tapped() {
      const attrs = ctx.record.attrs;
      const openType = toText(attrs['open-type'], 'navigate') || 'navigate';
      ctx.dispatch('navigate', {
        openType,
        url: toText(attrs.url),
        delta: Math.max(1, Math.floor(toNumber(attrs.delta, 1))),
      });
      return true;
    },
  };
};
