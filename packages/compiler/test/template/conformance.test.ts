/**
 * Conformance: each AXML feature the docs describe (alipay-open-docs/mini/framework/AXML/*,
 * 自定义组件/组件模板和样式.md, 事件系统/*), compiled through the public API, linked, evaluated
 * and rendered, checked against what a user would see.
 */
import { describe, expect, it } from 'vitest';
import type { VElement, VNode } from '@mpk/runtime/view-abi';
import { compileView, codes, diagnose, PAGE, render } from './support/harness.ts';
import { serialize } from './support/serialize.ts';

describe('data binding', () => {
  it('interpolates text and trims it at the edges of its parent', () => {
    expect(render('<view> {{ message }} </view>', { message: 'Hello alipay!' })).toBe('<view>Hello alipay!</view>');
  });

  it('computes arithmetic and keeps the surrounding text', () => {
    expect(render('<view> {{a + b}} + {{c}} + d </view>', { a: 1, b: 2, c: 3 })).toBe('<view>3 + 3 + d</view>');
  });

  it('concatenates mixed attribute text into a string', () => {
    expect(render('<view id="item-{{id}}"></view>', { id: 0 })).toBe('<view id="item-0"></view>');
  });

  it('keeps the JS type of a lone {{ }} attribute and treats plain text as a string', () => {
    const out = render('<checkbox checked="{{false}}" /><checkbox checked="false" /><view n="{{1}}" o="{{ {a: 1} }}" l="{{[1, \'x\']}}" />');
    expect(out).toBe('<checkbox checked={false}></checkbox><checkbox checked="false"></checkbox><view n={1} o={{"a":1}} l={[1,"x"]}></view>');
  });

  it('makes a bare attribute true', () => {
    expect(render('<input disabled /><progress percent="{{20}}" show-info />')).toBe('<input disabled></input><progress percent={20} show-info></progress>');
  });

  it('supports ternary, logic, comparison and string operations', () => {
    const out = render(
      '<view hidden="{{flag ? true : false}}">{{"hello" + name}} {{length > 5}} {{a && b}} {{a || b}} {{n ?? "none"}} {{!a}} {{-a}} {{+s}} {{typeof s}} {{7 % 4 * 2 - 1 / 2}}</view>',
      { flag: true, name: 'alipay', length: 6, a: 10, b: 20, n: null, s: '3' },
    );
    expect(out).toBe('<view hidden>helloalipay true 20 10 none false -10 3 string 5.5</view>');
  });

  it('reads data paths with dots and indexes', () => {
    expect(render('<view>{{object.key}} {{array[0]}} {{object["key"]}} {{array[i].length}}</view>', { object: { key: 'Hello' }, array: ['alipay'], i: 0 })).toBe(
      '<view>Hello alipay Hello 6</view>',
    );
  });

  it('renders missing paths, null and undefined as empty text, objects as JSON', () => {
    expect(render('<view>[{{a.b.c}}][{{n}}][{{u}}][{{o}}][{{l}}][{{0}}][{{false}}]</view>', { n: null, o: { x: 1 }, l: [1, 2] })).toBe(
      '<view>[][][][{"x":1}][[1,2]][0][false]</view>',
    );
  });

  it('decodes string escapes', () => {
    expect(render(`<view>{{ 'a\\'b' + "\\u0041\\x42\\t|" }}</view>`)).toBe("<view>a'bAB\t|</view>");
  });

  it('builds arrays from literals mixed with data', () => {
    expect(render('<view a:for="{{[zero, 1, 2, 3, 4]}}" a:key="*this"> {{item}} </view>', { zero: 0 })).toBe(
      '<view key=0>0</view><view key=1>1</view><view key=2>2</view><view key=3>3</view><view key=4>4</view>',
    );
  });

  it('builds objects with keys, shorthand and spread where later keys win', () => {
    const files = { 'pages/index/t.axml': '<template name="objectCombine"><view>{{a}},{{b}},{{c}},{{d}},{{e}},{{foo}},{{bar}}</view></template>' };
    const head = '<import src="./t.axml" />';
    expect(render(`${head}<template is="objectCombine" data="{{foo: a, bar: b}}" />`, { a: 1, b: 2 }, files)).toBe('<view>,,,,,1,2</view>');
    expect(
      render(`${head}<template is="objectCombine" data="{{...obj1, ...obj2, e: 5}}" />`, { obj1: { a: 1, b: 2 }, obj2: { c: 3, d: 4 } }, files),
    ).toBe('<view>1,2,3,4,5,,</view>');
    expect(render(`${head}<template is="objectCombine" data="{{foo, bar}}" />`, { foo: 'my-foo', bar: 'my-bar' }, files)).toBe(
      '<view>,,,,,my-foo,my-bar</view>',
    );
    expect(
      render(`${head}<template is="objectCombine" data="{{...obj1, ...obj2, a, c: 6}}" />`, { obj1: { a: 1, b: 2 }, obj2: { b: 3, c: 4 }, a: 5 }, files),
    ).toBe('<view>5,3,6,,,,</view>');
  });

  it('treats {{window}}, {{process}}, {{globalThis}} and {{Function}} as missing data', () => {
    expect(render('<view>[{{window}}][{{process}}][{{globalThis}}][{{Function}}][{{Math}}]</view>')).toBe('<view>[][][][][{}]</view>');
    expect(render('<view>{{window}}</view>', { window: 'data wins' })).toBe('<view>data wins</view>');
  });
});

