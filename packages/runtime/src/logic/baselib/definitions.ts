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

const mixinOptions = new WeakMap<object, Record<string, any>>();

/** `definitionFilter(defFields, nestedFilters)` of the Mixins `list` uses directly, applied to `target`. */
function applyDefinitionFilters(list: unknown, target: Record<string, any>): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const options = isObject(item) ? mixinOptions.get(item) : undefined;
    if (options && typeof options.definitionFilter === 'function') guard(options.definitionFilter, options, [target, nestedFilters(options)]);
  }
}

/** The filters of a Mixin's own Mixins, each completed with its own nested list (docs: 基础库补充传入). */
function nestedFilters(options: Record<string, any>): Function[] | undefined {
  const out: Function[] = [];
  for (const item of Array.isArray(options.mixins) ? options.mixins : []) {
    const nested = isObject(item) ? mixinOptions.get(item) : undefined;
    const filter = nested?.definitionFilter;
    if (typeof filter === 'function') out.push((defFields: unknown) => filter.call(nested, defFields, nestedFilters(nested!)));
  }
  return out.length > 0 ? out : undefined;
}

export function Mixin(options: unknown): object {
  const mixin = Object.freeze(Object.create(null) as object);
  const own = isObject(options) ? options : {};
  applyDefinitionFilters(own.mixins, own);
  mixinOptions.set(mixin, own);
  return mixin;
}

/** Layers in merge order: referenced before referencing, earlier before later. */
function flatten(list: unknown, seen: Set<object>, out: Record<string, any>[], nestedOnly: boolean): Record<string, any>[] {
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (!isObject(item)) continue;
    const options = mixinOptions.get(item);
    if (options) {
      if (seen.has(item)) continue;
      seen.add(item);
      flatten(options.mixins, seen, out, true);
      out.push(options);
    } else if (!nestedOnly) {
      // Plain objects are accepted at the top level only (docs: only Mixin() nests).
      out.push(item);
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
  for (const name of ['relativeTo', 'relativeToViewport', 'observe', 'disconnect']) observer[name] = () => observer;
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
    return fn.call(this);
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
  createIntersectionObserver: unsupported('createIntersectionObserver', inertObserver),
  createMediaQueryObserver: unsupported('createMediaQueryObserver', inertObserver),
  getTabBar: unsupported('getTabBar', () => undefined),
};

const pageBase = Object.create(instanceBase, {
  router: { get(this: Record<string, any>) { return makeRouter(String(this.route)); } },
  pageRouter: { get(this: Record<string, any>) { return makeRouter(String(this.route)); } },
  getOpenerEventChannel: { value(this: unknown) { return openerChannel(requireInstance(this, 'getOpenerEventChannel')); } },
});

const componentBase = Object.create(instanceBase, {
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
      return relationNodes(requireInstance(this, 'getRelationNodes'), String(key));
    },
  },
  getSavedReloadState: { value: unsupported('getSavedReloadState', () => undefined) },
});

export { refValue };

function dataMaker(sources: unknown[]): (self: Record<string, unknown>) => Record<string, unknown> {
  return (self) => {
    const out: Record<string, unknown> = {};
    for (const source of sources) {
      const value = typeof source === 'function' ? guard(source, self, []) : deepClone(source);
      if (isObject(value)) Object.assign(out, value);
    }
    return out;
  };
}

function push(table: Record<string, Function[]>, name: string, fn: unknown): void {
  if (typeof fn === 'function') (table[name] ??= []).push(fn);
}

export const PAGE_LIFECYCLES = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload'];
const COMPONENT_LIFECYCLES = ['onInit', 'deriveDataFromProps', 'didMount', 'didUpdate', 'didUnmount', 'onError'];
/** Node-tree lifetimes (docs: 生命周期 → lifetimes), kept in `hooks` under their own names. */
export const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached'];
const PAGE_RESERVED = new Set(['data', 'events', 'mixins', 'options', 'observers']);

/** `options` switches mpk acts on; `multipleSlots` is the WeChat spelling of what Alipay always does. */
const COMPONENT_SWITCHES = new Set(['observers', 'lifetimes', 'relations', 'externalClasses', 'virtualHost', 'multipleSlots']);
const PAGE_SWITCHES = new Set(['observers']);

/** The merged `options` of the layers (the component's own win), with a warning for switches mpk does not know. */
function mergeOptions(layers: readonly Record<string, any>[], known: ReadonlySet<string>, what: string): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const layer of layers) if (isObject(layer.options)) Object.assign(options, layer.options);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) warnOnce(`${what}:options.${key}`, `${what}: options.${key} is not supported by mpk and is ignored`);
  }
  return options;
}

