import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, codes, formatBytes, zipEntrySize, type BuildResult } from '@mpk/compiler';
import { removePackageSignature, signPackageDir, signingKeyId } from '@mpk/runtime/node';
import { processIO, resolveUserPath, userCwd, type CliIO } from '../context.ts';
import type { CliCommand } from './types.ts';
import { terminalText } from '../../output/terminal.ts';
import { formatText, inertJson, jsonDiagnostics, placeDiagnostics, relativePath, summarize, toolInfo } from '../../output/report.ts';

interface BuildFlags {
  json?: boolean;
  out?: string;
  minify?: boolean;
  sourcemap?: boolean;
  /** `--no-typecheck`: false. */
  typecheck?: boolean;
  /** Private key file (PKCS#8 PEM, `mpk keygen`): writes manifest.sig. */
  sign?: string;
  /** Key id written in manifest.sig (default: the key's fingerprint). */
  keyId?: string;
}

/**
 * Terminal colours when writing to a real terminal. NO_COLOR (any non-empty value, no-color.org)
 * turns them off; FORCE_COLOR (non-empty and not "0") turns them on even through a pipe (CI logs).
 * NO_COLOR wins when both are set. Output captured by a test's own io is never coloured.
 */
export function useColor(io: CliIO, stream: 'stdout' | 'stderr', env: NodeJS.ProcessEnv = process.env): boolean {
  if (io !== processIO) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(process[stream].isTTY);
}

/** One row of the size report. */
export interface SizeRow {
  path: string;
  /** Bytes on disk. */
  size: number;
  /** Bytes as a zip entry (what the platform's limits measure); 0 for source maps. */
  compressed: number;
  /** A source map: listed, not uploaded. */
  sourceMap: boolean;
  /** Counted in the part's size against its limit (not source maps, not mpk's manifest.json). */
  counted: boolean;
}

export interface PartSizes {
  /** '' for the main package, else the subpackage root. */
  part: string;
  name: string;
  pages: number;
  raw: number;
  compressed: number;
  limit: number;
  over: boolean;
  /** Largest first by compressed size; manifest.json (the package index) in the main package. */
  files: SizeRow[];
}

export interface SizeData {
  parts: PartSizes[];
  total?: { raw: number; compressed: number; limit: number; over: boolean };
}

/** The data of the size report (text and `mpk build --json`). */
export function sizeData(result: BuildResult): SizeData {
  const parts: PartSizes[] = [];
  const manifestText = result.manifest ? `${JSON.stringify(result.manifest, null, 2)}\n` : undefined;
  for (const size of result.sizes?.parts ?? []) {
    const files: SizeRow[] = result.files
      .filter((f) => f.part === size.part)
      .map((f) => {
        const sourceMap = f.path.endsWith('.map');
        return { path: f.path, size: f.size, compressed: sourceMap ? 0 : f.compressed, sourceMap, counted: !sourceMap };
      });
    // BuildResult.files leaves out manifest.json; it is written too (mpk's index of the package, not part of the platform's limits).
    if (size.part === '' && manifestText !== undefined) {
      files.push({ path: 'manifest.json', size: Buffer.byteLength(manifestText), compressed: zipEntrySize('manifest.json', manifestText), sourceMap: false, counted: false });
    }
    files.sort((a, b) => b.compressed - a.compressed || b.size - a.size || (a.path < b.path ? -1 : 1));
    const pages = result.manifest?.parts.find((p) => p.root === size.part)?.pages.length ?? 0;
    parts.push({
      part: size.part,
      name: size.part === '' ? 'main package' : `subpackage ${size.part}`,
      pages,
      raw: size.raw,
      compressed: size.compressed,
      limit: size.limit,
      over: size.compressed > size.limit,
      files,
    });
  }
  const total = result.sizes?.total;
  return { parts, ...(total ? { total: { ...total, over: total.compressed > total.limit } } : {}) };
}

/**
 * Per part: its files largest first (by compressed size, what the platform measures), raw and
 * compressed; the part's total against the 2 MB limit; then the total against 8 MB. Source maps
 * are listed but not uploaded, so not counted; nor is manifest.json, mpk's index of the package.
 */
