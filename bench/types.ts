/**
 * The shape of a benchmark suite. Each area puts one in `bench/<area>/index.ts` as
 * `export const suite: BenchSuite`; `bench/run.ts` finds and runs them all.
 */

export interface BenchRow {
  /** What was measured, e.g. `cold build, 200 pages`. */
  case: string;
  /** Our figure. */
  ours: number;
  /** Unit of `ours` and `baseline` (`ms`, `KB`, `ops/s`…). */
  unit: string;
  /** The same work done by the reference, measured side by side in the same run. */
  baseline?: number;
  /** What the baseline is (`esbuild alone`). */
  baselineLabel?: string;
  /** The target, e.g. `< 1500 ms`; `met` says whether this run reached it. */
  goal?: { text: string; met: boolean };
  /** Extra context printed after the table (`133 pages/s`). */
  note?: string;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(): Promise<BenchRow[]>;
}

/** Median of `runs` timings (ms) of `fn`, after `warmup` untimed runs. */
export async function medianMs(fn: () => Promise<unknown> | unknown, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
