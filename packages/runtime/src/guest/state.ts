/** Process-wide (per sandbox) state of the base library. */
import type { ApiDescriptor, LaunchOptions } from '../contract/protocol.ts';
import { Listeners } from './listeners.ts';
import { SafeMap } from './intrinsics.ts';

export type AppInstance = Record<string, unknown>;

export const state = {
  app: undefined as AppInstance | undefined,
  launched: false,
  /** Run every module at launch (false with lazyCodeLoading). */
  eager: true,
  apis: new SafeMap<string, ApiDescriptor>(),
  components: {} as Record<string, string[]>,
  sdkVersion: '',
  env: {} as Record<string, unknown>,
  /** `my.getLaunchOptionsSync()`: App.onLaunch's options; `my.getEnterOptionsSync()`: the latest onShow's. */
  launchOptions: undefined as LaunchOptions | undefined,
  enterOptions: undefined as LaunchOptions | undefined,
  /** Page ids bottom → top, as the host last reported. */
  stack: [] as number[],
};

/** App-level listeners the guest feeds itself: error, unhandledRejection, appShow, appHide, pageNotFound. */
export const appEvents = new Listeners();
/** `my.on(name)` and `my.onX` listeners fed by `hostEvent` messages. */
export const hostEvents = new Listeners();

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null;
}
