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

const FRAME = /([^\s()]+):(\d+):(\d+)/g;

/** `maps`: bundle filename (`logic.js`, `sub/logic.js`) → source map JSON. Bad maps are ignored. */
export function createStackMapper(maps: Record<string, string>): StackMapper {
  const traces = new Map<string, TraceMap>();
  for (const [file, json] of Object.entries(maps)) {
    try {
      traces.set(file, new TraceMap(json));
    } catch {
      // An unreadable map leaves that bundle's frames as they are.
    }
  }

  const lookup = (file: string): TraceMap | undefined => {
    const exact = traces.get(file);
    if (exact) return exact;
    // Engines may prefix the name (`file:///…/logic.js`); match on a path suffix.
    for (const [name, trace] of traces) if (file.endsWith('/' + name)) return trace;
    return undefined;
  };

  const mapPosition = (file: string, line: number, column: number): OriginalPosition | undefined => {
    const trace = lookup(file);
    if (!trace || !(line >= 1) || !(column >= 1)) return undefined;
    let pos = originalPositionFor(trace, { line, column: column - 1 });
    if (pos.source === null) pos = originalPositionFor(trace, { line, column: column - 1, bias: LEAST_UPPER_BOUND });
    if (pos.source === null || pos.line === null || pos.column === null) return undefined;
    return { source: pos.source, line: pos.line, column: pos.column + 1, name: pos.name ?? undefined };
  };

  const mapStack = (stack: string): string => {
    if (traces.size === 0 || typeof stack !== 'string') return stack;
    return stack.replace(FRAME, (whole, file: string, line: string, column: string) => {
      const pos = mapPosition(file, Number(line), Number(column));
      return pos ? `${pos.source}:${pos.line}:${pos.column}` : whole;
    });
  };

  return { mapStack, mapPosition };
}
