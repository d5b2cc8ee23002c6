/**
 * `mpk create`: copies the project template into a new directory, filling in its name.
 * `templates/base/` is a real JavaScript project (easy to read, and the tests build, run and test a
 * freshly created one); the TypeScript project is the same code as `.ts` files plus what
 * `templates/ts/` adds or replaces (tsconfig, `compileOptions.typescript`, a typed test).
 */

import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type TemplateKind = 'js' | 'ts';

export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

export interface ScaffoldResult {
  dir: string;
  files: string[];
}

/** Refuses to write into a non-empty directory: nothing the user already has is overwritten. */
export async function scaffold(dir: string, kind: TemplateKind, name = path.basename(dir)): Promise<ScaffoldResult> {
  if (kind !== 'js' && kind !== 'ts') throw new Error(`unknown template "${String(kind)}" (use js or ts)`);
  if (!/^[A-Za-z0-9][\w.-]*$/.test(name)) throw new Error(`"${name}" is not a valid project name (letters, digits, . _ -)`);
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new Error(`${dir} exists and is not empty`);
  await mkdir(dir, { recursive: true });
  await cp(path.join(TEMPLATES_DIR, 'base'), dir, { recursive: true });
  if (kind === 'ts') await toTypeScript(dir);
  // npm strips .gitignore from published packages, so the template keeps it as `gitignore`.
  await rename(path.join(dir, 'gitignore'), path.join(dir, '.gitignore'));
  const files = await listFiles(dir);
  for (const file of files) {
    const full = path.join(dir, file);
    const text = await readFile(full, 'utf8');
    if (text.includes('{{name}}') && !file.endsWith('.axml')) await writeFile(full, text.replaceAll('{{name}}', name));
  }
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name,
        private: true,
        description: 'A mini-program made with mpk',
        scripts: { dev: 'mpk dev .', build: 'mpk build .', test: 'mpk test .' },
        devDependencies: projectDevDependencies(kind),
      },
      null,
      2,
    )}\n`,
  );
  return { dir, files: [...files, 'package.json'].sort() };
}

/**
 * What the created project's scripts and editor need: the mpk CLI (this release; it brings the
 * compiler, the runtime and vitest) and, for TypeScript, the compiler and the platform's types at
 * the versions mpk itself is built and type-checks against.
 */
function projectDevDependencies(kind: TemplateKind): Record<string, string> {
  const own = readOwnManifest();
  const deps: Record<string, string> = { '@mpk/devtools': `^${own.version}` };
  if (kind === 'ts') {
    deps['@mini-types/alipay'] = own.dependencies?.['@mini-types/alipay'] ?? '^3.0.14';
    deps.typescript = own.devDependencies?.typescript ?? '~5.9.3';
  }
  return deps;
}

interface OwnManifest {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readOwnManifest(): OwnManifest {
  return JSON.parse(readFileSync(path.join(TEMPLATES_DIR, '..', 'package.json'), 'utf8')) as OwnManifest;
}

/** The base project's scripts become `.ts` (they are valid TypeScript as they are); `templates/ts/` goes over it. */
async function toTypeScript(dir: string): Promise<void> {
  for (const file of await listFiles(dir)) {
    if (file.endsWith('.js')) await rename(path.join(dir, file), path.join(dir, file.replace(/\.js$/, '.ts')));
  }
  await rm(path.join(dir, 'test', 'app.test.ts'));
  await cp(path.join(TEMPLATES_DIR, 'ts'), dir, { recursive: true });
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}
