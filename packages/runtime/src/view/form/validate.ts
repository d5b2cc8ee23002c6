/**
 * The view form is untrusted input: checked once, whole, before anything is emitted from it. A
 * form passes only when every node has exactly the shape `types.ts` describes (known node types,
 * operators from the allowed sets, strings where strings belong, bounded depth and size), so the
 * emitter never meets anything it was not written for. Failures name the path in the form.
 */
import type { ExprNode } from '../../contract/expression-ast.ts';
import { BINARY_OPERATORS, LOGICAL_OPERATORS, UNARY_OPERATORS } from './expression.ts';
import { VIEW_FORM_VERSION, type NodeForm, type UnitForm, type ViewForm } from '../../contract/view-form.ts';

export class ViewFormError extends Error {
  override name = 'ViewFormError';
}

/** Bounds of a form: far above anything the compiler produces, far below what would hurt the host. */
export const VIEW_FORM_LIMITS = {
  /** Node nesting (the compiler's AXML limit is 200 elements; control forms add levels). */
  maxNodeDepth: 600,
  /** Expression nesting (the compiler's limit is 100). */
  maxExpressionDepth: 250,
  /** Nodes and expression nodes in one form. */
  maxNodes: 2_000_000,
};

const PLAIN_OBJECT = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

class Checker {
  private count = 0;

  fail(path: string, message: string): never {
    throw new ViewFormError(`view.json: ${path}: ${message}`);
  }

  tick(path: string): void {
    if (++this.count > VIEW_FORM_LIMITS.maxNodes) this.fail(path, `more than ${VIEW_FORM_LIMITS.maxNodes} nodes`);
  }

