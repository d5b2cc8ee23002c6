/**
 * Containment: a build of an untrusted project reads no file outside the project (and the npm
 * packages of its node_modules). Each test builds a hostile project in a temp directory next to a
 * directory of "secrets", and checks the build result: the refusal's diagnostic code, that no
 * secret appears anywhere (package files, source maps, diagnostics' messages and frames, the
 * written package), that no absolute path of a secret is printed, and that the build ends in
 * bounded time (FIFOs, a 2 GB sparse file).
 */

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, createBuilder, type BuildOptions, type BuildResult } from '../../src/index.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

const SECRET = 'MPK_HOST_SECRET_5e1f7c';
const canFifo = process.platform !== 'win32';

interface Hostile {
  /** The temp directory holding `secrets/` and the project. */
  root: string;
  /** Outside the project: secret.txt, secret.js, secret.acss, secret.less, secret.axml, secret.sjs, secret.json, secret.png. */
  secrets: string;
  /** The project directory (root/work/project). */
  dir: string;
  write(file: string, content: string): void;
  link(file: string, target: string): void;
}

/** A project at `<root>/work/project`, its secrets at `<root>/secrets` (so `../../secrets/x` from the project root leaves it). */
function hostile(files: Record<string, string> = {}): Hostile {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mpk-containment-'));
  roots.push(root);
  const secrets = path.join(root, 'secrets');
  fs.mkdirSync(secrets);
  const secretFiles: Record<string, string> = {
    'secret.txt': `${SECRET} txt\n`,
    'secret.js': `module.exports = "${SECRET} js";\n`,
    'secret.acss': `.leak { content: "${SECRET} acss"; }\n`,
    'secret.less': `@x: "${SECRET} less";\n.leak { content: @x; }\n`,
    'secret.axml': `<view>${SECRET} axml</view>\n`,
    'secret.sjs': `export default "${SECRET} sjs";\n`,
    'secret.json': `{ "${SECRET}": json, broken }\n`,
    'secret.png': `${SECRET} png\n`,
  };
  for (const [name, content] of Object.entries(secretFiles)) fs.writeFileSync(path.join(secrets, name), content);
  const dir = path.join(root, 'work', 'project');
  const write = (file: string, content: string) => {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  };
  const link = (file: string, target: string) => {
    const at = path.join(dir, file);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(target, at);
  };
  const base: Record<string, string> = {
    'app.json': '{ "pages": ["pages/index/index"] }\n',
    'app.js': 'App({});\n',
    'pages/index/index.js': 'Page({});\n',
    'pages/index/index.axml': '<view>home</view>\n',
    'pages/index/index.json': '{}\n',
  };
  for (const [file, content] of Object.entries({ ...base, ...files })) write(file, content);
  return { root, secrets, dir, write, link };
}

