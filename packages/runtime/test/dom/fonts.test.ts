/**
 * my.loadFontFace in the browser (docs: 字体/my.loadFontFace): the font the host fetched becomes a FontFace of
 * the renderer's document — fonts are document-wide, a shadow root has none of its own — so the app's text
 * uses it; a family the host page's own text uses is refused, and dispose removes the app's fonts.
 */

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domSuite, h, MONO_FONT, Ops } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

describe('DomRenderer.loadFontFace', () => {
  it.skipIf(!existsSync(MONO_FONT))('adds the font for the app (in a shadow root too), never one of the host page\'s families', async () => {
    const d = await suite.fresh({ shadow: true });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('text', { id: 'mono', style: 'font-family: LoadedMono; font-size: 40px' }, 'iiiii')));
    const outcome = await d.page.evaluate(async () => {
      document.body.style.fontFamily = 'HostFace, sans-serif';
      const data = new Uint8Array(await (await fetch('/pkg/mono.ttf')).arrayBuffer());
      await window.mpk.renderer!.loadFontFace({ family: 'LoadedMono', data, descriptors: { weight: 'normal' } });
      const refused = await window.mpk.renderer!.loadFontFace({ family: 'HostFace', data }).then(() => 'loaded', (e: Error) => e.message);
      const garbage = await window.mpk.renderer!.loadFontFace({ family: 'Broken', data: new Uint8Array(64) }).then(() => 'loaded', () => 'failed');
      const root = document.getElementById('shadow-host')!.shadowRoot!;
      return {
        refused,
        garbage,
        width: Math.round(root.getElementById('mono')!.getBoundingClientRect().width),
        families: [...document.fonts].map((f) => f.family.replace(/"/g, '')),
      };
    });
    // DejaVu Sans Mono: each "i" is 0.6em wide (40px → 24px)
    expect(outcome.width).toBeGreaterThanOrEqual(118);
    expect(outcome.refused).toContain('host page');
    expect(outcome.garbage).toBe('failed');
    expect(outcome.families).toEqual(['LoadedMono']);
    await d.page.evaluate(() => {
      window.mpk.renderer!.dispose();
      document.body.style.fontFamily = '';
    });
    expect(await d.page.evaluate(() => document.fonts.size)).toBe(0);
  });
});
