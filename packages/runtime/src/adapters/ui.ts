/**
 * The UI a host shows for the app: toasts, dialogs, pickers, the navigation bar, permission
 * prompts. The default is headless: it records every call and answers from configuration, so the
 * test harness and `mpk run` can report "confirm → OK" without a screen.
 */

import type { HostContext, MaybePromise } from './context.ts';
import { RingLog } from './ring-log.ts';

/** UI calls the headless adapter keeps (the latest; `calls.dropped` counts the rest). */
export const MAX_RECORDED_UI_CALLS = 1000;

/** An image the user picked (`my.chooseImage`). */
export interface ChosenImage {
  data: Uint8Array;
  /** File name; its extension is kept in the image's `apFilePath`. */
  name?: string;
}

export interface AuthorizeRequest {
  /** Permission scope (`location`, `album`, `camera`, `userInfo`, `auth_user`…). */
  scope: string;
  /** The API that needs it. */
  api: string;
  /** The app's explanation from app.json `permission["scope.…"].desc`, if any. */
  desc?: string;
}

export interface SubscribeAnswer {
  /** Per template id: accepted or rejected; `cancel` closes the panel without choosing. */
  behavior: 'subscribe' | 'cancel';
  accepted: string[];
  keep?: boolean;
  refuse?: boolean;
}

/** What a share carries (docs: onShareAppMessage → 返回值): the page's share object, functions removed. */
export interface ShareRequest {
  /** Route of the shared page. */
  page: string;
  /** What started it: the share menu, an `open-type="share"` button, `my.showSharePanel`. */
  from: 'menu' | 'button' | 'code';
  /** What `onShareAppMessage` returned (`title`, `desc`, `path`, `imageUrl`…); undefined when the page defines none. */
  content?: Record<string, unknown>;
}

/** How a share ended: the channel picked and whether it went through; null = the user closed the panel. */
export type ShareOutcome = { channelName: string; shareResult: boolean } | null;

/** A change to the tab bar (docs: 界面/tabBar), after the registry checked it against app.json `tabBar`. */
export type TabBarRequest =
  | { api: 'showTabBar' | 'hideTabBar'; animation?: boolean }
  | { api: 'setTabBarBadge'; index: number; text: string }
  | { api: 'removeTabBarBadge' | 'showTabBarRedDot' | 'hideTabBarRedDot'; index: number }
  | { api: 'setTabBarItem'; index: number; text: string; iconPath?: string; selectedIconPath?: string }
  | { api: 'setTabBarStyle'; color: string; selectedColor: string; backgroundColor: string; borderStyle: string };

/**
 * A change to the current page's window (docs: 设置窗口背景, 设置页面是否支持下拉, 导航栏/my.hideBackHome),
 * arguments checked by the registry (colours as `#RGB`/`#RRGGBB`/`#RRGGBBAA`).
 */
export type WindowRequest =
  | { api: 'setBackgroundColor'; backgroundColor?: string; backgroundColorTop?: string; backgroundColorBottom?: string }
  | { api: 'setBackgroundTextStyle'; textStyle: 'dark' | 'light' }
  | { api: 'setCanPullDown'; canPullDown: boolean }
  | { api: 'hideBackHome' };

/** A font `my.loadFontFace` fetched (through the network policy) and checked: the host makes it available to the app's pages. */
export interface FontFaceRequest {
  family: string;
  /** The font file (woff, otf, ttf or sfnt, checked by its signature). */
  data: Uint8Array;
  /** Where it came from. */
  url: string;
  /** The docs' `desc`: style, weight, variant (validated). */
  descriptors: { style?: string; weight?: string; variant?: string };
  /** The docs' `global`: for the whole app rather than the current page. */
  global: boolean;
}

/** The window state the headless UI keeps per page (the calls above, applied). */
export interface HeadlessWindowState {
  backgroundColor?: string;
  backgroundColorTop?: string;
  backgroundColorBottom?: string;
  backgroundTextStyle?: 'dark' | 'light';
  /** Default true (pages support pulling down). */
  canPullDown: boolean;
  backHomeHidden: boolean;
  /** The navigation bar's background as my.setNavigationBar/Color last set it (reset clears it). */
  titleColor?: string;
}

