/**
 * The browser UI adapter: toasts, loading, alert/confirm/prompt dialogs, action sheets and
 * permission prompts drawn over the phone and answered by the user's clicks; the navigation bar
 * calls are handed to the chrome. What it does not draw (image picker, subscription panel…) falls
 * back to the runtime's headless answers.
 */
import type { MapsAdapter, PickerAdapter, UiAdapter } from '@mpk/runtime';
import { h } from '../dom.ts';
import { PhonePickers } from './pickers.ts';
import { phoneMaps } from './maps.ts';

export type NavigationBarArgs = Parameters<UiAdapter['setNavigationBar']>[0];
type AuthorizeRequest = Parameters<UiAdapter['authorize']>[0];
type HostContext = Parameters<UiAdapter['hideToast']>[0];

export type WindowRequest = Parameters<UiAdapter['window']>[0];

export interface PhoneUiHooks {
  setNavigationBar(pageId: number | undefined, args: NavigationBarArgs): void;
  /** my.setBackgroundColor / setBackgroundTextStyle / setCanPullDown / hideBackHome. */
  window(pageId: number | undefined, request: WindowRequest): void;
  /** What the navigation bar's background is now (my.getTitleColor). */
  titleColor(pageId: number | undefined): string | undefined;
  setNavigationBarLoading(pageId: number | undefined, loading: boolean): void;
  vibrate(): void;
}

const TOAST_ICONS: Record<string, string> = { success: '✓', fail: '✕', exception: '!' };

interface Open {
  element: HTMLElement;
  /** Closes it as if dismissed (restart, replaced toast). */
  cancel(): void;
}

export class PhoneUi {
  private toast: Open | undefined;
  private loading: Open | undefined;
  private readonly dialogs = new Set<Open>();

  constructor(
    private readonly layer: HTMLElement,
    private readonly hooks: PhoneUiHooks,
  ) {}

  /** The adapter the container's host options take. */
  adapter(): Partial<UiAdapter> {
    return {
      showToast: (args) => this.showToast(args),
      hideToast: () => this.toast?.cancel(),
      showLoading: (args) => this.showLoading(args),
      hideLoading: () => this.loading?.cancel(),
      alert: (args) => this.dialog({ title: args.title, content: args.content, buttons: [{ text: args.buttonText || '确定', value: true, primary: true }] }).then(() => undefined),
      confirm: (args) =>
        this.dialog({
          title: args.title,
          content: args.content,
          buttons: [
            { text: args.cancelButtonText || '取消', value: false, className: 'ui-cancel' },
            { text: args.confirmButtonText || '确定', value: true, primary: true, className: 'ui-confirm' },
          ],
        }).then((value) => value === true),
      prompt: (args) => this.prompt(args as PromptArgs),
      showActionSheet: (args) => this.actionSheet(args),
      authorize: (request) => this.authorize(request),
      setNavigationBar: (args, context) => this.hooks.setNavigationBar(pageOf(context), args),
      showNavigationBarLoading: (context) => this.hooks.setNavigationBarLoading(pageOf(context), true),
      hideNavigationBarLoading: (context) => this.hooks.setNavigationBarLoading(pageOf(context), false),
      window: (request, context) => this.hooks.window(pageOf(context), request),
      getTitleColor: (context) => this.hooks.titleColor(pageOf(context)),
      vibrate: () => this.hooks.vibrate(),
      makePhoneCall: (number) => void this.showToast({ content: `Calling ${number}…`, duration: 1500 }),
    };
  }

  private phonePickers: PhonePickers | undefined;

  /** The pickers (host.pickers): sheets over the phone, answered by hand (phone/pickers.ts). */
  pickers(): PickerAdapter {
    return (this.phonePickers ??= new PhonePickers(this.layer)).adapter();
  }

  /** The place picker and the map screen (host.maps): sheets over the phone (phone/maps.ts). */
  maps(): MapsAdapter {
    return phoneMaps((this.phonePickers ??= new PhonePickers(this.layer)));
  }

  /** Closes everything (the app restarted): pending dialogs answer as dismissed. */
  reset(): void {
    this.phonePickers?.reset();
    this.toast?.cancel();
    this.loading?.cancel();
    for (const dialog of [...this.dialogs]) dialog.cancel();
  }

  private showToast(args: { content?: string; type?: string; duration?: number }): Promise<void> {
    this.toast?.cancel();
    return new Promise((resolve) => {
      const type = args.type ?? 'none';
      const icon = type === 'loading' ? h('span', { class: 'ui-spinner' }) : TOAST_ICONS[type] ? h('span', { class: 'ui-toast-icon' }, TOAST_ICONS[type]) : null;
      const element = h('div', { class: `ui-toast ui-toast-${type}`, role: 'status' }, icon, args.content ? h('div', { class: 'ui-toast-text' }, args.content) : null);
      const timer = setTimeout(() => open.cancel(), Math.max(0, args.duration ?? 3000));
      const open: Open = {
        element,
        cancel: () => {
          clearTimeout(timer);
          element.remove();
          if (this.toast === open) this.toast = undefined;
          resolve();
        },
      };
      this.toast = open;
      this.layer.append(element);
    });
  }

