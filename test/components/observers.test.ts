/**
 * Data observers (docs: framework/自定义组件/数据变化观测器.md; Page `observers` in
 * 小程序页面/页面运行机制.md): opt-in with `options.observers`, field paths (`a.b`, `arr[12]`,
 * `a.**`, `**`, several fields in one key), what triggers them (setData paths touched even with an
 * unchanged value, changed props, not a prop shadowed by a data field), when they run (after
 * deriveDataFromProps, before the view: their setData lands in the same render) and mixins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, componentsOf, launchProject, logCursor, page } from '../support/project.ts';

afterAll(closeAll);

describe('component observers', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);

  beforeAll(async () => {
    app = await launchProject({
      ...page('pages/index/index', {
        axml: `<sum id="sum" max="{{max}}" label="{{label}}"/><button id="max" onTap="bumpMax">max</button><button id="same" onTap="sameMax">same</button><button id="label" onTap="relabel">label</button>`,
        js: `
Page({
  data: { max: 10, label: 'a' },
  bumpMax() { this.setData({ max: this.data.max + 1 }); },
  sameMax() { this.setData({ max: this.data.max }); },
  relabel() { this.setData({ label: this.data.label + 'b' }); },
});`,
        json: { usingComponents: { sum: '/components/sum/sum' } },
      }),
      ...component('components/sum/sum', {
        axml: `<view class="sum">{{sum}}</view><view class="sub">{{sub}}</view>
<button class="a" onTap="setA">a</button><button class="some" onTap="setSome">some</button><button class="deep" onTap="setDeep">deep</button>
<button class="unchanged" onTap="setUnchanged">unchanged</button><button class="arr" onTap="setArr">arr</button><button class="two" onTap="setTwice">two</button><button class="loop" onTap="startLoop">loop</button>`,
        js: `
const logging = Mixin({ observers: { numberA(a) { console.log('mixin sees numberA', a); } } });
Component({
  mixins: [logging],
  options: { observers: true },
  props: { max: 0, label: '' },
  data: { numberA: 0, numberB: 0, sum: 0, some: { subfield: 1, field: { x: 1 } }, arr: [0, 1, 2], sub: '', label: 'own' },
  onInit() {
    console.log('onInit');
    this.setData({ numberA: 1, numberB: 2 });
  },
  deriveDataFromProps(next) { console.log('deriveDataFromProps', next.max); },
  didMount() { console.log('didMount sum', this.data.sum); },
  didUpdate() { console.log('didUpdate sum', this.data.sum); },
  observers: {
    'numberA, numberB': function (numberA, numberB) {
      console.log('sum observer', numberA, numberB);
      this.setData({ sum: numberA + numberB });
    },
    'some.subfield': function (subfield) { console.log('subfield', subfield); this.setData({ sub: String(subfield) }); },
    'some.field.**': function (field) { console.log('field.**', JSON.stringify(field)); },
    'arr[1]': function (value) { console.log('arr[1]', value); },
    spin(n) { this.setData({ spin: n + 1 }); },
    max(max) { console.log('max prop', max); },
    label(label) { console.log('label (data wins)', label); },
    '**': function (all) { console.log('** has', typeof all.max, typeof all.numberA); },
  },
  methods: {
    setA() { this.setData({ numberA: 5 }); console.log('after setData sum', this.data.sum); },
    setSome() { this.setData({ some: { subfield: 7, field: { x: 2 } } }); },
    setDeep() { this.setData({ 'some.field.x': 3 }); },
    setUnchanged() { this.setData({ numberB: this.data.numberB }); },
    setArr() { this.setData({ 'arr[1]': 'one' }); this.setData({ 'arr[2]': 'two' }); },
    setTwice() { this.setData({ numberA: 10 }); this.setData({ numberB: 20 }); },
    startLoop() { this.setData({ spin: 0 }); },
  },
});`,
      }),
    });
  });

  it('setData in onInit runs the observers before the first render: the view and didMount see their result', () => {
    const lines = fresh();
    expect(lines.slice(0, 5)).toEqual(['onInit', 'deriveDataFromProps 10', 'mixin sees numberA 1', 'sum observer 1 2', '** has number number']);
    expect(lines).toContain('didMount sum 3');
    expect(app.currentPage().text('.sum')).toBe('3');
  });

  it('a setData runs the matching observers after it (and after deriveDataFromProps), before the view updates; their setData starts another round and joins the same render', async () => {
    await app.currentPage().tap('.a');
    expect(fresh()).toEqual([
      'after setData sum 3',
      'deriveDataFromProps 10',
      // round 1: numberA was set
      'mixin sees numberA 5',
      'sum observer 5 2',
      '** has number number',
      // round 2: the sum observer set sum
      '** has number number',
      'didUpdate sum 7',
    ]);
    expect(app.currentPage().text('.sum')).toBe('7');
  });

  it('several setData calls in one task: each observer runs once', async () => {
    await app.currentPage().tap('.two');
    const lines = fresh();
    expect(lines.filter((l) => l.startsWith('sum observer'))).toEqual(['sum observer 10 20']);
    expect(app.currentPage().text('.sum')).toBe('30');
  });

  it('a field observer fires when the field or an ancestor is set, `.**` also for what is below it', async () => {
    await app.currentPage().tap('.some');
    expect(fresh()).toEqual(expect.arrayContaining(['subfield 7', 'field.** {"x":2}']));
    expect(app.currentPage().text('.sub')).toBe('7');
    await app.currentPage().tap('.deep');
    const lines = fresh();
    expect(lines).toContain('field.** {"x":3}');
    expect(lines.some((l) => l.startsWith('subfield'))).toBe(false);
  });

  it('an observer that sets what it observes is stopped after 100 rounds, with a warning', async () => {
    const before = app.logs.length;
    await app.currentPage().tap('.loop');
    const warnings = app.logs.slice(before).filter((l) => l.level === 'warn').map((l) => String(l.args[0]));
    expect(warnings).toEqual([expect.stringContaining('kept changing the data they observe (100 rounds in one update)')]);
    fresh();
  });

  it('array index fields, and setting a path with an unchanged value still fires', async () => {
    await app.currentPage().tap('.arr');
    expect(fresh().filter((l) => l.startsWith('arr['))).toEqual(['arr[1] one']);
    await app.currentPage().tap('.unchanged');
    expect(fresh()).toContain('sum observer 10 20');
  });

  it('props: a changed prop fires its observer after deriveDataFromProps; an unchanged one does not; a prop shadowed by data does not', async () => {
    await app.currentPage().tap('#max');
    expect(fresh()).toEqual(['deriveDataFromProps 11', 'max prop 11', '** has number number', 'didUpdate sum 30']);
    await app.currentPage().tap('#same');
    expect(fresh().some((l) => l.startsWith('max prop') || l.startsWith('**'))).toBe(false);
    await app.currentPage().tap('#label');
    expect(fresh().some((l) => l.startsWith('label') || l.startsWith('**'))).toBe(false);
    expect(componentsOf(app.currentPage())[0]!.props!.label).toBe('ab');
  });
});

describe('page observers and the opt-in', () => {
  let app: MiniApp;

  beforeAll(async () => {
    app = await launchProject({
      ...page('pages/index/index', {
        axml: `<view id="total">{{total}}</view><button id="add" onTap="add">add</button><quiet/>`,
        js: `
Page({
  options: { observers: true },
  data: { items: [1, 2], total: 0 },
  observers: { items(items) { this.setData({ total: items.reduce((a, b) => a + b, 0) }); } },
  onLoad() { this.setData({ items: [1, 2, 3] }); },
  add() { this.$spliceData({ items: [0, 0, 10] }); },
});`,
        json: { usingComponents: { quiet: '/components/quiet/quiet' } },
      }),
      ...component('components/quiet/quiet', {
        axml: `<view class="quiet">{{n}}</view>`,
        js: `Component({ data: { n: 0 }, observers: { n() { console.log('must not run'); } }, onInit() { this.setData({ n: 1 }); } });`,
      }),
    });
  });

  it('a page with options.observers: setData in onLoad and $spliceData both fire', async () => {
    expect(app.currentPage().text('#total')).toBe('6');
    await app.currentPage().tap('#add');
    expect(app.currentPage().text('#total')).toBe('16');
  });

  it('without options.observers the observers do not run, and the base library says why once', () => {
    expect(app.logs.filter((l) => l.level === 'log').map((l) => l.args.join(' '))).not.toContain('must not run');
    const warnings = app.logs.filter((l) => l.level === 'warn').map((l) => String(l.args[0]));
    expect(warnings.filter((w) => w.includes('"observers" is ignored because options.observers is not true'))).toHaveLength(1);
  });
});
