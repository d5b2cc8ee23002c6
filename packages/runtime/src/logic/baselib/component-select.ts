/**
 * `this.$selectComponent(selector)` / `this.$selectAllComponents(selector)` on pages and
 * components (docs: 组件对象 → 组件实例方法). The view owns the tree, so the base library asks the
 * host synchronously (the internal `selectComponents` API, answered by the ViewEngine from what
 * is rendered) and maps the instance ids it gets back to ref values (`ref()` when defined).
 */
import { refValue } from './definitions.ts';
import { instances, type Internal } from './instance.ts';
import { invokeSync } from './my.ts';
import { warnOnce } from './notices.ts';
import { state } from './state.ts';

export function selectComponents(int: Internal, selector: unknown, all: boolean): unknown {
  if (typeof selector !== 'string' || selector.trim() === '') {
    throw new TypeError(`${all ? '$selectAllComponents' : '$selectComponent'}(selector): selector must be a non-empty string`);
  }
  if (!state.apis.has('selectComponents')) {
    warnOnce('selectComponents', 'this.$selectComponent/$selectAllComponents: this host does not answer component queries; they return nothing');
    return all ? [] : null;
  }
  const ids = invokeSync('selectComponents', { id: int.id, selector, all });
  const found: unknown[] = [];
  for (const id of Array.isArray(ids) ? ids : []) {
    const target = instances.get(id);
    // A component the view created whose compCreate is still on its way is not an instance yet.
    if (target && !target.dead && target.kind === 'component') found.push(refValue(target));
  }
  return all ? found : (found[0] ?? null);
}
