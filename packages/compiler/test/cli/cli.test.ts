import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../devtools/src/cli/main.ts';
import type { CliIO } from '../../../devtools/src/cli/context.ts';
import { copyFixture, minimalApp, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** test/fixtures/broken-app: a missing page and an entryPagePath that is not a page (app.json), an unclosed rule (app.acss), a syntax error (index.js). */
const broken = () => copyFixture('broken-app');

describe('mpk check', () => {
  it('--json prints the diagnostics (paths from --root) and exits 1 when there is an error', async () => {
    const dir = broken();
    const { code, stdout } = await run(['check', dir, '--json', '--root', dir]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { summary: unknown; diagnostics: Array<Record<string, unknown>> };
    expect(report.summary).toEqual({ errors: 4, warnings: 0, files: 3 });
    const diagnostics = report.diagnostics;
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['MPK4001', 'app.acss', 1],
      ['MPK1031', 'app.json', 2],
      ['MPK1035', 'app.json', 3],
      ['MPK5001', 'pages/index/index.js', 2],
    ]);
    for (const d of diagnostics) {
      expect(Object.keys(d)).toEqual(['code', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'frame', 'help', 'helpAnchor', 'helpUri']);
      expect(d.severity).toBe('error');
      expect(typeof d.column).toBe('number');
    }
  });

  it('--json prints no diagnostics and exits 0 for a clean project', async () => {
    const { code, stdout } = await run(['check', writeProject(minimalApp()), '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).diagnostics).toEqual([]);
  });

  it('prints readable diagnostics with code frames', async () => {
    const dir = broken();
    const { code, stdout } = await run(['check', dir, '--root', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('app.json:3:20  error  MPK1035  entryPagePath "pages/nowhere/nowhere" is not one of the pages in app.json');
    expect(stdout).toContain('  > 3 |   "entryPagePath": "pages/nowhere/nowhere"\n      |                    ^');
    expect(stdout.trimEnd().endsWith('4 errors in 3 files')).toBe(true);
    expect(stdout).not.toContain('\u001b[');
  });

  it('exits 0 with warnings only', async () => {
    const dir = writeProject(minimalApp({ 'app.json': '{ "pages": ["pages/index/index"], "debug": true }' }));
    const { code, stdout } = await run(['check', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('warning  MPK1020');
    expect(stdout.trimEnd().endsWith('1 warning in 1 file')).toBe(true);
  });

  it('writes nothing', async () => {
    const dir = writeProject(minimalApp());
    await run(['check', dir]);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('reports a project directory that does not exist', async () => {
    const { code, stdout } = await run(['check', path.join(writeProject({}), 'nope'), '--json']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout).diagnostics as Array<{ code: string }>).map((d) => d.code)).toEqual(['MPK1010']);
  });
});

describe('mpk build', () => {
  it('writes the package and prints a size report, largest files first', async () => {
    const dir = copyFixture('valid-app');
    const out = path.join(writeProject({}), 'pkg');
    const { code, stdout, stderr } = await run(['build', dir, '--out', out]);
    expect(stderr.includes('error')).toBe(false);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^\s+raw\s+compressed$/);
    const mainAt = lines.findIndex((l) => l.startsWith('main package (3 pages)'));
    const subAt = lines.findIndex((l) => l.startsWith('subpackage sub (1 page)'));
    expect(mainAt).toBeGreaterThanOrEqual(0);
    expect(subAt).toBeGreaterThan(mainAt);
    expect(lines[mainAt]).toMatch(/^main package \(3 pages\)\s+\S+ \S+\s+\S+ \S+  of 2\.00 MB$/);
    const bytes = (n: string, unit: string) => Number(n) * (unit === 'KB' ? 1024 : unit === 'MB' ? 1024 * 1024 : 1);
    const rows = lines.slice(mainAt + 1, subAt);
    expect(rows.find((l) => l.includes('logic.js.map'))).toMatch(/\s-  \(source map, not uploaded or counted\)$/);
    const files = rows.filter((l) => !l.includes('source map')).map((l) => l.trim().split(/\s+/));
    const compressed = files.map(([, , , n, unit]) => bytes(n!, unit!));
    expect(compressed).toEqual([...compressed].sort((a, b) => b - a));
    expect(files.find(([p]) => p === 'logic.js')).toBeDefined();
    expect(stdout).toMatch(/^total\s+\S+ \S+\s+\S+ \S+  of 8\.00 MB$/m);
    expect(stdout).toMatch(/package written to .* in \d+ ms/);
  });

  it('exits 1 on errors, prints them on stderr and writes nothing', async () => {
    const dir = broken();
    const { code, stderr } = await run(['build', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain('MPK5001');
    expect(stderr).toContain('no package written');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('--minify shrinks logic.js', async () => {
    const dir = writeProject(minimalApp({ 'app.js': 'const aVeryLongName = 1;\nApp({ aVeryLongName });\n' }));
    expect((await run(['build', dir, '--minify', '--no-sourcemap'])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist/logic.js'), 'utf8')).not.toContain('aVeryLongName =');
    expect(fs.existsSync(path.join(dir, 'dist/logic.js.map'))).toBe(false);
  });
});
