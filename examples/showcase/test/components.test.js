import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch } from '@mpk/devtools/harness';
import { project } from './support/project.js';

let app;
let page;

beforeEach(async () => {
  app = await launch(project);
  page = app.currentPage();
});

afterEach(async () => {
  const closing = app;
  app = undefined;
  await closing?.close();
  expect(closing?.errors ?? []).toEqual([]);
});

describe('components page: content', () => {
  it('opens first, as the first tab', () => {
    expect(page.route).toBe('pages/components/components');
    expect(page.text('.demo-section-title')).toBe('view');
  });

  it('reacts to taps and long presses on a view with a hover-class', async () => {
    const box = page.querySelector('#hover-box');
    expect(box.attrs['hover-class']).toBe('hover-box-active');
    expect(page.text('#box-log')).toBe('Not touched yet');
    await page.tap('#hover-box');
    expect(page.text('#box-log')).toBe('Tapped');
    await page.fire('#hover-box', 'longTap');
    expect(page.text('#box-log')).toBe('Long-pressed');
  });

  it('shows text with decode, space and number-of-lines', () => {
    const decoded = page.querySelector('#decoded');
    expect(decoded.attrs).toMatchObject({ decode: true, space: 'emsp' });
    // The entities reach the text component as written: decoding them is its job.
    expect(page.text('#decoded')).toBe('a&lt;b&gt; &amp; wide  spaces');
    expect(page.querySelector('.clamp-box text').attrs['number-of-lines']).toBe(2);
  });

  it('shows every documented icon type', () => {
    const icons = page.querySelectorAll('icon');
    expect(icons.map((icon) => icon.attrs.type)).toEqual([
      'success', 'success_no_circle', 'info', 'warn', 'waiting', 'cancel', 'download', 'search', 'clear', 'loading',
    ]);
    expect(icons.every((icon) => icon.attrs.size === 28)).toBe(true);
    expect(icons.find((icon) => icon.attrs.type === 'warn').attrs.color).toBe('#fa8c16');
    expect(icons.filter((icon) => 'color' in icon.attrs)).toHaveLength(1);
  });

  it('draws the bar chart on a type="2d" canvas, the last bar following the progress', async () => {
    const bar = (calls) => calls.filter((c) => c.method === 'fillRect').at(-1);
    expect(bar(page.canvas('#chart').calls)).toEqual({ method: 'fillRect', args: [230, 90, 40, 20] });
    await page.tap('#advance-progress');
    expect(bar(page.canvas('#chart').calls)).toEqual({ method: 'fillRect', args: [230, 70, 40, 40] });
    expect(page.canvas('#chart').calls).toContainEqual({ method: 'fillText', args: ['40%', 230, 66] });
    // Headless keeps draw calls, not pixels: saving answers the documented not-supported error.
    await page.tap('#chart-save');
    expect(page.text('#chart-status')).toMatch(/^Not saved: canvasToTempFilePath: not supported on this host/);
  });

  it('advances the progress bar and wraps around after 100%', async () => {
    expect(page.querySelector('#progress').attrs).toMatchObject({ percent: 20, 'show-info': true, 'active-color': '#1677ff' });
    for (let i = 0; i < 4; i++) await page.tap('#advance-progress');
    expect(page.querySelector('#progress').attrs.percent).toBe(100);
    await page.tap('#advance-progress');
    expect(page.querySelector('#progress').attrs.percent).toBe(0);
  });

  it('renders rich-text from a nodes array and reads marks from a tap', async () => {
    const nodes = page.querySelector('#rich').attrs.nodes;
    expect(nodes[0].name).toBe('p');
    expect(nodes[0].children.map((child) => child.name ?? child.type)).toEqual(['text', 'b', 'text', 'span', 'text', 'span', 'text']);
    expect(page.text('#rich-tapped')).toBe('Tap the link above');
    // A tap inside rich-text carries the tapped node's marks in detail.marks (docs: rich-text nodes.marks).
    await page.fire('#rich', 'tap', { pageX: 10, pageY: 10, clientX: 10, clientY: 10, marks: { link: 'terms' } });
    expect(page.text('#rich-tapped')).toBe('Tapped the "terms" link');
  });

  it('shows a loading button while saving, then the result', async () => {
    const looks = page.querySelectorAll('.row button').map((b) => [b.attrs.type ?? 'default', b.attrs.size ?? 'default']);
    expect(looks.slice(0, 4)).toEqual([['primary', 'default'], ['default', 'default'], ['warn', 'default'], ['primary', 'mini']]);
    expect(page.querySelectorAll('button').filter((b) => b.attrs.disabled === true)).toHaveLength(1);

    await page.tap('#save');
    expect(page.querySelector('#save').attrs).toMatchObject({ loading: true, disabled: true });
    expect(page.text('#save')).toBe('Saving…');
    await page.tap('#save'); // ignored while saving
    await app.advanceTime(999);
    expect(page.text('#save-status')).toBe('Saving…');
    await app.advanceTime(1);
    expect(page.querySelector('#save').attrs).toMatchObject({ loading: false, disabled: false });
    expect(page.text('#save-status')).toBe('Saved 1 time');
  });

  it('lays out the same picture in every image mode', async () => {
    const images = page.querySelectorAll('.image-grid image');
    expect(images.map((image) => image.attrs.mode)).toEqual(['scaleToFill', 'aspectFit', 'aspectFill', 'widthFix', 'center', 'top left', 'bottom right']);
    expect(new Set(images.map((image) => image.attrs.src))).toEqual(new Set(['/images/landscape.svg']));
    await page.fire('.image-grid image', 'load', { width: 240, height: 140 });
    expect(page.text('#image-info')).toBe('Loaded 240×140 (mode scaleToFill)');
  });
});

