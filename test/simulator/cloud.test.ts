/**
 * The cloud emulator in the simulator (`mpk dev`): the page's `Cloud.callFunction` / database calls
 * travel from the browser to the dev server, which runs the project's `cloud/<name>/index.js` in its
 * QuickJS sandbox over the NeDB database in `<project>/.mpk/cloud`; the result renders in the phone.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openProject, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;

const files: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
  'app.js': 'App({ onLaunch() { Cloud.init({ env: "sim-env" }); } });',
  'mini.project.json': JSON.stringify({ format: 2, cloudfunctionRoot: 'cloud' }),
  'pages/index/index.json': '{}',
  'pages/index/index.axml': '<view id="greeting">{{greeting}}</view><view id="count">{{count}}</view><view id="file">{{file}}</view>',
  'pages/index/index.js': `
Page({
  data: { greeting: 'waiting', count: '', file: '' },
  async onLoad() {
    try {
      await Cloud.database().collection('visits').add({ data: { who: 'Ada' } });
      const res = await Cloud.callFunction({ name: 'greet', data: { prefix: 'Hello' } });
      this.setData({ greeting: res.result.text, count: String(res.result.visits) });
      const fs = my.getFileSystemManager();
      fs.writeFileSync(my.env.USER_DATA_PATH + '/a.txt', 'bytes from the phone', 'utf8');
      const up = await Cloud.uploadFile({ cloudPath: 'up/a.txt', filePath: my.env.USER_DATA_PATH + '/a.txt' });
      const down = await Cloud.downloadFile({ fileID: up.fileID });
      this.setData({ file: fs.readFileSync(down.tempFilePath, 'utf8').data });
    } catch (e) {
      this.setData({ greeting: 'error ' + e.error + ': ' + e.message });
    }
  },
});`,
  'cloud/greet/index.js': `
const cloud = require('@alipay/faas-server-sdk');
exports.main = async (event, context) => {
  const db = cloud.database();
  const visits = await db.collection('visits').where({ who: 'Ada' }).count();
  const first = await db.collection('visits').limit(1).get();
  return { text: event.prefix + ', ' + first.data[0].who + ' (' + context.env + ')', visits: visits.total };
};`,
};

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openProject(browser, files);
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

it("renders what a page's callFunction returned, from the project's cloud folder, and round-trips a file", async () => {
  await expect.poll(() => sim.text('#greeting'), { timeout: 20_000 }).toBe('Hello, Ada (sim-env)');
  expect(await sim.text('#count')).toBe('1');
  await expect.poll(() => sim.text('#file'), { timeout: 10_000 }).toBe('bytes from the phone');
  // The data is the project's, on disk.
  expect(existsSync(path.join(sim.project.dir, '.mpk', 'cloud', 'sim-env', 'db', 'visits.db'))).toBe(true);
  expect(existsSync(path.join(sim.project.dir, '.mpk', 'cloud', 'sim-env', 'storage', 'up', 'a.txt'))).toBe(true);
  await sim.screenshot('cloud-call-function');
  expect(sim.errors).toEqual([]);
});
