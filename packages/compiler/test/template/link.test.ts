/**
 * linkViewModule and buildViewModule: one deterministic view.js per package part, lazy SJS,
 * tolerant of missing pieces, loadable by a loader that hides host globals.
 */
import { describe, expect, it } from 'vitest';
import type { ViewModule } from '@mpk/runtime/view-abi';
import { compileSjsFile } from '../../src/sjs/index.ts';
import { buildViewModule, compileTemplateFile, linkViewModule, memorySourceHost } from '../../src/template/index.ts';
import { evaluate } from './support/harness.ts';
import { serialize } from './support/serialize.ts';

const FILES = {
  'pages/a/a.axml': '<import src="/shared/t.axml" /><include src="/shared/head.axml" /><template is="t" data="{{v: n}}" />',
  'pages/b/b.axml': '<import-sjs name="u" from="/shared/u.sjs" /><view>{{u.up(s)}}</view>',
  'shared/t.axml': '<import-sjs name="u" from="./u.sjs" /><template name="t"><text>{{u.up(v)}}</text></template>',
  'shared/head.axml': '<view class="head">{{title}}</view>',
  'shared/u.sjs': "import { suffix } from './v.sjs';\nexport default { up: (x) => ('' + x).toUpperCase() + suffix };",
  'shared/v.sjs': "export const suffix = '!';",
};
const ENTRIES = [
  { id: 'pages/b/b', file: 'pages/b/b.axml' },
  { id: 'pages/a/a', file: 'pages/a/a.axml' },
];

describe('buildViewModule', () => {
  it('compiles entries, their imports, includes and SJS, and links them', () => {
    const r = buildViewModule({ entries: ENTRIES, host: memorySourceHost(FILES) });
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual(Object.keys(FILES).sort());
    const m = evaluate(r.code);
    expect(serialize(m.templates['pages/a/a']({ n: 'x', title: 'T' }))).toBe('<view class="head">T</view><text>X!</text>');
    expect(serialize(m.templates['pages/b/b']({ s: 'y' }))).toBe('<view>Y!</view>');
  });

  it('gives the same bytes for the same input, whatever the order', () => {
    const one = buildViewModule({ entries: ENTRIES, host: memorySourceHost(FILES) }).code;
    const two = buildViewModule({ entries: [...ENTRIES].reverse(), host: memorySourceHost(FILES) }).code;
    expect(two).toBe(one);
    const units = buildViewModule({ entries: ENTRIES, host: memorySourceHost(FILES) });
    const relinked = linkViewModule({ entries: [...ENTRIES].reverse(), templates: [...units.templates].reverse(), sjs: [...units.sjs].reverse() });
    expect(relinked).toBe(one);
  });
});

describe('linkViewModule', () => {
  it('defines abi 1 with a render function per entry id', () => {
    const host = memorySourceHost(FILES);
    const a = compileTemplateFile('pages/a/a.axml', host, { usingComponents: {} });
    const code = linkViewModule({ entries: [{ id: 'pages/a/a', file: 'pages/a/a.axml' }], templates: [a], sjs: [] });
    const m = evaluate(code);
    expect(m.abi).toBe(1);
    expect(Object.keys(m.templates)).toEqual(['pages/a/a']);
  });

  it('renders what it can when units or modules are missing', () => {
    const host = memorySourceHost(FILES);
    const a = compileTemplateFile('pages/a/a.axml', host, { usingComponents: {} });
    const m = evaluate(linkViewModule({ entries: [{ id: 'pages/a/a', file: 'pages/a/a.axml' }, { id: 'ghost', file: 'ghost.axml' }], templates: [a], sjs: [] }));
    // Missing include and import units render nothing; a missing entry unit renders nothing.
    expect(m.templates['pages/a/a']({})).toEqual([]);
    expect(m.templates.ghost({})).toEqual([]);
    const b = compileTemplateFile('pages/b/b.axml', host, { usingComponents: {} });
    const mb = evaluate(linkViewModule({ entries: [{ id: 'b', file: 'pages/b/b.axml' }], templates: [b], sjs: [] }));
    expect(() => mb.templates.b({})).toThrow('SJS module "shared/u.sjs" is not part of this view module');
  });

  it('initialises SJS modules on first render, not on load', () => {
    const files = { 'p.axml': '<import-sjs name="m" from="./m.sjs" /><view>{{m.v}}</view>', 'm.sjs': 'console.log("init");\nexport default { v: 1 };' };
    const host = memorySourceHost(files);
    const logged: unknown[][] = [];
    const code = linkViewModule({
      entries: [{ id: 'p', file: 'p.axml' }],
      templates: [compileTemplateFile('p.axml', host, { usingComponents: {} })],
      sjs: [compileSjsFile('m.sjs', host)],
    });
    const m = evaluate(code, { log: (...a: unknown[]) => logged.push(a) });
    expect(logged).toEqual([]);
    m.templates.p({});
    m.templates.p({});
    expect(logged).toEqual([['init']]);
  });

  it('reports an SJS import cycle at run time if the build let it through', () => {
    const files = { 'p.axml': '<import-sjs name="a" from="./a.sjs" /><view>{{a.x}}</view>', 'a.sjs': "import b from './b.sjs'; export default { x: b };", 'b.sjs': "import a from './a.sjs'; export default a;" };
    const host = memorySourceHost(files);
    const a = compileSjsFile('a.sjs', host);
    expect(a.diagnostics.map((d) => d.code)).toEqual(['MPK3012']);
  });

  it('loads under a loader that hides host globals (as the runtime does)', () => {
    const r = buildViewModule({ entries: ENTRIES, host: memorySourceHost(FILES) });
    const hidden = ['globalThis', 'global', 'window', 'self', 'process', 'require', 'module', 'Function', 'setTimeout', 'fetch', 'Buffer', 'WebAssembly', 'performance'];
    let module: ViewModule | undefined;
    const factory = new Function(
      '__mpkView',
      ...hidden,
      `return (function () { "use strict";\n${r.code}\n}).call(undefined);`,
    );
    factory({ define: (m: ViewModule) => (module = m) });
    expect(serialize(module!.templates['pages/b/b']({ s: 'ok' }))).toBe('<view>OK!</view>');
  });

  it('keeps every top-level name of view.js in the reserved __mpk namespace', () => {
    const code = buildViewModule({ entries: ENTRIES, host: memorySourceHost(FILES) }).code;
    const topLevel = [...code.matchAll(/^(?:const|let|var|function)\s+([\w$]+)/gm)].map((m) => m[1]);
    expect(topLevel.length).toBeGreaterThan(0);
    for (const name of topLevel) expect(name.startsWith('__mpk')).toBe(true);
  });
});
