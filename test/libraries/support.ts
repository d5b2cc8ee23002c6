/**
 * Shared by the component-library suites: each library is installed from npm into its own project under
 * test/libraries/<lib> (a pnpm workspace package pinning the version), launched once per file, and every
 * documented component is opened on its own page (reLaunch), the way a user would reach it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, type MiniApp, type MiniPage } from '@mpk/devtools/harness';

export const LIBRARIES_DIR = path.dirname(fileURLToPath(import.meta.url));

export function projectDir(lib: string): string {
  return path.join(LIBRARIES_DIR, lib);
}

/** The library as npm installed it into the project (`node_modules/<lib>/package.json`), or undefined. */
export function installedVersion(lib: string): string | undefined {
  const file = path.join(projectDir(lib), 'node_modules', lib, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

export function pinnedVersion(lib: string): string {
  return (JSON.parse(readFileSync(path.join(projectDir(lib), 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies[lib]!;
}

export function launchLibrary(lib: string): Promise<MiniApp> {
  return launch(projectDir(lib), { limits: { taskMs: 5000 } });
}

export interface Opened {
  page: MiniPage;
  /** Errors of the app, the view or the container since the page was opened (one line each). */
  errors(): string[];
  /** The page's visible text, whitespace collapsed. */
  text(): string;
  /** `console.log` lines since the page was opened. */
  logs(): string[];
  /** `console.warn` lines since the page was opened. */
  warnings(): string[];
}

/** Opens `route` (reLaunch), lets a second of its timers run, and tracks what happens from there. */
export async function openPage(app: MiniApp, route: string, ms = 1000): Promise<Opened> {
  const errors = app.errors.length;
  const logs = app.logs.length;
  await app.navigate('reLaunch', { url: `/${route}` });
  await app.advanceTime(ms);
  const page = app.currentPage();
  const lines = (level: string) =>
    app.logs
      .slice(logs)
      .filter((l) => l.level === level)
      .map((l) => l.args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  return {
    page,
    errors: () => app.errors.slice(errors).map((e) => `${e.kind}: ${e.message.split('\n')[0]}`),
    text: () => visibleText(page.html()),
    logs: () => lines('log'),
    warnings: () => lines('warn'),
  };
}

export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text a page's own template writes outside `{{ }}` (what the docs' examples put between tags), minus the
 * demo titles: each is expected on screen unless the component hides it on purpose (listed per test).
 */
export function templateTexts(lib: string, route: string): string[] {
  const axml = readFileSync(path.join(projectDir(lib), `${route}.axml`), 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<view class="demo-title">[^<]*<\/view>/g, '');
  return [...axml.matchAll(/>([^<>]+)</g)]
    .map((m) => m[1]!.replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '' && !t.includes('{{'));
}

/** Pages of the project's app.json. */
export function appPages(lib: string): string[] {
  return (JSON.parse(readFileSync(path.join(projectDir(lib), 'app.json'), 'utf8')) as { pages: string[] }).pages;
}

/** The `console.log` lines a page's handlers wrote as `event <name> …`. */
export function events(opened: Opened, name: string): string[] {
  return opened.logs().filter((line) => line === `event ${name}` || line.startsWith(`event ${name} `));
}

export function classesOf(page: MiniPage, selector: string): string[] {
  const node = page.querySelector(selector);
  return node ? String(node.attrs.class ?? '').split(/\s+/).filter(Boolean) : [];
}
