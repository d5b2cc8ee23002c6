/**
 * Loading a project: mini.project.json, app.json, every page and every custom component they
 * use (transitively), validated across files (missing files, subpackage and tabBar rules,
 * component cycles), and split into package parts (main + one per subpackage).
 *
 * Never throws on bad input: whatever can be loaded is loaded, and every problem is a diagnostic.
 */

import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig, ComponentEntry, PageEntry, StyleIsolation } from '@mpk/runtime/package-format';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createDiagnostic, dedupeDiagnostics } from '../diagnostics/create.ts';
import {
  APP_JS_MISSING,
  APP_JSON_MISSING,
  COMPONENT_FILE_MISSING,
  COMPONENT_NOT_FOUND,
  DUPLICATE_PAGE,
  ENTRY_PAGE_IN_SUBPACKAGE,
  ENTRY_PAGE_NOT_A_PAGE,
  INVALID_COMPONENT_TAG,
  MAIN_PAGE_UNDER_SUBPACKAGE,
  MINIPROGRAM_ROOT_INVALID,
  NO_PAGES,
  PATH_OUTSIDE_PROJECT,
  PAGE_FILE_MISSING,
  PAGE_NOT_FOUND,
  PLUGIN_COMPONENT_UNSUPPORTED,
  PRELOAD_RULE_INVALID,
  PROJECT_NOT_FOUND,
  SUBPACKAGE_ROOT_NESTED,
  TABBAR_DUPLICATE_PAGE,
  TABBAR_FIRST_NOT_HOME,
  TABBAR_ITEM_COUNT,
  TABBAR_PAGE_NOT_MAIN,
} from '../diagnostics/codes.ts';
import { parseAppJson, type AppJson, type ComponentRequest, type PageRef } from './app-config.ts';
import { ProjectFiles } from './files.ts';
import { refusalCode, refusalSentence } from './containment.ts';
import { APP_OWNER, ComponentGraph, scopeIds } from './graph.ts';
import type { JsonDoc, JsonNode } from './json.ts';
import { DEFAULT_PROJECT_CONFIG, parseProjectConfig, type ProjectConfig } from './project-config.ts';
import { explainRefusal, requestKind, resolveComponent, type ResolveContext } from './resolve.ts';

/** What a component request may name (for explaining a refusal): its files, and `index` inside it. */
const COMPONENT_EXTENSIONS = ['.json', '.axml', '.js', '.ts', '/index.json', '/index.axml', '/index.js', '/index.ts'];
import { parseComponentJson, parsePageJson } from './unit-config.ts';
import { finishComponentConfig, genericDefaultRequests, type GenericDecl, type PlaceholderDecl } from './component-config.ts';
import { scanForeignComponentOptions, scanUnsupportedComponentApis } from './component-apis.ts';

/** The files of one page, component or the app (project paths; undefined = absent). */
export interface UnitFiles {
  json?: string;
  /** .js or .ts */
  logic?: string;
  axml?: string;
  acss?: string;
  /** A .less sheet (compiled with compileOptions.less, else ignored; see build/styles.ts). */
  less?: string;
}

export interface LoadedPage {
  entry: PageEntry;
  files: UnitFiles;
  /** Tags of plugin components (`plugin://…`) usable in its template, tag → request; rendered as placeholders. */
  plugins: Record<string, string>;
}

export interface LoadedComponent {
  entry: ComponentEntry;
  files: UnitFiles;
  /** Component ids its own .json uses (without app-level usingComponents). */
  ownDeps: string[];
  /** As LoadedPage.plugins. */
  plugins: Record<string, string>;
}

/** Which pages and components one package part contains. */
export interface PartPlan {
  /** '' for main, else the subpackage root. */
  root: string;
  pages: string[];
  /** Component ids, sorted. */
  components: string[];
}

export interface Project {
  /** Absolute directory of mini.project.json (the directory the user named). */
  dir: string;
  files: ProjectFiles;
  config: ProjectConfig;
  resolve: ResolveContext;
  /** Informational name for the manifest (directory name). */
  name: string;
  /** Undefined when app.json is missing or unreadable. */
  app?: AppConfig;
  appFiles: UnitFiles;
  pages: Map<string, LoadedPage>;
  components: Map<string, LoadedComponent>;
  parts: PartPlan[];
  diagnostics: Diagnostic[];
}

