/**
 * Runaway mini-program code (ARCHITECTURE.md "The sandbox"; docs: framework/小程序全局配置/app.js 注册小程序.md
 * for onError): an infinite loop in a handler, a timer or a promise job is stopped at the task deadline
 * and reported to App.onError and the host, and the next tap still works; an allocation bomb hits the
 * heap limit with a clear error; deep recursion is an ordinary error; an app that keeps failing is
 * terminated while the host and other apps keep running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject } from '../support/project.ts';
import { files, LIMITS, runawayChecks, TASK_MS } from './runaway.ts';

let app: MiniApp;

beforeAll(async () => {
  app = await launchProject(files, { limits: LIMITS });
});
afterAll(closeAll);

runawayChecks('', () => app);

describe('an app that keeps failing', () => {
  it('is terminated after repeated failures; the host and another app keep running', async () => {
    const other = await launchProject(files, { limits: { taskMs: TASK_MS } });
    const failing = await launchProject(files, { limits: { taskMs: TASK_MS, maxConsecutiveFailures: 2 } });
    const terminated: string[] = [];
    failing.session.container.on('terminated', (reason) => terminated.push(reason));
    await failing.currentPage().tap('#spin');
    await failing.currentPage().tap('#spin');
    expect(terminated).toEqual([expect.stringContaining('terminated after 2 consecutive failed tasks')]);
    expect(failing.session.container.isTerminated).toBe(true);
    expect(failing.errors.at(-1)).toMatchObject({ kind: 'terminated' });
    // taps on a terminated app do nothing (and do not hang)
    await failing.currentPage().tap('#ok');
    expect(failing.currentPage().text('#count')).toBe('0');
    await other.currentPage().tap('#ok');
    expect(other.currentPage().text('#count')).toBe('1');
  });
});
