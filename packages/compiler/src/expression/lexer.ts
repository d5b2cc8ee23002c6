/**
 * Tokenizer for `{{ }}` expressions. It recognises the whole JavaScript punctuator set so the
 * parser can name what it refuses (`=`, `=>`, `++`, `` ` ``…) instead of reporting a vague
 * syntax error.
 */
import { EXPRESSION_SYNTAX } from '../template/codes.ts';

export type TokenType = 'num' | 'str' | 'name' | 'punct' | 'eof';

export interface Token {
  type: TokenType;
  /** Punctuator or name as written; for `num`/`str` the raw source. */
  text: string;
  /** Decoded value of `num`/`str` tokens. */
  value?: string | number;
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
  private pos = 0;

  constructor(private readonly src: string) {}

  next(): Token {
    this.skipSpace();
    const src = this.src;
    const start = this.pos;
    if (start >= src.length) return { type: 'eof', text: '', start, end: start };
    const c = src.charCodeAt(start);
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1)))) return this.number();
    if (c === 34 || c === 39) return this.string(c);
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

  private skipSpace(): void {
    const src = this.src;
    while (this.pos < src.length) {
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
    while (pos < src.length) {
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
    const rest = src.slice(start);
    const match =
      /^0[xX][0-9a-fA-F]+/.exec(rest) ??
      /^0[oO][0-7]+/.exec(rest) ??
      /^0[bB][01]+/.exec(rest) ??
      /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    const text = match![0];
    const end = start + text.length;
    const after = src.charCodeAt(end);
    if (end < src.length && (ID_CONTINUE.test(String.fromCodePoint(src.codePointAt(end)!)) || after === 46)) {
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
      if (pos >= src.length) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated string', start, src.length);
      const c = src.charCodeAt(pos);
      if (c === quote) break;
      if (c === 10 || c === 13) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated string', start, pos);
      if (c !== 92) {
        out += src[pos];
        pos++;
        continue;
      }
      const e = src[pos + 1];
      pos += 2;
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '0':
          if (isDigit(src.charCodeAt(pos))) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Octal escapes are not allowed', pos - 2, pos);
          out += '\0';
          break;
        case 'x': {
          const hex = /^[0-9a-fA-F]{2}/.exec(src.slice(pos));
          if (!hex) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Invalid \\x escape', pos - 2, pos);
          out += String.fromCharCode(parseInt(hex[0], 16));
          pos += 2;
          break;
        }
        case 'u': {
          const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(pos));
          const plain = braced ? null : /^[0-9a-fA-F]{4}/.exec(src.slice(pos));
          const cp = braced ? parseInt(braced[1], 16) : plain ? parseInt(plain[0], 16) : NaN;
          if (!(cp <= 0x10ffff)) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Invalid \\u escape', pos - 2, pos);
          out += String.fromCodePoint(cp);
          pos += braced ? braced[0].length : 4;
          break;
        }
        case '\r':
          if (src[pos] === '\n') pos++;
          break;
        case '\n':
        case '\u2028':
        case '\u2029':
          break;
        case undefined:
          throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Unterminated string', start, src.length);
        default:
          if (isDigit(e.charCodeAt(0))) throw new ExpressionSyntaxError(EXPRESSION_SYNTAX, 'Octal escapes are not allowed', pos - 2, pos);
          out += e;
      }
    }
    this.pos = pos + 1;
    return { type: 'str', text: src.slice(start, pos + 1), value: out, start, end: pos + 1 };
  }
}
