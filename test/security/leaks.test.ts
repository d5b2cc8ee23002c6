/**
 * What leaks out of a message (ARCHITECTURE.md "The trust boundary"): an error raised in view code
 * reaches the app and the host with a stack that names the package's view code, never the host's
 * absolute paths or its node_modules; the terminal output of `mpk run` and `mpk build` shows the
 * app's control characters (escape sequences, carriage returns, OSC 8 hyperlinks…) as escapes
 * instead of obeying them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '@mpk/devtools';
import { closeAll, launchProject, logLines, page, writeProject } from '../support/project.ts';

afterAll(closeAll);

/** Anything that names the host: absolute paths of this machine, its node_modules, node: internals, file: URLs. */
const HOST = /\/work\/|\/tmp\/|\/home\/|\/root\/|\/Users\/|node_modules|node:internal|file:\/\/|packages\/runtime\/src|engine\.ts|load-view-module/;

describe('errors raised in view code', () => {
  it('an SJS function that throws at render time: the app and the host get a stack of view.js frames only', async () => {
    const app = await launchProject({
      'app.js': `App({ onError(message, stack) { console.log('App.onError', message); console.log('App.onError stack', stack); } });`,
      ...page('pages/index/index', {
        axml: `<import-sjs name="h" from="./h.sjs"/><view id="v">{{h.f(n)}}</view><button id="b" onTap="bump">b</button>`,
        js: `Page({ data: { n: 1 }, bump() { this.setData({ n: this.data.n + 1 }); } });`,
      }),
      'pages/index/h.sjs': `export default {\n  f(n) {\n    if (n > 1) return n.missing.deep;\n    return 'n=' + n;\n  },\n};`,
    });
    await app.currentPage().tap('#b');
    expect(app.errors).toHaveLength(1);
    const error = app.errors[0]!;
    expect(error).toMatchObject({ kind: 'render', message: expect.stringContaining('deep') });
    expect(error.stack).toMatch(/^TypeError: .*deep.*\n {4}at .*\(view\.js:\d+:\d+\)/);
    expect(error.stack).not.toMatch(HOST);
    // The app hears it too, with the same stack.
    expect(logLines(app)).toContain(`App.onError ${error.message}`);
    const appStack = logLines(app).find((l) => l.startsWith('App.onError stack'))!;
    expect(appStack).toContain('view.js:');
    expect(appStack).not.toMatch(HOST);
    // The last good frame stays.
    expect(app.currentPage().text('#v')).toBe('n=1');
  });

  it('an SJS event handler that throws: the same, for the host and the app', async () => {
    const app = await launchProject({
      'app.js': `App({ onError(message, stack) { console.log('App.onError', stack); } });`,
      ...page('pages/index/index', {
        axml: `<import-sjs name="h" from="./h.sjs"/><view id="t" onTap="{{h.tap}}">t</view>`,
        js: `Page({});`,
      }),
      'pages/index/h.sjs': `export default {\n  tap(event, ownerComponent) {\n    return event.nothing.here;\n  },\n};`,
    });
    await app.currentPage().tap('#t');
    const errors = app.errors.filter((e) => /here/.test(e.message));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.stack ?? '').not.toMatch(HOST);
    for (const line of logLines(app)) expect(line).not.toMatch(HOST);
  });
});

describe('errors SJS catches', () => {
  it('SJS that catches a host error sees only view.js frames (identifier and destructuring catch), and so does the logic it hands them to', async () => {
    const app = await launchProject({
      'app.js': 'App({});',
      ...page('pages/index/index', {
        axml: `<import-sjs name="m" from="./m.sjs"/><view id="v">{{m.f()}}</view><view id="w">{{m.g()}}</view><button id="b" onTap="{{m.h}}">b</button>`,
        js: `Page({ got(s) { console.log('logic got ' + s); } });`,
      }),
      'pages/index/m.sjs': `export default {
  f() { try { null.x; } catch (e) { return e.stack; } },
  g() { try { null.x; } catch ({ stack, message }) { return message + '|' + stack; } },
  h(event, owner) { try { null.x; } catch (e) { owner.callMethod('got', e.stack); } },
};`,
    });
    await app.currentPage().tap('#b');
    expect(app.errors).toEqual([]);
    const shown = [app.currentPage().text('#v'), app.currentPage().text('#w'), ...logLines(app)];
    expect(shown[0]).toMatch(/^TypeError: .*\n {4}at .*\(view\.js:\d+:\d+\)/);
    expect(shown[1]).toMatch(/\|TypeError: [^]*view\.js:\d+:\d+/);
    expect(logLines(app).some((l) => /^logic got TypeError: .*view\.js:/s.test(l))).toBe(true);
    for (const text of shown) expect(text).not.toMatch(HOST);
  });
});

const ESC = '\u001b';
const HOSTILE = `fine${ESC}[2K\rmpk run: everything passed ${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\\u0007\u202e`;
/** Raw control characters a terminal would obey (tab and newline are fine). */
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe('terminal output of app strings', () => {
  it('mpk run: the rendered page, the error message and its stack show control characters as escapes', async () => {
    const dir = await writeProject({
      'app.json': { pages: ['pages/index/index'] },
      'app.js': 'App({});',
      'pages/index/index.axml': '<view id="t">{{text}}</view>',
      'pages/index/index.js': `Page({ data: { text: ${JSON.stringify(HOSTILE)} }, onLoad() { throw new Error(${JSON.stringify(HOSTILE)} + '\\nsecond line'); } });`,
    });
    const { out, io } = capture();
    expect(await runCli(['run', dir], io)).toBe(1);
    expect(out.stdout).not.toMatch(RAW_CONTROLS);
    expect(out.stderr).not.toMatch(RAW_CONTROLS);
    expect(out.stdout).toContain('fine\\x1b[2K\\rmpk run: everything passed \\x1b]8;;https://evil.example/');
    // The message is one line: its newline cannot start a line of its own that looks like mpk's.
    expect(out.stderr).toMatch(/^error \(uncaught\): fine\\x1b\[2K\\rmpk run: everything passed .*\\u202e\\nsecond line$/m);
  });

  it('mpk build: a diagnostic quoting the app’s source shows its control characters as escapes', async () => {
    const dir = await writeProject({
      'app.json': { pages: ['pages/index/index'] },
      'app.js': 'App({});',
      'pages/index/index.axml': '<view/>',
      'pages/index/index.js': `Page({ data: { a: '${ESC}]8;;https://evil.example/${ESC}\\\\x' }, , });`,
    });
    const { out, io } = capture();
    expect(await runCli(['build', dir], io)).toBe(1);
    expect(out.stderr).toMatch(/MPK5001/);
    expect(out.stderr).not.toMatch(RAW_CONTROLS);
    expect(out.stderr).toContain('\\x1b]8;;https://evil.example/');
  });
});
