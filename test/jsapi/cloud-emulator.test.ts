/**
 * The local cloud emulator (packages/devtools/src/cloud) behind a real mini-program, headless:
 * `launch(dir, { cloud: … })` answers `Cloud` / `my.cloud` from NeDB on disk, file storage in the
 * data dir and the project's `cloud/<name>/index.js` functions, each in its own QuickJS sandbox.
 * Everything is asserted as the page renders it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { launch, type LaunchOptions, type MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject, page, writeProject, type ProjectFiles } from '../support/project.ts';

afterAll(closeAll);

const dataDirs: string[] = [];
afterEach(async () => {
  await Promise.all(dataDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mpk-cloud-test-'));
  dataDirs.push(dir);
  return dir;
}

/** A page whose handlers each run one cloud scenario and render its outcome (or its error code) in #out. */
const PAGE_JS = `
const show = (page) => [(res) => page.setData({ out: JSON.stringify(res) }), (e) => page.setData({ out: 'error ' + e.error + ': ' + e.message })];
const db = () => Cloud.database();
Page({
  data: { out: '' },
  onLoad() { Cloud.init({ env: 'test-env' }); },
  seed() {
    const [ok, fail] = show(this);
    const todos = db().collection('todos');
    Promise.all([
      todos.add({ data: { title: 'milk', n: 3, tags: ['shop'] } }),
      todos.add({ data: { title: 'bread', n: 1, tags: ['shop', 'bake'] } }),
      todos.add({ data: { _id: 'fixed', title: 'tax', n: 7, done: true, owner: { name: 'ann' } } }),
    ]).then((ids) => ok(ids.map((r) => typeof r._id)), fail);
  },
  query() {
    const [ok, fail] = show(this);
    const _ = db().command;
    db().collection('todos').where({ n: _.gte(2) }).orderBy('n', 'desc').limit(5).field({ title: true }).get()
      .then((res) => ok(res.data.map((d) => d.title + ':' + Object.keys(d).sort().join('+'))), fail);
  },
  queryCommands() {
    const [ok, fail] = show(this);
    const _ = db().command;
    const todos = db().collection('todos');
    Promise.all([
      todos.where(_.or([{ n: _.lt(2) }, { done: true }])).orderBy('n', 'asc').get().then((r) => r.data.map((d) => d.title).join(',')),
      todos.where({ tags: 'bake' }).count().then((r) => r.total),
      todos.where({ n: _.in([1, 3]), done: _.exists(false) }).count().then((r) => r.total),
      todos.where({ owner: { name: 'ann' } }).get().then((r) => r.data.map((d) => d._id).join(',')),
      todos.where({ title: db().RegExp({ regexp: '^b', options: 'i' }) }).count().then((r) => r.total),
      todos.where({ n: _.gt(0).and(_.lt(5)) }).orderBy('title', 'asc').skip(1).get().then((r) => r.data.map((d) => d.title).join(',')),
      todos.doc('fixed').get().then((r) => r.data.title),
    ]).then(ok, fail);
  },
  update() {
    const [ok, fail] = show(this);
    const _ = db().command;
    const todos = db().collection('todos');
    todos.where({ tags: 'shop' }).update({ data: { n: _.inc(10), tags: _.push(['new']), owner: { name: 'bob' } } })
      .then((r) => todos.doc('fixed').update({ data: { n: _.mul(2), done: _.remove() } }).then((r2) => [r.stats.updated, r2.stats.updated]))
      .then((counts) => todos.orderBy('title', 'asc').get().then((r) => ok({ counts, docs: r.data.map((d) => [d.title, d.n, (d.tags || []).join('|'), d.owner ? d.owner.name : '-', 'done' in d]) })), fail);
  },
  remove() {
    const [ok, fail] = show(this);
    const todos = db().collection('todos');
    todos.where({ title: 'milk' }).remove()
      .then((r) => todos.doc('fixed').remove().then((r2) => [r.stats.removed, r2.stats.removed]))
      .then((removed) => todos.count().then((r) => ok({ removed, left: r.total })), fail);
  },
  missing() {
    const [ok, fail] = show(this);
    db().collection('todos').doc('nope').get().then(ok, fail);
  },
  aggregate() {
    const [ok, fail] = show(this);
    const $ = db().command.aggregate;
    db().collection('todos').aggregate().match({ n: db().command.gt(0) }).group({ _id: '$done', total: $.sum('$n'), avg: $.avg('$n') }).sort({ total: -1 }).end().then(ok, fail);
  },
  badStage() {
    const [ok, fail] = show(this);
    db().collection('todos').aggregate().lookup({ from: 'x' }).end().then(ok, fail);
  },
  callList() {
    const [ok, fail] = show(this);
    Cloud.callFunction({ name: 'listTodos', data: { min: 2 } }).then((res) => ok(res.result), fail);
  },
  callBoom() {
    const [ok, fail] = show(this);
    Cloud.callFunction({ name: 'boom' }).then(ok, fail);
  },
  callSpin() {
    const [ok, fail] = show(this);
    Cloud.callFunction({ name: 'spin' }).then(ok, fail);
  },
  callNamed(name) {
    const [ok, fail] = show(this);
    Cloud.callFunction({ name, data: { n: 0 } }).then((res) => ok(res.result), fail);
  },
  callMissing() {
    const [ok, fail] = show(this);
    Cloud.callFunction({ name: 'nothere' }).then(ok, fail);
  },
  files() {
    const [ok, fail] = show(this);
    const fs = my.getFileSystemManager();
    fs.writeFileSync(my.env.USER_DATA_PATH + '/note.txt', 'hello cloud', 'utf8');
    Cloud.uploadFile({ cloudPath: 'notes/a.txt', filePath: my.env.USER_DATA_PATH + '/note.txt' })
      .then((up) => Cloud.downloadFile({ fileID: up.fileID }).then((down) => ({ fileID: up.fileID, text: fs.readFileSync(down.tempFilePath, 'utf8').data })))
      .then((r) => Cloud.getTempFileURL({ fileList: [r.fileID] }).then((t) => ({ ...r, status: t.fileList[0].status })))
      .then((r) => Cloud.deleteFile({ fileList: [r.fileID] }).then((d) => ({ ...r, deleted: d.fileList[0].status })))
      .then((r) => Cloud.downloadFile({ fileID: r.fileID }).then(() => ok('still there'), (e) => ok({ ...r, after: e.error })), fail);
  },
  traversal() {
    const [ok, fail] = show(this);
    const fs = my.getFileSystemManager();
    fs.writeFileSync(my.env.USER_DATA_PATH + '/x.txt', 'x', 'utf8');
    Promise.all(['../escape.txt', 'a/../../b.txt', '/abs.txt', 'a\\\\..\\\\b'].map((cloudPath) =>
      Cloud.uploadFile({ cloudPath, filePath: my.env.USER_DATA_PATH + '/x.txt' }).then(() => 'stored ' + cloudPath, (e) => e.error)))
      .then((codes) => Cloud.downloadFile({ fileID: 'cloud://test-env/../../etc/passwd' }).then(() => ok('read'), (e) => ok(codes.concat(e.error))), fail);
  },
});`;

