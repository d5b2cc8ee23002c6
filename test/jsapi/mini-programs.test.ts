/**
 * Two real mini-programs in a host's app stack (createAppStack), each in its own container: the
 * shop opens the coupon app with my.navigateToMiniProgram (query, extraData), the coupon app sees
 * them in App.onLaunch (scene 1037, referrerInfo) and goes back with my.navigateBackMiniProgram,
 * the shop's App.onShow hears scene 1038 and the coupon app's extraData. my.exitMiniProgram works
 * only from a tap. Everything is checked in what each app renders and logs.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '@mpk/compiler';
import { createAppStack, createMemoryStorage, HeadlessRenderer, type AppStack, type Container } from '@mpk/runtime';
import { closeAll, writeProject } from '../support/project.ts';

const SHOP = '2021000000000001';
const COUPONS = '2021000000000002';

const shopFiles = {
  'app.js': `App({
    onShow(options) {
      if (options.scene === 1038) this.returned = { scene: options.scene, from: options.referrerInfo.appId, extraData: options.referrerInfo.extraData };
    },
  });`,
  'pages/index/index.axml': `<view><button id="go" onTap="go">coupons</button><button id="nowhere" onTap="nowhere">x</button><button id="back" onTap="back">back</button>
    <text id="returned">{{returned}}</text><text id="error">{{error}}</text><text id="can">{{can}}</text></view>`,
  'pages/index/index.js': `Page({
    data: { returned: '', error: '', can: '' },
    onLoad() {
      const names = ['navigateToMiniProgram', 'navigateBackMiniProgram', 'exitMiniProgram', 'openVoucherList', 'openCardDetail', 'paySignCenter'];
      this.setData({ can: names.map((n) => n + '=' + my.canIUse(n)).join(' ') });
    },
    onShow() {
      const r = getApp().returned;
      if (r) this.setData({ returned: r.scene + ' ' + r.from + ' ' + JSON.stringify(r.extraData) });
    },
    go() {
      my.navigateToMiniProgram({ appId: '${COUPONS}', path: 'pages/index/index?tab=new', query: { a: 'foo' }, extraData: { cart: [1, 2] },
        fail: (e) => this.setData({ error: 'go ' + e.error }) });
    },
    nowhere() {
      my.navigateToMiniProgram({ appId: '2021999999999999', fail: (e) => this.setData({ error: 'nowhere ' + e.error }) });
    },
    back() {
      my.navigateBackMiniProgram({ fail: (e) => this.setData({ error: 'back ' + e.error }) });
    },
  });`,
};

const couponFiles = {
  'app.js': `App({
    onLaunch(options) { this.launch = options; },
  });`,
  'pages/index/index.axml': `<view><text id="launch">{{launch}}</text><text id="page">{{page}}</text><text id="exit">{{exit}}</text>
    <button id="done" onTap="done">done</button><button id="close" onTap="close">close</button></view>`,
  'pages/index/index.js': `Page({
    data: { launch: '', page: '', exit: '' },
    onLoad(query) {
      const o = getApp().launch;
      const same = JSON.stringify(my.getLaunchOptionsSync()) === JSON.stringify(o);
      this.setData({ launch: [o.scene, o.referrerInfo.appId, JSON.stringify(o.query), JSON.stringify(o.referrerInfo.extraData), same].join(' '), page: JSON.stringify(query) });
    },
    onReady() {
      my.exitMiniProgram({ fail: (e) => this.setData({ exit: 'not from a tap: ' + e.error }) });
    },
    done() { my.navigateBackMiniProgram({ extraData: { used: 'SAVE10' } }); },
    close() { my.exitMiniProgram(); },
  });`,
};

async function builtPackage(files: Record<string, string>): Promise<string> {
  const dir = await writeProject(files);
  const result = await build(dir, { outDir: path.join(dir, 'dist') });
  if (!result.ok) throw new Error(`build failed: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return path.join(dir, 'dist');
}

let stack: AppStack | undefined;
afterEach(async () => {
  await stack?.destroy();
  stack = undefined;
  await closeAll();
});

async function openStack(): Promise<{ stack: AppStack; shop: Container; renderers: Map<string, HeadlessRenderer>; closed: string[] }> {
  const packages: Record<string, string> = { [SHOP]: await builtPackage(shopFiles), [COUPONS]: await builtPackage(couponFiles) };
  const renderers = new Map<string, HeadlessRenderer>();
  const closed: string[] = [];
  stack = createAppStack({
    open(appId) {
      const pkg = packages[appId];
      if (!pkg) return undefined;
      const renderer = new HeadlessRenderer();
      renderers.set(appId, renderer);
      return { pkg, renderer, host: { storage: createMemoryStorage() } };
    },
  });
  stack.on('closed', (entry) => closed.push(entry.appId));
  const shop = await stack.launch(SHOP);
  return { stack, shop, renderers, closed };
}

const text = (renderer: HeadlessRenderer | undefined, selector: string): string => renderer!.text(selector);

describe('an app stack of two mini-programs', () => {
  it('navigateToMiniProgram opens the target with scene 1037, its query, path and extraData; navigateBackMiniProgram returns with extraData (1038)', async () => {
    const { stack, shop, renderers, closed } = await openStack();
    renderers.get(SHOP)!.tap('#go');
    await shop.waitForIdle();
    expect(stack.entries().map((e) => e.appId)).toEqual([SHOP, COUPONS]);
    const coupons = stack.top()!.container;
    await coupons.waitForIdle();
    const couponView = renderers.get(COUPONS);
    expect(text(couponView, '#launch')).toBe(`1037 ${SHOP} {"a":"foo"} {"cart":[1,2]} true`);
    expect(text(couponView, '#page')).toBe('{"tab":"new"}');
    // Not from a tap: the platform refuses to close the app.
    expect(text(couponView, '#exit')).toBe('not from a tap: 4');

    couponView!.tap('#done');
    await coupons.waitForIdle();
    await shop.waitForIdle();
    expect(stack.entries().map((e) => e.appId)).toEqual([SHOP]);
    expect(text(renderers.get(SHOP), '#returned')).toBe(`1038 ${COUPONS} {"used":"SAVE10"}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toEqual([COUPONS]);
    expect(text(renderers.get(SHOP), '#error')).toBe('');
  });

  it('exitMiniProgram from a tap closes the top app and shows the one below; unknown targets and a back without an opener fail with 31', async () => {
    const { stack, shop, renderers } = await openStack();
    const shopView = renderers.get(SHOP)!;
    shopView.tap('#nowhere');
    await shop.waitForIdle();
    expect(text(shopView, '#error')).toBe('nowhere 31');
    shopView.tap('#back');
    await shop.waitForIdle();
    expect(text(shopView, '#error')).toBe('back 31');

    shopView.tap('#go');
    await shop.waitForIdle();
    const coupons = stack.top()!.container;
    await coupons.waitForIdle();
    renderers.get(COUPONS)!.tap('#close');
    await coupons.waitForIdle();
    await shop.waitForIdle();
    expect(stack.entries().map((e) => e.appId)).toEqual([SHOP]);
    expect(stack.top()!.container).toBe(shop);
  });

  it('my.canIUse answers true for the jump, wallet and signing APIs', async () => {
    const { renderers } = await openStack();
    expect(text(renderers.get(SHOP), '#can')).toBe(
      'navigateToMiniProgram=true navigateBackMiniProgram=true exitMiniProgram=true openVoucherList=true openCardDetail=true paySignCenter=true',
    );
  });
});
