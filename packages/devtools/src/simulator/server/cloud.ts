/**
 * The simulator's cloud service: the page's `my.cloud` / `Cloud` requests (client/cloud.ts) are
 * answered here from the project's cloud emulator (src/cloud), so `mpk dev` on a project with a
 * cloud folder runs its functions, database and files locally.
 *
 * `POST /__mpk/cloud` with the page's token: the request as JSON in the body, except uploadFile,
 * whose JSON is in the `x-mpk-cloud` header and whose bytes are the body. The answer is
 * `{ ok: true, value }` / `{ ok: false, error: { error, errorMessage } }` as JSON, except a
 * successful downloadFile, which answers the bytes. `GET /__mpk/cloud-file/<env>/<cloudPath>` serves a
 * stored file (the URL getTempFileURL answers).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudEmulator } from '../../cloud/index.ts';
import { isCloudError } from '../../cloud/errors.ts';
import type { CloudRequest } from '../../cloud/types.ts';
import { readBody } from './proxy.ts';

export const CLOUD_PATH = '/__mpk/cloud';
export const CLOUD_FILE_PATH = '/__mpk/cloud-file/';

/** A JSON request is bounded; an upload may carry up to the emulator's file limit (50 MiB by default). */
const MAX_JSON_BYTES = 4 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export async function cloudRequest(req: IncomingMessage, res: ServerResponse, token: string, headers: Record<string, string>, cloud: CloudEmulator): Promise<void> {
  const json = (status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const fail = (status: number, errorMessage: string) => json(status, { ok: false, error: { error: 2, errorMessage } });
  if (req.method !== 'POST') return fail(405, 'the simulator cloud takes POST');
  if (req.headers['x-mpk-token'] !== token) return fail(403, 'not the simulator page');
  let request: CloudRequest & { appId?: unknown };
  try {
    const inHeader = req.headers['x-mpk-cloud'];
    if (typeof inHeader === 'string') {
      request = { ...(JSON.parse(decodeURIComponent(inHeader)) as CloudRequest), data: new Uint8Array(await readBody(req, MAX_UPLOAD_BYTES)) } as CloudRequest;
    } else {
      request = JSON.parse((await readBody(req, MAX_JSON_BYTES)).toString('utf8')) as CloudRequest;
    }
    if (typeof request !== 'object' || request === null || typeof request.op !== 'string') throw new TypeError('a cloud request is a JSON object with an op');
  } catch (error) {
    return fail(400, (error as Error).message);
  }
  const { appId, ...forEmulator } = request;
  try {
    const value = await cloud.request(forEmulator as CloudRequest, { appId: typeof appId === 'string' ? appId : '' });
    const data = request.op === 'downloadFile' ? (value as { data?: unknown })?.data : undefined;
    if (data instanceof Uint8Array) {
      res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream', 'content-length': data.byteLength });
      res.end(data);
      return;
    }
    json(200, { ok: true, value: value ?? null });
  } catch (error) {
    json(200, { ok: false, error: isCloudError(error) ? error : { error: 3, errorMessage: (error as Error)?.message ?? String(error) } });
  }
}

/** `GET /__mpk/cloud-file/<env>/<cloudPath>` (decoded pathname): the stored bytes, or 404. */
export async function cloudFile(res: ServerResponse, pathname: string, headers: Record<string, string>, cloud: CloudEmulator, type: (file: string) => string): Promise<void> {
  const rest = pathname.slice(CLOUD_FILE_PATH.length);
  const slash = rest.indexOf('/');
  let data: Uint8Array | undefined;
  try {
    data = slash > 0 ? await cloud.readFile(rest.slice(0, slash), rest.slice(slash + 1)) : undefined;
  } catch {
    data = undefined;
  }
  if (!data) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': type(rest), 'content-length': data.byteLength });
  res.end(data);
}