/** A definition field that only works with its `options` switch on: warn when it is set without it. */
function requireSwitch(layers: readonly Record<string, any>[], options: Record<string, unknown>, field: string, what: string): boolean {
  const used = layers.some((layer) => layer[field] !== undefined && layer[field] !== null);
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
  const mixins = new Set<object>();
  const layers = flatten(options.mixins, mixins, [], false);
  const proto = Object.create(pageBase) as Record<string, unknown>;
  const hooks: Record<string, Function[]> = {};
  const events: Record<string, Function[]> = {};
  const fields: Record<string, unknown> = {};
  const dataSources: unknown[] = [];
  for (const layer of layers) {
    if (layer.data !== undefined) dataSources.push(layer.data);
    if (isObject(layer.methods)) for (const key of Object.keys(layer.methods)) if (typeof layer.methods[key] === 'function') proto[key] = layer.methods[key];
    if (isObject(layer.rootEvents)) {
      for (const key of Object.keys(layer.rootEvents)) push(PAGE_LIFECYCLES.includes(key) ? hooks : events, key, layer.rootEvents[key]);
    }
  }
  if (options.data !== undefined) dataSources.push(options.data);
  for (const key of Object.keys(options)) {
    if (PAGE_RESERVED.has(key)) continue;
    const value = options[key];
    if (typeof value === 'function') proto[key] = value;
    else fields[key] = value;
  }
  for (const name of PAGE_LIFECYCLES) push(hooks, name, options[name]);
  if (isObject(options.events)) for (const key of Object.keys(options.events)) push(events, key, options.events[key]);
  const what = `page "${route}"`;
  const all = [...layers, options];
  const merged = mergeOptions(all, PAGE_SWITCHES, what);
  return {
    kind: 'page', proto, makeData: dataMaker(dataSources), hooks, events,
    methods: {}, props: {}, fields, mixins, needsPrevData: false,
    ownEvents: new Set(isObject(options.events) ? Object.keys(options.events) : []),
    observers: requireSwitch(all, merged, 'observers', what) ? collect(() => collectObservers(all)) : [],
    relations: [],
  };
}

export function buildComponentDef(options: Record<string, any>, id = ''): Definition {
  applyDefinitionFilters(options.mixins, options);
  const mixins = new Set<object>();
  const layers = [...flatten(options.mixins, mixins, [], false), options];
  const proto = Object.create(componentBase) as Record<string, unknown>;
  const hooks: Record<string, Function[]> = {};
  const events: Record<string, Function[]> = {};
  const methods: Record<string, Function> = {};
  const props: Record<string, unknown> = {};
  const dataSources: unknown[] = [];
  const what = `component "${id}"`;
  const merged = mergeOptions(layers, COMPONENT_SWITCHES, what);
  const lifetimes = requireSwitch(layers, merged, 'lifetimes', what);
  let ref: Function | undefined;
  for (const layer of layers) {
    if (isObject(layer.props)) Object.assign(props, layer.props);
    if (layer.data !== undefined) dataSources.push(layer.data);
    if (isObject(layer.methods)) {
      for (const key of Object.keys(layer.methods)) if (typeof layer.methods[key] === 'function') methods[key] = layer.methods[key];
    }
    for (const name of COMPONENT_LIFECYCLES) push(hooks, name, layer[name]);
    if (lifetimes && isObject(layer.lifetimes)) for (const name of LIFETIMES) push(hooks, name, layer.lifetimes[name]);
    if (isObject(layer.rootEvents)) for (const key of Object.keys(layer.rootEvents)) push(events, key, layer.rootEvents[key]);
    if (typeof layer.ref === 'function') ref = layer.ref;
  }
  for (const key of Object.keys(methods)) proto[key] = methods[key];
  const view: ViewOptions = {};
  if (typeof merged.virtualHost === 'boolean') view.virtualHost = merged.virtualHost;
  if (requireSwitch(layers, merged, 'externalClasses', what)) {
    const names = new Set<string>();
    for (const layer of layers) if (Array.isArray(layer.externalClasses)) for (const name of layer.externalClasses) if (typeof name === 'string' && name) names.add(name);
    view.externalClasses = [...names];
  }
  return {
    kind: 'component', proto, makeData: dataMaker(dataSources), hooks, events, methods,
    props, fields: {}, ref, mixins, needsPrevData: (hooks.didUpdate?.length ?? 0) > 0,
    observers: requireSwitch(layers, merged, 'observers', what) ? collect(() => collectObservers(layers)) : [],
    relations: requireSwitch(layers, merged, 'relations', what) ? collect(() => collectRelations(layers, id)) : [],
    view: Object.keys(view).length > 0 ? view : undefined,
  };
}
