/**
 * The runaway mini-program of the limit tests and the checks every kind of sandbox must pass with it
 * (a loop in a handler, a timer and a promise job stopped at the task deadline; deep recursion an
 * ordinary error; an allocation bomb stopped at the heap cap; the next tap works after each):
 * limits.test.ts runs them on a container's own sandbox, pool-limits.test.ts on a pooled one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { logLines, page } from '../support/project.ts';

export const TASK_MS = 150;

export const files = {
  'app.js': `App({ onError(message) { console.log('App.onError', message); } });`,
  ...page('pages/index/index', {
    axml: `
<view id="count">{{count}}</view>
<button id="ok" onTap="ok">ok</button>
<button id="spin" onTap="spin">spin</button>
<button id="spin-catching" onTap="spinCatching">spin catching</button>
<button id="spin-timer" onTap="spinTimer">spin in a timer</button>
<button id="spin-async" onTap="spinAsync">spin in a promise job</button>
<button id="recurse" onTap="recurse">recurse</button>
<button id="bomb" onTap="bomb">bomb</button>`,
    js: `
function down(n) { return down(n + 1) + 1; }
Page({
  data: { count: 0 },
  ok() { this.setData({ count: this.data.count + 1 }); },
  spin() { for (;;) {} },
  spinCatching() {
    for (;;) {
      try { for (;;) {} } catch (e) { console.log('swallowed', String(e)); }
    }
  },
  spinTimer() { setTimeout(() => { for (;;) {} }, 10); },
  async spinAsync() { await null; for (;;) {} },
  recurse() { down(0); },
  bomb() {
    const hoard = [];
    for (;;) hoard.push(new Array(100000).fill(hoard.length));
  },
});`,
  }),
};

/** The limits both suites launch with (the heap cap in MiB is in the oom message checked below). */
export const LIMITS = { taskMs: TASK_MS, heapBytes: 32 * 1024 * 1024, maxConsecutiveFailures: 3 };

/** The deadline, stack and heap checks on the app `current()` answers (launched by the suite's beforeAll). */
export function runawayChecks(label: string, current: () => MiniApp): void {
  let errorsSeen = 0;
  const newErrors = (): MiniApp['errors'][number][] => {
    const app = current();
    const fresh = app.errors.slice(errorsSeen);
    errorsSeen = app.errors.length;
    return [...fresh];
  };
  const stillWorks = async (): Promise<void> => {
    const p = current().currentPage();
    const before = Number(p.text('#count'));
    await p.tap('#ok');
    expect(p.text('#count')).toBe(String(before + 1));
  };
  beforeEach(() => {
    newErrors();
  });

  describe(`CPU deadline${label}`, () => {
    it('stops an infinite loop in a handler, reports it to the host and App.onError, and the next tap works', async () => {
      await current().currentPage().tap('#spin');
      const errors = newErrors();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ kind: 'timeout', message: expect.stringContaining(`longer than ${TASK_MS} ms`) });
      expect(logLines(current()).at(-1)).toMatch(new RegExp(`^App\\.onError .*longer than ${TASK_MS} ms`));
      await stillWorks();
    });

    it('cannot be swallowed by try/catch in the guest', async () => {
      await current().currentPage().tap('#spin-catching');
      expect(newErrors()).toMatchObject([{ kind: 'timeout' }]);
      expect(logLines(current()).some((l) => l.startsWith('swallowed'))).toBe(false);
      await stillWorks();
    });

    it('stops an infinite loop in a timer callback', async () => {
      await current().currentPage().tap('#spin-timer');
      await current().advanceTime(20);
      expect(newErrors()).toMatchObject([{ kind: 'timeout' }]);
      await stillWorks();
    });

    it('stops an infinite loop in a promise job (after an await)', async () => {
      await current().currentPage().tap('#spin-async');
      expect(newErrors()).toMatchObject([{ kind: 'timeout' }]);
      await stillWorks();
    });
  });

  describe(`stack and heap${label}`, () => {
    it('turns deep recursion into an ordinary error with the author file', async () => {
      await current().currentPage().tap('#recurse');
      const errors = newErrors();
      expect(errors).toHaveLength(1);
      expect(errors[0]!.kind).toBe('uncaught');
      expect(errors[0]!.message).toMatch(/stack/i);
      expect(errors[0]!.stack).toContain('pages/index/index.js');
      await stillWorks();
    });

    it('stops an allocation bomb at the heap limit with a clear error; the app keeps working', async () => {
      await current().currentPage().tap('#bomb');
      const errors = newErrors();
      expect(errors[0]).toMatchObject({ kind: 'oom', message: expect.stringContaining('ran out of memory (heap limit 32 MiB)') });
      await stillWorks();
      expect(current().session.container.isTerminated).toBe(false);
    });
  });
}
