/**
 * AXML tree → the view form of one template unit (`UnitForm`, @mpk/runtime/view-form): the
 * compiler's half of the template pipeline. Every decision is made here — what renders, how
 * `a:if` chains group, loops and their keys, slots, events, template calls — with the
 * diagnostics; the runtime validates the form and emits the code (its `emit.ts`), so what a
 * package carries is data, never code.
 *
 * Text whitespace (documented in the README): outside `<text>`, runs of whitespace in static
 * text collapse to one space, text is trimmed where it touches its parent's start or end, and
 * whitespace-only text disappears; inside `<text>` text is kept exactly as written.
 */
import type {
  ElementForm,
  EventForm,
  ExprNode,
  ForForm,
  IfForm,
  KeyForm,
  NodeForm,
  ScopedSlotForm,
  SlotForm,
  TemplateCallForm,
  UnitForm,
  ValueForm,
} from '@mpk/runtime/view-form';
import {
  isReservedProperty,
  parseExpression,
  parseObjectBody,
  SIMPLE_IDENTIFIER,
  type ExpressionError,
  type ParseResult,
} from '../expression/index.ts';
import { BUILTIN_COMPONENTS, STRUCTURAL_TAGS } from './builtins.ts';
import * as C from './codes.ts';
import type { Declarations } from './declarations.ts';
import { splitMustache, type MustachePart } from './mustache.ts';
import { getAttr, type AttrNode, type ElementNode, type TemplateNode, type TextNode } from './parse.ts';
import type { Reporter } from './report.ts';

interface Ctx {
  /** Inside `<text>`: whitespace is kept. */
  inText: boolean;
  /** Inside a `<template name>` definition. */
  inTemplate: boolean;
}

type Item =
  | { kind: 'text'; value: ValueForm }
  | { kind: 'el'; el: ElementNode }
  | { kind: 'chain'; branches: Array<{ el: ElementNode; test?: AttrNode }> };

const CONTROL_ATTRIBUTES = new Set(['a:if', 'a:elif', 'a:else', 'a:for', 'a:for-item', 'a:for-index', 'a:key']);
const WECHAT_ATTRIBUTE =
  /^(wx:|bind:|catch:|mut-bind|capture-bind|capture-catch:|(bind|catch)(tap|longtap|longpress|touch[a-z]+|input|change|submit|confirm|focus|blur|scroll[a-z]*|load|error|transitionend|animation[a-z]+)$)/;
const DEFAULT_ITEM = 'item';
const DEFAULT_INDEX = 'index';
const LOOP_NAME_KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'this', 'new', 'function', 'typeof', 'import', 'class']);
const UNDEFINED: ExprNode = { type: 'Literal', value: undefined, start: 0, end: 0 };

export interface UnitSource {
  file: string;
  tree: TemplateNode[];
  decl: Declarations;
  usingComponents: Record<string, string>;
  report: Reporter;
  /** Dev builds: give every element its source location (`ElementForm.loc`). */
  sourceInfo?: boolean;
}

export function analyzeUnit(src: UnitSource): UnitForm {
  return new UnitAnalyzer(src).analyze();
}

/** The form of a file that could not be compiled at all: renders nothing. */
export function emptyUnitForm(file: string): UnitForm {
  return { file, sjs: [], bindings: [], imports: [], templates: [], body: [] };
}

class UnitAnalyzer {
  private readonly componentIds = new Map<string, string>();
  private readonly warnedTags = new Set<string>();
  /** Direct children of custom components that carry `slot-scope` (the one place it is valid). */
  private readonly scopedSlotRoots = new WeakSet<ElementNode>();

  constructor(private readonly src: UnitSource) {
    for (const [tag, id] of Object.entries(src.usingComponents ?? {})) {
      if (typeof id !== 'string') continue;
      this.componentIds.set(tag, id);
    }
  }

