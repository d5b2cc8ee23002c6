/**
 * The global environment mini-program code sees (docs: framework/小程序的 JavaScript 引擎.md, and
 * 项目配置.md#globalObjectMode). Dynamic code is unavailable (no `eval`, no `new Function`, no
 * string timers); time comes from the host's Clock; engine extras that are not part of the
 * platform are removed.
 */
import { keepEval } from './dev-console.ts';
import { guard } from './errors.ts';
import { hostNow } from './host.ts';
import { exec, later } from './intrinsics.ts';

const construct = Reflect.construct;

function refuse(what: string) {
  return function () {
    throw new EvalError(`${what} is not supported in mini-programs (no dynamic code)`);
  };
}

function replaceConstructor(proto: object, what: string): void {
  const stub = refuse(what);
  stub.prototype = proto;
  Object.defineProperty(proto, 'constructor', { value: stub, writable: false, enumerable: false, configurable: false });
}

/**
 * `Function('return this')()` is how lodash, regenerator-runtime and other npm code look for the global
 * object when neither `global` nor `self` is defined (antd-mini's Table and Voucher import lodash.get and
 * lodash.isfunction). It creates no code from data: it answers the global object the guest already has
 * (a sloppy-mode `this`), and every other body is refused.
 */
const GLOBAL_LOOKUP = /^\s*return\s+this\s*;?\s*$/;

export function lockdown(global: Record<string, unknown>): void {
  // `global` is the guest's own global object, as with the platform's globalObjectMode "enable" and
  // the `global` its npm builds give libraries: lodash finds its root (`global.Object === Object`),
  // tslib and core-js their global. `self`, `window`, `document`, `location`, `fetch`,
  // `XMLHttpRequest` stay undefined: the docs reserve those names and a library seeing them would
  // take the logic layer for a browser.
  Object.defineProperty(global, 'global', { value: global, writable: true, enumerable: false, configurable: true });
  keepEval(global.eval);
  global.eval = refuse('eval');
  const refuseFunction = refuse('Function');
  const FunctionStub = function (this: unknown, ...args: unknown[]) {
    if (args.length === 1 && typeof args[0] === 'string' && exec(GLOBAL_LOOKUP, args[0]) !== null) return () => global;
    return refuseFunction();
  };
  FunctionStub.prototype = Function.prototype;
  Object.defineProperty(Function.prototype, 'constructor', { value: FunctionStub, writable: false, enumerable: false, configurable: false });
  global.Function = FunctionStub;
  replaceConstructor(Object.getPrototypeOf(async function () {}), 'AsyncFunction');
  replaceConstructor(Object.getPrototypeOf(function* () {}), 'GeneratorFunction');
  replaceConstructor(Object.getPrototypeOf(async function* () {}), 'AsyncGeneratorFunction');

  // Date.now() and new Date() follow the host Clock (virtual time in tests).
  const RealDate = Date;
  const now = () => hostNow();
  const ClockDate = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
  });
  RealDate.now = now;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: ClockDate, writable: true, enumerable: false, configurable: true });
  global.Date = ClockDate;

  const origin = now();
  global.performance = Object.freeze({ now: () => now() - origin });
  // Ours on every engine, so a throwing microtask reaches App.onError like any other callback.
  global.queueMicrotask = (fn: unknown) => {
    if (typeof fn !== 'function') throw new TypeError('queueMicrotask: callback must be a function');
    later(() => guard(fn, undefined, []));
  };
}
