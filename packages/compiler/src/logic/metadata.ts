/**
 * The files esbuild opens by itself, outside the plugin's onLoad: the package.json of every
 * directory it resolves in, tsconfig.json / jsconfig.json (and their `extends`), Yarn PnP's
 * `.pnp.*` files. They get the containment rule here, before esbuild runs:
 *
 * - tsconfig: esbuild is given the project's own tsconfig.json (or jsconfig.json) explicitly, at
 *   the mini-program root or the project directory, once its `extends` chain is known to stay in
 *   the project (or its node_modules packages); otherwise an empty or reduced `tsconfigRaw`. Either
 *   way esbuild looks for no tsconfig.json of its own, so none of the build machine is read.
 * - package.json and `.pnp.*` in the project tree (node_modules included, symbolic links not
 *   followed) and in the directories above it: a FIFO, socket or device (esbuild would hang or read
 *   forever), a file over the size limit, or a link out of the project (its text could reach an
 *   esbuild message) stops the logic stage: nothing is bundled and each is reported.
 */

import fs from 'node:fs';
import path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type * as esbuild from 'esbuild';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { FILE_TOO_LARGE, PATH_OUTSIDE_PROJECT, SPECIAL_FILE } from '../diagnostics/codes.ts';
import { isInside, MAX_READ_BYTES, refusalCode, refusalSentence, type Access } from '../project/containment.ts';
import type { ProjectFiles } from '../project/files.ts';

/** Names esbuild opens in directories it visits. */
const METADATA_NAMES = new Set(['package.json', 'tsconfig.json', 'jsconfig.json', '.pnp.cjs', '.pnp.js', '.pnp.data.json']);

function shownPath(files: ProjectFiles, absolute: string): string {
  return files.toProjectPath(absolute) ?? path.relative(files.projectDir, absolute).split(path.sep).join('/');
}

const scans = new WeakMap<ProjectFiles, { generation: number; refusals: Diagnostic[] }>();

/**
 * Diagnostics for every metadata file esbuild could open that the rule refuses (none: bundling may
 * run). One scan serves every part of a build (until the files are invalidated).
 */
export function bundlerMetadataRefusals(files: ProjectFiles): Diagnostic[] {
  const cached = scans.get(files);
  if (cached && cached.generation === files.generation) return cached.refusals;
  const refusals = scanMetadata(files);
  scans.set(files, { generation: files.generation, refusals });
  return refusals;
}

function scanMetadata(files: ProjectFiles): Diagnostic[] {
  const guard = files.guard;
  const out: Diagnostic[] = [];
  const report = (absolute: string, access: Access) => {
    if (access.kind !== 'refused') return;
    const file = shownPath(files, absolute);
    out.push(
      createDiagnostic(
        refusalCode(access.refusal),
        { file },
        `${refusalSentence(file, access.refusal, access.viaLink)}; esbuild would open it while resolving imports, so no logic is bundled`,
      ),
    );
  };
  const visit = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      if (METADATA_NAMES.has(entry.name)) report(absolute, guard.classify(absolute));
      else if (entry.isDirectory() && entry.name !== '.git' && depth < 64) visit(absolute, depth + 1);
    }
  };
  visit(guard.projectDir, 0);
  // Directories above the project (esbuild reads their package.json too): only looked at, never read.
  const above = new Set<string>();
  for (const start of [guard.projectDir, guard.projectReal]) {
    if (!start) continue;
    for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
      above.add(dir);
      if (path.dirname(dir) === dir) break;
    }
  }
  for (const dir of above) {
    for (const name of ['package.json', '.pnp.cjs', '.pnp.js', '.pnp.data.json']) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(path.join(dir, name));
      } catch {
        continue;
      }
      if (stat.isDirectory()) continue;
      if (!stat.isFile()) {
        out.push(createDiagnostic(SPECIAL_FILE, { file: '' }, `a ${name} in a directory above the project is not a regular file (a FIFO, socket or device); esbuild would open it, so no logic is bundled`));
      } else if (stat.size > MAX_READ_BYTES) {
        out.push(createDiagnostic(FILE_TOO_LARGE, { file: '' }, `a ${name} in a directory above the project is over the size limit; esbuild would read it, so no logic is bundled`));
      }
    }
  }
  return out;
}

export interface TsconfigChoice {
  options: Pick<esbuild.BuildOptions, 'tsconfig' | 'tsconfigRaw'>;
  diagnostics: Diagnostic[];
  /** Changes when the choice changes (the esbuild context is created again). */
  key: string;
}

interface TsconfigJson {
  extends?: unknown;
  compilerOptions?: Record<string, unknown>;
}

