/**
 * Recursive-descent parser for the documented `{{ }}` subset (AD fw/AXML/数据绑定.md): literals,
 * names, member access, `! - + typeof`, arithmetic, comparisons, `&& || ??`, `?:`, array and
 * object literals (shorthand, spread) and calls. Everything else JavaScript has is refused with a
 * code that names it, never evaluated.
 */
import * as C from '../template/codes.ts';
import type {
  ArrayNode,
  BinaryOperator,
  ExprNode,
  LogicalOperator,
  ObjectNode,
  PropertyNode,
  SpreadNode,
} from './ast.ts';
import { ExpressionSyntaxError, Lexer, type Token } from './lexer.ts';
import { isReservedProperty } from './reserved.ts';

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
}

/** Nesting limit: keeps the parser and the generated code far from the call-stack limit. */
const MAX_DEPTH = 100;

const BINARY_PRECEDENCE: Record<string, number> = {
  '??': 1,
  '||': 1,
  '&&': 2,
  '==': 6,
  '!=': 6,
  '===': 6,
  '!==': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};

const ASSIGNMENT = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);
const UNSUPPORTED_BINARY = new Set(['&', '|', '^', '<<', '>>', '>>>', '**']);
const UNSUPPORTED_KEYWORD_OPERATORS = new Set(['in', 'instanceof']);

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  private depth = 0;

  constructor(src: string) {
    this.lexer = new Lexer(src);
    this.tok = this.lexer.next();
  }

  parseWhole(): ExprNode {
    const node = this.expression();
    this.expectEnd();
    return node;
  }

  /** `a: 1, ...b, c` — the content of `data="{{ … }}"` on `<template is>`, braces implied. */
  parseObjectBody(): ObjectNode {
    const start = this.tok.start;
    const properties = this.objectMembers('eof');
    return { type: 'Object', properties, start, end: this.tok.end };
  }

  private expectEnd(): void {
    const t = this.tok;
    if (t.type === 'eof') return;
    if (t.type === 'punct' && t.text === ',') {
      this.fail(C.EXPRESSION_SEQUENCE, 'Comma sequences are not allowed in templates', t);
    }
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

  private unexpected(t: Token): never {
    if (t.type === 'punct') {
      if (ASSIGNMENT.has(t.text)) this.fail(C.EXPRESSION_ASSIGNMENT, 'Assignment is not allowed in templates', t);
      if (t.text === '++' || t.text === '--') this.fail(C.EXPRESSION_ASSIGNMENT, `"${t.text}" is not allowed in templates`, t);
      if (t.text === '=>') this.fail(C.EXPRESSION_FUNCTION, 'Arrow functions cannot be written in templates', t);
      if (t.text === '`') this.fail(C.EXPRESSION_TEMPLATE_LITERAL, 'Template literals are not allowed in templates', t);
      if (UNSUPPORTED_BINARY.has(t.text) || t.text === '~') {
        this.fail(C.EXPRESSION_OPERATOR, `The "${t.text}" operator is not supported in templates`, t);
      }
    }
    if (t.type === 'name' && UNSUPPORTED_KEYWORD_OPERATORS.has(t.text)) {
      this.fail(C.EXPRESSION_OPERATOR, `The "${t.text}" operator is not supported in templates`, t);
    }
    if (t.type === 'eof') this.fail(C.EXPRESSION_SYNTAX, 'The expression ended unexpectedly', t);
    this.fail(C.EXPRESSION_SYNTAX, `Unexpected ${describe(t)}`, t);
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_DEPTH) this.fail(C.EXPRESSION_TOO_DEEP, 'The expression is nested too deeply', at);
  }

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
    if (t.type === 'punct' && (ASSIGNMENT.has(t.text) || t.text === '=>' || t.text === '++' || t.text === '--')) this.unexpected(t);
    return node;
  }

  private binary(minPrecedence: number): ExprNode {
    let left = this.unary();
    for (;;) {
      const t = this.tok;
      if (t.type === 'name' && UNSUPPORTED_KEYWORD_OPERATORS.has(t.text)) this.unexpected(t);
      if (t.type !== 'punct') break;
      if (UNSUPPORTED_BINARY.has(t.text)) this.unexpected(t);
      if (t.text === '`') this.unexpected(t);
      const precedence = BINARY_PRECEDENCE[t.text];
      if (precedence === undefined || precedence <= minPrecedence) break;
      this.advance();
      this.enter(t);
      const right = this.binary(precedence);
      this.depth--;
      if (t.text === '&&' || t.text === '||' || t.text === '??') {
        left = { type: 'Logical', operator: t.text as LogicalOperator, left, right, start: left.start, end: right.end };
      } else {
        left = { type: 'Binary', operator: t.text as BinaryOperator, left, right, start: left.start, end: right.end };
      }
    }
    return left;
  }

  private unary(): ExprNode {
    const t = this.tok;
    if (t.type === 'punct' && (t.text === '!' || t.text === '-' || t.text === '+')) {
      this.advance();
      this.enter(t);
      const argument = this.unary();
      this.depth--;
      return { type: 'Unary', operator: t.text, argument, start: t.start, end: argument.end };
    }
    if (t.type === 'name' && t.text === 'typeof') {
      this.advance();
      this.enter(t);
      const argument = this.unary();
      this.depth--;
      return { type: 'Unary', operator: 'typeof', argument, start: t.start, end: argument.end };
    }
    if (t.type === 'punct' && (t.text === '++' || t.text === '--' || t.text === '~')) this.unexpected(t);
    if (t.type === 'name' && (t.text === 'delete' || t.text === 'void' || t.text === 'await')) {
      this.fail(C.EXPRESSION_OPERATOR, `The "${t.text}" operator is not supported in templates`, t);
    }
    return this.postfix(this.primary());
  }

  private postfix(node: ExprNode): ExprNode {
    let depth = 0;
    for (;;) {
      const t = this.tok;
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
        const name = this.tok;
        if (name.type !== 'name') {
          if (name.type === 'punct' && name.text === '#') this.fail(C.EXPRESSION_SYNTAX, 'Private names are not allowed', name);
          this.fail(C.EXPRESSION_SYNTAX, `Expected a property name after "${t.text}"`, name.type === 'eof' ? t : name);
        }
        this.advance();
        this.checkProperty(name.text, name);
        node = { type: 'Member', object: node, property: name.text, computed: false, start: node.start, end: name.end };
      } else if (t.text === '[') {
        node = this.computedMember(node);
      } else if (t.text === '(') {
        node = this.call(node);
      } else if (t.text === '`') {
        this.fail(C.EXPRESSION_TEMPLATE_LITERAL, 'Tagged template literals are not allowed in templates', t);
      } else {
        return node;
      }
    }
  }

  private computedMember(object: ExprNode): ExprNode {
    this.expect('[');
    const property = this.expression();
    const close = this.expect(']');
    if (property.type === 'Literal' && typeof property.value === 'string') this.checkProperty(property.value, property);
    return { type: 'Member', object, property, computed: true, start: object.start, end: close.end };
  }

  private call(callee: ExprNode): ExprNode {
    this.expect('(');
    const args = this.list(')');
    const close = this.expect(')');
    return { type: 'Call', callee, args, start: callee.start, end: close.end };
  }

  private checkProperty(name: string, at: { start: number; end: number }): void {
    if (isReservedProperty(name)) {
      this.fail(C.EXPRESSION_RESERVED_PROPERTY, `Access to "${name}" is not allowed in templates`, at);
    }
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

  private primary(): ExprNode {
    const t = this.tok;
    switch (t.type) {
      case 'num':
        this.advance();
        return { type: 'Literal', value: t.value as number, start: t.start, end: t.end };
      case 'str':
        this.advance();
        return { type: 'Literal', value: t.value as string, start: t.start, end: t.end };
      case 'name':
        return this.name(t);
      case 'punct':
        return this.punctuatorPrimary(t);
      default:
        this.unexpected(t);
    }
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
        this.fail(C.EXPRESSION_THIS, '"this" is not available in templates', t);
      case 'new':
        this.fail(C.EXPRESSION_NEW, '"new" is not allowed in templates', t);
      case 'function':
      case 'class':
      case 'async':
        this.fail(C.EXPRESSION_FUNCTION, `"${t.text}" cannot be written in templates`, t);
      case 'import':
        this.fail(C.EXPRESSION_IMPORT, '"import" is not allowed in templates', t);
      case 'super':
      case 'yield':
        this.fail(C.EXPRESSION_SYNTAX, `"${t.text}" is not allowed in templates`, t);
      default:
        break;
    }
    this.advance();
    if (isReservedProperty(t.text)) {
      this.fail(C.EXPRESSION_RESERVED_PROPERTY, `Access to "${t.text}" is not allowed in templates`, t);
    }
    if (this.isPunct('=>')) this.unexpected(this.tok);
    return { type: 'Identifier', name: t.text, start: t.start, end: t.end };
  }

  private punctuatorPrimary(t: Token): ExprNode {
    switch (t.text) {
      case '(': {
        this.advance();
        if (this.isPunct(')')) {
          this.advance();
          if (this.isPunct('=>')) this.unexpected(this.tok);
          this.fail(C.EXPRESSION_SYNTAX, 'Empty parentheses', t);
        }
        this.enter(t);
        const inner = this.expression();
        this.depth--;
        if (this.isPunct(',')) this.fail(C.EXPRESSION_SEQUENCE, 'Comma sequences are not allowed in templates', this.tok);
        this.expect(')');
        if (this.isPunct('=>')) this.unexpected(this.tok);
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
      case '/=':
        this.fail(C.EXPRESSION_REGEXP, 'Regular expression literals are not allowed in templates', t);
      case '`':
      case '=>':
      case '++':
      case '--':
      case '~':
        this.unexpected(t);
      case '...':
        this.fail(C.EXPRESSION_SYNTAX, 'Spread ("...") only works inside array or object literals and SJS calls', t);
      default:
        this.unexpected(t);
    }
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
        properties.push(this.property());
      }
      if (!this.eat(',')) break;
    }
    if (close === 'eof') this.expectEnd();
    return properties;
  }

  private property(): PropertyNode {
    const t = this.tok;
    let key: string;
    if (t.type === 'name' || t.type === 'str') {
      key = t.type === 'str' ? (t.value as string) : t.text;
    } else if (t.type === 'num') {
      key = String(t.value);
    } else if (t.type === 'punct' && t.text === '[') {
      this.fail(C.EXPRESSION_COMPUTED_KEY, 'Computed keys in object literals are not supported in templates', t);
    } else {
      this.unexpected(t);
    }
    if (key === '__proto__') {
      this.fail(C.EXPRESSION_RESERVED_PROPERTY, '"__proto__" cannot be used as an object key in templates', t);
    }
    this.advance();
    if (this.eat(':')) {
      const value = this.expression();
      return { type: 'Property', key, value, shorthand: false, start: t.start, end: value.end };
    }
    if (this.isPunct('(')) this.fail(C.EXPRESSION_FUNCTION, 'Methods cannot be written in templates', this.tok);
    if (t.type !== 'name' || t.text === 'get' || t.text === 'set') {
      if (t.type === 'name' && this.tok.type === 'name') {
        this.fail(C.EXPRESSION_FUNCTION, 'Getters and setters cannot be written in templates', t);
      }
      if (t.type !== 'name') this.fail(C.EXPRESSION_SYNTAX, `Expected ":" after the key ${t.text}`, this.tok);
    }
    // Shorthand `{ foo }` reads `foo` like any other name.
    const value = this.nameAsShorthand(t);
    return { type: 'Property', key, value, shorthand: true, start: t.start, end: t.end };
  }

  private nameAsShorthand(t: Token): ExprNode {
    switch (t.text) {
      case 'true':
      case 'false':
      case 'null':
      case 'undefined':
      case 'this':
      case 'typeof':
      case 'new':
      case 'function':
      case 'import':
        this.fail(C.EXPRESSION_SYNTAX, `"${t.text}" cannot be used as a shorthand property`, t);
      default:
        break;
    }
    if (isReservedProperty(t.text)) {
      this.fail(C.EXPRESSION_RESERVED_PROPERTY, `Access to "${t.text}" is not allowed in templates`, t);
    }
    return { type: 'Identifier', name: t.text, start: t.start, end: t.end };
  }
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of expression';
  if (t.type === 'str') return 'string';
  if (t.type === 'num') return `number ${t.text}`;
  return `"${t.text}"`;
}

