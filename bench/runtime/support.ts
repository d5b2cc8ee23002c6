/**
 * Shared by the runtime and JSAPI benchmarks: building a fixture project once into an in-memory
 * package, wall-clock + CPU samples, a headless renderer that timestamps every batch it applies,
 * the two logic engines run side by side, and order statistics.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createVmTransport, HeadlessRenderer, packageFromFiles, type ContainerOptions, type PackageSource, type RenderOp } from '@mpk/runtime';

/** Builds `projectDir` into a temp dir and returns the package held in memory (no disk reads while measuring). */
export async function buildInMemory(projectDir: string): Promise<{ pkg: PackageSource; files: Record<string, string> }> {
  // Imported here, not at the top: the bench's child processes use this module without the compiler.
  const { build } = await import('@mpk/compiler');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpk-bench-pkg-'));
  try {
    const result = await build(projectDir, { outDir });
    if (!result.ok) {
      const first = result.diagnostics.find((d) => d.severity === 'error');
      throw new Error(`benchmark app ${projectDir} does not build: ${first?.file ?? ''} ${first?.message ?? ''}`);
    }
    const files = readPackageFiles(outDir);
    return { pkg: packageFromFiles(files), files };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** A built package directory's files, by package path. */
export function readPackageFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** A built package directory as a package held in memory (what child processes of the bench launch). */
export function readPackageDir(dir: string): PackageSource {
  return packageFromFiles(readPackageFiles(dir));
}

/** Writes an in-memory package to a fresh temp dir (for child processes); the caller removes it. */
export function writePackage(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpk-bench-pkg-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** CPU time this process has used (all threads, user + system), in ms. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * One measurement, as wall-clock time and as the CPU time the process spent meanwhile. On a busy
 * machine the wall time includes waiting for a core; the CPU time does not (it does include V8's
 * helper threads, GC and compilation).
 */
export interface Sample {
  wall: number;
  cpu: number;
}

/** The readings at the start of a measurement; `since(start, end?)` gives the time elapsed until `end` (default: now). */
export function mark(): Sample {
  return { wall: performance.now(), cpu: cpuMs() };
}

export function since(start: Sample, end: Sample = mark()): Sample {
  return { wall: end.wall - start.wall, cpu: end.cpu - start.cpu };
}

/** A headless renderer that remembers when it last applied a batch (the end of a rendered update). */
export class TimedRenderer extends HeadlessRenderer {
  lastApply: Sample = { wall: 0, cpu: 0 };
  override apply(ops: readonly RenderOp[]): void {
    super.apply(ops);
    this.lastApply = mark();
  }
}

export type Engine = 'quickjs' | 'vm';
export const ENGINES: readonly Engine[] = ['quickjs', 'vm'];

/**
 * Sandbox limits of the bench's containers: a long task deadline. On a loaded 2-core machine the
 * 1,000-component page's first entry can pass the default 1 s and the app would be stopped
 * mid-benchmark; checking the deadline costs the same whatever its value.
 */
export const BENCH_LIMITS = { taskMs: 30_000 } as const;

/**
 * The container's `logic` option for each side. The baseline is node:vm without its per-task
 * deadline: vm's `timeout` starts a watchdog thread on every entry (≈30 µs of CPU, more in wall
 * time), a cost of node:vm's API rather than of V8, which would otherwise flatter QuickJS.
 */
export function logicOf(engine: Engine): NonNullable<ContainerOptions['logic']> {
  return engine === 'quickjs' ? 'quickjs' : (options) => createVmTransport({ ...options, enforceDeadline: false });
}

/**
 * Runs `sample(engine, i)` for both engines in turn, alternating which goes first, after `warmup`
 * untimed rounds: machine noise (GC, other processes) then hits both sides alike.
 */
export async function interleaved<T>(runs: number, warmup: number, sample: (engine: Engine, i: number) => Promise<T>): Promise<Record<Engine, T[]>> {
  const out: Record<Engine, T[]> = { quickjs: [], vm: [] };
  for (let i = 0; i < warmup + runs; i++) {
    const order = i % 2 === 0 ? ENGINES : [...ENGINES].reverse();
    for (const engine of order) {
      const value = await sample(engine, i);
      if (i >= warmup) out[engine].push(value);
    }
  }
  return out;
}

/** The value at quantile `q` (0…1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
