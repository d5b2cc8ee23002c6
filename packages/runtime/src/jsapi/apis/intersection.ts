/**
 * The host side of IntersectionObserver (docs: 节点查询/my.createIntersectionObserver, IntersectionObserver.*).
 * The base library builds the observer (guest/intersection-observer.ts) and sends `intersectionObserve`
 * per `observe(selector, callback)`; the renderer watches the nodes and each entry goes back as the
 * `IntersectionObserver.entry` host event. `intersectionDisconnect` stops one. Observers end with their page.
 */

import type { IntersectionRequest } from '../../contract/renderer.ts';
import { defineApi } from '../define.ts';
import { ApiFailure } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';
import { normalizeThresholds } from '../../view/intersection.ts';

/** The event entries travel in (the base library routes it to the observer, never to `my.on` listeners). */
export const INTERSECTION_EVENT = 'IntersectionObserver.entry';

const observersOf = (ctx: ApiCallContext) => ctx.local('intersectionObservers', () => new Map<number, () => void>());

const margin = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.max(-10_000, Math.min(10_000, value)) : 0);

interface ObserveArgs {
  observer: number;
  page?: number;
  selector: string;
  all?: boolean;
  relativeTo?: string;
  margins?: Record<string, unknown>;
  thresholds?: unknown[];
  initialRatio?: number;
  dataset?: boolean;
}

export function intersectionApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'intersectionObserve',
      kind: 'async',
      internal: true,
      params: s.object(
        {
          observer: s.integer({ minimum: 1 }),
          page: s.integer(),
          selector: s.string({ minLength: 1, maxLength: 1000 }),
          all: s.boolean(),
          relativeTo: s.string({ minLength: 1, maxLength: 1000 }),
          margins: s.object({ top: s.number(), right: s.number(), bottom: s.number(), left: s.number() }),
          thresholds: s.array(s.number({ minimum: 0, maximum: 1 }), { maxItems: 100 }),
          initialRatio: s.number({ minimum: 0, maximum: 1 }),
          dataset: s.boolean(),
        },
        { required: ['observer', 'selector'] },
      ),
      result: s.object({ page: s.integer() }),
      handler(args: ObserveArgs, ctx) {
        const page = args.page ?? ctx.services.currentPage()?.id;
        if (page === undefined) throw new ApiFailure(3, 'IntersectionObserver.observe: no page is open');
        const observers = observersOf(ctx);
        observers.get(args.observer)?.();
        const m = args.margins ?? {};
        const request: IntersectionRequest = {
          selector: args.selector,
          all: args.all === true,
          relativeTo: args.relativeTo,
          margins: { top: margin(m.top), right: margin(m.right), bottom: margin(m.bottom), left: margin(m.left) },
          thresholds: normalizeThresholds(args.thresholds),
          initialRatio: args.initialRatio ?? 0,
          dataset: args.dataset === true,
        };
        const stop = ctx.services.observeIntersection(
          page,
          request,
          (entry) => ctx.services.emit([{ t: 'hostEvent', name: INTERSECTION_EVENT, data: { observer: args.observer, entry } }]),
          () => observers.delete(args.observer),
        );
        if (!stop) throw new ApiFailure(3, 'IntersectionObserver.observe: the page is gone, the view cannot observe, or too many observers are live');
        observers.set(args.observer, stop);
        return { page };
      },
      description: 'Internal: IntersectionObserver.observe (the renderer watches the nodes; entries come back as host events).',
    }),
    defineApi({
      name: 'intersectionDisconnect',
      kind: 'async',
      internal: true,
      params: s.object({ observer: s.integer() }, { required: ['observer'] }),
      handler(args: { observer: number }, ctx) {
        const observers = observersOf(ctx);
        observers.get(args.observer)?.();
        observers.delete(args.observer);
        return {};
      },
      description: 'Internal: IntersectionObserver.disconnect.',
    }),
  ];
}
