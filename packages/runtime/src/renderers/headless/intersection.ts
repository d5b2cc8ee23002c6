/**
 * IntersectionObserver in the headless tree. There is no layout, so no node is in view by itself:
 * a test says how much of a node is visible (`setIntersection(pageId, nodes, ratio)`, the harness's
 * `page.setIntersection(selector, ratio)`) and each observer following that node reports the ratio
 * when it crosses a threshold (view/intersection.ts). Rects in the entries are zeros, the reference
 * area is the viewport.
 */

import type { IntersectionEntry, IntersectionRequest } from '../../contract/renderer.ts';
import { datasetOf } from '../../view/dataset.ts';
import { EMPTY_RECT, MAX_INTERSECTION_OBSERVERS, MAX_INTERSECTION_TARGETS, RatioTracker, rect } from '../../view/intersection.ts';
import type { HeadlessNode } from './node.ts';

interface Observer {
  pageId: number;
  request: IntersectionRequest;
  targets: HeadlessNode[];
  tracker: RatioTracker<HeadlessNode>;
  report: (entry: IntersectionEntry) => void;
}

export class HeadlessIntersections {
  private readonly observers = new Set<Observer>();

  constructor(private readonly viewport: { width: number; height: number }, private readonly now: () => number) {}

  observe(pageId: number, request: IntersectionRequest, targets: HeadlessNode[], report: (entry: IntersectionEntry) => void): (() => void) | undefined {
    if (this.observers.size >= MAX_INTERSECTION_OBSERVERS) return undefined;
    const observer: Observer = { pageId, request, targets: targets.slice(0, request.all ? MAX_INTERSECTION_TARGETS : 1), tracker: new RatioTracker(request), report };
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** `ratio` of each of `nodes` is visible now (0–1). Returns how many entries were reported. */
  setRatio(pageId: number, nodes: readonly HeadlessNode[], ratio: number): number {
    let reported = 0;
    for (const observer of this.observers) {
      if (observer.pageId !== pageId) continue;
      for (const node of nodes) {
        if (!observer.targets.includes(node) || !observer.tracker.update(node, ratio)) continue;
        const entry: IntersectionEntry = {
          id: node.attrs.id === undefined || node.attrs.id === null ? '' : String(node.attrs.id),
          intersectionRatio: ratio,
          intersectionRect: EMPTY_RECT,
          boundingClientRect: EMPTY_RECT,
          relativeRect: rect(0, 0, this.viewport.width, this.viewport.height),
          time: this.now(),
        };
        if (observer.request.dataset) entry.dataset = datasetOf(node.attrs);
        observer.report(entry);
        reported++;
      }
    }
    return reported;
  }

  pageDestroyed(pageId: number): void {
    for (const observer of this.observers) if (observer.pageId === pageId) this.observers.delete(observer);
  }

  get size(): number {
    return this.observers.size;
  }
}
