import { afterEach, describe, expect, it } from 'vitest';
import { evaluateViewSource as loadViewModule, ViewModuleError } from '../../src/view/load-view-module.ts';

const ok = (body = 'return [{ kind: "text", text: String(s.v) }];') =>
  `__mpkView.define({ abi: 1, templates: { "pages/a/a": function (s) { ${body} } } });`;

describe('evaluateViewSource (defence in depth for the code the runtime emits)', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__mpkSentinel;
  });

  it('evaluates a view.js and returns its templates', () => {
    const module = loadViewModule(ok());
    expect(module.abi).toBe(1);
    expect(module.templates['pages/a/a']({ v: 3 })).toEqual([{ kind: 'text', text: '3' }]);
  });

  it('runs in strict mode with `this` undefined', () => {
    const module = loadViewModule(`
      const self_ = this;
      __mpkView.define({ abi: 1, templates: { t: function () { return [{ kind: 'text', text: String(self_) }]; } } });`);
    expect(module.templates.t({})).toEqual([{ kind: 'text', text: 'undefined' }]);
    expect(() => loadViewModule(`undeclared = 1; ${ok()}`)).toThrow(ViewModuleError);
  });

  it('does not expose host globals, at load time or from render functions', () => {
    (globalThis as Record<string, unknown>).__mpkSentinel = 'secret';
    const names = ['globalThis', 'window', 'self', 'process', 'require', 'Function', 'eval', 'fetch', 'setTimeout', 'document', 'global', 'Buffer'];
    const probe = names.map((n) => `${JSON.stringify(n)}: typeof ${n}`).join(', ');
    const module = loadViewModule(`
      const atLoad = { ${probe} };
      __mpkView.define({ abi: 1, templates: {
        t: function () { return [{ kind: 'text', text: JSON.stringify({ atLoad, atRender: { ${probe} } }) }]; },
        u: function () { return [{ kind: 'text', text: String(globalThis.__mpkSentinel) }]; },
        e: function () { return [{ kind: 'text', text: eval('1 + 1') }]; },
        ok: function () { return [{ kind: 'text', text: String(Math.max(1, 2)) + JSON.stringify([1]) + Object.keys({ a: 1 }) }]; },
      } });`);
    const seen = JSON.parse((module.templates.t({})[0] as { text: string }).text);
    for (const name of names) {
      expect(seen.atLoad[name], name).toBe('undefined');
      expect(seen.atRender[name], name).toBe('undefined');
    }
    expect(() => module.templates.u({})).toThrow(TypeError);
    expect(() => module.templates.e({})).toThrow(TypeError);
    expect(module.templates.ok({})).toEqual([{ kind: 'text', text: '2[1]a' }]);
  });

  it('cannot be escaped by unbalanced braces', () => {
    const escape = `}).call(undefined); (function () { globalThis.__mpkSentinel = 'pwned'; })(); (function () {`;
    expect(() => loadViewModule(escape + ok())).toThrow(/syntax error/);
    expect((globalThis as Record<string, unknown>).__mpkSentinel).toBeUndefined();
  });

  it('refuses malformed modules with clear errors', () => {
    const cases: Array<[string, RegExp]> = [
      ['this is not js', /syntax error/],
      ['', /never called __mpkView.define/],
      ['1 + 1;', /never called __mpkView.define/],
      ['__mpkView.define({ abi: 2, templates: {} });', /unsupported view ABI number 2/],
      ['__mpkView.define({ templates: {} });', /unsupported view ABI undefined/],
      ['__mpkView.define(null);', /expects a module object, got null/],
      ['__mpkView.define({ abi: 1 });', /templates must be an object/],
      ['__mpkView.define({ abi: 1, templates: { a: 42 } });', /template "a" is number 42/],
      [`${ok()} ${ok()}`, /more than once/],
      ['throw new Error("boom");', /threw while loading: boom/],
    ];
    for (const [source, message] of cases) {
      expect(() => loadViewModule(source), source).toThrow(message);
      expect(() => loadViewModule(source), source).toThrow(ViewModuleError);
    }
    expect(() => loadViewModule(42 as unknown as string)).toThrow(/must be a string/);
  });

  it('refuses a define() call after loading finished', () => {
    const module = loadViewModule(`
      const registrar = __mpkView;
      __mpkView.define({ abi: 1, templates: { t: function () { registrar.define({ abi: 1, templates: {} }); return []; } } });`);
    expect(() => module.templates.t({})).toThrow(/after the module finished loading/);
  });
});
