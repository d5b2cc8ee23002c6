/**
 * Templates, references and SJS (docs: framework/AXML/模板.md, 引用.md, 引入 SJS.md and
 * framework/SJS 语法参考/*): <template name>/is (static and dynamic)/data and its scope, handlers in
 * templates resolving on the page, <import> (non-transitive; relative, absolute, npm paths), <include>
 * (everything but template definitions), <import-sjs> default and named bindings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp, MiniPage } from '@mpk/devtools/harness';
import { buildProject, closeAll, launchProject, logLines, page } from '../support/project.ts';

let app: MiniApp;
const texts = (p: MiniPage, sel: string): string[] => p.querySelectorAll(sel).map((n) => app.session.renderer.text(n).trim());

const files = {
  ...page('pages/index/index', {
    axml: `
<import src="./templ.axml"/>
<import src="/shared/b.axml"/>
<import src="third-party/x.axml"/>
<import-sjs from="./foo.sjs" name="m"/>
<import-sjs from="./bar.sjs" name="{x, y: z}"/>
<template name="odd"><view class="parity">odd</view></template>
<template name="even"><view class="parity">even</view></template>
<template is="msgItem" data="{{...item}}"/>
<block a:for="{{[1, 2, 3, 4, 5]}}"><template is="{{item % 2 == 0 ? 'even' : 'odd'}}"/></block>
<template is="{{which}}" data="{{text: 'dynamic'}}"/>
<template is="B"/>
<template is="A"/>
<template is="npm-item" data="{{text: 'from npm'}}"/>
<template is="scope-probe" data="{{shown: 'passed'}}"/>
<include src="./header.axml"/>
<view id="body">body</view>
<include src="/shared/footer.axml"/>
<view id="sjs-msg">js message: {{message}}</view>
<view id="sjs-m">sjs message: {{m.message}}</view>
<view id="sjs-format">formatted value: {{m.format(value)}}</view>
<view id="sjs-x">x: {{x}}</view>
<view id="sjs-z">z: {{z}}</view>
<view id="sjs-lang">{{m.lang(list)}}</view>
<view id="sjs-types">{{m.types()}}</view>
<view id="sjs-escape">{{m.escape(dangerous)}}</view>`,
    js: `
Page({
  data: {
    item: { index: 0, msg: 'this is a template', time: '2019-04-22' },
    message: 'hello javascript', value: 3.14159, which: 'B', secret: 'page-only', list: [3, 1, 2], dangerous: 'constructor',
  },
  onLoad() { my.on('e2e:setData', (data) => this.setData(data)); },
  onClickButton(e) { console.log('button clicked', e.type, e.currentTarget.dataset.from); },
});`,
  }),
  'pages/index/templ.axml': `
<template name="msgItem">
  <view>
    <view><text class="msg"> {{index}}: {{msg}} </text><text class="time"> Time: {{time}} </text></view>
    <button id="templ-button" data-from="template" onTap="onClickButton">onTap</button>
  </view>
</template>
<template name="scope-probe"><view id="scope">[{{shown}}][{{secret}}][{{message}}]</view></template>`,
  'shared/a.axml': `<template name="A"><text class="ab"> A template </text></template>`,
  'shared/b.axml': `<import src="./a.axml"/>\n<template name="B"><text class="ab"> B template {{text}}</text></template>\n<template is="A"/>`,
  'node_modules/third-party/package.json': { name: 'third-party', version: '1.0.0' },
  'node_modules/third-party/x.axml': `<template name="npm-item"><text id="npm">{{text}}</text></template>`,
  'pages/index/header.axml': `<view id="header">header</view>\n<template name="from-include"><view id="never">never</view></template>`,
  'shared/footer.axml': `<view id="footer">footer</view>`,
  'pages/index/foo.sjs': `
const message = 'hello sjs';
const format = num => num.toFixed(2);
const five = 5;
function lang(list) {
  let sorted = list.concat();
  sorted.sort((a, b) => a - b);
  const [first, ...rest] = sorted;
  const { length = 0 } = sorted;
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += sorted[i];
  const label = \`\${first}+\${rest.join('+')}=\${total} (\${length})\`;
  switch (total) { case 6: return label + ' six'; default: return label; }
}
function types() {
  return [(10).constructor, 'str'.constructor, true.constructor, ({}).constructor, [].constructor, getDate(0).constructor,
    getRegExp('a+', 'g').constructor, typeof getDate(), typeof getRegExp('x'), JSON.stringify({ a: [1] }),
    Math.max(1, 4), parseInt('42px'), getRegExp('^a+$').test('aaa'), getDate(2020, 0, 2).getFullYear()].join(',');
}
function escape(key) {
  const f = format[key];
  return typeof f === 'function' ? typeof f('return 1') : '' + f;
}
export default { message, format, five, lang, types, escape };`,
  'pages/index/bar.sjs': `import m from './foo.sjs';\nexport const x = 3;\nexport const y = 4 + m.five;`,
};

beforeAll(async () => {
  app = await launchProject(files);
});
afterAll(closeAll);

describe('<template>', () => {
  it('renders a named template with the data spread into it', () => {
    const p = app.currentPage();
    expect(p.text('.msg').trim()).toBe('0: this is a template');
    expect(p.text('.time').trim()).toBe('Time: 2019-04-22');
  });

  it('chooses the template from an expression in is', async () => {
    const p = app.currentPage();
    expect(texts(p, '.parity')).toEqual(['odd', 'even', 'odd', 'even', 'odd']);
    expect(texts(p, '.ab')[0]).toBe('B template dynamic');
    await app.emit('e2e:setData', { which: 'msgItem' });
    expect(texts(p, '.msg')).toEqual(['0: this is a template', ':']);
    await app.emit('e2e:setData', { which: 'B' });
  });

  it('sees only the data passed to it', () => {
    expect(app.currentPage().text('#scope')).toBe('[passed][][]');
  });

  it('resolves handlers inside a template on the page', async () => {
    await app.currentPage().tap('#templ-button');
    expect(logLines(app)).toContain('button clicked tap template');
  });
});

describe('<import> and <include>', () => {
  it('imports templates from relative, absolute and npm paths', () => {
    const p = app.currentPage();
    expect(texts(p, '.ab')).toContain('B template');
    expect(p.text('#npm')).toBe('from npm');
  });

  it('is not transitive: C imports B imports A, C cannot use A (B itself can)', () => {
    // B's own use of A renders inside b.axml? No: a file's top-level content is not imported, only
    // its templates. So the only "A template" could come from <template is="A"/> in the page, and must not.
    expect(texts(app.currentPage(), '.ab').filter((t) => t === 'A template')).toEqual([]);
  });

  it('warns at compile time about the unknown template', async () => {
    const result = await buildProject(files);
    expect(result.ok).toBe(true);
    const warning = result.diagnostics.find((d) => d.code === 'MPK2031');
    expect(warning?.file).toMatch(/pages\/index\/index\.axml$/);
    expect(warning?.message).toContain('A');
  });

  it('copies everything of an included file except its template definitions, in place', () => {
    const p = app.currentPage();
    expect(p.text('#header')).toBe('header');
    expect(p.text('#footer')).toBe('footer');
    expect(p.querySelector('#never')).toBeNull();
    const order = p.querySelectorAll('#header, #body, #footer').map((n) => n.attrs.id);
    expect(order).toEqual(['header', 'body', 'footer']);
  });

  it('reports a missing import as a compile error with the file and line', async () => {
    const result = await buildProject(page('pages/index/index', { axml: `<view/>\n<import src="./nope.axml"/>` }));
    expect(result.ok).toBe(false);
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.code).toBe('MPK2034');
    expect(error.file).toMatch(/pages\/index\/index\.axml$/);
    expect(error.line).toBe(2);
  });
});

describe('<import-sjs>', () => {
  it('binds the default export under name and named exports under { a, b: c } (the docs example)', () => {
    const p = app.currentPage();
    expect(p.text('#sjs-msg')).toBe('js message: hello javascript');
    expect(p.text('#sjs-m')).toBe('sjs message: hello sjs');
    expect(p.text('#sjs-format')).toBe('formatted value: 3.14');
    expect(p.text('#sjs-x')).toBe('x: 3');
    expect(p.text('#sjs-z')).toBe('z: 9');
  });

  it('re-runs SJS functions with new data', async () => {
    await app.emit('e2e:setData', { value: 2 });
    expect(app.currentPage().text('#sjs-format')).toBe('formatted value: 2.00');
  });

  it('supports the documented language subset', () => {
    const p = app.currentPage();
    expect(p.text('#sjs-lang')).toBe('1+2+3=6 (3) six');
    expect(p.text('#sjs-types')).toBe('Number,String,Boolean,Object,Array,Date,RegExp,object,object,{"a":[1]},4,42,true,2020');
  });

  it('cannot reach the Function constructor through a computed key', () => {
    expect(app.currentPage().text('#sjs-escape')).toBe('undefined');
    expect(app.errors).toEqual([]);
  });

  it.each(['my', 'getApp', 'process', 'window', 'globalThis', 'require'])('finds the logic-layer or host global %s undefined in SJS (a warning)', async (name) => {
    const files = {
      ...page('pages/index/index', { axml: `<import-sjs from="./h.sjs" name="h"/><view id="v">{{h.probe()}}</view>` }),
      'pages/index/h.sjs': `export default { probe: () => typeof ${name} };`,
    };
    const result = await buildProject(files);
    expect(result.ok).toBe(true);
    const warning = result.diagnostics.find((d) => d.code === 'MPK3002')!;
    expect(warning.severity).toBe('warning');
    expect(warning.file).toMatch(/h\.sjs$/);
    const other = await launchProject(files);
    expect(other.currentPage().text('#v')).toBe('undefined');
  });

  it('{ a, b: c } follows the docs: c() is b, a is a, b is unbound', async () => {
    const other = await launchProject({
      ...page('pages/index/index', { axml: `<import-sjs from="./helper.sjs" name="{ a, b: c }"/><view id="v">{{ c() }}:{{a}}:{{ b }}</view>` }),
      'pages/index/helper.sjs': 'export const a = 1;\nexport function b() { return 2 }',
    });
    expect(other.currentPage().text('#v')).toBe('2:1:');
  });

  it('rejects a name that is not an identifier, and two imports binding one name', async () => {
    const bad = await buildProject({
      ...page('pages/index/index', { axml: `<import-sjs from="./h.sjs" name="my-mod"/><view/>` }),
      'pages/index/h.sjs': 'export default {};',
    });
    expect(bad.diagnostics.find((d) => d.severity === 'error')?.code).toBe('MPK2041');
    const dup = await buildProject({
      ...page('pages/index/index', { axml: `<import-sjs from="./h.sjs" name="{ a }"/>\n<import-sjs from="./g.sjs" name="{ a }"/><view/>` }),
      'pages/index/h.sjs': 'export const a = 1;',
      'pages/index/g.sjs': 'export const a = 2;',
    });
    expect(dup.ok).toBe(false);
    expect(dup.diagnostics.find((d) => d.severity === 'error')?.code).toBe('MPK2044');
  });
});
