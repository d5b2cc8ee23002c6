/**
 * The render budget (src/view/form/prelude.ts, limits.ts), its instrumentation of SJS
 * (src/view/sjs/compile.ts) and of emitted templates (emit.ts), the view's regular expressions
 * (regex.ts on RE2, backtrack.ts for lookahead and backreferences), and the engine's component and
 * tree depth limits. End-to-end attacks are in test/security/view-budget.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadViewForm, resolveViewLimits, compilePattern, DEFAULT_VIEW_LIMITS, type ViewLimits } from '../../src/view/form/index.ts';
import { compileSjsFile } from '../../src/view/sjs/compile.ts';
import type { VNode } from '../../src/contract/view-abi.ts';
import { comp, createHarness, el, text } from './support.ts';

const PAGE = 'pages/index/index';
const ident = (name: string) => ({ type: 'Identifier', name });
const call = (object: string, method: string, args: unknown[] = []) => ({
  type: 'Call',
  callee: { type: 'Member', object: ident(object), property: method, computed: false },
  args,
});

/** A one-page view form: `body` as the page's nodes, `sjs` as module `m` bound to `m`. */
function view(body: unknown[], sjs?: string, limits?: Partial<ViewLimits>) {
  const form = {
    format: 1,
    entries: [[PAGE, `${PAGE}.axml`]],
    sjs: sjs === undefined ? [] : [{ file: 'pages/index/m.sjs', source: sjs, imports: {} }],
    units: [{ file: `${PAGE}.axml`, sjs: sjs === undefined ? [] : ['pages/index/m.sjs'], bindings: sjs === undefined ? [] : [{ local: 'm', module: 0, exported: 'default' }], imports: [], templates: [], body }],
  };
  return loadViewForm(JSON.stringify(form), { limits }).templates[PAGE]!;
}

/** Renders `m.f()` of an SJS module: the text it gives, or the error it throws. */
function sjsRun(source: string, limits?: Partial<ViewLimits>, data: Record<string, unknown> = {}): { text?: string; error?: Error; ms: number } {
  const render = view([{ t: 'el', tag: 'view', attrs: [], children: [{ t: 'text', v: { e: call('m', 'f') } }] }], source, limits);
  const started = Date.now();
  try {
    const out = render(data) as Array<{ children: Array<{ text: string }> }>;
    return { text: out[0]!.children[0]!.text, ms: Date.now() - started };
  } catch (error) {
    return { error: error as Error, ms: Date.now() - started };
  }
}

describe('limits', () => {
  it('fills in defaults and refuses unknown names and bad values', () => {
    expect(resolveViewLimits(undefined)).toEqual(DEFAULT_VIEW_LIMITS);
    expect(resolveViewLimits({ steps: 5 }).steps).toBe(5);
    expect(() => resolveViewLimits({ nope: 1 } as never)).toThrow(/Unknown view limit "nope"/);
    expect(() => resolveViewLimits({ ms: 0 })).toThrow(/positive number/);
    expect(() => resolveViewLimits({ ms: Number.NaN })).toThrow(/positive number/);
  });
});

