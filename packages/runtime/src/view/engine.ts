/**
 * The ViewEngine: the host side of the view. It keeps each page's and component's data from the
 * logic layer's `patch` messages, runs the render functions of view.js, diffs the result against
 * its tree and sends the minimal operations to a `Renderer`; it creates/updates/unmounts custom
 * component instances (`compCreate`/`compProps`/`compMount`/`compUnmount`), acknowledges patches
 * (`rendered`), and turns renderer input into `event` messages.
 *
 * Every public call runs as one task: calls made while a task runs (from `send`, `onPageReady`,
 * the renderer) are queued and run right after it. At the end of a task the engine flushes once:
 * one `renderer.apply(ops)`, then one `send(batch)`, then `onPageReady` for pages that became ready.
 *
 * Mount order: a component gets `compMount` once it has rendered and every component created in
 * its subtree before that has mounted, so children mount before their parents (like the
 * docs' React-style component2), and `onPageReady` means the whole initial tree is on screen.
 */
import type { ComponentEntry, PageEntry } from '../contract/package-format.ts';
import type { ComponentViewOptions, EventMessage, EventTargetInfo, HostToLogic, MiniEvent, PatchMessage } from '../contract/protocol.ts';
import type { RenderFunction, SjsEventHandler, VElement, VNode, VSource, ViewModule } from '../contract/view-abi.ts';
import { dispatchEvent, type EventExtra } from './events.ts';
import { describeViewError } from './error-stack.ts';
import { datasetOf } from './dataset.ts';
import { classMapOf, sameClassMap } from './external-classes.ts';
import { selectComponentIds } from './select-components.ts';
import { applyPatchOps, type FreshSet } from './patch-data.ts';
import { propsOf, propsWithoutMarkers, sameProps } from './props.ts';
import { Reconciler, type ReconcileHost } from './reconcile.ts';
import { Op, type NodeId, type RenderOp, type Renderer, type RendererEvents } from '../contract/renderer.ts';
import { SjsDescriptors } from './sjs-descriptors.ts';
import { slotPresence } from './slots.ts';
import { Fiber, FiberKind, domParentOf, nodeAfter, type Instance } from './tree.ts';
import { resolveViewLimits, type ViewLimits } from './form/limits.ts';

export interface ViewEngineError {
  /** `render`: a render function (or SJS in it) threw, or a renderer failed; `patch`: a patch could not be applied. */
  kind: 'render' | 'patch';
  /** Instance id (0 when no instance is involved, e.g. a renderer failure). */
  id: number;
  message: string;
  stack?: string;
}

/** A renderer event as it arrived, before propagation (the container routes `navigate` from here). */
export interface ViewNodeEvent {
  pageId: number;
  nodeId: NodeId;
  type: string;
  detail: unknown;
}

export interface ViewEngineOptions {
  renderer: Renderer;
  /** Host→logic messages the engine produces (compCreate/compProps/compMount/compUnmount/rendered/event), one call per batch. */
  send(batch: HostToLogic[]): void;
  /** manifest.components: scope ids, virtualHost, usingComponents, componentGenerics, componentPlaceholder. */
  components: Record<string, ComponentEntry>;
  /** manifest.pages (by route): usingComponents and componentPlaceholder of page templates. */
  pages?: Record<string, PageEntry>;
  /**
   * A tag rendered its placeholder because its component's template is not loaded: load the
   * component's package part, then call `refreshPlaceholders()`. Called once per component.
   */
  loadComponent?(componentId: string): void;
  /** A `<button open-type="share">` was tapped on page `pageId` (onShareAppMessage with `from: 'button'`). */
  onShareButton?(pageId: number, target: EventTargetInfo): void;
  /** Allocates instance ids (the container shares this allocator for page ids). */
  allocateId(): number;
  /**
   * The first complete render of a page is done: page rendered AND every component in its initial
   * tree has received its first patch, rendered and been sent compMount. The container then sends pageReady.
   */
  onPageReady?(pageId: number): void;
  /** A render function threw (bad SJS), or a patch could not be applied. The engine keeps running. */
  onError?(error: ViewEngineError): void;
  /** Every event the renderer reports, before the engine propagates it. */
  onNodeEvent?(event: ViewNodeEvent): void;
  /** Clock for event timeStamps (default Date.now). */
  now?(): number;
  /** The render budget; the engine enforces `componentDepth` and `treeDepth` (the rest is the view modules'). */
  limits?: Partial<ViewLimits>;
}

