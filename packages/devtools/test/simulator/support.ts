/** Shared by the simulator's Node and browser tests: a private copy of an example to edit freely. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

export interface ProjectCopy {
  dir: string;
  /** Reads a project file. */
  read(file: string): string;
  /** Writes a project file (the dev server's watcher picks it up). */
  write(file: string, text: string): void;
  /** Edits a project file: `edit('app.acss', (s) => s.replace('a', 'b'))`; fails when nothing changed. */
  edit(file: string, change: (text: string) => string): void;
  remove(): void;
}

/**
 * Copies `examples/<name>` to a temp dir. Its runtime npm dependencies (linked by the workspace)
 * are copied as files; dev dependencies and build output are left out.
 */
export function copyExample(name: string): ProjectCopy {
  const source = path.join(EXAMPLES, name);
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), `mpk-sim-${name}-`)), name);
  const manifest = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const deps = Object.keys(manifest.dependencies ?? {});
  const wanted = (modulePath: string): boolean =>
    modulePath === '' || deps.some((dep) => dep === modulePath || dep.startsWith(`${modulePath}/`) || modulePath.startsWith(`${dep}/`));
  cpSync(source, dir, {
    recursive: true,
    dereference: true,
    filter: (file) => {
      const rel = path.relative(source, file).split(path.sep).join('/');
      if (rel === 'dist' || rel.startsWith('dist/')) return false;
      const inModules = /^node_modules(?:\/(.*))?$/.exec(rel);
      return !inModules || wanted(inModules[1] ?? '');
    },
  });
  const resolve = (file: string) => path.join(dir, file);
  return {
    dir,
    read: (file) => readFileSync(resolve(file), 'utf8'),
    write: (file, text) => writeFileSync(resolve(file), text),
    edit(file, change) {
      const before = readFileSync(resolve(file), 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`edit(${file}) changed nothing`);
      writeFileSync(resolve(file), after);
    },
    remove: () => rmSync(path.dirname(dir), { recursive: true, force: true }),
  };
}
