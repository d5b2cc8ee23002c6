/**
 * Turning `Page({...})`, `Component({...})` and `Mixin({...})` options into definitions:
 * merged data/props/methods and lifecycle lists, following the docs' mixin rules (the component
 * wins for props, methods and data; later mixins beat earlier ones; a referencing Mixin beats the
 * ones it references; lifecycles, `lifetimes` and observers all run, mixins first; one Mixin
 * instance runs once). `definitionFilter`s of the Mixins used run first and may rewrite the options
 * (docs: 自定义组件扩展). The `options` switches decide which of observers, lifetimes, relations and
 * externalClasses take effect (the docs make each opt-in).
 */
import { createSelectorQuery } from './selector-query.ts';
import { createIntersectionObserver } from './intersection-observer.ts';
import { makeRouter } from './router.ts';
import { deepClone } from './path.ts';
import { guard, reportError } from './errors.ts';
import { instances, internalOf, setData, spliceData, type Definition, type Internal, type ViewOptions } from './instance.ts';
import { isObject } from './state.ts';
import { collectObservers } from './observers.ts';
import { collectRelations, relationNodes } from './relations.ts';
import { openerChannel } from './event-channel.ts';
import { selectComponents } from './component-select.ts';
import { setUpdatePerformanceListener } from './update-performance.ts';
import { warnOnce } from './notices.ts';
import { SafeSet, SafeWeakMap, append, apply, create, freeze, isArray, keysOf, sliceList, toStr } from './intrinsics.ts';

// Definitions are built when the app's modules run (after app.js, which may have replaced built-ins): captured ones only.
const mixinOptions = new SafeWeakMap<object, Record<string, any>>();

/** `definitionFilter(defFields, nestedFilters)` of the Mixins `list` uses directly, applied to `target`. */
function applyDefinitionFilters(list: unknown, target: Record<string, any>): void {
  if (!isArray(list)) return;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const options = isObject(item) ? mixinOptions.get(item) : undefined;
    if (options && typeof options.definitionFilter === 'function') guard(options.definitionFilter, options, [target, nestedFilters(options)]);
  }
}

/** The filters of a Mixin's own Mixins, each completed with its own nested list (docs: 基础库补充传入). */
function nestedFilters(options: Record<string, any>): Function[] | undefined {
  const out: Function[] = [];
  const list: unknown[] = isArray(options.mixins) ? options.mixins : [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const nested = isObject(item) ? mixinOptions.get(item) : undefined;
    const filter = nested?.definitionFilter;
    if (typeof filter === 'function') append(out, (defFields: unknown) => apply(filter, nested, [defFields, nestedFilters(nested!)]));
  }
  return out.length > 0 ? out : undefined;
}

export function Mixin(options: unknown): object {
  const mixin = freeze(create(null) as object);
  const own = isObject(options) ? options : {};
  applyDefinitionFilters(own.mixins, own);
  mixinOptions.set(mixin, own);
  return mixin;
}

/** Layers in merge order: referenced before referencing, earlier before later. */
function flatten(list: unknown, seen: Set<object>, out: Record<string, any>[], nestedOnly: boolean): Record<string, any>[] {
  if (!isArray(list)) return out;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item)) continue;
    const options = mixinOptions.get(item);
    if (options) {
      if (seen.has(item)) continue;
      seen.add(item);
      flatten(options.mixins, seen, out, true);
      append(out, options);
    } else if (!nestedOnly) {
      // Plain objects are accepted at the top level only (docs: only Mixin() nests).
      append(out, item);
    }
  }
  return out;
}

function requireInstance(self: unknown, api: string): Internal {
  const int = internalOf(self);
  if (!int) throw new TypeError(`${api} must be called on a page or component instance`);
  return int;
}

function refValue(int: Internal): unknown {
  return int.def.ref ? guard(int.def.ref, int.pub, []) : int.pub;
}

