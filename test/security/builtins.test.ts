/**
 * The base library builds every message with built-ins it captured before mini-program code ran
 * (ARCHITECTURE.md "The trust boundary"; src/guest/intrinsics.ts): an app that replaces
 * `Array.prototype.join`, `JSON.stringify`, `Object.keys`, `String.prototype.slice`,
 * `Function.prototype.call`, the array iterator, `Map.prototype.get`… still logs, sets data and
 * calls APIs correctly, and the host stays alive.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

/** What the app replaces: `target path` → how (every replacement throws, or returns a forged message). */
const HIJACKS = `
const hijacked = [];
const define = Object.defineProperty;
function breakIt(owner, key, label) {
  const bad = function () { throw new Error('hijacked ' + label); };
  try {
    define(owner, key, { value: bad, writable: true, configurable: true });
    hijacked[hijacked.length] = label;
  } catch (e) { /* frozen in this engine */ }
}
function hijackAll() {
  const AP = Array.prototype, SP = String.prototype, OP = Object.prototype, FP = Function.prototype;
  const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
  const mapIterator = Object.getPrototypeOf(new Map().entries());
  const forged = '{"t":"log","level":"log","args":5}';
  const names = {
    array: ['push', 'pop', 'shift', 'unshift', 'slice', 'splice', 'map', 'filter', 'forEach', 'indexOf', 'includes', 'concat',
      'some', 'every', 'find', 'findIndex', 'flatMap', 'reduce', 'keys', 'values', 'entries', 'fill', 'reverse', 'sort'],
    string: ['slice', 'substring', 'substr', 'indexOf', 'lastIndexOf', 'split', 'replace', 'replaceAll', 'trim', 'startsWith',
      'endsWith', 'includes', 'charAt', 'charCodeAt', 'toLowerCase', 'toUpperCase', 'padStart', 'repeat', 'concat', 'match'],
    object: ['keys', 'entries', 'values', 'assign', 'defineProperty', 'defineProperties', 'create', 'getPrototypeOf', 'freeze',
      'is', 'getOwnPropertyNames', 'getOwnPropertyDescriptor', 'fromEntries'],
  };
  const setup = [];
  for (const n of names.array) setup.push([AP, n, 'Array.prototype.' + n]);
  for (const n of names.string) setup.push([SP, n, 'String.prototype.' + n]);
  for (const n of names.object) setup.push([Object, n, 'Object.' + n]);
  setup.push([AP, Symbol.iterator, 'Array.prototype[Symbol.iterator]'], [arrayIterator, 'next', '%ArrayIteratorPrototype%.next'],
    [SP, Symbol.iterator, 'String.prototype[Symbol.iterator]'], [mapIterator, 'next', '%MapIteratorPrototype%.next'],
    [JSON, 'stringify', 'JSON.stringify'], [JSON, 'parse', 'JSON.parse'], [Array, 'isArray', 'Array.isArray'], [Array, 'from', 'Array.from'],
    [OP, 'hasOwnProperty', 'Object.prototype.hasOwnProperty'], [OP, 'toString', 'Object.prototype.toString'],
    [Number, 'isFinite', 'Number.isFinite'], [Number, 'isInteger', 'Number.isInteger'],
    [Math, 'min', 'Math.min'], [Math, 'max', 'Math.max'], [Math, 'trunc', 'Math.trunc'], [Math, 'floor', 'Math.floor'],
    [Reflect, 'apply', 'Reflect.apply'], [Reflect, 'ownKeys', 'Reflect.ownKeys'], [Reflect, 'getOwnPropertyDescriptor', 'Reflect.getOwnPropertyDescriptor'],
    [RegExp.prototype, 'exec', 'RegExp.prototype.exec'], [RegExp.prototype, 'test', 'RegExp.prototype.test'],
    [RegExp.prototype, Symbol.replace, 'RegExp.prototype[Symbol.replace]'], [RegExp.prototype, Symbol.split, 'RegExp.prototype[Symbol.split]'],
    [Map.prototype, 'get', 'Map.prototype.get'], [Map.prototype, 'set', 'Map.prototype.set'], [Map.prototype, 'has', 'Map.prototype.has'],
    [Map.prototype, 'delete', 'Map.prototype.delete'], [Map.prototype, 'forEach', 'Map.prototype.forEach'], [Map.prototype, Symbol.iterator, 'Map.prototype[Symbol.iterator]'],
    [Set.prototype, 'add', 'Set.prototype.add'], [Set.prototype, 'has', 'Set.prototype.has'], [Set.prototype, 'delete', 'Set.prototype.delete'],
    [Set.prototype, 'forEach', 'Set.prototype.forEach'], [WeakMap.prototype, 'get', 'WeakMap.prototype.get'], [WeakMap.prototype, 'set', 'WeakMap.prototype.set'],
    [WeakMap.prototype, 'has', 'WeakMap.prototype.has'], [WeakSet.prototype, 'add', 'WeakSet.prototype.add'], [WeakSet.prototype, 'has', 'WeakSet.prototype.has'],
    [Promise.prototype, 'then', 'Promise.prototype.then'], [Symbol.prototype, 'toString', 'Symbol.prototype.toString'],
    [Date.prototype, 'toISOString', 'Date.prototype.toISOString']);
  // Last: what the loops above use.
  setup.push([FP, 'call', 'Function.prototype.call'], [FP, 'apply', 'Function.prototype.apply'], [FP, 'bind', 'Function.prototype.bind']);
  const n = setup.length;
  for (let i = 0; i < n; i++) breakIt(setup[i][0], setup[i][1], setup[i][2]);
  // A forged message instead of the batch, and values that would rewrite every envelope.
  Array.prototype.join = function () { return forged; };
  Object.prototype.toJSON = function () { return 'pwned'; };
  globalThis.String = function () { return 'pwned'; };
  globalThis.Number = function () { return 0; };
  globalThis.JSON = { stringify: () => forged, parse: () => 5 };
  return hijacked.length + 5;
}
`;

