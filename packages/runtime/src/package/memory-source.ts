/**
 * A package held in memory (browser hosts that fetched it, tests, the simulator), or fetched over
 * HTTP. The same rules as a package directory where they apply: only listed files are read, paths
 * stay inside the package (`paths.ts`; on a URL each segment is percent-encoded, so nothing a path
 * holds changes the URL's directory, query or fragment), and sizes are checked against the manifest
 * and the hard caps before anything is read — a response that announces or streams more bytes than
 * listed is cut off and refused.
 */

import type { PackageManifest, PackageSource } from '../contract/package-format.ts';
import { MANIFEST_FILE, SIGNATURE_FILE, encodePackagePath, formatLimit, resolveReadLimits, type PackageReadLimits } from './paths.ts';
import { PackageError, listedFile, validateManifest } from './verify.ts';

export interface MemoryPackageOptions {
  limits?: Partial<PackageReadLimits>;
}

const MAX_SIGNATURE_BYTES = 64 * 1024;

function parseManifest(text: string, where: string, limits: PackageReadLimits): PackageManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PackageError(`${where} is not valid JSON: ${(error as Error).message}`, MANIFEST_FILE);
  }
  return validateManifest(json, limits);
}

export function packageFromFiles(files: Record<string, string | Uint8Array>, options: MemoryPackageOptions = {}): PackageSource {
  const limits = resolveReadLimits(options.limits);
  const own = (name: string): string | Uint8Array | undefined => {
    if (!Object.hasOwn(files, name)) return undefined;
    const content = files[name];
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) throw new PackageError(`${name} is neither text nor bytes`, name);
    return content;
  };
  const manifestContent = own(MANIFEST_FILE);
  if (manifestContent === undefined) throw new PackageError('manifest.json is missing', MANIFEST_FILE);
  const manifestSize = typeof manifestContent === 'string' ? manifestContent.length : manifestContent.byteLength;
  if (manifestSize > limits.maxManifestBytes) throw new PackageError(`manifest.json is over the limit of ${formatLimit(limits.maxManifestBytes)}`, MANIFEST_FILE);
  const manifest = parseManifest(typeof manifestContent === 'string' ? manifestContent : new TextDecoder().decode(manifestContent), MANIFEST_FILE, limits);
  const signatureContent = own(SIGNATURE_FILE);
  const get = (file: string): string | Uint8Array => {
    const entry = listedFile(manifest, file);
    if (!entry) throw new PackageError(`${file} is not listed in manifest.json; refused`, file);
    const content = own(file);
    if (content === undefined) throw new PackageError(`${file} is missing from the package`, file);
    const size = typeof content === 'string' ? content.length : content.byteLength;
    // A string's length in UTF-16 units never exceeds its UTF-8 size: longer is refused unencoded.
    if (typeof content === 'string' ? size > entry.size : size !== entry.size) {
      throw new PackageError(`${file}: ${size} ${typeof content === 'string' ? 'characters' : 'bytes'}, manifest.json says ${entry.size} bytes (corrupt or modified package)`, file);
    }
    return content;
  };
  return {
    manifest,
    signature: signatureContent === undefined ? undefined : typeof signatureContent === 'string' ? signatureContent : new TextDecoder().decode(signatureContent),
    readText: async (file) => {
      const content = get(file);
      return typeof content === 'string' ? content : new TextDecoder().decode(content);
    },
    readBytes: async (file) => {
      const content = get(file);
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
  };
}

/** Reads a response body, refusing it once it passes `max` bytes (or when it announces more). */
async function readCapped(response: Response, max: number, file: string, exact?: number): Promise<Uint8Array> {
  const announced = response.headers.get('content-length');
  // A compressed body announces its compressed size: only an uncompressed one must match exactly.
  const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
  if (announced !== null && announced !== '' && (Number(announced) > max || (exact !== undefined && !encoded && Number(announced) !== exact))) {
    await response.body?.cancel().catch(() => undefined);
    throw new PackageError(
      exact !== undefined
        ? `${file}: the server announces ${announced} bytes, manifest.json says ${exact} (corrupt or modified package); refused before reading`
        : `${file}: the server announces ${announced} bytes, over the limit of ${formatLimit(max)}; refused before reading`,
      file,
    );
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > max) {
      await reader.cancel().catch(() => undefined);
      throw new PackageError(`${file}: more than ${exact !== undefined ? `the ${exact} bytes manifest.json lists` : formatLimit(max)}; refused`, file);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Fetches a package served over HTTP (the simulator, a browser host). */
export async function loadPackageFromUrl(baseUrl: string, fetchImpl: typeof fetch = fetch, options: MemoryPackageOptions = {}): Promise<PackageSource> {
  const limits = resolveReadLimits(options.limits);
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const fileUrl = (file: string): URL => {
    const url = new URL(encodePackagePath(file), base);
    // Validated paths cannot leave the base; checked again, as the trust boundary.
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname) || url.search !== '' || url.hash !== '') {
      throw new PackageError(`${file} points outside the package`, file);
    }
    return url;
  };
  const response = await fetchImpl(fileUrl(MANIFEST_FILE));
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new PackageError(`no package at ${base.href}: manifest.json answered ${response.status}`, MANIFEST_FILE);
  }
  const manifestBytes = await readCapped(response, limits.maxManifestBytes, MANIFEST_FILE);
  const manifest = parseManifest(new TextDecoder().decode(manifestBytes), `${base.href}manifest.json`, limits);
  // manifest.sig is fetched only when a host asks for it (one with `trust`): unsigned packages cost no extra request.
  let signature: Promise<string | undefined> | undefined;
  const readSignature = (): Promise<string | undefined> =>
    (signature ??= (async () => {
      const sig = await fetchImpl(fileUrl(SIGNATURE_FILE)).catch(() => undefined);
      if (sig?.ok) return new TextDecoder().decode(await readCapped(sig, MAX_SIGNATURE_BYTES, SIGNATURE_FILE));
      await sig?.body?.cancel().catch(() => undefined);
      return undefined;
    })());
  const fetchFile = async (file: string): Promise<Uint8Array> => {
    const entry = listedFile(manifest, file);
    if (!entry) throw new PackageError(`${file} is not listed in manifest.json; refused`, file);
    const res = await fetchImpl(fileUrl(file));
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new PackageError(`${file}: HTTP ${res.status}`, file);
    }
    return readCapped(res, entry.size, file, entry.size);
  };
  return {
    manifest,
    readSignature,
    readText: async (file) => new TextDecoder().decode(await fetchFile(file)),
    readBytes: fetchFile,
  };
}
