/**
 * The headless renderer: applies the engine's operations to a small in-memory tree, for Node,
 * tests, CI and the test harness. It can be queried with selectors, serialised to HTML-like text,
 * and driven with user input (`tap`, `input`, `scroll`, or any event through `dispatch`).
 *
 * There is no layout: selector queries answer `rect`/`size` with zeros (and the viewport with the
 * size given in the options, zeros by default), `computedStyle` from the node's inline `style`,
 * and `scrollOffset` from what `scroll()` recorded.
 */
import { buttonTarget, choiceActivation, formAction, formValue } from './form.ts';
import { datasetOf } from '../../view/dataset.ts';
import { inlineStyleValues } from '../../view/overlay.ts';
import { AnimationRunner, isAnimationData, readAnimation } from '../../view/animation.ts';
import {
  Op,
  type NodeId,
  type RenderOp,
  type Renderer,
  type RendererClock,
  type RendererEvents,
  type SelectorQueryRequest,
  type IntersectionEntry,
  type IntersectionRequest,
  type ComponentAnswer,
  type ComponentCall,
} from '../../contract/renderer.ts';
import { advanceVideo, callVideo, playVideo, setVideoAttr } from './video.ts';
import { DEFAULT_BOX } from '../map-model.ts';
import { MAX_MATCHES, classNames, parseSelector, selectorMatcher, type SelectorAdapter } from '../../view/selector.ts';
import { createNode, descendants, detach, textContent, type HeadlessNode } from './node.ts';
import { serializeNode, type SerializeOptions } from './serialize.ts';
import { HeadlessCanvases, type CanvasRecording } from './canvas.ts';
import { HeadlessIntersections } from './intersection.ts';
import { estimateTextWidth, type CanvasDraw } from '../../contract/canvas.ts';

export type { HeadlessNode } from './node.ts';
export type { SerializeOptions } from './serialize.ts';
export type { CanvasRecording } from './canvas.ts';
export { serializeNode } from './serialize.ts';

export interface HeadlessRendererOptions {
  /** What `selectViewport()` reports as width/height (the tree itself has no layout). Default 0×0. */
  viewport?: { width: number; height: number };
  /**
   * The clock `animation` steps run on. A container gives its own (`useClock`); default real time.
   */
  clock?: RendererClock;
}

const REAL_CLOCK: RendererClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = globalThis.setTimeout(fn, ms);
    // An animation in flight never keeps a Node process alive.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface PageRecord {
  root: HeadlessNode;
  route: string;
  scrollTop: number;
  scrollLeft: number;
}

const adapter: SelectorAdapter<HeadlessNode> = {
  tag: (node) => node.tag,
  id: (node) => {
    const id = node.attrs.id;
    return id === undefined || id === null ? undefined : String(id);
  },
  classes: (node) => classNames(node.attrs.class),
  // The page root is not an element of the page's template: selectors stop below it.
  parent: (node) => (node.parent === undefined || node.parent.parent === undefined ? undefined : node.parent),
};

export class HeadlessRenderer implements Renderer {
  private readonly nodes = new Map<NodeId, HeadlessNode>();
  private readonly pages = new Map<number, PageRecord>();
  private readonly scrollOffsets = new Map<NodeId, { scrollTop: number; scrollLeft: number }>();
  private events: RendererEvents | undefined;
  private shown: number | undefined;
  private readonly viewport: { width: number; height: number };
  private clock: RendererClock;
  private readonly animations = new Map<HeadlessNode, AnimationRunner>();
  private readonly canvases = new HeadlessCanvases();
  /** Counters for benchmarks and assertions: batches applied, operations applied. */
  readonly stats = { batches: 0, ops: 0 };

  constructor(options: HeadlessRendererOptions = {}) {
    this.viewport = options.viewport ?? { width: 0, height: 0 };
    this.clock = options.clock ?? REAL_CLOCK;
    this.intersections = new HeadlessIntersections(this.viewport, () => this.clock.now());
  }

