/**
 * mini-antui (the predecessor of mini-ali-ui, no longer maintained), installed from npm into
 * test/libraries/mini-antui, renders every component it publishes (es/<component>), each on a page made
 * of the examples of its docs (the library's own per-component index.md; the npm package ships only its
 * README, which points to them). Each page opens with no error and shows its docs text and structure;
 * the interactions the docs describe work for the key components.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type MiniApp } from '@mpk/devtools/harness';
import type { HeadlessNode } from '@mpk/runtime';
import { appPages, classesOf, events, installedVersion, launchLibrary, openPage, pinnedVersion, projectDir, templateTexts, type Opened } from './support.ts';

const LIB = 'mini-antui';
let app: MiniApp;

beforeAll(async () => {
  app = await launchLibrary(LIB);
}, 120_000);
afterAll(() => app?.close());

const tapNode = async (node: HeadlessNode | undefined): Promise<void> => {
  expect(node, 'node to tap').toBeDefined();
  app.session.renderer.dispatch(node!, 'tap');
  await app.session.container.waitForIdle();
};

/** Per component (page): selectors the docs' props produce, and docs text the component hides on purpose. */
const EXPECT: Record<string, { selectors: string[]; hidden?: string[] }> = {
  'am-checkbox': { selectors: ['.am-checkbox', '.am-list-header', '.am-list-prefix'] },
  'am-icon': { selectors: ['.am-icon-like'] },
  'amount-input': { selectors: ['.am-amount-title', '.am-amount-extra', '.am-amount-btn', '.am-amount-input'] },
  badge: { selectors: ['.am-badge', '.am-badge-text'] },
  calendar: { selectors: ['.am-calendar-day', '.am-calendar-week', '.am-calendar-today', '.am-calendar-arrow', '.am-calendar-tag'] },
  card: { selectors: ['.am-card-thumb', '.am-card-title', '.am-card-subtitle', '.am-card-footer'] },
  collapse: { selectors: ['.am-collapse-item-title', '.am-collapse-item-content', '.am-icon-arrow-up'] },
  'face-detection': { selectors: ['.am-face-detection'] },
  filter: { selectors: ['.am-filter-item', '.am-filter-btn'] },
  flex: { selectors: ['.am-flexbox-wrap', '.am-flexbox-nowrap', '.am-flexbox-justify-end', '.am-flexbox-align-start', '.am-flexbox-item'] },
  footer: { selectors: ['.am-footer-copyright', '.am-footer-link'] },
  grid: { selectors: ['.am-grid-3', '.am-grid-icon', '.am-grid-text', '.am-grid-desc'] },
  'input-item': { selectors: ['.am-input-item', '.am-input-label', '.am-input-clear'] },
  list: { selectors: ['.am-list-header', '.am-list-footer', '.am-list-thumb', '.am-list-arrow', '.am-list-brief', '.am-list-extra'] },
  message: { selectors: ['.am-message-main', '.am-message-sub', '.am-message-button-wrap'] },
  modal: { selectors: ['.am-modal', '.am-modal-hide', '.am-modal-header', '.am-modal-footer', '.am-modal-image-md'] },
  notice: { selectors: ['.am-notice', '.am-notice-link', '.am-notice-closable', '.am-notice-operation-text'] },
  'page-result': { selectors: ['.am-page-result-pic', '.am-page-result-title', '.am-page-result-brief'] },
  pagination: { selectors: ['.am-pagination-page', '.am-pagination-prev', '.am-pagination-next'] },
  'picker-item': { selectors: ['.am-picker-item', '.am-picker-arrow', '.am-input-item'] },
  popover: { selectors: ['.am-popover', '.trigger'], hidden: ['line1', 'line2'] },
  popup: { selectors: ['.am-popup', '.am-popup-top', '.am-popup-content'] },
  'search-bar': { selectors: ['.am-search', '.am-search-input', '.am-search-clear'] },
  stepper: { selectors: ['.am-stepper-add', '.am-stepper-reduce', '.am-stepper-input'] },
  steps: { selectors: ['.am-hor-steps', '.am-hor-step-title', '.am-hor-step-description'] },
  'swipe-action': { selectors: ['.am-swipe', '.am-swipe-btn', '.am-swipe-right'] },
  tabs: { selectors: ['.am-tabs-bar-tab', '.am-tabs-plus', '.am-badge-text', '.am-tabs-pane-wrap'] },
  tips: { selectors: ['.am-tips-dialog-dialog', '.am-tips-dialog-rectangle', '.am-tips-dialog-close', '.am-tips-plain-favorite'] },
  vtabs: { selectors: ['.am-vtabs-bar', '.am-vtabs-slides', '.am-badge-text'] },
};

