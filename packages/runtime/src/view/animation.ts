/**
 * The `animation` attribute (docs: my.createAnimation; view's `animation`: "通过过渡（Transition）实现的，
 * 只会触发 onTransitionEnd"): what both renderers do with the data `Animation.export()` produced.
 *
 * The data comes from the app, so it is read as untrusted input: `{ actions: [...] }` (or a bare list
 * of actions), at most `MAX_ACTIONS` steps of at most `MAX_ANIMATES` calls each; durations and delays
 * are numbers clamped to 0…`MAX_DURATION_MS`; timing functions from the documented set (or a
 * `cubic-bezier()` of four numbers); only the documented style properties and transform functions,
 * with finite numbers (clamped) or strict length/angle/colour tokens. Every CSS text is built here
 * from those validated pieces, so nothing an app writes (`url(`, `;`, `}`, `expression(`) reaches a
 * style. Anything else is skipped.
 *
 * A node keeps its animated state across steps and across animations (the platform's transforms
 * accumulate: `rotate(45).step().scale(2).step()` ends rotated *and* scaled): each transform function
 * replaces its previous value by name, in the order first used, and style properties stay set.
 *
 * Steps run in sequence: step i starts when step i-1's delay + duration have elapsed.
 * `AnimationRunner` schedules that on a clock; the renderer decides what "start" (the DOM sets the
 * transition and the target values) and "end" (headless applies the final values; both report
 * `transitionEnd`) mean.
 */

export const MAX_ACTIONS = 100;
export const MAX_ANIMATES = 100;
export const MAX_DURATION_MS = 60_000;
const MAX_MAGNITUDE = 1e6;
const MAX_TOKEN = 64;

export interface AnimationStep {
  duration: number;
  delay: number;
  timingFunction: string;
  transformOrigin: string;
  /** Transform functions of this step, `[name, 'name(args)']`. */
  transforms: Array<[string, string]>;
  /** Style properties of this step, `[css-property, value]`. */
  styles: Array<[string, string]>;
}

/** CSS declarations (`property → value`) a step puts on its node. */
export type Declarations = Array<[string, string]>;

const TIMING = new Set(['linear', 'ease', 'ease-in', 'ease-in-out', 'ease-out', 'step-start', 'step-end']);
const STYLE_PROPS: Record<string, string> = {
  opacity: 'opacity',
  backgroundColor: 'background-color',
  'background-color': 'background-color',
  width: 'width',
  height: 'height',
  top: 'top',
  left: 'left',
  bottom: 'bottom',
  right: 'right',
};

type ArgKind = 'n' | 'len' | 'deg';
/** Transform functions: the kinds of their arguments, and how many may be left out at the end. */
const TRANSFORMS: Record<string, { args: readonly ArgKind[]; optional?: number }> = {
  rotate: { args: ['deg'] },
  rotateX: { args: ['deg'] },
  rotateY: { args: ['deg'] },
  rotateZ: { args: ['deg'] },
  rotate3d: { args: ['n', 'n', 'n', 'deg'] },
  scale: { args: ['n', 'n'], optional: 1 },
  scaleX: { args: ['n'] },
  scaleY: { args: ['n'] },
  scaleZ: { args: ['n'] },
  scale3d: { args: ['n', 'n', 'n'] },
  translate: { args: ['len', 'len'], optional: 1 },
  translateX: { args: ['len'] },
  translateY: { args: ['len'] },
  translateZ: { args: ['len'] },
  translate3d: { args: ['len', 'len', 'len'] },
  skew: { args: ['deg', 'deg'], optional: 1 },
  skewX: { args: ['deg'] },
  skewY: { args: ['deg'] },
  matrix: { args: ['n', 'n', 'n', 'n', 'n', 'n'] },
  matrix3d: { args: Array.from({ length: 16 }, () => 'n' as const) },
};

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const LENGTH = /^([+-]?(?:\d+\.?\d*|\.\d+))(px|rpx|%|em|rem|vw|vh|vmin|vmax)?$/i;
const ANGLE = /^([+-]?(?:\d+\.?\d*|\.\d+))(deg|rad|grad|turn)?$/i;
const HEX_COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNC_COLOR = /^(rgba?|hsla?)\(\s*([^()]*)\)$/i;
const COLOR_ARG = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:%|deg)?$/i;
const NAMED_COLOR = /^[a-z]{3,20}$/i;
const ORIGIN_WORDS = new Set(['left', 'right', 'top', 'bottom', 'center']);

