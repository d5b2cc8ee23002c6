/**
 * my.createCanvasContext in the base library (docs: api/基础API/界面/画布, CanvasContext.draw): calls are
 * recorded and sent as one `canvasDraw` invoke per draw() — `reserve` as given, property
 * assignments and set… methods in order, gradients by value — and draw's callback runs on the reply.
 * measureText falls back to the documented estimate when the host does not answer with a width.
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
    ctx.setFillStyle(gradient);
    console.log('measured ' + ctx.measureText('abc').width + ' canIUse ' + my.canIUse('createCanvasContext'));
    ctx.draw(true, () => console.log('drawn'));
    my.createCanvasContext('other').draw();
  },
});`;

describe.each(ENGINES)('my.createCanvasContext (%s)', (engine) => {
  it('sends one canvasDraw batch per draw() and calls back on the reply', async () => {
    const host = await FakeHost.start(appBundle({ 'pages/index/index': PAGE }, 'App({})'), { engine });
    try {
      await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, { t: 'event', id: 1, handler: 'draw', event: { type: 'tap' } as never });
      await host.settle();
      expect(host.trail()).toEqual(['measured 18 canIUse true', 'drawn']);
      const draws = host.invokes.filter((m) => m.api === 'canvasDraw').map((m) => m.args);
      expect(draws).toEqual([
        {
          target: { canvasId: 'ring' },
          reserve: true,
          legacy: true,
          calls: [
            { method: 'beginPath', args: [] },
            { method: 'setLineCap', args: ['round'] },
            { property: 'strokeStyle', value: '#1677ff' },
            { method: 'arc', args: [50, 50, 40, 0, Math.PI, false] },
            { method: 'stroke', args: [] },
            { method: 'setFillStyle', args: [{ gradient: 'linear', args: [0, 0, 1, 1], stops: [[0, 'red']] }] },
          ],
        },
        { target: { canvasId: 'other' }, reserve: false, legacy: true, calls: [] },
      ]);
      expect(host.messages.filter((m) => m.t === 'error')).toEqual([]);
    } finally {
      await host.dispose();
    }
  });
});
