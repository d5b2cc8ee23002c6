/**
 * Checks a package before a container runs it: the manifest has the shape and version this runtime
 * understands, and every file read matches the size and sha256 the manifest lists. A package is the
 * unit a host trusts (its view code runs in the host's JS engine), so a tampered or truncated file
 * is refused instead of run.
 */

import { PACKAGE_FORMAT_VERSION, type PackageManifest } from './format.ts';

export class PackageError extends Error {
  override name = 'PackageError';
}

/** Throws PackageError naming the first problem. */
export function validateManifest(value: unknown): PackageManifest {
  if (!value || typeof value !== 'object') throw new PackageError('manifest.json is not an object');
  const m = value as Partial<PackageManifest>;
  if (m.format !== PACKAGE_FORMAT_VERSION) {
    throw new PackageError(`manifest.json has format ${String(m.format)}; this runtime reads format ${PACKAGE_FORMAT_VERSION} (rebuild the package)`);
  }
  if (!m.app || !Array.isArray(m.app.pages) || typeof m.app.entryPagePath !== 'string') {
    throw new PackageError('manifest.json: app.pages and app.entryPagePath are required');
  }
  if (!m.pages || typeof m.pages !== 'object') throw new PackageError('manifest.json: pages is required');
  if (!m.components || typeof m.components !== 'object') throw new PackageError('manifest.json: components is required');
  if (!Array.isArray(m.parts) || !m.parts.some((p) => p.root === '')) {
    throw new PackageError('manifest.json: parts must include the main part (root "")');
  }
  if (!Array.isArray(m.files)) throw new PackageError('manifest.json: files is required');
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

const encoder = new TextEncoder();

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Throws PackageError when `content` is not what the manifest lists for `path`. */
export async function verifyFile(manifest: PackageManifest, path: string, content: Uint8Array | string): Promise<void> {
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry) throw new PackageError(`${path} is not listed in manifest.json`);
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  if (bytes.byteLength !== entry.size) {
    throw new PackageError(`${path}: ${bytes.byteLength} bytes, manifest.json says ${entry.size} (corrupt or modified package)`);
  }
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256) throw new PackageError(`${path}: content does not match its sha256 in manifest.json (modified package)`);
}
