/**
 * `input` and `textarea`: native controls (typing, selection, IME and accessibility for free) with
 * the documented attributes and events.
 *
 * Value: `value` sets the content whenever the template's value changes; typing keeps working
 * without the logic layer. The usual `onInput` → `setData({ v })` → `value="{{v}}"` loop echoes each
 * reported value back, late: an echo of something the user typed is not written back into the
 * field (it would undo the keystrokes typed since). With `controlled`, the content is exactly what
 * the logic layer last set: each keystroke is reported and then undone until the new `value` comes
 * back (a handler that rejects the input by leaving the data unchanged keeps the field unchanged).
 *
 * Events: `input` {value, cursor}, `confirm` {value} (Enter), `focus` {value}, `blur` {value}.
 */

import type { ComponentContext, ComponentInstance } from '../types.ts';
import { EchoQueue, toBool, toNumber, toText } from './util.ts';

/** Keyboard types of the docs → what a browser keyboard can show, and the characters each one can type. */
const KEYBOARDS: Record<string, { inputMode: string; allowed?: RegExp }> = {
  text: { inputMode: 'text' },
  number: { inputMode: 'numeric', allowed: /^[0-9]*$/ },
  numberpad: { inputMode: 'numeric', allowed: /^[0-9]*$/ },
  digit: { inputMode: 'decimal', allowed: /^[0-9.]*$/ },
  digitpad: { inputMode: 'decimal', allowed: /^[0-9.]*$/ },
  idcard: { inputMode: 'text', allowed: /^[0-9xX]*$/ },
  idcardpad: { inputMode: 'text', allowed: /^[0-9xX]*$/ },
};

const ENTER_HINTS = new Set(['done', 'go', 'next', 'search', 'send']);

const DEFAULT_MAXLENGTH = 140;

export function createTextField(ctx: ComponentContext, multiline: boolean): ComponentInstance {
  const field = ctx.doc.createElement(multiline ? 'textarea' : 'input') as HTMLInputElement | HTMLTextAreaElement;
  if (field instanceof HTMLInputElement) field.type = 'text';
  field.maxLength = DEFAULT_MAXLENGTH;
  const events: HTMLElement = field;
  field.autocomplete = 'off';

  let valueAttr = '';
  let controlled = false;
  let keyboard = KEYBOARDS.text;
  let password = false;
  let confirmType = multiline ? 'return' : 'done';
  let confirmHold = false;
  let autoHeight = false;
  let wantFocus = false;
  let cursorAttr: number | undefined;
  let selection: [number, number] | undefined;
  /** Where the caret should land when a controlled value comes back after typing. */
  let pendingCaret: number | undefined;
  let composing = false;
  const echoes = new EchoQueue<string>();

  const fitHeight = (): void => {
    if (!autoHeight || !field.isConnected) return;
    ctx.setHostStyle('height', 'auto');
    ctx.setHostStyle('height', `${field.scrollHeight}px`);
  };

  const setType = (): void => {
    if (field instanceof HTMLInputElement) field.type = password ? 'password' : 'text';
    field.inputMode = keyboard.inputMode;
  };

  const report = (): void => {
    const cursor = field.selectionStart ?? field.value.length;
    if (!controlled) echoes.push(field.value);
    ctx.dispatch('input', { value: field.value, cursor });
    if (controlled && field.value !== valueAttr) {
      pendingCaret = cursor;
      const caret = Math.max(0, cursor - (field.value.length - valueAttr.length));
      field.value = valueAttr;
      if (ctx.doc.activeElement === field) field.setSelectionRange(caret, caret);
    }
    fitHeight();
  };

  events.addEventListener('beforeinput', (event) => {
    const allowed = keyboard.allowed;
    if (!allowed || event.data === null || event.isComposing) return;
    if (!allowed.test(event.data)) event.preventDefault();
  });
  events.addEventListener('compositionstart', () => {
    composing = true;
  });
  events.addEventListener('compositionend', () => {
    composing = false;
    report();
  });
  events.addEventListener('input', (event) => {
    if (composing || (event as InputEvent).isComposing) return;
    report();
  });
  events.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || composing) return;
    if (multiline && (confirmType === 'return' || event.shiftKey)) return;
    event.preventDefault();
    ctx.dispatch('confirm', { value: field.value });
    if (!confirmHold) field.blur();
  });
  events.addEventListener('focus', () => {
    if (selection) field.setSelectionRange(selection[0], selection[1]);
    else if (cursorAttr !== undefined) field.setSelectionRange(cursorAttr, cursorAttr);
    ctx.dispatch('focus', { value: field.value });
  });
  events.addEventListener('blur', () => {
    ctx.dispatch('blur', { value: field.value });
  });

  return {
    host: field,
    afterApply() {
      if (wantFocus && field.isConnected && ctx.doc.activeElement !== field) field.focus({ preventScroll: true });
      fitHeight();
    },
    setAttr(name, value) {
      switch (name) {
        case 'value': {
          valueAttr = toText(value);
          if (!controlled && echoes.consume(valueAttr)) break;
          if (field.value !== valueAttr) {
            field.value = valueAttr;
            if (pendingCaret !== undefined && ctx.doc.activeElement === field) {
              const caret = Math.min(pendingCaret, valueAttr.length);
              field.setSelectionRange(caret, caret);
            }
          }
          pendingCaret = undefined;
          ctx.schedule();
          break;
        }
        case 'controlled':
          controlled = toBool(value);
          break;
        case 'type':
          keyboard = KEYBOARDS[toText(value)] ?? KEYBOARDS.text;
          setType();
          break;
        case 'password':
          password = toBool(value);
          setType();
          break;
        case 'placeholder':
          field.placeholder = toText(value);
          break;
        case 'disabled':
          field.disabled = toBool(value);
          break;
        case 'maxlength': {
          const max = Math.floor(toNumber(value, DEFAULT_MAXLENGTH));
          if (max < 0) field.removeAttribute('maxlength');
          else field.maxLength = max;
          break;
        }
        case 'focus':
          wantFocus = toBool(value);
          if (wantFocus) ctx.schedule();
          else if (ctx.doc.activeElement === field) field.blur();
          break;
        case 'cursor':
          cursorAttr = value === undefined ? undefined : Math.max(0, Math.floor(toNumber(value, 0)));
          break;
        case 'selection-start':
        case 'selection-end': {
          const start = Math.floor(toNumber(name === 'selection-start' ? value : ctx.record.attrs['selection-start'], -1));
          const end = Math.floor(toNumber(name === 'selection-end' ? value : ctx.record.attrs['selection-end'], -1));
          selection = start >= 0 && end >= start ? [start, end] : undefined;
          break;
        }
        case 'confirm-type': {
          confirmType = toText(value, multiline ? 'return' : 'done');
          if (ENTER_HINTS.has(confirmType)) field.enterKeyHint = confirmType;
          else field.removeAttribute('enterkeyhint');
          break;
        }
        case 'confirm-hold':
          confirmHold = toBool(value);
          break;
        case 'auto-height':
          autoHeight = multiline && toBool(value);
          ctx.toggleClass('mpk-auto-height', autoHeight);
          if (!autoHeight) ctx.setHostStyle('height', undefined);
          ctx.schedule();
          break;
        case 'placeholder-style':
          ctx.setPlaceholderStyle(toText(value));
          break;
      }
    },
    formValue: () => field.value,
    formReset() {
      field.value = valueAttr;
      fitHeight();
    },
    labelActivate() {
      if (!field.disabled) field.focus();
    },
  };
}
