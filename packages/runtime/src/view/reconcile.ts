/**
 * Diffs vnode lists against the fiber tree and records the minimal renderer operations.
 *
 * Children lists: common prefix and suffix are patched in place; the middle is matched by key
 * (`VElement.key`, or for unkeyed nodes their type and occurrence, i.e. by position among nodes of
 * the same type; the type includes `VElement.pos`, the template position), unmatched old nodes are
 * removed, new ones created, and only nodes outside the longest increasing subsequence are moved,
 * so a keyed move keeps node identity and an unchanged list emits nothing.
 *
 * New subtrees are built detached (children inserted into a fresh element before it is attached)
 * so a DOM renderer attaches each new subtree with one insertion.
 *
 * While a list is being reconciled its parent still holds the old children array with valid
 * `index`es and nothing after the current position has been removed or moved yet; `nodeAfter()`
 * relies on that when a fragment (virtual component, slot) is patched in place.
 */
import type { VElement, VNode, VSlot, VText } from '../contract/view-abi.ts';
import { withExternalClasses } from './external-classes.ts';
import { longestIncreasingSubsequence } from './lis.ts';
import { effectiveAttr } from './overlay.ts';
import { HOST_ATTRS, sameValue } from './props.ts';
import { Op, type NodeId, type RenderOp } from '../contract/renderer.ts';
import { resolveSlot } from './slots.ts';
import {
  EMPTY_ATTRS,
  Fiber,
  FiberKind,
  SlotSource,
  collectNodes,
  domParentOf,
  firstNode,
  nodeAfter,
  type Instance,
} from './tree.ts';

export interface ReconcileHost {
  /**
   * The component a tag of `owner`'s renders, for owners with `resolvesTags` (abstract nodes,
   * placeholders); others render `vnode.component`. Undefined: a plain element.
   */
  componentOf(vnode: VElement, owner: Instance): string | undefined;
  /**
   * A custom component tag appeared: create an instance of `component` (and queue `compCreate`).
   * Undefined: the component is refused (nested too deep); the tag stays an empty fiber.
   */
  createComponent(fiber: Fiber, vnode: VElement, component: string, owner: Instance, container: Instance): Instance | undefined;
  /** Its owner re-rendered the tag: compare props, take the new slot content. Returns true when the slot content changed. */
  updateComponent(fiber: Fiber, vnode: VElement): boolean;
  /** A component instance left the tree (called deepest first). */
  destroyComponent(instance: Instance): void;
  /** A keyed re-render moved `fiber` (and the components in it) among its siblings. */
  moved(fiber: Fiber): void;
  /** A scoped-slot function (owner code) threw. */
  renderError(instance: Instance, error: unknown): void;
  /** `change:attr="{{sjs.fn}}"` observer to call once this pass is over. */
  observe(fiber: Fiber, attr: string, observer: (...args: unknown[]) => unknown, value: unknown, old: unknown): void;
}

const EMPTY_FIBERS: Fiber[] = [];
const EMPTY_VNODES: VNode[] = [];

function typeOf(vnode: VNode, component: string | undefined): string {
  if (vnode.kind === 'element') {
    const base = component ? '@' + component : vnode.tag;
    // Nodes from different template positions (VElement.pos) never match each other.
    return typeof vnode.pos === 'string' ? base + '\u0000' + vnode.pos : base;
  }
  if (vnode.kind === 'text') return '#text';
  return '#slot\u0000' + vnode.name;
}

function keyOf(vnode: VNode): string | number | undefined {
  return vnode.kind === 'element' ? vnode.key : undefined;
}

function isVNode(value: unknown): value is VNode {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as VNode).kind;
  if (kind === 'element') return typeof (value as VElement).tag === 'string';
  return kind === 'text' || kind === 'slot';
}

/** The list itself when every entry is a vnode (the normal case), else a filtered copy. */
function cleanList(list: unknown): readonly VNode[] {
  if (!Array.isArray(list)) return EMPTY_VNODES;
  for (let i = 0; i < list.length; i++) {
    if (!isVNode(list[i])) return list.filter(isVNode);
  }
  return list as VNode[];
}

