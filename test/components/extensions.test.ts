/**
 * The rest of the component docs (framework/自定义组件/自定义组件扩展.md, 获取更新性能统计信息.md,
 * 组件对象.md): Mixin `definitionFilter` (with the nested filters handed over), setUpdatePerformanceListener,
 * `my.canIUse` for the component features, and the warnings for what mpk does not do (an unknown
 * `options` key, instance methods that need a layout or a custom tabBar).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logCursor, page } from '../support/project.ts';

afterAll(closeAll);

describe('component extensions and what warns', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);

  beforeAll(async () => {
    app = await launchProject({
      ...page('pages/index/index', {
        axml: `<filtered/><measured/><button id="bump" onTap="bump">bump</button>`,
        js: `
Page({
  onLoad() {
    console.log('canIUse', ['component.observers', 'component.relations', 'component.lifetimes', 'component.$selectComponent', 'page.getOpenerEventChannel', 'page.onShareAppMessage.async', 'component.createIntersectionObserver', 'component.createMediaQueryObserver'].map((f) => my.canIUse(f)).join(','));
    console.log('plumbing hidden', typeof my.selectComponents, typeof my.shareAppMessage, my.canIUse('selectComponents'), typeof my.showSharePanel);
  },
  bump() { this.$selectComponent('measured').bump(); },
});`,
        json: { usingComponents: { filtered: '/components/filtered/filtered', measured: '/components/measured/measured' } },
      }),
      ...component('components/filtered/filtered', {
        axml: `<view class="sum">{{sum}}</view>`,
        js: `
const inner = Mixin({ definitionFilter(defFields) { defFields.data = Object.assign({}, defFields.data, { fromInner: true }); } });
const observersMixin = Mixin({
  mixins: [inner],
  definitionFilter(defFields, nested) {
    console.log('filter got', typeof defFields.observers, nested.length);
    defFields.options = Object.assign({}, defFields.options, { observers: true });
    nested[0](defFields);
  },
});
Component({
  mixins: [observersMixin],
  data: { a: 1, sum: 0 },
  observers: { a(a) { this.setData({ sum: a * 10 }); } },
  onInit() { this.setData({ a: 2 }); console.log('fromInner', this.data.fromInner); },
});`,
      }),
      ...component('components/measured/measured', {
        axml: `<view>{{n}}</view>`,
        js: `
Component({
  options: { addGlobalClass: true },
  data: { n: 0 },
  onInit() {
    this.setUpdatePerformanceListener({ withDataPaths: true }, (res) => {
      console.log('perf', res.updateProcessId > 0, JSON.stringify(res.dataPaths), res.dataList.length, res.updateEndTimestamp >= res.updateStartTimestamp, res.isMergedUpdate);
    });
  },
  didMount() {
    const observer = this.createMediaQueryObserver();
    console.log('observer chain', observer.relativeToViewport() === observer);
    console.log('tabBar', this.getTabBar());
  },
  methods: { bump() { this.setData({ n: 1 }); this.setData({ 'deep.x': 2 }); } },
});`,
      }),
    });
  });

  it('definitionFilter rewrites the definition before it is used (here: switching observers on), nested filters included', () => {
    const lines = fresh();
    expect(lines).toContain('filter got object 1');
    expect(lines).toContain('fromInner true');
    expect(app.currentPage().text('.sum')).toBe('20');
  });

  it('my.canIUse knows the component features, and says no to what mpk does not do', () => {
    expect(app.logs.map((l) => l.args.join(' '))).toContain('canIUse true,true,true,true,true,true,true,false');
    // The calls behind $selectComponent and sharing are the base library's, not the app's.
    expect(app.logs.map((l) => l.args.join(' '))).toContain('plumbing hidden undefined undefined false function');
  });

  it('setUpdatePerformanceListener reports each update once the view rendered it', async () => {
    await app.currentPage().tap('#bump');
    expect(fresh()).toEqual(['perf true [["n"],["deep","x"]] 2 true false']);
  });

  it('unsupported options and instance methods exist, do nothing and warn once', () => {
    const warnings = app.logs.filter((l) => l.level === 'warn').map((l) => String(l.args[0]));
    expect(warnings).toEqual(
      expect.arrayContaining([
        'component "components/measured/measured": options.addGlobalClass is not supported by mpk and is ignored',
        expect.stringContaining('this.createMediaQueryObserver() is not supported by mpk'),
        expect.stringContaining('this.getTabBar() is not supported by mpk'),
      ]),
    );
    const lines = app.logs.map((l) => l.args.join(' '));
    expect(lines).toContain('observer chain true');
    expect(lines).toContain('tabBar undefined');
  });
});
