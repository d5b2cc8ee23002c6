/**
 * What an .sjs module exports and imports, read from its syntax tree without compiling it.
 * The template compiler checks `<import-sjs name="{ a }">` against it; the SJS compiler checks
 * `import { a } from './x.sjs'` and follows imports to find cycles. Cached by content.
 */
import { parse, type Options, type Pattern, type Program } from 'acorn';

export const ACORN_OPTIONS: Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  allowHashBang: false,
  allowReturnOutsideFunction: false,
  allowImportExportEverywhere: false,
  allowAwaitOutsideFunction: false,
  // eslint-scope reads `range`.
  ranges: true,
};

export interface SjsFacts {
  /** False when the module does not parse: nothing is known about it. */
  ok: boolean;
  hasDefault: boolean;
  /** Named exports (not `default`). */
  names: string[];
  /** `export * from`: the module may export more names than `names`. */
  star: boolean;
  /** Every module request in `import … from` and `export … from`, in source order. */
  requests: string[];
}

const cache = new Map<string, SjsFacts>();
const CACHE_LIMIT = 2000;

export function parseSjs(source: string): Program {
  return parse(source, ACORN_OPTIONS);
}

export function factsOf(program: Program): SjsFacts {
  const facts: SjsFacts = { ok: true, hasDefault: false, names: [], star: false, requests: [] };
  for (const stmt of program.body) {
    switch (stmt.type) {
      case 'ImportDeclaration':
        facts.requests.push(String(stmt.source.value));
        break;
      case 'ExportDefaultDeclaration':
        facts.hasDefault = true;
        break;
      case 'ExportAllDeclaration':
        facts.requests.push(String(stmt.source.value));
        if (stmt.exported) facts.names.push(exportName(stmt.exported));
        else facts.star = true;
        break;
      case 'ExportNamedDeclaration':
        if (stmt.source) facts.requests.push(String(stmt.source.value));
        if (stmt.declaration) {
          const d = stmt.declaration;
          if (d.type === 'VariableDeclaration') {
            for (const decl of d.declarations) collectPatternNames(decl.id, facts.names);
          } else if ('id' in d && d.id) {
            facts.names.push(d.id.name);
          }
        }
        for (const spec of stmt.specifiers) {
          const name = exportName(spec.exported);
          if (name === 'default') facts.hasDefault = true;
          else facts.names.push(name);
        }
        break;
      default:
        break;
    }
  }
  return facts;
}

export function exportName(node: { type: string; name?: string; value?: unknown }): string {
  return node.type === 'Identifier' ? (node.name as string) : String(node.value);
}

/** Names bound by a declaration pattern (`const { a, b: [c] } = …` binds a and c). */
export function collectPatternNames(pattern: Pattern, out: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) collectPatternNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) collectPatternNames(e, out);
      break;
    case 'RestElement':
      collectPatternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      collectPatternNames(pattern.left, out);
      break;
    default:
      break;
  }
}

export function sjsFacts(source: string): SjsFacts {
  const hit = cache.get(source);
  if (hit) return hit;
  let facts: SjsFacts;
  try {
    facts = factsOf(parseSjs(source));
  } catch {
    facts = { ok: false, hasDefault: false, names: [], star: false, requests: [] };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, facts);
  return facts;
}
