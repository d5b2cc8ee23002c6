/**
 * antd-mini (v3, Ant Design Mini), installed from npm into test/libraries/antd-mini, renders every component
 * its package documents (compiled/wechat/src/<Component>/index.md, the ALIPAY variant): one page per component
 * holding the docs' 代码示例 (examples) with the props they show (see test/libraries/README.md for the few whose
 * docs only have an API table). Each page opens with no error, shows the text its examples write, carries the
 * classes those props produce, and the interactions the docs describe work for the key components.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp, MiniPage } from '@mpk/devtools/harness';
import type { HeadlessNode } from '@mpk/runtime';
import { appPages, classesOf, events, installedVersion, launchLibrary, openPage, pinnedVersion, templateTexts, type Opened } from './support.ts';

const LIB = 'antd-mini';
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
const all = (page: MiniPage, selector: string) => page.querySelectorAll(selector);

/** Per component: selectors its docs' props produce (each must match), and docs text the component hides on purpose. */
const EXPECT: Record<string, { selectors: string[]; hidden?: string[] }> = {
  ActionSheet: { selectors: ['.ant-actionsheet', '.ant-actionsheet-list-item-title', '.ant-actionsheet-list-item-description', '.ant-actionsheet-cancel'] },
  Actions: { selectors: ['.ant-copilot-actions', '.ant-copilot-actions-item .ant-icon-CopyOutlined'] },
  AutoResize: { selectors: ['.short .ant-autoresize-slot', '.wrap .ant-autoresize-slot'] },
  Avatar: { selectors: ['.ant-avatar-image-x-small', '.ant-avatar-image-medium', '.ant-avatar-image-large'] },
  Badge: { selectors: ['.ant-badge-dot', '.ant-badge-number', '.ant-badge-bubble', '.ant-badge-dot-stroke'] },
  Bubble: { selectors: ['.ant-copilot-bubble-start', '.ant-copilot-bubble-end', '.ant-copilot-bubble-avatar', '.loading .ant-loading', '.slots .bubble-header'] },
  Button: {
    selectors: ['.ant-button-primary', '.ant-button-default', '.ant-button-text', '.ant-button-disabled', '.ant-button-inline', '.ant-button-large', '.ant-button-small', '.ant-icon-SmileOutline', '.ant-icon-ForbidFill', '.custom-size', '.round'],
  },
  Calendar: { selectors: ['.ant-calendar-cell', '.ant-calendar-cell-selected', '.ant-calendar-title-container'] },
  Card: { selectors: ['.ant-card-header-title', '.ant-card-divider-with-line', '.ant-card-header-fold-btn', '.ant-sticky'] },
  Checkbox: { selectors: ['.ant-checkbox-item', '.ant-checkbox-item-base'] },
  Checklist: { selectors: ['.ant-checklist-item', '.ant-checklist-item-check-icon'] },
  Collapse: { selectors: ['.ant-collapse-item-title', '.ant-collapse-item-content'] },
  ConfigProvider: { selectors: ['.vars.ant-config-provider', '.dark .ant-button-primary', '.locale .ant-date-picker'] },
  Container: { selectors: ['.ant-container-header-title', '.ant-container-content', '.ant-container-headerInBox'] },
  Conversations: { selectors: ['.ant-copilot-conversations-swipe-item-view-label', '.ant-swipe-action-movable-content-right-text'] },
  Countdown: { selectors: ['.ant-countdown-time-day', '.ant-countdown-time-num', '.ant-countdown-time-colon'] },
  DatePicker: { selectors: ['.ant-date-picker', '.ant-range-picker', '.ant-picker-disabled', '.ant-picker-value-placeholder'] },
  Dialog: { selectors: ['.ant-dialog-body-content', '.ant-dialog-body-footer-button'] },
  Divider: { selectors: ['.ant-divider-horizontal', '.ant-divider-horizontal-left', '.ant-divider-horizontal-right', '.ant-divider-vertical'] },
  Empty: { selectors: ['.ant-empty-image', '.ant-empty-text-main', '.ant-empty-extra .ant-button'] },
  Feedback: { selectors: ['.ant-feedback', '.ant-feedback-content-list-item'], hidden: ['点击 展示反馈卡片'] },
  Footer: { selectors: ['.ant-footer-label', '.ant-footer-links-item', '.ant-footer-chips-item'] },
  Form: { selectors: ['.ant-form-item-label-text', '.ant-form-item-label-required', '.ant-input-content'] },
  Grid: { selectors: ['.ant-grid-item-columns-3', '.ant-grid-item-columns-5', '.ant-grid-item-horizontal', '.ant-grid-item-description'] },
  GuideTour: { selectors: ['.ant-guide-tour-item', '.ant-guide-tour-button'] },
  Icon: { selectors: ['.ant-icon-SmileOutline'] },
  ImageUpload: { selectors: ['.ant-image-upload', '.ant-image-upload-add-image-icon'] },
  IndexBar: { selectors: ['.ant-indexbar-side-item', '.ant-indexbar-side-active'] },
  Input: { selectors: ['.ant-input-content', '.ant-input-prefix', '.ant-input-clear', '.ant-textarea-content'] },
  List: { selectors: ['.ant-list-item', '.ant-list-item-arrow', '.ant-list-item-extra-brief', '.ant-list-item-image'] },
  Loading: { selectors: ['.ant-loading-spin', '.ant-loading-mini', '.ant-loading-small', '.ant-loading-large'] },
  Modal: { selectors: ['.ant-modal-body-title', '.ant-modal-close'] },
  NoticeBar: { selectors: ['.ant-notice-bar-default', '.ant-notice-bar-primary', '.ant-notice-bar-marquee', '.ant-notice-bar-operation'] },
  NumberInput: { selectors: ['.ant-number-input-title', '.ant-number-input-quick-item', '.ant-number-input-footer'] },
  NumberKeyboard: { selectors: ['.ant-number-keyboard-kb', '.ant-number-keyboard-del'] },
  PageContainer: { selectors: ['.ant-page-container-status', '.ant-empty-text-main'], hidden: ['minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.'] },
  Picker: { selectors: ['.ant-picker-value-text', '.ant-cascader-picker', '.ant-picker-value-placeholder'] },
  Popover: { selectors: ['.ant-popover-inner-text', '.ant-popover-arrow'] },
  PopoverList: { selectors: ['.ant-popover-list-item-text', '.ant-popover-list-item-image'] },
  Popup: { selectors: ['.ant-popup-transform-bottom', '.ant-popup-content-header-title', '.ant-popup-content-bg'] },
  Postscript: { selectors: ['.ant-postscript-title', '.ant-postscript-quick-item'] },
  Progress: { selectors: ['.ant-progress-line', '.ant-progress-circle', '.ant-progress-inner-success', '.ant-progress-inner-exception'] },
  Prompts: { selectors: ['.ant-copilot-prompts-title', '.ant-copilot-prompts-vertical-list-item', '.ant-copilot-prompts-horizontal-list', '.customizeStyle'] },
  Radio: { selectors: ['.ant-radio-item', '.ant-radio-item-fake-checkedIcon'] },
  RareWordsKeyboard: { selectors: ['.ant-rare-words-keyboard'] },
  Rate: { selectors: ['.ant-rate-star', '.ant-rate-star-icon-active'] },
  Result: { selectors: ['.ant-result-image-success', '.ant-result-image-error', '.ant-result-image-wait', '.ant-result-title'] },
  SafeArea: { selectors: ['.ant-safe-area-top', '.ant-safe-area-bottom'], hidden: ['内容区域'] },
  SelectContact: { selectors: ['.ant-select-contact-component.contacts'] },
  Selector: { selectors: ['.ant-selector-item', '.ant-selector-item-active'] },
  Sender: { selectors: ['.ant-copilot-sender', '.ant-copilot-sender-input', '.disabled .sender-header'] },
  Skeleton: {
    selectors: ['.ant-skeleton-title', '.ant-skeleton-paragraph-row', '.ant-skeleton-avatar', '.ant-skeleton-button'],
    hidden: ['We supply a series of design principles, practical patterns and high quality design resources, to help people create their product prototypes beautifully and efficiently.'],
  },
  Slider: { selectors: ['.ant-slider-handler', '.ant-slider-tick'] },
  Space: { selectors: ['.ant-space-horizontal', '.ant-space-vertical', '.ant-space-wrap', '.ant-space-align-start'] },
  Stepper: { selectors: ['.ant-stepper-button-up', '.ant-stepper-button-down', '.ant-stepper-input'] },
  Steps: { selectors: ['.ant-steps-item-horizontal', '.ant-steps-item-vertical', '.ant-steps-item-title'], hidden: ['完成', '上一步'] },
  Sticky: { selectors: ['.ant-sticky'] },
  SwipeAction: { selectors: ['.ant-swipe-action-movable-content-right-text'] },
  Switch: { selectors: ['.ant-switch-checked', '.ant-switch-disabled', '.ant-switch-small', '.ant-switch-x-small', '.ant-switch-loading'] },
  TabBar: { selectors: ['.ant-tab-bar-item', '.ant-tab-bar-item-active', '.ant-tab-bar-icon'] },
  Table: { selectors: ['.ant-table-list-item-columns-item', '.ant-table-list-item-value-fixed'] },
  Tabs: { selectors: ['.ant-tabs-bar-active', '.ant-tabs-bar-basic-title', '.ant-tabs-content'] },
  Tag: { selectors: ['.ant-tag-primary', '.ant-tag-success', '.ant-tag-warning', '.ant-tag-danger', '.ant-tag-outline', '.ant-tag-fill-light'] },
  Terms: { selectors: ['.ant-terms-protocol-item', '.ant-terms-btn-item', '.ant-terms-read-protocol-item'] },
  ThoughtChain: { selectors: ['.ant-copilot-thoughtchain-node-title', '.ant-copilot-thoughtchain-node-content-text', '.second-thoughtchain-content'] },
  Toast: { selectors: ['.ant-toast-text-content', '.ant-toast-icon'] },
  Typography: { selectors: ['.ant-typography-text', '.ant-typography-disabled', '.ant-icon-RightOutline', '.ant-icon-LeftOutline'] },
  Voucher: { selectors: ['.ant-voucher-item-left-money', '.ant-voucher-item-right-title'] },
  Welcome: { selectors: ['.ant-copilot-welcome-title', '.ant-copilot-welcome-content'] },
};

