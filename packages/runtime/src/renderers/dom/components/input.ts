/**
 * `input` and `textarea`: native controls (typing, selection, IME and accessibility for free) with
 * the documented attributes and events, inside the platform's structure, which component libraries
 * style (`.am-input-content .a-input-wrap { flex: 1 }`, `.am-amount .a-input-content { font-size: 45px }`):
 *
 * ```html
 * <a-input class="a-input {class}">            <a-textarea class="a-textarea {class}">
 *   <div class="a-input-wrap">                    <div class="a-textarea-wrap">
 *     <input class="a-input-content">                <textarea class="a-textarea-content">
 *     <div class="a-input-placeholder               <div class="a-textarea-placeholder {placeholder-class}"
 *          {placeholder-class}"                          style="{placeholder-style}">
 *          style="{placeholder-style}">           </div>
 * </a-input>                                     <div class="a-textarea-count-wrap">0/140</div>   (show-count)
 * ```
 *
 * The host is named `a-input` / `a-textarea` (a native input holds no children); the compiler
 * writes the ACSS type selectors `input` / `textarea` as those names, so `input { … }` styles the
 * host as written. The placeholder is an element over the empty field, so `placeholder-class` and
 * `placeholder-style` style it like any element.
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
import { classNames } from '../../../view/selector.ts';
import { styleText } from '../style.ts';
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

/** The elements the host of an `input` / `textarea` node is named (see the compiler's style/selectors.ts). */
export const TEXT_FIELD_HOSTS: Readonly<Record<'input' | 'textarea', string>> = { input: 'a-input', textarea: 'a-textarea' };

export function createTextField(ctx: ComponentContext, multiline: boolean): ComponentInstance {
  const kind = multiline ? 'textarea' : 'input';
  const host = ctx.doc.createElement(TEXT_FIELD_HOSTS[kind]);
  ctx.toggleClass(`a-${kind}`, true);
  const wrap = ctx.doc.createElement('div');
  wrap.className = `a-${kind}-wrap`;
  const field = ctx.doc.createElement(kind) as HTMLInputElement | HTMLTextAreaElement;
  field.className = `a-${kind}-content`;
  if (field instanceof HTMLInputElement) field.type = 'text';
  field.maxLength = DEFAULT_MAXLENGTH;
  const events: HTMLElement = field;
  field.autocomplete = 'off';
  const placeholder = ctx.doc.createElement('div');
  placeholder.className = `a-${kind}-placeholder`;
  placeholder.setAttribute('aria-hidden', 'true');
  wrap.append(field, placeholder);
  host.append(wrap);
  let placeholderText = '';
  let placeholderClass = '';
  /** textarea `show-count` (default true): `{length}/{maxlength}` under the field. */
  let count: HTMLElement | undefined;
  let showCount = multiline;
  let maxLength = DEFAULT_MAXLENGTH;
  const refresh = (): void => {
    placeholder.hidden = placeholderText === '' || field.value !== '';
    if (showCount && !count) {
      count = ctx.doc.createElement('div');
      count.className = 'a-textarea-count-wrap';
      count.setAttribute('aria-hidden', 'true');
      host.append(count);
    } else if (!showCount && count) {
      count.remove();
      count = undefined;
    }
    if (count) count.textContent = maxLength >= 0 ? `${[...field.value].length}/${maxLength}` : String([...field.value].length);
  };

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
    // The host follows its content (whatever the styles say, as the docs' auto-height does): the field one line and up.
    ctx.setHostStyle('height', 'auto');
    field.style.height = 'auto';
    field.style.height = `${field.scrollHeight}px`;
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
    refresh();
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
    if (composing || (event as InputEvent).isComposing) {
      refresh(); // the placeholder goes as soon as composed text shows
      return;
    }
    report();
  });
  // The whole box is the field: a tap on its padding (or the placeholder) focuses it.
  host.addEventListener('click', (event) => {
    if (event.target !== field && !field.disabled && ctx.doc.activeElement !== field) field.focus();
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

  refresh();

  return {
    host,
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
          refresh();
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
          placeholderText = toText(value);
          placeholder.textContent = placeholderText;
          if (placeholderText) field.setAttribute('aria-placeholder', placeholderText);
          else field.removeAttribute('aria-placeholder');
          refresh();
          break;
        case 'placeholder-class':
          placeholderClass = classNames(value).join(' ');
          placeholder.className = [`a-${kind}-placeholder`, placeholderClass].filter(Boolean).join(' ');
          break;
        case 'placeholder-style': {
          // Declarations only (as the platform reads it): whatever could end the rule ends the text.
          const css = styleText(toText(value).split(/[{}<>@\\]/)[0]!.trim());
          if (css) placeholder.style.cssText = css;
          else placeholder.removeAttribute('style');
          break;
        }
        case 'disabled':
          field.disabled = toBool(value);
          ctx.toggleClass(`a-${kind}-disabled`, field.disabled);
          break;
        case 'maxlength': {
          maxLength = Math.floor(toNumber(value, DEFAULT_MAXLENGTH));
          if (maxLength < 0) field.removeAttribute('maxlength');
          else field.maxLength = maxLength;
          refresh();
          break;
        }
        case 'show-count':
          // Default true (docs), also for null (antd-mini passes its unset props as null and documents the count as shown).
          showCount = multiline && (value === undefined || value === null || toBool(value));
          refresh();
          break;
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
          if (!autoHeight) {
            ctx.setHostStyle('height', undefined);
            field.style.removeProperty('height');
            if (!field.getAttribute('style')) field.removeAttribute('style');
          }
          ctx.schedule();
          break;
      }
    },
    formValue: () => field.value,
    formReset() {
      field.value = valueAttr;
      refresh();
      fitHeight();
    },
    labelActivate() {
      if (!field.disabled) field.focus();
    },
  };
}
