/**
 * my.uploadFile and my.downloadFile (docs: api/基础API/网络). Upload sends a file from the host's
 * file store as multipart/form-data to an allow-listed HTTPS domain; download stores the body in
 * the file store and returns its `apFilePath` (a temporary file whose extension says what it is:
 * .image, .video, .audio, .pdf or .other), or writes it under `my.env.USER_DATA_PATH` when
 * `filePath` is given. Both return a task with `abort()` and progress events.
 */

import { USER_DATA_PATH, tempExtensionFor, tempFilePath } from '../../adapters/files.ts';
import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';
import { fromBase64 } from './binary.ts';
import { Transfer, checkUrl, fetchChecked, headersObject, mergeHeaders, readBody, type UrlPolicy } from './net-common.ts';
import { abortMethod, networkFailure, type TransferTaskState } from './request.ts';

const UPLOAD_POLICY: UrlPolicy = {
  api: 'uploadFile',
  secure: 'https:',
  insecure: 'http:',
  allowList: true,
  codes: { invalid: 11, scheme: 11, insecure: 20, notAllowed: ErrorCode.NO_PERMISSION },
};

// The docs apply the domain allow-list to request and uploadFile only; a host's allow-list is its
// whole network grant, so downloads are held to it too (and need HTTPS).
const DOWNLOAD_POLICY: UrlPolicy = {
  api: 'downloadFile',
  secure: 'https:',
  insecure: 'http:',
  allowList: true,
  codes: { invalid: ErrorCode.INVALID_PARAM, scheme: ErrorCode.INVALID_PARAM, insecure: 20, notAllowed: 13 },
};

interface UploadArgs {
  url: string;
  filePath: string;
  name: string;
  header?: Record<string, string>;
  formData?: Record<string, unknown>;
  timeout?: number;
}

function openTransfer(ctx: ApiCallContext, api: string, timeoutMs: number): Transfer {
  const transfer = new Transfer(ctx, timeoutMs);
  const state: TransferTaskState = { abort: () => transfer.abort('abort'), dispose: () => transfer.abort('closed') };
  ctx.tasks.open(ctx.callId, api, state);
  return transfer;
}

function progress(received: number, expected: number) {
  const total = expected || received;
  return { progress: total > 0 ? Math.floor((received / total) * 100) : 100, totalBytesWritten: received, totalBytesExpectedToWrite: total };
}

async function uploadFile(args: UploadArgs, ctx: ApiCallContext) {
  const url = checkUrl(args.url, ctx, UPLOAD_POLICY);
  const file = await ctx.host.files.read(ctx.appId, args.filePath);
  if (!file) throw new ApiFailure(11, `uploadFile: file not found: ${args.filePath}`);
  const form = new FormData();
  for (const [key, value] of Object.entries(args.formData ?? {})) {
    form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const fileName = args.filePath.slice(args.filePath.lastIndexOf('/') + 1) || 'file';
  form.append(args.name, new Blob([file as Uint8Array<ArrayBuffer>]), fileName);
  // fetch writes the multipart boundary into content-type itself.
  const headers = mergeHeaders(args.header);
  delete headers['content-type'];
  delete headers.referer;
  const transfer = openTransfer(ctx, 'uploadFile', args.timeout || (ctx.app.networkTimeout?.uploadFile ?? 60000));
  try {
    const { response } = await fetchChecked(ctx, UPLOAD_POLICY, url, { method: 'POST', headers, body: form, signal: transfer.signal });
    // fetch reports no upload progress: the whole file counts as written once the server answers.
    ctx.tasks.emit(ctx.callId, 'ProgressUpdate', progress(file.length, file.length));
    const header = headersObject(response.headers);
    ctx.tasks.emit(ctx.callId, 'HeadersReceived', { header });
    const body = await readBody(response, ctx.host.network.maxResponseBytes, () => new ApiFailure(12, 'uploadFile: the response is too large'));
    return { data: new TextDecoder().decode(body), statusCode: response.status, header };
  } catch (error) {
    const failure = networkFailure('uploadFile', transfer, error);
    // The docs fold timeouts into 12 (upload failed) for this API.
    throw failure.error === 13 ? new ApiFailure(12, failure.errorMessage) : failure;
  } finally {
    transfer.finish();
    ctx.tasks.close(ctx.callId);
  }
}

interface DownloadArgs {
  url: string;
  filePath?: string;
  header?: Record<string, string>;
  timeout?: number;
}

/** `data:<mime>;base64,<data>` URLs (docs: downloadFile accepts image data URLs). */
function decodeDataUrl(url: string): { bytes: Uint8Array; mime: string } | undefined {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url);
  if (!match) return undefined;
  const [, mime = '', base64, payload = ''] = match;
  try {
    const bytes = base64 ? fromBase64(payload) : new TextEncoder().encode(decodeURIComponent(payload));
    return { bytes, mime };
  } catch {
    throw new ApiFailure(ErrorCode.INVALID_PARAM, 'downloadFile: the data URL is malformed');
  }
}

