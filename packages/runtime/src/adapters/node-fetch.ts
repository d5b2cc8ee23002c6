/**
 * The Node default `fetch` of the network APIs: a small fetch over node:http/https whose sockets
 * connect only to addresses the host admits. The name is resolved once, every address checked
 * (`resolveChecked`), and the connection made to one of those very addresses (the `lookup` hook),
 * so a DNS answer that changes between check and connect (rebinding) cannot reach a private or
 * loopback service. TLS still verifies the certificate against the host name.
 *
 * What it does like Node's own fetch: `Request` semantics for the input (headers, FormData and
 * other bodies with their content type), the `signal`, `redirect: 'manual'` (redirects are never
 * followed here; the JSAPI follows them hop by hop and checks each), gzip/deflate/br bodies
 * decoded, failures as `TypeError('fetch failed', { cause })`.
 */

import type { IncomingMessage } from 'node:http';
import { parseIp, type AddressPolicy } from './addresses.ts';
import { guardedLookup, resolveChecked, type Resolver } from './network.ts';
import { nodeBuiltin } from './node-builtins.ts';

const NULL_BODY = new Set([101, 204, 205, 304]);

function decoded(res: IncomingMessage): NodeJS.ReadableStream {
  const zlib = nodeBuiltin('node:zlib');
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return res;
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

export function createGuardedFetch(resolve: Resolver, policy: AddressPolicy): typeof fetch {
  const lookup = guardedLookup(resolve, policy);
  return async (input, init) => {
    const request = new Request(input as string | URL | Request, init);
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${url.protocol}`) });
    const signal = request.signal;
    if (signal.aborted) throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    // node:net connects to an IP literal without calling lookup: check it here.
    if (parseIp(hostname)) await resolveChecked(hostname, resolve, policy).catch((error: unknown) => Promise.reject(new TypeError('fetch failed', { cause: error })));
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    headers.accept ??= '*/*';
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    if (body) headers['content-length'] = String(body.byteLength);
    const http = nodeBuiltin(url.protocol === 'https:' ? 'node:https' : 'node:http') as typeof import('node:http');
    const { Readable } = nodeBuiltin('node:stream');
    return new Promise<Response>((resolvePromise, reject) => {
      const req = http.request(
        {
          protocol: url.protocol,
          hostname,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers,
          lookup: lookup as never,
          agent: false,
          signal,
        },
        (res) => {
          const responseHeaders = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            try {
              responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
            } catch {
              /* a header value fetch cannot carry */
            }
          }
          const status = res.statusCode ?? 502;
          const empty = request.method === 'HEAD' || NULL_BODY.has(status);
          if (empty) res.resume();
          const stream = empty ? null : (Readable.toWeb(decoded(res) as never) as unknown as ReadableStream<Uint8Array>);
          resolvePromise(new Response(stream, { status: Math.min(599, Math.max(200, status)), statusText: res.statusMessage ?? '', headers: responseHeaders }));
        },
      );
      req.on('error', (error: Error & { name?: string }) => {
        if (error.name === 'AbortError' || signal.aborted) reject(signal.reason ?? error);
        else reject(new TypeError('fetch failed', { cause: error }));
      });
      req.end(body);
    });
  };
}
