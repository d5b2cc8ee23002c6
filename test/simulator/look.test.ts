/**
 * What a mini-program looks like in the simulator, against what the platform shows, on a project
 * written for it (in a temporary directory): package files that must load (a font declared in
 * app.acss, background images in sheets and style attributes, pictures by absolute and relative
 * path), the screen as the viewport (vh/vw, width media queries), style scope and precedence (a
 * page's rule against a library component's, page over app.acss, nothing leaking between pages,
 * apply-shared components), the built-ins' type selectors, and the navigation and tab bars from the
 * config. Screenshots: test/artifacts/look/*.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '@mpk/devtools/simulator';
import { ARTIFACTS, launchBrowser } from './support.ts';

const MONO_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const RED_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAEAQMAAACTPww9AAAAA1BMVEX/AAAZ4gk3AAAAC0lEQVQI12NggAAAAAgAAS8g3TEAAAAASUVORK5CYII=', 'base64');

const FILES: Record<string, string | Buffer> = {
  'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini', compileOptions: { component2: true } }),
  'app.json': JSON.stringify({
    pages: ['pages/index/index', 'pages/other/other', 'pages/clear/clear'],
    window: { defaultTitle: 'Look', titleBarColor: '#108ee9' },
    tabBar: {
      textColor: '#999999',
      selectedColor: '#ff6a00',
      backgroundColor: '#fafafa',
      items: [
        { pagePath: 'pages/index/index', name: 'Home', icon: '/images/red.png', activeIcon: '/images/red.png' },
        { pagePath: 'pages/other/other', name: 'Other', icon: '/images/red.png' },
      ],
    },
  }),
  'app.js': 'App({});',
  'app.acss': [
    "@font-face { font-family: 'LookMono'; src: url('/fonts/mono.ttf') format('truetype'); }",
    'page { background: #eeeeee; }',
    ".bg { width: 40px; height: 40px; background-image: url('/images/red.png'); background-size: cover; }",
    '.mono { font-family: LookMono; font-size: 40px; }',
  ].join('\n'),
  'images/red.png': RED_PNG,
  'components/card/card.json': JSON.stringify({ component: true }),
  'components/card/card.js': 'Component({});',
  'components/card/card.axml': '<view class="card"><view class="content" id="card-content">card</view></view>',
  // a library's rule, more specific than the page's generic one below
  'components/card/card.acss': '.card .content { padding: 0; }',
  'components/shy/shy.json': JSON.stringify({ component: true, styleIsolation: 'apply-shared' }),
  'components/shy/shy.js': 'Component({});',
  'components/shy/shy.axml': '<view class="shy-text" id="shy-inner">shy</view>',
  'components/shy/shy.acss': '.shy-text { color: rgb(0, 0, 255); }',
  // :host applies to the host element of a component that renders one
  'components/boxed/boxed.json': JSON.stringify({ component: true, virtualHost: false }),
  'components/boxed/boxed.js': 'Component({});',
  'components/boxed/boxed.axml': '<view id="boxed-inner">boxed</view>',
  'components/boxed/boxed.acss': ':host { display: block; border-left: 4px solid rgb(255, 0, 255); }',
  'pages/index/index.json': JSON.stringify({ defaultTitle: 'Index', usingComponents: { card: '/components/card/card', shy: '/components/shy/shy', boxed: '/components/boxed/boxed' } }),
  'pages/index/index.js': 'Page({ data: { h: 100 } });',
  'pages/index/index.axml': [
    '<view class="full" id="full"></view>',
    '<view class="half-w" id="half-w" style="width: 50vw; height: 10px"></view>',
    '<view class="narrow" id="narrow">narrow</view>',
    '<view class="bg" id="bg"></view>',
    '<view id="inline-bg" style="width: 40px; height: 40px; background-image: url(/images/red.png)"></view>',
    '<image id="abs" src="/images/red.png" style="width: 20px; height: 20px" />',
    '<image id="rel" src="../../images/red.png" style="width: 20px; height: 20px" />',
    '<text class="mono" id="mono">iiiii</text>',
    '<card />',
    '<boxed id="boxed" />',
    '<shy />',
    '<view class="shy-text" id="outside-shy">not in shy</view>',
    '<view class="title" id="index-title">title</view>',
    '<input id="field" placeholder="search" />',
    '<button id="capsule" class="capsule">OK</button>',
  ].join('\n'),
  'pages/index/index.acss': [
    'page { background: rgb(255, 255, 255); }',
    '.full { height: 100vh; width: 100vw; position: absolute; top: 0; left: 0; pointer-events: none; }',
    '@media (max-width: 600px) { .narrow { color: rgb(255, 0, 0); } }',
    '.content { padding: 20px; }',
    '.title { color: rgb(0, 128, 0); }',
    'input { background: rgb(232, 232, 232); padding-left: 30px; height: 40px; }',
    '.capsule { display: inline-block; }',
  ].join('\n'),
  'pages/other/other.json': JSON.stringify({ defaultTitle: 'Other', titleBarColor: '#ffffff' }),
  // the offline case of the corpus apps: a loading toast around a request that fails
  'pages/other/other.js': `Page({
  data: { result: '' },
  fetch() {
    my.showLoading({ content: 'Loading' });
    my.request({
      url: 'https://mpk-offline.invalid/api',
      fail: (e) => this.setData({ result: 'failed ' + e.error }),
      complete: () => my.hideLoading(),
    });
  },
});`,
  'pages/other/other.axml': '<view class="title" id="other-title">other</view><button id="fetch" onTap="fetch">fetch</button><view id="result">{{result}}</view>',
  'pages/other/other.acss': '',
  'pages/clear/clear.json': JSON.stringify({ defaultTitle: 'Clear', transparentTitle: 'auto', titleBarColor: '#ff0000' }),
  'pages/clear/clear.js': 'Page({});',
  'pages/clear/clear.axml': '<view id="hero" style="height: 300px; background: #000"></view><view style="height: 2000px"></view>',
  'pages/clear/clear.acss': '',
};

let browser: Browser;
let server: DevServer;
let page: Page;
let dir: string;
const errors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mpk-look-'));
  for (const [file, body] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), body);
  }
  if (existsSync(MONO_FONT)) {
    mkdirSync(path.join(dir, 'fonts'), { recursive: true });
    writeFileSync(path.join(dir, 'fonts/mono.ttf'), readFileSync(MONO_FONT));
  }
  browser = await launchBrowser();
  server = await startDevServer({ project: dir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url);
  await page.waitForFunction(() => (window.mpkSimulator?.appliedBuild ?? 0) >= 1, null, { timeout: 60_000 });
  await page.locator('#full').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = async (name: string) => {
  mkdirSync(path.join(ARTIFACTS, 'look'), { recursive: true });
  await page.locator('.phone').first().screenshot({ path: path.join(ARTIFACTS, 'look', `${name}.png`) });
};

/** Evaluates `fn` on the element `#id` inside the phone's shadow root. */
function onElement<T>(id: string, fn: string): Promise<T> {
  return page.evaluate(
    ([sel, body]) => {
      const root = document.querySelector('.phone-screen')!.shadowRoot!;
      const el = root.getElementById(sel!)!;
      return new Function('el', 'root', `return (${body})(el, root)`)(el, root);
    },
    [id, fn] as const,
  ) as Promise<T>;
}

