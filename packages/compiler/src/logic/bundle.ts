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
 * errors; the bundler records their specifiers and rebuilds with a plugin that resolves exactly
 * those (a narrow filter, so imports that resolve never pay for a plugin round trip).
 */

import { builtinModules, isBuiltin } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { LOGIC_GLOBAL } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { INTERNAL_ERROR, LOGIC_BUNDLE_ERROR, LOGIC_BUNDLE_WARNING, LOGIC_NODE_BUILTIN, LOGIC_UNRESOLVED_IMPORT } from '../diagnostics/codes.ts';
import type { ProjectFiles } from '../project/files.ts';
import type { AliasRule } from '../project/project-config.ts';

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
/** `detail` of the warnings the fallback plugin returns (esbuild passes it through). */
const BUILTIN_DETAIL = 'mpk:node-builtin';
const MISSING_DETAIL = 'mpk:missing-module';

/** A Node built-in module name (`path`, `node:fs`, `fs/promises`). */
function isNodeBuiltin(request: string): boolean {
  return request.startsWith('node:') || isBuiltin(request.split('/')[0]!) || isBuiltin(request);
}

const BUILTIN_FILTER = new RegExp(
  `^(node:.*|(${builtinModules.filter((m) => !m.startsWith('_') && !m.includes('/')).map(escapeRegExp).join('|')})(/.*)?)$`,
);

/** What an import that does not resolve becomes: an empty module (built-ins) or a module that throws when it runs. */
function unresolvedResult(args: esbuild.OnResolveArgs, files: ProjectFiles): esbuild.OnResolveResult {
  const importer = files.toProjectPath(args.importer) ?? args.importer;
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

/**
 * Imports that esbuild cannot resolve: Node built-ins always, and the specifiers that failed in
 * an earlier build of this bundler. Each is resolved normally first (an installed npm package
 * named `events` or `path`, a file created since); only when that fails is it stubbed.
 */
function unresolvedPlugin(files: ProjectFiles, missing: ReadonlySet<string>): esbuild.Plugin {
  return {
    name: 'mpk-unresolved',
    setup(build) {
      const resolveOrStub = async (args: esbuild.OnResolveArgs): Promise<esbuild.OnResolveResult | undefined> => {
        if (args.pluginData?.mpkForwarded || args.kind === 'entry-point') return undefined;
        const result = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { mpkForwarded: true } });
        if (result.errors.length === 0) {
          return { path: result.path, external: result.external, sideEffects: result.sideEffects, namespace: result.namespace, suffix: result.suffix, pluginData: result.pluginData };
        }
        return unresolvedResult(args, files);
      };
      build.onResolve({ filter: BUILTIN_FILTER }, resolveOrStub);
      const others = [...missing].filter((m) => !BUILTIN_FILTER.test(m) && !m.startsWith('/'));
      if (others.length > 0) build.onResolve({ filter: new RegExp(`^(${others.map(escapeRegExp).join('|')})$`) }, resolveOrStub);
      build.onLoad({ filter: /.*/, namespace: BUILTIN_NAMESPACE }, () => ({ contents: 'module.exports = {};\n', loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: MISSING_NAMESPACE }, (args) => {
        const { request, importer } = args.pluginData as { request: string; importer: string };
        const message = `Cannot find module '${request}' from '${importer}'`;
        return { contents: `throw new Error(${JSON.stringify(message)});\nmodule.exports = {};\n`, loader: 'js' };
      });
    },
  };
}

