/**
 * The file-level part of an AXML file: `<import>`, `<include>`, `<import-sjs>` and
 * `<template name>` wherever they appear (they are hoisted, AD fw/AXML/引用.md, 引入 SJS.md),
 * resolved against the project, with the platform's binding rules and cycle checks.
 */
import { isReservedProperty, SIMPLE_IDENTIFIER } from '../expression/index.ts';
import { sjsFacts } from '@mpk/runtime/view-form';
import * as C from './codes.ts';
import type { SafeHost } from './host.ts';
import { getAttr, type AttrNode, type ElementNode, type TemplateNode } from './parse.ts';
import type { Reporter } from './report.ts';
import { scanAxml } from './scan.ts';

export interface SjsBinding {
  /** Name used in expressions. */
  local: string;
  /** `default`, or the exported name. */
  exported: string;
  file: string;
}

export interface Declarations {
  /** Resolved `<import>` targets in document order (duplicates kept once). */
  imports: string[];
  /** Resolved target of each `<include>` (undefined when it could not be resolved). */
  includes: Map<ElementNode, string | undefined>;
  /** `<template name>` definitions; the last definition of a name wins. */
  templates: Map<string, ElementNode>;
  /** Every SJS module the file binds, in document order. */
  sjsFiles: string[];
  /** Final bindings after the collision rules, by local name. */
  bindings: Map<string, SjsBinding>;
  /** Every other file read. */
  deps: Set<string>;
  /** Template names visible through `<import>` (for the unknown-template warning). */
  importedTemplateNames: Set<string>;
}

/** Names an expression cannot use as identifiers, so they cannot be SJS bindings either. */
const NOT_BINDABLE = new Set([
  'true', 'false', 'null', 'undefined', 'this', 'new', 'function', 'class', 'async', 'import', 'typeof',
  'delete', 'void', 'in', 'instanceof', 'await', 'super', 'yield',
]);

function validName(name: string): boolean {
  return SIMPLE_IDENTIFIER.test(name) && !NOT_BINDABLE.has(name) && !isReservedProperty(name);
}

interface RawBinding extends SjsBinding {
  attr: AttrNode;
}

