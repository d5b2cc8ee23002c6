/**
 * The base library as one script for the sandbox. Evaluating it yields `install(natives)`.
 *
 * - A built package (`pnpm build`, what `pnpm pack` ships) reads it prebuilt from
 *   `dist/baselib.js` and never bundles at run time.
 * - A checkout reads `packages/runtime/.mpk-cache/baselib.json` (gitignored), which the workspace's
 *   `postinstall` writes (`scripts/workspace-baselib.ts`). The file records the hash of every input
 *   esbuild read; each process checks it once (≈1 ms: the inputs are read and hashed in one pass),
 *   and when an input changed (an engineer edited `src/guest/`) or the file is missing it bundles
 *   once with esbuild and rewrites the file. A stale base library is never served.
 */

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

let cached: Promise<string> | undefined;

/** The base library source, loaded once per process. */
export function getBaseLibrarySource(): Promise<string> {
  cached ??= loadBaseLibrary().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** The prebuilt base library of an installed package (`pnpm build` writes it; the checkout has none or a stale one). */
const PREBUILT = new URL('../../dist/baselib.js', import.meta.url);

/** Where a checkout keeps its built base library (gitignored; written at install, rewritten when stale). */
export const WORKSPACE_BASELIB = new URL('../../.mpk-cache/baselib.json', import.meta.url);

async function loadBaseLibrary(): Promise<string> {
  // This module is JavaScript only in a built package, which has no sources to bundle.
  if (import.meta.url.endsWith('.js')) return readFileSync(PREBUILT, 'utf8');
  try {
    return (await loadWorkspaceBaseLibrary(WORKSPACE_BASELIB)).code;
  } catch (esbuildError) {
    try {
      return readFileSync(PREBUILT, 'utf8');
    } catch {
      throw new Error(`mpk: cannot build the base library (${esbuildError instanceof Error ? esbuildError.message : String(esbuildError)}) and dist/baselib.js is missing`);
    }
  }
}

/**
 * The base library recorded in `file` if every input it was built from is unchanged; otherwise
 * bundles it now and rewrites `file` (`built: true`). A file that cannot be written only costs the
 * next process a bundle.
 */
export async function loadWorkspaceBaseLibrary(file: URL): Promise<{ code: string; built: boolean }> {
  const recorded = readRecord(file);
  if (recorded !== undefined && inputsHash(recorded.inputs) === recorded.hash) return { code: recorded.code, built: false };
  const { code, inputs } = await bundle(true);
  writeRecord(file, { hash: inputsHash(inputs), inputs, code });
  return { code, built: true };
}

/** Bundles `baselib/index.ts` (esbuild, minified by default, ES2022) into the sandbox script. */
export async function buildBaseLibrary(options: { minify?: boolean } = {}): Promise<string> {
  return (await bundle(options.minify ?? true)).code;
}

/** Directory the recorded input paths are relative to (the checkout can move). */
const HERE = new URL('.', import.meta.url);

async function bundle(minify: boolean): Promise<{ code: string; inputs: string[] }> {
  const esbuild = await import('esbuild');
  const { fileURLToPath } = await import('node:url');
  const workingDir = fileURLToPath(HERE);
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('../guest/index.ts', import.meta.url))],
    absWorkingDir: workingDir,
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    globalName: '__mpkBaseLib',
    platform: 'neutral',
    target: 'es2022',
    minify,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  // The `var` stays local to the wrapper: the script's completion value is `install`, no global leaks.
  const code = `(function(){${text}\nreturn __mpkBaseLib.install;})()`;
  // Metafile inputs are relative to absWorkingDir, with forward slashes.
  return { code, inputs: Object.keys(result.metafile.inputs).sort() };
}

// ---------------------------------------------------------------- the workspace record

interface BaseLibraryRecord {
  /** sha256 over every input's path and contents (`inputsHash`). */
  hash: string;
  /** Inputs esbuild read, relative to this directory. */
  inputs: string[];
  code: string;
}

/** One digest over the inputs' paths and contents; a missing input hashes to something no build records. */
function inputsHash(inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) {
    hash.update(input).update('\0');
    try {
      hash.update(readFileSync(new URL(input, HERE)));
    } catch {
      hash.update('\0missing\0');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readRecord(file: URL): BaseLibraryRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<BaseLibraryRecord>;
    if (typeof record.hash !== 'string' || typeof record.code !== 'string' || !Array.isArray(record.inputs) || record.inputs.length === 0) return undefined;
    return record as BaseLibraryRecord;
  } catch {
    return undefined;
  }
}

function writeRecord(file: URL, record: BaseLibraryRecord): void {
  try {
    mkdirSync(new URL('.', file), { recursive: true });
    const temp = new URL(`${file.href}.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(temp, JSON.stringify(record));
    // Atomic: a concurrent reader sees the old record or the new one, never half of either.
    renameSync(temp, file);
  } catch {
    // A record we cannot write only costs the next process a bundle.
  }
}
