/**
 * The view form is data: a package edited by hand can make the runtime refuse it, or render what
 * the data says, but never run a line of its own on the host. Forms are written by hand here (the
 * compiler writes them in real packages) and loaded with the runtime's loader.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadViewForm, validateViewForm, viewSource, ViewFormError, type ViewForm } from '../../src/view/form/index.ts';
import type { VElement, VNode } from '../../src/contract/view-abi.ts';

declare global {
  // eslint-disable-next-line no-var
  var __mpkPwned: number | undefined;
}

afterEach(() => {
  delete globalThis.__mpkPwned;
});

const PAGE = 'pages/a/a.axml';

function form(body: unknown[], extra: Partial<ViewForm> = {}, unit: Record<string, unknown> = {}): ViewForm {
  return {
    format: 1,
    entries: [['pages/a/a', PAGE]],
    units: [{ file: PAGE, sjs: [], bindings: [], imports: [], templates: [], body, ...unit } as never],
    sjs: [],
    ...extra,
  };
}

function render(f: unknown, data: Record<string, unknown> = {}): VNode[] {
  return loadViewForm(JSON.stringify(f)).templates['pages/a/a']!(data);
}

const text = (nodes: VNode[]): string => nodes.map((n) => (n.kind === 'text' ? n.text : n.kind === 'element' ? `<${n.tag}>${text(n.children)}` : '')).join('');

describe('view forms the compiler writes', () => {
  it('render elements, text, loops, conditions, expressions and SJS', () => {
    const f = form(
      [
        { t: 'el', tag: 'view', attrs: [['class', { c: ['row-', { e: { type: 'Identifier', name: 'n' } }] }]], children: [{ t: 'text', v: { e: { type: 'Identifier', name: 'title' } } }] },
        {
          t: 'for', list: { e: { type: 'Identifier', name: 'list' } }, item: 'item', index: 'index', key: { self: true },
          node: { t: 'el', tag: 'text', attrs: [], children: [{ t: 'text', v: { e: { type: 'Call', callee: { type: 'Member', object: { type: 'Identifier', name: 'm' }, property: 'up', computed: false }, args: [{ type: 'Identifier', name: 'item' }] } } }] },
        },
        { t: 'if', branches: [{ test: { e: { type: 'Identifier', name: 'no' } }, node: { t: 'el', tag: 'view', attrs: [], children: [{ t: 'text', v: 'yes' }] } }, { node: { t: 'el', tag: 'view', attrs: [], children: [{ t: 'text', v: 'else' }] } }] },
      ],
      { sjs: [{ file: 'm.sjs', source: 'export default { up: (s) => s.toUpperCase() };', imports: {} }] },
      { sjs: ['m.sjs'], bindings: [{ local: 'm', module: 0, exported: 'default' }] },
    );
    const nodes = render(f, { n: 1, title: 'Hi', list: ['a', 'b'] });
    expect(text(nodes)).toBe('<view>Hi<text>A<text>B<view>else');
    expect((nodes[0] as VElement).attrs).toEqual({ class: 'row-1' });
  });
});

describe('a tampered view form', () => {
  it('is refused with a ViewFormError naming the place', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{', /not valid JSON/],
      [{ ...form([]), format: 2 }, /unsupported view form 2/],
      [{ ...form([]), code: 'alert(1)' }, /unexpected field "code"/],
      [form([{ t: 'script', src: 'x' }]), /units\[0\]\.body\[0\]: unknown node type "script"/],
      [form([{ t: 'text', v: { e: { type: 'Binary', operator: '+ globalThis.__mpkPwned = 1 +', left: { type: 'Literal', value: 1 }, right: { type: 'Literal', value: 2 } } } }]), /unknown operator/],
      [form([{ t: 'text', v: { e: { type: 'Unary', operator: 'void globalThis.__mpkPwned = 1, !', argument: { type: 'Literal', value: 1 } } } }]), /unknown operator/],
      [form([{ t: 'text', v: { e: { type: 'Literal', value: { toString: 1 } } } }]), /a literal must be/],
      [form([{ t: 'text', v: { e: { type: 'FunctionExpression', body: 'globalThis.__mpkPwned = 1' } } }]), /unknown expression type "FunctionExpression"/],
      [form([{ t: 'text', v: { e: { type: 'RegExp', pattern: '(', flags: 'g' } } }]), /invalid regular expression/],
      [form([{ t: 'text', v: { e: { type: 'RegExp', pattern: 'a', flags: 'g/;globalThis.__mpkPwned=1;//' } } }]), /invalid regular expression flags/],
      [form([{ t: 'el', tag: 1, attrs: [], children: [] }]), /tag: expected a string/],
      [form([{ t: 'el', tag: 'view', attrs: [['a']], children: [] }]), /expected \[name, value\]/],
      [form([], { entries: [['x', 'nope.axml']] }), /no unit for "nope.axml"/],
      [form([], {}, { sjs: ['x.sjs'] }), /SJS module "x.sjs" is not in the form/],
      [form([], { sjs: [{ file: 'x.sjs', source: 'export default (o) => o.constructor.constructor("globalThis.__mpkPwned = 1")();', imports: {} }] }), /SJS module "x.sjs" does not compile: MPK3009/],
      [form([], { sjs: [{ file: 'x.sjs', source: 'export default () => globalThis.__mpkPwned = 1;', imports: {} }] }), /./],
    ];
    for (const [candidate, message] of cases) {
      const input = typeof candidate === 'string' ? candidate : JSON.stringify(candidate);
      let thrown: unknown;
      try {
        const module = loadViewForm(input);
        // A form that loads must still not run package code when it renders.
        module.templates['pages/a/a']?.({});
      } catch (error) {
        thrown = error;
      }
      if (message.source !== '.') {
        expect(thrown, input.slice(0, 120)).toBeInstanceOf(ViewFormError);
        expect(String((thrown as Error).message), input.slice(0, 120)).toMatch(message);
      }
      expect(globalThis.__mpkPwned, input.slice(0, 120)).toBeUndefined();
    }
  });

  it('cannot turn strings into code: tags, attribute names, keys, names and literals stay data', () => {
    const nasty = '"); globalThis.__mpkPwned = 1; ("';
    const f = form([
      {
        t: 'el', tag: `view${nasty}`, attrs: [[nasty, nasty], ['data-x', { e: { type: 'Member', object: { type: 'Identifier', name: nasty }, property: nasty, computed: false } }]],
        events: [{ type: nasty, attr: nasty, handler: nasty, catch: false, capture: false }],
        component: nasty, slot: nasty, ref: nasty, key: nasty, children: [{ t: 'text', v: { c: [nasty, { e: { type: 'Literal', value: nasty } }] } }],
      },
      { t: 'for', list: { e: { type: 'Literal', value: 2 } }, item: nasty, index: 'h', key: { prop: nasty }, node: { t: 'el', tag: 'view', attrs: [], children: [{ t: 'text', v: { e: { type: 'Identifier', name: nasty } } }] } },
      { t: 'tpl', is: nasty },
      { t: 'include', file: nasty },
      { t: 'slot', name: nasty, props: [[nasty, nasty]], fallback: [] },
      { t: 'text', v: { e: { type: 'Object', properties: [{ type: 'Property', key: nasty, computed: false, value: { type: 'Literal', value: 1 } }] } } },
      { t: 'text', v: { e: { type: 'TemplateLiteral', quasis: [nasty, '`${globalThis.__mpkPwned = 1}`'], expressions: [{ type: 'Literal', value: 1 }] } } },
      { t: 'text', v: { e: { type: 'Arrow', params: [{ name: nasty }], body: { type: 'Identifier', name: nasty } } } },
    ]);
    const nodes = render(f, { [nasty]: 'from data' });
    expect(globalThis.__mpkPwned).toBeUndefined();
    const el = nodes[0] as VElement;
    expect(el.tag).toBe(`view${nasty}`);
    expect(el.attrs[nasty]).toBe(nasty);
    expect(text(nodes)).toContain(nasty + nasty);
    // The loop item named like an injection is just a variable of the emitter's choosing.
    expect(text(nodes)).toContain('<view>0<view>1');
  });

  it('reads nothing through reserved names it carries', () => {
    const f = form([
      { t: 'text', v: { e: { type: 'Call', callee: { type: 'Member', object: { type: 'Member', object: { type: 'Literal', value: '' }, property: 'constructor', computed: false }, property: 'constructor', computed: false }, args: [{ type: 'Literal', value: 'globalThis.__mpkPwned = 1' }] } } },
      { t: 'text', v: { e: { type: 'Identifier', name: '__proto__' } } },
      { t: 'text', v: { e: { type: 'Object', properties: [{ type: 'Property', key: '__proto__', computed: false, value: { type: 'Identifier', name: 'x' } }] } } },
    ]);
    expect(() => render(f, { x: { polluted: 1 } })).not.toThrow(/pwned/);
    expect(globalThis.__mpkPwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('is bounded: nesting and size limits refuse absurd forms before emitting anything', () => {
    let deep: unknown = { t: 'text', v: 'x' };
    for (let i = 0; i < 700; i++) deep = { t: 'block', children: [deep] };
    expect(() => validateViewForm(form([deep]))).toThrow(/nested too deeply/);
    let expr: unknown = { type: 'Literal', value: 1 };
    for (let i = 0; i < 300; i++) expr = { type: 'Unary', operator: '!', argument: expr };
    expect(() => validateViewForm(form([{ t: 'text', v: { e: expr } }]))).toThrow(/nested too deeply/);
  });

  it('emits code whose only top-level names are mpk\'s own', () => {
    const source = viewSource(form([{ t: 'text', v: 'x' }]));
    const topLevel = [...source.matchAll(/^(?:const|let|var|function)\s+([\w$]+)/gm)].map((m) => m[1]);
    expect(topLevel).toEqual(['__mpkRuntime', '__mpkSjsModules', '__mpkUnits', '__mpkLinked']);
  });
});
