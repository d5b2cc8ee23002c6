/**
 * Selector queries measure frames, and on the platform each answer comes back with a frame: an app
 * whose `didUpdate` queries its own size and sets data from the answer (mini-ali-ui's swipe-action)
 * loops once per frame there, forever, at no cost to anyone. Answered at once, the same loop would
 * spin as fast as the host can go and never let the container settle. So queries are paced: each
 * instance gets a few answers per frame (enough for any real sequence of queries), later ones wait
 * for the next frame on the container's clock — virtual time in tests and `mpk run`, the wall clock
 * otherwise. Deferred work is not in flight, so the container can settle between frames.
 */
import type { Clock } from '../sandbox/clock.ts';

/** One frame at 60 Hz. */
export const FRAME_MS = 16;
/** Answers an instance gets within one frame before the rest wait for the next one. */
export const ANSWERS_PER_FRAME = 4;

export class FramePacer {
  private frame = -1;
  private readonly answered = new Map<number, number>();
  private readonly timers = new Set<unknown>();

  constructor(private readonly clock: Clock) {}

  /** Runs `answer` for instance `id` now, or at the next frame when `id` used up this frame's answers. */
  run(id: number | undefined, answer: () => void): void {
    const frame = Math.floor(this.clock.now() / FRAME_MS);
    if (frame !== this.frame) {
      this.frame = frame;
      this.answered.clear();
    }
    const key = id ?? -1;
    const count = this.answered.get(key) ?? 0;
    if (count < ANSWERS_PER_FRAME) {
      this.answered.set(key, count + 1);
      answer();
      return;
    }
    const wait = (frame + 1) * FRAME_MS - this.clock.now();
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      this.run(id, answer);
    }, Math.max(1, wait));
    this.timers.add(timer);
  }

  /** Drops what waits for a frame (the container is going away). */
  dispose(): void {
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
  }
}