/** A fiber for an element or component vnode, attached under `parent`. */
function elementFiber(kind: FiberKind, vnode: VElement, component: string | undefined, parent: Fiber, owner: Instance): Fiber {
  const fiber = new Fiber(kind, typeOf(vnode, component), vnode.key, owner);
  fiber.parent = parent;
  fiber.vnode = vnode;
  fiber.tag = vnode.tag;
  return fiber;
}

/** The attributes `owner` rendered, with its external classes applied (see external-classes.ts). */
function attrsOf(vnode: VElement, owner: Instance): Record<string, unknown> {
  const attrs = vnode.attrs;
  if (typeof attrs !== 'object' || attrs === null) return EMPTY_ATTRS;
  return owner.classMap !== undefined ? withExternalClasses(attrs, owner.classMap) : attrs;
}

function hostAttrsOf(vnode: VElement, owner: Instance): Record<string, unknown> {
  const attrs = attrsOf(vnode, owner);
  let picked: Record<string, unknown> | undefined;
  for (const name of HOST_ATTRS) {
    if (Object.prototype.hasOwnProperty.call(attrs, name)) (picked ??= {})[name] = attrs[name];
  }
  return picked ?? EMPTY_ATTRS;
}

function implicitKey(type: string, counters: Map<string, number>): string {
  const n = counters.get(type) ?? 0;
  counters.set(type, n + 1);
  return '\u0000' + type + '\u0000' + n;
}

export class Reconciler {
  /** Operations of the current pass, flushed by the engine in one `renderer.apply()`. */
  ops: RenderOp[] = [];
  /** Renderer node → fiber, for events and queries. */
  readonly nodes = new Map<NodeId, Fiber>();
  private nextNode = 1;
  /** Nesting of the lists being mounted or reconciled now (the tree's depth, slot content included). */
  private depth = 0;
  private readonly reportedDepth = new WeakSet<Instance>();

  constructor(
    private readonly host: ReconcileHost,
    /** Deepest nesting built (deeper children are left out and reported): the host's stack stays safe. */
    private readonly maxDepth = 512,
  ) {}

  /** Entering one more level of children; false (and reported once per owner) past the limit. */
  private descend(owner: Instance): boolean {
    if (this.depth < this.maxDepth) {
      this.depth++;
      return true;
    }
    if (!this.reportedDepth.has(owner)) {
      this.reportedDepth.add(owner);
      this.host.renderError(owner, new RangeError(`the rendered tree nests more than ${this.maxDepth} levels deep; what is deeper is not rendered`));
    }
    return false;
  }

  allocNode(): NodeId {
    return this.nextNode++;
  }

  /** The component `vnode` renders in `owner`'s tree, if any. */
  private componentOf(vnode: VNode, owner: Instance): string | undefined {
    if (vnode.kind !== 'element') return undefined;
    return owner.resolvesTags ? this.host.componentOf(vnode, owner) : vnode.component;
  }

  private typeIn(vnode: VNode, owner: Instance): string {
    return typeOf(vnode, this.componentOf(vnode, owner));
  }

  // ------------------------------------------------------------------ mounting

  mountList(
    parent: Fiber,
    list: readonly VNode[],
    owner: Instance,
    container: Instance,
    domParent: NodeId,
    before: NodeId,
  ): Fiber[] {
    const vnodes = cleanList(list);
    if (vnodes.length === 0) return EMPTY_FIBERS;
    if (!this.descend(owner)) return EMPTY_FIBERS;
    try {
      const fibers = new Array<Fiber>(vnodes.length);
      for (let i = 0; i < vnodes.length; i++) {
        const fiber = this.mount(vnodes[i], parent, owner, container, domParent, before);
        fiber.index = i;
        fibers[i] = fiber;
      }
      return fibers;
    } finally {
      this.depth--;
    }
  }

