/**
 * `selectComponents`: the synchronous call behind `this.$selectComponent(selector)` and
 * `this.$selectAllComponents(selector)` (docs: 自定义组件/组件对象). The view owns the rendered
 * tree, so the ViewEngine answers with the instance ids that match.
 */

import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiDefinition } from '../types.ts';

export function componentQueryApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'selectComponents',
      // Plumbing of the base library, not an app API: not on `my`, canIUse false.
      internal: true,
      kind: 'sync',
      params: s.object(
        {
          id: s.integer({ description: 'The page or component instance asking (its own template is searched).' }),
          selector: s.string({ minLength: 1 }),
          all: s.boolean({ default: false }),
        },
        { required: ['id', 'selector'] },
      ),
      result: s.array(s.integer()),
      handler(args: { id: number; selector: string; all?: boolean }, ctx) {
        try {
          return ctx.services.selectComponents(args.id, args.selector, args.all === true);
        } catch (error) {
          throw new ApiFailure(ErrorCode.INVALID_PARAM, `selectComponents: ${(error as Error).message}`);
        }
      },
      description: 'Internal: ids of the components an instance rendered that match a selector ($selectComponent).',
    }),
  ];
}
