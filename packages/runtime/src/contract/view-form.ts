/**
 * The view form: what a package carries for its templates and SJS — data, never code.
 *
 * The compiler analyses every `.axml` (validation, grouping of `a:if` chains, loops, keys, slots,
 * events, template calls; diagnostics) into a `UnitForm` of plain JSON, and puts the SJS modules in
 * as source. The runtime validates the whole form once (`validate.ts`), then its own generator
 * (`emit.ts`, `expression.ts`) and its own SJS compiler (`../sjs/`) turn it into render functions:
 * every identifier, string and call in the code that runs on the host comes from mpk, whatever
 * the package says. (The first version shipped generated JavaScript, `view.js`, which a package
 * edited by hand could turn into host code.)
 *
 * Names the author wrote (`a:for-item`, `slot-scope`, `<import-sjs name>`, identifiers inside
 * expressions) are only ever looked up: the emitter gives every declared name a variable of its
 * own choosing.
 */
import type { ExprNode } from './expression-ast.ts';

/** Bumped whenever the form changes incompatibly; the runtime refuses other versions. */
export const VIEW_FORM_VERSION = 1;

/**
 * An attribute or text value: `true` (a bare attribute), a string (no mustache), `{ e }` (one lone
 * `{{ }}`, which keeps its JavaScript type) or `{ c }` (text with mustaches: always a string).
 */
export type ValueForm = true | string | { e: ExprNode } | { c: Array<string | { e: ExprNode }> };

/** The per-item key of an `a:for`: a property of the item, the item itself (`*this`), or a value. */
export type KeyForm = { prop: string } | { self: true } | { value: ValueForm };

export interface EventForm {
  /** Event type in camelCase (`tap`, `touchStart`, `counterPlusOne`). */
  type: string;
  /** The attribute as written (`onTap`, `catchTap`, `capture-onTouchStart`). */
  attr: string;
  /** A method name (string), or the value of `{{ }}` (an SJS function or a name), or text with mustaches. */
  handler: ValueForm;
  catch: boolean;
  capture: boolean;
}

export interface ScopedSlotForm {
  /** The slot it fills (`slot="x"` on the child; '' for the default slot). */
  name: ValueForm;
  /** The `slot-scope` name, when valid. */
  param?: string;
  /** The child itself (with its own `a:if`/`a:for` applied inside). */
  node: NodeForm;
}

export interface ElementForm {
  t: 'el';
  /** Lower-case tag as rendered. */
  tag: string;
  attrs: Array<[string, ValueForm]>;
  events?: EventForm[];
  /** Component id when the tag is a custom component (or a `plugin://` placeholder's marker id). */
  component?: string;
  /** `key="{{…}}"` on the element itself. */
  key?: ValueForm;
  slot?: ValueForm;
  ref?: ValueForm;
  scoped?: ScopedSlotForm[];
  /** Dev builds only (the compiler's `sourceInfo`): where the element is written, for devtools' element inspector. */
  loc?: SourceLocForm;
  children: NodeForm[];
}

/** An element's place in its unit's `.axml` and its attributes exactly as written (`a:if`, `onTap`, `{{ }}` included). */
export interface SourceLocForm {
  line: number;
  column: number;
  /** `[name, raw value]`; a bare attribute has `''`. */
  attrs: Array<[string, string]>;
}

export interface SlotForm {
  t: 'slot';
  name?: ValueForm;
  props: Array<[string, ValueForm]>;
  fallback: NodeForm[];
}

/** `<block>` without `a:for`: its children in place. */
export interface BlockForm {
  t: 'block';
  children: NodeForm[];
}

/** `<template is="…" data="{{…}}">`. */
export interface TemplateCallForm {
  t: 'tpl';
  /** A static name, or a value (rendered as text). */
  is: ValueForm;
  data?: ExprNode;
}

/** `<include src>`: another unit's content with the includer's scope. */
export interface IncludeForm {
  t: 'include';
  file: string;
}

/** An `a:if` / `a:elif` / `a:else` chain; a branch without `test` is the `a:else`. */
export interface IfForm {
  t: 'if';
  branches: Array<{ test?: ValueForm; node: NodeForm }>;
}

/** `a:for` on `node`, with its item/index names, its key and an optional per-item `a:if`. */
export interface ForForm {
  t: 'for';
  list: ValueForm;
  item: string;
  index: string;
  key?: KeyForm;
  test?: ValueForm;
  /** The repeated element, `<block>`, `<template is>` or `<include>`. */
  node: ElementForm | BlockForm | TemplateCallForm | IncludeForm;
}

export interface TextForm {
  t: 'text';
  v: ValueForm;
}

export type NodeForm = TextForm | ElementForm | SlotForm | BlockForm | TemplateCallForm | IncludeForm | IfForm | ForForm;

/** What `<import-sjs>` binds in a unit: `local` names the export `exported` of module `module`. */
export interface SjsBindingForm {
  local: string;
  /** Index into the unit's `sjs`. */
  module: number;
  exported: string;
}

/** One `.axml` file. */
export interface UnitForm {
  file: string;
  /** SJS module files the unit uses, in the order it initialises them. */
  sjs: string[];
  bindings: SjsBindingForm[];
  /** Files whose templates `<import>` makes available, in declaration order (later ones win). */
  imports: string[];
  /** `<template name>` definitions, in file order. */
  templates: Array<[string, NodeForm[]]>;
  /** What the file renders. */
  body: NodeForm[];
}

/** One `.sjs` module: its source, compiled and checked by the runtime, and how its imports resolve. */
export interface SjsModuleForm {
  file: string;
  source: string;
  /** Import request as written → resolved module file (of this form). */
  imports: Record<string, string>;
}

/** A package part's view: `view.json`. */
export interface ViewForm {
  format: typeof VIEW_FORM_VERSION;
  /** Template id (page or component id) → its `.axml` file. */
  entries: Array<[string, string]>;
  units: UnitForm[];
  sjs: SjsModuleForm[];
}

export type { ExprNode } from './expression-ast.ts';
