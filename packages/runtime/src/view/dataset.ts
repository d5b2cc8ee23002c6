/**
 * `data-*` → dataset and `mark:*` → mark, per the docs (事件对象): `data-alpha-beta` becomes
 * `dataset.alphaBeta`; marks keep their names as written (no case conversion). Values keep the
 * type the template gave them.
 */

const cache = new Map<string, string>();

/** `alpha-beta` → `alphaBeta`. */
export function datasetKey(name: string): string {
  let key = cache.get(name);
  if (key === undefined) {
    key = name.replace(/-([a-z0-9])/gi, (_, ch: string) => ch.toUpperCase());
    if (cache.size > 2048) cache.clear();
    cache.set(name, key);
  }
  return key;
}

export function datasetOf(attrs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const dataset: Record<string, unknown> = {};
  for (const name in attrs) {
    if (name.length > 5 && name.startsWith('data-')) {
      const value = attrs[name];
      if (typeof value !== 'function') dataset[datasetKey(name.slice(5))] = value;
    }
  }
  return dataset;
}

/** Adds this node's `mark:*` values to `into` unless a closer node already set them (child wins). */
export function mergeMarks(attrs: Readonly<Record<string, unknown>>, into: Record<string, unknown>): void {
  for (const name in attrs) {
    if (name.length > 5 && name.startsWith('mark:')) {
      const key = name.slice(5);
      if (!Object.prototype.hasOwnProperty.call(into, key)) {
        const value = attrs[name];
        if (typeof value !== 'function') into[key] = value;
      }
    }
  }
}
