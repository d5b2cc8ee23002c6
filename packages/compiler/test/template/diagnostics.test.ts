/**
 * One case per template/expression diagnostic code: the code, its position (line and column,
 * 1-based) and a code frame that shows the offending line. `§` in a snippet marks the expected
 * position and is removed before compiling.
 */
import { describe, expect, it } from 'vitest';
import { compileTemplateFile, memorySourceHost, TEMPLATE_CODES } from '../../src/template/index.ts';
import { PAGE } from './support/harness.ts';

interface Case {
  code: string;
  axml: string;
  files?: Record<string, string>;
  usingComponents?: Record<string, string>;
}

const MARK = '§';

function locate(marked: string): { source: string; line: number; column: number } {
  const at = marked.indexOf(MARK);
  if (at < 0) throw new Error('case without a § marker');
  const before = marked.slice(0, at);
  const lines = before.split('\n');
  return { source: marked.replace(MARK, ''), line: lines.length, column: lines[lines.length - 1].length + 1 };
}

const cases: Case[] = [
  { code: 'MPK2001', axml: '<view>\n  §<text>abc\n</view>' },
  { code: 'MPK2002', axml: '<view></view>\n§</text>' },
  { code: 'MPK2003', axml: '<view>\n  a §{{ b\n</view>' },
  { code: 'MPK2003', axml: '<view id="x§{{y" />' },
  { code: 'MPK2004', axml: '<view\n  id="a" §id="b" />' },
  { code: 'MPK2005', axml: '<view>\n  §<foo-bar /></view>' },
  { code: 'MPK2006', axml: '<view §__proto__="x" />' },
  { code: 'MPK2007', axml: '<view §bindtap="go" />' },
  { code: 'MPK2007', axml: '<view §wx:if="{{a}}" />' },
  { code: 'MPK2008', axml: '<view>'.repeat(200) + '§<view></view>' + '</view>'.repeat(200) },
  { code: 'MPK2009', axml: '<block §class="x" a:if="{{a}}"></block>' },
  { code: 'MPK2009', axml: '<template name="t" §a:if="{{x}}"><view /></template>' },
  { code: 'MPK2020', axml: '<view />\n<view §a:else />' },
  { code: 'MPK2020', axml: '<view a:for="{{l}}" a:key="*this" a:if="{{item}}" />\n<view §a:else />' },
  { code: 'MPK2021', axml: '<view a:if="{{a}}" §a:else />' },
  { code: 'MPK2022', axml: '<view §a:for="{{l}}" />' },
  { code: 'MPK2023', axml: '<block a:if="{{l}}" §key="{{item}}"><view /></block>' },
  { code: 'MPK2024', axml: '<view a:for="{{l}}" a:key="*this" a:for-item="§1x" />' },
  { code: 'MPK2024', axml: '<my-c><view slot-scope="§a b" /></my-c>', usingComponents: { 'my-c': 'c' } },
  { code: 'MPK2025', axml: '<view §a:if="false" />' },
  { code: 'MPK2026', axml: '<view a:for="{{l}}" a:key="§constructor" />' },
  { code: 'MPK2027', axml: '<view §a:key="id" />' },
  { code: 'MPK2030', axml: '<view />\n§<template></template>' },
  { code: 'MPK2031', axml: '<template is="§nope" />' },
  { code: 'MPK2032', axml: '<template name="t"><view /></template>\n<template §name="t"><text /></template>' },
  { code: 'MPK2033', axml: '§<import />' },
  { code: 'MPK2034', axml: '<include src="§./none.axml" />' },
  { code: 'MPK2035', axml: '§<include src="./a.axml" />', files: { 'pages/index/a.axml': '<include src="./index.axml" />' } },
  { code: 'MPK2035', axml: '§<import src="./index.axml" />' },
  {
    code: 'MPK2036',
    axml: '<template name="t">§<my-c /></template>',
    usingComponents: { 'my-c': 'components/c/c' },
  },
  { code: 'MPK2037', axml: '<import src="§./x.sjs" />', files: { 'pages/index/x.sjs': 'export default 1;' } },
  { code: 'MPK2038', axml: '§<include src="./a.axml">text</include>', files: { 'pages/index/a.axml': '<view />' } },
  { code: 'MPK2040', axml: '§<import-sjs name="m" />' },
  { code: 'MPK2041', axml: '<import-sjs name="§1m" from="./m.sjs" />', files: { 'pages/index/m.sjs': 'export default 1;' } },
  { code: 'MPK2041', axml: '<import-sjs name="§{ a: }" from="./m.sjs" />', files: { 'pages/index/m.sjs': 'export const a = 1;' } },
  { code: 'MPK2042', axml: '<import-sjs name="m" from="§./none.sjs" />' },
  { code: 'MPK2043', axml: '<import-sjs name="m" from="§./a.axml" />', files: { 'pages/index/a.axml': '<view />' } },
  {
    code: 'MPK2044',
    axml: '<import-sjs name="{ a }" from="./m.sjs" />\n<import-sjs name="§{ b: a }" from="./m.sjs" />',
    files: { 'pages/index/m.sjs': 'export const a = 1; export const b = 2;' },
  },
  { code: 'MPK2045', axml: '<import-sjs name="§{ zz }" from="./m.sjs" />', files: { 'pages/index/m.sjs': 'export const a = 1;' } },
  { code: 'MPK2045', axml: '<import-sjs name="§m" from="./m.sjs" />', files: { 'pages/index/m.sjs': 'export const a = 1;' } },
  {
    code: 'MPK2046',
    axml: '<import-sjs name="§a" from="./m.sjs" />\n<import-sjs name="{ a }" from="./m.sjs" />',
    files: { 'pages/index/m.sjs': 'export default 0; export const a = 1;' },
  },
  { code: 'MPK2050', axml: '<view><text §slot-scope="p" /></view>' },
  { code: 'MPK2051', axml: '<view onTap="§fn(1)" />' },
  { code: 'MPK2100', axml: '<view>{{ a + §}}</view>' },
  { code: 'MPK2100', axml: '<view>{{ a b }}</view>'.replace('b }}', '§b }}') },
  { code: 'MPK2101', axml: '<view>{{ a §= 1 }}</view>' },
  { code: 'MPK2101', axml: '<view>{{ §++a }}</view>' },
  { code: 'MPK2104', axml: '<view>{{ §function () {} }}</view>' },
  { code: 'MPK2104', axml: '<view>{{ (§{a}) => a }}</view>' },
  { code: 'MPK2105', axml: '<view>{{ tag§`a${b}` }}</view>' },
  { code: 'MPK2106', axml: '<view>{{ §import("x") }}</view>' },
  { code: 'MPK2109', axml: '<view>{{ a.§constructor }}</view>' },
  { code: 'MPK2109', axml: '<view>{{ a[§"__proto__"] }}</view>' },
  { code: 'MPK2109', axml: '<view>{{ { §__proto__: a } }}</view>' },
  { code: 'MPK2110', axml: '<view>{{ §await a }}</view>' },
  { code: 'MPK2111', axml: '<view>{{ §/(/.test(a) }}</view>' },
  { code: 'MPK2115', axml: '<view>{{ §delete a.b }}</view>' },
  { code: 'MPK2113', axml: '<view>§{{ }}</view>'.replace('§{{ }}', '{{§ }}') },
  { code: 'MPK2114', axml: `<view>{{ ${'('.repeat(50)}§${'('.repeat(100)}a${')'.repeat(150)} }}</view>` },
];