describe('conditional rendering', () => {
  const tpl = `<view a:if="{{view == 'WEBVIEW'}}"> WEBVIEW </view>
<view a:elif="{{view == 'APP'}}"> APP </view>
<view a:else> ALIPAY </view>`;

  it('renders the first branch whose condition holds', () => {
    expect(render(tpl, { view: 'WEBVIEW' })).toBe('<view>WEBVIEW</view>');
    expect(render(tpl, { view: 'APP' })).toBe('<view>APP</view>');
    expect(render(tpl, { view: 'ALIPAY' })).toBe('<view>ALIPAY</view>');
  });

  it('renders nothing for a false a:if, while hidden always renders', () => {
    expect(render('<view a:if="{{c}}">x</view><view hidden="{{!c}}">y</view>', { c: false })).toBe('<view hidden>y</view>');
  });

  it('wraps several nodes in <block a:if> without rendering the block', () => {
    expect(render('<block a:if="{{true}}"><view> view1 </view><view> view2 </view></block>')).toBe('<view>view1</view><view>view2</view>');
  });

  it('keeps chains across comments and whitespace', () => {
    expect(render('<view a:if="{{n > 5}}">1</view>\n  <!-- note -->\n  <view a:elif="{{n > 2}}">2</view>\n<view a:else>3</view>', { n: 3 })).toBe(
      '<view>2</view>',
    );
  });
});

