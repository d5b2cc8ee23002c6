/**
 * Sharing a page (docs: framework/小程序页面/页面运行机制.md → onShareAppMessage; api/基础API/分享/
 * my.showSharePanel.md, my.hideShareMenu.md): what onShareAppMessage returns reaches the host
 * (`container.share()`, the `share` event, the share panel `ui.share`), `from` menu/button/code with
 * the button as `target`, the async form, success/fail from the panel's outcome, a page without a
 * handler, hideShareMenu.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject, logCursor, page } from '../support/project.ts';

afterAll(closeAll);

describe('onShareAppMessage', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);
  const events: unknown[] = [];

  beforeAll(async () => {
    app = await launchProject(
      {
        'app.json': { pages: ['pages/index/index', 'pages/async/async', 'pages/none/none'] },
        ...page('pages/index/index', {
          axml: `<button id="share" open-type="share" data-kind="hero">share</button><button id="panel" onTap="panel">panel</button><button id="hide" onTap="hide">hide</button>`,
          js: `
Page({
  onShareAppMessage(options) {
    console.log('asked', options.from, options.target ? options.target.dataset.kind : '-');
    return {
      title: '分享 View 组件',
      desc: 'View 组件很通用',
      path: 'pages/index/index?from=' + options.from,
      success(res) { console.log('shared to', res.channelName, res.shareResult); },
      fail(err) { console.log('share failed', err.error); },
    };
  },
  panel() { my.showSharePanel(); },
  hide() { my.hideShareMenu(); },
});`,
        }),
        ...page('pages/async/async', {
          axml: `<view/>`,
          js: `Page({ onShareAppMessage() { return new Promise((resolve) => resolve({ title: 'async', path: 'pages/async/async' })); } });`,
        }),
        ...page('pages/none/none', { axml: `<view/>` }),
      },
    );
    app.session.container.on('share', (share) => events.push(share));
  });

  it('the share menu: the page is asked with from "menu", the host gets what it returned, the panel answers success', async () => {
    fresh();
    const content = await app.currentPage().share();
    expect(content).toEqual({ title: '分享 View 组件', desc: 'View 组件很通用', path: 'pages/index/index?from=menu' });
    expect(fresh()).toEqual(['asked menu -', 'shared to ALPContact true']);
    expect(events.at(-1)).toMatchObject({ page: { route: 'pages/index/index' }, from: 'menu', content: { title: '分享 View 组件' } });
    expect(app.uiCalls.filter((c) => c.api === 'share').at(-1)?.args).toEqual({ page: 'pages/index/index', from: 'menu', content });
  });

  it('an open-type="share" button asks with from "button" and the button as target', async () => {
    await app.currentPage().tap('#share');
    expect(fresh()).toEqual(['asked button hero', 'shared to ALPContact true']);
    expect(events.at(-1)).toMatchObject({ from: 'button', content: { path: 'pages/index/index?from=button' } });
  });

  it('my.showSharePanel asks with from "code"; a closed panel reaches fail', async () => {
    app.session.ui.answers.share = null;
    await app.currentPage().tap('#panel');
    expect(fresh()).toEqual(['asked code -', 'share failed 11']);
    delete app.session.ui.answers.share;
  });

  it('my.hideShareMenu: the menu no longer shares the page (buttons still do)', async () => {
    await app.currentPage().tap('#hide');
    expect(await app.currentPage().share()).toBeUndefined();
    expect(fresh()).toEqual([]);
    expect(await app.currentPage().share('button')).toMatchObject({ title: '分享 View 组件' });
    fresh();
  });

  it('onShareAppMessage may return a promise; a page without one shares nothing of its own', async () => {
    await app.navigate('navigateTo', { url: '/pages/async/async' });
    expect(await app.currentPage().share()).toEqual({ title: 'async', path: 'pages/async/async' });
    await app.navigate('navigateTo', { url: '/pages/none/none' });
    const shared = await app.session.container.share();
    expect(shared).toMatchObject({ page: { route: 'pages/none/none' }, from: 'menu' });
    expect(shared?.content).toBeUndefined();
    expect(app.errors).toEqual([]);
  });
});
