/**
 * Compiles one ACSS sheet (app, page or component) into plain CSS with postcss: `@import`s
 * inlined (once each; cycles and missing files reported), `rpx` converted, selectors scoped per
 * sheet kind (see selectors.ts), platform warnings reported, comments dropped. With Less on
 * (`StyleHost.less`), a `.less` sheet or `@import` is first compiled by less.ts and its CSS goes
 * through the same steps; diagnostics point into the .less files through Less's source map.
 */

import postcss, { CssSyntaxError, type AtRule, type ChildNode, type Input, type Node, type Root } from 'postcss';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic } from '../diagnostics/create.ts';
import {
  ATTRIBUTE_SELECTOR,
  CSS_SYNTAX_ERROR,
  HOST_ON_VIRTUAL_COMPONENT,
  LESS_ERROR,
  LESS_IMPORT,
  RELATIVE_URL,
  REMOTE_STYLE_IMPORT,
  RESERVED_CLASS_PREFIX,
  RPX_IN_MEDIA_QUERY,
  STYLE_IMPORT_CYCLE,
  STYLE_IMPORT_INVALID,
  STYLE_IMPORT_NOT_FOUND,
  type DiagnosticCode,
} from '../diagnostics/codes.ts';
import { compileLess, isLessFailure } from './less.ts';
import { rewriteSelector, type SheetMode } from './selectors.ts';
import { convertRpx, convertViewportUnits, hasRpx, hasViewportUnits, isAbsoluteOrRemoteUrl, mediaAsScreenContainer, rewriteUrls, urlsIn } from './values.ts';

export interface StyleHost {
  /** Project file text, undefined when missing. */
  readFile(path: string): string | undefined;
  /** Resolve an @import request written in `fromFile` to a project path (relative, /absolute, npm, alias). */
  resolve(fromFile: string, request: string): string | undefined;
  /** resolveAlias for url(): the absolute project URL (`/a/b.png`) an aliased path maps to, if any. */
  aliasUrl?(fromFile: string, url: string): string | undefined;
  /** mini.project.json compileOptions.less: compile `.less` sheets and @imports (else they are dropped with a warning). */
  less?: boolean;
  /** Resolve a Less @import (also tries `.less`); defaults to `resolve`. */
  resolveLess?(fromFile: string, request: string): string | undefined;
  /**
   * Why an @import that resolved to nothing was refused by the containment rule (it leads outside
   * the project, or names a special or oversized file); undefined when the file is simply missing.
   */
  refused?(fromFile: string, request: string, less: boolean): { code: DiagnosticCode; message: string } | undefined;
}

export interface SheetOptions {
  mode: SheetMode;
  /** For component sheets: whether the component renders a virtual host (`:host` then matches nothing). */
  virtualHost?: boolean;
  /**
   * Dev builds (`mpk dev`): every style rule gets a `--mpk-source: "file:line"` declaration naming
   * where it is written (the imported or .less file when it comes from one), for the simulator's
   * element inspector. A custom property changes no layout; production builds never have it.
   */
  sourceInfo?: boolean;
}

/** The custom property a dev build's style rules carry their source location in. */
export const SOURCE_PROPERTY = '--mpk-source';

export interface CompiledSheet {
  file: string;
  css: string;
  /** Other files this sheet read (@import targets), for incremental rebuilds. */
  deps: string[];
  diagnostics: Diagnostic[];
}

interface SourceInfo {
  file: string;
  source: string;
  /** Parsed from Less output: positions map back to the .less files through the input's source map. */
  fromLess?: boolean;
}

/** File and 1-based position a node was written at (in the .less source, for compiled Less). */
function locate(node: ChildNode | Root, sources: Map<Input, SourceInfo>, readFile: (p: string) => string | undefined): { info?: SourceInfo; line: number; column: number } {
  const input = node.source?.input;
  const start = node.source?.start;
  const info = input ? sources.get(input) : undefined;
  if (input && start && info?.fromLess) {
    const origin = input.origin(start.line, start.column);
    if (origin && origin.file) {
      const file = origin.file.replace(/^\/+/, '');
      return { info: { file, source: readFile(file) ?? '' }, line: origin.line, column: origin.column };
    }
  }
  return { info, line: start?.line ?? 0, column: start?.column ?? 0 };
}

function isInNodeModules(file: string): boolean {
  return file.startsWith('node_modules/') || file.includes('/node_modules/');
}