describe('list rendering', () => {
  it('defaults to item and index', () => {
    expect(render('<view a:for="{{array}}"> {{index}}: {{item.message}} </view>', { array: [{ message: 'foo' }, { message: 'bar' }] })).toBe(
      '<view>0: foo</view><view>1: bar</view>',
    );
  });

  it('renames item and index with a:for-item and a:for-index', () => {
    expect(
      render('<view a:for="{{array}}" a:for-index="idx" a:for-item="itemName">{{idx}}: {{itemName.message}}</view>', {
        array: [{ message: 'foo' }],
      }),
    ).toBe('<view>0: foo</view>');
  });

  it('nests loops (multiplication table)', () => {
    const out = render(
      `<view a:for="{{[1, 2, 3]}}" a:for-item="i"><view a:for="{{[1, 2, 3]}}" a:for-item="j"><view a:if="{{i <= j}}">{{i}}*{{j}}={{i * j}}</view></view></view>`,
    );
    expect(out).toBe(
      '<view><view><view>1*1=1</view></view><view><view>1*2=2</view></view><view><view>1*3=3</view></view></view>' +
        '<view><view></view><view><view>2*2=4</view></view><view><view>2*3=6</view></view></view>' +
        '<view><view></view><view></view><view><view>3*3=9</view></view></view>',
    );
  });

  it('repeats a multi-node <block a:for>', () => {
    expect(render('<block a:for="{{[1, 2]}}"><view> {{index}}: </view><view> {{item}} </view></block>')).toBe(
      '<view>0:</view><view>1</view><view>1:</view><view>2</view>',
    );
  });

  it('keys items by a property, by *this and by key="{{…}}"', () => {
    expect(render('<view a:for="{{list}}" a:key="id">{{item.id}}</view>', { list: [{ id: 'a' }, { id: 7 }] })).toBe(
      '<view key="a">a</view><view key=7>7</view>',
    );
    expect(render('<view a:for="{{list}}" a:key="*this">{{item}}</view>', { list: ['1', '2'] })).toBe('<view key="1">1</view><view key="2">2</view>');
    expect(render('<view a:for="{{list}}" key="{{item + index}}">{{item}}</view>', { list: ['x', 'y'] })).toBe('<view key="x0">x</view><view key="y1">y</view>');
  });

  it('gives each child of a keyed <block a:for> a key unique among its siblings', () => {
    expect(render('<block a:for="{{list}}" a:key="*this"><view>{{item}}</view><text>.</text></block>', { list: ['a', 'b'] })).toBe(
      '<view key="a:0">a</view><text key="a:1">.</text><view key="b:0">b</view><text key="b:1">.</text>',
    );
    expect(render('<block a:for="{{list}}" a:key="*this"><view>{{item}}</view></block>', { list: ['a'] })).toBe('<view key="a">a</view>');
  });

  it('iterates objects (keys as index), numbers, strings, and nothing for null', () => {
    const tpl = '<text a:for="{{v}}" a:key="*this">{{index}}={{item}};</text>';
    expect(render(tpl, { v: { x: 1, y: 2 } })).toBe('<text key=1>x=1;</text><text key=2>y=2;</text>');
    expect(render(tpl, { v: 3 })).toBe('<text key=0>0=0;</text><text key=1>1=1;</text><text key=2>2=2;</text>');
    expect(render(tpl, { v: 'ab' })).toBe('<text key="a">0=a;</text><text key="b">1=b;</text>');
    expect(render(tpl, { v: null })).toBe('');
    expect(render(tpl, {})).toBe('');
    expect(render(tpl, { v: false })).toBe('');
  });

  it('applies a:for before a:if on the same element', () => {
    expect(render('<view a:for="{{[1, 2, 3, 4]}}" a:if="{{item % 2 === 0}}" a:key="*this">{{item}}</view>')).toBe('<view key=2>2</view><view key=4>4</view>');
  });

  it('tags content that comes, goes or repeats with its place in the template (pos)', () => {
    const view = compileView({ [PAGE]: '<view>a</view><view a:if="{{x}}">b</view><view a:for="{{[1, 2]}}">c</view><view>d</view><block a:if="{{x}}"><text a:for="{{[1]}}">e</text></block>' });
    expect((view.vnodes({ x: true }) as VElement[]).map((n) => n.pos)).toEqual([undefined, '1', '2', '2', undefined, '4/0']);
  });

  it('lets inner loops see outer loop names', () => {
    expect(render('<view a:for="{{rows}}" a:for-item="row" a:for-index="r"><text a:for="{{row}}">{{r}}{{index}}{{item}}</text></view>', { rows: [['a'], ['b', 'c']] })).toBe(
      '<view><text>00a</text></view><view><text>10b</text><text>11c</text></view>',
    );
  });
});

