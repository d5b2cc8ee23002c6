/**
 * Stable diagnostic codes of the project loader, style compiler, logic bundler and package writer.
 * Ranges: MPK1000–1999 project/config, MPK4000–4999 style, MPK5000–5999 logic, MPK6000–6999
 * package/limits. (Templates and SJS own MPK2000–3999, listed in `template/codes.ts` and `sjs/codes.ts`.)
 *
 * A code never changes meaning once released: tools match on it. Add new codes, never renumber.
 * Retired (no longer reported, never reused): MPK1070 (compileOptions.less "not supported": Less
 * is compiled now).
 *
 * The rule for severities: an error only where the real platform refuses to build or run the
 * project; anything it ignores or coerces is a warning (and mpk ignores or coerces it the same way).
 */

import type { Severity } from './diagnostic.ts';

export interface DiagnosticCode {
  code: string;
  /** The severity this code is reported with. */
  severity: Severity;
  /** One line, shown in the README table. */
  description: string;
}

function define(code: string, severity: Severity, description: string): DiagnosticCode {
  return { code, severity, description };
}

// ── Project and configuration (MPK1000–1999) ────────────────────────────────────────────────────
export const INVALID_JSON = define('MPK1001', 'error', 'A .json file is not valid JSON (the position of the syntax error is given).');
export const JSON_TRAILING_COMMA = define('MPK1002', 'warning', 'A trailing comma in a .json file (accepted here, rejected by strict JSON parsers).');
export const JSON_NOT_OBJECT = define('MPK1003', 'error', 'A configuration file must hold a JSON object.');
export const PROJECT_NOT_FOUND = define('MPK1010', 'error', 'The project directory does not exist or is not a directory.');
export const APP_JSON_MISSING = define('MPK1011', 'error', 'app.json is missing from the mini-program root.');
export const APP_JS_MISSING = define('MPK1012', 'error', 'app.js (or app.ts) is missing from the mini-program root.');
export const MINIPROGRAM_ROOT_INVALID = define('MPK1013', 'error', 'mini.project.json miniprogramRoot does not name a directory inside the project.');
export const UNKNOWN_KEY = define('MPK1020', 'warning', 'A configuration key the platform does not define (ignored; often a typo).');
export const INVALID_TYPE = define('MPK1021', 'warning', 'A configuration value has the wrong JSON type; it is ignored (the forms the platform accepts, such as true/false for "YES"/"NO", are read without a diagnostic).');
export const INVALID_VALUE = define('MPK1022', 'warning', 'A configuration value is not one of the allowed values or is malformed; it is ignored.');
export const DEPRECATED_KEY = define('MPK1023', 'warning', 'A deprecated or misspelled configuration key (the replacement is named).');
export const UNSUPPORTED_KEY = define('MPK1024', 'warning', 'A configuration key or value the platform defines that mpk does not act on (plugins, workers, preloadRule, window keys mpk does not draw, mini.project.json scripts, sitemap.json…): it is ignored; the message says what mpk does instead, or which part of a partly supported key is ignored.');
export const NO_PAGES = define('MPK1030', 'error', 'app.json `pages` is missing or empty.');
export const PAGE_NOT_FOUND = define('MPK1031', 'error', 'A page listed in app.json has none of its files.');
export const PAGE_FILE_MISSING = define('MPK1032', 'error', 'A page lacks its .js/.ts logic or its .axml template.');
export const DUPLICATE_PAGE = define('MPK1033', 'warning', 'A page is listed more than once.');
export const INVALID_PAGE_PATH = define('MPK1034', 'error', 'A page path is malformed (extension, query, leading slash, `..`, backslash).');
export const ENTRY_PAGE_NOT_A_PAGE = define('MPK1035', 'error', 'app.json entryPagePath is not one of the pages.');
export const ENTRY_PAGE_IN_SUBPACKAGE = define('MPK1036', 'error', 'The launch page must be in the main package.');
export const TABBAR_ITEM_COUNT = define('MPK1040', 'warning', 'tabBar.items has fewer than 2 or more than 5 items (rendered as written; with none the tab bar is dropped).');
export const TABBAR_PAGE_NOT_MAIN = define('MPK1041', 'error', 'A tabBar pagePath is not a page of the main package.');
export const TABBAR_FIRST_NOT_HOME = define('MPK1042', 'warning', 'The first tabBar item is not the home page.');
export const TABBAR_DUPLICATE_PAGE = define('MPK1043', 'warning', 'Two tabBar items use the same page.');
export const SUBPACKAGE_ROOT_NESTED = define('MPK1050', 'error', 'A subpackage root lies inside another subpackage root (or repeats it).');
export const MAIN_PAGE_UNDER_SUBPACKAGE = define('MPK1051', 'error', 'A main-package page lies under a subpackage root.');
export const SUBPACKAGE_INVALID = define('MPK1052', 'error', 'A subpackage entry lacks a valid `root` or `pages`.');
export const PRELOAD_RULE_INVALID = define('MPK1053', 'warning', 'A preloadRule names an unknown page or subpackage (that part of the rule is ignored).');
export const CROSS_PACKAGE_COMPONENT = define('MPK1054', 'error', 'A component inside one subpackage is used from the main package or another subpackage.');
export const COMPONENT_NOT_FOUND = define('MPK1060', 'error', 'A usingComponents path does not resolve to a component.');
export const COMPONENT_FILE_MISSING = define('MPK1061', 'error', 'A component lacks its .js/.ts, .axml or .json file.');
export const COMPONENT_NOT_DECLARED = define('MPK1062', 'warning', 'A component .json does not declare `"component": true`.');
export const COMPONENT_CYCLE = define('MPK1063', 'warning', 'Components use each other in a cycle (a uses b uses a); the recursion must end through a:if.');
export const COMPONENT_SELF_REFERENCE = define('MPK1064', 'warning', 'A component uses itself (recursion must end through a:if).');
export const PLUGIN_COMPONENT_UNSUPPORTED = define('MPK1065', 'warning', 'plugin:// and dynamic-plugin:// components are not available in mpk: the tag renders as a placeholder element with its children.');
export const INVALID_COMPONENT_TAG = define('MPK1066', 'warning', 'A usingComponents tag name is not a valid element name (the entry is ignored).');
export const GENERIC_WITHOUT_DEFAULT = define('MPK1067', 'warning', 'An abstract node (componentGenerics) has no usable default component: it renders only where the owner picks one with generic:<name>.');
export const PLACEHOLDER_INVALID = define('MPK1068', 'warning', 'A componentPlaceholder entry names a tag that is not in usingComponents, or a placeholder that is not one of its components (the entry is ignored).');
export const PLUGIN_PLACEHOLDER = define('MPK1069', 'warning', 'A plugin:// component mpk cannot load renders its componentPlaceholder instead, permanently.');
export const INVALID_GLOB = define('MPK1080', 'warning', 'An assetsInclude/uploadExclude pattern is not a valid glob (the pattern is ignored).');
export const RESOLVE_ALIAS_INVALID = define('MPK1081', 'error', 'A resolveAlias rule breaks the documented rules (keys and values end with /*, no leading /).');
export const PATH_OUTSIDE_PROJECT = define('MPK1090', 'error', 'A read outside the project was refused: an import/require, <import>/<include>/<import-sjs>, SJS import, @import (ACSS or Less), usingComponents, resolveAlias, miniprogramRoot, tsconfig extends or a symbolic link leads outside the project (the file is not read; see "Containment").');
export const SPECIAL_FILE = define('MPK1091', 'error', 'A file of the project is not a regular file (a FIFO, socket or device): it is never opened.');
export const FILE_TOO_LARGE = define('MPK1092', 'error', 'A file of the project is over the 16 MB limit for one file: it is refused (by its size on disk) before it is read.');
export const UNUSED_SOURCE_FILES = define('MPK1093', 'warning', 'Source files (.axml, .sjs, .acss, .less, .js, .ts, .json) that no page, component or import reaches: mpk leaves them out of the package (one warning per file type, listing the files).');
export const UNUSED_FILE_SYNTAX_ERROR = define('MPK1094', 'warning', 'A .sjs, .axml, .acss, .js or .ts file that nothing uses does not compile (the platform\'s IDE compiles every source file it uploads): the error is located in the file; mpk leaves the file out.');
export const FILE_NOT_PACKAGED = define('MPK1095', 'warning', 'Files that are neither source files nor of a default asset type, and not matched by assetsInclude, are left out of the package, as on the platform (one warning per extension, listing the files).');

