/**
 * Checks a package before a container runs it: the manifest has the shape and version this runtime
 * understands, and every file read matches the size and sha256 the manifest lists. A package is the
 * unit a host trusts (its view code runs in the host's JS engine), so a tampered or truncated file
 * is refused instead of run.
 */

import { PACKAGE_FORMAT_VERSION, type PackageManifest } from '../contract/package-format.ts';
import {
  MANIFEST_FILE,
  SIGNATURE_FILE,
  formatLimit,
  packagePathProblem,
  pathCollisionKey,
  quotePath,
  resolveReadLimits,
  type PackageReadLimits,
} from './paths.ts';

export class PackageError extends Error {
  override name = 'PackageError';
  /** The package file the error is about, when it is about one. */
  readonly file: string | undefined;

  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}

/**
 * Throws PackageError naming the first problem: the shape and version, and every listed file —
 * a path inside the package (see `packagePathProblem`), no two paths naming the same file on a
 * case-insensitive file system, a size within `limits`, a sha256 — and every part's files listed.
 */
export function validateManifest(value: unknown, limits: Partial<PackageReadLimits> = {}): PackageManifest {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new PackageError('manifest.json is not an object', MANIFEST_FILE);
  const m = value as Partial<PackageManifest>;
  if (m.format !== PACKAGE_FORMAT_VERSION) {
    throw new PackageError(`manifest.json has format ${String(m.format)}; this runtime reads format ${PACKAGE_FORMAT_VERSION} (rebuild the package)`);
  }
  if (!m.app || !Array.isArray(m.app.pages) || typeof m.app.entryPagePath !== 'string') {
    throw new PackageError('manifest.json: app.pages and app.entryPagePath are required');
  }
  if (!m.pages || typeof m.pages !== 'object') throw new PackageError('manifest.json: pages is required');
  if (!m.components || typeof m.components !== 'object') throw new PackageError('manifest.json: components is required');
  if (!Array.isArray(m.parts) || !m.parts.some((p) => p?.root === '')) {
    throw new PackageError('manifest.json: parts must include the main part (root "")');
  }
  if (!Array.isArray(m.files)) throw new PackageError('manifest.json: files is required');
  checkFiles(m.files, resolveReadLimits(limits));
  const listed = new Set(m.files.map((f) => f.path));
  for (const part of m.parts) {
    if (!part || typeof part !== 'object' || typeof part.root !== 'string') throw new PackageError('manifest.json: every part needs a root', MANIFEST_FILE);
    for (const key of ['logic', 'view', 'style', 'logicMap'] as const) {
      const file = part[key];
      if (file === undefined && key === 'logicMap') continue;
      if (typeof file !== 'string' || !listed.has(file)) {
        throw new PackageError(`manifest.json: the ${key} file of part ${quotePath(part.root)} (${quotePath(file)}) is not listed in files`, typeof file === 'string' ? file : MANIFEST_FILE);
      }
    }
  }
  if (m.ext !== undefined) {
    const ext = m.ext as unknown as Record<string, unknown> | null;
    const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObject(ext) || typeof ext!.extEnable !== 'boolean' || (ext!.ext !== undefined && !isObject(ext!.ext))) {
      throw new PackageError('manifest.json: ext must be { extEnable: boolean, ext?: object }');
    }
  }
  if (!m.pages[m.app.entryPagePath]) {
    throw new PackageError(`manifest.json: entry page ${m.app.entryPagePath} is not among its pages`);
  }
  return m as PackageManifest;
}

function checkFiles(files: unknown[], limits: PackageReadLimits): void {
  if (files.length > limits.maxFiles) throw new PackageError(`manifest.json lists ${files.length} files, over the limit of ${limits.maxFiles}`, MANIFEST_FILE);
  const seen = new Map<string, string>();
  let total = 0;
  for (const entry of files) {
    if (!entry || typeof entry !== 'object') throw new PackageError('manifest.json: files holds an entry that is not an object', MANIFEST_FILE);
    const { path, size, sha256 } = entry as { path?: unknown; size?: unknown; sha256?: unknown };
    const problem = packagePathProblem(path);
    if (problem) throw new PackageError(`manifest.json: file path ${quotePath(path)} ${problem}; refused`, typeof path === 'string' ? path : MANIFEST_FILE);
    const file = path as string;
    const key = pathCollisionKey(file);
    if (key === MANIFEST_FILE || key === SIGNATURE_FILE) throw new PackageError(`manifest.json: ${quotePath(file)} is a reserved name and cannot be listed`, file);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new PackageError(
        earlier === file
          ? `manifest.json lists ${quotePath(file)} twice`
          : `manifest.json: ${quotePath(file)} and ${quotePath(earlier)} differ only in case or Unicode form (they would be one file on some systems)`,
        file,
      );
    }
    seen.set(key, file);
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new PackageError(`manifest.json: ${quotePath(file)} has no valid size`, file);
    if (size > limits.maxFileBytes) {
      throw new PackageError(`${file}: manifest.json lists ${size} bytes, over the limit of ${formatLimit(limits.maxFileBytes)} per file; refused before reading`, file);
    }
    total += size;
    if (total > limits.maxPackageBytes) {
      throw new PackageError(`manifest.json: the listed files add up to more than ${formatLimit(limits.maxPackageBytes)} (at ${file}); refused before reading`, file);
    }
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw new PackageError(`manifest.json: ${quotePath(file)} has no valid sha256`, file);
  }
}

const encoder = new TextEncoder();

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Throws PackageError when `content` is not what the manifest lists for `path`. */
export async function verifyFile(manifest: PackageManifest, path: string, content: Uint8Array | string): Promise<void> {
  const entry = listedFile(manifest, path);
  if (!entry) throw new PackageError(`${path} is not listed in manifest.json`, path);
  // A string longer than the listed size in UTF-16 units is longer in bytes too: refused before encoding.
  if (typeof content === 'string' && content.length > entry.size) {
    throw new PackageError(`${path}: more than ${entry.size} bytes, manifest.json says ${entry.size} (corrupt or modified package)`, path);
  }
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  if (bytes.byteLength !== entry.size) {
    throw new PackageError(`${path}: ${bytes.byteLength} bytes, manifest.json says ${entry.size} (corrupt or modified package)`, path);
  }
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256) throw new PackageError(`${path}: content does not match its sha256 in manifest.json (modified package)`, path);
}

const fileIndex = new WeakMap<PackageManifest['files'], Map<string, PackageManifest['files'][number]>>();

/** The manifest's entry for `path` (exact match), indexed once per manifest. */
export function listedFile(manifest: PackageManifest, path: string): PackageManifest['files'][number] | undefined {
  let index = fileIndex.get(manifest.files);
  if (!index) fileIndex.set(manifest.files, (index = new Map(manifest.files.map((f) => [f.path, f]))));
  return index.get(path);
}
