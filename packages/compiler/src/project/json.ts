/**
 * Configuration JSON with positions. jsonc-parser keeps every node's offset, so each config
 * diagnostic points at the key or value it is about; it also tolerates comments (the platform's
 * own docs write `//` comments in .json examples) and recovers from errors.
 */

import { parseTree, printParseErrorCode, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import {
  INVALID_JSON,
  INVALID_TYPE,
  INVALID_VALUE,
  JSON_NOT_OBJECT,
  JSON_TRAILING_COMMA,
  UNKNOWN_KEY,
  type DiagnosticCode,
} from '../diagnostics/codes.ts';
import type { Severity } from '../diagnostics/diagnostic.ts';

export type JsonNode = Node;

export interface JsonProperty {
  key: string;
  keyNode: JsonNode;
  value: JsonNode;
}

const ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: '":" was expected',
  CommaExpected: '"," was expected',
  CloseBraceExpected: '"}" was expected',
  CloseBracketExpected: '"]" was expected',
  EndOfFileExpected: 'end of file was expected (text after the JSON value)',
  InvalidCommentToken: 'malformed comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string (control characters must be escaped)',
};

/**
 * One parsed configuration file plus the diagnostics helpers that point into it. Diagnostics are
 * appended to the shared `diagnostics` array the loader passes in.
 */
export class JsonDoc {
  readonly file: string;
  readonly source: string;
  /** The top-level object; undefined when the file is not valid JSON or not an object. */
  readonly root: JsonNode | undefined;
  private readonly diagnostics: Diagnostic[];

  constructor(file: string, source: string, diagnostics: Diagnostic[]) {
    this.file = file;
    // Editors on Windows often save a byte order mark; JSON parsers reject it, the platform's tools do not.
    this.source = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    this.diagnostics = diagnostics;
    this.root = this.parse();
  }

  private parse(): JsonNode | undefined {
    const errors: ParseError[] = [];
    const tolerant = parseTree(this.source, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length > 0 || !tolerant) {
      // Later errors are usually consequences of the first: report the first only.
      const first = errors[0];
      const offset = first ? first.offset : 0;
      const what = first ? ERROR_TEXT[printParseErrorCode(first.error)] ?? 'syntax error' : 'the file is empty';
      this.report(INVALID_JSON, offset, `${this.file} is not valid JSON: ${what}`, undefined, first?.length);
      return undefined;
    }
    const strictErrors: ParseError[] = [];
    parseTree(this.source, strictErrors, { allowTrailingComma: false, disallowComments: false });
    for (const e of strictErrors) {
      const comma = this.source.lastIndexOf(',', e.offset);
      this.report(JSON_TRAILING_COMMA, comma >= 0 ? comma : e.offset, 'trailing comma');
      break;
    }
    if (tolerant.type !== 'object') {
      this.report(JSON_NOT_OBJECT, tolerant.offset, `${this.file} must contain a JSON object, not ${describe(tolerant)}`);
      return undefined;
    }
    return tolerant;
  }

  /** A node gives the span of the key or value (endLine/endColumn); `length` the span from a bare offset. */
  report(code: DiagnosticCode, offsetOrNode: number | JsonNode, message: string, severity?: Severity, length?: number): void {
    const offset = typeof offsetOrNode === 'number' ? offsetOrNode : offsetOrNode.offset;
    const span = typeof offsetOrNode === 'number' ? length : offsetOrNode.length;
    this.diagnostics.push(createDiagnostic(code, { file: this.file, source: this.source, offset, ...(span ? { length: span } : {}) }, message, severity));
  }

  /** The properties of an object node in source order (a repeated key: the last one wins, as in JSON.parse). */
  properties(node: JsonNode | undefined): JsonProperty[] {
    if (!node || node.type !== 'object' || !node.children) return [];
    const byKey = new Map<string, JsonProperty>();
    for (const prop of node.children) {
      const [keyNode, value] = prop.children ?? [];
      if (!keyNode || !value) continue;
      byKey.delete(String(keyNode.value));
      byKey.set(String(keyNode.value), { key: String(keyNode.value), keyNode, value });
    }
    return [...byKey.values()];
  }

  get(node: JsonNode | undefined, key: string): JsonProperty | undefined {
    return this.properties(node).find((p) => p.key === key);
  }

  /** Warn about every key outside `known`; `hints` maps common mistakes to the right key. */
  unknownKeys(node: JsonNode | undefined, known: ReadonlySet<string>, where: string, hints: Record<string, string> = {}): void {
    for (const prop of this.properties(node)) {
      if (!known.has(prop.key)) this.unknownKey(prop, where, hints[prop.key]);
    }
  }

  unknownKey(prop: JsonProperty, where: string, hint?: string): void {
    this.report(UNKNOWN_KEY, prop.keyNode, `unknown key "${prop.key}" in ${where}${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }

  value(node: JsonNode): unknown {
    return getNodeValue(node);
  }

  string(node: JsonNode, what: string): string | undefined {
    if (node.type === 'string') return node.value as string;
    this.typeError(node, what, 'a string');
    return undefined;
  }

  boolean(node: JsonNode, what: string): boolean | undefined {
    if (node.type === 'boolean') return node.value as boolean;
    this.typeError(node, what, 'true or false');
    return undefined;
  }

  number(node: JsonNode, what: string): number | undefined {
    if (node.type === 'number') return node.value as number;
    this.typeError(node, what, 'a number');
    return undefined;
  }

  object(node: JsonNode, what: string): JsonNode | undefined {
    if (node.type === 'object') return node;
    this.typeError(node, what, 'an object');
    return undefined;
  }

  array(node: JsonNode, what: string): JsonNode[] | undefined {
    if (node.type === 'array') return node.children ?? [];
    this.typeError(node, what, 'an array');
    return undefined;
  }

  /** An array of strings; wrong items are reported and skipped. */
  stringArray(node: JsonNode, what: string): Array<{ value: string; node: JsonNode }> | undefined {
    const items = this.array(node, what);
    if (!items) return undefined;
    const out: Array<{ value: string; node: JsonNode }> = [];
    items.forEach((item, i) => {
      const value = this.string(item, `${what}[${i}]`);
      if (value !== undefined) out.push({ value, node: item });
    });
    return out;
  }

  oneOf<T extends string>(node: JsonNode, what: string, allowed: readonly T[]): T | undefined {
    if (node.type === 'string' && (allowed as readonly string[]).includes(node.value as string)) return node.value as T;
    if (node.type !== 'string') {
      this.typeError(node, what, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    } else {
      this.report(
        INVALID_VALUE,
        node,
        `${what} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(node.value)}`,
      );
    }
    return undefined;
  }

  typeError(node: JsonNode, what: string, expected: string): void {
    this.report(INVALID_TYPE, node, `${what} must be ${expected}, got ${describe(node)}`);
  }
}

function describe(node: JsonNode): string {
  switch (node.type) {
    case 'string':
      return `the string ${JSON.stringify(node.value)}`;
    case 'number':
      return `the number ${String(node.value)}`;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return node.type;
  }
}