  private readonly intersections: HeadlessIntersections;

  /** The container's clock (the constructor's `clock` option wins). */
  useClock(clock: RendererClock): void {
    if (this.explicitClock) return;
    this.clock = clock;
  }

  private get explicitClock(): boolean {
    return this.clock !== REAL_CLOCK;
  }

  // ------------------------------------------------------------------ Renderer

  connect(events: RendererEvents): void {
    this.events = events;
  }

  apply(ops: readonly RenderOp[]): void {
    this.stats.batches++;
    this.stats.ops += ops.length;
    for (const op of ops) this.applyOne(op);
  }

  private applyOne(op: RenderOp): void {
    // Stale or unknown ids are ignored: a renderer never throws on a late op.
    switch (op[0]) {
      case Op.Element:
        this.nodes.set(op[1], createNode(op[1], op[2], op[3]));
        if (op[2] === 'canvas') this.canvasReady(op[1]);
        return;
      case Op.Text: {
        const node = createNode(op[1], '#text');
        node.text = op[2];
        this.nodes.set(op[1], node);
        return;
      }
      case Op.SetText: {
        const node = this.nodes.get(op[1]);
        if (node?.tag === '#text') node.text = op[2];
        return;
      }
      case Op.Attr: {
        const node = this.nodes.get(op[1]);
        if (node === undefined) return;
        if (op[3] === undefined) delete node.attrs[op[2]];
        else node.attrs[op[2]] = op[3];
        if (op[2] === 'animation' && isAnimationData(op[3])) this.animate(node, op[3]);
        if (node.map) this.mapAttr(node, op[2], op[3]);
        if (node.video && setVideoAttr(node.video, op[2], op[3]) === 'autoplay') this.autoplay(node);
        return;
      }
      case Op.Insert: {
        const parent = this.nodes.get(op[1]);
        const child = this.nodes.get(op[2]);
        if (parent === undefined || child === undefined || child === parent) return;
        detach(child);
        const before = op[3] !== 0 ? this.nodes.get(op[3]) : undefined;
        const index = before !== undefined && before.parent === parent ? parent.children.indexOf(before) : -1;
        if (index >= 0) parent.children.splice(index, 0, child);
        else parent.children.push(child);
        child.parent = parent;
        return;
      }
      case Op.Remove: {
        const node = this.nodes.get(op[1]);
        if (node === undefined) return;
        detach(node);
        this.forget(node);
        return;
      }
      case Op.PageCreate: {
        const root = createNode(op[2], 'page');
        root.attrs.route = op[3];
        this.nodes.set(op[2], root);
        this.pages.set(op[1], { root, route: op[3], scrollTop: 0, scrollLeft: 0 });
        return;
      }
      case Op.PageShow:
        if (this.pages.has(op[1])) this.shown = op[1];
        return;
      case Op.PageDestroy: {
        const page = this.pages.get(op[1]);
        if (page === undefined) return;
        this.forget(page.root);
        this.pages.delete(op[1]);
        this.intersections.pageDestroyed(op[1]);
        if (this.shown === op[1]) this.shown = undefined;
        return;
      }
    }
  }

  /**
   * The `animation` attribute: each step's final values land in `node.animationStyle` once its
   * delay + duration have elapsed on the clock (a step of 0 ms at once), then the next step runs;
   * each step that lasted reports `transitionEnd` at the node (docs: view's `animation`).
   */
  private animate(node: HeadlessNode, value: unknown): void {
    const steps = readAnimation(value);
    if (steps === undefined || steps.length === 0) return;
    let runner = this.animations.get(node);
    if (runner === undefined) {
      runner = new AnimationRunner(this.clock, {
        end: (step, state) => {
          if (this.nodes.get(node.id) !== node) return;
          node.animationStyle = Object.fromEntries(state);
          if (step.duration > 0) this.events?.dispatch(node.id, 'transitionEnd', {});
        },
      });
      this.animations.set(node, runner);
    }
    runner.run(steps);
  }