  private mount(
    vnode: VNode,
    parent: Fiber,
    owner: Instance,
    container: Instance,
    domParent: NodeId,
    before: NodeId,
  ): Fiber {
    if (vnode.kind === 'text') {
      const fiber = new Fiber(FiberKind.Text, '#text', undefined, owner);
      fiber.parent = parent;
      fiber.vnode = vnode;
      fiber.text = typeof vnode.text === 'string' ? vnode.text : String(vnode.text);
      const id = this.allocNode();
      fiber.node = id;
      this.nodes.set(id, fiber);
      this.ops.push([Op.Text, id, fiber.text], [Op.Insert, domParent, id, before]);
      return fiber;
    }
    if (vnode.kind === 'slot') return this.mountSlot(vnode, parent, owner, container, domParent, before);
    const component = this.componentOf(vnode, owner);
    if (component) return this.mountComponent(vnode, component, parent, owner, container, domParent, before);
    return this.mountElement(vnode, parent, owner, container, domParent, before);
  }

  private mountElement(
    vnode: VElement,
    parent: Fiber,
    owner: Instance,
    container: Instance,
    domParent: NodeId,
    before: NodeId,
  ): Fiber {
    const fiber = elementFiber(FiberKind.Element, vnode, undefined, parent, owner);
    fiber.events = vnode.events;
    const id = this.createNode(fiber, owner.scope, attrsOf(vnode, owner));
    fiber.children = this.mountList(fiber, vnode.children, owner, container, id, 0);
    this.ops.push([Op.Insert, domParent, id, before]);
    return fiber;
  }

  private mountComponent(
    vnode: VElement,
    component: string,
    parent: Fiber,
    owner: Instance,
    container: Instance,
    domParent: NodeId,
    before: NodeId,
  ): Fiber {
    const fiber = elementFiber(FiberKind.Component, vnode, component, parent, owner);
    const instance = this.host.createComponent(fiber, vnode, component, owner, container);
    fiber.instance = instance;
    if (instance === undefined) return fiber;
    if (!instance.virtualHost) {
      const id = this.createNode(fiber, instance.scope !== undefined ? instance.scope + '-host' : owner.scope, hostAttrsOf(vnode, owner));
      this.ops.push([Op.Insert, domParent, id, before]);
    }
    // Its own subtree renders when the logic layer sends the instance's first patch.
    return fiber;
  }

  /**
   * Gives a component that has not rendered yet a host element, or takes it away: its JS
   * definition's `options.virtualHost` (first patch) wins over the .json the tag was mounted with.
   */
  setHost(fiber: Fiber, hasHost: boolean): void {
    const instance = fiber.instance;
    if (instance === undefined || fiber.dead || fiber.children.length > 0 || (fiber.node !== 0) === hasHost) return;
    instance.virtualHost = !hasHost;
    if (hasHost) {
      const domParent = domParentOf(fiber);
      const before = nodeAfter(fiber);
      const vnode = fiber.vnode as VElement;
      const id = this.createNode(fiber, instance.scope !== undefined ? instance.scope + '-host' : fiber.owner.scope, hostAttrsOf(vnode, fiber.owner));
      this.ops.push([Op.Insert, domParent, id, before]);
    } else {
      this.nodes.delete(fiber.node);
      this.ops.push([Op.Remove, fiber.node]);
      fiber.node = 0;
      fiber.attrs = EMPTY_ATTRS;
    }
  }

  /** The renderer element of `fiber`: allocated, registered, stamped with `scope`, attributes set (not inserted). */
  private createNode(fiber: Fiber, scope: string | undefined, attrs: Record<string, unknown>): NodeId {
    const id = this.allocNode();
    fiber.node = id;
    this.nodes.set(id, fiber);
    this.ops.push(scope === undefined ? [Op.Element, id, fiber.tag] : [Op.Element, id, fiber.tag, scope]);
    this.setAttrs(fiber, attrs);
    return id;
  }

  private mountSlot(
    vnode: VSlot,
    parent: Fiber,
    owner: Instance,
    container: Instance,
    domParent: NodeId,
    before: NodeId,
  ): Fiber {
    const fiber = new Fiber(FiberKind.Slot, '#slot\u0000' + vnode.name, undefined, owner);
    fiber.parent = parent;
    fiber.vnode = vnode;
    fiber.slotOf = owner;
    if (owner.kind === 'component') owner.slotFibers.add(fiber);
    const slot = this.resolve(fiber, vnode);
    fiber.slotSource = slot.source;
    fiber.slotOwner = slot.owner;
    fiber.slotInput = slot.input;
    fiber.children = this.mountList(fiber, this.renderSlot(slot), slot.owner, container, domParent, before);
    return fiber;
  }

