/**
 * Safety: template expressions and SJS that try to reach the host are refused at compile time
 * or yield nothing at run time, and host state stays untouched. view.js is evaluated with a
 * plain `new Function('__mpkView', code)` — no shadowing loader — so nothing here relies on
 * the runtime's defence in depth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VElement } from '@mpk/runtime/view-abi';
import { compileView, diagnose, PAGE, render } from './support/harness.ts';
import { compileModule } from '../sjs/support.ts';

declare global {
  // eslint-disable-next-line no-var
  var __mpkSentinel: { touched: number } | undefined;
}

const hostMathFloor = Math.floor;
const hostJsonParse = JSON.parse;
const hostMap = Array.prototype.map;
const hostCall = Function.prototype.call;

beforeAll(() => {
  globalThis.__mpkSentinel = { touched: 0 };
});

afterAll(() => {
  delete globalThis.__mpkSentinel;
});

function hostUntouched(): void {
  expect(globalThis.__mpkSentinel).toEqual({ touched: 0 });
  expect(Math.floor).toBe(hostMathFloor);
  expect(JSON.parse).toBe(hostJsonParse);
  expect(Array.prototype.map).toBe(hostMap);
  expect(Function.prototype.call).toBe(hostCall);
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.getOwnPropertyNames(Array.prototype.map)).toEqual(Object.getOwnPropertyNames(function map() {}).filter((n) => n !== 'prototype' && n !== 'arguments' && n !== 'caller'));
}

const SJS = 'pages/index/m.sjs';

/** Compiles a page; returns its diagnostics codes and what it renders (or the error thrown). */
function attempt(axml: string, data: Record<string, unknown> = {}, files: Record<string, string> = {}): { codes: string[]; html: string } {
  const view = compileView({ ...files, [PAGE]: axml });
  let html: string;
  try {
    html = view.html(data);
  } catch (e) {
    html = `threw ${e instanceof Error ? e.constructor.name : typeof e}`;
  }
  return { codes: view.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), html };
}

