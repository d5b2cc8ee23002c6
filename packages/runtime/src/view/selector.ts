/**
 * The selector subset mini-programs use for `my.createSelectorQuery`, `$selectComponent` and SJS
 * descriptors: tag, `*`, `#id`, `.class` (compound: `view.item#a`), descendant (` `), child (`>`),
 * `>>>` (treated as descendant: there are no shadow boundaries in our trees) and `,` lists.
 * Generic over the node type so the engine's tree and the headless tree share one implementation.
 *
 * Selectors come from mini-program code, so their cost on the host is bounded: a selector is at most
 * MAX_SELECTOR_CHARS long with at most MAX_SELECTORS alternatives of at most MAX_COMPOUNDS compounds
 * each, matching is memoised (time proportional to compounds × nodes, never exponential in the
 * descendant combinators), and a query collects at most MAX_MATCHES nodes.
 */

/** Longest selector accepted (characters). */
export const MAX_SELECTOR_CHARS = 1024;
/** Alternatives of a `,` list. */
export const MAX_SELECTORS = 32;
/** Compounds in one complex selector (`a b > c` has 3). */
export const MAX_COMPOUNDS = 32;
/** Nodes one query (`selectAll`, `querySelectorAll`) collects; the rest are left out. */
export const MAX_MATCHES = 10_000;

export interface CompoundSelector {
  tag?: string;
  ids: string[];
  classes: string[];
}

export interface ComplexSelector {
  compounds: CompoundSelector[];
  /** `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`. */
  combinators: Array<'descendant' | 'child'>;
}

export type SelectorList = ComplexSelector[];

export interface SelectorAdapter<N> {
  tag(node: N): string;
  id(node: N): string | undefined;
  classes(node: N): readonly string[];
  parent(node: N): N | undefined;
}

export class SelectorSyntaxError extends Error {
  override name = 'SelectorSyntaxError';
}

const IDENT_CHAR = /[A-Za-z0-9_\-\u00a0-\uffff]/;

const cache = new Map<string, SelectorList>();
const CACHE_LIMIT = 256;

/** Parses a selector list; throws `SelectorSyntaxError` with the position of the problem. */
export function parseSelector(source: string): SelectorList {
  if (typeof source !== 'string') throw new SelectorSyntaxError('selector must be a string');
  if (source.length > MAX_SELECTOR_CHARS) {
    throw new SelectorSyntaxError(`Invalid selector: ${source.length} characters, more than ${MAX_SELECTOR_CHARS}`);
  }
  const cached = cache.get(source);
  if (cached) return cached;
  const parsed = new Parser(source).parseList();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, parsed);
  return parsed;
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  private fail(what: string): never {
    const at = this.pos < this.src.length ? `"${this.src[this.pos]}" at ${this.pos}` : 'end of input';
    throw new SelectorSyntaxError(`Invalid selector "${this.src}": ${what} (${at})`);
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
    return this.pos > start;
  }

  parseList(): SelectorList {
    const list: SelectorList = [];
    for (;;) {
      this.skipSpace();
      list.push(this.parseComplex());
      this.skipSpace();
      if (this.pos >= this.src.length) break;
      if (this.src[this.pos] !== ',') this.fail('expected ","');
      if (list.length >= MAX_SELECTORS) this.fail(`more than ${MAX_SELECTORS} selectors in one list`);
      this.pos++;
    }
    return list;
  }

  private parseComplex(): ComplexSelector {
    const compounds = [this.parseCompound()];
    const combinators: ComplexSelector['combinators'] = [];
    for (;;) {
      const hadSpace = this.skipSpace();
      const ch = this.src[this.pos];
      if (this.pos >= this.src.length || ch === ',') break;
      let combinator: 'descendant' | 'child' = 'descendant';
      if (ch === '>') {
        if (this.src.startsWith('>>>', this.pos)) this.pos += 3;
        else {
          this.pos++;
          combinator = 'child';
        }
        this.skipSpace();
      } else if (!hadSpace) {
        this.fail('unexpected character');
      }
      if (compounds.length >= MAX_COMPOUNDS) this.fail(`more than ${MAX_COMPOUNDS} compounds in one selector`);
      combinators.push(combinator);
      compounds.push(this.parseCompound());
    }
    return { compounds, combinators };
  }

  private parseIdent(): string {
    const start = this.pos;
    while (this.pos < this.src.length && IDENT_CHAR.test(this.src[this.pos])) this.pos++;
    if (this.pos === start) this.fail('expected a name');
    return this.src.slice(start, this.pos);
  }

  private parseCompound(): CompoundSelector {
    const compound: CompoundSelector = { ids: [], classes: [] };
    let parts = 0;
    if (this.src[this.pos] === '*') {
      this.pos++;
      parts++;
    } else if (this.pos < this.src.length && IDENT_CHAR.test(this.src[this.pos])) {
      compound.tag = this.parseIdent();
      parts++;
    }
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === '#') {
        this.pos++;
        compound.ids.push(this.parseIdent());
      } else if (ch === '.') {
        this.pos++;
        compound.classes.push(this.parseIdent());
      } else break;
      parts++;
    }
    if (parts === 0) this.fail('expected a tag, "#id" or ".class"');
    return compound;
  }
}