/** `/x` from the mini-program root and resolveAlias rules, handed back to esbuild's resolver. */
function projectPathsPlugin(files: ProjectFiles, aliases: readonly AliasRule[], missing: ReadonlySet<string>): esbuild.Plugin {
  return {
    name: 'mpk-project-paths',
    setup(build) {
      const forward = async (request: string, resolveDir: string, args: esbuild.OnResolveArgs): Promise<esbuild.OnResolveResult> => {
        const result = await build.resolve(request, { resolveDir, kind: args.kind, importer: args.importer, pluginData: { mpkForwarded: true } });
        if (result.errors.length > 0) {
          if (missing.has(args.path)) return unresolvedResult(args, files);
          return { errors: [{ text: `Could not resolve "${args.path}" (looked for ${request} in ${path.relative(files.srcRoot, resolveDir) || '.'})` }] };
        }
        return { path: result.path, external: result.external, sideEffects: result.sideEffects, namespace: result.namespace };
      };
      build.onResolve({ filter: /^\// }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.mpkForwarded) return undefined;
        // A real absolute path into the project (esbuild internals) stays as it is.
        if (args.path.startsWith(files.srcRoot + path.sep) || args.path.startsWith(files.projectDir + path.sep)) return undefined;
        return forward(`./${args.path.replace(/^\/+/, '')}`, files.srcRoot, args);
      });
      if (aliases.length > 0) {
        const filter = new RegExp(`^(${aliases.map((a) => escapeRegExp(a.prefix)).join('|')})`);
        build.onResolve({ filter }, async (args) => {
          if (args.pluginData?.mpkForwarded || isInNodeModules(args.importer)) return undefined;
          const rule = aliases.find((a) => args.path.startsWith(a.prefix));
          if (!rule) return undefined;
          const target = `${rule.target}${args.path.slice(rule.prefix.length)}`;
          return forward(target.startsWith('.') ? target : `./${target}`, files.projectDir, args);
        });
      }
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

  /** Specifiers that did not resolve in an earlier build (stubbed from then on, see unresolvedPlugin). */
  private readonly missing = new Set<string>();

  async build(modules: readonly LogicModule[]): Promise<LogicBundle> {
    // A build that meets new unresolved imports is run again with them stubbed (bounded: each
    // round adds at least one specifier, and the files of one build hold finitely many).
    for (let round = 0; ; round++) {
      const bundle = await this.buildOnce(modules);
      const fresh = bundle.unresolved.filter((s) => !this.missing.has(s));
      if (fresh.length === 0 || round >= 8) return bundle.result;
      for (const s of fresh) this.missing.add(s);
    }
  }

  private async buildOnce(modules: readonly LogicModule[]): Promise<{ result: LogicBundle; unresolved: string[] }> {
    const { files } = this.options;
    const entry = logicEntrySource(modules, files);
    const key = `${entry}\0${[...this.missing].join('\0')}`;
    try {
      if (!this.context || this.contextKey !== key) {
        await this.dispose();
        this.contextKey = key;
        this.context = await esbuild.context({
          stdin: { contents: entry, resolveDir: files.srcRoot, sourcefile: ENTRY_NAME, loader: 'js' },
          absWorkingDir: files.srcRoot,
          bundle: true,
          format: 'iife',
          target: 'es2020',
          platform: 'browser',
          mainFields: ['browser', 'module', 'main'],
          write: false,
          metafile: true,
          outfile: path.join(files.srcRoot, 'logic.js'),
          sourcemap: this.options.sourcemap ? 'linked' : false,
          minify: this.options.minify,
          charset: 'utf8',
          legalComments: 'none',
          logLevel: 'silent',
          plugins: [projectPathsPlugin(files, this.options.aliases, this.missing), unresolvedPlugin(files, this.missing)],
        });
      }
      const result = await this.context.rebuild();
      return { result: this.collect(result), unresolved: [] };
    } catch (error) {
      const failure = error as Partial<esbuild.BuildFailure>;
      if (Array.isArray(failure.errors)) {
        return {
          result: {
            code: '',
            inputs: this.inputsOf(undefined),
            diagnostics: [
              ...failure.errors.map((m) => this.toDiagnostic(m, 'error')),
              ...(failure.warnings ?? []).map((m) => this.toDiagnostic(m, 'warning')),
            ],
          },
          unresolved: failure.errors.map(unresolvedSpecifier).filter((s): s is string => s !== undefined),
        };
      }
      return {
        result: {
          code: '',
          inputs: [],
          diagnostics: [createDiagnostic(INTERNAL_ERROR, { file: '' }, `esbuild failed: ${(error as Error).message}`)],
        },
        unresolved: [],
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
      const projectPath = files.toProjectPath(path.resolve(files.srcRoot, input));
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
    const code =
      message.detail === BUILTIN_DETAIL
        ? LOGIC_NODE_BUILTIN
        : message.detail === MISSING_DETAIL
          ? LOGIC_UNRESOLVED_IMPORT
          : severity === 'warning'
            ? LOGIC_BUNDLE_WARNING
            : unresolved
              ? LOGIC_UNRESOLVED_IMPORT
              : LOGIC_BUNDLE_ERROR;
    const notes = message.notes.map((n) => n.text).filter(Boolean);
    const text = notes.length > 0 ? `${message.text} (${notes.join(' ')})` : message.text;
    if (!location) return createDiagnostic(code, { file: '' }, text, code === LOGIC_UNRESOLVED_IMPORT || code === LOGIC_NODE_BUILTIN ? code.severity : severity);
    const absolute = path.resolve(files.srcRoot, location.file);
    const file = files.toProjectPath(absolute) ?? location.file;
    return createDiagnostic(
      code,
      { file, source: files.readText(file), line: location.line, column: location.column + 1 },
      text,
      code === LOGIC_UNRESOLVED_IMPORT || code === LOGIC_NODE_BUILTIN ? code.severity : severity,
    );
  }

  async dispose(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    this.contextKey = '';
    if (context) await context.dispose().catch(() => undefined);
  }
}

/** The specifier of an esbuild "Could not resolve" error, if the message is one. */
function unresolvedSpecifier(message: esbuild.Message): string | undefined {
  const match = /^Could not resolve "((?:[^"\\]|\\.)*)"/.exec(message.text);
  if (!match) return undefined;
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return match[1];
  }
}
