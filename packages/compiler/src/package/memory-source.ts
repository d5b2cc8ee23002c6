/** A built package served from memory (generated files) and the project (assets): `BuildResult.source`. */

import type { PackageManifest, PackageSource } from '@mpk/runtime/package-format';
import { readAsset } from './asset-index.ts';
import type { OutputFile } from './write.ts';

export function memorySource(manifest: PackageManifest, manifestText: string, files: readonly OutputFile[]): PackageSource {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const encoder = new TextEncoder();
  const bytesOf = (p: string): Uint8Array => {
    if (p === 'manifest.json') return encoder.encode(manifestText);
    const file = byPath.get(p);
    if (!file) throw new Error(`${p} is not part of the package`);
    if (file.content !== undefined) return typeof file.content === 'string' ? encoder.encode(file.content) : file.content;
    return new Uint8Array(readAsset(file.copyFrom!, file.sha256));
  };
  return {
    manifest,
    readText: async (p) => {
      const file = byPath.get(p);
      if (file && typeof file.content === 'string') return file.content;
      return new TextDecoder().decode(bytesOf(p));
    },
    readBytes: async (p) => bytesOf(p),
  };
}