export interface InstanceInfo {
  id: number;
  is: string;
  route?: string;
  data: Readonly<Record<string, unknown>>;
  props?: Readonly<Record<string, unknown>>;
  children: InstanceInfo[];
}

/**
 * One rendered node of a page for devtools' element inspector (`elementTree`): elements, texts,
 * component instances (with or without a host element) and slots, nested as the engine holds them.
 */
export interface ElementInfo {
  kind: 'element' | 'text' | 'component' | 'slot';
  /** Renderer node id (`DomRenderer.nodeElement`); 0 for what renders no node of its own (a virtual host, a slot). */
  node: NodeId;
  /** Tag as written (`view`, `my-card`); `#text`; `slot` for slots. */
  tag: string;
  /** Rendered attributes (a component: what its owner passes, props included). */
  attrs: Readonly<Record<string, unknown>>;
  text?: string;
  /** The instance whose template (or slot content) rendered this node. */
  owner: number;
  /** Components: their instance id and component id, and whether the host is virtual. */
  instance?: number;
  is?: string;
  virtualHost?: boolean;
  /** Slots: the slot's name ('' = default). */
  slot?: string;
  /** Dev builds: where the template writes it. */
  src?: VSource;
  children: ElementInfo[];
}

const hostSetTimeout = globalThis.setTimeout;
const hostClearTimeout = globalThis.clearTimeout;

/** What the app and the host learn of an error in view code: its message and the package's frames, never the host's paths. */
function errorInfo(error: unknown): { message: string; stack?: string } {
  return describeViewError(error);
}

export class ViewEngine {
  private readonly options: ViewEngineOptions;
  private readonly templates = new Map<string, RenderFunction>();
  private readonly instances = new Map<number, Instance>();
  private readonly reconciler: Reconciler;
  private readonly sjs: SjsDescriptors;
  private readonly now: () => number;

  private busy = false;
  private disposed = false;
  private readonly queue: Array<() => void> = [];
  private out: HostToLogic[] = [];
  private mounts: HostToLogic[] = [];
  private ready: number[] = [];
  private completionCandidates: Instance[] = [];
  private observerCalls: Array<() => void> = [];
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private nextTimer = 1;
  /** Component fibers showing a placeholder → the component they stand in for. */
  private readonly placeheld = new Map<Fiber, string>();
  private readonly requested = new Set<string>();
  private readonly limits: ViewLimits;
  /** Instances whose too-deep component nesting was reported (once each). */
  private readonly tooDeep = new WeakSet<Instance>();

  constructor(options: ViewEngineOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.limits = resolveViewLimits(options.limits);
    this.reconciler = new Reconciler(this.reconcileHost(), this.limits.treeDepth);
    this.sjs = new SjsDescriptors({
      emitAttr: (fiber, name, value) => {
        if (!fiber.dead && fiber.node !== 0) this.reconciler.ops.push([Op.Attr, fiber.node, name, value]);
      },
      callMethod: (instance, method, arg) => {
        this.out.push({ t: 'event', id: instance.id, handler: method, event: arg as MiniEvent });
      },
      setTimer: (fn, ms) => this.setTimer(fn, ms),
      clearTimer: (handle) => this.clearTimer(handle),
      reportError: (instance, error) => this.reportError('render', instance.id, error),
    });
    const events: RendererEvents = {
      dispatch: (target, type, detail, extra) => this.dispatch(target, type, detail, extra),
    };
    options.renderer.connect(events);
  }

  // ------------------------------------------------------------------ public API

