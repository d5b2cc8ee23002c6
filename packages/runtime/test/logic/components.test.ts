import { afterEach, describe, expect, it } from 'vitest';
import type { HostToLogic } from '../../src/contract/protocol.ts';
import { appBundle, ENGINES, FakeHost } from './support/fake-host.ts';

const tap = (id: number, handler: string, detail?: unknown): HostToLogic => ({
  t: 'event', id, handler, event: { type: 'tap', timeStamp: 1, target: { tagName: 'button', dataset: {} }, currentTarget: { tagName: 'button', dataset: {} }, detail },
});

const COUNTER = `
  const logMixin = Mixin({
    onInit() { console.log('mixin onInit') },
    deriveDataFromProps(next) { console.log('mixin derive ' + next.start) },
    didMount() { console.log('mixin didMount') },
    didUpdate() { console.log('mixin didUpdate') },
    didUnmount() { console.log('mixin didUnmount') },
    methods: { fromMixin() { return 'mixin method' }, shadowed() { return 'mixin' } },
    props: { label: 'mixin label', extra: 'mixin extra' },
    data: { source: 'mixin', mixinOnly: true },
  });
  Component({
    mixins: [logMixin, logMixin, { didMount() { console.log('plain mixin didMount') } }],
    props: { start: 0, label: 'default label', onChange: (v) => console.log('default onChange ' + v) },
    data: { count: 0, source: 'component' },
    onInit() { console.log('onInit ' + this.is + ' ' + this.$id + ' ' + this.$page.route + ' ' + this.props.label) },
    deriveDataFromProps(next) {
      console.log('derive ' + next.start + ' (was ' + this.props.start + ')');
      if (this.data.count < next.start) this.setData({ count: next.start });
    },
    didMount() { console.log('didMount') },
    didUpdate(prevProps, prevData) { console.log('didUpdate prev ' + prevProps.start + '/' + prevData.count + ' now ' + this.props.start + '/' + this.data.count) },
    didUnmount() { console.log('didUnmount') },
    methods: {
      plus() { this.setData({ count: this.data.count + 1 }); this.props.onChange(this.data.count) },
      shadowed() { return 'component' },
      report() { console.log(this.fromMixin() + ' ' + this.shadowed() + ' ' + this.hasMixin(logMixin)) },
    },
  });`;

const PAGE = `Page({
  data: { total: 0 },
  onCounterChange(v) { console.log('page got ' + v + ' this.route=' + this.route); this.setData({ total: v }) },
  saveRef(ref) { console.log('ref ' + (ref && ref.is)); this.counter = ref },
  pageTap(e) { console.log('page tap ' + e.type) },
});`;

