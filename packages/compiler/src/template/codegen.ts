/**
 * AXML tree → the JavaScript source of one template unit.
 *
 * A unit is `function (h, env) { … return { templates, lookup, render } }`: `h` is the prelude
 * (see prelude.ts), `env` gives other units and SJS modules by file. `render(scope)` returns
 * `VNode[]` per the view ABI. The generated code is straight-line: element literals, `for` loops
 * for `a:for`, `if` chains for `a:if`; nothing is parsed at render time.
 *
 * Text whitespace (documented in the README): outside `<text>`, runs of whitespace in static
 * text collapse to one space, text is trimmed where it touches its parent's start or end, and
 * whitespace-only text disappears; inside `<text>` text is kept exactly as written.
 */
import {
  compileExpression,
  isReservedProperty,
  parseExpression,
  parseObjectBody,
  generateExpression,
  propertyAccess,
  SIMPLE_IDENTIFIER,
  type Binding,
  type ExprScope,
  type ExpressionError,
} from '../expression/index.ts';
import { BUILTIN_COMPONENTS, STRUCTURAL_TAGS } from './builtins.ts';
import * as C from './codes.ts';
import type { Declarations } from './declarations.ts';
import { splitMustache, type MustachePart } from './mustache.ts';
import { getAttr, type AttrNode, type ElementNode, type TemplateNode, type TextNode } from './parse.ts';
import type { Reporter } from './report.ts';

/** Local names declared by the template (`a:for` items, `slot-scope`), innermost first. */
class Locals {
  constructor(
    readonly names: ReadonlyMap<string, string>,
    readonly parent?: Locals,
  ) {}

  get(name: string): string | undefined {
    for (let l: Locals | undefined = this; l; l = l.parent) {
      const v = l.names.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Every visible name → its JS variable (inner names win). */
  all(): Map<string, string> {
    const chain: Locals[] = [];
    for (let l: Locals | undefined = this; l; l = l.parent) chain.unshift(l);
    const out = new Map<string, string>();
    for (const l of chain) for (const [k, v] of l.names) out.set(k, v);
    return out;
  }
}

interface Ctx {
  /** JS variable of the data scope. */
  data: string;
  locals?: Locals;
  /** JS variable of the template lookup function. */
  lookup: string;
  /** Inside `<text>`: whitespace is kept. */
  inText: boolean;
  /** Inside a `<template name>` definition. */
  inTemplate: boolean;
}

type Item =
  | { kind: 'text'; code: string }
  | { kind: 'el'; el: ElementNode }
  | { kind: 'chain'; branches: Array<{ el: ElementNode; test?: AttrNode }> };

interface Generated {
  /** Statements that must run before `expr` is evaluated. */
  pre: string[];
  expr: string;
}

const CONTROL_ATTRIBUTES = new Set(['a:if', 'a:elif', 'a:else', 'a:for', 'a:for-item', 'a:for-index', 'a:key']);
const WECHAT_ATTRIBUTE =
  /^(wx:|bind:|catch:|mut-bind|capture-bind|capture-catch:|(bind|catch)(tap|longtap|longpress|touch[a-z]+|input|change|submit|confirm|focus|blur|scroll[a-z]*|load|error|transitionend|animation[a-z]+)$)/;
const DEFAULT_ITEM = 'item';
const DEFAULT_INDEX = 'index';
const LOOP_NAME_KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'this', 'new', 'function', 'typeof', 'import', 'class']);

export interface UnitSource {
  file: string;
  tree: TemplateNode[];
  decl: Declarations;
  usingComponents: Record<string, string>;
  report: Reporter;
}

export function generateUnit(src: UnitSource): string {
  return new UnitGenerator(src).generate();
}

/** A unit for a file that could not be compiled at all: renders nothing. */
export const EMPTY_UNIT =
  'function (h, env) {\n  const T = new Map();\n  return { templates: T, lookup: h.lookup(T, env, []), render: function () { return []; } };\n}';