describe('simulator: a project as the platform shows it', () => {
  it('loads package files: a font from app.acss, sheet and inline backgrounds, pictures by absolute and relative path', async () => {
    await page.waitForFunction(() => {
      const root = document.querySelector('.phone-screen')!.shadowRoot!;
      return ['abs', 'rel'].every((id) => (root.getElementById(id)?.querySelector('img') as HTMLImageElement | null)?.naturalWidth === 4);
    });
    const backgrounds = await Promise.all(['bg', 'inline-bg'].map((id) => onElement<string>(id, '(el) => getComputedStyle(el).backgroundImage')));
    for (const background of backgrounds) expect(background).toMatch(/^url\("http:\/\/127\.0\.0\.1:\d+\/b\/\d+\/images\/red\.png"\)$/);
    const status = await page.evaluate((urls) => Promise.all(urls.map((u) => fetch(u).then((r) => r.status))), backgrounds.map((b) => /url\("(.*)"\)/.exec(b)![1]!));
    expect(status).toEqual([200, 200]);
    if (existsSync(MONO_FONT)) {
      await page.waitForFunction(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'LookMono' && f.status === 'loaded'));
      // DejaVu Sans Mono at 40px: five "i" take 5 × 24px
      expect(await onElement<number>('mono', '(el) => Math.round(el.getBoundingClientRect().width)')).toBeGreaterThanOrEqual(118);
    }
    await shot('index');
  });

  it('measures vh/vw and width media queries against the phone screen', async () => {
    const screen = await page.evaluate(() => {
      const r = document.querySelector('.phone-screen')!.getBoundingClientRect();
      return [Math.round(r.width), Math.round(r.height)];
    });
    expect(await onElement<number[]>('full', '(el) => [Math.round(el.getBoundingClientRect().width), Math.round(el.getBoundingClientRect().height)]')).toEqual(screen);
    expect(await onElement<number>('half-w', '(el) => el.getBoundingClientRect().width')).toBe(screen[0]! / 2);
    expect(await onElement<string>('narrow', '(el) => getComputedStyle(el).color')).toBe('rgb(255, 0, 0)');
  });

  it('scopes and orders styles as the platform: page over app.acss, library rules keep their weight, apply-shared stays inside', async () => {
    expect(await onElement<string>('full', '(el) => getComputedStyle(el.closest(".mpk-page")).backgroundColor')).toBe('rgb(255, 255, 255)');
    expect(await onElement<string>('card-content', '(el) => getComputedStyle(el).paddingTop')).toBe('0px');
    expect(await onElement<string>('shy-inner', '(el) => getComputedStyle(el).color')).toBe('rgb(0, 0, 255)');
    expect(await onElement<string>('outside-shy', '(el) => getComputedStyle(el).color')).not.toBe('rgb(0, 0, 255)');
    expect(await onElement<string>('index-title', '(el) => getComputedStyle(el).color')).toBe('rgb(0, 128, 0)');
    expect(await onElement<string>('boxed-inner', '(el) => getComputedStyle(el.parentElement).borderLeftColor')).toBe('rgb(255, 0, 255)');
  });

  it('styles the built-ins by their type selectors: the input box as written, a capsule button as wide as its text', async () => {
    const field = await onElement<number[]>('field', `(el) => {
      const r = el.getBoundingClientRect(), f = el.querySelector('input').getBoundingClientRect();
      return [Math.round(r.height), Math.round(f.left - r.left), getComputedStyle(el).backgroundColor === 'rgb(232, 232, 232)' ? 1 : 0];
    }`);
    expect(field).toEqual([40, 30, 1]);
    expect(await onElement<number>('capsule', '(el) => el.getBoundingClientRect().width')).toBeLessThan(120);
  });

  it('draws the navigation and tab bars from the config, and keeps a page’s styles on that page', async () => {
    const bars = () =>
      page.evaluate(() => ({
        nav: getComputedStyle(document.querySelector('.phone-head')!).backgroundColor,
        title: document.querySelector('.nav-title')!.textContent,
        tabs: [...document.querySelectorAll<HTMLElement>('.tab-item')].map((t) => `${t.textContent}:${getComputedStyle(t).color}`),
        tabBar: getComputedStyle(document.querySelector('.phone-tabbar')!).backgroundColor,
      }));
    expect(await bars()).toEqual({ nav: 'rgb(16, 142, 233)', title: 'Index', tabs: ['Home:rgb(255, 106, 0)', 'Other:rgb(153, 153, 153)'], tabBar: 'rgb(250, 250, 250)' });
    await page.locator('.tab-item', { hasText: 'Other' }).click();
    await page.locator('#other-title').waitFor();
    expect(await bars()).toMatchObject({ nav: 'rgb(255, 255, 255)', title: 'Other', tabs: ['Home:rgb(153, 153, 153)', 'Other:rgb(255, 106, 0)'] });
    // the index page's .title rule stays on the index page; app.acss `page {}` colours a page that sets none
    expect(await onElement<string>('other-title', '(el) => getComputedStyle(el).color')).not.toBe('rgb(0, 128, 0)');
    expect(await onElement<string>('other-title', '(el) => getComputedStyle(el.closest(".mpk-page")).backgroundColor')).toBe('rgb(238, 238, 238)');
    await shot('other');
    expect(errors).toEqual([]);
  });

  it('draws transparentTitle auto over the page, the bar fading in as the page scrolls', async () => {
    await page.evaluate(() => window.mpkSimulator!.session.container!.navigate('navigateTo', { url: '/pages/clear/clear' }));
    await page.locator('#hero').waitFor();
    const look = () =>
      page.evaluate(() => {
        const head = document.querySelector<HTMLElement>('.phone-head')!.getBoundingClientRect();
        const hero = document.querySelector('.phone-screen')!.shadowRoot!.getElementById('hero')!.getBoundingClientRect();
        return { heroTop: Math.round(hero.top - head.top), background: getComputedStyle(document.querySelector('.phone-head')!).backgroundColor };
      });
    // the page starts at the top of the screen, under the status and navigation bars, which show no background yet
    expect(await look()).toEqual({ heroTop: 0, background: 'rgba(255, 0, 0, 0)' });
    await page.evaluate(() => window.mpkSimulator!.session.renderer!.scrollPageTo(window.mpkSimulator!.session.container!.currentPage()!.id, { scrollTop: 200 }));
    await expect.poll(async () => (await look()).background).toBe('rgb(255, 0, 0)');
    await shot('transparent-title');
    await page.evaluate(() => window.mpkSimulator!.session.container!.navigate('navigateBack'));
    await page.locator('#other-title').waitFor();
    // back on a page without transparentTitle: the bars are solid again, above the page
    expect(await page.evaluate(() => [getComputedStyle(document.querySelector('.phone-head')!).backgroundColor, getComputedStyle(document.querySelector('.phone-head')!).position])).toEqual(['rgb(255, 255, 255)', 'static']);
  });

  it('hides a loading toast from the complete callback of a request that failed (offline)', async () => {
    await page.locator('#fetch').click();
    await page.locator('#result', { hasText: 'failed' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.ui-loading').count()).toBe(0);
  });
});
