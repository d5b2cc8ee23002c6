/**
 * Attacks on the bridge (ARCHITECTURE.md "The trust boundary"; PROTOCOL.md "What the host checks"):
 * whatever the sandbox sends, the host process stays alive, the container reports a malformed
 * message as the guest's error (`error { kind: 'protocol' }`, App.onError hears it), keeps running
 * the app, terminates it after repeated malformed traffic, and the next mini-program in the same
 * process works. The in-process QuickJS transport and the Web Worker one behave the same.
 *
 * The raw attacks use a base library that hands its natives to app code (`__rawSend(json)`,
 * `__rawSync(json)`): what a compromised base library, or a guest escaping it, could send.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { createQuickJsTransport, createWorkerTransport, getBaseLibrarySource, type LogicTransport } from '@mpk/runtime';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';
import { nodeWorker } from '../../packages/runtime/test/bridge/support/node-worker.ts';

afterAll(closeAll);

const runtimeRequire = createRequire(new URL('../../packages/runtime/package.json', import.meta.url));
const fc = runtimeRequire('fast-check') as typeof import('fast-check');

let evilBaseLibrary: string;
let wasm: WebAssembly.Module;
beforeAll(async () => {
  const real = await getBaseLibrarySource();
  evilBaseLibrary = `(function () {
    var install = ${real};
    return function (natives) {
      var entry = install(natives);
      Object.defineProperty(globalThis, '__rawSend', { value: function (json) { natives.send(String(json)); } });
      Object.defineProperty(globalThis, '__rawSync', { value: function (json) { return natives.invokeSync(String(json)); } });
      return entry;
    };
  })()`;
  wasm = await WebAssembly.compile(await readFile(runtimeRequire.resolve('@jitl/quickjs-ng-wasmfile-release-sync/wasm')));
});

type Engine = 'quickjs' | 'worker';

function logicFor(engine: Engine): (options: { limits?: object }) => Promise<LogicTransport> {
  if (engine === 'worker') return (options) => createWorkerTransport({ createWorker: () => nodeWorker(), wasm, baseLibrary: evilBaseLibrary, limits: options.limits });
  return (options) => createQuickJsTransport({ ...options, baseLibrary: evilBaseLibrary });
}

const APP_JS = `App({ onError(message) { console.log('App.onError', message); } });`;
const PAGE_JS = `Page({
  data: { n: 0 },
  onLoad() {
    my.on('e2e:raw', (json) => __rawSend(json));
    my.on('e2e:sync', (json) => console.log('sync answer', __rawSync(json)));
  },
  bump() { this.setData({ n: this.data.n + 1 }); console.log('bumped'); },
});`;

async function rawApp(engine: Engine): Promise<MiniApp> {
  return launchProject({ 'app.js': APP_JS, ...page('pages/index/index', { axml: '<view id="n">{{n}}</view><button id="b" onTap="bump">b</button>', js: PAGE_JS }) }, { logic: logicFor(engine) });
}

const ATTACKS: [string, string, RegExp][] = [
  ['a log whose args is not an array (the crash as found)', '[{"t":"log","level":"log","args":5}]', /args is 5, not an array/],
  ['a log of an unknown level', '[{"t":"log","level":{"x":1},"args":[]}]', /level an object is not a console level/],
  ['a patch without ops', '[{"t":"patch","id":1,"seq":50}]', /ops is a undefined/],
  ['a patch op on __proto__', '[{"t":"patch","id":1,"seq":50,"ops":[["set",["__proto__","polluted"],1]]}]', /"__proto__" is not allowed/],
  ['a patch that sets the whole data to a string', '[{"t":"patch","id":1,"seq":50,"ops":[["set",[],"x"]]}]', /needs an object/],
  ['a sparse giant', '[{"t":"patch","id":1,"seq":50,"ops":[["set",["list",999999999],1]]}]', /array index 999999999 is over 10000000/],
  ['an invoke without an API name', '[{"t":"invoke","cb":1,"args":{}}]', /api a undefined is not an API name/],
  ['an error of an unknown kind', '[{"t":"error","kind":"pwned","message":"x"}]', /kind "pwned" is not an error kind/],
  ['a claim that the sandbox terminated', '[{"t":"error","kind":"terminated","message":"bye"}]', /only the sandbox reports that/],
  ['bytes that are not JSON', '{"t":"log",', /a batch that is not JSON/],
  ['a batch that is not an array', '{"t":"log","level":"log","args":[]}', /not an array of messages/],
  ['a value nested 100,000 deep', `[{"t":"log","level":"log","args":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}]`, /nested deeper than 100 levels/],
];

describe.each(['quickjs', 'worker'] as const)('malformed traffic from the sandbox (%s transport)', (engine) => {
  let app: MiniApp;

  it.each(ATTACKS)('%s: a protocol error the app hears; the page goes on', async (_what, json, why) => {
    app ??= await rawApp(engine);
    const errorsBefore = app.errors.length;
    await app.emit('e2e:raw', json);
    const fresh = app.errors.slice(errorsBefore);
    expect(fresh).toEqual([expect.objectContaining({ kind: 'protocol', message: expect.stringMatching(why) })]);
    expect(fresh[0]!.message).toMatch(/^the logic layer sent a malformed message, dropped: /);
    expect(logLines(app).at(-1)).toMatch(/^App\.onError mpk: the logic layer sent a malformed message/);
    // Between attacks the app does honest work, so the boundary does not give up on it yet.
    for (let i = 0; i < 8; i++) await app.currentPage().tap('#b');
    expect(app.session.container.isTerminated).toBe(false);
    expect(app.errors.slice(errorsBefore + 1)).toEqual([]);
  });

  it('kept the page and its data through all of it', async () => {
    expect(app.currentPage().text('#n')).toBe(String(ATTACKS.length * 8));
    expect(app.currentPage().data).toEqual({ n: ATTACKS.length * 8 });
  });

  it('a malformed synchronous call is answered with error 2 in the guest', async () => {
    const errorsBefore = app.errors.length;
    await app.emit('e2e:sync', '{"t":"invoke","cb":"x","api":5}');
    expect(logLines(app)).toContainEqual(expect.stringMatching(/^sync answer .*"error":2.*malformed synchronous call/));
    expect(app.errors.slice(errorsBefore)).toEqual([expect.objectContaining({ kind: 'protocol' })]);
  });

  it('repeated malformed traffic terminates the app; the next mini-program in the process works', async () => {
    const target = await rawApp(engine);
    const terminated: string[] = [];
    target.session.container.on('terminated', (reason) => terminated.push(reason));
    for (let i = 0; i < 3; i++) await target.emit('e2e:raw', '[{"t":"log","level":"log","args":5}]');
    expect(terminated).toEqual([expect.stringMatching(/terminated after 3 malformed batches among the latest \d+ from the logic layer/)]);
    expect(target.errors.at(-1)).toMatchObject({ kind: 'terminated' });
    expect(target.session.container.isTerminated).toBe(true);
    // The terminated app is inert; the next one runs.
    await target.currentPage().tap('#b');
    expect(target.currentPage().text('#n')).toBe('0');
    const next = await launchProject(page('pages/index/index', { axml: '<view id="v">{{v}}</view>', js: 'Page({ data: { v: "next app fine" } });' }));
    expect(next.currentPage().text('#v')).toBe('next app fine');
  });
});

describe('fuzzed batches through a real container', () => {
  it('never throw out of the host, never cause an internal error, and the page keeps working', async () => {
    const app = await rawApp('quickjs');
    const samples = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 50 }),
        fc.json({ maxDepth: 4 }),
        fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }).map((batch) => JSON.stringify(batch)),
        fc
          .array(
            fc.record(
              {
                t: fc.constantFrom('log', 'patch', 'invoke', 'error', 'ready', 'x'),
                id: fc.oneof(fc.constant(1), fc.jsonValue()),
                seq: fc.oneof(fc.integer({ min: 100 }), fc.jsonValue()),
                ops: fc.oneof(fc.array(fc.tuple(fc.constantFrom('set', 'splice'), fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.nat(2000)), { maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }))), fc.jsonValue()),
                level: fc.oneof(fc.constantFrom('log', 'warn'), fc.jsonValue()),
                args: fc.jsonValue({ maxDepth: 3 }),
                api: fc.oneof(fc.constantFrom('showToast', 'getStorage', 'selectorQuery'), fc.jsonValue()),
                cb: fc.oneof(fc.nat(), fc.jsonValue()),
                kind: fc.oneof(fc.constantFrom('uncaught', 'render', 'protocol'), fc.jsonValue()),
                message: fc.jsonValue(),
              },
              { requiredKeys: ['t'] },
            ),
            { maxLength: 4 },
          )
          .map((batch) => JSON.stringify(batch)),
      ),
      { numRuns: 80, seed: 20240601 },
    );
    let taps = 0;
    for (const json of samples) {
      if (app.session.container.isTerminated) break;
      await app.emit('e2e:raw', json);
      // Honest work in between keeps the app under the boundary's termination threshold.
      for (let i = 0; i < 4; i++) {
        await app.currentPage().tap('#b');
        taps++;
      }
    }
    // The host never failed; what it reported is the guest's doing (over 20 malformed batches end the app).
    expect(app.errors.filter((e) => e.kind === 'internal')).toEqual([]);
    for (const error of app.errors) expect(['protocol', 'patch', 'render', 'uncaught', 'unhandledRejection', 'terminated']).toContain(error.kind);
    expect(app.errors.filter((e) => e.kind === 'protocol').length).toBeGreaterThan(0);
    if (!app.session.container.isTerminated) {
      await app.currentPage().tap('#b');
      expect(app.currentPage().data.n).toBeGreaterThan(0);
    }
    const next = await launchProject(page('pages/index/index', { axml: '<view id="v">{{v}}</view>', js: 'Page({ data: { v: "fine" } });' }));
    expect(next.currentPage().text('#v')).toBe('fine');
    expect(taps).toBeGreaterThan(0);
  });
});

describe('the crash as found: an app that replaces Array.prototype.join', () => {
  it('cannot forge the batch any more: its logs arrive as written and the host stays alive', async () => {
    const app = await launchProject(
      page('pages/index/index', {
        axml: '<view id="n">{{n}}</view><button id="b" onTap="bump">b</button>',
        js: `Page({
          data: { n: 0 },
          onLoad() { Array.prototype.join = function () { return '{"t":"log","level":"log","args":5}'; }; },
          bump() { console.log('still logging', [1, 2]); this.setData({ n: this.data.n + 1 }); },
        });`,
      }),
    );
    await app.currentPage().tap('#b');
    await app.currentPage().tap('#b');
    expect(app.logs.map((l) => l.args)).toEqual([['still logging', [1, 2]], ['still logging', [1, 2]]]);
    expect(app.currentPage().text('#n')).toBe('2');
    expect(app.errors).toEqual([]);
  });
});
