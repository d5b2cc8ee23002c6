import { afterEach, describe, expect, it } from 'vitest';
import { appBundle, ENGINES, FakeHost } from './support/fake-host.ts';

const page = (body: string) => appBundle({ 'pages/index/index': `Page({ data: { a: { b: [1, { c: 'x' }] }, arr: [{ text: 'one' }], n: 0 }, ${body} });` }, 'App({})');

describe.each(ENGINES)('setData (%s)', (engine) => {
  let host: FakeHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  async function open(body: string, options: { autoRender?: boolean } = {}) {
    host = await FakeHost.start(page(body), { engine, ...options });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, { t: 'pageShow', id: 1 });
    return host;
  }

  it('updates this.data synchronously and sends path ops, creating missing objects and arrays', async () => {
    const h = await open(`tap() {
      this.setData({ 'a.b[1].c': 'y', 'arr[0].text': 'uno', 'fresh.deep.key': 1, 'list[2].name': 'z', n: 5 });
      console.log(JSON.stringify(this.data));
    }`);
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    const expected = { a: { b: [1, { c: 'y' }] }, arr: [{ text: 'uno' }], n: 5, fresh: { deep: { key: 1 } }, list: [null, null, { name: 'z' }] };
    expect(JSON.parse(h.trail()[0] as string)).toEqual(expected);
    expect(h.patches(1)).toEqual([
      {
        t: 'patch', id: 1, seq: 2,
        ops: [
          ['set', ['a', 'b', 1, 'c'], 'y'],
          ['set', ['arr', 0, 'text'], 'uno'],
          ['set', ['fresh', 'deep', 'key'], 1],
          ['set', ['list', 2, 'name'], 'z'],
          ['set', ['n'], 5],
        ],
      },
    ]);
    // What the view holds after applying the patches equals the logic's data.
    expect(JSON.parse(JSON.stringify(h.data.get(1)))).toEqual(expected);
  });

  it('sends one patch per instance per task, keeping only the last value of a path', async () => {
    const h = await open(`tap() { for (let i = 1; i <= 100; i++) this.setData({ n: i }); this.setData({ 'a.b': [] }); }`);
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    expect(h.patches(1)).toEqual([{ t: 'patch', id: 1, seq: 2, ops: [['set', ['n'], 100], ['set', ['a', 'b'], []]] }]);
  });

  it('ignores undefined values and rejects bad paths with a clear error', async () => {
    const h = await open(`tap() {
      this.setData({ gone: undefined, kept: 1 });
      try { this.setData({ 'a..b': 1 }) } catch (e) { console.log(e.message) }
      try { this.setData({ 'a[x]': 1 }) } catch (e) { console.log(e.message) }
      try { this.setData({ '__proto__.polluted': 1 }) } catch (e) { console.log(e.message) }
      try { this.setData('nope') } catch (e) { console.log(e.message) }
      console.log(String({}.polluted) + ' ' + ('gone' in this.data));
    }`);
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    const trail = h.trail() as string[];
    expect(trail[0]).toMatch(/invalid data path "a\.\.b"/);
    expect(trail[1]).toMatch(/"\[x\]" is not an array index/);
    expect(trail[2]).toMatch(/__proto__/);
    expect(trail[3]).toMatch(/must be an object/);
    expect(trail[4]).toBe('undefined false');
    expect(h.patches(1)[0].ops).toEqual([['set', ['kept'], 1]]);
  });

  it('calls the setData callback only after the view acknowledged that render', async () => {
    const h = await open(`tap() { this.setData({ n: 1 }, function () { console.log('cb ' + this.data.n + ' ' + this.route) }); console.log('after setData') }`, { autoRender: false });
    await h.ackRenders();
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    expect(h.trail()).toEqual(['after setData']);
    const [patch] = h.patches(1);
    await h.send({ t: 'rendered', id: 1, seq: patch.seq - 1 });
    expect(h.trail()).toEqual(['after setData']);
    await h.send({ t: 'rendered', id: 1, seq: patch.seq });
    expect(h.trail()).toEqual(['after setData', 'cb 1 pages/index/index']);
  });

  it('sends a patch for a callback-only setData so the callback still fires', async () => {
    const h = await open(`tap() { this.setData({}, () => console.log('empty cb')) }`);
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    expect(h.patches(1)).toEqual([{ t: 'patch', id: 1, seq: 2, ops: [] }]);
    expect(h.trail()).toEqual(['empty cb']);
  });

  it('$spliceData splices arrays at a path (creating a missing one) with a callback', async () => {
    const h = await open(`tap() {
      this.$spliceData({ 'a.b': [1, 0, 5, 6], 'made': [0, 0, 'first'] }, () => console.log('spliced ' + JSON.stringify(this.data.a.b)));
    }`);
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    expect(h.patches(1)[0].ops).toEqual([['splice', ['a', 'b'], 1, 0, [5, 6]], ['splice', ['made'], 0, 0, ['first']]]);
    expect(h.data.get(1)).toMatchObject({ a: { b: [1, 5, 6, { c: 'x' }] }, made: ['first'] });
    expect(h.trail()).toEqual(['spliced [1,5,6,{"c":"x"}]']);
  });

  it('$batchedUpdates runs its callback; all of it travels in one patch', async () => {
    const h = await open(`tap() {
      setTimeout(() => {
        this.$batchedUpdates(() => { this.setData({ n: this.data.n + 1 }); this.setData({ n: this.data.n + 1 }); });
      }, 10);
    }`);
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    await new Promise((r) => setTimeout(r, 30));
    await h.settle();
    expect(h.patches(1)).toEqual([{ t: 'patch', id: 1, seq: 2, ops: [['set', ['n'], 2]] }]);
  });

  it('refuses a transfer over 1 MB (nothing sent) and warns above 256 KB', async () => {
    const h = await open(`tap() {
      try { this.setData({ big: 'x'.repeat(1100000) }) } catch (e) { console.log(e.name + ': ' + e.message) }
      this.setData({ medium: 'y'.repeat(300000) });
      try { this.setData({ more: 'z'.repeat(800000) }) } catch (e) { console.log('second: ' + e.name) }
    }`);
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    const trail = h.trail() as string[];
    expect(trail[0]).toMatch(/^RangeError: setData: .*1 MB \(1048576\) limit of one transfer; nothing was sent/);
    expect(trail[1]).toBe('second: RangeError');
    expect(h.logs('warn').flat().join(' ')).toMatch(/256 KB/);
    const ops = h.patches(1)[0].ops;
    expect(ops.map((op) => op[1])).toEqual([['medium']]);
    expect('big' in h.data.get(1)!).toBe(false);
  });

  it('ignores setData after onUnload and drops messages for unknown instances', async () => {
    const h = await open(`onUnload() { this.setData({ n: 99 }, () => console.log('never')); setTimeout(() => this.setData({ n: 100 }), 0) }`);
    h.clear();
    await h.send({ t: 'pageUnload', id: 1 });
    await new Promise((r) => setTimeout(r, 10));
    await h.send({ t: 'event', id: 1, handler: 'onUnload', event: { type: 'tap' } as never }, { t: 'rendered', id: 77, seq: 1 }, { t: 'pageShow', id: 42 });
    expect(h.patches()).toEqual([]);
    expect(h.errors()).toEqual([]);
    expect(h.trail()).toEqual([]);
  });

  it('reports initial data that cannot be serialised and renders the page empty', async () => {
    host = await FakeHost.start(appBundle({ 'pages/bad/bad': `Page({ data: { big: 10n }, ok() { this.setData({ fine: 1 }) } });` }, 'App({})'), { engine });
    await host.send({ t: 'pageLoad', id: 1, route: 'pages/bad/bad', query: {} });
    expect(host.errors('uncaught')[0]).toMatchObject({ id: 1, message: expect.stringMatching(/initial data of page "pages\/bad\/bad" is not JSON-serialisable/) });
    expect(host.patches(1)).toEqual([{ t: 'patch', id: 1, seq: 1, ops: [['set', [], {}]] }]);
    await host.send({ t: 'event', id: 1, handler: 'ok', event: { type: 'tap' } as never });
    expect(host.data.get(1)).toEqual({ fine: 1 });
  });

  it('only sends JSON values: functions are dropped, cycles throw', async () => {
    const h = await open(`tap() {
      this.setData({ obj: { keep: 1, fn() {} } });
      const cyclic = {}; cyclic.self = cyclic;
      try { this.setData({ cyclic }) } catch (e) { console.log('cycle: ' + e.name) }
    }`);
    h.clear();
    await h.send({ t: 'event', id: 1, handler: 'tap', event: { type: 'tap' } as never });
    expect(h.patches(1)[0].ops).toEqual([['set', ['obj'], { keep: 1 }]]);
    expect(h.trail()).toEqual(['cycle: TypeError']);
  });
});
