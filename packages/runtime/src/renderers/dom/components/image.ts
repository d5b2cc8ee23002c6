/**
 * `image` (and `cover-image`): an inner `<img>` sized by `mode`. Scale modes map to `object-fit`,
 * crop modes to `object-fit: none` + `object-position`; `widthFix`/`heightFix` size the host from
 * the picture's ratio. Reports `load` {width, height} (natural px) and `error` {errMsg}.
 */

import type { ComponentContext, ComponentFactory } from '../types.ts';
import { toBool, toText } from './util.ts';

const CROP_POSITIONS: Record<string, string> = {
  top: 'center top',
  bottom: 'center bottom',
  center: 'center center',
  left: 'left center',
  right: 'right center',
  'top left': 'left top',
  'top right': 'right top',
  'bottom left': 'left bottom',
  'bottom right': 'right bottom',
};

const SCALE_FIT: Record<string, string> = {
  scaleToFill: 'fill',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: 'fill',
  heightFix: 'fill',
};

export const IMAGE_MODES: readonly string[] = [...Object.keys(SCALE_FIT), ...Object.keys(CROP_POSITIONS)];

export function createImage(ctx: ComponentContext, name: string) {
  const host = ctx.doc.createElement(name);
  // The platform's system class (`.am-tips-dialog-icon .a-image { width: 36px }` in mini-ali-ui).
  ctx.toggleClass(name === 'image' ? 'a-image' : 'a-cover-image', true);
  const img = ctx.doc.createElement('img');
  img.draggable = false;
  img.alt = '';
  img.decoding = 'async';
  host.appendChild(img);
  let src = '';
  let defaultSource = '';
  let loaded = false;

  const applyMode = (mode: string): void => {
    const crop = CROP_POSITIONS[mode];
    const fit = crop ? 'none' : (SCALE_FIT[mode] ?? 'fill');
    img.style.objectFit = fit;
    img.style.objectPosition = crop ?? '';
    ctx.toggleClass('mpk-image-widthfix', mode === 'widthFix');
    ctx.toggleClass('mpk-image-heightfix', mode === 'heightFix');
    // The docs: widthFix keeps the width and derives the height (and heightFix the reverse), whatever the styles say.
    ctx.setHostStyle('height', mode === 'widthFix' ? 'auto' : undefined);
    ctx.setHostStyle('width', mode === 'heightFix' ? 'auto' : undefined);
  };
  const showDefault = (): void => {
    const useDefault = defaultSource !== '' && !loaded;
    ctx.setHostStyle('background-image', useDefault ? `url("${ctx.resolveAsset(defaultSource).replace(/["\\\n]/g, '')}")` : undefined);
    ctx.toggleClass('mpk-image-pending', useDefault);
  };

  img.addEventListener('load', () => {
    if (!img.getAttribute('src')) return;
    loaded = true;
    ctx.toggleClass('mpk-image-failed', false);
    showDefault();
    ctx.dispatch('load', { width: img.naturalWidth, height: img.naturalHeight });
  });
  img.addEventListener('error', () => {
    if (!img.getAttribute('src')) return;
    // The platform shows nothing (or the default-source) where a picture failed, not a broken-image glyph.
    ctx.toggleClass('mpk-image-failed', true);
    ctx.dispatch('error', { errMsg: `image load failed: ${src}` });
  });
  applyMode('scaleToFill');

  return {
    host,
    setAttr(attr: string, value: unknown) {
      switch (attr) {
        case 'src':
          src = toText(value);
          loaded = false;
          ctx.toggleClass('mpk-image-failed', false);
          if (src) img.src = ctx.resolveAsset(src);
          else img.removeAttribute('src');
          showDefault();
          break;
        case 'mode':
          applyMode(toText(value, 'scaleToFill'));
          break;
        case 'lazy-load':
          img.loading = toBool(value) ? 'lazy' : 'eager';
          break;
        case 'default-source':
          defaultSource = toText(value);
          showDefault();
          break;
      }
    },
  };
}

export const image: ComponentFactory = (ctx) => createImage(ctx, 'image');
export const coverImage: ComponentFactory = (ctx) => createImage(ctx, 'cover-image');