describe('template expressions cannot reach the host', () => {
  it('reads nothing through constructor chains (a warning at compile time)', () => {
    for (const expr of [
      "constructor.constructor('return process')()",
      "a.constructor.constructor('return globalThis')()",
      "''.constructor",
      'a.__proto__',
      "a['constructor']",
      "a['__proto__']",
      'a.prototype',
      "a['__defineGetter__']",
      'a.__lookupGetter__',
      "(x => x).constructor('return process')()",
      "`${''.constructor}`",
      'list.map(x => x.constructor)[0]',
    ]) {
      const r = attempt(`<view>{{ ${expr} }}</view>`, { a: {}, list: [1] });
      const view = compileView({ [PAGE]: `<view>{{ ${expr} }}</view>` });
      expect(view.diagnostics.map((d) => `${d.severity} ${d.code}`), expr).toContain('warning MPK2109');
      expect(['<view></view>', 'threw TypeError', '<view>undefined</view>'], expr).toContain(r.html);
    }
    hostUntouched();
  });

  it('reads nothing through dynamic keys naming reserved properties', () => {
    for (const k of ['constructor', '__proto__', 'prototype', '__defineGetter__', '__lookupSetter__']) {
      expect(render('<view>[{{ a[k] }}][{{ s[k] }}][{{ f[k] }}]</view>', { a: {}, s: 'str', f: [1], k }), k).toBe('<view>[][][]</view>');
    }
    const [el] = compileView({ [PAGE]: '<view v="{{ a[k] }}" w="{{ a[k][k2] }}" />' }).vnodes({ a: {}, k: 'constructor', k2: 'constructor' }) as VElement[];
    expect(el.attrs).toEqual({ v: undefined, w: undefined });
    hostUntouched();
  });

  it('does not run inherited accessors through dynamic keys', () => {
    const proto = {
      get secret() {
        globalThis.__mpkSentinel!.touched++;
        return 'leaked';
      },
    };
    const data = Object.create(proto);
    expect(render('<view>[{{ d[k] }}]</view>', { d: data, k: 'secret' })).toBe('<view>[]</view>');
    hostUntouched();
  });

  it('drops __proto__ keys in object literals', () => {
    const t = '<template name="t"><view>{{polluted}}</view></template><template is="t" data="{{ __proto__: x }}" />';
    expect(compileView({ [PAGE]: t }).diagnostics.map((d) => d.code)).toContain('MPK2109');
    expect(attempt(t, { x: { polluted: 1 } }).html).toBe('<view></view>');
    const [el] = compileView({ [PAGE]: '<view o="{{ { \'__proto__\': x } }}" p="{{ __proto__: x }}" q="{{ {[k]: x} }}" />' }).vnodes({ x: { polluted: 1 }, k: '__proto__' }) as VElement[];
    for (const v of [el.attrs.o, el.attrs.p, el.attrs.q]) expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect((el.attrs.q as Record<string, unknown>).polluted).toBeUndefined();
    hostUntouched();
  });

  it('keeps a __proto__ own property of data an ordinary property when spread', () => {
    const data = JSON.parse('{"evil": {"__proto__": {"polluted": 1}, "ok": 2}}');
    expect(render('<template name="t"><view>{{ok}}|{{polluted}}</view></template><template is="t" data="{{ ...evil }}" />', data)).toBe('<view>2|</view>');
    hostUntouched();
  });

  it('treats host globals and view.js internals as missing data', () => {
    const names = ['globalThis', 'window', 'self', 'global', 'process', 'require', 'Function', 'eval', 'Reflect', '__mpkView', '__mpkRuntime', '__mpkUnits', '__mpkLinked', 'h', 'env', 'S', 'T', 'L', 'D', 'lookup', 'render', 'fb', 'm0', 'b0', 'arguments', 'POLICIES', 'TG', 'invoke', 'apply'];
    const axml = names.map((n) => `[{{ ${n} }}]`).join('');
    expect(render(`<view>${axml}</view>`)).toBe(`<view>${'[]'.repeat(names.length)}</view>`);
    // Inside arrow functions and template literals too: parameters are renamed, names stay data.
    expect(render('<view>{{ [1].map(h => typeof h + typeof S + typeof process + typeof arguments).join() }}|{{ `${typeof window}` }}</view>')).toBe('<view>numberundefinedundefinedundefined|undefined</view>');
    hostUntouched();
  });

  it('gives template globals as frozen copies, never the host objects', () => {
    const [el] = compileView({ [PAGE]: '<view m="{{ Math }}" j="{{ JSON }}" n="{{ Number }}" o="{{ Object }}" d="{{ Date }}" f="{{ Math.floor }}" />' }).vnodes() as VElement[];
    expect(el.attrs.m).not.toBe(Math);
    expect(el.attrs.j).not.toBe(JSON);
    expect(el.attrs.n).not.toBe(Number);
    expect(el.attrs.o).not.toBe(Object);
    expect(el.attrs.d).not.toBe(Date);
    expect(el.attrs.f).not.toBe(Math.floor);
    for (const v of [el.attrs.m, el.attrs.n, el.attrs.o, el.attrs.d]) expect(Object.isFrozen(v)).toBe(true);
    expect(attempt('<view>{{ Object.keys.call.call(Object.keys, null, {a: 1}) }}{{ Number.isInteger.constructor }}</view>').html).toBe('<view>["a"]</view>');
    hostUntouched();
  });

  it('calls methods on values only through the guard (no path to Function or the global object)', () => {
    const cases: Array<[string, string]> = [
      ['a.toString.call(a)', '<view>[object Object]</view>'],
      ['[].map.call([1], x => x + 1)', '<view>[2]</view>'],
      ["''.concat.apply('a', ['b'])", '<view>ab</view>'],
      ["[].concat.bind([1])(2).join('')", '<view>12</view>'],
      ['(x => this)()', '<view>{"a":{},"s":"abc"}</view>'],
      ['s.replace(/b/, Function)', '<view>aundefinedc</view>'],
      ['Array.isArray([]) && Array.isArray.call.call.call', '<view></view>'],
      ['new Function("return process")', 'threw TypeError'],
      ['new (x => x)()', 'threw TypeError'],
      ['new a.toString()', 'threw TypeError'],
      ['eval("process")', 'threw TypeError'],
      ['Function("return this")()', 'threw TypeError'],
      ['import("fs")', '<view></view>'],
      ['`${process}`', '<view>undefined</view>'],
    ];
    for (const [expr, html] of cases) {
      expect(attempt(`<view>{{ ${expr} }}</view>`, { a: {}, s: 'abc' }).html, expr).toBe(html);
    }
    hostUntouched();
  });

  it('cannot change the render data or host built-ins through methods', () => {
    const data = { list: [3, 1, 2], o: { k: 1 } };
    expect(render('<view>{{ list.sort().join() }}|{{ list.reverse().join() }}|{{ list.push(4) }}|{{ list.join() }}</view>', data)).toBe('<view>1,2,3|2,1,3|4|3,1,2</view>');
    expect(data.list).toEqual([3, 1, 2]);
    expect(attempt('<view>{{ [].push.call(o, 1) }}</view>', data).html).toBe('threw TypeError');
    expect(data.o).toEqual({ k: 1 });
    hostUntouched();
  });

  it('bounds strings built by repeat and padding', () => {
    expect(attempt("<view>{{ 'x'.repeat(1e9) }}</view>").html).toBe('threw RangeError');
    expect(attempt("<view>{{ ''.padEnd(2 ** 30) }}</view>").html).toBe('threw RangeError');
    expect(attempt("<view>{{ 'x'.repeat.call('yy', 1e9) }}</view>").html).toBe('threw RangeError');
    hostUntouched();
  });

  it('builds regular expressions from literals without reaching RegExp', () => {
    expect(render("<view>{{ d.replace(/-/g, '.') }}|{{ /a/.constructor }}|{{ /(?:)/.exec.call(/x/, 'x')[0] }}</view>", { d: '1-2' })).toBe('<view>1.2||x</view>');
    hostUntouched();
  });

  it('guards dynamic calls on SJS bindings', () => {
    const files = { [SJS]: 'export default { ok() { return 1; } };' };
    expect(attempt('<import-sjs name="m" from="./m.sjs" /><view>{{ m[k]("return process") }}</view>', { k: 'constructor' }, files).html).toBe('threw TypeError');
    expect(attempt('<import-sjs name="m" from="./m.sjs" /><view>{{ m[k]("return process")() }}</view>', { k: 'constructor' }, files).html).toBe('threw TypeError');
    expect(attempt('<import-sjs name="m" from="./m.sjs" /><view>{{ m.ok.call.constructor }}</view>', {}, files).html).toBe('<view></view>');
    expect(attempt('<import-sjs name="m" from="./m.sjs" /><view>{{ m[k]() }}</view>', { k: 'ok' }, files).html).toBe('<view>1</view>');
    hostUntouched();
  });

  it('refuses attribute names that would set a prototype', () => {
    expect(diagnose('<view __proto__="{{x}}" />').map((d) => d.code)).toContain('MPK2006');
    const [el] = compileView({ [PAGE]: '<view __proto__="{{x}}" />' }).vnodes({ x: { polluted: 1 } }) as VElement[];
    expect(Object.getPrototypeOf(el.attrs)).toBe(Object.prototype);
    hostUntouched();
  });
});

