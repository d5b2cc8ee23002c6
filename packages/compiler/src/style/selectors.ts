/**
 * Selector rewriting for the three kinds of sheets:
 *  - app.acss (global): the `page` type selector becomes `:where(.mpk-page)` (every page root);
 *  - a page's sheet: scoped to that page — selectors get the prefix
 *    `:where(.mpk-page[data-mpk-page="<id>"]) `, and `page` itself becomes that page root;
 *  The page root selectors sit in `:where()`: the scope adds no specificity, so a page's rule
 *  competes with a library's as written (on the platform each page is its own document and its
 *  sheet is not prefixed); a page's sheet comes after the app's and the components' in the part's
 *  CSS, so at equal specificity it wins, as the docs say it overrides app.acss.
 *  - a component's sheet: global by default (the docs' `shared`); with `apply-shared` every
 *    compound selector also requires `[data-s-<scope>]` (the attribute the renderer writes on every
 *    element the component renders), and `:host` becomes `[data-s-<scope>-host]` (the host element
 *    of a component with virtualHost: false).
 * In every kind of sheet, the type selectors of built-ins whose element the DOM renderer cannot name
 * after the tag are written as the element's name (`input` → `a-input`, `textarea` → `a-textarea`:
 * a native field holds no children, so the renderer's host is a wrapper named so; `button` →
 * `a-button`: a native button does not size like the platform's), keeping their specificity; see
 * BUILTIN_ELEMENT_NAMES.
 * It also reports what the platform does not support: attribute selectors and the reserved
 * `.a-` / `.am-` class prefixes.
 */

import selectorParser from 'postcss-selector-parser';

export type SheetMode =
  | { kind: 'app' }
  | { kind: 'page'; pageId: string }
  | { kind: 'component'; scope: string; isolated: boolean };

export interface SelectorFindings {
  /** Attribute selectors written by the author. */
  attributes: string[];
  /** Class names with a reserved prefix. */
  reservedClasses: string[];
  /** `:host` was used. */
  host: boolean;
}

export const PAGE_ROOT_CLASS = 'mpk-page';

/**
 * Built-in tags the DOM renderer draws as an element of another name (runtime
 * `renderers/dom/components/input.ts` TEXT_FIELD_HOSTS, `form.ts` BUTTON_HOST): a type selector of
 * the tag means that element.
 */
export const BUILTIN_ELEMENT_NAMES: Readonly<Record<string, string>> = { input: 'a-input', textarea: 'a-textarea', button: 'a-button' };
export const PAGE_ID_ATTRIBUTE = 'data-mpk-page';

/** Every page root, at zero specificity (see the module comment). */
const ANY_PAGE_ROOT = `:where(.${PAGE_ROOT_CLASS})`;

export function pageRootSelector(pageId: string): string {
  return `:where(.${PAGE_ROOT_CLASS}[${PAGE_ID_ATTRIBUTE}=${JSON.stringify(pageId)}])`;
}

export function scopeAttribute(scope: string): string {
  return `data-s-${scope}`;
}

const PSEUDO_ELEMENTS_LEGACY = new Set([':before', ':after', ':first-line', ':first-letter']);

/**
 * A node that prints `text` as written. Our inserted selector fragments are fixed strings; building
 * them as raw nodes avoids parsing and cloning attribute nodes for every rule (which dominated the
 * cost of scoping a sheet).
 */
function raw(text: string): selectorParser.Tag {
  return selectorParser.tag({ value: text });
}

function isPseudoElement(node: selectorParser.Node): boolean {
  return node.type === 'pseudo' && (node.value.startsWith('::') || PSEUDO_ELEMENTS_LEGACY.has(node.value.toLowerCase()));
}

/** Splits a selector's top-level nodes into compounds (runs between combinators). */
function compounds(selector: selectorParser.Selector): selectorParser.Node[][] {
  const out: selectorParser.Node[][] = [[]];
  for (const node of selector.nodes) {
    if (node.type === 'combinator') out.push([]);
    else if (node.type !== 'comment') out[out.length - 1]!.push(node);
  }
  return out.filter((c) => c.length > 0);
}

/**
 * Rewrites one rule's selector list for `mode`. Throws (postcss-selector-parser's error) when the
 * selector cannot be parsed; the caller reports it.
 */
