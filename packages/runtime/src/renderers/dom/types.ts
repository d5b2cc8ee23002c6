/**
 * Internal types shared by the DOM renderer and its component modules.
 */

import type { ComponentAnswer, NodeId } from '../../contract/renderer.ts';

export interface DomRendererOptions {
  /** Device screen width in px: 750rpx spans it. Default: the container's width, or 375. */
  screenWidth?: number;
  /** The app's `window.responsive`; `false` fixes 2rpx = 1px whatever the width. Default true. */
  responsive?: boolean;
  /** Maps a package-relative asset URL (`/images/a.png`) to one the browser can load. Default: as is. */
  resolveAsset?: (url: string) => string;
  /** The page's own scroll (onPageScroll / onReachBottom are the container's to raise). */
  onPageScroll?: (pageId: number, detail: { scrollTop: number; scrollHeight: number; clientHeight: number }) => void;
  /**
   * The platform the built-ins look like: `android` draws the platform's Android variants (the
   * `a-switch-android` switch). Default `ios`.
   */
  platform?: 'ios' | 'android';
  /** A render op that could not be applied (bad attribute name, impossible move…). Default: console.warn. */
  onError?: (error: unknown, op: unknown) => void;
}

/** What a component module returns for one node: its elements and behaviour. */
export interface ComponentInstance {
  /** The element the node is (carries id, class, style, data-*). */
  host: HTMLElement;
  /** Where child nodes go; defaults to `host`. */
  content?: HTMLElement;
  /** Component attribute. Generic attributes (id, class, style, hidden, data-*) are handled before. */
  setAttr?(name: string, value: unknown): void;
  /** Runs once after the batch that scheduled it (layout-dependent work: scroll positions, focus). */
  afterApply?(): void;
  /** Child nodes were inserted or removed in `content`. */
  childrenChanged?(): void;
  /** Display form of a direct text child (`text` with `space`/`decode`). */
  transformText?(raw: string): string;
  /**
   * A tap reached this node (the target or an ancestor). Return true when the component acted on it
   * (navigator, form buttons, label, picker): ancestors further up are not offered the same tap.
   */
  tapped?(target: DomRecord): boolean | void;
  /** True while a tap inside this node must not be reported at all (a disabled button). */
  blocksTap?(): boolean;
  /** Extra `detail` fields for a tap/longTap whose DOM target is `element` inside this node. */
  tapDetail?(element: Element): Record<string, unknown> | undefined;
  /** Named form control: its value for `form` submit. */
  formValue?(): unknown;
  /** Form reset: back to the value the attributes last set. */
  formReset?(): void;
  /** A `label` bound to this control was tapped. */
  labelActivate?(): void;
  /** A component context's method (VideoContext, MapContext): the renderer's `control` for this node. */
  control?(method: string, args: Record<string, unknown>): ComponentAnswer;
  dispose?(): void;
}

/** Tag of page root records (not a template tag, so a `<page>` in a template cannot pose as one). */
export const PAGE_TAG = '#page';

export interface DomRecord {
  id: NodeId;
  /** Mini-program tag (`view`, `my-card`), `#text` for text nodes, `#page` for page roots. */
  tag: string;
  node: HTMLElement | Text;
  /** Elements only: where children are inserted. */
  content?: HTMLElement;
  attrs: Record<string, unknown>;
  component?: ComponentInstance;
  /** Text nodes: the text as the engine sent it (display may differ, see `transformText`). */
  raw?: string;
  /** Page roots: the page instance id. */
  pageId?: number;
}

/** The renderer services a component module may use. */
export interface ComponentContext {
  readonly tag: string;
  readonly doc: Document;
  /** `DomRendererOptions.platform`. */
  readonly platform: 'ios' | 'android';
  readonly record: DomRecord;
  /** Report a component event at this node. */
  dispatch(type: string, detail?: unknown): void;
  /** Report an event at another node (the group of a checkbox, the form of a button). */
  dispatchAt(target: DomRecord, type: string, detail?: unknown): void;
  /** Ask for `afterApply()` at the end of the current (or next) batch. */
  schedule(): void;
  /** The same for another node (a picker-view column asks its picker-view). */
  scheduleOf(record: DomRecord): void;
  /** Inline style on the host that survives the author's `style` attribute (custom properties, forced sizes). */
  setHostStyle(property: string, value: string | undefined): void;
  /** Internal state class on the host (kept apart from the author's `class`). */
  toggleClass(name: string, on: boolean): void;
  /** The same on another node (swiper's `active-class` on its items). */
  toggleClassOf(record: DomRecord, name: string, on: boolean): void;
  resolveAsset(url: string): string;
  /** Records related to this one. */
  closest(tags: readonly string[]): DomRecord | undefined;
  /** The nearest ancestor of `record` with one of `tags` (within its page). */
  closestOf(record: DomRecord, tags: readonly string[]): DomRecord | undefined;
  descendants(tags: readonly string[], within?: DomRecord): DomRecord[];
  /** First record in this node's page whose `id` attribute is `id`. */
  byId(id: string): DomRecord | undefined;
  recordOf(node: Node): DomRecord | undefined;
  /** Timers that are cleared when the renderer is disposed. */
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(handle: number | undefined): void;
}

export type ComponentFactory = (ctx: ComponentContext) => ComponentInstance;
