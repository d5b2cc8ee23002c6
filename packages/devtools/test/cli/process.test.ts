/**
 * The CLI as a process and its small courtesies: --version, an unknown command, the help text,
 * `mpk … | head -1` (EPIPE), Ctrl+C on `mpk dev` (exit 0, also when the signal arrives twice, as
 * under `pnpm start`), NO_COLOR / FORCE_COLOR, and `mpk test` passing vitest's options through.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { tempProjects, capture } from '../support.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const MPK = path.join(REPO, 'packages/devtools/bin/mpk.js');
const version = (JSON.parse(readFileSync(path.join(REPO, 'packages/devtools/package.json'), 'utf8')) as { version: string }).version;

const { project } = await tempProjects('mpk-process-');

/** The environment of a child without the colour variables of this test run. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const copy = { ...process.env };
  delete copy.NO_COLOR;
  delete copy.FORCE_COLOR;
  delete copy.INIT_CWD;
  return { ...copy, ...extra };
}

const broken = {
  'app.json': '{ "pages": ["pages/index/index"] }',
  'app.js': 'App({});',
  'pages/index/index.js': 'Page({});',
  'pages/index/index.axml': '<view>{{ a b }}</view>',
};

describe('mpk --version, unknown commands, help', () => {
  it('--version and -v print the version', async () => {
    for (const flag of ['--version', '-v']) {
      const { out, io } = capture();
      expect(await main([flag], io)).toBe(0);
      expect(out.stdout).toBe(`mpk ${version}\n`);
    }
  });

  it('an unknown command says so and exits 2', async () => {
    const { out, io } = capture();
    expect(await main(['biuld', '.'], io)).toBe(2);
    expect(out.stderr).toMatch(/^mpk: unknown command "biuld"\nRun mpk --help for the commands: create, dev, build, check, run, test, keygen\n$/);
    expect(out.stdout).toBe('');
  });

  it('the help of --no-sourcemap has no misleading "(default: true)"', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const { io } = capture();
      expect(await main(['build', '--help'], io)).toBe(0);
      const help = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(help).toMatch(/--no-sourcemap +Do not write logic\.js\.map *\n/);
      expect(help).not.toContain('(default: true)');
      expect(help).toContain('--json');
    } finally {
      log.mockRestore();
    }
  });
});

describe('the real process', () => {
  it('mpk check … | head -1 exits quietly: no EPIPE crash, its own exit code', async () => {
    // 200 warnings with frames and help: far more than a pipe buffer, so the writer meets a closed pipe.
    const tags = Array.from({ length: 300 }, (_, i) => `<x-tag${i}>t</x-tag${i}>`).join('\n');
    const dir = await project({ ...broken, 'pages/index/index.axml': `<view>{{ a b }}</view>\n${tags}` });
    const result = spawnSync('bash', ['-c', `node ${JSON.stringify(MPK)} check ${JSON.stringify(dir)} --format json 2>"$1" | head -1; echo "mpk=\${PIPESTATUS[0]}"`, 'sh', path.join(dir, 'stderr.txt')], {
      encoding: 'utf8',
      env: env(),
      timeout: 60_000,
    });
    expect(result.stdout).toBe('{\nmpk=1\n');
    expect(readFileSync(path.join(dir, 'stderr.txt'), 'utf8')).toBe('');
  });

  it('mpk dev exits 0 on SIGINT, also when the signal comes twice (terminal and pnpm), and on SIGTERM', async () => {
    for (const signals of [['SIGINT', 'SIGINT'], ['SIGTERM']] as const) {
      const child = spawn(process.execPath, [MPK, 'dev', path.join(REPO, 'examples/todo'), '--port', '0', '--open', 'false'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (d) => {
          stdout += d;
          if (stdout.includes('simulator for')) resolve();
        }),
      );
      for (const signal of signals) {
        child.kill(signal);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await exited, stderr).toEqual([0, null]);
    }
  }, 60_000);

  it('colours: none through a pipe, FORCE_COLOR forces them, NO_COLOR wins', () => {
    const dir = path.join(REPO, 'packages/compiler/test/fixtures/broken-app');
    expect(existsSync(dir)).toBe(true);
    const plain = spawnSync(process.execPath, [MPK, 'check', dir], { encoding: 'utf8', env: env(), timeout: 60_000 });
    expect(plain.status).toBe(1);
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = spawnSync(process.execPath, [MPK, 'check', dir], { encoding: 'utf8', env: env({ FORCE_COLOR: '1' }), timeout: 60_000 });
    expect(forced.stdout).toContain('\u001b[31merror\u001b[39m');
    const zero = spawnSync(process.execPath, [MPK, 'check', dir], { encoding: 'utf8', env: env({ FORCE_COLOR: '0' }), timeout: 60_000 });
    expect(zero.stdout).not.toContain('\u001b[');
    const both = spawnSync(process.execPath, [MPK, 'check', dir], { encoding: 'utf8', env: env({ FORCE_COLOR: '1', NO_COLOR: '1' }), timeout: 60_000 });
    expect(both.stdout).not.toContain('\u001b[');
  }, 60_000);
});

describe('mpk test passes vitest options through', () => {
  const app = {
    'app.json': '{ "pages": ["pages/index/index"] }',
    'app.js': 'App({});',
    'pages/index/index.js': 'Page({ data: { n: 1 } });',
    'pages/index/index.axml': '<view id="n">{{n}}</view>',
    'index.test.js': `import { it, expect } from 'vitest';
import { launch } from '@mpk/devtools/harness';
it('renders n', async () => {
  const app = await launch(import.meta.dirname);
  expect(app.currentPage().text('#n')).toBe('1');
  await app.close();
});
it('matches its snapshot', () => { expect({ n: 1 }).toMatchSnapshot(); });
`,
  };

  it('--reporter junit --output-file writes JUnit XML; without -u a stale snapshot fails, with -u it is rewritten', async () => {
    const dir = await project(app);
    await mkdir(path.join(dir, '__snapshots__'));
    const snap = path.join(dir, '__snapshots__/index.test.js.snap');
    await writeFile(snap, '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\n\nexports[`matches its snapshot 1`] = `\n{\n  "n": 2,\n}\n`;\n');
    const file = path.join(dir, 'junit.xml');
    // The real CLI (vitest inside this test run would share its snapshot client).
    const test = (...flags: string[]) => spawnSync(process.execPath, [MPK, 'test', dir, ...flags], { encoding: 'utf8', env: env({ CI: '' }), timeout: 120_000 });
    const stale = test('--reporter', 'junit', '--output-file', file);
    expect(stale.status, stale.stderr).toBe(1);
    expect(stale.stdout).toMatch(/^mpk test: failed: 1 of 2 tests failed in 1 file$/m);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('name="renders n"');
    expect(xml).toMatch(/<failure message="Snapshot/);
    const updated = test('-u');
    expect(updated.status, updated.stdout + updated.stderr).toBe(0);
    expect(updated.stdout).toMatch(/^mpk test: 2 tests passed in 1 file$/m);
    expect(readFileSync(snap, 'utf8')).toContain('"n": 1');
  }, 120_000);

  it('refuses an unknown reporter (exit 2)', async () => {
    const dir = await project(app);
    const { out, io } = capture();
    expect(await main(['test', dir, '--reporter', 'fancy'], io)).toBe(2);
    expect(out.stderr).toContain('--reporter takes one of default, verbose');
  });
});