export function collectDeclarations(file: string, tree: TemplateNode[], host: SafeHost, report: Reporter): Declarations {
  const decl: Declarations = {
    imports: [],
    includes: new Map(),
    templates: new Map(),
    sjsFiles: [],
    bindings: new Map(),
    deps: new Set(),
    importedTemplateNames: new Set(),
  };
  const rawBindings: RawBinding[] = [];
  const hops: Array<{ target: string; node: ElementNode; kind: 'import' | 'include' }> = [];

  const resolveAxml = (node: ElementNode): string | undefined => {
    const src = getAttr(node, 'src');
    const request = src?.value?.trim();
    if (!src || !request) {
      report.error(C.MISSING_SRC, node.start, `<${node.tag}> needs a src attribute`);
      return undefined;
    }
    const target = host.resolve(file, request);
    if (target === undefined || host.read(target) === undefined) {
      report.error(C.INCLUDE_NOT_FOUND, src.valueStart, `Cannot find "${request}" (from <${node.tag}> in ${file})`);
      return undefined;
    }
    decl.deps.add(target);
    if (!target.endsWith('.axml')) {
      report.error(C.NOT_AXML, src.valueStart, `<${node.tag}> must name an .axml file, not "${request}"`);
      return undefined;
    }
    hops.push({ target, node, kind: node.tag as 'import' | 'include' });
    return target;
  };

  const warnChildren = (node: ElementNode) => {
    if (node.children.some((c) => c.type === 'element' || c.text.trim() !== '')) {
      report.warning(C.IGNORED_CHILDREN, node.start, `Content inside <${node.tag}> is ignored`);
    }
  };

  const visit = (nodes: TemplateNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      switch (node.tag) {
        case 'import': {
          warnChildren(node);
          const target = resolveAxml(node);
          if (target && !decl.imports.includes(target)) decl.imports.push(target);
          continue;
        }
        case 'include':
          warnChildren(node);
          decl.includes.set(node, resolveAxml(node));
          continue;
        case 'import-sjs':
          warnChildren(node);
          importSjs(node);
          continue;
        case 'template': {
          const name = getAttr(node, 'name');
          if (!getAttr(node, 'is')) {
            if (!name || !name.value?.trim()) {
              report.error(C.TEMPLATE_WITHOUT_NAME, node.start, '<template> needs a name (to define it) or is (to use one)');
            } else {
              const n = name.value.trim();
              if (decl.templates.has(n)) {
                report.warning(C.DUPLICATE_TEMPLATE, name.start, `Template "${n}" is defined more than once in this file; the last one wins`);
              }
              decl.templates.set(n, node);
            }
          }
          break;
        }
        default:
          break;
      }
      visit(node.children);
    }
  };

  const importSjs = (node: ElementNode) => {
    const nameAttr = getAttr(node, 'name');
    const fromAttr = getAttr(node, 'from');
    const name = nameAttr?.value?.trim();
    const from = fromAttr?.value?.trim();
    if (!nameAttr || !name || !fromAttr || !from) {
      report.error(C.SJS_ATTRIBUTE_MISSING, node.start, '<import-sjs> needs both name and from');
      return;
    }
    const parsed = parseSjsNames(name);
    if (!parsed) {
      report.error(
        C.SJS_INVALID_NAME,
        nameAttr.valueStart,
        `<import-sjs name="${name}"> must be an identifier (/^[A-Za-z_][A-Za-z0-9_]*$/) or a list like "{ a, b: c }"`,
      );
      return;
    }
    const target = host.resolve(file, from);
    if (target === undefined || host.read(target) === undefined) {
      report.error(C.SJS_NOT_FOUND, fromAttr.valueStart, `Cannot find SJS module "${from}"`);
      return;
    }
    decl.deps.add(target);
    if (!target.endsWith('.sjs')) {
      report.error(C.SJS_NOT_SJS, fromAttr.valueStart, `<import-sjs from> must name an .sjs file, not "${from}"`);
      return;
    }
    if (!decl.sjsFiles.includes(target)) decl.sjsFiles.push(target);
    const facts = sjsFacts(host.read(target)!);
    const knows = facts.ok && !facts.star;
    for (const b of parsed) {
      // A named import the module does not export reads that property of its default export, as on the
      // platform (`<import-sjs name="{ fmt }">` of `export default { fmt }`): only without either is it undefined.
      const missing = b.exported === 'default' ? !facts.hasDefault : !facts.names.includes(b.exported) && !facts.hasDefault;
      if (knows && missing) {
        report.warning(
          C.SJS_MISSING_EXPORT,
          nameAttr.valueStart,
          b.exported === 'default'
            ? `"${from}" has no default export, so "${b.local}" is undefined`
            : `"${from}" does not export "${b.exported}" and has no default export, so "${b.local}" is undefined`,
        );
      }
      rawBindings.push({ ...b, file: target, attr: nameAttr });
    }
  };

  visit(tree);
  applyBindingRules(rawBindings, decl, report);
  checkCycles(file, hops, host, decl, report);
  for (const target of decl.imports) {
    const text = host.read(target);
    if (text !== undefined) for (const n of scanAxml(text).templateNames) decl.importedTemplateNames.add(n);
  }
  return decl;
}

