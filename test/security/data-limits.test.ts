/**
 * Unbounded data from the guest, refused or bounded (ARCHITECTURE.md "The trust boundary",
 * PROTOCOL.md "What the host checks"): a data path cannot make a sparse giant (the base library
 * refuses it before anything is sent, the view refuses it too), a selector query costs the host a
 * bounded time however it is written, and what the host records of an app (console output, UI
 * calls, downloaded files) stays within a fixed size.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { createMemoryFileStore, createQuickJsTransport, getBaseLibrarySource } from '@mpk/runtime';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

describe('setData cannot make a sparse giant', () => {
  let app: MiniApp;
  const js = `Page({
    data: { list: [1, 2, 3], nested: { rows: [] } },
    onLoad() {
      my.on('e2e:set', ({ key, value }) => {
        try {
          this.setData({ [key]: value });
          console.log('set', key);
        } catch (e) {
          console.log('refused', e.name, e.message);
        }
      });
      my.on('e2e:splice', ({ key, spec }) => {
        try {
          this.$spliceData({ [key]: spec });
          console.log('spliced', key);
        } catch (e) {
          console.log('refused', e.name, e.message);
        }
      });
      my.on('e2e:uncaught', () => this.setData({ 'list[999999999]': 1 }));
    },
  });`;

  it('refuses list[999999999] with a clear error in the guest, before anything is set or sent', async () => {
    app = await launchProject({
      'app.js': `App({ onError(message) { console.log('App.onError', message); } });`,
      ...page('pages/index/index', { axml: '<view class="item" a:for="{{list}}">{{item}}</view>', js }),
    });
    await app.emit('e2e:set', { key: 'list[999999999]', value: 1 });
    expect(logLines(app).at(-1)).toBe(
      'refused RangeError setData: data path "list[999999999]": index 999999999 is more than 1000 past the end of an array of 3 (it would leave 999999996 empty slots); nothing was set',
    );
    await app.emit('e2e:set', { key: 'nested.rows[5000].x', value: 1 });
    expect(logLines(app).at(-1)).toMatch(/^refused RangeError setData: data path "nested\.rows\[5000\]\.x": index 5000 is more than 1000 past the end of an array of 0/);
    await app.emit('e2e:set', { key: 'fresh[100000]', value: 1 });
    expect(logLines(app).at(-1)).toMatch(/^refused RangeError .*"fresh\[100000\]"/);
    // Not even a safe integer.
    await app.emit('e2e:set', { key: 'list[99999999999999999999]', value: 1 });
    expect(logLines(app).at(-1)).toMatch(/^refused TypeError setData: invalid data path "list\[99999999999999999999\]": array index 99999999999999999999 is too large/);
    expect(app.currentPage().data).toEqual({ list: [1, 2, 3], nested: { rows: [] } });
    expect(app.errors).toEqual([]);
  });

  it('still lets a path set an element a little past the end (the platform fills the gap with null)', async () => {
    await app.emit('e2e:set', { key: 'list[5]', value: 6 });
    expect(logLines(app).at(-1)).toBe('set list[5]');
    expect(app.currentPage().data.list).toHaveLength(6);
    expect(app.currentPage().data.list[5]).toBe(6);
    await app.emit('e2e:set', { key: 'list[1005]', value: 'edge' });
    expect(logLines(app).at(-1)).toBe('set list[1005]');
    expect(app.currentPage().data.list).toHaveLength(1006);
  });

  it('refuses it in $spliceData paths too', async () => {
    await app.emit('e2e:splice', { key: 'nested.rows[99999]', spec: [0, 0, 'x'] });
    expect(logLines(app).at(-1)).toMatch(/^refused RangeError \$spliceData: data path "nested\.rows\[99999\]"/);
  });

  it('an uncaught refusal reaches App.onError and the host as the app’s error; the app goes on', async () => {
    await app.emit('e2e:uncaught');
    expect(app.errors).toEqual([expect.objectContaining({ kind: 'uncaught', message: expect.stringContaining('index 999999999 is more than 1000 past the end') })]);
    expect(logLines(app).at(-1)).toMatch(/^App\.onError setData: data path "list\[999999999\]"/);
    await app.emit('e2e:set', { key: 'list[0]', value: 'still fine' });
    expect(app.currentPage().data.list[0]).toBe('still fine');
  });
});

describe('the view refuses what the base library would have (defence in depth)', () => {
  it('a raw patch with an index far past the end is a patch error; the page keeps its data', async () => {
    const real = await getBaseLibrarySource();
    const evil = `(function () { var install = ${real}; return function (natives) { var entry = install(natives);
      Object.defineProperty(globalThis, '__rawSend', { value: function (json) { natives.send(String(json)); } }); return entry; }; })()`;
    const app = await launchProject(
      {
        'app.js': `App({ onError(message) { console.log('App.onError', message); } });`,
        ...page('pages/index/index', {
          axml: '<view class="item" a:for="{{list}}">{{item}}</view>',
          js: `Page({ data: { list: [1] }, onLoad() { my.on('e2e:raw', (json) => __rawSend(json)); } });`,
        }),
      },
      { logic: (options) => createQuickJsTransport({ ...options, baseLibrary: evil }) },
    );
    // Under the boundary's absolute cap, over the gap the view accepts.
    await app.emit('e2e:raw', '[{"t":"patch","id":1,"seq":2,"ops":[["set",["list",50000],1]]}]');
    expect(app.errors).toEqual([expect.objectContaining({ kind: 'patch', message: expect.stringContaining('index 50000 is more than 1000 past the end of an array of 1') })]);
    expect(logLines(app).at(-1)).toMatch(/^App\.onError a data update could not be applied: patch path: index 50000/);
    expect(app.currentPage().data).toEqual({ list: [1] });
    expect(app.currentPage().querySelectorAll('.item')).toHaveLength(1);
  });
});

describe('selector queries cost the host a bounded time', () => {
  const depth = 150;
  const axml = `${'<view class="a">'.repeat(depth)}<view class="leaf">x</view>${'</view>'.repeat(depth)}<button id="q" onTap="query">q</button>`;
  const js = `Page({
    onLoad() { my.on('e2e:selector', (selector) => { this.selector = selector; }); },
    query() {
      my.createSelectorQuery().selectAll(this.selector).boundingClientRect().exec((res) => {
        console.log('answered', Array.isArray(res[0]) ? res[0].length : String(res[0]));
      });
    },
  });`;
  const ask = async (app: MiniApp, selector: string): Promise<string | undefined> => {
    await app.emit('e2e:selector', selector);
    await app.currentPage().tap('#q');
    return logLines(app).at(-1);
  };

  it('a selector of 32 descendant compounds over a 150-deep tree answers at once (no exponential backtracking)', async () => {
    const app = await launchProject(page('pages/index/index', { axml, js }));
    const chain = Array.from({ length: 31 }, () => '.a').join(' ');
    const started = Date.now();
    expect(await ask(app, `${chain} .nothing`)).toBe('answered 0');
    expect(await ask(app, `${chain} .leaf`)).toBe('answered 1');
    expect(await ask(app, `${chain} > .leaf`)).toBe('answered 1');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(app.errors).toEqual([]);
  });

  it('refuses a selector over the limits (compounds, length, alternatives): nothing matches, the host is not busy', async () => {
    const app = await launchProject(page('pages/index/index', { axml, js }));
    expect(await ask(app, Array.from({ length: 40 }, () => '.a').join(' '))).toBe('answered 0');
    expect(await ask(app, `.a${' '.repeat(1100)}`)).toBe('answered 0');
    expect(await ask(app, Array.from({ length: 40 }, () => '.a').join(','))).toBe('answered 0');
    expect(await ask(app, '.leaf')).toBe('answered 1');
    expect(app.errors).toEqual([]);
  });
});

describe('what the host records of an app is bounded', () => {
  it('console output: the harness keeps the latest 10,000 entries and counts the rest', async () => {
    const app = await launchProject(
      page('pages/index/index', {
        axml: '<view/>',
        js: `Page({ onLoad() { my.on('e2e:log', () => { for (let i = 0; i < 1000; i++) console.log('line', i); }); } });`,
      }),
    );
    for (let i = 0; i < 12; i++) await app.emit('e2e:log');
    const logs = app.logs as unknown as { length: number; dropped: number };
    expect(logs.length).toBeLessThanOrEqual(10_000);
    expect(logs.dropped).toBeGreaterThan(0);
    expect(logs.length + logs.dropped).toBe(12_000);
    expect(app.logs.at(-1)).toEqual({ level: 'log', args: ['line', 999] });
  });

  it('UI calls: the headless UI keeps the latest 1000', async () => {
    const app = await launchProject(
      page('pages/index/index', {
        axml: '<view/>',
        js: `Page({ onLoad() { my.on('e2e:toast', () => { for (let i = 0; i < 1500; i++) my.showToast({ content: 't' + i }); }); } });`,
      }),
    );
    await app.emit('e2e:toast');
    const calls = app.uiCalls as unknown as { length: number; dropped: number };
    expect(calls.length).toBeLessThanOrEqual(1000);
    expect(calls.length + calls.dropped).toBe(1500);
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ content: 't1499' }) });
  });

  it('downloaded files: within the app’s quota the oldest temporary files go; a file that cannot fit fails the call', async () => {
    const files = createMemoryFileStore({ maxBytesPerApp: 64 * 1024 });
    const chunk = Buffer.alloc(20 * 1024, 7).toString('base64');
    const app = await launchProject(
      page('pages/index/index', {
        axml: '<view/>',
        js: `Page({ onLoad() {
          my.on('e2e:download', ({ url, filePath }) => my.downloadFile({ url, filePath,
            success: (r) => console.log('ok', r.apFilePath || r.filePath),
            fail: (e) => console.log('fail', e.error, e.errorMessage) }));
        } });`,
      }),
      { appId: 'downloads', host: { files } },
    );
    for (let i = 0; i < 6; i++) await app.emit('e2e:download', { url: `data:application/octet-stream;base64,${chunk}` });
    expect(logLines(app).filter((l) => l.startsWith('ok '))).toHaveLength(6);
    expect(files.list('downloads').length).toBeLessThanOrEqual(3);
    const big = Buffer.alloc(80 * 1024, 1).toString('base64');
    await app.emit('e2e:download', { url: `data:application/octet-stream;base64,${big}`, filePath: 'https://usr/big.bin' });
    expect(logLines(app).at(-1)).toMatch(/^fail \d+ .*more than the 65536 an app may keep/);
  });
});
