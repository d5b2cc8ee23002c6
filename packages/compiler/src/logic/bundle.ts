/**
 * Logic bundling with esbuild: one IIFE script per package part, following the LOGIC ABI in
 * `@mpk/runtime/package-format`. The generated entry registers one factory per module id
 *
 *   __mpkLogic.define({ "app": () => require("./app.js"), "pages/index/index": () => require(...) })
 *
 * and because every module is reached through `require()`, esbuild wraps each in a lazy
 * `__esm`/`__commonJS` initialiser: a module's top level runs only when its factory is called.
 * npm dependencies are bundled; `/abs` imports resolve from the mini-program root; resolveAlias
 * applies outside node_modules. Contexts are kept so a rebuild is incremental.
 *
 * An import that does not resolve does not fail the bundle: a Node built-in (`path`, `fs`, …,
 * unless an npm package of that name is installed) is an empty module (MPK5004), and any other
 * missing module is a stub that throws "Cannot find module" when the importing module runs
 * (MPK5002), so only the pages that import it break. esbuild reports unresolved imports as
 * errors; the bundler's resolver plugin sees every import and stubs those that do not resolve.
 *
 * Containment (see project/containment.ts): every import esbuild resolves goes through the plugin,
 * which refuses a file outside the project that is not an npm package reached through node_modules
 * (MPK1090: a stub that throws "Cannot find module" takes its place), a special file (MPK1091) or
 * one over the size limit (MPK1092); every file esbuild bundles is checked by the plugin through the
 * rule (onLoad checks the open descriptor before esbuild reads it). esbuild is given the project's own tsconfig.json (after
 * checking its `extends` chain) or none, so it looks for no tsconfig.json of the build machine, and
 * the project is scanned for package.json / tsconfig.json / .pnp files that esbuild would open
 * itself: if one is a FIFO, a device, huge or a link out of the project, nothing is bundled.
 * esbuild messages located in a file the rule does not allow (an ancestor package.json of the
 * build machine) are reported without their text.
 */

import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { LOGIC_GLOBAL } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import {
  FILE_TOO_LARGE,
  INTERNAL_ERROR,
  LOGIC_BUNDLE_ERROR,
  LOGIC_BUNDLE_WARNING,
  LOGIC_NODE_BUILTIN,
  LOGIC_UNRESOLVED_IMPORT,
  PATH_OUTSIDE_PROJECT,
  SPECIAL_FILE,
  type DiagnosticCode,
} from '../diagnostics/codes.ts';
import { isInside, MAX_READ_BYTES, ReadRefusedError, type Containment, type RefusalKind } from '../project/containment.ts';
import type { ProjectFiles } from '../project/files.ts';
import type { AliasRule } from '../project/project-config.ts';
import { hostPathOutside, requestKind } from '../project/resolve.ts';
import { bundlerMetadataRefusals, tsconfigFor } from './metadata.ts';

export interface LogicModule {
  /** Module id: `app`, a page id or a component id. */
  id: string;
  /** Project path of its .js/.ts file. */
  file: string;
  /** console.warn()ed when the module first runs (plugin placeholders in its template). */
  warnings?: string[];
}

export interface LogicBundleOptions {
  files: ProjectFiles;
  aliases: readonly AliasRule[];
  minify: boolean;
  sourcemap: boolean;
}

export interface LogicBundle {
  code: string;
  /** Source map JSON (sources relative to the mini-program root), when enabled. */
  map?: string;
  /** Project paths of every file the bundle read (for incremental rebuilds). */
  inputs: string[];
  diagnostics: Diagnostic[];
}

const ENTRY_NAME = 'mpk-logic-entry.js';

