import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, formatBytes, formatDiagnostic, summarizeDiagnostics, type BuildResult } from '@mpk/compiler';
import { removePackageSignature, signPackageDir, signingKeyId } from '@mpk/runtime/node';
import { processIO, resolveUserPath, userCwd, type CliIO } from '../context.ts';
import type { CliCommand } from './types.ts';
import { terminalDiagnostic, terminalText } from '../../output/terminal.ts';

interface BuildFlags {
  out?: string;
  minify?: boolean;
  sourcemap?: boolean;
  /** Private key file (PKCS#8 PEM, `mpk keygen`): writes manifest.sig. */
  sign?: string;
  /** Key id written in manifest.sig (default: the key's fingerprint). */
  keyId?: string;
}

/** Terminal colours only when writing to a real terminal. */
export function useColor(io: CliIO, stream: 'stdout' | 'stderr'): boolean {
  return io === processIO && Boolean(process[stream].isTTY) && !process.env.NO_COLOR;
}

/** Diagnostics, one block each, then the summary line. */
export function printDiagnostics(result: { diagnostics: BuildResult['diagnostics'] }, write: (text: string) => void, color: boolean): void {
  // Messages, file names and code frames come from the project: terminal-safe before colouring.
  for (const d of result.diagnostics) write(`${formatDiagnostic(terminalDiagnostic(d), { color })}\n\n`);
  write(`${summarizeDiagnostics(result.diagnostics)}\n`);
}

/**
 * Per part: its files largest first (by compressed size, what the platform measures), raw and
 * compressed; the part's total against the 2 MB limit; then the total against 8 MB. Source maps
 * are listed but not uploaded, so not counted.
 */
export function sizeReport(result: BuildResult): string {
  const lines: string[] = [];
  const parts = result.sizes?.parts ?? [];
  const width = Math.max(24, ...result.files.map((f) => f.path.length + 2));
  const row = (label: string, raw: string, compressed: string, rest = '') =>
    `${label.padEnd(width)}${raw.padStart(10)}${compressed.padStart(12)}${rest}`.trimEnd();
  lines.push(row('', 'raw', 'compressed'));
  for (const size of parts) {
    const files = result.files
      .filter((f) => f.part === size.part)
      .sort((a, b) => b.compressed - a.compressed || b.size - a.size || (a.path < b.path ? -1 : 1));
    const pages = result.manifest?.parts.find((p) => p.root === size.part)?.pages.length ?? 0;
    const name = size.part === '' ? 'main package' : `subpackage ${size.part}`;
    const over = size.compressed > size.limit ? '  OVER THE LIMIT' : '';
    lines.push(row(`${name} (${pages} page${pages === 1 ? '' : 's'})`, formatBytes(size.raw), formatBytes(size.compressed), `  of ${formatBytes(size.limit)}${over}`));
    for (const f of files) {
      const map = f.path.endsWith('.map');
      lines.push(row(`  ${terminalText(f.path, { multiline: false })}`, formatBytes(f.size), map ? '-' : formatBytes(f.compressed), map ? '  (source map, not uploaded or counted)' : ''));
    }
  }
  const total = result.sizes?.total;
  if (total) {
    const over = total.compressed > total.limit ? '  OVER THE LIMIT' : '';
    lines.push(row('total', formatBytes(total.raw), formatBytes(total.compressed), `  of ${formatBytes(total.limit)}${over}`));
  }
  return `${lines.join('\n')}\n`;
}

export const buildCommand: CliCommand = {
  usage: 'build [project]',
  description: 'Compile a mini-program project into a package (default: <project>/dist)',
  options: [
    ['--out <dir>', 'Output directory (default: <project>/dist)'],
    ['--minify', 'Minify logic.js (default: mini.project.json developOptions.minify)'],
    ['--no-sourcemap', 'Do not write logic.js.map'],
    ['--sign <key-file>', 'Sign the package with this Ed25519 private key (PEM; mpk keygen makes one): writes manifest.sig'],
    ['--key-id <id>', "Key id written in manifest.sig (default: the key's fingerprint, as mpk keygen prints it)"],
  ],
  examples: ['mpk build examples/shop', 'mpk build . --out /tmp/shop-package --minify', 'mpk build . --sign ~/.mpk/release.key'],
  async run(args, io) {
    const project = resolveUserPath(typeof args[0] === 'string' ? args[0] : '.');
    const flags = (args[args.length - 1] ?? {}) as BuildFlags;
    const outDir = flags.out ? resolveUserPath(String(flags.out)) : undefined;
    // The key is read and checked first: a bad key must not leave an unsigned package behind.
    let signingKey: { text: string; keyId: string } | undefined;
    if (flags.sign !== undefined) {
      if (typeof flags.sign !== 'string' || flags.sign === '') {
        io.stderr('mpk build: --sign takes the private key file (mpk keygen makes one)\n');
        return 2;
      }
      const keyFile = resolveUserPath(flags.sign);
      try {
        const text = await readFile(keyFile, 'utf8');
        signingKey = { text, keyId: flags.keyId !== undefined ? String(flags.keyId) : signingKeyId(text) };
      } catch (error) {
        io.stderr(`mpk build: cannot sign with ${keyFile}: ${(error as Error).message}\n`);
        return 2;
      }
    }
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
    try {
      if (signingKey) {
        const signed = await signPackageDir(result.outDir!, signingKey.text, signingKey.keyId);
        io.stdout(`signed with key ${signed.keyId} (${path.basename(signed.file)})\n`);
      } else {
        // An unsigned build must not keep the signature of an earlier one.
        await removePackageSignature(result.outDir!);
      }
    } catch (error) {
      io.stderr(`mpk build: signing ${where} failed: ${(error as Error).message}\n`);
      return 1;
    }
    io.stdout(`package written to ${where} in ${Math.round(result.timings.totalMs)} ms\n`);
    return 0;
  },
};