  private resolve(fiber: Fiber, vnode: VSlot) {
    const component = fiber.slotOf!;
    const slots = component.kind === 'component' ? component.slots : undefined;
    return resolveSlot(component, slots, typeof vnode.name === 'string' ? vnode.name : '', vnode.props ?? {}, vnode.fallback ?? EMPTY_VNODES);
  }

  private renderSlot(slot: ReturnType<typeof resolveSlot>): readonly VNode[] {
    try {
      return cleanList(slot.render());
    } catch (error) {
      this.host.renderError(slot.owner, error);
      return EMPTY_VNODES;
    }
  }

  // ------------------------------------------------------------------ attributes

  private setAttrs(fiber: Fiber, attrs: Record<string, unknown>): void {
    fiber.attrs = attrs;
    const id = fiber.node;
    for (const name in attrs) {
      const value = attrs[name];
      if (typeof value === 'function') {
        if (name.startsWith('change:')) {
          const watched = name.slice(7);
          this.host.observe(fiber, watched, value as (...args: unknown[]) => unknown, attrs[watched], undefined);
        }
        continue;
      }
      if (value !== undefined) this.ops.push([Op.Attr, id, name, fiber.overlay ? effectiveAttr(fiber, name, value) : value]);
    }
  }

  private patchAttrs(fiber: Fiber, next: Record<string, unknown>): void {
    const prev = fiber.attrs;
    if (prev === next) return;
    fiber.attrs = next;
    const id = fiber.node;
    for (const name in next) {
      const value = next[name];
      if (value === undefined) continue; // removals are found below
      const old = prev[name];
      if (typeof value === 'function') {
        if (name.startsWith('change:')) {
          const watched = name.slice(7);
          const now = next[watched];
          const before = prev[watched];
          if (!sameValue(now, before)) this.host.observe(fiber, watched, value as (...args: unknown[]) => unknown, now, before);
        }
        continue;
      }
      if (value === old || sameValue(value, old)) continue;
      this.ops.push([Op.Attr, id, name, fiber.overlay ? effectiveAttr(fiber, name, value) : value]);
    }
    for (const name in prev) {
      const old = prev[name];
      if (old === undefined || typeof old === 'function') continue;
      // Missing, explicitly undefined, or only inherited (`toString`): the attribute goes away.
      const value = next[name];
      if (value === undefined || typeof value === 'function') {
        this.ops.push([Op.Attr, id, name, fiber.overlay ? effectiveAttr(fiber, name, undefined) : undefined]);
      }
    }
  }

  // ------------------------------------------------------------------ patching

  private patch(fiber: Fiber, vnode: VNode, container: Instance): void {
    if (fiber.vnode === vnode && !fiber.stale) return;
    fiber.vnode = vnode;
    fiber.stale = false;
    switch (fiber.kind) {
      case FiberKind.Text: {
        const raw = (vnode as VText).text;
        const text = typeof raw === 'string' ? raw : String(raw);
        if (text !== fiber.text) {
          fiber.text = text;
          this.ops.push([Op.SetText, fiber.node, text]);
        }
        return;
      }
      case FiberKind.Element: {
        const element = vnode as VElement;
        this.patchAttrs(fiber, attrsOf(element, fiber.owner));
        fiber.events = element.events;
        this.reconcileChildren(fiber, element.children, fiber.owner, container, fiber.node, 0);
        return;
      }
      case FiberKind.Component: {
        const element = vnode as VElement;
        if (fiber.node !== 0) this.patchAttrs(fiber, hostAttrsOf(element, fiber.owner));
        if (this.host.updateComponent(fiber, element)) {
          const instance = fiber.instance!;
          for (const slot of instance.slotFibers) this.refreshSlot(slot, false);
        }
        return;
      }
      case FiberKind.Slot:
        this.refreshSlot(fiber, true);
        return;
    }
  }

