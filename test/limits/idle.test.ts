/**
 * Waiting for idle is bounded (ARCHITECTURE.md "The trust boundary": everything a mini-program does is
 * bounded). On a device frames pace an app that keeps itself busy — a didUpdate that measures itself
 * and sets data from the answer, a timer re-arming itself at once — but headless nothing does: the
 * harness (and `mpk run`) give up after a budget of bridge batches / real time, or of timer firings at one
 * virtual instant, with a message naming the traffic that kept the app busy.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { IdleTimeoutError } from '@mpk/runtime';
import { closeAll, component, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

const measureLoop = {
  ...page('pages/index/index', { axml: '<grow/>', json: { usingComponents: { grow: '/components/grow/grow' } } }),
  ...component('components/grow/grow', {
    axml: '<view class="g">{{n}}</view>',
    js: `
Component({
  data: { n: 0 },
  didMount() { this.setData({ n: 1 }); },
  // Measures after every update and stores the answer: an update again, for ever.
  didUpdate() { this.createSelectorQuery().select('.g').boundingClientRect().exec(() => this.setData({ n: this.data.n + 1 })); },
});`,
  }),
};

/** A setData callback that sets data again, for ever: nothing paces it, not even frames. */
const callbackLoop = {
  ...page('pages/index/index', {
    axml: '<view id="n">{{n}}</view>',
    js: `Page({ data: { n: 0 }, onLoad() { this.step(); }, step() { this.setData({ n: this.data.n + 1 }, () => this.step()); } });`,
  }),
};

describe('bounded waits for idle', () => {
  it('paces a measure loop (didUpdate → selectorQuery → setData) by frames, as a device does, so it settles between them', async () => {
    const app = await launchProject(measureLoop);
    const first = Number(app.currentPage().text('.g'));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(8);
    // Ten frames of virtual time: a few answers per frame, not thousands.
    await app.advanceTime(160);
    const later = Number(app.currentPage().text('.g'));
    expect(later).toBeGreaterThan(first);
    expect(later - first).toBeLessThanOrEqual(4 * 11);
    expect(app.errors).toEqual([]);
  });

  it('fails a launch that never settles, naming the loop', async () => {
    const launched = launchProject(callbackLoop, { idle: { batches: 400 } });
    await expect(launched).rejects.toBeInstanceOf(IdleTimeoutError);
    const error = (await launched.catch((e: unknown) => e)) as IdleTimeoutError;
    expect(error.message).toMatch(/^the mini-program did not become idle within 400 batches/);
    expect(error.busy.map((b) => b.what)).toEqual(expect.arrayContaining(['patch pages/index/index#1', 'rendered pages/index/index#1']));
  });

  it('fails on real time too', async () => {
    const started = Date.now();
    await expect(launchProject(callbackLoop, { idle: { ms: 300 } })).rejects.toThrow(/did not become idle within 300 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('gives up on timers that keep falling due without virtual time moving', async () => {
    // A 0 ms timer chain is clamped to 4 ms after five levels (fair-time.test.ts), but one that goes
    // through a JSAPI reply each time starts again at nesting level 1, as in a browser: on virtual
    // time, where the reply takes no time, it stays at one instant.
    const app = await launchProject(
      {
        ...page('pages/index/index', {
          axml: '<view/>',
          js: `Page({ onLoad() { const tick = () => setTimeout(() => my.getStorage({ key: 'k', complete: tick }), 0); tick(); } });`,
        }),
      },
      { idle: { firings: 100 }, startTime: 0 },
    );
    await expect(app.advanceTime(50)).rejects.toThrow(/timers kept firing at virtual time 0 ms: more than 100 in a row/);
  });

  it('lets an app that is only busy for a while settle', async () => {
    const app = await launchProject(
      {
        ...page('pages/index/index', {
          axml: '<view id="n">{{n}}</view>',
          js: `Page({ data: { n: 0 }, onLoad() { this.step(); }, step() { if (this.data.n < 50) this.setData({ n: this.data.n + 1 }, () => this.step()); } });`,
        }),
      },
      { idle: { batches: 1000 } },
    );
    expect(app.currentPage().text('#n')).toBe('50');
  });
});
