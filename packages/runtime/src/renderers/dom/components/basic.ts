/**
 * Containers without behaviour of their own: `view`, `cover-view`, `swiper-item`, the check/radio
 * groups' hosts, and tags the renderer does not know (custom component hosts, future built-ins).
 */

import type { ComponentContext, ComponentFactory, ComponentInstance } from '../types.ts';

/** An element named after the tag (`<view>`): type selectors in the app's ACSS (`view { … }`) match it. */
export function plainElement(ctx: ComponentContext, name = ctx.tag): ComponentInstance {
  return { host: ctx.doc.createElement(name) };
}

/** `view` / `cover-view`; `disable-scroll` keeps touch drags on it from scrolling the page. */
export const view: ComponentFactory = (ctx) => ({
  ...plainElement(ctx),
  setAttr(name, value) {
    if (name === 'disable-scroll') ctx.toggleClass('mpk-disable-scroll', Boolean(value));
  },
});

const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9_.]*-[a-z0-9_.-]*$/;

/**
 * Unknown tags: a block with the tag in `data-tag`. Hyphenated names (custom component hosts such as
 * `my-card`) keep their name so `my-card { … }` styles apply; anything else becomes a `div`, so a
 * template can never create `script`, `iframe`, `a` or other elements with native powers.
 */
export const unknownTag: ComponentFactory = (ctx) => {
  const registry = ctx.doc.defaultView?.customElements;
  const useName = CUSTOM_ELEMENT_NAME.test(ctx.tag) && !registry?.get(ctx.tag);
  let host: HTMLElement;
  try {
    host = ctx.doc.createElement(useName ? ctx.tag : 'div');
  } catch {
    host = ctx.doc.createElement('div');
  }
  host.setAttribute('data-tag', ctx.tag);
  ctx.toggleClass('mpk-unknown', true);
  return { host };
};