describe('the budget of a render', () => {
  it('stops an endless SJS loop at the step budget, with a message naming the render', () => {
    const run = sjsRun('export default { f() { while (true) {} } };', { steps: 100_000 });
    expect(run.error).toBeInstanceOf(RangeError);
    expect(run.error!.message).toBe('the render of pages/index/index exceeded its budget of 100000 steps (loop iterations and function calls)');
  });

  it('stops at the time budget when steps are expensive', () => {
    const run = sjsRun("export default { f() { var s = 'x'.repeat(100000); for (;;) { s.split('').length; } } };", { ms: 50 });
    expect(run.error!.message).toMatch(/exceeded its budget of 50 ms/);
    expect(run.ms).toBeLessThan(1000);
  });

  it('is sticky: code that catches the error cannot go on, and the render still fails', () => {
    const run = sjsRun('export default { f() { var n = 0; try { while (true) {} } catch (e) { n = 1; } return n; } };', { steps: 1000 });
    expect(run.error!.message).toMatch(/exceeded its budget of 1000 steps/);
    const loop = sjsRun('export default { f() { for (;;) { try { for (;;) {} } catch (e) {} } } };', { steps: 1000 });
    expect(loop.error!.message).toMatch(/budget/);
  });

  it('starts afresh on the next render', () => {
    const render = view([{ t: 'el', tag: 'view', attrs: [], children: [{ t: 'text', v: { e: call('m', 'f', [ident('n')]) } }] }], 'export default { f(n) { var s = 0; for (var i = 0; i < n; i++) s += i; return s; } };', { steps: 10_000 });
    expect(() => render({ n: 1e9 })).toThrow(/budget of 10000 steps/);
    expect((render({ n: 5000 }) as Array<{ children: Array<{ text: string }> }>)[0]!.children[0]!.text).toBe(String((5000 * 4999) / 2));
  });

  it('bounds SJS recursion well before the host stack', () => {
    expect(sjsRun('function r(n) { return r(n + 1); } export default { f() { return r(0); } };').error!.message).toMatch(/1000 nested SJS calls/);
    expect(sjsRun('function r(n) { return n === 0 ? 0 : 1 + r(n - 1); } export default { f() { return r(900); } };').text).toBe('900');
    // Depth is given back on the way out, exceptions included.
    const caught = 'function r(n) { if (n > 500) throw new Error("deep"); return r(n + 1); } export default { f() { var k = 0; for (var i = 0; i < 10; i++) { try { r(0); } catch (e) { k++; } } return k; } };';
    expect(sjsRun(caught.replace('new Error("deep")', '"deep"')).text).toBe('10');
  });

  it('bounds the strings and arrays SJS builds', () => {
    expect(sjsRun("export default { f() { return 'ab'.repeat(2 ** 28); } };").error!.message).toMatch(/1048576 characters per string \(String\.prototype\.repeat\)/);
    expect(sjsRun("export default { f() { var s = 'x'; for (;;) s = s + s; } };").error!.message).toMatch(/characters per string/);
    expect(sjsRun("export default { f() { var a = []; for (;;) a.push(1, 2, 3); } };", { arrayLength: 1000 }).error!.message).toMatch(/1000 items per array/);
    expect(sjsRun('export default { f() { var a = []; a[5000] = 1; } };', { arrayLength: 1000 }).error!.message).toMatch(/items per array/);
    expect(sjsRun('export default { f() { var a = []; a.length = 5000; } };', { arrayLength: 1000 }).error!.message).toMatch(/items per array/);
    expect(sjsRun('export default { f() { var o = {}; o[5000] = 1; return Object.keys(o).length; } };', { arrayLength: 1000 }).text).toBe('1');
  });

  it('counts the nodes a render builds', () => {
    const render = view([{ t: 'for', list: { e: { type: 'Literal', value: 50_000 } }, item: 'item', index: 'index', node: { t: 'el', tag: 'view', attrs: [], children: [{ t: 'text', v: 'x' }] } }], undefined, { nodes: 10_000 });
    expect(() => render({})).toThrow('the render of pages/index/index exceeded its budget of 10000 nodes');
  });

  it('refuses an a:for over a huge string or object before copying it', () => {
    const loop = (list: unknown) => view([{ t: 'for', list: { e: ident('list') }, item: 'item', index: 'index', node: { t: 'el', tag: 'text', attrs: [], children: [] } }])({ list });
    expect(() => loop('x'.repeat(200_000))).toThrow(/a:for over a string of 200000 characters exceeds the limit of 100000/);
    expect(() => loop(Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, i])))).toThrow(/an object of 100001 keys/);
    expect((loop('abc') as VNode[]).length).toBe(3);
  });
});