  /** Registers the templates of one package part (main first, then subpackages as they load). */
  addViewModule(module: ViewModule): void {
    for (const [id, render] of Object.entries(module.templates)) {
      if (typeof render === 'function') this.templates.set(id, render);
    }
  }

  /**
   * Hot reload of templates: the templates `modules` define replace the registered ones with the
   * same ids (other parts' templates stay), then every instance that has rendered re-renders with
   * the data it has (pages and components alike).
   */
  replaceViewModules(modules: readonly ViewModule[]): void {
    this.run(() => {
      for (const module of modules) this.addViewModule(module);
      const rendered = [...this.instances.values()].filter((instance) => instance.rendered && !instance.destroyed);
      for (const instance of rendered.sort((a, b) => a.depth - b.depth)) if (!instance.destroyed) this.render(instance);
      this.afterRender();
      this.out.push(...this.mounts);
      this.mounts = [];
    });
  }

  /** Creates the page root (`Op.PageCreate`); the page renders on its first patch. */
  createPage(pageId: number, route: string, template: string): void {
    this.run(() => {
      if (this.instances.has(pageId)) throw new Error(`ViewEngine.createPage: instance id ${pageId} is already in use`);
      const page = {
        id: pageId,
        kind: 'page',
        is: template,
        template,
        route,
        owner: undefined,
        container: undefined,
        depth: 0,
        data: undefined,
        props: undefined,
        passedProps: {},
        scope: undefined,
        virtualHost: false,
        seq: 0,
        rendered: false,
        mounted: false,
        pendingChildren: 0,
        blocksContainer: false,
        destroyed: false,
        slots: undefined,
        slotFibers: new Set(),
        sjsState: undefined,
      } as Omit<Instance, 'page' | 'fiber'> as Instance;
      page.page = page;
      this.configureTags(page, this.ownEntry(this.options.pages, route));
      const root = new Fiber(FiberKind.Root, '#root', undefined, page);
      root.node = this.reconciler.allocNode();
      root.tag = 'page';
      page.fiber = root;
      this.instances.set(pageId, page);
      this.reconciler.nodes.set(root.node, root);
      this.reconciler.ops.push([Op.PageCreate, pageId, root.node, route]);
    });
  }

  /** `Op.PageShow`: this page is now on top. */
  showPage(pageId: number): void {
    this.run(() => {
      const page = this.instances.get(pageId);
      if (page?.kind === 'page') this.reconciler.ops.push([Op.PageShow, pageId]);
    });
  }

  /** Unmounts the page's components (deepest first), then `Op.PageDestroy`. */
  destroyPage(pageId: number): void {
    this.run(() => {
      const page = this.instances.get(pageId);
      if (page?.kind !== 'page') return;
      const root = page.fiber;
      for (const child of root.children) this.reconciler.release(child, false);
      root.children = [];
      root.dead = true;
      this.reconciler.nodes.delete(root.node);
      page.destroyed = true;
      this.instances.delete(pageId);
      this.completionCandidates = this.completionCandidates.filter((instance) => !instance.destroyed && instance.page !== page);
      this.reconciler.ops.push([Op.PageDestroy, pageId]);
    });
  }

  /** Applies patches, re-renders the instances they touched, emits ops and messages. */
  applyPatches(messages: readonly PatchMessage[]): void {
    this.run(() => this.pass(messages));
  }

  instanceData(id: number): Readonly<Record<string, unknown>> | undefined {
    return this.instances.get(id)?.data;
  }

  instanceTree(pageId: number): InstanceInfo | undefined {
    const page = this.instances.get(pageId);
    if (page?.kind !== 'page') return undefined;
    const build = (instance: Instance): InstanceInfo => {
      const info: InstanceInfo = { id: instance.id, is: instance.is, data: instance.data ?? {}, children: [] };
      if (instance.route !== undefined) info.route = instance.route;
      if (instance.kind === 'component') info.props = instance.props ?? propsWithoutMarkers(instance.passedProps);
      const walk = (fiber: Fiber): void => {
        for (const child of fiber.children) {
          if (child.kind === FiberKind.Component && child.instance) info.children.push(build(child.instance));
          else walk(child);
        }
      };
      walk(instance.fiber);
      return info;
    };
    return build(page);
  }

