/**
 * Unbounded view work (ARCHITECTURE.md "The trust boundary": templates and SJS are bounded by a
 * render budget): templates and SJS run on the host, so an endless SJS loop, a catastrophic regular
 * expression, loops over huge ranges, a template or component that uses itself, or SJS that builds
 * giant strings and arrays must each stop that render with an error the author sees — the
 * container's `error` event (kind `render`), `App.onError` — while the last good frame stays on
 * screen, the next tap works, and another container in the same process keeps rendering.
 *
 * Every attack runs in a page that renders a good frame first; a tap on `#go` turns the attack on
 * (`go: true`), a tap on `#calm` turns it off again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logLines, page, type ProjectFiles } from '../support/project.ts';
import { attackPage, expectRenderStopped, Witness } from './view-attack.ts';

afterAll(closeAll);

/** A bounded wall time for one attack (the default budget is 1 s per render). */
const WALL_MS = 8000;

let witness: Witness;
beforeAll(async () => {
  witness = await Witness.launch();
});

/** The attack ended as it must (view-attack.ts), and another container in this process still renders. */
async function expectStopped(files: ProjectFiles, message: RegExp, options: { go?: string } = {}): Promise<MiniApp> {
  const app = await expectRenderStopped(files, message, { wallMs: WALL_MS, ...options });
  await witness.renders();
  return app;
}

const BUDGET = /exceeded its budget of/;

describe('SJS that never ends', () => {
  it('an endless while loop stops at the step budget', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { while (true) {} } };'), /the render of pages\/index\/index exceeded its budget of 10000000 steps/);
  });

  it('a loop that catches the budget error and goes on still stops', async () => {
    const sjs = 'export default { f() { var n = 0; for (;;) { try { for (;;) { n++; } } catch (e) { n++; } } } };';
    await expectStopped(attackPage('{{m.f()}}', sjs), BUDGET);
  });

  it('do/while, for-in over a growing object and for-of over a growing array stop', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var i = 0; do { i++; } while (i >= 0); } };'), BUDGET);
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var a = [1]; for (var x of a) { a[a.length] = x; } } };'), BUDGET);
  });

  it('endless recursion is stopped at the SJS depth limit, before the host stack', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'function r(n) { return r(n + 1); } export default { f() { return r(0); } };'), /exceeded its budget of 1000 nested SJS calls/);
  });

  it('deep but finite recursion that would exhaust the host stack is stopped early', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'function r(n) { return n === 0 ? 0 : 1 + r(n - 1); } export default { f() { return r(200000); } };'), /nested SJS calls/);
  });

  it('mutual recursion through arrows and a recursion that retries in catch stop', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'const a = (n) => b(n + 1); const b = (n) => a(n + 1); export default { f() { return a(0); } };'), /nested SJS calls/);
    const retry = 'function r(n) { try { return r(n + 1); } catch (e) { return r(n + 1); } } export default { f() { return r(0); } };';
    await expectStopped(attackPage('{{m.f()}}', retry), BUDGET);
  });

  it('an array method whose callback never returns stops', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { return [1, 2, 3].map(function (x) { while (true) {} }); } };'), BUDGET);
  });
});

