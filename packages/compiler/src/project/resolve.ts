/**
 * How paths written in a project resolve to project paths. The platform has three forms
 * everywhere (usingComponents, AXML import/include/import-sjs, SJS imports, ACSS @import):
 * relative (`./x`, `../x`), absolute from the mini-program root (`/x`) and npm (`pkg/x`, looked up
 * in node_modules). resolveAlias rules (`a/*` → `./a/*`) apply to files, never to .json paths and
 * never inside node_modules (per the project configuration docs).
 */

import fs from 'node:fs';
import path from 'node:path';
import { PATH_OUTSIDE_PROJECT, type DiagnosticCode } from '../diagnostics/codes.ts';
import { isInside, refusalCode } from './containment.ts';
import type { ProjectFiles } from './files.ts';
import { dirnameOf, joinProjectPath } from './files.ts';
import type { AliasRule } from './project-config.ts';

export interface ResolveContext {
  files: ProjectFiles;
  /** resolveAlias rules, most specific first (targets relative to mini.project.json's directory). */
  aliases: readonly AliasRule[];
  /** miniprogramRoot relative to the project directory ('' when they are the same). */
  miniprogramRoot: string;
}

export type RequestKind = 'relative' | 'absolute' | 'npm' | 'url';

export function requestKind(request: string): RequestKind {
  if (/^[a-z][a-z0-9+.-]*:/i.test(request) || request.startsWith('//')) return 'url';
  if (request.startsWith('/')) return 'absolute';
  if (request === '.' || request === '..' || request.startsWith('./') || request.startsWith('../')) return 'relative';
  return 'npm';
}

function isInNodeModules(projectPath: string): boolean {
  return projectPath === 'node_modules' || projectPath.startsWith('node_modules/') || projectPath.includes('/node_modules/');
}

/**
 * Candidate project paths for `request` written in `fromFile`, most likely first; the caller
 * decides which candidate exists (a file, or a component base path).
 */
