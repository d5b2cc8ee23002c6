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
import { CORPUS_DIR, corpusApps, openPage, type PageRun } from './support.ts';

const apps = corpusApps();
const out = mkdtempSync(path.join(os.tmpdir(), 'mpk-corpus-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

if (apps.length === 0) {
  // eslint-disable-next-line no-console
  console.warn(`The real-app corpus is not at ${CORPUS_DIR}: the corpus suite did not run.`);
}

/** Visible text a user sees on some pages, per app (checked when the page is the one shown). */
const EXPECTED_TEXT: Record<string, Record<string, string[]>> = {};

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
        for (const page of pages) {
          const run = await openPage(pkg, page);
          runs.push(run);
          if (run.errors.length > 0) failures.push(`${page}: ${run.errors.join(' | ')}`);
        }
        expect(failures).toEqual([]);
        for (const [page, texts] of Object.entries(EXPECTED_TEXT[app] ?? {})) {
          const run = runs.find((r) => r.page === page)!;
          for (const text of texts) expect(run.text, `${app}/${page}`).toContain(text);
        }
      }, 300_000);
    });
  }
});
