/** `Page()`, `getCurrentPages()` and the page side of the protocol. */
import { dropPageObservers } from './intersection-observer.ts';
import type { PageEventMessage, PageLoadMessage } from '../contract/protocol.ts';
import { buildPageDef, PAGE_LIFECYCLES } from './definitions.ts';
import { guard, reportError } from './errors.ts';
import { callHook, createInternal, destroy, instances, markDirty, sourceOf, type Definition, type Internal } from './instance.ts';
import { currentModule, moduleFailed, runModule } from './modules.ts';
import { teardownComponent } from './components.ts';
import { adoptOpenerChannel } from './event-channel.ts';
import { deepClone } from './path.ts';
import { isObject, state } from './state.ts';
import { SafeMap, append, sliceList, toStr } from './intrinsics.ts';

const pageDefs = new SafeMap<string, Definition>();

export function Page(options: unknown): void {
  const id = currentModule();
  if (!id) {
    reportError(new Error('Page() must be called from a page module, while the bundle loads it'));
    return;
  }
  pageDefs.set(id, buildPageDef(isObject(options) ? options : {}, id));
}

export function getCurrentPages(): Record<string, unknown>[] {
  const pages: Record<string, unknown>[] = [];
  const stack = state.stack;
  for (let i = 0; i < stack.length; i++) {
    const int = instances.get(stack[i]);
    if (int && int.kind === 'page') append(pages, int.pub);
  }
  return pages;
}

function pageDef(route: string): Definition | undefined {
  if (!pageDefs.has(route)) runModule(route);
  return pageDefs.get(route);
}

function page(id: number): Internal | undefined {
  const int = instances.get(id);
  return int && int.kind === 'page' && !int.dead ? int : undefined;
}

function componentsOf(pageId: number): Internal[] {
  const list: Internal[] = [];
  instances.forEach((int) => {
    if (int.kind === 'component' && int.pageId === pageId) append(list, int);
  });
  return list;
}

/** Page lifecycles and page events also reach the `rootEvents` of the page's components. */
function notifyComponents(pageId: number, name: string, args: unknown[]): void {
  const comps = componentsOf(pageId);
  for (let c = 0; c < comps.length; c++) {
    const comp = comps[c];
    const fns = comp.def.events[name];
    if (fns) for (let i = 0; i < fns.length; i++) if (!comp.dead) guard(fns[i], comp.pub, args, sourceOf(comp, name));
  }
}

export function loadPage(msg: PageLoadMessage): void {
  if (typeof msg.id !== 'number' || instances.has(msg.id)) return;
  const route = toStr(msg.route);
  let def = pageDef(route);
  // A module that threw fails the page with its own error (once); only a module that ran without calling Page() is "not registered".
  const failed = moduleFailed(route, { id: msg.id });
  if (!def) {
    if (!failed) reportError(new Error(`Page "${route}" is not registered: its module did not call Page()`), { id: msg.id });
    def = buildPageDef({});
  }
  const int = createInternal(msg.id, 'page', def, route, msg.id, msg.id);
  const pub = int.pub;
  pub.route = route;
  pub.$id = msg.id;
  pub.$viewId = msg.id;
  pub.data = def.makeData(pub);
  instances.set(msg.id, int);
  adoptOpenerChannel(int, msg.openedBy);
  markDirty(int);
  callHook(int, 'onLoad', [isObject(msg.query) ? deepClone(msg.query) : {}]);
}

export function pageLifecycle(id: number, name: 'onShow' | 'onReady' | 'onHide'): void {
  const int = page(id);
  if (!int) return;
  if (name === 'onReady') {
    if (int.readied) return;
    int.readied = true;
  }
  callHook(int, name, []);
  notifyComponents(id, name, []);
}

export function unloadPage(id: number): void {
  const int = page(id);
  if (!int) return;
  callHook(int, 'onUnload', []);
  notifyComponents(id, 'onUnload', []);
  destroy(int);
  dropPageObservers(id);
  // Components still attached to the page go with it (the host may not send compUnmount for them).
  const comps = componentsOf(id);
  for (let i = comps.length - 1; i >= 0; i--) if (!comps[i].dead) teardownComponent(comps[i]);
  const rest: number[] = [];
  for (let i = 0; i < state.stack.length; i++) if (state.stack[i] !== id) append(rest, state.stack[i]);
  state.stack = rest;
}

function isPageLifecycle(name: string): boolean {
  for (let i = 0; i < PAGE_LIFECYCLES.length; i++) if (PAGE_LIFECYCLES[i] === name) return true;
  return false;
}

export function pageEvent(msg: PageEventMessage): void {
  const int = page(msg.id);
  if (!int) return;
  const name = toStr(msg.name);
  const args = msg.arg === undefined ? [] : [msg.arg];
  const handlers = sliceList(int.def.events[name] ?? []);
  // A top-level method is equivalent to an `events` entry (docs) when the page's `events` lacks one.
  const own = int.pub[name];
  if (!int.def.ownEvents?.has(name) && !isPageLifecycle(name) && typeof own === 'function') append(handlers, own);
  for (let i = 0; i < handlers.length; i++) if (!int.dead) guard(handlers[i], int.pub, args, sourceOf(int));
  notifyComponents(msg.id, name, args);
}
