/**
 * Expression AST → JavaScript source. The output only touches: the data scope variable, local
 * variables the template declared (`a:for` items, `slot-scope`), SJS bindings, and the prelude
 * helper object `h` (`h.g` guarded dynamic read, `h.callk` guarded dynamic call). No other free
 * name is ever emitted, so `{{ window }}` is a data lookup and never a host global.
 */
import { EXPRESSION_CALL } from '../template/codes.ts';
import type { ExprNode, SpreadNode } from './ast.ts';
import type { ExpressionError } from './parser.ts';

export type Binding = { kind: 'local' | 'sjs'; js: string };

export interface ExprScope {
  /** JS name of the render scope (data) object. */
  readonly dataVar: string;
  /** A name declared by the template (loop item, slot-scope) or bound by `<import-sjs>`. */
  lookup(name: string): Binding | undefined;
}

const SIMPLE_JS_NAME = /^[A-Za-z_$][\w$]*$/;

/** `obj.name` or `obj["name"]`: property syntax that works for any string. */
export function propertyAccess(name: string, optional: boolean): string {
  if (SIMPLE_JS_NAME.test(name)) return `${optional ? '?.' : '.'}${name}`;
  return `${optional ? '?.' : ''}[${JSON.stringify(name)}]`;
}

export function literal(value: string | number | boolean | null | undefined): string {
  if (value === undefined) return '(void 0)';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '(1/0)';
  return JSON.stringify(value);
}

class Generator {
  readonly errors: ExpressionError[] = [];

  constructor(private readonly scope: ExprScope) {}

  gen(node: ExprNode): string {
    switch (node.type) {
      case 'Literal':
        return literal(node.value);
      case 'Identifier': {
        const b = this.scope.lookup(node.name);
        return b ? b.js : this.scope.dataVar + propertyAccess(node.name, false);
      }
      case 'Member':
        if (node.computed) return `h.g(${this.gen(node.object)}, ${this.gen(node.property as ExprNode)})`;
        return this.gen(node.object) + propertyAccess(node.property as string, true);
      case 'Call':
        return this.call(node.callee, node.args, node);
      case 'Unary':
        return node.operator === 'typeof' ? `(typeof ${this.gen(node.argument)})` : `(${node.operator}${this.gen(node.argument)})`;
      case 'Binary':
      case 'Logical':
        return `(${this.gen(node.left)} ${node.operator} ${this.gen(node.right)})`;
      case 'Conditional':
        return `(${this.gen(node.test)} ? ${this.gen(node.consequent)} : ${this.gen(node.alternate)})`;
      case 'Array':
        return `[${node.elements.map((e) => this.item(e)).join(', ')}]`;
      case 'Object':
        return `({${node.properties
          .map((p) => (p.type === 'Spread' ? `...${this.gen(p.argument)}` : `${JSON.stringify(p.key)}: ${this.gen(p.value)}`))
          .join(', ')}})`;
    }
  }

  private item(node: ExprNode | SpreadNode): string {
    return node.type === 'Spread' ? `...${this.gen(node.argument)}` : this.gen(node);
  }

  private call(callee: ExprNode, args: Array<ExprNode | SpreadNode>, at: ExprNode): string {
    const root = rootOf(callee);
    const binding = root ? this.scope.lookup(root.name) : undefined;
    if (!root || binding?.kind !== 'sjs') {
      this.errors.push({
        code: EXPRESSION_CALL,
        message: root
          ? `"${describeCallee(callee)}" is not an SJS function: only functions bound with <import-sjs> can be called in templates`
          : 'Only functions bound with <import-sjs> can be called in templates',
        start: at.start,
        end: at.end,
      });
      return '(void 0)';
    }
    const argList = args.map((a) => this.item(a)).join(', ');
    if (callee.type === 'Member' && callee.computed) {
      return `h.callk(${this.gen(callee.object)}, ${this.gen(callee.property as ExprNode)}, [${argList}])`;
    }
    return `${this.gen(callee)}(${argList})`;
  }
}

/** The identifier a member chain starts from (`m` of `m.a.b`), if it starts from one. */
function rootOf(node: ExprNode): { name: string } | undefined {
  let n = node;
  while (n.type === 'Member') n = n.object;
  return n.type === 'Identifier' ? n : undefined;
}

function describeCallee(node: ExprNode): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Member') {
    const obj = describeCallee(node.object);
    return node.computed ? `${obj}[…]` : `${obj}.${node.property as string}`;
  }
  return '…';
}

export interface GeneratedExpression {
  code: string;
  errors: ExpressionError[];
}

export function generateExpression(node: ExprNode, scope: ExprScope): GeneratedExpression {
  const g = new Generator(scope);
  const code = g.gen(node);
  return { code, errors: g.errors };
}

/** True when the expression's value is the same on every render (no names, no calls). */
export function isConstant(node: ExprNode): boolean {
  switch (node.type) {
    case 'Literal':
      return true;
    case 'Unary':
      return isConstant(node.argument);
    case 'Binary':
    case 'Logical':
      return isConstant(node.left) && isConstant(node.right);
    case 'Conditional':
      return isConstant(node.test) && isConstant(node.consequent) && isConstant(node.alternate);
    default:
      return false;
  }
}