export function candidatePaths(ctx: ResolveContext, fromFile: string, request: string): string[] {
  const clean = request.split(/[?#]/)[0]!.trim();
  if (!clean || clean.includes('\0') || clean.includes('\\')) return [];
  const out: string[] = [];
  const push = (p: string | undefined) => {
    if (p !== undefined && p !== '' && !out.includes(p)) out.push(p);
  };
  switch (requestKind(clean)) {
    case 'url':
      return [];
    case 'absolute':
      push(joinProjectPath('', clean.replace(/^\/+/, '')));
      return out;
    case 'relative':
      push(joinProjectPath(dirnameOf(fromFile), clean));
      return out;
    case 'npm': {
      if (!isInNodeModules(fromFile)) {
        const alias = ctx.aliases.find((rule) => clean.startsWith(rule.prefix));
        if (alias) {
          push(aliasTarget(ctx, alias, clean));
          return out;
        }
      }
      // node_modules next to the requesting file first (nested dependencies), then upwards.
      let dir = dirnameOf(fromFile);
      for (;;) {
        if (!dir.endsWith('node_modules')) push(joinProjectPath(dir, `node_modules/${clean}`));
        if (dir === '') break;
        dir = dirnameOf(dir);
      }
      return out;
    }
  }
}

/** The project path an alias maps `request` to (targets are relative to mini.project.json's directory). */
function aliasTarget(ctx: ResolveContext, rule: AliasRule, request: string): string | undefined {
  const rest = request.slice(rule.prefix.length);
  const fromProjectDir = joinProjectPath('', `${rule.target}${rest}`);
  if (fromProjectDir === undefined) return undefined;
  if (!ctx.miniprogramRoot) return fromProjectDir;
  // Make it relative to the mini-program root; a target outside it is not part of the project.
  const prefix = `${ctx.miniprogramRoot}/`;
  return fromProjectDir.startsWith(prefix) ? fromProjectDir.slice(prefix.length) : undefined;
}

/** The project path of an existing file `request` names from `fromFile`, or undefined. */
export function resolveFile(ctx: ResolveContext, fromFile: string, request: string, extensions: readonly string[] = []): string | undefined {
  for (const candidate of candidatePaths(ctx, fromFile, request)) {
    if (ctx.files.isFile(candidate)) return candidate;
    for (const ext of extensions) {
      if (ctx.files.isFile(candidate + ext)) return candidate + ext;
    }
  }
  return undefined;
}

const COMPONENT_FILE_EXTENSIONS = ['.json', '.axml', '.js', '.ts'];

function looksLikeComponent(files: ProjectFiles, base: string): boolean {
  return COMPONENT_FILE_EXTENSIONS.some((ext) => files.isFile(base + ext));
}

function readPackageJson(files: ProjectFiles, packageDir: string): Record<string, unknown> | undefined {
  const text = files.readText(`${packageDir}/package.json`);
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as unknown;
    return json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `node_modules/@scope/pkg/rest` → [`node_modules/@scope/pkg`, `rest`]. */
function splitPackagePath(candidate: string): [string, string] | undefined {
  const at = candidate.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const inside = candidate.slice(at + 'node_modules/'.length).split('/');
  const nameLength = inside[0]?.startsWith('@') ? 2 : 1;
  if (inside.length < nameLength) return undefined;
  const pkgDir = candidate.slice(0, at) + 'node_modules/' + inside.slice(0, nameLength).join('/');
  return [pkgDir, inside.slice(nameLength).join('/')];
}

/**
 * The component id (project path of its files, without extension) that a usingComponents
 * value names, trying `x` then `x/index`; npm packages also try their `miniprogram` directory
 * (package.json), their `es/` build and, for a bare package name, `main`.
 */
export function resolveComponent(ctx: ResolveContext, fromFile: string, request: string): string | undefined {
  const clean = request.replace(/\.(json|axml|js|ts)$/, '');
  const kind = requestKind(clean);
  const ctxNoAlias: ResolveContext = { ...ctx, aliases: [] };
  for (const candidate of candidatePaths(ctxNoAlias, fromFile, clean)) {
    const bases = [candidate];
    if (kind === 'npm') {
      const split = splitPackagePath(candidate);
      if (split) {
        const [pkgDir, rest] = split;
        const pkg = readPackageJson(ctx.files, pkgDir);
        const miniDir = typeof pkg?.miniprogram === 'string' ? pkg.miniprogram.replace(/^\.\/|\/$/g, '') : undefined;
        if (miniDir) bases.push(joinPath(pkgDir, miniDir, rest));
        bases.push(joinPath(pkgDir, 'es', rest));
        if (rest === '') {
          for (const field of ['main', 'module']) {
            const entry = pkg?.[field];
            if (typeof entry === 'string') bases.push(joinPath(pkgDir, entry.replace(/^\.\//, '').replace(/\.(js|mjs|cjs|ts)$/, '')));
          }
        }
      }
    }
    for (const base of bases) {
      if (base === undefined) continue;
      if (looksLikeComponent(ctx.files, base)) return base;
      if (looksLikeComponent(ctx.files, `${base}/index`)) return `${base}/index`;
    }
  }
  return undefined;
}

function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}

/** Why a request found no file, when the reason is the containment rule (see containment.ts). */
export interface Refusal {
  code: DiagnosticCode;
  /** Names the request as written, never where it leads. */
  message: string;
}

/**
 * Why `request` (written in `fromFile`) resolves to no file, when the reason is containment: it
 * climbs out of the mini-program root (`../../x`, `/../x`), it is an absolute path of the build
 * machine outside the project (absolute requests resolve from the mini-program root), an alias
 * leads outside, or a candidate file exists but the rule refused it (a symbolic link leading
 * outside, a special file, a file over the size limit). Undefined when the file is simply missing.
 */
export function explainRefusal(ctx: ResolveContext, fromFile: string, request: string, extensions: readonly string[] = []): Refusal | undefined {
  const clean = request.split(/[?#]/)[0]!.trim();
  if (!clean || clean.includes('\0')) return undefined;
  const quoted = JSON.stringify(request);
  const outside = (why: string): Refusal => ({ code: PATH_OUTSIDE_PROJECT, message: `${quoted} in ${fromFile || 'the project'} is refused: ${why} (the file is not read)` });
  const kind = requestKind(clean);
  if (kind === 'url') return undefined;
  if (clean.includes('\\')) return undefined;
  if (kind === 'relative' && joinProjectPath(dirnameOf(fromFile), clean) === undefined) return outside('it climbs out of the mini-program root');
  if (kind === 'absolute') {
    if (joinProjectPath('', clean.replace(/^\/+/, '')) === undefined) return outside('it climbs out of the mini-program root');
  }
  if (kind === 'npm' && !isInNodeModules(fromFile)) {
    const alias = ctx.aliases.find((rule) => clean.startsWith(rule.prefix));
    if (alias && aliasTarget(ctx, alias, clean) === undefined) return outside(`resolveAlias "${alias.prefix}*" leads outside the mini-program root`);
  }
  for (const candidate of candidatePaths(ctx, fromFile, request)) {
    for (const p of [candidate, ...extensions.map((ext) => candidate + ext)]) {
      const access = ctx.files.access(p);
      if (access.kind !== 'refused') continue;
      if (access.refusal === 'outside') return outside('it leads outside the project through a symbolic link');
      return { code: refusalCode(access.refusal), message: `${quoted} in ${fromFile || 'the project'} is refused: ${access.refusal === 'special' ? 'it names a FIFO, socket or device (never opened)' : 'the file is over the size limit (not read)'}` };
    }
  }
  if (kind === 'absolute' && hostPathOutside(ctx.files, clean)) {
    return outside('absolute paths resolve from the mini-program root, and this one names a path of the build machine outside the project');
  }
  return undefined;
}

/** An absolute request naming an existing path of the build machine outside the project (looked up with lstat only). */
export function hostPathOutside(files: ProjectFiles, absolute: string): boolean {
  if (!path.isAbsolute(absolute)) return false;
  const resolved = path.resolve(absolute);
  if (isInside(resolved, files.projectDir) || (files.guard.projectReal && isInside(resolved, files.guard.projectReal))) return false;
  try {
    fs.lstatSync(resolved);
    return true;
  } catch {
    return false;
  }
}
