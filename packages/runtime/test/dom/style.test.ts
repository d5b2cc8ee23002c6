import { describe, expect, it } from 'vitest';
import { convertRpx, pxPerRpx, styleText } from '../../src/renderers/dom/style.ts';

describe('inline style rpx conversion', () => {
  it('converts numbers with rpx like the compiler does for stylesheets', () => {
    expect(convertRpx('width: 750rpx; height:20.5rpx')).toBe('width: calc(750 * var(--mpk-rpx)); height:calc(20.5 * var(--mpk-rpx))');
    expect(convertRpx('margin: 0rpx -10rpx .5rpx +3rpx')).toBe('margin: 0 calc(-10 * var(--mpk-rpx)) calc(.5 * var(--mpk-rpx)) calc(3 * var(--mpk-rpx))');
    expect(convertRpx('width: calc(100% - 20rpx)')).toBe('width: calc(100% - calc(20 * var(--mpk-rpx)))');
    expect(convertRpx('transform: translate(-20rpx,10rpx)')).toBe('transform: translate(calc(-20 * var(--mpk-rpx)),calc(10 * var(--mpk-rpx)))');
  });

  it('leaves strings, urls, identifiers, other units and upper-case-free text alone', () => {
    const untouched = [
      'background: url(a-10rpx.png)',
      "background: URL('img/10rpx.png')",
      'content: "10rpx"',
      'font-family: x10rpx',
      'width: 10px; height: 2em',
      'color: #10rpx',
      'grid-area: a-10rpx',
    ];
    for (const css of untouched) expect(convertRpx(css)).toBe(css);
    expect(convertRpx('border: 2rpx solid red; background: url("x-2rpx.png")')).toBe('border: calc(2 * var(--mpk-rpx)) solid red; background: url("x-2rpx.png")');
  });

  it('accepts style objects and drops empty values', () => {
    expect(styleText({ fontSize: '24rpx', color: 'red', margin: '', opacity: 0.5, '--my-var': '1px', hidden: null })).toBe(
      'font-size: calc(24 * var(--mpk-rpx)); color: red; opacity: 0.5; --my-var: 1px',
    );
    expect(styleText(undefined)).toBe('');
    expect(styleText(false)).toBe('');
    expect(styleText(12)).toBe('12');
  });

  it('computes px per rpx from the screen width, or 0.5 when not responsive', () => {
    expect(pxPerRpx(375)).toBe(0.5);
    expect(pxPerRpx(750)).toBe(1);
    expect(pxPerRpx(414, false)).toBe(0.5);
    expect(pxPerRpx(0)).toBe(0.5);
    expect(pxPerRpx(Number.NaN)).toBe(0.5);
  });
});
