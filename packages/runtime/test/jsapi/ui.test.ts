import { describe, expect, it } from 'vitest';
import { ApiFailure, createHeadlessUi } from '../../src/jsapi/index.ts';
import { harness, ok } from './helpers.ts';

describe('feedback UI through the headless adapter', () => {
  it('records every call and answers confirm, prompt and action sheets from configuration', async () => {
    const ui = createHeadlessUi({ confirm: false, prompt: { ok: true, inputValue: '留言' }, actionSheet: 2 });
    const { call } = harness({ ui });
    expect(ok(await call('showToast', { content: '操作成功', type: 'success' }))).toEqual({});
    expect(ok(await call('confirm', { title: '温馨提示', content: '查询快递？' }))).toEqual({ confirm: false });
    expect(ok(await call('prompt', { title: '留言', placeholder: '给朋友留言' }))).toEqual({ ok: true, inputValue: '留言' });
    expect(ok(await call('showActionSheet', { items: ['一', '二', '三'] }))).toEqual({ index: 2 });
    ok(await call('alert', { title: '亲', content: '您本月的账单已出' }));
    ok(await call('showLoading', { content: '加载中...' }));
    ok(await call('hideLoading'));
    ok(await call('hideToast'));
    expect(ui.calls.map((c) => c.api)).toEqual(['showToast', 'confirm', 'prompt', 'showActionSheet', 'alert', 'showLoading', 'hideLoading', 'hideToast']);
    // Defaults from the docs are filled in before the adapter sees the call.
    expect(ui.callsOf('showToast')).toEqual([{ content: '操作成功', type: 'success', duration: 3000 }]);
    expect(ui.callsOf('alert')).toEqual([{ title: '亲', content: '您本月的账单已出', buttonText: '确定' }]);
  });

  it('answers with functions of the arguments, and maps cancel and out-of-range sheet answers to -1', async () => {
    const ui = createHeadlessUi({ confirm: (args) => (args as { content: string }).content === 'yes', actionSheet: 9 });
    const { call } = harness({ ui });
    expect(ok(await call('confirm', { content: 'yes' }))).toEqual({ confirm: true });
    expect(ok(await call('confirm', { content: 'no' }))).toEqual({ confirm: false });
    expect(ok(await call('showActionSheet', { items: ['a'] }))).toEqual({ index: -1 });
    ui.answers.prompt = { ok: false, inputValue: 'typed then cancelled' };
    expect(ok(await call('prompt', {}))).toEqual({ ok: false, inputValue: '' });
  });

  it('uses the headless defaults: confirm OK, first action, empty prompt', async () => {
    const { call } = harness();
    expect(ok(await call('confirm', {}))).toEqual({ confirm: true });
    expect(ok(await call('showActionSheet', { items: ['a', 'b'] }))).toEqual({ index: 0 });
    expect(ok(await call('prompt', {}))).toEqual({ ok: true, inputValue: '' });
  });

  it('validates UI parameters', async () => {
    const { call } = harness();
    expect(await call('showToast', { type: 'sparkle' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('showActionSheet', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'showActionSheet: parameter "items" is required (array of string)' } });
    expect(await call('showActionSheet', { items: [] })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('confirm', { title: 3 })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('showLoading', { mask: 'yes' })).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'showLoading: parameter "mask" should be boolean, got string "yes"' } });
    expect(await call('alert', { buttonText: {} })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('prompt', { align: 'justify' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await call('pageScrollTo', { scrollTop: 'top' })).toMatchObject({ ok: false, error: { error: 2 } });
    // Numeric strings are read as numbers, as the clients do.
    expect((await call('pageScrollTo', { scrollTop: '5' })).ok).toBe(true);
    expect(await call('setNavigationBarTitle', {})).toMatchObject({ ok: false, error: { error: 2 } });
  });

  it("fails with the host UI's error when it throws", async () => {
    const { call } = harness({ ui: { confirm: () => { throw new ApiFailure(11, 'dismissed'); } } });
    expect(await call('confirm', {})).toMatchObject({ ok: false, error: { error: 11, errorMessage: 'dismissed' } });
  });

  it('passes the navigation bar settings to the adapter', async () => {
    const ui = createHeadlessUi();
    const { call } = harness({ ui });
    ok(await call('setNavigationBar', { title: '标题', backgroundColor: '#108ee9', frontColor: '#FFFFFF' }));
    ok(await call('setNavigationBarTitle', { title: '新标题' }));
    expect(await call('setNavigationBar', { frontColor: 'red' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(ui.callsOf('setNavigationBar')).toEqual([
      { title: '标题', backgroundColor: '#108ee9', frontColor: '#ffffff', reset: false },
      { title: '新标题' },
    ]);
  });
});

describe('page-scoped UI through the container', () => {
  it('starts and stops pull-down refresh on the current page', async () => {
    const { call, services } = harness();
    ok(await call('startPullDownRefresh'));
    ok(await call('stopPullDownRefresh'));
    expect(services.pageUi).toEqual([
      { type: 'startPullDownRefresh', pageId: 7 },
      { type: 'stopPullDownRefresh', pageId: 7 },
    ]);
  });

  it('scrolls by scrollTop (which wins) or selector, and needs one of them (error 1)', async () => {
    const { call, services } = harness();
    ok(await call('pageScrollTo', { scrollTop: 120, selector: '#a', duration: 300 }));
    ok(await call('pageScrollTo', { selector: '#footer', offsetTop: -10 }));
    ok(await call('pageScrollTo', { scrollTop: -50 }));
    expect(await call('pageScrollTo', { duration: 100 })).toMatchObject({ ok: false, error: { error: 1, errorMessage: 'pageScrollTo: pass scrollTop or selector' } });
    expect(services.pageUi).toEqual([
      { type: 'pageScrollTo', pageId: 7, args: { scrollTop: 120, duration: 300 } },
      { type: 'pageScrollTo', pageId: 7, args: { selector: '#footer', offsetTop: -10, duration: 0 } },
      // A negative scrollTop scrolls to the top, as on the platform (mini-ali-ui's tabs elevator demo).
      { type: 'pageScrollTo', pageId: 7, args: { scrollTop: 0, duration: 0 } },
    ]);
  });

  it('answers selector queries through the container for the current or a given page', async () => {
    const { call, services } = harness();
    const requests = [
      { selector: '#one', all: false, fields: { rect: true } },
      { selector: '.all', all: true, fields: { id: true, dataset: true } },
    ];
    expect(ok(await call('selectorQuery', { requests }))).toEqual([{ id: '#one' }, [{ id: 'a' }]]);
    ok(await call('selectorQuery', { requests: [], page: 3 }));
    ok(await call('selectorQuery', { requests: [], pageId: 4 }));
    expect(services.queries.map((q) => q.pageId)).toEqual([7, 3, 4]);
    expect(await call('selectorQuery', { requests: [{ selector: 1 }] })).toMatchObject({ ok: false, error: { error: 2 } });
    services.page = undefined;
    expect(ok(await call('selectorQuery', { requests }))).toEqual([null, []]);
  });

  it('routes through the container, which owns the page stack and its errors', async () => {
    const { call, services } = harness();
    ok(await call('navigateTo', { url: '/pages/detail/detail?id=3' }));
    ok(await call('navigateBack'));
    ok(await call('switchTab', { url: '/pages/home/home' }));
    expect(services.navigations).toEqual([
      { op: 'navigateTo', args: { url: '/pages/detail/detail?id=3' } },
      { op: 'navigateBack', args: { delta: 1 } },
      { op: 'switchTab', args: { url: '/pages/home/home' } },
    ]);
    expect(await call('redirectTo', {})).toMatchObject({ ok: false, error: { error: 2, errorMessage: 'redirectTo: parameter "url" is required (string)' } });
    expect(await call('navigateBack', { delta: 0 })).toMatchObject({ ok: false, error: { error: 2 } });
    services.navigate = async () => {
      throw new ApiFailure(1, 'navigateTo: page "pages/nope/nope" is not found');
    };
    expect(await call('navigateTo', { url: '/pages/nope/nope' })).toMatchObject({ ok: false, error: { error: 1, errorMessage: 'navigateTo: page "pages/nope/nope" is not found' } });
  });
});
