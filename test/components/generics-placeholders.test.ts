/**
 * Abstract nodes (docs: framework/自定义组件/抽象节点.md) and placeholder components (占位组件.md).
 * `componentGenerics` with a default, `generic:name="tag"` picking another component at the use
 * site (resolved through the user's usingComponents, not passed as a prop), a generic without a
 * default (MPK1067). Placeholders, as mpk decides: a component of another subpackage used from the
 * main package behind a `componentPlaceholder` (分包异步化) renders the placeholder until its
 * subpackage is loaded, then the real one; a plugin:// component with a placeholder renders the
 * placeholder for good (MPK1069); a broken entry is reported (MPK1068). Unsupported instance methods
 * (MPK5010) and other platforms' `options` switches (MPK5011) are reported at build time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { buildProject, closeAll, component, launchProject, logCursor, page } from '../support/project.ts';

afterAll(closeAll);

const selectable = {
  ...component('components/selectable-group/selectable-group', {
    axml: `<view class="group"><view a:for="{{labels}}" class="cell"><selectable label="{{item}}" disabled="{{false}}"/></view></view>`,
    js: `Component({ props: { labels: ['x', 'y'] } });`,
    json: { componentGenerics: { selectable: { default: './selectable' } } },
  }),
  ...component('components/selectable-group/selectable', {
    axml: `<view class="default-option">{{label}}</view>`,
    js: `Component({ props: { label: '' } });`,
  }),
  ...component('components/custom-radio/custom-radio', {
    axml: `<view class="radio">{{label}}</view>`,
    js: `Component({ props: { label: '' }, didMount() { console.log('radio props', JSON.stringify(this.props)); } });`,
  }),
  ...component('components/custom-checkbox/custom-checkbox', {
    axml: `<view class="checkbox">{{label}}</view>`,
    js: `Component({ props: { label: '' } });`,
  }),
};

describe('abstract nodes (componentGenerics)', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);

  beforeAll(async () => {
    app = await launchProject({
      ...page('pages/index/index', {
        axml: `
<view id="radio"><selectable-group generic:selectable="custom-radio" labels="{{['a', 'b']}}"/></view>
<view id="checkbox"><selectable-group generic:selectable="custom-checkbox"/></view>
<view id="default"><selectable-group/></view>`,
        json: {
          usingComponents: {
            'selectable-group': '/components/selectable-group/selectable-group',
            'custom-radio': '/components/custom-radio/custom-radio',
            'custom-checkbox': '/components/custom-checkbox/custom-checkbox',
          },
        },
      }),
      ...selectable,
    });
  });

  it('the owner picks the component an abstract node renders; without a choice the default renders', () => {
    const p = app.currentPage();
    expect(p.querySelectorAll('#radio .radio').map((n) => app.session.renderer.text(n))).toEqual(['a', 'b']);
    expect(p.querySelectorAll('#checkbox .checkbox').map((n) => app.session.renderer.text(n))).toEqual(['x', 'y']);
    expect(p.querySelectorAll('#default .default-option').map((n) => app.session.renderer.text(n))).toEqual(['x', 'y']);
    expect(p.querySelector('#radio .default-option')).toBeNull();
  });

  it('the generic:* attribute is not a prop of the group; the chosen component gets the abstract node\'s props', () => {
    const group = app.currentPage().components()!.children[0]!;
    expect(Object.keys(group.props ?? {})).not.toContain('generic:selectable');
    expect(fresh()).toContain('radio props {"label":"a","disabled":false}');
  });
});

describe('placeholder components (componentPlaceholder)', () => {
  let app: MiniApp;

  beforeAll(async () => {
    app = await launchProject({
      'app.json': { pages: ['pages/index/index'], subPackages: [{ root: 'sub', pages: ['pages/detail/detail'] }] },
      ...page('pages/index/index', {
        axml: `<view id="lazy"><lazy-card title="{{title}}">inside</lazy-card></view><view id="plugin"><plugin-hello/></view>`,
        js: `Page({ data: { title: 'T' }, onReady() { console.log('index ready'); } });`,
        json: {
          usingComponents: { 'lazy-card': '/sub/components/card/card', hello: '/components/hello/hello', 'plugin-hello': 'plugin://lazyPlugin/hello' },
          componentPlaceholder: { 'lazy-card': 'hello', 'plugin-hello': 'hello' },
        },
      }),
      ...page('sub/pages/detail/detail', { axml: `<card title="detail"/>`, json: { usingComponents: { card: '/sub/components/card/card' } } }),
      ...component('components/hello/hello', {
        axml: `<view class="hello">loading…</view>`,
        js: `Component({ didMount() { console.log('placeholder mounted'); }, didUnmount() { console.log('placeholder unmounted'); } });`,
      }),
      ...component('sub/components/card/card', {
        axml: `<view class="card">{{title}} <slot/></view>`,
        js: `Component({ props: { title: '' }, didMount() { console.log('card mounted', this.props.title); } });`,
      }),
    });
  });

  it('a subpackage component behind a placeholder: the placeholder renders first, the real one once its subpackage loaded', () => {
    const lines = app.logs.filter((l) => l.level === 'log').map((l) => l.args.join(' '));
    expect(lines.indexOf('placeholder mounted')).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('placeholder mounted')).toBeLessThan(lines.indexOf('card mounted T'));
    expect(lines).toContain('placeholder unmounted');
    expect(app.currentPage().text('#lazy')).toBe('T inside');
    expect(app.currentPage().querySelector('#lazy .hello')).toBeNull();
  });

  it('a plugin component renders its placeholder for good, and the page warns about the plugin when it runs', () => {
    expect(app.currentPage().text('#plugin')).toBe('loading…');
    expect(app.currentPage().html()).not.toContain('data-mpk-plugin');
    expect(app.logs.some((l) => l.level === 'warn' && String(l.args[0]).includes('plugin://lazyPlugin/hello'))).toBe(true);
  });

  it('the subpackage itself still works', async () => {
    await app.navigate('navigateTo', { url: '/sub/pages/detail/detail' });
    expect(app.currentPage().text('.card').trim()).toBe('detail');
    expect(app.errors).toEqual([]);
  });
});

describe('diagnostics', () => {
  it('reports a generic without a default, a broken placeholder entry, a plugin rendering its placeholder, unsupported instance methods and options', async () => {
    const { ok, diagnostics } = await buildProject({
      ...page('pages/index/index', {
        axml: `<group/><plugin-x/>`,
        js: `Page({ onShow() { const bar = this.getTabBar(); my.createIntersectionObserver; this.createIntersectionObserver().observe('.a', () => {}); this.createMediaQueryObserver(); } });`,
        json: {
          usingComponents: { group: '/components/group/group', hello: '/components/hello/hello', 'plugin-x': 'plugin://p/x' },
          componentPlaceholder: { group: 'nope', missing: 'hello', 'plugin-x': 'hello' },
        },
      }),
      ...component('components/group/group', {
        axml: `<item/>`,
        js: `Component({ options: { addGlobalClass: true, observers: true }, observers: {} });`,
        json: { componentGenerics: { item: true } },
      }),
      ...component('components/hello/hello', { axml: `<view/>` }),
    });
    expect(ok).toBe(true);
    const found = diagnostics.map((d) => `${d.code} ${d.file}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'MPK1067 components/group/group.json',
        'MPK1068 pages/index/index.json',
        'MPK1069 pages/index/index.json',
        'MPK5010 pages/index/index.js',
        'MPK5011 components/group/group.js',
      ]),
    );
    expect(diagnostics.filter((d) => d.code === 'MPK1068')).toHaveLength(2);
    expect(diagnostics.filter((d) => d.code === 'MPK5010').map((d) => d.message)).toEqual([
      expect.stringContaining('this.getTabBar()'),
      expect.stringContaining('this.createMediaQueryObserver()'),
    ]);
  });
});
