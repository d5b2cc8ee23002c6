/**
 * The trust boundary on the host's side of every transport (src/bridge/boundary.ts): a malformed
 * message from the sandbox is the guest's error — dropped, reported as `error { kind: 'protocol' }`,
 * heard by App.onError — never an exception in the host; repeated malformed traffic terminates the
 * app. Tested on a fake transport and through the real QuickJS sandbox with a base library that
 * hands the raw `send`/`invokeSync` natives to app code (what a compromised base library could send).
 */
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostToLogic, InvokeMessage, LogicToHost, LogicTransport, ReplyMessage } from '../../src/contract/protocol.ts';
import { guardTransport, isGuarded } from '../../src/bridge/boundary.ts';
import { getBaseLibrarySource } from '../../src/sandbox/baselib-source.ts';
import { appBundle, FakeHost } from '../logic/support/fake-host.ts';

function fakeTransport() {
  let receiver: ((batch: LogicToHost[]) => void) | undefined;
  let sync: ((msg: InvokeMessage) => ReplyMessage) | undefined;
  const state = { posted: [] as HostToLogic[][], disposed: 0, terminated: false };
  const transport: LogicTransport & { terminated: boolean } = {
    post: (batch) => void state.posted.push(batch),
    onMessage: (handler) => void (receiver = handler),
    loadScript: () => undefined,
    onSyncInvoke: (handler) => void (sync = handler),
    idle: async () => undefined,
    dispose: () => void state.disposed++,
    get terminated() {
      return state.terminated;
    },
  };
  return {
    transport,
    state,
    deliver: (batch: unknown) => receiver!(batch as LogicToHost[]),
    syncCall: (msg: unknown) => sync!(msg as InvokeMessage),
  };
}

