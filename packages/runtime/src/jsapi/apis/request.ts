/**
 * my.request (docs: api/基础API/网络/my.request): HTTPS to allow-listed domains, every HTTP status
 * reaches success with `{ data, status, headers }` (+ `statusCode`/`header`), `dataType`
 * json/text/base64/arraybuffer, a timeout defaulting to app.json `networkTimeout.request`, and a
 * RequestTask whose `abort()` fails the call with `{ error: 9, errorMessage: 'request:fail abort' }`.
 */

import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';
import { fromBase64, isBinaryMarker, toBase64, toBinaryMarker } from './binary.ts';
import { Transfer, checkUrl, fetchChecked, headersObject, mergeHeaders, readBody, type UrlPolicy } from './net-common.ts';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT'] as const;
/** fetch refuses these methods (forbidden by the Fetch standard). */
const UNSUPPORTED_METHODS = new Set(['TRACE', 'CONNECT']);

const headerRecord = s.record(s.string(), { description: 'HTTP headers; keys and values must be strings.' });

const requestParams = s.object(
  {
    url: s.string({ minLength: 1, maxLength: 64 * 1024, description: 'HTTPS URL of an allow-listed domain.' }),
    method: s.enum(METHODS, { caseInsensitive: true, default: 'GET' }),
    data: s.any({ description: 'Object (query string for GET, JSON or form body otherwise), string, or { $arraybuffer: base64 }.' }),
    headers: headerRecord,
    header: headerRecord,
    timeout: s.number({ minimum: 0, description: 'ms; 0 or absent: app.json networkTimeout.request (default 30000).' }),
    dataType: s.enum(['json', 'text', 'base64', 'arraybuffer'], { caseInsensitive: true, default: 'json' }),
    referrerStrategy: s.string(),
  },
  { required: ['url'] },
);

const responseResult = s.object(
  {
    data: s.any({ description: 'Parsed per dataType.' }),
    status: s.integer(),
    headers: s.record(s.string()),
    statusCode: s.integer(),
    header: s.record(s.string()),
  },
  { required: ['data', 'status', 'headers', 'statusCode', 'header'] },
);

interface RequestArgs {
  url: string;
  method: (typeof METHODS)[number];
  data?: unknown;
  headers?: Record<string, string>;
  header?: Record<string, string>;
  timeout?: number;
  dataType: 'json' | 'text' | 'base64' | 'arraybuffer';
}

const POLICY: UrlPolicy = {
  api: 'request',
  secure: 'https:',
  insecure: 'http:',
  allowList: true,
  codes: { invalid: ErrorCode.INVALID_PARAM, scheme: ErrorCode.INVALID_PARAM, insecure: 20, notAllowed: 11 },
};

