/**
 * The Elements panel's style pane: which rules of the phone's sheets match an element, every
 * declaration in them as written, which one wins for each property (importance, specificity,
 * order, the inline style over rules), and the file each rule is written in. Dev builds mark every
 * package rule with `--mpk-source: "file:line"` (the compiler's SheetOptions.sourceInfo); the
 * renderer's own defaults and the simulator's screen sheet are named as such.
 */

/** The custom property the compiler writes a rule's source into (dev builds). */
export const SOURCE_PROPERTY = '--mpk-source';

export interface Declaration {
  property: string;
  value: string;
  important: boolean;
  /** The longhands it sets (itself for a longhand). */
  longhands: string[];
  /** No longhand of it wins: a later, more specific or more important declaration does. */
  overridden: boolean;
}

export interface MatchedRule {
  /** The selector (`.item.c1`), or `style attribute`. */
  selector: string;
  /** `pages/index/index.acss:3`, `mpk default styles`, `simulator`, `style attribute`. */
  source: string;
  /** `@media …` / `@container …` / `@supports …` the rule sits in, if any. */
  condition?: string;
  declarations: Declaration[];
}

export interface ComputedEntry {
  property: string;
  /** getComputedStyle's value. */
  value: string;
  /** The winning declaration's rule. */
  rule: MatchedRule;
  declaration: Declaration;
}

export interface StyleReport {
  /** Most important first: the inline style, then rules by descending cascade rank. */
  rules: MatchedRule[];
  /** Every longhand some declaration sets, alphabetically, with the value the element has. */
  computed: ComputedEntry[];
}

interface Ranked {
  rule: MatchedRule;
  /** [inline, a, b, c, order] */
  rank: number[];
}

/** The style report of `element`, from the sheets of the root it lives in. */
export function styleReport(element: Element): StyleReport {
  const root = element.getRootNode() as Document | ShadowRoot;
  const ranked: Ranked[] = [];
  let order = 0;
  for (const sheet of Array.from(root.styleSheets ?? [])) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    const origin = sheetName(sheet);
    const visit = (list: CSSRuleList, condition: string | undefined): void => {
      for (const rule of Array.from(list)) {
        order++;
        if (rule instanceof CSSStyleRule) {
          const specificity = matchingSpecificity(element, rule.selectorText);
          if (!specificity) continue;
          const marked = rule.style.getPropertyValue(SOURCE_PROPERTY).trim();
          const matched: MatchedRule = { selector: rule.selectorText, source: marked ? unquote(marked) : origin, declarations: declarationsOf(rule.style) };
          if (condition) matched.condition = condition;
          ranked.push({ rule: matched, rank: [0, ...specificity, order] });
        } else if (rule instanceof CSSMediaRule) {
          if (window.matchMedia(rule.media.mediaText).matches) visit(rule.cssRules, `@media ${rule.media.mediaText}`);
        } else if (rule instanceof CSSSupportsRule) {
          if (CSS.supports(rule.conditionText)) visit(rule.cssRules, `@supports ${rule.conditionText}`);
        } else if (typeof CSSContainerRule !== 'undefined' && rule instanceof CSSContainerRule) {
          // Size queries on the screen (the compiler's @media → @container): shown, not evaluated.
          visit(rule.cssRules, `@container ${rule.conditionText}`);
        } else if ('cssRules' in rule && !(rule instanceof CSSKeyframesRule)) {
          visit((rule as CSSGroupingRule).cssRules, condition);
        }
      }
    };
    visit(rules, undefined);
  }
  const inline = (element as HTMLElement).style;
  if (inline && inline.length > 0) ranked.push({ rule: { selector: 'style attribute', source: 'style attribute', declarations: declarationsOf(inline) }, rank: [1, 0, 0, 0, 0] });

  // Winner per longhand: important beats normal, then the inline style, specificity and order.
  const winners = new Map<string, { declaration: Declaration; rule: MatchedRule; key: number[] }>();
  for (const { rule, rank } of ranked) {
    for (const declaration of rule.declarations) {
      const key = [declaration.important ? 1 : 0, ...rank];
      for (const longhand of declaration.longhands) {
        const current = winners.get(longhand);
        if (!current || compare(key, current.key) >= 0) winners.set(longhand, { declaration, rule, key });
      }
    }
  }
  const winning = new Set([...winners.values()].map((w) => w.declaration));
  for (const { rule } of ranked) for (const declaration of rule.declarations) declaration.overridden = !winning.has(declaration);
  const computedStyle = getComputedStyle(element);
  const computed = [...winners.entries()]
    .filter(([property]) => property !== SOURCE_PROPERTY)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([property, w]) => ({ property, value: computedStyle.getPropertyValue(property).trim(), rule: w.rule, declaration: w.declaration }));
  const rules = ranked.sort((x, y) => compare(y.rank, x.rank)).map((r) => r.rule);
  return { rules, computed };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function sheetName(sheet: CSSStyleSheet): string {
  const owner = sheet.ownerNode as Element | null;
  if (owner?.hasAttribute?.('data-mpk-dom-styles')) return 'mpk default styles';
  const key = owner?.getAttribute?.('data-mpk-sheet');
  if (key !== null && key !== undefined) return `package sheet ${key}`;
  return 'simulator';
}

