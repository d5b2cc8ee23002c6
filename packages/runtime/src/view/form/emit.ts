/**
 * A validated `UnitForm` → the JavaScript source of one template unit (runtime side of the
 * template pipeline: the compiler analyses, the package carries the form, this emits).
 *
 * A unit is `function (h, env) { … return { templates, lookup, render } }`: `h` is the prelude
 * (see prelude.ts), `env` gives other units and SJS modules by file. `render(scope)` returns
 * `VNode[]` per the view ABI. The code is straight-line: element literals, `for` loops for
 * `a:for`, `if` chains for `a:if`; nothing is parsed at render time.
 *
 * Every identifier in the output is chosen here (`_item3`, `b0`, `m1`, …) and every string from the
 * form goes through `JSON.stringify`, so what a package says can only ever be data in this code.
 */
import type { ExprNode } from '../../contract/expression-ast.ts';
import { generateExpression, propertyAccess, type Binding, type ExprScope } from './expression.ts';
import type {
  BlockForm,
  ElementForm,
  EventForm,
  ForForm,
  IfForm,
  IncludeForm,
  KeyForm,
  NodeForm,
  ScopedSlotForm,
  SourceLocForm,
  SlotForm,
  TemplateCallForm,
  UnitForm,
  ValueForm,
} from '../../contract/view-form.ts';

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
}

interface Generated {
  /** Statements that must run before `expr` is evaluated. */
  pre: string[];
  expr: string;
}

/** The unit of a file that could not be compiled: renders nothing. */
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

/** Emits one unit. The form must have passed `validateViewForm`. */
export function emitUnit(form: UnitForm): string {
  return new UnitEmitter(form).emit();
}

/** Nodes a list of forms builds once (a loop's body counted once): what one pass over it bills to the render's node budget. */
function weight(nodes: readonly NodeForm[]): number {
  let n = 0;
  for (const node of nodes) n += weightOf(node);
  return n;
}

function weightOf(node: NodeForm): number {
  switch (node.t) {
    case 'text':
      return 1;
    case 'el':
      return 1 + weight(node.children) + (node.scoped ?? []).reduce((sum, s) => sum + weightOf(s.node), 0);
    case 'slot':
      return 1 + weight(node.fallback);
    case 'block':
      return weight(node.children);
    case 'if':
      return node.branches.reduce((sum, b) => sum + weightOf(b.node), 0);
    case 'for':
      return weightOf(node.node);
    default:
      return 1;
  }
}

function isSimple(node: NodeForm): boolean {
  return node.t === 'text' || node.t === 'el' || node.t === 'slot';
}

class UnitEmitter {
  private counter = 0;
  /** Unit-level `WeakMap`s of memoised loop bodies (see `pureLoopBody`). */
  private readonly memos: string[] = [];
  /** Unit-level constants: dev builds' source locations (`src` of elements), JSON each. */
  private readonly sources: string[] = [];
  private readonly bindingVars = new Map<string, string>();

  constructor(private readonly form: UnitForm) {}

