/**
 * The `animation` attribute in the browser (docs: my.createAnimation; view's `animation` — done with
 * transitions, only onTransitionEnd fires): each step is a real CSS transition of the node's transform,
 * opacity and sizes; steps run one after the other; hostile data is bounded and inert.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { domSuite, h, Ops } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

const step = (animates: unknown[], duration: number, delay = 0) => ({
  animates,
  option: { transition: { duration, timingFunction: 'ease-in', delay }, transformOrigin: 'left top' },
});

describe('animation attribute (DOM)', () => {
  it('runs each step as a CSS transition, in sequence, and reports transitionEnd per step', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'box', $ref: 'box', style: 'width: 50px; height: 50px; background: red' })));
    const data = {
      actions: [
        step([{ type: 'translateX', args: [100] }, { type: 'style', args: ['opacity', 0.5] }], 300),
        step([{ type: 'rotate', args: [90] }, { type: 'style', args: ['width', '20rpx'] }], 200, 50),
      ],
    };
    await d.apply([[Op.Attr, o.ids.box!, 'animation', data]]);
    // Mid-way through the first step the browser is transitioning: the computed translation lies strictly between 0 and 100.
    await d.page.waitForTimeout(150);
    const mid = await d.page.evaluate(() => {
      const el = document.getElementById('box')!;
      const cs = getComputedStyle(el);
      return { x: new DOMMatrix(cs.transform).m41, transition: el.style.transitionProperty, duration: el.style.transitionDuration, timing: el.style.transitionTimingFunction, origin: el.style.transformOrigin };
    });
    expect(mid.x).toBeGreaterThan(0);
    expect(mid.x).toBeLessThan(100);
    expect(mid).toMatchObject({ transition: 'transform, opacity', duration: '300ms', timing: 'ease-in', origin: 'left top' });
    await d.waitForEvent('transitionEnd', 2);
    await d.page.waitForTimeout(50);
    const end = await d.page.evaluate(() => {
      const el = document.getElementById('box')!;
      const cs = getComputedStyle(el);
      return { transform: el.style.transform, opacity: cs.opacity, width: cs.width, background: cs.backgroundColor, transition: el.style.transitionProperty };
    });
    // The translation is kept when the rotation comes; 20rpx on a 375px screen is 10px; the author's background stays.
    expect(end).toEqual({ transform: 'translateX(100px) rotate(90deg)', opacity: '0.5', width: '10px', background: 'rgb(255, 0, 0)', transition: '' });
    expect((await d.events('transitionEnd')).map((e) => e.target)).toEqual([o.ids.box, o.ids.box]);
    expect(await d.errors()).toEqual([]);
  });

  it('keeps hostile data inert: no injected declarations, bounded steps, movable-view keeps its boolean animation', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { id: 'box', $ref: 'box' }), h('movable-area', {}, h('movable-view', { id: 'mv', $ref: 'mv', animation: true }))));
    const huge = Array.from({ length: 10_000 }, (_, i) => ({ type: 'translateY', args: [i] }));
    const data = {
      actions: [
        step([
          { type: 'style', args: ['backgroundColor', 'red; position: fixed'] },
          { type: 'style', args: ['width', '1px} body { display: none'] },
          { type: 'style', args: ['background-image', 'url(https://evil.example/x.png)'] },
          { type: 'translate', args: ['calc(1px + 1px)', 0] },
          { type: 'rotate', args: ['45deg'] },
        ], -5),
        ...Array.from({ length: 500 }, () => step(huge, 0)),
      ],
    };
    await d.apply([[Op.Attr, o.ids.box!, 'animation', data]]);
    await d.page.waitForTimeout(50);
    const style = await d.page.evaluate(() => document.getElementById('box')!.getAttribute('style') ?? '');
    expect(style).not.toMatch(/fixed|url\(|display|calc/);
    // Step 1 kept only the rotation; each later step read its first 100 translations.
    expect(style).toContain('transform: rotate(45deg) translateY(99px)');
    expect(await d.page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
    expect(await d.errors()).toEqual([]);
  });
});
