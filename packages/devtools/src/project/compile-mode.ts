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

/** What the form sends: the page without a leading slash, queries as `a=1&b=2`. */
export interface CompileModeInput {
  name: string;
  page: string;
  query?: string;
  /** Empty or null: the default scene. */
  scene?: number | string | null;
  /** The app's launch query (the IDE's 全局参数), `a=1&b=2`. */
  launchQuery?: string;
  referrerInfo?: { appId?: string; extraData?: unknown };
}

/** Why a mode was refused: a stable code, the form field it is about, and a sentence. */
export interface CompileModeError {
  code: 'MODE_INPUT' | 'MODE_NAME' | 'MODE_DUPLICATE' | 'MODE_NOT_FOUND' | 'MODE_PAGE' | 'MODE_QUERY' | 'MODE_SCENE' | 'MODE_REFERRER' | 'MODE_FILE';
  field?: string;
  message: string;
}

/** `pages/a/a?x=1`: the page path with its query, as `LaunchRequest.path` takes it. */
export function modePath(mode: CompileMode): string {
  const query = new URLSearchParams(mode.pageQuery).toString();
  return query ? `${mode.page}?${query}` : mode.page;
}