/** Whether the tree is deeper than `limit` (left-associative chains like `a + a + …` nest too). */
function deeperThan(node: ExprNode | SpreadNode | PropertyNode, limit: number): boolean {
  if (limit < 0) return true;
  const next = limit - 1;
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
      return false;
    case 'Member':
      return deeperThan(node.object, next) || (node.computed && deeperThan(node.property as ExprNode, next));
    case 'Call':
      return deeperThan(node.callee, next) || node.args.some((a) => deeperThan(a, next));
    case 'Unary':
    case 'Spread':
      return deeperThan(node.argument, next);
    case 'Binary':
    case 'Logical':
      return deeperThan(node.left, next) || deeperThan(node.right, next);
    case 'Conditional':
      return deeperThan(node.test, next) || deeperThan(node.consequent, next) || deeperThan(node.alternate, next);
    case 'Array':
      return node.elements.some((e) => deeperThan(e, next));
    case 'Object':
      return node.properties.some((p) => deeperThan(p, next));
    case 'Property':
      return deeperThan(node.value, next);
  }
}

function run(src: string, parse: (p: Parser) => ExprNode): ParseResult {
  try {
    if (src.trim() === '') return { error: { code: C.EXPRESSION_EMPTY, message: 'The expression is empty', start: 0, end: src.length } };
    const node = parse(new Parser(src));
    // The generated JavaScript mirrors the tree; engines refuse very deep nesting.
    if (deeperThan(node, MAX_DEPTH)) {
      return { error: { code: C.EXPRESSION_TOO_DEEP, message: 'The expression is nested too deeply', start: node.start, end: node.end } };
    }
    return { node };
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) {
      return { error: { code: e.code, message: e.message, start: e.start, end: e.end } };
    }
    // The parser is bounded (MAX_DEPTH), but a host stack overflow must still not escape.
    return { error: { code: C.EXPRESSION_TOO_DEEP, message: `The expression could not be parsed: ${String(e)}`, start: 0, end: src.length } };
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
