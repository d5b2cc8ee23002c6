/**
 * Maps guest stack traces back to the author's files: `at f (logic.js:12:5)` becomes
 * `at f (pages/index/index.js:3:7)` using the bundles' source maps.
 */
import { LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

export interface OriginalPosition {
  source: string;
  line: number;
  /** 1-based, like stack traces. */
  column: number;
  name?: string;
}

export interface StackMapper {
  /** Rewrites every `file:line:col` of a mapped bundle; other text is left alone. */
  mapStack(stack: string): string;
  /** `line` and `column` 1-based, as in stack traces. */
  mapPosition(file: string, line: number, column: number): OriginalPosition | undefined;
}

/** A word (no space or parenthesis) of a stack: a frame's location is one. */
const WORD = /[^\s()]+/g;
/**
 * `file:line:col` at the start of a word, the file as long as it can be (a greedy match anchored to
 * the word's start: linear in the word's length). The unanchored `([^\s()]+):(\d+):(\d+)` over the
 * whole text backtracks quadratically on a long word with no location in it (a 10,000-character
 * string the app logs costs 0.3 s), which the host pays for every string argument of every log.
 */
const LOCATION = /^(.+):(\d+):(\d+)/;
/** Words longer than this are not locations (a file path is never that long). */
const MAX_WORD = 2000;

/**
 * `maps`: bundle filename (`logic.js`, `sub/logic.js`) → source map JSON. Bad maps are ignored.
 * `bundles` (optional, same keys): the bundles' text, used to place column-1 frames (see below).
 */
export function createStackMapper(maps: Record<string, string>, bundles: Record<string, string> = {}): StackMapper {
  const traces = new Map<string, TraceMap>();
  const lines = new Map<string, string[]>();
  for (const [file, json] of Object.entries(maps)) {
    try {
      traces.set(file, new TraceMap(json));
    } catch {
      // An unreadable map leaves that bundle's frames as they are.
    }
  }

  const nameOf = (file: string): string | undefined => {
    if (traces.has(file)) return file;
    // Engines may prefix the name (`file:///…/logic.js`); match on a path suffix.
    for (const name of traces.keys()) if (file.endsWith('/' + name)) return name;
    return undefined;
  };

  /** Column (1-based) of the first non-blank character of a bundle line, when the bundle text is known. */
  const codeStart = (name: string, line: number): number | undefined => {
    const source = bundles[name];
    if (source === undefined) return undefined;
    let split = lines.get(name);
    if (!split) lines.set(name, (split = source.split('\n')));
    const text = split[line - 1];
    if (text === undefined) return undefined;
    const at = text.search(/\S/);
    return at < 0 ? undefined : at + 1;
  };

  const mapPosition = (file: string, line: number, column: number): OriginalPosition | undefined => {
    const name = nameOf(file);
    const trace = name === undefined ? undefined : traces.get(name);
    if (!trace || !(line >= 1) || !(column >= 1)) return undefined;
    // quickjs-ng reports errors the engine raises itself (a TypeError on `null.x`) at column 1 of the
    // line where the throwing function starts; in an indented bundle that column is blank, and its
    // mapping is the enclosing expression. The line's first code (the function) is the honest answer.
    if (column === 1) column = codeStart(name!, line) ?? column;
    let pos = originalPositionFor(trace, { line, column: column - 1 });
    if (pos.source === null) pos = originalPositionFor(trace, { line, column: column - 1, bias: LEAST_UPPER_BOUND });
    if (pos.source === null || pos.line === null || pos.column === null) return undefined;
    return { source: pos.source, line: pos.line, column: pos.column + 1, name: pos.name ?? undefined };
  };

  /** Maps the locations in one word, left to right (`a.js:1:2,b.js:3:4` has two). */
  const mapWord = (word: string): string => {
    if (word.length > MAX_WORD || !word.includes(':')) return word;
    let out = '';
    let rest = word;
    for (let guard = 0; guard < 64 && rest !== ''; guard++) {
      const match = LOCATION.exec(rest);
      if (!match) break;
      const [whole, file, line, column] = match as unknown as [string, string, string, string];
      const pos = mapPosition(file, Number(line), Number(column));
      out += pos ? `${pos.source}:${pos.line}:${pos.column}` : whole;
      rest = rest.slice(whole.length);
    }
    return out + rest;
  };

  const mapStack = (stack: string): string => {
    if (traces.size === 0 || typeof stack !== 'string' || !stack.includes(':')) return stack;
    return stack.replace(WORD, mapWord);
  };

  return { mapStack, mapPosition };
}