describe('templates', () => {
  it('defines and uses a template with spread data (docs example)', () => {
    const tpl = `<template name="msgItem"><view><text> {{index}}: {{msg}} </text><text> Time: {{time}} </text></view></template>
<template is="msgItem" data="{{...item}}" />`;
    expect(render(tpl, { item: { index: 0, msg: 'this is a template', time: '2019-04-19' } })).toBe(
      '<view><text> 0: this is a template </text><text> Time: 2019-04-19 </text></view>',
    );
  });

  it('chooses the template with an expression in is', () => {
    const tpl = `<template name="odd"><view> odd </view></template><template name="even"><view> even </view></template>
<block a:for="{{[1, 2, 3, 4, 5]}}"><template is="{{item % 2 == 0 ? 'even' : 'odd'}}"/></block>`;
    expect(render(tpl)).toBe('<view>odd</view><view>even</view><view>odd</view><view>even</view><view>odd</view>');
  });

  it('gives a template only the data passed in, while handlers stay method names', () => {
    const tpl = `<template name="t"><button onTap="onClickButton">{{msg}}|{{pageOnly}}</button></template><template is="t" data="{{msg: 'hi'}}" />`;
    expect(render(tpl, { pageOnly: 'secret' })).toBe('<button @tap=onClickButton>hi|</button>');
  });

  it('renders nothing for a template name that does not exist at run time', () => {
    expect(render('<template is="{{name}}" data="{{x: 1}}" /><view>after</view>', { name: 'nope' })).toBe('<view>after</view>');
  });

  it('accepts data="{{obj}}" as shorthand for { obj }', () => {
    expect(render('<template name="t"><view>{{obj.a}}</view></template><template is="t" data="{{obj}}" />', { obj: { a: 1 } })).toBe('<view>1</view>');
  });

  it('supports a:if and a:for on <template is>', () => {
    expect(render('<template name="t"><text>{{n}}</text></template><template is="t" a:for="{{[1, 2]}}" data="{{n: item}}" /><template is="t" a:if="{{false}}" data="{{n: 9}}" />')).toBe(
      '<text>1</text><text>2</text>',
    );
  });

  it('renders a recursive template through a dynamic is (tree data)', () => {
    const tpl = `<template name="node"><view>{{label}}<block a:for="{{children}}"><template is="{{'node'}}" data="{{...item}}" /></block></view></template>
<template is="node" data="{{...tree}}" />`;
    expect(render(tpl, { tree: { label: 'a', children: [{ label: 'b', children: [{ label: 'c' }] }] } })).toBe('<view>a<view>b<view>c</view></view></view>');
  });
});

describe('import and include', () => {
  it('imports the templates of another file (docs example)', () => {
    const files = { 'pages/index/item.axml': '<template name="item">\n  <text>{{text}}</text>\n</template>' };
    expect(render(`<import src="./item.axml" /> <template is="item" data="{{text: 'forbar'}}" />`, {}, files)).toBe('<text>forbar</text>');
  });

  it('does not import transitively', () => {
    const files = {
      'pages/index/a.axml': '<template name="A"><text> A template </text></template>',
      'pages/index/b.axml': '<import src="./a.axml" /><template name="B"><text> B template </text><template is="A" /></template>',
    };
    const page = '<import src="./b.axml" /><template is="A" /><template is="B" />';
    expect(render(page, {}, files)).toBe('<text> B template </text><text> A template </text>');
    expect(codes(diagnose(page, files))).toContain('MPK2031');
  });

  it('copies an included file where <include> stands (docs example)', () => {
    const files = { 'pages/index/header.axml': '<view> header </view>', 'pages/index/footer.axml': '<view> footer </view>' };
    expect(render('<include src="./header.axml" />\n<view> body </view>\n<include src="./footer.axml" />', {}, files)).toBe(
      '<view>header</view><view>body</view><view>footer</view>',
    );
  });

  it('includes everything but the template definitions, with the includer data', () => {
    const files = { 'pages/index/part.axml': '<template name="p"><text>{{v}}</text></template><view>{{title}}</view><template is="p" data="{{v: title}}" />' };
    expect(render('<include src="./part.axml" /><template is="p" data="{{v: 1}}" />', { title: 'T' }, files)).toBe('<view>T</view><text>T</text>');
  });

  it('lets an included file read a:for items', () => {
    const files = { 'pages/index/row.axml': '<text>{{item}}-{{index}}-{{page}};</text>' };
    expect(render('<block a:for="{{list}}" a:key="*this"><include src="./row.axml" /></block>', { list: ['a', 'b'], page: 'p' }, files)).toBe(
      '<text>a-0-p;</text><text>b-1-p;</text>',
    );
  });

  it('resolves absolute and npm paths', () => {
    const files = {
      'shared/a.axml': '<template name="abs"><text>abs</text></template>',
      'node_modules/third-party/x.axml': '<template name="npm"><text>npm</text></template>',
    };
    expect(render('<import src="/shared/a.axml" /><import src="third-party/x.axml" /><template is="abs" /><template is="npm" />', {}, files)).toBe(
      '<text>abs</text><text>npm</text>',
    );
  });

  it('lets a later import win over an earlier one and own templates win over both', () => {
    const files = {
      'pages/index/a.axml': '<template name="x"><text>a</text></template><template name="y"><text>a</text></template>',
      'pages/index/b.axml': '<template name="x"><text>b</text></template>',
    };
    expect(render('<import src="./a.axml" /><import src="./b.axml" /><template name="y"><text>own</text></template><template is="x" /><template is="y" />', {}, files)).toBe(
      '<text>b</text><text>own</text>',
    );
  });
});