/**
 * Documented components that do not work in mpk, with the reason: each still runs (in its own app) and
 * warns; it fails once it starts working, so the entry is removed then.
 */
const KNOWN_ISSUES: Record<string, string> = {
  'face-detection':
    'needs a camera and a web-view (my.createWebViewContext), native capabilities mpk does not provide: it throws "not a function" when it mounts.',
};

const COMPONENTS = appPages(LIB).map((route) => route.split('/')[1]!);

it('is installed from npm at the version the project pins', () => {
  expect(installedVersion(LIB)).toBe(pinnedVersion(LIB));
  expect(COMPONENTS).toHaveLength(29);
  expect(Object.keys(EXPECT).sort()).toEqual([...COMPONENTS].sort());
});

function checkPage(opened: Opened, component: string, route: string): void {
  expect(opened.errors()).toEqual([]);
  const text = opened.text();
  const hidden = EXPECT[component]!.hidden ?? [];
  const missing = templateTexts(LIB, route).filter((t) => !hidden.includes(t) && !text.includes(t));
  expect(missing, 'docs text not on screen').toEqual([]);
  for (const selector of EXPECT[component]!.selectors) expect(opened.page.querySelector(selector), selector).not.toBeNull();
}

describe('every documented component renders its docs’ examples', () => {
  it.each(COMPONENTS.filter((c) => !KNOWN_ISSUES[c]))('%s', async (component) => {
    const route = `pages/${component}/index`;
    checkPage(await openPage(app, route), component, route);
  });

  it.each(Object.keys(KNOWN_ISSUES))('%s (known issue: warns)', async (component) => {
    const route = `pages/${component}/index`;
    let own: MiniApp | undefined;
    let failure: unknown;
    try {
      own = await launch(projectDir(LIB), { page: route, limits: { taskMs: 5000 }, idle: { batches: 1000 } });
      await own.advanceTime(1000);
      const errors = own.errors.map((e) => `${e.kind}: ${e.message.split('\n')[0]}`);
      if (errors.length > 0) throw new Error(errors.join('\n'));
      // What renders is still checked.
      for (const selector of EXPECT[component]!.selectors) expect(own.currentPage().querySelector(selector), selector).not.toBeNull();
    } catch (error) {
      failure = error;
    } finally {
      await own?.close();
    }
    // eslint-disable-next-line no-console
    if (failure) console.warn(`${LIB} ${component} does not work in mpk: ${KNOWN_ISSUES[component]}\n  (${String(failure).split('\n')[0].slice(0, 200)})`);
    expect(failure, `${component} works now: remove it from KNOWN_ISSUES`).toBeDefined();
  });
});