  object(v: unknown, path: string, allowed: readonly string[], required: readonly string[] = []): Record<string, unknown> {
    if (!PLAIN_OBJECT(v)) this.fail(path, 'expected an object');
    for (const key of Object.keys(v)) if (!allowed.includes(key)) this.fail(path, `unexpected field "${key}"`);
    for (const key of required) if (!(key in v)) this.fail(path, `missing field "${key}"`);
    return v;
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'expected a string');
    return v;
  }

  bool(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, 'expected a boolean');
    return v;
  }

  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'expected an array');
    return v;
  }

  strings(v: unknown, path: string): string[] {
    return this.array(v, path).map((s, i) => this.string(s, `${path}[${i}]`));
  }

  // ---- values and expressions -----------------------------------------------------------

  value(v: unknown, path: string): void {
    if (v === true || typeof v === 'string') return;
    if (!PLAIN_OBJECT(v)) this.fail(path, 'expected a value (true, a string, { e } or { c })');
    if ('e' in v) {
      this.object(v, path, ['e'], ['e']);
      this.expr(v.e, `${path}.e`, 0);
      return;
    }
    this.object(v, path, ['c'], ['c']);
    this.array(v.c, `${path}.c`).forEach((part, i) => {
      if (typeof part === 'string') return;
      this.object(part, `${path}.c[${i}]`, ['e'], ['e']);
      this.expr((part as { e: unknown }).e, `${path}.c[${i}].e`, 0);
    });
  }

  private items(v: unknown, path: string, depth: number): void {
    this.array(v, path).forEach((item, i) => {
      if (PLAIN_OBJECT(item) && item.type === 'Spread') {
        this.object(item, `${path}[${i}]`, ['type', 'argument'], ['argument']);
        this.expr(item.argument, `${path}[${i}].argument`, depth + 1);
      } else this.expr(item, `${path}[${i}]`, depth + 1);
    });
  }

  expr(v: unknown, path: string, depth: number): asserts v is ExprNode {
    this.tick(path);
    if (depth > VIEW_FORM_LIMITS.maxExpressionDepth) this.fail(path, 'the expression is nested too deeply');
    if (!PLAIN_OBJECT(v) || typeof v.type !== 'string') this.fail(path, 'expected an expression node');
    const d = depth + 1;
    switch (v.type) {
      case 'Literal': {
        this.object(v, path, ['type', 'value']);
        const value = v.value;
        const ok = value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
        if (!ok) this.fail(path, 'a literal must be a string, a finite number, a boolean or null');
        return;
      }
      case 'Identifier':
        this.object(v, path, ['type', 'name'], ['name']);
        this.string(v.name, `${path}.name`);
        return;
      case 'This':
        this.object(v, path, ['type']);
        return;
      case 'Member':
        this.object(v, path, ['type', 'object', 'property', 'computed'], ['object', 'property', 'computed']);
        this.expr(v.object, `${path}.object`, d);
        if (this.bool(v.computed, `${path}.computed`)) this.expr(v.property, `${path}.property`, d);
        else this.string(v.property, `${path}.property`);
        return;
      case 'Call':
      case 'New':
        this.object(v, path, ['type', 'callee', 'args'], ['callee', 'args']);
        this.expr(v.callee, `${path}.callee`, d);
        this.items(v.args, `${path}.args`, d);
        return;
      case 'Unary':
        this.object(v, path, ['type', 'operator', 'argument'], ['operator', 'argument']);
        if (!UNARY_OPERATORS.has(this.string(v.operator, `${path}.operator`))) this.fail(path, `unknown operator ${JSON.stringify(v.operator)}`);
        this.expr(v.argument, `${path}.argument`, d);
        return;
      case 'Binary':
      case 'Logical': {
        this.object(v, path, ['type', 'operator', 'left', 'right'], ['operator', 'left', 'right']);
        const ops = v.type === 'Binary' ? BINARY_OPERATORS : LOGICAL_OPERATORS;
        if (!ops.has(this.string(v.operator, `${path}.operator`))) this.fail(path, `unknown operator ${JSON.stringify(v.operator)}`);
        this.expr(v.left, `${path}.left`, d);
        this.expr(v.right, `${path}.right`, d);
        return;
      }
      case 'Conditional':
        this.object(v, path, ['type', 'test', 'consequent', 'alternate'], ['test', 'consequent', 'alternate']);
        this.expr(v.test, `${path}.test`, d);
        this.expr(v.consequent, `${path}.consequent`, d);
        this.expr(v.alternate, `${path}.alternate`, d);
        return;
      case 'Sequence':
        this.object(v, path, ['type', 'expressions'], ['expressions']);
        this.array(v.expressions, `${path}.expressions`).forEach((e, i) => this.expr(e, `${path}.expressions[${i}]`, d));
        return;
      case 'Array':
        this.object(v, path, ['type', 'elements'], ['elements']);
        this.items(v.elements, `${path}.elements`, d);
        return;
      case 'Object':
        this.object(v, path, ['type', 'properties'], ['properties']);
        this.array(v.properties, `${path}.properties`).forEach((p, i) => {
          const at = `${path}.properties[${i}]`;
          if (PLAIN_OBJECT(p) && p.type === 'Spread') {
            this.object(p, at, ['type', 'argument'], ['argument']);
            this.expr(p.argument, `${at}.argument`, d);
            return;
          }
          const prop = this.object(p, at, ['type', 'key', 'computed', 'value', 'shorthand'], ['type', 'key', 'computed', 'value']);
          if (prop.type !== 'Property') this.fail(at, 'expected a Property or a Spread');
          if (this.bool(prop.computed, `${at}.computed`)) this.expr(prop.key, `${at}.key`, d);
          else this.string(prop.key, `${at}.key`);
          if (prop.shorthand !== undefined) this.bool(prop.shorthand, `${at}.shorthand`);
          this.expr(prop.value, `${at}.value`, d);
        });
        return;
      case 'TemplateLiteral': {
        this.object(v, path, ['type', 'quasis', 'expressions'], ['quasis', 'expressions']);
        const quasis = this.strings(v.quasis, `${path}.quasis`);
        const expressions = this.array(v.expressions, `${path}.expressions`);
        if (quasis.length !== expressions.length + 1) this.fail(path, 'a template literal has one more string than expressions');
        expressions.forEach((e, i) => this.expr(e, `${path}.expressions[${i}]`, d));
        return;
      }
      case 'RegExp': {
        this.object(v, path, ['type', 'pattern', 'flags'], ['pattern', 'flags']);
        const pattern = this.string(v.pattern, `${path}.pattern`);
        const flags = this.string(v.flags, `${path}.flags`);
        if (!/^[dgimsuyv]*$/.test(flags) || new Set(flags).size !== flags.length) this.fail(path, `invalid regular expression flags ${JSON.stringify(flags)}`);
        try {
          new RegExp(pattern, flags);
        } catch {
          this.fail(path, 'invalid regular expression');
        }
        return;
      }
      case 'Arrow': {
        this.object(v, path, ['type', 'params', 'rest', 'body'], ['params', 'body']);
        this.array(v.params, `${path}.params`).forEach((p, i) => {
          const param = this.object(p, `${path}.params[${i}]`, ['name', 'default'], ['name']);
          this.string(param.name, `${path}.params[${i}].name`);
          if (param.default !== undefined) this.expr(param.default, `${path}.params[${i}].default`, d);
        });
        if (v.rest !== undefined) this.string(this.object(v.rest, `${path}.rest`, ['name'], ['name']).name, `${path}.rest.name`);
        this.expr(v.body, `${path}.body`, d);
        return;
      }
      default:
        this.fail(path, `unknown expression type ${JSON.stringify(v.type)}`);
    }
  }

  // ---- nodes ------------------------------------------------------------------------------

  nodes(v: unknown, path: string, depth: number): void {
    this.array(v, path).forEach((n, i) => this.node(n, `${path}[${i}]`, depth));
  }

  private pairs(v: unknown, path: string): void {
    this.array(v, path).forEach((pair, i) => {
      const p = this.array(pair, `${path}[${i}]`);
      if (p.length !== 2) this.fail(`${path}[${i}]`, 'expected [name, value]');
      this.string(p[0], `${path}[${i}][0]`);
      this.value(p[1], `${path}[${i}][1]`);
    });
  }

  node(v: unknown, path: string, depth: number): asserts v is NodeForm {
    this.tick(path);
    if (depth > VIEW_FORM_LIMITS.maxNodeDepth) this.fail(path, 'nodes are nested too deeply');
    if (!PLAIN_OBJECT(v) || typeof v.t !== 'string') this.fail(path, 'expected a node');
    const d = depth + 1;
    switch (v.t) {
      case 'text':
        this.object(v, path, ['t', 'v'], ['v']);
        this.value(v.v, `${path}.v`);
        return;
      case 'el':
        this.element(v, path, d);
        return;
      case 'slot':
        this.object(v, path, ['t', 'name', 'props', 'fallback'], ['props', 'fallback']);
        if (v.name !== undefined) this.value(v.name, `${path}.name`);
        this.pairs(v.props, `${path}.props`);
        this.nodes(v.fallback, `${path}.fallback`, d);
        return;
      case 'block':
        this.object(v, path, ['t', 'children'], ['children']);
        this.nodes(v.children, `${path}.children`, d);
        return;
      case 'tpl':
        this.object(v, path, ['t', 'is', 'data'], ['is']);
        this.value(v.is, `${path}.is`);
        if (v.data !== undefined) this.expr(v.data, `${path}.data`, 0);
        return;
      case 'include':
        this.object(v, path, ['t', 'file'], ['file']);
        this.string(v.file, `${path}.file`);
        return;
      case 'if':
        this.object(v, path, ['t', 'branches'], ['branches']);
        this.array(v.branches, `${path}.branches`).forEach((b, i) => {
          const branch = this.object(b, `${path}.branches[${i}]`, ['test', 'node'], ['node']);
          if (branch.test !== undefined) this.value(branch.test, `${path}.branches[${i}].test`);
          this.inner(branch.node, `${path}.branches[${i}].node`, d, ['el', 'slot', 'block', 'tpl', 'include', 'for']);
        });
        return;
      case 'for': {
        this.object(v, path, ['t', 'list', 'item', 'index', 'key', 'test', 'node'], ['list', 'item', 'index', 'node']);
        this.value(v.list, `${path}.list`);
        this.string(v.item, `${path}.item`);
        this.string(v.index, `${path}.index`);
        if (v.key !== undefined) {
          const key = this.object(v.key, `${path}.key`, ['prop', 'self', 'value']);
          const kinds = Object.keys(key);
          if (kinds.length !== 1) this.fail(`${path}.key`, 'expected one of prop, self, value');
          if ('prop' in key) this.string(key.prop, `${path}.key.prop`);
          else if ('self' in key) {
            if (key.self !== true) this.fail(`${path}.key.self`, 'expected true');
          } else this.value(key.value, `${path}.key.value`);
        }
        if (v.test !== undefined) this.value(v.test, `${path}.test`);
        this.inner(v.node, `${path}.node`, d, ['el', 'slot', 'block', 'tpl', 'include']);
        return;
      }
      default:
        this.fail(path, `unknown node type ${JSON.stringify(v.t)}`);
    }
  }

  private inner(v: unknown, path: string, depth: number, kinds: readonly string[]): void {
    if (!PLAIN_OBJECT(v) || !kinds.includes(v.t as string)) this.fail(path, `expected one of ${kinds.join(', ')}`);
    this.node(v, path, depth);
  }

  private element(v: Record<string, unknown>, path: string, depth: number): void {
    this.object(v, path, ['t', 'tag', 'attrs', 'events', 'component', 'key', 'slot', 'ref', 'scoped', 'loc', 'children'], ['tag', 'attrs', 'children']);
    this.string(v.tag, `${path}.tag`);
    this.pairs(v.attrs, `${path}.attrs`);
    if (v.events !== undefined) {
      this.array(v.events, `${path}.events`).forEach((e, i) => {
        const at = `${path}.events[${i}]`;
        const ev = this.object(e, at, ['type', 'attr', 'handler', 'catch', 'capture'], ['type', 'attr', 'handler', 'catch', 'capture']);
        this.string(ev.type, `${at}.type`);
        this.string(ev.attr, `${at}.attr`);
        this.value(ev.handler, `${at}.handler`);
        this.bool(ev.catch, `${at}.catch`);
        this.bool(ev.capture, `${at}.capture`);
      });
    }
    if (v.component !== undefined) this.string(v.component, `${path}.component`);
    if (v.key !== undefined) this.value(v.key, `${path}.key`);
    if (v.slot !== undefined) this.value(v.slot, `${path}.slot`);
    if (v.ref !== undefined) this.value(v.ref, `${path}.ref`);
    if (v.loc !== undefined) this.loc(v.loc, `${path}.loc`);
    if (v.scoped !== undefined) {
      this.array(v.scoped, `${path}.scoped`).forEach((s, i) => {
        const at = `${path}.scoped[${i}]`;
        const slot = this.object(s, at, ['name', 'param', 'node'], ['name', 'node']);
        this.value(slot.name, `${at}.name`);
        if (slot.param !== undefined) this.string(slot.param, `${at}.param`);
        this.inner(slot.node, `${at}.node`, depth, ['el', 'slot', 'block', 'tpl', 'include', 'if', 'for']);
      });
    }
    this.nodes(v.children, `${path}.children`, depth);
  }

  /** A dev build's source location: numbers and strings only (the emitter writes it as JSON). */
  private loc(v: unknown, path: string): void {
    const loc = this.object(v, path, ['line', 'column', 'attrs'], ['line', 'column', 'attrs']);
    for (const field of ['line', 'column'] as const) {
      const n = loc[field];
      if (!Number.isInteger(n) || (n as number) < 0) this.fail(`${path}.${field}`, 'expected a non-negative integer');
    }
    this.array(loc.attrs, `${path}.attrs`).forEach((pair, i) => {
      const p = this.array(pair, `${path}.attrs[${i}]`);
      if (p.length !== 2) this.fail(`${path}.attrs[${i}]`, 'expected [name, text]');
      this.string(p[0], `${path}.attrs[${i}][0]`);
      this.string(p[1], `${path}.attrs[${i}][1]`);
    });
  }

  unit(v: unknown, path: string, sjsFiles: ReadonlySet<string>): asserts v is UnitForm {
    const u = this.object(v, path, ['file', 'sjs', 'bindings', 'imports', 'templates', 'body'], ['file', 'sjs', 'bindings', 'imports', 'templates', 'body']);
    this.string(u.file, `${path}.file`);
    const sjs = this.strings(u.sjs, `${path}.sjs`);
    for (const file of sjs) if (!sjsFiles.has(file)) this.fail(`${path}.sjs`, `SJS module ${JSON.stringify(file)} is not in the form`);
    this.array(u.bindings, `${path}.bindings`).forEach((b, i) => {
      const at = `${path}.bindings[${i}]`;
      const binding = this.object(b, at, ['local', 'module', 'exported'], ['local', 'module', 'exported']);
      this.string(binding.local, `${at}.local`);
      this.string(binding.exported, `${at}.exported`);
      if (!Number.isInteger(binding.module) || (binding.module as number) < 0 || (binding.module as number) >= sjs.length) {
        this.fail(`${at}.module`, 'expected the index of one of the unit\'s SJS modules');
      }
    });
    this.strings(u.imports, `${path}.imports`);
    this.array(u.templates, `${path}.templates`).forEach((t, i) => {
      const pair = this.array(t, `${path}.templates[${i}]`);
      if (pair.length !== 2) this.fail(`${path}.templates[${i}]`, 'expected [name, nodes]');
      this.string(pair[0], `${path}.templates[${i}][0]`);
      this.nodes(pair[1], `${path}.templates[${i}][1]`, 0);
    });
    this.nodes(u.body, `${path}.body`, 0);
  }
}