describe('import-sjs', () => {
  it('binds the default export (docs example)', () => {
    const files = { 'pages/index/util.sjs': "export default {\n  message: 'hello alipay',\n  getMsg: x => x,\n};" };
    expect(render('<import-sjs name="util" from="./util.sjs"/><view> {{util.message}}</view><view>{{util.getMsg(msg)}}</view>', { msg: 'm' }, files)).toBe(
      '<view>hello alipay</view><view>m</view>',
    );
  });

  it('binds named exports with renaming (docs example)', () => {
    const files = { 'pages/index/helper.sjs': 'export const a = 1;\nexport function b() { return 2 }' };
    expect(render('<import-sjs from="./helper.sjs"  name="{ a, b: c }"/><view>{{ c() }}:{{a}}:{{ b }}</view>', {}, files)).toBe('<view>2:1:</view>');
  });

  it('runs modules that import each other (SJS introduction example)', () => {
    const files = {
      'pages/index/foo.sjs': "const message = 'hello sjs';\nconst format = num => num.toFixed(2);\nconst five = 5;\nexport default {\n  message,\n  format,\n  five\n};",
      'pages/index/bar.sjs': "import { five } from './foo.sjs';\nexport const x = 3;\nexport const y = 4 + five;",
    };
    // `five` is a property of foo's default export, not a named export: ES modules make it undefined.
    const files2 = { ...files, 'pages/index/bar.sjs': "import foo from './foo.sjs';\nexport const x = 3;\nexport const y = 4 + foo.five;" };
    const page = `<import-sjs from="./foo.sjs" name="m" />\n<import-sjs from="./bar.sjs" name="{x, y: z}" />
<view>js message: {{message}}</view><view>sjs message: {{m.message}}</view><view>formatted value: {{m.format(value)}}</view><view>x: {{x}}</view><view>z: {{z}}</view>`;
    expect(render(page, { message: 'hello javascript', value: 3.14159 }, files2)).toBe(
      '<view>js message: hello javascript</view><view>sjs message: hello sjs</view><view>formatted value: 3.14</view><view>x: 3</view><view>z: 9</view>',
    );
    expect(codes(compileView({ ...files, [PAGE]: page }).diagnostics)).toContain('MPK3013');
  });

  it('calls a default-exported function directly and uses SJS in a:for', () => {
    const files = { 'pages/index/f.sjs': 'export default function addOne(value) {\n  return ++value;\n}' };
    expect(render('<import-sjs name="addOne" from="./f.sjs" /><text a:for="{{addOne(count)}}">{{item}}</text>', { count: 2 }, files)).toBe(
      '<text>0</text><text>1</text><text>2</text>',
    );
  });

  it('lets templates of an imported file use that file SJS', () => {
    const files = {
      'utils/money.sjs': "export default { yuan(cents) { return '¥' + (cents / 100).toFixed(2); } };",
      'templates/price.axml': '<import-sjs name="money" from="../utils/money.sjs" /><template name="price"><text>{{money.yuan(cents)}}</text></template>',
    };
    expect(render('<import src="/templates/price.axml" /><template is="price" data="{{cents: p}}" />', { p: 250 }, files)).toBe('<text>¥2.50</text>');
  });

  it('lets a named import hide a default import of the same name in the whole file', () => {
    const files = { 'pages/index/d.sjs': 'export default "default";\nexport const v = "named";' };
    expect(render('<view>{{v}}</view><import-sjs name="v" from="./d.sjs" /><import-sjs name="{ v }" from="./d.sjs" />', {}, files)).toBe('<view>named</view>');
  });

  it('calls SJS with a computed member and spreads', () => {
    const files = { 'pages/index/m.sjs': 'export default { add(a, b) { return a + b; } };' };
    expect(render('<import-sjs name="m" from="./m.sjs" /><view>{{m[op](...pair)}}</view>', { op: 'add', pair: [2, 3] }, files)).toBe('<view>5</view>');
  });

  it('initialises a module once and lazily, on first render', () => {
    const files = { 'pages/index/c.sjs': 'let n = 0;\nexport default { next() { n++; return n; } };' };
    const view = compileView({ [PAGE]: '<import-sjs name="c" from="./c.sjs" /><view>{{c.next()}}</view>', ...files });
    expect(view.html()).toBe('<view>1</view>');
    expect(view.html()).toBe('<view>2</view>');
  });
});