describe('SJS cannot reach or change the host', () => {
  const page = '<import-sjs name="m" from="./m.sjs" /><view v="{{ m.run() }}" />';
  const runSjs = (sjs: string): unknown => {
    const view = compileView({ [SJS]: sjs, [PAGE]: page });
    expect(view.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    try {
      return (view.vnodes() as VElement[])[0].attrs.v;
    } catch (e) {
      return `threw ${(e as Error).constructor.name}`;
    }
  };

  it('finds host globals undefined (a warning at compile time), never the host objects', () => {
    for (const name of ['globalThis', 'window', 'self', 'global', 'process', 'require', 'Function', 'Date', 'RegExp', 'Reflect', 'Proxy', 'setTimeout', 'fetch', '__mpkSentinel']) {
      const sjs = `export default { run() { return [typeof ${name}, ${name}]; } };`;
      const r = compileModule(sjs);
      if (name.startsWith('__mpk')) {
        expect(r.diagnostics.map((d) => d.code), name).toContain('MPK3015');
        continue;
      }
      expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`), name).toEqual(['warning MPK3002']);
      expect(runSjs(sjs), name).toEqual(['undefined', undefined]);
    }
    expect(compileModule('export default { run() { return eval("1"); } };').diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['error MPK3018']);
    expect(runSjs('export default { run() { window = 1; return [window, typeof globalThis]; } };')).toEqual([1, 'undefined']);
    hostUntouched();
  });

  it('gives Object.keys/values/entries as frozen copies', () => {
    expect(runSjs('export default { run() { return [Object.keys({ a: 1 }), Object.entries({ b: 2 }), typeof Object.assign, Object === undefined]; } };')).toEqual([['a'], [['b', 2]], 'undefined', false]);
    expect(runSjs('export default { run() { Object.keys = 1; } };')).toBe('threw TypeError');
    hostUntouched();
  });

  it('refuses arguments outside functions, import() and new; this outside functions is undefined', () => {
    expect(compileModule('export default this;').diagnostics).toEqual([]);
    expect(runSjs('const top = this;\nconst arrow = () => this;\nexport default { run() { return [top, arrow()]; } };')).toEqual([undefined, undefined]);
    expect(compileModule('export const a = () => arguments;').diagnostics[0].code).toBe('MPK3003');
    expect(compileModule('export default () => import("fs");').diagnostics[0].code).toBe('MPK3005');
    expect(compileModule('export default () => new Map();').diagnostics.map((d) => d.code)).toEqual(['MPK3004', 'MPK3002']);
  });

  it('gives `this` in a called function only the receiver, never the global object', () => {
    expect(runSjs('function f() { return this; }\nexport default { run() { return [f() === undefined, typeof [1].map(function () { return this; })[0]]; } };')).toEqual([true, 'undefined']);
  });

  it('keeps constructor a type name: no path to Function', () => {
    expect(runSjs('export default { run() { const c = (() => 1).constructor; return [c, typeof c, c.constructor]; } };')).toEqual(['Function', 'string', 'String']);
    expect(compileModule('export default { run() { return getRegExp.constructor("return process")(); } };').diagnostics.map((d) => d.code)).toEqual(['MPK3009']);
    expect(runSjs('export default { run() { const k = "constructor"; return [({})[k], [][k], getRegExp[k]]; } };')).toEqual([undefined, undefined, undefined]);
    hostUntouched();
  });

  it('cannot change the built-ins it is given or the host ones behind them', () => {
    expect(runSjs('export default { run() { Math.floor = () => 42; return Math.floor(1.5); } };')).toBe('threw TypeError');
    expect(runSjs('export default { run() { JSON.parse = null; } };')).toBe('threw TypeError');
    expect(runSjs('export default { run() { Math.floor.hacked = 1; } };')).toBe('threw TypeError');
    expect(runSjs('export default { run() { [].map.call = () => 1; } };')).toBe('threw TypeError');
    expect(runSjs('export default { run() { const k = "call"; [].map[k] = 1; } };')).toBe('threw TypeError');
    expect(runSjs('export default { run() { delete [].map.name; } };')).toBe('threw TypeError');
    expect(runSjs('export default { run() { "abc".replace.x = 1; } };')).toBe('threw TypeError');
    hostUntouched();
  });

  it('cannot pollute Object.prototype through computed keys', () => {
    expect(runSjs('export default { run() { const o = {}; const k = "__proto__"; o[k] = { polluted: 1 }; return o.polluted; } };')).toBe('threw TypeError');
    expect(runSjs('export default { run() { const o = {}; const k = "__proto__"; return o[k]; } };')).toBeUndefined();
    expect(runSjs('export default { run() { const o = JSON.parse(\'{"__proto__": {"polluted": 1}}\'); const c = { ...o }; return [c.polluted, ({}).polluted]; } };')).toEqual([undefined, undefined]);
    expect(compileModule('export default { run() { ({}).__proto__.polluted = 1; } };').diagnostics.map((d) => d.code)).toEqual(['MPK3009']);
    hostUntouched();
  });

  it('keeps getRegExp to the documented flags', () => {
    expect(runSjs('export default { run() { return getRegExp("a", "y"); } };')).toBe('threw SyntaxError');
    expect(runSjs('export default { run() { return getRegExp("(", "g"); } };')).toBe('threw SyntaxError');
    expect(runSjs('export default { run() { return getRegExp({ toString() { return "b+"; } }).test("abb"); } };')).toBe(true);
    expect(compileModule('export default { run() { return getRegExp.prototype; } };').diagnostics.map((d) => d.code)).toEqual(['MPK3009']);
    hostUntouched();
  });

  it('gives each view module its own frozen copies', () => {
    const a = compileView({ [SJS]: 'export default { run() { try { Math.E = 1; } catch (e) {} return Math.E; } };', [PAGE]: page });
    const b = compileView({ [SJS]: 'export default { run() { return Math.E; } };', [PAGE]: page });
    expect((a.vnodes() as VElement[])[0].attrs.v).toBe(Math.E);
    expect((b.vnodes() as VElement[])[0].attrs.v).toBe(Math.E);
    hostUntouched();
  });

  it('cannot break out of its wrapper with HTML-like comments', () => {
    const escape = 'export default { run() { return 1 <!--x; /*\n}); globalThis.__mpkSentinel.touched++; (function () {\n*/ } };';
    expect(compileModule(escape).diagnostics.map((d) => d.code)).toContain('MPK3018');
    const view = compileView({ [SJS]: escape, [PAGE]: page });
    view.vnodes();
    hostUntouched();
  });
});
