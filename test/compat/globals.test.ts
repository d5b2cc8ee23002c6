/**
 * What libraries find in the logic layer (docs: framework/小程序的 JavaScript 引擎.md, 项目配置.md#globalObjectMode,
 * 框架概述.md "保留的导入符号"): npm packages written inline below probe for the global object and their
 * environment the way lodash, core-js, tslib, regenerator-runtime, dayjs and async-validator do. `global` and
 * `globalThis` are the sandbox's own global object (globalObjectMode "enable"), `Function('return this')()`
 * answers it too, and the names the docs reserve for browsers (`self`, `window`, `document`, `location`,
 * `fetch`, `XMLHttpRequest`) are undefined, as are Node's (`process`): no library takes the logic layer for
 * a browser or for Node, and nothing of the host is there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, launchProject, page, type ProjectFiles } from '../support/project.ts';

afterAll(closeAll);

/** An npm package (node_modules/<name>) whose main file is `source`. */
function npm(name: string, source: string, extra: Record<string, unknown> = {}): ProjectFiles {
  return {
    [`node_modules/${name}/package.json`]: { name, version: '1.0.0', main: 'index.js', ...extra },
    [`node_modules/${name}/index.js`]: source,
  };
}

const probes: ProjectFiles = {
  // lodash: global (checked to be a real global), else self, else Function('return this')().
  ...npm(
    'probe-lodash',
    `var freeGlobal = typeof global == 'object' && global && global.Object === Object && global;
var freeSelf = typeof self == 'object' && self && self.Object === Object && self;
var root = freeGlobal || freeSelf || Function('return this')();
module.exports = { via: freeGlobal ? 'global' : freeSelf ? 'self' : 'Function', isGlobal: root.Math === Math && root.JSON === JSON };`,
  ),
  // core-js: the first candidate that has the real Math.
  ...npm(
    'probe-corejs',
    `var check = function (it) { return it && it.Math === Math && it; };
module.exports = check(typeof globalThis == 'object' && globalThis) || check(typeof window == 'object' && window) ||
  check(typeof self == 'object' && self) || check(typeof global == 'object' && global) || (function () { return this; })();`,
  ),
  // tslib: global, self, this, else a fresh object; its helpers go onto what it found.
  ...npm(
    'probe-tslib',
    `var root = typeof global === 'object' ? global : typeof self === 'object' ? self : typeof this === 'object' ? this : {};
root.__probeHelper = function () { return 'helper'; };
module.exports = root;`,
  ),
  // regenerator-runtime in strict code: the sloppy assignment throws, so it uses globalThis.
  ...npm(
    'probe-regenerator',
    `'use strict';
var runtime = { mark: function () { return 'marked'; } };
try { regeneratorRuntime = runtime; } catch (strict) {
  if (typeof globalThis === 'object') globalThis.regeneratorRuntime = runtime;
  else Function('r', 'regeneratorRuntime = r')(runtime);
}
module.exports = runtime;`,
  ),
  // dayjs-style UMD: CommonJS first, then AMD, then a global.
  ...npm(
    'probe-umd',
    `!function (t, e) { typeof exports == 'object' && typeof module != 'undefined' ? module.exports = e() : typeof define == 'function' && define.amd ? define(e) : (t = typeof globalThis != 'undefined' ? globalThis : t || self).probeUmd = e(); }(this, function () { return { kind: 'commonjs' }; });`,
  ),
  // async-validator: development warnings only with process.env and a browser.
  ...npm(
    'probe-env',
    `var warn = typeof process !== 'undefined' && process.env && process.env.NODE_ENV !== 'production' && typeof window !== 'undefined' && typeof document !== 'undefined';
var node = typeof process === 'object' && process !== null && typeof process.versions === 'object';
module.exports = { warn: !!warn, node: node };`,
  ),
};

describe('the global object and environment libraries find', () => {
  it('gives lodash, core-js, tslib, regenerator-runtime, UMD and env probes what they look for, and nothing of a browser or Node', async () => {
    const app = await launchProject({
      ...probes,
      ...page('pages/index/index', {
        axml: '<view id="out">{{out}}</view>',
        js: `
const lodash = require('probe-lodash');
const corejs = require('probe-corejs');
const tslib = require('probe-tslib');
const regenerator = require('probe-regenerator');
const umd = require('probe-umd');
const env = require('probe-env');
Page({
  onLoad() {
    const g = globalThis;
    this.setData({ out: JSON.stringify({
      lodash,
      corejs: corejs === g,
      tslib: tslib === g && typeof __probeHelper === 'function' && __probeHelper(),
      regenerator: typeof regeneratorRuntime === 'object' && regeneratorRuntime.mark(),
      umd,
      env,
      global: typeof global === 'object' && global === g && global.Math === Math,
      functionThis: Function('return this')() === g,
      reserved: ['self', 'window', 'document', 'location', 'fetch', 'XMLHttpRequest', 'AlipayJSBridge', 'process'].filter((name) => typeof g[name] !== 'undefined'),
      platform: [typeof my, typeof getApp, typeof getCurrentPages, typeof setTimeout, typeof clearTimeout, typeof setInterval, typeof clearInterval, typeof queueMicrotask, typeof Promise, typeof console.log].join(),
    }) });
  },
});`,
      }),
    });
    expect(app.errors).toEqual([]);
    expect(JSON.parse(app.currentPage().text('#out'))).toEqual({
      lodash: { via: 'global', isGlobal: true },
      corejs: true,
      tslib: 'helper',
      regenerator: 'marked',
      umd: { kind: 'commonjs' },
      env: { warn: false, node: false },
      global: true,
      functionThis: true,
      reserved: [],
      platform: 'object,function,function,function,function,function,function,function,function,function',
    });
  });

  it('lets code set globals through global, as globalObjectMode "enable" does', async () => {
    const app = await launchProject(
      page('pages/index/index', {
        axml: '<view id="out">{{out}}</view>',
        js: `global.foo = 'foo';\nPage({ onLoad() { this.setData({ out: [typeof foo, foo, global.Math === Math].join() }); } });`,
      }),
    );
    expect(app.currentPage().text('#out')).toBe('string,foo,true');
  });
});
