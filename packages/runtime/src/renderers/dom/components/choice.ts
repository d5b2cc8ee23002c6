/**
 * Choice controls: `checkbox` + `checkbox-group`, `radio` + `radio-group`, `switch`. Each wraps a
 * native input (keyboard and screen readers work) styled by the default stylesheet.
 *
 * Events (docs): `checkbox` change {value: checked}; `checkbox-group` change {value: checked
 * values in order}; `radio-group` change {value: the chosen radio's value}; `switch` change
 * {value: checked}. `checked` from the template always wins; `switch` with `controlled` shows only
 * what the logic layer set.
 */

import type { ComponentContext, ComponentFactory, ComponentInstance, DomRecord } from '../types.ts';
import { PAGE_TAG } from '../types.ts';
import { toBool, toColor } from './util.ts';

interface ChoiceState {
  input: HTMLInputElement;
  checkedAttr: boolean;
  /** A user (or label) action changed `input.checked`: report it. */
  userChanged(): void;
}

const choices = new WeakMap<DomRecord, ChoiceState>();

function createChoice(ctx: ComponentContext, kind: 'checkbox' | 'radio' | 'switch', onUserChange: (state: ChoiceState) => void): ComponentInstance {
  const host = ctx.doc.createElement(kind);
  const input = ctx.doc.createElement('input');
  input.type = kind === 'radio' ? 'radio' : 'checkbox';
  input.className = `mpk-${kind}-input`;
  if (kind === 'switch') input.setAttribute('role', 'switch');
  host.appendChild(input);
  const state: ChoiceState = {
    input,
    checkedAttr: false,
    userChanged: () => onUserChange(state),
  };
  choices.set(ctx.record, state);
  input.addEventListener('change', () => state.userChanged());
  return {
    host,
    setAttr(name, value) {
      switch (name) {
        case 'checked':
          state.checkedAttr = toBool(value);
          input.checked = state.checkedAttr;
          break;
        case 'disabled':
          input.disabled = toBool(value);
          ctx.toggleClass('mpk-disabled', input.disabled);
          break;
        case 'color':
          ctx.setHostStyle(`--mpk-${kind}-color`, toColor(value));
          break;
      }
    },
    labelActivate() {
      if (input.disabled) return;
      if (kind === 'radio' && input.checked) return;
      input.checked = !input.checked;
      state.userChanged();
    },
    dispose() {
      choices.delete(ctx.record);
    },
  };
}

/** The records of `tag` inside `group` whose nearest group is `group` (groups can nest). */
function members(ctx: ComponentContext, group: DomRecord, tag: string, groupTag: string): DomRecord[] {
  return ctx.descendants([tag], group).filter((member) => closestOf(ctx, member, groupTag) === group);
}

function closestOf(ctx: ComponentContext, record: DomRecord, tag: string): DomRecord | undefined {
  let node = record.node.parentNode;
  while (node) {
    const found = ctx.recordOf(node);
    if (found?.tag === tag) return found;
    if (found?.tag === PAGE_TAG) return undefined;
    node = node.parentNode;
  }
  return undefined;
}

function checkedValues(ctx: ComponentContext, group: DomRecord): unknown[] {
  return members(ctx, group, 'checkbox', 'checkbox-group')
    .filter((member) => choices.get(member)?.input.checked)
    .map((member) => member.attrs.value ?? '');
}

export const checkbox: ComponentFactory = (ctx) =>
  createChoice(ctx, 'checkbox', (state) => {
    ctx.dispatch('change', { value: state.input.checked });
    const group = ctx.closest(['checkbox-group']);
    if (group) ctx.dispatchAt(group, 'change', { value: checkedValues(ctx, group) });
  });

export const radio: ComponentFactory = (ctx) =>
  createChoice(ctx, 'radio', (state) => {
    if (!state.input.checked) return;
    // Its own change first (antd-mini's Radio listens on <radio onChange>), then its group's.
    ctx.dispatch('change', { value: true });
    const group = ctx.closest(['radio-group']);
    if (!group) return;
    for (const member of members(ctx, group, 'radio', 'radio-group')) {
      const other = choices.get(member);
      if (other && other !== state) other.input.checked = false;
    }
    ctx.dispatchAt(group, 'change', { value: ctx.record.attrs.value ?? '' });
  });

export const switchControl: ComponentFactory = (ctx) => {
  let controlled = false;
  const instance = createChoice(ctx, 'switch', (state) => {
    ctx.dispatch('change', { value: state.input.checked });
    if (controlled) state.input.checked = state.checkedAttr;
  });
  const setAttr = instance.setAttr!;
  return {
    ...instance,
    setAttr(name, value) {
      if (name === 'controlled') controlled = toBool(value);
      else setAttr(name, value);
    },
    formValue: () => choices.get(ctx.record)?.input.checked ?? false,
    formReset() {
      const state = choices.get(ctx.record);
      if (state) state.input.checked = state.checkedAttr;
    },
  };
};

export const checkboxGroup: ComponentFactory = (ctx) => ({
  host: ctx.doc.createElement('checkbox-group'),
  formValue: () => checkedValues(ctx, ctx.record),
  formReset() {
    for (const member of members(ctx, ctx.record, 'checkbox', 'checkbox-group')) {
      const state = choices.get(member);
      if (state) state.input.checked = state.checkedAttr;
    }
  },
});

export const radioGroup: ComponentFactory = (ctx) => ({
  host: ctx.doc.createElement('radio-group'),
  formValue() {
    const chosen = members(ctx, ctx.record, 'radio', 'radio-group').find((member) => choices.get(member)?.input.checked);
    return chosen ? (chosen.attrs.value ?? '') : '';
  },
  formReset() {
    for (const member of members(ctx, ctx.record, 'radio', 'radio-group')) {
      const state = choices.get(member);
      if (state) state.input.checked = state.checkedAttr;
    }
  },
});
