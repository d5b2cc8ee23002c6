/**
 * The renderer contract. The ViewEngine diffs virtual trees and sends a batch of serialisable
 * operations to a renderer (headless tree in Node, DOM in the browser, anything else later).
 * Nodes are numbered by the engine; a renderer keeps `Map<NodeId, itsNode>`. User input travels
 * back through the `RendererEvents` sink the engine installs with `connect()`.
 */

import type { CanvasDraw, CanvasTarget } from './canvas.ts';

export type NodeId = number;

export const Op = {
  /** Create an element node. [Op.Element, id, tag, scope?] */
  Element: 1,
  /** Create a text node. [Op.Text, id, text] */
  Text: 2,
  /** Replace a text node's content. [Op.SetText, id, text] */
  SetText: 3,
  /** Set an attribute; `undefined` removes it. [Op.Attr, id, name, value] */
  Attr: 4,
  /** Insert `child` into `parent` before `before` (0 = append). Moves the node if already attached. [Op.Insert, parent, child, before] */
  Insert: 5,
  /** Detach and drop a node and its subtree. [Op.Remove, id] */
  Remove: 6,
  /** A page root was created for page instance `pageId`. [Op.PageCreate, pageId, rootId, route] */
  PageCreate: 7,
  /** Show this page (the top of the stack), hide the others. [Op.PageShow, pageId] */
  PageShow: 8,
  /** Drop a page root and everything under it. [Op.PageDestroy, pageId] */
  PageDestroy: 9,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

export type RenderOp =
  | [typeof Op.Element, NodeId, string, string?]
  | [typeof Op.Text, NodeId, string]
  | [typeof Op.SetText, NodeId, string]
  | [typeof Op.Attr, NodeId, string, unknown]
  | [typeof Op.Insert, NodeId, NodeId, NodeId]
  | [typeof Op.Remove, NodeId]
  | [typeof Op.PageCreate, number, NodeId, string]
  | [typeof Op.PageShow, number]
  | [typeof Op.PageDestroy, number];

/** What a renderer reports back: user input on a node. */
export interface RendererEvents {
  /**
   * A user event fired on `target`. `type` is the mini-program event type (`tap`, `longTap`,
   * `touchStart`, `input`, `change`, `submit`, `scroll`…). `detail` is the component-specific
   * payload (`{ value }` for inputs). The engine builds the documented event object, runs the
   * capture and bubble phases over its own tree and dispatches to the logic layer.
   */
  dispatch(target: NodeId, type: string, detail?: unknown, extra?: { touches?: unknown[]; changedTouches?: unknown[] }): void;
}

/** One query of `my.createSelectorQuery()` (`select`/`selectAll`/`selectViewport` + the fields asked for). */
export interface SelectorQueryRequest {
  /** CSS selector (tag, #id, .class, compound, descendant, child, comma), or 'viewport'. */
  selector: string;
  all: boolean;
  fields: {
    id?: boolean;
    dataset?: boolean;
    rect?: boolean;
    size?: boolean;
    scrollOffset?: boolean;
    computedStyle?: string[];
    /** `node()`: a `<canvas>` answers `{ node, page, width, height }` (its renderer node id and backing size); other nodes null. */
    node?: boolean;
  };
}

/**
 * A method of a component context (`my.createVideoContext(id).play()`, `my.createMapContext(id).getScale()`)
 * for the element of `component`'s tag whose `id` attribute is `id`, in one page.
 */
export interface ComponentCall {
  component: 'video' | 'map';
  id: string;
  method: string;
  args: Record<string, unknown>;
}

/** What the element answered: the method's success payload, or a documented error code. */
export type ComponentAnswer = { ok: true; result?: Record<string, unknown> } | { ok: false; error: number; errorMessage: string };

export interface Renderer {
  /** Apply one batch of operations, in order. */
  apply(ops: readonly RenderOp[]): void;
  /** Called once by the engine before the first batch. */
  connect(events: RendererEvents): void;
  /**
   * Answer selector queries against page `pageId`: one result per request, an object for
   * `all: false` (null when nothing matched) and an array for `all: true`. Fields a renderer
   * cannot answer honestly (layout in a layout-free tree) are reported as documented zeros.
   */
  query?(pageId: number, requests: readonly SelectorQueryRequest[]): unknown[];
  /** Runs a component context's method on an element of page `pageId` (components/contexts.ts answers a missing element). */
  control?(pageId: number, call: ComponentCall): ComponentAnswer;
  /**
   * The container's clock (its `clock` option, else real time), given once before the first batch:
   * a renderer that runs timed work of its own (the steps of an `animation` attribute) schedules it
   * there, so a ManualClock drives it too.
   */
  useClock?(clock: RendererClock): void;
  /**
   * Makes a font the app loaded (`my.loadFontFace`, fetched and checked by the host) available to its
   * pages. The container routes the UI adapter's `loadFontFace` here unless the host supplies one.
   */
  loadFontFace?(font: { family: string; data: Uint8Array; descriptors?: { style?: string; weight?: string; variant?: string } }): Promise<void>;
  /**
   * Draws a checked canvas batch (view/canvas.ts) on a `<canvas>` of page `pageId` or on an
   * offscreen canvas; resolves once it is drawn (images loaded). Throws when the canvas is not there.
   */
  canvasDraw?(pageId: number | undefined, draw: CanvasDraw): void | Promise<void>;
  /** The pixels of a canvas (a region, scaled to `destWidth × destHeight`) as an encoded image. */
  canvasExport?(pageId: number | undefined, target: CanvasTarget, options: CanvasExportOptions): Promise<CanvasExport>;
  /** RGBA pixels of a canvas region (legacy `getImageData`), `width × height` of them. */
  canvasPixels?(pageId: number | undefined, target: CanvasTarget, rect: { x: number; y: number; width: number; height: number }): Promise<Uint8Array>;
  /** `measureText` with the renderer's text layout (px); undefined when it has none. */
  measureText?(text: string, font: string): number | undefined;
  /** `canvas.createImage()`: loads `src` as the canvas will draw it; its natural size, or a rejection. */
  canvasImage?(src: string): Promise<{ width: number; height: number }>;
  /**
   * `IntersectionObserver.observe` (my.createIntersectionObserver): watch the nodes of page `pageId` matching
   * `request.selector` and `report` an entry each time one's ratio crosses a threshold (view/intersection.ts
   * decides crossings). Returns the stop function, or undefined when the page is not there. Observers of a page
   * end with it.
   */
  observeIntersection?(pageId: number, request: IntersectionRequest, report: (entry: IntersectionEntry) => void): (() => void) | undefined;
}

/** Margins added to the reference area (px; positive grows it), as relativeTo/relativeToViewport take them. */
export interface IntersectionMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface IntersectionRequest {
  selector: string;
  /** `selectAll`: every matching node, else the first. */
  all: boolean;
  /** The reference node's selector (`relativeTo`); undefined = the page's viewport (`relativeToViewport`). */
  relativeTo?: string;
  margins: IntersectionMargins;
  /** Ascending ratios in [0, 1]. */
  thresholds: number[];
  /** The ratio assumed before the first check (docs: initialRatio). */
  initialRatio: number;
  /** Include the target's dataset in entries. */
  dataset: boolean;
}

export interface IntersectionRect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

/** What an observer's callback receives (docs: IntersectionObserver.observe). */
export interface IntersectionEntry {
  id: string;
  dataset?: Record<string, unknown>;
  intersectionRatio: number;
  intersectionRect: IntersectionRect;
  boundingClientRect: IntersectionRect;
  relativeRect: IntersectionRect;
  time: number;
}

export interface CanvasExportOptions {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  destWidth?: number;
  destHeight?: number;
  fileType: 'png' | 'jpg';
  quality?: number;
}

export interface CanvasExport {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** The part of the container's Clock a renderer may use. */
export interface RendererClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