/** Builds with a deadline: a build that hangs (a FIFO opened) fails the test instead of the suite. */
async function buildWithin(dir: string, options: BuildOptions = {}, ms = 20_000): Promise<BuildResult> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the build did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([build(dir, { write: false, ...options }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function describeDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`).join('\n');
}

/** Every byte the build produced or printed: package files (from memory and, when written, from disk) and diagnostics. */
async function everything(result: BuildResult): Promise<string> {
  const parts: string[] = [];
  for (const d of result.diagnostics) parts.push(d.message, d.frame ?? '', d.file);
  if (result.source) {
    parts.push(await result.source.readText('manifest.json'));
    for (const f of result.source.manifest.files) {
      try {
        parts.push(new TextDecoder().decode(await result.source.readBytes!(f.path)));
      } catch (error) {
        parts.push(`unreadable ${f.path}: ${(error as Error).message}`);
      }
    }
  }
  if (result.outDir && fs.existsSync(result.outDir)) {
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) parts.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(result.outDir);
  }
  return parts.join('\n');
}

/** Nothing of the secrets, nor where they are, anywhere in what the build produced or printed. */
async function expectNoLeak(result: BuildResult, project: Hostile): Promise<void> {
  const all = await everything(result);
  expect(all).not.toContain(SECRET);
  expect(all).not.toContain(project.secrets);
  expect(all).not.toContain(fs.realpathSync(project.secrets));
}

function expectRefused(result: BuildResult, code: string, where: { file?: string; message?: RegExp } = {}): Diagnostic {
  const found = result.diagnostics.filter((d) => d.code === code && (where.file === undefined || d.file === where.file) && (!where.message || where.message.test(d.message)));
  expect(found.length, `expected ${code}${where.file ? ` in ${where.file}` : ''}; got\n${describeDiagnostics(result.diagnostics)}`).toBeGreaterThan(0);
  expect(found[0]!.severity).toBe('error');
  expect(result.ok).toBe(false);
  return found[0]!;
}

describe('logic imports (esbuild)', () => {
  it('refuses import and require of ../../secrets/* (text and JavaScript) with MPK1090 at the import', async () => {
    const p = hostile({
      'app.js': "import s from '../../secrets/secret.txt';\nconst j = require('../../secrets/secret.js');\nApp({ s, j });\n",
    });
    const result = await buildWithin(p.dir);
    const d = expectRefused(result, 'MPK1090', { file: 'app.js', message: /"\.\.\/\.\.\/secrets\/secret\.txt"/ });
    expect(d.line).toBe(1);
    expect(d.frame).toContain("import s from '../../secrets/secret.txt'");
    expectRefused(result, 'MPK1090', { file: 'app.js', message: /"\.\.\/\.\.\/secrets\/secret\.js"/ });
    await expectNoLeak(result, p);
  });

  it('refuses require of an absolute host path (and never maps it to the secret)', async () => {
    const p = hostile();
    const abs = path.join(p.secrets, 'secret.js');
    p.write('app.js', `const j = require(${JSON.stringify(abs)});\nimport t from ${JSON.stringify(path.join(p.secrets, 'secret.txt'))};\nApp({ j, t });\n`);
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.js' });
    // The request as written is named (it is the project's own text), the secret is not read.
    const all = await everything(result);
    expect(all).not.toContain(SECRET);
  });

  it('refuses a page script that is a symbolic link out of the project', async () => {
    const p = hostile();
    fs.rmSync(path.join(p.dir, 'pages/index/index.js'));
    p.link('pages/index/index.js', path.join(p.secrets, 'secret.js'));
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'pages/index/index.js' });
    await expectNoLeak(result, p);
  });

  it('refuses a relative import of a file that is a symbolic link out of the project', async () => {
    const p = hostile({ 'app.js': "const x = require('./utils/x.js');\nApp({ x });\n" });
    p.link('utils/x.js', path.join(p.secrets, 'secret.js'));
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.js', message: /"\.\/utils\/x\.js"/ });
    await expectNoLeak(result, p);
  });

  it('refuses a node_modules package that links to a directory that is not a package (and a bundled file of a package linking out)', async () => {
    const p = hostile({ 'app.js': "const a = require('evil/secret.js');\nconst b = require('sneaky');\nApp({ a, b });\n" });
    p.link('node_modules/evil', p.secrets);
    p.write('node_modules/sneaky/package.json', '{ "name": "sneaky", "main": "index.js" }');
    p.link('node_modules/sneaky/index.js', path.join(p.secrets, 'secret.js'));
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.js', message: /"evil\/secret\.js"/ });
    expectRefused(result, 'MPK1090', { file: 'app.js', message: /"sneaky"/ });
    await expectNoLeak(result, p);
  });

  it('bundles a package that node_modules links into a package store outside the project (pnpm)', async () => {
    const p = hostile({ 'app.js': "const lib = require('lib');\nApp({ lib });\n" });
    const store = path.join(p.root, 'store', 'node_modules', '.pnpm', 'lib@1.0.0', 'node_modules', 'lib');
    fs.mkdirSync(store, { recursive: true });
    fs.writeFileSync(path.join(store, 'package.json'), '{ "name": "lib", "main": "index.js" }');
    fs.writeFileSync(path.join(store, 'index.js'), "module.exports = require('./util.js') + 'STORE_LIB_OK';\n");
    fs.writeFileSync(path.join(store, 'util.js'), "module.exports = 'util:';\n");
    p.link('node_modules/lib', store);
    const result = await buildWithin(p.dir);
    expect(describeDiagnostics(result.diagnostics)).toBe('');
    expect(await result.source!.readText('logic.js')).toContain('STORE_LIB_OK');
  });

  it('does not open every package of the machine through a node_modules that links to a directory above them', async () => {
    const p = hostile({ 'app.js': "const lib = require('store/node_modules/lib');\nconst up = require('hoisted');\nApp({ lib, up });\n" });
    const store = path.join(p.root, 'store', 'node_modules', 'lib');
    fs.mkdirSync(store, { recursive: true });
    fs.writeFileSync(path.join(store, 'package.json'), '{ "name": "lib", "main": "index.js" }');
    fs.writeFileSync(path.join(store, 'index.js'), `module.exports = "${SECRET} store";`);
    fs.symlinkSync(p.root, path.join(p.dir, 'node_modules'));
    // A package installed above the project is not its own either.
    const hoisted = path.join(p.root, 'work', 'node_modules', 'hoisted');
    fs.mkdirSync(hoisted, { recursive: true });
    fs.writeFileSync(path.join(hoisted, 'package.json'), '{ "name": "hoisted", "main": "index.js" }');
    fs.writeFileSync(path.join(hoisted, 'index.js'), `module.exports = "${SECRET} hoisted";`);
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.js', message: /"store\/node_modules\/lib"/ });
    expectRefused(result, 'MPK1090', { file: 'app.js', message: /"hoisted"/ });
    await expectNoLeak(result, p);
  });

  it('refuses files a dynamic import pattern matches outside the project, without naming them', async () => {
    const p = hostile({
      'app.js': 'const n = globalThis.n;\nApp({ a: require("../../secrets/" + n + ".js"), b: require(`../../secrets/${n}.json`) });\n',
    });
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.js' });
    expect(result.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/secret\.js|secret\.json/);
    await expectNoLeak(result, p);
  });

  it('refuses a dot-file inside a store package (.env)', async () => {
    const p = hostile({ 'app.js': "const env = require('lib/.env.json');\nApp({ env });\n" });
    const store = path.join(p.root, 'store', 'node_modules', 'lib');
    fs.mkdirSync(store, { recursive: true });
    fs.writeFileSync(path.join(store, 'package.json'), '{ "name": "lib" }');
    fs.writeFileSync(path.join(store, '.env.json'), `{ "key": "${SECRET}" }`);
    p.link('node_modules/lib', store);
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.js' });
    await expectNoLeak(result, p);
  });

  it('gives esbuild no tsconfig of the build machine, and refuses a project tsconfig that extends one outside', async () => {
    const p = hostile({ 'tsconfig.json': '{ "extends": "../../secrets/secret.json" }\n', 'app.ts': 'App({});\n' });
    fs.rmSync(path.join(p.dir, 'app.js'));
    // A tsconfig.json above the project (which esbuild would otherwise find and parse, quoting it in errors).
    fs.writeFileSync(path.join(p.root, 'work', 'tsconfig.json'), fs.readFileSync(path.join(p.secrets, 'secret.json')));
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'tsconfig.json', message: /"extends" "\.\.\/\.\.\/secrets\/secret\.json"/ });
    await expectNoLeak(result, p);
    // Without the project's tsconfig.json, the one above is not read either.
    fs.rmSync(path.join(p.dir, 'tsconfig.json'));
    const again = await buildWithin(p.dir);
    expect(describeDiagnostics(again.diagnostics)).toBe('');
  });

  it('reports a malformed package.json above the project without its text', async () => {
    const p = hostile({ 'app.js': "import x from './x.js';\nApp({ x });\n", 'x.js': 'export default 1;\n' });
    fs.writeFileSync(path.join(p.root, 'work', 'package.json'), `{ ${SECRET} }`);
    const result = await buildWithin(p.dir);
    await expectNoLeak(result, p);
  });
});

describe('incremental rebuilds', () => {
  it('refuses a file that became a symbolic link out of the project since the previous build', async () => {
    const p = hostile({
      'app.js': "const x = require('./utils/x.js');\nApp({ x });\n",
      'utils/x.js': 'module.exports = 1;\n',
      'pages/index/index.axml': '<include src="./part.axml"/>\n',
      'pages/index/part.axml': '<view>part</view>\n',
    });
    const builder = createBuilder(p.dir, { write: false });
    try {
      const first = await builder.build();
      expect(describeDiagnostics(first.diagnostics)).toBe('');
      for (const [file, secret] of [['utils/x.js', 'secret.js'], ['pages/index/part.axml', 'secret.axml']] as const) {
        fs.rmSync(path.join(p.dir, file));
        p.link(file, path.join(p.secrets, secret));
      }
      const again = await builder.rebuild(['utils/x.js', 'pages/index/part.axml']);
      expectRefused(again, 'MPK1090', { file: 'app.js' });
      expectRefused(again, 'MPK1090', { file: 'pages/index/part.axml' });
      await expectNoLeak(again, p);
    } finally {
      await builder.dispose();
    }
  });
});

describe('templates, SJS, JSON and styles', () => {
  it('refuses a page .axml, .acss and .json that are symbolic links out of the project', async () => {
    const p = hostile({ 'app.json': '{ "pages": ["pages/index/index", "pages/two/two"] }', 'pages/two/two.js': 'Page({});\n' });
    p.link('pages/two/two.axml', path.join(p.secrets, 'secret.axml'));
    p.link('pages/two/two.acss', path.join(p.secrets, 'secret.acss'));
    p.link('pages/two/two.json', path.join(p.secrets, 'secret.json'));
    const result = await buildWithin(p.dir);
    for (const file of ['pages/two/two.axml', 'pages/two/two.acss', 'pages/two/two.json']) expectRefused(result, 'MPK1090', { file });
    await expectNoLeak(result, p);
  });

  it('refuses an SJS module that is a symbolic link out of the project', async () => {
    const p = hostile({ 'pages/index/index.axml': '<import-sjs from="./helper.sjs" name="h"/>\n<view>{{h}}</view>\n' });
    p.link('pages/index/helper.sjs', path.join(p.secrets, 'secret.sjs'));
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'pages/index/helper.sjs' });
    expectRefused(result, 'MPK1090', { file: 'pages/index/index.axml', message: /"\.\/helper\.sjs"/ });
    await expectNoLeak(result, p);
  });

  it('refuses an SJS import that leads out of the project', async () => {
    const p = hostile({
      'pages/index/index.axml': '<import-sjs from="./h.sjs" name="h"/>\n<view>{{h.v}}</view>\n',
      'pages/index/h.sjs': "import s from '../../../../secrets/secret.sjs';\nexport default { v: s };\n",
    });
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'pages/index/h.sjs', message: /"\.\.\/\.\.\/\.\.\/\.\.\/secrets\/secret\.sjs"/ });
    await expectNoLeak(result, p);
  });

  it('refuses <include src="/../../x.axml">, <import src="../../../x.axml"> and an absolute host path', async () => {
    const p = hostile();
    const abs = path.join(p.secrets, 'secret.axml');
    p.write('pages/index/index.axml', `<include src="/../../secrets/secret.axml"/>\n<import src="../../../../secrets/secret.axml"/>\n<include src="${abs}"/>\n<view>home</view>\n`);
    const result = await buildWithin(p.dir);
    const included = expectRefused(result, 'MPK1090', { file: 'pages/index/index.axml', message: /"\/\.\.\/\.\.\/secrets\/secret\.axml"/ });
    expect(included.line).toBe(1);
    expectRefused(result, 'MPK1090', { file: 'pages/index/index.axml', message: /"\.\.\/\.\.\/\.\.\/\.\.\/secrets\/secret\.axml"/ });
    const all = await everything(result);
    expect(all).not.toContain(SECRET);
  });

  it("refuses @import '../../../secret.acss' and an @import of a symbolic link out of the project", async () => {
    const p = hostile({
      'app.acss': "@import '../../secrets/secret.acss';\n@import './linked.acss';\n.a { color: blue; }\n",
      'pages/index/index.acss': "@import '../../../../secrets/secret.acss';\n.b { color: red; }\n",
    });
    p.link('linked.acss', path.join(p.secrets, 'secret.acss'));
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.acss', message: /'?"\.\.\/\.\.\/secrets\/secret\.acss"/ });
    expectRefused(result, 'MPK1090', { file: 'app.acss', message: /"\.\/linked\.acss"/ });
    expectRefused(result, 'MPK1090', { file: 'pages/index/index.acss' });
    expect(await result.source!.readText('style.css')).toContain('color: blue');
    await expectNoLeak(result, p);
  });

  it('refuses a Less @import outside the project (plain, inline, a link) and image-size()', async () => {
    const p = hostile({
      'mini.project.json': '{ "format": 2, "compileOptions": { "less": true } }',
      'app.less': "@import '../../secrets/secret.less';\n.a { color: blue; }\n",
      'pages/index/index.less': "@import (inline) '../../../../secrets/secret.txt';\n.b { color: red; }\n",
      'components/c/c.less': '.c { width: image-width("/linked.less"); }\n',
    });
    p.link('linked.less', path.join(p.secrets, 'secret.less'));
    p.write('other.less', "@import './linked.less';\n");
    p.write('app.less', "@import '../../secrets/secret.less';\n@import './other.less';\n.a { color: blue; }\n");
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.less' });
    expectRefused(result, 'MPK1090', { file: 'pages/index/index.less' });
    await expectNoLeak(result, p);
  });

  it('refuses usingComponents that lead out of the project (a relative path, a linked directory)', async () => {
    const p = hostile({ 'pages/index/index.json': '{ "usingComponents": { "a": "../../../../secrets/secret", "b": "/linked/secret" } }' });
    p.link('linked', p.secrets);
    const result = await buildWithin(p.dir);
    expect(result.ok).toBe(false);
    expectRefused(result, 'MPK1090', { file: 'linked' });
    await expectNoLeak(result, p);
  });

  it('refuses ext.json and mini.project.json that are symbolic links out of the project', async () => {
    const p = hostile();
    p.link('ext.json', path.join(p.secrets, 'secret.json'));
    p.link('mini.project.json', path.join(p.secrets, 'secret.json'));
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'ext.json' });
    expectRefused(result, 'MPK1090', { file: 'mini.project.json' });
    await expectNoLeak(result, p);
  });

  it('follows symbolic links that stay inside the project', async () => {
    const p = hostile({ 'shared/home.axml': '<view>INSIDE_LINK_OK</view>\n', 'shared/logo.png': 'png' });
    fs.rmSync(path.join(p.dir, 'pages/index/index.axml'));
    p.link('pages/index/index.axml', '../../shared/home.axml');
    p.link('images/logo.png', '../shared/logo.png');
    const result = await buildWithin(p.dir);
    expect(describeDiagnostics(result.diagnostics)).toBe('');
    expect(result.files.map((f) => f.path)).toContain('images/logo.png');
    expect(await result.source!.readText('view.json').catch(() => result.source!.readText('view.js'))).toContain('INSIDE_LINK_OK');
  });
});

describe('configuration', () => {
  it('refuses miniprogramRoot outside the project, lexically or through a symbolic link', async () => {
    const p = hostile({ 'mini.project.json': '{ "format": 2, "miniprogramRoot": "../../secrets" }' });
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'mini.project.json', message: /miniprogramRoot "\.\.\/\.\.\/secrets"/ });
    await expectNoLeak(result, p);

    const q = hostile({ 'mini.project.json': '{ "format": 2, "miniprogramRoot": "src" }' });
    fs.writeFileSync(path.join(q.secrets, 'app.json'), `{ "pages": ["${SECRET}"] }`);
    q.link('src', q.secrets);
    const linked = await buildWithin(q.dir);
    expectRefused(linked, 'MPK1090', { file: 'mini.project.json', message: /miniprogramRoot "src"/ });
    await expectNoLeak(linked, q);
  });

  it('refuses a resolveAlias target outside the project', async () => {
    const p = hostile({
      'mini.project.json': '{ "format": 2, "compileOptions": { "resolveAlias": { "@s/*": "../../secrets/*" } } }',
      'app.js': "const s = require('@s/secret.js');\nApp({ s });\n",
    });
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'mini.project.json' });
    await expectNoLeak(result, p);
  });

  it('refuses an alias into a directory that links out of the project', async () => {
    const p = hostile({
      'mini.project.json': '{ "format": 2, "compileOptions": { "resolveAlias": { "@s/*": "./lib/*" } } }',
      'app.js': "const s = require('@s/secret.js');\nApp({ s });\n",
      'app.acss': "@import '@s/secret.acss';\n",
    });
    p.link('lib', p.secrets);
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'app.js' });
    expectRefused(result, 'MPK1090', { file: 'app.acss' });
    await expectNoLeak(result, p);
  });
});

describe('assets and the output directory', () => {
  it('refuses an asset that is a symbolic link out of the project', async () => {
    const p = hostile();
    p.link('images/a.png', path.join(p.secrets, 'secret.png'));
    p.link('static', p.secrets);
    const result = await buildWithin(p.dir);
    expectRefused(result, 'MPK1090', { file: 'images/a.png' });
    expectRefused(result, 'MPK1090', { file: 'static' });
    expect(result.files.map((f) => f.path)).not.toContain('images/a.png');
    await expectNoLeak(result, p);
  });

  it('refuses a 2 GB sparse asset by its size, without reading it', async () => {
    const p = hostile();
    fs.mkdirSync(path.join(p.dir, 'images'), { recursive: true });
    const big = path.join(p.dir, 'images', 'big.png');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 2 * 1024 * 1024 * 1024);
    const started = Date.now();
    const result = await buildWithin(p.dir);
    expect(Date.now() - started).toBeLessThan(15_000);
    expectRefused(result, 'MPK1092', { file: 'images/big.png' });
    expect(result.files.map((f) => f.path)).not.toContain('images/big.png');
  });

  it('does not write the package through a dist that links out of the project', async () => {
    const p = hostile();
    const elsewhere = path.join(p.root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    p.link('dist', elsewhere);
    const result = await buildWithin(p.dir, { write: true });
    expectRefused(result, 'MPK1090', { file: '' });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('does not remove or overwrite files through links inside a previous package', async () => {
    const p = hostile();
    const victim = path.join(p.root, 'victim');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, 'keep.txt'), 'keep');
    fs.writeFileSync(path.join(victim, 'manifest.target'), 'keep');
    // A forged previous package: its manifest lists sub/keep.txt, and sub links out.
    const first = await buildWithin(p.dir, { write: true });
    expect(first.ok).toBe(true);
    const manifestPath = path.join(p.dir, 'dist', 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    manifest.files.push({ path: 'sub/keep.txt', size: 4, sha256: '0'.repeat(64), part: '' });
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
    fs.symlinkSync(victim, path.join(p.dir, 'dist', 'sub'));
    fs.rmSync(path.join(p.dir, 'dist', 'logic.js'));
    fs.symlinkSync(path.join(victim, 'manifest.target'), path.join(p.dir, 'dist', 'logic.js'));
    const again = await buildWithin(p.dir, { write: true });
    expect(again.ok).toBe(true);
    expect(fs.readFileSync(path.join(victim, 'keep.txt'), 'utf8')).toBe('keep');
    expect(fs.readFileSync(path.join(victim, 'manifest.target'), 'utf8')).toBe('keep');
    expect(fs.lstatSync(path.join(p.dir, 'dist', 'logic.js')).isSymbolicLink()).toBe(false);
  });
});

describe.runIf(canFifo)('special files', () => {
  const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

  it('never opens a FIFO named like a page template (the build ends)', async () => {
    const p = hostile();
    fs.rmSync(path.join(p.dir, 'pages/index/index.axml'));
    mkfifo(path.join(p.dir, 'pages/index/index.axml'));
    const result = await buildWithin(p.dir, {}, 15_000);
    expectRefused(result, 'MPK1091', { file: 'pages/index/index.axml' });
  });

  it('never opens FIFOs named like a page script, a style sheet, an SJS module, an asset or an import', async () => {
    const p = hostile({
      'app.json': '{ "pages": ["pages/index/index", "pages/two/two"] }',
      'pages/two/two.axml': '<import-sjs from="./h.sjs" name="h"/><view/>\n',
      'app.js': "const x = require('./x.js');\nApp({ x });\n",
    });
    for (const f of ['pages/two/two.js', 'pages/two/two.acss', 'pages/two/h.sjs', 'images/a.png', 'x.js', 'ext.json']) {
      fs.mkdirSync(path.dirname(path.join(p.dir, f)), { recursive: true });
      mkfifo(path.join(p.dir, f));
    }
    const result = await buildWithin(p.dir, {}, 15_000);
    for (const file of ['pages/two/two.js', 'pages/two/two.acss', 'images/a.png', 'ext.json']) expectRefused(result, 'MPK1091', { file });
    expectRefused(result, 'MPK1091', { file: 'app.js', message: /"\.\/x\.js"/ });
  });

  it('never lets esbuild open a FIFO package.json (or tsconfig.json) in the project', async () => {
    const p = hostile({ 'app.js': "const u = require('./utils/u.js');\nApp({ u });\n", 'utils/u.js': 'module.exports = 1;\n' });
    mkfifo(path.join(p.dir, 'utils', 'package.json'));
    const result = await buildWithin(p.dir, {}, 15_000);
    expectRefused(result, 'MPK1091', { file: 'utils/package.json' });

    const q = hostile();
    mkfifo(path.join(q.dir, 'tsconfig.json'));
    const second = await buildWithin(q.dir, {}, 15_000);
    expectRefused(second, 'MPK1091', { file: 'tsconfig.json' });
  });

  it('never opens a FIFO that a dynamic import pattern matches', async () => {
    const p = hostile({ 'app.js': 'const n = globalThis.n;\nApp({ d: require("./data/" + n + ".js") });\n', 'data/a.js': 'module.exports = 1;\n' });
    mkfifo(path.join(p.dir, 'data', 'b.js'));
    const result = await buildWithin(p.dir, {}, 15_000);
    expectRefused(result, 'MPK1091', { file: 'app.js' });
  });

  it('refuses a package.json that links to a device', async () => {
    const p = hostile();
    p.link('pages/package.json', '/dev/zero');
    const result = await buildWithin(p.dir, {}, 15_000);
    expectRefused(result, 'MPK1090', { file: 'pages/package.json' });
  });
});
