/**
 * Assembling the package from the stages' outputs: the file list (generated part files and
 * assets, with sizes and hashes), the limit checks and the manifest.
 */

import type { ComponentEntry, PackageManifest, PackagePart, PageEntry } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { OUTPUT_COLLISION } from '../diagnostics/codes.ts';
import type { Project } from '../project/load.ts';
import { readExtConfig } from '../project/ext-config.ts';
import type { AssetIndex } from './asset-index.ts';
import {
  byteLength,
  checkLimits,
  createManifest,
  partFilePaths,
  partOf,
  partSizes,
  sha256,
  zipEntrySize,
  type PackageFileInfo,
  type PartSize,
  type SizeLimitMode,
} from './manifest.ts';
import type { OutputFile } from './write.ts';

/** What the logic, view and style stages produced for one part. */
export interface PartContents {
  logic: string;
  logicMap?: string;
  view: string;
  style: string;
}

export interface AssembledPackage {
  manifest: PackageManifest;
  infos: PackageFileInfo[];
  files: OutputFile[];
  /** Raw and compressed bytes per part root (source maps not counted). */
  sizes: Record<string, PartSize>;
  diagnostics: Diagnostic[];
}

/** sha256 and zip size of generated files, recomputed only when a file's content changed. */
export class ContentHashes {
  private readonly byPath = new Map<string, { content: string; sha256: string; compressed?: number }>();

  private entry(path: string, content: string): { content: string; sha256: string; compressed?: number } {
    let entry = this.byPath.get(path);
    if (!entry || entry.content !== content) {
      entry = { content, sha256: sha256(content) };
      this.byPath.set(path, entry);
    }
    return entry;
  }

  hash(path: string, content: string): string {
    return this.entry(path, content).sha256;
  }

  /** Bytes as a zip entry (see zipEntrySize). */
  compressed(path: string, content: string): number {
    const entry = this.entry(path, content);
    entry.compressed ??= zipEntrySize(path, content);
    return entry.compressed;
  }

  /** Forget files no longer produced. */
  retain(paths: ReadonlySet<string>): void {
    for (const p of [...this.byPath.keys()]) if (!paths.has(p)) this.byPath.delete(p);
  }
}

export function assemblePackage(
  project: Project,
  contents: ReadonlyMap<string, PartContents>,
  assets: AssetIndex,
  hashes: ContentHashes,
  sizeLimits: SizeLimitMode = 'error',
): AssembledPackage {
  const diagnostics: Diagnostic[] = [];
  const roots = project.parts.map((p) => p.root);
  const infos: PackageFileInfo[] = [];
  const files: OutputFile[] = [];
  const parts: PackagePart[] = [];
  const generated = new Set<string>();
  const addGenerated = (path: string, part: string, content: string) => {
    const size = byteLength(content);
    const hash = hashes.hash(path, content);
    generated.add(path);
    const counts = !path.endsWith('.map');
    infos.push({ path, size, sha256: hash, part, countsTowardsLimit: counts, compressed: counts ? hashes.compressed(path, content) : 0 });
    files.push({ path, size, sha256: hash, content });
  };

  for (const part of project.parts) {
    const content = contents.get(part.root) ?? { logic: '', view: '', style: '' };
    const paths = partFilePaths(part.root);
    const packagePart: PackagePart = { root: part.root, pages: part.pages, logic: paths.logic, view: paths.view, style: paths.style };
    addGenerated(paths.logic, part.root, content.logic);
    if (content.logicMap !== undefined) {
      addGenerated(paths.logicMap, part.root, content.logicMap);
      packagePart.logicMap = paths.logicMap;
    }
    addGenerated(paths.view, part.root, content.view);
    addGenerated(paths.style, part.root, content.style);
    parts.push(packagePart);
  }
  hashes.retain(generated);

  for (const [path, asset] of assets.entries()) {
    if (generated.has(path)) {
      diagnostics.push(createDiagnostic(OUTPUT_COLLISION, { file: path }, `asset ${path} has the same path as a generated package file; rename it`));
      continue;
    }
    infos.push({ path, size: asset.size, sha256: asset.sha256, part: partOf(path, roots), countsTowardsLimit: true, compressed: assets.compressed(path) });
    files.push({ path, size: asset.size, sha256: asset.sha256, copyFrom: asset.abs });
  }

  const sizes = partSizes(infos, roots);
  diagnostics.push(...checkLimits(infos, sizes, sizeLimits));
  const pages: Record<string, PageEntry> = {};
  for (const [id, page] of project.pages) pages[id] = page.entry;
  const components: Record<string, ComponentEntry> = {};
  for (const id of [...project.components.keys()].sort()) components[id] = project.components.get(id)!.entry;
  const ext = readExtConfig(project.files, diagnostics);
  const manifest = createManifest({ name: project.name, app: project.app!, pages, components, parts, files: infos, sizes, ext });
  return { manifest, infos, files, sizes, diagnostics };
}
