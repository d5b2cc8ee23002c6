/**
 * Common attributes (docs: framework/ACSS 语法参考.md, framework/事件系统/事件对象.md, framework/AXML/条件渲染.md):
 * static and dynamic `class`, `style` strings with data in them, `hidden`, `data-*` reaching
 * `event.target.dataset` in camelCase, and attributes of built-in components passing their values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

let app: MiniApp;

beforeAll(async () => {
  app = await launchProject(
    page('pages/index/index', {
      axml: `
<view id="cls" class="card {{active ? 'card-active' : 'card-idle'}} size-{{size}}">c</view>
<view id="sty" style="color: {{color}}; width: {{width}}rpx;">s</view>
<view id="hid" hidden="{{hidden}}">h</view>
<view id="hid-static" hidden>h</view>
<view id="ds" data-alpha-beta="{{1}}" data-name="{{name}}" data-plain="text" onTap="showDataset">d</view>
<input id="field" value="{{name}}" placeholder="Your name" maxlength="{{10}}" password="{{false}}"/>
<image id="img" src="/images/{{name}}.png" mode="aspectFit"/>
<button id="toggle" onTap="toggle">toggle</button>`,
      js: `
Page({
  data: { active: false, size: 'm', color: 'red', width: 100, hidden: true, name: 'ann' },
  toggle() { this.setData({ active: !this.data.active, size: 'l', color: 'blue', width: 200, hidden: !this.data.hidden, name: 'bob' }); },
  showDataset(e) { console.log('dataset', JSON.stringify(e.target.dataset)); },
});`,
    }),
  );
});
afterAll(closeAll);

describe('class, style, hidden', () => {
  it('renders static and dynamic class names', async () => {
    const p = app.currentPage();
    expect(p.querySelector('#cls')!.attrs.class).toBe('card card-idle size-m');
    expect(p.querySelectorAll('.card-idle')).toHaveLength(1);
    await p.tap('#toggle');
    expect(p.querySelector('#cls')!.attrs.class).toBe('card card-active size-l');
    expect(p.querySelectorAll('.card.card-active.size-l')).toHaveLength(1);
    expect(p.querySelectorAll('.card-idle')).toHaveLength(0);
  });

  it('renders style strings with data in them', () => {
    expect(app.currentPage().querySelector('#sty')!.attrs.style).toBe('color: blue; width: 200rpx;');
  });

  it('toggles hidden while the node stays rendered; a bare hidden is true', () => {
    const p = app.currentPage();
    expect(p.querySelector('#hid')!.attrs.hidden).toBe(false);
    expect(p.text('#hid')).toBe('h');
    expect(p.querySelector('#hid-static')!.attrs.hidden).toBe(true);
  });

  it('passes built-in component attributes with their values', () => {
    const p = app.currentPage();
    const field = p.querySelector('#field')!;
    expect(field.attrs.value).toBe('bob');
    expect(field.attrs.placeholder).toBe('Your name');
    expect(field.attrs.maxlength).toBe(10);
    expect(field.attrs.password).toBe(false);
    expect(p.querySelector('#img')!.attrs.src).toBe('/images/bob.png');
  });
});

describe('data-*', () => {
  it('turns hyphenated names into camelCase keys of the dataset, keeping lone-mustache types', async () => {
    await app.currentPage().tap('#ds');
    expect(logLines(app)).toContain('dataset {"alphaBeta":1,"name":"bob","plain":"text"}');
    expect(app.errors).toEqual([]);
  });
});
