/**
 * Plugin components (AD fw/小程序全局配置/app.json plugins; usingComponents "plugin://name/comp"):
 * mpk cannot run another mini-program's plugin, so the tag renders as a placeholder element that
 * keeps its tag, attributes and children (marked data-mpk-plugin), with a compile warning
 * (MPK1065) and a console warning when the page's code runs; the rest of the page works.
 */
import { afterAll, expect, it } from 'vitest';
import { buildProject, closeAll, component, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

const files = {
  'app.json': { pages: ['pages/index/index'], plugins: { myPlugin: { version: '*', provider: '2021000000000000' } }, usingComponents: { 'global-map': 'plugin://myPlugin/map' } },
  ...page('pages/index/index', {
    axml: '<view id="top">{{title}}</view><plugin-card id="pc" title="{{title}}"><text class="inside">child {{n}}</text></plugin-card><global-map/><wrap/>',
    js: 'Page({ data: { title: "hello", n: 1 }, bump() { this.setData({ n: this.data.n + 1 }); } });',
    json: { usingComponents: { 'plugin-card': 'plugin://myPlugin/card', wrap: '/components/wrap/wrap' } },
  }),
  ...component('components/wrap/wrap', { axml: '<dyn-plugin><text class="in-comp">in component</text></dyn-plugin>', json: { usingComponents: { 'dyn-plugin': 'dynamic-plugin://other/thing' } } }),
};

it('renders plugin components as placeholder elements with their children, warning at build and run time', async () => {
  const built = await buildProject(files);
  expect(built.ok).toBe(true);
  expect(built.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
    // app.json "plugins" itself: mpk loads no plugins (MPK1024, at the key).
    ['MPK1024', 'warning', 'app.json'],
    ['MPK1065', 'warning', 'app.json'],
    ['MPK1065', 'warning', 'components/wrap/wrap.json'],
    ['MPK1065', 'warning', 'pages/index/index.json'],
  ]);

  const app = await launchProject(files);
  const home = app.currentPage();
  expect(home.text('#top')).toBe('hello');
  const html = home.html();
  expect(html).toMatch(/<plugin-card [^>]*data-mpk-plugin="plugin:\/\/myPlugin\/card"/);
  expect(html).toMatch(/<plugin-card [^>]*title="hello"/);
  expect(home.text('#pc .inside')).toBe('child 1');
  expect(html).toContain('data-mpk-plugin="plugin://myPlugin/map"');
  expect(home.text('.in-comp')).toBe('in component');
  expect(html).toContain('data-mpk-plugin="dynamic-plugin://other/thing"');

  const warnings = app.logs.filter((l) => l.level === 'warn').map((l) => String(l.args[0]));
  expect(warnings).toEqual(
    expect.arrayContaining([
      expect.stringContaining('pages/index/index: <plugin-card> is the plugin component plugin://myPlugin/card, which mpk does not run'),
      expect.stringContaining('pages/index/index: <global-map> is the plugin component plugin://myPlugin/map'),
      expect.stringContaining('components/wrap/wrap: <dyn-plugin> is the plugin component dynamic-plugin://other/thing'),
    ]),
  );
  expect(app.errors).toEqual([]);
});
