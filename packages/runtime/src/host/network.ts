/**
 * Network capabilities of a host: HTTP through `fetch` (Node's undici or the browser's) and
 * WebSockets through the `ws` package in Node or the browser's `WebSocket`, behind an allow-list.
 */

import { isNode } from './node-builtins.ts';

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

export interface NetworkOptions {
  /**
   * Domains the app may reach with `request` and `uploadFile`, matched like the platform's
   * allow-list: `example.com` admits `example.com` and every subdomain. `'*'` admits every domain.
   * Default: none (each request fails with the documented "no permission" code).
   */
  allowDomains?: string[];
  /** Admit `http://` and `ws://` to loopback hosts (127.0.0.0/8, ::1, localhost). Tests set it. Default false. */
  allowInsecureLoopback?: boolean;
  /** What `my.getNetworkType` reports. Default `WIFI`. */
  type?: NetworkType;
  /** Custom fetch (proxies, tests). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Custom WebSocket factory. Default: `ws` in Node, the global WebSocket in browsers. */
  webSocket?: WebSocketFactory;
  /** Largest response body accepted, in bytes. Default 32 MiB. */
  maxResponseBytes?: number;
}

export const defaultWebSocketFactory: WebSocketFactory = async (url, { protocols, headers }) => {
  if (isNode) {
    // Imported on first use: browser bundles never need it, and Node 20 has no global WebSocket.
    const { WebSocket } = await import('ws');
    return new WebSocket(url, protocols, { headers }) as unknown as WebSocketLike;
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
  const h = host.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || (isIpv4(h) && h.startsWith('127.'));
}

/** Domain allow-list match: the host equals an entry or is a subdomain of it. */
export function domainAllowed(host: string, allowDomains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowDomains.some((entry) => {
    const d = entry.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    return d === '*' || h === d || h.endsWith(`.${d}`);
  });
}
