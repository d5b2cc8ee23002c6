import { describe, expect, it } from 'vitest';
import { ManualClock, realClock } from '../../src/sandbox/clock.ts';
import { resolveLimits, DEFAULT_LIMITS } from '../../src/sandbox/limits.ts';

describe('ManualClock', () => {
  it('fires due timers in order of due time, each at its own time', () => {
    const clock = new ManualClock(100);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    const c = clock.setTimeout(() => fired.push('c'), 15);
    clock.setTimeout(() => fired.push(`d@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push('late'), 50);
    clock.clearTimeout(c);
    expect(clock.pending()).toBe(4);
    expect(clock.nextDue()).toBe(110);
    clock.advance(30);
    expect(fired).toEqual(['a@110', 'b@120', 'd@120']);
    expect(clock.now()).toBe(130);
    expect(clock.pending()).toBe(1);
  });

  it('fires timers scheduled by a firing timer when they fall inside the advanced window', () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 5);
    }, 5);
    clock.advance(10);
    expect(fired).toEqual([5, 10]);
  });

  it('rejects negative or non-finite advances', () => {
    expect(() => new ManualClock().advance(-1)).toThrow(RangeError);
    expect(() => new ManualClock().advance(Number.NaN)).toThrow(RangeError);
  });

  it('realClock uses the host timers', async () => {
    const at = realClock.now();
    await new Promise<void>((resolve) => realClock.setTimeout(resolve, 5));
    expect(realClock.now()).toBeGreaterThanOrEqual(at);
  });
});

describe('resolveLimits', () => {
  it('fills defaults and rejects nonsense', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ taskMs: 50, heapBytes: undefined })).toMatchObject({ taskMs: 50, heapBytes: 64 * 1024 * 1024 });
    expect(() => resolveLimits({ taskMs: -1 })).toThrow(/taskMs/);
    expect(() => resolveLimits({ bogus: 1 } as never)).toThrow(/Unknown sandbox limit "bogus"/);
  });
});
