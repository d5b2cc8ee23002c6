/**
 * AST of the `{{ }}` expression subset. Offsets (`start`/`end`) are 0-based, relative to the
 * expression source the parser was given; callers add the source's position in the file.
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

export type UnaryOperator = '!' | '-' | '+' | 'typeof';

export interface UnaryNode extends Span {
  type: 'Unary';
  operator: UnaryOperator;
  argument: ExprNode;
}

export type BinaryOperator = '*' | '/' | '%' | '+' | '-' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '===' | '!==';

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
  key: string;
  value: ExprNode;
  shorthand: boolean;
}

export interface ObjectNode extends Span {
  type: 'Object';
  properties: Array<PropertyNode | SpreadNode>;
}

export type ExprNode =
  | LiteralNode
  | IdentifierNode
  | MemberNode
  | CallNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode
  | ArrayNode
  | ObjectNode;
