/**
 * `Component()` and the component side of the protocol (create, props, mount, move, unmount, ref,
 * function props). Order of the lifecycles (lifetimes only with `options.lifetimes`):
 * compCreate → created, onInit, deriveDataFromProps, attached, relations linked, owner's ref;
 * compMount → didMount, ready; compMove → moved, linkChanged; compUnmount (or the page unloading)
 * → detached, unlinked, didUnmount.
 */
import type { ComponentCreateMessage, ComponentPropsMessage, EventMessage } from '../contract/protocol.ts';
import { buildComponentDef, refValue } from './definitions.ts';
import { guard, reportError } from './errors.ts';
import { beginPropsUpdate, callHook, createInternal, destroy, instances, markDirty, sourceOf, type Definition, type Internal } from './instance.ts';
import { currentModule, moduleFailed, runModule } from './modules.ts';
import { recordPropsChange } from './observers.ts';
import { linkAttached, relinkMoved, unlinkDetached } from './relations.ts';
import { isObject } from './state.ts';
import { post } from './host.ts';
import { SafeMap, SafeSet, apply, keysOf, toStr } from './intrinsics.ts';

const componentDefs = new SafeMap<string, Definition>();

export function Component(options: unknown): void {
  const id = currentModule();
  if (!id) {
    reportError(new Error('Component() must be called from a component module, while the bundle loads it'));
    return;
  }
  componentDefs.set(id, buildComponentDef(isObject(options) ? options : {}, id));
}

function componentDef(is: string): Definition | undefined {
  if (!componentDefs.has(is)) runModule(is);
  return componentDefs.get(is);
}

function component(id: number): Internal | undefined {
  const int = instances.get(id);
  return int && int.kind === 'component' && !int.dead ? int : undefined;
}

function isFunctionMarker(value: unknown): value is { $fn: string } {
  return isObject(value) && typeof value.$fn === 'string' && keysOf(value).length === 1;
}

/** Page methods live on the instance; a component's handlers in its `methods`. */
export function handlerOf(int: Internal, name: string): Function | undefined {
  const fn = int.kind === 'page' ? int.pub[name] : int.def.methods[name];
  return typeof fn === 'function' ? fn : undefined;
}

/** A function prop calls the owner's method with the owner as `this`; one function per (prop, method). */
function ownerMethod(int: Internal, prop: string, method: string): Function {
  const key = prop + '\u0000' + method;
  let fn = int.fnProps.get(key);
  if (!fn) {
    const ownerId = int.ownerId;
    fn = function (this: unknown, ...args: unknown[]) {
      const owner = instances.get(ownerId);
      if (!owner || owner.dead) return undefined;
      const target = handlerOf(owner, method);
      if (!target) {
        reportError(new TypeError(`prop "${prop}" of component "${int.name}" calls "${method}", which ${owner.kind} "${owner.name}" does not define`), sourceOf(owner));
        return undefined;
      }
      return apply(target, owner.pub, args);
    };
    int.fnProps.set(key, fn);
  }
  return fn;
}

const warnedMissing = new SafeSet<string>();

function warnMissingMethod(int: Internal, owner: Internal, prop: string, method: string): void {
  const key = `${owner.name}\u0000${int.name}\u0000${prop}\u0000${method}`;
  if (warnedMissing.has(key)) return;
  warnedMissing.add(key);
  post({ t: 'log', level: 'warn', args: [`prop "${prop}" of component "${int.name}" names "${method}", which ${owner.kind} "${owner.name}" does not define; the prop is left unset`] });
}

function resolveProps(int: Internal, passed: unknown): Record<string, unknown> {
  const props: Record<string, unknown> = { ...int.def.props };
  if (isObject(passed)) {
    const keys = keysOf(passed);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = passed[key];
      if (!isFunctionMarker(value)) {
        props[key] = value;
        continue;
      }
      // As on the platform, a prop naming a method the owner does not have binds nothing (the
      // component's `this.props.onX && this.props.onX()` then skips it): a warning, not an error.
      const owner = instances.get(int.ownerId);
      if (owner && !owner.dead && !handlerOf(owner, value.$fn)) {
        warnMissingMethod(int, owner, key, value.$fn);
        continue;
      }
      props[key] = ownerMethod(int, key, value.$fn);
    }
  }
  return props;
}

