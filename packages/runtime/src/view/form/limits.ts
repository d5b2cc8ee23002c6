/**
 * The render budget's limits (see prelude.ts for how they are enforced, the runtime README for the
 * table). Kept apart from the prelude so that the view engine and the container read them without
 * the prelude's source.
 */
const FIXED = {
  maxNumberIteration: 100_000,
  maxBuiltString: 1 << 20,
};

/**
 * The budget of one render (one call of an instance's render function, of an SJS event handler or
 * observer, of a scoped slot): what templates and SJS may do before the render stops with a
 * `RangeError` naming the limit. Defaults are far above what real apps need (the corpus and the
 * component libraries render with a few thousand steps per render); hosts change them with
 * `createContainer({ limits: { view: { … } } })`.
 */
export interface ViewLimits {
  /** Loop iterations (`a:for` items, SJS loop back-edges), SJS function calls and template calls. */
  steps: number;
  /** Wall time of one render, checked every few hundred steps (milliseconds). */
  ms: number;
  /** Nodes (elements, texts, slots) one render builds. */
  nodes: number;
  /** Nested SJS function calls (recursion), well before the host's stack would run out. */
  sjsDepth: number;
  /** Items of an `a:for` over a number, a string (characters) or an object (keys). */
  loopItems: number;
  /** Longest string a template's or SJS's string builders and SJS's `+` may build (characters). */
  stringLength: number;
  /** Longest array SJS may grow (push, unshift, splice, concat, spread, index writes). */
  arrayLength: number;
  /** Growth of the host's JS heap during one render, where the host can measure it (bytes). */
  heapBytes: number;
  /** Custom components nested in each other (a component that uses itself, directly or through others). */
  componentDepth: number;
  /** Nesting of the rendered tree the view engine builds (elements in elements, slot content included). */
  treeDepth: number;
  /** SJS `console.log` calls of one render that reach the host (the rest are dropped). */
  logs: number;
}

export const DEFAULT_VIEW_LIMITS: Readonly<ViewLimits> = Object.freeze({
  steps: 10_000_000,
  ms: 1000,
  nodes: 200_000,
  sjsDepth: 1000,
  loopItems: FIXED.maxNumberIteration,
  stringLength: FIXED.maxBuiltString,
  arrayLength: 1_000_000,
  heapBytes: 256 * 1024 * 1024,
  componentDepth: 64,
  treeDepth: 512,
  logs: 1000,
});

/** Fills in defaults; refuses unknown names and values that are not positive numbers. */
export function resolveViewLimits(limits: Partial<ViewLimits> | undefined): ViewLimits {
  const out: ViewLimits = { ...DEFAULT_VIEW_LIMITS };
  if (limits === undefined || limits === null) return out;
  if (typeof limits !== 'object') throw new TypeError('view limits must be an object');
  for (const [key, value] of Object.entries(limits) as Array<[keyof ViewLimits, unknown]>) {
    if (value === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_VIEW_LIMITS, key)) throw new TypeError(`Unknown view limit "${key}"`);
    if (typeof value !== 'number' || !(value > 0)) throw new RangeError(`View limit "${key}" must be a positive number, got ${String(value)}`);
    out[key] = value === Infinity ? Number.MAX_SAFE_INTEGER : Math.floor(value);
  }
  return out;
}

