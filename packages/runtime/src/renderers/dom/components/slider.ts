/**
 * `slider`: a native range input styled per the docs' attributes (`active-color`,
 * `background-color`, `track-size`, `handle-size`, `handle-color`), `show-value` beside it.
 * Events: `changing` {value} while dragging, `change` {value} when a drag ends.
 */

import type { ComponentFactory } from '../types.ts';
import { EchoQueue, toBool, toColor, toLength, toNumber } from './util.ts';

export const slider: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('slider');
  const input = ctx.doc.createElement('input');
  input.type = 'range';
  input.className = 'mpk-slider-input';
  input.min = '0';
  input.max = '100';
  input.step = '1';
  const label = ctx.doc.createElement('span');
  label.className = 'mpk-slider-value';
  host.append(input, label);

  let valueAttr = 0;
  /** Values reported while dragging come back late from the logic layer: they must not pull the thumb back. */
  const echoes = new EchoQueue<number>();
  const sync = (): void => {
    const min = Number(input.min);
    const max = Number(input.max);
    const value = Number(input.value);
    label.textContent = String(value);
    ctx.setHostStyle('--mpk-slider-percent', `${max > min ? ((value - min) / (max - min)) * 100 : 0}%`);
  };
  const applyValue = (): void => {
    input.value = String(valueAttr);
    sync();
  };
  input.addEventListener('input', () => {
    sync();
    echoes.push(Number(input.value));
    ctx.dispatch('changing', { value: Number(input.value) });
  });
  input.addEventListener('change', () => {
    sync();
    echoes.push(Number(input.value));
    ctx.dispatch('change', { value: Number(input.value) });
  });
  applyValue();

  return {
    host,
    setAttr(name, value) {
      switch (name) {
        case 'min':
          input.min = String(toNumber(value, 0));
          applyValue();
          break;
        case 'max':
          input.max = String(toNumber(value, 100));
          applyValue();
          break;
        case 'step': {
          const step = toNumber(value, 1);
          input.step = String(step > 0 ? step : 1);
          applyValue();
          break;
        }
        case 'value':
          valueAttr = toNumber(value, 0);
          if (!echoes.consume(valueAttr)) applyValue();
          break;
        case 'disabled':
          input.disabled = toBool(value);
          ctx.toggleClass('mpk-disabled', input.disabled);
          break;
        case 'show-value':
          ctx.toggleClass('mpk-slider-show-value', toBool(value));
          break;
        case 'active-color':
          ctx.setHostStyle('--mpk-slider-active', toColor(value));
          break;
        case 'background-color':
          ctx.setHostStyle('--mpk-slider-background', toColor(value));
          break;
        case 'handle-color':
          ctx.setHostStyle('--mpk-slider-handle', toColor(value));
          break;
        case 'track-size':
          ctx.setHostStyle('--mpk-slider-track', toLength(value));
          break;
        case 'handle-size':
          ctx.setHostStyle('--mpk-slider-handle-size', toLength(value));
          break;
      }
    },
    formValue: () => Number(input.value),
    formReset: applyValue,
  };
};
