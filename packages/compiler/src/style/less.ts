/**
 * Less (mini.project.json `compileOptions.less`): a `.less` sheet is compiled to CSS with the
 * `less` package, synchronously, reading every `@import` through the project (relative, /absolute,
 * npm and resolveAlias paths, like ACSS @import), and its source map is kept so that the ACSS
 * stage, which then runs on the CSS (rpx, @import of .acss/.css, scoping, advice), reports
 * positions in the .less files. Less never reaches outside the project: no remote imports, no
 * `@plugin` (it would run JavaScript on the build machine), no inline JavaScript.
 */

import less from 'less';
import type { DiagnosticCode } from '../diagnostics/codes.ts';

export interface LessHost {
  readFile(path: string): string | undefined;
  /** Resolve an @import request written in `fromFile` to a project path (tries `.less`). */
  resolve(fromFile: string, request: string): string | undefined;
  /** Why a request that resolved to nothing was refused by the containment rule (undefined: missing). */
  refused?(fromFile: string, request: string): { code: DiagnosticCode; message: string } | undefined;
}

export interface LessOutput {
  css: string;
  /** Source map of `css` (sources relative to the directory of the compiled file). */
  map: string;
  /** Project paths of the files the sheet imported. */
  imports: string[];
  /** Loads the containment rule refused that did not fail the compile (data-uri() falls back to url()). */
  refusals?: Array<{ code: DiagnosticCode; message: string }>;
}

export interface LessFailure {
  /** Project path of the file the error is in. */
  file: string;
  /** 1-based; 0 when unknown. */
  line: number;
  column: number;
  message: string;
  /** Set when the failure is a read the containment rule refused (reported with that code). */
  code?: DiagnosticCode;
}

interface LessError {
  message?: string;
  filename?: string;
  line?: number | null;
  column?: number;
  type?: string;
}

const SHEET_EXTENSION = /\.(less|acss|css)$/i;

/** A load failure as Less reports it (it reads `message` off the returned object itself). */
function loadError(message: string): Less.FileLoadError {
  return { error: new Error(message), message } as Less.FileLoadError;
}

/**
 * Less's file manager for one compile: project files only, recorded as imports. It is the only
 * one Less uses (plugin file managers are asked first, and this one supports every file), so
 * @import, data-uri() and every other file Less loads go through the project's containment rule.
 */
function projectFileManager(host: LessHost, imports: Set<string>, refusals: Array<{ code: DiagnosticCode; message: string }>): Less.FileManager {
  class ProjectFileManager extends less.FileManager {
    override supports(): boolean {
      return true;
    }
    override supportsSync(): boolean {
      return true;
    }
    override loadFileSync(filename: string, currentDirectory: string, options?: Less.LoadFileOptions): Less.FileLoadResult | Less.FileLoadError {
      // Less loads @plugin files through here too, as JavaScript to evaluate (context.mime says so): never.
      if ((options as { mime?: string } | undefined)?.mime === 'application/javascript') return loadError(`@plugin '${filename}': mpk does not run Less plugins`);
      if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(filename)) return loadError(`'${filename}': mpk does not load remote Less files`);
      // currentDirectory is the importing file's directory as a project path ('pages/index/').
      const from = `${currentDirectory.replace(/\/?$/, '/')}__importer__.less`.replace(/^\//, '');
      const importer = currentDirectory ? from : '__importer__.less';
      const resolved = host.resolve(importer, filename);
      if (!resolved) {
        const refusal = host.refused?.(importer, filename);
        if (refusal) {
          refusals.push(refusal);
          return loadError(refusal.message.replace(/ in \S*__importer__\.less /, ' '));
        }
        return loadError(`'${filename}' wasn't found`);
      }
      if (!SHEET_EXTENSION.test(resolved)) return loadError(`'${filename}' is not a style sheet (mpk does not run Less plugins)`);
      const contents = host.readFile(resolved);
      if (contents === undefined) return loadError(`'${filename}' could not be read`);
      imports.add(resolved);
      return { filename: resolved, contents };
    }
    override loadFile(filename: string, currentDirectory: string, options?: Less.LoadFileOptions): Promise<Less.FileLoadResult> {
      const result = this.loadFileSync(filename, currentDirectory, options);
      return 'error' in result ? Promise.reject(result) : Promise.resolve(result);
    }
  }
  return new ProjectFileManager();
}

function unsupportedImageFunction(name: string): () => never {
  return () => {
    throw { type: 'Argument', message: `${name}() is not supported by mpk (it would read an image file at build time)` };
  };
}

const IMAGE_FUNCTIONS: Record<string, () => never> = {
  'image-size': unsupportedImageFunction('image-size'),
  'image-width': unsupportedImageFunction('image-width'),
  'image-height': unsupportedImageFunction('image-height'),
};

/** Compiles the Less sheet `file` (a project path). Never throws. */
export function compileLess(file: string, source: string, host: LessHost): LessOutput | LessFailure {
  const imports = new Set<string>();
  const refusals: Array<{ code: DiagnosticCode; message: string }> = [];
  const fileManager = projectFileManager(host, imports, refusals);
  const plugin: Less.Plugin = {
    install: (_less: LessStatic, manager: Less.PluginManager, functions?: { addMultiple(fns: Record<string, () => unknown>): void }) => {
      manager.addFileManager(fileManager);
      // less-node's image-size()/image-width()/image-height() read the file again with fs, by the
      // name the file manager returned: never (mpk gives no image sizes at build time).
      functions?.addMultiple(IMAGE_FUNCTIONS);
    },
  };
  let output: LessOutput | LessFailure | undefined;
  try {
    less.render(
      source,
      {
        filename: file,
        syncImport: true,
        javascriptEnabled: false,
        plugins: [plugin],
        sourceMap: { outputSourceFiles: false, disableSourcemapAnnotation: true },
      } as Less.Options,
      (error: LessError | undefined, result?: Less.RenderOutput) => {
        if (error || !result) {
          const where = error?.filename && error.filename !== 'input' ? error.filename : file;
          output = {
            file: where,
            line: typeof error?.line === 'number' ? error.line : 0,
            column: typeof error?.column === 'number' ? error.column + 1 : 0,
            message: refusals[0] ? `@import ${refusals[0].message.replace(/ in \S*__importer__\.less /, ' ')}` : `${error?.type ? `${error.type} error: ` : ''}${error?.message ?? 'Less failed'}`,
            ...(refusals[0] ? { code: refusals[0].code } : {}),
          };
          return;
        }
        output = { css: result.css, map: result.map ?? '', imports: [...imports].filter((p) => p !== file), refusals: [...refusals] };
      },
    );
  } catch (error) {
    output = { file, line: 0, column: 0, message: `Less failed: ${(error as Error).message}` };
  }
  // With syncImport and a synchronous file manager the callback has run; be safe if it has not.
  return output ?? { file, line: 0, column: 0, message: 'Less did not finish synchronously' };
}

export function isLessFailure(value: LessOutput | LessFailure): value is LessFailure {
  return 'message' in value;
}
