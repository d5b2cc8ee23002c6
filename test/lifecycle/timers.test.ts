/**
 * Timers in the logic layer (SPEC-DIGEST §4.1: setTimeout/setInterval, no string code; ARCHITECTURE.md:
 * timers are driven by the host): they fire in order as virtual time advances, intervals repeat until
 * cleared, Date.now follows the same clock, and a timer that fires after its page unloaded runs
 * without breaking anything (setData on the dead page is ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

let app: MiniApp;

beforeAll(async () => {
  app = await launchProject({
    ...page('pages/index/index', {
      axml: `<view id="ticks">{{ticks}}</view><button id="start" onTap="start">start</button><button id="stop" onTap="stop">stop</button><button id="go" onTap="go">go</button>`,
      js: `
Page({
  data: { ticks: 0 },
  start() {
    this.started = Date.now();
    setTimeout(() => console.log('timeout 300 at', Date.now() - this.started), 300);
    setTimeout(() => console.log('timeout 100 at', Date.now() - this.started), 100);
    const cancelled = setTimeout(() => console.log('cancelled timeout ran'), 50);
    clearTimeout(cancelled);
    this.interval = setInterval(() => this.setData({ ticks: this.data.ticks + 1 }), 100);
  },
  stop() { clearInterval(this.interval); },
  go() { my.navigateTo({ url: '/pages/other/other' }); },
});`,
    }),
    ...page('pages/other/other', {
      axml: `<view id="v">{{v}}</view>`,
      js: `
Page({
  data: { v: 0 },
  onLoad() { setTimeout(() => { this.setData({ v: 1 }); console.log('late timer ran after unload'); }, 500); },
});`,
    }),
  });
});
afterAll(closeAll);

describe('timers', () => {
  it('fire in order as time advances; a cleared timeout never fires; Date.now follows the clock', async () => {
    const p = app.currentPage();
    await p.tap('#start');
    await app.advanceTime(99);
    expect(p.text('#ticks')).toBe('0');
    await app.advanceTime(1);
    expect(p.text('#ticks')).toBe('1');
    await app.advanceTime(250);
    expect(p.text('#ticks')).toBe('3');
    expect(logLines(app)).toEqual(['timeout 100 at 100', 'timeout 300 at 300']);
  });

  it('stop repeating once cleared', async () => {
    const p = app.currentPage();
    await p.tap('#stop');
    await app.advanceTime(1000);
    expect(p.text('#ticks')).toBe('3');
  });

  it('still run after their page unloaded, harmlessly', async () => {
    await app.currentPage().tap('#go');
    await app.navigateBack();
    await app.advanceTime(600);
    expect(logLines(app)).toContain('late timer ran after unload');
    expect(app.errors).toEqual([]);
  });
});