/** Checks a parsed `view.json` whole; throws `ViewFormError` naming the first problem. */
export function validateViewForm(candidate: unknown): ViewForm {
  const c: Checker = new Checker();
  const form = c.object(candidate, 'form', ['format', 'entries', 'units', 'sjs'], ['format', 'entries', 'units', 'sjs']);
  if (form.format !== VIEW_FORM_VERSION) {
    c.fail('format', `unsupported view form ${JSON.stringify(form.format)} (this runtime reads format ${VIEW_FORM_VERSION}); rebuild the package`);
  }
  const sjsFiles = new Set<string>();
  c.array(form.sjs, 'sjs').forEach((m, i) => {
    const mod = c.object(m, `sjs[${i}]`, ['file', 'source', 'imports'], ['file', 'source', 'imports']);
    const file = c.string(mod.file, `sjs[${i}].file`);
    if (sjsFiles.has(file)) c.fail(`sjs[${i}].file`, `module ${JSON.stringify(file)} appears twice`);
    sjsFiles.add(file);
    c.string(mod.source, `sjs[${i}].source`);
    const imports = c.object(mod.imports, `sjs[${i}].imports`, Object.keys(PLAIN_OBJECT(mod.imports) ? mod.imports : {}));
    for (const [request, target] of Object.entries(imports)) c.string(target, `sjs[${i}].imports[${JSON.stringify(request)}]`);
  });
  const unitFiles = new Set<string>();
  c.array(form.units, 'units').forEach((u: unknown, i) => {
    c.unit(u, `units[${i}]`, sjsFiles);
    if (unitFiles.has(u.file)) c.fail(`units[${i}].file`, `unit ${JSON.stringify(u.file)} appears twice`);
    unitFiles.add(u.file);
  });
  c.array(form.entries, 'entries').forEach((e, i) => {
    const pair = c.array(e, `entries[${i}]`);
    if (pair.length !== 2) c.fail(`entries[${i}]`, 'expected [template id, file]');
    c.string(pair[0], `entries[${i}][0]`);
    if (!unitFiles.has(c.string(pair[1], `entries[${i}][1]`))) c.fail(`entries[${i}][1]`, `no unit for ${JSON.stringify(pair[1])}`);
  });
  return candidate as ViewForm;
}