/** The generated entry script for `modules` (module ids map to lazy require()s). */
export function logicEntrySource(modules: readonly LogicModule[], files: ProjectFiles): string {
  const lines = modules.map((m) => {
    let request = path.relative(files.srcRoot, files.abs(m.file)).split(path.sep).join('/');
    if (!request.startsWith('.')) request = `./${request}`;
    const load = `require(${JSON.stringify(request)})`;
    if (!m.warnings?.length) return `  ${JSON.stringify(m.id)}: () => ${load},`;
    const warn = m.warnings.map((w) => `console.warn(${JSON.stringify(w)}); `).join('');
    return `  ${JSON.stringify(m.id)}: () => { ${warn}return ${load}; },`;
  });
  return `${LOGIC_GLOBAL}.define({\n${lines.join('\n')}\n});\n`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isInNodeModules(absolute: string): boolean {
  return absolute.split(path.sep).includes('node_modules');
}

const BUILTIN_NAMESPACE = 'mpk-node-builtin';
const MISSING_NAMESPACE = 'mpk-missing';
const REFUSED_NAMESPACE = 'mpk-refused';
/** `detail` of the warnings the resolver plugin returns (esbuild passes it through). */
const BUILTIN_DETAIL = 'mpk:node-builtin';
const MISSING_DETAIL = 'mpk:missing-module';
const REFUSED_DETAIL: Record<RefusalKind, string> = { outside: 'mpk:refused-outside', special: 'mpk:refused-special', 'too-large': 'mpk:refused-too-large' };
const REFUSED_CODES: Record<string, DiagnosticCode> = {
  [REFUSED_DETAIL.outside]: PATH_OUTSIDE_PROJECT,
  [REFUSED_DETAIL.special]: SPECIAL_FILE,
  [REFUSED_DETAIL['too-large']]: FILE_TOO_LARGE,
};

/** A Node built-in module name (`path`, `node:fs`, `fs/promises`). */
function isNodeBuiltin(request: string): boolean {
  return request.startsWith('node:') || isBuiltin(request.split('/')[0]!) || isBuiltin(request);
}

/** `@scope/name/x` → `@scope/name`, `name/x` → `name`. */
function packageNameOf(request: string): string {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** What an import that does not resolve becomes: an empty module (built-ins) or a module that throws when it runs. */
function unresolvedResult(args: esbuild.OnResolveArgs, files: ProjectFiles): esbuild.OnResolveResult {
  const importer = importerName(args, files);
  if (isNodeBuiltin(args.path)) {
    return {
      path: args.path,
      namespace: BUILTIN_NAMESPACE,
      warnings: [{ text: `"${args.path}" is a Node built-in module; there is no Node in the logic layer, so it is an empty module here`, detail: BUILTIN_DETAIL }],
    };
  }
  return {
    path: `${args.path}\0${importer}`,
    namespace: MISSING_NAMESPACE,
    pluginData: { request: args.path, importer },
    warnings: [{ text: `Could not resolve "${args.path}": requiring it throws "Cannot find module" when ${importer} runs`, detail: MISSING_DETAIL }],
  };
}

/** An import the containment rule refused: a module that throws "Cannot find module", and the refusal. */
function refusedResult(args: esbuild.OnResolveArgs, files: ProjectFiles, refusal: RefusalKind): esbuild.OnResolveResult {
  const importer = importerName(args, files);
  const why =
    refusal === 'outside'
      ? 'it resolves outside the project (only files inside the project and npm packages in its node_modules are bundled)'
      : refusal === 'special'
        ? 'it names a FIFO, socket or device (never opened)'
        : `the file is over the ${MAX_READ_BYTES / (1024 * 1024)} MB limit (not read)`;
  return {
    path: `${args.path}\0${importer}`,
    namespace: REFUSED_NAMESPACE,
    pluginData: { request: args.path, importer },
    warnings: [{ text: `${JSON.stringify(args.path)} in ${importer} is refused: ${why}; requiring it throws "Cannot find module"`, detail: REFUSED_DETAIL[refusal] }],
  };
}

/** The real path of the mini-program root (esbuild's working directory), or the root as named. */
function workingDir(files: ProjectFiles): string {
  try {
    return fs.realpathSync.native(files.srcRoot);
  } catch {
    return files.srcRoot;
  }
}

/** The importing file as a project path (or relative to the mini-program root): never an absolute path. */
function importerName(args: { importer: string }, files: ProjectFiles): string {
  if (!path.isAbsolute(args.importer)) return args.importer === '<stdin>' ? ENTRY_NAME : args.importer;
  return files.toProjectPath(args.importer) ?? path.relative(workingDir(files), args.importer).split(path.sep).join('/');
}

interface ResolveFacts {
  /** The request as written. */
  request: string;
  /** A bare (npm) request, looked up in node_modules directories. */
  bare: boolean;
  /** For path requests: the absolute path the request names, before symlinks are resolved. */
  lexical?: string;
  importer: string;
  resolveDir: string;
}

/** Does the absolute path (as named) go through a node_modules directory of the project? */
function viaProjectNodeModules(guard: Containment, named: string): boolean {
  for (const root of [guard.projectDir, guard.projectReal]) {
    if (!root || !isInside(named, root)) continue;
    if (path.relative(root, named).split(path.sep).includes('node_modules')) return true;
  }
  return false;
}

/**
 * The containment rule for a file esbuild resolved (`resolved`, the real path it gives): undefined
 * when it may be bundled, else why not.
 */
function checkResolved(guard: Containment, resolved: string, facts: ResolveFacts): RefusalKind | undefined {
  let real: string;
  try {
    real = fs.realpathSync.native(resolved);
  } catch {
    return undefined; // not a file on disk (esbuild reports it when it loads it; onLoad reads through the rule)
  }
  const importerReal = path.isAbsolute(facts.importer) ? facts.importer : undefined;
  const importerInProject = !importerReal || guard.inProject(importerReal);
  let allowed = guard.inProject(real);
  // A package's own imports (its dependencies, wherever its package manager put them).
  if (!allowed && !importerInProject) allowed = guard.inPackage(real);
  // A path through a node_modules directory of the project (`../node_modules/x/y.js`).
  if (!allowed && facts.lexical !== undefined && viaProjectNodeModules(guard, facts.lexical)) {
    allowed = guard.allowedThroughNodeModules(facts.lexical, real);
  }
  if (!allowed && facts.bare) {
    // A bare import: the node_modules/<name> it was found through, in the project (or in the
    // package that imports it), must be a package that holds the file.
    const name = packageNameOf(facts.request);
    for (let dir = facts.resolveDir; ; dir = path.dirname(dir)) {
      const considered = isInside(dir, guard.projectDir) || guard.inProject(dir) || (!importerInProject && guard.isAllowedReal(dir));
      if (considered && guard.allowedThroughNodeModules(path.join(dir, 'node_modules', name, '__probe__'), real)) {
        allowed = true;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  if (!allowed) return 'outside';
  try {
    const stat = fs.statSync(real);
    if (stat.isDirectory()) return undefined;
    if (!stat.isFile()) return 'special';
    if (stat.size > MAX_READ_BYTES) return 'too-large';
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Every import: `/x` from the mini-program root, resolveAlias rules, then esbuild's own resolution,
 * whose result the containment rule checks; Node built-ins and imports that do not resolve become
 * stubs. Every file is checked again by the rule before esbuild reads it (onLoad).
 */
function resolverPlugin(files: ProjectFiles, aliases: readonly AliasRule[]): esbuild.Plugin {
  const guard = files.guard;
  return {
    name: 'mpk-resolve',
    setup(build) {
      const aliasFilter = aliases.length > 0 ? new RegExp(`^(${aliases.map((a) => escapeRegExp(a.prefix)).join('|')})`) : undefined;
      // Imports already found allowed, left to esbuild's own resolution: not resolved twice on every
      // rebuild (until a full build). A file that changed since into a link out of the project is
      // still refused when esbuild loads it (onLoad checks the real path again).
      const allowedAsIs = new Set<string>();
      let cacheGeneration = files.fullGeneration;
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.mpkForwarded || args.kind === 'entry-point') return undefined;
        if (cacheGeneration !== files.fullGeneration) {
          allowedAsIs.clear();
          cacheGeneration = files.fullGeneration;
        }
        const cacheKey = `${args.kind}\0${args.importer}\0${args.resolveDir}\0${args.path}`;
        if (allowedAsIs.has(cacheKey)) return undefined;
        const request = args.path;
        let target = request;
        let resolveDir = args.resolveDir;
        let bare = false;
        let lexical: string | undefined;
        const rule = aliasFilter?.test(request) && !isInNodeModules(args.importer) ? aliases.find((a) => request.startsWith(a.prefix)) : undefined;
        if (request.startsWith('/')) {
          const insideProject = [files.srcRoot, files.projectDir, guard.projectReal].some((root) => root && request.startsWith(root + path.sep));
          if (!insideProject) {
            // `/x` is a path from the mini-program root.
            target = `./${request.replace(/^\/+/, '')}`;
            resolveDir = files.srcRoot;
          }
          lexical = path.resolve(resolveDir, target);
        } else if (rule) {
          const mapped = `${rule.target}${request.slice(rule.prefix.length)}`;
          target = mapped.startsWith('.') ? mapped : `./${mapped}`;
          resolveDir = files.projectDir;
          lexical = path.resolve(resolveDir, target);
        } else if (requestKind(request) === 'npm') {
          bare = true;
        } else {
          lexical = path.resolve(resolveDir, request);
        }
        const result = await build.resolve(target, { resolveDir, kind: args.kind, importer: args.importer, pluginData: { mpkForwarded: true } });
        if (result.errors.length > 0) {
          if (request.startsWith('/') && hostPathOutside(files, request)) return refusedResult(args, files, 'outside');
          return unresolvedResult(args, files);
        }
        const mapped = target !== request || resolveDir !== args.resolveDir;
        if (result.external || result.namespace !== 'file' || !result.path) {
          // Not a file (a module a package.json "browser" field disables): esbuild's own resolution keeps its meaning.
          if (!mapped) return undefined;
          return { path: result.path, external: result.external, sideEffects: result.sideEffects, namespace: result.namespace, suffix: result.suffix, pluginData: result.pluginData };
        }
        const refusal = checkResolved(guard, result.path, { request, bare, ...(lexical !== undefined ? { lexical } : {}), importer: args.importer, resolveDir });
        // A Node built-in that resolves to a package outside the project is not installed for it: the empty module.
        if (refusal === 'outside' && bare && isNodeBuiltin(request)) return unresolvedResult(args, files);
        if (refusal) return refusedResult(args, files, refusal);
        // Allowed: an import as written resolves again the native way (which keeps what esbuild knows
        // and a plugin result cannot carry, such as a module disabled by a "browser" field).
        if (!mapped) {
          allowedAsIs.add(cacheKey);
          return undefined;
        }
        return { path: result.path, sideEffects: result.sideEffects, namespace: 'file', suffix: result.suffix, pluginData: result.pluginData };
      });
      // Before esbuild reads a file: the rule again, on the real path, and the open descriptor must
      // be a regular file within the size limit (a FIFO is opened without blocking, never read).
      build.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
        let real: string;
        try {
          real = fs.realpathSync.native(args.path);
        } catch {
          return undefined; // esbuild reports the missing file
        }
        try {
          guard.checkReadable(real);
          return undefined;
        } catch (error) {
          const refusal: RefusalKind = error instanceof ReadRefusedError ? error.refusal : 'special';
          // Reached without onResolve: a file a dynamic import pattern (`require('../x/' + name)`) matched.
          const inside = files.toProjectPath(args.path);
          const text =
            refusal === 'outside' || inside === undefined
              ? 'a file this import leads to (a dynamic import pattern matches it) lies outside the project: it is not read'
              : `${inside} is ${refusal === 'special' ? 'a FIFO, socket or device' : 'over the size limit'}: it is not read`;
          return { errors: [{ text, detail: REFUSED_DETAIL[refusal] }] };
        }
      });
      build.onLoad({ filter: /.*/, namespace: BUILTIN_NAMESPACE }, () => ({ contents: 'module.exports = {};\n', loader: 'js' }));
      const throwing = (args: esbuild.OnLoadArgs): esbuild.OnLoadResult => {
        const { request, importer } = args.pluginData as { request: string; importer: string };
        const message = `Cannot find module '${request}' from '${importer}'`;
        return { contents: `throw new Error(${JSON.stringify(message)});\nmodule.exports = {};\n`, loader: 'js' };
      };
      build.onLoad({ filter: /.*/, namespace: MISSING_NAMESPACE }, throwing);
      build.onLoad({ filter: /.*/, namespace: REFUSED_NAMESPACE }, throwing);
    },
  };
}

/** One part's bundler; keeps its esbuild context between builds while the module list is unchanged. */
export class LogicBundler {
  private readonly options: LogicBundleOptions;
  private context: esbuild.BuildContext<{ write: false; metafile: true }> | undefined;
  private contextKey = '';

  constructor(options: LogicBundleOptions) {
    this.options = options;
  }

  async build(modules: readonly LogicModule[]): Promise<LogicBundle> {
    const { files } = this.options;
    // Files esbuild would open itself (package.json, tsconfig.json, .pnp.*): a FIFO there would
    // hang it, a device or a huge file exhaust it, a link out of the project leak into messages.
    const blocked = bundlerMetadataRefusals(files);
    if (blocked.length > 0) {
      await this.dispose();
      return { code: '', inputs: [], diagnostics: blocked };
    }
    const tsconfig = tsconfigFor(files);
    const entry = logicEntrySource(modules, files);
    const key = `${entry}\0${tsconfig.key}`;
    try {
      if (!this.context || this.contextKey !== key) {
        await this.dispose();
        this.contextKey = key;
        this.context = await esbuild.context({
          // The real directory, so that paths esbuild prints and writes into the source map (relative
          // to it) never climb through a symbolic link the project directory lies behind.
          stdin: { contents: entry, resolveDir: workingDir(files), sourcefile: ENTRY_NAME, loader: 'js' },
          absWorkingDir: workingDir(files),
          bundle: true,
          format: 'iife',
          target: 'es2020',
          platform: 'browser',
          mainFields: ['browser', 'module', 'main'],
          write: false,
          metafile: true,
          outfile: path.join(workingDir(files), 'logic.js'),
          sourcemap: this.options.sourcemap ? 'linked' : false,
          minify: this.options.minify,
          charset: 'utf8',
          legalComments: 'none',
          logLevel: 'silent',
          ...tsconfig.options,
          plugins: [resolverPlugin(files, this.options.aliases)],
        });
      }
      const result = await this.context.rebuild();
      const bundle = this.collect(result);
      return tsconfig.diagnostics.length > 0 ? { ...bundle, diagnostics: [...tsconfig.diagnostics, ...bundle.diagnostics] } : bundle;
    } catch (error) {
      const failure = error as Partial<esbuild.BuildFailure>;
      if (Array.isArray(failure.errors)) {
        return {
          code: '',
          inputs: this.inputsOf(undefined),
          diagnostics: [
            ...tsconfig.diagnostics,
            ...failure.errors.map((m) => this.toDiagnostic(m, 'error')),
            ...(failure.warnings ?? []).map((m) => this.toDiagnostic(m, 'warning')),
          ],
        };
      }
      return {
        code: '',
        inputs: [],
        diagnostics: [createDiagnostic(INTERNAL_ERROR, { file: '' }, `esbuild failed: ${(error as Error).message}`)],
      };
    }
  }

  private lastInputs: string[] = [];

  private inputsOf(metafile: esbuild.Metafile | undefined): string[] {
    if (!metafile) return this.lastInputs;
    const { files } = this.options;
    const inputs: string[] = [];
    for (const input of Object.keys(metafile.inputs)) {
      if (input.includes(ENTRY_NAME) || input.startsWith(`${BUILTIN_NAMESPACE}:`) || input.startsWith(`${MISSING_NAMESPACE}:`)) continue;
      const projectPath = files.toProjectPath(path.resolve(workingDir(files), input));
      if (projectPath !== undefined) inputs.push(projectPath);
    }
    this.lastInputs = inputs.sort();
    return this.lastInputs;
  }

  private collect(result: esbuild.BuildResult<{ write: false; metafile: true }>): LogicBundle {
    let code = '';
    let map: string | undefined;
    for (const out of result.outputFiles ?? []) {
      if (out.path.endsWith('.map')) map = out.text;
      else code = out.text;
    }
    return {
      code,
      ...(map !== undefined ? { map } : {}),
      inputs: this.inputsOf(result.metafile),
      diagnostics: [
        ...result.errors.map((m) => this.toDiagnostic(m, 'error')),
        ...result.warnings.map((m) => this.toDiagnostic(m, 'warning')),
      ],
    };
  }

  private toDiagnostic(message: esbuild.Message, severity: 'error' | 'warning'): Diagnostic {
    const { files } = this.options;
    const location = message.location;
    const unresolved = /^Could not resolve/.test(message.text);
    const refusedCode = message.detail ? REFUSED_CODES[message.detail] : undefined;
    const code =
      refusedCode ??
      (message.detail === BUILTIN_DETAIL
        ? LOGIC_NODE_BUILTIN
        : message.detail === MISSING_DETAIL
          ? LOGIC_UNRESOLVED_IMPORT
          : severity === 'warning'
            ? LOGIC_BUNDLE_WARNING
            : unresolved
              ? LOGIC_UNRESOLVED_IMPORT
              : LOGIC_BUNDLE_ERROR);
    const fixed = refusedCode !== undefined || code === LOGIC_UNRESOLVED_IMPORT || code === LOGIC_NODE_BUILTIN;
    const notes = message.notes.map((n) => n.text).filter(Boolean);
    const text = notes.length > 0 ? `${message.text} (${notes.join(' ')})` : message.text;
    if (!location) return createDiagnostic(code, { file: '' }, text, fixed ? code.severity : severity);
    if (!this.mayShow(location)) {
      // A message about a file the containment rule does not allow (an ancestor package.json of the
      // build machine): its text may quote the file, so only that it happened is reported.
      return createDiagnostic(PATH_OUTSIDE_PROJECT, { file: '' }, 'esbuild read a file outside the project while resolving imports and reported a problem in it (not shown: the file is not part of the project)', 'error');
    }
    const absolute = path.resolve(workingDir(files), location.file);
    const file = files.toProjectPath(absolute) ?? location.file;
    // esbuild's span lies on its one line (`lineText`): the end is `length` columns on.
    const end = location.length > 0 ? { endLine: location.line, endColumn: location.column + 1 + location.length } : {};
    return createDiagnostic(code, { file, source: files.readText(file), line: location.line, column: location.column + 1, ...end }, text, fixed ? code.severity : severity);
  }

  /** Whether a message located in this file may be shown (its text and a frame): the generated entry, or a file the rule allows. */
  private mayShow(location: esbuild.Location): boolean {
    if (location.file === ENTRY_NAME || location.file === '<stdin>') return true;
    if (location.namespace && location.namespace !== 'file') return true;
    const absolute = path.resolve(workingDir(this.options.files), location.file);
    let real = absolute;
    try {
      real = fs.realpathSync.native(absolute);
    } catch {
      // not on disk: judged by its name
    }
    return this.options.files.guard.isAllowedReal(real);
  }


  async dispose(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    this.contextKey = '';
    if (context) await context.dispose().catch(() => undefined);
  }
}
