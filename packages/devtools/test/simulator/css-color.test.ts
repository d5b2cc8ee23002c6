/** Colours from a package reach the simulator chrome's inline styles only as colours (phone/css-color.ts). */
import { describe, expect, it } from 'vitest';
import { cssColor } from '../../src/simulator/client/phone/css-color.ts';

describe('cssColor', () => {
  it('passes the colour forms real app.json files and my.setNavigationBar calls use', () => {
    for (const c of ['#fff', '#FFFFFF', '#1677ff80', 'red', 'transparent', 'rgb(0, 128, 0)', 'rgba(0,0,0,.5)', 'hsl(120deg 50% 50% / 0.3)']) {
      expect(cssColor(c, 'x')).toBe(c);
    }
  });

  it('refuses anything that could fetch, inject a declaration or grow the style', () => {
    for (const c of [
      'url(http://127.0.0.1:9/x)',
      'red; position: fixed; inset: 0',
      '#fff url(x)',
      'rgb(0,0,0) url(x)',
      'rgb(var(--x))',
      'image-set("a.png" 1x)',
      'expression(alert(1))',
      'rgb(0,0,0);background:url(x)',
      `#${'f'.repeat(200)}`,
      '',
      42,
      undefined,
    ]) {
      expect(cssColor(c, '#ffffff')).toBe('#ffffff');
    }
  });
});
