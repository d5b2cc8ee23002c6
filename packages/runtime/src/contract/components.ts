/**
 * The component catalogue, one for the whole stack: built-in components and their attributes
 * (docs: component/基础组件/* and the overview). The compiler reads it to know which tags need no
 * `usingComponents` (`@mpk/runtime/components`); the base library answers
 * `my.canIUse('button.open-type')` from it. Entries are attribute names, plus `attribute.option` for the
 * documented values of enumerated attributes (`my.canIUse('button.open-type.share')`), so a guest
 * answers `component.rest` by looking `rest` up in the list.
 */

/** Attributes every element accepts (docs: view, and the framework's id/class/style). */
const COMMON = ['id', 'class', 'style', 'hidden', 'data-*', 'onTap', 'catchTap', 'onTouchStart', 'onTouchMove', 'onTouchEnd', 'onTouchCancel', 'onLongTap'];

const options = (attribute: string, values: string[]) => [attribute, ...values.map((v) => `${attribute}.${v}`)];

const TABLE: Record<string, string[]> = {
  view: [
    'disable-scroll', 'hover-class', 'hover-start-time', 'hover-stay-time', 'hover-stop-propagation', 'animation', 'role',
    'onTransitionEnd', 'onAnimationIteration', 'onAnimationStart', 'onAnimationEnd', 'onAppear', 'onDisappear', 'onFirstAppear',
  ],
  'scroll-view': [
    'scroll-x', 'scroll-y', 'upper-threshold', 'lower-threshold', 'scroll-top', 'scroll-left', 'scroll-into-view',
    'scroll-with-animation', 'scroll-animation-duration', 'enable-back-to-top', 'trap-scroll', 'disable-lower-scroll',
    'disable-upper-scroll', 'onScrollToUpper', 'onScrollToLower', 'onScroll',
  ],
  swiper: [
    'indicator-dots', 'indicator-color', 'indicator-active-color', 'active-class', 'changing-class', 'autoplay', 'current',
    'duration', 'interval', 'circular', 'vertical', 'previous-margin', 'next-margin', 'acceleration',
    'disable-programmatic-animation', 'disable-touch', 'swipe-ratio', 'swipe-speed', 'touch-angle', 'display-multiple-items',
    ...options('easing-function', ['default', 'linear', 'easeInCubic', 'easeOutCubic', 'easeInOutCubic']),
    'snap-to-edge', ...options('adjust-height', ['first', 'current', 'highest', 'none']), 'adjust-vertical-height',
    'onChange', 'onTransition', 'onAnimationEnd',
  ],
  'swiper-item': ['item-id'],
  'movable-area': ['scale-area'],
  'movable-view': [
    ...options('direction', ['all', 'vertical', 'horizontal', 'none']), 'inertia', 'out-of-bounds', 'x', 'y', 'damping', 'friction',
    'disabled', 'scale', 'scale-min', 'scale-max', 'scale-value', 'animation', 'onChange', 'onChangeEnd', 'onScale',
  ],
  'cover-view': ['penetrateGuesture'],
  'cover-image': ['src'],
  'page-container': [
    'show', 'duration', 'z-index', 'overlay', ...options('position', ['top', 'bottom', 'right', 'center']), 'round',
    'close-on-slide-down', 'overlay-style', 'custom-style', 'onBeforeEnter', 'onEnter', 'onEnterCancelled', 'onAfterEnter',
    'onBeforeLeave', 'onLeave', 'onLeaveCancelled', 'onAfterLeave', 'onClickOverlay',
  ],
  'share-element': ['name', 'transform', 'duration', 'easing-function'],
  text: ['selectable', 'space', 'decode', 'number-of-lines'],
  icon: [...options('type', ['info', 'warn', 'waiting', 'cancel', 'download', 'search', 'clear', 'success', 'success_no_circle', 'loading']), 'size', 'color'],
  progress: ['percent', 'show-info', 'stroke-width', 'active-color', 'background-color', 'active'],
  'rich-text': ['nodes', 'space'],
  button: [
    ...options('size', ['default', 'mini']), ...options('type', ['primary', 'default', 'warn']), 'plain', 'disabled', 'loading',
    'hover-class', 'hover-start-time', 'hover-stay-time', 'hover-stop-propagation', ...options('form-type', ['submit', 'reset']),
    ...options('open-type', ['share', 'getAuthorize', 'contactShare', 'lifestyle']), ...options('scope', ['phoneNumber', 'userInfo']),
    'public-id', 'onGetAuthorize', 'onFollowLifestyle', 'onError', 'onGetUserInfo', 'onGetPhoneNumber',
  ],
  checkbox: ['value', 'checked', 'disabled', 'color', 'onChange'],
  'checkbox-group': ['name', 'onChange'],
  form: ['report-submit', 'onSubmit', 'onReset'],
  input: [
    'value', 'name', ...options('type', ['text', 'number', 'idcard', 'digit', 'numberpad', 'digitpad', 'idcardpad']), 'password',
    'placeholder', 'placeholder-style', 'placeholder-class', 'disabled', 'maxlength', 'focus',
    ...options('confirm-type', ['done', 'go', 'next', 'search', 'send']), 'confirm-hold', 'cursor', 'selection-start',
    'selection-end', 'random-number', 'controlled', 'always-system', 'onInput', 'onConfirm', 'onFocus', 'onBlur',
  ],
  label: ['for'],
  picker: ['title', 'range', 'range-key', 'value', 'disabled', 'onChange'],
  'picker-view': ['value', 'indicator-style', 'indicator-class', 'mask-style', 'mask-class', 'immediate-change', 'onChange', 'onPickStart', 'onPickEnd'],
  'picker-view-column': [],
  radio: ['value', 'checked', 'disabled', 'color'],
  'radio-group': ['name', 'onChange'],
  slider: [
    'name', 'min', 'max', 'step', 'disabled', 'value', 'show-value', 'active-color', 'background-color', 'track-size',
    'handle-size', 'handle-color', 'onChange', 'onChanging',
  ],
  switch: ['name', 'checked', 'disabled', 'color', 'controlled', 'onChange'],
  textarea: [
    'name', 'value', 'placeholder', 'placeholder-style', 'placeholder-class', 'disabled', 'maxlength', 'focus', 'auto-height',
    'show-count', 'controlled', ...options('confirm-type', ['return', 'done', 'go', 'next', 'search', 'send']),
    'onInput', 'onFocus', 'onBlur', 'onConfirm',
  ],
  navigator: [...options('open-type', ['navigate', 'redirect', 'navigateBack', 'switchTab', 'reLaunch']), 'hover-class', 'hover-start-time', 'hover-stay-time', 'url', 'delta'],
  image: [
    'src',
    ...options('mode', ['scaleToFill', 'aspectFit', 'aspectFill', 'widthFix', 'heightFix', 'top', 'bottom', 'center', 'left', 'right', 'top left', 'top right', 'bottom left', 'bottom right']),
    'lazy-load', 'default-source', 'onLoad', 'onError',
  ],
  video: [
    'src', 'poster', 'poster-size', 'object-fit', 'initial-time', 'duration', 'controls', 'autoplay', 'direction', 'loop', 'muted',
    'show-fullscreen-btn', 'show-play-btn', 'show-center-play-btn', 'show-mute-btn', 'show-thin-progress-bar',
    'enable-progress-gesture', 'mobilenet-hint-type', 'floating-mode', 'onPlay', 'onPause', 'onEnded', 'onTimeUpdate',
    'onLoading', 'onError', 'onFullScreenChange', 'onUserAction', 'onStop', 'onRenderStart',
  ],
  camera: ['mode', 'device-position', 'flash', 'output-dimension', 'frame-size', 'onReady', 'onStop', 'onError', 'onScanCode'],
  lottie: [
    'autoplay', 'path', 'speed', 'repeat-count', 'auto-reverse', 'assets-path', 'placeholder', 'md5', 'optimize', 'onDataReady',
    'onDataFailed', 'onAnimationStart', 'onAnimationEnd', 'onAnimationRepeat', 'onAnimationCancel', 'onDataLoadReady',
  ],
  canvas: [...options('type', ['2d', 'webgl']), 'width', 'height', 'disable-scroll', 'onReady'],
  map: [
    'longitude', 'latitude', 'scale', 'markers', 'polyline', 'circles', 'polygon', 'controls', 'include-points', 'show-location',
    'onMarkerTap', 'onCalloutTap', 'onControlTap', 'onRegionChange',
  ],
  'web-view': ['src', 'onMessage', 'onLoad', 'onError'],
  'contact-button': ['tnt-inst-id', 'scene', 'size', 'color', 'icon', 'alipay-card-no', 'ext-info'],
  'error-view': ['fullscreen', ...options('type', ['default', 'busy', 'error', 'network', 'trade']), 'title', 'message', 'title-color', 'message-color'],
  lifestyle: ['public-id', 'memo', 'onFollow'],
  // Listed in the component overview (组件概览) without a page of their own in the docs folder: names
  // the compiler accepts without usingComponents; attributes as the platform's pages describe them.
  'match-media': ['min-width', 'max-width', 'width', 'min-height', 'max-height', 'height', 'orientation'],
  'root-portal': ['enable'],
  'join-group-chat': ['template-id'],
  'subscribe-message': ['template-id', 'onSubscribe'],
  'aria-component': ['aria-role', 'aria-label'],
  'navigation-bar': ['title', 'loading', 'front-color', 'background-color', 'color-animation-duration', 'color-animation-timing-func'],
  // `<component is="dynamic-plugin://…">`
  component: ['is'],
  'page-meta': ['background-color', 'background-color-top', 'background-color-bottom', 'root-background-color', 'scroll-top', 'scroll-duration', 'page-style', 'page-font-size', 'root-font-size', 'onScroll'],
};

/** Every built-in component with its attributes (COMMON ones included): `my.canIUse` answers from it. */
export const BUILTIN_COMPONENTS: Record<string, string[]> = Object.fromEntries(
  Object.entries(TABLE).map(([name, attributes]) => [name, [...new Set([...COMMON, ...attributes])]]),
);

/** The tags a template may use without `usingComponents` (the compiler's check, the runtime's canIUse). */
export const BUILTIN_COMPONENT_NAMES: ReadonlySet<string> = new Set(Object.keys(TABLE));

/** AXML's own tags: compiled away or into slots, never rendered as elements. */
export const STRUCTURAL_TAGS: ReadonlySet<string> = new Set(['block', 'template', 'import', 'include', 'import-sjs', 'slot']);