/** Names generated code can use that carry state from outside a loop body. */
const OUTER_NAME = /^(?:S|D|L|T|lookup|env|fb|m\d+|b\d+|_[A-Za-z]+\d+)$/;

/**
 * Whether a generated `a:for` body depends only on its item and index: every name it reads is
 * `allowed` (the item, the index, the output array) or generated inside the body (numbered after
 * `prologue`). Anything else — the data scope, outer loop items, SJS bindings, template lookups,
 * includes — makes it impure, so it renders every time. Conservative by construction: a name
 * inside a string is removed first; a property name (`x.S`) is not a read.
 */
function pureLoopBody(
  body: readonly string[],
  vars: { item: string; index: string; out: string },
  prologue: number,
): { pure: boolean; usesIndex: boolean } {
  const code = body.join('\n').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const allowed = new Set([vars.item, vars.index, vars.out]);
  let usesIndex = false;
  for (const match of code.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) {
    const name = match[0];
    if (!OUTER_NAME.test(name)) continue;
    if (name === vars.index) usesIndex = true;
    if (allowed.has(name)) continue;
    const n = /\d+$/.exec(name);
    if (name.startsWith('_') && n !== null && Number(n[0]) > prologue) continue;
    return { pure: false, usesIndex };
  }
  return { pure: true, usesIndex };
}

class UnitGenerator {
  private counter = 0;
  /** Unit-level `WeakMap`s of memoised loop bodies (see `pureLoopBody`). */
  private readonly memos: string[] = [];
  private readonly bindingVars = new Map<string, string>();
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

  generate(): string {
    const { decl } = this.src;
    const lines: string[] = ['function (h, env) {'];
    // SJS modules initialise when this unit is first used, not when view.js loads.
    const moduleVars = new Map<string, string>();
    for (const file of decl.sjsFiles) {
      const v = `m${moduleVars.size}`;
      moduleVars.set(file, v);
      lines.push(`  const ${v} = env.sjs(${JSON.stringify(file)});`);
    }
    let n = 0;
    for (const b of decl.bindings.values()) {
      const v = `b${n++}`;
      this.bindingVars.set(b.local, v);
      lines.push(`  const ${v} = ${moduleVars.get(b.file)}${propertyAccess(b.exported, true)};`);
    }
    lines.push('  const T = new Map();');
    // Later imports win over earlier ones, so they are searched first.
    lines.push(`  const lookup = h.lookup(T, env, ${JSON.stringify([...decl.imports].reverse())});`);
    for (const [name, def] of decl.templates) {
      const ctx: Ctx = { data: 'D', lookup: 'lookup', inText: false, inTemplate: true };
      this.warnTemplateAttributes(def);
      const body = this.genList(def.children, ctx);
      lines.push(`  T.set(${JSON.stringify(name)}, function (D) {`);
      append(lines, indent(body.pre, 2));
      lines.push(`    return ${body.expr};`, '  });');
    }
    const ctx: Ctx = { data: 'S', lookup: 'L', inText: false, inTemplate: false };
    const body = this.genList(this.src.tree, ctx);
    for (const memo of this.memos) lines.push(`  const ${memo} = new WeakMap();`);
    lines.push('  function render(S, fb) {', '    const L = fb === undefined ? lookup : h.chain(lookup, fb);');
    append(lines, indent(body.pre, 2));
    lines.push(`    return ${body.expr};`, '  }', '  return { templates: T, lookup, render };', '}');
    return lines.join('\n');
  }

  // ---- helpers ----------------------------------------------------------------------------

  private newVar(prefix: string): string {
    return `_${prefix}${++this.counter}`;
  }

  private scopeOf(ctx: Ctx): ExprScope {
    return {
      dataVar: ctx.data,
      newVar: (prefix: string) => this.newVar(prefix),
      lookup: (name: string): Binding | undefined => {
        const local = ctx.locals?.get(name);
        if (local !== undefined) return { kind: 'local', js: local };
        const sjs = this.bindingVars.get(name);
        return sjs !== undefined ? { kind: 'sjs', js: sjs } : undefined;
      },
    };
  }

