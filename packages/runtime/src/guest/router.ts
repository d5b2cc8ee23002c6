/** `this.router` / `this.pageRouter`: route APIs with URLs relative to a page or component file. */
import { callApi } from './my.ts';
import { append, joinList, sliceString, splitString } from './intrinsics.ts';

/** Resolves `url` (`./x`, `../x`, `x`, `/x`, with an optional `?query`) against the directory of `base`. */
export function resolveUrl(base: string, url: string): string {
  if (url[0] === '/') return url;
  let q = -1;
  for (let i = 0; i < url.length && q < 0; i++) if (url[i] === '?' || url[i] === '#') q = i;
  const pathPart = q >= 0 ? sliceString(url, 0, q) : url;
  const rest = q >= 0 ? sliceString(url, q) : '';
  const parts = splitString(base[0] === '/' ? sliceString(base, 1) : base, '/');
  parts.length--;
  const segments = splitString(pathPart, '/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === '..') {
      if (parts.length > 0) parts.length--;
    } else if (segment !== '.' && segment !== '') append(parts, segment);
  }
  return '/' + joinList(parts, '/') + rest;
}

export function makeRouter(base: string): Record<string, (options?: Record<string, unknown>) => unknown> {
  const relative = (api: string) => (options: Record<string, unknown> = {}) => {
    const args = { ...options };
    if (typeof args.url === 'string') args.url = resolveUrl(base, args.url);
    return callApi(api, args);
  };
  return {
    navigateTo: relative('navigateTo'),
    redirectTo: relative('redirectTo'),
    switchTab: relative('switchTab'),
    reLaunch: relative('reLaunch'),
    navigateBack: (options: Record<string, unknown> = {}) => callApi('navigateBack', options),
  };
}
