/**
 * `mpk run` on an app that never settles: it gives up after `--idle-timeout`, prints what kept the app
 * busy and exits non-zero, instead of hanging.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'mpk-run-test-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmp, 'app-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

describe('mpk run', () => {
  it('exits 1 naming the loop when the app never becomes idle', async () => {
    const dir = await project({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'app.js': 'App({});',
      'pages/index/index.json': JSON.stringify({ usingComponents: { grow: '/components/grow/grow' } }),
      'pages/index/index.axml': '<grow/>',
      'pages/index/index.js': 'Page({});',
      'components/grow/grow.json': JSON.stringify({ component: true }),
      'components/grow/grow.axml': '<view class="g">{{n}}</view>',
      'components/grow/grow.js': `Component({
        data: { n: 0 },
        didMount() { this.setData({ n: 1 }); },
        didUpdate() { this.createSelectorQuery().select('.g').boundingClientRect().exec(() => this.setData({ n: this.data.n + 1 })); },
      });`,
    });
    const { out, io } = capture();
    const started = Date.now();
    expect(await main(['run', dir, '--idle-timeout', '500'], io)).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^mpk run: the mini-program did not become idle within/);
    expect(out.stderr).toContain('invoke selectorQuery');
    expect(out.stderr).toContain('patch components/grow/grow#2');
  });

  it('refuses a nonsense --idle-timeout', async () => {
    const { out, io } = capture();
    expect(await main(['run', tmp, '--idle-timeout', 'soon'], io)).toBe(2);
    expect(out.stderr).toContain('--idle-timeout takes milliseconds');
  });
});
