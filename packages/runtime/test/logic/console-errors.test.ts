import { afterEach, describe, expect, it } from 'vitest';
import type { HostToLogic } from '../../src/contract/protocol.ts';
import { appBundle, ENGINES, FakeHost } from './support/fake-host.ts';

const tap = (handler: string): HostToLogic => ({ t: 'event', id: 1, handler, event: { type: 'tap' } as never });

const APP = `App({
  onError(message, stack) { console.log('App.onError: ' + message + ' | ' + (typeof stack === 'string' && /logic\\.js:\\d+:\\d+/.test(stack))) },
  onUnhandledRejection(r) { console.log('App.onUnhandledRejection: ' + (r.reason && r.reason.message || r.reason) + ' ' + (typeof r.promise.then)) },
  onLaunch() {
    my.onError((message) => console.log('my.onError: ' + message));
    my.onUnhandledRejection((r) => console.log('my.onUnhandledRejection: ' + (r.reason && r.reason.message || r.reason)));
  },
});`;

describe.each(ENGINES)('console and errors (%s)', (engine) => {
  let host: FakeHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  async function open(methods: string, app = APP) {
    host = await FakeHost.start(appBundle({ 'pages/index/index': `Page({ ${methods} });` }, app), { engine });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    host.clear();
    return host;
  }

  it('forwards console levels with JSON-safe renderings', async () => {
    const h = await open(`go() {
      const cyclic = { name: 'c' }; cyclic.self = cyclic;
      console.log('text', 1, true, null, undefined, NaN, 10n, Symbol('s'), function named() {}, [1, [2]], cyclic);
      console.info(new Map([['k', 1]]), new Set([1]), new Date(0));
      console.warn('x'.repeat(20000));
      console.error(new TypeError('bad'));
      console.debug({ deep: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } } });
    }`);
    await h.send(tap('go'));
    const logs = h.messages.filter((m) => m.t === 'log');
    expect(logs.map((m) => m.t === 'log' && m.level)).toEqual(['log', 'info', 'warn', 'error', 'debug']);
    const [log, info, warn, error, debug] = logs.map((m) => (m.t === 'log' ? m.args : []));
    expect(log).toEqual(['text', 1, true, null, 'undefined', 'NaN', '10n', 'Symbol(s)', '[Function named]', [1, [2]], { name: 'c', self: '[Circular]' }]);
    expect(info).toEqual([{ '[Map]': [['k', 1]] }, { '[Set]': [1] }, '1970-01-01T00:00:00.000Z']);
    expect((warn[0] as string).length).toBeLessThan(10100);
    expect(warn[0]).toMatch(/… \(20000 chars\)$/);
    expect(error[0]).toMatchObject({ name: 'TypeError', message: 'bad', stack: expect.stringMatching(/^TypeError: bad\n\s+at .*go/) });
    expect(JSON.stringify(debug)).toContain('[Object]');
  });

  it('reports a throwing lifecycle to App.onError, my.onError and the host, with the bundle stack', async () => {
    host = await FakeHost.start(appBundle({ 'pages/index/index': `Page({ onLoad() { null.boom } });` }, APP), { engine });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    const [error] = host.errors('uncaught');
    expect(error).toMatchObject({ kind: 'uncaught', id: 1, message: expect.stringMatching(/null|boom/) });
    expect(error.stack).toMatch(/^TypeError: .*\n\s+at .*onLoad .*logic\.js:\d+:\d+/);
    // Frames of the base library are cut: the author sees their own code only.
    expect(error.stack).not.toMatch(/mpk-baselib/);
    expect(host.trail()).toEqual([expect.stringMatching(/^App\.onError: .* \| true$/), expect.stringMatching(/^my\.onError: /)]);
  });

  it('catches errors from timers, setData callbacks and JSAPI callbacks', async () => {
    const h = await open(`go() {
      setTimeout(() => { throw new Error('in timer') }, 0);
      this.setData({ a: 1 }, () => { throw new Error('in setData callback') });
      my.showToast({ success() { throw new Error('in success callback') } });
    }`);
    await h.send(tap('go'));
    await new Promise((r) => setTimeout(r, 20));
    await h.settle();
    expect(h.errors('uncaught').map((e) => e.message).sort()).toEqual(['in setData callback', 'in success callback', 'in timer']);
    expect(h.trail().filter((t) => String(t).startsWith('App.onError')).length).toBe(3);
  });

  it('an error thrown by onError itself is reported once and does not loop', async () => {
    const h = await open(`go() { throw new Error('first') }`, `App({ onError(m) { console.log('onError ' + m); throw new Error('from onError') } })`);
    await h.send(tap('go'));
    expect(h.errors('uncaught').map((e) => e.message)).toEqual(['first', 'from onError']);
    expect(h.trail()).toEqual(['onError first']);
  });

  it('reports rejected promises returned by handlers and lifecycles as unhandled rejections', async () => {
    const h = await open(`async go() { await null; throw new Error('async boom') }, later() { return Promise.reject('plain reason') }`);
    await h.send(tap('go'));
    await h.send(tap('later'));
    expect(h.errors('unhandledRejection').map((e) => e.message)).toEqual(['async boom', 'plain reason']);
    expect(h.errors('unhandledRejection')[0].stack).toMatch(/async boom/);
    expect(h.trail()).toEqual([
      'App.onUnhandledRejection: async boom function',
      'my.onUnhandledRejection: async boom',
      'App.onUnhandledRejection: plain reason function',
      'my.onUnhandledRejection: plain reason',
    ]);
    expect(h.errors('uncaught')).toEqual([]);
  });

  it('reports an error thrown by a module factory when the page that needs the module loads, once, as its own', async () => {
    host = await FakeHost.start(appBundle({ 'pages/broken/broken': `throw new RangeError('module top-level')` }, APP), { engine });
    // The factory ran (and threw) at launch; nothing needed it yet.
    expect(host.errors()).toEqual([]);
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/broken/broken', query: {} });
    expect(host.errors().map((e) => [e.kind, e.message, e.id])).toEqual([['uncaught', 'module top-level', 1]]);
    expect(host.errors()[0].stack).toMatch(/RangeError: module top-level/);
    host.clear();
    await host.send({ t: 'pageLoad', id: 2, route: 'pages/broken/broken', query: {} });
    expect(host.errors()).toEqual([]);
  });

  it('a bundle that does not parse is reported as an error naming the file, and the app keeps running', async () => {
    host = await FakeHost.create({ engine });
    host.transport.loadScript('sub/logic.js', 'this is not javascript');
    host.transport.loadScript('logic.js', appBundle({}, 'App({ onLaunch() { console.log("still alive") } })'));
    await host.send({ t: 'init', protocol: 1, apis: [], sdkVersion: '2', env: {}, eagerModules: true }, { t: 'appLaunch', options: { path: 'p', query: {}, scene: 1 } });
    expect(host.errors('uncaught')[0].message).toMatch(/^sub\/logic\.js: SyntaxError/);
    expect(host.trail()).toEqual(['still alive']);
  });

  it('forwards guestError from the host to App.onError and my.onError', async () => {
    const h = await open('');
    await h.send({ t: 'guestError', message: 'the task ran too long', stack: 'at x (logic.js:1:1)' });
    expect(h.trail()).toEqual(['App.onError: the task ran too long | true', 'my.onError: the task ran too long']);
    expect(h.errors()).toEqual([]);
  });
});
