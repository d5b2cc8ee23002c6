import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch } from '@mpk/devtools/harness';
import { project } from './support/project.js';

let app;
let page;

beforeEach(async () => {
  app = await launch(project);
  await app.switchTab('/pages/template/template');
  page = app.currentPage();
});

afterEach(async () => {
  const closing = app;
  app = undefined;
  await closing?.close();
  expect(closing?.errors ?? []).toEqual([]);
});

const cards = () => page.querySelectorAll('.card').map((card) => `${card.attrs.id} ${card.attrs.class.split(' ')[1]}`);

describe('SJS helpers', () => {
  it('format money, dates, phone numbers and tags on the view side', () => {
    expect(page.text('#sjs-money')).toBe('Price: ¥9,876,543.21');
    expect(page.text('#sjs-date')).toBe('Published: 2024-05-21 09:30 UTC, a Tuesday');
    expect(page.text('#sjs-phone')).toBe('Phone: 138****5678');
    expect(page.text('#sjs-tags')).toBe('Tags in "Shipping #mini #program templates": mini, program');
  });

  it('validate an email address with getRegExp as the user types', async () => {
    expect(page.text('#sjs-email')).toBe('Not an email address yet');
    await page.input('#email', 'ada@example');
    expect(page.text('#sjs-email')).toBe('Not an email address yet');
    await page.input('#email', 'ada@example.com');
    expect(page.text('#sjs-email')).toBe('Looks like an email address');
  });
});

describe('templates and include', () => {
  it('renders the included header with the page data', () => {
    expect(page.text('.page-title')).toBe('Templates, SJS and list updates');
    expect(page.text('#feed-stats')).toBe('3 cards · refreshed 0 times');
  });

  it('picks a template per card kind with a dynamic is', () => {
    expect(cards()).toEqual(['card-1 note-card', 'card-2 photo-card', 'card-3 price-card']);
    expect(page.text('#card-1 .hint')).toBe('2024-05-21 09:30 UTC');
    expect(page.text('#card-2 .hint')).toBe('tags: landscape, mpk');
    expect(page.text('#card-3 .card-price')).toBe('¥12,345.50');
  });
});

describe('list updates', () => {
  it('adds notes at the top with $spliceData', async () => {
    await page.tap('#add-note');
    await page.tap('#add-note');
    expect(cards().slice(0, 3)).toEqual(['card-5 note-card', 'card-4 note-card', 'card-1 note-card']);
    expect(page.text('#card-5 .card-title')).toBe('Note 5');
    expect(page.text('#feed-stats')).toBe('5 cards · refreshed 0 times');
    expect(page.data.nextId).toBe(6);
  });

  it('loads older cards on reaching the bottom, up to 20', async () => {
    await page.reachBottom();
    expect(cards().slice(3)).toEqual(['card-4 photo-card', 'card-5 price-card', 'card-6 note-card', 'card-7 photo-card', 'card-8 price-card']);
    expect(page.text('#card-6 .hint')).toBe('2024-05-21 03:30 UTC');
    expect(page.text('#feed-end')).toBe('Scroll to the bottom for older cards');
    await page.reachBottom();
    await page.reachBottom();
    await page.reachBottom();
    expect(page.querySelectorAll('.card')).toHaveLength(20);
    expect(page.text('#feed-end')).toBe('That is everything');
    await page.reachBottom();
    expect(page.querySelectorAll('.card')).toHaveLength(20);
    expect(page.text('#feed-stats')).toBe('20 cards · refreshed 0 times');
  });

  it('starts over on pull-down refresh', async () => {
    await page.tap('#add-note');
    await page.reachBottom();
    await page.pullDownRefresh();
    expect(cards()).toEqual(['card-1 note-card', 'card-2 photo-card', 'card-3 price-card']);
    expect(page.text('#feed-stats')).toBe('3 cards · refreshed 1 time');
    await page.pullDownRefresh();
    expect(page.text('#feed-stats')).toBe('3 cards · refreshed 2 times');
  });

  it('applies two setData calls in one $batchedUpdates', async () => {
    await page.tap('#plus-two');
    expect(page.text('#counter')).toBe('2');
    await page.tap('#plus-two');
    expect(page.text('#counter')).toBe('4');
    expect(page.text('#batches')).toBe('(2 batches)');
  });
});

describe('scoped slot', () => {
  it('draws rows from the component’s slot props and reports the selection', async () => {
    const rows = () => page.querySelectorAll('.person').map((row) => page.text(`#${row.parent.attrs.id} .person`));
    expect(rows()).toEqual(['1. Ada Lovelace 139****1111', '2. Alan Turing 137****2222', '3. Grace Hopper 136****3333']);
    expect(page.text('#selected-person')).toBe('Tap a row');

    await page.tap('#data-list-row-p2 .person');
    expect(page.text('#selected-person')).toBe('Selected Alan Turing');
    expect(page.querySelectorAll('.person-selected').map((row) => row.parent.attrs.id)).toEqual(['data-list-row-p2']);
    expect(page.text('.data-list-foot')).toBe('3 rows · #p2 selected');
  });
});
