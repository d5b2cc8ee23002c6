/** Building and opening the real-app corpus (../shared/corpus, read-only) headless. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, formatDiagnostic } from '@mpk/compiler';
import { Session } from '@mpk/devtools';
import type { HostOptions, PackageSource } from '@mpk/runtime';
import { petCommunityHost } from './fixtures/pet-community-cloud.ts';

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

/** One step of the way a user reaches a page: on page `from`, tap the node matching `tap`. */
export interface OpenStep {
  /** The page the user is on (opened from the home page like any page, unless already shown). */
  from: string;
  /** A selector of the node tapped there (the first match). */
  tap: string;
}

/** How an app is launched and its pages reached, as its users do (an IDE compile mode). */
export interface Launch {
  /** The app's launch query. */
  query?: Record<string, string>;
  /** The page query a page is opened with (the one its opener passes). */
  pageQueries?: Record<string, string>;
  /** The host the app runs on (its cloud, member service…): called once per page run, so each starts fresh. */
  host?: () => HostOptions;
  /**
   * Pages reached only from another page, which hands them data (an EventChannel message): the
   * steps a user takes, the last tap opening the page.
   */
  openedFrom?: Record<string, OpenStep[]>;
}

/**
 * Opens `page` the way a user reaches it: a fresh headless container launched at the home page,
 * then the page opened from there (`switchTab` for a tab page, `navigateTo` otherwise, so a page
 * that goes back on load can), or, for a page in `launch.openedFrom`, by the taps listed there; a
 * second of (virtual) timers runs after each step.
 */
export async function openPage(pkg: PackageSource, page: string, launch: Launch = {}): Promise<PageRun> {
  let session: Session | undefined;
  const errors: string[] = [];
  let html = '';
  let shown: string | undefined;
  const app = pkg.manifest.app;
  try {
    session = await Session.open(pkg, { limits: { taskMs: 2000 }, query: launch.query, host: launch.host?.() });
    await session.advanceTime(1000);
    // Errors of the home page belong to the home page's own run.
    session.errors.length = 0;
    const open = async (route: string) => {
      if (session!.container.currentPage()?.route === route) return;
      const isTab = app.tabBar?.items.some((item) => item.pagePath === route) ?? false;
      const query = launch.pageQueries?.[route];
      await session!.container.navigate(isTab ? 'switchTab' : 'navigateTo', { url: `/${route}${query ? `?${query}` : ''}` });
      await session!.advanceTime(1000);
    };
    const steps = launch.openedFrom?.[page];
    if (steps) {
      for (const step of steps) {
        await open(step.from);
        await session.tap(step.tap);
        await session.advanceTime(1000);
      }
      const route = session.container.currentPage()?.route;
      if (route !== page) {
        const last = steps[steps.length - 1]!;
        errors.push(`opener: tapping ${JSON.stringify(last.tap)} on ${last.from} did not open ${page} (${route ?? 'no page'} is shown)`);
      }
    } else if (page !== app.entryPagePath) {
      await open(page);
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

/**
 * How each app is launched, as its users launch it: qingcanyin is a scan-to-order app, opened
 * from a table's QR code that carries the store id; pet-community runs against its cloud (its
 * developers' cloud environment, here test/corpus/fixtures/pet-community-cloud.ts).
 */
export const LAUNCH: Record<string, Launch> = {
  'pet-community': {
    host: petCommunityHost,
    openedFrom: {
      // The community feed (pages/index/index): tapping a passage sends it through the EventChannel ('PageMain_Data').
      'pages/passageDetails/passageDetails': [{ from: 'pages/index/index', tap: '.item' }],
      // Posting needs a logged-in member (我的 → 点击登录), then the feed's pen button sends the feed ('PageMain_DataA').
      'pages/release/release': [
        { from: 'pages/person/person', tap: '.login-button' },
        { from: 'pages/index/index', tap: '.floating-button' },
      ],
    },
  },
  qingcanyin: {
    query: { id: '1' },
    // The queries the app's own pages open them with (pages/index/index.js: '../shopping/shopping?id=8&t=100').
    pageQueries: { 'pages/shopping/shopping': 'id=8&t=100' },
  },
};

/** Builds `app` in memory and opens each of its pages (for the survey script). */
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
