/**
 * Longest increasing subsequence of `sources` (entries of -1 are new nodes and are skipped).
 * Returns the positions (indices into `sources`) of one LIS, ascending: those nodes stay put while
 * a keyed list is reordered, everything else moves. O(n log n).
 */
export function longestIncreasingSubsequence(sources: Int32Array): number[] {
  const n = sources.length;
  const predecessor = new Int32Array(n);
  const tails: number[] = [];
  for (let i = 0; i < n; i++) {
    const value = sources[i];
    if (value < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sources[tails[mid]] < value) lo = mid + 1;
      else hi = mid;
    }
    predecessor[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const result = new Array<number>(tails.length);
  let k = tails.length > 0 ? tails[tails.length - 1] : -1;
  for (let i = tails.length - 1; i >= 0; i--) {
    result[i] = k;
    k = predecessor[k];
  }
  return result;
}