describe('SJS that builds giants', () => {
  it('while (true) a.push(1) ends at the array limit, long before memory trouble', async () => {
    const before = process.memoryUsage().heapUsed;
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var a = []; while (true) a.push(1); } };'), /exceeded its budget of 1000000 items per array/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(512 * 1024 * 1024);
  });

  it("'x'.repeat(1e9), padStart and padEnd are refused before they allocate", async () => {
    await expectStopped(attackPage('{{m.f()}}', "export default { f() { return 'x'.repeat(1e9).length; } };"), /characters per string \(String\.prototype\.repeat\)/);
    await expectStopped(attackPage('{{m.f()}}', "export default { f() { return 'x'.padStart(1e9, 'y').length; } };"), /String\.prototype\.padStart/);
    await expectStopped(attackPage('{{m.f()}}', "export default { f() { var p = 'padEnd'; return 'x'[p](1e9, 'y').length; } };"), /String\.prototype\.padEnd/);
  });

  it('strings doubled with +=, + and template literals stop at the string limit', async () => {
    await expectStopped(attackPage('{{m.f()}}', "export default { f() { var s = 'x'; while (true) s += s; } };"), /characters per string/);
    await expectStopped(attackPage('{{m.f()}}', "export default { f() { var o = { s: 'x' }; while (true) o.s += o.s; } };"), /characters per string/);
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var s = "x"; while (true) s = `${s}${s}`; } };'), /characters per string/);
  });

  it('arrays doubled with spread, concat and push(...a) stop at the array limit', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var a = [1]; while (true) a = [...a, ...a]; } };'), /items per array/);
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var a = [1]; while (true) a = a.concat(a, a); } };'), /items per array/);
    // Spreading more arguments than the host's stack holds is V8's RangeError, reported the same way.
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var a = [1]; while (true) a.push(...a); } };'), /items per array|Maximum call stack size exceeded/);
  });

  it('sparse arrays with huge lengths cannot be made, and array methods refuse huge array-likes', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var a = []; a[4000000000] = 1; return a.indexOf(2); } };'), /items per array/);
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var a = []; a.length = 4294967295; return a.indexOf(2); } };'), /items per array/);
    await expectStopped(attackPage('{{m.f()}}', "export default { f() { return [].join.call({ length: 4294967295 }, ','); } };"), /items per array|characters per string \(Array\.prototype\.join\)/);
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { return [].indexOf.call({ length: 9007199254740991 }, 1); } };'), /items per array/);
  });

  it('flattening a self-containing array stops', async () => {
    await expectStopped(attackPage('{{m.f()}}', 'export default { f() { var a = [1]; a.push(a, a); return a.flat(40).length; } };'), /items per array/);
  });
});

describe('regular expressions cannot backtrack forever', () => {
  const input = "var s = 'a'.repeat(40) + '!';";
  const cases: Array<[string, string]> = [
    ['test', "getRegExp('(a+)+$').test(s)"],
    ['exec', "getRegExp('(a+)+$').exec(s)"],
    ['match', "s.match(getRegExp('(a+)+$'))"],
    ['match with a string pattern', "s.match('(a+)+$')"],
    ['replace', "s.replace(getRegExp('(a+)+$'), 'x')"],
    ['split', "s.split(getRegExp('(a+)+$'))"],
    ['search', "s.search(getRegExp('(a+)+$'))"],
    ['search with a string pattern', "s.search('(a+)+$')"],
    ['matchAll', "[...s.matchAll(getRegExp('(a+)+$', 'g'))].length"],
    ['(x+x+)+y', "getRegExp('(x+x+)+y').test('x'.repeat(5000))"],
    ['nested quantifiers in alternations', "getRegExp('((a|aa)+|(b|a+)*)+$').test(s)"],
  ];
  for (const [name, call] of cases) {
    it(`in SJS: ${name} runs in linear time and the page renders`, async () => {
      const app = await launchProject(attackPage('<view id="out">{{m.f()}}</view>', `export default { f() { ${input} return '' + (${call}); } };`));
      const started = Date.now();
      await app.currentPage().tap('#go');
      expect(Date.now() - started).toBeLessThan(WALL_MS);
      expect(app.errors).toEqual([]);
      expect(app.currentPage().text('#frame')).toBe('frame 1');
    });
  }

  it('in templates: regular expression literals and string patterns given to match/search', async () => {
    const attack = `<view id="out">{{ s.replace(/(a+)+$/, 'x') }}|{{ s.match('(a+)+$') }}|{{ s.search('(x+x+)+y') }}|{{ /(a|aa)+$/.test(s) }}</view>`;
    const files = attackPage(attack, undefined, { data: "s: 'a'.repeat(40) + '!'" });
    const app = await launchProject(files);
    const started = Date.now();
    await app.currentPage().tap('#go');
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    expect(app.errors).toEqual([]);
    expect(app.currentPage().text('#out')).toBe(`${'a'.repeat(40)}!||-1|false`);
  });

  it('a pattern only the backtracker runs (lookahead) stops at the budget when it explodes', async () => {
    await expectStopped(attackPage('{{m.f()}}', "export default { f() { return getRegExp('(?=(a+)+$)x').test('a'.repeat(40) + '!'); } };"), BUDGET);
  });

  it('the usual patterns with lookahead still work (thousands separators)', async () => {
    const app = await launchProject(attackPage('<view id="out">{{m.f(1234567.5)}}</view>', "export default { f(n) { return ('' + n).replace(getRegExp('\\\\B(?=(\\\\d{3})+(?!\\\\d))', 'g'), ','); } };"));
    await app.currentPage().tap('#go');
    expect(app.errors).toEqual([]);
    expect(app.currentPage().text('#out')).toBe('1,234,567.5');
  });
});