const COMPONENT_TAG = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** The custom tabBar component the docs place at the root (tabBar.customize). */
export const CUSTOM_TAB_BAR_ID = 'customize-tab-bar/index';

export function loadProject(projectDir: string, reuse?: ProjectFiles): Project {
  const dir = path.resolve(projectDir);
  const diagnostics: Diagnostic[] = [];
  let files = reuse && reuse.projectDir === dir ? reuse : new ProjectFiles(dir);
  const empty = (config: ProjectConfig = DEFAULT_PROJECT_CONFIG): Project => ({
    dir,
    files,
    config,
    resolve: { files, aliases: config.resolveAlias, miniprogramRoot: config.miniprogramRoot },
    name: path.basename(dir),
    appFiles: {},
    pages: new Map(),
    components: new Map(),
    parts: [],
    diagnostics,
  });

  if (!isDirectory(dir)) {
    diagnostics.push(createDiagnostic(PROJECT_NOT_FOUND, { file: '' }, `${dir} is not a directory`));
    return empty();
  }

  // mini.project.json lives in the project directory, above miniprogramRoot (read through the containment rule).
  let config = DEFAULT_PROJECT_CONFIG;
  const projectJson = files.guard.classify(path.join(dir, 'mini.project.json'));
  let projectJsonText: string | undefined;
  if (projectJson.kind === 'refused') {
    diagnostics.push(createDiagnostic(refusalCode(projectJson.refusal), { file: 'mini.project.json' }, refusalSentence('mini.project.json', projectJson.refusal, projectJson.viaLink)));
  } else if (projectJson.kind === 'file') {
    try {
      projectJsonText = files.guard.read(projectJson.real).toString('utf8');
    } catch {
      projectJsonText = undefined;
    }
  }
  if (projectJsonText !== undefined) config = parseProjectConfig('mini.project.json', projectJsonText, diagnostics);
  if (config.miniprogramRoot) {
    const srcRoot = path.resolve(dir, config.miniprogramRoot);
    const relative = path.relative(dir, srcRoot);
    const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    const access = inside ? files.guard.classify(srcRoot) : undefined;
    const where = { file: 'mini.project.json', source: projectJsonText, offset: projectJsonText?.indexOf('"miniprogramRoot"') };
    if (!inside || access?.kind === 'refused') {
      // Lexically outside (`../x`, an absolute path) or a directory link leading outside: never read.
      diagnostics.push(
        createDiagnostic(
          PATH_OUTSIDE_PROJECT,
          where,
          `miniprogramRoot ${JSON.stringify(config.miniprogramRoot)} is refused: it leads outside the project (nothing there is read; the project directory is used)`,
        ),
      );
      config = { ...config, miniprogramRoot: '' };
    } else if (access?.kind !== 'dir') {
      diagnostics.push(
        createDiagnostic(
          MINIPROGRAM_ROOT_INVALID,
          { file: 'mini.project.json', source: projectJsonText, offset: projectJsonText?.indexOf('"miniprogramRoot"') },
          `miniprogramRoot ${JSON.stringify(config.miniprogramRoot)} is not a directory inside the project`,
        ),
      );
      config = { ...config, miniprogramRoot: '' };
    }
  }
  const srcRoot = path.resolve(dir, config.miniprogramRoot);
  if (files.srcRoot !== srcRoot) files = new ProjectFiles(dir, srcRoot, files.guard);
  files.outside = config.cloudRoot ? [path.resolve(dir, config.cloudRoot)] : [];
  const project = empty(config);

  const appSource = files.readText('app.json');
  if (appSource === undefined) {
    diagnostics.push(createDiagnostic(APP_JSON_MISSING, { file: 'app.json' }, 'app.json is missing: every mini-program needs one at its root'));
    return project;
  }
  const appJson = parseAppJson(appSource, diagnostics);
  project.appFiles = unitFiles(files, 'app', config.typescript);
  if (!project.appFiles.logic) {
    diagnostics.push(createDiagnostic(APP_JS_MISSING, { file: 'app.js' }, 'app.js is missing: every mini-program registers itself with App() in app.js'));
  }
  if (!appJson) return project;

  const loader = new UnitLoader(project, appJson);
  loader.loadPages();
  loader.checkSubPackages();
  const app = loader.buildAppConfig();
  project.app = app;
  loader.checkEntryAndTabBar(app);
  loader.checkPreloadRules(app);
  loader.loadComponents();
  loader.checkCycles();
  project.parts = loader.planParts();
  project.diagnostics.splice(0, project.diagnostics.length, ...dedupeDiagnostics(project.diagnostics));
  return project;
}

