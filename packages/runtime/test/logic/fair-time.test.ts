/**
 * Fair time (ARCHITECTURE.md "The trust boundary": everything a mini-program does is bounded, timers
 * by platform clamps, virtual and real time always advancing): a mini-program's share of the host's
 * real time is bounded, not only each task. Tasks that stop just under the deadline, timers firing
 * as fast as they can, slow synchronous host calls in a loop: each is what a host sees as its event
 * loop kept busy, and each is throttled, then terminated, while the host's own timers keep firing.
 */
import { describe, expect, it } from 'vitest';
import type { HostToLogic } from '../../src/contract/protocol.ts';
import { ManualClock } from '../../src/sandbox/clock.ts';
import { CpuBudget } from '../../src/sandbox/fair-time.ts';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/sandbox/limits.ts';
import { appBundle, FakeHost } from './support/fake-host.ts';

const tap = (handler: string): HostToLogic => ({ t: 'event', id: 1, handler, event: { type: 'tap' } as never });
const load: HostToLogic = { t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} };

/** A host heartbeat: a 10 ms interval of the host itself, and how many times it fired. */
function heartbeat(): { stop(): { beats: number; expected: number; longestGap: number } } {
  const started = performance.now();
  let last = started;
  let beats = 0;
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    beats++;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return { beats, expected: (performance.now() - started) / 10, longestGap };
    },
  };
}

function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  return new Promise((resolve) => {
    const check = (): void => {
      if (condition()) resolve(true);
      else if (performance.now() > end) resolve(false);
      else setTimeout(check, 10);
    };
    check();
  });
}

