/**
 * my.createCanvasContext (docs: api/基础API/界面/画布): mpk draws no <canvas>, so the context is inert, with one
 * warning. Code written for the platform keeps running: antd-mini's circular Progress draws its ring through it.
 */
import { describe, expect, it } from 'vitest';
import { appBundle, ENGINES, FakeHost } from './support/fake-host.ts';

const PAGE = `Page({
  draw() {
    const ctx = my.createCanvasContext('ring');
    ctx.beginPath();
    ctx.setLineCap('round');
    ctx.strokeStyle = '#1677ff';
    ctx.arc(50, 50, 40, 0, Math.PI, false);
    ctx.stroke();
    const gradient = ctx.createLinearGradient(0, 0, 1, 1);
    gradient.addColorStop(0, 'red');
    console.log('measured ' + ctx.measureText('abc').width + ' canIUse ' + my.canIUse('createCanvasContext'));
    ctx.draw(true, () => console.log('drawn'));
    my.createCanvasContext('other').draw();
  },
});`;

describe.each(ENGINES)('my.createCanvasContext (%s)', (engine) => {
  it('answers an inert context that calls back from draw() and warns once', async () => {
    const host = await FakeHost.start(appBundle({ 'pages/index/index': PAGE }, 'App({})'), { engine });
    try {
      await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, { t: 'event', id: 1, handler: 'draw', event: { type: 'tap' } as never });
      await host.settle();
      expect(host.trail()).toEqual(['measured 0 canIUse false', 'drawn']);
      expect(host.logs('warn')).toEqual([['my.createCanvasContext("ring"): mpk does not draw <canvas>; the context accepts every call and draws nothing']]);
      expect(host.messages.filter((m) => m.t === 'error')).toEqual([]);
    } finally {
      await host.dispose();
    }
  });
});
