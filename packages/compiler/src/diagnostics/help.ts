/**
 * What tools print next to a code: its one-line description (the README table's "meaning") and
 * where it is documented. The project has no website: the documentation of record is the README
 * that ships with this package, where every code's table row carries an anchor (`<a id="mpk1001">`).
 * `anchor` names it package-relative (`@mpk/compiler/README.md#mpk1001`, valid wherever the package
 * is installed); `uri` is the absolute `file://` URL of that README on this machine, resolved at run
 * time (SARIF's helpUri must be absolute).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ALL_CODES } from './codes.ts';
import type { Severity } from './diagnostic.ts';
import { TEMPLATE_CODES } from '../template/codes.ts';
import { SJS_CODES } from '@mpk/runtime/view-form';

export interface CodeHelp {
  code: string;
  severity: Severity;
  /** One line: the README table's "meaning". */
  description: string;
  /** `@mpk/compiler/README.md#mpk1001`. */
  anchor: string;
  /** `file:///…/@mpk/compiler/README.md#mpk1001`. */
  uri: string;
}

const PACKAGE_NAME = '@mpk/compiler';

let root: { dir: string; version: string } | undefined;

/** This package's directory and version, found by walking up from this module (works from src/ and dist/). */
function packageRoot(): { dir: string; version: string } {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME) return (root = { dir, version: pkg.version ?? '0.0.0' });
    } catch {
      /* no package.json here */
    }
    const up = path.dirname(dir);
    if (up === dir) return (root = { dir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), version: '0.0.0' });
    dir = up;
  }
}

/** The version in @mpk/compiler's package.json. */
export function compilerVersion(): string {
  return packageRoot().version;
}

/** `file://` URL of the README.md installed with this package (optionally with `#fragment`). */
export function compilerReadmeUri(fragment?: string): string {
  const url = pathToFileURL(path.join(packageRoot().dir, 'README.md'));
  if (fragment) url.hash = fragment;
  return url.href;
}

/** `MPK1001` → `mpk1001`: the id of the code's row in the README. */
export function codeAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

let byCode: Map<string, { code: string; severity: Severity; description: string }> | undefined;

/** Every documented code: project/style/logic/package, templates and expressions, SJS. */
export function allDiagnosticCodes(): ReadonlyArray<{ code: string; severity: Severity; description: string }> {
  return [...ALL_CODES, ...TEMPLATE_CODES, ...SJS_CODES];
}

/** Description and documentation links of `code`; undefined for a code this compiler does not define. */
export function codeHelp(code: string): CodeHelp | undefined {
  byCode ??= new Map(allDiagnosticCodes().map((c) => [c.code, c]));
  const info = byCode.get(code);
  if (!info) return undefined;
  const anchor = codeAnchor(code);
  return { code, severity: info.severity, description: info.description, anchor: `${PACKAGE_NAME}/README.md#${anchor}`, uri: compilerReadmeUri(anchor) };
}