describe('CpuBudget (a token bucket of the host’s real time)', () => {
  const limits = { cpuMs: 100, cpuWindowMs: 200, cpuBurstMs: 300, maxThrottledWindows: 3 };

  it('lets a burst run at once, then holds the app to its share', () => {
    let now = 0;
    const budget = new CpuBudget(limits, undefined, () => now);
    budget.charge(250);
    expect(budget.delay()).toBe(0);
    budget.charge(100);
    // 300 of credit, 350 used: 50 ms of debt at 0.5 ms per ms.
    expect(budget.delay()).toBe(101);
    now += 101;
    expect(budget.delay()).toBe(0);
    expect(budget.exhausted()).toBe(false);
  });

  it('is exhausted only after waiting in `maxThrottledWindows` consecutive windows', () => {
    let now = 0;
    const budget = new CpuBudget(limits, undefined, () => now);
    budget.charge(300);
    for (let i = 0; i < 3; i++) {
      budget.charge(90);
      const wait = budget.delay();
      expect(wait).toBeGreaterThan(0);
      expect(budget.exhausted()).toBe(i >= 2 && now >= 400);
      now += wait + 10;
    }
    expect(budget.exhausted()).toBe(true);
    expect(budget.describe()).toMatch(/CPU budget of 100 ms per 200 ms for 3 windows in a row \(\d+ ms of the host's time in the last 800 ms\)/);
  });

  it('ends the run of throttled windows when the app settles (a host driving it hard, step after step)', () => {
    let now = 0;
    const budget = new CpuBudget(limits, undefined, () => now);
    budget.charge(300);
    for (let i = 0; i < 6; i++) {
      budget.charge(90);
      now += budget.delay() + 10;
      // Between two steps the host's event loop turned and the app had nothing to do.
      budget.settled();
    }
    expect(budget.exhausted()).toBe(false);
  });

  it('caps the debt: one huge task (a first render the host takes seconds over) waits at most cpuBurstMs / share', () => {
    let now = 0;
    const budget = new CpuBudget(limits, undefined, () => now);
    budget.charge(5000);
    expect(budget.delay()).toBe(300 / 0.5 + 1);
  });

  it('forgives a busy moment once the app went quiet for a window', () => {
    let now = 0;
    const budget = new CpuBudget(limits, undefined, () => now);
    budget.charge(400);
    now += budget.delay();
    now += 1000;
    budget.charge(400);
    expect(budget.delay()).toBeGreaterThan(0);
    expect(budget.exhausted()).toBe(false);
  });

  it('earns credit on virtual time too (a harness advancing an hour runs an hourly timer)', () => {
    let now = 0;
    let virtual = 0;
    const budget = new CpuBudget(limits, () => virtual, () => now);
    budget.charge(400);
    expect(budget.delay()).toBeGreaterThan(0);
    virtual += 3_600_000;
    now += 1;
    expect(budget.delay()).toBe(0);
  });

  it('is part of the limits, validated, and off when the share is the whole window', () => {
    expect(DEFAULT_LIMITS).toMatchObject({ cpuMs: 500, cpuWindowMs: 1000, cpuBurstMs: 1000, maxThrottledWindows: 5 });
    expect(() => resolveLimits({ cpuMs: 2000 })).toThrow(/cpuMs.*cannot exceed "cpuWindowMs"/);
    const off = new CpuBudget({ ...limits, cpuMs: 200 }, undefined, () => 0);
    off.charge(1e6);
    expect(off.delay()).toBe(0);
  });
});

const SPIN = `function spin(ms) { const end = Date.now() + ms; while (Date.now() < end) {} }`;

describe('a real-clock host running an abusive app (QuickJS)', () => {
  const fast = { taskMs: 100, cpuMs: 100, cpuWindowMs: 400, cpuBurstMs: 100, maxThrottledWindows: 3 };

  it('throttles then terminates a busy setInterval whose every task stops just under the deadline; the host keeps its timers', async () => {
    const host = await FakeHost.start(
      appBundle({ 'pages/index/index': `${SPIN} Page({ onLoad() { setInterval(() => spin(90), 0); } });` }, 'App({})'),
      { limits: fast },
    );
    const beat = heartbeat();
    const started = performance.now();
    try {
      await host.send(load);
      expect(await until(() => host.errors('terminated').length > 0, 10_000)).toBe(true);
      const elapsed = performance.now() - started;
      const { beats, expected, longestGap } = beat.stop();
      // 25 % share: three throttled windows of 400 ms after a 100 ms burst, not ten seconds.
      expect(elapsed).toBeLessThan(4000);
      expect(host.errors('timeout')).toEqual([]);
      expect(host.errors('terminated')).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/CPU budget of 100 ms per 400 ms for 3 windows in a row/) }),
      ]);
      // The host's own 10 ms timer kept firing (without fair time: once per 90 ms task, 11 %), and
      // never waited much longer than one task.
      expect(beats).toBeGreaterThan(expected * 0.3);
      expect(longestGap).toBeLessThan(400);
      expect(host.transport.terminated).toBe(true);
    } finally {
      beat.stop();
      await host.dispose();
    }
  });

  it('throttles a chain of promise jobs and timers (each drain under the deadline) the same way', async () => {
    const host = await FakeHost.start(
      appBundle(
        { 'pages/index/index': `${SPIN} Page({ onLoad() { const f = () => { spin(60); Promise.resolve().then(() => spin(30)).then(() => setTimeout(f, 0)); }; f(); } });` },
        'App({})',
      ),
      { limits: fast },
    );
    const beat = heartbeat();
    try {
      await host.send(load);
      expect(await until(() => host.errors('terminated').length > 0, 10_000)).toBe(true);
      expect(host.errors('terminated')[0]!.message).toMatch(/more than its share of the host's time/);
      expect(beat.stop().beats).toBeGreaterThan(0);
    } finally {
      beat.stop();
      await host.dispose();
    }
  });

  it('does not punish a heavy launch or a burst of taps (default limits); the same app keeping the host busy afterwards is terminated', async () => {
    const host = await FakeHost.start(
      appBundle(
        {
          'pages/index/index': `${SPIN} Page({
            data: { n: 0 },
            onLoad() { spin(600); },
            heavy() { spin(40); this.setData({ n: this.data.n + 1 }); },
            abuse() { setInterval(() => spin(400), 0); },
          });`,
        },
        'App({})',
      ),
      { limits: { taskMs: 2000 } },
    );
    try {
      await host.send(load);
      await host.send(...Array.from({ length: 20 }, () => tap('heavy')));
      expect(host.data.get(1)).toEqual({ n: 20 });
      expect(host.errors()).toEqual([]);
      expect(host.transport.terminated).toBe(false);
      host.transport.post([tap('abuse')]);
      expect(await until(() => host.errors('terminated').length > 0, 20_000)).toBe(true);
      expect(host.errors('terminated')[0]!.message).toMatch(/CPU budget of 500 ms per 1000 ms for 5 windows in a row/);
    } finally {
      await host.dispose();
    }
  });

  it('bounds a loop of slow synchronous host calls: host time extends a task’s deadline by at most the deadline', async () => {
    const host = await FakeHost.start(
      appBundle({ 'pages/index/index': `Page({ loop() { for (;;) my.getSystemInfoSync(); } });` }, 'App({})'),
      {
        limits: { taskMs: 100 },
        answer: (msg) => {
          if (msg.api === 'getSystemInfoSync') {
            const end = Date.now() + 20;
            while (Date.now() < end) {
              /* a slow host */
            }
          }
          return { ok: true, result: {} };
        },
      },
    );
    try {
      await host.send(load);
      const started = performance.now();
      await host.send(tap('loop'));
      expect(performance.now() - started).toBeLessThan(1000);
      expect(host.errors('timeout')).toHaveLength(1);
    } finally {
      await host.dispose();
    }
  });
});

