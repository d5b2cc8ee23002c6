/**
 * Choice controls: `checkbox` + `checkbox-group`, `radio` + `radio-group`, `switch`. Each wraps a
 * native input (keyboard and screen readers work) styled by the default stylesheet.
 *
 * The elements carry the platform's system classes, which component libraries style (mini-ali-ui's
 * am-radio shows its own icon only under `.am-radio-value.a-radio-checked + .am-radio-synthetic`):
 * - `checkbox`: host `a-checkbox` (+ `a-checkbox-checked`, `a-checkbox-disabled`), the box inside
 *   `a-shared-checkbox`;
 * - `radio`: host `a-radio` (+ `a-radio-checked`, `a-radio-disabled`);
 * - `switch`: host `a-switch` (+ `a-switch-checked`, `a-switch-disabled`, `a-switch-android` on
 *   Android), the native `input.a-switch-checkbox` and, right after it, the drawn track
 *   `.checkbox` (`.a-switch-checkbox:checked ~ .checkbox` is the "on" look).
 * The state classes follow the control's state, whoever changed it (template, tap, label, group).
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
  /** Set `input.checked` and the state classes that show it. */
  setChecked(on: boolean): void;
  /** A user (or label) action changed `input.checked`: report it. */
  userChanged(): void;
}

const choices = new WeakMap<DomRecord, ChoiceState>();

type Kind = 'checkbox' | 'radio' | 'switch';

interface ChoiceOptions {
  /** Report a change the user made (the state classes are synced before and after). */
  onUserChange(state: ChoiceState): void;
  /** Extra elements after the input (the switch's track). */
  decorate?(host: HTMLElement): void;
  /** Drawing that follows the state (the switch's track colour). */
  draw?(checked: boolean, color: string | undefined): void;
}

const INPUT_CLASS: Record<Kind, string> = {
  checkbox: 'a-shared-checkbox mpk-checkbox-input',
  radio: 'a-radio-input mpk-radio-input',
  switch: 'a-switch-checkbox mpk-switch-input',
};

function createChoice(ctx: ComponentContext, kind: Kind, options: ChoiceOptions): ComponentInstance & { state: ChoiceState } {
  const host = ctx.doc.createElement(kind);
  const input = ctx.doc.createElement('input');
  input.type = kind === 'radio' ? 'radio' : 'checkbox';
  input.className = INPUT_CLASS[kind];
  host.appendChild(input);
  options.decorate?.(host);
  ctx.toggleClass(`a-${kind}`, true);
  let color: string | undefined;
  const sync = (): void => {
    ctx.toggleClass(`a-${kind}-checked`, input.checked);
    ctx.toggleClass(`a-${kind}-disabled`, input.disabled);
    options.draw?.(input.checked, color);
  };
  const state: ChoiceState = {
    input,
    checkedAttr: false,
    setChecked(on) {
      input.checked = on;
      sync();
    },
    userChanged() {
      sync();
      options.onUserChange(state);
      sync();
    },
  };
  choices.set(ctx.record, state);
  input.addEventListener('change', () => state.userChanged());
  // The whole component is the control: a tap on the host outside the native input (a library made
  // the input smaller than its box) toggles it too. A label around it sees a tap inside a control and
  // leaves it alone.
  host.addEventListener('click', (event) => {
    if (event.target === host && !input.disabled) input.click();
  });
  return {
    host,
    state,
    setAttr(name, value) {
      switch (name) {
        case 'checked':
          state.checkedAttr = toBool(value);
          state.setChecked(state.checkedAttr);
          break;
        case 'disabled':
          input.disabled = toBool(value);
          ctx.toggleClass('mpk-disabled', input.disabled);
          sync();
          break;
        case 'color':
          color = toColor(value);
          ctx.setHostStyle(`--mpk-${kind}-color`, color);
          sync();
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

function resetMembers(ctx: ComponentContext, group: DomRecord, tag: string, groupTag: string): void {
  for (const member of members(ctx, group, tag, groupTag)) {
    const state = choices.get(member);
    if (state) state.setChecked(state.checkedAttr);
  }
}

export const checkbox: ComponentFactory = (ctx) => {
  const { state: _state, ...instance } = createChoice(ctx, 'checkbox', {
    onUserChange(state) {
      ctx.dispatch('change', { value: state.input.checked });
      const group = ctx.closest(['checkbox-group']);
      if (group) ctx.dispatchAt(group, 'change', { value: checkedValues(ctx, group) });
    },
  });
  return instance;
};

export const radio: ComponentFactory = (ctx) => {
  const { state: _state, ...instance } = createChoice(ctx, 'radio', {
    onUserChange(state) {
      if (!state.input.checked) return;
      // Its own change first (antd-mini's Radio listens on <radio onChange>), then its group's.
      ctx.dispatch('change', { value: true });
      const group = ctx.closest(['radio-group']);
      if (!group) return;
      for (const member of members(ctx, group, 'radio', 'radio-group')) {
        const other = choices.get(member);
        if (other && other !== state) other.setChecked(false);
      }
      ctx.dispatchAt(group, 'change', { value: ctx.record.attrs.value ?? '' });
    },
  });
  return instance;
};

export const switchControl: ComponentFactory = (ctx) => {
  let controlled = false;
  let track: HTMLElement | undefined;
  const { state, setAttr, ...instance } = createChoice(ctx, 'switch', {
    onUserChange(current) {
      ctx.dispatch('change', { value: current.input.checked });
      if (controlled) current.input.checked = current.checkedAttr;
    },
    // The drawn switch, right after the input: libraries size it (`.am-switch .checkbox { width: 51px }`)
    // and colour it when on (`.a-switch-checkbox:checked ~ .checkbox`).
    decorate(host) {
      track = ctx.doc.createElement('span');
      track.className = 'checkbox';
      track.setAttribute('aria-hidden', 'true');
      host.appendChild(track);
    },
    // `color` paints the track when on, over library colours, as the platform's inline style does.
    draw(checked, color) {
      if (!track) return;
      if (checked && color) {
        track.style.backgroundColor = color;
        track.style.borderColor = color;
      } else if (track.hasAttribute('style')) {
        track.removeAttribute('style');
      }
    },
  });
  state.input.setAttribute('role', 'switch');
  if (ctx.platform === 'android') ctx.toggleClass('a-switch-android', true);
  return {
    ...instance,
    setAttr(name, value) {
      if (name === 'controlled') controlled = toBool(value);
      else setAttr!(name, value);
    },
    formValue: () => state.input.checked,
    formReset() {
      state.setChecked(state.checkedAttr);
    },
  };
};

export const checkboxGroup: ComponentFactory = (ctx) => ({
  host: ctx.doc.createElement('checkbox-group'),
  formValue: () => checkedValues(ctx, ctx.record),
  formReset: () => resetMembers(ctx, ctx.record, 'checkbox', 'checkbox-group'),
});

export const radioGroup: ComponentFactory = (ctx) => ({
  host: ctx.doc.createElement('radio-group'),
  formValue() {
    const chosen = members(ctx, ctx.record, 'radio', 'radio-group').find((member) => choices.get(member)?.input.checked);
    return chosen ? (chosen.attrs.value ?? '') : '';
  },
  formReset: () => resetMembers(ctx, ctx.record, 'radio', 'radio-group'),
});