describe('slots (component templates)', () => {
  const COMPONENT = 'components/card/card.axml';
  const component = (axml: string, data: Record<string, unknown> = {}) =>
    compileView({ [COMPONENT]: axml }, [{ file: COMPONENT }]).html(data);

  it('turns <slot> into a slot node with fallback content', () => {
    expect(component('<view>\n  <slot>\n    <view>default slot & default value</view>\n  </slot>\n  <view>other</view>\n</view>')).toBe(
      '<view><slot name=""><view>default slot & default value</view></slot><view>other</view></view>',
    );
  });

  it('names slots statically and dynamically, and passes slot props', () => {
    expect(component('<slot name="header" /><view a:for="{{2}}"><slot name="slot{{item}}">default</slot></view><slot name="scope" value="{{o.value}}" x="{{1}}" />', { o: { value: 'v' } })).toBe(
      '<slot name="header"></slot><view><slot name="slot0">default</slot></view><view><slot name="slot1">default</slot></view><slot name="scope" value="v" x={1}></slot>',
    );
  });

  it('marks children of a custom component with their slot and keeps default content', () => {
    const view = compileView(
      { [PAGE]: '<my-component>\n  <view>this is to default slot</view>\n  <view slot="header">header</view>\n  <view slot="slot{{n}}">n</view>\n</my-component>' },
      [{ file: PAGE, usingComponents: { 'my-component': '/components/index/index' } }],
    );
    expect(view.html({ n: 2 })).toBe(
      '<my-component component="/components/index/index"><view>this is to default slot</view><view :slot="header">header</view><view :slot="slot2">n</view></my-component>',
    );
  });

  it('compiles slot-scope children into scoped slot functions of the slot props', () => {
    const view = compileView(
      {
        [PAGE]: `<my-component y="{{y}}">
  <view slot-scope="props"><view>component data: {{props.x}}</view><view>page data: {{y}}</view></view>
  <view slot="scope" slot-scope="c">{{c.value}}</view>
  <text>plain</text>
</my-component>`,
      },
      [{ file: PAGE, usingComponents: { 'my-component': 'components/index/index' } }],
    );
    const [el] = view.vnodes({ y: 2 }) as VElement[];
    expect(serialize([el])).toBe('<my-component component="components/index/index" y={2} #scoped=",scope"><text>plain</text></my-component>');
    expect(serialize(el.scopedSlots![''](({ x: 1 })))).toBe('<view><view>component data: 1</view><view>page data: 2</view></view>');
    expect(serialize(el.scopedSlots!.scope({ value: 'scope-value' }))).toBe('<view :slot="scope">scope-value</view>');
  });

  it('continues an a:if on a slot-scope element with the a:elif/a:else siblings after it, in the slot scope', () => {
    // antd-mini's ThoughtChain docs (二级节点): the a:else branch reads the slot-scope name of the a:if branch.
    const view = compileView(
      {
        [PAGE]: `<my-component>
  <view slot="content" slot-scope="m" a:if="{{typeof(m.content) === 'object'}}"><view a:for="{{m.content}}" a:key="*this">{{item}}</view></view>
  <view a:elif="{{m.content === ''}}">empty</view>
  <view a:else class="text">{{m.content}}</view>
  <text>plain</text>
</my-component>`,
      },
      [{ file: PAGE, usingComponents: { 'my-component': 'components/index/index' } }],
    );
    expect(view.diagnostics).toEqual([]);
    const [el] = view.vnodes({}) as VElement[];
    expect(serialize([el])).toBe('<my-component component="components/index/index" #scoped="content"><text>plain</text></my-component>');
    expect(serialize(el.scopedSlots!.content({ content: ['a', 'b'] }))).toBe('<view :slot="content"><view key="a">a</view><view key="b">b</view></view>');
    expect(serialize(el.scopedSlots!.content({ content: '' }))).toBe('<view>empty</view>');
    expect(serialize(el.scopedSlots!.content({ content: 'text' }))).toBe('<view class="text">text</view>');
  });

  it('renders components self-closing or not, with their props in template order', () => {
    const view = compileView({ [PAGE]: '<my-comp b="1" a="{{2}}" /><my-comp></my-comp>' }, [{ file: PAGE, usingComponents: { 'my-comp': 'c/x' } }]);
    expect(view.html()).toBe('<my-comp component="c/x" b="1" a={2}></my-comp><my-comp component="c/x"></my-comp>');
    expect(view.diagnostics).toEqual([]);
  });
});