// ── Styles (MPK4000–4999) ───────────────────────────────────────────────────────────────────────
export const CSS_SYNTAX_ERROR = define('MPK4001', 'error', 'An .acss file has a CSS syntax error.');
export const STYLE_IMPORT_NOT_FOUND = define('MPK4002', 'warning', '@import names a file that does not exist (the import is dropped, the rest of the sheet applies).');
export const STYLE_IMPORT_CYCLE = define('MPK4003', 'warning', '@import files import each other in a cycle (each sheet is inlined once).');
export const ATTRIBUTE_SELECTOR = define('MPK4004', 'warning', 'Attribute selectors are not supported by the platform.');
export const RESERVED_CLASS_PREFIX = define('MPK4005', 'warning', 'Class names starting with .a- or .am- are reserved for system components.');
export const RELATIVE_URL = define('MPK4006', 'warning', 'Local resources in ACSS must use absolute paths (url(\'/images/a.png\')).');
export const LESS_IMPORT = define('MPK4007', 'warning', '@import of a .less file while compileOptions.less is off (dropped: Less is not compiled).');
export const LESS_FILE_IGNORED = define('MPK4008', 'warning', 'A .less style sheet of the app, a page or a component is ignored because compileOptions.less is off.');
export const HOST_ON_VIRTUAL_COMPONENT = define('MPK4009', 'warning', ':host only applies to components with "virtualHost": false.');
export const RPX_IN_MEDIA_QUERY = define('MPK4010', 'warning', 'rpx in an at-rule condition cannot be converted (left as written).');
export const REMOTE_STYLE_IMPORT = define('MPK4011', 'warning', '@import of a remote URL is not supported (dropped).');
export const STYLE_IMPORT_INVALID = define('MPK4012', 'warning', '@import without a usable path (dropped).');
export const LESS_ERROR = define('MPK4013', 'error', 'A .less sheet does not compile (syntax error, undefined variable or mixin, unreadable import).');
export const LESS_SHADOWS_ACSS = define('MPK4014', 'warning', 'Both x.less and x.acss exist while compileOptions.less is on: x.less is used, x.acss is ignored.');

