/**
 * Tags the compiler knows without `usingComponents`: the platform's built-in components
 * (alipay-open-docs/mini/component/基础组件 and the component overview) and AXML's own
 * structural tags.
 */

export const BUILTIN_COMPONENTS: ReadonlySet<string> = new Set([
  // view containers
  'view', 'swiper', 'swiper-item', 'scroll-view', 'cover-view', 'cover-image', 'match-media',
  'movable-view', 'movable-area', 'page-container', 'share-element', 'root-portal',
  // basic content
  'text', 'icon', 'progress', 'rich-text',
  // forms
  'button', 'form', 'label', 'input', 'textarea', 'radio', 'radio-group', 'checkbox',
  'checkbox-group', 'switch', 'slider', 'picker-view', 'picker-view-column', 'picker',
  // navigation, media, canvas, map
  'navigator', 'image', 'video', 'lottie', 'camera', 'canvas', 'map',
  // open components, accessibility, page configuration
  'web-view', 'lifestyle', 'contact-button', 'error-view', 'join-group-chat', 'subscribe-message',
  'aria-component', 'page-meta', 'navigation-bar',
  // `<component is="dynamic-plugin://…">`
  'component',
]);

/** AXML's own tags: compiled away or into slots, never rendered as elements. */
export const STRUCTURAL_TAGS: ReadonlySet<string> = new Set(['block', 'template', 'import', 'include', 'import-sjs', 'slot']);
