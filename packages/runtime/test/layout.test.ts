/**
 * The trust boundary in the layout (README "Layout"): each folder of src/ runs in one realm, and
 * what a realm may import says what can cross. Guest code is bundled into the sandbox: it may
 * import only guest/ and contract/ (no host module, no npm package); contract/ is plain data and
 * types both sides share, so it imports nothing else; renderers draw what the view engine sends and
 * never reach into the sandbox.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : /\.ts$/.test(e.name) ? [full] : [];
  });
}

/** Every module specifier of a file: static imports and re-exports, dynamic imports, `new URL(…)` of modules. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gms,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew URL\(\s*['"](\.[^'"]+\.ts)['"]/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

/** The realm folder (first segment under src/) a specifier of `file` lands in, or the bare package name. */
function targetOf(file: string, spec: string): string {
  if (!spec.startsWith('.')) return `package:${spec}`;
  const rel = path.relative(SRC, path.resolve(path.dirname(file), spec));
  if (rel.startsWith('..')) return `outside:${rel}`;
  return rel.split(path.sep)[0]!;
}

function violations(realm: string, allowed: (target: string) => boolean): string[] {
  const bad: string[] = [];
  for (const file of filesUnder(path.join(SRC, realm))) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const target = targetOf(file, spec);
      if (!allowed(target)) bad.push(`${path.relative(SRC, file)} imports ${spec} (${target})`);
    }
  }
  return bad;
}

describe('the runtime layout keeps the realms apart', () => {
  it('the realms exist as folders', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const realm of ['contract', 'guest', 'sandbox', 'view', 'renderers', 'adapters']) expect(folders).toContain(realm);
    expect(folders).not.toContain('host');
    expect(folders).not.toContain('logic');
  });

  it('guest code (bundled into the sandbox) imports only guest/ and contract/', () => {
    expect(filesUnder(path.join(SRC, 'guest')).length).toBeGreaterThan(10);
    expect(violations('guest', (t) => t === 'guest' || t === 'contract')).toEqual([]);
  });

  it('contract/ imports only contract/', () => {
    expect(violations('contract', (t) => t === 'contract')).toEqual([]);
  });

  it('nothing but the sandbox reaches guest/ (it is code for the other side, bundled there)', () => {
    const bad: string[] = [];
    for (const realm of readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'guest' && e.name !== 'sandbox')) {
      bad.push(...violations(realm.name, (t) => t !== 'guest'));
    }
    expect(bad).toEqual([]);
  });

  it('renderers never reach the sandbox, the guest or the adapters', () => {
    expect(violations('renderers', (t) => !['sandbox', 'guest', 'adapters', 'container'].includes(t))).toEqual([]);
  });

  it('the guard sees a violation (a check that cannot fail is no check)', () => {
    const fake = path.join(SRC, 'guest', 'x.ts');
    expect(specifiers(`import { a } from '../adapters/ui.ts';\nexport { b } from "../contract/protocol.ts";\nconst m = await import('node:fs');`)).toEqual([
      '../adapters/ui.ts',
      '../contract/protocol.ts',
      'node:fs',
    ]);
    expect(targetOf(fake, '../adapters/ui.ts')).toBe('adapters');
    expect(targetOf(fake, 'node:fs')).toBe('package:node:fs');
  });
});
