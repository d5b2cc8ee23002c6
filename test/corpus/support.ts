/** Building and opening the real-app corpus (../shared/corpus, read-only) headless. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, formatDiagnostic } from '@mpk/compiler';
import { Session } from '@mpk/devtools';
import type { PackageSource } from '@mpk/runtime';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where the corpus lives: `MPK_CORPUS`, else `../shared/corpus` beside the repository. */
export const CORPUS_DIR = process.env.MPK_CORPUS ? path.resolve(process.env.MPK_CORPUS) : path.resolve(here, '../../../shared/corpus');

export function corpusApps(): string[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR).filter((name) => statSync(path.join(CORPUS_DIR, name)).isDirectory()).sort();
}

export interface PageRun {
  page: string;
  /** Errors from the app, the view or the container, one line each. */
  errors: string[];
  /** The route shown at the end (another one when the page redirected). */
  shown: string | undefined;
  /** The shown page's visible text, whitespace collapsed. */
  text: string;
  html: string;
}

/**
 * Opens `page` the way a user reaches it: a fresh headless container launched at the home page,
 * then the page opened from there (`switchTab` for a tab page, `navigateTo` otherwise, so a page
 * that goes back on load can); a second of (virtual) timers runs after each step.
 */
export async function openPage(
  pkg: PackageSource,
  page: string,
  launch: { query?: Record<string, string>; pageQueries?: Record<string, string> } = {},
): Promise<PageRun> {
  let session: Session | undefined;
  const errors: string[] = [];
  let html = '';
  let shown: string | undefined;
  const app = pkg.manifest.app;
  try {
    session = await Session.open(pkg, { limits: { taskMs: 2000 }, query: launch.query });
    await session.advanceTime(1000);
    if (page !== app.entryPagePath) {
      // Errors of the home page belong to the home page's own run.
      session.errors.length = 0;
      const isTab = app.tabBar?.items.some((item) => item.pagePath === page) ?? false;
      const query = launch.pageQueries?.[page];
      await session.container.navigate(isTab ? 'switchTab' : 'navigateTo', { url: `/${page}${query ? `?${query}` : ''}` });
      await session.advanceTime(1000);
    }
    for (const e of session.errors) errors.push(`${e.kind}: ${e.message.split('\n')[0]}`);
    shown = session.container.currentPage()?.route;
    html = session.html();
  } catch (error) {
    errors.push(`threw: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    await session?.close().catch(() => {});
  }
  const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return { page, errors, shown, text, html };
}

export interface AppSurvey {
  app: string;
  built: boolean;
  buildErrors: string[];
  pages: PageRun[];
}

/** Builds `app` in memory and opens each of its pages (for the survey script). */
/**
 * How each app is launched, as its users launch it (an IDE compile mode): qingcanyin is a
 * scan-to-order app, opened from a table's QR code that carries the store id.
 */
export const LAUNCH: Record<string, { query?: Record<string, string>; pageQueries?: Record<string, string> }> = {
  qingcanyin: {
    query: { id: '1' },
    // The queries the app's own pages open them with (pages/index/index.js: '../shopping/shopping?id=8&t=100').
    pageQueries: { 'pages/shopping/shopping': 'id=8&t=100' },
  },
};

export async function surveyApp(app: string): Promise<AppSurvey> {
  const result = await build(path.join(CORPUS_DIR, app), { write: false });
  const buildErrors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).split('\n')[0]!);
  const manifest = result.manifest;
  const pages = manifest ? [...manifest.app.pages, ...manifest.app.subPackages.flatMap((s) => s.pages)] : [];
  if (!result.ok || !result.source) {
    return { app, built: false, buildErrors, pages: pages.map((page) => ({ page, errors: [], shown: undefined, text: '', html: '' })) };
  }
  const runs: PageRun[] = [];
  for (const page of pages) runs.push(await openPage(result.source, page, LAUNCH[app]));
  return { app, built: true, buildErrors, pages: runs };
}
