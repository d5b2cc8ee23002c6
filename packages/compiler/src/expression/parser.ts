/**
 * Recursive-descent parser for `{{ }}` expressions: JavaScript's expression grammar as real
 * templates use it (AD fw/AXML/数据绑定.md documents a subset; Alipay's own component libraries
 * also call methods on values, pass arrow functions, write template literals, regular
 * expressions, bitwise operators and braceless object literals such as `style="{{ width: w }}"`
 * or `data-item="{{ item, index }}"`).
 *
 * What the platform accepts is accepted; what mpk refuses for safety or cannot compile is named
 * with a code. Reads of `constructor`, `__proto__`, `prototype` & co. are compiled to
 * `undefined` with a warning (the guard in generated code refuses them at run time as well).
 */
import * as C from '../template/codes.ts';
import type {
  ArrayNode,
  ArrowNode,
  BinaryOperator,
  ExprNode,
  LogicalOperator,
  ObjectNode,
  ParamNode,
  PropertyNode,
  SpreadNode,
  UnaryOperator,
} from '@mpk/runtime/view-form';
import { ExpressionSyntaxError, Lexer, type Token } from './lexer.ts';
import { isReservedProperty } from '@mpk/runtime/view-form';

export interface ExpressionError {
  code: string;
  message: string;
  /** Offsets in the expression source. */
  start: number;
  end: number;
}

export interface ParseResult {
  node?: ExprNode;
  error?: ExpressionError;
  /** Accepted constructs worth a warning (a reserved property read, an empty `{{ }}`…). */
  warnings: ExpressionError[];
}

/** Nesting limit: keeps the parser and the generated code far from the call-stack limit. */
const MAX_DEPTH = 100;

/** JavaScript's binary precedences (higher binds tighter); `**` is right-associative. */
const BINARY_PRECEDENCE: Record<string, number> = {
  '??': 1,
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '===': 6,
  '!==': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  in: 7,
  instanceof: 7,
  '<<': 8,
  '>>': 8,
  '>>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  '**': 11,
};

const ASSIGNMENT = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);
const UNARY_PUNCTUATORS = new Set(['!', '-', '+', '~']);
const UNARY_KEYWORDS = new Set(['typeof', 'void', 'delete']);
/** Names that are never identifiers in an expression (`class`, `default`… are, as real templates use them). */
const EXPRESSION_KEYWORDS = new Set([
  'true', 'false', 'null', 'undefined', 'this', 'new', 'function', 'typeof', 'void', 'delete', 'in', 'instanceof',
  'import', 'super', 'yield', 'await',
]);

const OBJECT_BODY_HINTS = new Set([',', ':', '...']);

interface Saved {
  tok: Token;
  pos: number;
  depth: number;
  warnings: number;
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  private depth = 0;
  readonly warnings: ExpressionError[] = [];

  constructor(
    private readonly src: string,
    from = 0,
    to = src.length,
  ) {
    this.lexer = new Lexer(src, from, to);
    this.tok = this.lexer.next();
  }

  /**
   * The content of one `{{ }}`: an expression, or a braceless object literal (`a: 1, b`, `...x`),
   * which the docs show for `<template data>` and real apps write in `style` and `data-*`.
   */
  parseWhole(): ExprNode {
    const saved = this.save();
    let expressionError: ExpressionSyntaxError;
    try {
      const node = this.expression();
      this.expectEnd();
      return node;
    } catch (e) {
      if (!(e instanceof ExpressionSyntaxError)) throw e;
      expressionError = e;
    }
    // Only a comma, a colon or a spread where an expression cannot have one makes it an object body.
    if (!OBJECT_BODY_HINTS.has(this.src.slice(expressionError.start, expressionError.end))) throw expressionError;
    this.restore(saved);
    return this.parseObjectBody();
  }

  /** `a: 1, ...b, c` — an object literal whose braces are implied. */
  parseObjectBody(): ObjectNode {
    const start = this.tok.start;
    const properties = this.objectMembers('eof');
    return { type: 'Object', properties, start, end: this.tok.end };
  }

