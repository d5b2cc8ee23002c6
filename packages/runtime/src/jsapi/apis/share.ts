/**
 * Sharing (docs: 小程序页面/页面运行机制 → onShareAppMessage; api/基础API/分享). The host starts a
 * share (`Container.share()`, an `open-type="share"` button, `my.showSharePanel`); the page's
 * `onShareAppMessage` result comes back through the internal `shareAppMessage` call, which hands it
 * to the container (its `share` event and `share()` promise) and to the host's share panel
 * (`ui.share`), whose outcome answers the share object's `success`/`fail`.
 */

import { defineApi } from '../define.ts';
import { ApiFailure } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

type ShareFrom = 'menu' | 'button' | 'code';

function currentPageId(ctx: ApiCallContext): number | undefined {
  return ctx.services.currentPage()?.id;
}

export function shareApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'shareAppMessage',
      // Plumbing of the base library, not an app API: not on `my`, canIUse false.
      internal: true,
      kind: 'async',
      params: s.object(
        {
          page: s.integer({ description: 'The shared page instance.' }),
          request: s.integer({ description: 'The `share` message this answers.' }),
          from: s.enum(['menu', 'button', 'code']),
          content: s.object({}, { description: "What the page's onShareAppMessage returned (functions removed)." }),
        },
        { required: ['page', 'from'] },
      ),
      result: s.object({ channelName: s.string(), shareResult: s.boolean() }),
      errors: { 11: 'the user closed the share panel' },
      async handler(args: { page: number; request?: number; from: ShareFrom; content?: Record<string, unknown> }, ctx) {
        const route = ctx.services.shared(args);
        if (route === undefined) throw new ApiFailure(11, 'share: the page is gone');
        const outcome = await ctx.host.ui.share({ page: route, from: args.from, content: args.content }, ctx.hostContext());
        if (!outcome) throw new ApiFailure(11, 'share: the user closed the share panel');
        return { channelName: outcome.channelName, shareResult: outcome.shareResult };
      },
      description: "Internal: a page's onShareAppMessage result on its way to the host's share panel.",
    }),
    defineApi({
      name: 'showSharePanel',
      kind: 'async',
      handler(_args: unknown, ctx) {
        const page = currentPageId(ctx);
        // The page's onShareAppMessage runs with `from: 'code'` (docs: my.showSharePanel).
        if (page !== undefined) ctx.services.requestShare(page, 'code');
        return {};
      },
      description: 'Opens the share panel for the current page (its onShareAppMessage gets from: "code").',
    }),
    defineApi({
      name: 'hideShareMenu',
      kind: 'async',
      handler(_args: unknown, ctx) {
        const page = currentPageId(ctx);
        if (page !== undefined) ctx.services.hideShareMenu(page);
        return {};
      },
      description: "Greys out the current page's share menu entry: menu shares of that page no longer happen.",
    }),
  ];
}
