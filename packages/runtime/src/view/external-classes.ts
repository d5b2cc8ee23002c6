/**
 * External classes (docs: 自定义组件/组件模板和样式 → 外部样式类). A component that enables
 * `externalClasses: ['my-class']` writes `class="my-class"` in its template; its owner writes
 * `<comp my-class="red-text big"/>`. When the component renders, each external name in a `class`
 * is replaced by the classes the owner passed (nothing when it passed none), so the owner's
 * styles apply inside the component.
 */
import { classNames } from './selector.ts';

/** External class name → the owner's class names for it. */
export type ClassMap = ReadonlyMap<string, readonly string[]>;

/** The map for a component's declared external classes from the props its owner passed. */
export function classMapOf(names: readonly string[], passed: Readonly<Record<string, unknown>>): ClassMap {
  const map = new Map<string, string[]>();
  for (const name of names) {
    const value = passed[name];
    map.set(name, typeof value === 'string' ? classNames(value) : []);
  }
  return map;
}

export function sameClassMap(a: ClassMap | undefined, b: ClassMap | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.size !== b.size) return false;
  for (const [name, classes] of a) {
    const other = b.get(name);
    if (other === undefined || other.join(' ') !== classes.join(' ')) return false;
  }
  return true;
}

const cache = new WeakMap<Record<string, unknown>, { map: ClassMap; attrs: Record<string, unknown> }>();

/** `attrs` with external names in `class` replaced (the same object when nothing changes; cached per attrs and map). */
export function withExternalClasses(attrs: Record<string, unknown>, map: ClassMap): Record<string, unknown> {
  const value = attrs.class;
  if (typeof value !== 'string' || value === '') return attrs;
  const hit = cache.get(attrs);
  if (hit !== undefined && hit.map === map) return hit.attrs;
  let changed = false;
  const out: string[] = [];
  for (const name of classNames(value)) {
    const replacement = map.get(name);
    if (replacement === undefined) out.push(name);
    else {
      changed = true;
      out.push(...replacement);
    }
  }
  const result = changed ? { ...attrs, class: out.join(' ') } : attrs;
  cache.set(attrs, { map, attrs: result });
  return result;
}