  analyze(): UnitForm {
    const { decl } = this.src;
    const moduleIndex = new Map(decl.sjsFiles.map((file, i) => [file, i]));
    const templates: UnitForm['templates'] = [];
    for (const [name, def] of decl.templates) {
      this.warnTemplateAttributes(def);
      templates.push([name, this.list(def.children, { inText: false, inTemplate: true })]);
    }
    return {
      file: this.src.file,
      sjs: [...decl.sjsFiles],
      bindings: [...decl.bindings.values()].map((b) => ({ local: b.local, module: moduleIndex.get(b.file) ?? 0, exported: b.exported })),
      imports: [...decl.imports],
      templates,
      body: this.list(this.src.tree, { inText: false, inTemplate: false }),
    };
  }

  // ---- values -----------------------------------------------------------------------------

  private reportExpression(result: ParseResult, offset: number): void {
    // The reporter gives each code its declared severity (an expression problem may be a warning).
    const problems: ExpressionError[] = [...result.warnings, ...(result.error ? [result.error] : [])];
    for (const e of problems) this.src.report.error(e.code, offset + e.start, e.message, offset + e.end);
  }

  private expr(source: string, offset: number): ExprNode {
    const parsed = parseExpression(source);
    this.reportExpression(parsed, offset);
    return parsed.node ?? UNDEFINED;
  }

  private split(raw: string, offset: number): MustachePart[] {
    const { parts, unterminated } = splitMustache(raw);
    for (const at of unterminated) {
      this.src.report.error(C.UNTERMINATED_MUSTACHE, offset + at, '"{{" has no matching "}}"', offset + at + 2);
    }
    return parts;
  }

  private parts(parts: MustachePart[], offset: number): ValueForm {
    if (parts.length === 1 && parts[0]!.kind === 'expr') return { e: this.expr(parts[0]!.source, offset + parts[0]!.start) };
    if (parts.every((p) => p.kind === 'static')) return parts.map((p) => (p as { text: string }).text).join('');
    return { c: parts.map((p) => (p.kind === 'static' ? p.text : { e: this.expr(p.source, offset + p.start) })) };
  }

  /** An attribute's value: `true` when bare, a string, a lone `{{ }}`, or text with mustaches. */
  private value(attr: AttrNode, trim = false): ValueForm {
    if (attr.value === undefined) return true;
    let raw = attr.value;
    let offset = attr.valueStart;
    if (trim) {
      const lead = raw.length - raw.trimStart().length;
      raw = raw.trim();
      offset += lead;
    }
    return this.parts(this.split(raw, offset), offset);
  }

  /** `value`, rendered as text: a bare attribute is the empty string. */
  private text(attr: AttrNode, trim = false): ValueForm {
    const v = this.value(attr, trim);
    return v === true ? '' : v;
  }

  private controlValue(attr: AttrNode): ValueForm {
    if (attr.value === undefined) {
      this.src.report.warning(C.CONSTANT_CONTROL, attr.start, `${attr.name} has no value, so it is always true; write ${attr.name}="{{…}}"`);
    } else if (!attr.value.includes('{{')) {
      this.src.report.warning(
        C.CONSTANT_CONTROL,
        attr.start,
        `${attr.name}="${attr.value}" has no {{ }}, so its value is that constant string; write ${attr.name}="{{…}}"`,
      );
    }
    return this.value(attr, true);
  }

  private componentFor(tag: string): string | undefined {
    return this.componentIds.get(tag) ?? this.componentIds.get(tag.toLowerCase());
  }