  /** The rendered tree of page `pageId` (devtools' element inspector); read-only copies of what the engine holds. */
  elementTree(pageId: number): ElementInfo | undefined {
    const page = this.instances.get(pageId);
    if (page?.kind !== 'page' || page.destroyed) return undefined;
    const build = (fiber: Fiber): ElementInfo => {
      const vnode = fiber.vnode as VElement | undefined;
      const info: ElementInfo = { kind: 'element', node: fiber.node, tag: fiber.tag, attrs: fiber.attrs, owner: fiber.owner.id, children: [] };
      if (fiber.kind === FiberKind.Text) Object.assign(info, { kind: 'text', tag: '#text', text: fiber.text });
      else if (fiber.kind === FiberKind.Slot) Object.assign(info, { kind: 'slot', tag: 'slot', slot: fiber.type.slice('#slot\u0000'.length) });
      else if (fiber.kind === FiberKind.Component) {
        info.kind = 'component';
        info.attrs = vnode?.attrs ?? fiber.attrs;
        if (fiber.instance) Object.assign(info, { instance: fiber.instance.id, is: fiber.instance.is, virtualHost: fiber.instance.virtualHost });
      }
      if (vnode?.kind === 'element' && vnode.src) info.src = vnode.src;
      for (const child of fiber.children) if (!child.dead) info.children.push(build(child));
      return info;
    };
    const root = build(page.fiber);
    return Object.assign(root, { tag: 'page', instance: page.id, is: page.is });
  }

  /**
   * `$selectComponent(s)` of instance `id`: ids of the matching components it wrote in its template
   * (see select-components.ts). Throws SelectorSyntaxError for a bad selector.
   */
  selectComponents(id: number, selector: string, all: boolean): number[] {
    const instance = this.instances.get(id);
    if (instance === undefined || instance.destroyed) return [];
    return selectComponentIds(instance, selector, all);
  }

  /**
   * Components whose templates have arrived since their tags rendered a placeholder: the owners
   * re-render and the placeholders give way to the real components.
   */
  refreshPlaceholders(): void {
    this.run(() => {
      for (const [fiber, component] of [...this.placeheld]) {
        if (fiber.dead) this.placeheld.delete(fiber);
        else if (this.isAvailable(component)) {
          this.placeheld.delete(fiber);
          this.reconciler.remount(fiber);
        }
      }
      this.afterRender();
      this.out.push(...this.mounts);
      this.mounts = [];
    });
  }

  /** Instances waiting for their first patch (the container's idle check). */
  pendingCount(): number {
    let count = 0;
    for (const instance of this.instances.values()) if (instance.data === undefined) count++;
    return count;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.sjs.dispose();
    for (const handle of this.timers.values()) hostClearTimeout(handle);
    this.timers.clear();
    this.instances.clear();
    this.reconciler.nodes.clear();
    this.queue.length = 0;
  }

  // ------------------------------------------------------------------ tasks and flushing

  /**
   * Runs `task`, then its flush, then whatever was called meanwhile (a renderer that fires events
   * synchronously while applying, a `send` or `onPageReady` that calls back in): nothing re-enters
   * a task or a renderer batch in progress.
   */
  private run(task: () => void): void {
    if (this.disposed) return;
    if (this.busy) {
      this.queue.push(task);
      return;
    }
    this.busy = true;
    let failure: { error: unknown } | undefined;
    try {
      for (let next: (() => void) | undefined = task; next !== undefined; next = this.queue.shift()) {
        try {
          next();
        } catch (error) {
          // The caller's own task rethrows (a misuse like a duplicate page id); a queued one is reported.
          if (next === task) failure = { error };
          else this.reportError('render', 0, error);
        }
        this.flush();
        if (this.disposed) break;
      }
    } finally {
      this.busy = false;
      this.queue.length = 0;
    }
    if (failure) throw failure.error;
  }

