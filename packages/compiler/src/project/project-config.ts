/**
 * mini.project.json: format 2 (compileOptions, developOptions, assetsInclude, uploadExclude) and
 * the older format (include/exclude/enableDistFileMinify…), normalised to one ProjectConfig.
 */

import path from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { DEPRECATED_KEY, INVALID_GLOB, INVALID_VALUE, PATH_OUTSIDE_PROJECT, RESOLVE_ALIAS_INVALID, UNSUPPORTED_KEY } from '../diagnostics/codes.ts';
import { JsonDoc, type JsonNode } from './json.ts';

export interface AliasRule {
  /** Key without the trailing `*`, e.g. `a/`. */
  prefix: string;
  /** Target without the trailing `*`, relative to the directory of mini.project.json, e.g. `./a/`. */
  target: string;
}

export interface ProjectConfig {
  /** 2 for the current format, 1 for the older one (no `format` key). */
  format: number;
  /** Relative directory of app.json, as written ('' = the project directory). */
  miniprogramRoot: string;
  typescript: boolean;
  less: boolean;
  /** Most specific prefix first. */
  resolveAlias: AliasRule[];
  assetsInclude: string[];
  uploadExclude: string[];
  /** developOptions.minify when set. */
  minify?: boolean;
  /** developOptions.sourcemap, default true. */
  sourcemap: boolean;
  /** compileOptions.component2 (informational; the runtime implements component2 semantics). */
  component2: boolean;
  /**
   * The cloud functions' folder (`cloudfunctionRoot`, or `cloudbaseRoot` as 支付宝云开发 projects write it), relative
   * to mini.project.json: not part of the mini-program (never listed, bundled or reported unused); mpk's cloud
   * emulator runs it.
   */
  cloudRoot?: string;
}

export const DEFAULT_PROJECT_CONFIG: ProjectConfig = {
  format: 2,
  miniprogramRoot: '',
  typescript: false,
  less: false,
  resolveAlias: [],
  assetsInclude: [],
  uploadExclude: [],
  sourcemap: true,
  component2: false,
};

const FORMAT2_KEYS = new Set([
  'format', 'compileType', 'miniprogramRoot', 'pluginRoot', 'compileOptions', 'uploadExclude', 'assetsInclude',
  'developOptions', 'pluginResolution', 'scripts', 'cloudfunctionRoot', 'cloudbaseRoot',
]);
const LEGACY_KEYS = new Set([
  'miniprogramRoot', 'pluginRoot', 'compileType', 'component2', 'nonLoadingIndicator', 'enableParallelLoader',
  'enableDistFileMinify', 'scripts', 'include', 'exclude', 'enableNodeModuleBabelTransform', 'enableAppxNg',
  'debugOptions', 'node_modules_es6_whitelist', 'enableHMR', 'cloudfunctionRoot', 'cloudbaseRoot',
]);
const COMPILE_OPTION_KEYS = new Set([
  'component2', 'typescript', 'less', 'treeShaking', 'resolveAlias', 'globalObjectMode', 'transpile',
]);
const DEVELOP_OPTION_KEYS = new Set([
  'hotReload', 'parallel', 'sourcemap', 'minify', 'skipTranspile', 'lazyCompile', 'disableParallel', 'disableSourcemap',
]);
/**
 * Keys mpk reads but does not act on, and what mpk does instead (a warning, MPK1024, where one is
 * written). Partly supported keys (component2, treeShaking, globalObjectMode) warn only for the
 * values mpk does not follow; see readCompileOptions.
 */
const IGNORED_KEYS: Record<string, string> = {
  pluginRoot: 'mpk builds mini-programs, not plugins',
  pluginResolution: 'mpk does not load plugins',
  scripts: 'mpk runs no pre-build scripts (watch, beforeCompile, beforePreview, beforeUpload): run them yourself before mpk build or mpk dev',
  nonLoadingIndicator: 'mpk has no launch loading animation to hide',
  enableParallelLoader: 'mpk builds in one process',
  enableNodeModuleBabelTransform: 'node_modules code is bundled as it is, for ES2020, never transpiled to ES5',
  enableAppxNg: 'mpk has a single compiler',
  debugOptions: 'mpk does not load plugins',
  node_modules_es6_whitelist: 'node_modules code is bundled as it is, for ES2020, never transpiled to ES5',
  enableHMR: 'mpk dev reloads the simulator on every change whatever it says',
};
const IGNORED_DEVELOP_OPTIONS: Record<string, string> = {
  hotReload: 'mpk dev reloads the simulator on every change whatever it says',
  parallel: 'mpk builds in one process',
  skipTranspile: 'mpk never transpiles to ES5, so there is nothing to skip',
  lazyCompile: 'every page is compiled on every build',
};