describe.each(ENGINES)('components (%s)', (engine) => {
  let host: FakeHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  async function mount(props: Record<string, unknown> = { start: 2, onChange: { $fn: 'onCounterChange' } }, ref?: string) {
    host = await FakeHost.start(appBundle({ 'pages/index/index': PAGE, 'components/counter/counter': COUNTER }, 'App({})'), { engine });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, { t: 'pageShow', id: 1 });
    host.clear();
    await host.send({ t: 'compCreate', id: 2, is: 'components/counter/counter', page: 1, owner: 1, props, ref });
    await host.send({ t: 'compMount', id: 2 });
    return host;
  }

  it('creates with onInit → deriveDataFromProps → didMount, mixins first and a Mixin only once', async () => {
    const h = await mount();
    expect(h.trail()).toEqual([
      'mixin onInit',
      'onInit /components/counter/counter 2 pages/index/index default label',
      'mixin derive 2',
      'derive 2 (was 2)',
      'mixin didMount',
      'plain mixin didMount',
      'didMount',
    ]);
    // First patch: full data (component wins over mixin) plus the merged props, functions as `true`
    // (templates test for them: antd-mini's Button binds onTap="{{onTap ? 'onTap' : ''}}").
    expect(h.patches(2)[0]).toEqual({
      t: 'patch', id: 2, seq: 1,
      ops: [['set', [], { source: 'component', mixinOnly: true, count: 2 }]],
      props: { label: 'default label', extra: 'mixin extra', start: 2, onChange: true },
    });
  });

  it('merges mixin methods (component wins) and answers hasMixin', async () => {
    const h = await mount();
    h.clear();
    await h.send(tap(2, 'report'));
    expect(h.trail()).toEqual(['mixin method component true']);
  });

  it('updates on new props: deriveDataFromProps(nextProps), patch with props, didUpdate after rendered', async () => {
    const h = await mount();
    h.autoRender = false;
    h.clear();
    await h.send({ t: 'compProps', id: 2, props: { start: 5, onChange: { $fn: 'onCounterChange' } } });
    expect(h.trail()).toEqual(['mixin derive 5', 'derive 5 (was 2)']);
    const [patch] = h.patches(2);
    expect(patch).toMatchObject({ ops: [['set', ['count'], 5]], props: { start: 5, label: 'default label', extra: 'mixin extra' } });
    await h.send({ t: 'rendered', id: 2, seq: patch.seq });
    expect(h.trail().slice(2)).toEqual(['mixin didUpdate', 'didUpdate prev 2/2 now 5/5']);
  });

  it('updates on its own setData: deriveDataFromProps runs before the update, didUpdate after it', async () => {
    const h = await mount();
    h.clear();
    await h.send(tap(2, 'plus'));
    expect(h.trail()).toEqual([
      'page got 3 this.route=pages/index/index',
      'mixin derive 2',
      'derive 2 (was 2)',
      'mixin didUpdate',
      'didUpdate prev 2/2 now 2/3',
    ]);
    expect(h.data.get(2)).toMatchObject({ count: 3 });
    expect(h.data.get(1)).toEqual({ total: 3 });
  });

  it('does not loop when didUpdate calls setData', async () => {
    host = await FakeHost.start(
      appBundle({
        'pages/index/index': 'Page({})',
        'components/loop/loop': `Component({ data: { n: 0 }, didUpdate() { console.log('didUpdate ' + this.data.n); this.setData({ n: this.data.n + 1 }) }, methods: { go() { this.setData({ n: 1 }) } } });`,
      }, 'App({})'),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    await host.send({ t: 'compCreate', id: 2, is: 'components/loop/loop', page: 1, owner: 1, props: {} });
    host.clear();
    await host.send(tap(2, 'go'));
    expect(host.trail()).toEqual(['didUpdate 1']);
    expect(host.data.get(2)).toEqual({ n: 2 });
  });

  it('function props call the owner method with the owner as this; default function props stay, also when the owner lacks the named method', async () => {
    const h = await mount({ start: 1 });
    h.clear();
    await h.send(tap(2, 'plus'));
    expect(h.trail()[0]).toBe('default onChange 2');
    await h.dispose();
    const h2 = await mount({ start: 1, onChange: { $fn: 'noSuchMethod' } });
    h2.clear();
    await h2.send(tap(2, 'plus'));
    // A prop naming a method the owner lacks binds nothing, as on the platform: the default stays.
    expect(h2.trail()[0]).toBe('default onChange 2');
    expect(h2.errors('uncaught')).toEqual([]);
    expect(h2.data.get(2)).toMatchObject({ count: 2 });
  });

  it('delivers the ref to the owner: the instance, or what ref() returns', async () => {
    const h = await mount({ start: 1 }, 'saveRef');
    expect(h.trail()).toContain('ref /components/counter/counter');
    await h.dispose();
    host = await FakeHost.start(
      appBundle({
        'pages/index/index': `Page({ saveRef(r) { this.r = r }, useRef() { this.r.plus(); console.log('keys ' + Object.keys(this.r).join(',')) } });`,
        'components/c/c': `Component({ data: { n: 0 }, ref() { return { plus: () => this.setData({ n: this.data.n + 1 }) } } });`,
      }, 'App({})'),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    await host.send({ t: 'compCreate', id: 2, is: 'components/c/c', page: 1, owner: 1, props: {}, ref: 'saveRef' });
    await host.send(tap(1, 'useRef'));
    expect(host.trail()).toEqual(['keys plus']);
    expect(host.data.get(2)).toEqual({ n: 1 });
  });

  it('routes events to page methods vs component methods, and reports a missing handler', async () => {
    const h = await mount();
    h.clear();
    await h.send(tap(1, 'pageTap'), tap(2, 'plus'), tap(2, 'pageTap'), tap(1, 'plus'));
    expect(h.trail()).toContain('page tap tap');
    const errors = h.errors('uncaught');
    expect(errors.map((e) => [e.id, e.message])).toEqual([
      [2, expect.stringMatching(/component "components\/counter\/counter" has no methods entry "pageTap"/)],
      [1, expect.stringMatching(/page "pages\/index\/index" has no method "plus"/)],
    ]);
  });

  it('unmounts: didUnmount, then messages for the instance are dropped', async () => {
    const h = await mount();
    h.clear();
    await h.send({ t: 'compUnmount', id: 2 });
    await h.send(tap(2, 'plus'), { t: 'compProps', id: 2, props: { start: 9 } }, { t: 'compMount', id: 2 });
    expect(h.trail()).toEqual(['mixin didUnmount', 'didUnmount']);
    expect(h.patches()).toEqual([]);
    expect(h.errors()).toEqual([]);
  });

  it('unloading a page unmounts its remaining components', async () => {
    const h = await mount();
    h.clear();
    await h.send({ t: 'pageUnload', id: 1 });
    expect(h.trail()).toEqual(['mixin didUnmount', 'didUnmount']);
  });

  it('calls the component onError and App.onError when a component method throws', async () => {
    host = await FakeHost.start(
      appBundle({
        'pages/index/index': 'Page({})',
        'components/bad/bad': `Component({ onError(e) { console.log('component onError ' + e.message) }, methods: { boom() { throw new TypeError('bad thing') } } });`,
      }, `App({ onError(msg) { console.log('app onError ' + msg) } })`),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    await host.send({ t: 'compCreate', id: 2, is: 'components/bad/bad', page: 1, owner: 1, props: {} });
    host.clear();
    await host.send(tap(2, 'boom'));
    expect(host.trail()).toEqual(['component onError bad thing', 'app onError bad thing']);
    expect(host.errors('uncaught')).toEqual([expect.objectContaining({ id: 2, message: 'bad thing', stack: expect.stringMatching(/^TypeError: bad thing\n\s+at .*boom/) })]);
  });

  it('gives components rootEvents for their page lifecycle and events', async () => {
    host = await FakeHost.start(
      appBundle({
        'pages/index/index': 'Page({})',
        'components/r/r': `Component({ rootEvents: { onShow() { console.log('root onShow ' + this.$id) }, onReachBottom() { console.log('root bottom') } } });`,
      }, 'App({})'),
      { engine },
    );
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
    await host.send({ t: 'compCreate', id: 2, is: 'components/r/r', page: 1, owner: 1, props: {} });
    await host.send({ t: 'pageHide', id: 1 }, { t: 'pageShow', id: 1 }, { t: 'pageEvent', id: 1, name: 'onReachBottom' });
    expect(host.trail()).toEqual(['root onShow 2', 'root bottom']);
  });
});