function clampNumber(value: number): number {
  const clamped = Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, value));
  // Six decimals: enough for any transform, and no exponent in the CSS text.
  const rounded = Math.round(clamped * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function numberText(value: number): string {
  const text = String(clampNumber(value));
  // Below 1e-6 rounding already gave 0; String() of the clamped range never uses an exponent above.
  return text;
}

/** A finite number, or a numeric string; undefined otherwise. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.length <= MAX_TOKEN && NUMBER.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function durationOf(value: unknown, fallback: number): number {
  const n = toNumber(value);
  if (n === undefined) return fallback;
  return Math.round(Math.max(0, Math.min(MAX_DURATION_MS, n)));
}

function timingOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_TOKEN) return undefined;
  const text = value.trim().toLowerCase();
  if (TIMING.has(text)) return text;
  const bezier = /^cubic-bezier\(([^()]*)\)$/.exec(text);
  if (bezier) {
    const parts = bezier[1]!.split(',').map((part) => toNumber(part.trim()));
    if (parts.length === 4 && parts.every((n) => n !== undefined)) {
      const [x1, y1, x2, y2] = parts as number[];
      // x values must lie in [0, 1] for the curve to be valid CSS.
      return `cubic-bezier(${numberText(Math.max(0, Math.min(1, x1!)))}, ${numberText(y1!)}, ${numberText(Math.max(0, Math.min(1, x2!)))}, ${numberText(y2!)})`;
    }
  }
  return undefined;
}

function lengthOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? `${numberText(value)}px` : undefined;
  if (typeof value !== 'string' || value.length > MAX_TOKEN) return undefined;
  const match = LENGTH.exec(value.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  if (!Number.isFinite(n)) return undefined;
  return `${numberText(n)}${(match[2] ?? 'px').toLowerCase()}`;
}

function angleOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? `${numberText(value)}deg` : undefined;
  if (typeof value !== 'string' || value.length > MAX_TOKEN) return undefined;
  const match = ANGLE.exec(value.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  if (!Number.isFinite(n)) return undefined;
  return `${numberText(n)}${(match[2] ?? 'deg').toLowerCase()}`;
}

function colorOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_TOKEN) return undefined;
  const text = value.trim();
  if (HEX_COLOR.test(text) || NAMED_COLOR.test(text)) return text.toLowerCase();
  const fn = FUNC_COLOR.exec(text);
  if (!fn) return undefined;
  const args = fn[2]!.split(/\s*[,/]\s*|\s+/).filter((part) => part !== '');
  if (args.length < 3 || args.length > 4 || !args.every((arg) => COLOR_ARG.test(arg))) return undefined;
  return `${fn[1]!.toLowerCase()}(${args.join(', ')})`;
}

function originOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_TOKEN) return undefined;
  const tokens = value.trim().split(/\s+/);
  if (tokens.length === 0 || tokens.length > 3 || tokens[0] === '') return undefined;
  const out: string[] = [];
  for (const token of tokens) {
    const word = token.toLowerCase();
    if (ORIGIN_WORDS.has(word)) out.push(word);
    else if (token === '0') out.push('0');
    else {
      const length = lengthOf(token);
      if (length === undefined) return undefined;
      out.push(length);
    }
  }
  return out.join(' ');
}

function styleValue(prop: string, value: unknown): string | undefined {
  if (prop === 'opacity') {
    const n = toNumber(value);
    return n === undefined ? undefined : numberText(Math.max(0, Math.min(1, n)));
  }
  if (prop === 'background-color') return colorOf(value);
  return lengthOf(value);
}

function transformText(type: string, args: readonly unknown[]): string | undefined {
  const spec = TRANSFORMS[type]!;
  const min = spec.args.length - (spec.optional ?? 0);
  if (args.length < min) return undefined;
  const count = Math.min(args.length, spec.args.length);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const arg = args[i];
    if (arg === undefined && i >= min) break;
    const kind = spec.args[i]!;
    const text = kind === 'n' ? (toNumber(arg) === undefined ? undefined : numberText(toNumber(arg)!)) : kind === 'len' ? lengthOf(arg) : angleOf(arg);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  return `${type}(${parts.join(', ')})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The action list of animation data, or undefined when `value` is not animation data (a boolean, a string). */
function actionsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) {
    const actions = own(value, 'actions');
    return Array.isArray(actions) ? actions : [];
  }
  return undefined;
}

