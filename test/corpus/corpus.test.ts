/**
 * The real-app corpus (../shared/corpus, see its README): public mini-programs nobody here wrote,
 * each built read-only into a temporary directory and every page its app.json lists opened
 * headless. A page passes when it opens and renders with no error from the app, the view or the
 * container (a page that redirects, e.g. to a login page, ran without error: that is the app).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, formatDiagnostic } from '@mpk/compiler';
import { loadPackageFromDir } from '@mpk/runtime/node';
import { CORPUS_DIR, corpusApps, LAUNCH, openPage, type PageRun } from './support.ts';

const apps = corpusApps();
const out = mkdtempSync(path.join(os.tmpdir(), 'mpk-corpus-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

if (apps.length === 0) {
  // eslint-disable-next-line no-console
  console.warn(`The real-app corpus is not at ${CORPUS_DIR}: the corpus suite did not run.`);
}

/** Visible text a user sees on some pages, per app. */
const EXPECTED_TEXT: Record<string, Record<string, string[]>> = {
  'mini-ali-ui-demo': {
    'pages/list/app': ['布局导航', 'Container 容器', 'VTabs'],
    'pages/badge/index': ['Dot Badge', '99', 'new'],
    'pages/steps/index': ['步骤1', '这是步骤1的描述文档'],
    'pages/page-result/error/index': ['页面遇到一些小问题', '刷新'],
  },
  'pet-community': {
    'pages/person/person': ['未登录', '点击登录', '宠物', '关于'],
    'pages/about/about': ['关于我们', 'uchygo@outlook.com'],
    // Cloud data (test/corpus/fixtures/pet-community-cloud.ts).
    'pages/index/index': ['团子第一次洗澡', '豆豆的新玩具'],
    'pages/mypets/mypets': ['我的宠物', '团子', '豆豆', '4.5kg'],
    'pages/passageDetails/passageDetails': ['团子第一次洗澡', '吹干以后像一朵棉花糖', '橘子爸爸', '好可爱！洗完澡香香的'],
  },
  qingcanyin: {
    'pages/login/login': ['一键登录', '手机号登录'],
    'pages/shopping/shopping': ['去结算'],
  },
  'safety-training': {
    'pages/login/login': ['安全知识学习助手', '手机号', '登录'],
    'pages/training/training': ['培训进度', '培训视频尚未发布'],
  },
};

/**
 * Errors that are the app's own, checked to be exactly these (a change shows up): each happens on
 * the platform as well when the app runs as it does here (pet-community against its cloud, see
 * LAUNCH in support.ts).
 */
const APP_ISSUES: Record<string, Record<string, { errors: RegExp[]; why: string }>> = {
  'pet-community': {
    'pages/todo/todo': {
      errors: [/^uncaught: (resolve is )?not a function/, /^uncaught: (resolve is )?not a function/],
      why: "pages/todo/todo.js:118 calls resolve() in getTODOList's success callback (from onLoad and onShow), but its resolve is `const { resolve } = require(\"path\")` (an editor's auto-import): there is no Node in a mini-program, so once the cloud answers the call throws",
    },
  },
  qingcanyin: {
    'pages/web/web': {
      errors: [/^uncaught: app is not defined/],
      why: 'pages/web/web.js:13 calls app.getUserInfo but never declares app (every other page does const app = getApp())',
    },
  },
};

describe.skipIf(apps.length === 0)('real-app corpus', () => {
  for (const app of apps) {
    describe(app, () => {
      let pages: string[] = [];
      let pkgDir = '';

      it('builds (into a temporary directory, the app untouched)', async () => {
        pkgDir = path.join(out, app);
        const result = await build(path.join(CORPUS_DIR, app), { outDir: pkgDir });
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual([]);
        expect(result.ok).toBe(true);
        pages = [...result.manifest!.app.pages, ...result.manifest!.app.subPackages.flatMap((s) => s.pages)];
        expect(pages.length).toBeGreaterThan(0);
      }, 120_000);

      it('opens every page with no error', async () => {
        expect(pkgDir, 'the build must succeed first').not.toBe('');
        const pkg = await loadPackageFromDir(pkgDir);
        const failures: string[] = [];
        const runs: PageRun[] = [];
        const blank: string[] = [];
        for (const page of pages) {
          const run = await openPage(pkg, page, LAUNCH[app]);
          runs.push(run);
          const known = APP_ISSUES[app]?.[page];
          const matches = known !== undefined && known.errors.length === run.errors.length && known.errors.every((re, i) => re.test(run.errors[i]!));
          if (run.errors.length > 0 && !matches) failures.push(`${page}: ${run.errors.join(' | ')}`);
          if (known && !matches && run.errors.length === 0) failures.push(`${page}: the known app issue (${known.why}) no longer happens: update APP_ISSUES`);
          // A page may show only a map or a web-view before its data arrives, but never nothing at all.
          if (/^<page[^>]*>\s*<\/page>$/.test(run.html.trim())) blank.push(page);
        }
        expect(failures).toEqual([]);
        expect(blank, 'pages that show nothing').toEqual([]);
        for (const [page, texts] of Object.entries(EXPECTED_TEXT[app] ?? {})) {
          const run = runs.find((r) => r.page === page)!;
          for (const text of texts) expect(run.text, `${app}/${page}`).toContain(text);
        }
      }, 300_000);
    });
  }
});
