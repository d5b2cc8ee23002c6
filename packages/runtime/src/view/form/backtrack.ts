/**
 * A backtracking regular-expression matcher for the patterns RE2 cannot run (lookahead,
 * backreferences), with JavaScript's semantics, whose every step is billed to the render's budget
 * (`charge`): a catastrophic pattern ends with the render's budget error instead of holding the
 * host. Patterns are parsed by `@eslint-community/regexpp` (ECMAScript's grammar) and compiled to
 * closures in continuation-passing style; a quantifier over a single character loops instead of
 * recursing, so `\d+` over a long input does not grow the stack.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import type { CompiledPattern, MatchOffsets } from './regex.ts';

type Cont = (pos: number) => boolean;
type Matcher = (pos: number, k: Cont) => boolean;
type CharTest = (c: number) => boolean;

interface Run {
  input: string;
  caps: number[];
  steps: number;
  charge: (steps: number) => void;
}

const CHARGE_EVERY = 256;
const parser = new RegExpParser({ ecmaVersion: 2025 });

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

function isWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function caseVariants(c: number): number[] {
  const s = String.fromCodePoint(c);
  const out = [c];
  for (const v of [s.toLowerCase(), s.toUpperCase()]) {
    const code = v.codePointAt(0)!;
    if (v.length === s.length && !out.includes(code)) out.push(code);
  }
  return out;
}

class Compiler {
  groups = 0;
  readonly names: Array<[string, number]> = [];
  private readonly groupIndex = new Map<AST.CapturingGroup, number>();
  run!: Run;

  constructor(
    private readonly ignoreCase: boolean,
    private readonly multiline: boolean,
    private readonly dotAll: boolean,
    private readonly unicode: boolean,
  ) {}

  index(group: AST.CapturingGroup): number {
    let n = this.groupIndex.get(group);
    if (n === undefined) {
      n = ++this.groups;
      this.groupIndex.set(group, n);
      if (group.name) this.names.push([group.name, n]);
    }
    return n;
  }

  /** Reads the character at `pos`: [code, width] (width 0 at the end). */
  charAt(pos: number): number {
    const input = this.run.input;
    if (pos >= input.length) return -1;
    return this.unicode ? input.codePointAt(pos)! : input.charCodeAt(pos);
  }

  width(c: number): number {
    return c > 0xffff ? 2 : 1;
  }

  step(): void {
    const run = this.run;
    if (++run.steps >= CHARGE_EVERY) {
      run.steps = 0;
      run.charge(CHARGE_EVERY);
    }
  }

  alternatives(alternatives: AST.Alternative[]): Matcher {
    const list = alternatives.map((a) => this.sequence(a.elements));
    if (list.length === 1) return list[0]!;
    return (pos, k) => {
      for (const m of list) if (m(pos, k)) return true;
      return false;
    };
  }

  sequence(elements: AST.Element[]): Matcher {
    const list = elements.map((e) => this.element(e));
    return list.reduceRight<Matcher>(
      (rest, m) => (pos, k) => m(pos, (p) => rest(p, k)),
      (pos, k) => k(pos),
    );
  }

  /** The test of a single-character element, or undefined when the element is not one. */
  charTest(node: AST.Element | AST.CharacterClassElement): CharTest | undefined {
    switch (node.type) {
      case 'Character': {
        if (!this.ignoreCase) {
          const v = node.value;
          return (c) => c === v;
        }
        const variants = caseVariants(node.value);
        return (c) => variants.includes(c);
      }
      case 'CharacterSet':
        return this.setTest(node);
      case 'CharacterClass': {
        if (node.unicodeSets) return undefined;
        const tests = node.elements.map((e) => this.classElement(e));
        if (tests.some((t) => t === undefined)) return undefined;
        const all = tests as CharTest[];
        const negate = node.negate;
        const ignoreCase = this.ignoreCase;
        return (c) => {
          let hit = false;
          if (ignoreCase) {
            for (const v of caseVariants(c)) if (all.some((t) => t(v))) hit = true;
          } else hit = all.some((t) => t(c));
          return negate ? !hit : hit;
        };
      }
      default:
        return undefined;
    }
  }

  classElement(node: AST.CharacterClassElement): CharTest | undefined {
    if (node.type === 'CharacterClassRange') {
      const min = node.min.value;
      const max = node.max.value;
      return (c) => c >= min && c <= max;
    }
    if (node.type === 'Character') {
      const v = node.value;
      return (c) => c === v;
    }
    if (node.type === 'CharacterSet') return this.setTest(node);
    return undefined;
  }

  setTest(node: AST.CharacterSet): CharTest | undefined {
    let test: CharTest;
    switch (node.kind) {
      case 'any':
        return this.dotAll ? () => true : (c) => !isLineTerminator(c);
      case 'digit':
        test = (c) => c >= 0x30 && c <= 0x39;
        break;
      case 'space':
        test = isSpace;
        break;
      case 'word':
        test = isWord;
        break;
      case 'property': {
        if (node.strings) return undefined;
        const key = node.value ? `${node.key}=${node.value}` : node.key;
        const re = new RegExp(`^\\p{${key}}$`, 'u');
        test = (c) => re.test(String.fromCodePoint(c));
        break;
      }
      default:
        return undefined;
    }
    return node.negate ? (c) => !test(c) : test;
  }

  element(node: AST.Element): Matcher {
    const single = this.charTest(node);
    if (single !== undefined) {
      return (pos, k) => {
        this.step();
        const c = this.charAt(pos);
        return c >= 0 && single(c) && k(pos + this.width(c));
      };
    }
    switch (node.type) {
      case 'Group':
        return this.alternatives(node.alternatives);
      case 'CapturingGroup': {
        const n = this.index(node);
        const inner = this.alternatives(node.alternatives);
        return (pos, k) => {
          const caps = this.run.caps;
          const oldStart = caps[2 * n]!;
          const oldEnd = caps[2 * n + 1]!;
          if (
            inner(pos, (end) => {
              const s = caps[2 * n]!;
              const e = caps[2 * n + 1]!;
              caps[2 * n] = pos;
              caps[2 * n + 1] = end;
              if (k(end)) return true;
              caps[2 * n] = s;
              caps[2 * n + 1] = e;
              return false;
            })
          ) return true;
          caps[2 * n] = oldStart;
          caps[2 * n + 1] = oldEnd;
          return false;
        };
      }
      case 'Quantifier':
        return this.quantifier(node);
      case 'Assertion':
        return this.assertion(node);
      case 'Backreference':
        return this.backreference(node);
      default:
        throw new SyntaxError(`unsupported regular expression syntax: ${node.raw}`);
    }
  }

  /** Groups inside `node` (their captures reset on each iteration of a quantifier). */
  groupsIn(node: AST.Node, out: number[] = []): number[] {
    if (node.type === 'CapturingGroup') out.push(this.index(node));
    const children: AST.Node[] =
      'alternatives' in node ? (node.alternatives as AST.Node[]) : 'elements' in node ? (node.elements as AST.Node[]) : 'element' in node ? [node.element as AST.Node] : [];
    for (const child of children) this.groupsIn(child, out);
    return out;
  }

  quantifier(node: AST.Quantifier): Matcher {
    const { min, max, greedy } = node;
    const single = this.charTest(node.element);
    if (single !== undefined) {
      // One character per iteration: count how far it can go, then try the rest from there.
      return (pos, k) => {
        const ends: number[] = [pos];
        let p = pos;
        while (ends.length - 1 < max) {
          this.step();
          const c = this.charAt(p);
          if (c < 0 || !single(c)) break;
          p += this.width(c);
          ends.push(p);
        }
        const count = ends.length - 1;
        if (count < min) return false;
        if (greedy) {
          for (let i = count; i >= min; i--) if (k(ends[i]!)) return true;
        } else {
          for (let i = min; i <= count; i++) if (k(ends[i]!)) return true;
        }
        return false;
      };
    }
    const inner = this.element(node.element);
    const reset = this.groupsIn(node.element);
    const attempt = (pos: number, count: number, k: Cont): boolean => {
      this.step();
      const caps = this.run.caps;
      const tryMore = (): boolean => {
        if (count >= max) return false;
        const saved = reset.map((g) => [caps[2 * g]!, caps[2 * g + 1]!] as const);
        for (const g of reset) caps[2 * g] = caps[2 * g + 1] = -1;
        // An iteration that matches nothing ends the loop (ECMAScript's empty check).
        const ok = inner(pos, (p) => (p === pos && count >= min ? false : attempt(p, count + 1, k)));
        if (!ok) reset.forEach((g, i) => ((caps[2 * g] = saved[i]![0]), (caps[2 * g + 1] = saved[i]![1])));
        return ok;
      };
      if (count < min) return tryMore();
      if (greedy) return tryMore() || k(pos);
      return k(pos) || tryMore();
    };
    return (pos, k) => attempt(pos, 0, k);
  }

  assertion(node: AST.Assertion): Matcher {
    switch (node.kind) {
      case 'start':
        return (pos, k) => (pos === 0 || (this.multiline && isLineTerminator(this.run.input.charCodeAt(pos - 1)))) && k(pos);
      case 'end':
        return (pos, k) => {
          const input = this.run.input;
          return (pos === input.length || (this.multiline && isLineTerminator(input.charCodeAt(pos)))) && k(pos);
        };
      case 'word': {
        const negate = node.negate;
        return (pos, k) => {
          const input = this.run.input;
          const before = pos > 0 && isWord(input.charCodeAt(pos - 1));
          const after = pos < input.length && isWord(input.charCodeAt(pos));
          return (before !== after) !== negate && k(pos);
        };
      }
      case 'lookahead': {
        const inner = this.alternatives(node.alternatives);
        const negate = node.negate;
        const groups = this.groupsIn(node);
        return (pos, k) => {
          const caps = this.run.caps;
          const saved = groups.map((g) => [caps[2 * g]!, caps[2 * g + 1]!] as const);
          const matched = inner(pos, () => true);
          if (matched === negate) {
            groups.forEach((g, i) => ((caps[2 * g] = saved[i]![0]), (caps[2 * g + 1] = saved[i]![1])));
            return false;
          }
          if (negate) groups.forEach((g, i) => ((caps[2 * g] = saved[i]![0]), (caps[2 * g + 1] = saved[i]![1])));
          if (k(pos)) return true;
          groups.forEach((g, i) => ((caps[2 * g] = saved[i]![0]), (caps[2 * g + 1] = saved[i]![1])));
          return false;
        };
      }
      case 'lookbehind': {
        // Tried from every earlier start, forwards, ending exactly here (billed step by step).
        const inner = this.alternatives(node.alternatives);
        const negate = node.negate;
        return (pos, k) => {
          let matched = false;
          for (let start = pos; start >= 0 && !matched; start--) {
            this.step();
            matched = inner(start, (p) => p === pos);
          }
          return matched !== negate && k(pos);
        };
      }
    }
  }

  backreference(node: AST.Backreference): Matcher {
    const resolved = node.resolved;
    const targets = (Array.isArray(resolved) ? resolved : [resolved]).map((g) => this.index(g));
    return (pos, k) => {
      this.step();
      const caps = this.run.caps;
      const n = targets.find((g) => caps[2 * g]! >= 0);
      if (n === undefined) return k(pos);
      const input = this.run.input;
      const text = input.slice(caps[2 * n], caps[2 * n + 1]);
      const here = input.slice(pos, pos + text.length);
      this.run.charge(text.length >> 4);
      const same = this.ignoreCase ? here.toLowerCase() === text.toLowerCase() && here.length === text.length : here === text;
      return same && k(pos + text.length);
    };
  }
}

