/**
 * `form`, `button` and `label`.
 *
 * - `button`: a native button (never a native submit button) with the documented looks (`type`,
 *   `size`, `plain`, `disabled`, `loading`). A tap on a `form-type="submit"|"reset"` button submits or
 *   resets the nearest `form`.
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

export const button: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('button');
  host.type = 'button';
  let spinner: HTMLElement | undefined;
  // The platform's system class (`.am-message-button-wrap .a-button { margin-bottom: 12px }`).
  ctx.toggleClass('a-button', true);
  ctx.toggleClass('mpk-button-default', true);
  const setLook = (kind: string): void => {
    for (const look of ['default', 'primary', 'warn']) ctx.toggleClass(`mpk-button-${look}`, look === kind);
  };
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
          host.disabled = toBool(value);
          ctx.toggleClass('mpk-disabled', host.disabled);
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
    tapped() {
      if (host.disabled) return true;
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
    if (!target?.closest('input, textarea, select, button')) event.preventDefault();
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
