/**
 * What a page's or component's own logic file uses of the component model that mpk does not do,
 * found before the app runs (`mpk check`); the base library warns about the same at run time.
 * - Instance methods that need a layout engine or a custom tabBar mpk does not render (docs:
 *   自定义组件/组件对象 → 组件实例方法): they exist as no-ops.
 * - `options` switches of other platforms' component models (WeChat's `addGlobalClass`,
 *   `styleIsolation`, `pureDataPattern`, `dynamicSlots`): ignored.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { UNSUPPORTED_COMPONENT_API, UNSUPPORTED_COMPONENT_OPTION } from '../diagnostics/codes.ts';

const UNSUPPORTED: Record<string, string> = {
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
    // `my.createMediaQueryObserver` would be the JSAPI, not the instance method.
    if (seen.has(name) || /\bmy\s*$/.test(source.slice(Math.max(0, match.index - 8), match.index))) continue;
    seen.add(name);
    diagnostics.push(
      createDiagnostic(UNSUPPORTED_COMPONENT_API, { file, source, offset: match.index + 1 }, `this.${name}() is not supported by mpk: it ${UNSUPPORTED[name]}`),
    );
  }
}

/** WeChat's `options` switches, which the Alipay component model does not have. */
const FOREIGN_OPTIONS: Record<string, string> = {
  addGlobalClass: 'use "styleIsolation" in the component .json',
  styleIsolation: 'set it in the component .json instead',
  pureDataPattern: 'every data field is rendered',
  dynamicSlots: 'slots are always multiple and dynamic names work without it',
};

const OPTIONS_OBJECT = /\boptions\s*:\s*\{([^{}]*)\}/g;

/** Reports `options: { addGlobalClass: … }`-style switches the platform ignores (once per key and file). */
export function scanForeignComponentOptions(file: string, source: string | undefined, diagnostics: Diagnostic[]): void {
  if (source === undefined) return;
  const seen = new Set<string>();
  for (const block of source.matchAll(OPTIONS_OBJECT)) {
    for (const key of block[1]!.matchAll(/([A-Za-z_$][\w$]*)\s*:/g)) {
      const name = key[1]!;
      if (!(name in FOREIGN_OPTIONS) || seen.has(name)) continue;
      seen.add(name);
      const offset = block.index + block[0].indexOf('{') + 1 + key.index;
      diagnostics.push(createDiagnostic(UNSUPPORTED_COMPONENT_OPTION, { file, source, offset }, `options.${name} is not part of the Alipay component model and is ignored (${FOREIGN_OPTIONS[name]})`));
    }
  }
}