const PAGE_JS = `${HIJACKS}
Page({
  data: { n: 0, list: [1, 2], label: 'start' },
  onLoad() {
    my.on('e2e:hijack', () => { const count = hijackAll(); console.log('hijacked', count); });
    my.on('e2e:run', () => this.run());
  },
  run() {
    console.log('plain', 42, true, null, undefined, { a: [1, 2, { b: 'c' }], s: 'x' }, [3, 4]);
    console.warn('warned');
    this.setData({ n: this.data.n + 1, 'list[2]': 3, label: 'after' }, () => console.log('setData callback'));
    this.$spliceData({ list: [0, 1, 'x'] });
    my.setStorageSync({ key: 'k', data: { v: 1 } });
    const got = my.getStorageSync({ key: 'k' });
    console.log('sync', got.data.v);
    my.showToast({ content: 'hi', success: () => console.log('toast ok') });
    my.getStorage({ key: 'k', success: (res) => console.log('async', res.data.v), fail: (e) => console.log('async failed', e.errorMessage) });
    my.getStorage({ key: 'k' }).then((res) => console.log('promise', res.data.v));
  },
  tapped() {
    console.log('tapped');
    this.setData({ n: this.data.n + 10 });
  },
});`;

function files() {
  return page('pages/index/index', {
    axml: `<view id="n">{{n}}</view><view id="label">{{label}}</view><view class="item" a:for="{{list}}">{{item}}</view><button id="b" onTap="tapped">b</button>`,
    js: PAGE_JS,
  });
}

/** The log lines as the host received them (arguments as the host's JSON). */
function lines(app: MiniApp): string[] {
  return app.logs.map((entry) => `${entry.level} ${JSON.stringify(entry.args)}`);
}

describe('an app that replaces the built-ins the base library uses', () => {
  let app: MiniApp;

  it('still logs, sets data and calls APIs correctly; the host sees no malformed message', async () => {
    app = await launchProject(files());
    await app.emit('e2e:hijack');
    expect(logLines(app)[0]).toMatch(/^hijacked \d+$/);
    expect(Number(logLines(app)[0]!.split(' ')[1])).toBeGreaterThan(90);
    await app.emit('e2e:run');
    expect(lines(app).slice(1)).toEqual(
      expect.arrayContaining([
        'log ["plain",42,true,null,"undefined",{"a":[1,2,{"b":"c"}],"s":"x"},[3,4]]',
        'warn ["warned"]',
        'log ["sync",1]',
        'log ["toast ok"]',
        'log ["async",1]',
        'log ["promise",1]',
        'log ["setData callback"]',
      ]),
    );
    const view = app.currentPage();
    expect(view.data).toMatchObject({ n: 1, label: 'after', list: ['x', 2, 3] });
    expect(view.text('#n')).toBe('1');
    expect(view.text('#label')).toBe('after');
    expect(view.querySelectorAll('.item').map((node) => app.session.renderer.text(node))).toEqual(['x', '2', '3']);
    expect(app.uiCalls).toContainEqual({ api: 'showToast', args: expect.objectContaining({ content: 'hi' }) });
    expect(app.errors).toEqual([]);
  });

  it('keeps handling events afterwards, and the next mini-program in the process works', async () => {
    await app.currentPage().tap('#b');
    expect(app.currentPage().text('#n')).toBe('11');
    expect(logLines(app)).toContain('tapped');
    expect(app.errors).toEqual([]);
    const next = await launchProject(page('pages/index/index', { axml: '<view id="v">{{v}}</view>', js: 'Page({ data: { v: "fine" }, onLoad() { console.log("next", [1, 2].join("+")); } });' }));
    expect(next.currentPage().text('#v')).toBe('fine');
    expect(logLines(next)).toEqual(['next 1+2']);
  });
});
