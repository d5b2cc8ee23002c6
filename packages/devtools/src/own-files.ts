/**
 * Files of mpk's own that tools hand to another program (esbuild bundles the simulator client,
 * vitest loads the harness): in the engine's checkout they are the TypeScript sources, in an
 * installed package the JavaScript `pnpm build` made beside them. The extension follows the
 * module asking, so one path works in both.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `relative` (written as in the sources, ending in `.ts`) resolved from the module at `fromUrl`. */
export function ownFile(fromUrl: string, relative: string): string {
  const here = fileURLToPath(fromUrl);
  const built = path.extname(here) === '.js';
  return path.resolve(path.dirname(here), built ? relative.replace(/\.ts$/, '.js') : relative);
}
