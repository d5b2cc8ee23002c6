/**
 * The script a cloud function's sandbox starts with (the counterpart of the mini-program base
 * library, for one function): it evaluates to `install(natives)`, which gives the sandbox
 * `console`, `setTimeout`/`clearTimeout`, the server-side cloud SDK (`require('@alipay/faas-server-sdk')`
 * in the function's bundle resolves to it), and returns the dispatcher the host drives:
 *
 * - `dispatch(0, '[{"t":"run","event":…,"context":…}]')` calls the function's `main(event, context)`;
 *   `{"t":"reply","id":n,…}` settles the SDK request `n`.
 * - `dispatch(1, id)` runs timer `id`.
 *
 * The guest sends JSON arrays through `natives.send`: `{t:'request', id, request}` (one cloud SDK
 * operation, answered by the emulator), `{t:'log', level, text}`, `{t:'done', ok, result | error}`.
 * The SDK itself is the base library's (src/guest/cloud.ts), bundled with `invokeAsync` pointed here,
 * so queries and commands are built by the same code as in the mini-program.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The guest's side of the loop; `__mpkCloudSdk` (the bundled SDK) is in scope when it runs. */
const INSTALL = String.raw`
return function install(natives) {
  var send = function (message) { natives.send(JSON.stringify([message])); };
  var text = function (args) {
    var out = [];
    for (var i = 0; i < args.length; i++) {
      var a = args[i];
      if (typeof a === 'string') out.push(a);
      else if (a instanceof Error) out.push(String(a.stack || a));
      else { try { out.push(JSON.stringify(a)); } catch (e) { out.push(String(a)); } }
    }
    return out.join(' ');
  };
  var logger = function (level) { return function () { send({ t: 'log', level: level, text: text(arguments) }); }; };
  globalThis.console = { log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug') };

  var pending = new Map();
  var nextId = 1;
  __mpkCloudSdk.setHostInvoke(function (request) {
    var id = nextId++;
    return new Promise(function (resolve, reject) {
      pending.set(id, { resolve: resolve, reject: reject });
      send({ t: 'request', id: id, request: request });
    });
  });
  var sdk;
  __mpkCloudSdk.installCloud({}, function (name, value) { if (name === 'Cloud') sdk = value; });
  globalThis.__mpkServerSdk = sdk;

  var timers = new Map();
  var nextTimer = 1;
  globalThis.setTimeout = function (fn, ms) {
    var id = nextTimer++;
    timers.set(id, { fn: fn, args: Array.prototype.slice.call(arguments, 2) });
    natives.timer(id, Math.max(0, Number(ms) || 0));
    return id;
  };
  globalThis.clearTimeout = function (id) { if (timers.delete(id)) natives.timer(id, -1); };

  var describe = function (e) {
    if (e && typeof e === 'object') {
      return { name: String(e.name || 'Error'), message: String(e.message !== undefined ? e.message : e), stack: typeof e.stack === 'string' ? e.stack : undefined,
        error: typeof e.error === 'number' ? e.error : undefined, errorMessage: typeof e.errorMessage === 'string' ? e.errorMessage : undefined };
    }
    return { name: 'Error', message: String(e) };
  };
  var finish = function (ok, value) {
    if (!ok) return send({ t: 'done', ok: false, error: describe(value) });
    var json;
    try { json = JSON.stringify(value === undefined ? null : value); } catch (e) { return send({ t: 'done', ok: false, error: { name: 'TypeError', message: 'the function returned a value that is not JSON: ' + String(e && e.message) } }); }
    send({ t: 'done', ok: true, json: json });
  };

  return function dispatch(op, arg) {
    if (op === 1) {
      var timer = timers.get(arg);
      if (timer) { timers.delete(arg); timer.fn.apply(undefined, timer.args); }
      return;
    }
    var messages = JSON.parse(arg);
    for (var i = 0; i < messages.length; i++) {
      var m = messages[i];
      if (m.t === 'run') {
        var exported = globalThis.__mpkFunction;
        var main = exported && (typeof exported.main === 'function' ? exported.main : exported.default && exported.default.main);
        if (typeof main !== 'function') { finish(false, new TypeError('the function does not export main (exports.main = async (event, context) => …)')); continue; }
        try {
          Promise.resolve(main(m.event, m.context)).then(function (r) { finish(true, r); }, function (e) { finish(false, e); });
        } catch (e) { finish(false, e); }
      } else if (m.t === 'reply') {
        var waiting = pending.get(m.id);
        if (!waiting) continue;
        pending.delete(m.id);
        if (m.ok) waiting.resolve(m.value);
        else {
          var error = new Error(m.error.errorMessage);
          error.error = m.error.error; error.errorMessage = m.error.errorMessage; error.errMsg = m.error.errorMessage;
          waiting.reject(error);
        }
      }
    }
  };
};`;

/** The base library's invokeAsync and guard, for the SDK outside the base library. */
const SHIM_MY = `
let hostInvoke;
export function setHostInvoke(fn) { hostInvoke = fn; }
export function invokeAsync(name, args) {
  const request = {};
  const callbacks = {};
  for (const key of Object.keys(args)) {
    if (typeof args[key] === 'function') callbacks[key] = args[key];
    else request[key] = args[key];
  }
  const promise = hostInvoke(request);
  promise.then(
    (value) => { if (callbacks.success) callbacks.success(value); if (callbacks.complete) callbacks.complete(value); },
    (error) => { if (callbacks.fail) callbacks.fail(error); if (callbacks.complete) callbacks.complete(error); },
  );
  // With callbacks the promise's rejection is theirs to handle.
  if (callbacks.fail || callbacks.complete) promise.catch(() => {});
  return { promise };
}`;
const SHIM_ERRORS = `export function guard(fn, self, args) { try { return fn.apply(self, args); } catch (e) { console.error(e); } }`;

let cached: Promise<string> | undefined;

/** The sandbox's first script (bundled once per process): the SDK, then `install`. */
export function sandboxLibrary(): Promise<string> {
  cached ??= (async () => {
    const esbuild = await import('esbuild');
    const runtimeEntry = createRequire(import.meta.url).resolve('@mpk/runtime');
    const guestCloud = path.join(path.dirname(runtimeEntry), 'guest', 'cloud.ts');
    const result = await esbuild.build({
      stdin: { contents: `export { installCloud } from ${JSON.stringify(guestCloud)};\nexport { setHostInvoke } from 'mpk:my';`, resolveDir: path.dirname(fileURLToPath(import.meta.url)), loader: 'ts' },
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__mpkCloudSdk',
      platform: 'neutral',
      target: 'es2022',
      logLevel: 'silent',
      plugins: [
        {
          name: 'mpk-cloud-shims',
          setup(build) {
            build.onResolve({ filter: /^(mpk:my|\.\/my\.ts)$/ }, () => ({ path: 'my', namespace: 'mpk-shim' }));
            build.onResolve({ filter: /^\.\/errors\.ts$/ }, () => ({ path: 'errors', namespace: 'mpk-shim' }));
            build.onLoad({ filter: /.*/, namespace: 'mpk-shim' }, (args) => ({ contents: args.path === 'my' ? SHIM_MY : SHIM_ERRORS, loader: 'js' }));
          },
        },
      ],
    });
    // The `var` stays local to the wrapper: the script's completion value is `install`.
    return `(function(){${result.outputFiles[0]!.text}\n${INSTALL}})()`;
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
