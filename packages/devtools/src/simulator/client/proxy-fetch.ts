/**
 * The `fetch` the simulator gives the app's network APIs: every request goes through the dev
 * server's proxy (`server/proxy.ts`), so servers need no CORS headers, and comes back as a
 * Response with the real status and headers (redirects are returned, not followed: the JSAPI
 * checks each hop against its URL policy).
 */
export const PROXY_PATH = '/__mpk/fetch';

export function proxyFetch(token: string): typeof fetch {
  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? 'GET').toUpperCase();
    const original: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (original[name] = value));
    const response = await fetch(PROXY_PATH, {
      method: 'POST',
      headers: {
        'x-mpk-token': token,
        'x-mpk-target': url,
        'x-mpk-method': method,
        'x-mpk-headers': encodeURIComponent(JSON.stringify(original)),
      },
      // A FormData body keeps its multipart encoding; the proxy forwards the boundary.
      body: method === 'GET' || method === 'HEAD' ? undefined : init.body,
      signal: init.signal,
    });
    const status = Number(response.headers.get('x-mpk-status'));
    if (!response.headers.has('x-mpk-status') || !Number.isInteger(status)) {
      throw new TypeError(((await response.text()).trim() || `the simulator's proxy answered ${response.status}`).slice(0, 500));
    }
    const headers = new Headers();
    for (const [name, value] of JSON.parse(decodeURIComponent(response.headers.get('x-mpk-headers') ?? '%5B%5D')) as Array<[string, string]>) {
      try {
        headers.append(name, value);
      } catch {
        /* a header the browser will not carry (set-cookie): the JSAPI never sees it in browsers either */
      }
    }
    const empty = method === 'HEAD' || status === 204 || status === 205 || status === 304;
    return new Response(empty ? null : response.body, {
      // Response cannot carry 1xx statuses; a proxied request never ends on one anyway.
      status: Math.min(599, Math.max(200, status)),
      statusText: decodeURIComponent(response.headers.get('x-mpk-status-text') ?? ''),
      headers,
    });
  };
}
