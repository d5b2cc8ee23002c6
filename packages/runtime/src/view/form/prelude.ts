/**
 * The prelude of every loaded view: the helpers emitted render code and compiled SJS call, and
 * the linker that instantiates template units and SJS modules lazily. Each view form that loads
 * gets a fresh one (its own frozen copies of the built-ins), evaluated together with the code
 * the runtime emitted for that form (load.ts).
 *
 * It is plain JavaScript kept in a string so it is evaluated in the same function as the units
 * and modules that use it, and does not depend on how this TypeScript file is transpiled.
 */
import { TEMPLATE_GLOBALS } from './globals.ts';
import { RESERVED_PROPERTIES } from './reserved.ts';
import {
  SJS_MATH_CONSTANTS,
  SJS_MATH_FUNCTIONS,
  SJS_NUMBER_CONSTANTS,
  SJS_PLAIN_FUNCTIONS,
} from '../sjs/globals.ts';

/** Limits enforced at render time. */
export const RENDER_LIMITS = {
  /** `a:for="{{n}}"` over a number larger than this throws (a typo must not allocate a billion nodes). */
  maxNumberIteration: 100_000,
  /** Longest string `repeat`/`padStart`/`padEnd` may build in a template (characters). */
  maxBuiltString: 1 << 20,
  /** Template / include nesting (a template using itself through a dynamic `is`). */
  maxTemplateDepth: 64,
};

const list = (names: readonly string[]) => JSON.stringify(names);

