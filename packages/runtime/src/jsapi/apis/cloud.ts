/**
 * The host side of the cloud SDK (base library: src/guest/cloud.ts — `my.cloud.createCloudContext`
 * and the `Cloud` global). Every SDK operation is one `cloudRequest` invoke (internal: not on `my`),
 * answered by `host.cloud`; a host without one fails it with 12, as without network. Files cross
 * through `host.files`: uploadFile reads `filePath` there, downloadFile writes a temporary file.
 */

import { tempFilePath } from '../../adapters/files.ts';
import type { CloudRequest } from '../../adapters/cloud.ts';
import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

const OPS = ['callFunction', 'database', 'aggregate', 'uploadFile', 'downloadFile', 'getTempFileURL', 'deleteFile'] as const;

type GuestRequest = { op: (typeof OPS)[number]; env?: string; [key: string]: unknown };

/** A cloud failure: `{ error, errorMessage }` plus `message` and `errMsg`, the fields cloud SDK code reads (`catch (e) { e.message }`). */
function cloudFailure(error: number, message: string): ApiFailure {
  return new ApiFailure(error, message, { message, errMsg: message });
}

function requireString(request: GuestRequest, key: string): string {
  const value = request[key];
  if (typeof value !== 'string' || value === '') throw cloudFailure(ErrorCode.INVALID_PARAM, `cloud.${request.op}: parameter "${key}" is required (string)`);
  return value;
}

async function cloudRequest(request: GuestRequest, ctx: ApiCallContext): Promise<unknown> {
  const what = request.op === 'database' ? `database().collection(${JSON.stringify(request.collection)}).${String(request.action)}` : request.op;
  const cloud = ctx.host.cloud;
  if (!cloud) throw cloudFailure(ErrorCode.NETWORK, `cloud.${what}: Network Error (this host has no cloud service)`);
  const env = typeof request.env === 'string' ? request.env : '';
  let forHost: CloudRequest;
  switch (request.op) {
    case 'uploadFile': {
      const filePath = requireString(request, 'filePath');
      const data = await ctx.host.files.read(ctx.appId, filePath);
      if (!data) throw cloudFailure(12, `cloud.uploadFile: no such file ${filePath}`);
      forHost = { op: 'uploadFile', env, cloudPath: requireString(request, 'cloudPath'), filePath, data };
      break;
    }
    case 'callFunction':
      forHost = { op: 'callFunction', env, name: requireString(request, 'name'), data: request.data };
      break;
    default:
      forHost = { ...request, env } as CloudRequest;
  }
  let answer: unknown;
  try {
    answer = await cloud.request(forHost, ctx.hostContext());
  } catch (error) {
    const e = error as { error?: unknown; errorMessage?: unknown; message?: unknown };
    if (typeof e?.error === 'number') throw cloudFailure(e.error, `cloud.${what}: ${String(e.errorMessage ?? e.message ?? 'failed')}`);
    throw cloudFailure(ErrorCode.UNKNOWN, `cloud.${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (request.op === 'callFunction') return { result: answer === undefined ? null : answer, requestID: `mpk-${ctx.callId}` };
  if (request.op === 'downloadFile') {
    const data = (answer as { data?: unknown })?.data;
    if (!(data instanceof Uint8Array)) throw cloudFailure(ErrorCode.UNKNOWN, 'cloud.downloadFile: the cloud service returned no data');
    const path = tempFilePath('other');
    await ctx.host.files.write(ctx.appId, path, data);
    return { tempFilePath: path, statusCode: 200 };
  }
  return answer ?? {};
}

export function cloudApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'cloudRequest',
      kind: 'async',
      internal: true,
      params: s.object({ op: s.enum(OPS), env: s.string() }, { required: ['op'] }),
      result: s.any(),
      errors: { 2: 'invalid parameter', 3: 'the cloud service failed', 12: 'Network Error (no cloud service on this host)' },
      handler: (args: GuestRequest, ctx) => cloudRequest(args, ctx),
      description: 'One cloud SDK operation (my.cloud / Cloud), answered by host.cloud.',
    }),
  ];
}
