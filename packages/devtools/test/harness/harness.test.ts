import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, type MiniApp } from '../../src/harness/index.ts';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
let app: MiniApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('harness on the todo example', () => {
  it('drives the page like a user: type, tap, read data and html', async () => {
    app = await launch(path.join(examples, 'todo'));
    const page = app.currentPage();
    expect(page.route).toBe('pages/index/index');
    expect(page.data.todos).toEqual([]);

    await page.input('.draft', 'Water plants');
    await page.tap('#add');
    expect(page.data.todos).toEqual([{ id: 1, title: 'Water plants', done: false }]);
    expect(page.text('.count')).toBe('1 item left');

    await page.tap('#toggle-1');
    expect(page.data.doneCount).toBe(1);
    expect(page.html()).toContain('Clear completed (1)');
    expect(app.errors).toEqual([]);
  });

  it('records UI calls and starts from preset storage', async () => {
    app = await launch(path.join(examples, 'todo'), { storage: { todos: [{ id: 7, title: 'Preset', done: false }] } });
    const page = app.currentPage();
    expect(page.text('.title')).toBe('Preset');
    await page.tap('#add');
    expect(app.uiCalls).toContainEqual({ api: 'showToast', args: expect.objectContaining({ content: 'Type something first', type: 'fail' }) });
  });

  it('follows navigation with a query and back', async () => {
    app = await launch(path.join(examples, 'todo'));
    await app.currentPage().tap('.chip');
    await app.currentPage().tap('#stats');
    const stats = app.currentPage();
    expect(stats.route).toBe('pages/stats/stats');
    expect(stats.query).toEqual({ total: '1', done: '0' });
    expect(stats.text('#total')).toBe('1');
    await stats.tap('#back');
    expect(app.pages().map((p) => p.route)).toEqual(['pages/index/index']);
  });

  it('mocks JSAPIs with schema validation and recorded calls', async () => {
    app = await launch(path.join(examples, 'shop'), { mocks: { tradePay: { resultCode: '6001' } } });
    await app.currentPage().tap('#add-1');
    await app.switchTab('/pages/cart/cart');
    await app.currentPage().tap('#checkout');
    expect(app.apiCalls.map((c) => c.api)).toEqual(['tradePay']);
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ content: 'Payment not completed (6001)' }) });
  });
});