/** JS expression: `(function (registrar) { … })` returning `{ h, S, link }`. */
export const PRELUDE = `(function (registrar) {
  "use strict";
  const hasOwn = Object.prototype.hasOwnProperty;
  const objectToString = Object.prototype.toString;
  const getProto = Object.getPrototypeOf;
  const getDesc = Object.getOwnPropertyDescriptor;
  const defineProperty = Object.defineProperty;
  const objectKeys = Object.keys;
  const create = Object.create;
  const freeze = Object.freeze;
  const isArray = Array.isArray;
  const arrayFrom = Array.from;
  const apply = Reflect.apply;
  const HostDate = Date;
  const HostRegExp = RegExp;
  const HostSet = Set;
  const HostMap = Map;
  const BLOCKED_KEY = " mpk blocked ";
  const BLOCKED = new HostSet(${list(RESERVED_PROPERTIES)}.concat([BLOCKED_KEY]));
  const EMPTY = freeze(create(null));
  const EMPTY_ITER = freeze([freeze([]), null]);
  const MAX_NUMBER_ITERATION = ${RENDER_LIMITS.maxNumberIteration};
  const MAX_DEPTH = ${RENDER_LIMITS.maxTemplateDepth};
  const MAX_BUILT_STRING = ${RENDER_LIMITS.maxBuiltString};
  const arraySlice = Array.prototype.slice;
  // Not \`Function.prototype\`: the emitted view code runs with \`Function\` shadowed.
  const functionProto = getProto(function () {});
  const HostString = String;
  let depth = 0;

  // ---- template helpers (the "h" of generated units) ----

  /** Text of a value: '' for null/undefined/functions, JSON for objects and arrays. */
  function t(v) {
    if (typeof v === "string") return v;
    if (v === undefined || v === null) return "";
    switch (typeof v) {
      case "number": case "boolean": case "bigint": return String(v);
      case "function": case "symbol": return "";
      default:
        try { const s = JSON.stringify(v); return s === undefined ? "" : s; } catch (e) { return ""; }
    }
  }

  /** Guarded dynamic read: nothing for reserved names and for inherited accessors. */
  function g(o, k) {
    if (o === undefined || o === null) return undefined;
    if (typeof k !== "number") {
      if (typeof k === "symbol") return undefined;
      if (typeof k !== "string") { try { k = String(k); } catch (e) { return undefined; } }
      if (BLOCKED.has(k)) return undefined;
    }
    const type = typeof o;
    if (type !== "object" && type !== "function") return o[k];
    if (hasOwn.call(o, k)) return o[k];
    for (let p = getProto(o); p !== null; p = getProto(p)) {
      const d = getDesc(p, k);
      if (d !== undefined) return "value" in d ? d.value : undefined;
    }
    return undefined;
  }

  // ---- calls: every call in a template goes through invoke(), which knows the receiver ----

  // Built-ins that need more than a plain call. Array mutators run on a copy (the render data is
  // the view's copy-on-write tree: a template must never change it); string builders are bounded;
  // call/apply/bind re-dispatch through invoke() so the target's policy still applies.
  const POLICIES = new HostMap();
  const onCopy = (f, self, args) => {
    if (!isArray(self)) throw new TypeError("Array methods that change their array only work on arrays in templates");
    return apply(f, apply(arraySlice, self, []), args);
  };
  for (const name of ["push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin"]) {
    POLICIES.set(Array.prototype[name], onCopy);
  }
  const bounded = (f, self, args) => {
    const out = apply(f, self, args);
    if (typeof out === "string" && out.length > MAX_BUILT_STRING) throw new RangeError("A template built a string longer than " + MAX_BUILT_STRING + " characters");
    return out;
  };
  const sizeOf = (self, args, name) => {
    const s = HostString(self);
    const n = name === "repeat" ? s.length * Number(args[0]) : Number(args[0]);
    if (n > MAX_BUILT_STRING) throw new RangeError("String.prototype." + name + " would build more than " + MAX_BUILT_STRING + " characters in a template");
  };
  POLICIES.set(String.prototype.repeat, (f, self, args) => { sizeOf(self, args, "repeat"); return apply(f, self, args); });
  POLICIES.set(String.prototype.padStart, (f, self, args) => { sizeOf(self, args, "padStart"); return apply(f, self, args); });
  POLICIES.set(String.prototype.padEnd, (f, self, args) => { sizeOf(self, args, "padEnd"); return apply(f, self, args); });
  POLICIES.set(Array.prototype.join, bounded);
  POLICIES.set(functionProto.call, (f, self, args) => invoke(self, args[0], apply(arraySlice, args, [1]), "call"));
  POLICIES.set(functionProto.apply, (f, self, args) => {
    const list = args[1];
    return invoke(self, args[0], list === undefined || list === null ? [] : arrayFrom(list), "apply");
  });
  POLICIES.set(functionProto.bind, (f, self, args) => {
    if (typeof self !== "function") throw new TypeError("bind must be called on a function");
    const thisArg = args[0];
    const bound = apply(arraySlice, args, [1]);
    return freeze((...more) => invoke(self, thisArg, bound.concat(more), "bound function"));
  });

  function invoke(f, self, args, name) {
    if (typeof f !== "function") throw new TypeError(t(name) + " is not a function");
    const policy = POLICIES.get(f);
    return policy === undefined ? apply(f, self, args) : policy(f, self, args);
  }

  /** \`o[k](...args)\` with \`this\` = o; nothing for a null or undefined receiver (like member reads). */
  function call(o, k, args) {
    if (o === undefined || o === null) return undefined;
    return invoke(g(o, k), o, args, k);
  }

  /** \`f(...args)\` for a value that is not a member (an SJS binding, an item, an arrow function). */
  function fn(f, args, name) {
    return invoke(f, undefined, args, name);
  }

  /** Kept for view modules linked before calls became general: SJS binding calls with a computed key. */
  function callk(o, k, args) {
    return invoke(g(o, k), o, args, k);
  }

  /** \`new C(...args)\`: only the template globals Date and RegExp construct. */
  function nw(c, args) {
    if (c === TG.Date) return new HostDate(...args);
    if (c === TG.RegExp) return new HostRegExp(...args);
    throw new TypeError("Only Date and RegExp can be constructed with new in templates");
  }

  /** A template literal substitution: JavaScript's ToString. */
  function str(v) {
    return \`\${v}\`;
  }

  /** A regular expression literal: a new object per evaluation, as in JavaScript. */
  function re(pattern, flags) {
    return new HostRegExp(pattern, flags);
  }

  /** A template global (\`Math\`, \`JSON\`…): the data's own value of that name wins. */
  function gv(scope, name) {
    const v = scope === undefined || scope === null ? undefined : scope[name];
    return v === undefined ? TG[name] : v;
  }

  /** a:for over arrays, objects (keys as index), numbers (0..n-1) and strings (characters). */
  function iter(v) {
    if (isArray(v)) return [v, null];
    if (v === undefined || v === null) return EMPTY_ITER;
    switch (typeof v) {
      case "number": {
        if (!(v >= 1)) return EMPTY_ITER;
        if (v > MAX_NUMBER_ITERATION) throw new RangeError("a:for over the number " + v + " exceeds the limit of " + MAX_NUMBER_ITERATION);
        const n = Math.floor(v);
        const a = new Array(n);
        for (let i = 0; i < n; i++) a[i] = i;
        return [a, null];
      }
      case "string": return [arrayFrom(v), null];
      case "object": {
        const keys = objectKeys(v);
        const values = new Array(keys.length);
        for (let i = 0; i < keys.length; i++) values[i] = v[keys[i]];
        return [values, keys];
      }
      default: return EMPTY_ITER;
    }
  }

  function key(v) {
    if (typeof v === "string" || typeof v === "number") return v;
    if (v === undefined || v === null) return undefined;
    return t(v);
  }

  function key2(k, j) {
    return k === undefined ? undefined : k + ":" + j;
  }

  // A <slot name="{{…}}"> whose name comes out empty is a named slot that no content fills (its fallback
  // shows), not the default slot: antd-mini's SwipeAction buttons use name="{{item.slotName || ''}}".
  const UNNAMED_SLOT = " mpk unnamed slot ";
  function slotName(v) {
    return v === "" || v === undefined || v === null ? UNNAMED_SLOT : t(v);
  }

  /**
   * Tags the element nodes one template position pushed since \`start\` with that position
   * (VElement.pos; nested positions read outer/inner). Nodes are fresh objects of this render.
   */
  function mark(out, start, position) {
    for (let i = start; i < out.length; i++) {
      const node = out[i];
      if (node === null || typeof node !== "object" || node.kind !== "element") continue;
      node.pos = node.pos === undefined ? position : position + "/" + node.pos;
    }
  }

  // Memoised a:for bodies (codegen's pureLoopBody): an item object's vnodes, reused while the view
  // keeps that object. Field p keeps each node's position from inside the body, because the enclosing
  // mark() prepends its own position on every render.
  function memoGet(memo, item, index) {
    if (item === null || typeof item !== "object") return undefined;
    const entry = memo.get(item);
    return entry !== undefined && entry.i === index ? entry : undefined;
  }

  function memoPush(out, entry) {
    const nodes = entry.n;
    for (let j = 0; j < nodes.length; j++) {
      const node = nodes[j];
      if (node !== null && typeof node === "object" && node.kind === "element") node.pos = entry.p[j];
      out.push(node);
    }
  }

  function memoSet(memo, item, index, out, start) {
    if (item === null || typeof item !== "object") return;
    const nodes = out.slice(start);
    memo.set(item, { i: index, n: nodes, p: nodes.map((node) => (node !== null && typeof node === "object" ? node.pos : undefined)) });
  }

  /** Event handler from a lone {{ }}: a function (SJS) or a method name. */
  function handler(v) {
    if (typeof v === "function" || typeof v === "string") return v;
    return "";
  }

  function push(out, list) {
    for (let i = 0; i < list.length; i++) out.push(list[i]);
  }

  function enter() {
    if (depth >= MAX_DEPTH) throw new RangeError("Templates and includes nest more than " + MAX_DEPTH + " levels deep (does a template use itself?)");
    depth++;
  }

  /** <template is>: the template's scope is only its data. */
  function tpl(fn, data, out) {
    if (typeof fn !== "function") return;
    enter();
    try { push(out, fn(data === undefined || data === null ? EMPTY : data)); } finally { depth--; }
  }

  /** <include>: the included file renders with the includer's scope. */
  function inc(unit, scope, fallbackLookup, out) {
    if (!unit) return;
    enter();
    try { push(out, unit.render(scope, fallbackLookup)); } finally { depth--; }
  }

  /** The data scope with template-declared names (a:for items) layered on top. */
  function withLocals(scope, locals) {
    const base = scope !== null && (typeof scope === "object" || typeof scope === "function") ? scope : EMPTY;
    const props = {};
    for (const name of objectKeys(locals)) props[name] = { value: locals[name], enumerable: true };
    return create(base, props);
  }

  /** Template name → render function: own templates, then those of imported files (not theirs). */
  function lookup(own, env, files) {
    return function (name) {
      if (typeof name !== "string") return undefined;
      const f = own.get(name);
      if (f !== undefined) return f;
      for (let i = 0; i < files.length; i++) {
        const u = env.unit(files[i]);
        const g = u === undefined ? undefined : u.templates.get(name);
        if (g !== undefined) return g;
      }
      return undefined;
    };
  }

  function chain(first, second) {
    return function (name) {
      const f = first(name);
      return f !== undefined ? f : second(name);
    };
  }

  const h = freeze({ t, g, call, fn, callk, nw, str, re, gv, iter, key, key2, slotName, mark, memoGet, memoPush, memoSet, handler, tpl, inc, withLocals, lookup, chain });

  // ---- SJS runtime: guards and the frozen copies of the documented built-ins ----

  const wrap = (f) => freeze((...args) => apply(f, undefined, args));
  // Members are not enumerable, as on the originals: \`{{Math}}\` renders {} like the platform's.
  const copy = (source, constants, functions) => {
    const o = {};
    for (const k of constants) defineProperty(o, k, { value: source[k] });
    for (const k of functions) defineProperty(o, k, { value: wrap(source[k]) });
    return freeze(o);
  };
  const hostLog = registrar && typeof registrar.log === "function"
    ? registrar.log.bind(registrar)
    : (typeof console !== "undefined" && typeof console.log === "function" ? console.log.bind(console) : function () {});
  const globals = {
    Math: copy(Math, ${list(SJS_MATH_CONSTANTS)}, ${list(SJS_MATH_FUNCTIONS)}),
    JSON: copy(JSON, [], ["stringify", "parse"]),
    Number: copy(Number, ${list(SJS_NUMBER_CONSTANTS)}, []),
    console: freeze({ log: wrap(hostLog) }),
    getDate: freeze((...args) => args.length === 0 ? new HostDate() : new HostDate(...args.slice(0, 7))),
    getRegExp: freeze((pattern, flags) => {
      const p = pattern === undefined ? "" : String(pattern);
      const f = flags === undefined ? "" : String(flags);
      if (!/^[gim]*$/.test(f) || new HostSet(f).size !== f.length) {
        throw new SyntaxError("getRegExp flags may only combine g, i and m, not " + JSON.stringify(f));
      }
      return new HostRegExp(p, f);
    }),
  };
  ${SJS_PLAIN_FUNCTIONS.map((n) => `globals.${n} = wrap(${n});`).join('\n  ')}
  globals.Object = copy(Object, [], ["keys", "values", "entries"]);
  freeze(globals);

  // Template globals: the SJS copies, plus conversions and safe constructors templates use.
  // Each is a fresh function (no prototype, nothing shared with the host) that still answers
  // \`x instanceof Array\` the way the host's own would.
  const standIn = (call, members, host) => {
    for (const k of objectKeys(members)) call[k] = members[k];
    defineProperty(call, Symbol.hasInstance, { value: freeze((v) => v instanceof host) });
    return freeze(call);
  };
  const conversion = (convert, fallback, members, host) =>
    standIn((...args) => (args.length === 0 ? fallback : convert(args[0])), members, host);
  const numberMembers = {};
  for (const k of ${list(SJS_NUMBER_CONSTANTS)}) numberMembers[k] = Number[k];
  for (const k of ["EPSILON", "MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER", "NaN"]) numberMembers[k] = Number[k];
  for (const k of ["isInteger", "isSafeInteger", "isFinite", "isNaN", "parseFloat", "parseInt"]) numberMembers[k] = wrap(Number[k]);
  const dateNow = wrap(HostDate.now);
  const TG = freeze({
    Math: globals.Math,
    JSON: globals.JSON,
    Number: conversion(Number, 0, numberMembers, Number),
    String: conversion(HostString, "", { fromCharCode: wrap(HostString.fromCharCode), fromCodePoint: wrap(HostString.fromCodePoint) }, HostString),
    Boolean: conversion(Boolean, false, {}, Boolean),
    Object: standIn(() => { throw new TypeError("Object() is not available in templates"); }, { keys: globals.Object.keys, values: globals.Object.values, entries: globals.Object.entries }, Object),
    Array: standIn(() => { throw new TypeError("Array() is not available in templates; write [...]"); }, { isArray: wrap(isArray) }, Array),
    Date: standIn(() => HostString(new HostDate()), { now: dateNow }, HostDate),
    RegExp: standIn((pattern, flags) => new HostRegExp(pattern, flags), {}, HostRegExp),
    parseInt: globals.parseInt,
    parseFloat: globals.parseFloat,
    isNaN: globals.isNaN,
    isFinite: globals.isFinite,
    encodeURIComponent: globals.encodeURIComponent,
    decodeURIComponent: globals.decodeURIComponent,
    encodeURI: globals.encodeURI,
    decodeURI: globals.decodeURI,
    Infinity: 1 / 0,
    NaN: 0 / 0,
  });
  for (const name of ${list(TEMPLATE_GLOBALS)}) {
    if (!(name in TG)) throw new Error("mpk: template global " + name + " is not defined by the prelude");
  }

  const S = freeze({
    globals,
    /** Key of a computed read: reserved names read nothing. */
    k(key) {
      if (typeof key === "number") return key;
      if (typeof key === "symbol") return BLOCKED_KEY;
      const s = String(key);
      return BLOCKED.has(s) ? BLOCKED_KEY : s;
    },
    /** Key of a computed write: reserved names are refused. */
    wk(key) {
      if (typeof key === "number") return key;
      const s = typeof key === "symbol" ? BLOCKED_KEY : String(key);
      if (BLOCKED.has(s)) throw new TypeError("SJS cannot write the property " + JSON.stringify(s));
      return s;
    },
    /** Target of a property write: functions (which may be shared host built-ins) are refused. */
    w(target) {
      if (typeof target === "function") throw new TypeError("SJS cannot change properties of functions");
      return target;
    },
    /** \`x.constructor\` in SJS is the type name (AD fw/SJS 语法参考/数据类型.md). */
    ctor(v, optional) {
      if (v === undefined || v === null) {
        if (optional) return undefined;
        throw new TypeError("Cannot read properties of " + v + " (reading 'constructor')");
      }
      switch (typeof v) {
        case "number": return "Number";
        case "string": return "String";
        case "boolean": return "Boolean";
        case "function": return "Function";
        case "bigint": return "BigInt";
        case "symbol": return "Symbol";
      }
      if (isArray(v)) return "Array";
      const tag = objectToString.call(v);
      if (tag === "[object Date]") return "Date";
      if (tag === "[object RegExp]") return "RegExp";
      return "Object";
    },
    /** A module's frozen exports: \`export * from\` first, then its own names. */
    exports(own, stars) {
      const out = create(null);
      for (let i = 0; i < stars.length; i++) {
        for (const name of objectKeys(stars[i])) if (name !== "default") out[name] = stars[i][name];
      }
      for (let i = 0; i < own.length; i++) out[own[i][0]] = own[i][1];
      return freeze(out);
    },
  });

  // ---- linker ----

  function link(unitDefs, sjsDefs) {
    const units = new HostMap();
    const building = new HostSet();
    const modules = new HostMap();
    const loading = new HostSet();
    function requireSjs(file) {
      if (modules.has(file)) return modules.get(file);
      const def = sjsDefs.get(file);
      if (def === undefined) throw new Error("SJS module " + JSON.stringify(file) + " is not part of this view module");
      if (loading.has(file)) throw new Error("SJS modules import each other in a cycle at " + JSON.stringify(file));
      loading.add(file);
      try {
        const exported = def(S, requireSjs);
        modules.set(file, exported);
        return exported;
      } finally {
        loading.delete(file);
      }
    }
    const env = freeze({
      sjs: requireSjs,
      unit(file) {
        const ready = units.get(file);
        if (ready !== undefined) return ready;
        const def = unitDefs.get(file);
        if (def === undefined || building.has(file)) return undefined;
        building.add(file);
        try {
          const u = def(h, env);
          units.set(file, u);
          return u;
        } finally {
          building.delete(file);
        }
      },
    });
    function entry(file) {
      return function render(scope) {
        const u = env.unit(file);
        return u === undefined ? [] : u.render(scope === undefined || scope === null ? EMPTY : scope, undefined);
      };
    }
    function templates(pairs) {
      const out = {};
      for (let i = 0; i < pairs.length; i++) {
        defineProperty(out, pairs[i][0], { value: entry(pairs[i][1]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return { entry, templates };
  }

  return { h, S, link };
})`;