const PAGE_AXML = `<view id="out">{{out}}</view>`;

const FUNCTIONS: ProjectFiles = {
  'cloud/listTodos/index.js': `
const cloud = require('@alipay/faas-server-sdk');
const { label } = require('./label.js');
exports.main = async (event, context) => {
  cloud.init();
  const db = cloud.database();
  const _ = db.command;
  const res = await db.collection('todos').where({ n: _.gte(event.min) }).orderBy('n', 'asc').get();
  console.log('listTodos ran in', context.env);
  return { env: context.env, titles: res.data.map((d) => label(d)) };
};`,
  'cloud/listTodos/label.js': `exports.label = (d) => d.title + '#' + d.n;`,
  'cloud/boom/index.js': `exports.main = async () => { throw new Error('kaboom'); };`,
  'cloud/spin/index.js': `exports.main = () => { for (;;) {} };`,
  'cloud/hog/index.js': `exports.main = async () => { const keep = []; for (;;) keep.push(new Array(1e5).fill(keep.length)); };`,
  'cloud/hang/index.js': `exports.main = () => new Promise(() => {});`,
  'cloud/usesFs/index.js': `const fs = require('fs'); exports.main = async () => fs.readFileSync('/etc/passwd', 'utf8');`,
  // A file of the machine outside the project (this repository's package.json).
  'cloud/peek/index.js': `exports.main = async () => require(${JSON.stringify(path.resolve('package.json'))}).name;`,
  'cloud/recurse/index.js': `
const cloud = require('@alipay/faas-server-sdk');
exports.main = async (event) => {
  if (event.n >= 10) return event.n;
  const res = await cloud.callFunction({ name: 'recurse', data: { n: event.n + 1 } });
  return res.result;
};`,
  'cloud/nested/index.js': `
const cloud = require('@alipay/faas-server-sdk');
exports.main = async () => (await cloud.callFunction({ name: 'listTodos', data: { min: 7 } })).result.titles;`,
};

