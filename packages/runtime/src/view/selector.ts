/**
 * The selector subset mini-programs use for `my.createSelectorQuery`, `$selectComponent` and SJS
 * descriptors: tag, `*`, `#id`, `.class` (compound: `view.item#a`), descendant (` `), child (`>`),
 * `>>>` (treated as descendant: there are no shadow boundaries in our trees) and `,` lists.
 * Generic over the node type so the engine's tree and the headless tree share one implementation.
 */

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

function matchFrom<N>(selector: ComplexSelector, index: number, node: N, adapter: SelectorAdapter<N>): boolean {
  if (!matchCompound(selector.compounds[index], node, adapter)) return false;
  if (index === 0) return true;
  let ancestor = adapter.parent(node);
  if (selector.combinators[index - 1] === 'child') {
    return ancestor !== undefined && matchFrom(selector, index - 1, ancestor, adapter);
  }
  while (ancestor !== undefined) {
    if (matchFrom(selector, index - 1, ancestor, adapter)) return true;
    ancestor = adapter.parent(ancestor);
  }
  return false;
}

export function matchesSelector<N>(list: SelectorList, node: N, adapter: SelectorAdapter<N>): boolean {
  for (const complex of list) {
    if (matchFrom(complex, complex.compounds.length - 1, node, adapter)) return true;
  }
  return false;
}

/** Splits a `class` attribute value into names. */
export function classNames(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  const text = typeof value === 'string' ? value : String(value);
  const names = text.split(/\s+/);
  return names.filter((name) => name.length > 0);
}
