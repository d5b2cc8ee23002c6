/**
 * Reading a built package from a directory (Node hosts, the CLI, tests).
 *
 * A package directory is untrusted: everything is checked before a byte is read. A file must be
 * listed in the manifest, sit at a path inside the package (`paths.ts`), be reached through real
 * directories only, and be a regular file (`lstat`: no symlink, FIFO, device, socket or directory)
 * of exactly the size the manifest lists, within the hard caps. It is then opened with
 * `O_NOFOLLOW | O_NONBLOCK` (a symlink swapped in is refused by the kernel, a FIFO cannot block
 * the open), `fstat`ed again (same file, same size) and read into a buffer of that size — never
 * more, so a sparse or growing file costs nothing. Refusals are `PackageError`s naming the file.
 */

import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PackageSource } from '../contract/package-format.ts';
import { MANIFEST_FILE, SIGNATURE_FILE, formatLimit, packagePathProblem, resolveReadLimits, type PackageReadLimits } from './paths.ts';
import { PackageError, listedFile, validateManifest } from './verify.ts';

export interface DirectoryPackageOptions {
  /** Hard caps (bytes per file, per package, of the manifest; number of files). */
  limits?: Partial<PackageReadLimits>;
}

/** The largest manifest.sig read. */
const MAX_SIGNATURE_BYTES = 64 * 1024;

// O_NOFOLLOW / O_NONBLOCK / O_NOCTTY do not exist on Windows (0 there: lstat is the check).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a directory';
  return 'not a regular file';
}

interface ReadRequest {
  /** The exact size the manifest lists (undefined: any size up to `maxBytes`). */
  size?: number;
  maxBytes: number;
  /** A missing file is `undefined` instead of an error. */
  optional?: boolean;
}

/**
 * The checks made before opening `file`: a valid path, real directories on the way, a regular
 * file of the right size. Returns its lstat, or undefined when it is missing and optional.
 */
async function inspect(root: string, file: string, request: ReadRequest): Promise<Stats | undefined> {
  const problem = packagePathProblem(file);
  if (problem) throw new PackageError(`${JSON.stringify(file)}: the path ${problem}; refused`, file);
  const segments = file.split('/');
  // Every directory on the way must be a real directory inside the package, not a link out of it.
  for (let i = 1; i < segments.length; i++) {
    const dir = segments.slice(0, i).join('/');
    let stats: Stats;
    try {
      stats = await lstat(path.join(root, dir));
    } catch {
      if (request.optional) return undefined;
      throw new PackageError(`${file} is missing from the package (no directory ${dir}/)`, file);
    }
    if (!stats.isDirectory()) {
      const kind = stats.isSymbolicLink() ? 'a symbolic link' : 'not a directory';
      throw new PackageError(`${file}: ${dir}/ is ${kind}; a package holds regular files in real directories only`, file);
    }
  }
  const full = path.join(root, ...segments);
  let before: Stats;
  try {
    before = await lstat(full);
  } catch {
    if (request.optional) return undefined;
    throw new PackageError(`${file} is missing from the package`, file);
  }
  const kind = kindOf(before);
  if (kind) throw new PackageError(`${file} is ${kind}; a package holds regular files only`, file);
  checkSize(file, before.size, request);
  return before;
}

/** Reads `file` (a package path) under `root` (a real path) with every check above. */
export async function readPackageFile(root: string, file: string, request: ReadRequest): Promise<Uint8Array | undefined> {
  const before = await inspect(root, file, request);
  if (!before) return undefined;
  const full = path.join(root, ...file.split('/'));
  let handle;
  try {
    handle = await open(full, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new PackageError(`${file} is a symbolic link; a package holds regular files only`, file);
    throw new PackageError(`${file} could not be opened (${code ?? (error as Error).message})`, file);
  }
  try {
    const after = await handle.stat();
    const swapped = kindOf(after);
    if (swapped) throw new PackageError(`${file} is ${swapped}; a package holds regular files only`, file);
    if (after.ino !== before.ino || after.dev !== before.dev) throw new PackageError(`${file} was replaced while it was being opened; refused`, file);
    checkSize(file, after.size, request);
    const bytes = new Uint8Array(after.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) throw new PackageError(`${file} shrank while it was being read (corrupt or modified package)`, file);
      filled += bytesRead;
    }
    const { bytesRead: extra } = await handle.read(new Uint8Array(1), 0, 1, filled);
    if (extra !== 0) throw new PackageError(`${file} grew while it was being read (corrupt or modified package)`, file);
    return bytes;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function checkSize(file: string, size: number, request: ReadRequest): void {
  if (request.size !== undefined && size !== request.size) {
    throw new PackageError(`${file}: ${size} bytes on disk, manifest.json says ${request.size} (corrupt or modified package); refused before reading`, file);
  }
  if (size > request.maxBytes) throw new PackageError(`${file}: ${size} bytes, over the limit of ${formatLimit(request.maxBytes)}; refused before reading`, file);
}

export async function loadPackageFromDir(dir: string, options: DirectoryPackageOptions = {}): Promise<PackageSource> {
  const limits = resolveReadLimits(options.limits);
  let root: string;
  try {
    // The directory the host names is trusted (it may itself be a link); what is inside is not.
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new PackageError(`no package at ${dir}: manifest.json is missing (build the project first: mpk build)`, MANIFEST_FILE);
  }
  let manifestBytes: Uint8Array | undefined;
  try {
    manifestBytes = await readPackageFile(root, MANIFEST_FILE, { maxBytes: limits.maxManifestBytes, optional: true });
  } catch (error) {
    throw error instanceof PackageError ? new PackageError(`${dir}: ${error.message}`, MANIFEST_FILE) : error;
  }
  if (!manifestBytes) throw new PackageError(`no package at ${dir}: manifest.json is missing (build the project first: mpk build)`, MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch (error) {
    throw new PackageError(`${path.join(dir, MANIFEST_FILE)} is not valid JSON: ${(error as Error).message}`, MANIFEST_FILE);
  }
  const manifest = validateManifest(json, limits);
  // Every listed file is inspected now (type and size; nothing is opened), so a package with a
  // link, a FIFO or a wrong size is refused when it is loaded, before any of it runs.
  await forEachLimited(manifest.files, 32, (entry) => inspect(root, entry.path, { size: entry.size, maxBytes: limits.maxFileBytes }));
  const signatureBytes = await readPackageFile(root, SIGNATURE_FILE, { maxBytes: MAX_SIGNATURE_BYTES, optional: true });
  const signature = signatureBytes && new TextDecoder().decode(signatureBytes);
  const readBytes = async (file: string): Promise<Uint8Array> => {
    const entry = listedFile(manifest, file);
    // Only what the manifest lists is read: a manifest must not make the host read anything else.
    if (!entry) throw new PackageError(`${file} is not listed in manifest.json; refused`, file);
    return (await readPackageFile(root, file, { size: entry.size, maxBytes: limits.maxFileBytes }))!;
  };
  return {
    manifest,
    signature,
    readText: async (file) => new TextDecoder().decode(await readBytes(file)),
    readBytes,
  };
}
