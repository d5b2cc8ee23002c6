/**
 * Memoised `a:for` bodies: a row whose template reads only its item (and index) reuses last
 * render's vnodes while the item object is the same, so the view diff skips it by identity. Any
 * other read — page data, an outer loop's item, SJS, a template, an include — must keep the row
 * rendering every time: these cases change that outside value with the same item objects and
 * expect the output to follow.
 */
import { describe, expect, it } from 'vitest';
import type { VElement } from '@mpk/runtime';
import { viewSource } from '@mpk/runtime/view-form';
import { compileView, PAGE } from './support/harness.ts';

const rows = [
  { id: 1, label: 'a' },
  { id: 2, label: 'b' },
];

describe('a:for body memoisation', () => {
  it('reuses the vnodes of unchanged items and rebuilds a changed one', () => {
    const view = compileView({ [PAGE]: `<view a:for="{{rows}}" a:key="id" class="row">{{item.label}}</view>` });
    const first = view.vnodes({ rows });
    const changed = { ...rows[1], label: 'B' };
    const second = view.vnodes({ rows: [rows[0], changed] });
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(view.html({ rows: [rows[0], changed] })).toBe('<view class="row" key=1>a</view><view class="row" key=2>B</view>');
    expect(viewSource(JSON.parse(view.code))).toContain('h.memoGet(');
  });

  it('keys the reuse on the index when the body reads it', () => {
    const view = compileView({ [PAGE]: `<view a:for="{{rows}}" a:key="id">{{index}}:{{item.label}}</view>` });
    view.vnodes({ rows });
    expect(view.html({ rows: [rows[1], rows[0]] })).toBe('<view key=2>0:b</view><view key=1>1:a</view>');
  });

  it('keeps the same position marks across reused renders (no drift)', () => {
    const view = compileView({ [PAGE]: `<view a:if="{{on}}">x</view><view a:for="{{rows}}" a:key="id">{{item.label}}</view>` });
    const a = view.vnodes({ on: true, rows }).map((n) => (n as VElement).pos);
    view.vnodes({ on: true, rows });
    const b = view.vnodes({ on: true, rows }).map((n) => (n as VElement).pos);
    expect(b).toEqual(a);
  });

  it.each([
    ['page data', `<view a:for="{{rows}}" a:key="id">{{item.label}}{{suffix}}</view>`, { suffix: '!' }, { suffix: '?' }],
    ['a page-data condition', `<view a:for="{{rows}}" a:key="id" a:if="{{show}}">{{item.label}}</view>`, { show: true }, { show: false }],
    ['a page-data attribute', `<view a:for="{{rows}}" a:key="id" class="{{theme}}">{{item.label}}</view>`, { theme: 'dark' }, { theme: 'light' }],
    ['an outer loop item', `<view a:for="{{groups}}" a:for-item="g"><text a:for="{{rows}}" a:key="id">{{g}}{{item.label}}</text></view>`, { groups: ['x'] }, { groups: ['y'] }],
  ])('renders every time when the body reads %s', (_what, axml, before, after) => {
    const view = compileView({ [PAGE]: axml });
    const once = view.html({ rows, ...before });
    const again = view.html({ rows, ...after });
    expect(again).not.toBe(once);
    expect(view.html({ rows, ...after })).toBe(again);
    expect(view.html({ rows, ...before })).toBe(once);
  });

  it('renders every time when the body calls SJS or uses a template', () => {
    const files = {
      'utils/f.sjs': `let n = 0; export default { tick() { n++; return n; } };`,
      [PAGE]: `<import-sjs name="f" from="../../utils/f.sjs"/>
<template name="t"><text>{{x}}</text></template>
<view a:for="{{rows}}" a:key="id">{{f.tick()}}<template is="{{tpl}}" data="{{x: item.label}}"/></view>`,
    };
    const view = compileView(files);
    const first = view.html({ rows, tpl: 't' });
    expect(view.html({ rows, tpl: 't' })).not.toBe(first); // the SJS counter moved on
    expect(view.html({ rows, tpl: 'missing' })).not.toContain('<text>');
  });

  it('does not memoise primitive items (nothing to key on) and still renders them', () => {
    const view = compileView({ [PAGE]: `<view a:for="{{list}}" a:key="*this">{{item}}</view>` });
    expect(view.html({ list: ['x', 'y'] })).toBe('<view key="x">x</view><view key="y">y</view>');
    expect(view.html({ list: ['y', 'z'] })).toBe('<view key="y">y</view><view key="z">z</view>');
  });
});
