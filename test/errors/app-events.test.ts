/**
 * App-level error events (docs: api/基础API/应用级事件): my.onComponentError(error, method, component)
 * hears errors thrown by a custom component's own code (lifecycles and methods), besides my.onError;
 * page errors and errors mpk detects (a missing handler) do not reach it; my.offComponentError stops
 * it. my.onLazyLoadError({ type, subpackage, errMsg }) hears an async subpackage component
 * (分包异步化) whose package part fails its checks, and the placeholder stays.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '@mpk/compiler';
import { createContainer, createMemoryStorage, HeadlessRenderer } from '@mpk/runtime';
import { closeAll, component, launchProject, logCursor, page, writeProject } from '../support/project.ts';
import type { MiniApp } from '@mpk/devtools/harness';

afterAll(closeAll);

describe('my.onComponentError', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);

  it('hears a component lifecycle and a component method that throw, with the method and the instance; not page errors; off stops it', async () => {
    app = await launchProject({
      'app.js': `App({
  onLaunch() {
    this.listener = (error, method, component) => console.log('componentError', error.message, method, typeof component.setData, component.props.label);
    my.onComponentError(this.listener);
    my.onError((message) => console.log('onError', message));
  },
});`,
      ...page('pages/index/index', {
        axml: `<fragile label="one"/><button id="page-boom" onTap="boom">x</button><button id="off" onTap="off">off</button>`,
        js: `Page({
  boom() { throw new Error('page boom'); },
  off() { my.offComponentError(getApp().listener); },
});`,
        json: { usingComponents: { fragile: '/components/fragile/fragile' } },
      }),
      ...component('components/fragile/fragile', {
        axml: `<button id="comp-boom" onTap="explode">{{label}}</button><button id="missing" onTap="notThere">?</button>`,
        js: `Component({
  props: { label: '' },
  didMount() { throw new Error('mount failed'); },
  methods: { explode() { throw new TypeError('method failed'); } },
});`,
      }),
    });
    expect(fresh()).toEqual(expect.arrayContaining(['onError mount failed', 'componentError mount failed didMount function one']));

    await app.currentPage().tap('#comp-boom');
    expect(fresh()).toEqual(['onError method failed', 'componentError method failed explode function one']);

    await app.currentPage().tap('#page-boom');
    expect(fresh()).toEqual(['onError page boom']);

    await app.currentPage().tap('#missing');
    expect(fresh().filter((l) => l.startsWith('componentError'))).toEqual([]);

    await app.currentPage().tap('#off');
    await app.currentPage().tap('#comp-boom');
    expect(fresh()).toEqual(['onError method failed']);
  });
});

describe('my.onLazyLoadError', () => {
  it('hears a subpackage component whose part fails its checks (loadSubpackage: fail); the placeholder stays', async () => {
    const dir = await writeProject({
      'app.json': { pages: ['pages/index/index'], subPackages: [{ root: 'sub', pages: ['pages/detail/detail'] }] },
      'app.js': `App({ onLaunch() { my.onLazyLoadError((res) => console.log('lazyLoadError', JSON.stringify(res))); } });`,
      ...page('pages/index/index', {
        axml: `<view id="lazy"><lazy-card/></view>`,
        json: { usingComponents: { 'lazy-card': '/sub/components/card/card', hello: '/components/hello/hello' }, componentPlaceholder: { 'lazy-card': 'hello' } },
      }),
      ...page('sub/pages/detail/detail', { axml: `<card/>`, json: { usingComponents: { card: '/sub/components/card/card' } } }),
      ...component('components/hello/hello', { axml: `<view class="hello">loading…</view>`, js: 'Component({});' }),
      ...component('sub/components/card/card', { axml: `<view class="card">card</view>`, js: 'Component({});' }),
    });
    const out = path.join(dir, 'dist');
    const result = await build(dir, { outDir: out });
    expect(result.ok).toBe(true);
    // The subpackage's logic no longer matches the manifest's sha256 (its size still does): the part fails its checks when loaded.
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { parts: Array<{ root: string; logic: string }> };
    const sub = manifest.parts.find((p) => p.root === 'sub')!;
    const bytes = await readFile(path.join(out, sub.logic));
    bytes[bytes.length - 1] = bytes[bytes.length - 1] === 0x20 ? 0x0a : 0x20; // same size, other bytes
    await writeFile(path.join(out, sub.logic), bytes);

    const renderer = new HeadlessRenderer();
    const container = await createContainer({ pkg: out, renderer, host: { storage: createMemoryStorage() } });
    const logs: string[] = [];
    const errors: string[] = [];
    container.on('log', (entry) => logs.push(entry.args.map(String).join(' ')));
    container.on('error', (error) => errors.push(error.message));
    try {
      await container.launch();
      await container.waitForIdle();
      expect(logs).toContain('lazyLoadError {"type":"subpackage","subpackage":["sub"],"errMsg":"loadSubpackage: fail"}');
      expect(renderer.text('#lazy')).toBe('loading…');
      expect(errors.some((m) => m.includes('sub'))).toBe(true);
    } finally {
      await container.destroy();
    }
  });
});
