/**
 * Writes a small mini-program described inline in a test (`{ 'pages/index/index.axml': '<view/>' }`)
 * into a temp directory, fills in what every project needs and the test did not care to write
 * (app.json listing the pages, app.js, each page's .json), and launches it with the author test harness.
 */

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Diagnostic } from '@mpk/compiler';
import { launch, type LaunchOptions, type MiniApp, type MiniPage } from '@mpk/devtools/harness';
import type { InstanceInfo } from '@mpk/runtime';

/** File path (relative to the project root) → content; objects are written as JSON. */
export type ProjectFiles = Record<string, string | object>;

export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');

const tempDirs = new Set<string>();

/** Page routes of the project: every `.axml` next to a `.js`/`.ts` outside components/templates, home first. */
function pagesOf(files: ProjectFiles): string[] {
  const pages: string[] = [];
  for (const file of Object.keys(files)) {
    const match = /^(.*)\.axml$/.exec(file);
    if (!match) continue;
    const base = match[1]!;
    if (!base.startsWith('pages/')) continue;
    if (!(`${base}.js` in files) && !(`${base}.ts` in files)) continue;
    pages.push(base);
  }
  return pages.sort((a, b) => (a === 'pages/index/index' ? -1 : b === 'pages/index/index' ? 1 : a.localeCompare(b)));
}

/** The files with defaults added: app.json, app.js, and a `{}` .json for each page that lacks one. */
export function completeProject(files: ProjectFiles): ProjectFiles {
  const out: ProjectFiles = { ...files };
  const pages = pagesOf(files);
  if (!('app.json' in out)) out['app.json'] = { pages };
  if (!('app.js' in out) && !('app.ts' in out)) out['app.js'] = 'App({});\n';
  const appJson = out['app.json'];
  const declared = typeof appJson === 'string' ? (JSON.parse(appJson) as { pages?: string[] }).pages ?? [] : ((appJson as { pages?: string[] }).pages ?? []);
  for (const page of new Set([...pages, ...declared])) if (!(`${page}.json` in out)) out[`${page}.json`] = {};
  return out;
}

/** Writes the project (completed with defaults) to a fresh temp directory and returns it. */
export async function writeProject(files: ProjectFiles, options: { complete?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mpk-e2e-'));
  tempDirs.add(dir);
  const all = options.complete === false ? files : completeProject(files);
  for (const [file, content] of Object.entries(all)) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Writes and launches a project; the app is closed and its directory removed by `closeAll()`. */
export async function launchProject(files: ProjectFiles, options: LaunchOptions = {}): Promise<MiniApp> {
  const dir = await writeProject(files);
  const app = await launch(dir, { limits: { taskMs: 2000 }, ...options });
  openApps.add(app);
  return app;
}

/** Builds a project without running it (for compile-error tests). */
export async function buildProject(files: ProjectFiles): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
  const dir = await writeProject(files);
  const result = await build(dir, { outDir: path.join(dir, 'dist') });
  return { ok: result.ok, diagnostics: result.diagnostics };
}

const openApps = new Set<MiniApp>();

/** Launches an example project (`todo`, `shop`). */
export async function launchExample(name: string, options: LaunchOptions = {}): Promise<MiniApp> {
  const app = await launch(path.join(EXAMPLES_DIR, name), options);
  openApps.add(app);
  return app;
}

/** Closes every app launched through this module and removes the temp projects. Use in `afterAll`/`afterEach`. */
export async function closeAll(): Promise<void> {
  const apps = [...openApps];
  openApps.clear();
  await Promise.all(apps.map((app) => app.close().catch(() => {})));
  const dirs = [...tempDirs];
  tempDirs.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/** `console.log` lines the app printed, each joined into one string (for lifecycle order assertions). */
export function logLines(app: MiniApp): string[] {
  return app.logs.filter((entry) => entry.level === 'log').map((entry) => entry.args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
}

/** A reader of the log lines the app printed since its previous call, for step-by-step sequence assertions. */
export function logCursor(app: () => MiniApp): () => string[] {
  let seen = 0;
  return () => {
    const lines = logLines(app());
    const fresh = lines.slice(seen);
    seen = lines.length;
    return fresh;
  };
}

/** A page with just a template and a script (and optionally a json/acss), as project files. */
export function page(route: string, parts: { axml: string; js?: string; json?: object; acss?: string }): ProjectFiles {
  const files: ProjectFiles = { [`${route}.axml`]: parts.axml, [`${route}.js`]: parts.js ?? 'Page({});\n' };
  if (parts.json) files[`${route}.json`] = parts.json;
  if (parts.acss !== undefined) files[`${route}.acss`] = parts.acss;
  return files;
}

/** A component (json gets `component: true`). */
export function component(id: string, parts: { axml: string; js?: string; json?: object; acss?: string }): ProjectFiles {
  const files: ProjectFiles = {
    [`${id}.axml`]: parts.axml,
    [`${id}.js`]: parts.js ?? 'Component({});\n',
    [`${id}.json`]: { component: true, ...parts.json },
  };
  if (parts.acss !== undefined) files[`${id}.acss`] = parts.acss;
  return files;
}

/** Every custom component instance on a page (depth-first, parents before children). */
export function componentsOf(p: MiniPage): InstanceInfo[] {
  const out: InstanceInfo[] = [];
  const walk = (info: InstanceInfo | undefined): void => {
    for (const child of info?.children ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(p.components());
  return out;
}

/** `<view id="<id>" onTap="<handler>">` for each entry: the buttons a page's test taps. */
export function buttons(handlers: Record<string, string>): string {
  return Object.entries(handlers).map(([id, handler]) => `<view id="${id}" onTap="${handler}">${id}</view>`).join('\n');
}