describe('template diagnostics', () => {
  for (const c of cases) {
    it(`${c.code}: ${c.axml.length > 70 ? c.axml.slice(0, 70) + '…' : c.axml}`, () => {
      const { source, line, column } = locate(c.axml);
      const host = memorySourceHost({ ...c.files, [PAGE]: source });
      const result = compileTemplateFile(PAGE, host, { usingComponents: c.usingComponents ?? {} });
      const found = result.diagnostics.find((d) => d.code === c.code);
      expect(found, JSON.stringify(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`))).toBeDefined();
      const d = found!;
      const info = TEMPLATE_CODES.find((i) => i.code === c.code)!;
      expect(d.severity).toBe(info.severity);
      expect(d.file).toBe(PAGE);
      expect([d.line, d.column]).toEqual([line, column]);
      const lineText = source.split('\n')[line - 1];
      expect(d.frame).toContain(lineText.length > 40 ? lineText.slice(0, 40) : lineText);
      expect(d.frame).toContain('^');
      expect(d.message.length).toBeGreaterThan(10);
    });
  }

  it('reports a missing file without a position', () => {
    const result = compileTemplateFile('pages/none.axml', memorySourceHost({}), { usingComponents: {} });
    expect(result.diagnostics).toMatchObject([{ code: 'MPK2010', severity: 'error', line: 0, column: 0, file: 'pages/none.axml' }]);
    expect(result.form).toEqual({ file: 'pages/none.axml', sjs: [], bindings: [], imports: [], templates: [], body: [] });
  });

  it('turns an unexpected failure into MPK2999 instead of throwing', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const result = compileTemplateFile(PAGE, memorySourceHost({ [PAGE]: '<view />' }), { usingComponents: hostile as Record<string, string> });
    expect(result.diagnostics).toMatchObject([{ code: 'MPK2999', severity: 'error' }]);
    expect(result.diagnostics[0].message).toContain('boom');
  });

  it('has a case for every code', () => {
    const tested = new Set([...cases.map((c) => c.code), 'MPK2010', 'MPK2999']);
    expect(TEMPLATE_CODES.map((c) => c.code).filter((c) => !tested.has(c))).toEqual([]);
  });

  it('compiles clean templates without diagnostics', () => {
    const result = compileTemplateFile(PAGE, memorySourceHost({ [PAGE]: '<view a:for="{{list}}" a:key="id" onTap="go">{{item.name}}</view>' }), { usingComponents: {} });
    expect(result.diagnostics).toEqual([]);
  });
});
