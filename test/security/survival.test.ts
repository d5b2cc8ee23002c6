/**
 * Survival: one process, the attacks of the other red-team files in a row, each in its own
 * container — an endless SJS loop at render, a catastrophic regular expression in SJS, a
 * `<template is>` that calls itself twice per level, `setData({ 'list[999999999]': 1 })`, an app
 * that replaces `Array.prototype.join` and `JSON.stringify` and then logs and sets data, a thousand
 * `setInterval(fn, 0)` on virtual time, a busy `setInterval` on a real clock under a small fair-time
 * budget, a flood of malformed batches from a compromised base library. Each ends within its budget
 * with an error that says what happened (the built-ins app: with its logs and data arriving as
 * written), the host process unharmed. A canary container launched first answers a tap and renders
 * the new data after every attack (and during the real-clock one); after all of them a fresh app
 * launches, renders and answers a tap, and the whole sequence stays under a wall-time bound.
 *
 * The patterns are the ones of view-budget.test.ts, data-limits.test.ts, messages.test.ts,
 * builtins.test.ts and test/limits/fair-time.test.ts, at their smallest sizes.
 *
 * Measured on a 2-core machine (shared with other test runs): the sequence takes 5.4–6.6 s of test
 * time, the file 8–10 s with transform and import; most of it is the 1,000 intervals' 55,000
 * callbacks, the real-clock app's throttled windows and the endless loop at the 10,000,000-step
 * render budget. The bound asserted is 60 s.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '@mpk/compiler';
import type { MiniApp } from '@mpk/devtools/harness';
import { createContainer, createMemoryStorage, createQuickJsTransport, getBaseLibrarySource, HeadlessRenderer, type Container, type SandboxLimits } from '@mpk/runtime';
import { loadPackageFromDir } from '@mpk/runtime/node';
import { closeAll, launchProject, logLines, page, writeProject, type ProjectFiles } from '../support/project.ts';
import { APP_JS, attackPage, expectRenderStopped } from './view-attack.ts';

/** The bound on the whole sequence (measured: see the header). */
const SEQUENCE_MS = 60_000;
/** The bound on one attack (view-budget.test.ts's: the default render budget is 1 s). */
const WALL_MS = 8000;

const realClock: Container[] = [];
afterAll(async () => {
  await Promise.all(realClock.splice(0).map((c) => c.destroy().catch(() => undefined)));
  await closeAll();
});

/** A normal app: a counter a tap bumps. */
const COUNTER: ProjectFiles = page('pages/index/index', {
  axml: '<view id="count">{{count}}</view><button id="bump" onTap="bump">+</button>',
  js: 'Page({ data: { count: 0 }, bump() { this.setData({ count: this.data.count + 1 }); } });',
});

let sequenceStarted = 0;
let canary: MiniApp;
let canaryTaps = 0;

/** The canary container, launched before any attack, still answers a tap and renders the new data. */
async function canaryAnswers(): Promise<void> {
  await canary.currentPage().tap('#bump');
  canaryTaps++;
  expect(canary.currentPage().data).toEqual({ count: canaryTaps });
  expect(canary.currentPage().text('#count')).toBe(String(canaryTaps));
  expect(canary.errors).toEqual([]);
  expect(canary.session.container.isTerminated).toBe(false);
}

/** Taps `#go` on an attack page; the render stops within WALL_MS with a render error matching `message`, the last good frame stays, the page goes on. */
/** The attack ended as it must (view-attack.ts); the app is closed. */
async function renderStops(files: ProjectFiles, message: RegExp): Promise<void> {
  await (await expectRenderStopped(files, message, { wallMs: WALL_MS })).close();
}

/** fair-time.test.ts's host with a real clock (`createContainer`'s default), not the harness's virtual time. */
async function realClockApp(files: ProjectFiles, limits: Partial<SandboxLimits>): Promise<{ container: Container; terminated: string[] }> {
  const dir = await writeProject(files);
  const built = await build(dir, { outDir: path.join(dir, 'dist') });
  expect(built.ok).toBe(true);
  const container = await createContainer({ pkg: await loadPackageFromDir(path.join(dir, 'dist')), renderer: new HeadlessRenderer(), host: { storage: createMemoryStorage() }, limits });
  realClock.push(container);
  const terminated: string[] = [];
  container.on('terminated', (reason) => terminated.push(reason));
  return { container, terminated };
}

/** Waits on the host's own timers (so it also shows they still fire). */
function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  return new Promise((resolve) => {
    const check = (): void => {
      if (condition()) resolve(true);
      else if (performance.now() > end) resolve(false);
      else setTimeout(check, 20);
    };
    check();
  });
}

