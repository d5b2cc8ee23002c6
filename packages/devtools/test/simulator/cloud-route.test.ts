/**
 * The dev server's cloud routes (`server/cloud.ts`) under Node: only the simulator page (its token)
 * may use the emulator, an upload and a download cross as bytes, a stored file is served at the
 * URL getTempFileURL answers, and nothing outside the storage is reachable through either route.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/simulator/server/index.ts';
import { copyExample, type ProjectCopy } from './support.ts';

let project: ProjectCopy;
let server: DevServer;
let token: string;

beforeAll(async () => {
  project = copyExample('todo');
  server = await startDevServer({ project: project.dir });
  token = /name="mpk-proxy-token" content="([^"]+)"/.exec(await (await fetch(server.url)).text())![1]!;
});
afterAll(async () => {
  await server?.close();
  project?.remove();
});

const cloud = (body: unknown, headers: Record<string, string> = { 'x-mpk-token': token }) =>
  fetch(new URL('/__mpk/cloud', server.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

it('answers the page, and only the page', async () => {
  expect((await cloud({ op: 'database', env: 'e', collection: 'c', action: 'count', appId: 'a' }, { 'x-mpk-token': 'guess' })).status).toBe(403);
  const added = await (await cloud({ op: 'database', env: 'e', collection: 'c', action: 'add', data: { v: 1 }, appId: 'a' })).json();
  expect(added).toEqual({ ok: true, value: { _id: expect.any(String) } });
  expect(await (await cloud({ op: 'database', env: 'e', collection: 'c', action: 'count', appId: 'a' })).json()).toEqual({ ok: true, value: { total: 1 } });
  expect(await (await cloud({ op: 'callFunction', env: 'e', name: 'none', appId: 'a' })).json()).toMatchObject({ ok: false, error: { error: 3 } });
});

it('moves files as bytes, serves the temporary URL, and refuses paths out of the storage', async () => {
  const upload = (cloudPath: string) =>
    fetch(new URL('/__mpk/cloud', server.url), {
      method: 'POST',
      headers: { 'x-mpk-token': token, 'x-mpk-cloud': encodeURIComponent(JSON.stringify({ op: 'uploadFile', env: 'e', cloudPath, filePath: 'x', appId: 'a' })) },
      body: new Uint8Array([1, 2, 3, 250]),
    }).then((r) => r.json());
  expect(await upload('img/a.bin')).toEqual({ ok: true, value: { fileID: 'cloud://e/img/a.bin' } });
  expect(await upload('../../package.json')).toMatchObject({ ok: false, error: { error: 2 } });
  const down = await cloud({ op: 'downloadFile', env: 'e', fileID: 'cloud://e/img/a.bin', appId: 'a' });
  expect([...new Uint8Array(await down.arrayBuffer())]).toEqual([1, 2, 3, 250]);
  const urls = (await (await cloud({ op: 'getTempFileURL', env: 'e', fileList: ['cloud://e/img/a.bin'], appId: 'a' })).json()) as { value: { fileList: { tempFileURL: string }[] } };
  const url = urls.value.fileList[0]!.tempFileURL;
  expect(url).toBe(`${server.url}__mpk/cloud-file/e/img/a.bin`);
  expect([...new Uint8Array(await (await fetch(url)).arrayBuffer())]).toEqual([1, 2, 3, 250]);
  for (const escape of ['e/..%2F..%2Fdb%2Fc.db', 'e/%2E%2E/%2E%2E/%2E%2E/package.json', '..%2F..%2Fpackage.json']) {
    expect((await fetch(`${server.url}__mpk/cloud-file/${escape}`)).status).toBe(404);
  }
});
