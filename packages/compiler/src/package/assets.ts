/**
 * Which project files are copied into the package as assets: the docs' default whitelist of
 * image, font and media extensions, plus `assetsInclude` globs, minus `uploadExclude` globs.
 * node_modules is skipped except the packages whose components the project uses.
 */

import picomatch from 'picomatch';
import type { ProjectConfig } from '../project/project-config.ts';

export const DEFAULT_ASSET_EXTENSIONS: readonly string[] = [
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'eot', 'woff', 'ttf', 'woff2', 'otf', 'mp3', 'mp4',
];

const DEFAULT_ASSET = new RegExp(`\\.(${DEFAULT_ASSET_EXTENSIONS.join('|')})$`, 'i');

export type AssetFilter = (projectPath: string) => boolean;

/** A predicate for asset project paths following the project's include/exclude globs. */
export function createAssetFilter(config: Pick<ProjectConfig, 'assetsInclude' | 'uploadExclude'>): AssetFilter {
  const compile = (patterns: string[]) => {
    const positive = patterns.filter((p) => !p.startsWith('!'));
    const negative = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
    const yes = positive.length > 0 ? picomatch(positive, { dot: true }) : () => false;
    const no = negative.length > 0 ? picomatch(negative, { dot: true }) : () => false;
    return (p: string) => yes(p) && !no(p);
  };
  const include = compile(config.assetsInclude);
  const exclude = compile(config.uploadExclude);
  return (projectPath) => (DEFAULT_ASSET.test(projectPath) || include(projectPath)) && !exclude(projectPath);
}

/** The npm package directory (`node_modules/pkg` or `node_modules/@scope/pkg`) of a project path. */
export function npmPackageDir(projectPath: string): string | undefined {
  const match = /^((?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(projectPath);
  return match?.[1];
}
