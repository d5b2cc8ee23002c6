/**
 * Property-based: random and mutated templates never make the compiler throw or hang, every
 * problem is a well-formed diagnostic, and whatever it produces links into a view form the
 * runtime accepts, emits, loads and renders (or throws an Error, which the ViewEngine reports).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.ts';
import { compileSjsFile } from '../../src/sjs/index.ts';
import { compileTemplateFile, linkViewModule, memorySourceHost, serializeViewForm } from '../../src/template/index.ts';
import { compileSjsFile as runtimeSjs, emitUnit, PRELUDE, validateViewForm } from '@mpk/runtime/view-form';
import { evaluate, PAGE } from './support/harness.ts';
import { garbage, mutationOf, withinTime } from './support/mutate.ts';

const CORPUS = [
  '<view class="a {{c}}" id="x-{{id}}" onTap="go" data-n="{{n + 1}}">Hello {{name}}!</view>',
  '<view a:if="{{a > 1}}">1</view><view a:elif="{{b}}">2</view><view a:else>3</view>',
  '<view a:for="{{list}}" a:key="id" a:for-item="row"><text>{{index}}: {{row.name}}</text></view>',
  '<block a:for="{{[1, 2]}}"><view>{{item}}</view><text>{{ {a: item, ...o}.a }}</text></block>',
  '<import src="./t.axml" /><template is="t" data="{{...obj, a: 1}}" /><template is="{{n ? \'t\' : \'u\'}}" />',
  '<template name="u"><view>{{x}}</view></template><include src="./t.axml" />',
  '<import-sjs name="m" from="./m.sjs" /><import-sjs name="{ f: g }" from="./m.sjs" /><view>{{m.f(a)}} {{g(b)}}</view>',
  '<my-comp title="{{t}}" onChange="h"><view slot="head">h</view><view slot-scope="p">{{p.x}}</view></my-comp>',
  '<slot name="s" x="{{1}}"><text>\n  fallback {{ a ? "y" : \'n\' }}\n</text></slot>',
  '<input disabled value="{{v}}" /><checkbox checked="{{false}}" /><view style="color: {{c}}" hidden />',
];

const FILES = {
  'pages/index/t.axml': '<template name="t"><text>{{a}}</text></template>',
  'pages/index/m.sjs': "export const f = (x) => x;\nexport default { f: (x) => '' + x };",
};
const SJS = compileSjsFile('pages/index/m.sjs', memorySourceHost(FILES));
const T_UNIT = compileTemplateFile('pages/index/t.axml', memorySourceHost(FILES), { usingComponents: {} });
const DATA = { a: 2, b: 'b', c: 'red', id: 1, n: 0, name: 'x', list: [{ id: 1, name: 'r' }], obj: { a: 3 }, o: {}, t: 'T', v: 'v' };

/** Plain checks (not `expect`): this runs thousands of times. */
function wellFormed(d: Diagnostic, source: string): void {
  const lines = source.split(/\r?\n/).length;
  const ok =
    /^MPK2\d{3}$/.test(d.code) &&
    (d.severity === 'error' || d.severity === 'warning') &&
    d.file === PAGE &&
    typeof d.message === 'string' &&
    d.line >= 1 &&
    d.line <= lines &&
    d.column >= 1 &&
    typeof d.frame === 'string';
  if (!ok) throw new Error(`malformed diagnostic ${JSON.stringify(d)}`);
}

type RenderFn = (scope: unknown) => unknown;
interface Runtime {
  link(units: Map<string, unknown>, sjs: Map<string, unknown>): { templates(pairs: Array<[string, string]>): Record<string, RenderFn> };
}
// The prelude is the same for every case: evaluate it once and link each case's unit with it.
const runtime = new Function('__mpkView', `"use strict"; return ${PRELUDE}(__mpkView);`)({}) as Runtime;
const factory = (code: string) => new Function(`"use strict"; return ${code};`)() as unknown;
const T_FACTORY = factory(emitUnit(T_UNIT.form));
const SJS_FACTORY = factory(runtimeSjs('pages/index/m.sjs', { readFile: (p) => (FILES as Record<string, string>)[p], resolve: () => undefined }).code);
let cases = 0;

function check(source: string): void {
  const host = memorySourceHost({ ...FILES, [PAGE]: source });
  const unit = withinTime(2000, () => compileTemplateFile(PAGE, host, { usingComponents: { 'my-comp': 'components/c/c' } }));
  for (const d of unit.diagnostics) wellFormed(d, source);
  let render: RenderFn;
  // Whatever the compiler makes of it is a form the runtime accepts.
  validateViewForm(JSON.parse(serializeViewForm({ format: 1, entries: [['p', PAGE]], units: [unit.form], sjs: SJS.form ? [SJS.form] : [] })));
  if (cases++ % 20 === 0) {
    // Now and then the whole way: link view.json and load it with the runtime's loader.
    const code = linkViewModule({ entries: [{ id: 'p', file: PAGE }], templates: [unit, T_UNIT], sjs: [SJS] });
    render = evaluate(code).templates.p as RenderFn;
  } else {
    const linked = runtime.link(
      new Map([
        [PAGE, factory(emitUnit(unit.form))],
        ['pages/index/t.axml', T_FACTORY],
      ]),
      new Map([['pages/index/m.sjs', SJS_FACTORY]]),
    );
    render = linked.templates([['p', PAGE]]).p;
  }
  try {
    const nodes = withinTime(2000, () => render(DATA));
    if (!Array.isArray(nodes)) throw new Error('render did not return an array');
  } catch (e) {
    // Render-time errors (a:for over a huge number, runaway recursion…) are Errors the engine reports.
    if (!(e instanceof Error)) throw new Error(`render threw a non-Error: ${String(e)}`);
    if (e.message === 'render did not return an array' || e.message.startsWith('took ')) throw e;
  }
}

describe('template compiler under random input', () => {
  it('starts from fixtures that compile cleanly', () => {
    expect([...SJS.diagnostics, ...T_UNIT.diagnostics]).toEqual([]);
    for (const source of CORPUS) check(source);
  });

  it('survives mutations of valid templates', () => {
    fc.assert(fc.property(mutationOf(CORPUS), check), { numRuns: 1200 });
  });

  it('survives random markup-flavoured text', () => {
    fc.assert(fc.property(garbage(), check), { numRuns: 1000 });
  });

  it('survives pathological shapes', () => {
    for (const source of [
      '<view>'.repeat(5000),
      '</view>'.repeat(5000),
      '{{'.repeat(5000),
      '}}'.repeat(5000),
      '{{ a' + ' + a'.repeat(5000) + ' }}',
      '<view a:if="{{a}}"/>' + '<view a:elif="{{a}}"/>'.repeat(2000),
      '<template name="t"><template is="t" /></template><template is="t" />',
      '<include src="./index.axml" />',
      '<view a:for="{{1e9}}">x</view>',
      `<view>{{ ${'['.repeat(3000)} }}</view>`,
      `<view>{{ ${'!'.repeat(3000)}a }}</view>`,
      `<view>{{ ${'a.'.repeat(3000)}b }}</view>`,
      `<view>{{ ${'-'.repeat(3000)}a }}</view>`,
      '<' + 'a '.repeat(5000),
      '<view ' + 'x="1" '.repeat(3000) + '/>',
      '\u0000\uffff\ud800',
    ]) {
      check(source);
    }
  });
});
