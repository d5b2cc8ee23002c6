/** A package held in memory (browser hosts that fetched it, tests, the simulator). */

import type { PackageManifest, PackageSource } from './format.ts';
import { PackageError, validateManifest } from './verify.ts';

export function packageFromFiles(files: Record<string, string | Uint8Array>): PackageSource {
  const manifestText = files['manifest.json'];
  if (manifestText === undefined) throw new PackageError('manifest.json is missing');
  const manifest: PackageManifest = validateManifest(
    JSON.parse(typeof manifestText === 'string' ? manifestText : new TextDecoder().decode(manifestText)),
  );
  const get = (file: string): string | Uint8Array => {
    const content = files[file];
    if (content === undefined) throw new PackageError(`${file} is missing from the package`);
    return content;
  };
  return {
    manifest,
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

/** Fetches a package served over HTTP (the simulator, a browser host). */
export async function loadPackageFromUrl(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<PackageSource> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const response = await fetchImpl(new URL('manifest.json', base));
  if (!response.ok) throw new PackageError(`no package at ${base}: manifest.json answered ${response.status}`);
  const manifest = validateManifest(await response.json());
  const fetchFile = async (file: string): Promise<Response> => {
    const res = await fetchImpl(new URL(file, base));
    if (!res.ok) throw new PackageError(`${file}: HTTP ${res.status}`);
    return res;
  };
  return {
    manifest,
    readText: async (file) => (await fetchFile(file)).text(),
    readBytes: async (file) => new Uint8Array(await (await fetchFile(file)).arrayBuffer()),
  };
}
