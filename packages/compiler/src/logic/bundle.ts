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
 */

import path from 'node:path';
import * as esbuild from 'esbuild';
import { LOGIC_GLOBAL } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import { INTERNAL_ERROR, LOGIC_BUNDLE_ERROR, LOGIC_BUNDLE_WARNING, LOGIC_UNRESOLVED_IMPORT } from '../diagnostics/codes.ts';
import type { ProjectFiles } from '../project/files.ts';
import type { AliasRule } from '../project/project-config.ts';

export interface LogicModule {
  /** Module id: `app`, a page id or a component id. */
  id: string;
  /** Project path of its .js/.ts file. */
  file: string;
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
    return `  ${JSON.stringify(m.id)}: () => require(${JSON.stringify(request)}),`;
  });
  return `${LOGIC_GLOBAL}.define({\n${lines.join('\n')}\n});\n`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isInNodeModules(absolute: string): boolean {
  return absolute.split(path.sep).includes('node_modules');
}

/** `/x` from the mini-program root and resolveAlias rules, handed back to esbuild's resolver. */
function projectPathsPlugin(files: ProjectFiles, aliases: readonly AliasRule[]): esbuild.Plugin {
  return {
    name: 'mpk-project-paths',
    setup(build) {
      const forward = async (request: string, resolveDir: string, args: esbuild.OnResolveArgs): Promise<esbuild.OnResolveResult> => {
        const result = await build.resolve(request, { resolveDir, kind: args.kind, importer: args.importer, pluginData: { mpkForwarded: true } });
        if (result.errors.length > 0) {
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

  async build(modules: readonly LogicModule[]): Promise<LogicBundle> {
    const { files } = this.options;
    const entry = logicEntrySource(modules, files);
    try {
      if (!this.context || this.contextKey !== entry) {
        await this.dispose();
        this.contextKey = entry;
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
          plugins: [projectPathsPlugin(files, this.options.aliases)],
        });
      }
      const result = await this.context.rebuild();
      return this.collect(result);
    } catch (error) {
      const failure = error as Partial<esbuild.BuildFailure>;
      if (Array.isArray(failure.errors)) {
        return {
          code: '',
          inputs: this.inputsOf(undefined),
          diagnostics: [
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
      if (input.includes(ENTRY_NAME)) continue;
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
    const code = severity === 'warning' ? LOGIC_BUNDLE_WARNING : unresolved ? LOGIC_UNRESOLVED_IMPORT : LOGIC_BUNDLE_ERROR;
    const notes = message.notes.map((n) => n.text).filter(Boolean);
    const text = notes.length > 0 ? `${message.text} (${notes.join(' ')})` : message.text;
    if (!location) return createDiagnostic(code, { file: '' }, text, severity);
    const absolute = path.resolve(files.srcRoot, location.file);
    const file = files.toProjectPath(absolute) ?? location.file;
    return createDiagnostic(
      code,
      { file, source: files.readText(file), line: location.line, column: location.column + 1 },
      text,
      severity,
    );
  }

  async dispose(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    this.contextKey = '';
    if (context) await context.dispose().catch(() => undefined);
  }
}