  emit(): string {
    const form = this.form;
    const lines: string[] = ['function (h, env) {'];
    // SJS modules initialise when this unit is first used, not when the view loads.
    form.sjs.forEach((file, i) => lines.push(`  const m${i} = env.sjs(${JSON.stringify(file)});`));
    form.bindings.forEach((b, i) => {
      const v = `b${i}`;
      this.bindingVars.set(b.local, v);
      const value = b.exported === 'default' ? `m${b.module}?.default` : `h.sjsExport(m${b.module}, ${JSON.stringify(b.exported)})`;
      lines.push(`  const ${v} = ${value};`);
    });
    lines.push('  const T = new Map();');
    // Later imports win over earlier ones, so they are searched first.
    lines.push(`  const lookup = h.lookup(T, env, ${JSON.stringify([...form.imports].reverse())});`);
    for (const [name, nodes] of form.templates) {
      const ctx: Ctx = { data: 'D', lookup: 'lookup' };
      const body = this.genList(nodes, ctx);
      lines.push(`  T.set(${JSON.stringify(name)}, function (D) {`, `    h.it(${Math.max(1, weight(nodes))});`);
      append(lines, indent(body.pre, 2));
      lines.push(`    return ${body.expr};`, '  });');
    }
    const ctx: Ctx = { data: 'S', lookup: 'L' };
    const body = this.genList(form.body, ctx);
    for (const memo of this.memos) lines.push(`  const ${memo} = new WeakMap();`);
    this.sources.forEach((json, i) => lines.push(`  const _src${i} = ${json};`));
    lines.push('  function render(S, fb) {', `    h.it(${Math.max(1, weight(form.body))});`, '    const L = fb === undefined ? lookup : h.chain(lookup, fb);');
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

  private expr(node: ExprNode, ctx: Ctx): string {
    return generateExpression(node, this.scopeOf(ctx)).code;
  }

  /**
   * A value: a lone `{{expr}}` keeps its type, text with mustaches is a string, a bare attribute
   * is `true`. `asString` converts a lone value to text as well.
   */
  private value(v: ValueForm, ctx: Ctx, asString = false): string {
    if (v === true) return asString ? '""' : 'true';
    if (typeof v === 'string') return JSON.stringify(v);
    if ('e' in v) {
      const code = this.expr(v.e, ctx);
      return asString ? `h.t(${code})` : code;
    }
    if (v.c.length === 0) return '""';
    return v.c.map((p) => (typeof p === 'string' ? JSON.stringify(p) : `h.t(${this.expr(p.e, ctx)})`)).join(' + ');
  }

  // ---- children ---------------------------------------------------------------------------

  /** An expression for the `VNode[]` of `nodes`, plus statements to run first. */
  private genList(nodes: NodeForm[], ctx: Ctx): Generated {
    if (nodes.every(isSimple)) {
      const pre: string[] = [];
      const exprs = nodes.map((node) => {
        if (node.t === 'text') return `{ kind: "text", text: ${this.value(node.v, ctx, true)} }`;
        const g = this.genNode(node as ElementForm | SlotForm, ctx, undefined);
        append(pre, g.pre);
        return g.expr;
      });
      return { pre, expr: `[${exprs.join(', ')}]` };
    }
    const out = this.newVar('c');
    return { pre: [`const ${out} = [];`, ...this.genInto(nodes, ctx, out)], expr: out };
  }

  /** Statements that push the VNodes of `nodes` into the array `out`. */
  private genInto(nodes: NodeForm[], ctx: Ctx, out: string, blockKey?: string): string[] {
    const stmts: string[] = [];
    const elementCount = nodes.filter((n) => n.t !== 'text').length;
    let j = 0;
    for (const node of nodes) {
      if (node.t === 'text') {
        stmts.push(`${out}.push({ kind: "text", text: ${this.value(node.v, ctx, true)} });`);
        continue;
      }
      // Children of a keyed `<block a:for>` share the item's key, made unique per position.
      const key = blockKey === undefined ? undefined : elementCount > 1 ? `h.key2(${blockKey}, ${j})` : blockKey;
      const position = j++;
      if (isSimple(node)) {
        append(stmts, this.genOne(node, ctx, out, key));
        continue;
      }
      // Content that comes, goes or grows (a:if, a:for, <block>, <template is>, <include>) tags its
      // nodes with its place in the template (VElement.pos), so its siblings never shift onto each
      // other in the view's diff (which would re-create the components after it, losing their state).
      const start = this.newVar('s');
      stmts.push(`const ${start} = ${out}.length;`);
      if (node.t === 'if') append(stmts, this.genChain(node, ctx, out, key));
      else append(stmts, this.genOne(node, ctx, out, key));
      stmts.push(`h.mark(${out}, ${start}, "${position}");`);
    }
    return stmts;
  }

  /** An `a:if`/`a:elif`/`a:else` chain. */
  private genChain(chain: IfForm, ctx: Ctx, out: string, key: string | undefined): string[] {
    const stmts: string[] = [];
    chain.branches.forEach((b, i) => {
      const head = i === 0 ? 'if' : b.test !== undefined ? '} else if' : '} else';
      stmts.push(b.test !== undefined ? `${head} (${this.value(b.test, ctx)}) {` : `${head} {`);
      append(stmts, indent(this.genOne(b.node, ctx, out, key), 1));
    });
    if (chain.branches.length) stmts.push('}');
    return stmts;
  }

  /** One node with its `a:for` (and a per-item `a:if`). */
  private genOne(node: NodeForm, ctx: Ctx, out: string, key: string | undefined): string[] {
    if (node.t === 'if') return this.genChain(node, ctx, out, key);
    if (node.t === 'text') return [`${out}.push({ kind: "text", text: ${this.value(node.v, ctx, true)} });`];
    if (node.t !== 'for') return this.genBare(node, ctx, out, key);
    return this.genLoop(node, ctx, out, key);
  }

  private genLoop(loop: ForForm, ctx: Ctx, out: string, key: string | undefined): string[] {
    const list = this.value(loop.list, ctx);
    const values = this.newVar('v');
    const keys = this.newVar('k');
    const i = this.newVar('i');
    const itemVar = this.newVar('item');
    const indexVar = this.newVar('index');
    const names = new Map<string, string>([
      [loop.index, indexVar],
      [loop.item, itemVar],
    ]);
    const inner: Ctx = { ...ctx, locals: new Locals(names, ctx.locals) };
    const prologue = this.counter;
    const itemKey = loop.key === undefined ? undefined : this.loopKey(loop.key, inner, itemVar);
    const body: string[] = [];
    const content = this.genBare(loop.node, inner, out, itemKey ?? key);
    if (loop.test !== undefined) {
      body.push(`if (${this.value(loop.test, inner)}) {`);
      append(body, indent(content, 1));
      body.push('}');
    } else append(body, content);
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
      `    h.it(${Math.max(1, weightOf(loop.node))});`,
      `    const ${itemVar} = ${values}[${i}], ${indexVar} = ${keys} === null ? ${i} : ${keys}[${i}];`,
      ...indent(body, 2),
      '  }',
      '}',
    ];
  }