/** Instance methods that need a layout or a feature mpk does not render: they exist, warn once, and do nothing. */
function unsupported(api: string, result: () => unknown) {
  return function (this: unknown) {
    warnOnce(api, `this.${api}() is not supported by mpk (no layout engine / not rendered); it does nothing`);
    return result();
  };
}

const inertObserver = () => {
  const observer: Record<string, Function> = {};
  const names = ['relativeTo', 'relativeToViewport', 'observe', 'disconnect'];
  for (let i = 0; i < names.length; i++) observer[names[i]] = () => observer;
  return observer;
};

const instanceBase = {
  setData(this: unknown, data: unknown, callback?: unknown) {
    setData(requireInstance(this, 'setData'), data, callback);
  },
  $spliceData(this: unknown, data: unknown, callback?: unknown) {
    spliceData(requireInstance(this, '$spliceData'), data, callback);
  },
  /** Every setData of one task already travels in one patch per instance; this just runs fn. */
  $batchedUpdates(this: unknown, fn: unknown) {
    if (typeof fn !== 'function') throw new TypeError('$batchedUpdates(callback): callback must be a function');
    return apply(fn, this, []);
  },
  createSelectorQuery(this: unknown) {
    const int = requireInstance(this, 'createSelectorQuery');
    return createSelectorQuery(int.pageId, int.id);
  },
  $selectComponent(this: unknown, selector: unknown) {
    return selectComponents(requireInstance(this, '$selectComponent'), selector, false);
  },
  $selectAllComponents(this: unknown, selector: unknown) {
    return selectComponents(requireInstance(this, '$selectAllComponents'), selector, true);
  },
  setUpdatePerformanceListener(this: unknown, options: unknown, listener: unknown) {
    setUpdatePerformanceListener(requireInstance(this, 'setUpdatePerformanceListener'), options, listener);
  },
  createIntersectionObserver(this: unknown, options?: unknown) {
    return createIntersectionObserver(requireInstance(this, 'createIntersectionObserver').pageId, options);
  },
  createMediaQueryObserver: unsupported('createMediaQueryObserver', inertObserver),
  getTabBar: unsupported('getTabBar', () => undefined),
};

const pageBase = create(instanceBase, {
  router: { get(this: Record<string, any>) { return makeRouter(toStr(this.route)); } },
  pageRouter: { get(this: Record<string, any>) { return makeRouter(toStr(this.route)); } },
  getOpenerEventChannel: { value(this: unknown) { return openerChannel(requireInstance(this, 'getOpenerEventChannel')); } },
});

const componentBase = create(instanceBase, {
  router: { get(this: unknown) { return makeRouter(requireInstance(this, 'router').name); } },
  pageRouter: {
    get(this: unknown) {
      const page = instances.get(requireInstance(this, 'pageRouter').pageId);
      return makeRouter(page ? page.name : '');
    },
  },
  hasMixin: {
    value(this: unknown, mixin: unknown) {
      const int = requireInstance(this, 'hasMixin');
      // Docs: a component registered with `ref` reports hasMixin('ref').
      if (mixin === 'ref') return typeof int.def.ref === 'function';
      return isObject(mixin) && int.def.mixins.has(mixin);
    },
  },
  selectOwnerComponent: {
    value(this: unknown) {
      const owner = instances.get(requireInstance(this, 'selectOwnerComponent').ownerId);
      return owner ? refValue(owner) : null;
    },
  },
  selectComposedParentComponent: {
    value(this: unknown) {
      const parent = instances.get(requireInstance(this, 'selectComposedParentComponent').parentId);
      return parent ? refValue(parent) : null;
    },
  },
  getRelationNodes: {
    value(this: unknown, key: unknown) {
      return relationNodes(requireInstance(this, 'getRelationNodes'), toStr(key));
    },
  },
  getSavedReloadState: { value: unsupported('getSavedReloadState', () => undefined) },
});

export { refValue };

function dataMaker(sources: unknown[]): (self: Record<string, unknown>) => Record<string, unknown> {
  return (self) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      const value = typeof source === 'function' ? guard(source, self, []) : deepClone(source);
      if (isObject(value)) assign(out, value);
    }
    return out;
  };
}

