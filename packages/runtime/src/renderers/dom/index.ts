/**
 * The DOM renderer: applies the ViewEngine's render ops to real elements in a container, maps the
 * built-in components to elements with their documented behaviour, reports user input back through
 * `RendererEvents`, and answers selector queries from the live layout.
 *
 * ```ts
 * const renderer = new DomRenderer(document.getElementById('screen')!, { screenWidth: 375 });
 * renderer.connect({ dispatch: (node, type, detail) => console.log(node, type, detail) });
 * renderer.apply([[Op.PageCreate, 1, 1, 'pages/index/index'], [Op.Element, 2, 'view'], [Op.Insert, 1, 2, 0]]);
 * ```
 *
 * Stale ops (unknown ids) are ignored; an op that cannot be applied is reported to `onError` and the
 * rest of the batch still runs.
 */

import { Op, type ComponentAnswer, type ComponentCall, type NodeId, type RenderOp, type Renderer, type RendererEvents, type SelectorQueryRequest, type IntersectionEntry, type IntersectionRequest } from '../../contract/renderer.ts';
import { BUILT_INS, unknownTag } from './components/index.ts';
import { CanvasSurface, loadImage, measureTextIn, surfaces } from './components/canvas.ts';
import { CANVAS_LIMITS, type CanvasDraw, type CanvasTarget } from '../../contract/canvas.ts';
import type { CanvasExport, CanvasExportOptions } from '../../contract/renderer.ts';
import { isCanvasWithId } from '../../view/canvas.ts';
import { toBool } from './components/util.ts';
import { injectDefaultStyles, STYLE_ELEMENT_ATTR } from './default-styles.ts';
import { Gestures, type GestureHost, type TouchPoint } from './gestures.ts';
import { answerQueries, matchRecords } from './query.ts';
import { observeDomIntersection } from './intersection.ts';
import { MAX_INTERSECTION_OBSERVERS } from '../../view/intersection.ts';
import { Presentation } from './presentation.ts';
import { convertRpx, documentFontFaces, familyName, hostFontFamilies, resolveStyleUrls, RPX_VAR, pxPerRpx } from './style.ts';
import { AnimationRunner, isAnimationData, readAnimation, transitionOf } from '../../view/animation.ts';
import { Timers } from './timers.ts';
import { containDocumentSheet, containShadowSheet } from './contain-sheet.ts';

/** The attribute naming a renderer's container: a package sheet in the host's document is scoped to it. */
const SCOPE_ATTR = 'data-mpk-screen';
let scopes = 0;
const SCREEN_CONTAINMENT: ReadonlyArray<readonly [string, string]> = [
  ['contain', 'layout paint'],
  ['overflow', 'hidden'],
];
import type { ComponentContext, DomRecord, DomRendererOptions } from './types.ts';
import { PAGE_TAG } from './types.ts';

export type { DomRendererOptions, DomRecord } from './types.ts';
export { Op } from '../../contract/renderer.ts';
export type { NodeId, RenderOp, Renderer, RendererEvents, SelectorQueryRequest } from '../../contract/renderer.ts';
export { convertRpx, pxPerRpx, resolveStyleUrls, RPX_VAR, styleText } from './style.ts';
export { DEFAULT_STYLES } from './default-styles.ts';
export { RICH_TEXT_TAGS } from './components/rich-text.ts';
export { LONG_TAP_MS, TAP_SLOP } from './gestures.ts';

interface PageState {
  record: DomRecord;
  route: string;
  savedScroll?: [number, number];
  /** Stop functions of the page's intersection observers (they end with the page). */
  observers?: Set<() => void>;
}

const SCOPE_NAME = /^[A-Za-z0-9_-]+$/;

/** `scrollY` → `scroll-y`; `data-*`, `mark:*`, `aria-*` stay as written. */
function attrKey(name: string): string {
  if (name.startsWith('data-') || name.startsWith('mark:') || name.startsWith('aria-')) return name;
  return name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
}

