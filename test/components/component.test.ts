/**
 * Custom components (docs: framework/自定义组件/组件对象.md, 生命周期.md, mixins.md, Mixin.md,
 * ref 获取组件实例.md, 使用自定义组件.md, 组件模板和样式.md): props and defaults, data, methods,
 * function props, onInit, deriveDataFromProps, didMount, didUpdate(prevProps, prevData), didUnmount,
 * onError, mixins and their merge order, ref, is/$id/$page, selectOwnerComponent, virtual and
 * non-virtual hosts, npm components and global components from app.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, componentsOf, launchProject, logLines, page } from '../support/project.ts';

let app: MiniApp;

const usingComponents = {
  'my-component': '/components/index/index',
  derive: './derive',
  probe: '../../components/probe/probe',
  mixed: '/components/mixed/mixed',
  refd: '/components/refd/refd',
  solid: '/components/solid/solid',
  badge: 'ui-kit/es/badge/index',
  owner: '/components/owner/owner',
  failing: '/components/failing/failing',
};

beforeAll(async () => {
  app = await launchProject({
    'app.json': { pages: ['pages/index/index', 'pages/other/other'], usingComponents: { 'global-tag': '/components/global/global' } },
    ...page('pages/index/index', {
      axml: `
<view id="defaults"><my-component/></view>
<view id="passed"><my-component extra="external extra" onCounterPlusOne="onCounterPlusOne" notAFunction="onCounterPlusOne"/></view>
<view id="derive"><derive pCounter="{{counter}}"/></view>
<view id="probe" a:if="{{showProbe}}"><probe label="{{label}}"/></view>
<view id="mixed"><mixed/></view>
<view id="refd"><refd ref="handleRef"/></view>
<button id="plus-ref" onTap="handlePlus">+</button>
<button id="plus" onTap="plus">page +</button>
<button id="relabel" onTap="relabel">relabel</button>
<button id="remove-probe" onTap="removeProbe">remove</button>
<view id="virtual"><my-component id="virtual-host" class="host-class"/></view>
<view id="solid-wrap"><solid id="solid-host" class="big" style="color: blue">solid child</solid></view>
<view id="npm"><badge text="npm!"/></view>
<view id="global"><global-tag/></view>
<view id="owner"><owner/></view>
<view id="failing"><failing/></view>`,
      js: `
Page({
  data: { counter: 1, label: 'first', showProbe: true },
  onCounterPlusOne(data) { console.log('page got', data, this.route); },
  plus() { this.setData({ counter: this.data.counter + 1 }); },
  relabel() { this.setData({ label: 'second' }); },
  removeProbe() { this.setData({ showProbe: false }); },
  handleRef(ref) { this.counterRef = ref; console.log('ref has plus', typeof ref.plus, 'has setData', typeof ref.setData); },
  handlePlus() { this.counterRef.plus(); },
  onReady() { console.log('page sees', this.probeInstance && this.probeInstance.is); },
});`,
      json: { usingComponents },
    }),
    ...page('pages/other/other', { axml: `<global-tag/>` }),
    ...component('components/index/index', {
      axml: `<view class="counter">{{counter}}</view><view class="extra">extra: {{extra}}</view><view class="kind">{{kind}}</view><button class="plus-one" onTap="plusOne">+1</button>`,
      js: `
Component({
  data: { counter: 0, kind: '' },
  props: { onCounterPlusOne: (data) => console.log('default prop got', data), extra: 'default extra', notAFunction: 'x' },
  onInit() { this.setData({ kind: typeof this.props.notAFunction + ':' + this.props.notAFunction }); },
  methods: {
    plusOne() {
      const counter = this.data.counter + 1;
      this.setData({ counter });
      this.props.onCounterPlusOne(counter);
    },
  },
});`,
    }),
    ...component('pages/index/derive', {
      axml: `<view class="derived">{{counter}}</view>`,
      js: `
Component({
  data: { counter: 5 },
  deriveDataFromProps(nextProps) {
    if (this.data.counter < nextProps.pCounter) this.setData({ counter: nextProps.pCounter });
  },
});`,
    }),
    ...component('components/probe/probe', {
      axml: `<view class="probe" onTap="bump">{{counter}} {{is}} {{$id}} {{label}}</view><view class="same-id">{{sameId}}</view>`,
      js: `
Component({
  props: { label: 'none' },
  data: { counter: 0 },
  onInit() {
    console.log('probe onInit', this.is, typeof this.$id, this.$page.route, JSON.stringify(this.props), JSON.stringify(this.data));
    this.setData({ counter: 1, is: this.is });
    this.$page.probeInstance = this;
  },
  deriveDataFromProps(nextProps) { console.log('probe deriveDataFromProps', nextProps.label, this.props.label); },
  didMount() { console.log('probe didMount'); this.setData({ sameId: this.data.counter === 1 }); },
  didUpdate(prevProps, prevData) {
    console.log('probe didUpdate', prevProps.label, '->', this.props.label, prevData.counter, '->', this.data.counter);
  },
  didUnmount() { console.log('probe didUnmount'); },
  methods: { bump() { this.setData({ counter: this.data.counter + 1 }); } },
});`,
    }),
    ...component('components/mixed/mixed', {
      axml: `<view class="mixed">{{name}}: {{age}} {{shared}} {{fromB}}</view><view class="which" onTap="which">which</view>`,
      js: `
import lifecycle from '/mixins/lifecycle';
const inner = Mixin({ data: { shared: 'inner', fromB: 'inner' }, methods: { which() { console.log('inner which'); } }, didMount() { console.log('mixin inner didMount'); } });
const outer = Mixin({ mixins: [inner], data: { shared: 'outer' }, methods: { which() { console.log('outer which'); } }, didMount() { console.log('mixin outer didMount'); } });
const later = { data: { fromB: 'later' }, props: { age: 40 }, didMount() { console.log('plain later didMount'); } };
Component({
  mixins: [lifecycle, { data: { isLogin: false } }, { props: { age: 30 } }, outer, later, outer],
  data: { name: 'alipay' },
  didMount() {
    console.log('component didMount', this.hasMixin(outer), this.hasMixin(inner), this.hasMixin(later));
  },
});`,
    }),
    'mixins/lifecycle.js': `export default { onInit() { console.log('mixin lifecycle onInit'); }, didMount() { console.log('mixin lifecycle didMount'); } };`,
    ...component('components/refd/refd', {
      axml: `<view class="refd">{{counter}}</view>`,
      js: `
Component({
  ref() { return { plus: () => this.handlePlus() }; },
  data: { counter: 0 },
  methods: { handlePlus() { this.setData({ counter: this.data.counter + 1 }); } },
});`,
    }),
    ...component('components/solid/solid', {
      axml: `<view class="solid-inner"><slot/></view>`,
      json: { virtualHost: false },
    }),
    'node_modules/ui-kit/package.json': { name: 'ui-kit', version: '1.0.0' },
    'node_modules/ui-kit/es/badge/index.axml': `<text class="badge">[{{text}}]</text>`,
    'node_modules/ui-kit/es/badge/index.js': `Component({ props: { text: '' } });`,
    'node_modules/ui-kit/es/badge/index.json': { component: true },
    ...component('components/global/global', { axml: `<text class="global">global component</text>` }),
    ...component('components/owner/owner', { axml: `<child/>`, json: { usingComponents: { child: './child' } }, js: `Component({ ref() { return { name: 'owner-ref' }; } });` }),
    ...component('components/owner/child', {
      axml: `<text class="owned">{{ownerName}}</text>`,
      js: `Component({ didMount() { this.setData({ ownerName: this.selectOwnerComponent().name }); } });`,
    }),
    ...component('components/failing/failing', {
      axml: `<text class="failing">failing</text>`,
      js: `Component({ didMount() { this.triggerError(); }, onError(error) { console.log('component onError', error instanceof Error, error.name); } });`,
    }),
  });
});
afterAll(closeAll);

describe('props, data and methods', () => {
  it('shows prop defaults when nothing is passed, the passed values otherwise', () => {
    const p = app.currentPage();
    expect(p.text('#defaults .extra')).toBe('extra: default extra');
    expect(p.text('#passed .extra')).toBe('extra: external extra');
    expect(p.text('#defaults .counter')).toBe('0');
  });

  it('calls a function prop (on*) with the page as this; other props naming a method stay strings', async () => {
    const p = app.currentPage();
    expect(p.text('#passed .kind')).toBe('string:onCounterPlusOne');
    app.session.renderer.dispatch(p.querySelector('#passed .plus-one')!, 'tap');
    await app.session.container.waitForIdle();
    expect(p.text('#passed .counter')).toBe('1');
    expect(logLines(app)).toContain('page got 1 pages/index/index');
    app.session.renderer.dispatch(p.querySelector('#defaults .plus-one')!, 'tap');
    await app.session.container.waitForIdle();
    expect(logLines(app)).toContain('default prop got 1');
  });
});

describe('lifecycles', () => {
  it('runs onInit, deriveDataFromProps, didMount in order on creation, with is/$id/$page/props available', () => {
    const logs = logLines(app).filter((l) => l.startsWith('probe'));
    expect(logs.slice(0, 3)).toEqual([
      'probe onInit /components/probe/probe number pages/index/index {"label":"first"} {"counter":0}',
      'probe deriveDataFromProps first first',
      'probe didMount',
    ]);
    const p = app.currentPage();
    const probe = componentsOf(p).find((c) => c.is === 'components/probe/probe')!;
    expect(p.text('#probe .probe')).toBe(`1 /components/probe/probe ${probe.id} first`);
    expect(p.text('#probe .same-id')).toBe('true');
    expect(logLines(app)).toContain('page sees /components/probe/probe');
  });

  it('derives data from props (the docs example: the counter stays until pCounter exceeds 5)', async () => {
    const p = app.currentPage();
    expect(p.text('#derive .derived')).toBe('5');
    for (let i = 0; i < 4; i++) await p.tap('#plus');
    expect(p.data.counter).toBe(5);
    expect(p.text('#derive .derived')).toBe('5');
    await p.tap('#plus');
    expect(p.text('#derive .derived')).toBe('6');
  });

  it('runs deriveDataFromProps then didUpdate(prevProps, prevData) for parent and own updates', async () => {
    const p = app.currentPage();
    const before = logLines(app).length;
    await p.tap('#relabel');
    app.session.renderer.dispatch(p.querySelector('#probe .probe')!, 'tap');
    await app.session.container.waitForIdle();
    expect(logLines(app).slice(before).filter((l) => l.startsWith('probe'))).toEqual([
      'probe deriveDataFromProps second first',
      'probe didUpdate first -> second 1 -> 1',
      'probe deriveDataFromProps second second',
      'probe didUpdate second -> second 1 -> 2',
    ]);
    expect(p.text('#probe .probe')).toContain('2 /components/probe/probe');
  });

  it('runs didUnmount when the component leaves the page', async () => {
    const p = app.currentPage();
    await p.tap('#remove-probe');
    expect(p.querySelector('#probe')).toBeNull();
    expect(logLines(app).filter((l) => l.startsWith('probe')).at(-1)).toBe('probe didUnmount');
    expect(componentsOf(p).some((c) => c.is === 'components/probe/probe')).toBe(false);
  });

  it('sends errors thrown in the component to its onError', () => {
    expect(logLines(app)).toContain('component onError true TypeError');
    // It is still an error of the app: reported to the host with the author's file.
    expect(app.errors).toEqual([expect.objectContaining({ kind: 'uncaught', stack: expect.stringContaining('components/failing/failing.js') })]);
  });
});

describe('mixins', () => {
  it('merges data and props with the component winning, later mixins beating earlier ones, Mixin() nesting', () => {
    // name from the component; age: the later plain mixin (40) beats the earlier (30);
    // shared: the referencing Mixin (outer) beats the one it references; fromB: later beats earlier.
    expect(app.currentPage().text('#mixed .mixed')).toBe('alipay: 40 outer later');
  });

  it('runs every lifecycle, mixins first in order, a repeated Mixin once; hasMixin knows Mixin() instances', () => {
    const logs = logLines(app).filter((l) => /didMount|onInit/.test(l) && /mixin|plain|component didMount/.test(l));
    expect(logs).toEqual([
      'mixin lifecycle onInit',
      'mixin lifecycle didMount',
      'mixin inner didMount',
      'mixin outer didMount',
      'plain later didMount',
      'component didMount true true false',
    ]);
  });

  it('lets the referencing Mixin override methods of the one it references', async () => {
    await app.currentPage().tap('#mixed .which');
    expect(logLines(app)).toContain('outer which');
    expect(logLines(app)).not.toContain('inner which');
  });
});

describe('ref and owners', () => {
  it('hands the ref() value to the ref handler; calling it updates the component', async () => {
    expect(logLines(app)).toContain('ref has plus function has setData undefined');
    const p = app.currentPage();
    await p.tap('#plus-ref');
    await p.tap('#plus-ref');
    expect(p.text('#refd .refd')).toBe('2');
  });

  it('selectOwnerComponent returns the owner (through its ref)', () => {
    expect(app.currentPage().text('#owner .owned')).toBe('owner-ref');
  });
});

describe('hosts and where components come from', () => {
  it('renders a virtual host by default: no node for the tag, its id/class ignored', () => {
    const p = app.currentPage();
    expect(p.querySelector('#virtual-host')).toBeNull();
    expect(p.querySelector('.host-class')).toBeNull();
    expect(p.querySelector('#virtual')!.children[0]!.attrs.class).toBe('counter');
  });

  it('renders a host element with id, class and style when virtualHost is false', () => {
    const host = app.currentPage().querySelector('#solid-host')!;
    expect(host).not.toBeNull();
    expect(host.attrs.class).toBe('big');
    expect(host.attrs.style).toBe('color: blue');
    expect(app.currentPage().text('#solid-host .solid-inner')).toBe('solid child');
  });

  it('uses components from npm packages', () => {
    expect(app.currentPage().text('#npm .badge')).toBe('[npm!]');
  });

  it('uses global components from app.json on every page', async () => {
    expect(app.currentPage().text('#global .global')).toBe('global component');
    await app.navigate('navigateTo', { url: '/pages/other/other' });
    expect(app.currentPage().text('.global')).toBe('global component');
    await app.navigateBack();
    expect(app.errors).toHaveLength(1); // the failing component's, above
  });
});
