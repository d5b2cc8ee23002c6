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
import { DEFAULT_VIEW_LIMITS } from './limits.ts';
import { RESERVED_PROPERTIES } from './reserved.ts';
import {
  SJS_MATH_CONSTANTS,
  SJS_MATH_FUNCTIONS,
  SJS_NUMBER_CONSTANTS,
  SJS_PLAIN_FUNCTIONS,
} from '../sjs/globals.ts';

/** Limits enforced at render time (the fixed ones; the budget of each render is `VIEW_LIMITS`). */
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
  const HostPromise = Promise;
  const clockNow = HostDate.now;
  let depth = 0;

  // ---- the render budget ----
  // One session per render (an instance's render function, an SJS event handler or observer, a
  // scoped slot); sessions started inside one join it. Emitted loops and template calls tick it
  // (it, tk), SJS loop back-edges and function entries too (S.t, S.e/S.x); every \`chunk\` ticks the
  // slow path checks the steps, the wall time and the heap, and adapts \`chunk\` so that it runs
  // about once a millisecond whatever a step costs. Once a limit is passed the session is breached:
  // every later tick throws the same error (an SJS try/catch cannot swallow it and go on), and the
  // render throws it even if its code caught it.
  const LIMITS = registrar && registrar.limits && typeof registrar.limits === "object" ? registrar.limits : {};
  const limit = (name, fallback) => {
    const v = LIMITS[name];
    return typeof v === "number" && v > 0 ? v : fallback;
  };
  const MAX_STEPS = limit("steps", ${DEFAULT_VIEW_LIMITS.steps});
  const MAX_MS = limit("ms", ${DEFAULT_VIEW_LIMITS.ms});
  const MAX_NODES = limit("nodes", ${DEFAULT_VIEW_LIMITS.nodes});
  const MAX_SJS_DEPTH = limit("sjsDepth", ${DEFAULT_VIEW_LIMITS.sjsDepth});
  const MAX_LOOP_ITEMS = limit("loopItems", ${DEFAULT_VIEW_LIMITS.loopItems});
  const MAX_STRING = limit("stringLength", ${DEFAULT_VIEW_LIMITS.stringLength});
  const MAX_ARRAY = limit("arrayLength", ${DEFAULT_VIEW_LIMITS.arrayLength});
  const MAX_HEAP = limit("heapBytes", ${DEFAULT_VIEW_LIMITS.heapBytes});
  const MAX_LOGS = limit("logs", ${DEFAULT_VIEW_LIMITS.logs});
  const heapUsed = registrar && typeof registrar.heapUsed === "function" ? registrar.heapUsed : undefined;
  // The host's describer of errors raised in view code (view/error-stack.ts): the package's frames only.
  const describeError = registrar && typeof registrar.describeError === "function" ? registrar.describeError : undefined;
  const FIRST_CHUNK = 256;
  const MAX_CHUNK = 4096;
  let active = 0;
  let ambient = false;
  let what = "";
  let steps = 0;
  let chunk = FIRST_CHUNK;
  let left = FIRST_CHUNK;
  let nodes = 0;
  let sjsDepth = 0;
  let logs = 0;
  let started = 0;
  let checked = 0;
  let heapStart = -1;
  let heapAt = 0;
  let breach = null;

  function exceeded(limitText) {
    const error = new RangeError(what + " exceeded its budget of " + limitText);
    breach = error;
    left = -1;
    throw error;
  }

  /** Starts a session (or joins the one running); always paired with end(). */
  function begin(name) {
    if (ambient) { ambient = false; active = 0; }
    if (active++ > 0) return;
    what = name;
    steps = 0;
    nodes = 0;
    sjsDepth = 0;
    logs = 0;
    chunk = FIRST_CHUNK;
    left = FIRST_CHUNK;
    started = checked = clockNow();
    heapStart = -1;
    breach = null;
  }

  function end() {
    if (active > 0 && --active === 0) {
      breach = null;
      if (left < 0) left = FIRST_CHUNK;
    }
  }

  /** SJS that runs outside any session (a timer an SJS handler set, a function held elsewhere): a session until the current task ends. */
  function beginAmbient() {
    begin("SJS code run by the view");
    ambient = true;
    HostPromise.resolve().then(() => {
      if (ambient) { ambient = false; active = 0; breach = null; }
    });
  }

  function slow() {
    if (breach !== null) throw breach;
    if (active === 0) beginAmbient();
    steps += chunk - left;
    if (steps > MAX_STEPS) exceeded(MAX_STEPS + " steps (loop iterations and function calls)");
    const now = clockNow();
    if (now - started > MAX_MS) exceeded(MAX_MS + " ms");
    if (now - checked >= 2) chunk = chunk > 1 ? chunk >> 1 : 1;
    else if (chunk < MAX_CHUNK) chunk <<= 1;
    // The heap is asked (about 25 µs in Node) only once a render has run for a millisecond.
    if (heapUsed !== undefined && now !== heapAt && now - started >= 1) {
      heapAt = now;
      const used = heapUsed();
      if (heapStart < 0) heapStart = used;
      else if (used - heapStart > MAX_HEAP) exceeded(Math.round(MAX_HEAP / 1048576) + " MiB of memory");
    }
    checked = now;
    left = chunk;
  }

  /** One step (an SJS loop iteration, a template call). */
  function tick() {
    if (--left < 0) slow();
  }

  /** One a:for item (or a template's body) that builds \`n\` nodes. */
  function item(n) {
    if ((nodes += n) > MAX_NODES) exceeded(MAX_NODES + " nodes");
    if (--left < 0) slow();
  }

  /** An SJS function is entered (paired with leave() in a finally). */
  function enterSjs() {
    if (++sjsDepth > MAX_SJS_DEPTH) exceeded(MAX_SJS_DEPTH + " nested SJS calls (does an SJS function call itself without end?)");
    if (--left < 0) slow();
  }

  function leaveSjs() {
    sjsDepth--;
  }

  /** A string SJS or a template built: bounded. */
  function sized(v) {
    if (typeof v === "string" && v.length > MAX_STRING) exceeded(MAX_STRING + " characters per string");
    return v;
  }

  function checkArray(n) {
    if (n > MAX_ARRAY) exceeded(MAX_ARRAY + " items per array");
  }

  /** Runs \`fn\` as a session of its own (or inside the running one). */
  function session(name, fn, self, args) {
    begin(name);
    try {
      const out = apply(fn, self, args);
      if (breach !== null) throw breach;
      return out;
    } finally {
      end();
    }
  }

  // SJS functions the view calls later (event handlers, observers): wrapped once each, so identity holds.
  const sessionWrappers = new WeakMap();
  function inSession(fn, name) {
    if (typeof fn !== "function") return fn;
    let wrapped = sessionWrappers.get(fn);
    if (wrapped === undefined) {
      wrapped = freeze(function () { return session(name, fn, this, arguments); });
      sessionWrappers.set(fn, wrapped);
      sessionWrappers.set(wrapped, wrapped);
    }
    return wrapped;
  }

  // ---- regular expressions: never the host's backtracking RegExp ----
  // A stand-in with RegExp's API (exec, test, lastIndex, source/flags…, and the Symbol.match /
  // matchAll / replace / search / split methods, so str.replace(re, …) and friends work) over a
  // pattern the host compiled with a linear-time engine, or a backtracker billed to the budget
  // (form/regex.ts). The compiled pattern never reaches view code.
  const regexEngine = registrar && registrar.regex && typeof registrar.regex.compile === "function" ? registrar.regex : undefined;
  const REGEX = new WeakMap();
  /** flags/source → the compiled pattern and what its flags mean (a /literal/ evaluates once per render, or per row). */
  const PATTERNS = new HostMap();
  function SafeRegExpClass() { throw new TypeError("RegExp objects are made with getRegExp(...) or a /literal/ in views"); }
  const REGEXP_PROTO = SafeRegExpClass.prototype;
  function isSafeRegExp(v) {
    return v !== null && typeof v === "object" && REGEX.has(v);
  }
  function regexState(re, name) {
    const st = isSafeRegExp(re) ? REGEX.get(re) : undefined;
    if (st === undefined) throw new TypeError("RegExp.prototype." + name + " called on something that is not a regular expression");
    return st;
  }
  function charge(n) {
    left -= n;
    if (left < 0) slow();
  }
  function safeRegExp(pattern, flags) {
    let source;
    if (isSafeRegExp(pattern)) {
      const st = REGEX.get(pattern);
      source = st.source;
      if (flags === undefined) flags = st.flags;
    } else source = pattern === undefined ? "" : HostString(measured(pattern));
    const f = flags === undefined ? "" : HostString(measured(flags));
    const key = f + "/" + source;
    let st = PATTERNS.get(key);
    if (st === undefined) {
      for (let i = 0; i < f.length; i++) {
        if ("gimsuy".indexOf(f[i]) < 0 || f.indexOf(f[i]) !== i) throw new SyntaxError("Invalid regular expression flags '" + f + "'");
      }
      if (regexEngine === undefined) throw new TypeError("regular expressions are not available in this view");
      if (source.length > MAX_STRING) exceeded(MAX_STRING + " characters per string (a regular expression)");
      const canonical = ["d", "g", "i", "m", "s", "u", "v", "y"].filter((c) => f.indexOf(c) >= 0).join("");
      const compiled = regexEngine.compile(source, canonical);
      st = freeze({ compiled, source, flags: canonical, global: f.indexOf("g") >= 0, sticky: f.indexOf("y") >= 0, unicode: f.indexOf("u") >= 0 });
      if (PATTERNS.size >= 256) PATTERNS.delete(PATTERNS.keys().next().value);
      PATTERNS.set(key, st);
    }
    const re = create(REGEXP_PROTO);
    defineProperty(re, "lastIndex", { value: 0, writable: true });
    REGEX.set(re, st);
    return re;
  }
  function toIndex(v) {
    const n = Math.floor(Number(v));
    return n > 0 ? n : 0;
  }
  function advance(s, i, unicode) {
    if (!unicode || i + 1 >= s.length) return i + 1;
    const c = s.charCodeAt(i);
    return c >= 0xd800 && c <= 0xdbff ? i + 2 : i + 1;
  }
  /** Offsets of the match RegExpExec would find (lastIndex honoured for g/y, updated). */
  function execOffsets(re, st, s) {
    const useLast = st.global || st.sticky;
    const from = useLast ? toIndex(re.lastIndex) : 0;
    if (from > s.length) { if (useLast) re.lastIndex = 0; return null; }
    const m = st.compiled.exec(s, from, charge);
    if (m === null || (st.sticky && m[0] !== from)) { if (useLast) re.lastIndex = 0; return null; }
    if (useLast) re.lastIndex = m[1];
    return m;
  }
  function matchArray(st, s, m) {
    const out = [s.slice(m[0], m[1])];
    for (let g = 1; g <= st.compiled.groups; g++) out.push(m[2 * g] < 0 ? undefined : s.slice(m[2 * g], m[2 * g + 1]));
    out.index = m[0];
    out.input = s;
    let groups;
    const names = st.compiled.names;
    if (names.length > 0) {
      groups = create(null);
      for (let i = 0; i < names.length; i++) groups[names[i][0]] = out[names[i][1]];
    }
    out.groups = groups;
    return out;
  }
  /** Every match of a global search from 0 (lastIndex ends at 0), or the one match otherwise. */
  function allOffsets(re, st, s) {
    if (!st.global) {
      const m = execOffsets(re, st, s);
      return m === null ? [] : [m];
    }
    re.lastIndex = 0;
    const list = [];
    for (;;) {
      const m = execOffsets(re, st, s);
      if (m === null) break;
      list.push(m);
      if (m[1] === m[0]) re.lastIndex = advance(s, m[1], st.unicode);
      if (--left < 0) slow();
    }
    return list;
  }
  /** GetSubstitution: $$, $&, $\`, $', $n, $nn, $<name>. */
  function substitute(template, matched, s, position, captures, groups) {
    if (template.indexOf("$") < 0) return template;
    let out = "";
    for (let i = 0; i < template.length; i++) {
      const c = template[i];
      if (c !== "$" || i + 1 >= template.length) { out += c; continue; }
      const n = template[i + 1];
      if (n === "$") { out += "$"; i++; }
      else if (n === "&") { out += matched; i++; }
      else if (n === "\`") { out += s.slice(0, position); i++; }
      else if (n === "'") { out += s.slice(position + matched.length); i++; }
      else if (n >= "0" && n <= "9") {
        const two = template.slice(i + 1, i + 3);
        const twoN = two.length === 2 && two[1] >= "0" && two[1] <= "9" ? Number(two) : 0;
        if (twoN >= 1 && twoN <= captures.length) { const v = captures[twoN - 1]; out += v === undefined ? "" : v; i += 2; }
        else {
          const oneN = Number(n);
          if (oneN >= 1 && oneN <= captures.length) { const v = captures[oneN - 1]; out += v === undefined ? "" : v; i++; }
          else out += "$";
        }
      } else if (n === "<" && groups !== undefined) {
        const close = template.indexOf(">", i + 2);
        if (close < 0) { out += "$"; continue; }
        const v = groups[template.slice(i + 2, close)];
        out += v === undefined ? "" : HostString(v);
        i = close;
      } else out += "$";
      if (out.length > MAX_STRING) exceeded(MAX_STRING + " characters per string (a replacement)");
    }
    return out;
  }
  /** Builds a replacement result piece by piece, its size counted. */
  function joinPieces(s, pieces) {
    let total = 0;
    for (let i = 0; i < pieces.length; i++) {
      total += pieces[i].length;
      if (total > MAX_STRING) exceeded(MAX_STRING + " characters per string (a replacement)");
    }
    return pieces.join("");
  }
  function replacementOf(replaceValue, matched, position, s, captures, groups) {
    if (typeof replaceValue === "function") {
      const args = [matched];
      for (let i = 0; i < captures.length; i++) args.push(captures[i]);
      args.push(position, s);
      if (groups !== undefined) args.push(groups);
      return HostString(invoke(replaceValue, undefined, args, "replacer"));
    }
    return substitute(HostString(replaceValue), matched, s, position, captures, groups);
  }
  /** String.prototype.replace/replaceAll with a string pattern. */
  function replaceString(s, search, replaceValue, all) {
    const pieces = [];
    let pos = 0;
    let at = s.indexOf(search, 0);
    const step = search.length === 0 ? 1 : search.length;
    while (at >= 0) {
      pieces.push(s.slice(pos, at), replacementOf(replaceValue, search, at, s, [], undefined));
      pos = at + search.length;
      if (!all) break;
      at = at + step > s.length ? -1 : s.indexOf(search, at + step);
      if (--left < 0) slow();
    }
    pieces.push(s.slice(pos));
    return joinPieces(s, pieces);
  }
  const regexpMethods = {
    exec(str) {
      const st = regexState(this, "exec");
      const s = HostString(str);
      const m = execOffsets(this, st, s);
      return m === null ? null : matchArray(st, s, m);
    },
    test(str) {
      const st = regexState(this, "test");
      return execOffsets(this, st, HostString(str)) !== null;
    },
    toString() {
      const st = regexState(this, "toString");
      return "/" + (st.source === "" ? "(?:)" : st.source) + "/" + st.flags;
    },
    [Symbol.match](str) {
      const st = regexState(this, "[Symbol.match]");
      const s = HostString(str);
      if (!st.global) { const m = execOffsets(this, st, s); return m === null ? null : matchArray(st, s, m); }
      const list = allOffsets(this, st, s);
      return list.length === 0 ? null : list.map((m) => s.slice(m[0], m[1]));
    },
    [Symbol.matchAll](str) {
      const st = regexState(this, "[Symbol.matchAll]");
      const s = HostString(str);
      const copy = safeRegExp(this);
      copy.lastIndex = this.lastIndex;
      const out = [];
      const cst = REGEX.get(copy);
      for (;;) {
        const m = execOffsets(copy, cst, s);
        if (m === null) break;
        out.push(matchArray(cst, s, m));
        if (!cst.global) break;
        if (m[1] === m[0]) copy.lastIndex = advance(s, m[1], cst.unicode);
        if (--left < 0) slow();
      }
      return out.values();
    },
    [Symbol.search](str) {
      const st = regexState(this, "[Symbol.search]");
      const s = HostString(str);
      const m = st.compiled.exec(s, 0, charge);
      return m === null || (st.sticky && m[0] !== 0) ? -1 : m[0];
    },
    [Symbol.split](str, limit) {
      const st = regexState(this, "[Symbol.split]");
      const s = HostString(str);
      const lim = limit === undefined ? 4294967295 : limit >>> 0;
      const out = [];
      if (lim === 0) return out;
      if (s.length === 0) {
        const m = st.compiled.exec(s, 0, charge);
        return m !== null && m[0] === 0 ? out : [s];
      }
      let p = 0;
      let q = 0;
      while (q < s.length) {
        if (--left < 0) slow();
        const m = st.compiled.exec(s, q, charge);
        if (m === null || m[0] >= s.length) break;
        const e = m[1] > s.length ? s.length : m[1];
        if (e === p) { q = advance(s, m[0], st.unicode); continue; }
        out.push(s.slice(p, m[0]));
        if (out.length === lim) return out;
        for (let g = 1; g <= st.compiled.groups; g++) {
          out.push(m[2 * g] < 0 ? undefined : s.slice(m[2 * g], m[2 * g + 1]));
          if (out.length === lim) return out;
        }
        p = e;
        q = p;
      }
      out.push(s.slice(p));
      return out;
    },
    [Symbol.replace](str, replaceValue) {
      const st = regexState(this, "[Symbol.replace]");
      const s = HostString(str);
      const list = allOffsets(this, st, s);
      const pieces = [];
      let pos = 0;
      const plain = typeof replaceValue !== "function" ? HostString(replaceValue) : undefined;
      const simple = plain !== undefined && plain.indexOf("$") < 0;
      for (let i = 0; i < list.length; i++) {
        const m = list[i];
        if (simple) {
          pieces.push(s.slice(pos, m[0]), plain);
        } else {
          const arr = matchArray(st, s, m);
          pieces.push(s.slice(pos, m[0]), replacementOf(plain === undefined ? replaceValue : plain, arr[0], m[0], s, apply(arraySlice, arr, [1]), arr.groups));
        }
        pos = m[1];
      }
      pieces.push(s.slice(pos));
      return joinPieces(s, pieces);
    },
  };
  for (const key of Reflect.ownKeys(regexpMethods)) defineProperty(REGEXP_PROTO, key, { value: freeze(regexpMethods[key]), writable: false });
  for (const name of ["source", "flags"]) {
    defineProperty(REGEXP_PROTO, name, { get: freeze(function () { return regexState(this, name)[name]; }) });
  }
  for (const [name, flag] of [["global", "g"], ["ignoreCase", "i"], ["multiline", "m"], ["dotAll", "s"], ["unicode", "u"], ["sticky", "y"], ["hasIndices", "d"]]) {
    defineProperty(REGEXP_PROTO, name, { get: freeze(function () { return regexState(this, name).flags.indexOf(flag) >= 0; }) });
  }
  defineProperty(REGEXP_PROTO, Symbol.toStringTag, { value: "RegExp" });
  defineProperty(REGEXP_PROTO, "constructor", { value: undefined });
  freeze(REGEXP_PROTO);
  freeze(SafeRegExpClass);

  // ---- text of nested values: measured before the host builds it ----
  // Arrays nested in each other twice per level (\`for (…40) a = [a, a]\`) are small, but their text
  // is exponential and the host's join/toString/JSON.stringify would build it without end. The
  // conversions the view writes (join, toString, +, template literals, {{ }} text, JSON.stringify)
  // count the characters first, walking the value as the host would and stopping at the limit.
  const JOIN_STACK = new HostSet();
  function joinedSize(list, sepLength, total) {
    const n = Number(list.length);
    if (n > MAX_ARRAY) checkArray(n);
    if (JOIN_STACK.has(list)) return total;
    JOIN_STACK.add(list);
    try {
      if (n > 1) total += (n - 1) * sepLength;
      for (let i = 0; i < n; i++) {
        const v = list[i];
        if (typeof v === "string") total += v.length;
        else if (isArray(v)) total = joinedSize(v, 1, total);
        else if (v !== undefined && v !== null) total += 8;
        if (total > MAX_STRING) exceeded(MAX_STRING + " characters per string (an array converted to text)");
        if (--left < 0) slow();
      }
    } finally {
      JOIN_STACK.delete(list);
    }
    return total;
  }
  /** An array about to become text (join, toString, +, \`\${a}\`): its text must fit the string limit. */
  function measured(v) {
    if (isArray(v)) joinedSize(v, 1, 0);
    return v;
  }
  const hostStringify = JSON.stringify;
  /** JSON.stringify, every value it writes counted (and ticked) before the text grows past the limit. */
  function stringify(value, replacer, space) {
    let total = 0;
    let keep;
    let user;
    if (typeof replacer === "function") user = replacer;
    else if (isArray(replacer)) {
      keep = new HostSet();
      for (let i = 0; i < replacer.length; i++) {
        const k = replacer[i];
        if (typeof k === "string" || typeof k === "number") keep.add(HostString(k));
      }
    }
    const indent = typeof space === "number" ? (space > 10 ? 10 : space > 0 ? Math.floor(space) : 0) : typeof space === "string" ? (space.length > 10 ? 10 : space.length) : 0;
    const depths = indent > 0 ? new WeakMap() : undefined;
    const counter = function (k, v) {
      if (keep !== undefined && k !== "" && !isArray(this) && !keep.has(k)) return undefined;
      if (user !== undefined) v = invoke(user, this, [k, v], "replacer");
      total += k.length + 4;
      if (typeof v === "string") total += v.length;
      else if (v !== null && typeof v === "object") {
        if (depths !== undefined) {
          const d = (depths.get(this) || 0) + 1;
          depths.set(v, d);
          total += d * indent;
        }
      } else total += 8;
      if (depths !== undefined) total += (depths.get(this) || 0) * indent;
      if (total > MAX_STRING) exceeded(MAX_STRING + " characters per string (JSON.stringify)");
      if (--left < 0) slow();
      return v;
    };
    return hostStringify(value, counter, space);
  }

  // ---- template helpers (the "h" of generated units) ----

  /** Text of a value: '' for null/undefined/functions, JSON for objects and arrays. */
  function t(v) {
    if (typeof v === "string") return v;
    if (v === undefined || v === null) return "";
    switch (typeof v) {
      case "number": case "boolean": case "bigint": return String(v);
      case "function": case "symbol": return "";
      default:
        try { const s = stringify(v); return s === undefined ? "" : s; } catch (e) { return ""; }
    }
  }

  /** Guarded dynamic read: nothing for reserved names and for inherited accessors; host methods as stand-ins. */
  function g(o, k) {
    const v = read(o, k);
    return typeof v === "function" ? vv(v) : v;
  }

  /** The same read for a call (invoke() applies the method's policy itself). */
  function read(o, k) {
    if (o === undefined || o === null) return undefined;
    if (typeof k !== "number") {
      if (typeof k === "symbol") return undefined;
      if (typeof k === "object") measured(k);
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
  // Policies both templates and SJS apply (SJS_POLICIES below adds its own): string builders are
  // measured before they run, regular-expression methods given a string compile it with the safe
  // engine (a host RegExp could backtrack forever), replacements are built with their size counted.
  const SHARED = new HostMap();
  const sizeOf = (self, args, name) => {
    const s = HostString(self);
    const n = name === "repeat" ? s.length * Number(args[0]) : Number(args[0]);
    if (n > MAX_STRING) exceeded(MAX_STRING + " characters per string (String.prototype." + name + ")");
  };
  SHARED.set(String.prototype.repeat, (f, self, args) => { sizeOf(self, args, "repeat"); return apply(f, self, args); });
  SHARED.set(String.prototype.padStart, (f, self, args) => { sizeOf(self, args, "padStart"); return apply(f, self, args); });
  SHARED.set(String.prototype.padEnd, (f, self, args) => { sizeOf(self, args, "padEnd"); return apply(f, self, args); });
  SHARED.set(Array.prototype.join, (f, self, args) => {
    const sep = args[0] === undefined ? 1 : HostString(args[0]).length;
    const n = self !== null && self !== undefined ? Number(self.length) : 0;
    if (n > 0 && (n > MAX_ARRAY || (n - 1) * sep > MAX_STRING)) exceeded(MAX_STRING + " characters per string (Array.prototype.join)");
    if (n > 0 && typeof self === "object") joinedSize(self, sep, 0);
    return sized(apply(f, self, args));
  });
  for (const name of ["toString", "toLocaleString"]) {
    SHARED.set(Array.prototype[name], (f, self, args) => {
      if (self !== null && typeof self === "object") joinedSize(self, 1, 0);
      return sized(apply(f, self, args));
    });
  }
  SHARED.set(String.prototype.concat, (f, self, args) => sized(apply(f, self, args)));
  const regexArg = (f, self, args) => {
    const pattern = args[0];
    if (pattern === undefined || pattern === null || isSafeRegExp(pattern)) return apply(f, self, args);
    if (typeof pattern === "object" || typeof pattern === "function") throw new TypeError("String.prototype." + f.name + " takes a regular expression made by getRegExp or a /literal/ here");
    const copy = apply(arraySlice, args, []);
    copy[0] = safeRegExp(HostString(pattern), f === String.prototype.matchAll ? "g" : "");
    return apply(f, self, copy);
  };
  SHARED.set(String.prototype.match, regexArg);
  SHARED.set(String.prototype.matchAll, regexArg);
  SHARED.set(String.prototype.search, regexArg);
  const replaceText = (f, self, args) => {
    const pattern = args[0];
    if (isSafeRegExp(pattern)) return apply(f, self, args);
    if (pattern !== null && (typeof pattern === "object" || typeof pattern === "function")) throw new TypeError("String.prototype." + f.name + " takes a string or a regular expression made by getRegExp or a /literal/ here");
    return replaceString(HostString(self), HostString(pattern), args[1], f === String.prototype.replaceAll);
  };
  SHARED.set(String.prototype.replace, replaceText);
  SHARED.set(String.prototype.replaceAll, replaceText);
  const ARRAY_NATIVES = new HostSet();
  for (const name of Object.getOwnPropertyNames(Array.prototype)) {
    const d = getDesc(Array.prototype, name);
    if (d !== undefined && typeof d.value === "function") ARRAY_NATIVES.add(d.value);
  }
  /** An array method on something that is not an array: its \`length\` must be one an array could have here. */
  function arrayLike(f, self) {
    if (self === null || (typeof self !== "object" && typeof self !== "function") || isArray(self) || !ARRAY_NATIVES.has(f)) return;
    const n = Number(self.length);
    if (n > MAX_ARRAY) exceeded(MAX_ARRAY + " items per array (an array method on an object whose length is " + n + ")");
  }
  for (const [native, policy] of SHARED) POLICIES.set(native, policy);
  POLICIES.set(functionProto.call, (f, self, args) => invoke(self, args[0], apply(arraySlice, args, [1]), "call"));
  POLICIES.set(functionProto.apply, (f, self, args) => {
    const list = args[1];
    if (list !== undefined && list !== null && Number(list.length) > MAX_ARRAY) checkArray(Number(list.length));
    return invoke(self, args[0], list === undefined || list === null ? [] : arrayFrom(list), "apply");
  });
  POLICIES.set(functionProto.bind, (f, self, args) => {
    if (typeof self !== "function") throw new TypeError("bind must be called on a function");
    const thisArg = args[0];
    const bound = apply(arraySlice, args, [1]);
    return freeze((...more) => invoke(self, thisArg, bound.concat(more), "bound function"));
  });

  /**
   * Natives that convert arguments to text or numbers (an array through its text, exponential for
   * arrays nested twice per level), with the positions they convert: measured first. String and
   * Number methods convert every argument (string methods their receiver too); array methods only
   * their index, depth and separator arguments (the values they store or search stay values).
   */
  const CONVERTING = new HostMap();
  const EVERY = "every";
  for (const proto of [HostString.prototype, Number.prototype]) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = getDesc(proto, name);
      if (d !== undefined && typeof d.value === "function" && name !== "constructor") CONVERTING.set(d.value, EVERY);
    }
  }
  const ARRAY_CONVERTED = { slice: [0, 1], at: [0], join: [0], flat: [0], copyWithin: [0, 1, 2], fill: [1, 2], splice: [0, 1], indexOf: [1], lastIndexOf: [1], includes: [1], with: [0], toSpliced: [0, 1] };
  for (const name of objectKeys(ARRAY_CONVERTED)) {
    const f = Array.prototype[name];
    if (typeof f === "function") CONVERTING.set(f, ARRAY_CONVERTED[name]);
  }
  function textArguments(f, self, args) {
    const rule = CONVERTING.get(f);
    if (rule === undefined) return;
    if (rule === EVERY) {
      if (typeof self === "object" && self !== null) measured(self);
      for (let i = 0; i < args.length; i++) if (typeof args[i] === "object" && args[i] !== null) measured(args[i]);
      return;
    }
    for (let i = 0; i < rule.length; i++) {
      const v = args[rule[i]];
      if (typeof v === "object" && v !== null) measured(v);
    }
  }

  function invoke(f, self, args, name) {
    if (typeof f !== "function") throw new TypeError(t(name) + " is not a function");
    textArguments(f, self, args);
    const policy = POLICIES.get(f);
    if (policy !== undefined) return policy(f, self, args);
    arrayLike(f, self);
    return apply(f, self, args);
  }

  // ---- host methods as values ----
  // A read of a host method that is not a call (\`var f = [].indexOf\`, \`{ toString: [].join }\`,
  // \`[1].map(''.repeat, 'x')\`) gets a stand-in (one per method, so identity holds): another
  // native that calls it (map, forEach, sort, JSON.stringify's toJSON, ToPrimitive's toString…) goes
  // through the same policies as a call the view wrote, so array methods refuse huge array-likes and
  // string builders are measured. Templates' stand-ins apply the template policies, SJS's the SJS
  // ones; either given to invoke()/invokeSjs() is the method itself again.
  const VALUE_NATIVES = new HostSet();
  for (const proto of [Array.prototype, HostString.prototype, functionProto]) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = getDesc(proto, name);
      if (d !== undefined && typeof d.value === "function" && name !== "constructor") VALUE_NATIVES.add(d.value);
    }
  }
  const TEMPLATE_STAND_INS = new HostMap();
  const SJS_STAND_INS = new HostMap();
  function methodStandIn(native, sjs) {
    const cache = sjs ? SJS_STAND_INS : TEMPLATE_STAND_INS;
    let s = cache.get(native);
    if (s === undefined) {
      const name = native.name;
      const run = sjs
        ? { [name]() { return invokeSjs(native, this, apply(arraySlice, arguments, []), name); } }
        : { [name]() { return invoke(native, this, apply(arraySlice, arguments, []), name); } };
      s = freeze(run[name]);
      cache.set(native, s);
      POLICIES.set(s, (f, self, args) => invoke(native, self, args, name));
      SJS_POLICIES.set(s, (f, self, args) => invokeSjs(native, self, args, name));
    }
    return s;
  }
  /** A value a template read: host methods as their stand-ins. */
  function vv(v) {
    return typeof v === "function" && VALUE_NATIVES.has(v) ? methodStandIn(v, false) : v;
  }
  /** A value SJS read. */
  function vvSjs(v) {
    return typeof v === "function" && VALUE_NATIVES.has(v) ? methodStandIn(v, true) : v;
  }

  /** \`o[k](...args)\` with \`this\` = o; nothing for a null or undefined receiver (like member reads). */
  function call(o, k, args) {
    if (o === undefined || o === null) return undefined;
    return invoke(read(o, k), o, args, k);
  }

  /** \`f(...args)\` for a value that is not a member (an SJS binding, an item, an arrow function). */
  function fn(f, args, name) {
    return invoke(f, undefined, args, name);
  }

  /** Kept for view modules linked before calls became general: SJS binding calls with a computed key. */
  function callk(o, k, args) {
    return invoke(read(o, k), o, args, k);
  }

  /** \`new C(...args)\`: only the template globals Date and RegExp construct. */
  function nw(c, args) {
    if (c === TG.Date) return new HostDate(...args);
    if (c === TG.RegExp) return safeRegExp(args[0], args[1]);
    throw new TypeError("Only Date and RegExp can be constructed with new in templates");
  }

  /** A template literal substitution: JavaScript's ToString. */
  function str(v) {
    return \`\${measured(v)}\`;
  }

  /** \`a + b\`: an array operand's text is measured first. */
  function add(a, b) {
    if (typeof a === "object" && a !== null) measured(a);
    if (typeof b === "object" && b !== null) measured(b);
    return a + b;
  }

  /** A regular expression literal: a new object per evaluation, as in JavaScript (the safe engine's, see below). */
  function re(pattern, flags) {
    return safeRegExp(pattern, flags);
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
        if (v > MAX_LOOP_ITEMS) throw new RangeError("a:for over the number " + v + " exceeds the limit of " + MAX_LOOP_ITEMS);
        const n = Math.floor(v);
        const a = new Array(n);
        for (let i = 0; i < n; i++) a[i] = i;
        return [a, null];
      }
      case "string":
        if (v.length > MAX_LOOP_ITEMS) throw new RangeError("a:for over a string of " + v.length + " characters exceeds the limit of " + MAX_LOOP_ITEMS);
        return [arrayFrom(v), null];
      case "object": {
        const keys = objectKeys(v);
        if (keys.length > MAX_LOOP_ITEMS) throw new RangeError("a:for over an object of " + keys.length + " keys exceeds the limit of " + MAX_LOOP_ITEMS);
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

  /** Event handler from a lone {{ }}: a function (SJS, run in a budget session of its own) or a method name. */
  function handler(v) {
    if (typeof v === "function") return inSession(v, "an SJS event handler");
    if (typeof v === "string") return v;
    return "";
  }

  /** A change:attr value: an SJS observer runs in a budget session of its own. */
  function observer(v) {
    return typeof v === "function" ? inSession(v, "an SJS property observer") : v;
  }

  /** A scoped slot's function, called by the view engine when it fills the slot. */
  function scoped(fn, name) {
    return function (props) { return session("the slot content of " + name, fn, undefined, [props]); };
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
    if (--left < 0) slow();
    enter();
    try { push(out, fn(data === undefined || data === null ? EMPTY : data)); } finally { depth--; }
  }

  /** <include>: the included file renders with the includer's scope. */
  function inc(unit, scope, fallbackLookup, out) {
    if (!unit) return;
    if (--left < 0) slow();
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

  /**
   * A named SJS import: the module's own export, else that property of its default export — the
   * platform binds \`<import-sjs name="{ fmt }">\` of \`export default { fmt }\` too.
   */
  function sjsExport(mod, name) {
    if (mod === undefined || mod === null) return undefined;
    if (hasOwn.call(mod, name)) return mod[name];
    const d = mod.default;
    return d !== null && (typeof d === "object" || typeof d === "function") ? g(d, name) : undefined;
  }

  const h = freeze({ sjsExport, t, g, vv, add, p: measured, call, fn, callk, nw, str, re, gv, iter, key, key2, slotName, mark, memoGet, memoPush, memoSet, handler, observer, scoped, tpl, inc, withLocals, lookup, chain, tk: tick, it: item });

  // ---- SJS runtime: guards and the frozen copies of the documented built-ins ----

  // An array argument (\`encodeURIComponent(a)\`, \`Math.max(a)\`) becomes text: measured first.
  const wrap = (f) => freeze((...args) => {
    for (let i = 0; i < args.length; i++) if (typeof args[i] === "object" && args[i] !== null) measured(args[i]);
    return apply(f, undefined, args);
  });
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
    JSON: freeze(defineProperty(defineProperty({}, "stringify", { value: freeze((value, replacer, space) => stringify(value, replacer, space)) }), "parse", { value: wrap(JSON.parse) })),
    Number: copy(Number, ${list(SJS_NUMBER_CONSTANTS)}, []),
    console: freeze({
      log: freeze((...args) => {
        if (++logs > MAX_LOGS) {
          if (logs === MAX_LOGS + 1) hostLog("mpk: more than " + MAX_LOGS + " console.log calls in one render; the rest are dropped");
          return;
        }
        apply(hostLog, undefined, args);
      }),
    }),
    getDate: freeze((...args) => args.length === 0 ? new HostDate() : new HostDate(...args.slice(0, 7).map(measured))),
    getRegExp: freeze((pattern, flags) => {
      const p = pattern === undefined ? "" : String(measured(pattern));
      const f = flags === undefined ? "" : String(measured(flags));
      if (!/^[gim]*$/.test(f) || new HostSet(f).size !== f.length) {
        throw new SyntaxError("getRegExp flags may only combine g, i and m, not " + JSON.stringify(f));
      }
      return safeRegExp(p, f);
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
    RegExp: standIn((pattern, flags) => safeRegExp(pattern, flags), {}, SafeRegExpClass),
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

  // SJS calls natives directly, except the calls the compiler routes here (sjs/compile.ts,
  // GUARDED_CALLS): string builders and regular-expression methods as in templates, and the
  // array growers, which change SJS's own arrays in place but never past the array limit.
  const SJS_POLICIES = new HostMap(SHARED);
  const grow = (f, self, args, extra) => {
    if (isArray(self)) checkArray(self.length + extra);
    else arrayLike(f, self);
    return apply(f, self, args);
  };
  SJS_POLICIES.set(Array.prototype.push, (f, self, args) => grow(f, self, args, args.length));
  SJS_POLICIES.set(Array.prototype.unshift, (f, self, args) => grow(f, self, args, args.length));
  SJS_POLICIES.set(Array.prototype.splice, (f, self, args) => grow(f, self, args, args.length > 2 ? args.length - 2 : 0));
  SJS_POLICIES.set(Array.prototype.concat, (f, self, args) => {
    let n = isArray(self) ? self.length : 1;
    for (let i = 0; i < args.length; i++) n += isArray(args[i]) ? args[i].length : 1;
    checkArray(n);
    charge(n >> 4);
    return apply(f, self, args);
  });
  const flatCount = (list, depth, seen) => {
    let n = 0;
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (depth > 0 && isArray(v)) {
        if (seen > 64) exceeded(MAX_ARRAY + " items per array (flat over arrays nested more than 64 deep)");
        n += flatCount(v, depth - 1, seen + 1);
      } else n++;
      if (n > MAX_ARRAY) checkArray(n);
    }
    return n;
  };
  SJS_POLICIES.set(Array.prototype.flat, (f, self, args) => {
    if (!isArray(self)) return grow(f, self, args, 0);
    const d = args[0] === undefined ? 1 : Math.floor(Number(args[0])) || 0;
    charge(flatCount(self, d > 64 ? 65 : d, 0) >> 4);
    return apply(f, self, args);
  });
  SJS_POLICIES.set(Array.prototype.flatMap, (f, self, args) => {
    const out = grow(f, self, args, 0);
    checkArray(out.length);
    return out;
  });
  SJS_POLICIES.set(functionProto.call, (f, self, args) => invokeSjs(self, args[0], apply(arraySlice, args, [1]), "call"));
  SJS_POLICIES.set(functionProto.apply, (f, self, args) => {
    const list = args[1];
    if (list !== undefined && list !== null && Number(list.length) > MAX_ARRAY) checkArray(Number(list.length));
    return invokeSjs(self, args[0], list === undefined || list === null ? [] : arrayFrom(list), "apply");
  });
  SJS_POLICIES.set(functionProto.bind, (f, self, args) => {
    if (typeof self !== "function") throw new TypeError("bind must be called on a function");
    const thisArg = args[0];
    const bound = apply(arraySlice, args, [1]);
    return freeze(function () { return invokeSjs(self, thisArg, bound.concat(apply(arraySlice, arguments, [])), "bound function"); });
  });

  function invokeSjs(f, self, args, name) {
    if (typeof f !== "function") throw new TypeError(t(name) + " is not a function");
    textArguments(f, self, args);
    const policy = SJS_POLICIES.get(f);
    if (policy !== undefined) return policy(f, self, args);
    arrayLike(f, self);
    return apply(f, self, args);
  }

  const readKey = (key) => {
    if (typeof key === "number") return key;
    if (typeof key === "symbol") return BLOCKED_KEY;
    if (typeof key === "object") measured(key);
    const s = HostString(key);
    return BLOCKED.has(s) ? BLOCKED_KEY : s;
  };

  const S = freeze({
    globals,
    /** A step: an SJS loop iteration. */
    t: tick,
    /** An SJS function entered / left (the recursion limit). */
    e: enterSjs,
    x: leaveSjs,
    /** A string SJS built with + or a template literal. */
    a: sized,
    /** \`a + b\` in SJS: array operands measured, the result bounded. */
    ad(a, b) {
      if (typeof a === "object" && a !== null) measured(a);
      if (typeof b === "object" && b !== null) measured(b);
      return sized(a + b);
    },
    /** A template literal's substitution: an array is measured. */
    ts: measured,
    /** An operand an operator converts (\`==\`, \`<\`, \`-\`, \`in\`…): an array is measured. */
    p: measured,
    /** \`o.name(...args)\` for the names the compiler guards, and computed calls \`o[k](...)\`. */
    call(o, key, args) {
      if (o === undefined || o === null) throw new TypeError("Cannot read properties of " + o + " (reading '" + HostString(key) + "')");
      const k = readKey(key);
      return invokeSjs(o[k], o, args, k);
    },
    /** The same in an optional chain: nothing for a null or undefined receiver (or function, with \`?.()\`). */
    callo(o, key, args, optionalCall) {
      if (o === undefined || o === null) return undefined;
      const k = readKey(key);
      const f = o[k];
      if (optionalCall && (f === undefined || f === null)) return undefined;
      return invokeSjs(f, o, args, k);
    },
    /** \`...x\` in an array literal or a call: billed by its size, never longer than an array may be. */
    sp(v) {
      if (typeof v === "string" || isArray(v)) {
        checkArray(v.length);
        charge(v.length >> 4);
      }
      return v;
    },
    /** \`o[k] += v\` / \`o.k += v\`: the string it builds is bounded before it is stored. */
    pa(target, key, v) {
      const k = S.wa(target, key);
      const out = S.ad(target[k], v);
      target[k] = out;
      return out;
    },
    /** Key of a computed write on \`target\`: reserved names refused, arrays never grown past the limit. */
    wa(target, key) {
      const k = S.wk(key);
      if (isArray(target)) {
        if (k === "length") throw new TypeError("SJS sets an array's length with .length = n");
        const n = typeof k === "number" ? k : k !== "" && HostString(k >>> 0) === k ? k >>> 0 : -1;
        if (n >= MAX_ARRAY) checkArray(n + 1);
      }
      return k;
    },
    /** The value of \`x.length = v\`. */
    len(v) {
      if (Number(v) > MAX_ARRAY) checkArray(Number(v));
      return v;
    },
    /** A read that is not a call (sjs/compile.ts): host methods as their stand-ins. */
    vv: vvSjs,
    /** What an SJS \`catch\` receives: an error's stack without the host's files and frames. */
    caught(e) {
      if (describeError === undefined || e === null || typeof e !== "object") return e;
      let stack;
      try { stack = e.stack; } catch (_) { return e; }
      if (typeof stack !== "string") return e;
      const clean = describeError(e);
      try {
        defineProperty(e, "stack", { value: clean.stack, writable: true, configurable: true, enumerable: false });
        return e;
      } catch (_) {
        // A stack that cannot be replaced: SJS gets a copy that has only the clean one.
        const copy = create(getProto(e));
        defineProperty(copy, "message", { value: clean.message, writable: true, configurable: true });
        defineProperty(copy, "stack", { value: clean.stack, writable: true, configurable: true });
        return copy;
      }
    },
    /** Key of a computed destructuring: reserved names read nothing (what it binds is read through vv). */
    dk(key) {
      return S.k(key);
    },
    /** Key of a computed read: reserved names read nothing. */
    k(key) {
      if (typeof key === "number") return key;
      if (typeof key === "symbol") return BLOCKED_KEY;
      if (typeof key === "object") measured(key);
      const s = String(key);
      return BLOCKED.has(s) ? BLOCKED_KEY : s;
    },
    /** Key of a computed write: reserved names are refused. */
    wk(key) {
      if (typeof key === "number") return key;
      if (typeof key === "object") measured(key);
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
    function entry(file, id) {
      const name = "the render of " + (id === undefined ? file : id);
      return function render(scope) {
        begin(name);
        try {
          const u = env.unit(file);
          const out = u === undefined ? [] : u.render(scope === undefined || scope === null ? EMPTY : scope, undefined);
          if (breach !== null) throw breach;
          return out;
        } finally {
          end();
        }
      };
    }
    function templates(pairs) {
      const out = {};
      for (let i = 0; i < pairs.length; i++) {
        defineProperty(out, pairs[i][0], { value: entry(pairs[i][1], pairs[i][0]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return { entry, templates };
  }

  return { h, S, link };
})`;