describe('one process, attacks in a row: each stopped in its own container, the others keep running', () => {
  beforeAll(async () => {
    sequenceStarted = performance.now();
    canary = await launchProject(COUNTER);
    await canaryAnswers();
  });

  it('an endless SJS loop at render stops at the step budget', async () => {
    await renderStops(attackPage('{{m.f()}}', 'export default { f() { while (true) {} } };'), /the render of pages\/index\/index exceeded its budget of 10000000 steps/);
    await canaryAnswers();
  });

  it('a catastrophic regular expression in SJS: (a+)+$ runs in linear time, a backtracking one stops at the budget', async () => {
    const app = await launchProject(attackPage('<view id="out">{{m.f()}}</view>', "export default { f() { return '' + getRegExp('(a+)+$').test('a'.repeat(40) + '!'); } };"));
    const started = Date.now();
    await app.currentPage().tap('#go');
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    expect(app.errors).toEqual([]);
    expect(app.currentPage().text('#out')).toBe('false');
    await app.close();
    await renderStops(attackPage('{{m.f()}}', "export default { f() { return getRegExp('(?=(a+)+$)x').test('a'.repeat(40) + '!'); } };"), /exceeded its budget of/);
    await canaryAnswers();
  });

  it('a <template is> that calls itself twice per level stops', async () => {
    const attack = '<template name="t"><block a:if="{{d < 60}}"><template is="t" data="{{d: d + 1}}"/><template is="t" data="{{d: d + 1}}"/></block></template><template is="t" data="{{d: 0}}"/>';
    await renderStops(attackPage(attack), /exceeded its budget of/);
    await canaryAnswers();
  });

  it("setData({ 'list[999999999]': 1 }) is refused in the guest, reaching App.onError; nothing is set", async () => {
    const app = await launchProject({
      'app.js': APP_JS,
      ...page('pages/index/index', {
        axml: '<view class="item" a:for="{{list}}">{{item}}</view>',
        js: "Page({ data: { list: [1, 2, 3] }, onLoad() { my.on('e2e:giant', () => this.setData({ 'list[999999999]': 1 })); } });",
      }),
    });
    const started = Date.now();
    await app.emit('e2e:giant');
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    expect(app.errors).toEqual([expect.objectContaining({ kind: 'uncaught', message: expect.stringContaining('index 999999999 is more than 1000 past the end') })]);
    expect(logLines(app).at(-1)).toMatch(/^onError setData: data path "list\[999999999\]"/);
    expect(app.currentPage().data).toEqual({ list: [1, 2, 3] });
    expect(app.currentPage().querySelectorAll('.item')).toHaveLength(3);
    await app.close();
    await canaryAnswers();
  });

  it('an app that replaces Array.prototype.join and JSON.stringify still logs and sets data as written; the host does not crash', async () => {
    const app = await launchProject(
      page('pages/index/index', {
        axml: '<view id="n">{{n}}</view><button id="b" onTap="bump">b</button>',
        js: `Page({
  data: { n: 0 },
  onLoad() {
    const forged = '{"t":"log","level":"log","args":5}';
    Array.prototype.join = function () { return forged; };
    JSON.stringify = function () { return forged; };
  },
  bump() { console.log('still logging', [1, 2], { a: 'b' }); this.setData({ n: this.data.n + 1 }); },
});`,
      }),
    );
    await app.currentPage().tap('#b');
    await app.currentPage().tap('#b');
    expect(app.logs.map((entry) => entry.args)).toEqual([
      ['still logging', [1, 2], { a: 'b' }],
      ['still logging', [1, 2], { a: 'b' }],
    ]);
    expect(app.currentPage().text('#n')).toBe('2');
    expect(app.errors).toEqual([]);
    await app.close();
    await canaryAnswers();
  });

  it('1,000 setInterval(fn, 0) on virtual time: the 1,001st timer is refused, advancing 200 ms ends in bounded time', async () => {
    const app = await launchProject(
      page('pages/index/index', {
        axml: '<view id="n">{{n}}</view>',
        js: `
let fired = 0;
Page({
  data: { n: 0 },
  onLoad() {
    for (let i = 0; i < 999; i++) setInterval(() => { fired++; }, 0);
    setInterval(() => this.setData({ n: fired }), 50);
    try { setTimeout(() => {}, 10); } catch (e) { console.log(e.name + ': ' + e.message); }
  },
});`,
      }),
      // About the clamp alone (fair-time.test.ts covers fair time): roomy enough not to throttle on top.
      { startTime: 0, limits: { taskMs: 2000, cpuMs: 1000, cpuWindowMs: 1000 } },
    );
    expect(logLines(app)).toEqual(['RangeError: too many timers: at most 1000 may be pending at once']);
    const started = performance.now();
    await app.advanceTime(200);
    expect(performance.now() - started).toBeLessThan(20_000);
    // Clamped to 4 ms after five nested levels: about 55 firings of each interval, not thousands.
    const n = Number(app.currentPage().text('#n'));
    expect(n).toBeGreaterThan(999 * 40);
    expect(n).toBeLessThanOrEqual(999 * 56);
    expect(app.session.container.isTerminated).toBe(false);
    await app.close();
    await canaryAnswers();
  });

  it("a busy setInterval on a real clock is terminated naming the CPU budget; the host's timers and the canary answer while it runs", async () => {
    const app = await realClockApp(
      page('pages/index/index', {
        axml: '<view>{{n}}</view>',
        js: 'Page({ data: { n: 0 }, onLoad() { setInterval(() => { let x = 0; for (let i = 0; i < 200000; i++) x += i; this.n = x; }, 0); } });',
      }),
      { cpuMs: 250, cpuWindowMs: 500, cpuBurstMs: 250, maxThrottledWindows: 3 },
    );
    const started = performance.now();
    let beats = 0;
    const heartbeat = setInterval(() => beats++, 10);
    void app.container.launch().catch(() => {
      // An app that never settles fails its launch's wait for idle: the point is what follows.
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await canaryAnswers();
    expect(await until(() => app.terminated.length > 0, 10_000)).toBe(true);
    const elapsed = performance.now() - started;
    clearInterval(heartbeat);
    expect(elapsed).toBeLessThan(WALL_MS);
    // The host's own 10 ms timer kept firing (fair-time.test.ts's measure, loosely: the app may take half
    // the host's time plus a burst, and a loaded 2-core machine delays timers on its own — 0.3 flaked there).
    expect(beats).toBeGreaterThan((elapsed / 10) * 0.15);
    expect(app.terminated).toEqual([expect.stringMatching(/more than its share of the host's time: it wanted more than its CPU budget of 250 ms per 500 ms for 3 windows in a row/)]);
    expect(app.container.isTerminated).toBe(true);
    await app.container.destroy();
    await canaryAnswers();
  });

  it('a flood of malformed batches from a compromised base library is reported as one error per batch, and the third such batch terminates that app', async () => {
    const real = await getBaseLibrarySource();
    const evil = `(function () { var install = ${real}; return function (natives) { var entry = install(natives);
      Object.defineProperty(globalThis, '__rawSend', { value: function (json) { natives.send(String(json)); } }); return entry; }; })()`;
    const app = await launchProject(
      {
        'app.js': APP_JS,
        ...page('pages/index/index', {
          axml: '<view id="n">{{n}}</view><button id="b" onTap="bump">b</button>',
          js: `Page({
  data: { n: 0 },
  onLoad() { my.on('e2e:flood', () => { for (let i = 0; i < 1000; i++) __rawSend(i % 2 ? '{"t":"log",' : '[{"t":"log","level":"log","args":5}]'); }); },
  bump() { this.setData({ n: this.data.n + 1 }); },
});`,
        }),
      },
      { logic: (options) => createQuickJsTransport({ ...options, baseLibrary: evil }) },
    );
    const terminated: string[] = [];
    app.session.container.on('terminated', (reason) => terminated.push(reason));
    const started = Date.now();
    // A thousand in one task arrive as one batch: one protocol error the app hears, naming them all; the app goes on.
    await app.emit('e2e:flood');
    expect(app.errors).toEqual([expect.objectContaining({ kind: 'protocol', message: expect.stringMatching(/^the logic layer sent 1000 malformed messages, dropped: .*\(and 995 more\)$/) })]);
    expect(logLines(app).at(-1)).toMatch(/^onError mpk: the logic layer sent 1000 malformed messages/);
    await app.currentPage().tap('#b');
    expect(app.currentPage().text('#n')).toBe('1');
    // Two more such tasks: terminated at the third malformed batch.
    await app.emit('e2e:flood');
    expect(terminated).toEqual([]);
    await app.emit('e2e:flood');
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    expect(terminated).toEqual([expect.stringMatching(/terminated after 3 malformed batches among the latest \d+ from the logic layer/)]);
    expect(app.errors.map((e) => e.kind)).toEqual(['protocol', 'protocol', 'protocol', 'terminated']);
    expect(app.session.container.isTerminated).toBe(true);
    // The terminated app is inert.
    await app.currentPage().tap('#b');
    expect(app.currentPage().text('#n')).toBe('1');
    await app.close();
    await canaryAnswers();
  });

  it('after all of them a normal app launches, renders and answers a tap; the sequence took bounded wall time', async () => {
    const app = await launchProject(COUNTER);
    expect(app.currentPage().text('#count')).toBe('0');
    await app.currentPage().tap('#bump');
    expect(app.currentPage().text('#count')).toBe('1');
    expect(app.errors).toEqual([]);
    await canaryAnswers();
    const elapsed = performance.now() - sequenceStarted;
    expect(elapsed).toBeLessThan(SEQUENCE_MS);
  });
});