  /** The per-item key: a property of the item, the item itself (`*this`), or a value. */
  private loopKey(key: KeyForm, inner: Ctx, itemVar: string): string {
    if ('self' in key) return `h.key(${itemVar})`;
    if ('prop' in key) return `h.key(${itemVar}${propertyAccess(key.prop, true)})`;
    return `h.key(${this.value(key.value, inner)})`;
  }

  /** The node itself (no control attributes left to apply). */
  private genBare(node: ElementForm | SlotForm | BlockForm | TemplateCallForm | IncludeForm, ctx: Ctx, out: string, key: string | undefined): string[] {
    switch (node.t) {
      case 'block':
        return this.genInto(node.children, ctx, out, key);
      case 'tpl':
        return this.genTemplateCall(node, ctx, out);
      case 'include':
        return this.genInclude(node, ctx, out);
      default: {
        const g = this.genNode(node, ctx, key);
        return [...g.pre, `${out}.push(${g.expr});`];
      }
    }
  }

  private genTemplateCall(call: TemplateCallForm, ctx: Ctx, out: string): string[] {
    const name = typeof call.is === 'string' ? JSON.stringify(call.is) : this.value(call.is, ctx, true);
    const data = call.data === undefined ? '(void 0)' : this.expr(call.data, ctx);
    return [`h.tpl(${ctx.lookup}(${name}), ${data}, ${out});`];
  }

  private genInclude(include: IncludeForm, ctx: Ctx, out: string): string[] {
    // The included file reads the includer's data; a:for items and slot-scope names are
    // layered on top so `{{item}}` keeps working inside an included file.
    const locals = ctx.locals?.all();
    const scope =
      locals && locals.size
        ? `h.withLocals(${ctx.data}, { ${[...locals].map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')} })`
        : ctx.data;
    return [`h.inc(env.unit(${JSON.stringify(include.file)}), ${scope}, ${ctx.lookup}, ${out});`];
  }

  // ---- elements ---------------------------------------------------------------------------

  /** The VNode expression of an element or `<slot>`. */
  private genNode(node: ElementForm | SlotForm, ctx: Ctx, key: string | undefined): Generated {
    if (node.t === 'slot') return this.genSlot(node, ctx);
    if (node.key !== undefined) key = `h.key(${this.value(node.key, ctx)})`;
    // A change:attr observer (an SJS function) runs later, in a budget session of its own.
    const attrs = node.attrs.map(([name, v]) => `${JSON.stringify(name)}: ${name.startsWith('change:') ? `h.observer(${this.value(v, ctx)})` : this.value(v, ctx)}`);
    const events = (node.events ?? []).map((e) => this.eventBinding(e, ctx));
    const pre: string[] = [];
    let scoped: string | undefined;
    if (node.scoped && node.scoped.length) {
      const split = this.genScopedSlots(node.scoped, ctx);
      append(pre, split.pre);
      scoped = split.expr;
    }
    const children = this.genList(node.children, ctx);
    append(pre, children.pre);
    const fields = [`kind: "element"`, `tag: ${JSON.stringify(node.tag)}`];
    if (key !== undefined) fields.push(`key: ${key}`);
    fields.push(`attrs: { ${attrs.join(', ')} }`);
    if (events.length) fields.push(`events: [${events.join(', ')}]`);
    if (node.component !== undefined) fields.push(`component: ${JSON.stringify(node.component)}`);
    if (node.slot !== undefined) fields.push(`slot: ${this.value(node.slot, ctx, true)}`);
    if (node.ref !== undefined) fields.push(`ref: ${this.value(node.ref, ctx, true)}`);
    if (scoped !== undefined) fields.push(`scopedSlots: ${scoped}`);
    if (node.loc !== undefined) fields.push(`src: ${this.source(node.loc)}`);
    fields.push(`children: ${children.expr}`);
    return { pre, expr: `{ ${fields.join(', ')} }` };
  }

