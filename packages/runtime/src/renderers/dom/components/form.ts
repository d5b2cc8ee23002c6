/**
 * `form`, `button` and `label`.
 *
 * - `button`: a focusable `role="button"` element (see BUTTON_HOST) with the documented looks
 *   (`type`, `size`, `plain`, `disabled`, `loading`); a disabled one reports no tap. A tap on a
 *   `form-type="submit"|"reset"` button submits or resets the nearest `form`.
 * - `form`: `submit` {value: {[name]: value} of the named controls inside, buttonTarget: {dataset}},
 *   `reset` (controls go back to what their attributes last set). The browser's own submission
 *   (Enter in a lone field) never happens.
 * - `label`: a tap toggles/focuses the control named by `for` (a component id), or else the first
 *   checkbox/radio/switch/input/textarea inside it.
 */

import { datasetOf } from '../../../view/dataset.ts';
import type { ComponentContext, ComponentFactory, DomRecord } from '../types.ts';
import { PAGE_TAG } from '../types.ts';
import { toBool, toText } from './util.ts';

interface FormApi {
  submit(button: DomRecord | undefined): void;
  reset(): void;
}

const forms = new WeakMap<DomRecord, FormApi>();

/** Controls a label can drive (the docs list checkbox, radio, input, textarea; switch behaves alike). */
const LABEL_TARGETS = ['checkbox', 'radio', 'switch', 'input', 'textarea'];
/** A tap inside one of these is the control's own business, not the label's. */
const CONTROLS = [...LABEL_TARGETS, 'button', 'picker', 'slider'];

function nearestForm(ctx: ComponentContext, record: DomRecord): DomRecord | undefined {
  let node: Node | null = record.node.parentNode;
  while (node) {
    const found = ctx.recordOf(node);
    if (found?.tag === 'form') return found;
    if (found?.tag === PAGE_TAG) return undefined;
    node = node.parentNode;
  }
  return undefined;
}

export const form: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('form');
  host.noValidate = true;
  host.addEventListener('submit', (event) => event.preventDefault());
  host.addEventListener('reset', (event) => event.preventDefault());
  const controls = (): DomRecord[] =>
    ctx.descendants(['*']).filter((record) => record.component?.formValue && nearestForm(ctx, record) === ctx.record);
  forms.set(ctx.record, {
    submit(button) {
      const value: Record<string, unknown> = {};
      for (const control of controls()) {
        const name = toText(control.attrs.name);
        if (name) value[name] = control.component!.formValue!();
      }
      ctx.dispatch('submit', { value, buttonTarget: { dataset: button ? datasetOf(button.attrs) : {} } });
    },
    reset() {
      for (const control of controls()) control.component?.formReset?.();
      ctx.dispatch('reset', {});
    },
  });
  return {
    host,
    dispose() {
      forms.delete(ctx.record);
    },
  };
};

/**
 * The element a `button` node is: not a native button, whose width never follows the CSS box model
 * (a block-level native button shrinks to its text, so `display: inline-block` capsules and
 * `position: fixed; left: 0; right: 0` bars would lay out unlike the platform's); a focusable
 * `role="button"` element named so that the compiler's `button` type selectors reach it.
 */
export const BUTTON_HOST = 'a-button';

export const button: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement(BUTTON_HOST);
  host.setAttribute('role', 'button');
  host.tabIndex = 0;
  let spinner: HTMLElement | undefined;
  let disabled = false;
  // The platform's system class (`.am-message-button-wrap .a-button { margin-bottom: 12px }`).
  ctx.toggleClass('a-button', true);
  ctx.toggleClass('mpk-button-default', true);
  const setLook = (kind: string): void => {
    for (const look of ['default', 'primary', 'warn']) ctx.toggleClass(`mpk-button-${look}`, look === kind);
  };
  // Keyboard activation, as a native button's: Enter on key down, Space on key up.
  host.addEventListener('keydown', (event) => {
    if (event.target !== host || disabled) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      host.click();
    } else if (event.key === ' ') {
      event.preventDefault();
    }
  });
  host.addEventListener('keyup', (event) => {
    if (event.target === host && !disabled && event.key === ' ') host.click();
  });
  return {
    host,
    setAttr(name, value) {
      switch (name) {
        case 'type': {
          const kind = toText(value);
          setLook(kind === 'primary' || kind === 'warn' ? kind : 'default');
          break;
        }
        case 'size':
          ctx.toggleClass('mpk-button-mini', toText(value) === 'mini');
          break;
        case 'plain':
        case 'ghost':
          ctx.toggleClass('mpk-button-plain', toBool(value) || toBool(ctx.record.attrs[name === 'plain' ? 'ghost' : 'plain']));
          break;
        case 'disabled':
          disabled = toBool(value);
          if (disabled) {
            host.setAttribute('aria-disabled', 'true');
            host.removeAttribute('tabindex');
          } else {
            host.removeAttribute('aria-disabled');
            host.tabIndex = 0;
          }
          ctx.toggleClass('mpk-disabled', disabled);
          break;
        case 'loading':
          if (toBool(value)) {
            if (!spinner) {
              spinner = ctx.doc.createElement('span');
              spinner.className = 'mpk-button-loading';
              spinner.setAttribute('aria-hidden', 'true');
              host.prepend(spinner);
            }
          } else {
            spinner?.remove();
            spinner = undefined;
          }
          host.setAttribute('aria-busy', String(spinner !== undefined));
          break;
      }
    },
    blocksTap: () => disabled,
    tapped() {
      if (disabled) return true;
      const formType = toText(ctx.record.attrs['form-type']);
      if (formType !== 'submit' && formType !== 'reset') return false;
      const owner = nearestForm(ctx, ctx.record);
      const api = owner && forms.get(owner);
      if (!api) return false;
      if (formType === 'submit') api.submit(ctx.record);
      else api.reset();
      return true;
    },
  };
};

export const label: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('label');
  // Our own activation below replaces the browser's (which would click the inner native input a second time).
  host.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    if (!target?.closest('input, textarea, select, button, [role="button"]')) event.preventDefault();
  });
  const isInsideControl = (record: DomRecord): boolean => {
    let node: Node | null = record.node;
    while (node && node !== ctx.record.node) {
      const found = ctx.recordOf(node);
      if (found && CONTROLS.includes(found.tag)) return true;
      node = node.parentNode;
    }
    return false;
  };
  return {
    host,
    tapped(target) {
      if (isInsideControl(target)) return true;
      const forId = toText(ctx.record.attrs.for);
      let control: DomRecord | undefined;
      if (forId) {
        const byId = ctx.byId(forId);
        if (byId && LABEL_TARGETS.includes(byId.tag)) control = byId;
      }
      control ??= ctx.descendants(LABEL_TARGETS)[0];
      control?.component?.labelActivate?.();
      return true;
    },
  };
};