describe('events', () => {
  it('maps on*, catch*, capture-on* and capture-catch* to bindings', () => {
    const [el] = compileView({
      [PAGE]: '<view onTap="a" catchLongTap="b" capture-onTouchStart="c" capture-catchTouchMove="d" onTouchEnd="" />',
    }).vnodes() as VElement[];
    expect(el.events).toEqual([
      { type: 'tap', attr: 'onTap', handler: 'a', catch: false, capture: false },
      { type: 'longTap', attr: 'catchLongTap', handler: 'b', catch: true, capture: false },
      { type: 'touchStart', attr: 'capture-onTouchStart', handler: 'c', catch: false, capture: true },
      { type: 'touchMove', attr: 'capture-catchTouchMove', handler: 'd', catch: true, capture: true },
      { type: 'touchEnd', attr: 'onTouchEnd', handler: '', catch: false, capture: false },
    ]);
    expect(el.attrs).toEqual({});
  });

  it('binds custom component events as function props named after the attribute', () => {
    const view = compileView({ [PAGE]: '<counter onCounterPlusOne="onCounterPlusOne" />' }, [{ file: PAGE, usingComponents: { counter: 'components/counter/counter' } }]);
    const [el] = view.vnodes() as VElement[];
    expect(el.events).toEqual([{ type: 'counterPlusOne', attr: 'onCounterPlusOne', handler: 'onCounterPlusOne', catch: false, capture: false }]);
  });

  it('takes an SJS function as handler from {{sjs.fn}} and a name from {{data}}', () => {
    const files = { 'pages/index/index.sjs': 'function handleEvent(event, ownerComponent) { return false; }\nexport default { handleEvent };' };
    const [el] = compileView({ ...files, [PAGE]: '<import-sjs from="./index.sjs" name="sjs"/><view onTouchStart="{{sjs.handleEvent}}" onTap="{{name}}" onLongTap="{{5}}" />' }).vnodes({
      name: 'go',
    }) as VElement[];
    expect(typeof el.events![0].handler).toBe('function');
    expect((el.events![0].handler as (e: unknown, o: unknown) => unknown)({}, {})).toBe(false);
    expect(el.events![1].handler).toBe('go');
    expect(el.events![2].handler).toBe('');
  });
});