  private reportExpressionErrors(errors: ExpressionError[], offset: number): void {
    // The reporter gives each code its declared severity (an expression problem may be a warning).
    for (const e of errors) this.src.report.error(e.code, offset + e.start, e.message);
  }

  private expr(source: string, offset: number, ctx: Ctx): string {
    const out = compileExpression(source, this.scopeOf(ctx));
    this.reportExpressionErrors(out.errors, offset);
    return out.code;
  }

  private split(raw: string, offset: number): MustachePart[] {
    const { parts, unterminated } = splitMustache(raw);
    for (const at of unterminated) {
      this.src.report.error(C.UNTERMINATED_MUSTACHE, offset + at, '"{{" has no matching "}}"');
    }
    return parts;
  }

  private concat(parts: MustachePart[], offset: number, ctx: Ctx): string {
    if (!parts.length) return '""';
    return parts
      .map((p) => (p.kind === 'static' ? JSON.stringify(p.text) : `h.t(${this.expr(p.source, offset + p.start, ctx)})`))
      .join(' + ');
  }

  /**
   * An attribute's value: a lone `{{expr}}` keeps its type, text with mustaches is a string,
   * a bare attribute is `true`. `asString` converts a lone value to text as well.
   */
  private value(attr: AttrNode, ctx: Ctx, asString = false, trim = false): string {
    if (attr.value === undefined) return asString ? '""' : 'true';
    let raw = attr.value;
    let offset = attr.valueStart;
    if (trim) {
      const lead = raw.length - raw.trimStart().length;
      raw = raw.trim();
      offset += lead;
    }
    const parts = this.split(raw, offset);
    if (parts.length === 1 && parts[0].kind === 'expr') {
      const code = this.expr(parts[0].source, offset + parts[0].start, ctx);
      return asString ? `h.t(${code})` : code;
    }
    return this.concat(parts, offset, ctx);
  }