const COMPONENTS = appPages(LIB).map((route) => route.split('/')[1]!);

it('is installed from npm at the version the project pins', () => {
  expect(installedVersion(LIB)).toBe(pinnedVersion(LIB));
  expect(COMPONENTS).toHaveLength(69);
  expect(Object.keys(EXPECT).sort()).toEqual([...COMPONENTS].sort());
});

describe('every documented component renders its docs’ examples', () => {
  it.each(COMPONENTS)('%s', async (component) => {
    const route = `pages/${component}/index`;
    const opened = await openPage(app, route);
    expect(opened.errors()).toEqual([]);
    const text = opened.text();
    const hidden = EXPECT[component]!.hidden ?? [];
    const missing = templateTexts(LIB, route).filter((t) => !hidden.includes(t) && !text.includes(t));
    expect(missing, 'docs text not on screen').toEqual([]);
    for (const selector of EXPECT[component]!.selectors) expect(opened.page.querySelector(selector), selector).not.toBeNull();
  });
});

describe('what the docs say a user can do', () => {
  let opened: Opened;

  it('Button: a disabled button calls onDisabledTap, not onTap; onTap runs on an enabled one', async () => {
    opened = await openPage(app, 'pages/Button/index');
    await opened.page.tap('.demo-0 .ant-button-disabled');
    expect(events(opened, 'handleDisabledTap')).toHaveLength(1);
    expect(events(opened, 'handleTap')).toEqual([]);
    opened = await openPage(app, 'pages/Switch/index');
    await opened.page.tap('.demo-3 .ant-button');
    expect(events(opened, 'handleChangeByButton')).toHaveLength(1);
  });

  it('Switch toggles on tap (uncontrolled), and follows `checked` in controlled mode', async () => {
    opened = await openPage(app, 'pages/Switch/index');
    expect(classesOf(opened.page, '.demo-0 .ant-switch')).toContain('ant-switch-checked');
    await opened.page.tap('.demo-0 .ant-switch');
    expect(classesOf(opened.page, '.demo-0 .ant-switch')).not.toContain('ant-switch-checked');
    expect(events(opened, 'onChange')[0]).toMatch(/^event onChange false /);
    await opened.page.tap('.demo-0 .ant-switch');
    expect(classesOf(opened.page, '.demo-0 .ant-switch')).toContain('ant-switch-checked');
    // 禁用模式 greys the switch; the library blocks its taps with CSS (pointer-events: none), which the
    // headless renderer does not apply (see README), so only the class is checked here.
    expect(classesOf(opened.page, '.demo-1 .ant-switch')).toEqual(expect.arrayContaining(['ant-switch-checked', 'ant-switch-disabled']));
    // 受控模式: the button flips `checked`
    expect(classesOf(opened.page, '.demo-3 .ant-switch')).toContain('ant-switch-checked');
    await opened.page.tap('.demo-3 .ant-button');
    expect(classesOf(opened.page, '.demo-3 .ant-switch')).not.toContain('ant-switch-checked');
    expect(opened.page.data.checked).toBe(false);
    expect(opened.errors()).toEqual([]);
  });

  it('Tabs switch the active tab and its content', async () => {
    opened = await openPage(app, 'pages/Tabs/index');
    const titles = () => all(opened.page, '.demo-1 .ant-tabs-bar-active').map((n) => app.session.renderer.text(n).trim());
    expect(titles()).toEqual(['fruits']);
    expect(opened.page.text('.demo-1 .ant-tabs-content')).toContain('watermelon');
    await tapNode(all(opened.page, '.demo-1 .ant-tabs-bar-item')[2]);
    expect(titles()).toEqual(['animals']);
    expect(opened.page.text('.demo-1 .ant-tabs-content')).toContain('monkey');
    // 控制模式: onChange sets `current`
    await tapNode(all(opened.page, '.demo-7 .ant-tabs-bar-item')[1]);
    expect(opened.page.data.current).toBe(1);
    expect(all(opened.page, '.demo-7 .ant-tabs-bar-active').map((n) => app.session.renderer.text(n).trim())).toEqual(['vegetables']);
    // 禁用状态: a disabled tab is not selected
    await tapNode(all(opened.page, '.demo-5 .ant-tabs-bar-item')[1]);
    expect(all(opened.page, '.demo-5 .ant-tabs-bar-active').map((n) => app.session.renderer.text(n).trim())).toEqual(['fruits']);
    expect(opened.errors()).toEqual([]);
  });

  it('Stepper increments and decrements within its bounds; a controlled one only reports', async () => {
    opened = await openPage(app, 'pages/Stepper/index');
    // 输入框只读: defaultValue 0, uncontrolled, the value shown as text.
    const shown = () => opened.page.text('.demo-2 .ant-stepper-input-readonly');
    expect(shown()).toBe('0');
    await opened.page.tap('.demo-2 .ant-stepper-button-up');
    await opened.page.tap('.demo-2 .ant-stepper-button-up');
    expect(shown()).toBe('2');
    await opened.page.tap('.demo-2 .ant-stepper-button-down');
    expect(shown()).toBe('1');
    // 基本使用: value="{{0}}" min 0 — controlled: + reports 1 through onChange, the page keeps 0.
    expect(classesOf(opened.page, '.demo-0 .ant-stepper-button-down')).toContain('ant-stepper-button-disabled');
    await opened.page.tap('.demo-0 .ant-stepper-button-up');
    expect(events(opened, 'handleChange')[0]).toMatch(/^event handleChange 1 /);
    expect(opened.page.querySelector('.demo-0 .ant-stepper-input')!.attrs.value).toBe('0');
    expect(opened.errors()).toEqual([]);
  });

  it('Checkbox checks and unchecks when its label is tapped; Radio checks', async () => {
    opened = await openPage(app, 'pages/Checkbox/index');
    expect(opened.page.querySelector('.demo-0 .ant-checkbox-item-fake-checkedIcon')).toBeNull();
    await opened.page.tap('.demo-0 .ant-checkbox-item-content');
    expect(opened.page.querySelector('.demo-0 .ant-checkbox-item-fake-checkedIcon .ant-icon-CheckOutline')).not.toBeNull();
    expect(events(opened, 'handleCheckedChange')[0]).toMatch(/^event handleCheckedChange true /);
    await opened.page.tap('.demo-0 .ant-checkbox-item-content');
    expect(opened.page.querySelector('.demo-0 .ant-checkbox-item-fake-checkedIcon')).toBeNull();
    opened = await openPage(app, 'pages/Radio/index');
    const radios = all(opened.page, '.demo-0 .ant-radio-item');
    expect(radios).toHaveLength(4);
    await tapNode(radios[3]);
    expect(events(opened, 'onChange')[0]).toMatch(/^event onChange true /);
    expect(all(opened.page, '.demo-0 .ant-radio-item-fake-checkedIcon')).toHaveLength(3);
    expect(opened.errors()).toEqual([]);
  });

  it('Collapse opens a panel when its title is tapped', async () => {
    opened = await openPage(app, 'pages/Collapse/index');
    const titles = all(opened.page, '.demo-0 .ant-collapse-item-title');
    expect(titles).toHaveLength(3);
    await tapNode(titles[1]);
    expect(events(opened, 'onChange')[0]).toMatch(/^event onChange \[1\]/);
    expect(opened.errors()).toEqual([]);
  });

  it('Selector selects the tapped option', async () => {
    opened = await openPage(app, 'pages/Selector/index');
    const active = () => all(opened.page, '.demo-0 .ant-selector-item-active').map((n) => app.session.renderer.text(n).trim());
    expect(active()).toEqual(['选项二']);
    await tapNode(all(opened.page, '.demo-0 .ant-selector-item')[0]);
    expect(active()).toEqual(['选项一']);
  });

  it('Input reports what is typed and shows its clear button', async () => {
    opened = await openPage(app, 'pages/Input/index');
    const clear = () => classesOf(opened.page, '.demo-0 .ant-input-clear');
    expect(clear()).toContain('ant-input-clear-hidden');
    const inputs = all(opened.page, '.demo-0 .ant-input-content');
    app.session.renderer.input(inputs[2]!, 'abc');
    await app.session.container.waitForIdle();
    expect(clear()).toContain('ant-input-clear-show');
    await opened.page.input('.demo-4 .ant-input-content', 'mini');
    expect(events(opened, 'onChange')[0]).toMatch(/^event onChange "mini" /);
    expect(opened.errors()).toEqual([]);
  });

  it('Form validates its rules on submit and submits the values typed', async () => {
    opened = await openPage(app, 'pages/Form/index');
    await opened.page.tap('.submit');
    expect(opened.page.text('.result')).toBe('invalid');
    expect(opened.text()).toContain('需要输入用户名');
    const inputs = all(opened.page, '.ant-input-content');
    for (const [i, value] of ['alice', 'secret', 'secret'].entries()) {
      app.session.renderer.input(inputs[i]!, value);
      await app.session.container.waitForIdle();
    }
    await opened.page.tap('.submit');
    expect(opened.page.text('.result')).toBe('submitted {"account":"alice","password":"secret","confirm":"secret"}');
    expect(opened.errors()).toEqual([]);
  });

  it('Modal opens from a button and closes from its primary button', async () => {
    opened = await openPage(app, 'pages/Modal/index');
    expect(opened.page.data.visible).toBe(false);
    await opened.page.tap('.open');
    expect(opened.page.data.visible).toBe(true);
    await opened.page.tap('.demo-0 .ant-modal-body-footer-horizontal-primary');
    expect(events(opened, 'handlePrimary')).toHaveLength(1);
    expect(opened.page.data.visible).toBe(false);
  });

  it('Progress in circle mode draws its ring on the canvas', async () => {
    opened = await openPage(app, 'pages/Progress/index');
    expect(opened.errors()).toEqual([]);
    expect(opened.page.querySelector('.ant-progress-circle canvas')).not.toBeNull();
    // Its ring is drawn through my.createCanvasContext: the headless recording has the two arcs.
    const calls = opened.page.canvas('.ant-progress-circle canvas').calls;
    expect(calls.filter((c) => 'method' in c && c.method === 'arc').length).toBeGreaterThanOrEqual(2);
  });
});
