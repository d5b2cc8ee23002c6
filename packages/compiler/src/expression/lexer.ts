/**
 * Tokenizer for `{{ }}` expressions: the whole JavaScript punctuator set, numbers, strings,
 * names, template literals (one token each, with the source ranges of their `${ }` parts) and,
 * when the parser asks for one where an operand is expected, regular expression literals.
 */
import { EXPRESSION_REGEXP, EXPRESSION_SYNTAX } from '../template/codes.ts';

export type TokenType = 'num' | 'str' | 'name' | 'punct' | 'template' | 'eof';

/** A template literal token: cooked strings and the source ranges of the expressions between them. */
export interface TemplateParts {
  quasis: string[];
  expressions: Array<{ start: number; end: number }>;
}

export interface Token {
  type: TokenType;
  /** Punctuator or name as written; for `num`/`str` the raw source. */
  text: string;
  /** Decoded value of `num`/`str` tokens. */
  value?: string | number;
  template?: TemplateParts;
  start: number;
  end: number;
}

export class ExpressionSyntaxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '**', '<<', '>>',
  '(', ')', '[', ']', '{', '}', ',', ':', '?', '.', '!', '~', '+', '-', '*', '/', '%', '<', '>', '=',
  '&', '|', '^', ';', '`', '#', '@',
];

