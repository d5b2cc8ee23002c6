/**
 * Interface APIs (docs: api/基础API/界面): feedback (toast, loading, alert, confirm, prompt,
 * action sheet) through the host's UI adapter; the navigation bar; page-scoped UI the container
 * owns (pull-down refresh, page scroll); and `selectorQuery`, the one invoke behind
 * `my.createSelectorQuery().….exec()` (the guest builds the query chain, the renderer answers).
 */

import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';
import type { SelectorQueryRequest } from '../../contract/renderer.ts';

const color = (description: string) => s.string({ description });

function currentPageId(ctx: ApiCallContext): number | undefined {
  return ctx.services.currentPage()?.id;
}

const selectorRequest = s.object(
  {
    selector: s.string({ description: "CSS selector, or 'viewport'." }),
    all: s.boolean(),
    fields: s.object({
      id: s.boolean(),
      dataset: s.boolean(),
      rect: s.boolean(),
      size: s.boolean(),
      scrollOffset: s.boolean(),
      computedStyle: s.array(s.string()),
      node: s.boolean(),
      context: s.boolean(),
    }),
  },
  { required: ['selector', 'all', 'fields'] },
);

export function uiApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'showToast',
      kind: 'async',
      params: s.object({
        content: s.string(),
        type: s.enum(['none', 'success', 'fail', 'exception', 'loading'], { default: 'none' }),
        duration: s.number({ minimum: 0, default: 3000 }),
        delay: s.number({ minimum: 0 }),
        xOffset: s.number(),
        yOffset: s.number(),
      }),
      async handler(args, ctx) {
        await ctx.host.ui.showToast(args, ctx.hostContext());
        return {};
      },
      description: 'Shows a toast that disappears after `duration` ms.',
    }),
    defineApi({
      name: 'hideToast',
      kind: 'async',
      async handler(_args, ctx) {
        await ctx.host.ui.hideToast(ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'showLoading',
      kind: 'async',
      params: s.object({ content: s.string(), mask: s.boolean({ default: true }), delay: s.number({ minimum: 0, default: 0 }) }),
      async handler(args, ctx) {
        await ctx.host.ui.showLoading(args, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'hideLoading',
      kind: 'async',
      params: s.object({ page: s.any({ description: 'The page instance to hide it on (accepted, not needed: one loading per app).' }) }),
      async handler(_args, ctx) {
        await ctx.host.ui.hideLoading(ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'alert',
      kind: 'async',
      params: s.object({ title: s.string(), content: s.string(), buttonText: s.string({ default: '确定' }), confirmColor: color('HEX colour of the button.') }),
      async handler(args, ctx) {
        await ctx.host.ui.alert(args, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'confirm',
      kind: 'async',
      params: s.object({
        title: s.string(),
        content: s.string(),
        confirmButtonText: s.string({ default: '确定' }),
        cancelButtonText: s.string({ default: '取消' }),
        confirmColor: color('HEX colour of the confirm button.'),
        cancelColor: color('HEX colour of the cancel button.'),
      }),
      result: s.object({ confirm: s.boolean() }, { required: ['confirm'] }),
      async handler(args, ctx) {
        return { confirm: (await ctx.host.ui.confirm(args, ctx.hostContext())) === true };
      },
    }),
    defineApi({
      name: 'prompt',
      kind: 'async',
      params: s.object({
        title: s.string(),
        message: s.string({ default: '请输入内容' }),
        align: s.enum(['left', 'center', 'right']),
        placeholder: s.string(),
        okButtonText: s.string({ default: '确定' }),
        cancelButtonText: s.string({ default: '取消' }),
        confirmColor: color('HEX colour of the OK button.'),
        cancelColor: color('HEX colour of the cancel button.'),
      }),
      result: s.object({ ok: s.boolean(), inputValue: s.string() }, { required: ['ok', 'inputValue'] }),
      async handler(args, ctx) {
        const answer = await ctx.host.ui.prompt(args, ctx.hostContext());
        const ok = answer?.ok === true;
        return { ok, inputValue: ok ? String(answer.inputValue ?? '') : '' };
      },
    }),
    defineApi({
      name: 'showActionSheet',
      kind: 'async',
      params: s.object(
        {
          title: s.string(),
          items: s.array(s.string(), { minItems: 1 }),
          cancelButtonText: s.string({ default: '取消' }),
          destructiveBtnIndex: s.integer({ minimum: 0 }),
          badges: s.array(
            s.object({ index: s.integer({ minimum: 0 }), type: s.enum(['none', 'point', 'num', 'text', 'more']), text: s.union(s.string(), s.number()) }, { required: ['index'] }),
          ),
        },
        { required: ['items'] },
      ),
      result: s.object({ index: s.integer({ minimum: -1 }) }, { required: ['index'] }),
      async handler(args: { items: string[] }, ctx) {
        const index = Number(await ctx.host.ui.showActionSheet(args, ctx.hostContext()));
        return { index: Number.isInteger(index) && index >= 0 && index < args.items.length ? index : -1 };
      },
      description: 'Shows a menu; index -1 means cancelled.',
    }),
    defineApi({
      name: 'setNavigationBar',
      kind: 'async',
      params: s.object({
        title: s.string(),
        image: s.string({ description: 'HTTPS image URL; replaces the title.' }),
        backgroundColor: color('HEX background colour.'),
        borderBottomColor: color('HEX colour of the bottom border.'),
        frontColor: s.enum(['#ffffff', '#000000'], { caseInsensitive: true }),
        reset: s.boolean({ default: false }),
      }),
      async handler(args, ctx) {
        await ctx.host.ui.setNavigationBar(args, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'setNavigationBarTitle',
      kind: 'async',
      params: s.object({ title: s.string() }, { required: ['title'] }),
      async handler(args: { title: string }, ctx) {
        await ctx.host.ui.setNavigationBar({ title: args.title }, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'setNavigationBarColor',
      kind: 'async',
      params: s.object({ backgroundColor: color('HEX background colour.'), frontColor: s.enum(['#ffffff', '#000000'], { caseInsensitive: true }) }),
      async handler(args, ctx) {
        await ctx.host.ui.setNavigationBar(args, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'showNavigationBarLoading',
      kind: 'async',
      async handler(_args, ctx) {
        await ctx.host.ui.showNavigationBarLoading(ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'hideNavigationBarLoading',
      kind: 'async',
      async handler(_args, ctx) {
        await ctx.host.ui.hideNavigationBarLoading(ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'hideKeyboard',
      kind: 'async',
      async handler(_args, ctx) {
        await ctx.host.ui.hideKeyboard(ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'stopPullDownRefresh',
      kind: 'async',
      handler(_args, ctx) {
        const page = currentPageId(ctx);
        if (page !== undefined) ctx.services.stopPullDownRefresh(page);
        return {};
      },
    }),
    defineApi({
      name: 'startPullDownRefresh',
      kind: 'async',
      handler(_args, ctx) {
        const page = currentPageId(ctx);
        if (page === undefined) throw new ApiFailure(ErrorCode.UNKNOWN, 'startPullDownRefresh: there is no page');
        ctx.services.startPullDownRefresh(page);
        return {};
      },
      description: 'Starts pull-down refresh on the current page (its onPullDownRefresh runs).',
    }),
    defineApi({
      name: 'pageScrollTo',
      kind: 'async',
      params: s.object({
        // No minimum: like a scrolling view, the page clamps a negative scrollTop to 0 (mini-ali-ui's
        // tabs elevator demo scrolls to -50).
        scrollTop: s.number(),
        duration: s.number({ minimum: 0, default: 0 }),
        selector: s.string(),
        offsetTop: s.number(),
      }),
      errors: { 1: 'neither scrollTop nor selector was given' },
      handler(args: { scrollTop?: number; selector?: string; duration?: number; offsetTop?: number }, ctx) {
        if (args.scrollTop === undefined && !args.selector) {
          throw new ApiFailure(1, 'pageScrollTo: pass scrollTop or selector');
        }
        const page = currentPageId(ctx);
        if (page === undefined) throw new ApiFailure(ErrorCode.UNKNOWN, 'pageScrollTo: there is no page');
        // scrollTop wins over selector (docs).
        const target = args.scrollTop !== undefined ? { scrollTop: Math.max(0, args.scrollTop) } : { selector: args.selector, offsetTop: args.offsetTop };
        ctx.services.pageScrollTo(page, { ...target, duration: args.duration });
        return {};
      },
    }),
    defineApi({
      name: 'selectorQuery',
      kind: 'async',
      params: s.object(
        {
          requests: s.array(selectorRequest),
          page: s.integer({ description: 'Page instance to query (this.createSelectorQuery()); default the page on top of the stack.' }),
          pageId: s.integer({ description: 'Alias of page.' }),
          instance: s.integer({ description: 'The page or component that made the query: the container answers once it has rendered.' }),
        },
        { required: ['requests'] },
      ),
      result: s.array(s.any()),
      handler(args: { requests: SelectorQueryRequest[]; page?: number; pageId?: number }, ctx) {
        const page = args.page ?? args.pageId ?? currentPageId(ctx);
        if (page === undefined) return args.requests.map((r) => (r.all ? [] : null));
        return ctx.services.selectorQuery(page, args.requests);
      },
      description: 'Internal: answers my.createSelectorQuery().exec() with one result per request.',
    }),
  ];
}
