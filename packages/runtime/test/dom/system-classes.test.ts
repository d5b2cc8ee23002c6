/**
 * The built-ins carry the platform's system classes and inner structure, so component libraries'
 * styles apply as on the platform. Each test loads rules written the way the libraries write them
 * (mini-ali-ui, mini-antui, antd-mini: selectors quoted from their published .acss) and checks what
 * a user sees: computed styles of the parts those rules aim at, kept in sync as the state changes.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { domSuite, h, Ops, type DomPage } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

async function withCss(css: string): Promise<DomPage> {
  const d = await suite.fresh();
  await d.page.evaluate((text) => {
    document.querySelector('style[data-test]')?.remove();
    const style = document.createElement('style');
    style.setAttribute('data-test', '');
    style.textContent = text;
    document.head.append(style);
  }, css);
  return d;
}

const style = (d: DomPage, selector: string, property: string, pseudo?: string) =>
  d.page.evaluate(([sel, prop, pse]) => getComputedStyle(document.querySelector(sel!)!, pse ?? null).getPropertyValue(prop!), [selector, property, pseudo] as const);

describe('system classes of the built-ins', () => {
  it('radio: a-radio-checked / a-radio-disabled on the host show mini-ali-ui am-radio’s icon', async () => {
    // mini-ali-ui es/am-radio: <view class="am-radio"><radio class="am-radio-value"/><am-icon className="am-radio-synthetic"/></view>
    const d = await withCss(`
      .am-radio-value { position: absolute; z-index: 1; opacity: 0 }
      .am-radio .am-radio-synthetic { opacity: 0 }
      .am-radio-value.a-radio-checked + .am-radio-synthetic { opacity: 1 }
      .am-radio-value.a-radio-checked.a-radio-disabled + .am-radio-synthetic { opacity: .4 }`);
    const o = new Ops();
    const amRadio = (id: string, attrs: Record<string, unknown>) =>
      h('label', {}, h('view', { class: 'am-radio' }, h('radio', { class: 'am-radio-value', id, $ref: id, ...attrs }), h('text', { class: 'am-radio-synthetic', id: `${id}-icon` }, '✓')));
    await d.apply(
      o.page(1, 'p/a', h('radio-group', {}, amRadio('r1', { value: 'a', checked: true }), amRadio('r2', { value: 'b' })), amRadio('r3', { value: 'c', checked: true, disabled: true })),
    );
    const icons = () => Promise.all(['r1', 'r2', 'r3'].map((id) => style(d, `#${id}-icon`, 'opacity')));
    expect(await icons()).toEqual(['1', '0', '0.4']);
    expect(await d.page.evaluate(() => [...document.getElementById('r3')!.classList].sort())).toEqual(['a-radio', 'a-radio-checked', 'a-radio-disabled', 'am-radio-value', 'mpk-disabled']);
    // the user picks the other radio: the classes (and so the icons) follow
    await d.page.click('#r2', { force: true });
    expect(await icons()).toEqual(['0', '1', '0.4']);
    // and so they do when the template sets checked
    await d.apply([[Op.Attr, o.ids.r1, 'checked', true], [Op.Attr, o.ids.r2, 'checked', false]]);
    expect(await icons()).toEqual(['1', '0', '0.4']);
  });

  it('checkbox: a-checkbox-checked / -disabled on the host and the a-shared-checkbox box inside', async () => {
    // mini-antui es/am-checkbox and mini-ali-ui es/am-checkbox
    const d = await withCss(`
      .am-checkbox { position: relative; width: 30px; height: 30px; display: inline-block }
      .a-shared-checkbox { width: 100%; height: 100%; margin-right: 0 }
      .am-checkbox-value { position: absolute; opacity: 0 }
      .am-checkbox-synthetic { position: absolute; z-index: 2; pointer-events: none; top: 0; left: 0; width: 100%; height: 100% }
      .am-checkbox-synthetic::before { content: ''; background-color: rgb(255, 255, 255) }
      .am-checkbox-value.a-checkbox-checked + .am-checkbox-synthetic::before { background-color: rgb(16, 142, 233) }
      .am-checkbox-value.a-checkbox-disabled + .am-checkbox-synthetic::before { background-color: rgb(225, 225, 225) }`);
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('view', { class: 'am-checkbox' }, h('checkbox', { class: 'am-checkbox-value', id: 'c', $ref: 'c' }), h('view', { class: 'am-checkbox-synthetic', id: 'c-box' })),
        h('view', { class: 'am-checkbox' }, h('checkbox', { class: 'am-checkbox-value', id: 'x', disabled: true }), h('view', { class: 'am-checkbox-synthetic', id: 'x-box' })),
      ),
    );
    const box = (id: string) => style(d, `#${id}-box`, 'background-color', '::before');
    expect([await box('c'), await box('x')]).toEqual(['rgb(255, 255, 255)', 'rgb(225, 225, 225)']);
    // a tap on the library's drawn box (pointer-events: none) reaches the transparent checkbox under it
    const at = await d.page.evaluate(() => {
      const r = document.getElementById('c-box')!.getBoundingClientRect();
      return [r.left + r.width / 2, r.top + r.height / 2];
    });
    await d.page.mouse.click(at[0]!, at[1]!);
    expect(await box('c')).toBe('rgb(16, 142, 233)');
    expect((await d.take()).filter((e) => e.type === 'change').map((e) => e.detail)).toEqual([{ value: true }]);
  });

  it('switch: a-switch host, input.a-switch-checkbox and the drawn .checkbox that mini-ali-ui am-switch styles', async () => {
    // mini-ali-ui es/am-switch: <switch class="am-switch" color="{{color}}" …/>
    const d = await withCss(`
      .checkbox, .checkbox::before, .checkbox::after { transition: none !important }
      .am-switch .checkbox { width: 60px; height: 31px }
      .am-switch .a-switch-checkbox.a-switch-checkbox:checked ~ .checkbox { background: rgb(22, 119, 255) }
      .am-switch .a-switch-checkbox.a-switch-checkbox:checked ~ .checkbox::after { transform: translateX(29px) }`);
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('switch', { class: 'am-switch', id: 's', $ref: 's' }), h('switch', { class: 'am-switch', id: 'red', checked: true, color: 'rgb(255, 0, 0)' })));
    const look = (id: string) =>
      d.page.evaluate((sel) => {
        const track = document.querySelector(`#${sel} .checkbox`)!;
        return {
          classes: document.getElementById(sel)!.className,
          width: track.getBoundingClientRect().width,
          background: getComputedStyle(track).backgroundColor,
          knob: getComputedStyle(track, '::after').transform,
        };
      }, id);
    const off = await look('s');
    expect(off).toMatchObject({ classes: 'am-switch a-switch', width: 60, knob: 'none' });
    expect(off.background).not.toBe('rgb(22, 119, 255)');
    // a tap anywhere on the switch toggles it
    await d.page.click('#s');
    await d.page.waitForFunction(() => getComputedStyle(document.querySelector('#s .checkbox')!, '::after').transform !== 'none');
    expect(await look('s')).toMatchObject({ classes: 'am-switch a-switch a-switch-checked', background: 'rgb(22, 119, 255)', knob: 'matrix(1, 0, 0, 1, 29, 0)' });
    // color="…" wins over the library's colour, as the platform's inline style does
    expect((await look('red')).background).toBe('rgb(255, 0, 0)');
    expect((await d.take()).filter((e) => e.type === 'change').map((e) => e.detail)).toEqual([{ value: true }]);
  });

  it('switch: the Android look under a-switch-android when the renderer draws Android', async () => {
    const d = await suite.fresh({ platform: 'android' });
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('switch', { id: 's', checked: true })));
    expect(await d.page.evaluate(() => [...document.getElementById('s')!.classList].sort())).toEqual(['a-switch', 'a-switch-android', 'a-switch-checked']);
    expect(await d.page.evaluate(() => document.querySelector('#s .checkbox')!.getBoundingClientRect().width)).toBe(72);
  });

  it('input: a-input > a-input-wrap > a-input-content + a-input-placeholder, styled by libraries and placeholder-class', async () => {
    // mini-ali-ui es/input-item and es/amount-input
    const d = await withCss(`
      .am-input-content { flex: 1; display: flex; font-size: 17px; color: rgb(51, 51, 51) }
      .am-input-content .a-input-wrap { flex: 1 }
      .am-amount .a-input-content { font-size: 45px }
      .am-input-placeholder-base { color: rgb(204, 204, 204) }`);
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('view', { style: 'display: flex; width: 300px' }, h('input', { class: 'am-input-content', id: 'i', $ref: 'i', placeholder: '请输入', 'placeholder-class': 'am-input-placeholder-base' })),
        h('view', { class: 'am-amount' }, h('input', { id: 'amount', value: '200' })),
      ),
    );
    const state = () =>
      d.page.evaluate(() => {
        const ph = document.querySelector<HTMLElement>('#i .a-input-placeholder')!;
        return {
          wrapWidth: document.querySelector('#i .a-input-wrap')!.getBoundingClientRect().width,
          fieldFont: getComputedStyle(document.querySelector('#i .a-input-content')!).fontSize,
          placeholder: { text: ph.textContent, shown: getComputedStyle(ph).display !== 'none', color: getComputedStyle(ph).color, font: getComputedStyle(ph).fontSize },
          amountFont: getComputedStyle(document.querySelector('#amount .a-input-content')!).fontSize,
        };
      });
    expect(await state()).toEqual({
      wrapWidth: 300,
      fieldFont: '17px',
      placeholder: { text: '请输入', shown: true, color: 'rgb(204, 204, 204)', font: '17px' },
      amountFont: '45px',
    });
    // typing hides the placeholder; clearing the value (from the logic layer) shows it again
    await d.page.click('#i');
    await d.page.keyboard.type('x');
    expect((await state()).placeholder.shown).toBe(false);
    await d.apply([[Op.Attr, o.ids.i, 'value', '']]);
    expect((await state()).placeholder.shown).toBe(true);
  });

  it('input: type selectors of the app (compiled to a-input) size the whole box, padding included', async () => {
    // pet-community pages/user: `input { width: calc(90% - 100rpx); height: 75rpx; padding-left: 100rpx; … }`
    const d = await withCss(`a-input { background: rgb(232, 232, 232); width: 200px; height: 40px; padding-left: 50px }`);
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('input', { id: 'i', placeholder: 'Search' })));
    const box = await d.page.evaluate(() => {
      const rect = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      return { host: [rect('#i').width, rect('#i').height], field: rect('#i input').left - rect('#i').left, placeholder: rect('#i .a-input-placeholder').left - rect('#i').left };
    });
    // the placeholder sits 3px into the field, as the platform's (mini-ali-ui and antd-mini pull it back with margin-left: -3px)
    expect(box).toEqual({ host: [250, 40], field: 50, placeholder: 53 });
  });

  it('textarea: a-textarea structure and the show-count counter (default on)', async () => {
    // mini-ali-ui es/multi-liner: `.am-multi-liner-item .a-textarea-count-wrap { position: relative }`
    const d = await withCss(`.counted .a-textarea-count-wrap { color: rgb(1, 2, 3) }`);
    const o = new Ops();
    await d.apply(
      o.page(1, 'p/a', h('view', { class: 'counted' }, h('textarea', { id: 't', $ref: 't', maxlength: 10 })), h('textarea', { id: 'n', 'show-count': false })),
    );
    const count = (id: string) => d.page.evaluate((sel) => document.querySelector(`#${sel} .a-textarea-count-wrap`)?.textContent ?? null, id);
    expect(await count('t')).toBe('0/10');
    expect(await count('n')).toBe(null);
    expect(await style(d, '#t .a-textarea-count-wrap', 'color')).toBe('rgb(1, 2, 3)');
    await d.page.click('#t textarea');
    await d.page.keyboard.type('hello');
    expect(await count('t')).toBe('5/10');
    await d.apply([[Op.Attr, o.ids.t, 'show-count', false]]);
    expect(await count('t')).toBe(null);
  });

  it('button, image and icon carry a-button, a-image and a-icon a-icon-<type>; a fill rule recolours the icon', async () => {
    const d = await withCss(`
      .am-message-button-wrap .a-button { margin-bottom: 12px }
      .steps .a-image { width: 18px; height: 18px }
      .am-list-item .a-icon-success_no_circle { fill: rgb(22, 119, 255) }`);
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('view', { class: 'am-message-button-wrap' }, h('button', { id: 'b' }, 'OK')),
        h('view', { class: 'steps' }, h('image', { id: 'img' })),
        h('view', { class: 'am-list-item' }, h('icon', { id: 'tick', type: 'success_no_circle' })),
        h('icon', { id: 'plain', type: 'success_no_circle' }),
      ),
    );
    const r = await d.page.evaluate(() => ({
      button: [document.getElementById('b')!.classList.contains('a-button'), getComputedStyle(document.getElementById('b')!).marginBottom],
      image: [document.getElementById('img')!.className, document.getElementById('img')!.getBoundingClientRect().width],
      icon: document.getElementById('tick')!.className,
      tick: getComputedStyle(document.querySelector('#tick path')!).fill,
      plain: getComputedStyle(document.querySelector('#plain path')!).fill,
    }));
    expect(r).toEqual({
      button: [true, '12px'],
      image: ['a-image', 18],
      icon: 'a-icon a-icon-success_no_circle',
      tick: 'rgb(22, 119, 255)',
      plain: 'rgb(9, 187, 7)', // the type's own colour
    });
  });

  it('button sizes as a block box: a library’s inline-block capsule shrinks, a fixed bar fits between left and right', async () => {
    // mini-ali-ui es/button `.am-button-capsule { display: inline-block }`; pet-community's fixed "添加" bar
    const d = await withCss(`.am-button-capsule { display: inline-block; padding: 4px 12px }`);
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('button', { id: 'capsule', class: 'am-button-capsule', style: 'margin-left: 10px' }, '全选'),
        h('view', { style: 'display: flex' }, h('input', { id: 'q', style: 'flex: 1' }), h('button', { id: 'go' }, '查询')),
        h('button', { id: 'bar', style: 'position: fixed; left: 0; right: 0; bottom: 12px; margin: 0 12px' }, '添加'),
      ),
    );
    const r = await d.page.evaluate(() => Object.fromEntries(['capsule', 'q', 'go', 'bar'].map((id) => {
      const b = document.getElementById(id)!.getBoundingClientRect();
      return [id, [Math.round(b.left), Math.round(b.right)]];
    })));
    expect(r.capsule![0]).toBe(10);
    expect(r.capsule![1]).toBeLessThan(100);
    expect(r.go![1]).toBe(375); // the button keeps its text's width, the flex:1 field takes the rest
    expect(r.q![1]).toBe(r.go![0]);
    expect(r.q![1]).toBeGreaterThan(250);
    expect(r.bar).toEqual([12, 363]);
  });
});