  private controlValue(attr: AttrNode, ctx: Ctx): string {
    if (attr.value === undefined) {
      this.src.report.warning(C.CONSTANT_CONTROL, attr.start, `${attr.name} has no value, so it is always true; write ${attr.name}="{{…}}"`);
    } else if (!attr.value.includes('{{')) {
      this.src.report.warning(
        C.CONSTANT_CONTROL,
        attr.start,
        `${attr.name}="${attr.value}" has no {{ }}, so its value is that constant string; write ${attr.name}="{{…}}"`,
      );
    }
    return this.value(attr, ctx, false, true);
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

  private textCode(node: TextNode, ctx: Ctx, first: boolean, last: boolean): string | undefined {
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
    if (parts.length === 1 && parts[0].kind === 'expr') return `h.t(${this.expr(parts[0].source, node.start + parts[0].start, ctx)})`;
    return this.concat(parts, node.start, ctx);
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
        const code = this.textCode(node, ctx, i === 0, i === visible.length - 1);
        if (code !== undefined) {
          items.push({ kind: 'text', code });
          open = undefined;
          afterForIf = false;
        }
        return;
      }
      const conds = node.attrs.filter((a) => a.name === 'a:if' || a.name === 'a:elif' || a.name === 'a:else');
      if (conds.length > 1) {
        this.src.report.error(C.CONFLICTING_CONDITIONS, conds[1].start, `${conds[1].name} cannot be combined with ${conds[0].name} on one element`);
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

  private isSimple(item: Item): boolean {
    if (item.kind === 'text') return true;
    if (item.kind === 'chain') return false;
    const el = item.el;
    if (el.tag === 'block' || el.tag === 'template' || el.tag === 'include') return false;
    return !el.attrs.some((a) => a.name === 'a:for' || a.name === 'a:if' || a.name === 'a:elif' || a.name === 'a:else');
  }

  /** An expression for the `VNode[]` of `nodes`, plus statements to run first. */
  private genList(nodes: TemplateNode[], ctx: Ctx): Generated {
    const items = this.prepare(nodes, ctx);
    if (items.every((i) => this.isSimple(i))) {
      const pre: string[] = [];
      const exprs = items.map((item) => {
        if (item.kind === 'text') return `{ kind: "text", text: ${item.code} }`;
        const g = this.genNode((item as { el: ElementNode }).el, ctx, undefined);
        append(pre, g.pre);
        return g.expr;
      });
      return { pre, expr: `[${exprs.join(', ')}]` };
    }
    const out = this.newVar('c');
    return { pre: [`const ${out} = [];`, ...this.genInto(items, ctx, out)], expr: out };
  }

  /** Statements that push the VNodes of `items` into the array `out`. */
  private genInto(items: Item[], ctx: Ctx, out: string, blockKey?: string): string[] {
    const stmts: string[] = [];
    const elementCount = items.filter((i) => i.kind !== 'text').length;
    let j = 0;
    for (const item of items) {
      if (item.kind === 'text') {
        stmts.push(`${out}.push({ kind: "text", text: ${item.code} });`);
        continue;
      }
      // Children of a keyed `<block a:for>` share the item's key, made unique per position.
      const key = blockKey === undefined ? undefined : elementCount > 1 ? `h.key2(${blockKey}, ${j})` : blockKey;
      const position = j++;
      if (this.isSimple(item)) {
        append(stmts, this.genOne((item as { el: ElementNode }).el, ctx, out, key));
        continue;
      }
      // Content that comes, goes or grows (a:if, a:for, <block>, <template is>, <include>) tags its
      // nodes with its place in the template (VElement.pos), so its siblings never shift onto each
      // other in the view's diff (which would re-create the components after it, losing their state).
      const start = this.newVar('s');
      stmts.push(`const ${start} = ${out}.length;`);
      if (item.kind === 'el') {
        append(stmts, this.genOne(item.el, ctx, out, key));
      } else {
        item.branches.forEach((b, i) => {
          const head = i === 0 ? 'if' : b.test ? '} else if' : '} else';
          stmts.push(b.test ? `${head} (${this.controlValue(b.test, ctx)}) {` : `${head} {`);
          append(stmts, indent(this.genOne(b.el, ctx, out, key), 1));
        });
        stmts.push('}');
      }
      stmts.push(`h.mark(${out}, ${start}, "${position}");`);
    }
    return stmts;
  }

  /** One element with its `a:for` (and a per-item `a:if`); chains have tested `a:if` already. */
  private genOne(el: ElementNode, ctx: Ctx, out: string, key: string | undefined): string[] {
    const forAttr = getAttr(el, 'a:for');
    if (!forAttr) {
      this.warnLoopAttributes(el);
      return this.genBare(el, ctx, out, key);
    }
    const list = this.controlValue(forAttr, ctx);
    const itemName = this.loopName(el, 'a:for-item', DEFAULT_ITEM);
    const indexName = this.loopName(el, 'a:for-index', DEFAULT_INDEX);
    const values = this.newVar('v');
    const keys = this.newVar('k');
    const i = this.newVar('i');
    const itemVar = this.newVar('item');
    const indexVar = this.newVar('index');
    const names = new Map<string, string>([
      [indexName, indexVar],
      [itemName, itemVar],
    ]);
    const inner: Ctx = { ...ctx, locals: new Locals(names, ctx.locals) };
    const prologue = this.counter;
    const itemKey = this.loopKey(el, inner, itemVar);
    const body: string[] = [];
    const test = getAttr(el, 'a:if');
    const content = this.genBare(el, inner, out, itemKey ?? key);
    if (test) {
      body.push(`if (${this.controlValue(test, inner)}) {`);
      append(body, indent(content, 1));
      body.push('}');
    }
    else append(body, content);
    const purity = pureLoopBody(body, { item: itemVar, index: indexVar, out }, prologue);
    if (purity.pure) {
      // The item's vnodes depend on nothing but the item (and its index): while the view keeps the
      // same item object (its patches copy only what changed), last render's vnodes are reused and
      // the diff skips them by identity — a 1,000-row list where one row changed renders one row.
      const memo = this.newVar('memo');
      this.memos.push(memo);
      const hit = this.newVar('hit');
      const start = this.newVar('m');
      const at = purity.usesIndex ? indexVar : '0';
      body.unshift(
        `const ${hit} = h.memoGet(${memo}, ${itemVar}, ${at});`,
        `if (${hit} !== undefined) { h.memoPush(${out}, ${hit}); continue; }`,
        `const ${start} = ${out}.length;`,
      );
      body.push(`h.memoSet(${memo}, ${itemVar}, ${at}, ${out}, ${start});`);
    }
    return [
      '{',
      `  const ${values}$ = h.iter(${list}), ${values} = ${values}$[0], ${keys} = ${values}$[1];`,
      `  for (let ${i} = 0; ${i} < ${values}.length; ${i}++) {`,
      `    const ${itemVar} = ${values}[${i}], ${indexVar} = ${keys} === null ? ${i} : ${keys}[${i}];`,
      ...indent(body, 2),
      '  }',
      '}',
    ];
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

  /** The per-item key from `a:key` (a property of the item, or `*this`). */
  private loopKey(el: ElementNode, inner: Ctx, itemVar: string): string | undefined {
    const a = getAttr(el, 'a:key');
    const keyAttr = getAttr(el, 'key');
    // Real apps key the items of `<block a:for>` with `key="{{…}}"` on the block itself.
    if (!a && keyAttr && el.tag === 'block') return `h.key(${this.value(keyAttr, inner, false, true)})`;
    if (!a) {
      const childHasKey = el.tag === 'block' && el.children.some((c) => c.type === 'element' && getAttr(c, 'key'));
      if (!keyAttr && !childHasKey) {
        this.src.report.warning(C.MISSING_KEY, getAttr(el, 'a:for')!.start, 'a:for without a:key: items are matched by position when the list changes');
      }
      return undefined;
    }
    const raw = (a.value ?? '').trim();
    if (raw.includes('{{')) return `h.key(${this.value(a, inner, false, true)})`;
    if (raw === '*this') return `h.key(${itemVar})`;
    if (!raw || isReservedProperty(raw)) {
      this.src.report.error(C.INVALID_KEY, a.valueStart, `a:key="${raw}" must name a property of the item, or be *this`);
      return undefined;
    }
    return `h.key(${itemVar}${propertyAccess(raw, true)})`;
  }

  /** The element itself (no control attributes left to apply). */
  private genBare(el: ElementNode, ctx: Ctx, out: string, key: string | undefined): string[] {
    switch (el.tag) {
      case 'block':
        return this.genBlock(el, ctx, out, key);
      case 'template':
        return this.genTemplateCall(el, ctx, out);
      case 'include':
        return this.genInclude(el, ctx, out);
      default: {
        const g = this.genNode(el, ctx, key);
        return [...g.pre, `${out}.push(${g.expr});`];
      }
    }
  }

  private genBlock(el: ElementNode, ctx: Ctx, out: string, key: string | undefined): string[] {
    for (const a of el.attrs) {
      if (CONTROL_ATTRIBUTES.has(a.name)) continue;
      if (a.name === 'key') {
        if (!getAttr(el, 'a:for')) this.src.report.warning(C.KEY_ON_BLOCK, a.start, 'key on a <block> without a:for has no effect (a <block> renders no element)');
      } else this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `<block> renders no element, so ${a.name} has no effect`);
    }
    return this.genInto(this.prepare(el.children, ctx), ctx, out, key);
  }

  private genTemplateCall(el: ElementNode, ctx: Ctx, out: string): string[] {
    const is = getAttr(el, 'is')!;
    for (const a of el.attrs) {
      if (a.name !== 'is' && a.name !== 'data' && !CONTROL_ATTRIBUTES.has(a.name)) {
        this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `${a.name} has no effect on <template is>`);
      }
    }
    if (el.children.some((c) => c.type === 'element' || c.text.trim() !== '')) {
      this.src.report.warning(C.IGNORED_CHILDREN, el.start, 'Content inside <template is> is ignored');
    }
    let name: string;
    if (is.value !== undefined && !is.value.includes('{{')) {
      const n = is.value.trim();
      const { decl } = this.src;
      if (!decl.templates.has(n) && !decl.importedTemplateNames.has(n)) {
        this.src.report.warning(C.UNKNOWN_TEMPLATE, is.valueStart, `No template named "${n}" is defined or imported in this file; it renders nothing`);
      }
      name = JSON.stringify(n);
    } else {
      name = this.value(is, ctx, true, true);
    }
    return [`h.tpl(${ctx.lookup}(${name}), ${this.templateData(getAttr(el, 'data'), ctx)}, ${out});`];
  }

  /** `data="{{ ...item, x: 1 }}"`: an object literal with its braces implied. */
  private templateData(attr: AttrNode | undefined, ctx: Ctx): string {
    if (!attr) return '(void 0)';
    const raw = attr.value ?? '';
    const parts = this.split(raw.trim(), attr.valueStart + (raw.length - raw.trimStart().length));
    if (parts.length !== 1 || parts[0].kind !== 'expr') {
      this.src.report.warning(C.IGNORED_ATTRIBUTE, attr.start, 'data on <template is> must be a single {{ }}, e.g. data="{{ ...item }}"');
      return '(void 0)';
    }
    const offset = attr.valueStart + (raw.length - raw.trimStart().length) + parts[0].start;
    const source = parts[0].source;
    const scope = this.scopeOf(ctx);
    const asObject = parseObjectBody(source);
    let parsed = asObject;
    if (!asObject.node) {
      // `data="{{ someObject }}"` written as a plain expression is accepted too.
      const plain = parseExpression(source);
      if (plain.node && plain.node.type !== 'Identifier') parsed = plain;
    }
    this.reportExpressionErrors(parsed.warnings, offset);
    if (!parsed.node) {
      this.reportExpressionErrors(parsed.error ? [parsed.error] : [], offset);
      return '(void 0)';
    }
    const gen = generateExpression(parsed.node, scope);
    this.reportExpressionErrors(gen.errors, offset);
    return gen.errors.length ? '(void 0)' : gen.code;
  }

  private genInclude(el: ElementNode, ctx: Ctx, out: string): string[] {
    const target = this.src.decl.includes.get(el);
    if (target === undefined) return [];
    // The included file reads the includer's data; a:for items and slot-scope names are
    // layered on top so `{{item}}` keeps working inside an included file.
    const locals = ctx.locals?.all();
    const scope =
      locals && locals.size
        ? `h.withLocals(${ctx.data}, { ${[...locals].map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')} })`
        : ctx.data;
    return [`h.inc(env.unit(${JSON.stringify(target)}), ${scope}, ${ctx.lookup}, ${out});`];
  }

  // ---- elements ---------------------------------------------------------------------------

  /** The VNode expression of a plain element or `<slot>`. */
  private genNode(el: ElementNode, ctx: Ctx, key: string | undefined): Generated {
    this.warnLoopAttributes(el);
    if (el.tag === 'slot') return this.genSlot(el, ctx);
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
    const attrs: string[] = [];
    const events: string[] = [];
    let slot: string | undefined;
    let ref: string | undefined;
    for (const a of el.attrs) {
      const name = a.name;
      if (CONTROL_ATTRIBUTES.has(name)) continue;
      if (name.startsWith('a:')) {
        this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `Unknown control attribute ${name} is ignored`);
        continue;
      }
      if (name === 'key') {
        key = `h.key(${this.value(a, ctx, false, true)})`;
        continue;
      }
      if (name === 'slot') {
        slot = this.value(a, ctx, true);
        continue;
      }
      if (name === 'ref') {
        ref = this.value(a, ctx, true);
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
        events.push(this.eventBinding(a, event, ctx));
        continue;
      }
      if (WECHAT_ATTRIBUTE.test(name)) {
        this.src.report.warning(C.FOREIGN_SYNTAX, a.start, `${name} is WeChat syntax; AXML uses a:if/a:for and onTap/catchTap`);
      }
      attrs.push(`${JSON.stringify(name)}: ${this.value(a, ctx)}`);
    }
    if (plugin) attrs.push(`"data-mpk-plugin": ${JSON.stringify(plugin)}`);
    const childCtx: Ctx = { ...ctx, inText: ctx.inText || tag === 'text' };
    const pre: string[] = [];
    let scoped: string | undefined;
    let childNodes = el.children;
    if (component) {
      const split = this.genScopedSlots(el, childCtx);
      append(pre, split.pre);
      scoped = split.expr;
      childNodes = split.rest;
    }
    const children = this.genList(childNodes, childCtx);
    append(pre, children.pre);
    const fields = [`kind: "element"`, `tag: ${JSON.stringify(tag)}`];
    if (key !== undefined) fields.push(`key: ${key}`);
    fields.push(`attrs: { ${attrs.join(', ')} }`);
    if (events.length) fields.push(`events: [${events.join(', ')}]`);
    if (component) fields.push(`component: ${JSON.stringify(component)}`);
    if (slot !== undefined) fields.push(`slot: ${slot}`);
    if (ref !== undefined) fields.push(`ref: ${ref}`);
    if (scoped !== undefined) fields.push(`scopedSlots: ${scoped}`);
    fields.push(`children: ${children.expr}`);
    return { pre, expr: `{ ${fields.join(', ')} }` };
  }

