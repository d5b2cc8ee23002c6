/**
 * Builds a project for headless runs, once per content: tests launch the same project many times,
 * and a build costs far more than a launch. A build is reused while no file of the project changed
 * (same paths, sizes and modification times); packages stay in memory (nothing written to disk).
 */

import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildResult } from '@mpk/compiler';

/** Folders that are not part of the project's sources. */
const SKIPPED = new Set(['dist', 'node_modules', '.git', '.mpk']);

const builds = new Map<string, { fingerprint: string; result: Promise<BuildResult> }>();

export async function fingerprint(dir: string): Promise<string> {
  const parts: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) await walk(child);
      } else if (entry.isFile()) {
        const info = await stat(path.join(dir, child));
        parts.push(`${child}:${info.size}:${info.mtimeMs}`);
      }
    }
  };
  await walk('');
  return parts.join('\n');
}

/** The in-memory build of `projectDir`, reused until one of its files changes. */
export async function cachedBuild(projectDir: string): Promise<BuildResult> {
  const key = path.resolve(projectDir);
  const print = await fingerprint(key);
  const cached = builds.get(key);
  if (cached && cached.fingerprint === print) return cached.result;
  // Running or testing an app that is over the package size limits works; the limits are warnings here (mpk build refuses).
  // No type checking either (like vitest, which runs TS without checking it): mpk check, build and dev do it.
  const result = build(key, { write: false, sizeLimits: 'warning', typecheck: false });
  builds.set(key, { fingerprint: print, result });
  result.catch(() => builds.delete(key));
  return result;
}
