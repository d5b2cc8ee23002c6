/** One compile mode (see compile-modes.ts, which reads them); no Node APIs here: the simulator's page uses it too. */
import type { LaunchRequest } from '@mpk/runtime';

export interface CompileMode {
  name: string;
  /** The page, without a leading slash (`pages/login/login`). */
  page: string;
  /** The page's query (`onLoad(query)`), parsed from the entry's `query` string. */
  pageQuery: Record<string, string>;
  /** The app's launch query (`App.onLaunch(options).query`). */
  launchQuery: Record<string, string>;
  scene?: number;
  referrerInfo?: LaunchRequest['referrerInfo'];
}

/** `pages/a/a?x=1`: the page path with its query, as `LaunchRequest.path` takes it. */
export function modePath(mode: CompileMode): string {
  const query = new URLSearchParams(mode.pageQuery).toString();
  return query ? `${mode.page}?${query}` : mode.page;
}
