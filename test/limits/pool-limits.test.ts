/**
 * The limits of limits.test.ts hold for containers whose sandbox came from a prewarmed pool
 * (`createContainerPool`): the heap cap, the stack limit and the CPU deadline are applied when the
 * pool boots a sandbox, before any app is known, and must still stop the same runaway code with the
 * same errors — a loop in a handler, in a timer and in a promise job, deep recursion, an allocation
 * bomb — and the app must go on rendering after each. Run through the author harness with
 * `logic: pool.logic` (its virtual clock reaches the pooled sandbox at launch).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { createContainerPool, type ContainerPool } from '@mpk/runtime';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

const TASK_MS = 150;
const LIMITS = { taskMs: TASK_MS, heapBytes: 32 * 1024 * 1024, maxConsecutiveFailures: 3 };

const files = {
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

let pool: ContainerPool;
let app: MiniApp;
let errorsSeen = 0;

function newErrors(): MiniApp['errors'][number][] {
  const fresh = app.errors.slice(errorsSeen);
  errorsSeen = app.errors.length;
  return [...fresh];
}

async function stillWorks(): Promise<void> {
  const p = app.currentPage();
  const before = Number(p.text('#count'));
  await p.tap('#ok');
  expect(p.text('#count')).toBe(String(before + 1));
}

beforeAll(async () => {
  pool = createContainerPool({ size: 2, limits: LIMITS });
  await pool.ready();
  app = await launchProject(files, { limits: LIMITS, logic: pool.logic });
  // The app runs in a sandbox the pool had booted before it was launched.
  expect(pool.stats()).toMatchObject({ hits: 1, misses: 0 });
});
afterAll(async () => {
  await closeAll();
  pool.dispose();
});
beforeEach(() => {
  newErrors();
});

describe('CPU deadline (pooled sandbox)', () => {
  it('stops an infinite loop in a handler, reports it to the host and App.onError, and the next tap works', async () => {
    await app.currentPage().tap('#spin');
    const errors = newErrors();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'timeout', message: expect.stringContaining(`longer than ${TASK_MS} ms`) });
    expect(logLines(app).at(-1)).toMatch(new RegExp(`^App\\.onError .*longer than ${TASK_MS} ms`));
    await stillWorks();
  });

  it('cannot be swallowed by try/catch in the guest', async () => {
    await app.currentPage().tap('#spin-catching');
    expect(newErrors()).toMatchObject([{ kind: 'timeout' }]);
    expect(logLines(app).some((l) => l.startsWith('swallowed'))).toBe(false);
    await stillWorks();
  });

  it('stops an infinite loop in a timer callback', async () => {
    await app.currentPage().tap('#spin-timer');
    await app.advanceTime(20);
    expect(newErrors()).toMatchObject([{ kind: 'timeout' }]);
    await stillWorks();
  });

  it('stops an infinite loop in a promise job (after an await)', async () => {
    await app.currentPage().tap('#spin-async');
    expect(newErrors()).toMatchObject([{ kind: 'timeout' }]);
    await stillWorks();
  });
});

describe('stack and heap (pooled sandbox)', () => {
  it('turns deep recursion into an ordinary error with the author file', async () => {
    await app.currentPage().tap('#recurse');
    const errors = newErrors();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.kind).toBe('uncaught');
    expect(errors[0]!.message).toMatch(/stack/i);
    expect(errors[0]!.stack).toContain('pages/index/index.js');
    await stillWorks();
  });

  it('stops an allocation bomb at the heap limit with a clear error; the app keeps working', async () => {
    await app.currentPage().tap('#bomb');
    const errors = newErrors();
    expect(errors[0]).toMatchObject({ kind: 'oom', message: expect.stringContaining('ran out of memory (heap limit 32 MiB)') });
    await stillWorks();
    expect(app.session.container.isTerminated).toBe(false);
  });
});

describe('an app from the pool that keeps failing', () => {
  it('is terminated after repeated failures; another app from the same pool keeps running', async () => {
    const strict = createContainerPool({ size: 1, limits: { taskMs: TASK_MS, maxConsecutiveFailures: 2 } });
    try {
      await strict.ready();
      const failing = await launchProject(files, { limits: { taskMs: TASK_MS, maxConsecutiveFailures: 2 }, logic: strict.logic });
      await strict.ready();
      const other = await launchProject(files, { limits: { taskMs: TASK_MS, maxConsecutiveFailures: 2 }, logic: strict.logic });
      expect(strict.stats()).toMatchObject({ hits: 2, misses: 0 });
      const terminated: string[] = [];
      failing.session.container.on('terminated', (reason) => terminated.push(reason));
      await failing.currentPage().tap('#spin');
      await failing.currentPage().tap('#spin');
      expect(terminated).toEqual([expect.stringContaining('terminated after 2 consecutive failed tasks')]);
      expect(failing.errors.at(-1)).toMatchObject({ kind: 'terminated' });
      await failing.currentPage().tap('#ok');
      expect(failing.currentPage().text('#count')).toBe('0');
      await other.currentPage().tap('#ok');
      expect(other.currentPage().text('#count')).toBe('1');
    } finally {
      strict.dispose();
    }
  });

  it('refuses a launch that asks for other limits than the pool booted its sandboxes with', async () => {
    await expect(launchProject(files, { limits: { taskMs: TASK_MS * 2 }, logic: pool.logic })).rejects.toThrow(
      /^pool\.logic: a container from a pool runs with the pool's sandbox limits .*it asked for other "taskMs": pass them to createContainerPool\(\)$/,
    );
  });
});
