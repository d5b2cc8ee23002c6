/**
 * Attack: host code execution through a tampered package. The attacker builds examples/todo with
 * mpk's own compiler, then edits the package by hand the way a compiler never would, recomputing
 * each edited file's size and sha256 in manifest.json so the package checks still pass: a `view.js`
 * of host JavaScript the manifest's part points at, and code injected into every string of
 * view.json that reaches the runtime's code generator — tag names, attribute names and values,
 * event names, expression identifiers, operators, regular-expression flags, template and include
 * names, SJS module names, and SJS source that reaches `constructor`, `globalThis`, `process`,
 * `require` and `import()`. Each package is run headless in this Node process with
 * `createContainer`: it is refused with a PackageError naming the file (the ViewFormError's text in
 * its message) before any app code runs, or it renders what the data says; in every case the
 * canaries — `globalThis.__mpkPwned`, a file in the temp directory, `process.exitCode` — stay
 * unset, and a clean build of the same example launches and reacts to a tap afterwards.
 *
 * The browser half runs the SJS and expression injections in chromium: the simulator builds the
 * project it serves and cannot serve a prebuilt package, so the page here is the simulator's
 * setup without its chrome — the runtime's container with the DomRenderer in a shadow root, the
 * logic in the simulator's Web Worker bundle — loading the tampered package over HTTP
 * (`loadPackageFromUrl`) next to host markup outside the screen. `window.__mpkPwned` stays
 * undefined and the host markup outside the screen is unchanged.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '@mpk/compiler';
import { createContainer, createMemoryStorage, HeadlessRenderer, PackageError, type Container, type ContainerError } from '@mpk/runtime';
import { EXAMPLES_DIR } from '../support/project.ts';
import { cleanup, tempDir } from './support.ts';
import { startBrowserRig, type BrowserRig } from '../../packages/runtime/test/support/browser.ts';
import { buildSimulatorAssets } from '../../packages/devtools/src/simulator/server/bundles.ts';

declare global {
  // eslint-disable-next-line no-var
  var __mpkPwned: number | undefined;
}

/** The file a payload writes if it ever runs with the host's powers. */
const CANARY_FILE = path.join(os.tmpdir(), `mpk-pwned-${process.pid}`);
/** Host code, as a string the attacker wants evaluated. */
const PAYLOAD = `globalThis.__mpkPwned = 1; process.exitCode = 7; import('node:fs').then((fs) => fs.writeFileSync(${JSON.stringify(CANARY_FILE)}, 'pwned'))`;
/** A string built to close whatever literal, call or comment it is pasted into, then run PAYLOAD. */
const BREAKOUT = `"); ${PAYLOAD}; ("'); ${PAYLOAD}; ('\`); \${${PAYLOAD}}; (\`*/ ${PAYLOAD}; /*\n${PAYLOAD};//`;

const exitCodeBefore = process.exitCode;

/** The host is unharmed: no canary set by anything that ran. */
function expectUnharmed(): void {
  expect(globalThis.__mpkPwned).toBeUndefined();
  expect(existsSync(CANARY_FILE)).toBe(false);
  expect(process.exitCode).toBe(exitCodeBefore);
}

let clean: string;

beforeAll(async () => {
  clean = path.join(await tempDir('mpk-sec-todo-'), 'dist');
  const result = await build(path.join(EXAMPLES_DIR, 'todo'), { outDir: clean });
  if (!result.ok) throw new Error(`todo does not build: ${result.diagnostics.map((d) => d.message).join('; ')}`);
});

afterAll(async () => {
  rmSync(CANARY_FILE, { force: true });
  await cleanup();
});

// ---------------------------------------------------------------------------------------- tampering