  /** A validated location as a unit constant: data only (JSON), shared by every render of the element. */
  private source(loc: SourceLocForm): string {
    const value = { file: this.form.file, line: loc.line, column: loc.column, attrs: loc.attrs.map(([name, text]) => [String(name), String(text)]) };
    this.sources.push(JSON.stringify(value));
    return `_src${this.sources.length - 1}`;
  }

  private eventBinding(e: EventForm, ctx: Ctx): string {
    const h = e.handler;
    const handler = h !== true && typeof h === 'object' && 'e' in h ? `h.handler(${this.expr(h.e, ctx)})` : this.value(h, ctx, true);
    return `{ type: ${JSON.stringify(e.type)}, attr: ${JSON.stringify(e.attr)}, handler: ${handler}, catch: ${e.catch ? 'true' : 'false'}, capture: ${e.capture ? 'true' : 'false'} }`;
  }

  private genSlot(slot: SlotForm, ctx: Ctx): Generated {
    let name = '""';
    if (slot.name !== undefined) {
      name = this.value(slot.name, ctx, true);
      // A name written with {{ }} that comes out empty names no slot: only <slot> without a name is the default one.
      if (typeof slot.name !== 'string' && slot.name !== true) name = `h.slotName(${name})`;
    }
    const props = slot.props.map(([n, v]) => `${JSON.stringify(n)}: ${this.value(v, ctx)}`);
    const fallback = this.genList(slot.fallback, ctx);
    return { pre: fallback.pre, expr: `{ kind: "slot", name: ${name}, props: { ${props.join(', ')} }, fallback: ${fallback.expr} }` };
  }

  /**
   * Children of a custom component that carry `slot-scope` become functions of the slot's props,
   * one per slot name (children for one static name share one function).
   */
  private genScopedSlots(slots: ScopedSlotForm[], ctx: Ctx): { pre: string[]; expr: string } {
    const byName = new Map<string, { name: string; isStatic: boolean; bodies: string[][] }>();
    const order: Array<{ name: string; isStatic: boolean; bodies: string[][] }> = [];
    for (const s of slots) {
      const param = this.newVar('p');
      const names = new Map<string, string>();
      if (s.param !== undefined) names.set(s.param, param);
      const inner: Ctx = { ...ctx, locals: new Locals(names, ctx.locals) };
      const nameCode = this.value(s.name, ctx, true);
      const out = this.newVar('r');
      const body = [`const ${out} = [];`];
      append(body, this.genOne(s.node, inner, out, undefined));
      body.push(`return ${out};`);
      const fn = [`h.scoped(function (${param}) {`, ...indent(body, 1), `}, ${JSON.stringify(this.form.file)})`];
      const isStatic = typeof s.name === 'string';
      const entry = isStatic ? byName.get(nameCode) : undefined;
      if (entry) {
        entry.bodies.push(fn);
      } else {
        const e = { name: nameCode, isStatic, bodies: [fn] };
        if (isStatic) byName.set(nameCode, e);
        order.push(e);
      }
    }
    const pre: string[] = [];
    const fields = order.map((e) => {
      let fnExpr: string;
      if (e.bodies.length === 1) {
        fnExpr = e.bodies[0]!.join('\n');
      } else {
        const vars = e.bodies.map((b) => {
          const v = this.newVar('s');
          pre.push(`const ${v} = ${b.join('\n')};`);
          return v;
        });
        fnExpr = `(p) => [${vars.map((v) => `...${v}(p)`).join(', ')}]`;
      }
      return `${e.isStatic ? e.name : `[${e.name}]`}: ${fnExpr}`;
    });
    return { pre, expr: `{ ${fields.join(', ')} }` };
  }
}

/** `target.push(...items)` without the engine's argument-count limit (huge templates). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function indent(lines: string[], depth: number): string[] {
  const pad = '  '.repeat(depth);
  return lines.map((l) => pad + l.replace(/\n/g, '\n' + pad));
}
