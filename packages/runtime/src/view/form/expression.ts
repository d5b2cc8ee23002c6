/**
 * Expression AST → JavaScript source.
 *
 * Every identifier in the output is one the generator chose: the data scope variable, variables
 * the template declared (`a:for` items, `slot-scope`), SJS bindings, arrow parameters (renamed to
 * fresh variables) and the prelude helper object `h`. Names the author wrote only ever appear as
 * string literals or property names, so `{{ window }}` is a data lookup and never a host global.
 * Everything that can reach a function goes through a guard that knows the receiver:
 *
 *   a[k]          → h.g(a, k)            reserved keys and inherited accessors read nothing
 *   a.b(x)        → h.call(a, "b", [x])  null-safe; array mutators work on a copy; bounded results
 *   f(x)          → h.fn(f, [x], "f")    the same policies, `this` undefined
 *   new D(x)      → h.nw(D, [x])          only the template globals Date and RegExp construct
 *   Math          → h.gv(S, "Math")       data first, then a frozen copy of the platform global
 *   `a${b}`       → ("a" + h.str(b))
 *   /x/g          → h.re("x", "g")
 */
import type { BinaryOperator, ExprNode, LogicalOperator, SpreadNode, UnaryOperator } from '../../contract/expression-ast.ts';
import { isTemplateGlobal } from './globals.ts';
import { isReservedProperty } from './reserved.ts';
import { NATIVE_METHOD_NAMES } from './natives.ts';

/**
 * Operators as they are written into the code: only these, whatever a (validated) tree says, so
 * an operator field can never smuggle text into the output.
 */
export const BINARY_OPERATORS: ReadonlySet<string> = new Set<BinaryOperator>([
  '*', '/', '%', '**', '+', '-', '<<', '>>', '>>>', '<', '>', '<=', '>=', 'in', 'instanceof', '==', '!=', '===', '!==', '&', '^', '|',
]);
export const LOGICAL_OPERATORS: ReadonlySet<string> = new Set<LogicalOperator>(['&&', '||', '??']);
/** Binary operators that convert their operands to primitives (an array through its text). */
const CONVERTING_BINARY: ReadonlySet<string> = new Set(['==', '!=', '<', '>', '<=', '>=', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '>>>', 'in']);

export const UNARY_OPERATORS: ReadonlySet<string> = new Set<UnaryOperator>(['!', '-', '+', '~', 'typeof', 'void', 'delete']);

function operator(set: ReadonlySet<string>, op: string): string {
  if (!set.has(op)) throw new TypeError(`not an expression operator: ${JSON.stringify(op)}`);
  return op;
}

export type Binding = { kind: 'local' | 'sjs'; js: string };

export interface ExprScope {
  /** JS name of the render scope (data) object. */
  readonly dataVar: string;
  /** A name declared by the template (loop item, slot-scope) or bound by `<import-sjs>`. */
  lookup(name: string): Binding | undefined;
  /** A fresh JS variable name (arrow parameters); the template generator's own counter when given. */
  newVar?(prefix: string): string;
}

const SIMPLE_JS_NAME = /^[A-Za-z_$][\w$]*$/;

/** `obj.name` or `obj["name"]`: property syntax that works for any string. */
export function propertyAccess(name: string, optional: boolean): string {
  if (SIMPLE_JS_NAME.test(name)) return `${optional ? '?.' : '.'}${name}`;
  return `${optional ? '?.' : ''}[${JSON.stringify(name)}]`;
}

export function literal(value: string | number | boolean | null | undefined): string {
  if (value === undefined) return '(void 0)';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '(0/0)';
    if (!Number.isFinite(value)) return value > 0 ? '(1/0)' : '(-1/0)';
    return value < 0 || Object.is(value, -0) ? `(${value === 0 ? '-0' : String(value)})` : String(value);
  }
  return JSON.stringify(value);
}

let standaloneCounter = 0;