export function sizeReport(result: BuildResult): string {
  const data = sizeData(result);
  const lines: string[] = [];
  const width = Math.max(24, ...data.parts.flatMap((p) => p.files.map((f) => f.path.length + 2)));
  const row = (label: string, raw: string, compressed: string, rest = '') =>
    `${label.padEnd(width)}${raw.padStart(10)}${compressed.padStart(12)}${rest}`.trimEnd();
  lines.push(row('', 'raw', 'compressed'));
  for (const part of data.parts) {
    const over = part.over ? '  OVER THE LIMIT' : '';
    lines.push(row(`${part.name} (${part.pages} page${part.pages === 1 ? '' : 's'})`, formatBytes(part.raw), formatBytes(part.compressed), `  of ${formatBytes(part.limit)}${over}`));
    for (const f of part.files) {
      const note = f.sourceMap ? '  (source map, not uploaded or counted)' : f.counted ? '' : "  (mpk's package index, not counted)";
      lines.push(row(`  ${terminalText(f.path, { multiline: false })}`, formatBytes(f.size), f.sourceMap ? '-' : formatBytes(f.compressed), note));
    }
  }
  if (data.total) {
    const over = data.total.over ? '  OVER THE LIMIT' : '';
    lines.push(row('total', formatBytes(data.total.raw), formatBytes(data.total.compressed), `  of ${formatBytes(data.total.limit)}${over}`));
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
    ['--no-typecheck', 'Do not type-check TypeScript (otherwise a type error, MPK5100, fails the build as in tsc)'],
    ['--sign <key-file>', 'Sign the package with this Ed25519 private key (PEM; mpk keygen makes one): writes manifest.sig'],
    ['--key-id <id>', "Key id written in manifest.sig (default: the key's fingerprint, as mpk keygen prints it)"],
    ['--json', 'Print one JSON object on stdout: what was written, the size of every file and part, the diagnostics'],
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
      ...(flags.typecheck === false ? { typecheck: false } : {}),
    });
    const placed = placeDiagnostics(result.diagnostics, { projectDir: project, ...(result.root ? { root: result.root } : {}), base: userCwd() });
    const relative = result.outDir ? path.relative(userCwd(), result.outDir) : undefined;
    const where = relative === undefined ? undefined : relative === '' ? '.' : relative.startsWith('..') ? result.outDir! : relative;
    let signed: { keyId: string; file: string } | undefined;
    let signError: string | undefined;
    if (result.ok) {
      try {
        if (signingKey) {
          const done = await signPackageDir(result.outDir!, signingKey.text, signingKey.keyId);
          signed = { keyId: done.keyId, file: path.basename(done.file) };
        } else {
          // An unsigned build must not keep the signature of an earlier one.
          await removePackageSignature(result.outDir!);
        }
      } catch (error) {
        signError = `signing ${where} failed: ${(error as Error).message}`;
      }
    }
    if (flags.json) {
      // One JSON object on stdout: what was written, the sizes, the diagnostics.
      const report = {
        tool: toolInfo(),
        ok: result.ok && signError === undefined,
        written: result.outDir !== undefined,
        outDir: result.outDir !== undefined ? relativePath(userCwd(), result.outDir) : null,
        ...(signed ? { signed } : {}),
        ...(signError ? { error: signError } : {}),
        sizes: result.sizes ? sizeData(result) : null,
        summary: summarize(placed),
        diagnostics: jsonDiagnostics(placed),
      };
      io.stdout(`${inertJson(report)}\n`);
      if (signError) io.stderr(`mpk build: ${signError}\n`);
      return result.ok && !signError ? 0 : 1;
    }
    const color = useColor(io, 'stderr');
    if (result.diagnostics.length > 0) io.stderr(formatText(placed, color));
    if (!result.ok) {
      // Over a size limit: the report says which files make it big (on stderr: no package was written).
      const limits = new Set([codes.PART_TOO_LARGE.code, codes.TOTAL_TOO_LARGE.code]);
      if (result.sizes && result.diagnostics.some((d) => d.severity === 'error' && limits.has(d.code))) io.stderr(sizeReport(result));
      io.stderr(`mpk build: ${project} has errors; no package written\n`);
      return 1;
    }
    io.stdout(sizeReport(result));
    if (signError) {
      io.stderr(`mpk build: ${signError}\n`);
      return 1;
    }
    if (signed) io.stdout(`signed with key ${signed.keyId} (${signed.file})\n`);
    io.stdout(`package written to ${where} in ${Math.round(result.timings.totalMs)} ms\n`);
    return 0;
  },
};
