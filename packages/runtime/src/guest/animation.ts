/**
 * `my.createAnimation(options)` (docs: api/基础API/界面/动画/my.createAnimation): the chainable
 * builder, in the base library (a pure builder: no bridge crossing per call). Every method records
 * `{ type, args }` in the current group; `step(options)` closes the group with its transition
 * (`duration` 400, `timingFunction` — the docs spell it `timeFunction`, both are read — 'linear',
 * `delay` 0, `transformOrigin` '50% 50% 0', each defaulting to the instance's); `export()` returns
 * `{ actions: [{ animates, option: { transition: { duration, timingFunction, delay }, transformOrigin } }] }`
 * and clears the queue. Style methods record `{ type: 'style', args: [property, value] }`.
 *
 * Values are recorded as given: the renderers validate and clamp them (view/animation.ts), since the
 * data reaches them through setData like any other app data.
 */
import { append, isArray } from './intrinsics.ts';
import { isObject } from './state.ts';

interface StepOption {
  duration: unknown;
  timingFunction: unknown;
  delay: unknown;
  transformOrigin: unknown;
}

const DEFAULTS: StepOption = { duration: 400, timingFunction: 'linear', delay: 0, transformOrigin: '50% 50% 0' };

const STYLES = ['opacity', 'backgroundColor', 'width', 'height', 'top', 'left', 'bottom', 'right'];
const TRANSFORMS = [
  'rotate', 'rotateX', 'rotateY', 'rotateZ', 'rotate3d',
  'scale', 'scaleX', 'scaleY', 'scaleZ', 'scale3d',
  'translate', 'translateX', 'translateY', 'translateZ', 'translate3d',
  'skew', 'skewX', 'skewY', 'matrix', 'matrix3d',
];

function optionOf(options: unknown, base: StepOption): StepOption {
  const out: StepOption = { duration: base.duration, timingFunction: base.timingFunction, delay: base.delay, transformOrigin: base.transformOrigin };
  if (!isObject(options)) return out;
  if (options.duration !== undefined) out.duration = options.duration;
  if (options.timingFunction !== undefined) out.timingFunction = options.timingFunction;
  else if (options.timeFunction !== undefined) out.timingFunction = options.timeFunction;
  if (options.delay !== undefined) out.delay = options.delay;
  if (options.transformOrigin !== undefined) out.transformOrigin = options.transformOrigin;
  return out;
}

function argsOf(list: ArrayLike<unknown>): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) append(out, list[i]);
  return out;
}

export function createAnimation(options?: unknown): Record<string, unknown> {
  const base = optionOf(options, DEFAULTS);
  let animates: Array<{ type: string; args: unknown[] }> = [];
  let actions: unknown[] = [];
  const animation: Record<string, unknown> = {};
  for (let i = 0; i < STYLES.length; i++) {
    const name = STYLES[i];
    animation[name] = function (value: unknown) {
      append(animates, { type: 'style', args: [name, value] });
      return animation;
    };
  }
  for (let i = 0; i < TRANSFORMS.length; i++) {
    const type = TRANSFORMS[i];
    animation[type] = function (...args: unknown[]) {
      append(animates, { type, args: argsOf(args) });
      return animation;
    };
  }
  animation.step = (stepOptions?: unknown) => {
    const option = optionOf(stepOptions, base);
    append(actions, {
      animates,
      option: {
        transition: { duration: option.duration, timingFunction: option.timingFunction, delay: option.delay },
        transformOrigin: option.transformOrigin,
      },
    });
    animates = [];
    return animation;
  };
  animation.export = () => {
    const out = { actions: isArray(actions) ? actions : [] };
    actions = [];
    animates = [];
    return out;
  };
  return animation;
}
