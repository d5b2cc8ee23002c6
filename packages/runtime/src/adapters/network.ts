/**
 * Network capabilities of a host: HTTP through `fetch` (Node's undici or the browser's) and
 * WebSockets through the `ws` package in Node or the browser's `WebSocket`, behind an allow-list.
 */

import { addressRefusal, parseIp, type AddressPolicy } from './addresses.ts';
import { isNode, nodeBuiltin } from './node-builtins.ts';

export type NetworkType = 'WIFI' | '4G' | '3G' | '2G' | '5G' | 'WWAN' | 'UNKNOWN' | 'NOTREACHABLE';

/** The part of the WHATWG WebSocket interface the JSAPI uses (`ws` implements it too). */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string | ArrayBuffer | Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: any) => void): void;
}

export type WebSocketFactory = (url: string, options: { protocols?: string[]; headers?: Record<string, string> }) => WebSocketLike | Promise<WebSocketLike>;

/** Resolves a host name to its addresses (`dns.lookup` with `all: true` in Node). */
export type Resolver = (hostname: string) => Promise<ReadonlyArray<string | { address: string }>>;

export interface NetworkOptions {
  /**
   * Domains the app may reach with every network API (`request`, `uploadFile`, `downloadFile`,
   * `connectSocket`), matched like the platform's allow-list: `example.com` admits `example.com`
   * and every subdomain. `'*'` admits every domain. Default: none (each call fails with its API's
   * "no permission" code).
   */
  allowDomains?: string[];
  /**
   * Admit loopback hosts (localhost, 127.0.0.0/8, ::1) — by name and as the address a name resolves
   * to — and `http://`/`ws://` to loopback names. Tests set it. Default false.
   */
  allowInsecureLoopback?: boolean;
  /**
   * After DNS resolution, every address a name resolves to must be public: loopback, private
   * (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7…), link-local (169.254/16, fe80::/10) and
   * reserved ranges are refused, in IPv4 and IPv6 (mapped and other IPv4-carrying forms included).
   * `true` admits private, link-local and reserved ranges (not loopback: see allowInsecureLoopback);
   * a list admits only those CIDR ranges (`['10.1.0.0/16', 'fd00::/8']`). Default false.
   */
  allowPrivateAddresses?: boolean | string[];
  /**
   * How names are resolved for that check. Default: `dns.lookup` in Node; none in browsers, where
   * the browser resolves and connects by itself (the check cannot be made there).
   * With the default fetch and WebSocket in Node, the connection goes to the very addresses this
   * returned and checked (no second lookup a DNS rebinding could answer differently).
   */
  resolve?: Resolver;
  /** What `my.getNetworkType` reports. Default `WIFI`. */
  type?: NetworkType;
  /** Custom fetch (proxies, tests). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Custom WebSocket factory. Default: `ws` in Node, the global WebSocket in browsers. */
  webSocket?: WebSocketFactory;
  /** Largest response body accepted, in bytes. Default 32 MiB. */
  maxResponseBytes?: number;
}

export const defaultWebSocketFactory: WebSocketFactory = (url, options) => openWebSocket(url, options);

async function openWebSocket(url: string, { protocols, headers }: { protocols?: string[]; headers?: Record<string, string> }, lookup?: NodeLookup): Promise<WebSocketLike> {
  if (isNode) {
    // Imported on first use: browser bundles never need it, and Node 20 has no global WebSocket.
    const { WebSocket } = await import('ws');
    return new WebSocket(url, protocols, { headers, ...(lookup ? { lookup } : {}) }) as unknown as WebSocketLike;
  }
  const Native = (globalThis as { WebSocket?: new (url: string, protocols?: string[]) => WebSocketLike }).WebSocket;
  if (!Native) throw new Error('no WebSocket implementation in this environment');
  // Browsers cannot set handshake headers; `header` is ignored there.
  return new Native(url, protocols);
};

function isIpv4(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/** `host` as `URL.hostname` gives it (IPv6 in brackets). */
export function isIpLiteral(host: string): boolean {
  return isIpv4(host) || host.startsWith('[');
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || (isIpv4(h) && h.startsWith('127.'));
}

/** A connection refused because of the address its host name resolved to. */
export class AddressRefusedError extends Error {
  override name = 'AddressRefusedError';
  readonly code = 'EMPK_ADDRESS_REFUSED';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`"${hostname}" resolves to ${address}, ${reason}`);
  }
}

/** `dns.lookup(hostname, { all: true })` in Node; undefined in browsers. */
export const defaultResolver: Resolver | undefined = isNode
  ? async (hostname) => (await nodeBuiltin('node:dns').promises.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address)
  : undefined;

/**
 * The addresses `hostname` resolves to, every one of them checked against `policy` (an IP
 * literal is its own address). Throws AddressRefusedError for the first refused one, and the
 * resolver's error (ENOTFOUND…) when the name does not resolve.
 */
export async function resolveChecked(hostname: string, resolve: Resolver, policy: AddressPolicy): Promise<string[]> {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  // `localhost` and `*.localhost` are loopback whatever a resolver says (RFC 6761).
  if (!parseIp(bare) && isLoopbackHost(bare)) {
    const reason = addressRefusal('127.0.0.1', policy);
    if (reason) throw new AddressRefusedError(bare, '127.0.0.1', reason);
  }
  const addresses = parseIp(bare) ? [bare] : (await resolve(bare)).map((a) => (typeof a === 'string' ? a : a.address));
  if (addresses.length === 0) throw Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' });
  for (const address of addresses) {
    const reason = addressRefusal(address, policy);
    if (reason) throw new AddressRefusedError(bare, address, reason);
  }
  return addresses;
}

type NodeLookup = (hostname: string, options: { family?: number | string; all?: boolean }, callback: (...args: any[]) => void) => void;

/**
 * A `lookup` for node:net/http/tls and `ws`: resolves with `resolve`, refuses (AddressRefusedError)
 * when any address is not allowed, and connects to the checked addresses only.
 */
export function guardedLookup(resolve: Resolver, policy: AddressPolicy): NodeLookup {
  return (hostname, options, callback) => {
    resolveChecked(hostname, resolve, policy).then(
      (addresses) => {
        const family = options?.family === 'IPv6' || options?.family === 6 ? 6 : options?.family === 'IPv4' || options?.family === 4 ? 4 : 0;
        const withFamily = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
        const usable = family ? withFamily.filter((a) => a.family === family) : withFamily;
        if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }));
        if (options?.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  };
}

/** The Node default WebSocket (`ws`), connecting only to addresses the guard admits. */
export function guardedWebSocketFactory(resolve: Resolver, policy: AddressPolicy): WebSocketFactory {
  const lookup = guardedLookup(resolve, policy);
  return async (url, options) => {
    // node:net connects to an IP literal without a lookup: check it here.
    const host = new URL(url).hostname;
    if (parseIp(host.replace(/^\[|\]$/g, ''))) await resolveChecked(host, resolve, policy);
    return openWebSocket(url, options, isNode ? lookup : undefined);
  };
}

/** Domain allow-list match: the host equals an entry or is a subdomain of it. */
export function domainAllowed(host: string, allowDomains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowDomains.some((entry) => {
    const d = entry.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    return d === '*' || h === d || h.endsWith(`.${d}`);
  });
}
