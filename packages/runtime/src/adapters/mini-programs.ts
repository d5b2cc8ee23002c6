/**
 * Jumps between mini-programs (docs: 开放能力API/小程序相互跳转): `my.navigateToMiniProgram` opens
 * another app with a launch query and `extraData`, `my.navigateBackMiniProgram` returns to the app
 * that opened this one with `extraData` of its own, `my.exitMiniProgram` closes this one. The host
 * owns which mini-programs exist and how they are shown; `createAppStack` (container/app-stack.ts)
 * is a ready one that runs each app in its own container. The default records the jumps and opens
 * nothing, like the headless payment.
 */

import type { HostContext, MaybePromise } from './context.ts';
import { RingLog } from './ring-log.ts';

/** What `my.navigateToMiniProgram` asks for (validated: strings and JSON data only). */
export interface MiniProgramJump {
  /** The target's appId. */
  appId: string;
  /** Page path with its page query (`pages/detail/detail?id=3`); absent: the target's entry page. */
  path?: string;
  /** The target's launch query (`App.onLaunch(options).query`). */
  query?: Record<string, string>;
  /** `App.onLaunch/onShow(options).referrerInfo.extraData` of the target. */
  extraData?: unknown;
}

export interface MiniProgramAdapter {
  /** Open `jump.appId`. Reject with `ApiFailure(30)` (the target refuses jumps) or `ApiFailure(31)` (no such app / the jump failed). */
  navigateTo(jump: MiniProgramJump, context: HostContext): MaybePromise<void>;
  /** Close the asking app and show `referrer` again with `extraData` (only called when the app was opened by `referrer`). */
  navigateBack(request: { referrer: string; extraData?: unknown }, context: HostContext): MaybePromise<void>;
  /** Close the asking app (only called right after a user's tap, as the platform requires). */
  exit(context: HostContext): MaybePromise<void>;
}

export interface HeadlessMiniPrograms extends MiniProgramAdapter {
  /** Every jump asked for, oldest first (the latest 1,000). */
  readonly jumps: Array<MiniProgramJump & { from: string }>;
  readonly backs: Array<{ from: string; referrer: string; extraData?: unknown }>;
  readonly exits: Array<{ from: string }>;
}

const MAX_RECORDED = 1000;

/** Records every jump and succeeds (the docs: a jump to an app that is not published still succeeds). */
export function createHeadlessMiniPrograms(): HeadlessMiniPrograms {
  const adapter: HeadlessMiniPrograms = {
    jumps: new RingLog(MAX_RECORDED),
    backs: new RingLog(MAX_RECORDED),
    exits: new RingLog(MAX_RECORDED),
    navigateTo(jump, context) {
      adapter.jumps.push({ ...jump, from: context.appId });
    },
    navigateBack(request, context) {
      adapter.backs.push({ from: context.appId, ...request });
    },
    exit(context) {
      adapter.exits.push({ from: context.appId });
    },
  };
  return adapter;
}
