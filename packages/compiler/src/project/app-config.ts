/**
 * app.json: every documented key validated (type and allowed values), page paths normalised to
 * page ids, and the nodes kept so that cross-file checks (missing pages, tabBar, subpackages)
 * can point at the exact value in app.json.
 */

import type {
  AppConfig,
  NetworkTimeoutConfig,
  TabBarConfig,
  TabBarItem,
} from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { DEPRECATED_KEY, INVALID_PAGE_PATH, INVALID_VALUE, SUBPACKAGE_INVALID, UNSUPPORTED_KEY } from '../diagnostics/codes.ts';
import { JsonDoc, type JsonNode } from './json.ts';
import { readFlag, readWindow, WECHAT_WINDOW_HINTS, WINDOW_KEYS } from './window.ts';

/** A page path as written in app.json, with where it was written. */
export interface PageRef {
  /** Page id (`pages/index/index`, or `<root>/<path>` in a subpackage). */
  id: string;
  node: JsonNode;
  /** '' for the main package, else the subpackage root. */
  root: string;
}

export interface SubPackageRef {
  root: string;
  rootNode: JsonNode;
  pages: PageRef[];
}

export interface ComponentRequest {
  tag: string;
  request: string;
  node: JsonNode;
  tagNode: JsonNode;
}

export interface AppJson {
  doc: JsonDoc;
  pages: PageRef[];
  /** Node of the `pages` array (or of the whole object when it is missing). */
  pagesNode: JsonNode;
  subPackages: SubPackageRef[];
  entryPagePath?: { id: string; node: JsonNode };
  /** `dropped`: no usable item, so the tab bar is not part of the app config (checks still point at it). */
  tabBar?: { config: TabBarConfig; node: JsonNode; itemsNode?: JsonNode; itemNodes: JsonNode[]; itemCount: number; dropped?: boolean };
  preloadRule: Array<{ page: string; node: JsonNode; packages: Array<{ root: string; node: JsonNode }> }>;
  usingComponents: ComponentRequest[];
  config: Omit<AppConfig, 'pages' | 'entryPagePath' | 'subPackages'>;
}

export const APP_KEYS: ReadonlySet<string> = new Set([
  'entryPagePath', 'pages', 'window', 'tabBar', 'subPackages', 'preloadRule', 'plugins', 'useDynamicPlugins',
  'usingComponents', 'lazyCodeLoading', 'permission', 'behavior', 'workers', 'loadingPages', 'requirePolyfill',
  'networkTimeout',
]);
/** Known keys kept as written in AppConfig.extra. */
const EXTRA_KEYS = new Set(['plugins', 'useDynamicPlugins', 'workers', 'loadingPages', 'requirePolyfill']);
const APP_HINTS: Record<string, string> = { entryPage: 'entryPagePath', subPackage: 'subPackages' };
/**
 * app.json keys mpk reads but does not act on (kept in AppConfig.extra, unused by the runtime), and
 * what mpk does instead: each is a warning (MPK1024) where it is written. useDynamicPlugins and
 * requirePolyfill only when they ask for something (true).
 */
const IGNORED_APP_KEYS: Record<string, string> = {
  plugins: 'mpk does not load mini-program plugins: their plugin:// components render as placeholders and requirePlugin is not defined',
  useDynamicPlugins: 'mpk does not load dynamic plugins',
  workers: 'mpk does not run Workers (my.createWorker is not available): the worker files are not packaged',
  loadingPages: 'mpk shows no skeleton screens: a page shows its own content as soon as it renders',
  requirePolyfill: 'mpk injects no polyfills: the logic layer runs the bundled ES2020 code as it is',
};
const TABBAR_KEYS = new Set(['textColor', 'selectedColor', 'backgroundColor', 'items', 'customize']);
const TABBAR_HINTS: Record<string, string> = { list: 'items', color: 'textColor', custom: 'customize' };
const TAB_ITEM_KEYS = new Set(['pagePath', 'name', 'icon', 'activeIcon']);
const TAB_ITEM_HINTS: Record<string, string> = { text: 'name', iconPath: 'icon', selectedIconPath: 'activeIcon' };
const NETWORK_KEYS = ['request', 'connectSocket', 'uploadFile', 'downloadFile'] as const;
const PERMISSION_SCOPES = new Set(['scope.album', 'scope.writePhotosAlbum', 'scope.camera', 'scope.record', 'scope.userLocation']);
export const DEFAULT_NETWORK_TIMEOUT: Required<NetworkTimeoutConfig> = {
  request: 30000,
  connectSocket: 30000,
  uploadFile: 60000,
  downloadFile: 60000,
};