describe('guardTransport', () => {
  it('passes valid batches through untouched and marks the transport as guarded', () => {
    const fake = fakeTransport();
    const guarded = guardTransport(fake.transport);
    expect(isGuarded(guarded)).toBe(true);
    expect(guardTransport(guarded)).toBe(guarded);
    const seen: LogicToHost[][] = [];
    guarded.onMessage((batch) => seen.push(batch));
    const batch = [{ t: 'log', level: 'log', args: ['hi'] }];
    fake.deliver(batch);
    expect(seen).toEqual([batch]);
    expect(fake.state.posted).toEqual([]);
  });

  it('drops a malformed message, reports it as a protocol error, and tells App.onError through guestError', () => {
    const fake = fakeTransport();
    const guarded = guardTransport(fake.transport);
    const seen: LogicToHost[][] = [];
    guarded.onMessage((batch) => seen.push(batch));
    fake.deliver([{ t: 'log', level: 'log', args: ['ok'] }, { t: 'log', level: 'log', args: 5 }]);
    expect(seen).toHaveLength(1);
    expect(seen[0]![0]).toEqual({ t: 'log', level: 'log', args: ['ok'] });
    expect(seen[0]![1]).toMatchObject({ t: 'error', kind: 'protocol', message: expect.stringMatching(/malformed message, dropped: message 1 \(log\): args is 5, not an array/) });
    expect(fake.state.posted).toEqual([[{ t: 'guestError', message: expect.stringMatching(/^mpk: the logic layer sent a malformed message/) }]]);
    expect(guarded.terminated).toBe(false);
  });

  it('terminates the app once three of the latest ten batches were malformed (the App.onError notices in between do not reset it)', () => {
    const fake = fakeTransport();
    const guarded = guardTransport(fake.transport);
    const seen: LogicToHost[] = [];
    guarded.onMessage((batch) => seen.push(...batch));
    const good = () => fake.deliver([{ t: 'log', level: 'log', args: ['App.onError heard it'] }]);
    fake.deliver(['junk']);
    good();
    fake.deliver(['junk']);
    for (let i = 0; i < 9; i++) good(); // the first two fall out of the window
    fake.deliver(['junk']);
    good();
    fake.deliver(['junk']);
    good();
    expect(guarded.terminated).toBe(false);
    fake.deliver(['junk']);
    expect(guarded.terminated).toBe(true);
    expect(fake.state.disposed).toBe(1);
    expect(seen.at(-1)).toMatchObject({ t: 'error', kind: 'terminated', message: expect.stringMatching(/terminated after 3 malformed batches among the latest \d+ from the logic layer/) });
    // Nothing more goes in or comes out.
    const posted = fake.state.posted.length;
    guarded.post([{ t: 'appHide' }]);
    fake.deliver([{ t: 'log', level: 'log', args: ['late'] }]);
    expect(fake.state.posted).toHaveLength(posted);
    expect(seen.at(-1)).toMatchObject({ kind: 'terminated' });
  });

  it('terminates after 20 malformed batches over the app’s life, however spread out', () => {
    const fake = fakeTransport();
    const guarded = guardTransport(fake.transport);
    guarded.onMessage(() => undefined);
    for (let i = 0; i < 19; i++) {
      fake.deliver(['junk']);
      for (let j = 0; j < 10; j++) fake.deliver([{ t: 'ready', protocol: 1 }]);
    }
    expect(guarded.terminated).toBe(false);
    fake.deliver(['junk']);
    expect(guarded.terminated).toBe(true);
  });

  it('refuses an error of kind "terminated" unless the sandbox really ended', () => {
    const fake = fakeTransport();
    const guarded = guardTransport(fake.transport);
    const seen: LogicToHost[] = [];
    guarded.onMessage((batch) => seen.push(...batch));
    fake.deliver([{ t: 'error', kind: 'terminated', message: 'lies' }]);
    expect(seen).toEqual([expect.objectContaining({ kind: 'protocol', message: expect.stringContaining('only the sandbox reports that') })]);
    fake.state.terminated = true;
    fake.deliver([{ t: 'error', kind: 'terminated', message: 'real' }]);
    expect(seen.at(-1)).toEqual({ t: 'error', kind: 'terminated', message: 'real' });
  });

  it('answers a malformed synchronous call with error 2 and reports it; a valid one reaches the host', () => {
    const fake = fakeTransport();
    const guarded = guardTransport(fake.transport);
    const seen: LogicToHost[] = [];
    guarded.onMessage((batch) => seen.push(...batch));
    guarded.onSyncInvoke((msg) => ({ t: 'reply', cb: msg.cb, ok: true, result: msg.api }));
    expect(fake.syncCall({ t: 'invoke', cb: 3, api: 'getStorageSync', args: {}, sync: true })).toEqual({ t: 'reply', cb: 3, ok: true, result: 'getStorageSync' });
    expect(fake.syncCall({ t: 'invoke', cb: 4, api: 7, args: {} })).toMatchObject({ cb: 4, ok: false, error: { error: 2, errorMessage: expect.stringMatching(/malformed synchronous call/) } });
    expect(seen).toEqual([expect.objectContaining({ kind: 'protocol' })]);
  });

  it('never throws, whatever the transport hands it (fuzzed), and the host keeps receiving', () => {
    const fake = fakeTransport();
    const guarded = guardTransport(fake.transport, { limits: { maxMalformedRecent: 1e9, maxMalformedTotal: 1e9 } });
    let received = 0;
    guarded.onMessage((batch) => {
      received++;
      for (const msg of batch) expect(() => JSON.stringify(msg)).not.toThrow();
    });
    guarded.onSyncInvoke((msg) => ({ t: 'reply', cb: msg.cb, ok: true, result: null }));
    fc.assert(
      fc.property(fc.anything(), (value) => {
        fake.deliver(value);
        fake.deliver([value]);
        expect(fake.syncCall(value)).toMatchObject({ t: 'reply' });
      }),
      { numRuns: 1000 },
    );
    expect(received).toBeGreaterThan(0);
  });
});