  /**
   * A node's inline style as CSS property → value: its `style` attribute with what its `animation`
   * left on it layered over.
   */
  style(target: string | HeadlessNode): Record<string, string> {
    const node = this.resolve(target);
    const out: Record<string, string> = {};
    const style = node.attrs.style;
    if (typeof style === 'string') {
      for (const declaration of style.split(';')) {
        const colon = declaration.indexOf(':');
        if (colon > 0) out[declaration.slice(0, colon).trim().toLowerCase()] = declaration.slice(colon + 1).trim();
      }
    }
    return Object.assign(out, node.animationStyle);
  }

  private forget(node: HeadlessNode): void {
    this.animations.get(node)?.cancel();
    this.animations.delete(node);
    this.nodes.delete(node.id);
    this.scrollOffsets.delete(node.id);
    for (const child of node.children) this.forget(child);
  }

  // ------------------------------------------------------------------ reading the tree

  node(id: NodeId): HeadlessNode | undefined {
    return this.nodes.get(id);
  }

  /** Root of page `pageId`. */
  page(pageId: number): HeadlessNode | undefined {
    return this.pages.get(pageId)?.root;
  }

  /** Ids of live pages, in creation order. */
  pageIds(): number[] {
    return [...this.pages.keys()];
  }

  /** Root of the shown page (the top of the stack). */
  currentPage(): HeadlessNode | undefined {
    return this.shown === undefined ? undefined : this.pages.get(this.shown)?.root;
  }

  currentPageId(): number | undefined {
    return this.shown;
  }

  querySelectorAll(selector: string, root?: HeadlessNode): HeadlessNode[] {
    const matches = selectorMatcher(parseSelector(selector), adapter);
    const scope = root ?? this.currentPage();
    if (scope === undefined) return [];
    const out: HeadlessNode[] = [];
    for (const node of descendants(scope)) {
      if (node.tag !== '#text' && matches(node)) out.push(node);
      // Bounded: a query from mini-program code collects at most MAX_MATCHES nodes.
      if (out.length >= MAX_MATCHES) break;
    }
    return out;
  }

  querySelector(selector: string, root?: HeadlessNode): HeadlessNode | null {
    const matches = selectorMatcher(parseSelector(selector), adapter);
    const scope = root ?? this.currentPage();
    if (scope === undefined) return null;
    for (const node of descendants(scope)) {
      if (node.tag !== '#text' && matches(node)) return node;
    }
    return null;
  }

  /** Text content of a node (default: the shown page). */
  text(target?: string | HeadlessNode): string {
    const node = target === undefined ? this.currentPage() : this.resolve(target);
    return node === undefined ? '' : textContent(node);
  }

  serialize(node?: HeadlessNode, options?: SerializeOptions): string {
    const target = node ?? this.currentPage();
    return target === undefined ? '' : serializeNode(target, options);
  }

  // ------------------------------------------------------------------ user input

  private resolve(target: string | HeadlessNode): HeadlessNode {
    if (typeof target !== 'string') return target;
    const node = this.querySelector(target);
    if (node === null) throw new Error(`HeadlessRenderer: nothing on the shown page matches "${target}"`);
    return node;
  }

  /** Fires `type` on a node, as a user would: the engine propagates it. */
  dispatch(
    target: string | HeadlessNode,
    type: string,
    detail?: unknown,
    extra?: { touches?: unknown[]; changedTouches?: unknown[] },
  ): void {
    const node = this.resolve(target);
    if (this.events === undefined) throw new Error('HeadlessRenderer: not connected to a view engine');
    this.events.dispatch(node.id, type, detail, extra);
    if (type === 'tap') {
      this.activateNavigator(node);
      this.activateFormButton(node);
      this.activateChoice(node);
    }
  }