// ── Logic (MPK5000–5999) ────────────────────────────────────────────────────────────────────────
export const LOGIC_BUNDLE_ERROR = define('MPK5001', 'error', 'esbuild could not compile a logic file (syntax or other error).');
export const LOGIC_UNRESOLVED_IMPORT = define('MPK5002', 'warning', 'A logic import or require does not resolve; it throws "Cannot find module" when the importing module runs.');
export const LOGIC_BUNDLE_WARNING = define('MPK5003', 'warning', 'esbuild reported a warning about a logic file.');
export const LOGIC_NODE_BUILTIN = define('MPK5004', 'warning', 'A logic file imports a Node built-in module (path, fs, …): it resolves to an empty module.');
export const UNSUPPORTED_COMPONENT_API = define('MPK5010', 'warning', 'A page or component calls an instance method mpk does not support (createMediaQueryObserver, getTabBar, getSavedReloadState): it warns and does nothing.');
export const UNSUPPORTED_COMPONENT_OPTION = define('MPK5011', 'warning', 'A page or component sets an `options` switch of another platform (addGlobalClass, styleIsolation, pureDataPattern, dynamicSlots): it is ignored.');
export const TYPE_ERROR = define('MPK5100', 'error', 'TypeScript type error in a project file (the TS code, e.g. TS2322, starts the message); see "Type checking" (`typecheck: false` / `--no-typecheck` turn the check off).');
export const TSCONFIG_PROBLEM = define('MPK5101', 'warning', 'TypeScript reported a problem with tsconfig.json or the compiler options (unknown option, unreadable `extends`, missing `types` package); the check runs with the options TypeScript could read.');

