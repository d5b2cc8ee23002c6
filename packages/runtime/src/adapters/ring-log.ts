/**
 * A bounded record of what a mini-program did (UI calls, API calls, logs and errors kept by the
 * harness): an array that keeps the latest `capacity` entries and counts the ones it let go, so an
 * app that loops on `my.showToast` or `console.log` cannot grow the host's memory without bound.
 *
 * It is an Array (indexing, `filter`, `map`, `toEqual` in tests work as before); `dropped` says how
 * many of the oldest entries were discarded.
 */
export class RingLog<T> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  #capacity: number;
  #dropped = 0;

  constructor(capacity: number) {
    super();
    if (!(capacity >= 1)) throw new RangeError(`RingLog capacity must be at least 1, got ${String(capacity)}`);
    this.#capacity = Math.floor(capacity);
  }

  /** How many entries are kept at most. */
  get capacity(): number {
    return this.#capacity;
  }

  /** How many of the oldest entries were discarded to stay within `capacity`. */
  get dropped(): number {
    return this.#dropped;
  }

  override push(...items: T[]): number {
    for (const item of items) super.push(item);
    const over = this.length - this.#capacity;
    if (over > 0) {
      // Let go of a tenth at a time, so a long run of pushes costs amortised O(1), not a shift each.
      const cut = Math.min(this.length, over + Math.floor(this.#capacity / 10));
      this.splice(0, cut);
      this.#dropped += cut;
    }
    return this.length;
  }

  /** Forgets every entry (the dropped count too). */
  clear(): void {
    this.length = 0;
    this.#dropped = 0;
  }
}