  /** A tap on a checkbox, radio or switch, or on a label for one, toggles it and fires its `change` (and its group's). */
  private activateChoice(node: HeadlessNode): void {
    for (const { node: at, detail } of choiceActivation(node)) this.events?.dispatch(at.id, 'change', detail);
  }

  /** A tap on a `form-type="submit"|"reset"` button fires its form's `submit` (with the controls' values) or `reset`. */
  private activateFormButton(node: HeadlessNode): void {
    const action = formAction(node);
    if (action === undefined || this.events === undefined) return;
    if (action.kind === 'submit') {
      this.events.dispatch(action.form.id, 'submit', { value: formValue(action.form), buttonTarget: buttonTarget(action.button) });
    } else {
      this.events.dispatch(action.form.id, 'reset', {});
    }
  }

  /**
   * A tap on (or inside) a `navigator` routes, as the built-in does: reported as a `navigate`
   * event at the navigator with `{ openType, url, delta }` — the same report the DOM renderer makes.
   */
  private activateNavigator(node: HeadlessNode): void {
    let at: HeadlessNode | undefined = node;
    while (at !== undefined && at.tag !== 'navigator') at = at.parent;
    if (at === undefined || this.events === undefined) return;
    const openType = typeof at.attrs['open-type'] === 'string' && at.attrs['open-type'] ? at.attrs['open-type'] : 'navigate';
    const delta = Math.max(1, Math.floor(Number(at.attrs.delta ?? 1)) || 1);
    this.events.dispatch(at.id, 'navigate', { openType, url: typeof at.attrs.url === 'string' ? at.attrs.url : '', delta });
  }

  tap(target: string | HeadlessNode): void {
    this.dispatch(target, 'tap');
  }

  /** Types into an input/textarea: its `value` follows (as in a browser), then `input` fires with `{ value }`. */
  input(target: string | HeadlessNode, value: string): void {
    const node = this.resolve(target);
    node.attrs.value = value;
    this.dispatch(node, 'input', { value, cursor: value.length });
  }

  /**
   * Scrolls a node (a scroll-view), or the page with `'viewport'`: records the offsets that
   * `scrollOffset` queries report; a node also gets a `scroll` event.
   */
  scroll(target: string | HeadlessNode | 'viewport', offset: { scrollTop?: number; scrollLeft?: number }): void {
    if (target === 'viewport') {
      const page = this.shown === undefined ? undefined : this.pages.get(this.shown);
      if (page === undefined) return;
      page.scrollTop = offset.scrollTop ?? page.scrollTop;
      page.scrollLeft = offset.scrollLeft ?? page.scrollLeft;
      return;
    }
    const node = this.resolve(target);
    const current = this.scrollOffsets.get(node.id) ?? { scrollTop: 0, scrollLeft: 0 };
    const next = { scrollTop: offset.scrollTop ?? current.scrollTop, scrollLeft: offset.scrollLeft ?? current.scrollLeft };
    this.scrollOffsets.set(node.id, next);
    this.dispatch(node, 'scroll', { ...next, scrollHeight: 0, scrollWidth: 0 });
  }

  // ------------------------------------------------------------------ video and map

  /** An `autoplay` video starts once the batch that set it is applied (its src may come later in it). */
  private autoplay(node: HeadlessNode): void {
    queueMicrotask(() => {
      if (this.nodes.get(node.id) === node && node.video) playVideo(node.video, (type, detail) => this.events?.dispatch(node.id, type, detail));
    });
  }

  /** A `<map>` attribute; its box is what its inline style says in px (no layout here), else the default. */
  private mapAttr(node: HeadlessNode, name: string, value: unknown): void {
    if (name !== 'style') {
      node.map!.setAttr(name, value);
      return;
    }
    const style = this.style(node);
    const px = (v: string | undefined) => (v && /^\d+(\.\d+)?px$/.test(v) ? Number.parseFloat(v) : undefined);
    node.map!.resize(px(style.width) ?? DEFAULT_BOX.width, px(style.height) ?? DEFAULT_BOX.height);
  }