  // ---- tokens ---------------------------------------------------------------------------

  private save(): Saved {
    return { tok: this.tok, pos: this.lexer.position, depth: this.depth, warnings: this.warnings.length };
  }

  private restore(s: Saved): void {
    this.tok = s.tok;
    this.lexer.position = s.pos;
    this.depth = s.depth;
    this.warnings.length = s.warnings;
  }

  private expectEnd(): void {
    const t = this.tok;
    if (t.type === 'eof') return;
    this.unexpected(t);
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  private isPunct(text: string): boolean {
    return this.tok.type === 'punct' && this.tok.text === text;
  }

  private isName(text: string): boolean {
    return this.tok.type === 'name' && this.tok.text === text;
  }

  private eat(text: string): boolean {
    if (this.isPunct(text)) {
      this.advance();
      return true;
    }
    return false;
  }

  private expect(text: string): Token {
    if (!this.isPunct(text)) {
      if (this.tok.type === 'eof') this.fail(C.EXPRESSION_SYNTAX, `Expected "${text}" but the expression ended`, this.tok);
      this.fail(C.EXPRESSION_SYNTAX, `Expected "${text}" but found ${describe(this.tok)}`, this.tok);
    }
    return this.advance();
  }

  private fail(code: string, message: string, at: { start: number; end: number }): never {
    throw new ExpressionSyntaxError(code, message, at.start, at.end);
  }

  private warn(code: string, message: string, at: { start: number; end: number }): void {
    this.warnings.push({ code, message, start: at.start, end: at.end });
  }

  private unexpected(t: Token): never {
    if (t.type === 'punct') {
      if (ASSIGNMENT.has(t.text)) this.fail(C.EXPRESSION_ASSIGNMENT, 'Assignment is not allowed in templates', t);
      if (t.text === '++' || t.text === '--') this.fail(C.EXPRESSION_ASSIGNMENT, `"${t.text}" is not allowed in templates`, t);
    }
    if (t.type === 'eof') this.fail(C.EXPRESSION_SYNTAX, 'The expression ended unexpectedly', t);
    this.fail(C.EXPRESSION_SYNTAX, `Unexpected ${describe(t)}`, t);
  }

  private enter(at: { start: number; end: number }): void {
    if (++this.depth > MAX_DEPTH) this.fail(C.EXPRESSION_TOO_DEEP, 'The expression is nested too deeply', at);
  }

  // ---- expressions ----------------------------------------------------------------------

  /** An AssignmentExpression-level expression (no top-level comma): arrow function or conditional. */
  private expression(): ExprNode {
    this.enter(this.tok);
    const test = this.binary(0);
    let node = test;
    if (this.isPunct('?')) {
      this.advance();
      const consequent = this.expression();
      this.expect(':');
      const alternate = this.expression();
      node = { type: 'Conditional', test, consequent, alternate, start: test.start, end: alternate.end };
    }
    this.depth--;
    const t = this.tok;
    if (t.type === 'punct' && (ASSIGNMENT.has(t.text) || t.text === '++' || t.text === '--')) this.unexpected(t);
    return node;
  }

  private binaryOperator(): string | undefined {
    const t = this.tok;
    if (t.type === 'punct') return BINARY_PRECEDENCE[t.text] === undefined ? undefined : t.text;
    if (t.type === 'name' && (t.text === 'in' || t.text === 'instanceof')) return t.text;
    return undefined;
  }

  private binary(minPrecedence: number): ExprNode {
    let left = this.unary();
    for (;;) {
      const op = this.binaryOperator();
      if (op === undefined) break;
      const precedence = BINARY_PRECEDENCE[op]!;
      if (precedence <= minPrecedence) break;
      const t = this.advance();
      this.enter(t);
      // `a ** b ** c` is `a ** (b ** c)`.
      const right = this.binary(op === '**' ? precedence - 1 : precedence);
      this.depth--;
      if (op === '&&' || op === '||' || op === '??') {
        left = { type: 'Logical', operator: op as LogicalOperator, left, right, start: left.start, end: right.end };
      } else {
        left = { type: 'Binary', operator: op as BinaryOperator, left, right, start: left.start, end: right.end };
      }
    }
    return left;
  }

  private unary(): ExprNode {
    const t = this.tok;
    const isUnary = (t.type === 'punct' && UNARY_PUNCTUATORS.has(t.text)) || (t.type === 'name' && UNARY_KEYWORDS.has(t.text));
    if (isUnary) {
      this.advance();
      this.enter(t);
      const argument = this.unary();
      this.depth--;
      if (t.text === 'delete') {
        this.warn(C.EXPRESSION_NO_EFFECT, '"delete" in a template cannot change the data; the expression is true', t);
      }
      return { type: 'Unary', operator: t.text as UnaryOperator, argument, start: t.start, end: argument.end };
    }
    if (t.type === 'punct' && (t.text === '++' || t.text === '--')) this.unexpected(t);
    if (t.type === 'name' && t.text === 'await') this.fail(C.EXPRESSION_OPERATOR, '"await" is not supported in templates', t);
    return this.postfix(this.primary());
  }

  private postfix(node: ExprNode): ExprNode {
    let depth = 0;
    for (;;) {
      const t = this.tok;
      if (t.type === 'template') {
        this.fail(C.EXPRESSION_TEMPLATE_LITERAL, 'Tagged template literals are not supported in templates', t);
      }
      if (t.type !== 'punct') return node;
      if (++depth > MAX_DEPTH) this.fail(C.EXPRESSION_TOO_DEEP, 'The expression is nested too deeply', t);
      if (t.text === '.' || t.text === '?.') {
        this.advance();
        if (t.text === '?.' && this.isPunct('[')) {
          node = this.computedMember(node);
          continue;
        }
        if (t.text === '?.' && this.isPunct('(')) {
          node = this.call(node);
          continue;
        }
        node = this.staticMember(node, t);
      } else if (t.text === '[') {
        node = this.computedMember(node);
      } else if (t.text === '(') {
        node = this.call(node);
      } else {
        return node;
      }
    }
  }

  private staticMember(object: ExprNode, dot: Token): ExprNode {
    const name = this.tok;
    if (name.type !== 'name') {
      if (name.type === 'punct' && name.text === '#') this.fail(C.EXPRESSION_SYNTAX, 'Private names are not allowed', name);
      this.fail(C.EXPRESSION_SYNTAX, `Expected a property name after "${dot.text}"`, name.type === 'eof' ? dot : name);
    }
    this.advance();
    if (this.reservedRead(name.text, name)) return { type: 'Literal', value: undefined, start: object.start, end: name.end };
    return { type: 'Member', object, property: name.text, computed: false, start: object.start, end: name.end };
  }

  private computedMember(object: ExprNode): ExprNode {
    this.expect('[');
    const property = this.sequence(']');
    const close = this.expect(']');
    if (property.type === 'Literal' && typeof property.value === 'string' && this.reservedRead(property.value, property)) {
      return { type: 'Literal', value: undefined, start: object.start, end: close.end };
    }
    return { type: 'Member', object, property, computed: true, start: object.start, end: close.end };
  }

  private call(callee: ExprNode): ExprNode {
    this.expect('(');
    const args = this.list(')');
    const close = this.expect(')');
    return { type: 'Call', callee, args, start: callee.start, end: close.end };
  }

  /** A static read of a reserved name: warned, and read as `undefined`. */
  private reservedRead(name: string, at: { start: number; end: number }): boolean {
    if (!isReservedProperty(name)) return false;
    this.warn(C.EXPRESSION_RESERVED_PROPERTY, `"${name}" cannot be read in templates (it leads to constructors and prototypes); it reads undefined`, at);
    return true;
  }

  /** Comma-separated expressions and spreads up to (not including) `close`. */
  private list(close: string): Array<ExprNode | SpreadNode> {
    const items: Array<ExprNode | SpreadNode> = [];
    while (!this.isPunct(close)) {
      items.push(this.spreadOr());
      if (!this.eat(',')) break;
    }
    return items;
  }

  private spreadOr(): ExprNode | SpreadNode {
    const t = this.tok;
    if (t.type === 'punct' && t.text === '...') {
      this.advance();
      const argument = this.expression();
      return { type: 'Spread', argument, start: t.start, end: argument.end };
    }
    return this.expression();
  }

  /** Expressions separated by commas up to `close` (inside parentheses or brackets): a Sequence when several. */
  private sequence(close: string): ExprNode {
    const first = this.expression();
    if (!this.isPunct(',')) return first;
    const expressions = [first];
    while (this.eat(',')) {
      if (this.isPunct(close)) break;
      expressions.push(this.expression());
    }
    return { type: 'Sequence', expressions, start: first.start, end: expressions[expressions.length - 1]!.end };
  }

  private primary(): ExprNode {
    const t = this.tok;
    switch (t.type) {
      case 'num': {
        this.advance();
        const value = t.value as number;
        // `1e999` is Infinity, which JSON (the view form) cannot hold: carried as 1/0.
        if (!Number.isFinite(value)) {
          const one = { type: 'Literal', value: 1, start: t.start, end: t.end } as const;
          return { type: 'Binary', operator: '/', left: one, right: { ...one, value: 0 }, start: t.start, end: t.end };
        }
        return { type: 'Literal', value, start: t.start, end: t.end };
      }
      case 'str':
        this.advance();
        return { type: 'Literal', value: t.value as string, start: t.start, end: t.end };
      case 'template':
        this.advance();
        return this.templateLiteral(t);
      case 'name':
        return this.name(t);
      case 'punct':
        return this.punctuatorPrimary(t);
      default:
        this.unexpected(t);
    }
  }

  private templateLiteral(t: Token): ExprNode {
    const parts = t.template!;
    const expressions = parts.expressions.map((range) => {
      const inner = new Parser(this.src, range.start, range.end);
      inner.depth = this.depth;
      if (inner.tok.type === 'eof') this.fail(C.EXPRESSION_SYNTAX, 'Empty ${} in a template literal', { start: range.start - 2, end: range.end + 1 });
      const node = inner.sequence('eof');
      inner.expectEnd();
      this.warnings.push(...inner.warnings);
      return node;
    });
    return { type: 'TemplateLiteral', quasis: parts.quasis, expressions, start: t.start, end: t.end };
  }

  private name(t: Token): ExprNode {
    switch (t.text) {
      case 'true':
      case 'false':
        this.advance();
        return { type: 'Literal', value: t.text === 'true', start: t.start, end: t.end };
      case 'null':
        this.advance();
        return { type: 'Literal', value: null, start: t.start, end: t.end };
      case 'undefined':
        this.advance();
        return { type: 'Literal', value: undefined, start: t.start, end: t.end };
      case 'this':
        this.advance();
        return { type: 'This', start: t.start, end: t.end };
      case 'new':
        return this.newExpression();
      case 'function':
        this.fail(C.EXPRESSION_FUNCTION, 'Function expressions are not supported in templates; write an arrow function (x => …)', t);
      case 'import':
        this.fail(C.EXPRESSION_IMPORT, '"import" is not allowed in templates', t);
      case 'super':
      case 'yield':
        this.fail(C.EXPRESSION_SYNTAX, `"${t.text}" is not allowed in templates`, t);
      default:
        break;
    }
    if (EXPRESSION_KEYWORDS.has(t.text)) this.unexpected(t);
    this.advance();
    if (this.isPunct('=>')) return this.arrowBody([{ name: t.text, start: t.start, end: t.end }], undefined, t.start);
    if (this.reservedRead(t.text, t)) return { type: 'Literal', value: undefined, start: t.start, end: t.end };
    return { type: 'Identifier', name: t.text, start: t.start, end: t.end };
  }

  /** `new X(…)`, `new a.b[c]`, `new X` (no arguments). */
  private newExpression(): ExprNode {
    const t = this.advance();
    this.enter(t);
    let callee: ExprNode;
    if (this.isName('new')) {
      callee = this.newExpression();
    } else {
      callee = this.primary();
      for (;;) {
        if (this.isPunct('.')) callee = this.staticMember(callee, this.advance());
        else if (this.isPunct('[')) callee = this.computedMember(callee);
        else break;
      }
    }
    let args: Array<ExprNode | SpreadNode> = [];
    let end = callee.end;
    if (this.isPunct('(')) {
      this.advance();
      args = this.list(')');
      end = this.expect(')').end;
    }
    this.depth--;
    return { type: 'New', callee, args, start: t.start, end };
  }

  private punctuatorPrimary(t: Token): ExprNode {
    switch (t.text) {
      case '(': {
        const arrow = this.tryArrow();
        if (arrow) return arrow;
        this.advance();
        if (this.isPunct(')')) this.fail(C.EXPRESSION_SYNTAX, 'Empty parentheses', t);
        this.enter(t);
        const inner = this.sequence(')');
        this.depth--;
        this.expect(')');
        return inner;
      }
      case '[': {
        this.advance();
        this.enter(t);
        const elements: ArrayNode['elements'] = [];
        while (!this.isPunct(']')) {
          if (this.isPunct(',')) {
            // Elision: `[a, , b]` holds undefined.
            elements.push({ type: 'Literal', value: undefined, start: this.tok.start, end: this.tok.start });
            this.advance();
            continue;
          }
          elements.push(this.spreadOr());
          if (!this.eat(',')) break;
        }
        const close = this.expect(']');
        this.depth--;
        return { type: 'Array', elements, start: t.start, end: close.end };
      }
      case '{': {
        this.advance();
        this.enter(t);
        const properties = this.objectMembers('}');
        const close = this.expect('}');
        this.depth--;
        return { type: 'Object', properties, start: t.start, end: close.end };
      }
      case '/':
      case '/=': {
        const re = this.lexer.regExp(t.start);
        this.tok = this.lexer.next();
        return { type: 'RegExp', pattern: re.pattern, flags: re.flags, start: re.start, end: re.end };
      }
      case '...':
        this.fail(C.EXPRESSION_SYNTAX, 'Spread ("...") only works inside array or object literals and calls', t);
      default:
        this.unexpected(t);
    }
  }

  /** `(a, b = 1, ...c) => …` at a `(`; undefined (nothing consumed) when the parentheses are not a parameter list. */
  private tryArrow(): ArrowNode | undefined {
    if (!this.parenthesesThenArrow()) return undefined;
    const open = this.advance();
    const params: ParamNode[] = [];
    let rest: ParamNode | undefined;
    while (!this.isPunct(')')) {
      if (this.isPunct('...')) {
        this.advance();
        rest = this.paramName();
        break;
      }
      const param = this.paramName();
      if (this.eat('=')) {
        param.default = this.expression();
        param.end = param.default.end;
      }
      params.push(param);
      if (!this.eat(',')) break;
    }
    this.expect(')');
    return this.arrowBody(params, rest, open.start);
  }

  /** At a `(`: whether its matching `)` is followed by `=>` (looked ahead, nothing consumed). */
  private parenthesesThenArrow(): boolean {
    const saved = this.save();
    try {
      let depth = 0;
      for (;;) {
        const t = this.advance();
        if (t.type === 'eof') return false;
        if (t.type !== 'punct') continue;
        if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          depth--;
          if (depth === 0) return this.isPunct('=>');
        }
      }
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) return false;
      throw e;
    } finally {
      this.restore(saved);
    }
  }

  private paramName(): ParamNode {
    const t = this.tok;
    if (t.type === 'punct' && (t.text === '{' || t.text === '[')) {
      this.fail(C.EXPRESSION_FUNCTION, 'Destructuring parameters are not supported in template arrow functions', t);
    }
    if (t.type !== 'name' || EXPRESSION_KEYWORDS.has(t.text)) this.fail(C.EXPRESSION_SYNTAX, `Expected a parameter name, found ${describe(t)}`, t);
    if (isReservedProperty(t.text)) this.fail(C.EXPRESSION_SYNTAX, `"${t.text}" cannot be a parameter name in templates`, t);
    this.advance();
    return { name: t.text, start: t.start, end: t.end };
  }

  /** After the parameters, at `=>`: an expression body, or a block holding one `return`. */
  private arrowBody(params: ParamNode[], rest: ParamNode | undefined, start: number): ArrowNode {
    const arrow = this.expect('=>');
    this.enter(arrow);
    let body: ExprNode;
    if (this.isPunct('{')) {
      const open = this.advance();
      if (!this.isName('return')) {
        this.fail(C.EXPRESSION_FUNCTION, 'Arrow function bodies in templates must be an expression or { return … }', open);
      }
      this.advance();
      body = this.isPunct('}') || this.isPunct(';') ? { type: 'Literal', value: undefined, start: open.end, end: open.end } : this.sequence('}');
      this.eat(';');
      if (!this.isPunct('}')) {
        this.fail(C.EXPRESSION_FUNCTION, 'Arrow function bodies in templates must be an expression or { return … }', this.tok);
      }
      body = { ...body, end: this.advance().end };
    } else {
      body = this.expression();
    }
    this.depth--;
    return { type: 'Arrow', params, rest, body, start, end: body.end };
  }

  /** Object members up to `close` ('}' or the end of the expression). */
  private objectMembers(close: '}' | 'eof'): Array<PropertyNode | SpreadNode> {
    const properties: Array<PropertyNode | SpreadNode> = [];
    const atClose = () => (close === 'eof' ? this.tok.type === 'eof' : this.isPunct('}'));
    while (!atClose()) {
      const t = this.tok;
      if (t.type === 'punct' && t.text === '...') {
        this.advance();
        const argument = this.expression();
        properties.push({ type: 'Spread', argument, start: t.start, end: argument.end });
      } else {
        const property = this.property();
        if (property) properties.push(property);
      }
      if (!this.eat(',')) break;
    }
    if (close === 'eof') this.expectEnd();
    return properties;
  }

  /** One `key: value`, `key` (shorthand) or `[expr]: value`; undefined for a dropped `__proto__` key. */
  private property(): PropertyNode | undefined {
    const t = this.tok;
    if (t.type === 'punct' && t.text === '[') {
      this.advance();
      const key = this.expression();
      this.expect(']');
      this.expect(':');
      const value = this.expression();
      return { type: 'Property', key, computed: true, value, shorthand: false, start: t.start, end: value.end };
    }
    let key: string;
    if (t.type === 'name' || t.type === 'str') {
      key = t.type === 'str' ? (t.value as string) : t.text;
    } else if (t.type === 'num') {
      key = String(t.value);
    } else {
      this.unexpected(t);
    }
    this.advance();
    if (this.eat(':')) {
      const value = this.expression();
      if (key === '__proto__') {
        this.warn(C.EXPRESSION_RESERVED_PROPERTY, '"__proto__" cannot be an object key in templates; the property is dropped', t);
        return undefined;
      }
      return { type: 'Property', key, computed: false, value, shorthand: false, start: t.start, end: value.end };
    }
    if (this.isPunct('(')) this.fail(C.EXPRESSION_FUNCTION, 'Methods cannot be written in template object literals; use key: (…) => …', this.tok);
    if (t.type !== 'name') this.fail(C.EXPRESSION_SYNTAX, `Expected ":" after the key ${t.text}`, this.tok);
    if ((t.text === 'get' || t.text === 'set') && this.tok.type === 'name') {
      this.fail(C.EXPRESSION_FUNCTION, 'Getters and setters cannot be written in templates', t);
    }
    if (EXPRESSION_KEYWORDS.has(t.text)) this.fail(C.EXPRESSION_SYNTAX, `"${t.text}" cannot be used as a shorthand property`, t);
    // Shorthand `{ foo }` reads `foo` like any other name.
    if (this.reservedRead(t.text, t)) {
      return { type: 'Property', key, computed: false, value: { type: 'Literal', value: undefined, start: t.start, end: t.end }, shorthand: true, start: t.start, end: t.end };
    }
    return { type: 'Property', key, computed: false, value: { type: 'Identifier', name: t.text, start: t.start, end: t.end }, shorthand: true, start: t.start, end: t.end };
  }
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of expression';
  if (t.type === 'str') return 'string';
  if (t.type === 'template') return 'template literal';
  if (t.type === 'num') return `number ${t.text}`;
  return `"${t.text}"`;
}