/** Whether an attribute value is animation data (an object or a list), rather than movable-view's boolean `animation`. */
export function isAnimationData(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/**
 * Reads exported animation data into validated steps (see the module comment for the rules).
 * Not animation data → undefined; data without a usable step → [].
 */
export function readAnimation(value: unknown): AnimationStep[] | undefined {
  const actions = actionsOf(value);
  if (actions === undefined) return undefined;
  const steps: AnimationStep[] = [];
  const count = Math.min(actions.length, MAX_ACTIONS);
  for (let i = 0; i < count; i++) {
    const action = actions[i];
    if (!isRecord(action)) continue;
    const option = isRecord(own(action, 'option')) ? (own(action, 'option') as Record<string, unknown>) : {};
    const transition = isRecord(own(option, 'transition')) ? (own(option, 'transition') as Record<string, unknown>) : option;
    const step: AnimationStep = {
      duration: durationOf(own(transition, 'duration'), 400),
      delay: durationOf(own(transition, 'delay'), 0),
      timingFunction: timingOf(own(transition, 'timingFunction')) ?? timingOf(own(transition, 'timeFunction')) ?? 'linear',
      transformOrigin: originOf(own(option, 'transformOrigin')) ?? '50% 50% 0',
      transforms: [],
      styles: [],
    };
    const animates = own(action, 'animates');
    const list = Array.isArray(animates) ? animates : [];
    const n = Math.min(list.length, MAX_ANIMATES);
    for (let j = 0; j < n; j++) {
      const animate = list[j];
      if (!isRecord(animate)) continue;
      const type = own(animate, 'type');
      const rawArgs = own(animate, 'args');
      const args = Array.isArray(rawArgs) ? rawArgs.slice(0, 16) : [];
      if (type === 'style') {
        const prop = typeof args[0] === 'string' && Object.prototype.hasOwnProperty.call(STYLE_PROPS, args[0]) ? STYLE_PROPS[args[0]]! : undefined;
        const text = prop === undefined ? undefined : styleValue(prop, args[1]);
        if (prop !== undefined && text !== undefined) step.styles.push([prop, text]);
      } else if (typeof type === 'string' && Object.prototype.hasOwnProperty.call(TRANSFORMS, type)) {
        const text = transformText(type, args);
        if (text !== undefined) step.transforms.push([type, text]);
      }
    }
    steps.push(step);
  }
  return steps;
}

/** What an animated node shows: its transform functions by name and its animated style properties. */
export class AnimationState {
  readonly transforms = new Map<string, string>();
  readonly styles = new Map<string, string>();
  transformOrigin = '';

  /** Takes a step's values in; answers the declarations of the node's state after it. */
  take(step: AnimationStep): Declarations {
    for (const [name, text] of step.transforms) this.transforms.set(name, text);
    for (const [prop, value] of step.styles) this.styles.set(prop, value);
    if (step.transforms.length > 0 || this.transformOrigin === '') this.transformOrigin = step.transformOrigin;
    return this.declarations();
  }

  declarations(): Declarations {
    const out: Declarations = [];
    if (this.transforms.size > 0) {
      out.push(['transform', [...this.transforms.values()].join(' ')]);
      out.push(['transform-origin', this.transformOrigin]);
    }
    for (const [prop, value] of this.styles) out.push([prop, value]);
    return out;
  }
}

/** The `transition` declarations of a step (the properties it changes). */
export function transitionOf(step: AnimationStep): Declarations {
  const props: string[] = [];
  if (step.transforms.length > 0) props.push('transform');
  for (const [prop] of step.styles) if (!props.includes(prop)) props.push(prop);
  if (props.length === 0) return [];
  return [
    ['transition-property', props.join(', ')],
    ['transition-duration', `${step.duration}ms`],
    ['transition-timing-function', step.timingFunction],
    ['transition-delay', `${step.delay}ms`],
  ];
}

export interface AnimationClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AnimationHooks {
  /** Step `index` starts: its values and the node's state after it. */
  start?(step: AnimationStep, state: Declarations, index: number): void;
  /** Step `index` has run its delay + duration. */
  end?(step: AnimationStep, state: Declarations, index: number): void;
}

/**
 * Runs one node's steps in sequence on a clock. `run()` cancels what was still pending (a new
 * animation replaces the one in flight, from the state reached so far); `cancel()` when the node goes.
 */
export class AnimationRunner {
  private pending: unknown;
  private generation = 0;

  constructor(
    private readonly clock: AnimationClock,
    private readonly hooks: AnimationHooks,
    /** The node's state so far (a runner that replaces another carries it on). */
    readonly state: AnimationState = new AnimationState(),
  ) {}

  run(steps: readonly AnimationStep[]): void {
    this.cancel();
    const generation = this.generation;
    const startAt = (index: number) => {
      if (generation !== this.generation || index >= steps.length) return;
      const step = steps[index]!;
      const declarations = this.state.take(step);
      this.hooks.start?.(step, declarations, index);
      const total = step.delay + step.duration;
      const finish = () => {
        if (generation !== this.generation) return;
        this.pending = undefined;
        this.hooks.end?.(step, declarations, index);
        startAt(index + 1);
      };
      if (total === 0) finish();
      else this.pending = this.clock.setTimeout(finish, total);
    };
    startAt(0);
  }

  cancel(): void {
    this.generation++;
    if (this.pending !== undefined) this.clock.clearTimeout(this.pending);
    this.pending = undefined;
  }
}