  /** VideoContext / MapContext calls (my.createVideoContext(id), my.createMapContext(id)) on the node with that id. */
  control(pageId: number, call: ComponentCall): ComponentAnswer {
    const root = this.pages.get(pageId)?.root;
    const node = root && [...descendants(root)].find((n) => n.tag === call.component && n.attrs.id !== undefined && String(n.attrs.id) === call.id);
    if (!node) return { ok: false, error: 2, errorMessage: `no <${call.component}> with id "${call.id}" on the page` };
    const dispatch = (type: string, detail: Record<string, unknown>) => this.events?.dispatch(node.id, type, detail);
    if (node.video) return callVideo(node.video, call.method, call.args, dispatch);
    return node.map!.call(call.method, call.args);
  }

  /** `seconds` pass for the playing videos of the shown page (or `target`): timeUpdate, ended. */
  advanceVideo(seconds: number, target?: string | HeadlessNode): void {
    const nodes = target !== undefined ? [this.resolve(target)] : this.querySelectorAll('video');
    for (const node of nodes) if (node.video) advanceVideo(node.video, seconds, (type, detail) => this.events?.dispatch(node.id, type, detail));
  }

  /** A tap on marker `markerId` of a `<map>`: its markerTap event (`{ markerId, latitude, longitude }`), as the DOM pin reports it. */
  tapMarker(target: string | HeadlessNode, markerId: number): void {
    const node = this.resolve(target);
    const marker = node.map?.markers.find((m) => m.id === markerId);
    if (!marker) throw new Error(`HeadlessRenderer: the map has no marker with id ${markerId}`);
    this.dispatch(node, 'markerTap', { markerId, latitude: marker.latitude, longitude: marker.longitude });
  }

  // ------------------------------------------------------------------ canvas (headless/canvas.ts)

  /** A `<canvas>` reports `ready` (its onReady) once the batch that created it is applied. */
  private canvasReady(id: NodeId): void {
    const node = this.nodes.get(id);
    queueMicrotask(() => {
      if (node && this.nodes.get(id) === node) this.events?.dispatch(id, 'ready', {});
    });
  }

  canvasDraw(pageId: number | undefined, draw: CanvasDraw): void {
    const root = pageId === undefined ? undefined : this.pages.get(pageId)?.root;
    this.canvases.draw(root, (id) => this.nodes.get(id), draw);
  }

  /** The documented estimate (contract/canvas.ts `estimateTextWidth`): there is no text layout here. */
  measureText(text: string, font: string): number {
    return estimateTextWidth(text, font);
  }

  /** What a `<canvas>` (a selector or node on the shown page) or offscreen canvas (`{ offscreen: n }`) recorded. */
  canvas(target: string | HeadlessNode | { offscreen: number }): CanvasRecording {
    if (typeof target === 'object' && 'offscreen' in target) {
      const recording = this.canvases.offscreenCanvas(target.offscreen);
      if (!recording) throw new Error(`HeadlessRenderer: no offscreen canvas #${target.offscreen} has drawn`);
      return recording;
    }
    const node = this.resolve(target);
    if (node.tag !== 'canvas') throw new Error(`HeadlessRenderer: "${typeof target === 'string' ? target : node.tag}" is not a <canvas>`);
    return this.canvases.of(node);
  }

  // ------------------------------------------------------------------ intersection observers

  observeIntersection(pageId: number, request: IntersectionRequest, report: (entry: IntersectionEntry) => void): (() => void) | undefined {
    const page = this.pages.get(pageId);
    if (page === undefined) return undefined;
    let targets: HeadlessNode[];
    try {
      targets = request.all ? this.querySelectorAll(request.selector, page.root) : [this.querySelector(request.selector, page.root)].filter((n) => n !== null);
    } catch {
      targets = [];
    }
    return this.intersections.observe(pageId, request, targets, report);
  }

