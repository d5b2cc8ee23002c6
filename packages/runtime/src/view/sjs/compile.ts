/**
 * compileSjsFile: one .sjs ES module → a function-wrapped module of the emitted view code.
 *
 * The module is parsed with acorn, checked against the documented subset (AD fw/SJS 语法参考)
 * and its free names resolved with eslint-scope: only the SJS built-ins (frozen copies made by
 * the prelude) may be used. Property access that could reach the host is rewritten with
 * magic-string into guarded forms:
 *
 *   a[k]           → a[__mpkK(k)]              reserved keys read nothing
 *   a.b = v        → __mpkW(a).b = v           functions (shared host built-ins) are read-only
 *   a[k] = v       → __mpkW(a)[__mpkWK(k)] = v reserved keys throw
 *   x.constructor  → __mpkC(x)                 the documented type name ("Number", "Array"…)
 *   a.indexOf, a[k] → __mpkVV(…)               (a read, not a call) host methods as guarded stand-ins
 *
 * The output is `function (__mpkS, __mpkImport) { … }`; the view module's linker calls it once,
 * lazily, and shares the frozen exports object.
 */
import { analyze } from 'eslint-scope';
import MagicString from 'magic-string';
import { tokenizer, type Token } from 'acorn';
import type {
  AnyNode,
  ExportAllDeclaration,
  ExportDefaultDeclaration,
  ExportNamedDeclaration,
  Expression,
  ImportDeclaration,
  MemberExpression,
  Node as AcornNode,
  Pattern,
  Program,
  Property,
  AssignmentProperty,
} from 'acorn';
import { isReservedProperty } from '../form/reserved.ts';

/** Operators that convert their operands to primitives (an array through its text). */
const CONVERTING_BINARY: ReadonlySet<string> = new Set(['==', '!=', '<', '>', '<=', '>=', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '>>>', 'in']);
/** Expressions whose value is always a primitive. */
const PRIMITIVE_NODES: ReadonlySet<string> = new Set(['Literal', 'TemplateLiteral', 'BinaryExpression', 'UnaryExpression', 'UpdateExpression']);

/** A catch clause with its parameter (acorn's CatchClause, param present). */
type CatchNode = AcornNode & { param: Pattern; body: AcornNode };
import { NATIVE_METHOD_NAMES, UNBOUNDED_METHOD_NAMES } from '../form/natives.ts';
import { SafeHost, type SourceHost } from './host.ts';
import { ProblemReporter, type SjsProblem } from './problems.ts';
import * as C from './codes.ts';
import { ACORN_OPTIONS, collectPatternNames, exportName, parseSjs, sjsFacts } from './facts.ts';
import { isSjsGlobal, SJS_GLOBAL_HINTS, SJS_PROVIDED_GLOBALS } from './globals.ts';

export interface CompiledSjs {
  file: string;
  /** `function (__mpkS, __mpkImport) { … }`; EMPTY_SJS_MODULE when the module has an error. */
  code: string;
  /** Every module file it reads, transitively (for rebuilds). */
  deps: string[];
  /** The module's source (undefined when it could not be read). */
  source?: string;
  /** Each import request as written → the module file it resolved to. */
  imports: Record<string, string>;
  problems: SjsProblem[];
}

/** A module that could not be compiled: it exports nothing. */
export const EMPTY_SJS_MODULE = 'function (__mpkS) {\n  return __mpkS.exports([], []);\n}';

const MAX_DEPTH = 400;
const RESERVED_PREFIX = '__mpk';

/**
 * Method names whose calls go through the prelude's guard (`__mpkCall`): the natives behind them
 * can build strings or arrays of any size from small arguments (`repeat`, `padStart`, `join`,
 * `concat`, `push(...)`…), compile a pattern with the host's backtracking RegExp (`match`,
 * `search`, `matchAll` given a string), re-dispatch (`call`, `apply`, `bind`), or write the text
 * of nested arrays (`toString`, `toLocaleString`: measured first). Other calls
 * stay direct: their cost is bounded by their receiver, which the budget bounds.
 */
export const GUARDED_CALLS: ReadonlySet<string> = new Set([
  'repeat', 'padStart', 'padEnd', 'join', 'concat', 'push', 'unshift', 'splice', 'flat', 'flatMap',
  'call', 'apply', 'bind', 'match', 'matchAll', 'search', 'replace', 'replaceAll', 'toString', 'toLocaleString',
]);

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
/** Whether `text` is an array index a literal key can name. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

export function compileSjsFile(file: string, host: SourceHost): CompiledSjs {
  const safe = new SafeHost(host);
  try {
    const source = safe.read(file);
    if (source === undefined) {
      const report = new ProblemReporter();
      report.fileLevel('error', C.SJS_FILE_NOT_FOUND, `Cannot read SJS module ${file}`);
      return { file, code: EMPTY_SJS_MODULE, deps: [], imports: {}, problems: report.problems };
    }
    return new SjsCompiler(file, source, safe).compile();
  } catch (e) {
    const report = new ProblemReporter();
    report.fileLevel('error', C.SJS_INTERNAL_ERROR, `Internal error while compiling ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return { file, code: EMPTY_SJS_MODULE, deps: [], imports: {}, problems: report.problems };
  }
}

interface Dependency {
  file: string;
  variable: string;
  /** Where the first import of it is written (for cycle errors). */
  at: number;
}

type Parent = AnyNode | undefined;

