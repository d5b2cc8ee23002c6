/**
 * Turning `Page({...})`, `Component({...})` and `Mixin({...})` options into definitions:
 * merged data/props/methods and lifecycle lists, following the docs' mixin rules (the component
 * wins for props, methods and data; later mixins beat earlier ones; a referencing Mixin beats the
 * ones it references; lifecycles all run, mixins first; one Mixin instance runs once).
 */
import { createSelectorQuery } from './selector-query.ts';
import { makeRouter } from './router.ts';
import { deepClone } from './path.ts';
import { guard } from './errors.ts';
import { instances, internalOf, setData, spliceData, type Definition, type Internal } from './instance.ts';
import { isObject } from './state.ts';

const mixinOptions = new WeakMap<object, Record<string, any>>();

export function Mixin(options: unknown): object {
  const mixin = Object.freeze(Object.create(null) as object);
  mixinOptions.set(mixin, isObject(options) ? options : {});
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
};

const pageBase = Object.create(instanceBase, {
  router: { get(this: Record<string, any>) { return makeRouter(String(this.route)); } },
  pageRouter: { get(this: Record<string, any>) { return makeRouter(String(this.route)); } },
});

const componentBase = Object.create(instanceBase, {
  router: { get(this: unknown) { return makeRouter(requireInstance(this, 'router').name); } },
  pageRouter: {
    get(this: unknown) {
      const page = instances.get(requireInstance(this, 'pageRouter').pageId);
      return makeRouter(page ? page.name : '');
    },
  },
  hasMixin: { value(this: unknown, mixin: unknown) { return isObject(mixin) && requireInstance(this, 'hasMixin').def.mixins.has(mixin); } },
  selectOwnerComponent: {
    value(this: unknown) {
      const owner = instances.get(requireInstance(this, 'selectOwnerComponent').ownerId);
      return owner ? refValue(owner) : null;
    },
  },
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
const PAGE_RESERVED = new Set(['data', 'events', 'mixins', 'options', 'observers']);

export function buildPageDef(options: Record<string, any>): Definition {
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
  return {
    kind: 'page', proto, makeData: dataMaker(dataSources), hooks, events,
    methods: {}, props: {}, fields, mixins, needsPrevData: false,
    ownEvents: new Set(isObject(options.events) ? Object.keys(options.events) : []),
  };
}

export function buildComponentDef(options: Record<string, any>): Definition {
  const mixins = new Set<object>();
  const layers = [...flatten(options.mixins, mixins, [], false), options];
  const proto = Object.create(componentBase) as Record<string, unknown>;
  const hooks: Record<string, Function[]> = {};
  const events: Record<string, Function[]> = {};
  const methods: Record<string, Function> = {};
  const props: Record<string, unknown> = {};
  const dataSources: unknown[] = [];
  let ref: Function | undefined;
  for (const layer of layers) {
    if (isObject(layer.props)) Object.assign(props, layer.props);
    if (layer.data !== undefined) dataSources.push(layer.data);
    if (isObject(layer.methods)) {
      for (const key of Object.keys(layer.methods)) if (typeof layer.methods[key] === 'function') methods[key] = layer.methods[key];
    }
    for (const name of COMPONENT_LIFECYCLES) push(hooks, name, layer[name]);
    if (isObject(layer.rootEvents)) for (const key of Object.keys(layer.rootEvents)) push(events, key, layer.rootEvents[key]);
    if (typeof layer.ref === 'function') ref = layer.ref;
  }
  for (const key of Object.keys(methods)) proto[key] = methods[key];
  return {
    kind: 'component', proto, makeData: dataMaker(dataSources), hooks, events, methods,
    props, fields: {}, ref, mixins, needsPrevData: (hooks.didUpdate?.length ?? 0) > 0,
  };
}
