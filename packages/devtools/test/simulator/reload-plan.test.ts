/** What each kind of edit does to the running app, decided from two builds of a real project. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder, type Builder } from '@mpk/compiler';
import type { PackageManifest } from '@mpk/runtime';
import { planReload } from '../../src/simulator/client/reload-plan.ts';
import { copyExample, type ProjectCopy } from './support.ts';

let project: ProjectCopy;
let builder: Builder;
let current: PackageManifest;

beforeAll(async () => {
  project = copyExample('shop');
  builder = createBuilder(project.dir, { write: false });
  current = (await builder.build()).manifest!;
});
afterAll(async () => {
  await builder.dispose();
  project.remove();
});

/** Edits `file`, rebuilds, and plans the reload from the previous build to the new one. */
async function after(file: string, change: (text: string) => string) {
  project.edit(file, change);
  const result = await builder.rebuild([`${project.dir}/${file}`]);
  expect(result.ok).toBe(true);
  const plan = planReload(current, result.manifest!);
  current = result.manifest!;
  return plan;
}

describe('planReload', () => {
  it('a build with identical files needs nothing', () => {
    expect(planReload(current, current)).toEqual({ kind: 'none', changed: [], styles: [] });
  });

  it('a style sheet: swap that part’s CSS only', async () => {
    expect(await after('pages/home/home.acss', (css) => css.replace('#ff6a00', '#0050b3'))).toEqual({ kind: 'style', changed: ['style.css'], styles: [''] });
    expect(await after('sub/product/product.acss', (css) => css.replace('16rpx', '18rpx'))).toEqual({ kind: 'style', changed: ['sub/style.css'], styles: ['sub'] });
  });

  it('a template or SJS: reload the view modules', async () => {
    expect(await after('pages/home/banner.axml', (axml) => axml.replace('Welcome', 'Hello'))).toMatchObject({ kind: 'view', changed: ['view.json'] });
    expect((await after('utils/money.sjs', (sjs) => sjs.replace('¥', 'CNY '))).kind).toBe('view');
  });

  it('logic, the app config or an asset: restart with the same stack', async () => {
    const logic = await after('sub/product/product.js', (js) => js.replace('refresh() {', 'refresh() {\n    console.log("refresh");'));
    expect(logic.kind).toBe('restart');
    expect(logic.changed).toEqual(expect.arrayContaining(['sub/logic.js']));
    expect(logic.reason).toMatch(/sub\/logic\.js/);
    const config = await after('app.json', (json) => json.replace('"Mini Shop"', '"Tea Shop"'));
    expect(config).toMatchObject({ kind: 'restart', reason: expect.stringMatching(/app config/) });
  });
});
