/**
 * Logic imports that do not resolve (AD fw/小程序的 JavaScript 引擎, real apps in ../shared/corpus):
 * a Node built-in (`require("path")`, pet-community) is an empty module, so the page works unless it
 * calls into it; a missing project file breaks only the pages whose modules import it, with a
 * "Cannot find module" error when that module runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject, closeAll, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

describe('imports that do not resolve', () => {
  it('a page that requires a Node built-in renders (a warning at build, an empty module at run time)', async () => {
    const files = page('pages/index/index', {
      axml: '<view id="out">{{out}}</view>',
      js: 'const { resolve } = require("path");\nPage({ data: { out: typeof resolve } });\n',
    });
    const built = await buildProject(files);
    expect(built.ok).toBe(true);
    expect(built.diagnostics).toEqual([expect.objectContaining({ code: 'MPK5004', severity: 'warning', file: 'pages/index/index.js', line: 1 })]);
    const app = await launchProject(files);
    expect(app.currentPage().text('#out')).toBe('undefined');
    expect(app.errors).toEqual([]);
  });

  it('a missing module breaks only the page that imports it, with "Cannot find module"', async () => {
    const files = {
      ...page('pages/index/index', { axml: '<view id="home">home</view>' }),
      ...page('pages/broken/broken', {
        axml: '<view id="v">{{v}}</view>',
        js: 'import { helper } from "../../utils/helper";\nPage({ data: { v: helper() } });\n',
      }),
    };
    const built = await buildProject(files);
    expect(built.ok).toBe(true);
    expect(built.diagnostics).toEqual([
      expect.objectContaining({ code: 'MPK5002', severity: 'warning', file: 'pages/broken/broken.js', line: 1, column: 24 }),
    ]);
    // Every module runs at launch (no lazyCodeLoading): the broken one throws there, silently; the home page opens
    // without an error, and the broken page fails with it when it is opened (test/errors/modules.test.ts).
    const app = await launchProject(files);
    expect(app.currentPage().text('#home')).toBe('home');
    expect(app.errors).toEqual([]);
    await app.navigate('navigateTo', { url: '/pages/broken/broken' });
    expect(app.errors.map((e) => e.message)).toEqual([expect.stringContaining("Cannot find module '../../utils/helper' from 'pages/broken/broken.js'")]);

  });
});
