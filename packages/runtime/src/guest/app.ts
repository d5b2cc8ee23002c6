/** `App()`, `getApp()`, launch and foreground/background. */
import type { LaunchOptions } from '../contract/protocol.ts';
import { guard, reportError } from './errors.ts';
import { moduleFailed, runAllModules, runModule } from './modules.ts';
import { deepClone } from './path.ts';
import { appEvents, isObject, state, type AppInstance } from './state.ts';
import { keysOf } from './intrinsics.ts';
import { pauseForegroundAudio } from './media.ts';

export function App(options: unknown): void {
  if (state.app) {
    reportError(new Error('App() can be called only once (in app.js); this call was ignored'));
    return;
  }
  const app: AppInstance = {};
  if (isObject(options)) {
    const keys = keysOf(options);
    for (let i = 0; i < keys.length; i++) app[keys[i]] = options[keys[i]];
  }
  state.app = app;
}

export function getApp(): AppInstance | undefined {
  return state.app;
}

function callApp(name: string, args: unknown[]): void {
  const app = state.app;
  if (app && typeof app[name] === 'function') guard(app[name] as Function, app, args);
}

function emitApp(event: string, args: unknown[]): void {
  const fns = appEvents.get(event);
  for (let i = 0; i < fns.length; i++) guard(fns[i], undefined, args);
}

export function launch(options: LaunchOptions): void {
  if (state.launched) return;
  state.launched = true;
  runModule('app');
  // app.js is needed by everything: its failure is reported at once.
  const appFailed = moduleFailed('app');
  if (state.eager) runAllModules();
  if (!state.app) {
    if (!appFailed) reportError(new Error('App() was not called: app.js must call App({...}) once'));
    return;
  }
  state.launchOptions = options;
  state.enterOptions = options;
  callApp('onLaunch', [deepClone(options)]);
  callApp('onShow', [deepClone(options)]);
  emitApp('appShow', [deepClone(options)]);
}

export function appShow(options: LaunchOptions): void {
  state.enterOptions = options;
  callApp('onShow', [deepClone(options)]);
  emitApp('appShow', [deepClone(options)]);
}

export function appHide(): void {
  pauseForegroundAudio();
  callApp('onHide', []);
  emitApp('appHide', []);
}

export function pageNotFound(data: unknown): void {
  callApp('onPageNotFound', [data]);
  emitApp('pageNotFound', [data]);
}
