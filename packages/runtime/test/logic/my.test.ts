import { afterEach, describe, expect, it } from 'vitest';
import type { HostToLogic, InvokeMessage } from '../../src/contract/protocol.ts';
import { appBundle, ENGINES, FakeHost, type Answer } from './support/fake-host.ts';

const tap = (handler: string): HostToLogic => ({ t: 'event', id: 1, handler, event: { type: 'tap' } as never });

function answers(msg: InvokeMessage): Answer {
  switch (msg.api) {
    case 'getStorage':
      return (msg.args as { key: string }).key === 'missing' ? { ok: false, error: { error: 11, errorMessage: 'no such key' } } : { ok: true, result: { data: 'stored' } };
    case 'getStorageSync':
      return (msg.args as { key: string }).key === 'bad' ? { ok: false, error: { error: 2, errorMessage: 'key must be a non-empty string' } } : { ok: true, result: { data: 42 } };
    case 'getSystemInfoSync':
      return { ok: true, result: { platform: 'iOS' } };
    case 'request':
    case 'connectSocket':
    case 'send':
      return undefined; // answered by hand in the tests
    case 'abort':
      return { ok: true, result: {} };
    case 'myHostApi':
      return { ok: true, result: { echoed: msg.args } };
    case 'selectorQuery':
      return { ok: true, result: [{ id: 'a', top: 0 }, [{ id: 'b' }, { id: 'c' }]] };
    default:
      return { ok: false, error: { error: 1, errorMessage: `${msg.api} is not available` } };
  }
}

