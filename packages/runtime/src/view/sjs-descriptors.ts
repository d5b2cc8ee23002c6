/**
 * Descriptor objects SJS event handlers and property observers receive (docs: SJS 响应事件):
 * `ownerComponent` (page or component) and `event.instance` (the element that bound the handler).
 * They act on the view directly — class and style changes, per-descriptor state, timers — and can
 * call a logic-side method (`callMethod`, sent as an `event` message carrying `arg`).
 *
 * Layout questions (`getBoundingClientRect`, `getComputedStyle`) get layout-free answers: zeros,
 * and the node's inline style.
 */
import type { MiniEvent } from '../contract/protocol.ts';
import type { SjsEventHandler } from '../contract/view-abi.ts';
import { datasetOf } from './dataset.ts';
import { effectiveAttr, effectiveClasses, inlineStyleValues, overlayOf, styleText } from './overlay.ts';
import { MAX_MATCHES, classNames, parseSelector, selectorMatcher, type SelectorAdapter } from './selector.ts';
import { Fiber, FiberKind, type Instance } from './tree.ts';

export interface DescriptorHost {
  /** Send the node's current (overlaid) value of `name` to the renderer. */
  emitAttr(fiber: Fiber, name: string, value: unknown): void;
  /** `callMethod(name, arg)`: run `name` on the logic side of `instance` with `arg`. */
  callMethod(instance: Instance, method: string, arg: unknown): void;
  /** Run `fn` after `ms` through the engine (errors reported, ops flushed); returns a handle. */
  setTimer(fn: () => void, ms: number): number;
  clearTimer(handle: number): void;
  reportError(instance: Instance, error: unknown): void;
}

const RESERVED_CLASS = /^a-/;

/** Nearest element-like ancestor: what selectors call the parent. */
function elementParent(fiber: Fiber): Fiber | undefined {
  for (let parent = fiber.parent; parent !== undefined; parent = parent.parent) {
    if (parent.kind === FiberKind.Root) return undefined;
    if (parent.node !== 0) return parent;
  }
  return undefined;
}

export const fiberSelectorAdapter: SelectorAdapter<Fiber> = {
  tag: (fiber) => fiber.tag,
  id: (fiber) => {
    const id = fiber.attrs.id;
    return id === undefined || id === null ? undefined : String(id);
  },
  classes: (fiber) => (fiber.overlay ? effectiveClasses(fiber) : classNames(fiber.attrs.class)),
  parent: elementParent,
};

/** Element-like fibers under `root` (document order) owned by `owner`. */
function ownedElements(root: Fiber, owner: Instance, into: Fiber[]): Fiber[] {
  for (const child of root.children) {
    if (child.node !== 0 && child.kind !== FiberKind.Text && child.owner === owner) into.push(child);
    ownedElements(child, owner, into);
  }
  return into;
}

export class SjsDescriptors {
  private elements = new WeakMap<Fiber, object>();
  private owners = new WeakMap<Instance, object>();
  private timers = new Set<number>();

  constructor(private readonly host: DescriptorHost) {}

  /** Calls an SJS event handler; returns true when it stopped propagation (returned false or called stopPropagation). */
  callHandler(handler: SjsEventHandler, event: MiniEvent, current: Fiber, path: readonly Fiber[]): boolean {
    let stopped = false;
    const sjsEvent = {
      ...event,
      instance: this.element(current),
      stopPropagation: () => {
        stopped = true;
      },
      preventDefault: () => {},
      composedPath: () => path.map((fiber) => this.element(fiber)),
    };
    try {
      const result = handler(sjsEvent, this.owner(current.owner));
      if (result === false) stopped = true;
    } catch (error) {
      this.host.reportError(current.owner, error);
    }
    return stopped;
  }

  /** `change:attr="{{sjs.fn}}"`: `(newValue, oldValue, ownerComponent, instance)`. */
  callObserver(observer: (...args: unknown[]) => unknown, fiber: Fiber, value: unknown, old: unknown): void {
    if (fiber.dead) return;
    try {
      observer(value, old, this.owner(fiber.owner), this.element(fiber));
    } catch (error) {
      this.host.reportError(fiber.owner, error);
    }
  }

  private select(root: Fiber, owner: Instance, selector: unknown, all: boolean): unknown {
    let list;
    try {
      list = parseSelector(String(selector));
    } catch (error) {
      this.host.reportError(owner, error);
      return all ? [] : null;
    }
    const matcher = selectorMatcher(list, fiberSelectorAdapter);
    const matches = ownedElements(root, owner, []).filter((fiber) => matcher(fiber)).slice(0, MAX_MATCHES);
    if (all) return matches.map((fiber) => this.element(fiber));
    return matches.length > 0 ? this.element(matches[0]) : null;
  }