  private eventBinding(a: AttrNode, event: ParsedEvent, ctx: Ctx): string {
    let handler: string;
    if (a.value === undefined) {
      handler = '""';
    } else if (!a.value.includes('{{')) {
      const name = a.value.trim();
      if (name && !/^[A-Za-z_$][\w$]*$/.test(name)) {
        this.src.report.warning(
          C.EVENT_HANDLER_NOT_NAME,
          a.valueStart,
          `${a.name}="${name}" is not a method name; inline arguments are not supported (pass data-* attributes instead)`,
        );
      }
      handler = JSON.stringify(name);
    } else {
      const parts = this.split(a.value, a.valueStart);
      handler =
        parts.length === 1 && parts[0].kind === 'expr'
          ? `h.handler(${this.expr(parts[0].source, a.valueStart + parts[0].start, ctx)})`
          : this.concat(parts, a.valueStart, ctx);
    }
    return `{ type: ${JSON.stringify(event.type)}, attr: ${JSON.stringify(a.name)}, handler: ${handler}, catch: ${event.catch}, capture: ${event.capture} }`;
  }

  private genSlot(el: ElementNode, ctx: Ctx): Generated {
    let name = '""';
    const props: string[] = [];
    for (const a of el.attrs) {
      if (CONTROL_ATTRIBUTES.has(a.name)) continue;
      if (a.name === 'name') {
        name = this.value(a, ctx, true);
        // A name written with {{ }} that comes out empty names no slot: only <slot> without a name is the default one.
        if (!name.startsWith('"')) name = `h.slotName(${name})`;
      } else if (parseEventAttribute(a.name) || a.name === 'key' || a.name === 'slot-scope' || a.name === '__proto__') {
        this.src.report.warning(C.IGNORED_ATTRIBUTE, a.start, `${a.name} has no effect on <slot>`);
      } else {
        props.push(`${JSON.stringify(a.name)}: ${this.value(a, ctx)}`);
      }
    }
    const fallback = this.genList(el.children, ctx);
    return { pre: fallback.pre, expr: `{ kind: "slot", name: ${name}, props: { ${props.join(', ')} }, fallback: ${fallback.expr} }` };
  }

