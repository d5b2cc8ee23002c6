/**
 * mpk outside its own repository, as a user gets it: the three packages are built and packed
 * (`pnpm pack:all`), installed with npm into a temporary project, and used there the way the
 * README says: `npx mpk create`, the created app's `npm test` and `npm run build`, a host script
 * run by plain `node` (no tsx) and type-checked by a stock `tsc --init` configuration.
 */
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const work = mkdtempSync(path.join(tmpdir(), 'mpk-install-'));
const packs = path.join(work, 'packs');
const project = path.join(work, 'host');
const timings: Record<string, number> = {};

/** The environment of a shell outside this workspace: no pnpm/npm script variables (INIT_CWD would point back here). */
function outsideEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'INIT_CWD' || key.startsWith('npm_') || key.startsWith('PNPM_') || key === 'VITEST' || key.startsWith('VITEST_')) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', NODE_ENV: 'production' };
}

function run(label: string, command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: outsideEnv(), encoding: 'utf8', timeout: 240_000 });
  timings[label] = Math.round(performance.now() - started);
  if (result.status !== 0) {
    throw new Error(`${label} (${command} ${args.join(' ')}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/**
 * A created and built `host/app` for the host tests: the first test's own, or made here when that
 * test failed before building it, so a failure there does not become a second, misleading one.
 */
function builtApp(): void {
  if (!existsSync(path.join(project, 'app'))) run('npx mpk create app (for the host)', 'npx', ['mpk', 'create', 'app'], project);
  if (!existsSync(path.join(project, 'app/dist/manifest.json'))) run('npx mpk build app (for the host)', 'npx', ['mpk', 'build', 'app'], project);
}

function tarballs(): string[] {
  return readdirSync(packs).filter((f) => f.endsWith('.tgz')).sort();
}

beforeAll(() => {
  run('pack', process.execPath, [path.join(repo, 'scripts/pack.mjs'), packs], repo);
  writeFileSync(path.join(work, 'package.json'), '{}\n'); // npm stops looking for a project root here
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'host', private: true, type: 'module' }, null, 2)}\n`);
  run('npm install', 'npm', ['install', '--no-audit', '--no-fund', ...tarballs().map((f) => path.join(packs, f))], project);
}, 600_000);