  private flush(): void {
    const ops = this.reconciler.ops;
    const out = this.out;
    const ready = this.ready;
    this.reconciler.ops = [];
    this.out = [];
    this.ready = [];
    if (ops.length > 0) this.applyOps(ops);
    if (out.length > 0) this.options.send(out);
    for (const pageId of ready) this.options.onPageReady?.(pageId);
  }

  private applyOps(ops: RenderOp[]): void {
    try {
      this.options.renderer.apply(ops);
    } catch (error) {
      // A renderer that chokes on mini-program input (an attribute name the DOM refuses…) must not
      // take the host down; the batch is reported and the engine carries on.
      this.reportError('render', 0, error);
    }
  }

  private reportError(kind: ViewEngineError['kind'], id: number, error: unknown): void {
    const info = errorInfo(error);
    const report: ViewEngineError = { kind, id, message: info.message };
    if (info.stack !== undefined) report.stack = info.stack;
    this.options.onError?.(report);
  }

  private setTimer(fn: () => void, ms: number): number {
    const handle = this.nextTimer++;
    this.timers.set(
      handle,
      hostSetTimeout(() => {
        this.timers.delete(handle);
        this.run(fn);
      }, ms),
    );
    return handle;
  }

  private clearTimer(handle: number): void {
    const timer = this.timers.get(handle);
    if (timer !== undefined) hostClearTimeout(timer);
    this.timers.delete(handle);
  }

  // ------------------------------------------------------------------ patch pass

  private pass(messages: readonly PatchMessage[]): void {
    if (!Array.isArray(messages)) return;
    const fresh: FreshSet = new WeakSet();
    const patched: Instance[] = [];
    const seen = new Set<Instance>();
    const acked = new Set<Instance>();
    for (const message of messages) {
      if (typeof message !== 'object' || message === null || message.t !== 'patch') continue;
      const instance = this.instances.get(message.id);
      if (instance === undefined || instance.destroyed) continue;
      try {
        instance.data = applyPatchOps(instance.data ?? {}, message.ops, fresh);
      } catch (error) {
        instance.data ??= {};
        this.reportError('patch', instance.id, error);
      }
      if (typeof message.props === 'object' && message.props !== null && !Array.isArray(message.props)) {
        instance.props = message.props;
      }
      if (typeof message.options === 'object' && message.options !== null && instance.kind === 'component' && !instance.rendered) {
        this.applyViewOptions(instance, message.options);
      }
      if (typeof message.seq === 'number' && message.seq > instance.seq) instance.seq = message.seq;
      if (message.ack !== false) acked.add(instance);
      if (!seen.has(instance)) {
        seen.add(instance);
        patched.push(instance);
      }
    }
    if (patched.length === 0) return;

    // Owners before the components they contain: an owner's re-render may remove a patched child.
    const order = patched.slice().sort((a, b) => a.depth - b.depth);
    for (const instance of order) if (!instance.destroyed) this.render(instance);
    this.afterRender();
    for (const instance of patched) {
      if (!instance.destroyed && acked.has(instance)) this.out.push({ t: 'rendered', id: instance.id, seq: instance.seq });
    }
    this.out.push(...this.mounts);
    this.mounts = [];
  }

  private render(instance: Instance): void {
    const fiber = instance.fiber;
    if (fiber.dead) return;
    let vnodes: VNode[];
    const render = this.templates.get(instance.template);
    try {
      if (render === undefined) throw new Error(`no template "${instance.template}" in the loaded view modules`);
      vnodes = render(this.scopeOf(instance));
    } catch (error) {
      this.reportError('render', instance.id, error);
      if (instance.rendered) return;
      vnodes = [];
    }
    const domParent = fiber.node !== 0 ? fiber.node : domParentOf(fiber);
    const anchor = fiber.node !== 0 ? 0 : nodeAfter(fiber);
    this.reconciler.reconcileChildren(fiber, vnodes, instance, instance, domParent, anchor);
    if (!instance.rendered) {
      instance.rendered = true;
      this.completionCandidates.push(instance);
    }
  }