describe('what the docs say a user can do', () => {
  let opened: Opened;

  it('am-checkbox checks when its label (for=id) is tapped, and reports the change', async () => {
    opened = await openPage(app, 'pages/am-checkbox/index');
    const checkbox = () => opened.page.querySelector('#checkbox2')!;
    expect(checkbox().attrs.checked).toBe(false);
    const label = opened.page.querySelectorAll('label').find((n) => app.session.renderer.text(n).trim() === '复选框-默认未选中');
    await tapNode(label);
    expect(checkbox().attrs.checked).toBe(true);
    expect(events(opened, 'onChange')[0]).toBe('event onChange {"value":true}');
    expect(opened.errors()).toEqual([]);
  });

  it('stepper adds and reduces within min and max; a disabled one does not move', async () => {
    opened = await openPage(app, 'pages/stepper/index');
    const [first, second] = opened.page.querySelectorAll('.am-stepper-input');
    expect(String(first!.attrs.value)).toBe('9');
    await opened.page.tap('.am-stepper-add');
    expect(String(opened.page.querySelectorAll('.am-stepper-input')[0]!.attrs.value)).toBe('10');
    expect(events(opened, 'callBackFn')[0]).toBe('event callBackFn 10');
    await opened.page.tap('.am-stepper-reduce');
    expect(String(opened.page.querySelectorAll('.am-stepper-input')[0]!.attrs.value)).toBe('9');
    await tapNode(opened.page.querySelectorAll('.am-stepper-add')[1]);
    expect(String(second!.attrs.value)).toBe('11');
  });

  it('tabs switch the active tab on tap', async () => {
    opened = await openPage(app, 'pages/tabs/index');
    expect(opened.page.data.activeTab).toBe(2);
    await tapNode(opened.page.querySelectorAll('.am-tabs-bar-tab')[0]);
    expect(opened.page.data.activeTab).toBe(0);
    expect(opened.errors()).toEqual([]);
  });

  it('modal opens from its button and closes from its footer', async () => {
    opened = await openPage(app, 'pages/modal/index');
    expect(opened.page.querySelector('.am-modal-hide')).not.toBeNull();
    await opened.page.tap('button');
    expect(opened.page.data.modalOpened).toBe(true);
    expect(opened.page.querySelector('.am-modal-hide')).toBeNull();
    await opened.page.tap('.am-modal-footer');
    expect(opened.page.data.modalOpened).toBe(false);
  });

  it('popover shows its items when tapped', async () => {
    opened = await openPage(app, 'pages/popover/index');
    await opened.page.tap('.trigger');
    expect(opened.text()).toContain('line1');
    expect(opened.text()).toContain('line2');
  });

  it('notice closes when its close button is tapped', async () => {
    opened = await openPage(app, 'pages/notice/index');
    expect(opened.page.querySelector('.closable .am-notice')).not.toBeNull();
    await opened.page.tap('.closable .am-notice-operation');
    expect(opened.page.data.closeShow).toBe(false);
    expect(opened.page.querySelector('.closable .am-notice')).toBeNull();
    expect(app.uiCalls.some((c) => c.api === 'showToast')).toBe(true);
  });

  it('search-bar reports what is typed', async () => {
    opened = await openPage(app, 'pages/search-bar/index');
    expect(opened.page.data.value).toBe('美食');
    await opened.page.input('.am-search-value', '咖啡');
    expect(opened.page.data.value).toBe('咖啡');
    expect(opened.errors()).toEqual([]);
  });

  it('collapse opens a closed panel when its header is tapped', async () => {
    opened = await openPage(app, 'pages/collapse/index');
    const titles = opened.page.querySelectorAll('.am-collapse-item-title');
    expect(titles).toHaveLength(6);
    expect(classesOf(opened.page, '.am-collapse-item-title')).toContain('title--active');
    await tapNode(titles[1]);
    expect(events(opened, 'onChange').at(-1)).toBe('event onChange ["item-11","item-13","item-12"]');
    expect(classesOf(opened.page, '.am-collapse-item-title')).toContain('title--active');
    expect(String(opened.page.querySelectorAll('.am-collapse-item-title')[1]!.attrs.class)).toContain('title--active');
    expect(opened.errors()).toEqual([]);
  });

  it('filter selects an item and confirms the selection', async () => {
    opened = await openPage(app, 'pages/filter/index');
    await tapNode(opened.page.querySelectorAll('.am-filter-item-wrap')[0]);
    expect(classesOf(opened.page, '.am-filter-item')).toContain('am-filter-click');
    expect(opened.errors()).toEqual([]);
  });
});