function project(): ProjectFiles {
  return { ...page('pages/index/index', { axml: PAGE_AXML, js: PAGE_JS }), ...FUNCTIONS };
}

/** Runs one of the page's scenarios (inside the sandbox) and reads what it rendered. */
async function act(app: MiniApp, handler: string): Promise<unknown> {
  await app.evaluate(`getCurrentPages()[0].${handler}()`);
  // The host answers asynchronously (disk, sandbox): wait for what it rendered.
  await app.session.container.waitForIdle();
  const text = app.currentPage().text('#out');
  return text.startsWith('error ') ? text : JSON.parse(text);
}

async function launchCloud(options: LaunchOptions = {}, files = project()): Promise<MiniApp> {
  return launchProject(files, { cloud: { dataDir: await dataDir(), functions: { timeoutMs: 500 } }, ...options });
}

describe('the cloud emulator database', () => {
  it('adds, queries with commands, orders, limits and projects', async () => {
    const app = await launchCloud();
    expect(await act(app, 'seed')).toEqual(['string', 'string', 'string']);
    expect(await act(app, 'query')).toEqual(['tax:_id+title', 'milk:_id+title']);
    expect(await act(app, 'queryCommands')).toEqual(['bread,tax', 1, 2, 'fixed', 1, 'milk', 'tax']);
    expect(await act(app, 'missing')).toMatch(/^error 3: .*document nope does not exist/);
  });

  it('updates with commands and removes, by query and by id', async () => {
    const app = await launchCloud();
    await act(app, 'seed');
    expect(await act(app, 'update')).toEqual({
      counts: [2, 1],
      docs: [
        ['bread', 11, 'shop|bake|new', 'bob', false],
        ['milk', 13, 'shop|new', 'bob', false],
        ['tax', 14, '', 'ann', false],
      ],
    });
    expect(await act(app, 'remove')).toEqual({ removed: [1, 1], left: 1 });
  });

  it('aggregates with match/group/sort, and names a stage it does not run', async () => {
    const app = await launchCloud();
    await act(app, 'seed');
    expect(await act(app, 'aggregate')).toEqual({ list: [{ _id: true, total: 7, avg: 7 }, { _id: null, total: 4, avg: 2 }] });
    expect(await act(app, 'badStage')).toMatch(/^error 3: .*does not run the stage "lookup"/);
  });

  it("'emulator' starts empty in a data dir of its own, removed when the app closes", async () => {
    const dir = await writeProject(project());
    const app = await launch(dir, { cloud: 'emulator' });
    expect(await act(app, 'seed')).toEqual(['string', 'string', 'string']);
    const data = (app.cloud as unknown as { dataDir: string }).dataDir;
    expect(existsSync(path.join(data, 'test-env', 'db', 'todos.db'))).toBe(true);
    expect(data.startsWith(dir)).toBe(false);
    await app.close();
    expect(existsSync(data)).toBe(false);
  });

  it('keeps the data on disk across two launches', async () => {
    const dir = await writeProject(project());
    const data = await dataDir();
    const first = await launch(dir, { cloud: { dataDir: data } });
    await act(first, 'seed');
    await first.close();
    expect((await readdir(path.join(data, 'test-env', 'db'))).sort()).toEqual(['todos.db']);
    const second = await launch(dir, { cloud: { dataDir: data } });
    try {
      expect(await act(second, 'query')).toEqual(['tax:_id+title', 'milk:_id+title']);
    } finally {
      await second.close();
    }
  });
});

