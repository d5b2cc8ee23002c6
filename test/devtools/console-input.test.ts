/**
 * The simulator's Console input (issue 13): `devEvaluate` runs the developer's expression in the
 * app's logic layer — inside the QuickJS sandbox, under its limits — and answers the value rendered
 * as console arguments are. Driven through the harness's `app.evaluate`, which calls
 * `Container.devEvaluate` as the Console panel does.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, launchProject, page } from '../support/project.ts';

let app: MiniApp;

beforeAll(async () => {
  app = await launchProject(
    {
      ...page('pages/index/index', {
        axml: '<view class="count">{{count}}</view><view class="who">{{user.name}}</view>',
        js: 'Page({ data: { count: 1, user: { name: "Ada", tags: ["a", "b"] } }, bump() { this.setData({ count: this.data.count + 1 }); } });',
      }),
    },
    { limits: { taskMs: 200 }, storage: { k: 'stored value' } },
  );
});
afterAll(closeAll);

it("answers a page's data, a JSAPI result and statements' completion value", async () => {
  expect(await app.evaluate('getCurrentPages()[0].data')).toEqual({ ok: true, type: 'object', value: { count: 1, user: { name: 'Ada', tags: ['a', 'b'] } } });
  expect(await app.evaluate("my.getStorageSync({ key: 'k' })")).toEqual({ ok: true, type: 'object', value: { data: 'stored value' } });
  expect(await app.evaluate('var twice = (n) => n * 2; twice(21)')).toEqual({ ok: true, type: 'number', value: 42 });
  // Globals it defines stay for the next input, as in a console.
  expect(await app.evaluate('twice(2)')).toMatchObject({ ok: true, value: 4 });
  expect(await app.evaluate('"text"')).toEqual({ ok: true, type: 'string', value: 'text' });
  expect(await app.evaluate('undefined')).toEqual({ ok: true, type: 'undefined', value: 'undefined' });
});

it('changes what the user sees when it calls into the app', async () => {
  await app.evaluate('getCurrentPages()[0].bump()');
  expect(app.currentPage().text('.count')).toBe('2');
  await app.evaluate("getCurrentPages()[0].setData({ 'user.name': 'Grace' })");
  expect(app.currentPage().text('.who')).toBe('Grace');
});

it('answers errors as errors, and a promise with its settled value', async () => {
  expect(await app.evaluate('nope.x')).toMatchObject({ ok: false, kind: 'error', message: expect.stringContaining('nope') });
  expect(await app.evaluate('1 +')).toMatchObject({ ok: false, kind: 'error', message: expect.stringMatching(/SyntaxError|unexpected/i) });
  expect(await app.evaluate('Promise.resolve(7)')).toEqual({ ok: true, type: 'number', value: 7 });
  expect(await app.evaluate('my.getSystemInfo().then((info) => typeof info.windowWidth)')).toEqual({ ok: true, type: 'string', value: 'number' });
  expect(await app.evaluate('Promise.reject(new TypeError("no"))')).toMatchObject({ ok: false, kind: 'error', message: 'no' });
  expect(await app.evaluate('   ')).toMatchObject({ ok: false, kind: 'refused' });
});

it('is stopped at the CPU deadline like any handler, and the app keeps working', async () => {
  const started = Date.now();
  const stopped = await app.evaluate('while (true) {}');
  expect(stopped).toMatchObject({ ok: false, kind: 'timeout', message: expect.stringContaining('200 ms') });
  expect(Date.now() - started).toBeLessThan(5000);
  await app.currentPage().tap('.count');
  expect(app.currentPage().text('.count')).toBe('2');
  await app.evaluate('getCurrentPages()[0].bump()');
  expect(app.currentPage().text('.count')).toBe('3');
  expect(await app.evaluate('getCurrentPages().length')).toEqual({ ok: true, type: 'number', value: 1 });
});

it('answers a bounded rendering of a huge value', async () => {
  const result = await app.evaluate('"x".repeat(5e6)');
  expect(result.ok).toBe(true);
  expect(String((result as { value: unknown }).value).length).toBeLessThan(20_000);
});

it('app code still has no eval', async () => {
  expect(await app.evaluate('try { eval("1") } catch (e) { e.message }')).toMatchObject({ ok: true, value: expect.stringContaining('not supported') });
});
