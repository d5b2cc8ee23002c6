/**
 * linkViewModule and buildViewModule: one deterministic view.json per package part (data: no
 * code), lazy SJS, tolerant of missing pieces; the runtime emits code from it.
 */
import { describe, expect, it } from 'vitest';
import { validateViewForm, viewSource } from '@mpk/runtime/view-form';
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
    // A unit naming an SJS module the form does not carry is refused as a whole by the runtime.
    const b = compileTemplateFile('pages/b/b.axml', host, { usingComponents: {} });
    expect(() => evaluate(linkViewModule({ entries: [{ id: 'b', file: 'pages/b/b.axml' }], templates: [b], sjs: [] }))).toThrow(/SJS module "shared\/u.sjs" is not in the form/);
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

  it('is data: JSON the runtime validates, with no code in it', () => {
    const r = buildViewModule({ entries: ENTRIES, host: memorySourceHost(FILES) });
    const form = validateViewForm(JSON.parse(r.code));
    expect(form.format).toBe(1);
    expect(form.entries).toEqual([['pages/a/a', 'pages/a/a.axml'], ['pages/b/b', 'pages/b/b.axml']]);
    expect(form.sjs.map((m) => m.file)).toEqual(['shared/u.sjs', 'shared/v.sjs']);
    expect(form.sjs[0]!.imports).toEqual({ './v.sjs': 'shared/v.sjs' });
    // Expression source spans are left out of the package.
    expect(r.code).not.toMatch(/"start":|"end":/);
    expect(r.code).not.toContain('function');
  });

  it('loads under a loader that hides host globals, every top-level name in the reserved __mpk namespace', () => {
    const r = buildViewModule({ entries: ENTRIES, host: memorySourceHost(FILES) });
    const source = viewSource(validateViewForm(JSON.parse(r.code)));
    const topLevel = [...source.matchAll(/^(?:const|let|var|function)\s+([\w$]+)/gm)].map((m) => m[1]);
    expect(topLevel.length).toBeGreaterThan(0);
    for (const name of topLevel) expect(name!.startsWith('__mpk')).toBe(true);
    expect(serialize(evaluate(r.code).templates['pages/b/b']({ s: 'ok' }))).toBe('<view>OK!</view>');
  });
});
