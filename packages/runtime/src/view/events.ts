/**
 * User events over the engine's tree (docs: 事件系统/事件介绍, 事件对象; SPEC-DIGEST §2.8–2.9, §4.7).
 *
 * Capture phase root → target (`capture-on*`; `capture-catch*` ends the whole dispatch), then bubble
 * target → root (`on*`; `catch*` handles and stops). Only the documented bubbling events (touch*,
 * tap, longTap) travel; any other event type (input, change, scroll, submit…) runs only the handlers
 * on the node it fired on. Every element counts, including non-virtual component hosts, and the
 * path crosses component boundaries; a handler name resolves on the instance that owns the node
 * declaring it. The event object follows the Alipay quirk: `target.dataset` is the dataset of the
 * node that bound the handler, `target.targetDataset` the one of the node that fired.
 */
import type { EventMessage, EventTargetInfo, MiniEvent } from '../contract/protocol.ts';
import type { EventBinding, SjsEventHandler } from '../contract/view-abi.ts';
import { datasetOf, mergeMarks } from './dataset.ts';
import { Fiber, FiberKind, type Instance } from './tree.ts';

export const BUBBLING_EVENTS: ReadonlySet<string> = new Set([
  'touchStart',
  'touchMove',
  'touchEnd',
  'touchCancel',
  'tap',
  'longTap',
]);

export interface EventExtra {
  touches?: unknown[];
  changedTouches?: unknown[];
}

export interface EventSink {
  /** Queue one `event` message (sent in order, in one batch, when the dispatch is over). */
  post(message: EventMessage): void;
  /** Run an SJS handler on the view side; returns true when it stopped propagation. */
  callSjs(handler: SjsEventHandler, event: MiniEvent, current: Fiber, path: readonly Fiber[]): boolean;
}

/** Element-like fibers (elements and non-virtual component hosts) from `target` up to the page root. */
export function eventPath(target: Fiber): Fiber[] {
  const path: Fiber[] = [];
  for (let fiber: Fiber | undefined = target; fiber !== undefined; fiber = fiber.parent) {
    if (fiber.node !== 0 && (fiber.kind === FiberKind.Element || fiber.kind === FiberKind.Component)) path.push(fiber);
  }
  return path;
}

class EventBuilder {
  private datasets = new Map<Fiber, Record<string, unknown>>();
  private marks = new Map<Instance, Record<string, unknown>>();

  constructor(
    private readonly type: string,
    private readonly timeStamp: number,
    private readonly target: Fiber,
    private readonly detail: unknown,
    private readonly extra: EventExtra | undefined,
  ) {}

  private dataset(fiber: Fiber): Record<string, unknown> {
    let dataset = this.datasets.get(fiber);
    if (dataset === undefined) {
      dataset = datasetOf(fiber.attrs);
      this.datasets.set(fiber, dataset);
    }
    return dataset;
  }

  /**
   * Marks along the path from the target up, child winning; a component's handler does not see
   * marks outside that component (docs: 事件对象 → mark).
   */
  private mark(owner: Instance): Record<string, unknown> {
    let mark = this.marks.get(owner);
    if (mark === undefined) {
      mark = {};
      const boundary = owner.kind === 'component' ? owner.fiber : undefined;
      for (let fiber: Fiber | undefined = this.target; fiber !== undefined && fiber !== boundary; fiber = fiber.parent) {
        if (fiber.kind === FiberKind.Element) mergeMarks(fiber.attrs, mark);
      }
      this.marks.set(owner, mark);
    }
    return { ...mark };
  }

  private info(fiber: Fiber, dataset: Record<string, unknown>): EventTargetInfo {
    const info: EventTargetInfo = { tagName: fiber.tag, dataset };
    const id = fiber.attrs.id;
    if (id !== undefined && id !== null && id !== false) info.id = String(id);
    return info;
  }

  build(current: Fiber): MiniEvent {
    const dataset = this.dataset(current);
    const target = this.info(this.target, { ...dataset });
    target.targetDataset = { ...this.dataset(this.target) };
    const event: MiniEvent = {
      type: this.type,
      timeStamp: this.timeStamp,
      target,
      currentTarget: this.info(current, { ...dataset }),
      mark: this.mark(current.owner),
    };
    if (this.detail !== undefined) event.detail = this.detail;
    if (this.extra?.touches !== undefined) event.touches = this.extra.touches;
    if (this.extra?.changedTouches !== undefined) event.changedTouches = this.extra.changedTouches;
    return event;
  }
}

/**
 * Runs the handlers bound on `fiber` for this phase. Returns true when propagation must stop
 * (a `catch*` binding, or an SJS handler that stopped it).
 */
function runBindings(
  fiber: Fiber,
  type: string,
  capture: boolean,
  builder: EventBuilder,
  sink: EventSink,
  path: readonly Fiber[],
): boolean {
  const events = fiber.events;
  if (!Array.isArray(events)) return false;
  let stop = false;
  for (const binding of events as EventBinding[]) {
    if (typeof binding !== 'object' || binding === null) continue;
    if (binding.type !== type || Boolean(binding.capture) !== capture) continue;
    if (binding.catch) stop = true;
    const handler = binding.handler;
    if (typeof handler === 'string') {
      if (handler !== '') sink.post({ t: 'event', id: fiber.owner.id, handler, event: builder.build(fiber) });
    } else if (typeof handler === 'function') {
      if (sink.callSjs(handler, builder.build(fiber), fiber, path)) stop = true;
    }
  }
  return stop;
}

/** Dispatches one user event fired on `target` (an element or text fiber). */
export function dispatchEvent(
  sink: EventSink,
  target: Fiber,
  type: string,
  timeStamp: number,
  detail: unknown,
  extra: EventExtra | undefined,
): void {
  let origin: Fiber | undefined = target;
  while (origin !== undefined && origin.kind === FiberKind.Text) origin = origin.parent;
  if (origin === undefined || origin.kind === FiberKind.Root) return;
  const fullPath = eventPath(origin);
  if (fullPath.length === 0) return;
  const path = BUBBLING_EVENTS.has(type) ? fullPath : fullPath.slice(0, 1);
  const builder = new EventBuilder(type, timeStamp, path[0], detail, extra);
  for (let i = path.length - 1; i >= 0; i--) {
    if (runBindings(path[i], type, true, builder, sink, fullPath)) return;
  }
  for (let i = 0; i < path.length; i++) {
    if (runBindings(path[i], type, false, builder, sink, fullPath)) return;
  }
}
