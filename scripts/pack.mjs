#!/usr/bin/env node
// Builds @mpk/runtime, @mpk/compiler and @mpk/devtools (JavaScript + .d.ts, the prebuilt base
// library) and packs each into a tarball that installs outside this repository with npm:
//   npx -y pnpm@10 pack:all [dest]        (default dest: dist/ at the root)
// Each package's `prepack` script builds it; `pnpm pack` turns `workspace:*` into the version and
// `publishConfig.exports` into the package's exports.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dest = path.resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? path.join(root, 'dist'));
// Dependencies first: a package's build reads the declarations of the ones it imports.
const PACKAGES = ['runtime', 'compiler', 'devtools'];

const execpath = process.env.npm_execpath ?? '';
const pnpm = /pnpm/.test(path.basename(execpath)) ? [process.execPath, execpath] : ['npx', '-y', 'pnpm@10'];

mkdirSync(dest, { recursive: true });
for (const name of PACKAGES) {
  const dir = path.join(root, 'packages', name);
  const result = spawnSync(pnpm[0], [...pnpm.slice(1), 'pack', '--pack-destination', dest], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    console.error(`pack: pnpm pack failed in packages/${name}`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  console.log(path.join(dest, `mpk-${name}-${version}.tgz`));
}
