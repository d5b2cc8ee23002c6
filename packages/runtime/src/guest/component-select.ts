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
import { append, isArray } from './intrinsics.ts';

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') return false;
  return true;
}

export function selectComponents(int: Internal, selector: unknown, all: boolean): unknown {
  if (typeof selector !== 'string' || isBlank(selector)) {
    throw new TypeError(`${all ? '$selectAllComponents' : '$selectComponent'}(selector): selector must be a non-empty string`);
  }
  if (!state.apis.has('selectComponents')) {
    warnOnce('selectComponents', 'this.$selectComponent/$selectAllComponents: this host does not answer component queries; they return nothing');
    return all ? [] : null;
  }
  const ids = invokeSync('selectComponents', { id: int.id, selector, all });
  const found: unknown[] = [];
  const list = isArray(ids) ? ids : [];
  for (let i = 0; i < list.length; i++) {
    const target = instances.get(list[i] as number);
    // A component the view created whose compCreate is still on its way is not an instance yet.
    if (target && !target.dead && target.kind === 'component') append(found, refValue(target));
  }
  return all ? found : (found[0] ?? null);
}