/** Why a page path (as written) is not a valid page path, or undefined when it is fine. */
export function pagePathProblem(path: string): string | undefined {
  if (path.trim() === '') return 'a page path cannot be empty';
  if (path.includes('?')) return 'a page path cannot carry a query';
  if (path.startsWith('/')) return 'a page path has no leading "/"';
  if (path.includes('\\')) return 'a page path uses "/" separators';
  if (/\.(axml|js|ts|json|acss)$/.test(path)) return 'a page path is written without file extension';
  if (path.endsWith('/')) return 'a page path names the page file, not a directory';
  if (path.split('/').some((s) => s === '..' || s === '.' || s === '')) return 'a page path cannot contain "." or ".." segments';
  return undefined;
}

export function normaliseRoot(root: string): string {
  return root.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

export function parseAppJson(source: string, diagnostics: Diagnostic[]): AppJson | undefined {
  const doc = new JsonDoc('app.json', source, diagnostics);
  const root = doc.root;
  if (!root) return undefined;
  const app: AppJson = {
    doc,
    pages: [],
    pagesNode: root,
    subPackages: [],
    preloadRule: [],
    usingComponents: [],
    config: { window: {}, networkTimeout: { ...DEFAULT_NETWORK_TIMEOUT } },
  };
  const extra: Record<string, unknown> = {};

  for (const prop of doc.properties(root)) {
    const { key, keyNode, value } = prop;
    if (key === 'subpackages') {
      doc.report(DEPRECATED_KEY, keyNode, '"subpackages" is spelt "subPackages" on this platform (read as subPackages)');
      if (!doc.get(root, 'subPackages')) readSubPackages(doc, value, app);
      continue;
    }
    if (!APP_KEYS.has(key)) {
      doc.unknownKey(prop, 'app.json', APP_HINTS[key] ?? (WINDOW_KEYS.has(key) ? `window.${key}` : undefined));
      extra[key] = doc.value(value);
      continue;
    }
    switch (key) {
      case 'pages':
        app.pagesNode = value;
        app.pages = readPageList(doc, value, 'pages', '');
        break;
      case 'entryPagePath': {
        const entry = doc.string(value, 'entryPagePath');
        if (entry === undefined) break;
        const problem = pagePathProblem(entry);
        if (problem) doc.report(INVALID_PAGE_PATH, value, `entryPagePath ${JSON.stringify(entry)}: ${problem}`);
        else app.entryPagePath = { id: entry, node: value };
        break;
      }
      case 'window': {
        const object = doc.object(value, 'window');
        if (!object) break;
        doc.unknownKeys(object, WINDOW_KEYS, 'window', WECHAT_WINDOW_HINTS);
        app.config.window = readWindow(doc, object, { page: false, where: 'window' });
        break;
      }
      case 'tabBar':
        readTabBar(doc, value, app);
        break;
      case 'subPackages':
        readSubPackages(doc, value, app);
        break;
      case 'preloadRule':
        readPreloadRule(doc, value, app);
        break;
      case 'usingComponents':
        app.usingComponents = readUsingComponents(doc, value, 'usingComponents');
        break;
      case 'lazyCodeLoading': {
        // "renderedComponents" is WeChat's name for on-demand injection; real apps bring it along.
        const mode = doc.oneOf(value, 'lazyCodeLoading', ['requiredComponents', 'renderedComponents']);
        if (mode) app.config.lazyCodeLoading = 'requiredComponents';
        break;
      }
      case 'networkTimeout':
        readNetworkTimeout(doc, value, app);
        break;
      case 'permission':
        readPermission(doc, value, app);
        break;
      case 'behavior':
        readBehavior(doc, value, app);
        break;
      default:
        if (EXTRA_KEYS.has(key)) {
          if (key === 'useDynamicPlugins' || key === 'requirePolyfill') {
            const flag = readFlag(doc, value, key, 'true or false');
            extra[key] = flag ?? doc.value(value);
            if (flag === true) doc.report(UNSUPPORTED_KEY, keyNode, `mpk does not support "${key}" (${IGNORED_APP_KEYS[key]}); it is ignored`);
            break;
          }
          const valid = key === 'workers' ? doc.stringArray(value, key) !== undefined : doc.object(value, key) !== undefined;
          if (valid) doc.report(UNSUPPORTED_KEY, keyNode, `mpk does not support "${key}" (${IGNORED_APP_KEYS[key]}); it is ignored`);
          extra[key] = doc.value(value);
        }
    }
  }
  if (Object.keys(extra).length > 0) app.config.extra = extra;
  return app;
}

function readPageList(doc: JsonDoc, node: JsonNode, what: string, root: string): PageRef[] {
  const items = doc.array(node, what);
  if (!items) return [];
  const out: PageRef[] = [];
  for (const item of items) {
    if (item.type !== 'string') {
      // A page entry that is not a path names no page the platform could load.
      doc.report(INVALID_PAGE_PATH, item, `${what}: a page path must be a string`);
      continue;
    }
    const value = item.value as string;
    const problem = pagePathProblem(value);
    if (problem) {
      doc.report(INVALID_PAGE_PATH, item, `${what}: ${JSON.stringify(value)}: ${problem}`);
      continue;
    }
    out.push({ id: root ? `${root}/${value}` : value, node: item, root });
  }
  return out;
}

function readSubPackages(doc: JsonDoc, node: JsonNode, app: AppJson): void {
  // A subpackage the platform cannot read cannot be packaged: these are errors (MPK1052).
  if (node.type !== 'array') {
    doc.report(SUBPACKAGE_INVALID, node, 'subPackages must be an array of { "root", "pages" } objects');
    return;
  }
  (node.children ?? []).forEach((item, i) => {
    const what = `subPackages[${i}]`;
    if (item.type !== 'object') {
      doc.report(SUBPACKAGE_INVALID, item, `${what} must be an object with "root" and "pages"`);
      return;
    }
    const object = item;
    doc.unknownKeys(object, new Set(['root', 'pages', 'name', 'independent']), what);
    const independent = doc.get(object, 'independent');
    if (independent && readFlag(doc, independent.value, `${what}.independent`, 'true or false') === true) {
      doc.report(UNSUPPORTED_KEY, independent.keyNode, `mpk does not support ${what}.independent (the main package always loads first, as for any subpackage); it is ignored`);
    }
    const rootProp = doc.get(object, 'root');
    const pagesProp = doc.get(object, 'pages');
    if (!rootProp) {
      doc.report(SUBPACKAGE_INVALID, object, `${what} has no "root"`);
      return;
    }
    if (rootProp.value.type !== 'string') {
      doc.report(SUBPACKAGE_INVALID, rootProp.value, `${what}.root must be a directory path (a string)`);
      return;
    }
    const rawRoot = rootProp.value.value as string;
    const root = normaliseRoot(rawRoot);
    if (!root || root.split('/').some((s) => s === '..' || s === '.' || s === '') || root.includes('\\')) {
      doc.report(SUBPACKAGE_INVALID, rootProp.value, `${what}.root ${JSON.stringify(rawRoot)} must be a directory inside the project`);
      return;
    }
    if (!pagesProp || pagesProp.value.type !== 'array') {
      doc.report(SUBPACKAGE_INVALID, pagesProp?.value ?? object, pagesProp ? `${what}.pages must be an array of page paths` : `${what} has no "pages"`);
      return;
    }
    app.subPackages.push({ root, rootNode: rootProp.value, pages: readPageList(doc, pagesProp.value, `${what}.pages`, root) });
  });
}

function readTabBar(doc: JsonDoc, node: JsonNode, app: AppJson): void {
  const object = doc.object(node, 'tabBar');
  if (!object) return;
  doc.unknownKeys(object, TABBAR_KEYS, 'tabBar', TABBAR_HINTS);
  const config: TabBarConfig = { items: [] };
  const itemNodes: JsonNode[] = [];
  let itemsNode: JsonNode | undefined;
  let itemCount = 0;
  for (const { key, value } of doc.properties(object)) {
    if (key === 'textColor' || key === 'selectedColor' || key === 'backgroundColor') {
      const color = doc.string(value, `tabBar.${key}`);
      if (color !== undefined) config[key] = color;
    } else if (key === 'customize') {
      const customize = readFlag(doc, value, 'tabBar.customize', 'true or false');
      if (customize !== undefined) config.customize = customize;
    } else if (key === 'items') {
      itemsNode = value;
      const items = doc.array(value, 'tabBar.items') ?? [];
      itemCount = items.length;
      items.forEach((itemNode, i) => {
        const what = `tabBar.items[${i}]`;
        const itemObject = doc.object(itemNode, what);
        if (!itemObject) return;
        doc.unknownKeys(itemObject, TAB_ITEM_KEYS, what, TAB_ITEM_HINTS);
        const item: Partial<TabBarItem> = {};
        for (const { key: itemKey, value: itemValue } of doc.properties(itemObject)) {
          if (!TAB_ITEM_KEYS.has(itemKey)) continue;
          const text = doc.string(itemValue, `${what}.${itemKey}`);
          if (text !== undefined) (item as Record<string, string>)[itemKey] = text;
        }
        const pagePathProp = doc.get(itemObject, 'pagePath');
        if (item.pagePath === undefined) {
          if (!pagePathProp) doc.report(INVALID_VALUE, itemObject, `${what} has no "pagePath"`);
          return;
        }
        const problem = pagePathProblem(item.pagePath);
        if (problem) {
          doc.report(INVALID_PAGE_PATH, pagePathProp!.value, `${what}.pagePath ${JSON.stringify(item.pagePath)}: ${problem}`);
          return;
        }
        config.items.push(item as TabBarItem);
        itemNodes.push(pagePathProp!.value);
      });
    }
  }
  if (!itemsNode) doc.report(INVALID_VALUE, object, 'tabBar has no "items" (no tab bar is shown)');
  // A tab bar without one usable item is not shown (the platform has nothing to draw either).
  if (config.items.length === 0 && !config.customize) {
    app.tabBar = { config, node: object, itemsNode, itemNodes, itemCount, dropped: true };
    return;
  }
  app.tabBar = { config, node: object, itemsNode, itemNodes, itemCount };
}

function readPreloadRule(doc: JsonDoc, node: JsonNode, app: AppJson): void {
  const object = doc.object(node, 'preloadRule');
  if (!object) return;
  // Checked (MPK1053 names unknown pages and packages), then ignored: parts load when first entered.
  const keyNode = doc.get(doc.root, 'preloadRule')?.keyNode ?? object;
  doc.report(UNSUPPORTED_KEY, keyNode, 'mpk does not support "preloadRule" (subpackages are not downloaded ahead: each loads when one of its pages is first opened); it is ignored');
  for (const { key, value } of doc.properties(object)) {
    const what = `preloadRule["${key}"]`;
    const rule = doc.object(value, what);
    if (!rule) continue;
    doc.unknownKeys(rule, new Set(['packages', 'network']), what);
    const networkProp = doc.get(rule, 'network');
    if (networkProp) doc.oneOf(networkProp.value, `${what}.network`, ['all', 'wifi']);
    const packagesProp = doc.get(rule, 'packages');
    if (!packagesProp) {
      doc.report(INVALID_VALUE, rule, `${what} has no "packages"`);
      continue;
    }
    const packages = (doc.stringArray(packagesProp.value, `${what}.packages`) ?? []).map((p) => ({
      root: normaliseRoot(p.value),
      node: p.node,
    }));
    const keyNode = doc.properties(object).find((p) => p.key === key)!.keyNode;
    app.preloadRule.push({ page: key, node: keyNode, packages });
  }
  const rules: NonNullable<AppConfig['preloadRule']> = {};
  for (const { key, value } of doc.properties(object)) {
    const v = doc.value(value) as { packages?: unknown; network?: unknown } | null;
    if (!v || typeof v !== 'object' || !Array.isArray(v.packages)) continue;
    rules[key] = {
      packages: v.packages.filter((p): p is string => typeof p === 'string').map(normaliseRoot),
      ...(v.network === 'all' || v.network === 'wifi' ? { network: v.network } : {}),
    };
  }
  app.config.preloadRule = rules;
}

/** usingComponents of app.json, a page or a component: tag → request, each with its nodes. */
export function readUsingComponents(doc: JsonDoc, node: JsonNode, what: string): ComponentRequest[] {
  const object = doc.object(node, what);
  if (!object) return [];
  const out: ComponentRequest[] = [];
  for (const { key, keyNode, value } of doc.properties(object)) {
    const request = doc.string(value, `${what}["${key}"]`);
    if (request === undefined) continue;
    out.push({ tag: key, request, node: value, tagNode: keyNode });
  }
  return out;
}

function readNetworkTimeout(doc: JsonDoc, node: JsonNode, app: AppJson): void {
  const object = doc.object(node, 'networkTimeout');
  if (!object) return;
  doc.unknownKeys(object, new Set(NETWORK_KEYS), 'networkTimeout');
  for (const { key, value } of doc.properties(object)) {
    if (!(NETWORK_KEYS as readonly string[]).includes(key)) continue;
    const ms = doc.number(value, `networkTimeout.${key}`);
    if (ms === undefined) continue;
    if (!(ms > 0) || !Number.isFinite(ms)) {
      doc.report(INVALID_VALUE, value, `networkTimeout.${key} must be a positive number of milliseconds, got ${ms}`);
      continue;
    }
    app.config.networkTimeout[key as keyof NetworkTimeoutConfig] = ms;
  }
}

function readPermission(doc: JsonDoc, node: JsonNode, app: AppJson): void {
  const object = doc.object(node, 'permission');
  if (!object) return;
  const permission: Record<string, { desc?: string }> = {};
  for (const prop of doc.properties(object)) {
    if (!PERMISSION_SCOPES.has(prop.key)) {
      doc.unknownKey(prop, 'permission');
      continue;
    }
    const entry = doc.object(prop.value, `permission["${prop.key}"]`);
    if (!entry) continue;
    doc.unknownKeys(entry, new Set(['desc']), `permission["${prop.key}"]`);
    const descProp = doc.get(entry, 'desc');
    const desc = descProp ? doc.string(descProp.value, `permission["${prop.key}"].desc`) : undefined;
    if (!descProp) doc.report(INVALID_VALUE, entry, `permission["${prop.key}"] needs a "desc" (shown to the user in the permission prompt)`);
    permission[prop.key] = desc !== undefined ? { desc } : {};
  }
  app.config.permission = permission;
}

function readBehavior(doc: JsonDoc, node: JsonNode, app: AppJson): void {
  const object = doc.object(node, 'behavior');
  if (!object) return;
  doc.unknownKeys(object, new Set(['shareAppMessage', 'decodeQuery']), 'behavior');
  const behavior: NonNullable<AppConfig['behavior']> = {};
  for (const { key, value } of doc.properties(object)) {
    if (key === 'shareAppMessage') {
      const v = doc.oneOf(value, 'behavior.shareAppMessage', ['appendQuery']);
      if (v) behavior.shareAppMessage = v;
      const keyNode = doc.get(object, key)!.keyNode;
      if (v) doc.report(UNSUPPORTED_KEY, keyNode, 'mpk does not support behavior.shareAppMessage (a share reports the page and what onShareAppMessage returned; mpk builds no share link to append the query to); it is ignored');
    } else if (key === 'decodeQuery') {
      const v = doc.oneOf(value, 'behavior.decodeQuery', ['disable']);
      if (v) behavior.decodeQuery = v;
    }
  }
  app.config.behavior = behavior;
}