describe('SJS instrumentation', () => {
  const code = (source: string) => {
    const compiled = compileSjsFile('m.sjs', { readFile: () => source, resolve: () => undefined });
    expect(compiled.problems.filter((p) => p.severity === 'error')).toEqual([]);
    return compiled.code;
  };

  it('ticks every loop and enters/leaves every function', () => {
    const out = code('export default { f(a) { for (var i = 0; i < 3; i++) a(); while (a()) {} do {} while (a()); for (var k in a) {} for (var v of a) {} return [1].map((x) => x + 1); } };');
    expect(out.match(/__mpkT\(\)/g)).toHaveLength(5);
    expect(out).toContain('{ try { __mpkE();');
    expect(out).toContain('=> { try { __mpkE(); return ( __mpkAd(x , 1)); } finally { __mpkX(); } }');
  });

  it('routes guarded calls, bounded strings, spreads and length writes through the prelude', () => {
    const out = code("export default { f(a, s, k) { a.push(...a); s += 'x'; a.o += s; a[k] = 1; a.length = 3; return [s.padStart(2, '0'), a?.join('-').length, `${s}`]; } };");
    expect(out).toContain('__mpkCall(a, "push", [...__mpkSp(a)])');
    expect(out).toContain("s = __mpkAd(s, ( 'x'))");
    expect(out).toContain('__mpkS.pa(__mpkW(a), "o" ,  s)');
    expect(out).toContain('(__mpkO = __mpkW(a))[__mpkWA(__mpkO, k)] = 1');
    expect(out).toContain('__mpkW(a).length = __mpkL(3)');
    expect(out).toContain(`__mpkCall(s, "padStart", [2, '0'])`);
    expect(out).toContain(`__mpkCallO(a, "join", ['-'])?.length`);
  });

  it('keeps JavaScript semantics for what it rewrites', () => {
    const source = `export default { f() {
      var o = { s: 'a', n: 1 }; o.s += 'b'; o['s'] += 'c'; var t = 'x'; t += 1;
      var a = [3, 1, 2]; a.push(4); var b = [...a, ...'yz']; var c = a.concat([5], 6).join('|');
      var m = null; var opt = [m?.join(','), m?.push?.(1), [1, 2]?.join('-').length];
      var f = function () { return this === undefined; }; var g = function (x, y) { return x + y; };
      return JSON.stringify([o, t, b, c, opt, f.call(undefined), g.apply(null, [1, 2]), g.bind(null, 3)(4), 'a-b'.split('-'), 'x'.padEnd(3, '.')]);
    } };`;
    expect(JSON.parse(sjsRun(source).text!)).toEqual([{ s: 'abc', n: 1 }, 'x1', [3, 1, 2, 4, 'y', 'z'], '3|1|2|4|5|6', [null, null, 3], true, 3, 7, ['a', 'b'], 'x..']);
  });
});