interface Manifest {
  parts: Array<{ root: string; view: string }>;
  files: Array<{ path: string; size: number; sha256: string }>;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A copy of the clean package with `edit` applied like an attacker would: files written, the
 * manifest edited, and every file's size and sha256 recomputed so the package checks pass.
 */
async function tampered(edit: (pkg: { dir: string; manifest: Manifest; view: Json; write(file: string, text: string): void }) => void): Promise<string> {
  const dir = path.join(await tempDir('mpk-sec-tampered-'), 'dist');
  cpSync(clean, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const view = JSON.parse(readFileSync(path.join(dir, 'view.json'), 'utf8')) as Json;
  const written = new Set<string>();
  const write = (file: string, text: string): void => {
    writeFileSync(path.join(dir, file), text);
    written.add(file);
  };
  edit({ dir, manifest, view, write });
  if (!written.has('view.json')) write('view.json', JSON.stringify(view));
  for (const file of written) {
    const bytes = readFileSync(path.join(dir, file));
    const entry = { path: file, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    const at = manifest.files.findIndex((f) => f.path === file);
    if (at >= 0) manifest.files[at] = entry;
    else manifest.files.push(entry);
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** The unit of a template file in the form. */
function unit(view: Json, file: string): Json {
  return view.units.find((u: Json) => u.file === file);
}

/** Every object of the form (depth first) for which `match` holds. */
function findAll(node: Json, match: (o: Json) => boolean, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const item of node) findAll(item, match, out);
  else if (node && typeof node === 'object') {
    if (match(node)) out.push(node);
    for (const value of Object.values(node)) findAll(value, match, out);
  }
  return out;
}

const INDEX = 'pages/index/index.axml';
const ITEM = 'components/todo-item/todo-item.axml';
const SJS = 'utils/format.sjs';

/** Replaces the SJS module's `remaining` (rendered once the list has an item) with `body`. */
function sjsRemaining(view: Json, body: string): void {
  const mod = view.sjs.find((m: Json) => m.file === SJS);
  mod.source = `export function remaining(todos) {\n${body}\n}\nexport function visible(todos) { return todos; }\nexport default { remaining, visible };\n`;
}

// ------------------------------------------------------------------------------------------ running

interface Outcome {
  container?: Container;
  renderer: HeadlessRenderer;
  error?: Error;
  errors: ContainerError[];
  logs: string[];
}

const live: Container[] = [];

async function launch(pkg: string): Promise<Outcome> {
  const renderer = new HeadlessRenderer();
  const outcome: Outcome = { renderer, errors: [], logs: [] };
  try {
    const container = await createContainer({ pkg, renderer, host: { storage: createMemoryStorage() }, limits: { taskMs: 2000 } });
    live.push(container);
    outcome.container = container;
    container.on('error', (e) => outcome.errors.push(e));
    container.on('log', (entry) => outcome.logs.push(entry.args.map(String).join(' ')));
    await container.launch();
  } catch (error) {
    outcome.error = error as Error;
  }
  return outcome;
}

/** Refused with a PackageError naming `file`, before the app's code ran. */
function expectRefused(o: Outcome, file: string, why: RegExp): void {
  expect(o.error, o.error?.stack).toBeInstanceOf(PackageError);
  expect((o.error as PackageError).file).toBe(file);
  expect(o.error!.message.startsWith(`${file}: `)).toBe(true);
  expect(o.error!.message).toMatch(why);
  expect(o.logs).not.toContain('todo app launched on pages/index/index');
  expectUnharmed();
}

/** Launched; a tap on a suggestion chip renders the new item (the SJS count included). */
async function expectRuns(o: Outcome): Promise<void> {
  expect(o.error, o.error?.stack).toBeUndefined();
  expect(o.logs).toContain('todo app launched on pages/index/index');
  o.renderer.tap('.chip');
  await o.container!.waitForIdle();
  expectUnharmed();
}

/** The clean build still launches and works in this process. */
async function expectCleanPackageWorks(): Promise<void> {
  const o = await launch(clean);
  await expectRuns(o);
  expect(o.renderer.text('.count')).toBe('1 item left');
  expect(o.errors).toEqual([]);
  await o.container!.destroy();
}

afterAll(async () => {
  await Promise.all(live.map((c) => c.destroy().catch(() => undefined)));
});

// ------------------------------------------------------------------------------------------- tests

describe('a tampered package in Node (createContainer, headless)', () => {
  it('runs the clean build of examples/todo (the baseline the attacks start from)', async () => {
    await expectCleanPackageWorks();
  });

  it('a view.js of host code the manifest points at is never evaluated: the part is refused as a view form', async () => {
    const pkg = await tampered(({ manifest, write }) => {
      write('view.js', `Function.prototype.constructor('return process')().exit(7); ${PAYLOAD};\n__mpkView.define({ abi: 1, templates: {} });\n`);
      manifest.parts[0]!.view = 'view.js';
    });
    expectRefused(await launch(pkg), 'view.js', /^view\.js: view\.json: not valid JSON/);
    await expectCleanPackageWorks();
  });

  it('a view.js next to an intact view.json is not even read', async () => {
    const pkg = await tampered(({ write }) => write('view.js', `${PAYLOAD};\n`));
    const o = await launch(pkg);
    await expectRuns(o);
    expect(o.renderer.text('.count')).toBe('1 item left');
  });

  it('a view.json that is host JavaScript, or a form that names code fields or unknown nodes, is refused naming view.json', async () => {
    const cases: Array<[(view: Json, write: (f: string, t: string) => void) => void, RegExp]> = [
      [(_v, write) => write('view.json', `${PAYLOAD};`), /not valid JSON/],
      [(v) => (v.code = PAYLOAD), /unexpected field "code"/],
      [(v) => unit(v, INDEX).body.unshift({ t: 'script', src: PAYLOAD }), /unknown node type "script"/],
      [(v) => unit(v, INDEX).body.unshift({ t: 'text', v: { e: { type: 'FunctionExpression', body: PAYLOAD } } }), /unknown expression type "FunctionExpression"/],
      [(v) => unit(v, INDEX).body.unshift({ t: 'text', v: { e: { type: 'Binary', operator: `+ (${PAYLOAD}) +`, left: { type: 'Literal', value: 1 }, right: { type: 'Literal', value: 2 } } } }), /unknown operator/],
      [(v) => unit(v, INDEX).body.unshift({ t: 'text', v: { e: { type: 'Unary', operator: `void (${PAYLOAD}), !`, argument: { type: 'Literal', value: 1 } } } }), /unknown operator/],
      [(v) => unit(v, INDEX).body.unshift({ t: 'text', v: { e: { type: 'RegExp', pattern: 'a', flags: `g/; ${PAYLOAD}; //` } } }), /invalid regular expression flags/],
      [(v) => unit(v, INDEX).body.unshift({ t: 'text', v: { e: { type: 'Literal', value: { toString: PAYLOAD } } } }), /a literal must be/],
      [(v) => unit(v, INDEX).body.unshift({ t: 'el', tag: 'view', attrs: [], children: [], __proto__: { t: 'script' } }), /./],
    ];
    for (const [edit, why] of cases) {
      const pkg = await tampered(({ view, write }) => edit(view, write));
      const o = await launch(pkg);
      if (why.source === '.') {
        // A `__proto__` key in JSON is an own property: the form either refuses it or renders the element.
        if (o.error) expectRefused(o, 'view.json', /view\.json/);
        else await expectRuns(o);
      } else expectRefused(o, 'view.json', why);
    }
    await expectCleanPackageWorks();
  });

  it('code pasted into the strings of view.json renders as data: tags, attributes, events, keys, names, templates, includes', async () => {
    const pkg = await tampered(({ view }) => {
      const index = unit(view, INDEX);
      // Tag name, attribute name and value, event type/attribute/handler of the first element.
      const first = index.body[0];
      first.tag = `view${BREAKOUT}`;
      first.attrs.push([BREAKOUT, BREAKOUT], [`data-${BREAKOUT}`, { c: [BREAKOUT, { e: { type: 'Literal', value: BREAKOUT } }] }]);
      first.events = [...(first.events ?? []), { type: BREAKOUT, attr: BREAKOUT, handler: BREAKOUT, catch: false, capture: false }];
      index.body.push(
        // Expression identifiers and member names that name host globals, or carry code.
        { t: 'el', tag: 'view', attrs: [['id', 'names']], children: [
          ...['globalThis', 'process', 'require', 'module', 'Function', 'eval', 'window', 'h', 'S', BREAKOUT].map((name) => ({ t: 'text', v: { e: { type: 'Identifier', name } } })),
          { t: 'text', v: { e: { type: 'Call', callee: { type: 'Member', object: { type: 'Identifier', name: 'process' }, property: 'exit', computed: false }, args: [{ type: 'Literal', value: 7 }] } } },
          { t: 'text', v: { e: { type: 'Member', object: { type: 'Identifier', name: 'draft' }, property: BREAKOUT, computed: false } } },
          // Template literal quasis, an object key, an arrow parameter, a regular expression: all carrying code.
          { t: 'text', v: { e: { type: 'TemplateLiteral', quasis: [BREAKOUT, `\${${PAYLOAD}}`], expressions: [{ type: 'Literal', value: 1 }] } } },
          { t: 'text', v: { e: { type: 'Object', properties: [{ type: 'Property', key: BREAKOUT, computed: false, value: { type: 'Literal', value: 1 }, shorthand: false }, { type: 'Property', key: '__proto__', computed: false, value: { type: 'Identifier', name: 'suggestions' } }] } } },
          { t: 'text', v: { e: { type: 'Call', callee: { type: 'Arrow', params: [{ name: BREAKOUT, default: { type: 'Literal', value: PAYLOAD } }], body: { type: 'Identifier', name: BREAKOUT } }, args: [] } } },
          { t: 'text', v: { e: { type: 'RegExp', pattern: `\\/; ${PAYLOAD}; \\/`, flags: 'g' } } },
        ] },
        // a:for item/index names and key, a template call and an include of names that carry code.
        { t: 'for', list: { e: { type: 'Identifier', name: 'suggestions' } }, item: BREAKOUT, index: 'h', key: { prop: BREAKOUT }, node: { t: 'el', tag: 'text', attrs: [['class', 'looped']], children: [{ t: 'text', v: { e: { type: 'Identifier', name: BREAKOUT } } }] } },
        { t: 'tpl', is: BREAKOUT, data: { type: 'Identifier', name: BREAKOUT } },
        { t: 'include', file: BREAKOUT },
        { t: 'slot', name: BREAKOUT, props: [[BREAKOUT, BREAKOUT]], fallback: [] },
      );
      index.templates.push([BREAKOUT, [{ t: 'text', v: BREAKOUT }]]);
      // The component id and SJS module name of the form carry code too.
      const sjs = view.sjs.find((m: Json) => m.file === SJS);
      const renamed = `utils/${BREAKOUT}.sjs`;
      for (const u of view.units) u.sjs = u.sjs.map((f: string) => (f === SJS ? renamed : f));
      sjs.file = renamed;
      for (const el of findAll(index.body, (o) => o.t === 'el' && o.component === 'components/todo-item/todo-item')) el.ref = { c: [BREAKOUT] };
    });
    const o = await launch(pkg);
    await expectRuns(o);
    // What the data said, rendered as data.
    const page = o.renderer.currentPage()!;
    const first = page.children[0]!;
    expect(first.tag).toBe(`view${BREAKOUT}`);
    expect(first.attrs[BREAKOUT]).toBe(BREAKOUT);
    expect(o.renderer.text('#names')).toContain(BREAKOUT);
    // Nothing of the host's: no function source, no host object, only what the form carried.
    expect(o.renderer.text('#names')).not.toMatch(/native code|function \(|\[object /);
    // The a:for item named like an injection is a variable of the emitter's choosing: it reads the item.
    expect(o.renderer.querySelectorAll('.looped').map((n) => o.renderer.text(n))).toEqual(['Buy milk', 'Walk the dog', 'Write tests']);
    // The SJS module renamed still counts (rendered after the tap on a chip).
    expect(o.renderer.text('.count')).toBe('1 item left');
    await expectCleanPackageWorks();
  });

  it('calls that reach a host global or a constructor through the form are render errors the app hears; the last good frame stays', async () => {
    const id = (name: string): Json => ({ type: 'Identifier', name });
    const lit = (value: unknown): Json => ({ type: 'Literal', value });
    const member = (object: Json, property: string | Json): Json => ({ type: 'Member', object, property, computed: typeof property !== 'string' });
    const call = (callee: Json, ...args: Json[]): Json => ({ type: 'Call', callee, args });
    const calls: Array<[string, Json, RegExp]> = [
      ["require('node:fs')", call(id('require'), lit('node:fs')), /require is not a function/],
      ['Function(PAYLOAD)()', call(call(id('Function'), lit(PAYLOAD))), /Function is not a function/],
      ['new Function(PAYLOAD)', { type: 'New', callee: id('Function'), args: [lit(PAYLOAD)] }, /Only Date and RegExp can be constructed/],
      ["''.constructor.constructor(PAYLOAD)()", call(call(member(member(lit(''), 'constructor'), 'constructor'), lit(PAYLOAD))), /is not a function/],
      ["suggestions['constructor']['constr' + 'uctor'](PAYLOAD)()", call(call(member(member(id('suggestions'), lit('constructor')), { type: 'Binary', operator: '+', left: lit('constr'), right: lit('uctor') }), lit(PAYLOAD))), /is not a function/],
      ['suggestions.map.call(suggestions, String.constructor)', call(member(member(id('suggestions'), 'map'), 'call'), id('suggestions'), member(id('String'), 'constructor')), /is not a function/],
      ['Math.max.apply.bind(Math.max.constructor)(0, [PAYLOAD])()', call(call(call(member(member(member(id('Math'), 'max'), 'apply'), 'bind'), member(member(id('Math'), 'max'), 'constructor')), lit(0), { type: 'Array', elements: [lit(PAYLOAD)] })), /is not a function/],
      ["process.binding('fs')", call(member(id('process'), 'binding'), lit('fs')), /./],
    ];
    for (const [what, expr, why] of calls) {
      // The call renders once the list has an item: the first frame is good, the tap's render throws.
      const pkg = await tampered(({ view }) => {
        unit(view, INDEX).body.push({ t: 'if', branches: [{ test: { e: member(id('todos'), 'length') }, node: { t: 'el', tag: 'view', attrs: [['id', 'late']], children: [{ t: 'text', v: { e: expr } }] } }] });
      });
      const o = await launch(pkg);
      await expectRuns(o);
      if (why.source === '.') {
        // process is not in the render scope: a member call on nothing is nothing.
        expect(o.errors, what).toEqual([]);
        expect(o.renderer.text('#late'), what).toBe('');
      } else {
        expect(o.errors, what).toEqual([expect.objectContaining({ kind: 'render', message: expect.stringMatching(why) })]);
        expect(o.renderer.querySelector('#late'), what).toBeNull();
        expect(o.renderer.text(), what).toContain('Quick add:');
        expect(o.logs.some((l) => l.startsWith('todo app error:')), what).toBe(true);
      }
    }
    await expectCleanPackageWorks();
  });

  it('SJS source that reaches for constructor, import(), eval or the host\'s globals: refused, or harmless at render time', async () => {
    const refused: Array<[string, RegExp]> = [
      [`return (() => 1).constructor.constructor(${JSON.stringify(PAYLOAD)})();`, /MPK3009/],
      [`return todos.constructor(${JSON.stringify(PAYLOAD)});`, /MPK3009/],
      [`const { constructor: F } = () => 1; return F(${JSON.stringify(PAYLOAD)})();`, /MPK3009 Destructuring "constructor"/],
      [`return (() => 1)['constructor'](${JSON.stringify(PAYLOAD)})();`, /MPK3009/],
      [`return import('node:fs').then((fs) => fs.writeFileSync(${JSON.stringify(CANARY_FILE)}, 'x'));`, /MPK3005 import\(\)/],
      [`return import.meta;`, /MPK3005/],
      [`return eval(${JSON.stringify(PAYLOAD)});`, /MPK3018/],
      [`return new Function(${JSON.stringify(PAYLOAD)})();`, /MPK3004/],
      [`return Function.prototype;`, /MPK3009/],
      [`todos.__proto__.polluted = 1; return '';`, /MPK3009/],
      [`with (todos) { return length; }`, /MPK3001/],
      [`class A {} return A;`, /MPK3006/],
      [`function* g() {} return g.constructor(${JSON.stringify(PAYLOAD)});`, /MPK3007/],
      [`try { null.x; } catch ({ constructor: E }) { return E; }`, /MPK3009/],
      [`--> ${PAYLOAD}`, /./],
    ];
    for (const [body, why] of refused) {
      const pkg = await tampered(({ view }) => sjsRemaining(view, body));
      const o = await launch(pkg);
      expect(o.error, body).toBeDefined();
      expectRefused(o, 'view.json', why.source === '.' ? /does not compile/ : why);
      expect(o.error!.message).toContain('SJS module "utils/format.sjs" does not compile');
    }
    // These compile (free names are `undefined` in SJS, computed keys are checked when they run):
    // each render either throws a render error the app hears, or renders text, never host code.
    const harmless = [
      `return globalThis.process.exit(7);`,
      `return process.exit(7);`,
      `return require('node:fs').writeFileSync(${JSON.stringify(CANARY_FILE)}, 'x');`,
      `const F = (() => 1)['constr' + 'uctor']; return F(${JSON.stringify(PAYLOAD)})();`,
      `const k = { toString() { return 'constructor'; } }; return (() => 1)[k](${JSON.stringify(PAYLOAD)})();`,
      `let n = 0; const k = { toString() { return n++ ? 'constructor' : 'x'; } }; return (() => 1)[k](${JSON.stringify(PAYLOAD)})();`,
      `return (function () { return this; })() + '';`,
      `return arguments.callee;`,
      `Object.keys.call = 1; return '';`,
      `const re = getRegExp('a'); return re.exec.constructor;`,
      `return [].concat.apply([], [[Math.max]]).map((f) => f.call.call(f, null, 7)).join();`,
      `try { null.x; } catch (e) { return e.constructor; }`,
      `return '<!--' + '-->';`,
    ];
    for (const body of harmless) {
      const pkg = await tampered(({ view }) => sjsRemaining(view, body));
      const o = await launch(pkg);
      expect(o.error, body).toBeUndefined();
      await expectRuns(o);
      for (const e of o.errors) expect(e.kind, body).toBe('render');
      const count = o.renderer.querySelector('.count');
      if (count) expect(o.renderer.text(count), body).not.toMatch(/native code|function |\[object/);
    }
    await expectCleanPackageWorks();
  });
});

// ----------------------------------------------------------------------------------------- browser

const HOST_HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; font: 16px/1.4 sans-serif; background: rgb(250, 250, 250); }
  #chrome { height: 40px; background: rgb(10, 20, 30); color: rgb(200, 200, 200); }
  #screen { width: 375px; height: 600px; position: relative; overflow: hidden; }
</style></head><body>
  <header id="chrome"><span id="title">host chrome</span><button id="host-button">host</button></header>
  <div id="screen"></div>
  <footer id="host-footer">host footer</footer>
  <script type="module" src="/host.js"></script>
</body></html>`;

/** What the runtime imports on its Node code paths only. */
const NODE_ONLY = ['crypto', 'dns', 'fs', 'fs/promises', 'http', 'https', 'module', 'net', 'os', 'path', 'stream', 'url', 'vm', 'zlib'].map((m) => `node:${m}`).concat(['ws', 'esbuild']);

const HOST_ENTRY = fileURLToPath(new URL('./tampered-package.browser.ts', import.meta.url));

describe('a tampered package in chromium (the DOM renderer in a shadow root, logic in the Web Worker)', () => {
  let rig: BrowserRig | undefined;

  afterAll(async () => {
    await rig?.close();
  });

  it('SJS and expression injections: window.__mpkPwned stays undefined, the host page outside the screen is unchanged; a clean package runs next', async () => {
    const evil = await tampered(({ view }) => {
      sjsRemaining(view, `const k = { toString() { return 'constructor'; } }; try { (() => 1)[k](${JSON.stringify('window.__mpkPwned = 1')})(); } catch (e) {} return globalThis + '|' + (typeof window) + '|' + (typeof document) + '|' + count(todos);`);
      view.sjs.find((m: Json) => m.file === SJS).source += `function count(t) { return t.length + ' items left'; }\n`;
      const index = unit(view, INDEX);
      index.body[0].tag = `view${BREAKOUT.replaceAll(PAYLOAD, 'window.__mpkPwned = 1')}`;
      const id = (name: string): Json => ({ type: 'Identifier', name });
      const lit = (value: unknown): Json => ({ type: 'Literal', value });
      const member = (object: Json, property: string | Json): Json => ({ type: 'Member', object, property, computed: typeof property !== 'string' });
      const call = (callee: Json, ...args: Json[]): Json => ({ type: 'Call', callee, args });
      index.body.push({ t: 'el', tag: 'view', attrs: [['id', 'names'], ['onclick', 'window.__mpkPwned = 2']], children: [
        ...['window', 'document', 'top', 'parent', 'globalThis', 'location', 'localStorage'].map((name) => ({ t: 'text', v: { e: id(name) } })),
        { t: 'text', v: { e: call(member(id('document'), 'write'), lit('<b id="written">pwned</b>')) } },
        { t: 'text', v: { e: call(member(id('window'), 'eval'), lit('window.__mpkPwned = 3')) } },
        { t: 'text', v: { e: { type: 'TemplateLiteral', quasis: ['`); window.__mpkPwned = 5; (`', ''], expressions: [id('draft')] } } },
      ] });
      // Calls that throw render once the user typed (a:if on draft): the first frames are good.
      index.body.push({ t: 'if', branches: [{ test: { e: id('draft') }, node: { t: 'el', tag: 'view', attrs: [['id', 'late']], children: [
        { t: 'text', v: { e: call(call(member(member(lit(''), 'constructor'), 'constructor'), lit('window.__mpkPwned = 9'))) } },
      ] } }] });
      index.body.push({ t: 'el', tag: 'img', attrs: [['src', 'x'], ['onerror', 'window.__mpkPwned = 6']], children: [] });
      index.body.push({ t: 'el', tag: 'script', attrs: [], children: [{ t: 'text', v: 'window.__mpkPwned = 7' }] });
      index.body.push({ t: 'el', tag: 'iframe', attrs: [['srcdoc', '<script>parent.__mpkPwned = 8</script>']], children: [] });
    });
    const assets = await buildSimulatorAssets();
    // The runtime reaches Node built-ins only on Node code paths: in the browser they are empty
    // stand-ins, as in the simulator's own bundles (the worker is the simulator's bundle itself).
    const stub = path.join(await tempDir('mpk-sec-stub-'), 'node-only.cjs');
    writeFileSync(stub, 'module.exports = {};\n');
    rig = await startBrowserRig({
      bundles: { host: HOST_ENTRY },
      esbuild: { alias: Object.fromEntries(NODE_ONLY.map((name) => [name, stub])) },
      files: { '/index.html': HOST_HTML, '/logic-worker.js': { body: assets.worker, type: 'text/javascript' }, '/quickjs.wasm': { body: assets.wasm, type: 'application/wasm' }, '/baselib.js': { body: assets.baseLibrary, type: 'text/javascript' } },
      dirs: { '/evil/': evil, '/clean/': clean },
    });
    const { page, errors } = await rig.openPage({ path: '/index.html', readyFlag: '__hostReady' });
    const outside = () =>
      page.evaluate(() => {
        const style = (id: string) => {
          const s = getComputedStyle(document.getElementById(id)!);
          return [s.display, s.position, s.color, s.backgroundColor, s.visibility, s.opacity].join(' ');
        };
        const screen = document.getElementById('screen')!;
        return {
          html: [...document.body.children].filter((el) => el !== screen).map((el) => el.outerHTML).join(''),
          screenAttrs: [...screen.attributes].map((a) => `${a.name}=${a.value}`).join(' '),
          chrome: style('chrome'),
          footer: style('host-footer'),
          body: getComputedStyle(document.body).backgroundColor,
          title: document.title,
          lightChildren: screen.children.length,
        };
      });
    const before = await outside();
    const pwned = () => page.evaluate(() => (window as { __mpkPwned?: unknown }).__mpkPwned);
    // The test server sends no COOP/COEP headers (the simulator's does), so the worker's synchronous
    // APIs refuse: todo's onLoad (my.getStorageSync) fails with that error in both packages alike.
    const notIsolated = (list: string[]) => list.filter((e) => !/synchronous APIs need a cross-origin isolated page/.test(e));
    const evilRun = await page.evaluate(() => window.__host.start('/evil/', 'evil'));
    // The tampered package loads (its hashes match) and its page renders; a tap works.
    expect(evilRun.error).toBeUndefined();
    expect(evilRun.text, JSON.stringify(evilRun)).toContain('Quick add:');
    await page.locator('.chip').first().click({ timeout: 5000 });
    const evilAfter = await page.evaluate(() => window.__host.idle());
    expect(evilAfter.text).toContain('undefined|undefined|undefined|1 items left');
    expect(notIsolated(evilAfter.errors)).toEqual([]);
    expect(await pwned()).toBeUndefined();
    expect(await page.evaluate(() => document.getElementById('written'))).toBeNull();
    expect(await outside()).toEqual(before);
    // Typing renders the calls that throw: a render error, the last good frame stays.
    await page.locator('.draft input').first().fill('x', { timeout: 5000 });
    const evilTyped = await page.evaluate(() => window.__host.idle());
    expect(notIsolated(evilTyped.errors)).toEqual([expect.stringMatching(/^render: .*is not a function/)]);
    expect(evilTyped.text).toContain('1 items left');
    expect(await pwned()).toBeUndefined();
    expect(await outside()).toEqual(before);
    // A clean package in the same page, after the tampered one was destroyed.
    await page.evaluate(() => window.__host.stop());
    const cleanRun = await page.evaluate(() => window.__host.start('/clean/', 'clean'));
    expect(cleanRun.error).toBeUndefined();
    await page.locator('.chip').first().click({ timeout: 5000 });
    const cleanAfter = await page.evaluate(() => window.__host.idle());
    expect(cleanAfter.text).toContain('1 item left');
    expect(notIsolated(cleanAfter.errors)).toEqual([]);
    expect(await pwned()).toBeUndefined();
    expect(await outside()).toEqual(before);
    await page.evaluate(() => window.__host.stop());
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