/** Format-1 keys people leave in a format-2 file, and their format-2 names. */
const MIGRATED: Record<string, string> = {
  include: 'assetsInclude',
  exclude: 'uploadExclude',
  component2: 'compileOptions.component2',
  enableHMR: 'developOptions.hotReload',
  enableParallelLoader: 'developOptions.parallel',
  enableDistFileMinify: 'developOptions.minify',
  debugOptions: 'pluginResolution',
};

export function parseProjectConfig(file: string, source: string, diagnostics: Diagnostic[]): ProjectConfig {
  const doc = new JsonDoc(file, source, diagnostics);
  const config: ProjectConfig = { ...DEFAULT_PROJECT_CONFIG, format: 1, resolveAlias: [], assetsInclude: [], uploadExclude: [] };
  const root = doc.root;
  if (!root) return { ...config, format: 2 };

  const formatProp = doc.get(root, 'format');
  if (formatProp) {
    const format = doc.number(formatProp.value, 'format');
    if (format !== undefined && format !== 2) {
      doc.report(INVALID_VALUE, formatProp.value, `format must be 2 (the current mini.project.json format), got ${format}`);
    }
    config.format = 2;
  }
  const legacy = config.format === 1;

  for (const prop of doc.properties(root)) {
    const { key, value } = prop;
    if (!legacy && !FORMAT2_KEYS.has(key)) {
      if (MIGRATED[key]) {
        doc.report(DEPRECATED_KEY, prop.keyNode, `"${key}" belongs to the older mini.project.json format: use "${MIGRATED[key]}"`);
      } else {
        doc.unknownKey(prop, 'mini.project.json');
        continue;
      }
    }
    if (legacy && !LEGACY_KEYS.has(key) && !FORMAT2_KEYS.has(key)) {
      doc.unknownKey(prop, 'mini.project.json');
      continue;
    }
    switch (key) {
      case 'miniprogramRoot': {
        const dir = doc.string(value, 'miniprogramRoot');
        // `./src/` → `src`, `.` → '' (a leading `..` is kept as written: it is refused as leading outside).
        if (dir !== undefined) config.miniprogramRoot = dir === '.' || dir === './' ? '' : dir.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
        break;
      }
      case 'cloudfunctionRoot':
      case 'cloudbaseRoot': {
        const dir = doc.string(value, key);
        if (dir) config.cloudRoot ??= dir.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
        break;
      }
      case 'compileType':
        if (doc.oneOf(value, 'compileType', ['mini', 'plugin']) === 'plugin') {
          doc.report(UNSUPPORTED_KEY, value, 'mpk does not support compileType "plugin" (it builds mini-programs only: the preview host app at miniprogramRoot is built as one); it is ignored');
        }
        break;
      case 'compileOptions':
        readCompileOptions(doc, value, config);
        break;
      case 'developOptions':
        readDevelopOptions(doc, value, config);
        break;
      case 'assetsInclude':
      case 'include':
        config.assetsInclude.push(...readGlobs(doc, value, key));
        break;
      case 'uploadExclude':
      case 'exclude':
        config.uploadExclude.push(...readGlobs(doc, value, key));
        break;
      case 'component2': {
        const v = doc.boolean(value, 'component2');
        if (v !== undefined) config.component2 = v;
        if (v === false) reportComponent2(doc, prop.keyNode, 'component2');
        break;
      }
      case 'enableDistFileMinify': {
        const v = doc.boolean(value, 'enableDistFileMinify');
        if (v !== undefined) config.minify = v;
        break;
      }
      case 'pluginRoot':
        if (doc.string(value, key) !== undefined) reportIgnored(doc, prop.keyNode, key, IGNORED_KEYS[key]!);
        break;
      default:
        if (IGNORED_KEYS[key]) reportIgnored(doc, prop.keyNode, key, IGNORED_KEYS[key]);
        break;
    }
  }
  return config;
}

function reportIgnored(doc: JsonDoc, keyNode: JsonNode, what: string, why: string): void {
  doc.report(UNSUPPORTED_KEY, keyNode, `mpk does not support ${what} (${why}); it is ignored`);
}

function reportComponent2(doc: JsonDoc, keyNode: JsonNode, what: string): void {
  reportIgnored(doc, keyNode, `${what}: false`, 'components always run with the component2 lifecycle');
}