function push(table: Record<string, Function[]>, name: string, fn: unknown): void {
  if (typeof fn === 'function') append((table[name] ??= []), fn);
}

export const PAGE_LIFECYCLES = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload'];
const COMPONENT_LIFECYCLES = ['onInit', 'deriveDataFromProps', 'didMount', 'didUpdate', 'didUnmount', 'onError'];
/** Node-tree lifetimes (docs: 生命周期 → lifetimes), kept in `hooks` under their own names. */
export const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached'];
const PAGE_RESERVED = safeSet(['data', 'events', 'mixins', 'options', 'observers']);

/** `options` switches mpk acts on; `multipleSlots` is the WeChat spelling of what Alipay always does. */
const COMPONENT_SWITCHES = safeSet(['observers', 'lifetimes', 'relations', 'externalClasses', 'virtualHost', 'multipleSlots']);
const PAGE_SWITCHES = safeSet(['observers']);

function safeSet(names: readonly string[]): SafeSet<string> {
  const set = new SafeSet<string>();
  for (let i = 0; i < names.length; i++) set.add(names[i]);
  return set;
}

function isOneOf(list: readonly string[], name: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === name) return true;
  return false;
}

/** Own enumerable keys of `value` (an object), for each. */
function eachKey(value: object, fn: (key: string) => void): void {
  const keys = keysOf(value);
  for (let i = 0; i < keys.length; i++) fn(keys[i]);
}

/** `Object.assign(target, source)` with captured built-ins. */
function assign(target: Record<string, unknown>, source: Record<string, unknown>): void {
  eachKey(source, (key) => {
    target[key] = source[key];
  });
}

/** The merged `options` of the layers (the component's own win), with a warning for switches mpk does not know. */
function mergeOptions(layers: readonly Record<string, any>[], known: ReadonlySet<string>, what: string): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (let i = 0; i < layers.length; i++) if (isObject(layers[i].options)) assign(options, layers[i].options);
  eachKey(options, (key) => {
    if (!known.has(key)) warnOnce(`${what}:options.${key}`, `${what}: options.${key} is not supported by mpk and is ignored`);
  });
  return options;
}

/** A definition field that only works with its `options` switch on: warn when it is set without it. */
function requireSwitch(layers: readonly Record<string, any>[], options: Record<string, unknown>, field: string, what: string): boolean {
  let used = false;
  for (let i = 0; i < layers.length; i++) if (layers[i][field] !== undefined && layers[i][field] !== null) used = true;
  if (used && options[field] !== true) {
    warnOnce(`${what}:${field}`, `${what}: "${field}" is ignored because options.${field} is not true (the platform makes it opt-in; see 自定义组件 docs)`);
  }
  return used && options[field] === true;
}

/** Runs `build`, reporting a malformed definition (bad observer key, relation type) instead of throwing into the app. */
function collect<T>(build: () => T[]): T[] {
  try {
    return build();
  } catch (err) {
    reportError(err);
    return [];
  }
}