  private scopeOf(instance: Instance): Readonly<Record<string, unknown>> {
    const data = instance.data ?? {};
    if (instance.kind === 'page') return data;
    const props = instance.props ?? propsWithoutMarkers(instance.passedProps);
    return { $slots: slotPresence(instance.slots), ...props, ...data, $id: instance.id, props };
  }

  private afterRender(): void {
    const calls = this.observerCalls;
    this.observerCalls = [];
    for (const call of calls) call();
    const candidates = this.completionCandidates;
    this.completionCandidates = [];
    for (const candidate of candidates) this.tryComplete(candidate);
  }

  private tryComplete(start: Instance): void {
    let instance: Instance | undefined = start;
    while (
      instance !== undefined &&
      !instance.mounted &&
      !instance.destroyed &&
      instance.rendered &&
      instance.pendingChildren === 0
    ) {
      instance.mounted = true;
      if (instance.kind === 'component') this.mounts.push({ t: 'compMount', id: instance.id });
      else this.ready.push(instance.id);
      if (!instance.blocksContainer) break;
      instance.blocksContainer = false;
      instance = instance.container;
      if (instance !== undefined) instance.pendingChildren--;
    }
  }

  // ------------------------------------------------------------------ components

  private reconcileHost(): ReconcileHost {
    return {
      componentOf: (vnode, owner) => this.componentOf(vnode, owner),
      createComponent: (fiber, vnode, component, owner, container) => this.createComponent(fiber, vnode, component, owner, container),
      updateComponent: (fiber, vnode) => this.updateComponent(fiber, vnode),
      destroyComponent: (instance) => this.destroyComponent(instance),
      moved: (fiber) => this.moved(fiber),
      renderError: (instance, error) => this.reportError('render', instance.id, error),
      observe: (fiber, _attr, observer, value, old) => {
        this.observerCalls.push(() => this.sjs.callObserver(observer, fiber, value, old));
      },
    };
  }

