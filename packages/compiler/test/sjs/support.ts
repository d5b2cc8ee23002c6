/** Running SJS modules through the whole pipeline (template → link → evaluate). */
import type { VElement } from '@mpk/runtime/view-abi';
import { compileSjsFile, type CompiledSjsModule } from '../../src/sjs/index.ts';
import { memorySourceHost } from '../../src/template/index.ts';
import { compileView, PAGE } from '../template/support/harness.ts';

export const MODULE = 'pages/index/m.sjs';

/**
 * Value of `expr` in a page that binds `m` to the default export of `source` and `n` to its
 * named exports object-wise (`{ named }` must be listed by the caller in `names`).
 */
export function sjsValue(source: string, expr: string, data: Record<string, unknown> = {}, extra: Record<string, string> = {}, registrar?: Record<string, unknown>): unknown {
  const view = compileView({ ...extra, [MODULE]: source, [PAGE]: `<import-sjs name="m" from="./m.sjs" /><view v="{{ ${expr} }}" />` }, undefined, registrar);
  const errors = view.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`unexpected diagnostics: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const [el] = view.vnodes(data) as VElement[];
  return el.attrs.v;
}

export function compileModule(source: string, extra: Record<string, string> = {}, file = MODULE): CompiledSjsModule {
  return compileSjsFile(file, memorySourceHost({ ...extra, [file]: source }));
}
