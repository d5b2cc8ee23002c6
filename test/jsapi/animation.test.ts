/**
 * my.createAnimation and the `animation` attribute, as an author sees them (docs: api/基础API/界面/动画/
 * my.createAnimation.md — methods, defaults duration 400 / linear / delay 0 / '50% 50% 0', step(), export()
 * clears the queue; component/基础组件/视图容器/view — `animation` is done with transitions and only
 * fires onTransitionEnd). Headless: each step's final values land on the node when its delay + duration
 * have elapsed on the container's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject, page } from '../support/project.ts';

const js = `Page({
  data: { a: null, ends: 0, exported: null, second: null },
  twoSteps() {
    const animation = my.createAnimation({ duration: 200, timeFunction: 'ease-in-out' });
    animation.rotate(45).opacity(0.5).step();
    animation.scale(2).width(100).translate(10, '20rpx').step({ duration: 300, delay: 100 });
    const exported = animation.export();
    this.setData({ a: exported, exported, second: animation.export() });
  },
  hostile(e) {
    const huge = [];
    for (let i = 0; i < 5000; i++) huge.push({ type: 'rotate', args: [i] });
    const actions = [
      { animates: [
          { type: 'style', args: ['backgroundColor', 'red;background:url(https://evil.example/x)'] },
          { type: 'style', args: ['width', '10px}body{display:none'] },
          { type: 'style', args: ['position', 'fixed'] },
          { type: 'style', args: ['opacity', 'NaN'] },
          { type: 'translate', args: ['expression(alert(1))', 3] },
          { type: 'rotate', args: [{ toString() { return '1deg)'; } }] },
          { type: 'scale', args: [1e300] },
          { type: '__proto__', args: [1] },
          { type: 'matrix', args: [1, 2, 3] },
          { type: 'skewX', args: ['12deg'] },
        ], option: { transition: { duration: -50, delay: 1e12, timingFunction: 'url(x)' }, transformOrigin: 'left;color:red' } },
      { animates: huge, option: { transition: { duration: 'abc' } } },
    ];
    for (let i = 0; i < 1000; i++) actions.push({ animates: [{ type: 'opacity', args: [1] }] });
    this.setData({ a: { actions } });
  },
  onEnd() { this.setData({ ends: this.data.ends + 1 }); },
});`;

let app: MiniApp;

beforeAll(async () => {
  app = await launchProject({
    ...page('pages/index/index', {
      axml: `<view id="go" onTap="twoSteps">go</view><view id="bad" onTap="hostile">bad</view>
<view id="canIUse">{{canIUse}}</view>
<view id="box" style="color: red" animation="{{a}}" onTransitionEnd="onEnd">box</view>`,
      js: js.replace("data: { a: null,", "data: { canIUse: my.canIUse('createAnimation') + ' ' + my.canIUse('createAnimation.object.duration'), a: null,"),
    }),
  });
});
afterAll(closeAll);

const box = () => app.currentPage().querySelector('#box')!;
const style = () => app.session.renderer.style(box());

describe('my.createAnimation and the animation attribute (headless)', () => {
  it('canIUse is true: the base library builds animations', () => {
    expect(app.currentPage().text('#canIUse')).toBe('true true');
  });

  it('export() returns the steps in the platform\'s shape with the documented defaults, and clears the queue', async () => {
    await app.currentPage().tap('#go');
    const { exported, second } = app.currentPage().data;
    expect(exported).toEqual({
      actions: [
        {
          animates: [{ type: 'rotate', args: [45] }, { type: 'style', args: ['opacity', 0.5] }],
          option: { transition: { duration: 200, timingFunction: 'ease-in-out', delay: 0 }, transformOrigin: '50% 50% 0' },
        },
        {
          animates: [{ type: 'scale', args: [2] }, { type: 'style', args: ['width', 100] }, { type: 'translate', args: [10, '20rpx'] }],
          option: { transition: { duration: 300, timingFunction: 'ease-in-out', delay: 100 }, transformOrigin: '50% 50% 0' },
        },
      ],
    });
    expect(second).toEqual({ actions: [] });
  });

  it('applies each step when its delay + duration have elapsed, keeps the author\'s style, and fires onTransitionEnd per step', async () => {
    // The tap above started it at this instant: nothing has finished yet.
    expect(style()).toEqual({ color: 'red' });
    await app.advanceTime(199);
    expect(style()).toEqual({ color: 'red' });
    await app.advanceTime(1);
    expect(style()).toEqual({ color: 'red', transform: 'rotate(45deg)', 'transform-origin': '50% 50% 0', opacity: '0.5' });
    expect(app.currentPage().data.ends).toBe(1);
    await app.advanceTime(399);
    expect(style()).toMatchObject({ transform: 'rotate(45deg)' });
    await app.advanceTime(1);
    // Transforms accumulate across steps (rotate, then scale: both hold), styles stay set.
    expect(style()).toEqual({
      color: 'red',
      transform: 'rotate(45deg) scale(2) translate(10px, 20rpx)',
      'transform-origin': '50% 50% 0',
      opacity: '0.5',
      width: '100px',
    });
    expect(app.currentPage().data.ends).toBe(2);
    expect(app.errors).toEqual([]);
  });

  it('reads hostile data as bounded and inert: no injected CSS, clamped times, at most 100 steps of 100 calls', async () => {
    await app.currentPage().tap('#bad');
    // Step 1: duration -50 → 0, delay 1e12 → 60 s; then step 2 (duration 'abc' → 400 ms); then 98 more steps of nothing valid.
    await app.advanceTime(59_999);
    expect(style().transform).toBe('rotate(45deg) scale(2) translate(10px, 20rpx)');
    await app.advanceTime(1);
    const after1 = style();
    // Only skewX survived step 1 (the injected colour, width, position, NaN opacity, expression(), the object, 1e300 clamped… ).
    expect(after1.transform).toBe('rotate(45deg) scale(1000000) translate(10px, 20rpx) skewX(12deg)');
    expect(after1['transform-origin']).toBe('50% 50% 0');
    expect(after1['background-color']).toBeUndefined();
    expect(after1.width).toBe('100px');
    expect(after1.opacity).toBe('0.5');
    await app.advanceTime(400);
    // Step 2: 100 of its 5000 rotations read, the last one wins.
    expect(style().transform).toBe('rotate(99deg) scale(1000000) translate(10px, 20rpx) skewX(12deg)');
    for (const value of Object.values(style())) expect(value).not.toMatch(/[;{}]|url\(|expression/);
    // 98 more empty steps of 400 ms: the runner stops after 100 steps in all.
    await app.advanceTime(98 * 400);
    expect(app.session.clock.pending()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
