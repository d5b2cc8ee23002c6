/**
 * Errors and isolation (docs: framework/小程序全局配置/app.js 注册小程序.md — onError(error, stack),
 * onUnhandledRejection({ reason, promise }); api my.onError / my.onUnhandledRejection; ARCHITECTURE.md
 * "The sandbox"): thrown errors reach App.onError with the author's file and line (source-mapped, also
 * from TypeScript), unhandled rejections reach onUnhandledRejection, two apps in one process share
 * nothing, and mini-program code cannot reach the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { createMemoryStorage } from '@mpk/runtime';
import { buildProject, closeAll, launchProject, logLines, page } from '../support/project.ts';

let app: MiniApp;

// Line numbers below are asserted: keep the throwing statements where they are.
const pageJs = `import { explode } from '../../utils/explode';
Page({
  data: { n: 0 },
  boom() {
    throw new Error('boom from the page');
  },
  fromUtil() {
    explode('util');
  },
  reject() {
    Promise.reject(new Error('nobody caught me'));
  },
  rejectHandled() {
    const p = Promise.reject(new Error('caught later'));
    p.catch(() => console.log('handled in time'));
  },
  rejectLater() {
    const p = new Promise((resolve, reject) => reject(new Error('handled two jobs later')));
    Promise.resolve().then(() => null).then(() => p.catch(() => console.log('handled later')));
  },
  chainThrow() {
    Promise.resolve(1).then(() => { throw new Error('thrown in then'); });
  },
  readNull() {
    const list = null;
    return list.length;
  },
  async asyncThrow() {
    await null;
    throw new TypeError('async handler failed');
  },
});
`;

beforeAll(async () => {
  app = await launchProject({
    'app.js': `App({
  onLaunch() {
    my.onError((message) => console.log('my.onError', message));
    my.onUnhandledRejection((res) => console.log('my.onUnhandledRejection', res.reason && res.reason.message));
  },
  onError(message, stack) {
    console.log('App.onError', message);
    console.log('App.onError stack', stack);
  },
  onUnhandledRejection(res) {
    console.log('App.onUnhandledRejection', res.reason.message, typeof res.promise.then);
  },
});`,
    'utils/explode.js': `export function explode(what) {\n  const detail = { what };\n  throw new RangeError('exploded ' + detail.what);\n}\n`,
    ...page('pages/index/index', {
      axml: `
<button id="boom" onTap="boom">boom</button>
<button id="util" onTap="fromUtil">util</button>
<button id="reject" onTap="reject">reject</button>
<button id="reject-handled" onTap="rejectHandled">reject handled</button>
<button id="async-throw" onTap="asyncThrow">async throw</button>
<button id="reject-later" onTap="rejectLater">reject later</button>
<button id="chain-throw" onTap="chainThrow">chain throw</button>
<button id="null-read" onTap="readNull">null read</button>`,
      js: pageJs,
    }),
  });
});
afterAll(closeAll);

describe('App.onError', () => {
  it('receives a thrown error with a stack pointing at the author file and line', async () => {
    const before = app.errors.length;
    await app.currentPage().tap('#boom');
    const lines = logLines(app);
    expect(lines).toContain('App.onError boom from the page');
    expect(lines).toContain('my.onError boom from the page');
    const stackLine = lines.find((l) => l.startsWith('App.onError stack'))!;
    expect(stackLine).toMatch(/pages\/index\/index\.js:5:\d+/);
    const [error] = app.errors.slice(before);
    expect(error).toMatchObject({ kind: 'uncaught', message: 'boom from the page' });
    expect(error!.stack).toMatch(/pages\/index\/index\.js:5:\d+/);
  });

  it('places an error the engine raises (TypeError on null) at the throwing function in the author file', async () => {
    const before = app.errors.length;
    await app.currentPage().tap('#null-read');
    const [error] = app.errors.slice(before);
    expect(error!.message).toMatch(/cannot read property 'length' of null/);
    // quickjs-ng reports engine-raised errors at the start of the throwing function's line, not the
    // exact expression; the mapper turns that into the function's own line in the author's file.
    expect(error!.stack).toMatch(/at readNull \(pages\/index\/index\.js:\d+:\d+\)/);
    const line = Number(/index\.js:(\d+):/.exec(error!.stack!)![1]);
    const source = pageJs.split('\n');
    expect(source[line - 1]).toMatch(/readNull\(\)/);
  });

  it('maps frames of imported modules to their own files', async () => {
    const before = app.errors.length;
    await app.currentPage().tap('#util');
    const [error] = app.errors.slice(before);
    expect(error!.message).toBe('exploded util');
    expect(error!.stack).toMatch(/utils\/explode\.js:3:\d+/);
    expect(error!.stack).toMatch(/pages\/index\/index\.js:8:\d+/);
  });

  it('receives errors of async handlers as unhandled rejections', async () => {
    await app.currentPage().tap('#async-throw');
    expect(logLines(app)).toContain('App.onUnhandledRejection async handler failed function');
  });
});

describe('App.onUnhandledRejection', () => {
  it('receives { reason, promise } for a rejection nobody handles, and the host hears of it', async () => {
    const before = app.errors.length;
    await app.currentPage().tap('#reject');
    expect(logLines(app)).toContain('App.onUnhandledRejection nobody caught me function');
    expect(logLines(app)).toContain('my.onUnhandledRejection nobody caught me');
    expect(app.errors.slice(before)).toMatchObject([{ kind: 'unhandledRejection', message: 'nobody caught me' }]);
  });

  it('reports a throw inside a then callback nobody catches', async () => {
    await app.currentPage().tap('#chain-throw');
    expect(logLines(app)).toContain('App.onUnhandledRejection thrown in then function');
  });

  it('stays quiet for a rejection handled by a later promise job of the same task', async () => {
    const before = app.errors.length;
    await app.currentPage().tap('#reject-later');
    expect(logLines(app)).toContain('handled later');
    expect(app.errors.slice(before)).toEqual([]);
  });

  it('stays quiet for a rejection handled in the same task', async () => {
    const before = app.errors.length;
    await app.currentPage().tap('#reject-handled');
    expect(logLines(app)).toContain('handled in time');
    expect(app.errors.slice(before)).toEqual([]);
  });
});

describe('TypeScript sources', () => {
  it('maps errors to the .ts file and line', async () => {
    const ts = await launchProject({
      'mini.project.json': { format: 2, compileOptions: { typescript: true } },
      'app.ts': `App({ onError(message: string, stack: string) { console.log('stack', stack); } });\n`,
      'pages/index/index.axml': `<button id="t" onTap="fail">t</button>`,
      'pages/index/index.ts': `interface Thing { name: string }\n\nfunction check(thing: Thing): never {\n  throw new Error('bad ' + thing.name);\n}\n\nPage({\n  fail() {\n    check({ name: 'ts' });\n  },\n});\n`,
    });
    await ts.currentPage().tap('#t');
    expect(ts.errors[0]!.stack).toMatch(/pages\/index\/index\.ts:4:\d+/);
    expect(logLines(ts).find((l) => l.startsWith('stack'))).toMatch(/pages\/index\/index\.ts:4:\d+/);
  });

  it('reports an error thrown while a page module loads, naming the file', async () => {
    const broken = await launchProject({
      ...page('pages/index/index', { axml: '<view>ok</view>' }),
      ...page('pages/broken/broken', { axml: '<view>never</view>', js: `const x = 1;\nthrow new Error('module top level failed');\nPage({});\n` }),
    });
    await broken.navigate('navigateTo', { url: '/pages/broken/broken' });
    const messages = broken.errors.map((e) => `${e.message} ${e.stack ?? ''}`).join('\n');
    expect(messages).toContain('module top level failed');
    expect(messages).toMatch(/pages\/broken\/broken\.js:2:\d+/);
    // One error, the module's own: the page fails with it, not with a second "not registered" one.
    expect(broken.errors).toHaveLength(1);
  });
});

describe('isolation', () => {
  const isolatedPage = page('pages/index/index', {
    axml: `<view id="out">{{out}}</view><button id="write" onTap="write">write</button><button id="read" onTap="read">read</button>`,
    js: `
Page({
  data: { out: '' },
  write() {
    my.setStorageSync({ key: 'secret', data: 'from A' });
    Object.prototype.polluted = 'yes';
    Array.prototype.extra = function () {};
    getApp().globalData.mark = 'A';
    try { leaked = 'global'; } catch (e) { this.leakError = e.name; }
  },
  read() {
    const stored = my.getStorageSync({ key: 'secret' }).data;
    const seen = [stored, ({}).polluted, typeof [].extra, getApp().globalData.mark, typeof leaked].join(',');
    this.setData({ out: seen });
  },
});`,
  });
  const appJs = `App({ globalData: {} });`;

  it('keeps storage, prototypes and globals of two apps in one process apart', async () => {
    const storage = createMemoryStorage();
    const a = await launchProject({ 'app.js': appJs, ...isolatedPage }, { appId: 'app-a', host: { storage } });
    const b = await launchProject({ 'app.js': appJs, ...isolatedPage }, { appId: 'app-b', host: { storage } });
    await a.currentPage().tap('#write');
    await a.currentPage().tap('#read');
    expect(a.currentPage().text('#out')).toMatch(/^from A,yes,function,A,/);
    await b.currentPage().tap('#read');
    expect(b.currentPage().text('#out')).toBe(',,undefined,,undefined');
    expect(storage.get('app-b', 'secret')).toBeUndefined();
    expect(storage.get('app-a', 'secret')).toBeDefined();
  });

  it('gives mini-program code no way to the host: no process, require, window; eval and Function refused', async () => {
    const probe = await launchProject(
      page('pages/index/index', {
        axml: `<view id="out">{{out}}</view>`,
        js: `
Page({
  onLoad() {
    const attempts = [() => eval('1'), () => (0, eval)('this'), () => new Function('return process')(), () => (function () {}).constructor('return process')(),
      () => (async function () {}).constructor('return 1')(), () => setTimeout('console.log(1)', 0)];
    const refused = attempts.map((attempt) => { try { attempt(); return 'ran'; } catch (e) { return e.name; } });
    const g = globalThis;
    // The global lookup libraries use (lodash, webpack's shim) answers the sandbox's own global object.
    const lookup = new Function('return this')() === g && global === g;
    const found = ['process', 'require', 'window', 'document', 'self', 'fetch', 'XMLHttpRequest', 'WebAssembly', 'module', 'Buffer']
      .filter((name) => typeof g[name] !== 'undefined');
    // require is the bundle's own module loader (the docs list it); it knows no host modules: a Node
    // built-in is an empty module made at compile time (MPK5004), never the host's
    let fs = 'none';
    try { fs = JSON.stringify(require('fs')); } catch (e) { fs = e.name; }
    this.setData({ out: refused.join(',') + '|' + found.join(',') + '|' + typeof process + ',' + fs + ',' + lookup });
  },
});`,
      }),
    );
    expect(probe.currentPage().text('#out')).toBe('EvalError,EvalError,EvalError,EvalError,EvalError,TypeError||undefined,{},true');
    expect(probe.errors).toEqual([]);
  });
});

describe('compile-time problems', () => {
  it('reject a script syntax error with file, line, column, code frame and a stable code', async () => {
    const result = await buildProject(page('pages/index/index', { axml: '<view/>', js: `Page({\n  data: {,\n});` }));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'MPK5001', severity: 'error', file: 'pages/index/index.js', line: 2, column: 10, frame: expect.stringContaining('> 2 |   data: {,') }),
    );
  });

  it('recover an unclosed tag with a warning, and the page still renders', async () => {
    const files = page('pages/index/index', { axml: `<view id="outer">\n<view id="inner">unclosed\n</view>` });
    const result = await buildProject(files);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'MPK2001', severity: 'warning', file: 'pages/index/index.axml', line: 1 }));
    const recovered = await launchProject(files);
    expect(recovered.currentPage().text('#outer #inner')).toBe('unclosed');
  });

  it('keep the last good view when an SJS function throws at render time, reporting a render error', async () => {
    const broken = await launchProject({
      ...page('pages/index/index', {
        axml: `<import-sjs name="h" from="./h.sjs"/><view id="v">{{h.f(n)}}</view><button id="b" onTap="bump">b</button>`,
        js: `Page({ data: { n: 1 }, bump() { this.setData({ n: this.data.n + 1 }); } });`,
      }),
      'pages/index/h.sjs': `export default {\n  f(n) {\n    if (n > 1) return n.missing.deep;\n    return 'n=' + n;\n  },\n};`,
    });
    expect(broken.currentPage().text('#v')).toBe('n=1');
    await broken.currentPage().tap('#b');
    expect(broken.currentPage().text('#v')).toBe('n=1');
    expect(broken.errors).toMatchObject([{ kind: 'render', message: expect.stringContaining('deep') }]);
    expect(broken.currentPage().data.n).toBe(2);
  });
});