  private showLoading(args: { content?: string; delay?: number; mask?: boolean }): void {
    this.loading?.cancel();
    const toast = h('div', { class: 'ui-toast ui-loading', role: 'status' }, h('span', { class: 'ui-spinner' }), args.content ? h('div', null, args.content) : null);
    const element = args.mask === false ? h('div', null, toast) : h('div', { class: 'ui-mask clear' }, toast);
    const timer = setTimeout(() => this.layer.append(element), Math.max(0, args.delay ?? 0));
    const open: Open = {
      element,
      cancel: () => {
        clearTimeout(timer);
        element.remove();
        if (this.loading === open) this.loading = undefined;
      },
    };
    this.loading = open;
  }

  private dialog<T>(spec: {
    title?: string;
    content?: string;
    input?: HTMLInputElement;
    buttons: Array<{ text: string; value: T; primary?: boolean; className?: string }>;
    dismissed?: T;
  }): Promise<T | undefined> {
    return new Promise((resolve) => {
      const buttons = spec.buttons.map((b) =>
        h('button', { class: [b.primary ? 'primary' : '', b.className ?? ''].join(' ').trim() || undefined, onclick: () => close(b.value) }, b.text),
      );
      const element = h(
        'div',
        { class: 'ui-mask' },
        h(
          'div',
          { class: 'ui-dialog', role: 'dialog' },
          h(
            'div',
            { class: 'ui-dialog-body' },
            spec.title ? h('div', { class: 'ui-dialog-title' }, spec.title) : null,
            spec.content ? h('div', { class: 'ui-dialog-content' }, spec.content) : null,
            spec.input ?? null,
          ),
          h('div', { class: 'ui-dialog-buttons' }, ...buttons),
        ),
      );
      const open: Open = { element, cancel: () => close(spec.dismissed) };
      const close = (value: T | undefined): void => {
        element.remove();
        this.dialogs.delete(open);
        resolve(value);
      };
      this.dialogs.add(open);
      this.layer.append(element);
      (spec.input ?? buttons[buttons.length - 1])?.focus();
    });
  }

  private async prompt(args: PromptArgs): Promise<{ ok: boolean; inputValue: string }> {
    const input = h('input', { class: 'ui-prompt-input', placeholder: args.placeholder ?? '', type: 'text' });
    const ok = await this.dialog({
      title: args.title,
      content: args.message,
      input,
      buttons: [
        { text: args.cancelButtonText || '取消', value: false, className: 'ui-cancel' },
        { text: args.okButtonText || '确定', value: true, primary: true, className: 'ui-confirm' },
      ],
    });
    return { ok: ok === true, inputValue: ok === true ? input.value : '' };
  }

  private actionSheet(args: { title?: string; items: string[]; cancelButtonText?: string }): Promise<number> {
    return new Promise((resolve) => {
      const close = (index: number): void => {
        element.remove();
        this.dialogs.delete(open);
        resolve(index);
      };
      const sheet = h(
        'div',
        { class: 'ui-sheet', role: 'menu' },
        args.title ? h('div', { class: 'ui-sheet-title' }, args.title) : null,
        ...args.items.map((item, index) => h('button', { class: 'ui-sheet-item', role: 'menuitem', onclick: () => close(index) }, item)),
        h('button', { class: 'ui-sheet-cancel', onclick: () => close(-1) }, args.cancelButtonText || '取消'),
      );
      const element = h('div', { class: 'ui-mask bottom' }, sheet);
      element.addEventListener('click', (event) => {
        if (event.target === element) close(-1);
      });
      const open: Open = { element, cancel: () => close(-1) };
      this.dialogs.add(open);
      this.layer.append(element);
    });
  }

  private async authorize(request: AuthorizeRequest): Promise<boolean> {
    const answer = await this.dialog({
      title: 'Permission request',
      content: `The mini-program asks to use "${request.scope}" (${request.api}).${request.desc ? `\n${request.desc}` : ''}`,
      buttons: [
        { text: 'Deny', value: false, className: 'ui-cancel' },
        { text: 'Allow', value: true, primary: true, className: 'ui-confirm' },
      ],
    });
    return answer === true;
  }
}

interface PromptArgs {
  title?: string;
  message?: string;
  placeholder?: string;
  okButtonText?: string;
  cancelButtonText?: string;
}

function pageOf(context: HostContext): number | undefined {
  return context.page?.id;
}