class Generator {
  /** Arrow parameters in scope, innermost last: author name → generated variable. */
  private readonly params: Array<Map<string, string>> = [];

  constructor(private readonly scope: ExprScope) {}

  private fresh(prefix: string): string {
    return this.scope.newVar ? this.scope.newVar(prefix) : `_${prefix}${++standaloneCounter}`;
  }

  private param(name: string): string | undefined {
    for (let i = this.params.length - 1; i >= 0; i--) {
      const v = this.params[i]!.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  gen(node: ExprNode): string {
    switch (node.type) {
      case 'Literal':
        return literal(node.value);
      case 'This':
        return this.scope.dataVar;
      case 'Identifier':
        // Reserved names never become reads (the compiler turns them into `undefined`; a tampered
        // form that still carries one reads nothing either).
        return isReservedProperty(node.name) ? '(void 0)' : this.identifier(node.name);
      case 'Member':
        if (node.computed) return `h.g(${this.gen(node.object)}, ${this.gen(node.property as ExprNode)})`;
        if (isReservedProperty(node.property as string)) return '(void 0)';
        // A host method read as a value (not called) is handed out as the prelude's stand-in.
        if (NATIVE_METHOD_NAMES.has(node.property as string)) return `h.vv(${this.gen(node.object)}${propertyAccess(node.property as string, true)})`;
        return this.gen(node.object) + propertyAccess(node.property as string, true);
      case 'Call':
        return this.call(node.callee, node.args);
      case 'New':
        return `h.nw(${this.gen(node.callee)}, ${this.args(node.args)})`;
      case 'Unary': {
        const op = operator(UNARY_OPERATORS, node.operator);
        if (op === 'delete') return `(${this.gen(node.argument)}, true)`;
        if (op === 'typeof' || op === 'void') return `(${op} ${this.gen(node.argument)})`;
        // `-a`, `+a`, `~a` convert: an array operand's text is measured first (h.p).
        if (op !== '!') return `(${op}${this.primitive(node.argument)})`;
        return `(${op}${this.gen(node.argument)})`;
      }
      case 'Binary':
        // `+` measures an array operand's text first (arrays nested twice per level are exponential text).
        if (node.operator === '+') return `h.add(${this.gen(node.left)}, ${this.gen(node.right)})`;
        if (CONVERTING_BINARY.has(node.operator)) {
          // Operators that convert their operands (`a == 'x'`, `a < b`, `k in o`: its key only) measure an array first.
          const right = node.operator === 'in' ? this.gen(node.right) : this.primitive(node.right);
          return `(${this.primitive(node.left)} ${operator(BINARY_OPERATORS, node.operator)} ${right})`;
        }
        return `(${this.gen(node.left)} ${operator(BINARY_OPERATORS, node.operator)} ${this.gen(node.right)})`;
      case 'Logical':
        return `(${this.gen(node.left)} ${operator(LOGICAL_OPERATORS, node.operator)} ${this.gen(node.right)})`;
      case 'Conditional':
        return `(${this.gen(node.test)} ? ${this.gen(node.consequent)} : ${this.gen(node.alternate)})`;
      case 'Sequence':
        return `(${node.expressions.map((e) => this.gen(e)).join(', ')})`;
      case 'Array':
        return `[${node.elements.map((e) => this.item(e)).join(', ')}]`;
      case 'Object':
        return `({${node.properties
          .filter((p) => p.type === 'Spread' || p.computed || p.key !== '__proto__')
          .map((p) => {
            if (p.type === 'Spread') return `...${this.gen(p.argument)}`;
            // A computed `__proto__` key defines an own property (it never sets the prototype).
            const key = p.computed ? `[${this.gen(p.key as ExprNode)}]` : JSON.stringify(p.key);
            return `${key}: ${this.gen(p.value)}`;
          })
          .join(', ')}})`;
      case 'TemplateLiteral': {
        const parts: string[] = [];
        node.quasis.forEach((q, i) => {
          if (q !== '' || i === 0) parts.push(JSON.stringify(q));
          const e = node.expressions[i];
          if (e) parts.push(`h.str(${this.gen(e)})`);
        });
        return `(${parts.join(' + ')})`;
      }
      case 'RegExp':
        return `h.re(${JSON.stringify(node.pattern)}, ${JSON.stringify(node.flags)})`;
      case 'Arrow': {
        const names = new Map<string, string>();
        const list: string[] = [];
        // Defaults see the parameters before them, as in JavaScript.
        this.params.push(names);
        for (const p of node.params) {
          const v = this.fresh('a');
          const def = p.default ? ` = ${this.gen(p.default)}` : '';
          names.set(p.name, v);
          list.push(v + def);
        }
        if (node.rest) {
          const v = this.fresh('a');
          names.set(node.rest.name, v);
          list.push(`...${v}`);
        }
        const body = this.gen(node.body);
        this.params.pop();
        // Every call of a template's arrow function is a step of the render's budget.
        return `((${list.join(', ')}) => (h.tk(), ${body}))`;
      }
    }
  }

  private identifier(name: string): string {
    const param = this.param(name);
    if (param !== undefined) return param;
    const b = this.scope.lookup(name);
    if (b) return b.js;
    if (isTemplateGlobal(name)) return `h.gv(${this.scope.dataVar}, ${JSON.stringify(name)})`;
    return this.scope.dataVar + propertyAccess(name, false);
  }

  /** An operand an operator converts to a primitive: measured (h.p) unless it is one already. */
  private primitive(node: ExprNode): string {
    if (node.type === 'Literal' || node.type === 'TemplateLiteral' || node.type === 'Binary' || node.type === 'Unary') return this.gen(node);
    return `h.p(${this.gen(node)})`;
  }

  private item(node: ExprNode | SpreadNode): string {
    return node.type === 'Spread' ? `...${this.gen(node.argument)}` : this.gen(node);
  }

  private args(args: Array<ExprNode | SpreadNode>): string {
    return `[${args.map((a) => this.item(a)).join(', ')}]`;
  }

  private call(callee: ExprNode, args: Array<ExprNode | SpreadNode>): string {
    if (callee.type === 'Member') {
      const key = callee.computed ? this.gen(callee.property as ExprNode) : JSON.stringify(callee.property);
      return `h.call(${this.gen(callee.object)}, ${key}, ${this.args(args)})`;
    }
    return `h.fn(${this.gen(callee)}, ${this.args(args)}, ${JSON.stringify(describeCallee(callee))})`;
  }
}

function describeCallee(node: ExprNode): string {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'Member': {
      const obj = describeCallee(node.object);
      return node.computed ? `${obj}[…]` : `${obj}.${node.property as string}`;
    }
    case 'Call':
      return `${describeCallee(node.callee)}(…)`;
    case 'Arrow':
      return 'arrow function';
    default:
      return 'expression';
  }
}

export interface GeneratedExpression {
  code: string;
}

/** The JavaScript of a (validated) expression tree in `scope`. */
export function generateExpression(node: ExprNode, scope: ExprScope): GeneratedExpression {
  return { code: new Generator(scope).gen(node) };
}

/** True when the expression's value is the same on every render (no names, no calls). */
export function isConstant(node: ExprNode): boolean {
  switch (node.type) {
    case 'Literal':
      return true;
    case 'Unary':
      return node.operator !== 'delete' && isConstant(node.argument);
    case 'Binary':
    case 'Logical':
      return isConstant(node.left) && isConstant(node.right);
    case 'Conditional':
      return isConstant(node.test) && isConstant(node.consequent) && isConstant(node.alternate);
    case 'Sequence':
    case 'TemplateLiteral':
      return node.expressions.every(isConstant);
    default:
      return false;
  }
}