class UnitLoader {
  private readonly project: Project;
  private readonly appJson: AppJson;
  private readonly doc: JsonDoc;
  /** Page ids in app.json order, with their refs (main first, then subpackages). */
  private readonly pageRefs = new Map<string, PageRef>();
  private readonly graph = new ComponentGraph();
  /** owner → tag → plugin request (`plugin://myPlugin/comp`), as its own .json declares. */
  private readonly pluginTags = new Map<string, Record<string, string>>();
  /** owner → its componentGenerics and componentPlaceholder, applied once its tags are final. */
  private readonly tagConfig = new Map<string, { generics: GenericDecl[]; placeholders: PlaceholderDecl[]; doc?: JsonDoc }>();

  constructor(project: Project, appJson: AppJson) {
    this.project = project;
    this.appJson = appJson;
    this.doc = appJson.doc;
  }

  private get diagnostics(): Diagnostic[] {
    return this.project.diagnostics;
  }

  loadPages(): void {
    const all = [...this.appJson.pages, ...this.appJson.subPackages.flatMap((s) => s.pages)];
    if (this.appJson.pages.length === 0) {
      this.doc.report(NO_PAGES, this.appJson.pagesNode, 'app.json must list at least one page in "pages" (the first is the home page)');
    }
    for (const ref of all) {
      if (this.pageRefs.has(ref.id)) {
        this.doc.report(DUPLICATE_PAGE, ref.node, `page ${ref.id} is listed more than once`);
        continue;
      }
      this.pageRefs.set(ref.id, ref);
      this.loadPage(ref);
    }
  }

  private loadPage(ref: PageRef): void {
    const { files, config } = this.project;
    const unit = unitFiles(files, ref.id, config.typescript);
    if (!unit.json && !unit.logic && !unit.axml && !unit.acss && !unit.less) {
      this.doc.report(PAGE_NOT_FOUND, ref.node, `page ${ref.id} does not exist (no ${ref.id}.axml, .js or .json)`);
      return;
    }
    const missing = [!unit.logic && '.js', !unit.axml && '.axml'].filter(Boolean);
    if (missing.length > 0) {
      this.doc.report(PAGE_FILE_MISSING, ref.node, `page ${ref.id} has no ${missing.join(' and no ')} file`);
    }
    const json = parsePageJson(`${ref.id}.json`, unit.json ? files.readText(unit.json) : undefined, this.diagnostics);
    this.graph.addOwner(ref.id, ref.root);
    this.project.pages.set(ref.id, {
      entry: {
        id: ref.id,
        package: ref.root,
        window: json.window,
        template: ref.id,
        usingComponents: {},
        styleIsolation: json.styleIsolation,
      },
      files: unit,
      plugins: {},
    });
    this.resolveRequests(ref.id, `${ref.id}.json`, json.usingComponents, json.doc);
    this.tagConfig.set(ref.id, { generics: [], placeholders: json.componentPlaceholder, doc: json.doc });
    if (unit.logic) this.scanLogic(unit.logic);
  }

  checkSubPackages(): void {
    const subs = this.appJson.subPackages;
    for (let i = 0; i < subs.length; i++) {
      for (let j = 0; j < subs.length; j++) {
        if (i === j) continue;
        const a = subs[i]!;
        const b = subs[j]!;
        if (a.root === b.root && j < i) {
          this.doc.report(SUBPACKAGE_ROOT_NESTED, a.rootNode, `subpackage root "${a.root}" is used twice`);
        } else if (a.root.startsWith(`${b.root}/`)) {
          this.doc.report(SUBPACKAGE_ROOT_NESTED, a.rootNode, `subpackage root "${a.root}" is inside subpackage root "${b.root}"`);
        }
      }
    }
    for (const ref of this.appJson.pages) {
      const root = this.subpackageOf(ref.id);
      if (root !== '') {
        this.doc.report(MAIN_PAGE_UNDER_SUBPACKAGE, ref.node, `main package page ${ref.id} lies under subpackage root "${root}"`);
      }
    }
  }