describe('components page: form', () => {
  async function fillIn() {
    await page.input('#nickname', 'Ada');
    await page.input('#bio', 'Counts things.');
    await page.fire('#hobbies', 'change', { value: ['reading', 'cooking'] });
    await page.fire('#plan', 'change', { value: 'pro' });
    await page.fire('#newsletter', 'change', { value: true });
    await page.fire('#volume', 'changing', { value: 55 });
    expect(page.text('#volume-label')).toBe('Volume (dragging)');
    await page.fire('#volume', 'change', { value: 60 });
    await page.fire('#city', 'change', { value: 2 });
    await page.fire('#terms', 'change', { value: ['accepted'] });
  }

  it('keeps every control in sync with what the user chose', async () => {
    await fillIn();
    expect(page.data.form).toEqual({
      nickname: 'Ada',
      bio: 'Counts things.',
      hobbies: ['reading', 'cooking'],
      plan: 'pro',
      newsletter: true,
      volume: 60,
      city: 2,
      terms: ['accepted'],
    });
    const checked = (selector) => page.querySelectorAll(selector).filter((n) => n.attrs.checked === true).map((n) => n.attrs.value);
    expect(checked('#hobbies checkbox')).toEqual(['reading', 'cooking']);
    expect(checked('#plan radio')).toEqual(['pro']);
    expect(page.querySelector('#newsletter').attrs.checked).toBe(true);
    expect(page.querySelector('#volume').attrs.value).toBe(60);
    expect(page.text('#volume-label')).toBe('Volume ');
    expect(page.text('#city-value')).toBe('Beijing ▾');
  });

  it('submits the named values and shows them', async () => {
    await fillIn();
    await page.tap('#submit');
    expect(page.text('#form-status')).toBe('Submitted');
    expect(page.querySelectorAll('#submitted > view').map((line) => page.text(`#${line.attrs.id}`))).toEqual([
      'nickname: Ada',
      'bio: Counts things.',
      'hobbies: reading, cooking',
      'plan: pro',
      'newsletter: yes',
      'volume: 60',
      'city: Beijing',
      'terms: accepted',
      'sent by the "profile" button',
    ]);
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ type: 'success', content: 'Thanks, Ada!' }) });
  });

  it('refuses a submit without a nickname or without the terms', async () => {
    await page.tap('#submit');
    expect(page.text('#form-status')).toBe('Fill in a nickname first');
    expect(page.querySelector('#submitted')).toBeNull();
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ type: 'fail', content: 'Nickname is required' }) });

    await page.input('#nickname', 'Ada');
    await page.tap('#submit');
    expect(page.text('#form-status')).toBe('The terms are not accepted');
    expect(page.querySelector('#submitted')).toBeNull();
  });

  it('resets every control', async () => {
    await fillIn();
    await page.tap('#submit');
    await page.tap('#reset');
    expect(page.text('#form-status')).toBe('Reset');
    expect(page.querySelector('#submitted')).toBeNull();
    expect(page.querySelector('#nickname').attrs.value).toBe('');
    expect(page.querySelector('#newsletter').attrs.checked).toBe(false);
    expect(page.querySelector('#volume').attrs.value).toBe(40);
    expect(page.text('#city-value')).toBe('Hangzhou ▾');
    expect(page.data.form.hobbies).toEqual(['reading']);
  });
});