afterAll(() => {
  console.log(`pack-install timings (ms): ${JSON.stringify(timings)}`);
  rmSync(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('are three tarballs of built JavaScript and declarations, without sources', () => {
    expect(tarballs()).toEqual(['mpk-compiler-0.1.0.tgz', 'mpk-devtools-0.1.0.tgz', 'mpk-runtime-0.1.0.tgz']);
    for (const name of ['runtime', 'compiler', 'devtools']) {
      const files = execFileSync('tar', ['tzf', path.join(packs, `mpk-${name}-0.1.0.tgz`)], { encoding: 'utf8' }).trim().split('\n');
      expect(files).toContain('package/dist/index.js');
      expect(files).toContain('package/dist/index.d.ts');
      expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('package/templates/'))).toEqual([]);
      expect(files.filter((f) => f.includes('tsbuildinfo') || f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
      const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules/@mpk', name, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; dependencies?: Record<string, string> };
      expect(JSON.stringify(manifest.exports)).not.toMatch(/\.\/src\//);
      expect(Object.values(manifest.dependencies ?? {}).filter((v) => v.startsWith('workspace:'))).toEqual([]);
    }
    const runtimeFiles = execFileSync('tar', ['tzf', path.join(packs, 'mpk-runtime-0.1.0.tgz')], { encoding: 'utf8' });
    expect(runtimeFiles).toContain('package/dist/baselib.js'); // the base library is prebuilt, never bundled at run time
  });
});

describe('a project outside the repository, with the tarballs installed by npm', () => {
  it('npx mpk create app makes a project whose npm test and npm run build pass', () => {
    const created = run('npx mpk create app', 'npx', ['mpk', 'create', 'app'], project);
    expect(created.stdout).toMatch(new RegExp(`Created \\d+ files in ${path.join(project, 'app')}`));
    expect(created.stdout).toContain('cd app');
    const manifest = JSON.parse(readFileSync(path.join(project, 'app/package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(manifest.devDependencies).toEqual({ '@mpk/devtools': '^0.1.0' });

    const tested = run('npm test (app)', 'npm', ['test'], path.join(project, 'app'));
    expect(`${tested.stdout}${tested.stderr}`).toMatch(/^mpk test: 2 tests passed in 1 file$/m);

    const built = run('npm run build (app)', 'npm', ['run', 'build'], path.join(project, 'app'));
    expect(built.stdout).toMatch(/package written to dist in \d+ ms/);
    expect(`${built.stdout}${built.stderr}`).not.toMatch(/MPK\d{4}/); // a created project has no problems
    expect(readdirSync(path.join(project, 'app/dist')).sort()).toEqual(expect.arrayContaining(['logic.js', 'manifest.json', 'style.css', 'view.json']));
  });

  it('mpk dev serves the simulator from the installed package (client, logic worker, base library) and stops on Ctrl+C', async () => {
    const started = performance.now();
    const dev = spawn(path.join(project, 'node_modules/.bin/mpk'), ['dev', 'app', '--port', '0', '--open', 'false'], { cwd: project, env: outsideEnv() });
    let out = '';
    let err = '';
    dev.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`mpk dev printed no URL in 60 s:\n${out}\n${err}`)), 60_000);
      dev.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /at (http:\/\/\S+)/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!.replace(/\/$/, ''));
        }
      });
    });
    try {
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('client.js');
      for (const asset of ['/client.js', '/logic-worker.js', '/baselib.js']) {
        const res = await fetch(`${url}${asset}`);
        expect(res.status, asset).toBe(200);
        expect((await res.text()).length, asset).toBeGreaterThan(1000);
      }
    } finally {
      dev.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    timings['mpk dev → assets served'] = Math.round(performance.now() - started);
  });

  it('the TypeScript template: npm test, npm run build, and its own tsc find no problems', () => {
    const created = run('npx mpk create ts-app', 'npx', ['mpk', 'create', 'ts-app', '--template', 'ts'], project);
    expect(created.stdout).toContain('Created');
    const manifest = JSON.parse(readFileSync(path.join(project, 'ts-app/package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@mini-types/alipay', '@mpk/devtools', 'typescript']);

    const tested = run('npm test (ts-app)', 'npm', ['test'], path.join(project, 'ts-app'));
    expect(`${tested.stdout}${tested.stderr}`).toMatch(/^mpk test: 2 tests passed in 1 file$/m);
    const built = run('npm run build (ts-app)', 'npm', ['run', 'build'], path.join(project, 'ts-app'));
    expect(`${built.stdout}${built.stderr}`).not.toMatch(/MPK\d{4}/); // type-checked (MPK5100 would show) and clean
    // The pages against @mini-types/alipay (the template's tsconfig), then the test against the harness's declarations.
    run('tsc (ts-app pages)', process.execPath, [tsc, '-p', 'ts-app'], project);
    run('tsc (ts-app test)', process.execPath, [tsc, '-p', 'ts-app/test'], project);
  });

  it('a plain-node ESM host script runs the built package with @mpk/runtime', () => {
    builtApp();
    writeFileSync(
      path.join(project, 'host.mjs'),
      [
        "import { createContainer, HeadlessRenderer, createMemoryStorage } from '@mpk/runtime';",
        'const renderer = new HeadlessRenderer();',
        "const container = await createContainer({ pkg: 'app/dist', renderer, host: { storage: createMemoryStorage() } });",
        "container.on('error', (e) => console.error('app error:', e.message));",
        "await container.launch({ path: 'pages/index/index' });",
        "renderer.tap('#increment');",
        'await container.waitForIdle();',
        'console.log(renderer.serialize(renderer.currentPage()));',
        'await container.destroy();',
        '',
      ].join('\n'),
    );
    const hosted = run('node host.mjs', process.execPath, ['host.mjs'], project);
    expect(hosted.stdout).toContain('<text id="count">1</text>');
    expect(hosted.stderr).toBe('');
  });

  it('a stock tsc (tsc --init, no allowImportingTsExtensions) type-checks a host against the declarations, and catches a wrong option', () => {
    const dir = path.join(project, 'typed-host');
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    run('tsc --init', process.execPath, [tsc, '--init'], dir);
    expect(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')).not.toMatch(/"allowImportingTsExtensions"\s*:\s*true/);
    const host = [
      "import { createContainer, HeadlessRenderer, type ContainerError } from '@mpk/runtime';",
      "import { build, type Diagnostic } from '@mpk/compiler';",
      "import { launch } from '@mpk/devtools/harness';",
      'const renderer = new HeadlessRenderer();',
      "const container = await createContainer({ pkg: '../app/dist', renderer });",
      "container.on('error', (e: ContainerError) => console.error(e.kind, e.message));",
      "await container.launch({ path: 'pages/index/index' });",
      'const html: string = renderer.serialize(renderer.currentPage());',
      "const result = await build('../app');",
      'const problems: Diagnostic[] = result.diagnostics;',
      "const app = await launch('../app');",
      "const count: string = app.currentPage().text('#count');",
      'console.log(html, problems.length, count);',
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'host.ts'), host);
    run('tsc (typed host)', process.execPath, [tsc, '-p', '.', '--noEmit'], dir);

    writeFileSync(path.join(dir, 'wrong.ts'), "import { createContainer } from '@mpk/runtime';\nawait createContainer({ pkg: 42, renderer: 'no' });\n");
    const wrong = spawnSync(process.execPath, [tsc, '-p', '.', '--noEmit'], { cwd: dir, env: outsideEnv(), encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts\(2,\d+\): error TS2322/);
    expect(wrong.stdout).not.toContain('host.ts');
  });
});
