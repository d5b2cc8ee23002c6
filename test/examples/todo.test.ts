/**
 * The todo example (examples/todo) driven through a user's flows: adding (button, Enter, quick-add
 * chips), refusing an empty title, toggling, filtering, removing, clearing, the statistics page
 * through a navigator with a query, and todos surviving a restart through storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp, MiniPage } from '@mpk/devtools/harness';
import { createMemoryStorage } from '@mpk/runtime';
import { closeAll, launchExample, logLines } from '../support/project.ts';

const storage = createMemoryStorage();
let app: MiniApp;

const titles = (p: MiniPage): string[] => p.querySelectorAll('.todo .title').map((n) => app.session.renderer.text(n));

beforeAll(async () => {
  app = await launchExample('todo', { appId: 'todo-e2e', host: { storage } });
});
afterAll(closeAll);

describe('todo example', () => {
  it('starts empty and says so', () => {
    const p = app.currentPage();
    expect(logLines(app)).toContain('todo app launched on pages/index/index');
    expect(p.text('.empty')).toBe('Nothing to do.');
    expect(p.querySelector('.count')).toBeNull();
  });

  it('refuses an empty title with a toast', async () => {
    await app.currentPage().input('.draft', '   ');
    await app.currentPage().tap('#add');
    expect(app.uiCalls.at(-1)).toEqual({ api: 'showToast', args: expect.objectContaining({ content: 'Type something first', type: 'fail' }) });
    expect(app.currentPage().data.todos).toEqual([]);
  });

  it('adds todos with the button, with Enter (confirm) and from quick-add chips, clearing the draft', async () => {
    const p = app.currentPage();
    await p.input('.draft', 'Water plants');
    await p.tap('#add');
    expect(p.querySelector('.draft')!.attrs.value).toBe('');
    await p.input('.draft', 'Read a book');
    await p.fire('.draft', 'confirm', { value: 'Read a book' });
    const chips = p.querySelectorAll('.chip');
    expect(chips.map((c) => app.session.renderer.text(c))).toEqual(['Buy milk', 'Walk the dog', 'Write tests']);
    app.session.renderer.dispatch(chips[2]!, 'tap');
    await app.session.container.waitForIdle();
    expect(titles(p)).toEqual(['Water plants', 'Read a book', 'Write tests']);
    expect(p.text('.count')).toBe('3 items left');
    expect(p.data.todos.map((t: { id: number }) => t.id)).toEqual([1, 2, 3]);
  });

  it('toggles a todo: the count and the clear link follow', async () => {
    const p = app.currentPage();
    await p.tap('#toggle-2');
    expect(p.querySelector('#todo-2')!.attrs.class).toBe('todo done');
    expect(p.text('#toggle-2')).toBe('☑');
    expect(p.text('.count')).toBe('2 items left');
    expect(p.text('#clear')).toBe('Clear completed (1)');
  });

  it('filters active and done todos', async () => {
    const p = app.currentPage();
    await p.tap('#filter-active');
    expect(titles(p)).toEqual(['Water plants', 'Write tests']);
    expect(p.querySelector('#filter-active')!.attrs.class).toBe('filter active');
    await p.tap('#filter-done');
    expect(titles(p)).toEqual(['Read a book']);
    await p.tap('#filter-all');
    expect(titles(p)).toHaveLength(3);
  });

  it('shows statistics through the navigator, with the counts in the query, and comes back', async () => {
    await app.currentPage().tap('#stats');
    const stats = app.currentPage();
    expect(stats.route).toBe('pages/stats/stats');
    expect(stats.query).toEqual({ total: '3', done: '1' });
    expect(stats.text('#total')).toBe('3');
    expect(stats.text('#done')).toBe('1');
    expect(stats.text('#progress')).toBe('33%');
    expect(stats.querySelector('progress')!.attrs.percent).toBe(33);
    await stats.tap('#back');
    expect(app.currentPage().route).toBe('pages/index/index');
  });

  it('removes a todo (its ✕ does not toggle it) and clears completed ones', async () => {
    const p = app.currentPage();
    await p.tap('#remove-1');
    expect(titles(p)).toEqual(['Read a book', 'Write tests']);
    await p.tap('#clear');
    expect(titles(p)).toEqual(['Write tests']);
    expect(p.querySelector('#clear')).toBeNull();
    expect(p.text('.count')).toBe('1 item left');
  });

  it('keeps the todos in storage: a restarted app shows them again', async () => {
    expect(JSON.parse(storage.get('todo-e2e', 'todos')!)).toEqual([{ id: 3, title: 'Write tests', done: false }]);
    const restarted = await launchExample('todo', { appId: 'todo-e2e', shareStorage: true, host: { storage } });
    expect(restarted.currentPage().text('.todo .title')).toBe('Write tests');
    await restarted.currentPage().tap('#toggle-3');
    expect(restarted.currentPage().text('.count')).toBe('0 items left');
    expect(app.errors).toEqual([]);
    expect(restarted.errors).toEqual([]);
  });
});
