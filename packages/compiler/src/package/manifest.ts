/**
 * The package manifest: app config, pages, components, parts, every file with size and sha256,
 * and the size of each part as checked against the platform limits (2 MB per part, 8 MB total).
 */

import { createHash } from 'node:crypto';
import {
  PACKAGE_FORMAT_VERSION,
  PACKAGE_LIMITS,
  type AppConfig,
  type ComponentEntry,
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

/** One file of the package with the part it counts towards. */
export interface PackageFileInfo extends PackageFile {
  /** Part root ('' = main). */
  part: string;
  /** Source maps are a development aid, not shipped to devices: they do not count towards limits. */
  countsTowardsLimit: boolean;
}

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
  return { logic: `${prefix}logic.js`, logicMap: `${prefix}logic.js.map`, view: `${prefix}view.js`, style: `${prefix}style.css` };
}

export function partSizes(files: readonly PackageFileInfo[], roots: readonly string[]): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const root of roots) sizes[root] = 0;
  for (const file of files) if (file.countsTowardsLimit) sizes[file.part] = (sizes[file.part] ?? 0) + file.size;
  return sizes;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

export { formatBytes };

/** Error diagnostics for parts over 2 MB and a package over 8 MB, naming the biggest files. */
export function checkLimits(files: readonly PackageFileInfo[], sizes: Record<string, number>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const biggest = (list: readonly PackageFileInfo[]) =>
    [...list]
      .filter((f) => f.countsTowardsLimit)
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((f) => `${f.path} (${formatBytes(f.size)})`)
      .join(', ');
  for (const [root, size] of Object.entries(sizes)) {
    if (size <= PACKAGE_LIMITS.perPackage) continue;
    const name = root === '' ? 'the main package' : `subpackage "${root}"`;
    diagnostics.push(
      createDiagnostic(
        PART_TOO_LARGE,
        { file: '' },
        `${name} is ${formatBytes(size)}, over the ${formatBytes(PACKAGE_LIMITS.perPackage)} limit per package; biggest files: ${biggest(files.filter((f) => f.part === root))}`,
      ),
    );
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  if (total > PACKAGE_LIMITS.total) {
    diagnostics.push(
      createDiagnostic(
        TOTAL_TOO_LARGE,
        { file: '' },
        `all packages together are ${formatBytes(total)}, over the ${formatBytes(PACKAGE_LIMITS.total)} limit; biggest files: ${biggest(files)}`,
      ),
    );
  }
  return diagnostics;
}

export interface ManifestInput {
  name?: string;
  app: AppConfig;
  pages: Record<string, PageEntry>;
  components: Record<string, ComponentEntry>;
  parts: PackagePart[];
  files: readonly PackageFileInfo[];
  sizes: Record<string, number>;
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
    sizes: input.sizes,
  };
}

/** True when `value` looks like a manifest written by mpk (the out dir may be replaced). */
export function isMpkManifest(value: unknown): value is PackageManifest {
  if (!value || typeof value !== 'object') return false;
  const m = value as Partial<PackageManifest>;
  return m.format === PACKAGE_FORMAT_VERSION && typeof m.compiler === 'string' && m.compiler.startsWith('mpk') && Array.isArray(m.files);
}