export function rewriteSelector(selector: string, mode: SheetMode): { selector: string; findings: SelectorFindings } {
  const findings: SelectorFindings = { attributes: [], reservedClasses: [], host: false };
  const transform = (root: selectorParser.Root): void => {
    root.walk((node) => {
      if (node.type === 'tag') {
        const renamed = BUILTIN_ELEMENT_NAMES[node.value.toLowerCase()];
        if (renamed && Object.prototype.hasOwnProperty.call(BUILTIN_ELEMENT_NAMES, node.value.toLowerCase())) node.value = renamed;
      }
      if (node.type === 'attribute') findings.attributes.push(String(node));
      if (node.type === 'class' && /^(a|am)-/.test(node.value)) findings.reservedClasses.push(node.value);
    });
    root.each((sel) => {
      if (mode.kind === 'app') replacePageTags(sel, ANY_PAGE_ROOT);
      else if (mode.kind === 'page') scopeToPage(sel, mode.pageId);
      else scopeToComponent(sel, mode.scope, mode.isolated, findings);
    });
  };
  const result = selectorParser(transform).processSync(selector, { lossless: true });
  return { selector: result, findings };
}

/** Replaces top-level `page` type selectors with `replacement`; true when there was one. */
function replacePageTags(sel: selectorParser.Selector, replacement: string): boolean {
  let found = false;
  for (const node of [...sel.nodes]) {
    if (node.type === 'tag' && node.value.toLowerCase() === 'page') {
      const inserted = raw(replacement);
      keepSpaces(node, [inserted]);
      sel.insertBefore(node, inserted);
      node.remove();
      found = true;
    }
  }
  return found;
}

/** Moves the whitespace around a replaced node to the nodes replacing it. */
function keepSpaces(replaced: selectorParser.Node, nodes: selectorParser.Node[]): void {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (first) first.spaces.before = replaced.spaces.before;
  if (last) last.spaces.after = replaced.spaces.after;
}

function scopeToPage(sel: selectorParser.Selector, pageId: string): void {
  const prefix = pageRootSelector(pageId);
  if (replacePageTags(sel, prefix)) return;
  const first = sel.first;
  if (!first) return;
  const inserted = raw(prefix);
  sel.insertBefore(first, inserted);
  sel.insertBefore(first, selectorParser.combinator({ value: ' ' }));
  // The original first node may carry leading whitespace of the list (`a, b`): keep it outside.
  if (first.spaces.before) {
    inserted.spaces.before = first.spaces.before;
    first.spaces.before = '';
  }
}

function scopeToComponent(sel: selectorParser.Selector, scope: string, isolated: boolean, findings: SelectorFindings): void {
  const hostAttribute = `[${scopeAttribute(scope)}-host]`;
  replacePageTags(sel, ANY_PAGE_ROOT);
  const hostCompounds = new Set<selectorParser.Node>();
  for (const node of [...sel.nodes]) {
    if (node.type !== 'pseudo' || node.value.toLowerCase() !== ':host') continue;
    findings.host = true;
    const inserted: selectorParser.Node[] = [raw(hostAttribute)];
    // `:host(.x)` → `[data-s-…-host].x`
    const argument = node.nodes[0];
    if (argument) inserted.push(...argument.nodes.map((n) => n.clone() as selectorParser.Node));
    keepSpaces(node, inserted);
    for (const n of inserted) {
      sel.insertBefore(node, n as selectorParser.Selector['nodes'][number]);
      hostCompounds.add(n);
    }
    node.remove();
  }
  if (!isolated) return;
  for (const compound of compounds(sel)) {
    if (compound.some((n) => hostCompounds.has(n))) continue;
    const attribute = raw(`[${scopeAttribute(scope)}]`);
    const pseudoElement = compound.find(isPseudoElement);
    if (pseudoElement) sel.insertBefore(pseudoElement as selectorParser.Selector['nodes'][number], attribute);
    else sel.insertAfter(compound[compound.length - 1] as selectorParser.Selector['nodes'][number], attribute);
    // Whitespace after the compound belongs after the inserted attribute.
    const last = compound[compound.length - 1]!;
    if (!pseudoElement && last.spaces.after) {
      attribute.spaces.after = last.spaces.after;
      last.spaces.after = '';
    }
  }
}