describe('regular expressions', () => {
  const charge = () => {};
  const render = (expr: string, data: Record<string, unknown> = {}) =>
    sjsRun(`export default { f() { var s = ${JSON.stringify(data.s ?? '')}; return JSON.stringify(${expr}); } };`);

  it('runs catastrophic patterns in linear time on RE2', () => {
    const started = Date.now();
    expect(compilePattern('(a+)+$', '').engine).toBe('re2');
    expect(compilePattern('(a+)+$', '').exec('a'.repeat(40) + '!', 0, charge)).toBeNull();
    expect(compilePattern('(x+x+)+y', '').exec('x'.repeat(10_000), 0, charge)).toBeNull();
    // As in JavaScript: an empty match at the end, group 1 empty through `(b|a+)*`.
    expect(compilePattern('((a|aa)+|(b|a+)*)+$', '').exec('a'.repeat(40) + '!', 0, charge)).toEqual([41, 41, 41, 41, -1, -1, -1, -1]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('has JavaScript semantics through the stand-in (exec, lastIndex, groups, replace, split, match, search)', () => {
    const out = render(`[
      getRegExp('(\\\\d+)-(?<m>\\\\d+)').exec('on 2024-05 ok'),
      'a1b22c333'.replace(getRegExp('\\\\d+', 'g'), '[$&]'),
      'John Smith'.replace(getRegExp('(\\\\w+)\\\\s(\\\\w+)'), '$2, $1'),
      'a, b,c'.split(getRegExp(',\\\\s*')),
      'x1y2'.split(getRegExp('(\\\\d)')),
      'aBc'.match(getRegExp('b', 'i')).index,
      'a1a2'.match(getRegExp('a\\\\d', 'g')),
      'xyz'.search(getRegExp('z')),
      getRegExp('a', 'g').toString(),
      'a.b'.replace(getRegExp('.', 'g'), '-'),
      'line1\\nline2'.match(getRegExp('^line2$', 'm'))[0],
      'a\\u00a0b'.split(getRegExp('\\\\s')),
      'abc'.replace(getRegExp('b'), function (m, i) { return m.toUpperCase() + i; }),
    ]`);
    expect(JSON.parse(out.text!)).toEqual([
      ['2024-05', '2024', '05'],
      'a[1]b[22]c[333]',
      'Smith, John',
      ['a', 'b', 'c'],
      ['x', '1', 'y', '2', ''],
      1,
      ['a1', 'a2'],
      2,
      '/a/g',
      '---',
      'line2',
      ['a', 'b'],
      'aB1c',
    ]);
    const last = render("(function () { var re = getRegExp('o', 'g'); var out = []; var m; while ((m = re.exec('foo boo')) !== null) out.push(m.index + ':' + re.lastIndex); return out; })()");
    expect(JSON.parse(last.text!)).toEqual(['1:2', '2:3', '5:6', '6:7']);
  });

  it('runs lookahead and backreferences on the budgeted backtracker', () => {
    expect(compilePattern('\\B(?=(\\d{3})+(?!\\d))', 'g').engine).toBe('backtrack');
    const out = render("['1234567.891'.replace(getRegExp('\\\\B(?=(\\\\d{3})+(?!\\\\d))', 'g'), ','), getRegExp('(\\\\w)\\\\1').exec('abccd')[0], 'price: $42'.match(getRegExp('(?<=\\\\$)\\\\d+'))[0], 'aaa'.replace(getRegExp('a(?!$)', 'g'), 'b')]");
    expect(JSON.parse(out.text!)).toEqual(['1,234,567.891', 'cc', '42', 'bba']);
    const boom = sjsRun("export default { f() { return getRegExp('(?=(a+)+$)x').test('a'.repeat(40) + '!'); } };", { ms: 200 });
    expect(boom.error!.message).toMatch(/exceeded its budget of (200 ms|10000000 steps)/);
    expect(boom.ms).toBeLessThan(2000);
  });

  it('refuses flags the platform does not have and reports bad patterns as SyntaxError', () => {
    expect(sjsRun("export default { f() { return getRegExp('a', 'y'); } };").error).toBeInstanceOf(SyntaxError);
    expect(sjsRun("export default { f() { return getRegExp('(', ''); } };").error).toBeInstanceOf(SyntaxError);
  });
});

describe('the engine', () => {
  const TREE = 'components/tree/tree';

  it('refuses components nested past componentDepth, once, naming the chain', () => {
    const h = createHarness({
      templates: { [PAGE]: () => [comp('tree', TREE)], [TREE]: () => [el('view', { class: 'n' }, [text('n'), comp('tree', TREE)])] },
      engine: { limits: { componentDepth: 5 } },
    });
    const page = h.openPage(PAGE);
    h.init(page, {});
    for (let level = 0; level < 8; level++) {
      const created = h.of('compCreate');
      for (const c of created.slice(level)) h.init(c.id, {});
    }
    expect(h.of('compCreate')).toHaveLength(5);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]!.message).toBe(
      `components nest more than 5 levels deep: <tree> (${TREE}) is not rendered inside ${PAGE} > ${TREE} > ${TREE} > ${TREE} > ${TREE} > ${TREE}; ${TREE} appears 5 times: does it use itself?`,
    );
    expect(h.renderer.querySelectorAll('.n')).toHaveLength(5);
  });

  it('leaves out what nests deeper than treeDepth, and reports it', () => {
    let deep: VNode = text('bottom');
    for (let i = 0; i < 50; i++) deep = el('view', {}, [deep]);
    const h = createHarness({ templates: { [PAGE]: () => [deep] }, engine: { limits: { treeDepth: 20 } } });
    const page = h.openPage(PAGE);
    h.init(page, {});
    expect(h.errors[0]!.message).toMatch(/the rendered tree nests more than 20 levels deep/);
    expect(h.html()).not.toContain('bottom');
  });
});