export function buildPageDef(options: Record<string, any>, route = ''): Definition {
  applyDefinitionFilters(options.mixins, options);
  const mixins = new SafeSet<object>();
  const layers = flatten(options.mixins, mixins, [], false);
  const proto = create(pageBase) as Record<string, unknown>;
  const hooks: Record<string, Function[]> = {};
  const events: Record<string, Function[]> = {};
  const fields: Record<string, unknown> = {};
  const dataSources: unknown[] = [];
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    if (layer.data !== undefined) append(dataSources, layer.data);
    if (isObject(layer.methods)) eachKey(layer.methods, (key) => {
      if (typeof layer.methods[key] === 'function') proto[key] = layer.methods[key];
    });
    if (isObject(layer.rootEvents)) eachKey(layer.rootEvents, (key) => push(isOneOf(PAGE_LIFECYCLES, key) ? hooks : events, key, layer.rootEvents[key]));
  }
  if (options.data !== undefined) append(dataSources, options.data);
  eachKey(options, (key) => {
    if (PAGE_RESERVED.has(key)) return;
    const value = options[key];
    if (typeof value === 'function') proto[key] = value;
    else fields[key] = value;
  });
  for (let i = 0; i < PAGE_LIFECYCLES.length; i++) push(hooks, PAGE_LIFECYCLES[i], options[PAGE_LIFECYCLES[i]]);
  if (isObject(options.events)) eachKey(options.events, (key) => push(events, key, options.events[key]));
  const what = `page "${route}"`;
  const all = sliceList(layers);
  append(all, options);
  const ownEvents = new SafeSet<string>();
  if (isObject(options.events)) eachKey(options.events, (key) => ownEvents.add(key));
  const merged = mergeOptions(all, PAGE_SWITCHES, what);
  return {
    kind: 'page', proto, makeData: dataMaker(dataSources), hooks, events,
    methods: {}, props: {}, fields, mixins, needsPrevData: false,
    ownEvents,
    observers: requireSwitch(all, merged, 'observers', what) ? collect(() => collectObservers(all)) : [],
    relations: [],
  };
}

export function buildComponentDef(options: Record<string, any>, id = ''): Definition {
  applyDefinitionFilters(options.mixins, options);
  const mixins = new SafeSet<object>();
  const layers = flatten(options.mixins, mixins, [], false);
  append(layers, options);
  const proto = create(componentBase) as Record<string, unknown>;
  const hooks: Record<string, Function[]> = {};
  const events: Record<string, Function[]> = {};
  const methods: Record<string, Function> = {};
  const props: Record<string, unknown> = {};
  const dataSources: unknown[] = [];
  const what = `component "${id}"`;
  const merged = mergeOptions(layers, COMPONENT_SWITCHES, what);
  const lifetimes = requireSwitch(layers, merged, 'lifetimes', what);
  let ref: Function | undefined;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    if (isObject(layer.props)) assign(props, layer.props);
    if (layer.data !== undefined) append(dataSources, layer.data);
    if (isObject(layer.methods)) eachKey(layer.methods, (key) => {
      if (typeof layer.methods[key] === 'function') methods[key] = layer.methods[key];
    });
    for (let i = 0; i < COMPONENT_LIFECYCLES.length; i++) push(hooks, COMPONENT_LIFECYCLES[i], layer[COMPONENT_LIFECYCLES[i]]);
    if (lifetimes && isObject(layer.lifetimes)) for (let i = 0; i < LIFETIMES.length; i++) push(hooks, LIFETIMES[i], layer.lifetimes[LIFETIMES[i]]);
    if (isObject(layer.rootEvents)) eachKey(layer.rootEvents, (key) => push(events, key, layer.rootEvents[key]));
    if (typeof layer.ref === 'function') ref = layer.ref;
  }
  eachKey(methods, (key) => {
    proto[key] = methods[key];
  });
  const view: ViewOptions = {};
  if (typeof merged.virtualHost === 'boolean') view.virtualHost = merged.virtualHost;
  if (requireSwitch(layers, merged, 'externalClasses', what)) {
    const names: string[] = [];
    for (let l = 0; l < layers.length; l++) {
      const list = layers[l].externalClasses;
      if (!isArray(list)) continue;
      for (let i = 0; i < list.length; i++) {
        const name = list[i];
        if (typeof name === 'string' && name && !isOneOf(names, name)) append(names, name);
      }
    }
    view.externalClasses = names;
  }
  return {
    kind: 'component', proto, makeData: dataMaker(dataSources), hooks, events, methods,
    props, fields: {}, ref, mixins, needsPrevData: (hooks.didUpdate?.length ?? 0) > 0,
    observers: requireSwitch(layers, merged, 'observers', what) ? collect(() => collectObservers(layers)) : [],
    relations: requireSwitch(layers, merged, 'relations', what) ? collect(() => collectRelations(layers, id)) : [],
    view: keysOf(view).length > 0 ? view : undefined,
  };
}