function matchCompound<N>(compound: CompoundSelector, node: N, adapter: SelectorAdapter<N>): boolean {
  if (compound.tag !== undefined && adapter.tag(node) !== compound.tag) return false;
  if (compound.ids.length > 0) {
    const id = adapter.id(node);
    for (const wanted of compound.ids) if (id !== wanted) return false;
  }
  if (compound.classes.length > 0) {
    const classes = adapter.classes(node);
    for (const wanted of compound.classes) if (!classes.includes(wanted)) return false;
  }
  return true;
}

/**
 * A matcher for one selector list, memoised across the nodes it is asked about (one per query):
 * `M(i, x)` (compound i matches x with the compounds before it matching above x) and `A(i, x)`
 * (some ancestor-or-self of x satisfies M(i, ·)) are each computed once per (i, x), so a query costs
 * O(compounds × nodes) however many descendant combinators the selector has.
 */
export function selectorMatcher<N>(list: SelectorList, adapter: SelectorAdapter<N>): (node: N) => boolean {
  const matchers = list.map((complex) => complexMatcher(complex, adapter));
  return (node) => {
    for (const match of matchers) if (match(node)) return true;
    return false;
  };
}

const UNKNOWN = 0;
const NO = 1;
const YES = 2;

function complexMatcher<N>(selector: ComplexSelector, adapter: SelectorAdapter<N>): (node: N) => boolean {
  const n = selector.compounds.length;
  const last = selector.compounds[n - 1]!;
  if (n === 1) return (node) => matchCompound(last, node, adapter);
  // Per node: [M(0..n-1), A(0..n-1)] as UNKNOWN / NO / YES.
  const memo = new Map<N, Uint8Array>();
  const slots = (node: N): Uint8Array => {
    let entry = memo.get(node);
    if (entry === undefined) memo.set(node, (entry = new Uint8Array(2 * n)));
    return entry;
  };
  const matchAt = (i: number, node: N): boolean => {
    const entry = slots(node);
    if (entry[i] !== UNKNOWN) return entry[i] === YES;
    let result = matchCompound(selector.compounds[i]!, node, adapter);
    if (result && i > 0) {
      const parent = adapter.parent(node);
      if (parent === undefined) result = false;
      else if (selector.combinators[i - 1] === 'child') result = matchAt(i - 1, parent);
      else result = ancestorOrSelf(i - 1, parent);
    }
    entry[i] = result ? YES : NO;
    return result;
  };
  const ancestorOrSelf = (i: number, start: N): boolean => {
    // Iterative up the chain (a deep tree must not deepen the stack), then fill in the memo.
    const path: N[] = [];
    let result = false;
    for (let node: N | undefined = start; node !== undefined; node = adapter.parent(node)) {
      const known = slots(node)[n + i];
      if (known !== UNKNOWN) {
        result = known === YES;
        break;
      }
      path.push(node);
      if (matchAt(i, node)) {
        result = true;
        break;
      }
    }
    for (const node of path) slots(node)[n + i] = result ? YES : NO;
    return result;
  };
  return (node) => matchAt(n - 1, node);
}

export function matchesSelector<N>(list: SelectorList, node: N, adapter: SelectorAdapter<N>): boolean {
  return selectorMatcher(list, adapter)(node);
}

/** Splits a `class` attribute value into names. */
export function classNames(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  const text = typeof value === 'string' ? value : String(value);
  const names = text.split(/\s+/);
  return names.filter((name) => name.length > 0);
}
