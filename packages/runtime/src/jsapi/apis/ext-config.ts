/**
 * Template configuration (docs: 开放能力API/模板配置 — my.getExtConfig, my.getExtConfigSync): the
 * `ext` object of the package's ext.json (manifest.ext, written by the compiler from ext.json at the
 * mini-program root). 20 when there is no ext.json or its `ext` is missing or empty, 21 when
 * `extEnable` is not true.
 */

import { defineApi } from '../define.ts';
import { ApiFailure } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

const ERRORS = { 20: '模板配置为空 (no ext.json, or its "ext" is missing or empty)', 21: '已停用模板配置 (ext.json "extEnable" is not true)' };

function extOf(api: string, ctx: ApiCallContext): Record<string, unknown> {
  const config = ctx.ext;
  if (!config) throw new ApiFailure(20, `${api}: 模板配置为空 (the package has no ext.json)`);
  if (config.extEnable !== true) throw new ApiFailure(21, `${api}: 已停用模板配置 (ext.json "extEnable" is not true)`);
  const ext = config.ext;
  if (!ext || typeof ext !== 'object' || Object.keys(ext).length === 0) throw new ApiFailure(20, `${api}: 模板配置为空 (ext.json has no "ext")`);
  return ext;
}

export function extConfigApis(): ApiDefinition[] {
  const ext = s.record(s.any(), { description: 'The "ext" object of ext.json.' });
  return [
    defineApi({
      name: 'getExtConfig',
      kind: 'async',
      result: s.object({ data: ext, extConfig: ext }, { required: ['data', 'extConfig'] }),
      errors: ERRORS,
      handler: (_args, ctx) => {
        const data = extOf('getExtConfig', ctx);
        return { data, extConfig: data };
      },
      description: 'The "ext" object of the template\'s ext.json, as { data, extConfig }.',
    }),
    defineApi({
      name: 'getExtConfigSync',
      kind: 'sync',
      result: ext,
      errors: ERRORS,
      handler: (_args, ctx) => extOf('getExtConfigSync', ctx),
      description: 'The "ext" object of the template\'s ext.json (throws 20/21).',
    }),
  ];
}
