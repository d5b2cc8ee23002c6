/**
 * What an owner passes to a custom component, and when that counts as a change.
 */
import type { FunctionPropMarker } from '../contract/protocol.ts';
import type { VElement } from '../contract/view-abi.ts';

/** Attributes a non-virtual host element takes from the component tag (docs: 非虚拟化组件节点). */
export const HOST_ATTRS: readonly string[] = ['id', 'class', 'style'];

/**
 * Props for `compCreate`/`compProps`: the tag's attributes (functions dropped: they cannot cross
 * to the logic layer; `generic:*` picks abstract nodes) and `on*` bindings as `{ $fn: handler }`
 * under the attribute name.
 */
export function propsOf(vnode: VElement): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  const attrs = typeof vnode.attrs === 'object' && vnode.attrs !== null ? vnode.attrs : {};
  for (const name in attrs) {
    // `generic:x="tag"` picks an abstract node's component (engine.configureTags); it is not a prop.
    if (name.startsWith('generic:')) continue;
    const value = attrs[name];
    if (typeof value !== 'function' && value !== undefined) props[name] = value;
  }
  if (Array.isArray(vnode.events)) {
    for (const binding of vnode.events) {
      if (typeof binding !== 'object' || binding === null) continue;
      // Docs (组件对象 → props): a function prop must start with `on`, anything else is passed as
      // the string it is; SJS functions are not supported on custom components.
      const { attr, handler } = binding;
      if (typeof handler !== 'string' || typeof attr !== 'string') continue;
      if (!attr.startsWith('on')) props[attr] = handler;
      else if (handler !== '') {
        const marker: FunctionPropMarker = { $fn: handler };
        props[attr] = marker;
      }
    }
  }
  return props;
}

/** Props the component renders with before its first patch tells it the merged ones. */
export function propsWithoutMarkers(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in props) {
    const value = props[name];
    if (!isMarker(value)) out[name] = value;
  }
  return out;
}

function isMarker(value: unknown): value is FunctionPropMarker {
  return typeof value === 'object' && value !== null && typeof (value as FunctionPropMarker).$fn === 'string';
}

/** Structural equality for JSON-like values, giving up (→ "different") after `budget` comparisons. */
function deepEqual(a: unknown, b: unknown, budget: { left: number }): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (--budget.left < 0) return false;
  const aIsArray = Array.isArray(a);
  if (aIsArray !== Array.isArray(b)) return false;
  if (aIsArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i], budget)) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(y, key) || !deepEqual(x[key], y[key], budget)) return false;
  }
  return true;
}

/**
 * Whether two attribute/prop values are the same for rendering purposes. Data keeps identity when
 * unchanged (copy-on-write patches), so `===` decides almost always; literal objects built by the
 * template on every render (`{{ {a: 1} }}`) get a bounded structural comparison.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  return deepEqual(a, b, { left: 200 });
}

/** Shallow comparison of props; function-prop markers compare by method name. */
export function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let count = 0;
  for (const name in a) {
    count++;
    if (!Object.prototype.hasOwnProperty.call(b, name)) return false;
    const x = a[name];
    const y = b[name];
    if (isMarker(x) && isMarker(y)) {
      if (x.$fn !== y.$fn) return false;
    } else if (!sameValue(x, y)) return false;
  }
  for (const _ in b) count--;
  return count === 0;
}