export interface UiAdapter {
  showToast(args: { content?: string; type?: string; duration?: number }, context: HostContext): MaybePromise<void>;
  hideToast(context: HostContext): MaybePromise<void>;
  showLoading(args: { content?: string; delay?: number; mask?: boolean }, context: HostContext): MaybePromise<void>;
  hideLoading(context: HostContext): MaybePromise<void>;
  alert(args: { title?: string; content?: string; buttonText?: string }, context: HostContext): MaybePromise<void>;
  /** true = the confirm button. */
  confirm(args: { title?: string; content?: string; confirmButtonText?: string; cancelButtonText?: string }, context: HostContext): MaybePromise<boolean>;
  prompt(args: { title?: string; message?: string; placeholder?: string }, context: HostContext): MaybePromise<{ ok: boolean; inputValue: string }>;
  /** Index of the chosen item, -1 for cancel. */
  showActionSheet(args: { title?: string; items: string[]; cancelButtonText?: string }, context: HostContext): MaybePromise<number>;
  setNavigationBar(
    args: { title?: string; image?: string; backgroundColor?: string; borderBottomColor?: string; frontColor?: string; reset?: boolean },
    context: HostContext,
  ): MaybePromise<void>;
  showNavigationBarLoading(context: HostContext): MaybePromise<void>;
  hideNavigationBarLoading(context: HostContext): MaybePromise<void>;
  hideKeyboard(context: HostContext): MaybePromise<void>;
  vibrate(kind: 'default' | 'short' | 'long', context: HostContext): MaybePromise<void>;
  makePhoneCall(number: string, context: HostContext): MaybePromise<void>;
  /** The permission prompt; true = allowed. */
  authorize(request: AuthorizeRequest, context: HostContext): MaybePromise<boolean>;
  /** The settings page: receives the current switches, returns them as the user left them. */
  openSetting(authSetting: Record<string, boolean>, context: HostContext): MaybePromise<Record<string, boolean>>;
  /** The image picker; null = the user cancelled. */
  chooseImage(args: { count: number; sourceType: string[]; sizeType: string[] }, context: HostContext): MaybePromise<ChosenImage[] | null>;
  /** The subscription panel of `my.requestSubscribeMessage`. */
  requestSubscribeMessage(args: { entityIds: string[] }, context: HostContext): MaybePromise<SubscribeAnswer>;
  /** The share panel, showing what the page will share. */
  share(request: ShareRequest, context: HostContext): MaybePromise<ShareOutcome>;
  /** The tab bar the host draws: badges, red dots, visibility, item text and icons, style. */
  tabBar(request: TabBarRequest, context: HostContext): MaybePromise<void>;
  /** The page's window: background colours, pull-down text style, whether it can be pulled down, the back-home button. */
  window(request: WindowRequest, context: HostContext): MaybePromise<void>;
  /** The navigation bar's background as the host shows it (a CSS hex colour); undefined = as the app configured it. */
  getTitleColor(context: HostContext): MaybePromise<string | undefined>;
  /** Makes a loaded font available to the app's pages; throwing fails the call with 10 (加载失败). */
  loadFontFace(font: FontFaceRequest, context: HostContext): MaybePromise<void>;
}

export interface UiCall {
  api: string;
  args: unknown;
}

type Answer<A, T> = T | ((args: A) => T);

/** How the headless UI answers; each may be a fixed value or a function of the call's arguments. */
export interface HeadlessUiAnswers {
  /** Default true (the confirm button). */
  confirm?: Answer<unknown, boolean>;
  /** Default `{ ok: true, inputValue: '' }`. */
  prompt?: Answer<unknown, { ok: boolean; inputValue?: string }>;
  /** Index chosen in action sheets; default 0, -1 = cancel. */
  actionSheet?: Answer<unknown, number>;
  /** Permission prompts; default false (permissions are denied unless granted). A record answers per scope. */
  authorize?: Answer<AuthorizeRequest, boolean> | Record<string, boolean>;
  /** Picked images; default one 1×1 PNG per requested image; null = cancel. */
  chooseImage?: Answer<{ count: number }, ChosenImage[] | null>;
  /** The settings page result; default: unchanged. */
  openSetting?: Answer<Record<string, boolean>, Record<string, boolean>>;
  /** Subscription panel; default 'accept' (every template). */
  subscribe?: Answer<{ entityIds: string[] }, 'accept' | 'reject' | 'cancel'>;
  /** Share panel; default `{ channelName: 'ALPContact', shareResult: true }` (shared to an Alipay contact); null = closed. */
  share?: Answer<ShareRequest, ShareOutcome>;
}

export interface HeadlessUi extends UiAdapter {
  /** The calls, in order: the latest MAX_RECORDED_UI_CALLS (`calls.dropped` counts the older ones let go). */
  readonly calls: RingLog<UiCall>;
  answers: HeadlessUiAnswers;
  /** Calls of one API (`ui.callsOf('confirm')`). */
  callsOf(api: string): unknown[];
  /** The window state of page `pageId` (default: the last page a window call named), as the calls left it. */
  windowOf(pageId?: number): HeadlessWindowState;
  /** Fonts `my.loadFontFace` loaded, in order. */
  readonly fonts: ReadonlyArray<{ family: string; url: string; bytes: number; descriptors: FontFaceRequest['descriptors']; global: boolean; page?: number }>;
}

/** A valid 1×1 transparent PNG: what the headless picker "chooses" by default. */
export const ONE_PIXEL_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

function answer<A, T>(value: Answer<A, T> | undefined, args: A, fallback: T): T {
  if (value === undefined) return fallback;
  return typeof value === 'function' ? (value as (args: A) => T)(args) : value;
}