describe('timers (QuickJS, virtual time)', () => {
  it('clamps nested 0 ms timers to 4 ms after five levels, so virtual time moves (setTimeout chain and setInterval)', async () => {
    const clock = new ManualClock(0);
    const host = await FakeHost.start(
      appBundle(
        {
          'pages/index/index': `Page({
            onLoad() {
              let chain = 0, every = 0;
              const tick = () => { chain++; console.log('chain ' + chain + ' @' + Date.now()); setTimeout(tick, 0); };
              setTimeout(tick, 0);
              setInterval(() => { every++; console.log('every ' + every + ' @' + Date.now()); }, 0);
            },
          });`,
        },
        'App({})',
      ),
      { clock },
    );
    try {
      await host.send(load);
      // Step through one virtual instant as often as a harness would: only the first levels fire at 0.
      for (let i = 0; i < 50; i++) {
        clock.advance(0);
        await host.settle();
      }
      const atZero = host.trail().map(String);
      expect(atZero.filter((l) => l.startsWith('chain'))).toHaveLength(6);
      expect(atZero.filter((l) => l.startsWith('every'))).toHaveLength(6);
      host.clear();
      for (let t = 0; t < 40; t++) {
        clock.advance(1);
        await host.settle();
      }
      const later = host.trail().map(String);
      // Every 4 ms from then on: 10 more of each in 40 ms.
      expect(later.filter((l) => l.startsWith('chain'))).toHaveLength(10);
      expect(later.filter((l) => l.startsWith('every'))).toHaveLength(10);
      expect(later.at(-1)).toMatch(/@40$/);
    } finally {
      await host.dispose();
    }
  });

  it('counts timers that fell due and wait for their turn as live: maxTimers holds', async () => {
    const clock = new ManualClock(0);
    const host = await FakeHost.start(
      appBundle(
        {
          'pages/index/index': `Page({
            many() {
              for (let i = 0; i < 5; i++) setTimeout(() => {
                let made = 0;
                try { for (let j = 0; j < 5; j++) { setTimeout(() => {}, 100000); made++; } } catch (e) { console.log(e.name + ' after ' + made); }
              }, 0);
            },
          });`,
        },
        'App({})',
      ),
      { clock, limits: { maxTimers: 5 } },
    );
    try {
      await host.send(load, tap('many'));
      // All five fall due at once: four still wait in the queue when the first one runs.
      clock.advance(0);
      await host.settle();
      // Each one that runs frees its own slot and gets exactly one more: never more than five live.
      expect(host.trail()).toEqual(Array(5).fill('RangeError after 1'));
    } finally {
      await host.dispose();
    }
  });
});
