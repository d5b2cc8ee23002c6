/**
 * Code frames: the few lines around a position with a caret under the column, the way
 * compilers show them in terminals and in the simulator's error overlay.
 */

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
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(before.length)}^`);
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