type AnyNode = ExprNode | SpreadNode | PropertyNode;

/** Whether the tree is deeper than `limit` (left-associative chains like `a + a + …` nest too). */
function deeperThan(node: AnyNode, limit: number): boolean {
  if (limit < 0) return true;
  const next = limit - 1;
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'This':
    case 'RegExp':
      return false;
    case 'Member':
      return deeperThan(node.object, next) || (node.computed && deeperThan(node.property as ExprNode, next));
    case 'Call':
    case 'New':
      return deeperThan(node.callee, next) || node.args.some((a) => deeperThan(a, next));
    case 'Unary':
    case 'Spread':
      return deeperThan(node.argument, next);
    case 'Binary':
    case 'Logical':
      return deeperThan(node.left, next) || deeperThan(node.right, next);
    case 'Conditional':
      return deeperThan(node.test, next) || deeperThan(node.consequent, next) || deeperThan(node.alternate, next);
    case 'Sequence':
      return node.expressions.some((e) => deeperThan(e, next));
    case 'TemplateLiteral':
      return node.expressions.some((e) => deeperThan(e, next));
    case 'Array':
      return node.elements.some((e) => deeperThan(e, next));
    case 'Object':
      return node.properties.some((p) => deeperThan(p, next));
    case 'Property':
      return (node.computed && deeperThan(node.key as ExprNode, next)) || deeperThan(node.value, next);
    case 'Arrow':
      return node.params.some((p) => p.default !== undefined && deeperThan(p.default, next)) || deeperThan(node.body, next);
  }
}