async function store(ctx: ApiCallContext, args: DownloadArgs, bytes: Uint8Array, contentType: string | null, headers: Record<string, string>) {
  if (args.filePath !== undefined) {
    await ctx.host.files.write(ctx.appId, args.filePath, bytes);
    return { filePath: args.filePath, headers, header: headers };
  }
  const apFilePath = tempFilePath(tempExtensionFor(contentType));
  await ctx.host.files.write(ctx.appId, apFilePath, bytes);
  return { apFilePath, tempFilePath: apFilePath, headers, header: headers };
}

async function downloadFile(args: DownloadArgs, ctx: ApiCallContext) {
  if (args.filePath !== undefined && !args.filePath.startsWith(`${USER_DATA_PATH}/`)) {
    throw new ApiFailure(ErrorCode.INVALID_PARAM, `downloadFile: filePath must be under ${USER_DATA_PATH}/`);
  }
  if (args.url.startsWith('data:')) {
    const decoded = decodeDataUrl(args.url);
    if (!decoded) throw new ApiFailure(ErrorCode.INVALID_PARAM, 'downloadFile: the data URL is malformed');
    return store(ctx, args, decoded.bytes, decoded.mime, {});
  }
  const url = checkUrl(args.url, ctx, DOWNLOAD_POLICY);
  const headers = mergeHeaders(args.header);
  delete headers.referer;
  const transfer = openTransfer(ctx, 'downloadFile', args.timeout || (ctx.app.networkTimeout?.downloadFile ?? 60000));
  try {
    const { response } = await fetchChecked(ctx, DOWNLOAD_POLICY, url, { method: 'GET', headers, signal: transfer.signal });
    const header = headersObject(response.headers);
    ctx.tasks.emit(ctx.callId, 'HeadersReceived', { header });
    if (response.status < 200 || response.status >= 300) {
      await response.body?.cancel().catch(() => undefined);
      throw new ApiFailure(12, `downloadFile: download failed (HTTP ${response.status})`);
    }
    let lastPercent = -1;
    const bytes = await readBody(
      response,
      ctx.host.network.maxResponseBytes,
      () => new ApiFailure(12, 'downloadFile: the file is too large'),
      (received, expected) => {
        const event = progress(received, expected);
        if (event.progress === lastPercent) return;
        lastPercent = event.progress;
        ctx.tasks.emit(ctx.callId, 'ProgressUpdate', event);
      },
    );
    return await store(ctx, args, bytes, response.headers.get('content-type'), header);
  } catch (error) {
    const failure = networkFailure('downloadFile', transfer, error);
    throw failure.error === 13 && transfer.stoppedBy === 'timeout' ? new ApiFailure(12, failure.errorMessage) : failure;
  } finally {
    transfer.finish();
    ctx.tasks.close(ctx.callId);
  }
}

export function transferApis(): ApiDefinition[] {
  const headerRecord = s.record(s.string());
  return [
    defineApi({
      name: 'uploadFile',
      kind: 'async',
      params: s.object(
        {
          url: s.string({ minLength: 1 }),
          filePath: s.string({ minLength: 1, description: 'apFilePath of a file in the host file store.' }),
          name: s.string({ minLength: 1, description: 'Form field name of the file.' }),
          header: headerRecord,
          formData: s.record(s.any()),
          fileType: s.enum(['image', 'video', 'audio'], { description: 'Deprecated; accepted and ignored.' }),
          timeout: s.number({ minimum: 0 }),
          hideLoading: s.boolean(),
        },
        { required: ['url', 'filePath', 'name'] },
      ),
      result: s.object({ data: s.string(), statusCode: s.integer(), header: s.record(s.string()) }, { required: ['data', 'statusCode', 'header'] }),
      task: { methods: { abort: abortMethod }, events: ['ProgressUpdate', 'HeadersReceived'] },
      errors: { 4: 'domain not in the allow-list', 9: 'uploadFile:fail abort', 11: 'file not found / invalid parameter', 12: 'upload failed or timed out', 20: 'HTTP URLs are not supported' },
      handler: (args: UploadArgs, ctx) => uploadFile(args, ctx),
      description: 'Uploads a local file as multipart/form-data (POST).',
    }),
    defineApi({
      name: 'downloadFile',
      kind: 'async',
      params: s.object(
        {
          url: s.string({ minLength: 1, description: 'HTTPS URL or a data URL.' }),
          filePath: s.string({ description: `Where to save, under ${USER_DATA_PATH}/; default a temporary file.` }),
          header: headerRecord,
          timeout: s.number({ minimum: 0 }),
        },
        { required: ['url'] },
      ),
      result: s.object({
        apFilePath: s.string(),
        tempFilePath: s.string(),
        filePath: s.string(),
        headers: s.record(s.string()),
        header: s.record(s.string()),
      }),
      task: { methods: { abort: abortMethod }, events: ['ProgressUpdate', 'HeadersReceived'] },
      errors: { 2: 'invalid parameter', 9: 'downloadFile:fail abort', 12: 'download failed', 13: 'no permission (domain not in the allow-list, or a refused address)', 20: 'HTTP URLs are not supported' },
      handler: (args: DownloadArgs, ctx) => downloadFile(args, ctx),
      description: 'Downloads a file into the host file store.',
    }),
  ];
}