describe('attributes', () => {
  it('keeps data-*, mark:*, class, style, hidden, id in template order, and ref apart', () => {
    const view = compileView({ [PAGE]: '<my-comp id="x" data-alpha-beta="{{1}}" mark:myMark="m" class="a {{c}}" style="color: {{color}}" hidden ref="saveRef" />' }, [
      { file: PAGE, usingComponents: { 'my-comp': 'c' } },
    ]);
    const [el] = view.vnodes({ c: 'b', color: 'red' }) as VElement[];
    expect(Object.keys(el.attrs)).toEqual(['id', 'data-alpha-beta', 'mark:myMark', 'class', 'style', 'hidden']);
    expect(el.attrs).toEqual({ id: 'x', 'data-alpha-beta': 1, 'mark:myMark': 'm', class: 'a b', style: 'color: red', hidden: true });
    expect(el.ref).toBe('saveRef');
  });

  it('lower-cases tags and keeps the case of attribute names', () => {
    expect(render('<View onTap="x" catchTouchStart="y" dataSet="z" />', {}, {})).toBe('<view dataSet="z" @tap=x @touchStart.catch=y></view>');
  });

  it('passes SJS observer functions (change:prop) through as attributes', () => {
    const files = { 'pages/index/o.sjs': 'export default { onChange(n, o) {} };' };
    const [el] = compileView({ ...files, [PAGE]: '<import-sjs name="s" from="./o.sjs"/><view data-foo="{{foo}}" change:data-foo="{{s.onChange}}" />' }).vnodes({ foo: 1 }) as VElement[];
    expect(typeof el.attrs['change:data-foo']).toBe('function');
  });
});

describe('text whitespace', () => {
  it('keeps <text> content exactly, including line breaks', () => {
    expect(render('<text>\n  {{a}}  b\n</text>', { a: 'A' })).toBe('<text>\n  A  b\n</text>');
  });

  it('collapses whitespace elsewhere and drops whitespace-only text', () => {
    expect(render('<view>\n  Total:   <text>1</text>\n\n  <text>2</text>\n</view>')).toBe('<view>Total: <text>1</text><text>2</text></view>');
  });

  it('keeps entities as written (decoding is <text decode>’s job)', () => {
    expect(render('<text decode>a&nbsp;&lt;b</text>')).toBe('<text decode>a&nbsp;&lt;b</text>');
  });

  it('accepts < and quotes inside mustaches', () => {
    expect(render(`<view title="{{ a < b ? "yes" : 'no' }}">{{a<b}}</view>`, { a: 1, b: 2 })).toBe('<view title="yes">true</view>');
  });
});

describe('built from several pages', () => {
  it('links entries, shared units and SJS into one module', () => {
    const files = {
      'pages/a/a.axml': '<import src="/t.axml" /><template is="t" data="{{v: 1}}" />',
      'pages/b/b.axml': '<import src="/t.axml" /><template is="t" data="{{v: 2}}" />',
      't.axml': '<import-sjs name="m" from="/m.sjs" /><template name="t"><text>{{m.twice(v)}}</text></template>',
      'm.sjs': 'export default { twice: (x) => x * 2 };',
    };
    const view = compileView(files, [{ file: 'pages/a/a.axml' }, { file: 'pages/b/b.axml' }]);
    expect(view.html({}, 'pages/a/a')).toBe('<text>2</text>');
    expect(view.html({}, 'pages/b/b')).toBe('<text>4</text>');
    expect(Object.keys(view.module.templates)).toEqual(['pages/a/a', 'pages/b/b']);
    expect(view.diagnostics).toEqual([]);
  });
});

/** Keeps the compiler honest about the ABI shape: every node is one of the three kinds. */
function walk(nodes: VNode[], visit: (n: VNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.kind === 'element') walk(n.children, visit);
    if (n.kind === 'slot') walk(n.fallback, visit);
  }
}

it('produces only ABI-shaped nodes', () => {
  const view = compileView({ [PAGE]: '<view a:for="{{[1,2]}}"><slot name="s"><text>{{item}}</text></slot><block a:if="{{item > 1}}">x</block></view>' });
  walk(view.vnodes(), (n) => {
    expect(['element', 'text', 'slot']).toContain(n.kind);
    if (n.kind === 'element') {
      expect(typeof n.tag).toBe('string');
      expect(typeof n.attrs).toBe('object');
      expect(Array.isArray(n.children)).toBe(true);
    }
    if (n.kind === 'text') expect(typeof n.text).toBe('string');
  });
});
