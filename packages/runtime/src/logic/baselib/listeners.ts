/** Named listener lists (`my.on`, `my.onX`, task events, app events). */
export class Listeners {
  private readonly map = new Map<string, Function[]>();

  add(name: string, fn: unknown): void {
    if (typeof fn !== 'function') throw new TypeError(`listener for "${name}" must be a function`);
    const list = this.map.get(name);
    if (list) {
      if (!list.includes(fn)) list.push(fn);
    } else this.map.set(name, [fn]);
  }

  /** Without `fn`, removes every listener of `name`. */
  remove(name: string, fn?: unknown): void {
    if (fn === undefined) {
      this.map.delete(name);
      return;
    }
    const list = this.map.get(name);
    if (!list) return;
    const i = list.indexOf(fn as Function);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.map.delete(name);
  }

  /** A snapshot, so listeners that remove themselves while running do not skip others. */
  get(name: string): Function[] {
    const list = this.map.get(name);
    return list ? list.slice() : [];
  }

  size(): number {
    return this.map.size;
  }
}
