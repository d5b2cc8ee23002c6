/**
 * One page per documented component holds every code example of its docs. The docs give each example's
 * `Page({...})` on its own; demoPage merges them into one page: data merged, handlers of the same name all
 * called in order. Every handler the template names logs `event <name> <args>` (tests read it from the
 * app's console), and a handler the docs' template names but their script leaves out only logs.
 */
const LIFECYCLES = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload'];

function describe(value) {
  try {
    return JSON.stringify(value, (key, v) => (key === 'currentTarget' || key === 'target' ? undefined : v));
  } catch (error) {
    return String(value);
  }
}

export function demoPage(parts, handlers) {
  const merged = { data: {} };
  const fns = {};
  for (const part of parts) {
    for (const key of Object.keys(part)) {
      const value = part[key];
      if (key === 'data') {
        for (const name of Object.keys(value)) {
          if (name in merged.data && describe(merged.data[name]) !== describe(value[name])) console.warn(`demo: two examples define data.${name}`);
          merged.data[name] = value[name];
        }
      }
      else if (typeof value === 'function') (fns[key] = fns[key] || []).push(value);
      else merged[key] = value;
    }
  }
  for (const name of handlers) if (!fns[name]) fns[name] = [];
  for (const name of Object.keys(fns)) {
    const list = fns[name];
    const logged = handlers.indexOf(name) >= 0 && LIFECYCLES.indexOf(name) < 0;
    merged[name] = function (...args) {
      if (logged) console.log(`event ${name} ${args.map(describe).join(' ')}`);
      let result;
      for (const fn of list) result = fn.apply(this, args);
      return result;
    };
  }
  return merged;
}
