/**
 * `mpk build` of an untrusted project reads no file of the build machine (ARCHITECTURE.md "The
 * trust boundary"; packages/compiler/README.md "Containment"). The CLI runs as a CI job would run
 * it, in a child process with a deadline, on a hostile project next to a directory of secrets:
 * imports, symbolic links, @import, <include>, a FIFO and a 2 GB sparse file. What it prints
 * (stdout and stderr, code frames included) and what it writes never hold a secret or its path,
 * each refusal has its code, and the build ends. The repository's own projects that use npm
 * packages through pnpm's symbolic links (a workspace package, the package store) still build.
 */

import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MPK = path.join(REPO, 'packages/devtools/bin/mpk.js');
const SECRET = 'MPK_CI_SECRET_9b2d44';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/** `mpk build <args>` in a child process, killed after `ms`. */
function mpk(args: string[], ms = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MPK, ...args], { cwd: REPO, timeout: ms, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const timedOut = Boolean(error && (error as { killed?: boolean }).killed);
      const code = error ? ((error as { code?: number }).code ?? null) : 0;
      resolve({ code: typeof code === 'number' ? code : null, output: `${stdout}\n${stderr}`, timedOut });
    });
  });
}

function writeAll(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

/** Everything under a directory that `mpk build` may have written, as text. */
function written(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out.join('\n');
}

describe('mpk build of a hostile project', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mpk-security-'));
  roots.push(root);
  const secrets = path.join(root, 'secrets');
  writeAll(secrets, {
    'secret.txt': `${SECRET} txt`,
    'secret.js': `module.exports = "${SECRET} js";`,
    'secret.acss': `.leak { content: "${SECRET} acss"; }`,
    'secret.less': `.leak { content: "${SECRET} less"; }`,
    'secret.axml': `<view>${SECRET} axml</view>`,
    'secret.json': `{ "${SECRET}": json }`,
    'secret.sjs': `export default "${SECRET} sjs";`,
  });
  const dir = path.join(root, 'ci', 'project');
  writeAll(dir, {
    'mini.project.json': '{ "format": 2, "compileOptions": { "less": true } }',
    'app.json': '{ "pages": ["pages/index/index", "pages/linked/linked"] }',
    // An absolute path of the build machine, written so that the printed request (which is the
    // project's own text) differs from the resolved path the output must never show.
    'app.js': `import t from '../../secrets/secret.txt';\nconst j = require(${JSON.stringify(`${root}/ci/../secrets/secret.js`)});\nApp({ t, j });\n`,
    'app.acss': "@import '../../secrets/secret.acss';\n.app { color: blue; }\n",
    'styles/theme.less': "@import '../../../secrets/secret.less';\n",
    'pages/index/index.js': 'Page({});\n',
    'pages/index/index.json': '{}',
    'pages/index/index.axml': '<include src="/../../secrets/secret.axml"/>\n<import-sjs from="./helper.sjs" name="h"/>\n<view>{{h}}</view>\n',
    'pages/index/index.less': "@import '/styles/theme.less';\n.page { color: red; }\n",
    'pages/linked/linked.js': 'Page({});\n',
  });
  const link = (file: string, target: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.symlinkSync(target, path.join(dir, file));
  };
  link('pages/index/helper.sjs', path.join(secrets, 'secret.sjs'));
  link('pages/linked/linked.axml', path.join(secrets, 'secret.axml'));
  link('pages/linked/linked.json', path.join(secrets, 'secret.json'));
  link('images/logo.png', path.join(secrets, 'secret.txt'));
  const big = path.join(dir, 'images', 'huge.png');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, 2 * 1024 * 1024 * 1024);
  if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(dir, 'images', 'pipe.png')]);
  const out = path.join(root, 'out');

  it('ends, fails with the refusal codes, and prints or writes nothing of the secrets', async () => {
    const run = await mpk(['build', dir, '--out', out]);
    expect(run.timedOut, run.output).toBe(false);
    expect(run.code, run.output).toBe(1);
    for (const expected of [
      /app\.js:1:\d+ +error +MPK1090 .*"\.\.\/\.\.\/secrets\/secret\.txt"/,
      /app\.js:2:\d+ +error +MPK1090/,
      /app\.acss:1:\d+ +error +MPK1090 .*"\.\.\/\.\.\/secrets\/secret\.acss"/,
      /styles\/theme\.less:1:\d+ +error +MPK1090/,
      /pages\/index\/index\.axml:1:\d+ +error +MPK1090 .*"\/\.\.\/\.\.\/secrets\/secret\.axml"/,
      /pages\/index\/helper\.sjs +error +MPK1090/,
      /pages\/linked\/linked\.axml +error +MPK1090/,
      /pages\/linked\/linked\.json +error +MPK1090/,
      /images\/logo\.png +error +MPK1090/,
      /images\/huge\.png +error +MPK1092/,
    ]) {
      expect(run.output).toMatch(expected);
    }
    if (process.platform !== 'win32') expect(run.output).toMatch(/images\/pipe\.png +error +MPK1091/);
    expect(run.output).not.toContain(SECRET);
    expect(run.output).not.toContain(secrets);
    expect(run.output).not.toContain(fs.realpathSync(secrets));
    // A build with errors writes nothing.
    expect(written(out)).toBe('');
  });

  it('mpk check --json reports the same refusals, without the secrets in messages or frames', async () => {
    const run = await mpk(['check', dir, '--json']);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    const json = run.output.slice(run.output.indexOf('{'), run.output.lastIndexOf('}') + 1);
    const diagnostics = (JSON.parse(json) as { diagnostics: Array<{ code: string; message: string; frame?: string }> }).diagnostics;
    expect(diagnostics.filter((d) => d.code === 'MPK1090').length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
    expect(JSON.stringify(diagnostics)).not.toContain(secrets);
  });
});

describe('mpk build of projects that use npm packages through pnpm symbolic links', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mpk-security-ok-'));
  roots.push(root);

  it('builds examples/shop (a workspace package linked from node_modules)', async () => {
    const out = path.join(root, 'shop');
    const run = await mpk(['build', path.join(REPO, 'examples/shop'), '--out', out]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toMatch(/MPK109\d/);
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
  });

  it('builds test/libraries/antd-mini (packages in the pnpm store)', async () => {
    const out = path.join(root, 'antd-mini');
    const run = await mpk(['build', path.join(REPO, 'test/libraries/antd-mini'), '--out', out], 120_000);
    expect(run.output).not.toMatch(/MPK109\d/);
    expect(fs.existsSync(path.join(out, 'manifest.json')), run.output).toBe(true);
  });
});
