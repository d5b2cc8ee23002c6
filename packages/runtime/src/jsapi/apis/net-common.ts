/**
 * What the network APIs share: the URL policy (HTTPS/WSS only, no IP literals, the domain
 * allow-list, loopback only when the host allows it), the address check (every address a name
 * resolves to must be public unless the host grants more), abort/timeout handling, bounded body
 * reading, manual redirects that re-check the policy on every hop, and a small cookie jar.
 */

import { AddressRefusedError, domainAllowed, isIpLiteral, isLoopbackHost, resolveChecked } from '../../adapters/network.ts';
import { ApiFailure } from '../errors.ts';
import type { ApiCallContext } from '../types.ts';
import { concatBytes } from './binary.ts';

export interface UrlPolicy {
  api: string;
  /** `https:` or `wss:`. */
  secure: string;
  /** `http:` or `ws:`: only to loopback hosts, only when the host allows it. */
  insecure: string;
  /** Whether the domain allow-list applies (every network API: a host's allow-list is its whole network grant). */
  allowList: boolean;
  codes: { invalid: number; scheme: number; insecure: number; notAllowed: number };
}

export function checkUrl(raw: string, ctx: ApiCallContext, policy: UrlPolicy): URL {
  const { api, codes } = policy;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiFailure(codes.invalid, `${api}: invalid URL ${JSON.stringify(raw.slice(0, 200))}`);
  }
  const { allowInsecureLoopback, allowDomains } = ctx.host.network;
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === policy.insecure) {
    if (!(loopback && allowInsecureLoopback)) {
      throw new ApiFailure(codes.insecure, `${api}: ${policy.insecure.slice(0, -1)} URLs are not supported, use ${policy.secure.slice(0, -1)}`);
    }
  } else if (url.protocol !== policy.secure) {
    throw new ApiFailure(codes.scheme, `${api}: the URL must start with ${policy.secure}//`);
  }
  if (loopback) {
    if (!allowInsecureLoopback) throw new ApiFailure(codes.notAllowed, `${api}: loopback host "${url.hostname}" is not reachable (host.network.allowInsecureLoopback)`);
    return url;
  }
  if (isIpLiteral(url.hostname)) throw new ApiFailure(codes.notAllowed, `${api}: IP addresses are not allowed ("${url.hostname}"); use a domain`);
  if (policy.allowList && !domainAllowed(url.hostname, allowDomains)) {
    throw new ApiFailure(codes.notAllowed, `${api}: "${url.hostname}" is not in the domain allow-list (host.network.allowDomains)`);
  }
  return url;
}

function addressFailure(policy: UrlPolicy, error: AddressRefusedError): ApiFailure {
  return new ApiFailure(
    policy.codes.notAllowed,
    `${policy.api}: ${error.message}; refused (host.network.${error.reason.includes('loopback') || error.reason.includes('unspecified') ? 'allowInsecureLoopback' : 'allowPrivateAddresses'})`,
  );
}

/**
 * The address check, after `checkUrl`: every address the URL's host resolves to (through the
 * host's resolver) must be public unless granted. A name that does not resolve is left to the
 * connection to report. Skipped where no resolver exists (browsers resolve by themselves).
 */
export async function checkAddress(url: URL, ctx: ApiCallContext, policy: UrlPolicy): Promise<void> {
  const { resolve, allowInsecureLoopback, allowPrivateAddresses } = ctx.host.network;
  if (!resolve) return;
  try {
    await resolveChecked(url.hostname, resolve, { allowLoopback: allowInsecureLoopback, allowPrivate: allowPrivateAddresses });
  } catch (error) {
    if (error instanceof AddressRefusedError) throw addressFailure(policy, error);
  }
}

/** An AddressRefusedError inside what a fetch or WebSocket threw (the guarded defaults throw it at connect time). */
export function refusedAddress(error: unknown): AddressRefusedError | undefined {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e instanceof AddressRefusedError) return e;
  }
  return undefined;
}

type AbortKind = 'timeout' | 'abort' | 'closed';

/** One transfer's cancellation: its timeout, `task.abort()`, and the registry closing. */
export class Transfer {
  readonly controller = new AbortController();
  private kind: AbortKind | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onClose = () => this.abort('closed');

