/**
 * The engine's own tree: one `Fiber` per rendered vnode, plus the instances (pages and custom
 * components) that own them. Renderer nodes exist only for elements, texts, page roots and
 * non-virtual component hosts; virtual components and slots are fragments (`node === 0`) whose
 * children sit directly in the nearest ancestor with a node.
 */
import type { EventBinding, VNode } from '../contract/view-abi.ts';
import type { ClassMap } from './external-classes.ts';
import type { NodeId } from '../contract/renderer.ts';

export const FiberKind = {
  Root: 0,
  Element: 1,
  Text: 2,
  Component: 3,
  Slot: 4,
} as const;
export type FiberKind = (typeof FiberKind)[keyof typeof FiberKind];

/** Where a slot's children came from: the owner's plain children, its slot-scope function, or the fallback. */
export const SlotSource = { Content: 0, Scoped: 1, Fallback: 2 } as const;
export type SlotSource = (typeof SlotSource)[keyof typeof SlotSource];

/** View-side changes made by SJS descriptors (`addClass`, `setStyle`…), layered over rendered attrs. */
export interface Overlay {
  addClasses: string[];
  removeClasses: string[];
  style: string;
  state?: Record<string, unknown>;
  scrollTop?: number;
  scrollLeft?: number;
}

export class Fiber {
  /** Match identity among siblings: tag, `@component`, `#text`, `#slot\0name`. */
  type: string;
  key: string | number | undefined;
  vnode: VNode | undefined = undefined;
  /** Renderer node id; 0 for fragments. */
  node: NodeId = 0;
  parent: Fiber | undefined = undefined;
  index = 0;
  children: Fiber[] = [];
  /** Element/text: rendered attributes (before overlays). */
  tag = '';
  attrs: Record<string, unknown> = EMPTY_ATTRS;
  events: EventBinding[] | undefined = undefined;
  text = '';
  overlay: Overlay | undefined = undefined;
  /** Component fibers: the instance. */
  instance: Instance | undefined = undefined;
  /** Slot fibers: the component whose template holds the `<slot>`. */
  slotOf: Instance | undefined = undefined;
  slotSource: SlotSource = SlotSource.Fallback;
  slotOwner: Instance | undefined = undefined;
  /** The array or function the slot's children were last rendered from (skip work when unchanged). */
  slotInput: unknown = undefined;
  /** Must be patched again even if its vnode did not change (its owner's external classes changed). */
  stale = false;
  dead = false;

  constructor(
    readonly kind: FiberKind,
    type: string,
    key: string | number | undefined,
    /** Instance whose template (or slot content) produced this fiber: handlers resolve here. */
    readonly owner: Instance,
  ) {
    this.type = type;
    this.key = key;
  }
}

export const EMPTY_ATTRS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export interface SlotInput {
  /** Children written between the component's tags. */
  children: VNode[];
  scopedSlots: Record<string, (props: Record<string, unknown>) => VNode[]> | undefined;
  /** Instance that wrote them. */
  owner: Instance;
}

export interface Instance {
  id: number;
  kind: 'page' | 'component';
  /** Page: template id; component: component id. */
  is: string;
  template: string;
  route: string | undefined;
  page: Instance;
  /** Component: instance whose template contains the tag. */
  owner: Instance | undefined;
  /** Instance whose rendered subtree contains this component (for mount order). */
  container: Instance | undefined;
  depth: number;
  /** Page: root fiber; component: its component fiber. */
  fiber: Fiber;
  /** Undefined until the first patch. */
  data: Record<string, unknown> | undefined;
  /** Merged props from the component's patches. */
  props: Record<string, unknown> | undefined;
  /** Props last sent in compCreate/compProps. */
  passedProps: Record<string, unknown>;
  /** Style scope stamped on elements this instance renders. */
  scope: string | undefined;
  virtualHost: boolean;
  seq: number;
  rendered: boolean;
  /** compMount sent (component) / onPageReady called (page). */
  mounted: boolean;
  /** Components in this instance's subtree created before it mounted and not mounted yet. */
  pendingChildren: number;
  blocksContainer: boolean;
  destroyed: boolean;
  slots: SlotInput | undefined;
  slotFibers: Set<Fiber>;
  /** SJS `ownerComponent.getState()`. */
  sjsState: Record<string, unknown> | undefined;
  /** Some tags of this instance's template render another component than the compiler wrote (abstract nodes, placeholders). */
  resolvesTags?: boolean;
  /** Abstract node name → the component it renders here (the owner's `generic:name`, else the default; '' = none). */
  generics?: Record<string, string>;
  /** Tag → placeholder component id, while the tag's own component is not available (componentPlaceholder). */
  placeholders?: Record<string, string>;
  /** Names from the JS definition's `externalClasses` (first patch). */
  externalClasses?: readonly string[];
  /** Those names → the classes the owner passes for them. */
  classMap?: ClassMap;
}

/** First renderer node at or under `fiber`, in document order; 0 when it has none. */
export function firstNode(fiber: Fiber): NodeId {
  if (fiber.node !== 0) return fiber.node;
  const children = fiber.children;
  for (let i = 0; i < children.length; i++) {
    const node = firstNode(children[i]);
    if (node !== 0) return node;
  }
  return 0;
}

/** The renderer node that contains `fiber`'s nodes. */
export function domParentOf(fiber: Fiber): NodeId {
  let parent = fiber.parent;
  while (parent !== undefined) {
    if (parent.node !== 0) return parent.node;
    parent = parent.parent;
  }
  return 0;
}

/**
 * The renderer node right after `fiber`'s last node within its renderer parent, or 0 (append).
 * Only valid while the tree is consistent (between reconciles), because it trusts `index`.
 */
export function nodeAfter(fiber: Fiber): NodeId {
  let current = fiber;
  for (;;) {
    const parent = current.parent;
    if (parent === undefined) return 0;
    const siblings = parent.children;
    for (let i = current.index + 1; i < siblings.length; i++) {
      const node = firstNode(siblings[i]);
      if (node !== 0) return node;
    }
    if (parent.node !== 0) return 0;
    current = parent;
  }
}

/** Top-level renderer nodes of `fiber` in order (itself, or its fragment children's). */
export function collectNodes(fiber: Fiber, into: NodeId[]): NodeId[] {
  if (fiber.node !== 0) into.push(fiber.node);
  else for (const child of fiber.children) collectNodes(child, into);
  return into;
}