  /**
   * There is no layout: says that `ratio` (0–1) of the nodes matching `selector` in page `pageId` is in view
   * now; observers following them report it when it crosses one of their thresholds. Returns the number of
   * entries reported.
   */
  setIntersection(pageId: number, selector: string | HeadlessNode, ratio: number): number {
    const page = this.pages.get(pageId);
    if (page === undefined) throw new Error(`HeadlessRenderer: no page ${pageId}`);
    if (!(ratio >= 0 && ratio <= 1)) throw new Error(`HeadlessRenderer.setIntersection: ratio must be within 0–1, got ${ratio}`);
    const nodes = typeof selector === 'string' ? this.querySelectorAll(selector, page.root) : [selector];
    return this.intersections.setRatio(pageId, nodes, ratio);
  }

  // ------------------------------------------------------------------ selector queries

  query(pageId: number, requests: readonly SelectorQueryRequest[]): unknown[] {
    const page = this.pages.get(pageId);
    return requests.map((request) => {
      if (page === undefined) return request.all ? [] : null;
      if (request.selector === 'viewport') return this.viewportFields(page, request);
      let matches: HeadlessNode[];
      try {
        matches = request.all ? this.querySelectorAll(request.selector, page.root) : [this.querySelector(request.selector, page.root)].filter((n) => n !== null);
      } catch {
        // A malformed selector from mini-program code is "nothing matched", not a host error.
        matches = [];
      }
      const results = matches.map((node) => this.nodeFields(node, request, pageId));
      return request.all ? results : (results[0] ?? null);
    });
  }

  private nodeFields(node: HeadlessNode, request: SelectorQueryRequest, pageId: number): Record<string, unknown> {
    const fields = request.fields;
    const out: Record<string, unknown> = {};
    if (fields.node) {
      const canvas = node.tag === 'canvas' ? this.canvases.of(node) : undefined;
      out.node = canvas ? { node: node.id, page: pageId, width: canvas.width, height: canvas.height } : null;
    }
    if (fields.id) out.id = node.attrs.id === undefined || node.attrs.id === null ? '' : String(node.attrs.id);
    if (fields.dataset) out.dataset = datasetOf(node.attrs);
    if (fields.rect) Object.assign(out, { left: 0, right: 0, top: 0, bottom: 0 });
    if (fields.size) Object.assign(out, { width: 0, height: 0 });
    if (fields.scrollOffset) Object.assign(out, this.scrollOffsets.get(node.id) ?? { scrollTop: 0, scrollLeft: 0 });
    if (fields.computedStyle) {
      const values = inlineStyleValues(node.attrs.style, fields.computedStyle);
      const animated = node.animationStyle;
      if (animated !== undefined) {
        for (const prop of fields.computedStyle) {
          const key = prop.includes('-') ? prop.toLowerCase() : prop.replace(/[A-Z]/g, (ch) => '-' + ch.toLowerCase());
          if (Object.prototype.hasOwnProperty.call(animated, key)) values[prop] = animated[key]!;
        }
      }
      Object.assign(out, values);
    }
    return out;
  }

  private viewportFields(page: PageRecord, request: SelectorQueryRequest): Record<string, unknown> {
    const fields = request.fields;
    const out: Record<string, unknown> = {};
    if (fields.id) out.id = '';
    if (fields.dataset) out.dataset = {};
    // Docs (boundingClientRect): for the viewport only width and height are returned.
    if (fields.rect || fields.size) Object.assign(out, { width: this.viewport.width, height: this.viewport.height });
    if (fields.scrollOffset) Object.assign(out, { scrollTop: page.scrollTop, scrollLeft: page.scrollLeft });
    return out;
  }
}
