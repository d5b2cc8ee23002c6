import path from 'node:path';
import { build, formatBytes, formatDiagnostic, summarizeDiagnostics, type BuildResult } from '@mpk/compiler';
import { PACKAGE_LIMITS } from '@mpk/runtime/package-format';
import { processIO, resolveUserPath, userCwd, type CliIO } from '../context.ts';
import type { CliCommand } from './types.ts';

interface BuildFlags {
  out?: string;
  minify?: boolean;
  sourcemap?: boolean;
}

/** Terminal colours only when writing to a real terminal. */
export function useColor(io: CliIO, stream: 'stdout' | 'stderr'): boolean {
  return io === processIO && Boolean(process[stream].isTTY) && !process.env.NO_COLOR;
}

/** Diagnostics, one block each, then the summary line. */
export function printDiagnostics(result: { diagnostics: BuildResult['diagnostics'] }, write: (text: string) => void, color: boolean): void {
  for (const d of result.diagnostics) write(`${formatDiagnostic(d, { color })}\n\n`);
  write(`${summarizeDiagnostics(result.diagnostics)}\n`);
}

/** Per part: its files largest first, the part total against the 2 MB limit; then the total against 8 MB. */
export function sizeReport(result: BuildResult): string {
  const lines: string[] = [];
  const roots = result.manifest?.parts.map((p) => p.root) ?? [];
  const width = Math.max(24, ...result.files.map((f) => f.path.length + 2));
  let total = 0;
  for (const root of roots) {
    const files = result.files.filter((f) => f.part === root).sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
    const counted = files.filter((f) => !f.path.endsWith('.map')).reduce((sum, f) => sum + f.size, 0);
    total += counted;
    const pages = result.manifest!.parts.find((p) => p.root === root)!.pages.length;
    const name = root === '' ? 'main package' : `subpackage ${root}`;
    lines.push(`${`${name} (${pages} page${pages === 1 ? '' : 's'})`.padEnd(width)}${formatBytes(counted).padStart(10)} of ${formatBytes(PACKAGE_LIMITS.perPackage)}`);
    for (const f of files) {
      const note = f.path.endsWith('.map') ? '  (source map, not counted)' : '';
      lines.push(`  ${f.path.padEnd(width - 2)}${formatBytes(f.size).padStart(10)}${note}`);
    }
  }
  lines.push(`${'total'.padEnd(width)}${formatBytes(total).padStart(10)} of ${formatBytes(PACKAGE_LIMITS.total)}`);
  return `${lines.join('\n')}\n`;
}

export const buildCommand: CliCommand = {
  usage: 'build [project]',
  description: 'Compile a mini-program project into a package (default: <project>/dist)',
  options: [
    ['--out <dir>', 'Output directory (default: <project>/dist)'],
    ['--minify', 'Minify logic.js (default: mini.project.json developOptions.minify)'],
    ['--no-sourcemap', 'Do not write logic.js.map'],
  ],
  examples: ['mpk build examples/shop', 'mpk build . --out /tmp/shop-package --minify'],
  async run(args, io) {
    const project = resolveUserPath(typeof args[0] === 'string' ? args[0] : '.');
    const flags = (args[args.length - 1] ?? {}) as BuildFlags;
    const outDir = flags.out ? resolveUserPath(String(flags.out)) : undefined;
    const result = await build(project, {
      ...(outDir ? { outDir } : {}),
      ...(flags.minify ? { minify: true } : {}),
      ...(flags.sourcemap === false ? { sourcemap: false } : {}),
    });
    const color = useColor(io, 'stderr');
    if (result.diagnostics.length > 0) printDiagnostics(result, io.stderr, color);
    if (result.manifest) io.stdout(sizeReport(result));
    if (!result.ok) {
      io.stderr(`mpk build: ${project} has errors; no package written\n`);
      return 1;
    }
    const relative = path.relative(userCwd(), result.outDir!);
    const where = relative === '' ? '.' : relative.startsWith('..') ? result.outDir! : relative;
    io.stdout(`package written to ${where} in ${Math.round(result.timings.totalMs)} ms\n`);
    return 0;
  },
};
