/**
 * The view ABI: what render functions produce and the ViewEngine consumes.
 *
 * A package carries a view form (`view.json`, see `contract/view-form.ts`); the runtime validates it and
 * emits the code of its render functions itself (`form/load.ts`), which calls
 * `__mpkView.define(module)` exactly once with a `ViewModule`. Everything a render function needs
 * (safe property access, string conversion, SJS modules, named templates) comes with that code.
 *
 * Safety contract (enforced by the compiler, tested in both packages): generated render code and
 * compiled SJS read only from the render scope, the module's own SJS modules and a frozen set of
 * safe built-ins; property reads go through a guard that refuses `constructor`, `__proto__`,
 * `prototype` and friends; no free identifier reaches a host global.
 */

export const VIEW_ABI_VERSION = 1;

/** A rendered text node. */
export interface VText {
  kind: 'text';
  text: string;
}

/** Function-valued SJS event handler (`onTap="{{sjs.fn}}"`): runs on the view side. */
export type SjsEventHandler = (event: unknown, ownerComponent: unknown) => unknown;

/** One `on*` / `catch*` / `capture-on*` / `capture-catch*` attribute. */
export interface EventBinding {
  /** Event type in camelCase as the docs name it: `tap`, `longTap`, `touchStart`, `input`, `change`, `counterPlusOne`… */
  type: string;
  /** The attribute as written (`onTap`, `catchTap`, `capture-onTouchStart`, `onCounterPlusOne`). */
  attr: string;
  /** Method name on the owner (page, or component `methods`), or an SJS function. Empty string = no handler. */
  handler: string | SjsEventHandler;
  /** `catch*`: handled here, does not bubble further (capture-catch also stops the capture phase). */
  catch: boolean;
  /** `capture-*`: runs in the capture phase. */
  capture: boolean;
}

/** A rendered element: a built-in component (`view`, `text`, `button`…) or a custom component instance. */
export interface VElement {
  kind: 'element';
  /** Tag as written in the template, lower-case (`view`, `scroll-view`, `my-card`). */
  tag: string;
  /** From `a:key` (already resolved against the item, `*this` = the item) or `key="{{…}}"`. */
  key?: string | number;
  /**
   * Optional: the template position that produced this node when it comes from content that can
   * appear, disappear or grow (an `a:if` chain, `a:for`, `<block>`, `<template is>`, `<include>`),
   * e.g. `"2"` or `"2/0"` when nested. The diff only matches nodes with the same `pos`, so such
   * content never shifts its siblings (which would re-create the components after it).
   */
  pos?: string;
  /**
   * Evaluated attributes in template order, except events, control attributes and `slot`/`ref`.
   * A lone `{{expr}}` keeps its JS type (`checked="{{false}}"` → false); mixed text becomes a string;
   * a bare attribute (`<input disabled/>`) is `true`. Includes `id`, `class`, `style`, `hidden`,
   * `data-*` (as written, e.g. `data-alpha-beta`) and `mark:*`.
   * `change:<attr>="{{sjs.fn}}"` (SJS property observer) is an attribute whose value is the SJS
   * function; the ViewEngine calls it and never sends function values to a renderer.
   */
  attrs: Record<string, unknown>;
  /** Event bindings; omitted when there are none. */
  events?: EventBinding[];
  /** Set when `tag` is a custom component: its component id from the manifest. */
  component?: string;
  /** `slot="name"` on a direct child of a custom component: which named slot it fills. */
  slot?: string;
  /** `ref="handler"` on a custom component (component2): owner method that receives the component's ref value. */
  ref?: string;
  /**
   * Scoped slot contents on a custom component: `<view slot-scope="p">` children compiled to
   * functions of the slot's props (keyed by slot name, '' for the default slot).
   */
  scopedSlots?: Record<string, (slotProps: Record<string, unknown>) => VNode[]>;
  /** Dev builds only: where the template writes this element (devtools' element inspector); one shared object per template position. */
  src?: VSource;
  children: VNode[];
}

/** A template position: the `.axml` file, 1-based line and column of its `<`, the attributes as written. */
export interface VSource {
  file: string;
  line: number;
  column: number;
  attrs: ReadonlyArray<readonly [string, string]>;
}

/** `<slot>` inside a component template. The ViewEngine replaces it with the owner's content. */
export interface VSlot {
  kind: 'slot';
  /** '' for the default slot. */
  name: string;
  /** Attributes other than `name` (scoped-slot values, `<slot x="{{x}}">`). */
  props: Record<string, unknown>;
  /** Fallback content, rendered when the owner passes nothing for this slot. */
  fallback: VNode[];
}

export type VNode = VElement | VText | VSlot;

/**
 * Renders one template with its scope. For a page, `scope` is the page's data. For a component,
 * the ViewEngine passes `{ ...props, ...data, $id, props }` (own data wins over a prop of the
 * same name). Render functions never mutate `scope` and may throw (a broken SJS function): the
 * ViewEngine reports that as a render error of the instance.
 */
export type RenderFunction = (scope: Readonly<Record<string, unknown>>) => VNode[];

export interface ViewModule {
  abi: typeof VIEW_ABI_VERSION;
  /** Render function per template id (page or component id, e.g. `pages/index/index`). */
  templates: Record<string, RenderFunction>;
}

export interface ViewModuleRegistrar {
  define(module: ViewModule): void;
  /**
   * Optional: where SJS `console.log(...)` goes (devtools console, host log). When absent, the
   * view falls back to the host's `console.log`. Read once, when the view loads.
   */
  log?(...args: unknown[]): void;
}

/** The parameter name the emitted view code is evaluated with. */
export const VIEW_REGISTRAR_PARAM = '__mpkView';