/** `'./a.acss'`, `"a.acss"`, `url(./a.acss)`, `url('a.acss') screen` → request and media. */
function parseImportParams(params: string): { request: string; media: string } | undefined {
  const match = /^\s*(?:url\(\s*(?:'([^']*)'|"([^"]*)"|([^)'"\s]*))\s*\)|'([^']*)'|"([^"]*)")\s*(.*)$/s.exec(params);
  if (!match) return undefined;
  const request = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? '';
  return { request: request.trim(), media: (match[6] ?? '').trim().replace(/;$/, '') };
}

export function compileSheet(file: string, host: StyleHost, options: SheetOptions): CompiledSheet {
  const diagnostics: Diagnostic[] = [];
  const deps = new Set<string>();
  const sources = new Map<Input, SourceInfo>();
  const result: CompiledSheet = { file, css: '', deps: [], diagnostics };

  const report = (code: DiagnosticCode, info: SourceInfo, line: number, column: number, message: string, end?: { endLine?: number; endColumn?: number }): void => {
    const span = end?.endLine !== undefined && end.endColumn !== undefined ? { endLine: end.endLine, endColumn: end.endColumn } : {};
    diagnostics.push(createDiagnostic(code, { file: info.file, source: info.source, line, column, ...span }, message));
  };
  const reportAt = (code: DiagnosticCode, node: ChildNode | Root, message: string): void => {
    const { info, line, column } = locate(node, sources, host.readFile);
    report(code, info ?? { file, source: '' }, line, column, message);
  };

  const parse = (path: string, source: string, lessMap?: string): Root | undefined => {
    try {
      // Less's map has sources relative to the sheet's directory: an absolute `from` makes origin() give `/project/path`.
      const root = lessMap
        ? postcss.parse(source, { from: `/${path}`, map: { prev: lessMap, inline: false, annotation: false } })
        : postcss.parse(source, { from: path });
      if (root.source?.input) sources.set(root.source.input, { file: path, source, ...(lessMap ? { fromLess: true } : {}) });
      return root;
    } catch (error) {
      if (error instanceof CssSyntaxError) {
        report(CSS_SYNTAX_ERROR, { file: path, source }, error.line ?? 0, error.column ?? 0, `CSS syntax error: ${error.reason}`, error);
        return undefined;
      }
      throw error;
    }
  };

  /** A .less file compiled and parsed (undefined after reporting why it could not be). */
  const parseLess = (path: string, source: string): Root | undefined => {
    const compiled = compileLess(path, source, {
      readFile: host.readFile,
      resolve: host.resolveLess ?? host.resolve,
      ...(host.refused ? { refused: (from: string, request: string) => host.refused!(from, request, true) } : {}),
    });
    if (isLessFailure(compiled)) {
      report(compiled.code ?? LESS_ERROR, { file: compiled.file, source: host.readFile(compiled.file) ?? '' }, compiled.line, compiled.column, compiled.code ? compiled.message : `Less: ${compiled.message}`);
      return undefined;
    }
    for (const dep of compiled.imports) deps.add(dep);
    for (const refusal of compiled.refusals ?? []) report(refusal.code, { file: path, source }, 0, 0, refusal.message.replace(/ in \S*__importer__\.less /, ' '));
    return parse(path, compiled.css, compiled.map);
  };
  const isLess = (path: string) => /\.less$/i.test(path);

  const source = host.readFile(file);
  if (source === undefined) return result;
  const root = isLess(file) ? parseLess(file, source) : parse(file, source);
  if (!root) {
    result.deps = [...deps].filter((d) => d !== file);
    return result;
  }

  const inlined = new Set<string>([file]);
  const inlineImports = (sheet: Root, sheetFile: string, stack: string[]): void => {
    sheet.each((node) => {
      if (node.type !== 'atrule' || node.name.toLowerCase() !== 'import') return;
      const at = node as AtRule;
      const parsed = parseImportParams(at.params);
      if (!parsed || !parsed.request) {
        reportAt(STYLE_IMPORT_INVALID, at, `@import ${at.params}: expected a quoted path or url(...)`);
        at.remove();
        return;
      }
      const { request, media } = parsed;
      if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(request)) {
        reportAt(REMOTE_STYLE_IMPORT, at, `@import of the remote sheet ${request} is not supported (dropped)`);
        at.remove();
        return;
      }
      const lessImport = isLess(request);
      if (lessImport && !host.less) {
        reportAt(LESS_IMPORT, at, `@import '${request}': compileOptions.less is off in mini.project.json, so .less files are not compiled (dropped)`);
        at.remove();
        return;
      }
      const target = lessImport ? (host.resolveLess ?? host.resolve)(sheetFile, request) : host.resolve(sheetFile, request);
      if (!target) {
        const refusal = host.refused?.(sheetFile, request, lessImport);
        if (refusal) reportAt(refusal.code, at, `@import ${refusal.message}`);
        else reportAt(STYLE_IMPORT_NOT_FOUND, at, `@import '${request}': file not found`);
        at.remove();
        return;
      }
      deps.add(target);
      if (stack.includes(target)) {
        reportAt(STYLE_IMPORT_CYCLE, at, `@import cycle: ${[...stack, target].join(' → ')}`);
        at.remove();
        return;
      }
      if (inlined.has(target)) {
        at.remove(); // inlined once: a second import of the same sheet adds nothing
        return;
      }
      inlined.add(target);
      const targetSource = host.readFile(target) ?? '';
      const imported = isLess(target) && host.less ? parseLess(target, targetSource) : parse(target, targetSource);
      if (!imported) {
        at.remove();
        return;
      }
      inlineImports(imported, target, [...stack, target]);
      if (media) {
        const wrapper = postcss.atRule({ name: 'media', params: media });
        wrapper.append(imported.nodes);
        at.replaceWith(wrapper);
      } else {
        at.replaceWith(imported.nodes);
      }
    });
  };

  try {
    inlineImports(root, file, [file]);
    transform(root, options, { reportAt, host, sources, fileOf: (node) => locate(node, sources, host.readFile).info?.file ?? '' });
    root.walkComments((comment) => {
      comment.remove();
    });
    if (options.sourceInfo) markSources(root, sources, host.readFile);
    result.css = root.toString().trim();
  } catch (error) {
    reportAt(CSS_SYNTAX_ERROR, root, `could not compile this sheet: ${(error as Error).message}`);
    result.css = '';
  }
  result.deps = [...deps].filter((d) => d !== file);
  return result;
}

interface TransformContext {
  reportAt(code: DiagnosticCode, node: ChildNode, message: string): void;
  host: StyleHost;
  sources: Map<Input, SourceInfo>;
  /** The project file a node was written in (the .less file for compiled Less). */
  fileOf(node: ChildNode): string;
}

/** `--mpk-source: "file:line"` first in every style rule (not keyframe steps, which take no custom properties). */
function markSources(root: Root, sources: Map<Input, SourceInfo>, readFile: (p: string) => string | undefined): void {
  root.walkRules((rule) => {
    if (insideKeyframes(rule)) return;
    const { info, line } = locate(rule, sources, readFile);
    if (!info) return;
    rule.prepend(postcss.decl({ prop: SOURCE_PROPERTY, value: JSON.stringify(`${info.file}:${line}`) }));
  });
}

function insideKeyframes(node: ChildNode): boolean {
  for (let parent: Node | undefined = node.parent; parent && parent.type === 'atrule'; parent = parent.parent) {
    if (/keyframes$/i.test((parent as AtRule).name)) return true;
  }
  return false;
}

function transform(root: Root, options: SheetOptions, ctx: TransformContext): void {
  const { mode } = options;
  let hostWarned = false;
  root.walk((node) => {
    const file = ctx.fileOf(node);
    // Library sheets under node_modules implement system components (.am-…): no style advice for them.
    const advise = !isInNodeModules(file);
    if (node.type === 'rule') {
      if (insideKeyframes(node)) return;
      let rewritten;
      try {
        rewritten = rewriteSelector(node.selector, mode);
      } catch (error) {
        ctx.reportAt(CSS_SYNTAX_ERROR, node, `invalid selector "${node.selector}": ${(error as Error).message}`);
        return;
      }
      node.selector = rewritten.selector;
      const { findings } = rewritten;
      if (advise) {
        for (const attribute of new Set(findings.attributes)) {
          ctx.reportAt(ATTRIBUTE_SELECTOR, node, `attribute selector ${attribute} is not supported by the platform`);
        }
        for (const name of new Set(findings.reservedClasses)) {
          ctx.reportAt(RESERVED_CLASS_PREFIX, node, `class .${name}: names starting with "a-" or "am-" are reserved for system components`);
        }
      }
      if (findings.host && mode.kind === 'component' && options.virtualHost !== false && !hostWarned) {
        hostWarned = true;
        ctx.reportAt(HOST_ON_VIRTUAL_COMPONENT, node, ':host only applies when the component sets "virtualHost": false in its .json');
      }
    } else if (node.type === 'decl') {
      if (hasRpx(node.value)) node.value = convertRpx(node.value);
      if (hasViewportUnits(node.value)) node.value = convertViewportUnits(node.value);
      const urls = urlsIn(node.value);
      if (urls.length === 0) return;
      if (ctx.host.aliasUrl) {
        node.value = rewriteUrls(node.value, (url) => ctx.host.aliasUrl!(file, url));
      }
      if (!advise) return;
      for (const url of urlsIn(node.value)) {
        if (!isAbsoluteOrRemoteUrl(url)) {
          ctx.reportAt(RELATIVE_URL, node, `url(${url}): local resources must use an absolute path such as url('/images/a.png')`);
        }
      }
    } else if (node.type === 'atrule' && node.name.toLowerCase() !== 'import' && hasRpx(node.params) && /\d(\.\d+)?rpx/i.test(node.params)) {
      ctx.reportAt(RPX_IN_MEDIA_QUERY, node, `@${node.name} ${node.params}: rpx cannot be used in an at-rule condition`);
    } else if (node.type === 'atrule' && node.name.toLowerCase() === 'media') {
      // The viewport of a mini-program is its screen: size queries ask the renderer's screen container.
      const container = mediaAsScreenContainer(node.params);
      if (container) {
        node.name = 'container';
        node.params = container;
      }
    }
  });
}