export function createHeadlessUi(answers: HeadlessUiAnswers = {}): HeadlessUi {
  const calls = new RingLog<UiCall>(MAX_RECORDED_UI_CALLS);
  const record = (api: string, args: unknown = {}) => calls.push({ api, args });
  // Window state per page (bounded: the container keeps at most a few pages alive, old ids are dropped first).
  const windows = new Map<number, HeadlessWindowState>();
  let lastPage = 0;
  const windowAt = (context: HostContext | undefined): HeadlessWindowState => {
    const id = context?.page?.id ?? 0;
    lastPage = id;
    let state = windows.get(id);
    if (state === undefined) {
      state = { canPullDown: true, backHomeHidden: false };
      windows.set(id, state);
      if (windows.size > 64) windows.delete(windows.keys().next().value!);
    }
    return state;
  };
  const fonts: Array<HeadlessUi['fonts'][number]> = [];
  const ui: HeadlessUi = {
    calls,
    answers,
    fonts,
    callsOf: (api) => calls.filter((c) => c.api === api).map((c) => c.args),
    windowOf: (pageId) => ({ ...(windows.get(pageId ?? lastPage) ?? { canPullDown: true, backHomeHidden: false }) }),
    showToast: (args) => void record('showToast', args),
    hideToast: () => void record('hideToast'),
    showLoading: (args) => void record('showLoading', args),
    hideLoading: () => void record('hideLoading'),
    alert: (args) => void record('alert', args),
    confirm(args) {
      record('confirm', args);
      return answer(ui.answers.confirm, args, true);
    },
    prompt(args) {
      record('prompt', args);
      const result = answer(ui.answers.prompt, args, { ok: true, inputValue: '' });
      return { ok: result.ok, inputValue: result.inputValue ?? '' };
    },
    showActionSheet(args) {
      record('showActionSheet', args);
      return answer(ui.answers.actionSheet, args, 0);
    },
    setNavigationBar: (args, context) => {
      record('setNavigationBar', args);
      const state = windowAt(context);
      if (args.reset) delete state.titleColor;
      if (args.backgroundColor) state.titleColor = args.backgroundColor;
    },
    showNavigationBarLoading: () => void record('showNavigationBarLoading'),
    hideNavigationBarLoading: () => void record('hideNavigationBarLoading'),
    hideKeyboard: () => void record('hideKeyboard'),
    vibrate: (kind) => void record('vibrate', { kind }),
    makePhoneCall: (number) => void record('makePhoneCall', { number }),
    authorize(request) {
      record('authorize', request);
      const configured = ui.answers.authorize;
      if (configured !== undefined && typeof configured === 'object') return configured[request.scope] ?? false;
      return answer(configured, request, false);
    },
    openSetting(authSetting) {
      record('openSetting', authSetting);
      return answer(ui.answers.openSetting, authSetting, authSetting);
    },
    chooseImage(args) {
      record('chooseImage', args);
      const fallback = Array.from({ length: Math.max(1, args.count) }, (_, i) => ({ data: ONE_PIXEL_PNG, name: `image-${i}.png` }));
      return answer(ui.answers.chooseImage, args, fallback);
    },
    requestSubscribeMessage(args) {
      record('requestSubscribeMessage', args);
      const choice = answer(ui.answers.subscribe, args, 'accept');
      if (choice === 'cancel') return { behavior: 'cancel', accepted: [] };
      return { behavior: 'subscribe', accepted: choice === 'accept' ? [...args.entityIds] : [] };
    },
    share(request) {
      record('share', request);
      return answer(ui.answers.share, request, { channelName: 'ALPContact', shareResult: true });
    },
    tabBar: (request) => {
      const { api, ...args } = request;
      record(api, args);
    },
    window: (request, context) => {
      const { api, ...args } = request;
      record(api, args);
      const state = windowAt(context);
      if (request.api === 'setBackgroundColor') {
        if (request.backgroundColor !== undefined) state.backgroundColor = request.backgroundColor;
        if (request.backgroundColorTop !== undefined) state.backgroundColorTop = request.backgroundColorTop;
        if (request.backgroundColorBottom !== undefined) state.backgroundColorBottom = request.backgroundColorBottom;
      } else if (request.api === 'setBackgroundTextStyle') state.backgroundTextStyle = request.textStyle;
      else if (request.api === 'setCanPullDown') state.canPullDown = request.canPullDown;
      else state.backHomeHidden = true;
    },
    getTitleColor: (context) => {
      record('getTitleColor');
      return windows.get(context?.page?.id ?? 0)?.titleColor;
    },
    loadFontFace: (font, context) => {
      const entry = { family: font.family, url: font.url, bytes: font.data.byteLength, descriptors: font.descriptors, global: font.global, page: context?.page?.id };
      record('loadFontFace', entry);
      fonts.push(entry);
      if (fonts.length > MAX_RECORDED_UI_CALLS) fonts.shift();
    },
  };
  return ui;
}
