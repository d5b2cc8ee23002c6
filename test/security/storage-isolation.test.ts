/**
 * Attack: one app reads another's storage. With the README's embedding example (no `appId`) the
 * storage namespace used to default to the manifest's `name`, which the package chooses: a package
 * naming itself like another app read and overwrote that app's storage. Now the host assigns the id
 * (a fresh random one per container without `appId`), and two live containers with one id on one
 * backend are refused unless the host says they share it.
 */
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppIdInUseError, createContainer, createMemoryFileStore, createMemoryStorage, HeadlessRenderer, type Container, type StorageBackend } from '@mpk/runtime';
import { buildPackage, cleanup, tempDir } from './support.ts';

afterAll(cleanup);

/** Logs what it finds under `secret`, then stores its own. */
const SNOOP = (name: string) => ({
  'mini.project.json': { name },
  'app.js': `App({ onLaunch(options) {
    console.log('seen ' + JSON.stringify(my.getStorageSync({ key: 'secret' }).data));
    my.setStorageSync({ key: 'secret', data: 'written by ' + options.query.who });
  } });\n`,
  'pages/index/index.axml': '<view/>',
  'pages/index/index.js': 'Page({});\n',
});

const live: Container[] = [];
async function launch(pkg: string, who: string, options: { storage?: StorageBackend; appId?: string; shareStorage?: boolean; files?: ReturnType<typeof createMemoryFileStore> } = {}) {
  const container = await createContainer({
    pkg,
    renderer: new HeadlessRenderer(),
    ...(options.appId ? { appId: options.appId } : {}),
    ...(options.shareStorage ? { shareStorage: true } : {}),
    host: { ...(options.storage ? { storage: options.storage } : {}), ...(options.files ? { files: options.files } : {}) },
  });
  live.push(container);
  const seen: string[] = [];
  container.on('log', (e) => seen.push(String(e.args[0])));
  await container.launch({ query: { who } });
  return { container, seen };
}
afterAll(() => Promise.all(live.map((c) => c.destroy())));

describe('storage isolation', () => {
  it('two containers without appId (the README example) never see each other’s storage', async () => {
    const { dist } = await buildPackage(SNOOP('shared-name'));
    const storage = createMemoryStorage();
    const a = await launch(dist, 'A', { storage });
    const b = await launch(dist, 'B', { storage });
    expect(a.seen).toEqual(['seen null']);
    expect(b.seen).toEqual(['seen null']);
    expect(a.container.appId).not.toBe(b.container.appId);
    for (const { container } of [a, b]) {
      expect(container.appId).toMatch(/^app-[0-9a-f-]{36}$/);
      expect(container.appId).not.toBe('shared-name');
    }
    expect(JSON.parse(storage.get(a.container.appId, 'secret')!)).toBe('written by A');
    expect(storage.keys('shared-name')).toEqual([]);
  });

  it('a package that names itself like another app cannot reach that app’s storage', async () => {
    const storage = createMemoryStorage();
    // The host's banking app, with the id the host gave it.
    storage.set('bank', 'secret', JSON.stringify('balance: 1,000,000'));
    const { dist } = await buildPackage(SNOOP('bank'));
    const attacker = await launch(dist, 'attacker', { storage });
    expect(attacker.seen).toEqual(['seen null']);
    expect(JSON.parse(storage.get('bank', 'secret')!)).toBe('balance: 1,000,000');
  });

  it('without appId nor storage, nothing lands in the durable default store (it could never be read again)', async () => {
    const dir = await tempDir('mpk-sec-storage-');
    process.env.MPK_STORAGE_DIR = dir;
    const { dist } = await buildPackage(SNOOP('default-backend'));
    const a = await launch(dist, 'A');
    const b = await launch(dist, 'B');
    expect([a.seen, b.seen]).toEqual([['seen null'], ['seen null']]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('drops what an anonymous container stored in the host backend when it is destroyed', async () => {
    const storage = createMemoryStorage();
    const { dist } = await buildPackage(SNOOP('dropped'));
    const a = await launch(dist, 'A', { storage });
    expect(storage.keys(a.container.appId)).toEqual(['secret']);
    await a.container.destroy();
    expect(storage.keys(a.container.appId)).toEqual([]);
  });

  it('refuses a second live container with the same appId on the same backend; an explicit id persists', async () => {
    const { dist } = await buildPackage(SNOOP('persist'));
    const storage = createMemoryStorage();
    const first = await launch(dist, 'first', { storage, appId: 'host-app-1' });
    const second = launch(dist, 'second', { storage, appId: 'host-app-1' });
    await expect(second).rejects.toBeInstanceOf(AppIdInUseError);
    await expect(second).rejects.toThrow(
      'createContainer: appId "host-app-1" is already used by a live container on this storage backend; destroy that one first, give each container its own appId, or pass shareStorage: true if they are meant to share their storage',
    );
    // Another backend, or another id: fine.
    await launch(dist, 'elsewhere', { storage: createMemoryStorage(), appId: 'host-app-1' });
    // The host says they share it.
    const sharing = await launch(dist, 'sharing', { storage, appId: 'host-app-1', shareStorage: true });
    expect(sharing.seen).toEqual(['seen "written by first"']);
    await first.container.destroy();
    await sharing.container.destroy();
    const restarted = await launch(dist, 'restarted', { storage, appId: 'host-app-1' });
    expect(restarted.seen).toEqual(['seen "written by sharing"']);
  });

  it('also refuses one id twice on one file store', async () => {
    const { dist } = await buildPackage(SNOOP('files'));
    const files = createMemoryFileStore();
    await launch(dist, 'a', { storage: createMemoryStorage(), files, appId: 'same' });
    await expect(launch(dist, 'b', { storage: createMemoryStorage(), files, appId: 'same' })).rejects.toThrow('already used by a live container on this file store');
  });
});