  /** The subpackage root a project path lies under, or ''. */
  subpackageOf(projectPath: string): string {
    let best = '';
    for (const sub of this.appJson.subPackages) {
      if (projectPath.startsWith(`${sub.root}/`) && sub.root.length > best.length) best = sub.root;
    }
    return best;
  }

  buildAppConfig(): AppConfig {
    const mainPages = this.appJson.pages.filter((p) => this.pageRefs.get(p.id) === p).map((p) => p.id);
    const entry = this.appJson.entryPagePath?.id ?? mainPages[0] ?? '';
    const seenRoots = new Set<string>();
    const app: AppConfig = {
      pages: mainPages,
      entryPagePath: entry,
      window: this.appJson.config.window,
      subPackages: this.appJson.subPackages
        .filter((s) => !seenRoots.has(s.root) && seenRoots.add(s.root))
        .map((s) => ({ root: s.root, pages: s.pages.filter((p) => this.pageRefs.get(p.id) === p).map((p) => p.id.slice(s.root.length + 1)) })),
      networkTimeout: this.appJson.config.networkTimeout,
    };
    const { tabBar: _tabBar, window: _window, networkTimeout: _timeout, ...rest } = this.appJson.config;
    Object.assign(app, rest);
    if (this.appJson.tabBar && !this.appJson.tabBar.dropped) app.tabBar = this.appJson.tabBar.config;
    return app;
  }

  checkEntryAndTabBar(app: AppConfig): void {
    const entry = this.appJson.entryPagePath;
    if (entry) {
      const ref = this.pageRefs.get(entry.id);
      if (!ref) this.doc.report(ENTRY_PAGE_NOT_A_PAGE, entry.node, `entryPagePath "${entry.id}" is not one of the pages in app.json`);
      else if (ref.root !== '') this.doc.report(ENTRY_PAGE_IN_SUBPACKAGE, entry.node, `entryPagePath "${entry.id}" is in subpackage "${ref.root}": the launch page must be in the main package`);
    }
    const tabBar = this.appJson.tabBar;
    if (!tabBar) return;
    const count = tabBar.itemCount;
    if (tabBar.itemsNode?.type === 'array' && (count < 2 || count > 5)) {
      const shown = tabBar.dropped ? 'no tab bar is shown' : 'mpk shows them as written';
      this.doc.report(TABBAR_ITEM_COUNT, tabBar.itemsNode, `tabBar.items has ${count} item${count === 1 ? '' : 's'}: a tab bar usually has 2 to 5 (${shown})`);
    }
    const seen = new Set<string>();
    tabBar.config.items.forEach((item, i) => {
      const node = tabBar.itemNodes[i]!;
      const ref = this.pageRefs.get(item.pagePath);
      if (!ref) this.doc.report(TABBAR_PAGE_NOT_MAIN, node, `tabBar page "${item.pagePath}" is not one of the pages in app.json`);
      else if (ref.root !== '') this.doc.report(TABBAR_PAGE_NOT_MAIN, node, `tabBar page "${item.pagePath}" is in subpackage "${ref.root}": tab pages must be in the main package`);
      if (seen.has(item.pagePath)) this.doc.report(TABBAR_DUPLICATE_PAGE, node, `tabBar page "${item.pagePath}" appears twice`);
      seen.add(item.pagePath);
    });
    const first = tabBar.config.items[0];
    if (first && app.entryPagePath && first.pagePath !== app.entryPagePath && this.pageRefs.has(first.pagePath)) {
      this.doc.report(TABBAR_FIRST_NOT_HOME, tabBar.itemNodes[0]!, `the first tab "${first.pagePath}" should be the home page "${app.entryPagePath}"`);
    }
  }

  /** Unknown pages and packages in preloadRule are reported and left out of the app config (nothing to preload). */
  checkPreloadRules(app: AppConfig): void {
    const roots = new Set(this.appJson.subPackages.map((s) => s.root));
    for (const rule of this.appJson.preloadRule) {
      if (!this.pageRefs.has(rule.page)) {
        this.doc.report(PRELOAD_RULE_INVALID, rule.node, `preloadRule key "${rule.page}" is not one of the pages (the rule is ignored)`);
        if (app.preloadRule) delete app.preloadRule[rule.page];
      }
      for (const pkg of rule.packages) {
        if (roots.has(pkg.root)) continue;
        this.doc.report(PRELOAD_RULE_INVALID, pkg.node, `preloadRule package "${pkg.root}" is not a subpackage root (ignored)`);
        const kept = app.preloadRule?.[rule.page];
        if (kept) kept.packages = kept.packages.filter((p) => roots.has(p));
      }
    }
  }

