/** Reading a built package from a directory (Node hosts, the CLI, tests). */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PackageSource } from './format.ts';
import { PackageError, validateManifest } from './verify.ts';

export async function loadPackageFromDir(dir: string): Promise<PackageSource> {
  const manifestPath = path.join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new PackageError(`no package at ${dir}: manifest.json is missing (build the project first: mpk build)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PackageError(`${manifestPath} is not valid JSON: ${(error as Error).message}`);
  }
  const manifest = validateManifest(json);
  const resolveInside = (file: string): string => {
    const full = path.resolve(dir, file);
    // A manifest must not make the host read outside the package.
    if (!full.startsWith(path.resolve(dir) + path.sep)) throw new PackageError(`${file} points outside the package`);
    return full;
  };
  return {
    manifest,
    readText: (file) => readFile(resolveInside(file), 'utf8'),
    readBytes: async (file) => new Uint8Array(await readFile(resolveInside(file))),
  };
}
