/**
 * Instance methods of pages and components that mpk does not support (docs: 自定义组件/组件对象 →
 * 组件实例方法; they need a layout engine or a custom tabBar mpk does not render). The base library
 * defines them as no-ops that warn once; this finds calls to them in a unit's own logic file so
 * `mpk check` reports them before the app runs.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { UNSUPPORTED_COMPONENT_API } from '../diagnostics/codes.ts';

const UNSUPPORTED: Record<string, string> = {
  createIntersectionObserver: 'intersection callbacks never fire (no layout)',
  createMediaQueryObserver: 'media query callbacks never fire (no layout)',
  getTabBar: 'returns undefined (custom tabBars are not rendered)',
  getSavedReloadState: 'returns undefined (pages are never reloaded with saved state)',
};

const CALL = new RegExp(`\\.\\s*(${Object.keys(UNSUPPORTED).join('|')})\\s*\\(`, 'g');

/** Reports each unsupported method called in `source` (once per method and file). */
export function scanUnsupportedComponentApis(file: string, source: string | undefined, diagnostics: Diagnostic[]): void {
  if (source === undefined) return;
  const seen = new Set<string>();
  for (const match of source.matchAll(CALL)) {
    const name = match[1]!;
    // `my.createIntersectionObserver` is the JSAPI, not the instance method.
    if (seen.has(name) || /\bmy\s*$/.test(source.slice(Math.max(0, match.index - 8), match.index))) continue;
    seen.add(name);
    diagnostics.push(
      createDiagnostic(UNSUPPORTED_COMPONENT_API, { file, source, offset: match.index + 1 }, `this.${name}() is not supported by mpk: it ${UNSUPPORTED[name]}`),
    );
  }
}
