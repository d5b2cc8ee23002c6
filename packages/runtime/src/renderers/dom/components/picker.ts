/**
 * `picker`: the author's children are what shows; tapping them opens the browser's own list (a
 * native `<select>` built from `range`/`range-key`). Choosing reports `change` {value: index}.
 */

import type { ComponentFactory } from '../types.ts';
import { toBool, toNumber, toText } from './util.ts';

function label(item: unknown, key: string): string {
  if (item !== null && typeof item === 'object') {
    return key ? toText((item as Record<string, unknown>)[key]) : JSON.stringify(item);
  }
  return toText(item);
}

export const picker: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('picker');
  const select = ctx.doc.createElement('select');
  select.className = 'mpk-picker-select';
  select.tabIndex = -1;
  select.setAttribute('aria-hidden', 'true');
  host.appendChild(select);

  let range: unknown[] = [];
  let rangeKey = '';
  let valueAttr = 0;
  const rebuild = (): void => {
    select.replaceChildren(
      ...range.map((item, index) => {
        const option = ctx.doc.createElement('option');
        option.value = String(index);
        option.textContent = label(item, rangeKey);
        return option;
      }),
    );
    applyValue();
  };
  const applyValue = (): void => {
    select.selectedIndex = valueAttr >= 0 && valueAttr < range.length ? valueAttr : range.length > 0 ? 0 : -1;
  };
  select.addEventListener('change', () => {
    ctx.dispatch('change', { value: select.selectedIndex });
  });

  return {
    host,
    setAttr(name, value) {
      switch (name) {
        case 'range':
          range = Array.isArray(value) ? value : [];
          rebuild();
          break;
        case 'range-key':
          rangeKey = toText(value);
          rebuild();
          break;
        case 'value':
          valueAttr = Math.floor(toNumber(value, 0));
          applyValue();
          break;
        case 'disabled':
          select.disabled = toBool(value);
          ctx.toggleClass('mpk-disabled', select.disabled);
          break;
        case 'title':
          select.title = toText(value);
          break;
      }
    },
    tapped() {
      if (select.disabled || range.length === 0) return true;
      try {
        select.showPicker();
      } catch {
        select.focus();
      }
      return true;
    },
    formValue: () => select.selectedIndex,
    formReset: applyValue,
  };
};
