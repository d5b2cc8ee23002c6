/**
 * The constructs of the real-app corpus (../shared/corpus, read-only) that mpk used to refuse:
 * each now loads as on the platform. Skipped when the corpus is not checked out beside the repository.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.ts';
import { loadProject } from '../../src/project/load.ts';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus');
const app = (name: string) => path.join(CORPUS, name);

describe.skipIf(!existsSync(CORPUS))('real apps that write config forms the docs do not', () => {
  it('mini-ali-ui-demo: "allowsBounceVertical": true in app.json and false in pages/vtabs/index.json', () => {
    const project = loadProject(app('mini-ali-ui-demo'));
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(project.diagnostics.filter((d) => d.code === 'MPK1021')).toEqual([]);
    expect(project.app!.window).toMatchObject({ allowsBounceVertical: 'YES', pullRefresh: false });
    expect(project.pages.get('pages/vtabs/index')!.entry.window.allowsBounceVertical).toBe('NO');
  });

  it('qingcanyin: "allowsBounceVertical": false in pages/shopping/shopping.json', () => {
    const project = loadProject(app('qingcanyin'));
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(project.pages.get('pages/shopping/shopping')!.entry.window.allowsBounceVertical).toBe('NO');
  });

  it('pet-community: require("path") in two pages is a warning, not a failed build', async () => {
    const { ok, diagnostics } = await check(app('pet-community'));
    expect(ok).toBe(true);
    expect(diagnostics.filter((d) => d.code === 'MPK5004').map((d) => [d.severity, d.file, d.line, d.column])).toEqual([
      ['warning', 'pages/release/release.js', 1, 29],
      ['warning', 'pages/todo/todo.js', 1, 29],
    ]);
  }, 60_000);
});
