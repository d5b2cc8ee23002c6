/**
 * Code frames: the few lines around a position with a caret under the column, the way
 * compilers show them in terminals and in the simulator's error overlay. The caret is placed by
 * display width in a monospace font (CJK and emoji take two columns, combining marks none), so it
 * sits under the right character after Chinese text too.
 */
import { eastAsianWidth } from 'get-east-asian-width';

/** Zero-width code points: combining marks, zero-width joiner/space, variation selectors. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f]$/u;

/** Columns `text` takes in a monospace terminal (tabs must already be expanded). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || ZERO_WIDTH.test(ch)) continue;
    if (cp >= 0xe0100 && cp <= 0xe01ef) continue; // variation selectors supplement
    width += eastAsianWidth(cp);
  }
  return width;
}

export interface FrameOptions {
  /** Lines shown before and after the line of the problem. */
  context?: number;
}

/** `line` and `column` are 1-based. Returns '' when the line is outside the source. */
export function codeFrame(source: string, line: number, column: number, options: FrameOptions = {}): string {
  const context = options.context ?? 2;
  const lines = source.split(/\r?\n/);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    const gutter = String(n).padStart(width);
    out.push(`${n === line ? '>' : ' '} ${gutter} | ${text}`);
    if (n === line && column > 0) {
      const raw = lines[n - 1] ?? '';
      const before = raw.slice(0, column - 1).replace(/\t/g, '  ');
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(displayWidth(before))}^`);
    }
  }
  return out.join('\n');
}

/** 1-based line and column of a 0-based character offset. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
