/**
 * Collecting diagnostics for one source file: offsets become 1-based line/column through a
 * line index (binary search, so many diagnostics in a big file stay cheap) and every
 * diagnostic gets its code frame.
 */
import { codeFrame, type Diagnostic, type Severity } from '../diagnostics/index.ts';
import { declaredSeverity } from './severity.ts';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** The text of lines `first..last` (1-based, inclusive, clamped). */
  lines(first: number, last: number): string {
    const from = this.starts[Math.max(first, 1) - 1] ?? this.text.length;
    const next = this.starts[Math.min(last, this.starts.length)];
    return this.text.slice(from, next === undefined ? this.text.length : next - 1);
  }

  position(offset: number): { line: number; column: number } {
    const o = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }
}

/** Past this many, further diagnostics of a file are dropped (garbage input must stay cheap). */
const MAX_DIAGNOSTICS = 200;
const FRAME_CONTEXT = 2;

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private index: LineIndex | undefined;
  private readonly seen = new Set<string>();

  constructor(
    readonly file: string,
    private readonly source: string | undefined,
  ) {}

  /** `end`: the offset just past the problem's span, when known (gives endLine/endColumn). */
  error(code: string, offset: number, message: string, end?: number): void {
    this.add('error', code, offset, message, end);
  }

  warning(code: string, offset: number, message: string, end?: number): void {
    this.add('warning', code, offset, message, end);
  }

  /** 1-based line and column of `offset` (dev builds' source locations); 0, 0 without a source. */
  position(offset: number): { line: number; column: number } {
    if (this.source === undefined) return { line: 0, column: 0 };
    this.index ??= new LineIndex(this.source);
    return this.index.position(offset);
  }

  /** A diagnostic without a position (e.g. the file itself is missing). */
  fileLevel(requested: Severity, code: string, message: string): void {
    this.diagnostics.push({ code, severity: declaredSeverity(code) ?? requested, file: this.file, line: 0, column: 0, message });
  }

  add(requested: Severity, code: string, offset: number, message: string, end?: number): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    const severity = declaredSeverity(code) ?? requested;
    if (this.source === undefined) {
      this.fileLevel(severity, code, message);
      return;
    }
    // The same problem reached twice (e.g. a shared subtree) is reported once.
    const id = `${code}:${offset}:${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.index ??= new LineIndex(this.source);
    const { line, column } = this.index.position(offset);
    const diagnostic: Diagnostic = { code, severity, file: this.file, line, column, message, frame: this.frame(line, column) };
    if (end !== undefined && end > offset) {
      const last = this.index.position(end);
      diagnostic.endLine = last.line;
      diagnostic.endColumn = last.column;
    }
    this.diagnostics.push(diagnostic);
  }

  /**
   * codeFrame() over only the lines it shows (earlier lines become empty ones, so the numbers stay
   * right): a big file with many diagnostics must not be split once per diagnostic.
   */
  private frame(line: number, column: number): string {
    const first = Math.max(1, line - FRAME_CONTEXT);
    const window = '\n'.repeat(first - 1) + this.index!.lines(first, line + FRAME_CONTEXT);
    return codeFrame(window, line, column, { context: FRAME_CONTEXT });
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