function run(src: string, parse: (p: Parser) => ExprNode): ParseResult {
  if (src.trim() === '') {
    // `{{}}` renders nothing on the platform.
    return {
      node: { type: 'Literal', value: undefined, start: 0, end: src.length },
      warnings: [{ code: C.EXPRESSION_EMPTY, message: 'The expression is empty; it renders nothing', start: 0, end: src.length }],
    };
  }
  let parser: Parser | undefined;
  try {
    parser = new Parser(src);
    const node = parse(parser);
    // The generated JavaScript mirrors the tree; engines refuse very deep nesting.
    if (deeperThan(node, MAX_DEPTH)) {
      return { error: { code: C.EXPRESSION_TOO_DEEP, message: 'The expression is nested too deeply', start: node.start, end: node.end }, warnings: [] };
    }
    return { node, warnings: parser.warnings };
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) {
      return { error: { code: e.code, message: e.message, start: e.start, end: e.end }, warnings: [] };
    }
    // The parser is bounded (MAX_DEPTH), but a host stack overflow must still not escape.
    return { error: { code: C.EXPRESSION_TOO_DEEP, message: `The expression could not be parsed: ${String(e)}`, start: 0, end: src.length }, warnings: [] };
  }
}

/** Parses the content of one `{{ }}`. */
export function parseExpression(src: string): ParseResult {
  return run(src, (p) => p.parseWhole());
}

/** Parses `data="{{ … }}"` of `<template is>`: an object literal whose braces are implied. */
export function parseObjectBody(src: string): ParseResult {
  return run(src, (p) => p.parseObjectBody());
}
