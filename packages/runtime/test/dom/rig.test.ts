import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertChromium, scratchDir, startBrowserRig, type BrowserRig } from '../support/browser.ts';

const scratch = scratchDir();
let rig: BrowserRig;

beforeAll(async () => {
  mkdirSync(join(scratch.dir, 'pkg', 'images'), { recursive: true });
  writeFileSync(join(scratch.dir, 'pkg', 'manifest.json'), '{"ok":true}');
  writeFileSync(join(scratch.dir, 'secret.txt'), 'outside');
  const entry = join(scratch.dir, 'entry.ts');
  writeFileSync(entry, "const answer: number = 6 * 7;\n(window as unknown as { answer: number }).answer = answer;\n");
  rig = await startBrowserRig({ bundles: { app: entry }, dirs: { '/pkg/': join(scratch.dir, 'pkg') } });
});
afterAll(async () => {
  await rig?.close();
  scratch.remove();
});

describe('browser test rig', () => {
  it('bundles TypeScript for the page and serves directories on loopback', async () => {
    expect(rig.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { page, errors, close, evaluate } = await rig.openPage({ html: '<script type="module" src="/app.js"></script>' });
    await page.waitForFunction(() => (window as unknown as { answer?: number }).answer === 42);
    expect(await evaluate((n: number) => (window as unknown as { answer: number }).answer + n, 1)).toBe(43);
    const manifest = await page.evaluate(() => fetch('/pkg/manifest.json').then((r) => r.json()));
    expect(manifest).toEqual({ ok: true });
    // an encoded slash survives URL normalisation: the server itself must refuse to leave the directory
    const statuses = await Promise.all(
      ['/pkg/..%2fsecret.txt', '/pkg/..%2f..%2fetc%2fpasswd', '/pkg/images', '/nothing', '/pkg/manifest.json'].map((p) => fetch(rig.url(p)).then((r) => r.status)),
    );
    expect(statuses).toEqual([404, 404, 404, 404, 200]);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps pages apart and never lets a page reach other hosts', async () => {
    const a = await rig.openPage();
    await a.page.evaluate(() => localStorage.setItem('k', 'a'));
    const b = await rig.openPage();
    expect(await b.page.evaluate(() => localStorage.getItem('k'))).toBeNull();
    const outside = await b.page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => 'reached', () => 'blocked'));
    expect(outside).toBe('blocked');
    await Promise.all([a.close(), b.close()]);
  });

  it('explains a missing chromium instead of downloading one', () => {
    expect(() => assertChromium('/nonexistent/chromium')).toThrow(/chromium at \/nonexistent\/chromium.*apt-get install -y chromium.*never download/s);
  });
});
