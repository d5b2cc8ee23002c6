/**
 * Debug mode (issue 13 item 2): with `?debug=1` (what the toolbar's toggle and `mpk dev --debug`
 * do) the logic layer runs in a plain Web Worker without QuickJS. Through the DevTools protocol, as
 * Chromium's DevTools would: the worker's logic bundle is named by its served URL and announces its
 * source map; a breakpoint on the author's `pages/index/index.js` line (placed through the map)
 * pauses a tap's handler there, and the paused frame maps back to that file and line.
 */
import type { Browser, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStackMapper } from '@mpk/runtime';
import { launchBrowser, openSimulator, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'todo');
  // Normal mode first: sandboxed, no badge; the toolbar's toggle reloads the page into debug mode.
  expect(await sim.page.locator('.sim-debug-badge').isVisible()).toBe(false);
  await Promise.all([sim.page.waitForURL(/\?debug=1$/), sim.page.locator('.sim-debug').click()]);
  await sim.page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1 && window.mpkSimulator!.session.container?.currentPage() !== undefined, null, { timeout: 30_000 });
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

/** A CDP session on a worker target through the browser's session (Target.sendMessageToTarget). */
async function attachToWorker(browserSession: CDPSession, urlSuffix: string) {
  const { targetInfos } = (await browserSession.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
  const target = targetInfos.find((t) => t.type === 'worker' && t.url.endsWith(urlSuffix));
  if (!target) throw new Error(`no worker ${urlSuffix} among ${targetInfos.map((t) => `${t.type} ${t.url}`).join(', ')}`);
  const { sessionId } = (await browserSession.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let next = 1;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Array<(params: any) => void>>();
  browserSession.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    if (message.id !== undefined) {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) w?.reject(new Error(message.error.message));
      else w?.resolve(message.result);
    } else for (const listener of listeners.get(message.method) ?? []) listener(message.params);
  });
  return {
    send(method: string, params: object = {}): Promise<any> {
      const id = next++;
      const done = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
      void browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      return done;
    },
    on(method: string, listener: (params: any) => void) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener]);
    },
  };
}

it('pauses at a breakpoint on the author’s file, with the call frame mapped to its line', async () => {
  const { page, server } = sim;
  // The toolbar says the app is unsandboxed.
  await expect.poll(() => page.locator('.sim-debug-badge').isVisible()).toBe(true);
  expect(await page.locator('.sim-debug-badge').textContent()).toMatch(/unsandboxed/i);

  const build = await page.evaluate(() => window.mpkSimulator!.session.buildId);
  const bundleUrl = `${server.url}b/${build}/logic.js`;
  const [bundle, map] = await Promise.all([fetch(bundleUrl).then((r) => r.text()), fetch(`${bundleUrl}.map`).then((r) => r.text())]);
  const authorLine = sim.project.read('pages/index/index.js').split('\n').findIndex((l) => l.includes('const title = this.data.draft.trim();')) + 1;
  expect(authorLine).toBeGreaterThan(0);

  const browserSession = await browser.newBrowserCDPSession();
  const worker = await attachToWorker(browserSession, '/logic-worker-debug.js');
  const scripts: Array<{ scriptId: string; url: string; sourceMapURL: string }> = [];
  worker.on('Debugger.scriptParsed', (event) => scripts.push({ scriptId: event.scriptId, url: event.url, sourceMapURL: event.sourceMapURL }));
  const paused = new Promise<any>((resolve) => worker.on('Debugger.paused', resolve));
  await worker.send('Debugger.enable');
  // DevTools sees the bundle under its served URL, with its source map beside it.
  const logicScript = scripts.find((script) => script.url === bundleUrl);
  expect(logicScript).toMatchObject({ sourceMapURL: 'logic.js.map' });

  // Where DevTools would put a breakpoint on the author's line: its place in the bundle, through the map.
  const mapper = createStackMapper({ 'logic.js': map }, { 'logic.js': bundle });
  const generatedLine = bundle.split('\n').findIndex((l, i) => l.includes('const title = this.data.draft.trim();') && mapper.mapPosition('logic.js', i + 1, l.search(/\S/) + 1)?.source === 'pages/index/index.js') + 1;
  expect(generatedLine).toBeGreaterThan(0);
  const { locations } = await worker.send('Debugger.setBreakpointByUrl', { url: bundleUrl, lineNumber: generatedLine - 1 });
  expect(locations.length).toBe(1);

  await page.locator('#add').first().click();
  const event = await paused;
  const frame = event.callFrames[0];
  expect(event.reason).toBe('other');
  // An evaluated script's frames carry no url: its id is the bundle's.
  expect(frame.location.scriptId).toBe(logicScript!.scriptId);
  const original = mapper.mapPosition('logic.js', frame.location.lineNumber + 1, frame.location.columnNumber + 1);
  expect(original).toMatchObject({ source: 'pages/index/index.js', line: authorLine });
  expect(frame.functionName).toBe('add');
  await sim.screenshot('debug-mode');

  // Resumed, the handler goes on: the empty draft gets the app's toast, and the app keeps answering.
  expect(event.hitBreakpoints).toHaveLength(1);
  await worker.send('Debugger.removeBreakpoint', { breakpointId: event.hitBreakpoints[0] });
  await worker.send('Debugger.resume');
  await expect.poll(() => page.locator('.ui-toast').first().textContent().catch(() => '')).toContain('Type something first');
  const evaluated = await page.evaluate(() => window.mpkSimulator!.session.container!.devEvaluate('getCurrentPages()[0].route'));
  expect(evaluated).toEqual({ ok: true, type: 'string', value: 'pages/index/index' });
  // No QuickJS here: the app sees the worker's own globals.
  expect(await page.evaluate(() => window.mpkSimulator!.session.container!.devEvaluate('typeof importScripts'))).toMatchObject({ value: 'function' });
  expect(sim.errors).toEqual([]);
});