describe('through the QuickJS sandbox, with raw natives in app hands', () => {
  let evilBaseLibrary: string;
  let host: FakeHost | undefined;
  beforeAll(async () => {
    const real = await getBaseLibrarySource();
    // The real base library, plus the natives it was given exposed as globals: a guest that can send anything.
    evilBaseLibrary = `(function () {
      var install = ${real};
      return function (natives) {
        var entry = install(natives);
        Object.defineProperty(globalThis, '__rawSend', { value: function (json) { natives.send(String(json)); } });
        Object.defineProperty(globalThis, '__rawSync', { value: function (json) { return natives.invokeSync(String(json)); } });
        return entry;
      };
    })()`;
  });
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  const start = async () => {
    host = await FakeHost.start(
      appBundle(
        {
          'pages/index/index': `Page({
            data: { n: 0 },
            send(e) { __rawSend(e.detail.json); },
            sync(e) { console.log('sync answer', __rawSync(e.detail.json)); },
            bump() { this.setData({ n: this.data.n + 1 }); console.log('bumped'); },
          });`,
        },
        `App({ onError(message) { console.log('App.onError', message); } });`,
      ),
      { transport: { baseLibrary: evilBaseLibrary } },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    return host;
  };
  const tap = (handler: string, detail: unknown): HostToLogic => ({ t: 'event', id: 1, handler, event: { type: 'tap', timeStamp: 0, target: { tagName: 'view', dataset: {} }, currentTarget: { tagName: 'view', dataset: {} }, detail } });

  it('a malformed log is a protocol error the app hears; the next event works', async () => {
    const h = await start();
    h.clear();
    await h.send(tap('send', { json: '[{"t":"log","level":"log","args":5}]' }));
    expect(h.errors('protocol')).toEqual([expect.objectContaining({ message: expect.stringMatching(/args is 5, not an array/) })]);
    expect(h.trail()).toContainEqual(expect.stringMatching(/^App\.onError mpk: the logic layer sent a malformed message/));
    await h.send(tap('bump', {}));
    expect(h.trail()).toContain('bumped');
    expect(h.data.get(1)).toEqual({ n: 1 });
  });

  it('bytes that are not a JSON array are reported, not dropped in silence; three in a short while terminate', async () => {
    const h = await start();
    h.clear();
    await h.send(tap('send', { json: 'not json at all' }));
    expect(h.errors('protocol').at(-1)?.message).toMatch(/not JSON/);
    await h.send(tap('send', { json: '{"t":"log"}' }));
    expect(h.errors('protocol').at(-1)?.message).toMatch(/not an array of messages/);
    await h.send(tap('send', { json: '[{"t":"patch","id":1,"seq":99,"ops":[["set",["list",999999999],1]]}]' }));
    expect(h.errors('terminated')).toEqual([expect.objectContaining({ message: expect.stringMatching(/terminated after 3 malformed batches among the latest \d+/) })]);
    expect(h.transport.terminated).toBe(true);
  });

  it('a malformed synchronous call gets error 2 back in the guest', async () => {
    const h = await start();
    h.clear();
    await h.send(tap('sync', { json: '{"t":"invoke","cb":"x","api":5}' }));
    expect(h.trail()).toContainEqual(expect.stringMatching(/^sync answer .*"error":2.*malformed synchronous call/));
    expect(h.errors('protocol')).toHaveLength(1);
  });

  it('fuzzed raw batches never reach the host unchecked and never break it', async () => {
    const h = await start();
    const samples = fc.sample(
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify([v])),
        fc.record({ t: fc.constantFrom('log', 'patch', 'invoke', 'error', 'ready'), level: fc.jsonValue(), args: fc.jsonValue(), ops: fc.jsonValue(), id: fc.jsonValue(), seq: fc.jsonValue(), api: fc.jsonValue(), cb: fc.jsonValue(), kind: fc.jsonValue(), message: fc.jsonValue() }, { requiredKeys: ['t'] }).map((m) => JSON.stringify([m])),
      ),
      { numRuns: 60, seed: 42 },
    );
    for (const json of samples) {
      if (h.transport.terminated) break;
      await h.send(tap('send', { json }), tap('bump', {}));
    }
    for (const msg of h.messages) {
      if (msg.t === 'log') expect(Array.isArray(msg.args)).toBe(true);
      if (msg.t === 'patch') expect(Array.isArray(msg.ops)).toBe(true);
    }
  });
});