  constructor(
    private readonly ctx: ApiCallContext,
    readonly timeoutMs: number,
  ) {
    this.timer = setTimeout(() => this.abort('timeout'), timeoutMs);
    if (ctx.signal.aborted) this.abort('closed');
    else ctx.signal.addEventListener('abort', this.onClose, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(kind: AbortKind): void {
    if (this.kind) return;
    this.kind = kind;
    this.controller.abort(new Error(kind));
  }

  /** What stopped the transfer, if it was stopped. */
  get stoppedBy(): AbortKind | undefined {
    return this.kind;
  }

  finish(): void {
    clearTimeout(this.timer);
    this.ctx.signal.removeEventListener('abort', this.onClose);
  }
}

/** Lower-cased header object without the cookies the platform hides from JS. */
export function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.toLowerCase() !== 'set-cookie') out[name.toLowerCase()] = value;
  });
  return out;
}

/** Merges user headers case-insensitively, later sources winning; values must already be strings. */
export function mergeHeaders(...sources: (Record<string, string> | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) out[name.toLowerCase()] = value;
  }
  return out;
}

/** Reads a body up to `maxBytes`, reporting progress; throws ApiFailure(`tooLargeCode`) past the limit. */
export async function readBody(
  response: Response,
  maxBytes: number,
  tooLarge: () => ApiFailure,
  onProgress?: (received: number, expected: number) => void,
): Promise<Uint8Array> {
  const expected = Number(response.headers.get('content-length')) || 0;
  if (expected > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
    onProgress?.(received, expected);
  }
  return concatBytes(chunks, received);
}

/** Cookies the server set, sent back to it; invisible to the mini-program (docs: my.request FAQ). */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: URL): string | undefined {
    const host = url.hostname.toLowerCase();
    const pairs: string[] = [];
    for (const [domain, jar] of this.cookies) {
      if (host !== domain && !host.endsWith(`.${domain}`)) continue;
      for (const [name, value] of jar) pairs.push(`${name}=${value}`);
    }
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  store(url: URL, headers: Headers): void {
    const setCookies = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
    const host = url.hostname.toLowerCase();
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let domain = host;
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=').map((p) => p.trim());
        const lower = key.toLowerCase();
        if (lower === 'domain') {
          const d = val.replace(/^\./, '').toLowerCase();
          if (host === d || host.endsWith(`.${d}`)) domain = d;
        } else if (lower === 'max-age' && Number(val) <= 0) expired = true;
        else if (lower === 'expires' && Date.parse(val) < Date.now()) expired = true;
      }
      let jar = this.cookies.get(domain);
      if (!jar) this.cookies.set(domain, (jar = new Map()));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * fetch with redirects followed by hand, so that each hop is checked against the URL policy
 * (a redirect must not lead around the allow-list) and collects cookies.
 */
/**
 * The host reports no network (`container.setNetworkType('NOTREACHABLE')`): nothing is sent, and
 * the call fails as a network error does (each API maps it to its documented code).
 */
export function assertOnline(ctx: ApiCallContext): void {
  if (ctx.host.network.type === 'NOTREACHABLE') throw new Error('offline: the device has no network (NOTREACHABLE)');
}

export async function fetchChecked(
  ctx: ApiCallContext,
  policy: UrlPolicy,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: BodyInit; signal: AbortSignal },
): Promise<{ response: Response; url: URL }> {
  assertOnline(ctx);
  const jar = ctx.local('cookies', () => new CookieJar());
  let current = url;
  let { method, body } = init;
  for (let hop = 0; hop <= 10; hop++) {
    const headers = { ...init.headers };
    const cookie = jar.header(current);
    if (cookie && !headers.cookie) headers.cookie = cookie;
    await checkAddress(current, ctx, policy);
    let response: Response;
    try {
      response = await ctx.host.network.fetch(current.href, { method, headers, body, signal: init.signal, redirect: 'manual' });
    } catch (error) {
      const refused = refusedAddress(error);
      throw refused ? addressFailure(policy, refused) : error;
    }
    if (response.type === 'opaqueredirect') {
      // Browsers hide redirect targets; their own CORS rules apply to where it leads.
      return { response: await ctx.host.network.fetch(current.href, { method, headers, body, signal: init.signal }), url: current };
    }
    jar.store(current, response.headers);
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || !location) return { response, url: current };
    await response.body?.cancel().catch(() => undefined);
    current = checkUrl(new URL(location, current).href, ctx, policy);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
  }
  throw new ApiFailure(12, `${policy.api}: too many redirects`);
}
