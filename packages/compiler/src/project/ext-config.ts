/**
 * ext.json of a template mini-program (docs: my.getExtConfig, my.getExtConfigSync): at the
 * mini-program root, next to app.json, `{ "extEnable": true, "ext": { … } }`. The package carries it
 * as `manifest.ext`; my.getExtConfig(Sync) answer its `ext` object (20 when missing or empty, 21 when
 * `extEnable` is not true). A project without ext.json has no `manifest.ext`.
 */

import type { ExtConfig } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { JsonDoc } from './json.ts';
import type { ProjectFiles } from './files.ts';

export const EXT_JSON = 'ext.json';

/** Reads ext.json; undefined when there is none or it is not a JSON object (reported in `diagnostics`). */
export function readExtConfig(files: ProjectFiles, diagnostics: Diagnostic[]): ExtConfig | undefined {
  const source = files.readText(EXT_JSON);
  if (source === undefined) return undefined;
  const doc = new JsonDoc(EXT_JSON, source, diagnostics);
  if (!doc.root) return undefined;
  const enable = doc.get(doc.root, 'extEnable');
  const config: ExtConfig = { extEnable: enable ? doc.boolean(enable.value, 'ext.json "extEnable"') === true : false };
  const ext = doc.get(doc.root, 'ext');
  if (ext) {
    const node = doc.object(ext.value, 'ext.json "ext"');
    if (node) config.ext = doc.value(node) as Record<string, unknown>;
  }
  return config;
}
