/**
 * Compile benchmark: a generated 200-page project, built cold (a new builder each time: no caches
 * of ours) and rebuilt incrementally after a one-file edit (template, style, logic). Baseline,
 * side by side: esbuild alone bundling the same logic files, the floor of what a build costs.
 *
 * Ours and the baseline run interleaved (one of ours, one of theirs, …) so both see the same
 * machine load, and the table reports the best run of each (the figure least distorted by other
 * processes on a shared machine); the notes give the medians.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { createBuilder, loadProject, logicEntrySource, logicModules } from '@mpk/compiler';
import type { BenchRow, BenchSuite } from '../types.ts';
import { generateProject, pageLogic, pageStyle, pageTemplate } from './generate.ts';

const PAGES = 200;
const COLD_RUNS = 7;
const EDITS = 15;

interface Samples {
  ours: number[];
  baseline: number[];
}

const best = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function esbuildOptions(dir: string): esbuild.BuildOptions {
  const project = loadProject(dir);
  const entry = logicEntrySource(logicModules(project, project.parts[0]!), project.files);
  return {
    stdin: { contents: entry, resolveDir: dir, sourcefile: 'entry.js', loader: 'js' },
    absWorkingDir: dir,
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    outfile: path.join(dir, 'logic.js'),
    sourcemap: 'linked',
    logLevel: 'silent',
  };
}

async function coldSamples(dir: string, outDir: string): Promise<Samples> {
  const options = esbuildOptions(dir);
  const samples: Samples = { ours: [], baseline: [] };
  for (let i = 0; i <= COLD_RUNS; i++) {
    const ours = await time(async () => {
      const builder = createBuilder(dir, { outDir });
      const result = await builder.build();
      await builder.dispose();
      if (!result.ok) throw new Error(`bench project failed to build: ${result.diagnostics[0]?.message}`);
    });
    const baseline = await time(() => esbuild.build(options));
    if (i === 0) continue; // warm-up: module loading, JIT, esbuild's service process
    samples.ours.push(ours);
    samples.baseline.push(baseline);
  }
  return samples;
}

async function rebuildSamples(dir: string, outDir: string): Promise<Record<'template' | 'style' | 'logic', Samples>> {
  const i = 100;
  const id = `pages/p${i}/p${i}`;
  const builder = createBuilder(dir, { outDir });
  await builder.build();
  const context = await esbuild.context(esbuildOptions(dir));
  await context.rebuild();
  const edits = {
    template: { file: `${id}.axml`, content: (n: number) => pageTemplate(i, ` edit ${n}`) },
    style: { file: `${id}.acss`, content: (n: number) => pageStyle(i, 20 + n) },
    logic: { file: `${id}.js`, content: (n: number) => pageLogic(i, n) },
  };
  const out = {} as Record<'template' | 'style' | 'logic', Samples>;
  let n = 0;
  try {
    for (const [kind, edit] of Object.entries(edits) as Array<[keyof typeof edits, (typeof edits)['logic']]>) {
      const samples: Samples = { ours: [], baseline: [] };
      const file = path.join(dir, edit.file);
      const logicFile = path.join(dir, edits.logic.file);
      for (let k = 0; k <= EDITS; k++) {
        n++;
        fs.writeFileSync(file, edit.content(n));
        const ours = await time(async () => {
          const result = await builder.rebuild([file]);
          if (!result.ok) throw new Error(`rebuild failed: ${result.diagnostics[0]?.message}`);
        });
        // The baseline is always esbuild's rebuild after a one-file logic edit.
        fs.writeFileSync(logicFile, pageLogic(i, 1000 + n));
        const baseline = await time(() => context.rebuild());
        await builder.rebuild([logicFile]); // keep our builder in step with the file on disk
        if (k === 0) continue;
        samples.ours.push(ours);
        samples.baseline.push(baseline);
      }
      out[kind] = samples;
    }
  } finally {
    await context.dispose();
    await builder.dispose();
  }
  return out;
}

export const suite: BenchSuite = {
  name: 'compile',
  description: `mpk build of a generated ${PAGES}-page project vs esbuild alone on its logic`,
  async run(): Promise<BenchRow[]> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mpk-bench-compile-'));
    try {
      const { dir } = generateProject(path.join(root, 'app'), PAGES);
      const outDir = path.join(root, 'out');
      const cold = await coldSamples(dir, outDir);
      const rows: BenchRow[] = [
        {
          case: `cold build, ${PAGES} pages`,
          ours: best(cold.ours),
          unit: 'ms',
          baseline: best(cold.baseline),
          baselineLabel: 'esbuild alone, logic only',
          goal: { text: `${PAGES} pages < 1500 ms`, met: best(cold.ours) < 1500 },
          note: `${Math.round(PAGES / (best(cold.ours) / 1000))} pages/s; best of ${COLD_RUNS}, medians ${median(cold.ours).toFixed(0)} ms vs ${median(cold.baseline).toFixed(0)} ms`,
        },
      ];
      const rebuilds = await rebuildSamples(dir, outDir);
      for (const [kind, samples] of Object.entries(rebuilds)) {
        rows.push({
          case: `rebuild after one ${kind} edit`,
          ours: best(samples.ours),
          unit: 'ms',
          baseline: best(samples.baseline),
          baselineLabel: 'esbuild rebuild after one logic edit',
          goal: { text: 'rebuild < 50 ms', met: best(samples.ours) < 50 },
          note: `best of ${EDITS}; medians ${median(samples.ours).toFixed(1)} ms vs ${median(samples.baseline).toFixed(1)} ms`,
        });
      }
      return rows;
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
};