describe('cloud functions from the project\'s cloud folder', () => {
  it('run in their sandbox, read the same database and return data to the page', async () => {
    const logs: string[] = [];
    const app = await launchProject(project(), { cloud: { dataDir: await dataDir(), onLog: (l) => logs.push(`${l.name}: ${l.text}`) } });
    await act(app, 'seed');
    expect(await act(app, 'callList')).toEqual({ env: 'test-env', titles: ['milk#3', 'tax#7'] });
    expect(logs).toEqual(['listTodos: listTodos ran in test-env']);
  });

  it('a function that throws or loops fails with error 3 and the app keeps working', async () => {
    const app = await launchCloud();
    await act(app, 'seed');
    expect(await act(app, 'callBoom')).toMatch(/^error 3: cloud\.callFunction: cloud function "boom" threw Error: kaboom$/);
    const started = Date.now();
    expect(await act(app, 'callSpin')).toMatch(/^error 3: cloud\.callFunction: cloud function "spin" timed out after 500 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await act(app, 'callMissing')).toMatch(/^error 3: .*cloud function "nothere" does not exist/);
    // The host and the app are fine: the next call works.
    expect(await act(app, 'callList')).toEqual({ env: 'test-env', titles: ['milk#3', 'tax#7'] });
    expect(app.errors).toEqual([]);
  });

  it('are bounded: memory, a promise that never settles, Node built-ins, nested calls', async () => {
    const app = await launchProject(project(), { cloud: { dataDir: await dataDir(), functions: { timeoutMs: 2000, heapBytes: 32 * 1024 * 1024 } } });
    await act(app, 'seed');
    const call = (name: string) => app.evaluate(`getCurrentPages()[0].callNamed('${name}')`).then(() => app.session.container.waitForIdle()).then(() => app.currentPage().text('#out'));
    expect(await call('hog')).toMatch(/^error 3: .*cloud function "hog" ran out of memory/);
    expect(await call('hang')).toMatch(/^error 3: .*cloud function "hang" returned a promise that never settles/);
    expect(await call('usesFs')).toMatch(/^error 3: .*cloud function "usesFs" does not build: Could not resolve "fs"/);
    expect(await call('peek')).toMatch(/^error 3: .*cloud function "peek" does not build: .*package\.json is outside the project/);
    expect(await call('recurse')).toMatch(/^error 3: .*called 4 levels deep/);
    expect(await call('nested')).toBe(JSON.stringify(['tax#7']));
    expect(app.errors).toEqual([]);
  });

  it('finds the folder mini.project.json names (cloudfunctionRoot)', async () => {
    const files = project();
    const moved: ProjectFiles = { 'mini.project.json': { format: 2, cloudfunctionRoot: 'server/functions' } };
    for (const [file, content] of Object.entries(files)) moved[file.replace(/^cloud\//, 'server/functions/')] = content;
    const app = await launchCloud({}, moved);
    await act(app, 'seed');
    expect(await act(app, 'callList')).toEqual({ env: 'test-env', titles: ['milk#3', 'tax#7'] });
  });
});

describe('cloud file storage', () => {
  it('uploads, downloads, lists a temporary URL and deletes', async () => {
    const app = await launchCloud();
    expect(await act(app, 'files')).toEqual({ fileID: 'cloud://test-env/notes/a.txt', text: 'hello cloud', status: 0, deleted: 0, after: 3 });
  });

  it('refuses a cloudPath or fileID that walks out of the storage', async () => {
    const data = await dataDir();
    const app = await launchProject(project(), { cloud: { dataDir: data } });
    expect(await act(app, 'traversal')).toEqual([2, 2, 2, 2, 2]);
    expect(await readdir(data)).toEqual([]);
  });
});