describe('templates that never end', () => {
  it('three nested a:for over 100,000 stop at the node budget', async () => {
    await expectStopped(attackPage('<view a:for="{{100000}}"><view a:for="{{100000}}"><view a:for="{{100000}}">x</view></view></view>'), /exceeded its budget of 200000 nodes/);
  });

  it('nested loops that build nothing stop at the step budget', async () => {
    await expectStopped(attackPage('<block a:for="{{100000}}"><block a:for="{{100000}}"><block a:for="{{100000}}"></block></block></block>'), BUDGET);
  });

  it('a <template is> that calls itself twice per level stops', async () => {
    const attack = '<template name="t"><block a:if="{{d < 60}}"><template is="t" data="{{d: d + 1}}"/><template is="t" data="{{d: d + 1}}"/></block></template><template is="t" data="{{d: 0}}"/>';
    await expectStopped(attackPage(attack), BUDGET);
  });

  it('a:for over a huge string or object is refused before it is copied', async () => {
    await expectStopped(attackPage('<view a:for="{{ m.big() }}">{{item}}</view>', "export default { big() { return 'x'.repeat(1000000); } };"), /a:for over a string of 1000000 characters exceeds the limit of 100000/);
    await expectStopped(attackPage('<view a:for="{{ m.big() }}">{{item}}</view>', 'export default { big() { var o = {}; for (var i = 0; i < 200000; i++) o["k" + i] = i; return o; } };'), /a:for over an object of 200000 keys/);
  });

  it('templates that recurse 64 deep with 200-deep markup cannot overflow the host stack', async () => {
    const deep = '<view>'.repeat(150) + '<template is="t" data="{{d: d + 1}}"/>' + '</view>'.repeat(150);
    await expectStopped(attackPage(`<template name="t">${deep}</template><template is="t" data="{{d: 0}}"/>`), /nest more than 64 levels|nests more than 512 levels/);
  });
});