class SjsCompiler {
  private readonly report: ProblemReporter;
  /** Import request → resolved file, as recorded while compiling. */
  private readonly imports: Record<string, string> = {};
  private readonly ms: MagicString;
  private readonly ancestors: AnyNode[] = [];
  private functionDepth = 0;
  private tooDeep = false;
  private readonly dependencies = new Map<string, Dependency>();
  /** `const local = …` lines for import bindings. */
  private readonly importLines: string[] = [];
  /** [exported name, JS expression] */
  private readonly exportPairs: Array<[string, string]> = [];
  private readonly starExports: string[] = [];
  private readonly allDeps = new Set<string>();
  /** Free names that are not SJS built-ins: declared `undefined` in the module (never a host global). */
  private readonly undefinedNames = new Set<string>();
  /** Member expressions rewritten as a whole by their parent (guarded calls, `+=`): no guard of their own. */
  private readonly handled = new Set<AnyNode>();
  /**
   * Start offsets of names a destructuring pattern binds from a key that may hold a host method
   * (`var { indexOf } = []`, `{ [k]: v }`): every read of such a variable is wrapped in
   * `__mpkVV(…)`, as a member read of that name is, so the variable holds the guarded stand-in
   * whenever the value is a host method, and the value itself otherwise.
   */
  private readonly methodBindings = new Set<number>();
  /**
   * `o.x++` and `o.x -= v` on a member of a name or `this`: the member is read once more, measured,
   * before the operator converts it (guardMemberConversions; the object is a name, so reading it twice
   * has no effect of its own).
   */
  private readonly memberConversions: Array<{ node: AcornNode; target: AcornNode }> = [];
  /** Catch clauses with a parameter: what they catch is cleaned before SJS sees it (guardCatches). */
  private readonly catches: CatchNode[] = [];
  /** Start offsets of identifiers that are the value of a shorthand property in an object literal (`{ a }`). */
  private readonly shorthandValues = new Set<number>();
  /** Members and calls that are links of an optional chain (`a?.b.c()`): guarded calls there are null-safe. */
  private readonly chainLinks = new Set<AnyNode>();

  constructor(
    private readonly file: string,
    private readonly source: string,
    private readonly host: SafeHost,
  ) {
    this.report = new ProblemReporter();
    this.ms = new MagicString(source);
  }

  compile(): CompiledSjs {
    let program: Program;
    try {
      program = parseSjs(this.source);
    } catch (e) {
      const err = e as { pos?: number; message?: string };
      if (e instanceof SyntaxError && typeof err.pos === 'number') {
        this.report.error(C.SJS_SYNTAX, err.pos, String(err.message).replace(/\s*\(\d+:\d+\)$/, ''));
      } else {
        this.report.error(C.SJS_SYNTAX, 0, 'The module is too deeply nested to parse');
      }
      return this.result(EMPTY_SJS_MODULE);
    }

    this.checkHtmlComments();
    for (const stmt of program.body) {
      switch (stmt.type) {
        case 'ImportDeclaration':
          this.importDeclaration(stmt);
          break;
        case 'ExportNamedDeclaration':
          this.exportNamed(stmt);
          break;
        case 'ExportDefaultDeclaration':
          this.exportDefault(stmt);
          break;
        case 'ExportAllDeclaration':
          this.exportAll(stmt);
          break;
        default:
          this.visit(stmt, program);
      }
    }
    const usedGlobals = this.checkNames(program);
    this.guardCatches();
    this.guardMemberConversions();
    this.checkCycles();
    if (this.report.hasErrors) return this.result(EMPTY_SJS_MODULE);
    const code = this.assemble(usedGlobals);
    // acorn and the host engine can disagree at the edges (identifier characters of newer
    // Unicode versions): code the host cannot parse would break the whole view module.
    try {
      new Function(`"use strict"; return ${code};`);
    } catch (e) {
      this.report.error(C.SJS_UNSUPPORTED, 0, `The module uses syntax this JavaScript engine cannot parse: ${e instanceof Error ? e.message : String(e)}`);
      return this.result(EMPTY_SJS_MODULE);
    }
    return this.result(code);
  }

  private result(code: string): CompiledSjs {
    return { file: this.file, code, deps: [...this.allDeps].sort(), source: this.source, imports: { ...this.imports }, problems: this.report.problems };
  }

  private assemble(usedGlobals: string[]): string {
    const lines = [
      'function (__mpkS, __mpkImport) {',
      '  const __mpkG = __mpkS.globals, __mpkK = __mpkS.k, __mpkWK = __mpkS.wk, __mpkW = __mpkS.w, __mpkC = __mpkS.ctor;',
      // The render budget (form/prelude.ts): steps, recursion, sizes, guarded calls.
      '  const __mpkT = __mpkS.t, __mpkE = __mpkS.e, __mpkX = __mpkS.x, __mpkA = __mpkS.a, __mpkCall = __mpkS.call, __mpkCallO = __mpkS.callo, __mpkSp = __mpkS.sp, __mpkWA = __mpkS.wa, __mpkL = __mpkS.len, __mpkVV = __mpkS.vv, __mpkDK = __mpkS.dk, __mpkAd = __mpkS.ad, __mpkTS = __mpkS.ts, __mpkCaught = __mpkS.caught, __mpkP = __mpkS.p;',
      '  let __mpkO;',
    ];
    if (usedGlobals.length) lines.push(`  const ${usedGlobals.map((g) => `${g} = __mpkG.${g}`).join(', ')};`);
    if (this.undefinedNames.size) lines.push(`  let ${[...this.undefinedNames].join(', ')};`);
    for (const dep of this.dependencies.values()) lines.push(`  const ${dep.variable} = __mpkImport(${JSON.stringify(dep.file)});`);
    const pairs = this.exportPairs.map(([name, expr]) => `[${JSON.stringify(name)}, ${expr}]`).join(', ');
    lines.push(
      '  return (function () {',
      '    "use strict";',
      ...this.importLines.map((l) => '    ' + l),
      this.ms.toString(),
      `    ;return __mpkS.exports([${pairs}], [${this.starExports.join(', ')}]);`,
      '  })();',
      '}',
    );
    return lines.join('\n');
  }

