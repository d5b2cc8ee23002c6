/**
 * `pnpm bench [filter…] [--json]`: runs every suite found in `bench/<area>/index.ts` (each exports
 * `suite: BenchSuite`; adding a suite is adding that file), optionally only those whose name
 * contains one of the filters, and prints one table: suite | case | ours | baseline | ratio | goal.
 */

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './types.ts';

const here = path.dirname(new URL(import.meta.url).pathname);

async function discoverSuites(): Promise<BenchSuite[]> {
  const suites: BenchSuite[] = [];
  for (const entry of fs.readdirSync(here, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const index = path.join(here, entry.name, 'index.ts');
    if (!fs.existsSync(index)) continue;
    const module = (await import(pathToFileURL(index).href)) as { suite?: BenchSuite };
    if (module.suite) suites.push(module.suite);
    else console.warn(`bench/${entry.name}/index.ts does not export "suite"; skipped`);
  }
  return suites;
}

function format(value: number | undefined, unit: string): string {
  if (value === undefined) return '—';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function renderTable(rows: Array<BenchRow & { suite: string }>): string {
  const header = ['suite', 'case', 'ours', 'baseline', 'ratio', 'goal'];
  const body = rows.map((r) => [
    r.suite,
    r.case,
    format(r.ours, r.unit),
    r.baseline === undefined ? '—' : `${format(r.baseline, r.unit)}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`,
    r.baseline ? `×${(r.ours / r.baseline).toFixed(2)}` : '—',
    r.goal ? `${r.goal.text} ${r.goal.met ? '✓' : '✗'}` : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const filters = args.filter((a) => !a.startsWith('--'));
  const suites = (await discoverSuites()).filter((s) => filters.length === 0 || filters.some((f) => s.name.includes(f)));
  if (suites.length === 0) {
    console.error(`no benchmark suite matches ${filters.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const rows: Array<BenchRow & { suite: string }> = [];
  for (const suite of suites) {
    console.error(`running ${suite.name}: ${suite.description}…`);
    try {
      for (const row of await suite.run()) rows.push({ ...row, suite: suite.name });
    } catch (error) {
      console.error(`suite ${suite.name} failed: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = 1;
    }
  }
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  console.log(renderTable(rows));
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.suite} / ${r.case}: ${r.note}`);
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(here, 'run.ts')) await main();
