/**
 * The regular expressions of the view: every `getRegExp(…)` of SJS, every `/literal/` and
 * `new RegExp(…)` of a template, and every string a `match`/`matchAll`/`search` turns into a
 * pattern runs here, never on the host's backtracking `RegExp` (`(a+)+$` on forty `a`s and a `!`
 * takes the host minutes; a view must not be able to do that to the host).
 *
 * Two engines, chosen per pattern:
 * - **RE2** (`re2js`, a pure-JS port of RE2): linear time in the input whatever the pattern, for
 *   everything RE2 can express, captureless lookbehinds included. The pattern is JavaScript's
 *   syntax, translated (`RE2JS.translateRegExp`, plus `.` and `\s` made to mean what they mean in
 *   JavaScript).
 * - **A bounded backtracker** (`backtrack.ts`) for what RE2 refuses — lookahead and
 *   backreferences (`\B(?=(\d{3})+(?!\d))`, the usual thousands separator) — whose every step is
 *   charged to the render's budget, so a catastrophic pattern ends with the budget error.
 *
 * A compiled pattern is a host object the view never sees: the prelude's RegExp stand-in holds it
 * and asks it for match offsets only. Compiled patterns are cached (compiling costs ~50 µs).
 */
import { RE2JS } from 're2js';
import { compileBacktracking } from './backtrack.ts';

/** Match offsets: `[start, end]` of the match, then of each group (`-1, -1` when a group did not take part). */
export type MatchOffsets = number[];

export interface CompiledPattern {
  /** Number of capturing groups. */
  readonly groups: number;
  /** Named groups: name → group number. */
  readonly names: ReadonlyArray<readonly [string, number]>;
  /** Which engine runs it (`re2` or `backtrack`). */
  readonly engine: 're2' | 'backtrack';
  /** The leftmost match starting at or after `from`, or null. `charge(n)` bills `n` steps of work to the render. */
  exec(input: string, from: number, charge: (steps: number) => void): MatchOffsets | null;
}

/** What the prelude receives (`registrar.regex`). */
export interface ViewRegexEngine {
  compile(source: string, flags: string): CompiledPattern;
}

const CACHE_LIMIT = 512;
const cache = new Map<string, CompiledPattern>();

/** JavaScript's `\s` (RE2's is ASCII only). */
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

/**
 * Makes `.` (without `s`) and `\s`/`\S` mean what they mean in JavaScript: `.` excludes every line
 * terminator, `\s` includes the Unicode spaces. Runs on the JavaScript source, before translation.
 */
function jsClasses(source: string, dotAll: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else out += c + (next ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // `[]` and `[^]` are complete classes in JavaScript (nothing, anything).
      if (source[i + 1] === ']') {
        out += '^\\x00-\\x{10FFFF}]';
        inClass = false;
        i++;
      } else if (source[i + 1] === '^' && source[i + 2] === ']') {
        out += '\\x00-\\x{10FFFF}]';
        inClass = false;
        i += 2;
      }
      continue;
    }
    if (c === '.' && !dotAll) {
      out += '[^\\n\\r\\x{2028}\\x{2029}]';
      continue;
    }
    out += c;
  }
  return out;
}

/** The text a pattern without metacharacters matches (`-`, `\\.`, `abc`), or undefined. */
function literalOf(source: string, flags: string): string | undefined {
  if (flags.includes('i') || source.length === 0) return undefined;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined || !'^$\\.|?*+()[]{}/-'.includes(next)) return undefined;
      out += next;
      i++;
    } else if ('^$.|?*+()[]{}'.includes(c)) return undefined;
    else out += c;
  }
  return out;
}

/** A pattern that is plain text: found with indexOf (linear, and as fast as the host's). */
function compileLiteral(text: string): CompiledPattern {
  return {
    groups: 0,
    names: [],
    engine: 're2',
    exec(input, from, charge) {
      charge(1 + ((input.length - from) >> 8));
      const at = input.indexOf(text, from);
      return at < 0 ? null : [at, at + text.length];
    },
  };
}

function compileRe2(source: string, flags: string): CompiledPattern {
  const literal = literalOf(source, flags);
  if (literal !== undefined) return compileLiteral(literal);
  let f = RE2JS.LOOKBEHINDS;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= RE2JS.MULTILINE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  const translated = RE2JS.translateRegExp(jsClasses(source, flags.includes('s')));
  const pattern = RE2JS.compile(translated, f);
  const groups = pattern.groupCount();
  const names = Object.entries(pattern.namedGroups() as Record<string, number>).map(([name, index]) => [name, index] as const);
  let lastInput: string | undefined;
  let lastMatcher: ReturnType<typeof pattern.matcher> | undefined;
  return {
    groups,
    names,
    engine: 're2',
    exec(input, from, charge) {
      // Linear in what it scans: billed by the characters it may look at.
      charge(1 + ((input.length - from) >> 6));
      // A global search asks again with the same input: its matcher is reused.
      let matcher = lastInput === input ? lastMatcher : undefined;
      if (matcher === undefined) {
        matcher = pattern.matcher(input);
        // Only short inputs are kept (512 cached patterns must not hold big strings alive).
        lastInput = input.length <= 4096 ? input : undefined;
        lastMatcher = lastInput === undefined ? undefined : matcher;
      }
      if (!matcher.find(from)) return null;
      const out: number[] = new Array(2 + 2 * groups);
      for (let g = 0; g <= groups; g++) {
        const start = matcher.start(g);
        out[2 * g] = start < 0 ? -1 : start;
        out[2 * g + 1] = start < 0 ? -1 : matcher.end(g);
      }
      return out;
    },
  };
}

/** Compiles a JavaScript pattern (flags already validated) with the engine that can run it. Throws SyntaxError. */
export function compilePattern(source: string, flags: string): CompiledPattern {
  const key = `${flags}\u0000${source}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let compiled: CompiledPattern;
  try {
    compiled = compileRe2(source, flags);
  } catch (re2Error) {
    // What RE2 cannot run (lookahead, backreferences) runs on the bounded backtracker; what neither
    // can parse is a syntax error of the pattern.
    try {
      compiled = compileBacktracking(source, flags);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(re2Error);
      throw new SyntaxError(`Invalid regular expression /${source}/${flags}: ${reason}`);
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

/** The engine handed to every loaded view (frozen: the view's code cannot change it). */
export const VIEW_REGEX_ENGINE: ViewRegexEngine = Object.freeze({
  compile: (source: string, flags: string) => compilePattern(String(source), String(flags)),
});