describe('SJS outside renders', () => {
  it('an endless SJS event handler is stopped and the host keeps running', async () => {
    const files = attackPage('', 'export default { spin() { while (true) {} } };');
    files['pages/index/index.axml'] = (files['pages/index/index.axml'] as string).replace('<button id="go" onTap="go">go</button>', '<button id="go" onTap="{{m.spin}}">go</button>');
    const app = await launchProject(files);
    const started = Date.now();
    await app.currentPage().tap('#go');
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    expect(app.errors[0]).toMatchObject({ kind: 'render', message: expect.stringMatching(/an SJS event handler exceeded its budget/) });
    await app.currentPage().tap('#calm');
    expect(app.currentPage().text('#frame')).toBe('frame 1');
    await witness.renders();
  });

  it('an endless SJS timer callback is stopped, never thrown into the host', async () => {
    const sjs = 'export default { later(event, owner) { owner.setTimeout(function () { while (true) {} }, 10); } };';
    const files = attackPage('', sjs);
    files['pages/index/index.axml'] = (files['pages/index/index.axml'] as string).replace('<button id="go" onTap="go">go</button>', '<button id="go" onTap="{{m.later}}">go</button>');
    const app = await launchProject(files);
    await app.currentPage().tap('#go');
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (let i = 0; i < 40 && app.errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    expect(app.errors[0]).toMatchObject({ kind: 'render', message: expect.stringMatching(BUDGET) });
    await app.currentPage().tap('#calm');
    expect(app.currentPage().text('#frame')).toBe('frame 1');
  });
});

describe('components that use themselves', () => {
  /** The page renders; the components stop at the depth limit with one error naming the chain; the host goes on. */
  async function expectCutOff(files: ProjectFiles, message: RegExp, selector: string): Promise<void> {
    const app = await launchProject(files);
    expect(app.currentPage().text('#frame')).toBe('frame 0');
    const started = Date.now();
    await app.currentPage().tap('#go');
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    expect(app.errors.filter((e) => e.kind === 'render')).toEqual([expect.objectContaining({ message: expect.stringMatching(message) })]);
    expect(logLines(app).some((line) => line.startsWith('onError ') && message.test(line))).toBe(true);
    expect(app.currentPage().text('#frame')).toBe('frame 1');
    expect(app.currentPage().querySelectorAll(selector).length).toBe(64);
    await app.currentPage().tap('#calm');
    expect(app.currentPage().text('#frame')).toBe('frame 2');
    expect(app.currentPage().querySelectorAll(selector).length).toBe(0);
    await witness.renders();
  }

  it('a component that renders itself stops at the depth limit, naming the chain', async () => {
    const files = attackPage('<tree/>', undefined, {
      extra: component('components/tree/tree', { axml: '<view class="node">n<tree/></view>', json: { component: true, usingComponents: { tree: '/components/tree/tree' } } }),
      json: { usingComponents: { tree: '/components/tree/tree' } },
    });
    await expectCutOff(files, /components nest more than 64 levels deep: <tree> \(components\/tree\/tree\) is not rendered inside pages\/index\/index > components\/tree\/tree > .*components\/tree\/tree appears 64 times: does it use itself\?/, '.node');
  });

  it('two components that use each other stop too', async () => {
    const files = attackPage('<ping/>', undefined, {
      extra: {
        ...component('components/ping/ping', { axml: '<view class="hop">ping<pong/></view>', json: { component: true, usingComponents: { pong: '/components/pong/pong' } } }),
        ...component('components/pong/pong', { axml: '<view class="hop">pong<ping/></view>', json: { component: true, usingComponents: { ping: '/components/ping/ping' } } }),
      },
      json: { usingComponents: { ping: '/components/ping/ping' } },
    });
    await expectCutOff(files, /components nest more than 64 levels deep: .*components\/ping\/ping > components\/pong\/pong/, '.hop');
  });
});

describe('limits from createContainer', () => {
  it('a host can lower the budget (limits.view)', async () => {
    const files = attackPage('<view id="out">{{m.f()}}</view>', 'export default { f() { var n = 0; for (var i = 0; i < 50000; i++) n += i; return n; } };');
    const app = await launchProject(files, { limits: { taskMs: 2000, view: { steps: 10000 } } });
    await app.currentPage().tap('#go');
    expect(app.errors[0]).toMatchObject({ kind: 'render', message: expect.stringMatching(/exceeded its budget of 10000 steps/) });
    const roomy = await launchProject(files);
    await roomy.currentPage().tap('#go');
    expect(roomy.errors).toEqual([]);
    expect(roomy.currentPage().text('#out')).toBe(String((50000 * 49999) / 2));
  });

  it('an unknown view limit is refused', async () => {
    await expect(launchProject(attackPage(''), { limits: { view: { nope: 1 } as never } })).rejects.toThrow(/Unknown view limit "nope"/);
  });
});
