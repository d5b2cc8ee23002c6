/**
 * The protocol's `splice` op, shared by the base library (which applies `$spliceData` to
 * `this.data`) and the ViewEngine (which applies the patch to its copy): both must agree exactly.
 */

/** `Array.prototype.splice` clamping, in place, without `splice(...items)`: a spread of 100k items overflows the call stack. */
export function spliceInPlace(array: unknown[], start: number, deleteCount: number, items: readonly unknown[]): void {
  const length = array.length;
  let from = Number.isFinite(start) ? Math.trunc(start) : 0;
  from = from < 0 ? Math.max(length + from, 0) : Math.min(from, length);
  let count = Number.isFinite(deleteCount) ? Math.trunc(deleteCount) : 0;
  count = Math.min(Math.max(count, 0), length - from);
  const tail = array.slice(from + count);
  array.length = from;
  for (let i = 0; i < items.length; i++) array.push(items[i]);
  for (let i = 0; i < tail.length; i++) array.push(tail[i]);
}
