/**
 * The mpk base library: runs inside the logic sandbox before the app's bundles. Bundled by
 * `getBaseLibrarySource()` into one script whose value is `install`; the host calls
 * `install(natives)` once and keeps the returned dispatcher.
 */
import type { GuestNatives } from '../contract/guest-abi.ts';
import { App, getApp } from './app.ts';
import { Component } from './components.ts';
import { createConsole } from './console.ts';
import { Mixin } from './definitions.ts';
import { entry } from './dispatch.ts';
import { bindNatives } from './host.ts';
import { installCloud } from './cloud.ts';
import { lockdown } from './lockdown.ts';
import { defineModules } from './modules.ts';
import { createMy } from './my.ts';
import { getCurrentPages, Page } from './pages.ts';
import { TrackedPromise } from './rejections.ts';
import { timerGlobals } from './timers.ts';

export function install(natives: GuestNatives): (op: number, arg: unknown) => void {
  bindNatives(natives);
  const global = globalThis as unknown as Record<string, unknown>;
  const my = createMy();
  const define = (name: string, value: unknown) =>
    Object.defineProperty(global, name, { value, writable: true, enumerable: false, configurable: true });
  define('App', App);
  define('getApp', getApp);
  define('Page', Page);
  define('getCurrentPages', getCurrentPages);
  define('Component', Component);
  define('Mixin', Mixin);
  define('my', my);
  installCloud(my, define); // my.cloud and the Cloud global (guest objects; operations go through the JSAPI)
  define('console', createConsole());
  for (const [name, fn] of Object.entries(timerGlobals)) define(name, fn);
  define('Promise', TrackedPromise);
  Object.defineProperty(global, '__mpkLogic', {
    value: Object.freeze({ define: defineModules }),
    writable: false,
    enumerable: false,
    configurable: false,
  });
  lockdown(global);
  return entry;
}