// ── Package and limits (MPK6000–6999) ───────────────────────────────────────────────────────────
export const PART_TOO_LARGE = define('MPK6001', 'error', 'One package part (main or a subpackage) is over 2 MB compressed (a warning in mpk dev, mpk run and the test harness).');
export const TOTAL_TOO_LARGE = define('MPK6002', 'error', 'All package parts together are over 8 MB compressed (a warning in mpk dev, mpk run and the test harness).');
export const OUT_DIR_NOT_EMPTY = define('MPK6003', 'error', 'The output directory holds files that are not an mpk package (refused to overwrite).');
export const WRITE_FAILED = define('MPK6004', 'error', 'A package file could not be written.');
export const OUTPUT_COLLISION = define('MPK6005', 'error', 'Two package files would be written to the same path.');
export const INTERNAL_ERROR = define('MPK6999', 'error', 'Internal compiler error (a bug in mpk: please report it with the project).');

/** Every code of this module, in numeric order (the README table is checked against it). */
export const ALL_CODES: readonly DiagnosticCode[] = [
  INVALID_JSON, JSON_TRAILING_COMMA, JSON_NOT_OBJECT, PROJECT_NOT_FOUND, APP_JSON_MISSING, APP_JS_MISSING,
  MINIPROGRAM_ROOT_INVALID, UNKNOWN_KEY, INVALID_TYPE, INVALID_VALUE, DEPRECATED_KEY, UNSUPPORTED_KEY, NO_PAGES, PAGE_NOT_FOUND,
  PAGE_FILE_MISSING, DUPLICATE_PAGE, INVALID_PAGE_PATH, ENTRY_PAGE_NOT_A_PAGE, ENTRY_PAGE_IN_SUBPACKAGE,
  TABBAR_ITEM_COUNT, TABBAR_PAGE_NOT_MAIN, TABBAR_FIRST_NOT_HOME, TABBAR_DUPLICATE_PAGE, SUBPACKAGE_ROOT_NESTED,
  MAIN_PAGE_UNDER_SUBPACKAGE, SUBPACKAGE_INVALID, PRELOAD_RULE_INVALID, CROSS_PACKAGE_COMPONENT, COMPONENT_NOT_FOUND,
  COMPONENT_FILE_MISSING, COMPONENT_NOT_DECLARED, COMPONENT_CYCLE, COMPONENT_SELF_REFERENCE,
  PLUGIN_COMPONENT_UNSUPPORTED, INVALID_COMPONENT_TAG, GENERIC_WITHOUT_DEFAULT, PLACEHOLDER_INVALID, PLUGIN_PLACEHOLDER,
  INVALID_GLOB, RESOLVE_ALIAS_INVALID, PATH_OUTSIDE_PROJECT, SPECIAL_FILE, FILE_TOO_LARGE,
  UNUSED_SOURCE_FILES, UNUSED_FILE_SYNTAX_ERROR, FILE_NOT_PACKAGED,
  CSS_SYNTAX_ERROR, STYLE_IMPORT_NOT_FOUND, STYLE_IMPORT_CYCLE, ATTRIBUTE_SELECTOR, RESERVED_CLASS_PREFIX,
  RELATIVE_URL, LESS_IMPORT, LESS_FILE_IGNORED, HOST_ON_VIRTUAL_COMPONENT, RPX_IN_MEDIA_QUERY, REMOTE_STYLE_IMPORT,
  STYLE_IMPORT_INVALID, LESS_ERROR, LESS_SHADOWS_ACSS, LOGIC_BUNDLE_ERROR, LOGIC_UNRESOLVED_IMPORT, LOGIC_BUNDLE_WARNING,
  LOGIC_NODE_BUILTIN, UNSUPPORTED_COMPONENT_API, UNSUPPORTED_COMPONENT_OPTION, TYPE_ERROR, TSCONFIG_PROBLEM, PART_TOO_LARGE,
  TOTAL_TOO_LARGE, OUT_DIR_NOT_EMPTY, WRITE_FAILED, OUTPUT_COLLISION, INTERNAL_ERROR,
];
