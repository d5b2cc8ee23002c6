/**
 * The protocol's data-path rules shared by the base library (which applies `setData` and
 * `$spliceData` to `this.data`) and the ViewEngine (which applies the patch to its copy): both must
 * agree exactly. This code also runs inside the sandbox on the base library's message paths, so
 * it uses no built-in an app could replace (no methods, no `Math`): operators and index loops only.
 */

/**
 * How far past an array's end a data path may set an element (`list[length + MAX_INDEX_GAP]` is the
 * furthest): setting `list[999999999]` would leave a sparse array of a billion holes that every
 * render, diff and serialisation walks. Both sides refuse more (the base library before sending).
 */
export const MAX_INDEX_GAP = 1000;

/** Why setting `index` of `array` is refused, or undefined when it is fine. */
export function indexGapProblem(length: number, index: number): string | undefined {
  if (index <= length + MAX_INDEX_GAP) return undefined;
  return `index ${index} is more than ${MAX_INDEX_GAP} past the end of an array of ${length} (it would leave ${index - length} empty slots)`;
}

function finite(value: number): boolean {
  return typeof value === 'number' && value - value === 0;
}

function truncate(value: number): number {
  return value - (value % 1);
}

/** `Array.prototype.splice` clamping, in place, without `splice(...items)`: a spread of 100k items overflows the call stack. */
export function spliceInPlace(array: unknown[], start: number, deleteCount: number, items: readonly unknown[]): void {
  const length = array.length;
  let from = finite(start) ? truncate(start) : 0;
  if (from < 0) from = length + from > 0 ? length + from : 0;
  else if (from > length) from = length;
  let count = finite(deleteCount) ? truncate(deleteCount) : 0;
  if (count < 0) count = 0;
  if (count > length - from) count = length - from;
  const tail: unknown[] = [];
  for (let i = from + count; i < length; i++) tail[i - from - count] = array[i];
  array.length = from;
  let at = from;
  for (let i = 0; i < items.length; i++) array[at++] = items[i];
  for (let i = 0; i < tail.length; i++) array[at++] = tail[i];
}