const ID_START = /[\p{ID_Start}$_]/u;
const ID_CONTINUE = /[\p{ID_Continue}$\u200c\u200d]/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export class Lexer {
  private pos: number;

  /** Tokenizes `src` from `from` up to `to` (the whole string by default); offsets stay absolute. */
  constructor(
    private readonly src: string,
    from = 0,
    private readonly to = src.length,
  ) {
    this.pos = from;
  }

  /** Where the next token starts looking (for the parser's backtracking). */
  get position(): number {
    return this.pos;
  }

  set position(pos: number) {
    this.pos = pos;
  }

  next(): Token {
    this.skipSpace();
    const src = this.src;
    const start = this.pos;
    if (start >= this.to) return { type: 'eof', text: '', start, end: start };
    const c = src.charCodeAt(start);
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1)))) return this.number();
    if (c === 34 || c === 39) return this.string(c);
    if (c === 96) return this.template();
    const ch = String.fromCodePoint(src.codePointAt(start)!);
    if (ID_START.test(ch)) return this.name();
    if (c === 92) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Escapes are not allowed in names', start, start + 1);
    for (const p of PUNCTUATORS) {
      if (src.startsWith(p, start)) {
        // `a?.5:1` is a conditional, not optional chaining.
        if (p === '?.' && isDigit(src.charCodeAt(start + 2))) continue;
        this.pos = start + p.length;
        return { type: 'punct', text: p, start, end: this.pos };
      }
    }
    throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, `Unexpected character ${JSON.stringify(ch)}`, start, start + ch.length);
  }

  /**
   * A regular expression literal starting at `start` (the `/` the parser found where an operand
   * belongs). The pattern is checked by the host's RegExp parser, so an invalid one is refused
   * here rather than at render time.
   */
  regExp(start: number): Token & { pattern: string; flags: string } {
    const src = this.src;
    let pos = start + 1;
    let inClass = false;
    for (;;) {
      if (pos >= this.to) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated regular expression', start, this.to);
      const c = src.charCodeAt(pos);
      if (c === 10 || c === 13) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated regular expression', start, pos);
      if (c === 92) {
        pos += 2;
        continue;
      }
      if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) break;
      pos++;
    }
    const pattern = src.slice(start + 1, pos);
    pos++;
    const flagsStart = pos;
    while (pos < this.to && ID_CONTINUE.test(src[pos]!)) pos++;
    const flags = src.slice(flagsStart, pos);
    if (!/^[dgimsuyv]*$/.test(flags) || new Set(flags).size !== flags.length) {
      throw new ExpressionSyntaxError(EXPRESSION_REGEXP, `Invalid regular expression flags "${flags}"`, flagsStart, pos);
    }
    try {
      new RegExp(pattern, flags);
    } catch (e) {
      throw new ExpressionSyntaxError(EXPRESSION_REGEXP, `Invalid regular expression /${pattern}/${flags}: ${(e as Error).message}`, start, pos);
    }
    this.pos = pos;
    return { type: 'punct', text: src.slice(start, pos), start, end: pos, pattern, flags };
  }

  /** `` `…${ expr }…` ``: cooked quasis and the ranges of the embedded expressions (parsed by the parser). */
  private template(): Token {
    const src = this.src;
    const start = this.pos;
    const quasis: string[] = [];
    const expressions: TemplateParts['expressions'] = [];
    let pos = start + 1;
    let cooked = '';
    for (;;) {
      if (pos >= this.to) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated template literal', start, this.to);
      const c = src.charCodeAt(pos);
      if (c === 96) {
        pos++;
        break;
      }
      if (c === 36 && src.charCodeAt(pos + 1) === 123) {
        quasis.push(cooked);
        cooked = '';
        const exprStart = pos + 2;
        const exprEnd = this.skipBalanced(exprStart);
        expressions.push({ start: exprStart, end: exprEnd });
        pos = exprEnd + 1;
        continue;
      }
      if (c === 92) {
        const escaped = this.escape(pos);
        cooked += escaped.text;
        pos = escaped.end;
        continue;
      }
      if (c === 13) {
        // Template literals normalise CRLF and CR to LF.
        cooked += '\n';
        pos += src.charCodeAt(pos + 1) === 10 ? 2 : 1;
        continue;
      }
      cooked += src[pos];
      pos++;
    }
    quasis.push(cooked);
    this.pos = pos;
    return { type: 'template', text: src.slice(start, pos), template: { quasis, expressions }, start, end: pos };
  }

  /** The offset of the `}` that closes a `${` whose content starts at `from` (strings, templates and braces nest). */
  private skipBalanced(from: number): number {
    const src = this.src;
    let depth = 0;
    let pos = from;
    while (pos < this.to) {
      const c = src.charCodeAt(pos);
      if (c === 34 || c === 39) {
        pos++;
        while (pos < this.to && src.charCodeAt(pos) !== c) pos += src.charCodeAt(pos) === 92 ? 2 : 1;
        pos++;
        continue;
      }
      if (c === 96) {
        const saved = this.pos;
        this.pos = pos;
        this.template();
        pos = this.pos;
        this.pos = saved;
        continue;
      }
      if (c === 123) depth++;
      else if (c === 125) {
        if (depth === 0) return pos;
        depth--;
      }
      pos++;
    }
    throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated ${ in a template literal', from - 2, this.to);
  }

  private skipSpace(): void {
    const src = this.src;
    while (this.pos < this.to) {
      const c = src.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff || c === 0x3000) {
        this.pos++;
      } else {
        break;
      }
    }
  }

  private name(): Token {
    const src = this.src;
    const start = this.pos;
    let pos = start;
    while (pos < this.to) {
      const cp = src.codePointAt(pos)!;
      const ch = String.fromCodePoint(cp);
      if (pos === start ? ID_START.test(ch) : ID_CONTINUE.test(ch)) pos += ch.length;
      else break;
    }
    this.pos = pos;
    return { type: 'name', text: src.slice(start, pos), start, end: pos };
  }

  private number(): Token {
    const src = this.src;
    const start = this.pos;
    const rest = src.slice(start, this.to);
    const match =
      /^0[xX][0-9a-fA-F]+/.exec(rest) ??
      /^0[oO][0-7]+/.exec(rest) ??
      /^0[bB][01]+/.exec(rest) ??
      /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    const text = match![0];
    const end = start + text.length;
    const after = src.charCodeAt(end);
    if (end < this.to && (ID_CONTINUE.test(String.fromCodePoint(src.codePointAt(end)!)) || after === 46)) {
      throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, `Invalid number ${JSON.stringify(src.slice(start, end + 1))}`, start, end + 1);
    }
    if (/^0\d/.test(text)) {
      throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, `Numbers cannot start with 0 (legacy octal): ${text}`, start, end);
    }
    this.pos = end;
    return { type: 'num', text, value: Number(text), start, end };
  }

  private string(quote: number): Token {
    const src = this.src;
    const start = this.pos;
    let pos = start + 1;
    let out = '';
    for (;;) {
      if (pos >= this.to) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated string', start, this.to);
      const c = src.charCodeAt(pos);
      if (c === quote) break;
      if (c === 10 || c === 13) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated string', start, pos);
      if (c !== 92) {
        out += src[pos];
        pos++;
        continue;
      }
      const escaped = this.escape(pos);
      out += escaped.text;
      pos = escaped.end;
    }
    this.pos = pos + 1;
    return { type: 'str', text: src.slice(start, pos + 1), value: out, start, end: pos + 1 };
  }

  /** The escape sequence whose backslash is at `at`: its text and where it ends. */
  private escape(at: number): { text: string; end: number } {
    const src = this.src;
    const e = src[at + 1];
    let pos = at + 2;
    switch (e) {
      case 'n': return { text: '\n', end: pos };
      case 't': return { text: '\t', end: pos };
      case 'r': return { text: '\r', end: pos };
      case 'b': return { text: '\b', end: pos };
      case 'f': return { text: '\f', end: pos };
      case 'v': return { text: '\v', end: pos };
      case '0':
        if (isDigit(src.charCodeAt(pos))) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Octal escapes are not allowed', at, pos);
        return { text: '\0', end: pos };
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(src.slice(pos, pos + 2));
        if (!hex) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Invalid \\x escape', at, pos);
        return { text: String.fromCharCode(parseInt(hex[0], 16)), end: pos + 2 };
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(pos, pos + 8));
        const plain = braced ? null : /^[0-9a-fA-F]{4}/.exec(src.slice(pos, pos + 4));
        const cp = braced ? parseInt(braced[1], 16) : plain ? parseInt(plain[0], 16) : NaN;
        if (!(cp <= 0x10ffff)) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Invalid \\u escape', at, pos);
        return { text: String.fromCodePoint(cp), end: pos + (braced ? braced[0].length : 4) };
      }
      case '\r':
        if (src[pos] === '\n') pos++;
        return { text: '', end: pos };
      case '\n':
      case '\u2028':
      case '\u2029':
        return { text: '', end: pos };
      case undefined:
        throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated string', at, this.to);
      default:
        if (isDigit(e.charCodeAt(0))) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Octal escapes are not allowed', at, pos);
        return { text: e, end: pos };
    }
  }
}
