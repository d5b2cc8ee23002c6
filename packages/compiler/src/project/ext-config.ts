/**
 * ext.json of a template mini-program (docs: my.getExtConfig, my.getExtConfigSync): at the
 * mini-program root, next to app.json, `{ "extEnable": true, "ext": { … } }`. The package carries it
 * as `manifest.ext`; my.getExtConfig(Sync) answer its `ext` object (20 when missing or empty, 21 when
 * `extEnable` is not true). A project without ext.json has no `manifest.ext`.
 */

import type { ExtConfig } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { UNSUPPORTED_KEY } from '../diagnostics/codes.ts';
import { APP_KEYS } from './app-config.ts';
import { JsonDoc } from './json.ts';
import type { ProjectFiles } from './files.ts';

export const EXT_JSON = 'ext.json';

/**
 * The keys of ext.json (Alipay's third-party template docs, 模板小程序: "extEnable" and "ext" of its
 * own, "extPages" for pages' .json, and app.json's keys, which override app.json): mpk reads
 * extEnable and ext; extPages and app.json keys are warned about (MPK1024) and ignored; anything
 * else is an unknown key (MPK1020).
 */
const EXT_KEYS = new Set(['extEnable', 'ext']);

/** Reads ext.json; undefined when there is none or it is not a JSON object (reported in `diagnostics`). */
export function readExtConfig(files: ProjectFiles, diagnostics: Diagnostic[]): ExtConfig | undefined {
  const source = files.readText(EXT_JSON);
  if (source === undefined) return undefined;
  const doc = new JsonDoc(EXT_JSON, source, diagnostics);
  if (!doc.root) return undefined;
  for (const prop of doc.properties(doc.root)) {
    if (EXT_KEYS.has(prop.key)) continue;
    if (prop.key === 'extPages') {
      doc.report(UNSUPPORTED_KEY, prop.keyNode, 'mpk does not support ext.json "extPages" (the pages keep their own .json configuration); it is ignored');
    } else if (APP_KEYS.has(prop.key)) {
      doc.report(UNSUPPORTED_KEY, prop.keyNode, `mpk does not support app.json keys in ext.json ("${prop.key}" does not override app.json: only "ext" reaches the app, through my.getExtConfig); it is ignored`);
    } else doc.unknownKey(prop, EXT_JSON);
  }
  const enable = doc.get(doc.root, 'extEnable');
  const config: ExtConfig = { extEnable: enable ? doc.boolean(enable.value, 'ext.json "extEnable"') === true : false };
  const ext = doc.get(doc.root, 'ext');
  if (ext) {
    const node = doc.object(ext.value, 'ext.json "ext"');
    if (node) config.ext = doc.value(node) as Record<string, unknown>;
  }
  return config;
}