  /** The `a:elif`/`a:else` elements (without `slot-scope`) right after `children[at]`, blank text between them skipped. */
  private scopedElseBranches(children: TemplateNode[], at: number): Array<{ el: ElementNode; index: number }> {
    const branches: Array<{ el: ElementNode; index: number }> = [];
    for (let i = at + 1; i < children.length; i++) {
      const node = children[i];
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
   * slot's props, one per slot name (AD fw/自定义组件/组件模板和样式.md, 作用域插槽).
   */
  private genScopedSlots(el: ElementNode, ctx: Ctx): { pre: string[]; expr: string | undefined; rest: TemplateNode[] } {
    const rest: TemplateNode[] = [];
    const byName = new Map<string, { name: string; bodies: string[][] }>();
    const order: Array<{ name: string; bodies: string[][] }> = [];
    const children = el.children;
    for (let index = 0; index < children.length; index++) {
      const child = children[index];
      const scopeAttr = child.type === 'element' ? getAttr(child, 'slot-scope') : undefined;
      if (!scopeAttr || child.type !== 'element') {
        rest.push(child);
        continue;
      }
      const param = this.newVar('p');
      const paramName = (scopeAttr.value ?? '').trim();
      const names = new Map<string, string>();
      if (SIMPLE_IDENTIFIER.test(paramName) && !LOOP_NAME_KEYWORDS.has(paramName) && !isReservedProperty(paramName)) {
        names.set(paramName, param);
      } else {
        this.src.report.error(C.INVALID_LOOP_NAME, scopeAttr.valueStart, `slot-scope="${paramName}" is not a valid name`);
      }
      const inner: Ctx = { ...ctx, locals: new Locals(names, ctx.locals) };
      const slotAttr = getAttr(child, 'slot');
      const nameCode = slotAttr ? this.value(slotAttr, ctx, true) : '""';
      const out = this.newVar('r');
      const body = [`const ${out} = [];`];
      const test = getAttr(child, 'a:if');
      this.scopedSlotRoots.add(child);
      const content = this.genOne(child, inner, out, undefined);
      if (test && !getAttr(child, 'a:for')) {
        body.push(`if (${this.controlValue(test, inner)}) {`);
        append(body, indent(content, 1));
        // The `a:elif`/`a:else` siblings that follow continue the chain inside the slot, with its
        // scope (antd-mini's ThoughtChain docs: `<view slot="content" slot-scope="m" a:if>…</view><view a:else>{{m.content}}</view>`).
        for (const branch of this.scopedElseBranches(children, index)) {
          index = branch.index;
          const attr = getAttr(branch.el, 'a:elif');
          body.push(attr ? `} else if (${this.controlValue(attr, inner)}) {` : '} else {');
          append(body, indent(this.genOne(branch.el, inner, out, undefined), 1));
        }
        body.push('}');
      }
      else append(body, content);
      for (const a of ['a:elif', 'a:else']) {
        const attr = getAttr(child, a);
        if (attr) this.src.report.error(C.ELSE_WITHOUT_IF, attr.start, `${a} cannot be used on a slot-scope element`);
      }
      body.push(`return ${out};`);
      const fn = [`function (${param}) {`, ...indent(body, 1), '}'];
      // Several children for one static slot name share one function.
      const entry = byName.get(nameCode);
      if (entry && nameCode.startsWith('"')) {
        entry.bodies.push(fn);
      } else {
        const e = { name: nameCode, bodies: [fn] };
        if (nameCode.startsWith('"')) byName.set(nameCode, e);
        order.push(e);
      }
    }
    if (!order.length) return { pre: [], expr: undefined, rest };
    const pre: string[] = [];
    const fields = order.map((e) => {
      let fnExpr: string;
      if (e.bodies.length === 1) {
        fnExpr = e.bodies[0].join('\n');
      } else {
        const vars = e.bodies.map((b) => {
          const v = this.newVar('s');
          pre.push(`const ${v} = ${b.join('\n')};`);
          return v;
        });
        fnExpr = `(p) => [${vars.map((v) => `...${v}(p)`).join(', ')}]`;
      }
      return `${e.name.startsWith('"') ? e.name : `[${e.name}]`}: ${fnExpr}`;
    });
    return { pre, expr: `{ ${fields.join(', ')} }`, rest };
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
  return { type: rest[0].toLowerCase() + rest.slice(1), catch: isCatch, capture };
}

/** `target.push(...items)` without the engine's argument-count limit (huge templates). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function indent(lines: string[], depth: number): string[] {
  const pad = '  '.repeat(depth);
  return lines.map((l) => pad + l.replace(/\n/g, '\n' + pad));
}
