/**
 * The simulator's network path: the page's `my.request` / `uploadFile` / `downloadFile` are sent
 * through the dev server, which makes the real request from Node (like the official IDE), so the
 * app's servers need no CORS headers and the page stays cross-origin isolated. The response comes
 * back with its real status and headers in `x-mpk-status` / `x-mpk-headers` (a 3xx is not
 * followed: the JSAPI checks every redirect hop itself).
 *
 * Only the simulator page may use it: every call carries the per-server token the page was served
 * with, in a custom header that a foreign web page cannot send without a CORS preflight, which this
 * server never approves.
 *
 * What it reaches: public addresses only, by default. Every address a target name resolves to is
 * checked and the connection made to those addresses (the runtime's guarded fetch), so the app
 * cannot use the proxy to reach services on this machine (the dev server itself, databases) or on
 * the private network. `mpk dev --allow-loopback` admits loopback addresses (a local backend),
 * `--allow-private` private and link-local ones. The policy is logged at start and shown in the
 * Network panel (`describeProxyPolicy`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGuardedFetch, defaultResolver, type Resolver } from '@mpk/runtime/node';

export interface ProxyPolicy {
  /** Reach loopback addresses (127.0.0.0/8, ::1, localhost names): `mpk dev --allow-loopback`. */
  allowLoopback?: boolean;
  /** Reach private, link-local and reserved addresses: `mpk dev --allow-private`. */
  allowPrivate?: boolean;
  /** How names are resolved (tests pass their own). Default: dns.lookup. */
  resolve?: Resolver;
}

/** One line saying what the proxy reaches (the `mpk dev` log and the Network panel). */
export function describeProxyPolicy(policy: ProxyPolicy = {}): string {
  const reached = ['public addresses', ...(policy.allowLoopback ? ['loopback (--allow-loopback)'] : []), ...(policy.allowPrivate ? ['private networks (--allow-private)'] : [])];
  const refused = [...(policy.allowLoopback ? [] : ['loopback']), ...(policy.allowPrivate ? [] : ['private and link-local'])];
  return (
    `network proxy: the app's requests reach ${reached.join(', ')}` +
    (refused.length ? `; ${refused.join(' and ')} addresses are refused${policy.allowLoopback ? '' : ' (mpk dev --allow-loopback to reach local services)'}` : '') +
    '; domains are not checked (a device checks them against the allow-list)'
  );
}

export interface Proxy {
  /** The upstream fetch: connects only to the addresses the policy admits. */
  fetch: typeof fetch;
  /** `describeProxyPolicy(policy)`. */
  description: string;
}

/** The proxy of one dev server, under `policy`. */
export function createProxy(policy: ProxyPolicy = {}): Proxy {
  const resolve = policy.resolve ?? defaultResolver!;
  return {
    fetch: createGuardedFetch(resolve, { allowLoopback: policy.allowLoopback === true, allowPrivate: policy.allowPrivate === true }),
    description: describeProxyPolicy(policy),
  };
}

export const PROXY_PATH = '/__mpk/fetch';

/** Request headers Node's fetch manages itself or refuses. */
const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection']);

/** A request's body; past `maxBytes` it throws (the request is refused rather than buffered without end). */
export async function readBody(req: IncomingMessage, maxBytes = Infinity): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > maxBytes) throw new RangeError(`the request body is over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function decodeHeaders(value: string | string[] | undefined): Record<string, string> {
  if (typeof value !== 'string' || value === '') return {};
  const parsed = JSON.parse(decodeURIComponent(value)) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('x-mpk-headers must be a JSON object');
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(parsed)) if (!HOP_BY_HOP.has(name.toLowerCase())) out[name] = String(v);
  return out;
}

/** Handles one proxied request; `headers` are the security headers every response carries. */
export async function proxyRequest(
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  headers: Record<string, string>,
  proxy: Proxy = createProxy(),
): Promise<void> {
  const fail = (status: number, message: string): void => {
    res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${message}\n`);
  };
  if (req.method !== 'POST') return fail(405, 'the simulator proxy takes POST');
  if (req.headers['x-mpk-token'] !== token) return fail(403, 'not the simulator page');
  let target: URL;
  try {
    target = new URL(String(req.headers['x-mpk-target'] ?? ''));
  } catch {
    return fail(400, 'x-mpk-target must be an absolute URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return fail(400, 'only http and https can be proxied');
  const method = String(req.headers['x-mpk-method'] ?? 'GET').toUpperCase();
  let forwarded: Record<string, string>;
  try {
    forwarded = decodeHeaders(req.headers['x-mpk-headers']);
  } catch (error) {
    return fail(400, (error as Error).message);
  }
  // A FormData body's boundary is in the content type the page's fetch chose.
  const contentType = req.headers['content-type'];
  if (contentType && !Object.keys(forwarded).some((h) => h.toLowerCase() === 'content-type')) forwarded['content-type'] = contentType;
  const body = await readBody(req);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  let upstream: Response;
  try {
    upstream = await proxy.fetch(target, {
      method,
      headers: forwarded,
      body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
      redirect: 'manual',
      signal: abort.signal,
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string; code?: string } }).cause;
    if (cause?.code === 'EMPK_ADDRESS_REFUSED') {
      return fail(403, `mpk dev: the simulator's network proxy refused ${target.origin}: ${cause.message} (${proxy.description})`);
    }
    return fail(502, `request to ${target.origin} failed: ${cause?.message ?? (error as Error).message}`);
  }
  const responseHeaders: Array<[string, string]> = [];
  upstream.headers.forEach((value, name) => {
    if (name !== 'set-cookie') responseHeaders.push([name, value]);
  });
  for (const cookie of upstream.headers.getSetCookie?.() ?? []) responseHeaders.push(['set-cookie', cookie]);
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/octet-stream',
    'x-mpk-status': String(upstream.status),
    'x-mpk-status-text': encodeURIComponent(upstream.statusText),
    'x-mpk-headers': encodeURIComponent(JSON.stringify(responseHeaders)),
  });
  if (upstream.body) {
    try {
      for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    } catch {
      /* the page went away or the upstream broke off: end what we have */
    }
  }
  res.end();
}