  /**
   * Re-renders a slot's children in place: on its component's re-render (`own`), or because the
   * owner passed new content. A change of source (content ↔ fallback ↔ scoped, or a different
   * owner) replaces the children, since nodes never change owner.
   */
  refreshSlot(fiber: Fiber, own: boolean): void {
    if (fiber.dead) return;
    const vnode = fiber.vnode as VSlot;
    const slot = this.resolve(fiber, vnode);
    const sameSource = slot.source === fiber.slotSource && slot.owner === fiber.slotOwner;
    // Plain content and fallback are data: unchanged input, nothing to do. Scoped slots depend on the
    // slot's props (own re-render) or the owner's closure (new function), so they always re-run.
    if (sameSource && slot.source !== SlotSource.Scoped && slot.input === fiber.slotInput) return;
    if (sameSource && slot.source === SlotSource.Scoped && slot.input === fiber.slotInput && !own) return;
    const container = containerOf(fiber);
    const domParent = domParentOf(fiber);
    const anchor = nodeAfter(fiber);
    const vnodes = this.renderSlot(slot);
    if (!sameSource) {
      for (const child of fiber.children) this.release(child, true);
      fiber.children = EMPTY_FIBERS;
    }
    fiber.slotSource = slot.source;
    fiber.slotOwner = slot.owner;
    fiber.slotInput = slot.input;
    this.reconcileChildren(fiber, vnodes, slot.owner, container, domParent, anchor);
  }

  /**
   * Makes `parent.children` match `list`. `domParent` holds the nodes; `anchor` is the node right
   * after this list's nodes in it (0 = they are last).
   */
  reconcileChildren(
    parent: Fiber,
    list: readonly VNode[] | undefined,
    owner: Instance,
    container: Instance,
    domParent: NodeId,
    anchor: NodeId,
  ): void {
    if (!this.descend(owner)) return;
    try {
      this.reconcileList(parent, list, owner, container, domParent, anchor);
    } finally {
      this.depth--;
    }
  }

  private reconcileList(
    parent: Fiber,
    list: readonly VNode[] | undefined,
    owner: Instance,
    container: Instance,
    domParent: NodeId,
    anchor: NodeId,
  ): void {
    const old = parent.children;
    const next = cleanList(list);
    if (old.length === 0) {
      if (next.length > 0) parent.children = this.mountList(parent, next, owner, container, domParent, anchor);
      return;
    }
    if (next.length === 0) {
      for (const fiber of old) this.release(fiber, true);
      parent.children = EMPTY_FIBERS;
      return;
    }

    // Common prefix. When it covers both lists (the usual re-render) the old array is kept as is.
    let start = 0;
    const common = Math.min(old.length, next.length);
    while (start < common) {
      const fiber = old[start];
      const vnode = next[start];
      if (fiber.key !== keyOf(vnode) || fiber.type !== this.typeIn(vnode, owner)) break;
      this.patch(fiber, vnode, container);
      start++;
    }
    if (start === old.length && start === next.length) return;
    const result = new Array<Fiber>(next.length);
    for (let k = 0; k < start; k++) result[k] = old[k];
    let oldEnd = old.length - 1;
    let newEnd = next.length - 1;

    // Common suffix.
    while (start <= oldEnd && start <= newEnd) {
      const fiber = old[oldEnd];
      const vnode = next[newEnd];
      if (fiber.key !== keyOf(vnode) || fiber.type !== this.typeIn(vnode, owner)) break;
      this.patch(fiber, vnode, container);
      result[newEnd] = fiber;
      oldEnd--;
      newEnd--;
    }

    if (start > oldEnd) {
      if (start <= newEnd) {
        const before = this.firstNodeFrom(result, newEnd + 1, anchor);
        for (let k = start; k <= newEnd; k++) result[k] = this.mount(next[k], parent, owner, container, domParent, before);
      }
    } else if (start > newEnd) {
      for (let k = start; k <= oldEnd; k++) this.release(old[k], true);
    } else {
      this.reconcileMiddle(parent, old, next, result, start, oldEnd, newEnd, owner, container, domParent, anchor);
    }

    for (let k = 0; k < result.length; k++) result[k].index = k;
    parent.children = result;
  }