function unquote(text: string): string {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'string' ? value : text;
  } catch {
    return text.replace(/^['"]|['"]$/g, '');
  }
}

/**
 * The declarations of a rule as written: from its text, so shorthands and values with `var()`
 * (every rpx value: `calc(20 * var(--mpk-rpx))`) stay whole — CSSOM gives such longhands no value.
 */
export function declarationsOf(style: CSSStyleDeclaration): Declaration[] {
  const out: Declaration[] = [];
  for (const part of splitTopLevel(style.cssText, ';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const property = part.slice(0, colon).trim();
    let value = part.slice(colon + 1).trim();
    const important = /!\s*important$/i.test(value);
    if (important) value = value.replace(/!\s*important$/i, '').trim();
    if (property === SOURCE_PROPERTY) continue;
    out.push({ property, value, important, longhands: longhandsOf(property), overridden: false });
  }
  return out;
}

const LONGHANDS = new Map<string, string[]>();

/** `padding` → padding-top, -right, -bottom, -left (asked of the browser once per name). */
function longhandsOf(property: string): string[] {
  if (property.startsWith('--')) return [property];
  let found = LONGHANDS.get(property);
  if (!found) {
    const probe = document.createElement('div').style;
    probe.setProperty(property, 'initial');
    found = probe.length > 0 ? Array.from({ length: probe.length }, (_, i) => probe.item(i)) : [property];
    LONGHANDS.set(property, found);
  }
  return found;
}

/** Splits at `separator` outside parentheses, brackets and strings. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The highest specificity among the selectors of `list` that match `element`; undefined when none does. */
function matchingSpecificity(element: Element, list: string): [number, number, number] | undefined {
  let best: [number, number, number] | undefined;
  for (const selector of splitTopLevel(list, ',')) {
    let matches = false;
    try {
      matches = element.matches(selector);
    } catch {
      matches = false;
    }
    if (!matches) continue;
    const s = specificity(selector);
    if (!best || compare(s, best) > 0) best = s;
  }
  return best;
}

const IDENT = /^-?(?:[A-Za-z_\u0080-\uffff]|\\.)(?:[\w\u0080-\uffff-]|\\.)*/;
const LEGACY_PSEUDO_ELEMENTS = new Set(['before', 'after', 'first-line', 'first-letter']);

/** Selectors Level 4 specificity (a: ids, b: classes/attributes/pseudo-classes, c: types/pseudo-elements). */
export function specificity(selector: string): [number, number, number] {
  let a = 0;
  let b = 0;
  let c = 0;
  let i = 0;
  const ident = (from: number): number => from + (IDENT.exec(selector.slice(from))?.[0].length ?? 0);
  const parens = (from: number): [string, number] => {
    let depth = 0;
    for (let j = from; j < selector.length; j++) {
      if (selector[j] === '(') depth++;
      else if (selector[j] === ')' && --depth === 0) return [selector.slice(from + 1, j), j + 1];
    }
    return [selector.slice(from + 1), selector.length];
  };
  while (i < selector.length) {
    const ch = selector[i]!;
    if (ch === '#') {
      a++;
      i = ident(i + 1);
    } else if (ch === '.') {
      b++;
      i = ident(i + 1);
    } else if (ch === '[') {
      b++;
      const end = selector.indexOf(']', i);
      i = end < 0 ? selector.length : end + 1;
    } else if (ch === ':') {
      const element = selector[i + 1] === ':';
      const start = i + (element ? 2 : 1);
      const end = ident(start);
      const name = selector.slice(start, end).toLowerCase();
      i = end;
      let args: string | undefined;
      if (selector[i] === '(') [args, i] = parens(i);
      if (element || LEGACY_PSEUDO_ELEMENTS.has(name)) c++;
      else if (name === 'where') continue;
      else if ((name === 'is' || name === 'not' || name === 'has' || name === 'matches') && args !== undefined) {
        let max: [number, number, number] = [0, 0, 0];
        for (const inner of splitTopLevel(args, ',')) {
          const s = specificity(inner);
          if (compare(s, max) > 0) max = s;
        }
        a += max[0];
        b += max[1];
        c += max[2];
      } else b++;
    } else if (/[A-Za-z_\u0080-\uffff\\-]/.test(ch)) {
      c++;
      const next = ident(i);
      i = next > i ? next : i + 1;
    } else i++;
  }
  return [a, b, c];
}

/** The CSS box of an element in phone pixels: content size and each side of padding, border, margin. */
export interface BoxModel {
  content: { width: number; height: number };
  padding: [number, number, number, number];
  border: [number, number, number, number];
  margin: [number, number, number, number];
}

export function boxModel(element: HTMLElement): BoxModel {
  const style = getComputedStyle(element);
  const sides = (name: string, suffix = ''): [number, number, number, number] =>
    ['top', 'right', 'bottom', 'left'].map((side) => parseFloat(style.getPropertyValue(`${name}-${side}${suffix}`)) || 0) as [number, number, number, number];
  const padding = sides('padding');
  const border = sides('border', '-width');
  const margin = sides('margin');
  // offsetWidth is the layout border box (CSS zoom and transforms aside); inline elements have no used width.
  const width = Math.max(0, element.offsetWidth - padding[1] - padding[3] - border[1] - border[3]);
  const height = Math.max(0, element.offsetHeight - padding[0] - padding[2] - border[0] - border[2]);
  return { content: { width, height }, padding, border, margin };
}
