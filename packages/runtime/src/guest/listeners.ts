/** Named listener lists (`my.on`, `my.onX`, task events, app events). Captured built-ins only (intrinsics.ts): error reports and host events go through here. */
import { SafeMap, append, sliceList } from './intrinsics.ts';

function indexOf(list: readonly Function[], fn: unknown): number {
  for (let i = 0; i < list.length; i++) if (list[i] === fn) return i;
  return -1;
}

export class Listeners {
  private readonly map = new SafeMap<string, Function[]>();

  add(name: string, fn: unknown): void {
    if (typeof fn !== 'function') throw new TypeError(`listener for "${name}" must be a function`);
    const list = this.map.get(name);
    if (list) {
      if (indexOf(list, fn) < 0) append(list, fn);
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
    const i = indexOf(list, fn);
    if (i >= 0) {
      for (let j = i; j < list.length - 1; j++) list[j] = list[j + 1];
      list.length--;
    }
    if (list.length === 0) this.map.delete(name);
  }

  /** A snapshot, so listeners that remove themselves while running do not skip others. */
  get(name: string): Function[] {
    const list = this.map.get(name);
    return list ? sliceList(list) : [];
  }

  size(): number {
    return this.map.size;
  }
}