/** `encodeURIComponent(k)=encodeURIComponent(v)&…` (docs: data 参数说明). */
function queryString(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

function appendQuery(url: URL, query: string): void {
  if (!query) return;
  url.search = url.search ? `${url.search.slice(1)}&${query}` : query;
}

/** Encodes `data` per the docs: query string for GET, else JSON or form encoding by content-type. */
function encodeData(url: URL, method: string, data: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (data === undefined || data === null) return undefined;
  const bodiless = method === 'GET' || method === 'HEAD';
  if (isBinaryMarker(data)) {
    if (bodiless) throw new ApiFailure(ErrorCode.INVALID_PARAM, `request: a ${method} request cannot carry binary data`);
    try {
      return fromBase64(data.$arraybuffer) as Uint8Array<ArrayBuffer>;
    } catch {
      throw new ApiFailure(ErrorCode.INVALID_PARAM, 'request: parameter "data.$arraybuffer" should be base64');
    }
  }
  if (typeof data === 'string') {
    if (bodiless) appendQuery(url, data.replace(/^\?/, ''));
    return bodiless ? undefined : data;
  }
  if (typeof data !== 'object') return bodiless ? (appendQuery(url, encodeURIComponent(String(data))), undefined) : String(data);
  if (bodiless) {
    appendQuery(url, queryString(data as Record<string, unknown>));
    return undefined;
  }
  const contentType = headers['content-type'] ?? '';
  if (contentType.includes('application/x-www-form-urlencoded') && !Array.isArray(data)) return queryString(data as Record<string, unknown>);
  return JSON.stringify(data);
}

function decodeData(bytes: Uint8Array, dataType: RequestArgs['dataType'], contentType: string | null): { ok: true; data: unknown } | { ok: false; text: string } {
  switch (dataType) {
    case 'arraybuffer':
      return { ok: true, data: toBinaryMarker(bytes) };
    case 'base64': {
      const mime = (contentType ?? 'application/octet-stream').split(';')[0]!.trim() || 'application/octet-stream';
      return { ok: true, data: `data:${mime};base64,${toBase64(bytes)}` };
    }
    case 'text':
      return { ok: true, data: new TextDecoder().decode(bytes) };
    case 'json': {
      const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
      // An empty body (204, HEAD) has nothing to decode: it arrives as ''.
      if (text.trim() === '') return { ok: true, data: '' };
      try {
        return { ok: true, data: JSON.parse(text) };
      } catch {
        return { ok: false, text };
      }
    }
  }
}

/**
 * The default content-type: `application/json` for my.request, `application/x-www-form-urlencoded`
 * for the legacy my.httpRequest (docs: my.request 常见问题, "my.request 与 my.httpRequest 的区别").
 */
const DEFAULT_CONTENT_TYPE = { request: 'application/json', httpRequest: 'application/x-www-form-urlencoded' } as const;

async function request(args: RequestArgs, ctx: ApiCallContext, api: keyof typeof DEFAULT_CONTENT_TYPE = 'request') {
  const url = checkUrl(args.url, ctx, POLICY);
  if (UNSUPPORTED_METHODS.has(args.method)) throw new ApiFailure(ErrorCode.INVALID_PARAM, `${api}: method ${args.method} is not supported`);
  const headers = mergeHeaders({ 'content-type': DEFAULT_CONTENT_TYPE[api] }, args.header, args.headers);
  delete headers.referer;
  const body = encodeData(url, args.method, args.data, headers);
  const transfer = new Transfer(ctx, args.timeout || (ctx.app.networkTimeout?.request ?? 30000));
  ctx.tasks.open(ctx.callId, 'request', { abort: () => transfer.abort('abort'), dispose: () => transfer.abort('closed') } as TransferTaskState);
  try {
    const { response } = await fetchChecked(ctx, POLICY, url, { method: args.method, headers, body, signal: transfer.signal });
    const responseHeaders = headersObject(response.headers);
    ctx.tasks.emit(ctx.callId, 'HeadersReceived', { header: responseHeaders });
    const bytes = await readBody(response, ctx.host.network.maxResponseBytes, () => new ApiFailure(12, 'request: the response is too large'));
    const decoded = decodeData(bytes, args.dataType, response.headers.get('content-type'));
    const status = response.status;
    if (!decoded.ok) {
      throw new ApiFailure(14, 'JSON parse data error', { status, headers: responseHeaders, data: decoded.text.slice(0, 64 * 1024) });
    }
    return { data: decoded.data, status, headers: responseHeaders, statusCode: status, header: responseHeaders };
  } catch (error) {
    throw networkFailure(api, transfer, error);
  } finally {
    transfer.finish();
    ctx.tasks.close(ctx.callId);
  }
}

/** The documented code for however a transfer ended badly. */
export function networkFailure(api: string, transfer: Transfer, error: unknown, networkCode = 12): ApiFailure {
  if (error instanceof ApiFailure) return error;
  switch (transfer.stoppedBy) {
    case 'timeout':
      return new ApiFailure(13, `${api}: timed out after ${transfer.timeoutMs} ms`);
    case 'abort':
    case 'closed':
      return new ApiFailure(9, `${api}:fail abort`);
  }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return new ApiFailure(networkCode, `${api}: network error (${detail})`);
}

export interface TransferTaskState {
  abort(): void;
  dispose(): void;
}

/** Task method shared by request, uploadFile and downloadFile. */
export const abortMethod = {
  description: 'Aborts the transfer: its call fails with error 9.',
  handler(_args: unknown, ctx: ApiCallContext & { task: number }) {
    (ctx.tasks.get(ctx.task)?.state as TransferTaskState | undefined)?.abort();
    return { success: true };
  },
};

export function requestApis(): ApiDefinition[] {
  const apis = [
    defineApi({
      name: 'request',
      kind: 'async',
      params: requestParams,
      result: responseResult,
      task: {
        methods: { abort: abortMethod },
        events: ['HeadersReceived'],
      },
      errors: {
        1: 'request not finished when the page changed',
        2: 'invalid parameter',
        9: 'aborted (RequestTask.abort)',
        11: 'domain not in the allow-list',
        12: 'network error',
        13: 'timeout',
        14: 'response could not be decoded per dataType',
        19: 'HTTP error',
        20: 'HTTP URLs are not supported, use HTTPS',
      },
      handler: (args: RequestArgs, ctx) => request(args, ctx),
      description: 'Sends an HTTPS request; every HTTP status reaches success.',
    }),
  ];
  return [...apis, legacyHttpRequest(apis[0]!)];
}

/**
 * my.httpRequest: the name my.request replaced, no longer maintained by Alipay but still called by
 * real apps (and the only one DingTalk has). The same call, allow-list and errors as my.request;
 * the one documented difference is the default content-type, form encoding, so an object `data`
 * of a POST goes out as `a=1&b=2` unless the app sets a content-type itself.
 */
function legacyHttpRequest(modern: ApiDefinition): ApiDefinition {
  return {
    ...modern,
    name: 'httpRequest',
    handler: (args: unknown, ctx: ApiCallContext) => request(args as RequestArgs, ctx, 'httpRequest'),
    description: 'Legacy name of my.request (no longer maintained by Alipay); default content-type application/x-www-form-urlencoded.',
  } as ApiDefinition;
}
