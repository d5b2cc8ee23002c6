/**
 * Host built-in methods view code could take as values (`var f = [].indexOf`, `{ toString: [].join }`,
 * `[1].map(''.repeat, 'x')`): another native would then run them on whatever `this` and arguments
 * it is given, outside the prelude's guards. Reads of these names that are not calls go through
 * the prelude's `vv` (templates `h.vv`, SJS `__mpkVV`), which hands out a guarded stand-in instead of
 * the native (prelude.ts, "host methods as values").
 */

/** The prototypes whose methods are handed out as stand-ins (the prelude builds the same set). */
const hostPrototypes = (): object[] => [Array.prototype, String.prototype, Object.getPrototypeOf(function () {}) as object];

/** Names of the function-valued own properties of those prototypes (`constructor` excepted: it is reserved). */
export const NATIVE_METHOD_NAMES: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  for (const proto of hostPrototypes()) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (d !== undefined && typeof d.value === 'function' && name !== 'constructor') names.add(name);
    }
  }
  return names;
})();

/**
 * The methods whose unguarded calls are not bounded by their receiver: every array method (it walks
 * `this.length` of any array-like), call/apply/bind (they re-dispatch), and the string builders and
 * host-RegExp users. SJS may not destructure these names (`var { indexOf } = []`): a pattern would
 * bind the native itself.
 */
export const UNBOUNDED_METHOD_NAMES: ReadonlySet<string> = (() => {
  const names = new Set<string>(['call', 'apply', 'bind', 'repeat', 'padStart', 'padEnd', 'concat', 'match', 'matchAll', 'search', 'replace', 'replaceAll']);
  for (const name of Object.getOwnPropertyNames(Array.prototype)) {
    if (name !== 'constructor' && NATIVE_METHOD_NAMES.has(name)) names.add(name);
  }
  return names;
})();