export function createComponent(msg: ComponentCreateMessage): void {
  if (typeof msg.id !== 'number' || instances.has(msg.id)) return;
  const is = toStr(msg.is);
  let def = componentDef(is);
  // A module that threw fails the component with its own error (once); see loadPage.
  const failed = moduleFailed(is, { id: msg.id });
  if (!def) {
    if (!failed) reportError(new Error(`Component "${is}" is not registered: its module did not call Component()`), { id: msg.id });
    def = buildComponentDef({}, is);
  }
  const int = createInternal(msg.id, 'component', def, is, msg.page, msg.owner);
  if (typeof msg.parent === 'number') int.parentId = msg.parent;
  const pub = int.pub;
  pub.is = is[0] === '/' ? is : '/' + is;
  pub.$id = msg.id;
  pub.$page = instances.get(msg.page)?.pub;
  pub.props = resolveProps(int, msg.props);
  pub.data = def.makeData(pub);
  instances.set(msg.id, int);
  markDirty(int);
  callHook(int, 'created', []);
  callHook(int, 'onInit', []);
  callHook(int, 'deriveDataFromProps', [pub.props]);
  callHook(int, 'attached', []);
  if (!int.dead) linkAttached(int);
  if (msg.ref) deliverRef(int, toStr(msg.ref));
}

function deliverRef(int: Internal, method: string): void {
  const owner = instances.get(int.ownerId);
  if (!owner || owner.dead || int.dead) return;
  const fn = handlerOf(owner, method);
  if (!fn) {
    reportError(new TypeError(`ref="${method}" on component "${int.name}": ${owner.kind} "${owner.name}" has no such method`), sourceOf(owner));
    return;
  }
  guard(fn, owner.pub, [refValue(int)], sourceOf(owner, method));
}

export function updateProps(msg: ComponentPropsMessage): void {
  const int = component(msg.id);
  if (!int) return;
  const next = resolveProps(int, msg.props);
  beginPropsUpdate(int);
  callHook(int, 'deriveDataFromProps', [next]);
  if (int.dead) return;
  recordPropsChange(int, int.pub.props, next);
  int.pub.props = next;
  int.propsChanged = true;
  markDirty(int);
}

export function mountComponent(id: number): void {
  const int = component(id);
  if (!int) return;
  callHook(int, 'didMount', []);
  callHook(int, 'ready', []);
}

/** A keyed re-render moved the component to another place among its siblings. */
export function moveComponent(id: number): void {
  const int = component(id);
  if (!int) return;
  callHook(int, 'moved', []);
  if (!int.dead) relinkMoved(int);
}

export function unmountComponent(id: number): void {
  const int = component(id);
  if (int) teardownComponent(int);
}

/** The component leaves the tree (compUnmount, or its page unloading): detached, unlinked, didUnmount, gone. */
export function teardownComponent(int: Internal): void {
  callHook(int, 'detached', []);
  unlinkDetached(int);
  callHook(int, 'didUnmount', []);
  destroy(int);
}

export function dispatchEvent(msg: EventMessage): void {
  const int = instances.get(msg.id);
  if (!int || int.dead) return;
  const name = toStr(msg.handler);
  const fn = handlerOf(int, name);
  if (!fn) {
    const where = int.kind === 'page' ? `page "${int.name}" has no method` : `component "${int.name}" has no methods entry`;
    reportError(new Error(`Event handler not found: ${where} "${name}" (for a "${isObject(msg.event) ? toStr(msg.event.type) : '?'}" event)`), sourceOf(int));
    return;
  }
  guard(fn, int.pub, [msg.event], sourceOf(int, name));
}