/** Compiles a JavaScript pattern for the backtracker. Throws SyntaxError for what JavaScript would refuse. */
export function compileBacktracking(source: string, flags: string): CompiledPattern {
  const unicode = flags.includes('u') || flags.includes('v');
  const ast = parser.parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
  const compiler = new Compiler(flags.includes('i'), flags.includes('m'), flags.includes('s'), unicode);
  // Number the groups in source order first (a backreference may come before its group).
  compiler.groupsIn(ast);
  const match = compiler.alternatives(ast.alternatives);
  const groups = compiler.groups;
  return {
    groups,
    names: compiler.names,
    engine: 'backtrack',
    exec(input: string, from: number, charge: (steps: number) => void): MatchOffsets | null {
      const caps = new Array<number>(2 + 2 * groups).fill(-1);
      const run: Run = { input, caps, steps: 0, charge };
      compiler.run = run;
      for (let start = from; start <= input.length; start++) {
        for (let i = 2; i < caps.length; i++) caps[i] = -1;
        let end = -1;
        if (match(start, (p) => ((end = p), true))) {
          caps[0] = start;
          caps[1] = end;
          return caps;
        }
        if (unicode && start < input.length && input.codePointAt(start)! > 0xffff) start++;
      }
      return null;
    },
  };
}
