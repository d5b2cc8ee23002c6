/**
 * The base library as one script for the sandbox. Evaluating it yields `install(natives)`.
 * In a development checkout it is bundled from `baselib/` with esbuild on first use (cached per
 * process, and on disk keyed by the contents of its input files, so each new test process does
 * not pay for a bundle); a built package (`pnpm build`, what `pnpm pack` ships) reads it prebuilt
 * from `dist/baselib.js` and never bundles at run time.
 */

let cached: Promise<string> | undefined;

/** The base library source, bundled once per process. */
export function getBaseLibrarySource(): Promise<string> {
  cached ??= loadBaseLibrary().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** The prebuilt base library of an installed package (`pnpm build` writes it; the checkout has none or a stale one). */
const PREBUILT = new URL('../../dist/baselib.js', import.meta.url);

async function loadBaseLibrary(): Promise<string> {
  // This module is JavaScript only in a built package, which has no sources to bundle.
  if (import.meta.url.endsWith('.js')) {
    const { readFile } = await import('node:fs/promises');
    return await readFile(PREBUILT, 'utf8');
  }
  const fromCache = await readDiskCache();
  if (fromCache !== undefined) return fromCache;
  let esbuildError: unknown;
  try {
    const { code, inputs } = await bundle(true);
    await writeDiskCache(code, inputs);
    return code;
  } catch (err) {
    esbuildError = err;
  }
  try {
    const { readFile } = await import('node:fs/promises');
    return await readFile(PREBUILT, 'utf8');
  } catch {
    throw new Error(`mpk: cannot build the base library (${esbuildError instanceof Error ? esbuildError.message : String(esbuildError)}) and dist/baselib.js is missing`);
  }
}

/** Bundles `baselib/index.ts` (esbuild, minified by default, ES2022) into the sandbox script. */
export async function buildBaseLibrary(options: { minify?: boolean } = {}): Promise<string> {
  return (await bundle(options.minify ?? true)).code;
}

async function bundle(minify: boolean): Promise<{ code: string; inputs: string[] }> {
  const esbuild = await import('esbuild');
  const { fileURLToPath } = await import('node:url');
  const { resolve } = await import('node:path');
  const workingDir = fileURLToPath(new URL('.', import.meta.url));
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
  return { code, inputs: Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input)) };
}

// ---------------------------------------------------------------- disk cache (development only)

interface DiskCache {
  /** Absolute input path → sha256 of its contents when the bundle was made. */
  inputs: Record<string, string>;
  code: string;
}

async function cacheFile(): Promise<string> {
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createHash } = await import('node:crypto');
  const key = createHash('sha256').update(import.meta.url).digest('hex').slice(0, 16);
  return join(tmpdir(), `mpk-baselib-${key}.json`);
}

async function hashFile(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

async function readDiskCache(): Promise<string | undefined> {
  try {
    const { readFile } = await import('node:fs/promises');
    const cache = JSON.parse(await readFile(await cacheFile(), 'utf8')) as DiskCache;
    const entries = Object.entries(cache.inputs ?? {});
    if (entries.length === 0 || typeof cache.code !== 'string') return undefined;
    const hashes = await Promise.all(entries.map(([path]) => hashFile(path)));
    return entries.every(([, hash], i) => hashes[i] === hash) ? cache.code : undefined;
  } catch {
    return undefined;
  }
}

async function writeDiskCache(code: string, inputs: string[]): Promise<void> {
  try {
    const { writeFile, rename } = await import('node:fs/promises');
    const hashes = await Promise.all(inputs.map(hashFile));
    const cache: DiskCache = { inputs: Object.fromEntries(inputs.map((path, i) => [path, hashes[i]])), code };
    const file = await cacheFile();
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, JSON.stringify(cache));
    await rename(temp, file);
  } catch {
    // A cache we cannot write only costs the next process a bundle.
  }
}
