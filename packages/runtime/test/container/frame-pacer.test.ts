import { describe, expect, it } from 'vitest';
import { ANSWERS_PER_FRAME, FRAME_MS, FramePacer } from '../../src/container/frame-pacer.ts';
import { ManualClock } from '../../src/sandbox/clock.ts';

describe('FramePacer', () => {
  it('answers a few queries per instance per frame at once and the rest at the next frame', () => {
    const clock = new ManualClock(1000 * FRAME_MS + 3);
    const pacer = new FramePacer(clock);
    const log: string[] = [];
    for (let i = 0; i < ANSWERS_PER_FRAME + 2; i++) pacer.run(7, () => log.push(`a${i}`));
    pacer.run(8, () => log.push('other'));
    expect(log).toEqual([...Array.from({ length: ANSWERS_PER_FRAME }, (_, i) => `a${i}`), 'other']);
    clock.advance(FRAME_MS - 4);
    expect(log).toHaveLength(ANSWERS_PER_FRAME + 1);
    clock.advance(1);
    expect(log.slice(-2)).toEqual([`a${ANSWERS_PER_FRAME}`, `a${ANSWERS_PER_FRAME + 1}`]);
  });

  it('drops what waits for a frame when disposed', () => {
    const clock = new ManualClock(0);
    const pacer = new FramePacer(clock);
    let ran = 0;
    for (let i = 0; i < ANSWERS_PER_FRAME + 3; i++) pacer.run(1, () => ran++);
    pacer.dispose();
    clock.advance(10 * FRAME_MS);
    expect(ran).toBe(ANSWERS_PER_FRAME);
    expect(clock.pending()).toBe(0);
  });
});
