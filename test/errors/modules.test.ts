/**
 * A module that throws while it is evaluated breaks only what imports it (docs: framework/小程序的 JavaScript
 * 引擎.md — modules are loaded per file; framework/小程序全局配置/app.js 注册小程序.md — onError): a library
 * probing for the browser at its top level fails the pages and components whose modules import it, with its
 * own error (App.onError, my.onError and the host's error event, source-mapped to the library's file),
 * reported when such a page or component is created; every other page opens without an error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logLines, page, type ProjectFiles } from '../support/project.ts';

afterAll(closeAll);

function files(extraAppJson: object = {}): ProjectFiles {
  return {
    'app.json': { pages: ['pages/index/index', 'pages/plain/plain', 'pages/uses/uses'], ...extraAppJson },
    'app.js': `App({ onError(message, stack) { console.log('App.onError', message); } });`,
    // Like a library that wants a browser: there is no document in the logic layer.
    'lib/needs-browser.js': `const doc = globalThis.document;
export const body = doc.body;
`,
    'lib/needs-dom.js': `export const style = globalThis.document.documentElement.style;
`,
    'lib/widget.js': `import { body } from './needs-browser';
export function mount() { return body; }
`,
    ...page('pages/index/index', {
      axml: '<view id="v">{{v}}</view>',
      js: `import { mount } from '../../lib/widget';\nPage({ data: { v: 'index' }, onLoad() { mount(); } });`,
    }),
    ...page('pages/plain/plain', { axml: '<view id="v">{{v}}</view>', js: `Page({ data: { v: 'plain' } });` }),
    ...page('pages/uses/uses', {
      axml: '<view id="v">{{v}}</view><fancy/>',
      json: { usingComponents: { fancy: '/components/fancy/fancy' } },
      js: `Page({ data: { v: 'uses' } });`,
    }),
    ...component('components/fancy/fancy', {
      axml: '<view class="fancy">{{label}}</view>',
      js: `import { style } from '../../lib/needs-dom';\nComponent({ data: { label: 'fancy' } });`,
    }),
  };
}

const BROKEN = /cannot read property 'body' of undefined/;
const BROKEN_DOM = /cannot read property 'documentElement' of undefined/;

function errors(app: MiniApp) {
  return app.errors.map((e) => ({ kind: e.kind, message: e.message, id: (e as { id?: number }).id }));
}

describe.each([
  ['modules run at launch', {}],
  ['lazyCodeLoading', { lazyCodeLoading: 'requiredComponents' }],
])('a module that throws when evaluated (%s)', (_name, appJson) => {
  it('leaves pages that do not import it alone', async () => {
    const app = await launchProject(files(appJson), { page: 'pages/plain/plain' });
    expect(app.currentPage().text('#v')).toBe('plain');
    expect(app.errors).toEqual([]);
    expect(logLines(app)).toEqual([]);
  });

  it('fails the page that imports it, with the library’s own error, source-mapped, reported once', async () => {
    const app = await launchProject(files(appJson), { page: 'pages/index/index' });
    const pageId = app.currentPage().id;
    expect(errors(app)).toEqual([{ kind: 'uncaught', message: expect.stringMatching(BROKEN), id: pageId }]);
    expect(app.errors[0]!.stack).toMatch(/lib\/needs-browser\.js:2/);
    expect(logLines(app)).toEqual([expect.stringMatching(/^App\.onError .*body/)]);
    // The page is there, without what its module would have defined.
    expect(app.currentPage().route).toBe('pages/index/index');
    expect(app.currentPage().text('#v')).toBe('');
  });

  it('fails a component that imports it, and the rest of its page renders', async () => {
    const app = await launchProject(files(appJson), { page: 'pages/uses/uses' });
    const page = app.currentPage();
    expect(page.text('#v')).toBe('uses');
    const fancy = page.components()!.children[0]!;
    expect(errors(app)).toEqual([{ kind: 'uncaught', message: expect.stringMatching(BROKEN_DOM), id: fancy.id }]);
    expect(app.errors[0]!.stack).toMatch(/lib\/needs-dom\.js:1/);
    expect(page.text('.fancy')).toBe('');
  });
});
