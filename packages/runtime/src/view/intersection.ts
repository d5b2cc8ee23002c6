/**
 * IntersectionObserver semantics shared by the renderers (docs: my.createIntersectionObserver,
 * IntersectionObserver.observe): a target is reported when its intersection ratio crosses one of the
 * observer's thresholds, starting from `initialRatio` — so a node that is out of view at the start is
 * not reported with the default initialRatio 0 and thresholds [0], and one in view is.
 */

import type { IntersectionRect, IntersectionRequest } from '../contract/renderer.ts';

/** Live observers per renderer. The limit keeps one page from making the view track without end. */
export const MAX_INTERSECTION_OBSERVERS = 100;
/** Nodes one observer (`selectAll`) follows at most. */
export const MAX_INTERSECTION_TARGETS = 200;

/** Whether going from ratio `last` to `next` crosses (or lands on) a threshold. */
export function crossesThreshold(last: number, next: number, thresholds: readonly number[]): boolean {
  if (last === next) return false;
  for (const t of thresholds) {
    // Threshold 0 is "starts or stops intersecting at all", as in the browser's IntersectionObserver.
    if (t === 0) {
      if ((last > 0) !== (next > 0)) return true;
      continue;
    }
    if ((last < t) !== (next < t)) return true;
    if (next === t) return true;
  }
  return false;
}

/** Thresholds as the platform takes them: numbers in [0, 1], sorted; [0] when none are valid. */
export function normalizeThresholds(values: unknown): number[] {
  const list = Array.isArray(values) ? values.filter((v): v is number => typeof v === 'number' && v >= 0 && v <= 1) : [];
  return list.length > 0 ? [...new Set(list)].sort((a, b) => a - b) : [0];
}

export function rect(left: number, top: number, width: number, height: number): IntersectionRect {
  return { left, top, right: left + width, bottom: top + height, width, height };
}

export const EMPTY_RECT: IntersectionRect = rect(0, 0, 0, 0);

/** Tracks each target's last ratio and tells whether a new one is worth reporting. */
export class RatioTracker<K> {
  private readonly last = new Map<K, number>();

  constructor(private readonly request: IntersectionRequest) {}

  /** Records `ratio` for `target`; true when it crossed a threshold since the last report. */
  update(target: K, ratio: number): boolean {
    const previous = this.last.get(target) ?? this.request.initialRatio;
    const crossed = crossesThreshold(previous, ratio, this.request.thresholds);
    if (crossed) this.last.set(target, ratio);
    return crossed;
  }
}
