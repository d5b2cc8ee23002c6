/**
 * IntersectionObserver on the real DOM: the browser's IntersectionObserver watches the matching
 * elements, rooted at the reference node (`relativeTo`, when it contains the targets) or at the page's
 * visible area (`relativeToViewport`), grown by the margins; view/intersection.ts decides which ratio
 * changes are reported. Rects are relative to the page's visible area, as selector queries answer them.
 */

import type { IntersectionEntry, IntersectionRect, IntersectionRequest } from '../../contract/renderer.ts';
import { datasetOf } from '../../view/dataset.ts';
import { MAX_INTERSECTION_TARGETS, RatioTracker, rect } from '../../view/intersection.ts';
import type { DomRecord } from './types.ts';

function relativeTo(box: DOMRectReadOnly, origin: DOMRect): IntersectionRect {
  return rect(box.left - origin.left, box.top - origin.top, box.width, box.height);
}

/**
 * Starts observing `targets`; returns the stop function. `pageRoot` is the page's visible area,
 * `reference` the relativeTo node's element if any.
 */
export function observeDomIntersection(
  pageRoot: HTMLElement,
  reference: HTMLElement | undefined,
  targets: readonly DomRecord[],
  request: IntersectionRequest,
  report: (entry: IntersectionEntry) => void,
  now: () => number,
): () => void {
  const view = pageRoot.ownerDocument.defaultView;
  if (!view?.IntersectionObserver) return () => undefined;
  const watched = targets.slice(0, request.all ? MAX_INTERSECTION_TARGETS : 1);
  const root = reference && watched.every((t) => reference.contains(t.node)) ? reference : pageRoot;
  const { top, right, bottom, left } = request.margins;
  const records = new Map<Element, DomRecord>(watched.map((r) => [r.node as Element, r]));
  const tracker = new RatioTracker<Element>(request);
  const observer = new view.IntersectionObserver(
    (entries) => {
      const origin = pageRoot.getBoundingClientRect();
      for (const entry of entries) {
        const record = records.get(entry.target);
        if (!record) continue;
        const ratio = entry.isIntersecting ? Math.min(1, entry.intersectionRatio) : 0;
        if (!tracker.update(entry.target, ratio)) continue;
        const out: IntersectionEntry = {
          id: record.attrs.id === undefined || record.attrs.id === null ? '' : String(record.attrs.id),
          intersectionRatio: ratio,
          intersectionRect: relativeTo(entry.intersectionRect, origin),
          boundingClientRect: relativeTo(entry.boundingClientRect, origin),
          relativeRect: entry.rootBounds ? relativeTo(entry.rootBounds, origin) : rect(0, 0, pageRoot.clientWidth, pageRoot.clientHeight),
          time: now(),
        };
        if (request.dataset) out.dataset = datasetOf(record.attrs);
        report(out);
      }
    },
    { root, rootMargin: `${top}px ${right}px ${bottom}px ${left}px`, threshold: request.thresholds },
  );
  for (const record of watched) observer.observe(record.node as Element);
  return () => observer.disconnect();
}
