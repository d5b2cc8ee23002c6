/**
 * `/__mpk/modes`: the simulator's compile-mode form reads and writes the project's modes here.
 * `GET` answers `{ modes }`; `POST { mode, previous? }` adds a mode (or replaces the one named
 * `previous`) in mini.project.json and answers `{ modes, saved }`, or 400 `{ error: { code, field,
 * message } }` when the input is refused (see `compile-mode-edit.ts`). Like the network proxy, only
 * the simulator page can call it: the per-server token travels in a custom header, which a foreign
 * web page cannot send without a CORS preflight this server never approves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CompileModeRefused, saveCompileMode } from '../../project/compile-mode-edit.ts';
import { readCompileModes } from '../../project/compile-modes.ts';

export const MODES_PATH = '/__mpk/modes';

/** A mode is a few hundred bytes; anything much larger is not the form. */
const MAX_BODY = 64 * 1024;

export interface ModesContext {
  project: string;
  token: string;
  /** Security headers every response carries. */
  headers: Record<string, string>;
  /** The app's pages (from the newest good build), when known: a mode must open one of them. */
  pages(): string[] | undefined;
}

async function readLimited(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function modesRequest(req: IncomingMessage, res: ServerResponse, context: ModesContext): Promise<void> {
  const reply = (status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...context.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const error = (status: number, code: string, message: string, field?: string) => reply(status, { error: { code, message, ...(field ? { field } : {}) } });
  if (req.headers['x-mpk-token'] !== context.token) return error(403, 'MODE_FORBIDDEN', 'not the simulator page');
  if (req.method === 'GET') return reply(200, { modes: readCompileModes(context.project).modes });
  if (req.method !== 'POST') return error(405, 'MODE_INPUT', 'compile modes take GET or POST');
  const text = await readLimited(req);
  if (text === undefined) return error(413, 'MODE_INPUT', `the request is larger than ${MAX_BODY / 1024} KB`);
  let body: { mode?: unknown; previous?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return error(400, 'MODE_INPUT', 'the request is not JSON');
  }
  if (!body || typeof body !== 'object') return error(400, 'MODE_INPUT', 'the request must be { mode, previous? }');
  if (body.previous !== undefined && typeof body.previous !== 'string') return error(400, 'MODE_INPUT', 'previous must be the name of the mode being edited');
  try {
    reply(200, saveCompileMode(context.project, body.mode, { ...(body.previous !== undefined ? { previous: body.previous as string } : {}), pages: context.pages() }));
  } catch (failure) {
    if (failure instanceof CompileModeRefused) return error(400, failure.detail.code, failure.detail.message, failure.detail.field);
    throw failure;
  }
}