describe('components page: scroll-view and swiper', () => {
  it('reports scrolling and jumps to a row', async () => {
    await page.fire('#rows', 'scroll', { scrollTop: 240.4, scrollLeft: 0, scrollHeight: 900, scrollWidth: 300 });
    expect(page.text('#scroll-info')).toBe('scrollTop 240 · 10 rows');
    await page.tap('#jump-row-10');
    expect(page.querySelector('#rows').attrs['scroll-into-view']).toBe('row-10');
    expect(page.querySelector('#row-10')).not.toBeNull();
    await page.tap('#jump-top');
    expect(page.querySelector('#rows').attrs['scroll-into-view']).toBe('row-1');
  });

  it('loads more rows near the end, up to 30', async () => {
    await page.fire('#rows', 'scrollToLower');
    expect(page.text('#rows-footer')).toBe('Loading…');
    await page.fire('#rows', 'scrollToLower'); // a second arrival while loading is ignored
    await app.advanceTime(300);
    expect(page.querySelectorAll('.list-row')).toHaveLength(20);
    expect(page.text('#rows-footer')).toBe('Scroll for more');

    await page.fire('#rows', 'scrollToLower');
    await app.advanceTime(300);
    expect(page.querySelectorAll('.list-row').map((row) => row.attrs.id).at(-1)).toBe('row-30');
    expect(page.text('#rows-footer')).toBe('No more rows');
    await page.fire('#rows', 'scrollToLower');
    await app.advanceTime(300);
    expect(page.text('#scroll-info')).toBe('scrollTop 0 · 30 rows');
  });

  it('follows the swiper and drives it from buttons and the autoplay switch', async () => {
    const swiper = () => page.querySelector('#slides');
    expect(swiper().attrs).toMatchObject({ 'indicator-dots': true, circular: true, current: 0 });
    expect(swiper().attrs.autoplay).toBe(false);
    expect(page.querySelectorAll('swiper-item')).toHaveLength(3);

    await page.fire('#slides', 'change', { current: 2, source: 'touch' });
    expect(page.text('#slide-info')).toBe('Slide 3 of 3 (touch)');
    await page.tap('#next-slide');
    expect(page.text('#slide-info')).toBe('Slide 1 of 3 (button)');
    expect(swiper().attrs.current).toBe(0);
    await page.tap('#prev-slide');
    expect(swiper().attrs.current).toBe(2);

    await page.fire('#autoplay', 'change', { value: true });
    expect(swiper().attrs).toMatchObject({ autoplay: true, interval: 2500 });
    await page.fire('#slides', 'change', { current: 0, source: 'autoplay' });
    expect(page.text('#slide-info')).toBe('Slide 1 of 3 (autoplay)');
  });
});

describe('components page: navigator', () => {
  it('opens the subpackage page with a query built from the form', async () => {
    expect(page.querySelector('#to-detail').attrs.url).toBe('/sub/detail/detail?from=components&name=guest');
    await page.input('#nickname', 'Ada Lovelace');
    expect(page.querySelector('#to-detail').attrs.url).toBe('/sub/detail/detail?from=components&name=Ada%20Lovelace');

    await page.tap('#to-detail');
    const detail = app.currentPage();
    expect(detail.route).toBe('sub/detail/detail');
    expect(detail.query).toEqual({ from: 'components', name: 'Ada Lovelace' });
    expect(detail.text('#greeting')).toBe('Hello, Ada Lovelace!');
    expect(detail.text('#origin')).toBe('Opened from the components page · 2 pages on the stack');
    expect(app.uiCalls).toContainEqual({ api: 'setNavigationBar', args: expect.objectContaining({ title: 'Hello, Ada Lovelace' }) });

    await detail.tap('#back');
    expect(app.pages().map((p) => p.route)).toEqual(['pages/components/components']);
    expect(app.currentPage().data.form.nickname).toBe('Ada Lovelace');
  });

  it('switches to another tab', async () => {
    await page.tap('#to-apis');
    expect(app.currentPage().route).toBe('pages/apis/apis');
    expect(app.pages()).toHaveLength(1);
  });
});
