/**
 * The shop example (examples/shop) driven through a shopper's flows: browsing the home tab (slots,
 * templates, SJS prices, an npm tag component), adding to the cart without opening the product,
 * a product page in the lazily loaded subpackage, the cart tab with counter components, clearing
 * with a confirm, paying (success and a cancelled payment), the "me" tab, pull-down refresh,
 * and the cart surviving a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp, MiniPage } from '@mpk/devtools/harness';
import { createMemoryStorage } from '@mpk/runtime';
import { closeAll, launchExample, logLines } from '../support/project.ts';

const storage = createMemoryStorage();
let app: MiniApp;
const texts = (p: MiniPage, sel: string): string[] => p.querySelectorAll(sel).map((n) => app.session.renderer.text(n).trim());

beforeAll(async () => {
  app = await launchExample('shop', { appId: 'shop-e2e', host: { storage } });
});
afterAll(closeAll);

describe('home tab', () => {
  it('lists the products with prices, stock, tags and footers', () => {
    const p = app.currentPage();
    expect(p.route).toBe('pages/home/home');
    expect(texts(p, '.card .name')).toEqual(['Green tea HOT', 'Oolong NEW', 'Jasmine', 'Pu-erh HOT']);
    expect(texts(p, '.card .price')).toEqual(['¥12.00', '¥18.50', '¥9.90', '¥42.00']);
    expect(texts(p, '#card-2 .low')).toEqual(['Only 3 left']);
    expect(p.text('#card-3 .muted')).toBe('Sold out');
    expect(p.querySelector('#add-3')!.attrs.disabled).toBe(true);
    expect(p.querySelector('#add-1')!.attrs.disabled).toBe(false);
    // the footer slot only for low stock (1–4)
    expect(texts(p, '.card .actions .muted')).toEqual(['Hurry!']);
    expect(p.text('#count')).toBe('4 items');
    expect(p.text('#cart-count')).toBe('0');
    expect(logLines(app)).toContain('/components/product-card/product-card mounted');
  });

  it('adds to the cart from a card without opening the product, with a toast and the recent list', async () => {
    const p = app.currentPage();
    await p.tap('#add-1');
    await p.tap('#add-2');
    await p.tap('#add-1');
    expect(app.currentPage().route).toBe('pages/home/home');
    expect(p.text('#cart-count')).toBe('3');
    // $spliceData inserts each at the front: most recent first
    expect(texts(p, '.recent')).toEqual(['Green tea', 'Oolong', 'Green tea']);
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ content: 'Green tea added', type: 'success' }) });
    expect(logLines(app)).toContain('[/components/product-card/product-card] add 2');
  });

  it('refreshes on pull-down and stops the refresh indicator', async () => {
    const requests: string[] = [];
    app.session.container.on('ui', (r) => requests.push(r.type));
    await app.currentPage().pullDownRefresh();
    expect(requests).toEqual(['stopPullDownRefresh']);
  });
});

describe('product page (subpackage)', () => {
  it('opens from a card tap, loading the subpackage, and adds more to the cart', async () => {
    const parts: string[] = [];
    app.session.container.on('part', (part) => parts.push(part.root));
    await app.currentPage().tap('#card-4');
    const product = app.currentPage();
    expect(product.route).toBe('sub/product/product');
    expect(product.query).toEqual({ id: '4' });
    expect(parts).toEqual(['sub']);
    expect(product.text('.section-title')).toBe('Pu-erh');
    expect(product.text('#detail')).toBe('¥42.00In stock');
    expect(app.uiCalls).toContainEqual({ api: 'setNavigationBar', args: expect.objectContaining({ title: 'Pu-erh' }) });
    expect(product.text('#in-cart')).toBe('0');
    await product.tap('#buy');
    await product.tap('#buy');
    expect(product.text('#in-cart')).toBe('2');
    await app.navigateBack();
    expect(app.currentPage().text('#cart-count')).toBe('5');
  });

  it('goes back with a toast for an unknown product', async () => {
    await app.navigate('navigateTo', { url: '/sub/product/product?id=99' });
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ content: 'No such product' }) });
    expect(app.currentPage().route).toBe('pages/home/home');
  });
});

describe('cart tab', () => {
  it('shows one line per product with a counter and the total', async () => {
    await app.switchTab('/pages/cart/cart');
    const p = app.currentPage();
    expect(texts(p, '.line .name')).toEqual(['Green tea', 'Oolong', 'Pu-erh']);
    expect(texts(p, '.line .value')).toEqual(['2', '1', '2']);
    expect(texts(p, '.line > .price')).toEqual(['¥24.00', '¥18.50', '¥84.00']);
    expect(p.text('#total')).toBe('¥126.50');
  });

  it('changes quantities with the counters; zero removes the line', async () => {
    const p = app.currentPage();
    await p.tap('#inc-2');
    expect(p.text('#line-2 .value')).toBe('2');
    expect(p.text('#total')).toBe('¥145.00');
    await p.tap('#dec-2');
    await p.tap('#dec-2');
    expect(texts(p, '.line .name')).toEqual(['Green tea', 'Pu-erh']);
    expect(p.text('#total')).toBe('¥108.00');
    // the counters' didUpdate counted their own changes
    const counters = p.components()!.children.flatMap(function walk(c): typeof c[] {
      return [c, ...c.children.flatMap(walk)];
    }).filter((c) => c.is === 'components/counter/counter');
    expect(counters).toHaveLength(2);
  });

  it('keeps the cart when the shopper cancels the clear confirm, empties it when they confirm', async () => {
    const cancelling = await launchExample('shop', { appId: 'shop-e2e', shareStorage: true, host: { storage }, ui: { confirm: false } });
    await cancelling.switchTab('/pages/cart/cart');
    await cancelling.currentPage().tap('#clear');
    expect(cancelling.uiCalls.at(-1)).toEqual({ api: 'confirm', args: expect.objectContaining({ title: 'Clear cart' }) });
    expect(cancelling.currentPage().querySelectorAll('.line')).toHaveLength(2);
    await cancelling.close();

    const confirming = await launchExample('shop', { appId: 'shop-clear', host: { storage: createMemoryStorage() }, storage: { cart: [{ id: 1, quantity: 1 }] } });
    await confirming.switchTab('/pages/cart/cart');
    expect(confirming.currentPage().querySelectorAll('.line')).toHaveLength(1);
    await confirming.currentPage().tap('#clear');
    expect(confirming.currentPage().text('#empty')).toBe('Your cart is empty.');
  });

  it('pays: the payment succeeds (9000), the cart empties and says paid', async () => {
    const p = app.currentPage();
    await p.tap('#checkout');
    expect(p.text('#paid')).toBe('Paid: yes');
    expect(p.text('#empty')).toBe('Your cart is empty.');
    await app.switchTab('/pages/home/home');
    expect(app.currentPage().text('#cart-count')).toBe('0');
  });

  it('reports a cancelled payment (6001) and keeps the cart', async () => {
    const cancelled = await launchExample('shop', { appId: 'shop-pay', host: { storage: createMemoryStorage() }, mocks: { tradePay: { resultCode: '6001' } } });
    await cancelled.currentPage().tap('#add-4');
    await cancelled.switchTab('/pages/cart/cart');
    await cancelled.currentPage().tap('#checkout');
    expect(cancelled.apiCalls).toEqual([{ api: 'tradePay', args: expect.objectContaining({ tradeNO: expect.stringMatching(/^mpk-/) }) }]);
    expect(cancelled.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ content: 'Payment not completed (6001)' }) });
    expect(cancelled.currentPage().querySelectorAll('.line')).toHaveLength(1);
  });
});

describe('me tab', () => {
  it('shows the device and counts visits on each show, until reset', async () => {
    await app.switchTab('/pages/me/me');
    const me = app.currentPage();
    expect(me.text('#device')).toMatch(/ · 375×\d+$/);
    expect(me.text('#visits')).toBe('You opened this tab 1 time.');
    await app.switchTab('/pages/home/home');
    await app.switchTab('/pages/me/me');
    expect(app.currentPage().text('#visits')).toBe('You opened this tab 2 times.');
    await app.currentPage().tap('#reset');
    expect(app.currentPage().text('#visits')).toBe('You opened this tab 0 times.');
    expect(storage.get('shop-e2e', 'visits')).toBeUndefined();
  });
});

describe('restart', () => {
  it('restores the cart from storage', async () => {
    await app.switchTab('/pages/home/home');
    await app.currentPage().tap('#add-2');
    const restarted = await launchExample('shop', { appId: 'shop-e2e', shareStorage: true, host: { storage } });
    expect(restarted.currentPage().text('#cart-count')).toBe('1');
    await restarted.switchTab('/pages/cart/cart');
    expect(restarted.currentPage().text('.line .name')).toBe('Oolong');
    expect(app.errors).toEqual([]);
    expect(restarted.errors).toEqual([]);
  });
});