  /**
   * `<!--` and `-->` are operators in a module but comments in the script the view code runs as
   * (ECMAScript Annex B), so the same text would mean different code there. Refused.
   */
  private checkHtmlComments(): void {
    if (!this.source.includes('<!--') && !this.source.includes('-->')) return;
    const tokens: Token[] = [];
    try {
      tokenizeAll(this.source, tokens);
    } catch {
      return;
    }
    const text = (t: Token) => this.source.slice(t.start, t.end);
    for (let i = 0; i + 1 < tokens.length; i++) {
      const a = tokens[i];
      const b = tokens[i + 1];
      if (a.end !== b.start) continue;
      const pair = text(a) + text(b);
      const next = tokens[i + 2];
      const opens = pair === '<!' && next !== undefined && next.start === b.end && text(next) === '--';
      if (opens || pair === '-->') {
        this.report.error(
          C.SJS_UNSUPPORTED,
          a.start,
          `"${opens ? '<!--' : '-->'}" reads as an HTML comment in view scripts; put spaces between the operators`,
        );
      }
    }
  }

  // ---- imports and exports -------------------------------------------------------------------

  private dependency(request: string, at: number): Dependency | undefined {
    const target = this.host.resolve(this.file, request);
    if (target !== undefined) this.imports[request] = target;
    if (target === undefined || this.host.read(target) === undefined) {
      this.report.error(C.SJS_IMPORT_NOT_FOUND, at, `Cannot find SJS module "${request}"`);
      return undefined;
    }
    this.allDeps.add(target);
    if (!target.endsWith('.sjs')) {
      this.report.error(C.SJS_IMPORT_NOT_SJS, at, `SJS can only import .sjs modules, not "${request}"`);
      return undefined;
    }
    let dep = this.dependencies.get(target);
    if (!dep) {
      dep = { file: target, variable: `__mpkD${this.dependencies.size}`, at };
      this.dependencies.set(target, dep);
    }
    return dep;
  }

  /** Errors when `dep` does not export `name` (ES modules refuse that at link time too). */
  private checkExport(dep: Dependency, name: string, at: number, request: string): void {
    const facts = sjsFacts(this.host.read(dep.file) ?? '');
    if (!facts.ok || facts.star) return;
    const has = name === 'default' ? facts.hasDefault : facts.names.includes(name);
    if (!has) {
      this.report.error(
        C.SJS_MISSING_EXPORT,
        at,
        name === 'default' ? `"${request}" has no default export` : `"${request}" does not export "${name}"`,
      );
    }
  }

  private importDeclaration(stmt: ImportDeclaration): void {
    this.ms.remove(stmt.start, stmt.end);
    if (stmt.attributes?.length) this.report.error(C.SJS_UNSUPPORTED, stmt.attributes[0].start, 'Import attributes are not supported in SJS');
    const request = String(stmt.source.value);
    const dep = this.dependency(request, stmt.source.start);
    for (const spec of stmt.specifiers) {
      this.checkIdentifier(spec.local.name, spec.local.start);
      let value: string;
      if (spec.type === 'ImportNamespaceSpecifier') {
        value = dep ? dep.variable : 'undefined';
      } else {
        const imported = spec.type === 'ImportDefaultSpecifier' ? 'default' : exportName(spec.imported);
        if (dep) this.checkExport(dep, imported, spec.start, request);
        value = dep ? `${dep.variable}[${JSON.stringify(imported)}]` : 'undefined';
      }
      this.importLines.push(`const ${spec.local.name} = ${value};`);
    }
  }

  private exportNamed(stmt: ExportNamedDeclaration): void {
    if (stmt.declaration) {
      this.ms.remove(stmt.start, stmt.start + 'export'.length);
      const names: string[] = [];
      const d = stmt.declaration;
      if (d.type === 'VariableDeclaration') for (const decl of d.declarations) collectPatternNames(decl.id, names);
      else if ('id' in d && d.id) names.push(d.id.name);
      for (const n of names) this.exportPairs.push([n, n]);
      this.visit(d, stmt);
      return;
    }
    this.ms.remove(stmt.start, stmt.end);
    if (stmt.source) {
      const request = String(stmt.source.value);
      const dep = this.dependency(request, stmt.source.start);
      for (const spec of stmt.specifiers) {
        const local = exportName(spec.local);
        if (dep) this.checkExport(dep, local, spec.start, request);
        this.exportPairs.push([exportName(spec.exported), dep ? `${dep.variable}[${JSON.stringify(local)}]` : 'undefined']);
      }
      return;
    }
    for (const spec of stmt.specifiers) {
      const local = exportName(spec.local);
      this.checkIdentifier(local, spec.local.start);
      this.exportPairs.push([exportName(spec.exported), local]);
    }
  }

