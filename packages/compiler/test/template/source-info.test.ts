/**
 * Dev builds' source locations (TemplateOptions.sourceInfo / SheetOptions.sourceInfo) for the
 * simulator's element inspector: elements render with `src` (file, line, column, attributes as
 * written) and style rules carry `--mpk-source`; without the option the output has neither.
 */
import { describe, expect, it } from 'vitest';
import { loadViewForm } from '@mpk/runtime/view-form';
import type { VElement } from '@mpk/runtime/view-abi';
import { compileTemplateFile, linkViewModule, memorySourceHost } from '../../src/template/index.ts';
import { compileSheet } from '../../src/style/compile.ts';

const AXML = '<view class="list">\n  <text a:if="{{show}}" class="item {{done ? \'done\' : \'\'}}" onTap="toggle">{{title}}</text>\n</view>';

function render(sourceInfo: boolean): { json: string; nodes: VElement[] } {
  const host = memorySourceHost({ 'pages/index/index.axml': AXML });
  const unit = compileTemplateFile('pages/index/index.axml', host, { usingComponents: {}, ...(sourceInfo ? { sourceInfo } : {}) });
  const json = linkViewModule({ entries: [{ id: 'pages/index/index', file: 'pages/index/index.axml' }], templates: [unit], sjs: [] });
  const module = loadViewForm(json);
  return { json, nodes: module.templates['pages/index/index']!({ show: true, done: true, title: 'a' }) as VElement[] };
}

describe('template source info', () => {
  it('gives every element its file, line, column and attributes as written', () => {
    const [list] = render(true).nodes;
    expect(list!.src).toEqual({ file: 'pages/index/index.axml', line: 1, column: 1, attrs: [['class', 'list']] });
    const text = list!.children.find((c) => c.kind === 'element') as VElement;
    expect(text.src).toEqual({
      file: 'pages/index/index.axml',
      line: 2,
      column: 3,
      attrs: [['a:if', '{{show}}'], ['class', "item {{done ? 'done' : ''}}"], ['onTap', 'toggle']],
    });
    // One shared object per template position, not one per render.
    const again = render(true).nodes[0]!;
    expect(again.src).toEqual(list!.src);
  });

  it('leaves production output without locations', () => {
    const { json, nodes } = render(false);
    expect(json).not.toContain('"loc"');
    expect(nodes[0]!.src).toBeUndefined();
  });
});

describe('style source info', () => {
  const host = {
    readFile: (p: string) => ({ 'pages/a/a.acss': "@import './common.acss';\n.title { color: red; }\n@media (min-width: 1px) {\n  .b { top: 0 }\n}\n@keyframes k { from { top: 0 } }", 'pages/a/common.acss': '\n\n.c { margin: 0 }' })[p],
    resolve: (_from: string, request: string) => (request === './common.acss' ? 'pages/a/common.acss' : undefined),
  };

  it('names the file and line of every rule, imported ones included, keyframes steps excepted', () => {
    const sheet = compileSheet('pages/a/a.acss', host, { mode: { kind: 'app' }, sourceInfo: true });
    expect(sheet.css).toContain('--mpk-source: "pages/a/common.acss:3"');
    expect(sheet.css).toContain('--mpk-source: "pages/a/a.acss:2"');
    expect(sheet.css).toContain('--mpk-source: "pages/a/a.acss:4"');
    expect(sheet.css.match(/--mpk-source/g)).toHaveLength(3);
  });

  it('adds nothing without the option', () => {
    expect(compileSheet('pages/a/a.acss', host, { mode: { kind: 'app' } }).css).not.toContain('--mpk-source');
  });
});
