/**
 * Data binding and the expression subset (docs: framework/AXML/数据绑定.md): mustaches in text,
 * attributes and keywords, a lone `{{ }}` keeping its type, operators, paths, array and object
 * literals (shorthand, spread, later keys winning), and what templates refuse to compile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { buildProject, closeAll, launchProject, page } from '../support/project.ts';

let app: MiniApp;

const axml = `
<button id="grow" onTap="grow">grow</button>
<view id="msg"> {{ message }} </view>
<view id="arith"> {{a + b}} + {{c}} + d </view>
<view id="concat">{{"hello" + name}}</view>
<view id="paths">{{object.key}}{{array[0]}}</view>
<view id="index">{{array[i]}}|{{object['key']}}|{{matrix[1][0]}}</view>
<view id="attr" class="item-{{id}}" data-id="{{id}}" data-label="n{{id}}"></view>
<checkbox id="typed-false" checked="{{false}}"/>
<checkbox id="string-false" checked="false"/>
<view id="typed-values" data-num="{{a}}" data-bool="{{flag}}" data-obj="{{object}}" data-arr="{{[zero, 1]}}"></view>
<view id="ternary" hidden="{{flag ? true : false}}">{{flag ? 'yes' : 'no'}}</view>
<view id="ops">{{a * c}},{{c / a}},{{c % 2}},{{-a}},{{c - b}},{{!flag}},{{a < b}},{{a >= b}},{{a == '1'}},{{a === '1'}},{{a != 2}},{{a !== 1}},{{flag && 'and'}},{{missing || 'or'}}</view>
<view id="precedence">{{a + b * c}}|{{(a + b) * c}}|{{a + b + 'x'}}|{{'x' + a + b}}</view>
<view id="logic" a:if="{{length > 5}}">long</view>
<view id="missing">[{{nothing}}][{{nothing.deeper}}][{{object.absent}}]</view>
<view id="numbers">{{0}}|{{1.5}}|{{nullValue}}|{{flag}}</view>
<view class="zero-row" a:for="{{[zero, 1, 2, 3, 4]}}">{{item}}</view>
<template name="objectCombine"><view class="combined">a={{a}} b={{b}} c={{c}} d={{d}} e={{e}} foo={{foo}} bar={{bar}}</view></template>
<template is="objectCombine" data="{{foo: a, bar: b}}"/>
<template is="objectCombine" data="{{...obj1, ...obj2, e: 5}}"/>
<template is="objectCombine" data="{{foo, bar}}"/>
<template is="objectCombine" data="{{...obj3, ...obj4, a, c: 6}}"/>
`;

const js = `
Page({
  data: {
    message: 'Hello alipay!', a: 1, b: 2, c: 3, name: 'alipay', id: 0, flag: true, zero: 0, i: 0, length: 3,
    object: { key: 'Hello ' }, array: ['alipay'], matrix: [[1], [2]], nullValue: null,
    obj1: { a: 1, b: 2 }, obj2: { c: 3, d: 4 }, foo: 'my-foo', bar: 'my-bar',
    obj3: { a: 9, b: 2 }, obj4: { b: 3, c: 4 },
  },
  grow() { this.setData({ length: 6, flag: false, id: 7, 'object.key': 'Bye ', array: ['x', 'y'], i: 1 }); },
});
`;

beforeAll(async () => {
  app = await launchProject(page('pages/index/index', { axml, js }));
});
afterAll(closeAll);

describe('mustache in text', () => {
  it('renders data, keeping the text around it', () => {
    const p = app.currentPage();
    expect(p.text('#msg').trim()).toBe('Hello alipay!');
    expect(p.text('#arith').trim()).toBe('3 + 3 + d');
    expect(p.text('#concat')).toBe('helloalipay');
    expect(p.text('#paths')).toBe('Hello alipay');
    expect(p.text('#index')).toBe('alipay|Hello |2');
  });

  it('renders missing paths and null as empty text, numbers and booleans as text', () => {
    const p = app.currentPage();
    expect(p.text('#missing')).toBe('[][][]');
    expect(p.text('#numbers')).toBe('0|1.5||true');
  });

  it('supports the documented operators with JavaScript precedence', () => {
    const p = app.currentPage();
    expect(p.text('#ops')).toBe('3,3,1,-1,1,false,true,false,true,false,true,false,and,or');
    expect(p.text('#precedence')).toBe('7|9|3x|x12');
    expect(p.text('#ternary')).toBe('yes');
  });
});

describe('mustache in attributes', () => {
  it('makes a string when text surrounds the mustache', () => {
    const node = app.currentPage().querySelector('#attr')!;
    expect(node.attrs.class).toBe('item-0');
    expect(node.attrs['data-label']).toBe('n0');
  });

  it('keeps the JavaScript type of a lone mustache', () => {
    const p = app.currentPage();
    expect(p.querySelector('#typed-false')!.attrs.checked).toBe(false);
    expect(p.querySelector('#string-false')!.attrs.checked).toBe('false');
    const typed = p.querySelector('#typed-values')!.attrs;
    expect(typed['data-num']).toBe(1);
    expect(typed['data-bool']).toBe(true);
    expect(typed['data-obj']).toEqual({ key: 'Hello ' });
    expect(typed['data-arr']).toEqual([0, 1]);
    expect(p.querySelector('#attr')!.attrs['data-id']).toBe(0);
    expect(p.querySelector('#ternary')!.attrs.hidden).toBe(true);
  });
});

describe('array and object literals', () => {
  it('builds arrays from data and constants', () => {
    expect(app.currentPage().querySelectorAll('.zero-row').map((n) => app.session.renderer.text(n))).toEqual(['0', '1', '2', '3', '4']);
  });

  it('builds objects with explicit keys, spread, shorthand, later keys winning', () => {
    const combined = app.currentPage().querySelectorAll('.combined').map((n) => app.session.renderer.text(n));
    expect(combined).toEqual([
      'a= b= c= d= e= foo=1 bar=2',
      'a=1 b=2 c=3 d=4 e=5 foo= bar=',
      'a= b= c= d= e= foo=my-foo bar=my-bar',
      // `a` from the shorthand (data.a = 1) beats obj3.a = 9; obj4.b beats obj3.b
      'a=1 b=3 c=6 d= e= foo= bar=',
    ]);
  });
});

describe('updates', () => {
  it('re-renders text, attributes and conditions after setData', async () => {
    const p = app.currentPage();
    expect(p.querySelector('#logic')).toBeNull();
    await p.tap('#grow');
    expect(p.text('#logic')).toBe('long');
    expect(p.querySelector('#attr')!.attrs.class).toBe('item-7');
    expect(p.querySelector('#ternary')!.attrs.hidden).toBe(false);
    expect(p.text('#ternary')).toBe('no');
    expect(p.text('#paths')).toBe('Bye x');
    expect(p.text('#index')).toBe('y|Bye |2');
    expect(app.errors).toEqual([]);
  });
});

describe('the expression language real templates use (antd-mini, mini-ali-ui, mini-antui, real apps)', () => {
  const data = {
    content: 'abcdefghij', price: 12345, text: 42, r: [1, 2, 3], x: -3, n: 4, bg: 'a.png', item: { id: 7 }, idx: 2,
    list: [{ desc: '' }, { desc: 'd' }], date: '2024-01-02', flags: 6, name: 'mpk', klass: 'c',
  };
  const axml = `
<view id="methods">{{content.substring(0, 4)}}|{{(price/100).toFixed(2)}}|{{text.toString().length}}|{{r.join(',')}}|{{Math.abs(x)}}</view>
<view id="literal" style="{{bg ? \`background-image: url('\${bg}');\` : ''}}">{{\`\${name}!\`}}</view>
<view id="braceless" style="{{ width: 100 / n + '%' }}" data-item="{{item, idx}}" onTap="show">tap</view>
<view id="arrow" class="{{list.some(item => item.desc) ? 'has-desc' : ''}}">{{list.filter(i => i.desc).length}}</view>
<view id="ops">{{flags & 2}}|{{flags | 1}}|{{1 << 3}}|{{date.replace(/-/g, '.')}}|{{this.name}}|[{{}}]|{{new Date(0).getTime()}}</view>
<view id="unquoted" data-v={{ n > 3 }} a:if={{ n > 3 }}>shown</view>
<block a:for="{{r}}" key="{{item}}"><view class="row">{{item}}</view></block>
`;
  const js = `Page({ data: ${JSON.stringify(data)}, show(e) { console.log(JSON.stringify(e.target.dataset.item)); } });`;

  it('renders method calls, template literals, braceless objects, arrows, regexps and every operator', async () => {
    const result = await buildProject(page('pages/index/index', { axml, js }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const other = await launchProject(page('pages/index/index', { axml, js }));
    const p = other.currentPage();
    expect(p.text('#methods')).toBe('abcd|123.45|2|1,2,3|3');
    expect(p.text('#literal')).toBe('mpk!');
    expect(p.querySelector('#literal')!.attrs.style).toBe("background-image: url('a.png');");
    expect(p.querySelector('#braceless')!.attrs.style).toEqual({ width: '25%' });
    expect(p.text('#arrow')).toBe('1');
    expect(p.querySelector('#arrow')!.attrs.class).toBe('has-desc');
    expect(p.text('#ops')).toBe('2|7|8|2024.01.02|mpk|[]|0');
    expect(p.text('#unquoted')).toBe('shown');
    expect(p.querySelector('#unquoted')!.attrs['data-v']).toBe(true);
    expect(p.querySelectorAll('.row').map((n) => other.session.renderer.text(n))).toEqual(['1', '2', '3']);
    await p.tap('#braceless');
    expect(other.session.logs.map((l) => l.args.join(' '))).toContain('{"item":{"id":7},"idx":2}');
    expect(other.errors).toEqual([]);
  });

  it('reports a method call on a non-function as a render error, and renders the rest of the app', async () => {
    const other = await launchProject(page('pages/index/index', { axml: '<view id="v">{{a.b(1)}}</view>', js: 'Page({ data: { a: { b: 1 } } });' }));
    expect(other.errors.map((e) => e.kind)).toContain('render');
    expect(other.errors.map((e) => e.message).join()).toMatch(/b is not a function/);
  });
});

describe('what templates refuse or warn about', () => {
  it.each([
    ['assignment', '{{a = 1}}', 'MPK2101', 'warning'],
    ['constructor access', '{{name.constructor}}', 'MPK2109', 'warning'],
    ['__proto__ access', "{{object['__proto__']}}", 'MPK2109', 'warning'],
    ['a function expression', '{{function () { return 1; }}}', 'MPK2104', 'warning'],
    ['a tagged template literal', '{{tag`x`}}', 'MPK2105', 'warning'],
    ['a hyphenated key inside the mustache', '{{margin-bottom: x}}', 'MPK2100', 'error'],
    ['an invalid regular expression', '{{ /(/.test(x) }}', 'MPK2111', 'error'],
  ])('%s: %s is %s %s', async (_what, expression, code, severity) => {
    const result = await buildProject(page('pages/index/index', { axml: `<view>${expression}</view>` }));
    expect(result.ok).toBe(severity !== 'error');
    const found = result.diagnostics.find((d) => d.code === code)!;
    expect(found.severity).toBe(severity);
    expect(found.file).toMatch(/pages\/index\/index\.axml$/);
    expect(found.line).toBe(1);
  });

  it('gives host globals no meaning: process, globalThis and window read as empty; Math is a frozen copy', async () => {
    const other = await launchProject(page('pages/index/index', { axml: `<view id="g">[{{process}}][{{globalThis}}][{{window}}][{{require}}][{{Math}}][{{Math.max(1, 2)}}]</view>` }));
    expect(other.currentPage().text('#g')).toBe('[][][][][{}][2]');
  });
});
