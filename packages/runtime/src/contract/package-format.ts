/**
 * The package format: what `@mpk/compiler` writes and what a container accepts.
 *
 * A package is a directory (or an equivalent in-memory file map) holding `manifest.json` plus
 * the files it lists. The runtime owns this definition because it is the consumer; the compiler
 * imports these types (type-only) to produce it.
 *
 * Paths are POSIX, project-relative, without a leading slash. Page and component ids are their
 * project path without extension: `pages/index/index`, `components/card/card`,
 * `node_modules/some-ui/es/button/index` (npm components keep their resolved path).
 */

export const PACKAGE_FORMAT_VERSION = 1;

/** Alipay `window` settings (app.json `window`, or the top level of a page .json). */
export interface WindowConfig {
  defaultTitle?: string;
  titleBarColor?: string;
  navigationBarFrontColor?: 'black' | 'white';
  transparentTitle?: 'none' | 'always' | 'auto';
  titlePenetrate?: 'YES' | 'NO';
  titleImage?: string;
  showTitleLoading?: 'YES' | 'NO';
  backgroundColor?: string;
  backgroundImageColor?: string;
  backgroundImageUrl?: string;
  allowsBounceVertical?: 'YES' | 'NO';
  pullRefresh?: boolean;
  onReachBottomDistance?: number;
  responsive?: boolean;
  gestureBack?: 'YES' | 'NO';
  enableScrollBar?: boolean;
  /** Any other key the docs allow is kept as written. */
  [key: string]: unknown;
}

export interface TabBarItem {
  pagePath: string;
  name?: string;
  icon?: string;
  activeIcon?: string;
}

export interface TabBarConfig {
  textColor?: string;
  selectedColor?: string;
  backgroundColor?: string;
  customize?: boolean;
  items: TabBarItem[];
}

export interface SubPackageConfig {
  root: string;
  pages: string[];
}

export interface NetworkTimeoutConfig {
  request?: number;
  connectSocket?: number;
  uploadFile?: number;
  downloadFile?: number;
}

/** The normalised app.json, with page paths resolved to page ids. */
export interface AppConfig {
  /** All main-package page ids, in app.json order. */
  pages: string[];
  /** Page id of the home page (entryPagePath, else pages[0]). */
  entryPagePath: string;
  window: WindowConfig;
  tabBar?: TabBarConfig;
  subPackages: SubPackageConfig[];
  networkTimeout: Required<NetworkTimeoutConfig>;
  lazyCodeLoading?: 'requiredComponents';
  permission?: Record<string, { desc?: string }>;
  behavior?: { shareAppMessage?: string; decodeQuery?: 'disable' };
  preloadRule?: Record<string, { packages: string[]; network?: 'all' | 'wifi' }>;
  /** Other app.json keys, kept as written (plugins, workers, …). */
  extra?: Record<string, unknown>;
}

export type StyleIsolation = 'shared' | 'apply-shared';

/** One page: its config, template, style and package. */
export interface PageEntry {
  /** Page id, e.g. `pages/index/index`. */
  id: string;
  /** `''` for the main package, else the subpackage root (e.g. `sub`). */
  package: string;
  /** Page .json window overrides merged over app `window` are NOT pre-merged: this is the page's own. */
  window: WindowConfig;
  /** Template id to render (same as `id` for pages). */
  template: string;
  /** Custom element tag → component id, after resolving relative/absolute/npm paths and merging app-level usingComponents. */
  usingComponents: Record<string, string>;
  styleIsolation: StyleIsolation;
  /** componentPlaceholder: tag → component id rendered while the tag's component is not available (see ComponentEntry). */
  componentPlaceholder?: Record<string, string>;
}

