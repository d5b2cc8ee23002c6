/** `this.router` / `this.pageRouter`: route APIs with URLs relative to a page or component file. */
import { callApi } from './my.ts';

/** Resolves `url` (`./x`, `../x`, `x`, `/x`, with an optional `?query`) against the directory of `base`. */
export function resolveUrl(base: string, url: string): string {
  if (url.startsWith('/')) return url;
  const q = url.search(/[?#]/);
  const pathPart = q >= 0 ? url.slice(0, q) : url;
  const rest = q >= 0 ? url.slice(q) : '';
  const parts = base.replace(/^\//, '').split('/').slice(0, -1);
  for (const segment of pathPart.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return '/' + parts.join('/') + rest;
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