  loadComponents(): void {
    this.graph.addOwner(APP_OWNER, '');
    this.resolveRequests(APP_OWNER, 'app.json', this.appJson.usingComponents, this.doc);
    const tabBar = this.appJson.tabBar;
    if (tabBar?.config.customize) {
      const found = resolveComponent(this.project.resolve, 'app.json', `/${CUSTOM_TAB_BAR_ID}`);
      const customizeNode = this.doc.get(tabBar.node, 'customize')!.value;
      if (!found) this.doc.report(COMPONENT_NOT_FOUND, customizeNode, `tabBar.customize needs the component ${CUSTOM_TAB_BAR_ID} (customize-tab-bar/index.axml, .js, .json)`);
      else {
        this.graph.addUntagged(APP_OWNER, found, { doc: this.doc, node: customizeNode });
        this.loadComponent(found, { doc: this.doc, node: customizeNode });
      }
    }
    // App-level components can be used in every page and component (own declarations win).
    for (const [id, unit] of [...this.project.pages, ...this.project.components]) {
      const { components, plugins } = this.tagsOf(id);
      unit.entry.usingComponents = components;
      unit.plugins = plugins;
    }
    // Abstract nodes and placeholders, now that each unit's tags are final.
    for (const [id, unit] of [...this.project.pages, ...this.project.components]) {
      const config = this.tagConfig.get(id);
      if (!config) continue;
      finishComponentConfig(unit, config.generics, config.placeholders, config.doc);
      // A component of another subpackage behind a placeholder loads with its own part (分包异步化).
      for (const tag of Object.keys(unit.entry.componentPlaceholder ?? {})) this.graph.deferUse(id, unit.entry.usingComponents[tag]!);
    }
  }

  /** Components and plugin placeholders an owner's template can use: app-level ones, overridden by its own declarations. */
  private tagsOf(owner: string): { components: Record<string, string>; plugins: Record<string, string> } {
    const own = this.graph.ownMap(owner);
    const ownPlugins = this.pluginTags.get(owner) ?? {};
    const components = this.graph.mergedMap(owner);
    const plugins = { ...(this.pluginTags.get(APP_OWNER) ?? {}), ...ownPlugins };
    for (const tag of Object.keys(ownPlugins)) delete components[tag];
    for (const tag of Object.keys(own)) delete plugins[tag];
    return { components, plugins };
  }

  /** Resolve an owner's usingComponents, loading each component the first time it is seen. */
  private resolveRequests(owner: string, ownerFile: string, requests: ComponentRequest[], doc: JsonDoc | undefined): void {
    for (const request of requests) {
      const at = doc ?? this.doc;
      if (!COMPONENT_TAG.test(request.tag)) {
        at.report(INVALID_COMPONENT_TAG, request.tagNode, `"${request.tag}" is not a valid tag name for a component (letters, digits, "-" and "_", starting with a letter); the entry is ignored`);
        continue;
      }
      if (/^(dynamic-)?plugin:\/\//.test(request.request)) {
        at.report(
          PLUGIN_COMPONENT_UNSUPPORTED,
          request.node,
          `<${request.tag}>: plugin components (${request.request}) are not available in mpk; <${request.tag}> renders as a placeholder element with its children`,
        );
        if (!this.pluginTags.has(owner)) this.pluginTags.set(owner, {});
        this.pluginTags.get(owner)![request.tag] = request.request;
        continue;
      }
      if (requestKind(request.request) === 'url') {
        at.report(COMPONENT_NOT_FOUND, request.node, `<${request.tag}>: ${JSON.stringify(request.request)} is not a component path (use /abs, ./relative or an npm path)`);
        continue;
      }
      const id = resolveComponent(this.project.resolve, ownerFile, request.request);
      if (!id) {
        at.report(COMPONENT_NOT_FOUND, request.node, `<${request.tag}>: component ${JSON.stringify(request.request)} not found (tried ${describeTried(request.request)})`);
        const refusal = explainRefusal(this.project.resolve, ownerFile, request.request.replace(/\.(json|axml|js|ts)$/, ''), COMPONENT_EXTENSIONS);
        if (refusal) at.report(refusal.code, request.node, `<${request.tag}>: ${refusal.message}`);
        continue;
      }
      this.graph.addUse(owner, request.tag, id, { doc: at, node: request.node });
      this.loadComponent(id, { doc: at, node: request.node });
    }
  }

