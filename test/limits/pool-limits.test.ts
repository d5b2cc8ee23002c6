/**
 * The limits of limits.test.ts hold for containers whose sandbox came from a prewarmed pool
 * (`createContainerPool`): the heap cap, the stack limit and the CPU deadline are applied when the
 * pool boots a sandbox, before any app is known, and must still stop the same runaway code with the
 * same errors — a loop in a handler, in a timer and in a promise job, deep recursion, an allocation
 * bomb — and the app must go on rendering after each. Run through the author harness with
 * `logic: pool.logic` (its virtual clock reaches the pooled sandbox at launch).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { createContainerPool, type ContainerPool } from '@mpk/runtime';
import { closeAll, launchProject } from '../support/project.ts';
import { files, LIMITS, runawayChecks, TASK_MS } from './runaway.ts';

let app: MiniApp;
let pool: ContainerPool;

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

runawayChecks(' (pooled sandbox)', () => app);

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
