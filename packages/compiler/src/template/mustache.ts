/**
 * Finding `{{ … }}` in text and attribute values. The closing `}}` is searched with string and
 * brace awareness, so `{{ "}}" }}` and `data="{{ a: {b: 1} }}"` end where a reader expects.
 */

export interface StaticPart {
  kind: 'static';
  text: string;
  /** Offset of the part in the scanned string. */
  start: number;
}

export interface ExprPart {
  kind: 'expr';
  /** The source between `{{` and `}}`. */
  source: string;
  /** Offset of the expression source (just after `{{`) in the scanned string. */
  start: number;
}

export type MustachePart = StaticPart | ExprPart;

export interface SplitResult {
  parts: MustachePart[];
  /** Offsets of `{{` that have no `}}` (their text is kept in a static part). */
  unterminated: number[];
}

/** Index of the `}}` closing a mustache whose content starts at `from`, or -1. */
export function findMustacheEnd(s: string, from: number): number {
  let depth = 0;
  let i = from;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96) {
      // A string runs to its quote; a line break ends it too, so one stray quote cannot
      // swallow the rest of the file.
      i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === c) break;
        else if (d === 10 && c !== 96) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125) {
      if (depth === 0 && s.charCodeAt(i + 1) === 125) return i;
      if (depth > 0) depth--;
    }
    i++;
  }
  return -1;
}

export function splitMustache(s: string): SplitResult {
  const parts: MustachePart[] = [];
  const unterminated: number[] = [];
  let pos = 0;
  let textStart = 0;
  let text = '';
  const flush = () => {
    if (text) parts.push({ kind: 'static', text, start: textStart });
    text = '';
  };
  while (pos < s.length) {
    const open = s.indexOf('{{', pos);
    if (open < 0) break;
    const close = findMustacheEnd(s, open + 2);
    if (close < 0) {
      unterminated.push(open);
      break;
    }
    if (!text) textStart = pos;
    text += s.slice(pos, open);
    flush();
    parts.push({ kind: 'expr', source: s.slice(open + 2, close), start: open + 2 });
    pos = close + 2;
    textStart = pos;
  }
  if (pos < s.length) {
    if (!text) textStart = pos;
    text += s.slice(pos);
  }
  flush();
  return { parts, unterminated };
}

/** Whether `s` contains a `{{` at all (cheap pre-check). */
export function hasMustache(s: string): boolean {
  return s.includes('{{');
}

/**
 * Copy of `source` where `< > " '`, whitespace, `/` and `=` inside complete mustaches are replaced
 * by `_`, so the HTML tokenizer sees `{{ a < b }}` and `"{{ c ? "x" : "y" }}"` as plain text and an
 * unquoted `a:if={{ a > b }}` (seen in production apps) as one attribute value. Lengths are kept,
 * so every offset in the masked copy is the same offset in the real source.
 */
export function maskMustaches(source: string): string {
  if (!source.includes('{{')) return source;
  let out = '';
  let pos = 0;
  let copied = 0;
  let comment = source.indexOf('<!--');
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    if (open < 0) break;
    if (comment >= 0 && comment < pos) comment = source.indexOf('<!--', pos);
    if (comment >= 0 && comment < open) {
      const endComment = source.indexOf('-->', comment + 4);
      if (endComment < 0) break;
      pos = endComment + 3;
      continue;
    }
    const close = findMustacheEnd(source, open + 2);
    if (close < 0) break;
    out += source.slice(copied, open + 2) + source.slice(open + 2, close).replace(/[<>"'\s/=]/g, '_');
    copied = close;
    pos = close + 2;
  }
  return out + source.slice(copied);
}