  private loadComponent(id: string, usedAt: { doc: JsonDoc; node: JsonNode }): void {
    if (this.project.components.has(id)) return;
    const { files, config } = this.project;
    const unit = unitFiles(files, id, config.typescript);
    const missing = [!unit.logic && '.js', !unit.axml && '.axml', !unit.json && '.json'].filter(Boolean);
    if (missing.length > 0) {
      usedAt.doc.report(COMPONENT_FILE_MISSING, usedAt.node, `component ${id} has no ${missing.join(', no ')} file`);
    }
    const json = parseComponentJson(`${id}.json`, unit.json ? files.readText(unit.json) : undefined, this.diagnostics);
    const pkg = this.subpackageOf(id);
    this.graph.addOwner(id, pkg);
    const component: LoadedComponent = {
      entry: {
        id,
        package: pkg,
        template: id,
        usingComponents: {},
        styleIsolation: json.styleIsolation as StyleIsolation,
        virtualHost: json.virtualHost,
      },
      files: unit,
      ownDeps: [],
      plugins: {},
    };
    this.project.components.set(id, component);
    // An abstract node's default is resolved (and packaged) like a usingComponents entry.
    this.resolveRequests(id, `${id}.json`, [...json.usingComponents, ...genericDefaultRequests(json.componentGenerics)], json.doc);
    this.tagConfig.set(id, { generics: json.componentGenerics, placeholders: json.componentPlaceholder, doc: json.doc });
    if (unit.logic) this.scanLogic(unit.logic);
    component.ownDeps = this.graph.ownDeps(id);
  }

  /** What a unit's own logic file uses of the component model that mpk does not do (warnings). */
  private scanLogic(file: string): void {
    const source = this.project.files.readText(file);
    scanUnsupportedComponentApis(file, source, this.diagnostics);
    scanForeignComponentOptions(file, source, this.diagnostics);
  }

  checkCycles(): void {
    this.graph.checkCycles([...this.project.components.keys()]);
  }

  planParts(): PartPlan[] {
    const { pages, components } = this.project;
    const known = new Set(components.keys());
    const pagesIn = (root: string) => [...pages.values()].filter((p) => p.entry.package === root).map((p) => p.entry.id);
    const mainPages = pagesIn('');
    const parts: PartPlan[] = [{ root: '', pages: mainPages, components: this.graph.reachable([APP_OWNER, ...mainPages], { main: true, known }) }];
    const roots = new Set<string>();
    for (const sub of this.appJson.subPackages) {
      if (roots.has(sub.root)) continue;
      roots.add(sub.root);
      const subPages = pagesIn(sub.root);
      // Components others wait for behind a placeholder are part of the subpackage they live in.
      const deferred = this.graph.deferredIn(sub.root).filter((id) => known.has(id));
      const reached = this.graph.reachable([...subPages, ...deferred], { main: false, known });
      parts.push({ root: sub.root, pages: subPages, components: [...new Set([...reached, ...deferred])].sort() });
    }
    for (const [id, scope] of scopeIds(components.keys())) components.get(id)!.entry.scope = scope;
    return parts;
  }
}

/** The files that exist for a unit id (`pages/a/a` → pages/a/a.json, .js/.ts, .axml, .acss, .less). */
export function unitFiles(files: ProjectFiles, id: string, preferTypeScript: boolean): UnitFiles {
  const has = (ext: string) => (files.isFile(id + ext) ? id + ext : undefined);
  const logicOrder = preferTypeScript ? ['.ts', '.js'] : ['.js', '.ts'];
  return {
    json: has('.json'),
    logic: has(logicOrder[0]!) ?? has(logicOrder[1]!),
    axml: has('.axml'),
    acss: has('.acss'),
    less: has('.less'),
  };
}

function describeTried(request: string): string {
  const kind = requestKind(request);
  if (kind === 'npm') return `node_modules/${request}, its es/ build and index`;
  return `${request} and ${request.replace(/\/$/, '')}/index`;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