  private common(root: () => Fiber, owner: Instance, state: () => Record<string, unknown>) {
    const host = this.host;
    const timers = this.timers;
    const setTimer = (fn: unknown, ms: unknown): number => {
      if (typeof fn !== 'function') return 0;
      const handle = host.setTimer(() => {
        timers.delete(handle);
        // What the SJS callback throws (its render budget included) is the app's error, never the host's.
        try {
          (fn as () => void)();
        } catch (error) {
          host.reportError(owner, error);
        }
      }, typeof ms === 'number' && ms > 0 ? ms : 0);
      timers.add(handle);
      return handle;
    };
    const clearTimer = (handle: unknown): void => {
      if (typeof handle === 'number' && timers.delete(handle)) host.clearTimer(handle);
    };
    return {
      selectComponent: (selector: unknown) => this.select(root(), owner, selector, false),
      selectAllComponents: (selector: unknown) => this.select(root(), owner, selector, true),
      getState: () => state(),
      callMethod: (method: unknown, arg?: unknown) => {
        if (typeof method === 'string' && method !== '' && !owner.destroyed) host.callMethod(owner, method, arg);
      },
      setTimeout: setTimer,
      clearTimeout: clearTimer,
      requestAnimationFrame: (fn: unknown) => setTimer(fn, 16),
      cancelAnimationFrame: clearTimer,
      selectOwnerComponent: () => (owner.owner ? this.owner(owner.owner) : null),
    };
  }

  /** The page/component descriptor. */
  owner(instance: Instance): object {
    let descriptor = this.owners.get(instance);
    if (descriptor === undefined) {
      descriptor = Object.freeze(
        this.common(
          () => instance.fiber,
          instance,
          () => (instance.sjsState ??= {}),
        ),
      );
      this.owners.set(instance, descriptor);
    }
    return descriptor;
  }

  /** The element descriptor (`event.instance`, observers' `instance`). */
  element(fiber: Fiber): object {
    let descriptor = this.elements.get(fiber);
    if (descriptor === undefined) {
      const host = this.host;
      const changeClasses = (add: boolean, names: unknown[]): void => {
        if (fiber.dead) return;
        const overlay = overlayOf(fiber);
        for (const raw of names) {
          for (const name of classNames(raw)) {
            if (RESERVED_CLASS.test(name)) continue;
            const [into, from] = add ? [overlay.addClasses, overlay.removeClasses] : [overlay.removeClasses, overlay.addClasses];
            const at = from.indexOf(name);
            if (at >= 0) from.splice(at, 1);
            if (!into.includes(name)) into.push(name);
          }
        }
        host.emitAttr(fiber, 'class', effectiveAttr(fiber, 'class', fiber.attrs.class));
      };
      descriptor = Object.freeze({
        ...this.common(
          () => fiber,
          fiber.owner,
          () => (overlayOf(fiber).state ??= {}),
        ),
        getDataset: () => datasetOf(fiber.attrs),
        hasClass: (name: unknown) => effectiveClasses(fiber).includes(String(name)),
        addClass: (...names: unknown[]) => changeClasses(true, names),
        removeClass: (...names: unknown[]) => changeClasses(false, names),
        setStyle: (style: unknown) => {
          if (fiber.dead) return;
          overlayOf(fiber).style = styleText(style);
          host.emitAttr(fiber, 'style', effectiveAttr(fiber, 'style', fiber.attrs.style));
        },
        getComputedStyle: (props: unknown) =>
          inlineStyleValues(effectiveAttr(fiber, 'style', fiber.attrs.style), Array.isArray(props) ? props : []),
        getBoundingClientRect: () => ({ x: 0, y: 0, left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0 }),
        getDOMProperty: (props: unknown) => {
          const overlay = fiber.overlay;
          const out: Record<string, number> = {};
          for (const prop of Array.isArray(props) ? props : []) {
            if (prop === 'scrollTop') out.scrollTop = overlay?.scrollTop ?? 0;
            if (prop === 'scrollLeft') out.scrollLeft = overlay?.scrollLeft ?? 0;
          }
          return out;
        },
        setDOMProperty: (props: unknown) => {
          if (typeof props !== 'object' || props === null || fiber.dead) return;
          const { scrollTop, scrollLeft } = props as { scrollTop?: unknown; scrollLeft?: unknown };
          const overlay = overlayOf(fiber);
          if (typeof scrollTop === 'number') overlay.scrollTop = scrollTop;
          if (typeof scrollLeft === 'number') overlay.scrollLeft = scrollLeft;
        },
      });
      this.elements.set(fiber, descriptor);
    }
    return descriptor;
  }

  dispose(): void {
    for (const handle of this.timers) this.host.clearTimer(handle);
    this.timers.clear();
  }
}
