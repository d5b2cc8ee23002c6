/**
 * Page URLs as routing APIs and launch options write them: `/pages/a/a?x=1`, `../b/b`, `pages/c/c`.
 * Resolution follows the routing docs: paths are relative to the page on top of the stack unless
 * they start with `/`; a leading `/` or none both mean the project root for bare page paths.
 */

export interface PageUrl {
  /** Page id (project path without extension or leading slash). */
  route: string;
  query: Record<string, string>;
  /** The query string as written (without `?`), for launch options and logs. */
  search: string;
}

/** Parses `k=v&k2=v2`. Values are URI-decoded unless `decode` is false (app.json behavior.decodeQuery: "disable"). */
export function parseQuery(search: string, decode = true): Record<string, string> {
  const query: Record<string, string> = {};
  if (!search) return query;
  for (const part of search.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    query[decode ? safeDecode(rawKey) : rawKey] = decode ? safeDecode(rawValue) : rawValue;
  }
  return query;
}

export function stringifyQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Resolves `url` against the route of the current page (`from`, may be undefined at launch).
 * `./x` and `../x` are relative to the directory of `from`; `/x` and bare `x` from the root
 * when `from` is undefined; bare `x` is relative to `from`'s directory otherwise (as the docs'
 * `my.navigateTo({ url: './back' })` and `'../../hello/hello'` examples imply).
 */
export function resolvePageUrl(url: string, from: string | undefined, decode = true): PageUrl {
  const q = url.indexOf('?');
  const pathPart = (q < 0 ? url : url.slice(0, q)).trim();
  const search = q < 0 ? '' : url.slice(q + 1);
  let segments: string[];
  if (pathPart.startsWith('/') || from === undefined) {
    segments = pathPart.split('/');
  } else {
    segments = [...from.split('/').slice(0, -1), ...pathPart.split('/')];
  }
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  let route = out.join('/');
  route = route.replace(/\.(js|ts|axml)$/, '');
  return { route, query: parseQuery(search, decode), search };
}