it('the profiler runs on the worker and attributes the author’s handler to its file', async () => {
  const { page, server } = sim;
  const build = await page.evaluate(() => window.mpkSimulator!.session.buildId);
  const bundleUrl = `${server.url}b/${build}/logic.js`;
  const [bundle, map] = await Promise.all([fetch(bundleUrl).then((r) => r.text()), fetch(`${bundleUrl}.map`).then((r) => r.text())]);
  const mapper = createStackMapper({ 'logic.js': map }, { 'logic.js': bundle });
  const browserSession = await browser.newBrowserCDPSession();
  const worker = await attachToWorker(browserSession, '/logic-worker-debug.js');
  await worker.send('Profiler.enable');
  await worker.send('Profiler.setSamplingInterval', { interval: 100 });
  // Sampling shows where time goes; precise counts make the attribution deterministic (a sample may miss a fast handler).
  await worker.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  await worker.send('Profiler.start');
  for (let i = 0; i < 5; i++) await page.locator('#add').first().click();
  await expect.poll(() => page.locator('.ui-toast').count()).toBeGreaterThan(0);
  const { profile } = await worker.send('Profiler.stop');
  const { result } = await worker.send('Profiler.takePreciseCoverage');
  await worker.send('Profiler.stopPreciseCoverage');
  await worker.send('Profiler.disable');
  expect(profile.samples.length).toBeGreaterThan(0);
  expect(profile.endTime).toBeGreaterThan(profile.startTime);
  const script = (result as Array<{ url: string; functions: Array<{ functionName: string; ranges: Array<{ startOffset: number; count: number }> }> }>).find((s) => s.url === bundleUrl);
  const add = script?.functions.find((f) => f.functionName === 'add');
  // The five taps ran the bundle's add(): through the source map, the author's add() in pages/index/index.js.
  expect(add?.ranges[0]?.count).toBe(5);
  const before = bundle.slice(0, add!.ranges[0]!.startOffset).split('\n');
  expect(mapper.mapPosition('logic.js', before.length, before[before.length - 1]!.length + 1)).toMatchObject({ source: 'pages/index/index.js' });
  expect(sim.errors).toEqual([]);
});
