// A loopback HTTP server standing in for the showcase's backend (config.js API_BASE), and a copy
// of the project whose config points at it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { project } from './project.js';

/**
 * Starts the demo API on 127.0.0.1 (a free port): `GET /api/greeting?name=` and `POST /api/notes`.
 * `server.requests` records what arrived; `server.failNext(status)` makes the next answer an error.
 */
export async function startApiServer() {
  const requests = [];
  let failWith = 0;
  let nextNoteId = 7;
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://localhost');
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    const send = (status, payload) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (failWith) {
      const status = failWith;
      failWith = 0;
      return send(status, { error: 'try again later' });
    }
    if (req.method === 'GET' && url.pathname === '/api/greeting') {
      return send(200, { message: `Hello, ${url.searchParams.get('name') || 'stranger'}!` });
    }
    if (req.method === 'POST' && url.pathname === '/api/notes') {
      let note;
      try {
        note = JSON.parse(body);
      } catch {
        return send(400, { error: 'the body is not JSON' });
      }
      return send(201, { id: nextNoteId++, text: note.text });
    }
    return send(404, { error: 'no such endpoint' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}/api`,
    requests,
    failNext(status) {
      failWith = status;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A copy of the showcase whose config.js sends requests to `apiBase`; `remove()` deletes it. */
export async function projectWithApiBase(apiBase) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'showcase-'));
  const skip = new Set(['node_modules', 'test', 'dist']);
  await cp(project, dir, { recursive: true, filter: (source) => !skip.has(path.relative(project, source).split(path.sep)[0]) });
  const configFile = path.join(dir, 'config.js');
  const config = await readFile(configFile, 'utf8');
  const rewritten = config.replace(/export const API_BASE = '[^']*';/, `export const API_BASE = '${apiBase}';`);
  if (rewritten === config) throw new Error('config.js has no API_BASE constant to rewrite');
  await writeFile(configFile, rewritten);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
