/**
 * IntersectionObserver (docs: 节点查询/my.createIntersectionObserver, IntersectionObserver.observe,
 * relativeTo, relativeToViewport, disconnect) headless: the test says how much of a node is in view
 * (`page.setIntersection`) and the app's callbacks hear the crossings of their thresholds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, component, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

describe('IntersectionObserver', () => {
  const logoPage = page('pages/index/index', {
    axml: '<view class="logo" id="logo" style="width:200px;height:200px">11</view><view class="ratio">{{ratio}}</view>',
    js: `Page({
      data: { ratio: -1 },
      onReady() {
        this.io = my.createIntersectionObserver().relativeToViewport({ top: 100, bottom: 100 });
        this.io.observe('.logo', (res) => {
          this.setData({ ratio: res.intersectionRatio });
          console.log('seen ' + res.id + ' ' + res.intersectionRatio + ' ' + typeof res.time + ' ' + ['intersectionRect', 'relativeRect', 'boundingClientRect'].every((k) => typeof res[k].width === 'number'));
        });
        my.on('disconnect', () => this.io.disconnect());
      },
    });`,
  });

  it('reports a node entering and leaving view, not a repeat of the same ratio', async () => {
    const app = await launchProject(logoPage);
    const current = app.currentPage();
    // Out of view at the start with initialRatio 0: nothing is reported.
    expect(await current.setIntersection('.logo', 0)).toBe(0);
    expect(await current.setIntersection('.logo', 1)).toBe(1);
    expect(current.text('.ratio')).toBe('1');
    expect(await current.setIntersection('.logo', 1)).toBe(0);
    expect(await current.setIntersection('.logo', 0)).toBe(1);
    expect(current.text('.ratio')).toBe('0');
    expect(logLines(app)).toEqual(['seen logo 1 number true', 'seen logo 0 number true']);
    await app.emit('disconnect');
    expect(await current.setIntersection('.logo', 1)).toBe(0);
    expect(current.text('.ratio')).toBe('0');
    await app.close();
  });

  it('reports only threshold crossings, starting from initialRatio', async () => {
    const app = await launchProject(
      page('pages/index/index', {
        axml: '<view class="box">box</view>',
        js: `Page({ onReady() {
          my.createIntersectionObserver({ thresholds: [0.5, 1], initialRatio: 0 }).observe('.box', (res) => console.log('ratio ' + res.intersectionRatio));
        } });`,
      }),
    );
    const current = app.currentPage();
    for (const ratio of [0.3, 0.6, 0.8, 1, 0.4]) await current.setIntersection('.box', ratio);
    expect(logLines(app)).toEqual(['ratio 0.6', 'ratio 1', 'ratio 0.4']);
    await app.close();
  });

  it('this.createIntersectionObserver in a component: selectAll with dataset, relativeTo a node', async () => {
    const app = await launchProject({
      ...page('pages/index/index', {
        axml: '<feed/>',
        json: { usingComponents: { feed: '/components/feed/feed' } },
      }),
      ...component('components/feed/feed', {
        axml: '<scroll-view class="list" scroll-y><view a:for="{{[1,2,3]}}" class="item" data-sku="{{item}}">{{item}}</view></scroll-view>',
        js: `Component({ didMount() {
          this.createIntersectionObserver({ selectAll: true, dataset: true })
            .relativeTo('.list')
            .observe('.item', (res) => console.log('exposed ' + res.dataset.sku));
        } });`,
      }),
    });
    const current = app.currentPage();
    const items = app.session.renderer.querySelectorAll('.item');
    expect(items).toHaveLength(3);
    expect(await current.setIntersection('.item', 1)).toBe(3);
    expect(logLines(app)).toEqual(['exposed 1', 'exposed 2', 'exposed 3']);
    await app.close();
  });

  it('observers end with their page; a bad callback is a TypeError the app sees', async () => {
    const app = await launchProject({
      ...logoPage,
      ...page('pages/other/other', {
        axml: '<view>other</view>',
        js: `Page({ onLoad() { try { my.createIntersectionObserver().observe('.x', 1); } catch (e) { console.log(e.name + ': ' + e.message); } } });`,
      }),
    });
    const first = app.currentPage();
    await app.navigate('redirectTo', { url: '/pages/other/other' });
    expect(app.currentPage().route).toBe('pages/other/other');
    expect(logLines(app)).toEqual(['TypeError: IntersectionObserver.observe(selector, callback): callback must be a function']);
    expect(() => app.session.renderer.setIntersection(first.id, '.logo', 1)).toThrow(/no page/);
    await app.close();
  });
});
