/**
 * A JSAPI driver for e2e tests: an app.js that lets the test call any `my.*` API from inside the
 * mini-program, in each of the documented forms, and read what came back through the console.
 *
 *   await callApi(app, 'setStorage', { key: 'k', data: 1 })            // → ['success {}', 'complete {}']
 *   await callApi(app, 'getStorageSync', { key: 'k' }, 'sync')         // → ['return {"data":1}']
 */
import type { MiniApp } from '@mpk/devtools/harness';
import { logLines } from './project.ts';

/** How the guest calls the API. */
export type CallForm = 'callback' | 'promise' | 'sync' | 'call' | 'callPromise';

/** app.js source with the driver (plus `extra` members for the App object). */
export function driverAppJs(extra = ''): string {
  return `
function show(value) {
  if (value instanceof Error) return JSON.stringify({ name: value.name, message: value.message, error: value.error });
  return JSON.stringify(value === undefined ? null : value);
}
App({
  ${extra}
  onLaunch() {
    my.on('e2e:call', ({ api, args, form }) => {
      const log = (kind) => (res) => console.log(kind + ' ' + show(res));
      switch (form) {
        case 'promise': my[api](args).then(log('then'), log('catch')); break;
        case 'sync': try { log('return')(my[api](args)); } catch (e) { log('throw')(e); } break;
        case 'call': my.call(api, args, log('callback')); break;
        case 'callPromise': my.call(api, args).then(log('then'), log('catch')); break;
        default: my[api]({ ...args, success: log('success'), fail: log('fail'), complete: log('complete') });
      }
    });
    my.on('e2e:eval', ({ name }) => console.log('eval ' + show(getApp()[name]())));
    my.on('e2e:set', ({ name, value }) => { getApp()[name] = value; });
  },
});`;
}

/** Calls `my[api]` inside the app and returns the lines its callbacks logged. */
export async function callApi(app: MiniApp, api: string, args: unknown = {}, form: CallForm = 'callback'): Promise<string[]> {
  const before = logLines(app).length;
  await app.emit('e2e:call', { api, args, form });
  return logLines(app)
    .slice(before)
    .filter((l) => /^(success|fail|complete|then|catch|return|throw|callback) /.test(l));
}

/** Runs `getApp()[name]()` inside the app (an App method the test defined) and returns its result. */
export async function evalInApp(app: MiniApp, name: string): Promise<unknown> {
  const before = logLines(app).length;
  await app.emit('e2e:eval', { name });
  const line = logLines(app).slice(before).find((l) => l.startsWith('eval '));
  return line === undefined ? undefined : JSON.parse(line.slice(5));
}

/** Sets `getApp()[name] = value` inside the app. */
export async function setInApp(app: MiniApp, name: string, value: unknown): Promise<void> {
  await app.emit('e2e:set', { name, value });
}

/** The JSON payload of one logged line (`'success {"a":1}'` → `{ a: 1 }`). */
export function payload(line: string | undefined): any {
  if (line === undefined) return undefined;
  return JSON.parse(line.slice(line.indexOf(' ') + 1));
}
