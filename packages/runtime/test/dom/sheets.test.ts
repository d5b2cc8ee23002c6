/**
 * The mini-program's style sheets in the DOM renderer (`setStyleSheet`): placed after the defaults,
 * package URLs (backgrounds, fonts) resolved where the host serves the package, `@font-face` usable
 * from a shadow root; the same URL resolution for inline styles; viewport units measured against the
 * screen (the container), not the browser window.
 */

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domSuite, h, MONO_FONT, Ops, type DomPage } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

/** Draws `url` into a canvas and reads its first pixel: what the user would see of that image. */
const pixelOf = (d: DomPage, url: string) =>
  d.page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 4;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    return [...g.getImageData(0, 0, 1, 1).data];
  }, url);

const backgroundUrl = (d: DomPage, selector: string, inShadow = false) =>
  d.page.evaluate(
    ([sel, shadow]) => {
      const root = shadow ? document.getElementById('shadow-host')!.shadowRoot! : document;
      return /url\("(.*)"\)/.exec(getComputedStyle(root.querySelector(sel as string)!).backgroundImage)?.[1] ?? 'none';
    },
    [selector, inShadow] as const,
  );

describe('style sheets and package URLs', () => {
  it('a sheet goes after the defaults, with its package URLs resolved (and remote ones kept)', async () => {
    const d = await suite.fresh({ assetBase: '/pkg/' });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { class: 'bg', id: 'bg' }), h('view', { class: 'remote', id: 'remote' }), h('button', { id: 'b' }, 'x')));
    await d.page.evaluate(() =>
      window.mpk.renderer!.setStyleSheet(
        '',
        `.bg { width: 20px; height: 20px; background-image: url('/red.png') }
         .remote { background: url(https://gw.alipayobjects.com/a.png) no-repeat }
         a-button { background-color: rgb(1, 2, 3) }`,
      ),
    );
    const origin = new URL(d.page.url()).origin;
    expect(await backgroundUrl(d, '#bg')).toBe(`${origin}/pkg/red.png`);
    expect(await pixelOf(d, `${origin}/pkg/red.png`)).toEqual([255, 0, 0, 255]);
    expect(await backgroundUrl(d, '#remote')).toBe('https://gw.alipayobjects.com/a.png');
    expect(await d.page.evaluate(() => getComputedStyle(document.getElementById('b')!).backgroundColor)).toBe('rgb(1, 2, 3)');
    // sheets keep their order (a subpackage's after the main one) and are replaced in place
    await d.page.evaluate(() => {
      window.mpk.renderer!.setStyleSheet('sub', '.bg { height: 30px }');
      window.mpk.renderer!.setStyleSheet('', '.bg { height: 10px; width: 10px }');
    });
    expect(await d.page.evaluate(() => [...document.querySelectorAll('style[data-mpk-dom-styles], style[data-mpk-sheet]')].map((s) => s.getAttribute('data-mpk-sheet') ?? 'defaults'))).toEqual(['defaults', '', 'sub']);
    expect(await d.page.evaluate(() => document.getElementById('bg')!.getBoundingClientRect().height)).toBe(30);
    await d.page.evaluate(() => window.mpk.renderer!.dispose());
    expect(await d.page.evaluate(() => document.querySelectorAll('style[data-mpk-sheet]').length)).toBe(0);
  });

  it('inline styles resolve package URLs too; data: and remote URLs stay as written', async () => {
    const d = await suite.fresh({ assetBase: '/pkg/' });
    const o = new Ops();
    const data = 'data:image/svg+xml;charset=utf-8,%3Csvg%3E%3C%2Fsvg%3E';
    await d.apply(
      o.page(
        1,
        'p/a',
        h('view', { id: 'abs', style: 'width: 8px; height: 8px; background-image: url(/red.png)' }),
        h('view', { id: 'rel', style: { backgroundImage: "url('./red.png')" } }),
        h('view', { id: 'data', style: `background-image: url('${data}')` }),
      ),
    );
    const origin = new URL(d.page.url()).origin;
    expect(await backgroundUrl(d, '#abs')).toBe(`${origin}/pkg/red.png`);
    expect(await backgroundUrl(d, '#rel')).toBe(`${origin}/pkg/red.png`);
    expect(await backgroundUrl(d, '#data')).toBe(data);
  });

  it.skipIf(!existsSync(MONO_FONT))('in a shadow root, a package font of the sheet loads (declared on the document), a host font family never', async () => {
    const d = await suite.fresh({ assetBase: '/pkg/', shadow: true });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('text', { class: 'mono', id: 'mono' }, 'iiiii'), h('text', { class: 'plain', id: 'plain' }, 'iiiii')));
    await d.page.evaluate(() => {
      document.body.style.fontFamily = 'HostFace, sans-serif';
      window.mpk.renderer!.setStyleSheet(
        '',
        `@font-face { font-family: 'AppMono'; src: url('/mono.ttf') format('truetype') }
         @font-face { font-family: HostFace; src: url('/mono.ttf') }
         .mono, .plain { font-size: 40px } .mono { font-family: AppMono }`,
      );
    });
    await d.page.evaluate(() => document.fonts.ready);
    await d.page.waitForFunction(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'AppMono' && f.status === 'loaded'));
    const widths = await d.page.evaluate(() => {
      const root = document.getElementById('shadow-host')!.shadowRoot!;
      return ['mono', 'plain'].map((id) => Math.round(root.getElementById(id)!.getBoundingClientRect().width));
    });
    // DejaVu Sans Mono: each "i" is 0.6em wide (40px → 24px); a proportional "i" is far narrower
    expect(widths[0]).toBeGreaterThanOrEqual(118);
    expect(widths[1]).toBeLessThan(80);
    // the family the host page's own text uses was not declared on the document
    expect(await d.page.evaluate(() => [...document.fonts].map((f) => f.family.replace(/"/g, '')).sort())).toEqual(['AppMono']);
    expect(await d.page.evaluate(() => getComputedStyle(document.body).fontFamily)).toBe('HostFace, sans-serif');
    await d.page.evaluate(() => {
      window.mpk.renderer!.dispose();
      document.body.style.fontFamily = '';
    });
    expect(await d.page.evaluate(() => document.querySelectorAll('style[data-mpk-fonts]').length)).toBe(0);
  });

  it('in a shadow root, a tampered sheet cannot restyle the shadow host (:host in any spelling, nested or imported); the rest of it applies', async () => {
    const d = await suite.fresh({ shadow: true });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { class: 'ok', id: 'ok' }, 'ok')));
    const hostStyle = () =>
      d.page.evaluate(() => {
        const s = getComputedStyle(document.getElementById('shadow-host')!);
        return { position: s.position, zIndex: s.zIndex, color: s.color, opacity: s.opacity, outline: s.outlineStyle };
      });
    const before = await hostStyle();
    await d.page.evaluate(() =>
      window.mpk.renderer!.setStyleSheet(
        '',
        `:host { position: fixed !important; z-index: 99999; }
         :HOST { color: rgb(1, 2, 3) !important }
         :\\68 ost { opacity: 0.1 !important }
         @media all { :host { outline: 5px solid red } }
         @supports (display: grid) { @layer evil { :host(.mpk-root), :host { position: absolute !important } } }
         .ok { .deeper { & .deepest, :host { position: fixed !important } } }
         @import url('/evil.css');
         .ok { color: rgb(0, 128, 0) }
         @media all { .ok { font-size: 21px } }`,
      ),
    );
    expect(await hostStyle()).toEqual(before);
    const ok = await d.page.evaluate(() => {
      const el = document.getElementById('shadow-host')!.shadowRoot!.getElementById('ok')!;
      return [getComputedStyle(el).color, getComputedStyle(el).fontSize];
    });
    expect(ok).toEqual(['rgb(0, 128, 0)', '21px']);
  });

  it('in the host document, a package sheet styles only the container: global rules (body, *, view) never reach the host page', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('view', { class: 'in', id: 'in' }, 'in')));
    await d.page.evaluate(() => {
      const outside = document.createElement('div');
      outside.id = 'host-outside';
      outside.textContent = 'host';
      document.body.appendChild(outside);
      window.mpk.renderer!.setStyleSheet(
        '',
        `body { background: rgb(255, 0, 0) !important } html, :root { color: rgb(255, 0, 0) }
         * { outline: 3px solid rgb(255, 0, 0) } div { visibility: hidden }
         @keyframes spin { to { opacity: 0.5 } }
         @media all { view, .in { color: rgb(0, 0, 255); visibility: visible } }`,
      );
    });
    const host = await d.page.evaluate(() => {
      const el = document.getElementById('host-outside')!;
      return [getComputedStyle(document.body).backgroundColor, getComputedStyle(el).outlineStyle, getComputedStyle(el).visibility, getComputedStyle(el).color];
    });
    expect(host).toEqual(['rgba(0, 0, 0, 0)', 'none', 'visible', 'rgb(0, 0, 0)']);
    const inside = await d.page.evaluate(() => [getComputedStyle(document.getElementById('in')!).color, getComputedStyle(document.getElementById('in')!).outlineStyle]);
    expect(inside).toEqual(['rgb(0, 0, 255)', 'solid']);
    // @keyframes stay usable (declared outside the scope)
    expect(await d.page.evaluate(() => [...document.querySelectorAll('style[data-mpk-sheet]')].some((s) => /@keyframes spin/.test(s.textContent ?? '')))).toBe(true);
    await d.page.evaluate(() => document.getElementById('host-outside')!.remove());
  });

  it('a package cannot undo the screen’s containment: position: fixed stays inside the screen', async () => {
    for (const shadow of [false, true]) {
      const d = await suite.fresh({ shadow });
      const o = new Ops();
      await d.apply(o.page(1, 'p/a', h('view', { class: 'cover', id: 'cover' }, 'cover')));
      await d.page.evaluate(() =>
        window.mpk.renderer!.setStyleSheet(
          '',
          `.mpk-root, :scope, [data-mpk-screen] { contain: none !important; overflow: visible !important; position: static !important }
           .cover { position: fixed !important; inset: 0 !important; z-index: 99999 }`,
        ),
      );
      const [cover, screen] = await d.page.evaluate((inShadow) => {
        const root = inShadow ? document.getElementById('shadow-host')!.shadowRoot! : document;
        const el = root.getElementById('cover')!;
        const r = el.getBoundingClientRect();
        const c = (root.querySelector('.mpk-root') as HTMLElement).getBoundingClientRect();
        return [[r.left, r.top, r.width, r.height], [c.left, c.top, c.width, c.height]];
      }, shadow);
      expect(cover, shadow ? 'in a shadow root' : 'in the document').toEqual(screen);
    }
  });

  it('viewport units measure the screen (the container), in sheets and inline styles', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('view', { id: 'inline', style: 'width: 100vw; height: 50vh' }),
        h('view', { id: 'sheet', class: 'full' }),
      ),
    );
    // what the compiler writes for `.full { width: 50vw; height: 100vh }` (see compiler style tests)
    await d.page.evaluate(() => window.mpk.renderer!.setStyleSheet('', '.full { width: 50cqw; height: 100cqh } @container mpk-screen (max-width: 600px) { .full { outline: 1px solid red } }'));
    const boxes = await d.page.evaluate(() =>
      ['inline', 'sheet'].map((id) => {
        const r = document.getElementById(id)!.getBoundingClientRect();
        return [r.width, r.height, getComputedStyle(document.getElementById(id)!).outlineStyle];
      }),
    );
    // the harness screen is 375×667 inside a wider browser window
    expect(boxes).toEqual([
      [375, 333.5, 'none'],
      [187.5, 667, 'solid'],
    ]);
  });
});
