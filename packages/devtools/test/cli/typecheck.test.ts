/**
 * TypeScript type checking as the CLI user sees it: `mpk check` fails a TS page with type errors,
 * located (code, file, line, column, frame); the created TS template has none; `mpk build` refuses
 * to write a package with one unless --no-typecheck; `mpk dev` sends it to the simulator's
 * build-error overlay (the /events build event the page renders).
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { capture } from '../support.ts';
import { startDevServer } from '../../src/simulator/server/index.ts';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'mpk-typecheck-test-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

const BAD = "\nPage({\n  onShow() {\n    my.showToast({ content: 123 });\n    this.setDat({ a: 1 });\n  },\n});\n";

async function tsTemplate(name: string, broken: boolean): Promise<string> {
  const dir = path.join(tmp, name);
  expect(await main(['create', dir, '--template', 'ts'], capture().io)).toBe(0);
  if (broken) await appendFile(path.join(dir, 'pages/index/index.ts'), BAD);
  return dir;
}

describe('type checking in the CLI', () => {
  it('the created TS template has no type problems', async () => {
    const dir = await tsTemplate('clean', false);
    const { out, io } = capture();
    expect(await main(['check', dir, '--root', dir], io)).toBe(0);
    expect(out.stdout).not.toMatch(/MPK51\d\d/);
  });

  it('mpk check exits 1 and reports my.showToast({ content: 123 }) and this.setDat() with code, file, line, column and frame', async () => {
    const dir = await tsTemplate('broken', true);
    const { out, io } = capture();
    expect(await main(['check', dir, '--root', dir], io)).toBe(1);
    expect(out.stdout).toMatch(/^pages\/index\/index\.ts:26:20 {2}error {2}MPK5100 {2}TS2322: Type 'number' is not assignable to type 'string'\.$/m);
    expect(out.stdout).toContain('> 26 |     my.showToast({ content: 123 });');
    expect(out.stdout).toMatch(/^pages\/index\/index\.ts:27:10 {2}error {2}MPK5100 {2}TS2551: Property 'setDat' does not exist on type .*Did you mean 'setData'\?$/m);
    expect(out.stdout).toContain('> 27 |     this.setDat({ a: 1 });');
    expect(out.stdout).toContain('2 errors');

    // mpk build: an error, like tsc; --no-typecheck builds.
    const built = capture();
    expect(await main(['build', dir], built.io)).toBe(1);
    expect(built.out.stderr).toContain('MPK5100');
    expect(existsSync(path.join(dir, 'dist', 'manifest.json'))).toBe(false);
    expect(await main(['build', dir, '--no-typecheck'], capture().io)).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'manifest.json'))).toBe(true);
  });

  it('mpk dev sends the type errors to the overlay in the build event, and --no-typecheck builds', async () => {
    const dir = await tsTemplate('dev', true);
    const server = await startDevServer({ project: dir });
    try {
      const first = server.lastBuild() ?? (await server.nextBuild());
      expect(first.ok).toBe(false);
      // What the page receives over /events (the overlay renders each error diagnostic with its frame).
      const response = await fetch(new URL('/events', server.url));
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!/event: build\ndata: .*\n\n/.test(text)) text += (await reader.read()).value ?? '';
      await reader.cancel();
      const event = JSON.parse(/event: build\ndata: (.*)\n\n/.exec(text)![1]!);
      const errors = event.diagnostics.filter((d: { code: string }) => d.code === 'MPK5100');
      expect(errors.map((d: any) => `${d.severity} ${d.file}:${d.line}:${d.column}`)).toEqual(['error pages/index/index.ts:26:20', 'error pages/index/index.ts:27:10']);
      expect(errors[0].frame).toContain('my.showToast({ content: 123 })');
    } finally {
      await server.close();
    }
    const unchecked = await startDevServer({ project: dir, typecheck: false });
    try {
      const build = unchecked.lastBuild() ?? (await unchecked.nextBuild());
      expect(build.ok).toBe(true);
    } finally {
      await unchecked.close();
    }
  });
});
