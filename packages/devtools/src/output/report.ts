/**
 * Diagnostics for people and for CI: `mpk check --format text|json|sarif|github|junit` and the
 * diagnostics of `mpk build` (text, or inside `mpk build --json`).
 *
 * The compiler stores `Diagnostic.file` relative to the mini-program root; here, at the output
 * boundary, each path becomes relative to the directory the user ran mpk in (or `--root`), so an
 * editor, a terminal or a CI annotation finds the file from there (a monorepo's checkout root).
 *
 * Positions: a diagnostic with a position has 1-based start and end (end = start when the compiler
 * does not know the span; columns in UTF-16 code units). One without (a missing file, the whole
 * project) has no position at all in any format: no line/column keys in JSON, no SARIF region,
 * no line= in a GitHub annotation — never the `line: 0` the compiler uses internally.
 *
 * Messages, file names and code frames come from the project (untrusted). Each format makes them
 * inert for what reads it: JSON and SARIF through JSON.stringify plus \u escapes for the C1
 * controls, bidi overrides and line separators it leaves raw (so `cat report.json` cannot drive a
 * terminal); XML by escaping markup characters and replacing the control characters XML 1.0
 * forbids (not even as character references) with visible escapes; GitHub workflow commands by the
 * runner's own escaping (%25, %0D, %0A; also %3A and %2C in properties) after terminalText; the text
 * format through terminalDiagnostic.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeHelp, compilerReadmeUri, compilerVersion, formatDiagnostic, summarizeDiagnostics, type CodeHelp, type Diagnostic } from '@mpk/compiler';
import { devtoolsVersion } from '../cli/version.ts';
import { terminalDiagnostic, terminalText } from './terminal.ts';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportContext {
  /** Absolute project directory (the one mpk was given). */
  projectDir: string;
  /** Absolute mini-program root (BuildResult.root); default `projectDir`. */
  root?: string;
  /** Absolute directory paths are shown relative to: the user's working directory or `--root`. */
  base: string;
}

export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A diagnostic as every format shows it: its path from `base`, its position (if any), its help. */
export interface PlacedDiagnostic {
  diagnostic: Diagnostic;
  /** `base`-relative POSIX path (`../x` when outside it); the project directory with a trailing `/` for a project-wide problem. */
  path: string;
  absolute: string;
  /** True for a diagnostic about the whole project (Diagnostic.file ''). */
  project: boolean;
  region?: Region;
  help?: CodeHelp;
}

