/**
 * AST of `{{ }}` expressions: the JavaScript expression language real templates use (the docs
 * describe a subset; real apps and the platform's own component libraries also call methods on
 * values, pass arrow functions, write template literals, regular expressions and braceless
 * object literals). Offsets (`start`/`end`) are 0-based, relative to the expression source the
 * parser was given; callers add the source's position in the file.
 *
 * The tree is plain data (no functions, no class instances) so it can travel in a package and be
 * turned into code by whoever owns code generation.
 */

interface Span {
  start: number;
  end: number;
}

export interface LiteralNode extends Span {
  type: 'Literal';
  value: string | number | boolean | null | undefined;
}

export interface IdentifierNode extends Span {
  type: 'Identifier';
  name: string;
}

/** `this`: the render scope itself (the page's or component's data). */
export interface ThisNode extends Span {
  type: 'This';
}

export interface MemberNode extends Span {
  type: 'Member';
  object: ExprNode;
  /** Static member (`a.b`): the name. Computed member (`a[k]`): the key expression. */
  property: string | ExprNode;
  computed: boolean;
}

export interface CallNode extends Span {
  type: 'Call';
  callee: ExprNode;
  args: Array<ExprNode | SpreadNode>;
}

export interface NewNode extends Span {
  type: 'New';
  callee: ExprNode;
  args: Array<ExprNode | SpreadNode>;
}

export type UnaryOperator = '!' | '-' | '+' | '~' | 'typeof' | 'void' | 'delete';

export interface UnaryNode extends Span {
  type: 'Unary';
  operator: UnaryOperator;
  argument: ExprNode;
}

export type BinaryOperator =
  | '*' | '/' | '%' | '**' | '+' | '-'
  | '<<' | '>>' | '>>>'
  | '<' | '>' | '<=' | '>=' | 'in' | 'instanceof'
  | '==' | '!=' | '===' | '!=='
  | '&' | '^' | '|';

export interface BinaryNode extends Span {
  type: 'Binary';
  operator: BinaryOperator;
  left: ExprNode;
  right: ExprNode;
}

export type LogicalOperator = '&&' | '||' | '??';

export interface LogicalNode extends Span {
  type: 'Logical';
  operator: LogicalOperator;
  left: ExprNode;
  right: ExprNode;
}

export interface ConditionalNode extends Span {
  type: 'Conditional';
  test: ExprNode;
  consequent: ExprNode;
  alternate: ExprNode;
}

/** `(a, b)`: both evaluated, the last one is the value. */
export interface SequenceNode extends Span {
  type: 'Sequence';
  expressions: ExprNode[];
}

export interface SpreadNode extends Span {
  type: 'Spread';
  argument: ExprNode;
}

export interface ArrayNode extends Span {
  type: 'Array';
  elements: Array<ExprNode | SpreadNode>;
}

export interface PropertyNode extends Span {
  type: 'Property';
  /** The key as written (`a`, `'a-b'`, `1`), or its expression when `computed` (`[k]: v`). */
  key: string | ExprNode;
  computed: boolean;
  value: ExprNode;
  shorthand: boolean;
}

export interface ObjectNode extends Span {
  type: 'Object';
  properties: Array<PropertyNode | SpreadNode>;
}

/** `` `a${b}c` ``: `quasis` are the cooked strings around the expressions (one more than them). */
export interface TemplateLiteralNode extends Span {
  type: 'TemplateLiteral';
  quasis: string[];
  expressions: ExprNode[];
}

/** `/pattern/flags`: a new RegExp every evaluation, as in JavaScript. */
export interface RegExpNode extends Span {
  type: 'RegExp';
  pattern: string;
  flags: string;
}

export interface ParamNode extends Span {
  name: string;
  /** `(a = 1) => …` */
  default?: ExprNode;
}

/** `x => …`, `(a, b = 1, ...rest) => …`; the body is an expression (or `{ return expr; }`). */
export interface ArrowNode extends Span {
  type: 'Arrow';
  params: ParamNode[];
  rest?: ParamNode;
  body: ExprNode;
}

export type ExprNode =
  | LiteralNode
  | IdentifierNode
  | ThisNode
  | MemberNode
  | CallNode
  | NewNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode
  | SequenceNode
  | ArrayNode
  | ObjectNode
  | TemplateLiteralNode
  | RegExpNode
  | ArrowNode;
