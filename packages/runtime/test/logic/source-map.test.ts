import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStackMapper } from '../../src/sandbox/source-map.ts';
import { ENGINES, FakeHost } from './support/fake-host.ts';

let dir: string;
let logic: string;
let map: string;

const PAGE_SOURCE = [
  '// pages/index/index.js',
  'import { describe } from "../../utils/format.js";',
  'Page({',
  '  onLoad() {',
  '    this.explode(describe(1));',
  '  },',
  '  explode(text) {',
  '    throw new Error("bad " + text); // line 8, column 11',
  '  },',
  '});',
].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpk-srcmap-'));
  await mkdir(join(dir, 'pages/index'), { recursive: true });
  await mkdir(join(dir, 'utils'), { recursive: true });
  await writeFile(join(dir, 'app.js'), 'App({ onError(m, s) { console.log("onError " + m) } });\n');
  await writeFile(join(dir, 'utils/format.js'), 'export function describe(n) {\n  return "#" + n;\n}\n');
  await writeFile(join(dir, 'pages/index/index.js'), PAGE_SOURCE);
  // The shape the compiler produces (LOGIC ABI): one define() with a lazy factory per module.
  await writeFile(
    join(dir, 'entry.js'),
    '__mpkLogic.define({\n  "app": () => { require("./app.js"); },\n  "pages/index/index": () => { require("./pages/index/index.js"); },\n});\n',
  );
  const result = await build({
    absWorkingDir: dir,
    entryPoints: ['entry.js'],
    bundle: true,
    format: 'iife',
    outfile: 'logic.js',
    sourcemap: 'external',
    write: false,
    target: 'es2020',
    logLevel: 'silent',
  });
  logic = result.outputFiles.find((f) => f.path.endsWith('logic.js'))!.text;
  map = result.outputFiles.find((f) => f.path.endsWith('logic.js.map'))!.text;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(ENGINES)('stack traces map back to the author\'s files (%s)', (engine) => {
  it('App.onError hears the error; the host stack maps to pages/index/index.js:8', async () => {
    const host = await FakeHost.start(logic, { engine });
    try {
      await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
      expect(host.trail()).toEqual(['onError bad #1']);
      const [error] = host.errors('uncaught');
      expect(error.stack).toMatch(/logic\.js:\d+:\d+/);
      const mapped = createStackMapper({ 'logic.js': map }).mapStack(error.stack!);
      expect(mapped).toMatch(/explode \(pages\/index\/index\.js:8:\d+\)/);
      expect(mapped).toMatch(/onLoad \(pages\/index\/index\.js:5:\d+\)/);
      expect(mapped).not.toMatch(/logic\.js:/);
    } finally {
      await host.dispose();
    }
  });
});

describe('createStackMapper', () => {
  it('maps positions and leaves unknown files, unmapped frames and plain text alone', () => {
    const mapper = createStackMapper({ 'logic.js': map, 'broken.js': '{ not a map' });
    const line = logic.split('\n').findIndex((l) => l.includes('throw new Error')) + 1;
    const column = logic.split('\n')[line - 1].indexOf('throw') + 1;
    expect(mapper.mapPosition('logic.js', line, column)).toMatchObject({ source: 'pages/index/index.js', line: 8, column: 5 });
    expect(mapper.mapPosition('other.js', line, column)).toBeUndefined();
    expect(mapper.mapPosition('logic.js', 0, 0)).toBeUndefined();
    const text = `Error: x\n    at f (logic.js:${line}:${column})\n    at g (mpk-baselib.js:1:2)\n    at broken.js:1:1\nplain text 1:2`;
    const mapped = mapper.mapStack(text);
    expect(mapped).toContain('at f (pages/index/index.js:8:5)');
    expect(mapped).toContain('at g (mpk-baselib.js:1:2)');
    expect(mapped).toContain('at broken.js:1:1');
    expect(mapped).toContain('plain text 1:2');
    expect(createStackMapper({}).mapStack(text)).toBe(text);
    // Engines may print a URL-ish prefix before the bundle name.
    expect(mapper.mapStack(`at f (file:///app/logic.js:${line}:${column})`)).toBe('at f (pages/index/index.js:8:5)');
  });
});
