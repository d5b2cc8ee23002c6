/**
 * A package's style sheet is package data: the compiler scopes it, but a hand-edited package can
 * ship any CSS. Inside a shadow root (the simulator's screen, a host that renders into one) every
 * rule stays in the shadow tree except those that select the shadow host itself: `:host`,
 * `:host(…)`, `:host-context(…)` — with them a sheet could restyle the host's element (cover the
 * whole page, hide it). The compiler never emits them (it turns `:host` into a scope attribute),
 * so a rule that still has one came from a tampered package: it is dropped, with the rest of the
 * sheet kept. `@import` is dropped too (it would fetch outside the package's asset resolution).
 *
 * Checked through the browser's own CSS parser (CSSOM), so escapes (`:\68 ost`), case and
 * comments cannot hide a selector; sheets whose text cannot name one skip the parse.
 */

/** The CSS of `text` without rules that reach the shadow host, or `text` itself when it has none. */
export function containShadowSheet(text: string, doc: Document): string {
  // A `:host` pseudo-class needs the letters h-o-s-t or an escape; most sheets have neither.
  if (!/host|\\|@import/i.test(text)) return text;
  const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
  if (typeof Sheet !== 'function') return withoutHostRegex(text);
  let sheet: CSSStyleSheet;
  try {
    sheet = new Sheet();
    // replaceSync ignores @import rules: they never load.
    sheet.replaceSync(text);
  } catch {
    return withoutHostRegex(text);
  }
  let dropped = 0;
  const visit = (rules: CSSRuleList): string[] => {
    const out: string[] = [];
    for (const rule of Array.from(rules)) {
      const style = rule as CSSStyleRule;
      if (typeof style.selectorText === 'string') {
        if (selectsHost(style)) {
          dropped++;
          continue;
        }
        out.push(rule.cssText);
        continue;
      }
      // @media, @supports, @container, @layer, @scope, @keyframes…: their rules are checked in turn.
      const group = rule as CSSGroupingRule;
      if (group.cssRules !== undefined && group.cssRules !== null) {
        const inner = visit(group.cssRules);
        const head = rule.cssText.slice(0, rule.cssText.indexOf('{'));
        out.push(`${head}{\n${inner.join('\n')}\n}`);
        continue;
      }
      out.push(rule.cssText);
    }
    return out;
  };
  const kept = visit(sheet.cssRules);
  if (dropped === 0 && !/@import/i.test(text)) return text;
  return kept.join('\n');
}

/** A style rule that names `:host`, itself or in a rule nested in it (CSS nesting), at any depth. */
function selectsHost(rule: CSSStyleRule): boolean {
  if (/:host/i.test(rule.selectorText)) return true;
  const nested = rule.cssRules;
  if (!nested) return false;
  for (const inner of Array.from(nested)) {
    const style = inner as CSSStyleRule;
    if (typeof style.selectorText === 'string' ? selectsHost(style) : /:host/i.test(inner.cssText)) return true;
  }
  return false;
}

/** Without a CSSOM (a non-browser document): drop every rule whose prelude mentions host or an escape. */
function withoutHostRegex(text: string): string {
  return text.replace(/@import[^;]*;/gi, '').replace(/[^{}]*(?::host|\\)[^{}]*\{[^{}]*\}/gi, '');
}

/** Rules that only declare names (fonts, animations, properties): they stay at the top level, where they are valid. */
const DECLARING = /^@(?:font-face|keyframes|-webkit-keyframes|property|font-feature-values|font-palette-values|counter-style|layer\s+[^{]*;)/i;

/**
 * A renderer outside a shadow root shares the host's document: a package sheet (app.acss and shared
 * component sheets are global on the platform) would style the host page too (`view {}`, `* {}`,
 * `body {}`). The sheet is put inside `@scope (<root>)`, so its rules match only the renderer's
 * container and what it holds; the rules that only declare names (`@font-face`, `@keyframes`,
 * `@property`…) are not allowed there and stay outside; `@import` is dropped.
 */
export function containDocumentSheet(text: string, doc: Document, root: string): string {
  const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
  if (typeof Sheet !== 'function') return `@scope (${root}) {\n${text.replace(/@import[^;]*;/gi, '')}\n}`;
  let sheet: CSSStyleSheet;
  try {
    sheet = new Sheet();
    sheet.replaceSync(text);
  } catch {
    return `@scope (${root}) {\n${text.replace(/@import[^;]*;/gi, '')}\n}`;
  }
  const outside: string[] = [];
  const inside: string[] = [];
  for (const rule of Array.from(sheet.cssRules)) {
    const css = rule.cssText;
    if (DECLARING.test(css)) outside.push(css);
    else inside.push(css);
  }
  return `${outside.join('\n')}\n@scope (${root}) {\n${inside.join('\n')}\n}`;
}