export interface ComponentEntry {
  /** Component id, e.g. `components/card/card`. */
  id: string;
  package: string;
  template: string;
  usingComponents: Record<string, string>;
  styleIsolation: StyleIsolation;
  /** `false` renders a host element that takes id/class/style (docs: virtualHost). Default true. */
  virtualHost: boolean;
  /** Style scope id: the ViewEngine stamps it on every element this component renders (renderers write `data-s-<scope>`); the compiler scopes apply-shared styles with it. */
  scope?: string;
  /**
   * componentGenerics: abstract node tag → its default component id ('' when it has none). The
   * default is also in `usingComponents`; an owner's `generic:<tag>="other-tag"` (resolved through
   * the owner's usingComponents) renders another one in its place.
   */
  componentGenerics?: Record<string, string>;
  /**
   * componentPlaceholder: tag → component id rendered in place of the tag's component while that one
   * is not available (its package part is not loaded yet); the real one replaces it once it is.
   */
  componentPlaceholder?: Record<string, string>;
}

/** The files of one (sub)package inside the package directory. */
export interface PackagePart {
  /** `''` for main, else the subpackage root. */
  root: string;
  /** Page ids that belong to this part. */
  pages: string[];
  /** Logic bundle (JS script, see LOGIC ABI below). */
  logic: string;
  /** Source map of the logic bundle, if emitted. */
  logicMap?: string;
  /** View form, `view.json` (see `contract/view-form.ts`): templates and SJS as data. */
  view: string;
  /** Compiled CSS of this part. */
  style: string;
}

export interface PackageFile {
  path: string;
  size: number;
  sha256: string;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT_VERSION;
  /** Compiler name and version that wrote the package. */
  compiler: string;
  /** From mini.project.json / app id if known; informational. */
  name?: string;
  app: AppConfig;
  pages: Record<string, PageEntry>;
  components: Record<string, ComponentEntry>;
  parts: PackagePart[];
  /** Every file of the package except manifest.json, with size and hash. */
  files: PackageFile[];
  /** Total bytes per part root ('' = main), as checked against the limits. */
  sizes: Record<string, number>;
  /** ext.json of a template mini-program, when the project has one (my.getExtConfig / my.getExtConfigSync). */
  ext?: ExtConfig;
}

/**
 * ext.json at the mini-program root (docs: my.getExtConfig, 模板小程序): `{ "extEnable": true, "ext": {...} }`.
 * my.getExtConfig(Sync) answers `ext`; 20 when it is missing or empty, 21 when `extEnable` is not true.
 */
export interface ExtConfig {
  extEnable: boolean;
  ext?: Record<string, unknown>;
}

/** Limits from the platform docs (bytes). */
export const PACKAGE_LIMITS = {
  perPackage: 2 * 1024 * 1024,
  total: 8 * 1024 * 1024,
} as const;

/**
 * Where a container reads a package from. `read` resolves a path listed in the manifest.
 * Node hosts use `loadPackageFromDir`; browsers fetch from a URL; tests may pass an in-memory map.
 */
export interface PackageSource {
  manifest: PackageManifest;
  /** The text of `manifest.sig` when the package has one (see `package/signature.ts`); a host with `trust` requires it. */
  signature?: string;
  /** Reads manifest.sig on demand (URL sources: only a host with `trust` fetches it); `signature` wins when both are set. */
  readSignature?(): Promise<string | undefined>;
  readText(path: string): Promise<string>;
  readBytes?(path: string): Promise<Uint8Array>;
}

/*
 * LOGIC ABI (logic.js of each part)
 * ---------------------------------
 * A plain script (no import/export), evaluated once in the logic sandbox after the base library.
 * It registers module factories, keyed by module id (project path without extension), and does
 * nothing else at evaluation time:
 *
 *   __mpkLogic.define({
 *     "app": function () { ...app.js... },
 *     "pages/index/index": function () { ...page module, calls Page({...}) ... },
 *     "components/card/card": function () { ...calls Component({...}) ... },
 *   });
 *
 * The base library runs a factory when it needs that module (app at launch; a page when it is
 * first opened; a component when it is first created; all at launch unless
 * app.lazyCodeLoading === 'requiredComponents'), with the module id set as the "current
 * module" so that Page()/Component() know which file they belong to.
 */
export const LOGIC_GLOBAL = '__mpkLogic';
