/** The version of @mpk/devtools, read from its package.json at run time (from src/ or dist/ alike). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

export function devtoolsVersion(): string {
  if (version !== undefined) return version;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@mpk/devtools') return (version = pkg.version ?? '0.0.0');
    } catch {
      /* no package.json here */
    }
    const up = path.dirname(dir);
    if (up === dir) return (version = '0.0.0');
    dir = up;
  }
}