/** `m` → default import; `{ a, b: c }` → named imports. Undefined when malformed. */
function parseSjsNames(name: string): Array<{ local: string; exported: string }> | undefined {
  if (!name.startsWith('{')) return validName(name) ? [{ local: name, exported: 'default' }] : undefined;
  if (!name.endsWith('}')) return undefined;
  const body = name.slice(1, -1).trim();
  if (!body) return [];
  const out: Array<{ local: string; exported: string }> = [];
  const entries = body.split(',');
  // One trailing comma is fine; an empty entry anywhere else is not.
  if (entries.length > 1 && entries[entries.length - 1].trim() === '') entries.pop();
  for (const entry of entries) {
    const e = entry.trim();
    if (!e) return undefined;
    const m = /^([^:]+?)\s*(?::\s*(.+))?$/.exec(e);
    if (!m) return undefined;
    const exported = m[1].trim();
    const local = (m[2] ?? m[1]).trim();
    if (!validName(exported) || !validName(local)) return undefined;
    out.push({ local, exported });
  }
  return out;
}

/**
 * AD fw/AXML/引入 SJS.md: a named import with the name of a default import hides the default
 * one in the whole file, whatever the order; two named imports of one name are an error.
 */
function applyBindingRules(raw: RawBinding[], decl: Declarations, report: Reporter): void {
  const named = new Map<string, RawBinding>();
  const defaults = new Map<string, RawBinding>();
  for (const b of raw) {
    const table = b.exported === 'default' ? defaults : named;
    const prior = table.get(b.local);
    if (prior) {
      report.error(C.SJS_DUPLICATE_NAME, b.attr.valueStart, `"${b.local}" is already bound by another <import-sjs>`);
      continue;
    }
    table.set(b.local, b);
  }
  for (const [local, b] of defaults) {
    if (named.has(local)) {
      report.warning(C.SJS_DEFAULT_OVERRIDDEN, b.attr.valueStart, `The named import "${local}" hides this default import in the whole file`);
      continue;
    }
    decl.bindings.set(local, { local, exported: 'default', file: b.file });
  }
  for (const [local, b] of named) decl.bindings.set(local, { local, exported: b.exported, file: b.file });
}

/**
 * Reports each `<import>`/`<include>` of this file from which the file can be reached again,
 * and records every file reachable through imports and includes as a dependency.
 */
function checkCycles(
  file: string,
  hops: Array<{ target: string; node: ElementNode; kind: 'import' | 'include' }>,
  host: SafeHost,
  decl: Declarations,
  report: Reporter,
): void {
  const edges = new Map<string, string[]>();
  const edgesOf = (f: string): string[] => {
    let e = edges.get(f);
    if (e) return e;
    e = [];
    const text = host.read(f);
    if (text !== undefined) {
      const facts = scanAxml(text);
      for (const request of [...facts.imports, ...facts.includes]) {
        const t = host.resolve(f, request);
        if (t !== undefined && t.endsWith('.axml') && host.read(t) !== undefined && !e.includes(t)) e.push(t);
      }
    }
    edges.set(f, e);
    return e;
  };

  for (const hop of hops) {
    if (hop.target === file) {
      report.error(C.INCLUDE_CYCLE, hop.node.start, `<${hop.kind}> names this file itself`);
      continue;
    }
    // Breadth-first over everything reachable: the first edge back to `file` closes a
    // shortest cycle, and every visited file is a dependency.
    const parent = new Map<string, string | null>([[hop.target, null]]);
    const queue = [hop.target];
    let last: string | undefined;
    for (let i = 0; i < queue.length; i++) {
      const f = queue[i];
      decl.deps.add(f);
      for (const next of edgesOf(f)) {
        if (next === file) {
          last ??= f;
        } else if (!parent.has(next)) {
          parent.set(next, f);
          queue.push(next);
        }
      }
    }
    if (last === undefined) continue;
    const chain: string[] = [];
    for (let cur: string | null | undefined = last; cur; cur = parent.get(cur)) chain.push(cur);
    const path = [file, ...chain.reverse(), file];
    report.error(C.INCLUDE_CYCLE, hop.node.start, `<${hop.kind}> leads back to this file: ${path.join(' → ')}`);
  }
  decl.deps.delete(file);
}
