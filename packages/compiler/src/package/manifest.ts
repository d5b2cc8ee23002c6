/**
 * The package manifest: app config, pages, components, parts, every file with size and sha256,
 * and the size of each part. The platform checks its limits (2 MB per part, 8 MB in all, AD
 * fw/分包加载 "分包大小限制", ide/打包上传) on the compressed package it uploads, so each file is
 * also measured as a zip entry (deflated as a zip tool would, or stored when that is smaller, plus
 * its local and central directory headers), and the limits apply to those compressed sizes.
 */

import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import {
  PACKAGE_FORMAT_VERSION,
  PACKAGE_LIMITS,
  type AppConfig,
  type ComponentEntry,
  type ExtConfig,
  type PackageFile,
  type PackageManifest,
  type PackagePart,
  type PageEntry,
} from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { PART_TOO_LARGE, TOTAL_TOO_LARGE } from '../diagnostics/codes.ts';

export const COMPILER_ID = 'mpk-compiler@0.1.0';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function byteLength(data: string | Uint8Array): number {
  return typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
}

/** Zip bytes of one entry besides its data: local file header (30) and central directory header (46), each with the name. */
const ZIP_ENTRY_OVERHEAD = 30 + 46;
/** The end of central directory record, once per zip (one per part). */
export const ZIP_END_RECORD = 22;

/** Bytes `data` takes in a zip as `name`: deflated (zlib's default level, as zip tools use) or stored, whichever is smaller, plus headers. */
export function zipEntrySize(name: string, data: string | Uint8Array): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const stored = bytes.byteLength;
  const deflated = stored === 0 ? 0 : deflateRawSync(bytes).byteLength;
  return Math.min(stored, deflated) + ZIP_ENTRY_OVERHEAD + 2 * Buffer.byteLength(name, 'utf8');
}

/** One file of the package with the part it counts towards. */
export interface PackageFileInfo extends PackageFile {
  /** Part root ('' = main). */
  part: string;
  /** Source maps are a development aid, not uploaded: they do not count towards limits. */
  countsTowardsLimit: boolean;
  /** Bytes as a zip entry (see zipEntrySize): what the limits measure. */
  compressed: number;
}

/** Raw and compressed bytes of one part (or of all parts), source maps not counted. */
export interface PartSize {
  raw: number;
  compressed: number;
}

/** How the limits are enforced: errors for `mpk build`/`check`, warnings while developing (dev, run, test harness). */
export type SizeLimitMode = 'error' | 'warning';

/** The part a package path belongs to: the longest subpackage root it lies under, else main. */
export function partOf(packagePath: string, roots: readonly string[]): string {
  let best = '';
  for (const root of roots) {
    if (root && packagePath.startsWith(`${root}/`) && root.length > best.length) best = root;
  }
  return best;
}

export function partFilePaths(root: string): Pick<PackagePart, 'logic' | 'view' | 'style'> & { logicMap: string } {
  const prefix = root ? `${root}/` : '';
  return { logic: `${prefix}logic.js`, logicMap: `${prefix}logic.js.map`, view: `${prefix}view.json`, style: `${prefix}style.css` };
}

/** Raw and compressed size of each part (a part's compressed size includes its zip's end record). */
export function partSizes(files: readonly PackageFileInfo[], roots: readonly string[]): Record<string, PartSize> {
  const sizes: Record<string, PartSize> = {};
  for (const root of roots) sizes[root] = { raw: 0, compressed: ZIP_END_RECORD };
  for (const file of files) {
    if (!file.countsTowardsLimit) continue;
    const size = (sizes[file.part] ??= { raw: 0, compressed: ZIP_END_RECORD });
    size.raw += file.size;
    size.compressed += file.compressed;
  }
  return sizes;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

export { formatBytes };

/**
 * Diagnostics for parts over 2 MB and a package over 8 MB compressed, naming the biggest files;
 * errors, or warnings with `mode: 'warning'` (the package is then still written and runs).
 */
export function checkLimits(files: readonly PackageFileInfo[], sizes: Record<string, PartSize>, mode: SizeLimitMode = 'error'): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const biggest = (list: readonly PackageFileInfo[]) =>
    [...list]
      .filter((f) => f.countsTowardsLimit)
      .sort((a, b) => b.compressed - a.compressed || b.size - a.size)
      .slice(0, 5)
      .map((f) => `${f.path} (${formatBytes(f.compressed)} compressed, ${formatBytes(f.size)} raw)`)
      .join(', ');
  const note = mode === 'warning' ? ' (a warning while developing; mpk build and mpk check refuse it)' : '';
  for (const [root, size] of Object.entries(sizes)) {
    if (size.compressed <= PACKAGE_LIMITS.perPackage) continue;
    const name = root === '' ? 'the main package' : `subpackage "${root}"`;
    diagnostics.push(
      createDiagnostic(
        PART_TOO_LARGE,
        { file: '' },
        `${name} is ${formatBytes(size.compressed)} compressed (${formatBytes(size.raw)} raw), over the ${formatBytes(PACKAGE_LIMITS.perPackage)} limit per package${note}; biggest files: ${biggest(files.filter((f) => f.part === root))}`,
        mode,
      ),
    );
  }
  const total = totalSize(sizes);
  if (total.compressed > PACKAGE_LIMITS.total) {
    diagnostics.push(
      createDiagnostic(
        TOTAL_TOO_LARGE,
        { file: '' },
        `all packages together are ${formatBytes(total.compressed)} compressed (${formatBytes(total.raw)} raw), over the ${formatBytes(PACKAGE_LIMITS.total)} limit${note}; biggest files: ${biggest(files)}`,
        mode,
      ),
    );
  }
  return diagnostics;
}

export function totalSize(sizes: Record<string, PartSize>): PartSize {
  const total: PartSize = { raw: 0, compressed: 0 };
  for (const size of Object.values(sizes)) {
    total.raw += size.raw;
    total.compressed += size.compressed;
  }
  return total;
}

export interface ManifestInput {
  name?: string;
  app: AppConfig;
  pages: Record<string, PageEntry>;
  components: Record<string, ComponentEntry>;
  parts: PackagePart[];
  files: readonly PackageFileInfo[];
  sizes: Record<string, PartSize>;
  /** ext.json (template mini-programs), see project/ext-config.ts. */
  ext?: ExtConfig;
}

export function createManifest(input: ManifestInput): PackageManifest {
  return {
    format: PACKAGE_FORMAT_VERSION,
    compiler: COMPILER_ID,
    ...(input.name ? { name: input.name } : {}),
    app: input.app,
    pages: input.pages,
    components: input.components,
    parts: input.parts,
    files: [...input.files]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
    // Raw bytes per part: the manifest keeps its format; the compressed sizes the limits use are in BuildResult.sizes.
    sizes: Object.fromEntries(Object.entries(input.sizes).map(([root, size]) => [root, size.raw])),
    ...(input.ext ? { ext: input.ext } : {}),
  };
}

/** True when `value` looks like a manifest written by mpk (the out dir may be replaced). */
export function isMpkManifest(value: unknown): value is PackageManifest {
  if (!value || typeof value !== 'object') return false;
  const m = value as Partial<PackageManifest>;
  return m.format === PACKAGE_FORMAT_VERSION && typeof m.compiler === 'string' && m.compiler.startsWith('mpk') && Array.isArray(m.files);
}
