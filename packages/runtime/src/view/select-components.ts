/**
 * The view side of `this.$selectComponent(selector)` / `this.$selectAllComponents(selector)`
 * (docs: 组件对象 → 组件实例方法): the custom components a page or component wrote in its own
 * template (slot content it passes included) that match the selector, in document order — a
 * component's own subtree before its next sibling. A component matches by its tag and the `id`/
 * `class` written on its tag; ancestors in the selector are nodes of the same template. With the
 * cross-component combinator `>>>` the search goes into other components' templates as well.
 */
import type { VElement } from '../contract/view-abi.ts';
import { fiberSelectorAdapter } from './sjs-descriptors.ts';
import { MAX_MATCHES, classNames, parseSelector, selectorMatcher, type SelectorAdapter } from './selector.ts';
import { Fiber, FiberKind, type Instance } from './tree.ts';

function tagAttrs(fiber: Fiber): Record<string, unknown> {
  const vnode = fiber.vnode as VElement | undefined;
  return vnode && typeof vnode.attrs === 'object' && vnode.attrs !== null ? vnode.attrs : {};
}

function isSelectable(fiber: Fiber): boolean {
  return fiber.kind === FiberKind.Component || (fiber.kind === FiberKind.Element && fiber.node !== 0);
}

/** Ids of the matching component instances (at most one unless `all`). Throws SelectorSyntaxError. */
export function selectComponentIds(instance: Instance, selector: string, all: boolean): number[] {
  const list = parseSelector(selector);
  const crossing = selector.includes('>>>');
  const root = instance.fiber;
  const visible = (fiber: Fiber): boolean => crossing || fiber.owner === instance;
  const adapter: SelectorAdapter<Fiber> = {
    tag: (fiber) => fiber.tag,
    id: (fiber) => {
      if (fiber.kind !== FiberKind.Component) return fiberSelectorAdapter.id(fiber);
      const id = tagAttrs(fiber).id;
      return id === undefined || id === null ? undefined : String(id);
    },
    classes: (fiber) => (fiber.kind === FiberKind.Component ? classNames(tagAttrs(fiber).class) : fiberSelectorAdapter.classes(fiber)),
    parent: (fiber) => {
      for (let up = fiber.parent; up !== undefined && up !== root; up = up.parent) {
        if (isSelectable(up) && visible(up)) return up;
      }
      return undefined;
    },
  };
  const found: number[] = [];
  const matches = selectorMatcher(list, adapter);
  const walk = (fiber: Fiber): boolean => {
    for (const child of fiber.children) {
      const target = child.instance;
      if (child.kind === FiberKind.Component && target !== undefined && !target.destroyed && visible(child) && matches(child)) {
        found.push(target.id);
        if (!all || found.length >= MAX_MATCHES) return true;
      }
      if (walk(child)) return true;
    }
    return false;
  };
  walk(root);
  return found;
}