function readJsonc(files: ProjectFiles, real: string): TsconfigJson | undefined {
  try {
    const value = parseJsonc(files.guard.read(real).toString('utf8'), [], { allowTrailingComma: true }) as unknown;
    return value && typeof value === 'object' ? (value as TsconfigJson) : undefined;
  } catch {
    return undefined;
  }
}

/** The tsconfig esbuild is given (see the module comment). */
export function tsconfigFor(files: ProjectFiles): TsconfigChoice {
  const guard = files.guard;
  const dirs = [...new Set([files.srcRoot, files.projectDir])];
  for (const dir of dirs) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const absolute = path.join(dir, name);
      const access = guard.classify(absolute);
      if (access.kind === 'missing' || access.kind === 'dir') continue;
      const shown = shownPath(files, absolute);
      if (access.kind === 'refused') {
        return {
          options: { tsconfigRaw: '{}' },
          diagnostics: [createDiagnostic(refusalCode(access.refusal), { file: shown }, `${refusalSentence(shown, access.refusal, access.viaLink)}; logic is bundled without it`)],
          key: `refused:${absolute}`,
        };
      }
      const root = readJsonc(files, access.real);
      const problem = checkExtendsChain(files, absolute, root, new Set([access.real]), 0);
      if (!problem) return { options: { tsconfig: absolute }, diagnostics: [], key: `file:${absolute}` };
      const { baseUrl: _baseUrl, paths: _paths, ...compilerOptions } = root?.compilerOptions ?? {};
      const source = files.toProjectPath(absolute) !== undefined ? files.readText(files.toProjectPath(absolute)!) : undefined;
      const at = source && problem.request ? source.indexOf(JSON.stringify(problem.request)) : -1;
      return {
        options: { tsconfigRaw: JSON.stringify({ compilerOptions }) },
        diagnostics: [
          createDiagnostic(
            PATH_OUTSIDE_PROJECT,
            { file: shown, source, ...(at >= 0 ? { offset: at } : {}) },
            `${shown}: "extends" ${JSON.stringify(problem.request)} is refused: ${problem.why} (not read); logic is bundled with this file's own compilerOptions only`,
          ),
        ],
        key: `raw:${absolute}:${JSON.stringify(compilerOptions)}`,
      };
    }
  }
  return { options: { tsconfigRaw: '{}' }, diagnostics: [], key: 'none' };
}

/** The first `extends` of the chain the rule refuses, or undefined when every file of it may be read. */
function checkExtendsChain(
  files: ProjectFiles,
  named: string,
  json: TsconfigJson | undefined,
  seen: Set<string>,
  depth: number,
): { request: string; why: string } | undefined {
  const raw = json?.extends;
  const requests = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((r): r is string => typeof r === 'string') : [];
  for (const request of requests) {
    if (depth > 8) return { request, why: 'the chain of extends is too long' };
    const found = findExtends(files, named, request);
    if (found.refused) return { request, why: found.refused };
    if (!found.named || !found.real) continue; // missing: esbuild reports it, reading nothing
    if (seen.has(found.real)) continue;
    seen.add(found.real);
    const problem = checkExtendsChain(files, found.named, readJsonc(files, found.real), seen, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** Where esbuild would find an `extends` target, by the rule (relative and absolute paths, npm packages in the project). */
function findExtends(files: ProjectFiles, from: string, request: string): { named?: string; real?: string; refused?: string } {
  const guard = files.guard;
  const tryFile = (candidate: string): { named?: string; real?: string; refused?: string } | undefined => {
    if (!isInside(candidate, guard.projectDir)) return { refused: 'it leads outside the project' };
    const access = guard.classify(candidate);
    if (access.kind === 'file') return { named: candidate, real: access.real };
    if (access.kind === 'refused') return { refused: access.refusal === 'outside' ? 'it leads outside the project through a symbolic link' : `it names ${access.refusal === 'special' ? 'a FIFO, socket or device' : 'a file over the size limit'}` };
    return undefined;
  };
  if (request.startsWith('.') || path.isAbsolute(request)) {
    const base = path.resolve(path.dirname(from), request);
    return tryFile(base) ?? tryFile(`${base}.json`) ?? {};
  }
  // A package: node_modules directories from the tsconfig's directory up to the project directory only
  // (esbuild would go on looking above the project, so a package that is not found there is refused).
  for (let dir = path.dirname(from); isInside(dir, guard.projectDir); dir = path.dirname(dir)) {
    const base = path.join(dir, 'node_modules', request);
    const hit = tryFile(base) ?? tryFile(`${base}.json`) ?? tryFile(path.join(base, 'tsconfig.json'));
    if (hit) return hit;
    if (dir === guard.projectDir) break;
  }
  return { refused: 'no such package in the project\'s node_modules (esbuild would look for it outside the project)' };
}
