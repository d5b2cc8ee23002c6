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
  const ui: HeadlessUi = {
    calls,
    answers,
    callsOf: (api) => calls.filter((c) => c.api === api).map((c) => c.args),
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
    setNavigationBar: (args) => void record('setNavigationBar', args),
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
  };
  return ui;
}