  private reconcileMiddle(
    parent: Fiber,
    old: Fiber[],
    next: readonly VNode[],
    result: Fiber[],
    start: number,
    oldEnd: number,
    newEnd: number,
    owner: Instance,
    container: Instance,
    domParent: NodeId,
    anchor: NodeId,
  ): void {
    const count = newEnd - start + 1;
    const keyToIndex = new Map<unknown, number>();
    const newCounters = new Map<string, number>();
    for (let k = start; k <= newEnd; k++) {
      const vnode = next[k];
      const key = keyOf(vnode);
      keyToIndex.set(key !== undefined ? key : implicitKey(this.typeIn(vnode, owner), newCounters), k);
    }

    const sources = new Int32Array(count).fill(-1);
    const oldCounters = new Map<string, number>();
    let moved = false;
    let maxIndex = 0;
    let matched = 0;
    for (let j = start; j <= oldEnd; j++) {
      const fiber = old[j];
      const key = fiber.key !== undefined ? fiber.key : implicitKey(fiber.type, oldCounters);
      if (matched >= count) {
        this.release(fiber, true);
        continue;
      }
      const k = keyToIndex.get(key);
      if (k === undefined || sources[k - start] !== -1 || fiber.type !== this.typeIn(next[k], owner)) {
        this.release(fiber, true);
        continue;
      }
      sources[k - start] = j;
      if (k >= maxIndex) maxIndex = k;
      else moved = true;
      this.patch(fiber, next[k], container);
      result[k] = fiber;
      matched++;
    }

    const stable = moved ? longestIncreasingSubsequence(sources) : EMPTY_STABLE;
    let s = stable.length - 1;
    let before = this.firstNodeFrom(result, newEnd + 1, anchor);
    for (let i = count - 1; i >= 0; i--) {
      const k = start + i;
      if (sources[i] === -1) {
        result[k] = this.mount(next[k], parent, owner, container, domParent, before);
      } else if (moved) {
        if (s >= 0 && stable[s] === i) s--;
        else this.move(result[k], domParent, before);
      }
      const node = firstNode(result[k]);
      if (node !== 0) before = node;
    }
  }

  private firstNodeFrom(fibers: Fiber[], from: number, fallback: NodeId): NodeId {
    for (let k = from; k < fibers.length; k++) {
      const node = firstNode(fibers[k]);
      if (node !== 0) return node;
    }
    return fallback;
  }

  private move(fiber: Fiber, domParent: NodeId, before: NodeId): void {
    for (const node of collectNodes(fiber, [])) this.ops.push([Op.Insert, domParent, node, before]);
    this.host.moved(fiber);
  }

  /**
   * Mounts `fiber`'s vnode again in its place (a placeholder gives way to the component it stood
   * for, now that that one is available).
   */
  remount(fiber: Fiber): void {
    const parent = fiber.parent;
    if (parent === undefined || fiber.dead || fiber.vnode === undefined) return;
    const index = parent.children.indexOf(fiber);
    if (index < 0) return;
    const container = containerOf(fiber);
    const domParent = domParentOf(fiber);
    const before = nodeAfter(fiber);
    this.release(fiber, true);
    const next = this.mount(fiber.vnode, parent, fiber.owner, container, domParent, before);
    next.index = index;
    parent.children[index] = next;
  }

  // ------------------------------------------------------------------ removal

  /**
   * Drops `fiber` and its subtree: node bookkeeping, slot registrations, component instances
   * (children before parents). `detach` emits the `Remove` ops for its top-level nodes.
   */
  release(fiber: Fiber, detach: boolean): void {
    fiber.dead = true;
    if (fiber.node !== 0) {
      this.nodes.delete(fiber.node);
      if (detach) {
        this.ops.push([Op.Remove, fiber.node]);
        detach = false;
      }
    }
    if (fiber.kind === FiberKind.Slot) fiber.slotOf?.slotFibers.delete(fiber);
    for (const child of fiber.children) this.release(child, detach);
    if (fiber.kind === FiberKind.Component && fiber.instance) this.host.destroyComponent(fiber.instance);
  }
}

const EMPTY_STABLE: number[] = [];

/** The instance whose rendered subtree holds `fiber` (nearest component above it, else the page). */
function containerOf(fiber: Fiber): Instance {
  for (let current = fiber.parent; current !== undefined; current = current.parent) {
    if (current.kind === FiberKind.Component && current.instance) return current.instance;
  }
  return fiber.owner.page;
}
