/** Host-side records are bounded (src/adapters/ring-log.ts, the memory file store's quota). */
import { describe, expect, it } from 'vitest';
import { RingLog } from '../../src/adapters/ring-log.ts';
import { createMemoryFileStore } from '../../src/adapters/files.ts';
import { createHeadlessUi } from '../../src/adapters/ui.ts';

describe('RingLog', () => {
  it('keeps the latest entries, counts the dropped ones, and is still an array', () => {
    const log = new RingLog<number>(100);
    for (let i = 0; i < 1000; i++) log.push(i);
    expect(log.length).toBeLessThanOrEqual(100);
    expect(log.length).toBeGreaterThanOrEqual(90);
    expect(log.dropped + log.length).toBe(1000);
    expect(log.at(-1)).toBe(999);
    expect(Array.isArray(log)).toBe(true);
    expect(log.filter((n) => n % 2 === 0).constructor).toBe(Array);
    expect(Object.keys(log).every((k) => /^\d+$/.test(k))).toBe(true);
    log.clear();
    expect([log.length, log.dropped]).toEqual([0, 0]);
    expect(() => new RingLog(0)).toThrow(RangeError);
  });

  it('bounds the headless UI’s record', () => {
    const ui = createHeadlessUi();
    for (let i = 0; i < 5000; i++) ui.showToast({ content: String(i) } as never, {} as never);
    expect(ui.calls.length).toBeLessThanOrEqual(1000);
    expect(ui.calls.dropped).toBeGreaterThan(0);
  });
});

describe('memory file store quota', () => {
  it('lets go of the oldest temporary files first, and refuses what cannot fit', () => {
    const files = createMemoryFileStore({ maxBytesPerApp: 100, maxFilesPerApp: 3 });
    const bytes = (n: number) => new Uint8Array(n);
    files.write('a', 'https://usr/keep', bytes(40));
    files.write('a', 'https://resource/t1', bytes(30));
    files.write('a', 'https://resource/t2', bytes(30));
    files.write('a', 'https://resource/t3', bytes(30));
    expect(files.list('a')).toEqual(['https://usr/keep', 'https://resource/t2', 'https://resource/t3']);
    expect(() => files.write('a', 'https://usr/big', bytes(70))).toThrow(/files are full/);
    expect(() => files.write('a', 'https://usr/huge', bytes(101))).toThrow(/more than the 100 an app may keep/);
    // Another app has its own quota.
    files.write('b', 'https://usr/x', bytes(100));
    expect(files.list('b')).toEqual(['https://usr/x']);
  });
});