  private exportDefault(stmt: ExportDefaultDeclaration): void {
    const d = stmt.declaration;
    // Comments may stand between the keywords: `export /* default */ default x`.
    const keywords = /export(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n\r]*[\n\r])*default/y;
    keywords.lastIndex = stmt.start;
    const keywordEnd = stmt.start + (keywords.exec(this.source)?.[0].length ?? 'export default'.length);
    if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
      this.ms.remove(stmt.start, keywordEnd);
      this.exportPairs.push(['default', d.id.name]);
    } else {
      this.ms.overwrite(stmt.start, keywordEnd, 'const __mpkDefault =');
      if (stmt.end === d.end) this.ms.appendLeft(stmt.end, ';');
      this.exportPairs.push(['default', '__mpkDefault']);
    }
    this.visit(d as AnyNode, stmt);
  }

  private exportAll(stmt: ExportAllDeclaration): void {
    this.ms.remove(stmt.start, stmt.end);
    const dep = this.dependency(String(stmt.source.value), stmt.source.start);
    if (stmt.exported) this.exportPairs.push([exportName(stmt.exported), dep ? dep.variable : 'undefined']);
    else if (dep) this.starExports.push(dep.variable);
  }

  // ---- validation and rewriting ------------------------------------------------------------

  private checkIdentifier(name: string, at: number): void {
    if (name.startsWith(RESERVED_PREFIX)) {
      this.report.error(C.SJS_RESERVED_NAME, at, `Names starting with "${RESERVED_PREFIX}" are reserved for the compiler`);
    }
  }

  private visit(node: AnyNode, parent: Parent): void {
    if (this.ancestors.length > MAX_DEPTH) {
      if (!this.tooDeep) {
        this.tooDeep = true;
        this.report.error(C.SJS_UNSUPPORTED, node.start, 'The module is nested too deeply');
      }
      return;
    }
    let isFunction = false;
    switch (node.type) {
      case 'Identifier':
        this.checkIdentifier(node.name, node.start);
        return;
      case 'Literal':
        if ('regex' in node && node.regex) {
          this.report.error(C.SJS_REGEXP_LITERAL, node.start, 'Regular expression literals are not allowed in SJS; use getRegExp(pattern, flags)');
        }
        return;
      case 'ThisExpression':
        // Outside functions `this` is undefined in a module, as it is in the generated wrapper.
        return;
      case 'NewExpression':
        this.report.error(C.SJS_NEW, node.start, '"new" is not allowed in SJS; use getDate(...) or getRegExp(...)');
        break;
      case 'ImportExpression':
      case 'MetaProperty':
        this.report.error(C.SJS_DYNAMIC_IMPORT, node.start, `${node.type === 'MetaProperty' ? 'import.meta' : 'import()'} is not allowed in SJS`);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
      case 'Super':
        this.report.error(C.SJS_CLASS, node.start, node.type === 'Super' ? '"super" is not part of SJS' : 'Classes are not part of SJS');
        return;
      case 'AwaitExpression':
      case 'YieldExpression':
        this.report.error(C.SJS_ASYNC, node.start, `"${node.type === 'AwaitExpression' ? 'await' : 'yield'}" is not part of SJS`);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.async || node.generator) {
          this.report.error(C.SJS_ASYNC, node.start, `${node.async ? 'Async functions' : 'Generators'} are not part of SJS`);
        }
        isFunction = node.type !== 'ArrowFunctionExpression';
        this.functionBudget(node);
        break;
      case 'ForStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.loopBudget(node.body);
        break;
      case 'BinaryExpression':
        if (node.operator === '+') this.addition(node);
        else if (CONVERTING_BINARY.has(node.operator)) {
          this.toPrimitive(node.left as AcornNode);
          // `k in o` converts only its key.
          if (node.operator !== 'in') this.toPrimitive(node.right);
        }
        break;
      case 'UnaryExpression':
        if (node.operator === '+' || node.operator === '-' || node.operator === '~') this.toPrimitive(node.argument);
        break;
      case 'TemplateLiteral':
        if (parent?.type !== 'TaggedTemplateExpression') {
          this.wrap(node, '__mpkA(');
          for (const e of node.expressions) this.wrap(e, '__mpkTS(');
        }
        break;
      case 'SpreadElement':
        if (parent?.type === 'ArrayExpression' || parent?.type === 'CallExpression') this.wrap(node.argument, '__mpkSp(');
        break;
      case 'ChainExpression':
        for (let link: AnyNode = node.expression; link.type === 'MemberExpression' || link.type === 'CallExpression'; ) {
          this.chainLinks.add(link);
          link = (link.type === 'MemberExpression' ? link.object : link.callee) as AnyNode;
        }
        break;
      case 'CallExpression':
        this.guardedCall(node, parent);
        break;
      case 'UpdateExpression':
        if (node.argument.type === 'MemberExpression' && isLengthMember(node.argument)) this.lengthUpdate(node);
        // `a++` converts `a` (an array through its text): measured first.
        else if (node.argument.type === 'Identifier') {
          this.ms.appendRight(node.start, `(__mpkP(${node.argument.name}), `);
          this.ms.prependLeft(node.end, ')');
        } else if (isPlainMember(node.argument)) this.memberConversions.push({ node: node as AcornNode, target: node.argument as AcornNode });
        break;
      case 'Property':
        this.property(node, parent);
        break;
      case 'MemberExpression':
        this.member(node, parent);
        break;
      case 'AssignmentExpression':
        if (node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern') this.checkTargets(node.left);
        this.assignmentBudget(node);
        // `a -= b` and the other converting compound assignments: both operands measured (`a` when it is a name).
        if (CONVERTING_BINARY.has(node.operator.slice(0, -1))) {
          this.toPrimitive(node.right);
          if (node.left.type === 'Identifier') {
            this.ms.appendRight(node.start, `(__mpkP(${node.left.name}), `);
            this.ms.prependLeft(node.end, ')');
          } else if (isPlainMember(node.left)) this.memberConversions.push({ node: node as AcornNode, target: node.left as AcornNode });
        }
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (node.type === 'ForOfStatement' && node.await) this.report.error(C.SJS_ASYNC, node.start, '"for await" is not part of SJS');
        if (node.left.type !== 'VariableDeclaration') this.checkTargets(node.left);
        this.loopBudget(node.body);
        break;
      case 'CatchClause':
        if (node.param) this.catches.push(node as AcornNode as CatchNode);
        break;
      case 'WithStatement':
        this.report.error(C.SJS_UNSUPPORTED, node.start, '"with" is not supported in SJS');
        return;
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        return;
      default:
        break;
    }
    if (isFunction) this.functionDepth++;
    this.ancestors.push(node);
    for (const key in node) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'range') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) this.visit(child, node);
      } else if (isNode(value)) {
        this.visit(value, node);
      }
    }
    this.ancestors.pop();
    if (isFunction) this.functionDepth--;
  }

  private property(node: Property | AssignmentProperty, parent: Parent): void {
    const keyName = node.computed ? undefined : node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? String(node.key.value) : undefined;
    if (parent?.type === 'ObjectPattern') {
      if (keyName !== undefined && isReservedProperty(keyName)) {
        this.report.error(C.SJS_RESERVED_PROPERTY, node.key.start, `Destructuring "${keyName}" is not allowed in SJS`);
      }
      // A pattern could bind a host method itself, outside the guards of reads (see member()):
      // the reads of what it binds are guarded instead (checkNames).
      if (node.computed || (keyName !== undefined && UNBOUNDED_METHOD_NAMES.has(keyName))) {
        const target = node.value.type === 'AssignmentPattern' ? node.value.left : node.value;
        if (target.type === 'Identifier') this.methodBindings.add(target.start);
      }
      if (node.computed) this.wrap(node.key, '__mpkDK(');
      return;
    }
    if (parent?.type === 'ObjectExpression' && node.shorthand && node.value.type === 'Identifier') this.shorthandValues.add(node.value.start);
    if (node.kind === 'get' || node.kind === 'set') {
      this.report.error(C.SJS_ACCESSOR, node.start, 'Getters and setters cannot be defined in SJS');
    }
    if (keyName === '__proto__') {
      this.report.error(C.SJS_PROTO_KEY, node.key.start, '"__proto__" cannot be used as an object key in SJS');
    }
  }

  private member(node: MemberExpression, parent: Parent): void {
    if (node.object.type === 'Super') return;
    if (this.handled.has(node)) {
      // The parent rewrote this member into a guarded call or a bounded `+=`: only the reserved-name
      // checks and the write guard of its object apply.
      const name = !node.computed && node.property.type === 'Identifier' ? node.property.name : node.computed && node.property.type === 'Literal' ? String(node.property.value) : undefined;
      if (name !== undefined && (isReservedProperty(name) || name === 'constructor')) {
        this.report.error(C.SJS_RESERVED_PROPERTY, node.property.start, `Access to "${name}" is not allowed in SJS`);
      }
      if (parent?.type === 'AssignmentExpression') this.wrap(node.object, '__mpkW(');
      return;
    }
    const isWrite =
      (parent?.type === 'AssignmentExpression' && parent.left === node) ||
      parent?.type === 'UpdateExpression' ||
      (parent?.type === 'UnaryExpression' && parent.operator === 'delete');
    const isCallee = parent?.type === 'CallExpression' && parent.callee === node;
    const object = node.object as Expression;
    if (!node.computed) {
      if (node.property.type !== 'Identifier') return;
      const name = node.property.name;
      if (name === 'constructor') {
        if (isWrite || isCallee) {
          this.report.error(C.SJS_RESERVED_PROPERTY, node.property.start, '"constructor" is a type name in SJS; it cannot be assigned, deleted or called');
          return;
        }
        this.constructorRead(node, object);
        return;
      }
      if (isReservedProperty(name)) {
        this.report.error(C.SJS_RESERVED_PROPERTY, node.property.start, `Access to "${name}" is not allowed in SJS`);
        return;
      }
      if (isWrite) this.wrap(object, '__mpkW(');
      else if (!isCallee && NATIVE_METHOD_NAMES.has(name)) this.valueRead(node, parent);
      return;
    }
    const prop = node.property as Expression;
    const literal = prop.type === 'Literal' ? prop.value : undefined;
    if (typeof literal === 'string' && isReservedProperty(literal)) {
      this.report.error(C.SJS_RESERVED_PROPERTY, prop.start, `Access to "${literal}" is not allowed in SJS`);
      return;
    }
    const safeKey = typeof literal === 'number' || typeof literal === 'string';
    const deleting = parent?.type === 'UnaryExpression';
    const mayGrow = typeof literal === 'number' || (typeof literal === 'string' && (literal === 'length' || INDEX_KEY.test(literal)));
    if (isWrite && !deleting && (!safeKey || mayGrow)) {
      // An index or a length on an array is checked against the array limit: the target is kept
      // in __mpkO and read as __mpkWA's first argument, before the key is evaluated.
      this.ms.appendRight(object.start, '(__mpkO = __mpkW(');
      this.ms.prependLeft(object.end, '))');
      this.ms.appendRight(prop.start, '__mpkWA(__mpkO, ');
      this.ms.prependLeft(prop.end, ')');
    } else if (isWrite) {
      this.wrap(object, '__mpkW(');
      if (!safeKey) this.wrap(prop, '__mpkWK(');
    } else {
      if (!safeKey) this.wrap(prop, '__mpkK(');
      if (!isCallee && typeof literal !== 'number' && !(typeof literal === 'string' && !NATIVE_METHOD_NAMES.has(literal))) this.valueRead(node, parent);
    }
  }

  /**
   * A read that is not a call and may be a host method: `__mpkVV(a.indexOf)` hands out a guarded
   * stand-in. Not needed where the value is only the object of a further member (`a.indexOf.call(…)`,
   * `a.b?.indexOf.name`): the next link reads or calls through the guards itself.
   */
  private valueRead(node: MemberExpression, parent: Parent): void {
    if (parent?.type === 'MemberExpression' && parent.object === node) return;
    if (parent?.type === 'CallExpression' && parent.callee === node) return;
    if (parent?.type === 'TaggedTemplateExpression' && parent.tag === node) return;
    this.wrap(node, '__mpkVV(');
  }

  /** `x.constructor` → `__mpkC(x)` (optional chains keep short-circuiting to undefined). */
  private constructorRead(node: MemberExpression, object: Expression): void {
    const between = this.source.slice(object.end, node.property.start);
    if (between.includes('/')) {
      this.report.error(C.SJS_UNSUPPORTED, node.property.start, 'Write ".constructor" without comments between the object and the name');
      return;
    }
    let optional = false;
    for (let n: AcornNode = node; n.type === 'MemberExpression' || n.type === 'CallExpression'; ) {
      const m = n as MemberExpression;
      if (m.optional) optional = true;
      n = n.type === 'MemberExpression' ? m.object : (n as unknown as { callee: AcornNode }).callee;
    }
    const dot = object.end + between.lastIndexOf('.') - (between.includes('?.') ? 1 : 0);
    this.ms.appendRight(object.start, '__mpkC(');
    this.ms.prependLeft(object.end, optional ? ', true)' : ')');
    this.ms.remove(dot, node.property.end);
  }

  /**
   * Wraps a node's text: openers attach to the text that follows them (outer ones first, as nodes
   * are visited outside in), closers to the text before them (inner ones first).
   */
  private wrap(node: AcornNode, open: string): void {
    this.ms.appendRight(node.start, open);
    this.ms.prependLeft(node.end, ')');
  }

  // ---- the render budget ------------------------------------------------------------------

  /** Every iteration of a loop is a step: `__mpkT()` first in its body. */
  private loopBudget(body: AnyNode): void {
    if (body.type === 'BlockStatement') {
      this.ms.appendRight(body.start + 1, ' __mpkT();');
    } else {
      this.ms.appendRight(body.start, '{ __mpkT(); ');
      this.ms.prependLeft(body.end, ' }');
    }
  }

  /**
   * Every call of a function is a step and one level of SJS recursion:
   * `{ try { __mpkE(); … } finally { __mpkX(); } }` (an expression body becomes `return (…)`).
   */
  private functionBudget(node: AnyNode & { body: AnyNode; params: AnyNode[]; expression?: boolean }): void {
    const body = node.body;
    if (body.type === 'BlockStatement') {
      if (body.end - body.start === 2) {
        this.ms.appendRight(body.start + 1, ' try { __mpkE(); } finally { __mpkX(); } ');
        return;
      }
      this.ms.appendRight(body.start + 1, ' try { __mpkE();');
      this.ms.prependLeft(body.end - 1, ' } finally { __mpkX(); } ');
      return;
    }
    const from = node.params.length > 0 ? node.params[node.params.length - 1]!.end : node.start;
    const arrow = this.findToken('=>', from);
    if (arrow < 0) return;
    this.ms.appendRight(arrow + 2, ' { try { __mpkE(); return (');
    this.ms.prependLeft(node.end, '); } finally { __mpkX(); } }');
  }

  /** The position of `token` at or after `from`, skipping whitespace, comments and parentheses (-1 if none). */
  private findToken(token: string, from: number, skip = '()'): number {
    const src = this.source;
    for (let i = from; i < src.length; ) {
      if (src.startsWith(token, i)) return i;
      const c = src[i]!;
      if (src.startsWith('/*', i)) {
        const end = src.indexOf('*/', i + 2);
        if (end < 0) return -1;
        i = end + 2;
      } else if (src.startsWith('//', i)) {
        const end = src.indexOf('\n', i);
        if (end < 0) return -1;
        i = end + 1;
      } else if (/\s/.test(c) || skip.includes(c)) i++;
      else return -1;
    }
    return -1;
  }

  /** `a + b` → `__mpkAd(a, b)`: array operands have their text measured, the string built is bounded. */
  private addition(node: AnyNode & { type: 'BinaryExpression' }): void {
    const op = this.findToken('+', node.left.end);
    if (op < 0 || this.source[op + 1] === '+' || this.source[op + 1] === '=') {
      this.wrap(node, '__mpkA(');
      return;
    }
    this.ms.appendRight(node.start, '__mpkAd(');
    this.ms.update(op, op + 1, ',');
    this.ms.prependLeft(node.end, ')');
  }

  /**
   * An operand an operator converts to a primitive (`a == 'x'`, `a < b`, `-a`, `k in o`): an array's
   * conversion is its text, exponential for arrays nested twice per level, so it is measured first
   * (`__mpkP`). Literals and results of other operators are primitives already.
   */
  private toPrimitive(node: AcornNode): void {
    if (PRIMITIVE_NODES.has(node.type)) return;
    this.wrap(node, '__mpkP(');
  }

  /** `x += v` builds a bounded string; `o.length = v` a bounded length. */
  private assignmentBudget(node: AnyNode & { type: 'AssignmentExpression' }): void {
    const left = node.left;
    if (node.operator === '+=') {
      if (left.type === 'Identifier') {
        const op = this.findToken('+=', left.end);
        if (op < 0) return;
        this.ms.update(op, op + 2, `= __mpkAd(${left.name}, (`);
        this.ms.prependLeft(node.end, '))');
        return;
      }
      if (left.type === 'MemberExpression') {
        // `o.k += v` → `__mpkS.pa(__mpkW(o), "k", v)`: the string is measured before it is stored.
        const object = left.object as AcornNode;
        const prop = left.property as AcornNode;
        const opener = left.computed ? this.findToken('[', object.end) : this.findToken('.', object.end);
        const close = left.computed ? this.findToken(']', prop.end) : prop.end - 1;
        const op = this.findToken('+=', close + 1);
        if (opener < 0 || close < 0 || op < 0 || left.optional) return;
        this.handled.add(left);
        this.ms.appendRight(node.start, '__mpkS.pa(');
        if (left.computed) {
          this.ms.update(opener, opener + 1, ', ');
          this.ms.update(close, op + 2, ', ');
        } else {
          const name = (prop as unknown as { name: string }).name;
          this.ms.update(opener, prop.end, `, ${JSON.stringify(name)}`);
          this.ms.update(op, op + 2, ', ');
        }
        this.ms.prependLeft(node.end, ')');
      }
      return;
    }
    if (left.type === 'MemberExpression' && isLengthMember(left)) {
      if (node.operator === '=') this.wrap(node.right, '__mpkL(');
      else this.wrapWhole(node, '__mpkL(');
    }
  }

  /** `o.length++` and friends: the new length is checked (after the write; the error stops the render). */
  private lengthUpdate(node: AnyNode): void {
    this.wrapWhole(node, '__mpkL(');
  }

  private wrapWhole(node: AcornNode, open: string): void {
    this.wrap(node, open);
  }

  /**
   * `o.name(…)` for a guarded name, and every computed call `o[k](…)`, become
   * `__mpkCall(o, key, [ … ])` (`__mpkCallO` in an optional chain: nothing for a null receiver).
   */
  private guardedCall(node: AnyNode & { type: 'CallExpression' }, parent: Parent): void {
    const callee = node.callee;
    if (callee.type !== 'MemberExpression' || callee.object.type === 'Super') return;
    const computed = callee.computed;
    const name = !computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
    if (!computed && (name === undefined || !GUARDED_CALLS.has(name))) {
      // A direct call: a native behind it converts array arguments to text or numbers (`s.indexOf(a)`,
      // `list.slice(a)`), so they are measured first.
      for (const arg of node.arguments) if (arg.type !== 'SpreadElement') this.toPrimitive(arg as AcornNode);
      return;
    }
    if (computed && callee.property.type === 'Literal' && typeof callee.property.value === 'string' && !GUARDED_CALLS.has(callee.property.value)) return;
    const object = callee.object as AcornNode;
    const prop = callee.property as AcornNode;
    const open = this.findToken('(', computed ? this.findToken(']', prop.end) + 1 : prop.end, '?.');
    const end = node.end - 1;
    if (open < 0 || this.source[end] !== ')' || (computed && this.findToken(']', prop.end) < 0)) return;
    const inChain = this.chainLinks.has(node);
    const optionalAt0 = this.findToken('?.', object.end, ')');
    if (computed ? this.findToken('[', optionalAt0 >= 0 ? optionalAt0 + 2 : object.end, ')') < 0 : optionalAt0 < 0 && this.findToken('.', object.end, ')') < 0) return;
    this.handled.add(callee);
    this.ms.appendRight(node.start, inChain ? '__mpkCallO(' : '__mpkCall(');
    // The object keeps its own text, closing parentheses included: the rewrite starts at `.`, `?.` or `[`.
    const optionalAt = this.findToken('?.', object.end, ')');
    if (computed) {
      const bracket = this.findToken('[', optionalAt >= 0 ? optionalAt + 2 : object.end, ')');
      if (bracket < 0) return;
      this.ms.update(optionalAt >= 0 ? optionalAt : bracket, bracket + 1, ', ');
      this.ms.update(prop.end, open + 1, ', [');
    } else {
      const dot = optionalAt >= 0 ? optionalAt : this.findToken('.', object.end, ')');
      if (dot < 0) return;
      this.ms.update(dot, open + 1, `, ${JSON.stringify(name)}, [`);
    }
    this.ms.update(end, end + 1, inChain && node.optional ? '], true)' : '])');
    // Later links of the chain see what the null-safe call returns.
    if (inChain && parent !== undefined && this.chainLinks.has(parent) && !(parent as { optional?: boolean }).optional) {
      if (parent.type === 'MemberExpression' && !parent.computed) {
        const dot = this.findToken('.', node.end);
        if (dot >= 0) this.ms.update(dot, dot + 1, '?.');
      } else if (parent.type === 'MemberExpression') {
        const bracket = this.findToken('[', node.end);
        if (bracket >= 0) this.ms.appendRight(bracket, '?.');
      } else if (parent.type === 'CallExpression') {
        const paren = this.findToken('(', node.end, '');
        if (paren >= 0) this.ms.appendRight(paren, '?.');
      }
    }
  }

  /** Destructuring/for-in targets must be plain names: a member target would skip the write guards. */
  private checkTargets(pattern: Pattern): void {
    switch (pattern.type) {
      case 'MemberExpression':
        this.report.error(C.SJS_UNSUPPORTED_TARGET, pattern.start, 'Assign to a variable here, not to a property');
        break;
      case 'ObjectPattern':
        for (const p of pattern.properties) this.checkTargets(p.type === 'RestElement' ? p.argument : p.value);
        break;
      case 'ArrayPattern':
        for (const e of pattern.elements) if (e) this.checkTargets(e);
        break;
      case 'RestElement':
        this.checkTargets(pattern.argument);
        break;
      case 'AssignmentPattern':
        this.checkTargets(pattern.left);
        break;
      default:
        break;
    }
  }

  /** Free names must be SJS built-ins; import bindings and built-ins are read-only. */
  private checkNames(program: Program): string[] {
    const used = new Set<string>();
    let manager: ReturnType<typeof analyze>;
    try {
      manager = analyze(program as never, { ecmaVersion: 2024, sourceType: 'module' });
    } catch (e) {
      this.report.error(C.SJS_UNSUPPORTED, 0, `The module's names could not be analysed: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
    const global = manager.globalScope;
    for (const ref of global?.through ?? []) {
      const id = ref.identifier as unknown as { name: string; start: number };
      const name = id.name;
      if (isSjsGlobal(name)) {
        if (ref.isWrite()) this.report.error(C.SJS_READONLY, id.start, `The SJS built-in "${name}" cannot be assigned`);
        else if (SJS_PROVIDED_GLOBALS.includes(name)) used.add(name);
        continue;
      }
      if (name === 'arguments') {
        this.report.error(C.SJS_THIS_OUTSIDE_FUNCTION, id.start, '"arguments" is only available inside a function');
        continue;
      }
      if (name === 'eval') {
        // `eval` cannot even be declared in strict code: there is no way to give it a value.
        this.report.error(C.SJS_UNSUPPORTED, id.start, '"eval" is not available in SJS');
        continue;
      }
      const hint = SJS_GLOBAL_HINTS[name];
      if (!this.undefinedNames.has(name)) {
        this.undefinedNames.add(name);
        this.report.warning(C.SJS_FORBIDDEN_GLOBAL, id.start, `"${name}" is not defined in SJS; it is undefined here${hint ? ` (${hint})` : ''}`);
      }
    }
    for (const scope of manager.scopes) {
      for (const v of scope.variables) {
        if (v.defs[0]?.type !== 'ImportBinding') continue;
        for (const ref of v.references) {
          if (ref.isWrite()) {
            const id = ref.identifier as unknown as { start: number };
            this.report.error(C.SJS_READONLY, id.start, `The import "${v.name}" cannot be assigned`);
          }
        }
      }
    }
    this.guardMethodBindings(manager);
    return SJS_PROVIDED_GLOBALS.filter((g) => used.has(g));
  }

  /**
   * What a `catch` receives passes through `__mpkCaught` first: an error the host's engine made
   * carries a stack that names the host's files and frames; SJS gets the package's frames only
   * (view/error-stack.ts), as the app and the host do. A destructuring parameter becomes a `let`
   * of the cleaned value (its own rewrites kept: magic-string's slice has them).
   */
  private guardCatches(): void {
    for (const clause of this.catches) {
      const param = clause.param;
      const at = clause.body.start + 1;
      if (param.type === 'Identifier') {
        this.ms.appendRight(at, ` ${param.name} = __mpkCaught(${param.name});`);
      } else {
        const pattern = this.ms.slice(param.start, param.end);
        this.ms.overwrite(param.start, param.end, '__mpkCE');
        this.ms.appendRight(at, ` let ${pattern} = __mpkCaught(__mpkCE);`);
      }
    }
  }

  private guardMemberConversions(): void {
    for (const { node, target } of this.memberConversions) {
      // The member's text with its own rewrites (a write guard on its object); the wrap goes outside
      // every rewrite already at these positions.
      const read = this.ms.slice(target.start, target.end);
      this.ms.prependRight(node.start, `(__mpkP(${read}), `);
      this.ms.appendLeft(node.end, ')');
    }
  }

  /** Wraps every plain read of a variable bound from a method-named key (see methodBindings). */
  private guardMethodBindings(manager: ReturnType<typeof analyze>): void {
    if (this.methodBindings.size === 0) return;
    for (const scope of manager.scopes) {
      for (const v of scope.variables) {
        const bound = v.identifiers.some((id) => this.methodBindings.has((id as unknown as { start: number }).start));
        if (!bound) continue;
        for (const ref of v.references) {
          if (!ref.isReadOnly()) continue;
          const id = ref.identifier as unknown as AcornNode & { name: string };
          if (this.shorthandValues.has(id.start)) {
            // `{ indexOf }` in an object literal: the key stays, the value is guarded.
            this.ms.appendRight(id.start, `${id.name}: __mpkVV(`);
            this.ms.prependLeft(id.end, ')');
          } else {
            this.wrap(id, '__mpkVV(');
          }
        }
      }
    }
  }

  /** Follows imports from each dependency; reports the import through which this module is reached again. */
  private checkCycles(): void {
    for (const dep of this.dependencies.values()) {
      const seen = new Set<string>([dep.file]);
      const queue = [dep.file];
      let cycle = false;
      for (let i = 0; i < queue.length; i++) {
        const f = queue[i];
        this.allDeps.add(f);
        const text = this.host.read(f);
        if (text === undefined) continue;
        for (const request of sjsFacts(text).requests) {
          const next = this.host.resolve(f, request);
          if (next === undefined || !next.endsWith('.sjs')) continue;
          if (next === this.file) cycle = true;
          else if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      if (cycle || dep.file === this.file) {
        this.report.error(C.SJS_IMPORT_CYCLE, dep.at, `Importing "${dep.file}" leads back to ${this.file}`);
      }
    }
    this.allDeps.delete(this.file);
  }
}

/** `name.key` or `this.key` (not computed, not `length`): reading it again has no effect of its own. */
function isPlainMember(node: AnyNode): boolean {
  if (node.type !== 'MemberExpression' || node.computed || node.optional) return false;
  if (node.object.type !== 'Identifier' && node.object.type !== 'ThisExpression') return false;
  return !(node.property.type === 'Identifier' && node.property.name === 'length');
}

function isLengthMember(node: MemberExpression): boolean {
  return !node.computed && node.property.type === 'Identifier' && node.property.name === 'length';
}

function tokenizeAll(source: string, out: Token[]): void {
  for (const token of tokenizer(source, ACORN_OPTIONS)) out.push(token);
}

function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}