  /**
   * A component nested deeper than `componentDepth` (one that uses itself, directly or through
   * others) is not created: its tag stays an empty placeholder and the nesting is reported once,
   * naming the chain of components.
   */
  private tooDeepComponent(vnode: VElement, is: string, container: Instance): boolean {
    const max = this.limits.componentDepth;
    if (container.depth + 1 <= max) return false;
    if (!this.tooDeep.has(container)) {
      this.tooDeep.add(container);
      const chain: string[] = [];
      for (let at: Instance | undefined = container; at !== undefined; at = at.container) chain.unshift(at.route ?? at.is);
      const shown = chain.length > 12 ? [...chain.slice(0, 4), '…', ...chain.slice(-7)] : chain;
      const counts = new Map<string, number>();
      for (const name of chain) counts.set(name, (counts.get(name) ?? 0) + 1);
      const repeated = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1])[0];
      const hint = repeated ? `; ${repeated[0]} appears ${repeated[1]} times: does it use itself?` : '';
      this.reportError(
        'render',
        container.id,
        new RangeError(`components nest more than ${max} levels deep: <${vnode.tag}> (${is}) is not rendered inside ${shown.join(' > ')}${hint}`),
      );
    }
    return true;
  }

  private createComponent(fiber: Fiber, vnode: VElement, is: string, owner: Instance, container: Instance): Instance | undefined {
    if (this.tooDeepComponent(vnode, is, container)) return undefined;
    const entry = this.ownEntry(this.options.components, is);
    const id = this.options.allocateId();
    const props = propsOf(vnode);
    const instance: Instance = {
      id,
      kind: 'component',
      is,
      template: entry?.template ?? is,
      route: undefined,
      page: owner.page,
      owner,
      container,
      depth: container.depth + 1,
      fiber,
      data: undefined,
      props: undefined,
      passedProps: props,
      scope: entry?.scope,
      virtualHost: entry?.virtualHost !== false,
      seq: 0,
      rendered: false,
      mounted: false,
      pendingChildren: 0,
      blocksContainer: false,
      destroyed: false,
      slots: { children: vnode.children ?? [], scopedSlots: vnode.scopedSlots, owner },
      slotFibers: new Set(),
      sjsState: undefined,
    };
    this.configureTags(instance, entry, vnode, owner);
    if (owner.resolvesTags) {
      const intended = this.intendedComponent(vnode, owner);
      if (intended !== undefined && intended !== is) this.placeheld.set(fiber, intended);
    }
    this.instances.set(id, instance);
    if (!container.mounted) {
      container.pendingChildren++;
      instance.blocksContainer = true;
    }
    const message: HostToLogic = { t: 'compCreate', id, is, page: owner.page.id, owner: owner.id, props };
    if (container !== owner) message.parent = container.id;
    if (typeof vnode.ref === 'string' && vnode.ref !== '') message.ref = vnode.ref;
    this.out.push(message);
    return instance;
  }

  /** Returns true when the slot content changed (the reconciler then refreshes the component's slots). */
  private updateComponent(fiber: Fiber, vnode: VElement): boolean {
    const instance = fiber.instance;
    if (instance === undefined) return false;
    const props = propsOf(vnode);
    if (!sameProps(props, instance.passedProps)) {
      instance.passedProps = props;
      this.out.push({ t: 'compProps', id: instance.id, props });
      if (instance.externalClasses !== undefined) this.updateClassMap(instance);
    }
    const slots = instance.slots!;
    const children = vnode.children ?? [];
    if (slots.children === children && slots.scopedSlots === vnode.scopedSlots) return false;
    instance.slots = { children, scopedSlots: vnode.scopedSlots, owner: slots.owner };
    return instance.rendered;
  }

  /** Outermost components in a moved subtree hear `compMove` (what is inside them did not move relative to them). */
  private moved(fiber: Fiber): void {
    if (fiber.kind === FiberKind.Component) {
      if (fiber.instance !== undefined && !fiber.instance.destroyed) this.out.push({ t: 'compMove', id: fiber.instance.id });
      return;
    }
    for (const child of fiber.children) this.moved(child);
  }

  // ------------------------------------------------------------------ component config

  private ownEntry<T>(table: Record<string, T> | undefined, id: string): T | undefined {
    return table !== undefined && Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
  }

  /**
   * Abstract nodes and placeholders of an instance's template: which generic tags it has (and
   * what its owner chose for them with `generic:tag="other-tag"`), which tags have placeholders.
   */
  private configureTags(instance: Instance, entry: ComponentEntry | PageEntry | undefined, vnode?: VElement, owner?: Instance): void {
    if (entry === undefined) return;
    const declared = 'componentGenerics' in entry ? entry.componentGenerics : undefined;
    if (declared !== undefined && Object.keys(declared).length > 0) {
      const generics: Record<string, string> = {};
      const usedBy = owner ? this.ownEntry<ComponentEntry | PageEntry>(owner.kind === 'page' ? this.options.pages : this.options.components, owner.kind === 'page' ? owner.route ?? '' : owner.is) : undefined;
      const attrs = vnode && typeof vnode.attrs === 'object' && vnode.attrs !== null ? vnode.attrs : {};
      for (const name of Object.keys(declared)) {
        const chosen = attrs['generic:' + name];
        const picked = typeof chosen === 'string' && usedBy ? this.ownEntry(usedBy.usingComponents, chosen.trim()) : undefined;
        if (chosen !== undefined && picked === undefined) {
          this.reportError('render', owner?.id ?? 0, new Error(`generic:${name}="${String(chosen)}": <${String(chosen)}> is not one of the usingComponents of ${owner?.kind === 'page' ? owner.route : owner?.is}; <${name}> renders its default`));
        }
        generics[name] = picked ?? declared[name] ?? '';
      }
      instance.generics = generics;
    }
    if (entry.componentPlaceholder !== undefined && Object.keys(entry.componentPlaceholder).length > 0) instance.placeholders = entry.componentPlaceholder;
    instance.resolvesTags = instance.generics !== undefined || instance.placeholders !== undefined;
  }

  private isAvailable(component: string): boolean {
    const entry = this.ownEntry(this.options.components, component);
    return this.templates.has(entry?.template ?? component);
  }

  /** The component a tag stands for: the compiler's id, or for an abstract node what the owner chose. */
  private intendedComponent(vnode: VElement, owner: Instance): string | undefined {
    const generic = owner.generics !== undefined ? this.ownEntry(owner.generics, vnode.tag) : undefined;
    return generic !== undefined ? generic || undefined : vnode.component;
  }

  private componentOf(vnode: VElement, owner: Instance): string | undefined {
    const component = this.intendedComponent(vnode, owner);
    if (component === undefined) return undefined;
    const placeholder = owner.placeholders !== undefined ? this.ownEntry(owner.placeholders, vnode.tag) : undefined;
    if (placeholder === undefined || placeholder === component || this.isAvailable(component)) return component;
    if (!this.requested.has(component)) {
      this.requested.add(component);
      this.options.loadComponent?.(component);
    }
    return placeholder;
  }

  /** The first patch of a component carries what its JS definition says about its host and external classes. */
  private applyViewOptions(instance: Instance, options: ComponentViewOptions): void {
    if (typeof options.virtualHost === 'boolean') this.reconciler.setHost(instance.fiber, !options.virtualHost);
    if (Array.isArray(options.externalClasses)) {
      instance.externalClasses = options.externalClasses.filter((name): name is string => typeof name === 'string');
      this.updateClassMap(instance);
    }
  }

  private updateClassMap(instance: Instance): void {
    const next = classMapOf(instance.externalClasses ?? [], instance.passedProps);
    if (sameClassMap(next, instance.classMap)) return;
    instance.classMap = next;
    // Its nodes (slot content it passes included) take the new classes on its next render, memoised rows too.
    const mark = (fiber: Fiber): void => {
      for (const child of fiber.children) {
        if (child.owner === instance && (child.kind === FiberKind.Element || child.kind === FiberKind.Component)) child.stale = true;
        mark(child);
      }
    };
    mark(instance.fiber);
  }

  /** A tap inside `<button open-type="share">` asks the page for its share content (docs: onShareAppMessage, from 'button'). */
  private shareButtonTapped(target: Fiber): void {
    for (let fiber: Fiber | undefined = target; fiber !== undefined; fiber = fiber.parent) {
      if (fiber.kind !== FiberKind.Element || fiber.tag !== 'button') continue;
      if (fiber.attrs['open-type'] !== 'share' || fiber.attrs.disabled) return;
      const info: EventTargetInfo = { tagName: 'button', dataset: datasetOf(fiber.attrs) };
      if (typeof fiber.attrs.id === 'string') info.id = fiber.attrs.id;
      this.options.onShareButton?.(fiber.owner.page.id, info);
      return;
    }
  }

  private destroyComponent(instance: Instance): void {
    if (instance.destroyed) return;
    instance.destroyed = true;
    this.instances.delete(instance.id);
    this.out.push({ t: 'compUnmount', id: instance.id });
    if (instance.blocksContainer && instance.container !== undefined) {
      instance.blocksContainer = false;
      instance.container.pendingChildren--;
      this.completionCandidates.push(instance.container);
    }
  }

  // ------------------------------------------------------------------ events

  private dispatch(target: NodeId, type: string, detail?: unknown, extra?: EventExtra): void {
    this.run(() => {
      const fiber = this.reconciler.nodes.get(target);
      if (fiber === undefined || fiber.dead || typeof type !== 'string') return;
      this.options.onNodeEvent?.({ pageId: fiber.owner.page.id, nodeId: target, type, detail });
      dispatchEvent(
        {
          post: (message: EventMessage) => this.out.push(message),
          callSjs: (handler: SjsEventHandler, event, current, path) => this.sjs.callHandler(handler, event, current, path),
        },
        fiber,
        type,
        this.now(),
        detail,
        extra,
      );
      if (type === 'tap') this.shareButtonTapped(fiber);
    });
  }
}
