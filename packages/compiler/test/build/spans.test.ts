/**
 * Diagnostic spans (endLine/endColumn, for CI annotations and SARIF regions) where the compiler
 * knows them cheaply, and code frames measured in display columns (CJK and emoji are two wide).
 */
import { describe, expect, it } from 'vitest';
import { codeFrame, displayWidth } from '../../src/diagnostics/frame.ts';
import { compileTemplateFile, memorySourceHost } from '../../src/template/index.ts';
import { createDiagnostic } from '../../src/diagnostics/create.ts';
import { INVALID_JSON } from '../../src/diagnostics/codes.ts';
import { minimalApp, writeProject } from '../fixtures/support.ts';
import { check } from '../../src/index.ts';

const template = (source: string) => compileTemplateFile('pages/a.axml', memorySourceHost({ 'pages/a.axml': source }), { usingComponents: {} }).diagnostics;

describe('display width', () => {
  it('counts CJK and emoji as two columns, combining marks and zero-width joiners as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('你好')).toBe(4);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('ｆｕｌｌ')).toBe(8);
  });

  it('puts the caret under the right character after Chinese text and emoji', () => {
    const [cjk] = template('<view>你好{{ a. }}</view>');
    expect(cjk).toMatchObject({ code: 'MPK2100', line: 1, column: 13 });
    expect(cjk!.frame).toBe('> 1 | <view>你好{{ a. }}</view>\n    |               ^');
    const caret = cjk!.frame!.split('\n')[1]!.indexOf('^');
    const line = cjk!.frame!.split('\n')[0]!;
    // The columns before the "." in the line above, in display width, equal the caret's column.
    expect(displayWidth(line.slice(0, line.indexOf('.')))).toBe(caret);
    const [emoji] = template('<view>😀{{ b c }}</view>');
    expect(emoji!.frame!.split('\n')[1]).toBe('    |              ^');
    expect(codeFrame('\t你 x', 1, 4)).toBe('> 1 |   你 x\n    |      ^');
  });
});

describe('spans', () => {
  it('template expression errors end where the bad token ends', () => {
    const [d] = template('<view>{{ a bcd }}</view>');
    expect(d).toMatchObject({ code: 'MPK2100', line: 1 });
    expect(d!.endLine).toBe(1);
    expect(d).toMatchObject({ column: 12, endColumn: 15 });
  });

  it('template parse warnings span the tag or attribute name', () => {
    const stray = template('<view></text></view>').find((d) => d.code === 'MPK2002')!;
    expect(stray).toMatchObject({ line: 1, column: 7, endLine: 1, endColumn: 7 + '</text'.length });
    const duplicate = template('<view id="a" id="b"/>').find((d) => d.code === 'MPK2004')!;
    expect(duplicate).toMatchObject({ column: 14, endColumn: 16 });
    const unclosed = template('<view>\n<text>\n</view>').find((d) => d.code === 'MPK2001')!;
    expect(unclosed).toMatchObject({ line: 2, column: 1, endLine: 2, endColumn: 6 });
  });

  it('JSON errors span the key or value; a point where only the offset is known', async () => {
    const dir = writeProject(minimalApp({ 'app.json': '{ "pages": ["pages/index/index"],\n  "debug": true }' }));
    const { diagnostics } = await check(dir);
    expect(diagnostics.find((d) => d.code === 'MPK1020')).toMatchObject({ line: 2, column: 3, endLine: 2, endColumn: 10 });
    const point = createDiagnostic(INVALID_JSON, { file: 'a.json', source: '{ x }', offset: 2 }, 'bad');
    expect(point.endLine).toBeUndefined();
    const span = createDiagnostic(INVALID_JSON, { file: 'a.json', source: '{\n  x\n}', offset: 4, length: 1 }, 'bad');
    expect(span).toMatchObject({ line: 2, column: 3, endLine: 2, endColumn: 4 });
  });

  it('esbuild errors carry the length of the bad token', async () => {
    const dir = writeProject(minimalApp({ 'app.js': 'App({});\nconst = 5;\n' }));
    const d = (await check(dir)).diagnostics.find((x) => x.code === 'MPK5001')!;
    expect(d).toMatchObject({ file: 'app.js', line: 2, column: 7, endLine: 2, endColumn: 8 });
  });
});
