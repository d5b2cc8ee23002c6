import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { main } from '../../src/cli/main.ts';
import { capture } from '../support.ts';
import { scaffold } from '../../src/create/scaffold.ts';

const require = createRequire(import.meta.url);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'mpk-create-test-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe.each(['js', 'ts'] as const)('mpk create --template %s', (kind) => {
  const dir = path.join(tmp, `app-${kind}`);

  it('scaffolds a project named after its directory', async () => {
    const { out, io } = capture();
    expect(await main(['create', dir, '--template', kind], io)).toBe(0);
    expect(out.stdout).toContain('mpk test');
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe(`app-${kind}`);
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toContain('dist/');
  });

  it('builds with no diagnostics and runs headless', async () => {
    const { out, io } = capture();
    expect(await main(['check', dir], io)).toBe(0);
    const run = capture();
    expect(await main(['run', dir, '--tap', '#increment', '--tap', '#wave'], run.io)).toBe(0);
    expect(run.out.stdout).toMatch(/<text id="count">1<\/text>/);
    expect(run.out.stdout).toContain('Waved 1 time');
    expect(run.out.stderr + out.stderr).toBe('');
  });

  it('has a passing test (mpk test)', async () => {
    const { out, io } = capture();
    expect(await main(['test', dir], io)).toBe(0);
    expect(out.stdout).toMatch(/^mpk test: 2 tests passed in 1 file$/m);
  });
});

describe('mpk create safety and the TS template', () => {
  it('never writes into a non-empty directory', async () => {
    const dir = path.join(tmp, 'occupied');
    await mkdir(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    await expect(scaffold(dir, 'js')).rejects.toThrow(/not empty/);
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('type-checks against @mini-types/alipay, and catches a wrong setData', async () => {
    const dir = path.join(tmp, 'typed');
    await scaffold(dir, 'ts');
    // What `npm install` would give the project: the author-facing types.
    const typesRoot = path.dirname(path.dirname(require.resolve('@mini-types/alipay/package.json', { paths: [path.resolve('packages/devtools')] })));
    await mkdir(path.join(dir, 'node_modules'), { recursive: true });
    await symlink(typesRoot, path.join(dir, 'node_modules', '@mini-types'));
    const check = (): string[] => {
      const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
      const program = ts.createProgram(config.fileNames, config.options);
      return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    };
    expect(check()).toEqual([]);
    await writeFile(path.join(dir, 'pages/index/wrong.ts'), "Page({ data: { n: 1 }, bump() { this.setData({ n: 'x' }); } });\n");
    expect(check().join('\n')).toMatch(/not assignable to type 'number'/);
  });
});
