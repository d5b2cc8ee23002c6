/**
 * The built-ins' default look, injected once per document (or shadow root) that holds a renderer.
 * Every selector sits inside `:where()` so it has zero specificity: any rule of the app's own ACSS
 * (even a bare `view { … }`) wins over these defaults.
 */

import { ICON_STYLES } from './components/icon.ts';

export const STYLE_ELEMENT_ATTR = 'data-mpk-dom-styles';

const BLUE = '#108ee9';

export const DEFAULT_STYLES = `
/* The container is the phone's screen: position: fixed in a mini-program means fixed to it, and it is the
   size container that viewport units (vw/vh, written cqw/cqh) and width/height media queries (written
   @container mpk-screen) measure, as a device's viewport. */
:where(.mpk-root) { position: relative; overflow: hidden; contain: layout paint; container: mpk-screen / size; --mpk-rpx: 0.5px; }
/* A phone's scrollbars overlay the content: the page and scroll-views never give up width (or height) to one. */
:where(.mpk-root .mpk-page) { position: absolute; inset: 0; overflow: auto; box-sizing: border-box; overscroll-behavior: contain; scrollbar-width: none; }
:where(.mpk-root [hidden]) { display: none !important; }

:where(.mpk-root view, .mpk-root cover-view, .mpk-root scroll-view, .mpk-root swiper, .mpk-root swiper-item,
  .mpk-root navigator, .mpk-root rich-text, .mpk-root form, .mpk-root checkbox-group, .mpk-root radio-group,
  .mpk-root .mpk-unknown) { display: block; }

:where(.mpk-root .mpk-disable-scroll) { touch-action: none; overscroll-behavior: none; }

:where(.mpk-root text) { display: inline; white-space: pre-line; user-select: none; -webkit-user-select: none; }
:where(.mpk-root text.mpk-text-selectable) { user-select: text; -webkit-user-select: text; }
:where(.mpk-root text.mpk-text-space) { white-space: pre-wrap; }
:where(.mpk-root text.mpk-text-clamp) { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: var(--mpk-text-lines); overflow: hidden; }

:where(.mpk-root image, .mpk-root cover-image) { display: inline-block; position: relative; overflow: hidden; width: 300px; height: 225px;
  background-size: contain; background-repeat: no-repeat; background-position: center; }
:where(.mpk-root image > img, .mpk-root cover-image > img) { display: block; width: 100%; height: 100%; border: 0; }
:where(.mpk-root .mpk-image-widthfix > img) { height: auto; }
:where(.mpk-root .mpk-image-heightfix > img) { width: auto; }
:where(.mpk-root .mpk-image-pending > img) { visibility: hidden; }
:where(.mpk-root .mpk-image-failed > img) { visibility: hidden; }

:where(.mpk-root icon) { display: inline-block; fill: currentColor; vertical-align: middle; width: var(--mpk-icon-size, 23px); height: var(--mpk-icon-size, 23px); line-height: 0; }
:where(.mpk-root .mpk-spin) { animation: mpk-spin 1s linear infinite; }
@keyframes mpk-spin { to { transform: rotate(360deg); } }

/* canvas: the docs' default 300 × 225; the backing store is the canvas renderer's (components/canvas.ts). */
:where(.mpk-root canvas) { display: inline-block; width: 300px; height: 225px; }

:where(.mpk-root [data-tag="progress"]) { display: flex; align-items: center; }
:where(.mpk-root [data-tag="video"]) { display: block; position: relative; width: 300px; height: 225px; background: #000; overflow: hidden; }
:where(.mpk-root .mpk-video-element) { display: block; width: 100%; height: 100%; object-fit: contain; }
:where(.mpk-root .mpk-video-center-play) { position: absolute; left: 50%; top: 50%; width: 48px; height: 48px; margin: -24px 0 0 -24px; border-radius: 50%; background: rgba(0,0,0,.5); border: 2px solid rgba(255,255,255,.85); box-sizing: border-box; cursor: pointer; }
:where(.mpk-root .mpk-video-center-play)::after { content: ''; position: absolute; left: 18px; top: 13px; border-style: solid; border-width: 9px 0 9px 14px; border-color: transparent transparent transparent #fff; }
:where(.mpk-root .mpk-video-center-play[hidden]) { display: none; }
:where(.mpk-root [data-tag="video"].mpk-video-fullscreen) { position: fixed; inset: 0; width: auto; height: auto; z-index: 1000; }
:where(.mpk-root [data-tag="map"]) { display: block; position: relative; width: 100%; height: 300px; overflow: hidden; background: #eef1e6; user-select: none; }
:where(.mpk-root .mpk-map-ground) { position: absolute; inset: 0; background-image: linear-gradient(#dfe4d6 1px, transparent 1px), linear-gradient(90deg, #dfe4d6 1px, transparent 1px); background-size: 32px 32px; }
:where(.mpk-root .mpk-map-shapes) { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
:where(.mpk-root .mpk-map-pins) { position: absolute; inset: 0; }
:where(.mpk-root .mpk-map-marker) { position: absolute; cursor: pointer; }
:where(.mpk-root .mpk-map-marker > img) { display: block; width: 100%; height: 100%; object-fit: contain; }
:where(.mpk-root .mpk-map-pin) { width: 100%; height: 100%; background: #ff4d4f; border: 2px solid #fff; box-sizing: border-box; border-radius: 50% 50% 50% 0; transform: scale(0.8) rotate(-45deg); box-shadow: 0 1px 3px rgba(0,0,0,.4); }
:where(.mpk-root .mpk-map-callout, .mpk-root .mpk-map-label) { position: absolute; bottom: 100%; left: 50%; transform: translateX(-50%); white-space: nowrap; font-size: 12px; padding: 2px 6px; background: #fff; border-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.3); }
:where(.mpk-root .mpk-map-label) { background: transparent; box-shadow: none; bottom: auto; top: 100%; }
:where(.mpk-root .mpk-map-scale) { position: absolute; left: 4px; bottom: 2px; font-size: 10px; color: #667; pointer-events: none; }
:where(.mpk-root .mpk-progress-bar) { flex: 1; height: var(--mpk-progress-stroke, 6px); background: var(--mpk-progress-background, #ebebeb); overflow: hidden; }
:where(.mpk-root .mpk-progress-fill) { height: 100%; width: 0; background: var(--mpk-progress-active, #09bb07); }
:where(.mpk-root .mpk-progress-active .mpk-progress-fill) { transition: width 1s linear; }
:where(.mpk-root .mpk-progress-info) { display: none; margin-left: 15px; font-size: 16px; }
:where(.mpk-root .mpk-progress-show-info > .mpk-progress-info) { display: inline; }

/* button: display block, width auto (it fills its line; inline-block shrinks to its text, as on the platform). */
:where(.mpk-root a-button) { display: block; position: relative; box-sizing: border-box; margin: 0; padding: 0 14px;
  font-size: 18px; line-height: 2.55; text-align: center; border-radius: 5px; border: 1px solid #dddddd;
  background: #ffffff; color: #333333; cursor: pointer; overflow: hidden; user-select: none; -webkit-user-select: none; }
:where(.mpk-root a-button:focus-visible) { outline: 2px solid ${BLUE}; outline-offset: 2px; }
:where(.mpk-root a-button.mpk-button-primary) { background: ${BLUE}; border-color: ${BLUE}; color: #ffffff; }
:where(.mpk-root a-button.mpk-button-warn) { background: #e94f4f; border-color: #e94f4f; color: #ffffff; }
:where(.mpk-root a-button.mpk-button-plain) { background: transparent; }
:where(.mpk-root a-button.mpk-button-plain.mpk-button-primary) { color: ${BLUE}; }
:where(.mpk-root a-button.mpk-button-plain.mpk-button-warn) { color: #e94f4f; }
:where(.mpk-root a-button.mpk-button-mini) { display: inline-block; font-size: 13px; line-height: 2.3; padding: 0 1.34em; }
:where(.mpk-root a-button.mpk-disabled) { opacity: 0.4; cursor: default; }
:where(.mpk-root a-button.button-hover) { background-color: rgba(0, 0, 0, 0.1); opacity: 0.7; }
:where(.mpk-root .mpk-button-loading) { display: inline-block; width: 1em; height: 1em; margin-right: 0.4em; vertical-align: -0.15em;
  border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; box-sizing: border-box; animation: mpk-spin 1s linear infinite; }

:where(.mpk-root a-input, .mpk-root a-textarea) { display: block; position: relative; min-height: 1.4em; }
:where(.mpk-root a-textarea) { width: 300px; height: 150px; }
:where(.mpk-root .a-input-wrap, .mpk-root .a-textarea-wrap) { position: relative; display: flex; align-items: center; height: 100%; min-height: inherit; }
:where(.mpk-root .a-input-content, .mpk-root .a-textarea-content) { display: block; flex: 1; box-sizing: border-box; width: 100%; min-width: 0; margin: 0; padding: 0;
  font: inherit; color: inherit; letter-spacing: inherit; text-align: inherit; line-height: inherit; border: 0; outline: none; background: transparent; }
:where(.mpk-root .a-input-content) { height: 1.4em; }
:where(.mpk-root .a-textarea-content) { height: 100%; resize: none; }
:where(.mpk-root a-textarea.mpk-auto-height .a-textarea-content) { overflow: hidden; }
:where(.mpk-root .a-input-placeholder, .mpk-root .a-textarea-placeholder) { position: absolute; left: 3px; right: 0; pointer-events: none; color: #999999;
  overflow: hidden; text-overflow: ellipsis; }
:where(.mpk-root .a-input-placeholder) { top: 50%; transform: translateY(-50%); white-space: nowrap; line-height: 1.4; }
:where(.mpk-root .a-textarea-placeholder) { top: 0; white-space: pre-wrap; }
:where(.mpk-root .a-textarea-count-wrap) { position: absolute; right: 0; bottom: 0; text-align: right; font-size: 12px; line-height: 1.4; color: #999999; pointer-events: none; }
:where(.mpk-root a-input.a-input-disabled, .mpk-root a-textarea.a-textarea-disabled) { color: #999999; }

:where(.mpk-root checkbox, .mpk-root radio, .mpk-root switch) { display: inline-block; vertical-align: middle; }
/* A definite box for the native control (libraries size it 100%: .a-shared-checkbox). */
:where(.mpk-root checkbox, .mpk-root radio) { min-width: 22px; height: 22px; }
:where(.mpk-root .mpk-checkbox-input, .mpk-root .mpk-radio-input) { -webkit-appearance: none; appearance: none; margin: 0 5px 0 0;
  width: 22px; height: 22px; border: 1px solid #c9c9c9; border-radius: 50%; background: #ffffff; vertical-align: middle; position: relative; cursor: pointer; box-sizing: border-box; }
:where(.mpk-root .mpk-checkbox-input:checked) { background: var(--mpk-checkbox-color, ${BLUE}); border-color: var(--mpk-checkbox-color, ${BLUE}); }
:where(.mpk-root .mpk-checkbox-input:checked)::after { content: ''; position: absolute; left: 50%; top: 45%; width: 5px; height: 10px;
  border: solid #ffffff; border-width: 0 2px 2px 0; transform: translate(-50%, -50%) rotate(45deg); }
:where(.mpk-root .mpk-radio-input:checked) { border-color: var(--mpk-radio-color, ${BLUE}); }
:where(.mpk-root .mpk-radio-input:checked)::after { content: ''; position: absolute; inset: 4px; border-radius: 50%; background: var(--mpk-radio-color, ${BLUE}); }
/* switch: the native checkbox over the drawn track (.checkbox: ::before the white inside when off, ::after the knob). */
:where(.mpk-root switch) { position: relative; }
:where(.mpk-root .a-switch-checkbox) { -webkit-appearance: none; appearance: none; position: absolute; inset: 0; width: 100%; height: 100%; margin: 0;
  opacity: 0; z-index: 1; cursor: pointer; }
:where(.mpk-root switch > .checkbox) { display: block; position: relative; box-sizing: border-box; width: 51px; height: 31px; border-radius: 16px;
  background: #e5e5e5; transition: background-color 0.2s; }
:where(.mpk-root switch > .checkbox)::before { content: ''; position: absolute; left: 2px; top: 2px; width: 47px; height: 27px; border-radius: 14px;
  background: #ffffff; transition: transform 0.2s; }
:where(.mpk-root switch > .checkbox)::after { content: ''; position: absolute; left: 2px; top: 2px; width: 27px; height: 27px; border-radius: 50%;
  background: #ffffff; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.3); transition: transform 0.2s; }
:where(.mpk-root .a-switch-checkbox:checked ~ .checkbox) { background: var(--mpk-switch-color, ${BLUE}); }
:where(.mpk-root .a-switch-checkbox:checked ~ .checkbox)::before { transform: scale(0); }
:where(.mpk-root .a-switch-checkbox:checked ~ .checkbox)::after { transform: translateX(20px); }
:where(.mpk-root .a-switch-checkbox:focus-visible ~ .checkbox) { outline: 2px solid ${BLUE}; outline-offset: 2px; }
:where(.mpk-root switch.a-switch-android > .checkbox) { width: 72px; height: 23px; border-radius: 3px; }
:where(.mpk-root switch.a-switch-android > .checkbox)::before { display: none; }
:where(.mpk-root switch.a-switch-android > .checkbox)::after { left: 1px; top: 1px; width: 35px; height: 21px; border-radius: 2px; }
:where(.mpk-root switch.a-switch-android .a-switch-checkbox:checked ~ .checkbox)::after { transform: translateX(35px); }
:where(.mpk-root .mpk-disabled) { opacity: 0.5; }

:where(.mpk-root slider) { display: flex; align-items: center; margin: 10px 18px; }
:where(.mpk-root .mpk-slider-input) { flex: 1; margin: 0; -webkit-appearance: none; appearance: none; background: transparent;
  height: var(--mpk-slider-handle-size, 22px); cursor: pointer; }
:where(.mpk-root .mpk-slider-input)::-webkit-slider-runnable-track { height: var(--mpk-slider-track, 4px); border-radius: 2px;
  background: linear-gradient(to right, var(--mpk-slider-active, ${BLUE}) 0 var(--mpk-slider-percent, 0%), var(--mpk-slider-background, #dddddd) var(--mpk-slider-percent, 0%) 100%); }
:where(.mpk-root .mpk-slider-input)::-webkit-slider-thumb { -webkit-appearance: none; appearance: none; width: var(--mpk-slider-handle-size, 22px);
  height: var(--mpk-slider-handle-size, 22px); border-radius: 50%; background: var(--mpk-slider-handle, #ffffff); box-shadow: 0 0 4px rgba(0, 0, 0, 0.3);
  margin-top: calc((var(--mpk-slider-track, 4px) - var(--mpk-slider-handle-size, 22px)) / 2); }
:where(.mpk-root .mpk-slider-value) { display: none; margin-left: 14px; min-width: 2em; }
:where(.mpk-root .mpk-slider-show-value > .mpk-slider-value) { display: inline; }

:where(.mpk-root picker) { display: block; position: relative; }
:where(.mpk-root .mpk-picker-select) { position: absolute; inset: 0; width: 100%; height: 100%; opacity: 0; pointer-events: none; }

:where(.mpk-root movable-area) { display: block; position: relative; width: 10px; height: 10px; }
:where(.mpk-root movable-view) { display: block; position: absolute; top: 0; left: 0; width: 10px; height: 10px; box-sizing: border-box; }
:where(.mpk-root movable-view.mpk-movable-animated) { transition: transform 0.3s ease-out; }
:where(.mpk-root movable-view.mpk-movable-dragging) { transition: none; user-select: none; -webkit-user-select: none; }

:where(.mpk-root picker-view) { display: flex; position: relative; height: 238px; overflow: hidden; background: #ffffff; }
:where(.mpk-root picker-view-column) { display: block; position: relative; flex: 1; min-width: 0; height: 100%; overflow: hidden; --mpk-picker-item-height: 34px; }
:where(.mpk-root .a-picker-view-picker-content) { height: 100%; overflow-y: auto; scroll-snap-type: y mandatory; scrollbar-width: none; overscroll-behavior: contain; }
:where(.mpk-root .a-picker-view-picker-content.mpk-picker-dragging) { scroll-snap-type: none; cursor: grabbing; }
:where(.mpk-root .a-picker-view-picker-content)::-webkit-scrollbar { display: none; }
:where(.mpk-root .a-picker-view-picker-content)::before, :where(.mpk-root .a-picker-view-picker-content)::after { content: ''; display: block;
  height: calc(50% - var(--mpk-picker-item-height) / 2); }
:where(.mpk-root .a-picker-view-picker-item) { display: block; box-sizing: border-box; height: var(--mpk-picker-item-height); line-height: var(--mpk-picker-item-height);
  text-align: center; font-size: 16px; color: #000000; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; scroll-snap-align: center; }
:where(.mpk-root .a-picker-view-picker-mask) { position: absolute; inset: 0; z-index: 3; pointer-events: none;
  background-image: linear-gradient(to bottom, rgba(255, 255, 255, 0.95), rgba(255, 255, 255, 0.6)), linear-gradient(to top, rgba(255, 255, 255, 0.95), rgba(255, 255, 255, 0.6));
  background-position: top, bottom; background-size: 100% calc(50% - var(--mpk-picker-item-height) / 2); background-repeat: no-repeat; }
:where(.mpk-root .a-picker-view-picker-indicator) { position: absolute; left: 0; right: 0; top: 50%; height: 34px; transform: translateY(-50%); z-index: 3;
  pointer-events: none; box-sizing: border-box; }
:where(.mpk-root .a-picker-view-picker-indicator)::before, :where(.mpk-root .a-picker-view-picker-indicator)::after { content: ''; position: absolute; left: 0; right: 0;
  height: 1px; border-top: 1px solid #dddddd; transform: scaleY(0.5); }
:where(.mpk-root .a-picker-view-picker-indicator)::before { top: 0; transform-origin: 0 0; }
:where(.mpk-root .a-picker-view-picker-indicator)::after { bottom: 0; transform-origin: 0 100%; }

:where(.mpk-root scroll-view) { overflow: hidden; position: relative; scrollbar-width: none; }
:where(.mpk-root scroll-view.mpk-scroll-x) { overflow-x: auto; }
:where(.mpk-root scroll-view.mpk-scroll-y) { overflow-y: auto; }
:where(.mpk-root scroll-view.mpk-scroll-trap) { overscroll-behavior: contain; }

:where(.mpk-root swiper) { position: relative; overflow: hidden; touch-action: pan-y; user-select: none; -webkit-user-select: none; }
:where(.mpk-root swiper.mpk-swiper-vertical) { height: 150px; touch-action: pan-x; }
:where(.mpk-root .mpk-swiper-track) { display: flex; height: 100%; margin: 0 var(--mpk-swiper-after, 0px) 0 var(--mpk-swiper-before, 0px); will-change: transform; }
:where(.mpk-root .mpk-swiper-vertical > .mpk-swiper-track) { flex-direction: column; margin: var(--mpk-swiper-before, 0px) 0 var(--mpk-swiper-after, 0px) 0;
  height: calc(100% - var(--mpk-swiper-before, 0px) - var(--mpk-swiper-after, 0px)); }
:where(.mpk-root .mpk-swiper-track > *) { flex: 0 0 calc(100% / var(--mpk-swiper-per-view, 1)); box-sizing: border-box; overflow: hidden; min-width: 0; min-height: 0; }
:where(.mpk-root .mpk-swiper-dots) { display: none; position: absolute; left: 0; right: 0; bottom: 10px; justify-content: center; gap: 8px; pointer-events: none; }
:where(.mpk-root .mpk-swiper-vertical > .mpk-swiper-dots) { left: auto; right: 10px; top: 0; bottom: 0; flex-direction: column; align-items: center; }
:where(.mpk-root .mpk-swiper-dots-on > .mpk-swiper-dots) { display: flex; }
:where(.mpk-root .mpk-swiper-dot) { width: 8px; height: 8px; border-radius: 50%; background: var(--mpk-swiper-dot, rgba(0, 0, 0, 0.3)); }
:where(.mpk-root .mpk-swiper-dot.mpk-swiper-dot-active) { background: var(--mpk-swiper-dot-active, #000000); }
${ICON_STYLES}
`;

/**
 * Adds the default stylesheet to the document or shadow root holding `container`, once; returns
 * where it went (the place for the renderer's other generated rules).
 */
export function injectDefaultStyles(container: HTMLElement): ParentNode | null {
  const root = container.getRootNode() as Document | ShadowRoot;
  const doc = container.ownerDocument;
  const isShadowRoot = root.nodeType === 11 && 'host' in root;
  const parent: ParentNode | null = isShadowRoot ? root : (doc.head ?? doc.documentElement);
  if (!parent || parent.querySelector(`style[${STYLE_ELEMENT_ATTR}]`)) return parent;
  const style = doc.createElement('style');
  style.setAttribute(STYLE_ELEMENT_ATTR, '');
  style.textContent = DEFAULT_STYLES;
  parent.prepend(style);
  return parent;
}