export interface Summary {
  errors: number;
  warnings: number;
  /** Distinct files with at least one diagnostic (the project itself not counted). */
  files: number;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A path relative to `base`, POSIX separators; `.` for `base` itself; absolute on another drive. */
export function relativePath(base: string, absolute: string): string {
  const rel = path.relative(base, absolute);
  if (rel === '') return '.';
  return path.isAbsolute(rel) ? toPosix(absolute) : toPosix(rel);
}

export function placeDiagnostics(diagnostics: readonly Diagnostic[], context: ReportContext): PlacedDiagnostic[] {
  const root = context.root ?? context.projectDir;
  const where = new Map<string, string>();
  const absoluteOf = (file: string): string => {
    let abs = where.get(file);
    if (abs === undefined) {
      // Project paths start at the mini-program root; mini.project.json (and node_modules outside
      // that root) live in the project directory.
      const inRoot = path.resolve(root, file);
      const inProject = path.resolve(context.projectDir, file);
      abs = inRoot !== inProject && !existsSync(inRoot) && existsSync(inProject) ? inProject : inRoot;
      where.set(file, abs);
    }
    return abs;
  };
  return diagnostics.map((d) => {
    const project = d.file === '';
    const absolute = project ? context.projectDir : absoluteOf(d.file);
    const rel = relativePath(context.base, absolute);
    const placed: PlacedDiagnostic = { diagnostic: d, path: project ? (rel === '.' ? './' : `${rel}/`) : rel, absolute, project };
    if (d.line > 0) {
      const startColumn = d.column > 0 ? d.column : 1;
      const hasEnd = d.endLine !== undefined && d.endColumn !== undefined && (d.endLine > d.line || (d.endLine === d.line && d.endColumn >= startColumn));
      placed.region = { startLine: d.line, startColumn, endLine: hasEnd ? d.endLine! : d.line, endColumn: hasEnd ? d.endColumn! : startColumn };
    }
    const help = codeHelp(d.code);
    if (help) placed.help = help;
    return placed;
  });
}

export function summarize(placed: readonly PlacedDiagnostic[]): Summary {
  const errors = placed.filter((p) => p.diagnostic.severity === 'error').length;
  return { errors, warnings: placed.length - errors, files: new Set(placed.filter((p) => !p.project).map((p) => p.path)).size };
}

export function toolInfo(): { name: string; version: string; compilerVersion: string } {
  return { name: 'mpk', version: devtoolsVersion(), compilerVersion: compilerVersion() };
}

/** README of the package with the docs of a code, as an absolute URI (the `#mpkNNNN` anchor of its table row). */
function helpUri(p: PlacedDiagnostic): string {
  return p.help?.uri ?? compilerReadmeUri();
}

// ── text ─────────────────────────────────────────────────────────────────────────────────────

/** `4 errors in 3 files`, `1 warning in 1 file`, `no problems`. */
export function summaryLine(placed: readonly PlacedDiagnostic[]): string {
  const summary = summarize(placed);
  const counts = summarizeDiagnostics(placed.map((p) => p.diagnostic));
  return summary.files > 0 ? `${counts} in ${summary.files} file${summary.files === 1 ? '' : 's'}` : counts;
}

/** The terminal form: one block per diagnostic (header and code frame), then the summary line. */
export function formatText(placed: readonly PlacedDiagnostic[], color: boolean): string {
  let out = '';
  for (const p of placed) {
    // Messages, file names and code frames come from the project: terminal-safe before colouring.
    out += `${formatDiagnostic(terminalDiagnostic({ ...p.diagnostic, file: p.path }), { color })}\n\n`;
  }
  return `${out}${summaryLine(placed)}\n`;
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────

/** What JSON.stringify leaves raw that a terminal or a text viewer would act on: C1 controls, bidi controls, line separators. */
const JSON_INERT = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** JSON text whose strings cannot drive a terminal (these characters only occur inside strings). */
export function inertJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_INERT, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface JsonDiagnostic {
  code: string;
  severity: Diagnostic['severity'];
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  frame?: string;
  /** The code's description (the README table's "meaning"). */
  help?: string;
  /** `@mpk/compiler/README.md#mpk1001`: the code's row in the README that ships with the compiler. */
  helpAnchor?: string;
  /** The same as an absolute `file://` URI on this machine. */
  helpUri: string;
}

export function jsonDiagnostics(placed: readonly PlacedDiagnostic[]): JsonDiagnostic[] {
  return placed.map((p) => {
    const d = p.diagnostic;
    const r = p.region;
    return {
      code: d.code,
      severity: d.severity,
      file: p.path,
      ...(r ? { line: r.startLine, column: r.startColumn, endLine: r.endLine, endColumn: r.endColumn } : {}),
      message: d.message,
      ...(d.frame !== undefined ? { frame: d.frame } : {}),
      ...(p.help ? { help: p.help.description, helpAnchor: p.help.anchor } : {}),
      helpUri: helpUri(p),
    };
  });
}

/** `mpk check --format json`: tool, summary, then the diagnostics (last). */
export function formatJson(placed: readonly PlacedDiagnostic[]): string {
  return `${inertJson({ tool: toolInfo(), summary: summarize(placed), diagnostics: jsonDiagnostics(placed) })}\n`;
}

// ── SARIF 2.1.0 ──────────────────────────────────────────────────────────────────────────────

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A relative POSIX path as a URI reference: each segment percent-encoded (spaces, %, #, ?, non-ASCII…). */
function uriReference(posixPath: string): string {
  return posixPath
    .replace(LONE_SURROGATE, '\ufffd')
    .split('/')
    .map((segment) => (segment === '.' || segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
}

const SRCROOT = '%SRCROOT%';

function artifactLocation(p: PlacedDiagnostic, base: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(base, p.absolute);
  // Outside `base`: an absolute file URI (a relative one would climb out of %SRCROOT%).
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    const href = pathToFileURL(p.absolute.replace(LONE_SURROGATE, '\ufffd')).href;
    return { uri: p.project ? `${href.replace(/\/$/, '')}/` : href };
  }
  return { uri: uriReference(p.path), uriBaseId: SRCROOT };
}

export function formatSarif(placed: readonly PlacedDiagnostic[], context: ReportContext): string {
  const tool = toolInfo();
  const ruleIndex = new Map<string, number>();
  const rules: unknown[] = [];
  for (const p of placed) {
    const code = p.diagnostic.code;
    if (ruleIndex.has(code)) continue;
    ruleIndex.set(code, rules.length);
    const description = p.help?.description ?? `mpk diagnostic ${code}`;
    rules.push({
      id: code,
      shortDescription: { text: description },
      help: { text: `${description} See ${p.help?.anchor ?? '@mpk/compiler/README.md'}.` },
      helpUri: helpUri(p),
      defaultConfiguration: { level: (p.help?.severity ?? p.diagnostic.severity) === 'error' ? 'error' : 'warning' },
    });
  }
  const results = placed.map((p) => {
    const d = p.diagnostic;
    const physicalLocation: Record<string, unknown> = { artifactLocation: artifactLocation(p, context.base) };
    if (p.region) physicalLocation.region = { ...p.region };
    return {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code)!,
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: d.message },
      locations: [{ physicalLocation }],
    };
  });
  const baseUri = pathToFileURL(context.base.replace(LONE_SURROGATE, '\ufffd')).href.replace(/\/?$/, '/');
  const log = {
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: compilerReadmeUri('diagnostics'),
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: baseUri } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${inertJson(log)}\n`;
}

// ── GitHub workflow commands ─────────────────────────────────────────────────────────────────

/** The runner's escaping of a command's message (data). */
function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The runner's escaping of a property value (also `:` and `,`, which end a property). */
function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error file=app.json,line=3,col=20,endLine=3,endColumn=41,title=MPK1035::message` per
 * diagnostic (warnings as ::warning), then a plain summary line. App text goes through terminalText
 * first (the log viewer renders escape sequences), then the runner's escaping: a message can never
 * end the command or start another one.
 */
export function formatGithub(placed: readonly PlacedDiagnostic[]): string {
  let out = '';
  for (const p of placed) {
    const d = p.diagnostic;
    const props: string[] = [];
    if (!p.project) props.push(`file=${githubProperty(terminalText(p.path, { multiline: false }))}`);
    if (p.region) {
      props.push(`line=${p.region.startLine}`, `col=${p.region.startColumn}`, `endLine=${p.region.endLine}`, `endColumn=${p.region.endColumn}`);
    }
    props.push(`title=${githubProperty(d.code)}`);
    const message = p.project ? `${p.path}: ${d.message}` : d.message;
    out += `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${githubData(terminalText(message))}\n`;
  }
  return `${out}mpk: ${summaryLine(placed)}\n`;
}

// ── JUnit XML ────────────────────────────────────────────────────────────────────────────────

/** Characters XML 1.0 cannot carry at all (not even as &#…; references): most C0 controls, U+FFFE/U+FFFF, lone surrogates. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Allowed but acted on by terminals and text viewers: written as character references. */
const XML_INERT = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const XML_MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function visibleEscape(ch: string): string {
  if (ch === '\u001b') return '\\x1b';
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text content or (with `attribute`) an attribute value, escaped for XML 1.0. */
export function xmlEscape(text: string, attribute = false): string {
  let out = text
    .replace(XML_FORBIDDEN, visibleEscape)
    .replace(/[&<>"']/g, (ch) => XML_MARKUP[ch]!)
    .replace(XML_INERT, (ch) => `&#x${ch.charCodeAt(0).toString(16)};`)
    .replace(/\r/g, '&#13;');
  // Attribute value normalisation would turn these into spaces.
  if (attribute) out = out.replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
  return out;
}

/**
 * JUnit XML: one <testsuite> per file with diagnostics (the project directory for project-wide
 * ones), one <testcase> per diagnostic; an error is a <failure>, a warning a passing test case with
 * the diagnostic in <system-out>. A project without problems is one suite with one passing case,
 * so CI shows a green test rather than none.
 */
export function formatJunit(placed: readonly PlacedDiagnostic[], context: ReportContext): string {
  const summary = summarize(placed);
  const suites = new Map<string, PlacedDiagnostic[]>();
  for (const p of placed) {
    const list = suites.get(p.path) ?? [];
    list.push(p);
    suites.set(p.path, list);
  }
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const a = (text: string) => xmlEscape(text, true);
  lines.push(`<testsuites name="mpk check" tests="${Math.max(placed.length, 1)}" failures="${summary.errors}" errors="0" time="0">`);
  if (placed.length === 0) {
    const name = relativePath(context.base, context.projectDir);
    lines.push(`  <testsuite name="${a(name)}" tests="1" failures="0" errors="0" skipped="0" time="0">`);
    lines.push(`    <testcase name="no problems" classname="${a(name)}" time="0"/>`);
    lines.push('  </testsuite>');
  }
  for (const [file, list] of suites) {
    const failures = list.filter((p) => p.diagnostic.severity === 'error').length;
    lines.push(`  <testsuite name="${a(file)}" tests="${list.length}" failures="${failures}" errors="0" skipped="0" time="0">`);
    for (const p of list) {
      const d = p.diagnostic;
      const at = p.region ? `${p.path}:${p.region.startLine}:${p.region.startColumn}` : p.path;
      const body = xmlEscape(`${at}  ${d.severity}  ${d.code}  ${d.message}${d.frame ? `\n${d.frame}` : ''}${p.help ? `\n${p.help.description} (${p.help.anchor})` : ''}`);
      lines.push(`    <testcase name="${a(`${d.code} ${at}`)}" classname="${a(file)}" time="0">`);
      if (d.severity === 'error') lines.push(`      <failure type="${a(d.code)}" message="${a(d.message)}">${body}</failure>`);
      else lines.push(`      <system-out>${body}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** The whole report in `format`. */
export function formatReport(format: ReportFormat, diagnostics: readonly Diagnostic[], context: ReportContext, color = false): string {
  const placed = placeDiagnostics(diagnostics, context);
  switch (format) {
    case 'text':
      return formatText(placed, color);
    case 'json':
      return formatJson(placed);
    case 'sarif':
      return formatSarif(placed, context);
    case 'github':
      return formatGithub(placed);
    case 'junit':
      return formatJunit(placed, context);
  }
}