  private warnTemplateAttributes(def: ElementNode): void {
    for (const a of def.attrs) {
      if (a.name !== 'name') this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `${a.name} has no effect on a <template> definition`);
    }
  }

  // ---- children ---------------------------------------------------------------------------

  private textValue(node: TextNode, ctx: Ctx, first: boolean, last: boolean): ValueForm | undefined {
    let parts = this.split(node.text, node.start);
    if (!ctx.inText) {
      if (parts.every((p) => p.kind === 'static' && p.text.trim() === '')) return undefined;
      parts = parts
        .map((p, i): MustachePart => {
          if (p.kind !== 'static') return p;
          let text = p.text.replace(/[ \t\n\r\f]+/g, ' ');
          if (first && i === 0) text = text.trimStart();
          if (last && i === parts.length - 1) text = text.trimEnd();
          return { ...p, text };
        })
        .filter((p) => p.kind === 'expr' || p.text !== '');
    }
    if (!parts.length) return undefined;
    return this.parts(parts, node.start);
  }

  /** Rendering children grouped: text, single elements, and `a:if/a:elif/a:else` chains. */
  private prepare(nodes: TemplateNode[], ctx: Ctx): Item[] {
    const visible = nodes.filter(
      (n) => n.type === 'text' || !(n.tag === 'import' || n.tag === 'import-sjs' || (n.tag === 'template' && !getAttr(n, 'is'))),
    );
    const items: Item[] = [];
    let open: Extract<Item, { kind: 'chain' }> | undefined;
    let afterForIf = false;
    visible.forEach((node, i) => {
      if (node.type === 'text') {
        const value = this.textValue(node, ctx, i === 0, i === visible.length - 1);
        if (value !== undefined) {
          items.push({ kind: 'text', value });
          open = undefined;
          afterForIf = false;
        }
        return;
      }
      const conds = node.attrs.filter((a) => a.name === 'a:if' || a.name === 'a:elif' || a.name === 'a:else');
      if (conds.length > 1) {
        this.src.report.error(C.CONFLICTING_CONDITIONS, conds[1]!.start, `${conds[1]!.name} cannot be combined with ${conds[0]!.name} on one element`);
      }
      const kind = getAttr(node, 'a:if') ? 'if' : getAttr(node, 'a:elif') ? 'elif' : getAttr(node, 'a:else') ? 'else' : undefined;
      const hasFor = !!getAttr(node, 'a:for');
      if (kind === 'if') {
        if (hasFor) {
          // a:for applies first; a:if is then tested per item and starts no chain.
          items.push({ kind: 'el', el: node });
          open = undefined;
          afterForIf = true;
        } else {
          open = { kind: 'chain', branches: [{ el: node, test: getAttr(node, 'a:if') }] };
          items.push(open);
          afterForIf = false;
        }
        return;
      }
      if (kind === 'elif' || kind === 'else') {
        const attr = getAttr(node, `a:${kind}`)!;
        if (open) {
          open.branches.push({ el: node, test: kind === 'elif' ? attr : undefined });
          if (kind === 'else') open = undefined;
          return;
        }
        this.src.report.error(
          C.ELSE_WITHOUT_IF,
          attr.start,
          afterForIf
            ? `${attr.name} cannot follow an element that combines a:if with a:for`
            : `${attr.name} must directly follow an element with a:if or a:elif`,
        );
        afterForIf = false;
        // Recovery: a stray a:elif acts as a:if, a stray a:else renders unconditionally.
        if (kind === 'elif') {
          open = { kind: 'chain', branches: [{ el: node, test: attr }] };
          items.push(open);
        } else {
          items.push({ kind: 'el', el: node });
          open = undefined;
        }
        return;
      }
      items.push({ kind: 'el', el: node });
      open = undefined;
      afterForIf = false;
    });
    return items;
  }

  /** The forms of `nodes`. */
  private list(nodes: TemplateNode[], ctx: Ctx): NodeForm[] {
    const out: NodeForm[] = [];
    for (const item of this.prepare(nodes, ctx)) {
      if (item.kind === 'text') out.push({ t: 'text', v: item.value });
      else if (item.kind === 'el') {
        const node = this.one(item.el, ctx);
        if (node) out.push(node);
      } else out.push(this.chain(item.branches, ctx));
    }
    return out;
  }

  private chain(branches: Array<{ el: ElementNode; test?: AttrNode }>, ctx: Ctx): IfForm {
    const out: IfForm['branches'] = [];
    for (const b of branches) {
      const node = this.one(b.el, ctx) ?? ({ t: 'block', children: [] } as const);
      out.push(b.test ? { test: this.controlValue(b.test), node } : { node });
    }
    return { t: 'if', branches: out as IfForm['branches'] };
  }

  /** One element with its `a:for` (and a per-item `a:if`); chains have tested `a:if` already. */
  private one(el: ElementNode, ctx: Ctx): Exclude<NodeForm, IfForm> | undefined {
    const forAttr = getAttr(el, 'a:for');
    if (!forAttr) {
      this.warnLoopAttributes(el);
      return this.bare(el, ctx);
    }
    const list = this.controlValue(forAttr);
    const item = this.loopName(el, 'a:for-item', DEFAULT_ITEM);
    const index = this.loopName(el, 'a:for-index', DEFAULT_INDEX);
    const key = this.loopKey(el);
    const test = getAttr(el, 'a:if');
    const node = this.bare(el, ctx) ?? { t: 'block', children: [] };
    const loop: ForForm = { t: 'for', list, item, index, node: node as ForForm['node'] };
    if (key !== undefined) loop.key = key;
    if (test) loop.test = this.controlValue(test);
    return loop;
  }

  private warnLoopAttributes(el: ElementNode): void {
    if (getAttr(el, 'a:for')) return;
    for (const name of ['a:for-item', 'a:for-index', 'a:key']) {
      const a = getAttr(el, name);
      if (a) this.src.report.warning(C.LOOP_ATTRIBUTE_WITHOUT_FOR, a.start, `${name} has no effect without a:for`);
    }
  }

  private loopName(el: ElementNode, attrName: string, fallback: string): string {
    const a = getAttr(el, attrName);
    if (!a) return fallback;
    const name = (a.value ?? '').trim();
    if (!SIMPLE_IDENTIFIER.test(name) || LOOP_NAME_KEYWORDS.has(name) || isReservedProperty(name)) {
      this.src.report.error(C.INVALID_LOOP_NAME, a.valueStart, `${attrName}="${name}" is not a valid name; "${fallback}" is used`);
      return fallback;
    }
    return name;
  }

  /** The per-item key from `a:key` (a property of the item, `*this`, or a value). */
  private loopKey(el: ElementNode): KeyForm | undefined {
    const a = getAttr(el, 'a:key');
    const keyAttr = getAttr(el, 'key');
    // Real apps key the items of `<block a:for>` with `key="{{…}}"` on the block itself.
    if (!a && keyAttr && el.tag === 'block') return { value: this.value(keyAttr, true) };
    if (!a) {
      const childHasKey = el.tag === 'block' && el.children.some((c) => c.type === 'element' && getAttr(c, 'key'));
      if (!keyAttr && !childHasKey) {
        this.src.report.warning(C.MISSING_KEY, getAttr(el, 'a:for')!.start, 'a:for without a:key: items are matched by position when the list changes');
      }
      return undefined;
    }
    const raw = (a.value ?? '').trim();
    if (raw.includes('{{')) return { value: this.value(a, true) };
    if (raw === '*this') return { self: true };
    if (!raw || isReservedProperty(raw)) {
      this.src.report.error(C.INVALID_KEY, a.valueStart, `a:key="${raw}" must name a property of the item, or be *this`);
      return undefined;
    }
    return { prop: raw };
  }

  /** The element itself (no control attributes left to apply). */
  private bare(el: ElementNode, ctx: Ctx): Exclude<NodeForm, IfForm | ForForm> | undefined {
    switch (el.tag) {
      case 'block':
        for (const a of el.attrs) {
          if (CONTROL_ATTRIBUTES.has(a.name)) continue;
          if (a.name === 'key') {
            if (!getAttr(el, 'a:for')) this.src.report.warning(C.KEY_ON_BLOCK, a.start, 'key on a <block> without a:for has no effect (a <block> renders no element)');
          } else this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `<block> renders no element, so ${a.name} has no effect`);
        }
        return { t: 'block', children: this.list(el.children, ctx) };
      case 'template':
        return this.templateCall(el);
      case 'include': {
        const target = this.src.decl.includes.get(el);
        return target === undefined ? undefined : { t: 'include', file: target };
      }
      default:
        return this.element(el, ctx);
    }
  }

  private templateCall(el: ElementNode): TemplateCallForm {
    const is = getAttr(el, 'is')!;
    for (const a of el.attrs) {
      if (a.name !== 'is' && a.name !== 'data' && !CONTROL_ATTRIBUTES.has(a.name)) {
        this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `${a.name} has no effect on <template is>`);
      }
    }
    if (el.children.some((c) => c.type === 'element' || c.text.trim() !== '')) {
      this.src.report.warning(C.IGNORED_CHILDREN, el.start, 'Content inside <template is> is ignored');
    }
    let name: ValueForm;
    if (is.value !== undefined && !is.value.includes('{{')) {
      const n = is.value.trim();
      const { decl } = this.src;
      if (!decl.templates.has(n) && !decl.importedTemplateNames.has(n)) {
        this.src.report.warning(C.UNKNOWN_TEMPLATE, is.valueStart, `No template named "${n}" is defined or imported in this file; it renders nothing`);
      }
      name = n;
    } else {
      name = this.text(is, true);
    }
    const data = this.templateData(getAttr(el, 'data'));
    return data === undefined ? { t: 'tpl', is: name } : { t: 'tpl', is: name, data };
  }

  /** `data="{{ ...item, x: 1 }}"`: an object literal with its braces implied. */
  private templateData(attr: AttrNode | undefined): ExprNode | undefined {
    if (!attr) return undefined;
    const raw = attr.value ?? '';
    const parts = this.split(raw.trim(), attr.valueStart + (raw.length - raw.trimStart().length));
    if (parts.length !== 1 || parts[0]!.kind !== 'expr') {
      this.src.report.warning(C.IGNORED_ATTRIBUTE, attr.start, 'data on <template is> must be a single {{ }}, e.g. data="{{ ...item }}"');
      return undefined;
    }
    const offset = attr.valueStart + (raw.length - raw.trimStart().length) + parts[0]!.start;
    const source = parts[0]!.source;
    let parsed = parseObjectBody(source);
    if (!parsed.node) {
      // `data="{{ someObject }}"` written as a plain expression is accepted too.
      const plain = parseExpression(source);
      if (plain.node && plain.node.type !== 'Identifier') parsed = plain;
    }
    this.reportExpression(parsed, offset);
    return parsed.node;
  }

  // ---- elements ---------------------------------------------------------------------------

  /** The form of a plain element or `<slot>`. */
  private element(el: ElementNode, ctx: Ctx): ElementForm | SlotForm {
    this.warnLoopAttributes(el);
    if (el.tag === 'slot') return this.slot(el, ctx);
    const tag = el.tag.toLowerCase();
    // A plugin component (usingComponents "plugin://…", which mpk cannot run) renders as a placeholder
    // element that keeps its tag and children, marked with data-mpk-plugin (the project loader warns, MPK1065).
    const declared = this.componentFor(el.tag);
    const plugin = declared !== undefined && /^(dynamic-)?plugin:\/\//.test(declared) ? declared : undefined;
    const component = plugin ? undefined : declared;
    if (!component && !plugin && !BUILTIN_COMPONENTS.has(tag) && !STRUCTURAL_TAGS.has(tag) && !this.warnedTags.has(el.tag)) {
      this.warnedTags.add(el.tag);
      this.src.report.warning(C.UNKNOWN_TAG, el.start, `<${el.tag}> is not a built-in component and is not listed in usingComponents`);
    }
    if (component && ctx.inTemplate) {
      this.src.report.warning(C.COMPONENT_IN_TEMPLATE, el.start, `Custom component <${el.tag}> inside <template name> does not work on the platform`);
    }
    const form: ElementForm = { t: 'el', tag, attrs: [], children: [] };
    const events: EventForm[] = [];
    for (const a of el.attrs) {
      const name = a.name;
      if (CONTROL_ATTRIBUTES.has(name)) continue;
      if (name.startsWith('a:')) {
        this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `Unknown control attribute ${name} is ignored`);
        continue;
      }
      if (name === 'key') {
        form.key = this.value(a, true);
        continue;
      }
      if (name === 'slot') {
        form.slot = this.text(a);
        continue;
      }
      if (name === 'ref') {
        form.ref = this.text(a);
        continue;
      }
      if (name === 'slot-scope') {
        if (!this.scopedSlotRoots.has(el)) {
          this.src.report.warning(C.SLOT_SCOPE_MISPLACED, a.start, 'slot-scope only works on a direct child of a custom component');
        }
        continue;
      }
      if (name === '__proto__') {
        this.src.report.warning(C.RESERVED_ATTRIBUTE, a.start, 'The attribute name __proto__ is reserved and dropped');
        continue;
      }
      const event = parseEventAttribute(name);
      if (event) {
        events.push(this.event(a, event));
        continue;
      }
      if (WECHAT_ATTRIBUTE.test(name)) {
        this.src.report.warning(C.FOREIGN_SYNTAX, a.start, `${name} is WeChat syntax; AXML uses a:if/a:for and onTap/catchTap`);
      }
      form.attrs.push([name, this.value(a)]);
    }
    if (plugin) form.attrs.push(['data-mpk-plugin', plugin]);
    if (events.length) form.events = events;
    if (component) form.component = component;
    if (this.src.sourceInfo) form.loc = { ...this.src.report.position(el.start), attrs: el.attrs.map((a) => [a.name, a.value ?? '']) };
    const childCtx: Ctx = { ...ctx, inText: ctx.inText || tag === 'text' };
    let childNodes = el.children;
    if (component) {
      const split = this.scopedSlots(el, childCtx);
      if (split.slots.length) form.scoped = split.slots;
      childNodes = split.rest;
    }
    form.children = this.list(childNodes, childCtx);
    return form;
  }

  private event(a: AttrNode, event: ParsedEvent): EventForm {
    let handler: ValueForm;
    if (a.value === undefined) {
      handler = '';
    } else if (!a.value.includes('{{')) {
      const name = a.value.trim();
      if (name && !/^[A-Za-z_$][\w$]*$/.test(name)) {
        this.src.report.warning(
          C.EVENT_HANDLER_NOT_NAME,
          a.valueStart,
          `${a.name}="${name}" is not a method name; inline arguments are not supported (pass data-* attributes instead)`,
        );
      }
      handler = name;
    } else {
      handler = this.parts(this.split(a.value, a.valueStart), a.valueStart);
    }
    return { type: event.type, attr: a.name, handler, catch: event.catch, capture: event.capture };
  }

  private slot(el: ElementNode, ctx: Ctx): SlotForm {
    const form: SlotForm = { t: 'slot', props: [], fallback: [] };
    for (const a of el.attrs) {
      if (CONTROL_ATTRIBUTES.has(a.name)) continue;
      if (a.name === 'name') {
        form.name = this.text(a);
      } else if (parseEventAttribute(a.name) || a.name === 'key' || a.name === 'slot-scope' || a.name === '__proto__') {
        this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `${a.name} has no effect on <slot>`);
      } else {
        form.props.push([a.name, this.value(a)]);
      }
    }
    form.fallback = this.list(el.children, ctx);
    return form;
  }

  /** The `a:elif`/`a:else` elements (without `slot-scope`) right after `children[at]`, blank text between them skipped. */
  private scopedElseBranches(children: TemplateNode[], at: number): Array<{ el: ElementNode; index: number }> {
    const branches: Array<{ el: ElementNode; index: number }> = [];
    for (let i = at + 1; i < children.length; i++) {
      const node = children[i]!;
      if (node.type === 'text') {
        if (node.text.trim() === '') continue;
        break;
      }
      if (getAttr(node, 'slot-scope')) break;
      const isElse = !!getAttr(node, 'a:else');
      if (!isElse && !getAttr(node, 'a:elif')) break;
      branches.push({ el: node, index: i });
      if (isElse) break;
    }
    return branches;
  }

  /**
   * Direct children of a custom component that carry `slot-scope` become functions of the
   * slot's props (AD fw/自定义组件/组件模板和样式.md, 作用域插槽); the rest stay children.
   */
  private scopedSlots(el: ElementNode, ctx: Ctx): { slots: ScopedSlotForm[]; rest: TemplateNode[] } {
    const rest: TemplateNode[] = [];
    const slots: ScopedSlotForm[] = [];
    const children = el.children;
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      const scopeAttr = child.type === 'element' ? getAttr(child, 'slot-scope') : undefined;
      if (!scopeAttr || child.type !== 'element') {
        rest.push(child);
        continue;
      }
      const paramName = (scopeAttr.value ?? '').trim();
      let param: string | undefined;
      if (SIMPLE_IDENTIFIER.test(paramName) && !LOOP_NAME_KEYWORDS.has(paramName) && !isReservedProperty(paramName)) {
        param = paramName;
      } else {
        this.src.report.error(C.INVALID_LOOP_NAME, scopeAttr.valueStart, `slot-scope="${paramName}" is not a valid name`);
      }
      const slotAttr = getAttr(child, 'slot');
      const name = slotAttr ? this.text(slotAttr) : '';
      const test = getAttr(child, 'a:if');
      this.scopedSlotRoots.add(child);
      let node: ScopedSlotForm['node'];
      if (test && !getAttr(child, 'a:for')) {
        const branches: IfForm['branches'] = [{ test: this.controlValue(test), node: this.one(child, ctx) ?? { t: 'block', children: [] } }];
        // The `a:elif`/`a:else` siblings that follow continue the chain inside the slot, with its
        // scope (antd-mini's ThoughtChain docs: `<view slot="content" slot-scope="m" a:if>…</view><view a:else>{{m.content}}</view>`).
        for (const branch of this.scopedElseBranches(children, index)) {
          index = branch.index;
          const attr = getAttr(branch.el, 'a:elif');
          const inner = this.one(branch.el, ctx) ?? { t: 'block', children: [] };
          branches.push(attr ? { test: this.controlValue(attr), node: inner } : { node: inner });
        }
        node = { t: 'if', branches };
      } else {
        node = this.one(child, ctx) ?? { t: 'block', children: [] };
      }
      for (const a of ['a:elif', 'a:else']) {
        const attr = getAttr(child, a);
        if (attr) this.src.report.error(C.ELSE_WITHOUT_IF, attr.start, `${a} cannot be used on a slot-scope element`);
      }
      slots.push(param === undefined ? { name, node } : { name, param, node });
    }
    return { slots, rest };
  }
}

interface ParsedEvent {
  type: string;
  catch: boolean;
  capture: boolean;
}

/** `onTap` → tap; `catchTouchStart` → touchStart; `capture-onX`/`capture-catchX` → capture phase. */
export function parseEventAttribute(name: string): ParsedEvent | undefined {
  let rest = name;
  let capture = false;
  if (rest.startsWith('capture-')) {
    capture = true;
    rest = rest.slice('capture-'.length);
  }
  let isCatch: boolean;
  if (/^on[A-Z]/.test(rest)) {
    isCatch = false;
    rest = rest.slice(2);
  } else if (/^catch[A-Z]/.test(rest)) {
    isCatch = true;
    rest = rest.slice(5);
  } else {
    return undefined;
  }
  return { type: rest[0]!.toLowerCase() + rest.slice(1), catch: isCatch, capture };
}