function readCompileOptions(doc: JsonDoc, node: JsonNode, config: ProjectConfig): void {
  const options = doc.object(node, 'compileOptions');
  if (!options) return;
  doc.unknownKeys(options, COMPILE_OPTION_KEYS, 'compileOptions');
  for (const { key, keyNode, value } of doc.properties(options)) {
    switch (key) {
      case 'typescript':
      case 'component2':
      case 'treeShaking': {
        const v = doc.boolean(value, `compileOptions.${key}`);
        if (v !== undefined && key === 'typescript') config.typescript = v;
        if (v !== undefined && key === 'component2') config.component2 = v;
        if (v === false && key === 'component2') reportComponent2(doc, keyNode, 'compileOptions.component2');
        // esbuild drops unused ES module code in every bundle.
        if (v === false && key === 'treeShaking') reportIgnored(doc, keyNode, 'compileOptions.treeShaking: false', 'the bundler always leaves out ES module code nothing uses');
        break;
      }
      case 'less': {
        const v = doc.boolean(value, 'compileOptions.less');
        if (v !== undefined) config.less = v;
        break;
      }
      case 'globalObjectMode': {
        // The guest always sees its real global object as `global` and `globalThis` (guest/lockdown.ts).
        const mode = doc.oneOf(value, 'compileOptions.globalObjectMode', ['legacy', 'enable', 'fake']);
        if (mode && mode !== 'enable') reportIgnored(doc, keyNode, `compileOptions.globalObjectMode "${mode}"`, 'global and globalThis are always the real global object, as with "enable"');
        break;
      }
      case 'transpile':
        if (doc.object(value, 'compileOptions.transpile')) {
          reportIgnored(doc, keyNode, 'compileOptions.transpile', 'every logic file is compiled for ES2020: none goes down to ES5 and none is skipped');
        }
        break;
      case 'resolveAlias':
        config.resolveAlias = readResolveAlias(doc, value);
        break;
      default:
        break;
    }
  }
}

function readDevelopOptions(doc: JsonDoc, node: JsonNode, config: ProjectConfig): void {
  const options = doc.object(node, 'developOptions');
  if (!options) return;
  doc.unknownKeys(options, DEVELOP_OPTION_KEYS, 'developOptions');
  for (const { key, keyNode, value } of doc.properties(options)) {
    if (!DEVELOP_OPTION_KEYS.has(key)) continue;
    const v = doc.boolean(value, `developOptions.${key}`);
    if (v === undefined) continue;
    if (IGNORED_DEVELOP_OPTIONS[key]) reportIgnored(doc, keyNode, `developOptions.${key}`, IGNORED_DEVELOP_OPTIONS[key]);
    if (key === 'minify') config.minify = v;
    if (key === 'sourcemap') config.sourcemap = v;
    if (key === 'disableSourcemap') {
      doc.report(DEPRECATED_KEY, keyNode, 'developOptions.disableSourcemap is deprecated: use "sourcemap"');
      config.sourcemap = !v;
    }
    if (key === 'disableParallel') doc.report(DEPRECATED_KEY, keyNode, 'developOptions.disableParallel is deprecated: use "parallel"');
    if (key === 'disableParallel') reportIgnored(doc, keyNode, 'developOptions.disableParallel', 'mpk builds in one process');
  }
}

function readGlobs(doc: JsonDoc, node: JsonNode, what: string): string[] {
  const items = doc.stringArray(node, what);
  if (!items) return [];
  const out: string[] = [];
  for (const { value, node: itemNode } of items) {
    try {
      picomatch(value.replace(/^!/, ''));
      if (value.trim() === '') throw new Error('empty pattern');
      out.push(value);
    } catch (error) {
      doc.report(INVALID_GLOB, itemNode, `${what}: ${JSON.stringify(value)} is not a valid glob (${(error as Error).message}); the pattern is ignored`);
    }
  }
  return out;
}

function readResolveAlias(doc: JsonDoc, node: JsonNode): AliasRule[] {
  const object = doc.object(node, 'compileOptions.resolveAlias');
  if (!object) return [];
  const rules: AliasRule[] = [];
  for (const { key, keyNode, value } of doc.properties(object)) {
    const target = doc.string(value, `resolveAlias["${key}"]`);
    if (target === undefined) continue;
    if (!key.endsWith('/*') || key.startsWith('/')) {
      doc.report(RESOLVE_ALIAS_INVALID, keyNode, `resolveAlias key ${JSON.stringify(key)} must end with "/*" and must not start with "/"`);
      continue;
    }
    if (!target.endsWith('/*') || target.startsWith('/')) {
      doc.report(RESOLVE_ALIAS_INVALID, value, `resolveAlias target ${JSON.stringify(target)} must end with "/*" and must not start with "/"`);
      continue;
    }
    const normalised = path.posix.normalize(target.slice(0, -1));
    if (normalised === '..' || normalised.startsWith('../')) {
      doc.report(RESOLVE_ALIAS_INVALID, value, `resolveAlias target ${JSON.stringify(target)} leaves the project directory`);
      doc.report(PATH_OUTSIDE_PROJECT, value, `resolveAlias ${JSON.stringify(key)} is refused: its target ${JSON.stringify(target)} leads outside the project (nothing there is read)`);
      continue;
    }
    rules.push({ prefix: key.slice(0, -1), target: target.slice(0, -1) });
  }
  // "The most specific key wins": try longer prefixes first.
  return rules.sort((a, b) => b.prefix.length - a.prefix.length);
}