function attrText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export class DomRenderer implements Renderer {
  readonly container: HTMLElement;
  private readonly doc: Document;
  private readonly options: DomRendererOptions;
  private readonly records = new Map<NodeId, DomRecord>();
  private readonly byNode = new WeakMap<Node, DomRecord>();
  private readonly presentations = new WeakMap<DomRecord, Presentation>();
  private readonly pages = new Map<number, PageState>();
  private readonly scheduled = new Set<DomRecord>();
  private readonly timers: Timers;
  /** `animation` attributes in flight: the runner of each node, and the start deferred to after its batch. */
  private readonly animations = new Map<DomRecord, { runner?: AnimationRunner; deferred?: number }>();
  /** Fonts my.loadFontFace added to the document. */
  private readonly fontFaces: FontFace[] = [];
  /** Where the default styles went (document head or shadow root), and the sheets set since. */
  private readonly styleParent: ParentNode | null;
  private readonly sheets = new Map<string, { style: HTMLStyleElement; fonts?: HTMLStyleElement }>();
  private shownPage?: number;
  private events?: RendererEvents;
  private applying = false;
  private flushQueued = false;
  private disposed = false;
  private screenWidth: number;
  private readonly gestures: Gestures;
  private readonly scopeId: string;

  constructor(container: HTMLElement, options: DomRendererOptions = {}) {
    if (!container || typeof container.appendChild !== 'function') throw new TypeError('DomRenderer needs a container element');
    this.container = container;
    this.doc = container.ownerDocument;
    this.options = options;
    this.screenWidth = options.screenWidth ?? (container.clientWidth || 375);
    container.classList.add('mpk-root');
    this.scopeId = String(++scopes);
    container.setAttribute(SCOPE_ATTR, this.scopeId);
    // The screen contains what the package draws (position: fixed included). Inline and important:
    // no rule of a package sheet can undo it (an inline !important declaration outranks them all).
    for (const [name, value] of SCREEN_CONTAINMENT) container.style.setProperty(name, value, 'important');
    this.styleParent = injectDefaultStyles(container);
    this.timers = new Timers(this.doc.defaultView, (error) => this.reportError(error, 'timer'));
    this.applyRpx();
    this.gestures = new Gestures(this.gestureHost());
    this.gestures.attach();
  }

  // ── public API ────────────────────────────────────────────────────────────

  connect(events: RendererEvents): void {
    this.events = events;
  }

  /** The simulator's device selector: rpx follows the new width. */
  setScreenWidth(px: number): void {
    if (!Number.isFinite(px) || px <= 0) return;
    this.screenWidth = px;
    this.applyRpx();
  }

  /** Current px per rpx. */
  get rpx(): number {
    return pxPerRpx(this.screenWidth, this.options.responsive !== false);
  }

  apply(ops: readonly RenderOp[]): void {
    if (this.disposed || !Array.isArray(ops)) return;
    this.applying = true;
    try {
      for (const op of ops) {
        try {
          this.applyOp(op);
        } catch (error) {
          this.reportError(error, op);
        }
      }
    } finally {
      this.applying = false;
    }
    this.flush();
  }

  // ── canvas (components/canvas.ts) ─────────────────────────────────────────
  private readonly offscreen = new Map<number, CanvasSurface>();

  private canvasSurface(pageId: number | undefined, target: CanvasTarget): CanvasSurface | undefined {
    if ('offscreen' in target) return this.offscreen.get(target.offscreen);
    const page = pageId === undefined ? undefined : this.pages.get(pageId);
    if (!page) return undefined;
    const records = this.recordsUnder(page.record, false);
    const record = 'node' in target ? records.find((r) => r.id === target.node) : records.find((r) => isCanvasWithId(r.tag, r.attrs, target.canvasId));
    return record?.tag === 'canvas' ? surfaces.get(record.node as HTMLElement) : undefined;
  }

  canvasDraw(pageId: number | undefined, draw: CanvasDraw): Promise<void> {
    const target = draw.target;
    let surface = this.canvasSurface(pageId, target);
    if (!surface && 'offscreen' in target) {
      if (this.offscreen.size >= CANVAS_LIMITS.offscreen) throw new Error(`at most ${CANVAS_LIMITS.offscreen} offscreen canvases`);
      surface = new CanvasSurface(this.doc.createElement('canvas'), () => false);
      this.offscreen.set(target.offscreen, surface);
    }
    if (!surface) throw new Error('canvasId' in target ? `no <canvas id="${target.canvasId}"> on the page` : 'the canvas is no longer on the page');
    return surface.draw(draw, {
      resolveAsset: (url) => this.resolveAsset(url),
      canvasOf: (source) => this.canvasSurface('page' in source ? source.page : pageId, source)?.element,
    });
  }

  canvasExport(pageId: number | undefined, target: CanvasTarget, options: CanvasExportOptions): Promise<CanvasExport> {
    const surface = this.canvasSurface(pageId, target);
    if (!surface) return Promise.reject(new Error('canvasId' in target ? `no <canvas id="${target.canvasId}"> on the page` : 'no such canvas'));
    return surface.export(options);
  }

  canvasPixels(pageId: number | undefined, target: CanvasTarget, rect: { x: number; y: number; width: number; height: number }): Promise<Uint8Array> {
    const surface = this.canvasSurface(pageId, target);
    if (!surface) return Promise.reject(new Error('canvasId' in target ? `no <canvas id="${target.canvasId}"> on the page` : 'no such canvas'));
    return surface.pixels(rect);
  }

  measureText(text: string, font: string): number | undefined {
    return measureTextIn(this.doc, text, font);
  }

  async canvasImage(src: string): Promise<{ width: number; height: number }> {
    const image = await loadImage(this.doc, this.resolveAsset(src));
    if (!image) throw new Error(`the image ${JSON.stringify(src.slice(0, 200))} did not load`);
    return { width: image.naturalWidth, height: image.naturalHeight };
  }

  /** A VideoContext / MapContext method on the `<video>` / `<map>` with that id in page `pageId`. */
  control(pageId: number, call: ComponentCall): ComponentAnswer {
    const page = this.pages.get(pageId);
    const record = page && this.recordsUnder(page.record, false).find((r) => r.tag === call.component && r.attrs.id !== undefined && String(r.attrs.id) === call.id);
    if (!record?.component?.control) return { ok: false, error: 2, errorMessage: `no <${call.component}> with id "${call.id}" on the page` };
    try {
      return record.component.control(call.method, call.args);
    } catch (error) {
      this.reportError(error, call);
      return { ok: false, error: 3, errorMessage: `${call.method} failed: ${(error as Error)?.message ?? String(error)}` };
    }
  }

  /** `IntersectionObserver.observe` on page `pageId` (see dom/intersection.ts). */
  observeIntersection(pageId: number, request: IntersectionRequest, report: (entry: IntersectionEntry) => void): (() => void) | undefined {
    const page = this.pages.get(pageId);
    if (!page) return undefined;
    let live = 0;
    for (const p of this.pages.values()) live += p.observers?.size ?? 0;
    if (live >= MAX_INTERSECTION_OBSERVERS) return undefined;
    const host = { pageRecords: (root: DomRecord) => this.recordsUnder(root, true), parentOf: (record: DomRecord) => this.parentOf(record) };
    const targets = matchRecords(host, page.record, request.selector, request.all);
    const reference = request.relativeTo === undefined ? undefined : matchRecords(host, page.record, request.relativeTo, false)[0]?.node as HTMLElement | undefined;
    const view = this.doc.defaultView;
    const stopObserving = observeDomIntersection(page.record.node as HTMLElement, reference, targets, request, (entry) => {
      if (!this.disposed) report(entry);
    }, () => view?.Date.now() ?? Date.now());
    const observers = (page.observers ??= new Set());
    const stop = () => {
      observers.delete(stop);
      stopObserving();
    };
    observers.add(stop);
    return stop;
  }

  query(pageId: number, requests: readonly SelectorQueryRequest[]): unknown[] {
    const page = this.pages.get(pageId);
    return answerQueries(
      { pageRecords: (root) => this.recordsUnder(root, true), parentOf: (record) => this.parentOf(record) },
      page?.record,
      Array.isArray(requests) ? requests : [],
    );
  }

  /**
   * A stylesheet of the mini-program (the container's `part` event: a package part's compiled CSS),
   * by key (the part's root). It goes next to the renderer's defaults, after the sheets set before
   * it (app sheets override the defaults); package URLs in it (`url(/images/bg.png)`, fonts) are
   * resolved with `resolveAsset`. In a shadow root, browsers ignore `@font-face`: those rules are
   * also declared on the document (fonts are document-wide), except for families the host page's
   * own text uses, so an app can never restyle the host. `null` removes the sheet.
   */
  setStyleSheet(key: string, css: string | null): void {
    if (this.disposed) return;
    const existing = this.sheets.get(key);
    if (css === null) {
      existing?.style.remove();
      existing?.fonts?.remove();
      this.sheets.delete(key);
      return;
    }
    const root = this.container.getRootNode();
    const inShadow = root.nodeType === 11 && 'host' in root;
    // In a shadow root no rule of the package may select the shadow host; in the host's document
    // the package's rules are scoped to the container (contain-sheet.ts).
    const contained = inShadow ? containShadowSheet(String(css), this.doc) : containDocumentSheet(String(css), this.doc, `[${SCOPE_ATTR}="${this.scopeId}"]`);
    const text = this.options.resolveAsset ? resolveStyleUrls(contained, (url) => this.resolveAsset(url)) : contained;
    let entry = existing;
    if (!entry) {
      const style = this.doc.createElement('style');
      style.setAttribute('data-mpk-sheet', key);
      const last = [...this.sheets.values()].at(-1)?.style ?? this.styleParent?.querySelector(`style[${STYLE_ELEMENT_ATTR}]`);
      if (last?.parentNode) last.parentNode.insertBefore(style, last.nextSibling);
      else (this.styleParent ?? this.doc.head).appendChild(style);
      entry = { style };
      this.sheets.set(key, entry);
    }
    entry.style.textContent = text;
    if (inShadow) {
      const fonts = documentFontFaces(text, this.doc);
      if (fonts && !entry.fonts) {
        entry.fonts = this.doc.createElement('style');
        entry.fonts.setAttribute('data-mpk-fonts', key);
        this.doc.head.appendChild(entry.fonts);
      }
      if (entry.fonts) entry.fonts.textContent = fonts;
    }
  }

  /** The root element of a page (`div.mpk-page[data-mpk-page]`), if the page exists. */
  pageElement(pageId: number): HTMLElement | undefined {
    return this.pages.get(pageId)?.record.node as HTMLElement | undefined;
  }

  /** The element rendered for a node id (tests, devtools' element inspector). */
  nodeElement(id: NodeId): HTMLElement | Text | undefined {
    return this.records.get(id)?.node;
  }

  /** The node id an element belongs to (the nearest rendered node at or above it). */
  nodeIdOf(element: Node | null): NodeId | undefined {
    return this.recordFor(element)?.id;
  }

  /** `my.pageScrollTo`: scroll a page to `scrollTop` px or to the first node matching `selector`. */
  scrollPageTo(pageId: number, args: { scrollTop?: number; selector?: string; duration?: number }): boolean {
    const page = this.pages.get(pageId);
    if (!page) return false;
    const root = page.record.node as HTMLElement;
    let top = typeof args.scrollTop === 'number' && Number.isFinite(args.scrollTop) ? args.scrollTop : undefined;
    if (args.selector) {
      const [found] = this.query(pageId, [{ selector: args.selector, all: false, fields: { rect: true } }]) as Array<{ top: number } | null>;
      if (found) top = root.scrollTop + found.top;
    }
    if (top === undefined) return false;
    root.scrollTo({ top: Math.max(0, top), behavior: (args.duration ?? 0) > 0 ? 'smooth' : 'instant' });
    return true;
  }

  /**
   * A font `my.loadFontFace` loaded (the host fetched and checked it): a FontFace added to the
   * document's fonts — fonts are document-wide, a shadow root has none of its own — unless its family
   * is one the host page's own text uses (an app's fonts never restyle the host). Removed on dispose.
   */
  async loadFontFace(font: { family: string; data: Uint8Array; descriptors?: { style?: string; weight?: string; variant?: string } }): Promise<void> {
    if (this.disposed) throw new Error('the renderer is disposed');
    const view = this.doc.defaultView as (Window & { FontFace?: typeof FontFace }) | null;
    const FontFaceCtor = view?.FontFace;
    if (!FontFaceCtor || !this.doc.fonts) throw new Error('this browser has no FontFace API');
    if (hostFontFamilies(this.doc).has(familyName(font.family))) throw new Error(`"${font.family}" is a font family the host page uses`);
    const bytes = new Uint8Array(font.data.byteLength);
    bytes.set(font.data);
    const face = new FontFaceCtor(font.family, bytes.buffer, { ...font.descriptors });
    await face.load();
    if (this.disposed) return;
    this.doc.fonts.add(face);
    this.fontFaces.push(face);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const face of this.fontFaces.splice(0)) this.doc.fonts?.delete(face);
    this.gestures.detach();
    for (const record of this.records.values()) this.disposeComponent(record);
    for (const page of this.pages.values()) (page.record.node as HTMLElement).remove();
    this.timers.clearAll();
    for (const { style, fonts } of this.sheets.values()) {
      style.remove();
      fonts?.remove();
    }
    this.sheets.clear();
    this.records.clear();
    this.pages.clear();
    this.scheduled.clear();
    this.container.classList.remove('mpk-root');
    this.container.removeAttribute(SCOPE_ATTR);
    for (const [name] of SCREEN_CONTAINMENT) this.container.style.removeProperty(name);
    this.container.style.removeProperty(RPX_VAR);
    this.events = undefined;
  }

  // ── ops ───────────────────────────────────────────────────────────────────

  private applyOp(op: RenderOp): void {
    if (!Array.isArray(op)) return;
    switch (op[0]) {
      case Op.Element:
        this.createElement(op[1], op[2], op[3]);
        break;
      case Op.Text: {
        const [, id, text] = op;
        if (this.records.has(id)) this.drop(this.records.get(id)!);
        const raw = String(text ?? '');
        const record: DomRecord = { id, tag: '#text', node: this.doc.createTextNode(raw), attrs: {}, raw };
        this.register(record);
        break;
      }
      case Op.SetText: {
        const record = this.records.get(op[1]);
        if (!record || record.tag !== '#text') return;
        record.raw = String(op[2] ?? '');
        this.renderText(record);
        break;
      }
      case Op.Attr: {
        const record = this.records.get(op[1]);
        if (record && record.tag !== '#text' && typeof op[2] === 'string') this.setAttr(record, op[2], op[3]);
        break;
      }
      case Op.Insert:
        this.insert(op[1], op[2], op[3]);
        break;
      case Op.Remove: {
        const record = this.records.get(op[1]);
        if (!record || record.tag === PAGE_TAG) return;
        const parent = this.parentOf(record);
        record.node.parentNode?.removeChild(record.node);
        this.drop(record);
        if (parent) this.childrenChanged(parent);
        break;
      }
      case Op.PageCreate:
        this.createPage(op[1], op[2], op[3]);
        break;
      case Op.PageShow:
        this.showPage(op[1]);
        break;
      case Op.PageDestroy:
        this.destroyPage(op[1]);
        break;
    }
  }

  private createElement(id: NodeId, tag: string, scope: string | undefined): void {
    if (typeof tag !== 'string' || tag === '') return;
    if (this.records.has(id)) this.drop(this.records.get(id)!);
    const record: DomRecord = { id, tag, node: undefined as unknown as HTMLElement, attrs: {} };
    // Components may style their host while they build it: collect that until the host exists.
    const early: Array<(presentation: Presentation) => void> = [];
    const factory = Object.prototype.hasOwnProperty.call(BUILT_INS, tag) ? BUILT_INS[tag] : unknownTag;
    const component = factory(this.context(record, early));
    record.node = component.host;
    record.content = component.content ?? component.host;
    record.component = component;
    const presentation = new Presentation(component.host, [], this.options.resolveAsset ? (url) => this.resolveAsset(url) : undefined);
    this.presentations.set(record, presentation);
    for (const step of early) step(presentation);
    if (typeof scope === 'string' && SCOPE_NAME.test(scope)) component.host.setAttribute(`data-s-${scope}`, '');
    this.register(record);
  }

  private register(record: DomRecord): void {
    this.records.set(record.id, record);
    this.byNode.set(record.node, record);
  }

  private insert(parentId: NodeId, childId: NodeId, beforeId: NodeId): void {
    const parent = this.records.get(parentId);
    const child = this.records.get(childId);
    if (!parent?.content || !child || child === parent || child.tag === PAGE_TAG) return;
    const oldParent = this.parentOf(child);
    const before = beforeId ? this.records.get(beforeId) : undefined;
    const reference = before && before !== child && before.node.parentNode === parent.content ? before.node : null;
    parent.content.insertBefore(child.node, reference);
    if (child.tag === '#text') this.renderText(child);
    if (oldParent && oldParent !== parent) this.childrenChanged(oldParent);
    this.childrenChanged(parent);
  }

  private renderText(record: DomRecord): void {
    const parent = this.parentOf(record);
    const transform = parent?.content === record.node.parentNode ? parent?.component?.transformText : undefined;
    const shown = transform ? transform(record.raw ?? '') : (record.raw ?? '');
    const node = record.node as Text;
    if (node.data !== shown) node.data = shown;
  }

  private childrenChanged(record: DomRecord): void {
    if (record.component?.childrenChanged) {
      try {
        record.component.childrenChanged();
      } catch (error) {
        this.reportError(error, 'childrenChanged');
      }
    }
  }

  /** Forget a node and everything under it (its DOM is already detached, or goes with its parent). */
  private drop(record: DomRecord): void {
    const root = record.node;
    const walker = this.doc.createTreeWalker(root, 0x1 | 0x4 /* elements and text */);
    for (let node: Node | null = root; node; node = walker.nextNode()) {
      const found = this.byNode.get(node);
      if (!found || this.records.get(found.id) !== found) continue;
      this.records.delete(found.id);
      this.scheduled.delete(found);
      this.stopAnimation(found);
      this.disposeComponent(found);
    }
  }

  private disposeComponent(record: DomRecord): void {
    try {
      record.component?.dispose?.();
    } catch (error) {
      this.reportError(error, 'dispose');
    }
  }

  // ── attributes ────────────────────────────────────────────────────────────

  private setAttr(record: DomRecord, rawName: string, value: unknown): void {
    const name = attrKey(rawName);
    if (value === undefined) delete record.attrs[name];
    else record.attrs[name] = value;
    const host = record.node as HTMLElement;
    const presentation = this.presentations.get(record)!;
    const absent = value === undefined || value === null;
    // A page root takes presentation only: its visibility and route marker are the renderer's.
    if (record.tag === PAGE_TAG && name !== 'class' && name !== 'style' && (!name.startsWith('data-') || name === 'data-mpk-page')) return;
    if (name === 'id') {
      if (absent) host.removeAttribute('id');
      else host.id = attrText(value);
    } else if (name === 'class') {
      presentation.setAuthorClass(value);
    } else if (name === 'style') {
      presentation.setAuthorStyle(value);
    } else if (name === 'animation' && isAnimationData(value)) {
      // my.createAnimation's export() (movable-view's boolean `animation` goes to the component).
      this.animate(record, value);
    } else if (name === 'hidden') {
      host.hidden = toBool(value);
    } else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'role') {
      if (absent || value === false) host.removeAttribute(name);
      else host.setAttribute(name, attrText(value));
    } else if (!name.startsWith('mark:')) {
      record.component?.setAttr?.(name, value);
    }
  }

  // ── animation ─────────────────────────────────────────────────────────────

  /**
   * The `animation` attribute (view/animation.ts reads and bounds the data): each step sets its
   * `transition-*` on the node, lets the browser take the current values as the start, then sets
   * the node's animated `transform`/`opacity`/sizes as host styles (they outlast the author's
   * `style`); the next step starts when this one's delay + duration have elapsed, and each step that
   * lasted reports `transitionEnd`. The first step waits for the end of the batch (the node is in
   * the document by then, so it transitions from what it showed). A new animation replaces the one
   * in flight from the state reached so far.
   */
  private animate(record: DomRecord, value: unknown): void {
    const steps = readAnimation(value);
    if (steps === undefined || steps.length === 0) return;
    const entry = this.animations.get(record) ?? {};
    this.animations.set(record, entry);
    entry.runner?.cancel();
    this.timers.clear(entry.deferred);
    const presentation = this.presentations.get(record);
    if (!presentation) return;
    const clock = { setTimeout: (fn: () => void, ms: number) => this.timers.set(fn, ms), clearTimeout: (handle: unknown) => this.timers.clear(handle as number) };
    const live = () => this.records.get(record.id) === record && this.animations.get(record) === entry;
    const runner = new AnimationRunner(
      clock,
      {
        start: (step, state) => {
          if (!live()) return;
          const transition = transitionOf(step);
          for (const [property, text] of transition) presentation.setHostStyle(property, text);
          // Read back a computed value: the browser fixes the current values as the transition's start.
          if (transition.length > 0) void this.doc.defaultView?.getComputedStyle(record.node as HTMLElement).opacity;
          for (const [property, text] of state) presentation.setHostStyle(property, convertRpx(text));
        },
        end: (step, _state, index) => {
          if (!live()) return;
          if (index === steps.length - 1) {
            for (const property of ['transition-property', 'transition-duration', 'transition-timing-function', 'transition-delay']) presentation.setHostStyle(property, undefined);
          }
          if (step.duration > 0) this.events?.dispatch(record.id, 'transitionEnd', {});
        },
      },
      entry.runner?.state,
    );
    entry.runner = runner;
    entry.deferred = this.timers.set(() => {
      entry.deferred = undefined;
      if (live()) runner.run(steps);
    }, 0);
  }

  private stopAnimation(record: DomRecord): void {
    const entry = this.animations.get(record);
    if (!entry) return;
    entry.runner?.cancel();
    this.timers.clear(entry.deferred);
    this.animations.delete(record);
  }

  // ── pages ─────────────────────────────────────────────────────────────────

  private createPage(pageId: number, rootId: NodeId, route: string): void {
    if (this.pages.has(pageId)) this.destroyPage(pageId);
    if (this.records.has(rootId)) this.drop(this.records.get(rootId)!);
    const root = this.doc.createElement('div');
    root.setAttribute('data-mpk-page', String(route ?? ''));
    const record: DomRecord = { id: rootId, tag: PAGE_TAG, node: root, content: root, attrs: {}, pageId };
    this.presentations.set(record, new Presentation(root, ['mpk-page'], this.options.resolveAsset ? (url) => this.resolveAsset(url) : undefined));
    root.hidden = this.shownPage !== undefined && this.pages.has(this.shownPage);
    if (!root.hidden) this.shownPage = pageId;
    root.addEventListener('scroll', () => {
      if (this.records.get(rootId) !== record) return;
      this.options.onPageScroll?.(pageId, { scrollTop: root.scrollTop, scrollHeight: root.scrollHeight, clientHeight: root.clientHeight });
    });
    this.register(record);
    this.pages.set(pageId, { record, route: String(route ?? '') });
    this.container.appendChild(root);
  }

  private showPage(pageId: number): void {
    if (!this.pages.has(pageId)) return;
    for (const [id, page] of this.pages) {
      const root = page.record.node as HTMLElement;
      const show = id === pageId;
      if (!show && !root.hidden) page.savedScroll = [root.scrollLeft, root.scrollTop];
      root.hidden = !show;
      if (show && page.savedScroll) {
        root.scrollLeft = page.savedScroll[0];
        root.scrollTop = page.savedScroll[1];
        page.savedScroll = undefined;
      }
    }
    this.shownPage = pageId;
  }

  private destroyPage(pageId: number): void {
    const page = this.pages.get(pageId);
    if (!page) return;
    this.pages.delete(pageId);
    for (const stop of [...(page.observers ?? [])]) stop();
    (page.record.node as HTMLElement).remove();
    this.drop(page.record);
    if (this.shownPage === pageId) this.shownPage = undefined;
  }

  // ── after-batch work ──────────────────────────────────────────────────────

  private schedule(record: DomRecord): void {
    this.scheduled.add(record);
    if (this.applying || this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    // A few rounds at most: afterApply may schedule again (a scroll-view waiting for its children).
    for (let round = 0; round < 3 && this.scheduled.size > 0; round++) {
      const batch = [...this.scheduled];
      this.scheduled.clear();
      for (const record of batch) {
        if (!this.isLive(record)) continue;
        try {
          record.component?.afterApply?.();
        } catch (error) {
          this.reportError(error, 'afterApply');
        }
      }
    }
  }

  // ── lookups ───────────────────────────────────────────────────────────────

  private isLive(record: DomRecord): boolean {
    return this.records.get(record.id) === record;
  }

  private recordFor(target: EventTarget | Node | null): DomRecord | undefined {
    for (let node = target as Node | null; node && node !== this.container; node = node.parentNode) {
      const record = this.byNode.get(node);
      if (record && this.isLive(record)) return record;
    }
    return undefined;
  }

  private parentOf(record: DomRecord): DomRecord | undefined {
    return record.tag === PAGE_TAG ? undefined : this.recordFor(record.node.parentNode);
  }

  private closestOf(record: DomRecord, tags: readonly string[]): DomRecord | undefined {
    for (let at = this.parentOf(record); at; at = this.parentOf(at)) {
      if (tags.includes(at.tag)) return at;
      if (at.tag === PAGE_TAG) return undefined;
    }
    return undefined;
  }

  private pageOf(record: DomRecord): DomRecord | undefined {
    for (let at: DomRecord | undefined = record; at; at = this.parentOf(at)) if (at.tag === PAGE_TAG) return at;
    return undefined;
  }

  /** Element records under `root` in document order. */
  private recordsUnder(root: DomRecord, includeRoot: boolean): DomRecord[] {
    const out: DomRecord[] = [];
    const walker = this.doc.createTreeWalker(root.node, 0x1);
    for (let node: Node | null = includeRoot ? root.node : walker.nextNode(); node; node = walker.nextNode()) {
      const record = this.byNode.get(node);
      if (record && this.isLive(record) && (includeRoot || record !== root)) out.push(record);
    }
    return out;
  }

  // ── events ────────────────────────────────────────────────────────────────

  private dispatch(record: DomRecord, type: string, detail?: unknown, extra?: { touches?: unknown[]; changedTouches?: unknown[] }): void {
    if (this.disposed || !this.events || !this.isLive(record)) return;
    try {
      this.events.dispatch(record.id, type, detail, extra);
    } catch (error) {
      this.reportError(error, { dispatch: type, node: record.id });
    }
  }

  private tapDetail(record: DomRecord, element: Element, point: TouchPoint): Record<string, unknown> {
    const detail: Record<string, unknown> = { pageX: point.pageX, pageY: point.pageY, clientX: point.clientX, clientY: point.clientY };
    const extra = record.component?.tapDetail?.(element);
    return extra ? { ...detail, ...extra } : detail;
  }

  private gestureHost(): GestureHost {
    return {
      container: this.container,
      recordFor: (target) => this.recordFor(target),
      isLive: (record) => this.isLive(record),
      pageRootOf: (record) => this.pageOf(record)?.node as HTMLElement | undefined,
      parentOf: (record) => this.parentOf(record),
      dispatch: (record, type, detail, extra) => this.dispatch(record, type, detail, extra),
      tapDetail: (record, element, point) => this.tapDetail(record, element, point),
      tap: (record, element, point) => {
        this.dispatch(record, 'tap', this.tapDetail(record, element, point), { touches: [], changedTouches: [point] });
        for (let at: DomRecord | undefined = record; at && this.isLive(at); at = this.parentOf(at)) {
          let handled: boolean | void = false;
          try {
            handled = at.component?.tapped?.(record);
          } catch (error) {
            this.reportError(error, 'tapped');
          }
          if (handled === true) break;
        }
      },
      setHover: (record, classes, on) => {
        if (this.isLive(record)) this.presentations.get(record)?.toggleClasses(classes, on);
      },
      setTimeout: (fn, ms) => this.timers.set(fn, ms),
      clearTimeout: (handle) => this.timers.clear(handle),
    };
  }

  // ── component services ────────────────────────────────────────────────────

  private context(record: DomRecord, early: Array<(presentation: Presentation) => void>): ComponentContext {
    const present = (step: (presentation: Presentation) => void): void => {
      const presentation = this.presentations.get(record);
      if (presentation) step(presentation);
      else early.push(step);
    };
    return {
      tag: record.tag,
      doc: this.doc,
      platform: this.options.platform === 'android' ? 'android' : 'ios',
      record,
      dispatch: (type, detail) => this.dispatch(record, type, detail),
      dispatchAt: (target, type, detail) => this.dispatch(target, type, detail),
      schedule: () => this.schedule(record),
      scheduleOf: (other) => {
        if (this.isLive(other)) this.schedule(other);
      },
      setHostStyle: (property, value) => present((p) => p.setHostStyle(property, value)),
      toggleClass: (name, on) => present((p) => p.toggleClasses([name], on)),
      toggleClassOf: (other, name, on) => this.presentations.get(other)?.toggleClasses([name], on),
      resolveAsset: (url) => this.resolveAsset(url),
      closest: (tags) => this.closestOf(record, tags),
      closestOf: (other, tags) => this.closestOf(other, tags),
      descendants: (tags, within = record) =>
        this.recordsUnder(within, false).filter((found) => tags.includes('*') || tags.includes(found.tag)),
      byId: (id) => {
        let top: DomRecord = record;
        for (let at = this.parentOf(record); at; at = this.parentOf(at)) top = at;
        return this.recordsUnder(top, true).find((found) => found.attrs.id !== undefined && String(found.attrs.id) === id);
      },
      recordOf: (node) => {
        const found = this.byNode.get(node);
        return found && this.isLive(found) ? found : undefined;
      },
      setTimeout: (fn, ms) => this.timers.set(fn, ms),
      clearTimeout: (handle) => this.timers.clear(handle),
    };
  }

  private resolveAsset(url: string): string {
    const resolve = this.options.resolveAsset;
    if (!resolve) return url;
    try {
      return String(resolve(url));
    } catch (error) {
      this.reportError(error, { resolveAsset: url });
      return url;
    }
  }

  private applyRpx(): void {
    this.container.style.setProperty(RPX_VAR, `${this.rpx}px`);
  }

  private reportError(error: unknown, op: unknown): void {
    if (this.options.onError) {
      try {
        this.options.onError(error, op);
      } catch {
        /* a failing error sink must not break rendering */
      }
    } else {
      console.warn('[mpk dom renderer] could not apply', op, error);
    }
  }
}
