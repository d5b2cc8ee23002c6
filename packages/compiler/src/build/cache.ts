/**
 * A cache of compiled units (templates, SJS modules, style sheets) keyed by file + options and
 * valid while every file the unit read still has the same content. Contents come from the
 * ProjectFiles cache, so checking a unit whose files did not change compares identical strings.
 */

export interface CachedUnit<T> {
  value: T;
  /** Every file the unit read, with the content it saw (undefined = missing). */
  inputs: Map<string, string | undefined>;
}

export class UnitCache<T> {
  private readonly entries = new Map<string, CachedUnit<T>>();
  /** Keys compiled (not served from the cache) since the last `takeCompiled()`. */
  private compiled: string[] = [];

  constructor(private readonly read: (path: string) => string | undefined) {}

  /**
   * The cached value for `key` when its inputs are unchanged, else `compile()`'s, stored with
   * the inputs it reports (its own file first).
   */
  get(key: string, compile: () => { value: T; files: string[] }): T {
    const cached = this.entries.get(key);
    if (cached && this.fresh(cached)) return cached.value;
    const { value, files } = compile();
    const inputs = new Map<string, string | undefined>();
    for (const file of files) inputs.set(file, this.read(file));
    this.entries.set(key, { value, inputs });
    this.compiled.push(key);
    return value;
  }

  private fresh(entry: CachedUnit<T>): boolean {
    for (const [file, content] of entry.inputs) if (this.read(file) !== content) return false;
    return true;
  }

  /** Keys compiled since the previous call (what a rebuild actually recompiled). */
  takeCompiled(): string[] {
    const out = this.compiled;
    this.compiled = [];
    return out;
  }

  clear(): void {
    this.entries.clear();
    this.compiled = [];
  }
}