describe.each(ENGINES)('my (%s)', (engine) => {
  let host: FakeHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  async function open(methods: string, app = 'App({ onUnhandledRejection(r) { console.log("app unhandled " + JSON.stringify(r.reason)) } })') {
    host = await FakeHost.start(appBundle({ 'pages/index/index': `Page({ ${methods} });` }, app), { engine, answer: answers });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    host.clear();
    return host;
  }

  it('async APIs: success/complete callbacks and a Promise resolving with the result', async () => {
    const h = await open(`async go() {
      const r = my.getStorage({ key: 'k', success: (res) => console.log('success ' + res.data), complete: (res) => console.log('complete ' + res.data) });
      console.log('is promise ' + (r instanceof Promise));
      console.log('awaited ' + (await r).data);
    }`);
    await h.send(tap('go'));
    expect(h.invokes).toEqual([{ t: 'invoke', cb: expect.any(Number), api: 'getStorage', args: { key: 'k' } }]);
    expect(h.trail()).toEqual(['is promise true', 'success stored', 'complete stored', 'awaited stored']);
  });

  it('async failure: fail callback with {error, errorMessage}, Promise rejection, no unhandled noise with fail', async () => {
    const h = await open(`async go() {
      my.getStorage({ key: 'missing', fail: (e) => console.log('fail ' + e.error + ' ' + e.errorMessage) });
      try { await my.getStorage({ key: 'missing' }) } catch (e) { console.log('caught ' + JSON.stringify(e)) }
    }`);
    await h.send(tap('go'));
    expect(h.trail()).toEqual(['fail 11 no such key', 'caught {"error":11,"errorMessage":"no such key"}']);
    expect(h.errors()).toEqual([]);
  });

  it('reports a rejected API promise nobody handled as an unhandled rejection', async () => {
    const h = await open(`go() { my.getStorage({ key: 'missing' }) }`);
    await h.send(tap('go'));
    expect(h.errors('unhandledRejection')).toEqual([expect.objectContaining({ message: expect.stringContaining('no such key') })]);
    expect(h.trail()).toEqual(['app unhandled {"error":11,"errorMessage":"no such key"}']);
  });

  it('a failure of a call that gave only success calls nothing and is no error (the callback style, as on the platform)', async () => {
    const h = await open(`go() { my.getStorage({ key: 'missing', success: () => console.log('success') }) }`);
    await h.send(tap('go'));
    expect(h.trail()).toEqual([]);
    expect(h.errors()).toEqual([]);
  });

  it('sync APIs return the result or throw an error carrying the code', async () => {
    const h = await open(`go() {
      console.log('value ' + my.getStorageSync({ key: 'k' }).data + ' ' + my.getSystemInfoSync().platform);
      try { my.getStorageSync({ key: 'bad' }) } catch (e) { console.log('threw ' + (e instanceof Error) + ' ' + e.error + ' ' + e.message) }
    }`);
    await h.send(tap('go'));
    expect(h.trail()).toEqual(['value 42 iOS', 'threw true 2 key must be a non-empty string']);
    expect(h.invokes.map((m) => [m.api, m.sync])).toEqual([['getStorageSync', true], ['getSystemInfoSync', true], ['getStorageSync', true]]);
  });

  it('event APIs: my.onX / my.offX fed by hostEvent, off() without a listener removes all', async () => {
    const h = await open(`
      onLoad() {
        this.a = (e) => console.log('a ' + e.networkType);
        this.b = (e) => console.log('b ' + e.networkType);
        my.onNetworkStatusChange(this.a);
        my.onNetworkStatusChange(this.b);
      },
      dropA() { my.offNetworkStatusChange(this.a) },
      dropAll() { my.offNetworkStatusChange() },`);
    const change = (networkType: string): HostToLogic => ({ t: 'hostEvent', name: 'NetworkStatusChange', data: { networkType } });
    await h.send(change('WIFI'));
    await h.send(tap('dropA'), change('4G'));
    await h.send(tap('dropAll'), change('NOTREACHABLE'));
    expect(h.trail()).toEqual(['a WIFI', 'b WIFI', 'b 4G']);
  });

  it('my.on returns { remove }, my.off removes; both hear hostEvent', async () => {
    const h = await open(`
      onLoad() { this.sub = my.on('customEvent', (d) => console.log('custom ' + d.n)); my.on('other', (d) => console.log('other ' + d.n)) },
      stop() { this.sub.remove(); my.off('other') },`);
    await h.send({ t: 'hostEvent', name: 'customEvent', data: { n: 1 } }, { t: 'hostEvent', name: 'other', data: { n: 2 } });
    await h.send(tap('stop'), { t: 'hostEvent', name: 'customEvent', data: { n: 3 } }, { t: 'hostEvent', name: 'other', data: { n: 4 } });
    expect(h.trail()).toEqual(['custom 1', 'other 2']);
  });

  it('task APIs: request returns a Promise with abort(); methods are invokes with task set', async () => {
    const h = await open(`go() {
      const task = my.request({ url: 'https://a.com/x', success: (r) => console.log('status ' + r.status) });
      this.task = task;
      console.log('thenable ' + (typeof task.then) + ' abort ' + (typeof task.abort));
      task.onHeadersReceived((h) => console.log('headers ' + h.headers.a));
      task.then((r) => console.log('resolved ' + r.data));
    },
    stop() { this.task.abort().then(() => console.log('aborted')) }`);
    await h.send(tap('go'));
    const [request] = h.pendingInvokes();
    expect(request).toMatchObject({ api: 'request', args: { url: 'https://a.com/x' } });
    expect(request.task).toBeUndefined();
    await h.send({ t: 'task', task: request.cb, event: 'HeadersReceived', data: { headers: { a: '1' } } });
    await h.send(tap('stop'));
    const abort = h.invokes.find((m) => m.api === 'abort')!;
    expect(abort).toMatchObject({ task: request.cb, args: {} });
    await h.reply(request, { ok: true, result: { data: 'body', status: 404, headers: {} } });
    expect(h.trail()).toEqual(['thenable function abort function', 'headers 1', 'aborted', 'status 404', 'resolved body']);
  });

  it('socket-like tasks: send() with callbacks, onMessage/offMessage', async () => {
    const h = await open(`go() {
      const socket = my.connectSocket({ url: 'wss://a.com' });
      this.listener = (m) => console.log('message ' + m.data);
      socket.onMessage(this.listener);
      socket.onOpen(() => socket.send({ data: 'hi', success: () => console.log('sent') }));
      this.socket = socket;
    },
    stop() { this.socket.offMessage(this.listener) }`);
    await h.send(tap('go'));
    const [connect] = h.pendingInvokes();
    await h.reply(connect, { ok: true, result: {} });
    await h.send({ t: 'task', task: connect.cb, event: 'Open' });
    const send = h.pendingInvokes().find((m) => m.api === 'send')!;
    expect(send).toMatchObject({ task: connect.cb, args: { data: 'hi' } });
    await h.reply(send, { ok: true, result: {} });
    await h.send({ t: 'task', task: connect.cb, event: 'onMessage', data: { data: 'pong' } });
    await h.send(tap('stop'), { t: 'task', task: connect.cb, event: 'message', data: { data: 'ignored' } });
    expect(h.trail()).toEqual(['sent', 'message pong']);
  });

  it('my.call(name, opts?, cb?) reaches host APIs in callback and Promise forms', async () => {
    const h = await open(`async go() {
      my.call('myHostApi', { x: 1 }, (res) => console.log('cb ' + JSON.stringify(res)));
      my.call('myHostApi', (res) => console.log('cb2 ' + JSON.stringify(res)));
      console.log('promise ' + JSON.stringify(await my.call('myHostApi', { y: 2 })));
      my.call('unknownApi', {}, (res) => console.log('cb3 ' + res.error));
    }`);
    await h.send(tap('go'));
    expect(h.trail()).toEqual([
      'cb {"echoed":{"x":1}}',
      'cb2 {"echoed":{}}',
      'promise {"echoed":{"y":2}}',
      'cb3 1',
    ]);
    expect(h.errors()).toEqual([]);
  });

  it('canIUse answers from the descriptors and the component table', async () => {
    const h = await open(`go() {
      const q = ['request', 'request.object.dataType', 'request.object.nope', 'request.return.abort', 'getStorageSync', 'noSuchApi',
        'button', 'button.open-type', 'button.nope', 'view', 'video', 'page.setData.callback', 'component2', 'mixin', 'page.$spliceData',
        'canIUse', 'onError', 'call', 'my.getStorage', ''];
      console.log(q.map((s) => s + '=' + my.canIUse(s)).join(' '));
      console.log(my.SDKVersion + ' ' + my.env.clientName);
    }`);
    await h.send(tap('go'));
    expect(h.trail()).toEqual([
      'request=true request.object.dataType=true request.object.nope=false request.return.abort=true getStorageSync=true noSuchApi=false ' +
        'button=true button.open-type=true button.nope=false view=true video=false page.setData.callback=true component2=true mixin=true page.$spliceData=true ' +
        'canIUse=true onError=true call=true my.getStorage=true =false',
      '2.9.0 mpk',
    ]);
  });

  it('routes navigation through ordinary async invokes; this.router resolves relative urls', async () => {
    const h = await open(`go() { my.navigateTo({ url: '/pages/b/b?x=1' }); this.router.navigateTo({ url: '../c/c?y=2' }); this.pageRouter.navigateTo({ url: './d' }) }`);
    await h.send(tap('go'));
    expect(h.invokes.map((m) => m.args)).toEqual([{ url: '/pages/b/b?x=1' }, { url: '/pages/c/c?y=2' }, { url: '/pages/index/d' }]);
  });

  it('createSelectorQuery sends one selectorQuery invoke and hands each result back', async () => {
    const h = await open(`go() {
      this.createSelectorQuery().select('#a').boundingClientRect((r) => console.log('first ' + r.id)).selectAll('.item').fields({ id: true, dataset: true }).exec((all) => console.log('all ' + all.length));
    }`);
    await h.send(tap('go'));
    expect(h.invokes[0]).toMatchObject({
      api: 'selectorQuery',
      args: {
        page: 1,
        requests: [
          { selector: '#a', all: false, fields: { id: true, dataset: true, rect: true, size: true } },
          { selector: '.item', all: true, fields: { id: true, dataset: true } },
        ],
      },
    });
    expect(h.trail()).toEqual(['first a', 'all 2']);
  });

  it('places dotted API names on nested objects (my.ap.openURL)', async () => {
    host = await FakeHost.start(appBundle({ 'pages/index/index': `Page({ go() { my.ap.openURL({ url: 'https://x' }).then((r) => console.log('opened ' + r.api)) } });` }, 'App({})'), {
      engine,
      apis: [{ name: 'ap.openURL', kind: 'async', params: ['url'] }],
    });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, tap('go'));
    expect(host.invokes[0]).toMatchObject({ api: 'ap.openURL', args: { url: 'https://x' } });
    expect(host.trail()).toEqual(['opened ap.openURL']);
  });

  it('reports arguments that cannot be serialised as a fail with error 2', async () => {
    const h = await open(`go() { const a = {}; a.self = a; my.showToast({ content: a, fail: (e) => console.log('fail ' + e.error) }) }`);
    await h.send(tap('go'));
    expect(h.trail()).toEqual(['fail 2']);
  });
});
