/**
 * Routing (docs: api/基础API/界面/路由). The container owns the page stack; these declarations
 * validate the arguments and hand the operation to `services.navigate`, which fails with the
 * routing docs' codes (a missing page is error 1, a tab page by navigateTo…).
 */

import { defineApi } from '../define.ts';
import { s } from '../schema.ts';
import type { ApiDefinition, ContainerServices } from '../types.ts';

type RouteOp = Parameters<ContainerServices['navigate']>[0];

function route(name: RouteOp, description: string, withUrl: boolean): ApiDefinition {
  return defineApi({
    name,
    kind: 'async',
    params: withUrl
      ? s.object({ url: s.string({ minLength: 1, description: 'Page path, relative to the current page or absolute (/pages/…), with an optional query.' }), events: s.any() }, { required: ['url'] })
      : s.object({ delta: s.integer({ minimum: 1, default: 1, description: 'Pages to go back; clamped to the bottom of the stack.' }) }),
    async handler(args: { url?: string; delta?: number }, ctx) {
      // navigateTo's invoke id travels to the opened page's pageLoad: the two ends of its EventChannel meet there.
      await ctx.services.navigate(name, withUrl ? { url: args.url } : { delta: args.delta }, name === 'navigateTo' ? ctx.callId : undefined);
      return {};
    },
    description,
  });
}

export function routeApis(): ApiDefinition[] {
  return [
    route('navigateTo', 'Opens a page on top of the current one (not a tab page).', true),
    route('redirectTo', 'Replaces the current page (not a tab page).', true),
    route('navigateBack', 'Closes pages and returns to an earlier one.', false),
    route('switchTab', 'Shows a tab page and closes every other page (no query).', true),
    route('reLaunch', 'Closes every page and opens the given one.', true),
  ];
}
